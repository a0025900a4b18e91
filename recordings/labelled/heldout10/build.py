#!/usr/bin/env python3
"""Generate the blind heldout10 labelled sessions (one JSON file per session).

Run: python3 build.py            -> writes every session defined below
     python3 build.py <id> ...   -> writes only those sessions
Each session is sanity-checked: turn count, secrets present in the turns,
each gold summary matching its own keywords, no gold summary tripping a dead end.
"""
import json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SESSIONS = {}


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=(), failure=False):
    g = {"kind": kind, "summary": summary, "all_of": list(all_of),
         "any_of": list(any_of), "files": list(files)}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": list(all_of)}


def session(fn):
    SESSIONS[fn.__name__] = fn
    return fn


FAIL_WORDS = ("failed", "abandoned", "reverted", "did not work", "didn't work", "dropped", "rejected")


def _matches(text, all_of, any_of=None):
    t = text.lower()
    if not all(k.lower() in t for k in all_of):
        return False
    return any_of is None or any(k.lower() in t for k in any_of)


def check(s):
    n = len(s["turns"])
    assert 15 <= n <= 45, (s["id"], "turn count", n)
    blob = "\n".join(t.get("text", "") + t.get("input", "") + t.get("output", "") for t in s["turns"])
    for sec in s.get("secrets", []):
        assert sec in blob, (s["id"], "secret missing", sec)
    for g in s["gold"]:
        assert g["kind"] in ("PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO")
        assert _matches(g["summary"], g["all_of"], g["any_of"]), (s["id"], "summary misses own keywords", g["summary"])
        assert len(g["summary"]) <= 160, (s["id"], "summary too long", g["summary"])
        for sec in s.get("secrets", []):
            assert sec not in g["summary"]
        if not g.get("failure"):
            for d in s.get("dead_ends", []):
                assert not _matches(g["summary"], d["all_of"]), (s["id"], "gold trips dead end", g["summary"], d)
    return n, len(blob)


def write(s):
    n, chars = check(s)
    path = os.path.join(HERE, s["id"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
        f.write("\n")
    kinds = {}
    for g in s["gold"]:
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(f"{s['id']}: {n} turns, {chars} chars (~{chars // 4} tokens), gold {kinds}, "
          f"dead_ends {len(s.get('dead_ends', []))}, secrets {len(s.get('secrets', []))}")


# ---------------------------------------------------------------------------
# 1. Java Quarkus + Panache  (chatty user)
# ---------------------------------------------------------------------------
QUARKUS_POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>orders-service</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <compiler-plugin.version>3.12.1</compiler-plugin.version>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <quarkus.platform.artifact-id>quarkus-bom</quarkus.platform.artifact-id>
    <quarkus.platform.group-id>io.quarkus.platform</quarkus.platform.group-id>
    <quarkus.platform.version>3.8.4</quarkus.platform.version>
    <skipITs>true</skipITs>
    <surefire-plugin.version>3.2.5</surefire-plugin.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>${quarkus.platform.group-id}</groupId>
        <artifactId>${quarkus.platform.artifact-id}</artifactId>
        <version>${quarkus.platform.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-hibernate-orm-panache</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-jdbc-postgresql</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-flyway</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-resteasy-reactive-jackson</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-smallrye-health</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-arc</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-junit5</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>io.rest-assured</groupId>
      <artifactId>rest-assured</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>${quarkus.platform.group-id}</groupId>
        <artifactId>quarkus-maven-plugin</artifactId>
        <version>${quarkus.platform.version}</version>
        <extensions>true</extensions>
        <executions>
          <execution>
            <goals>
              <goal>build</goal>
              <goal>generate-code</goal>
              <goal>generate-code-tests</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>${surefire-plugin.version}</version>
        <configuration>
          <systemPropertyVariables>
            <java.util.logging.manager>org.jboss.logmanager.LogManager</java.util.logging.manager>
          </systemPropertyVariables>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""

QUARKUS_RESOURCE = """package com.acme.orders.api;

import com.acme.orders.domain.Order;
import com.acme.orders.domain.OrderRepository;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/customers/{customerId}/orders")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerOrdersResource {

    @Inject
    OrderRepository orders;

    @GET
    @Transactional
    public List<Order> list(@PathParam("customerId") Long customerId) {
        return orders.list("customer.id = ?1 order by createdAt desc", customerId);
    }
}
"""

QUARKUS_ORDER = """package com.acme.orders.domain;

import jakarta.persistence.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orders_seq")
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    public Customer customer;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "total_cents")
    public long totalCents;

    @Column(name = "created_at")
    public Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<OrderLine> lines = new ArrayList<>();
}
"""

QUARKUS_REPO = """package com.acme.orders.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OrderRepository implements PanacheRepository<Order> {

    public List<Order> findOpenByCustomer(Long customerId) {
        return list("customer.id = ?1 and status = ?2", customerId, OrderStatus.OPEN);
    }

    public long countByStatus(OrderStatus status) {
        return count("status", status);
    }
}
"""

QUARKUS_PROPS = """quarkus.application.name=orders-service
quarkus.http.port=8080
quarkus.http.test-port=8081

quarkus.datasource.db-kind=postgresql
quarkus.hibernate-orm.database.generation=none
quarkus.flyway.migrate-at-start=true

# dev/test use Dev Services (testcontainers)
%dev.quarkus.hibernate-orm.log.sql=true
%test.quarkus.hibernate-orm.log.sql=true

%prod.quarkus.datasource.jdbc.url=jdbc:postgresql://orders-db.prod.acme.internal:5432/orders
%prod.quarkus.datasource.username=orders_app
%prod.quarkus.datasource.password=Rq8!zW3u-Tk6pNs2
%prod.quarkus.datasource.jdbc.max-size=30

quarkus.log.category."com.acme".level=DEBUG
"""


def _mvn_header(goal_phase="test"):
    return """[INFO] Scanning for projects...
[INFO] 
[INFO] ---------------------< com.acme:orders-service >----------------------
[INFO] Building orders-service 1.4.0-SNAPSHOT
[INFO]   from pom.xml
[INFO] --------------------------------[ jar ]---------------------------------
[INFO] 
[INFO] --- resources:3.3.1:resources (default-resources) @ orders-service ---
[INFO] Copying 9 resources from src/main/resources to target/classes
[INFO] 
[INFO] --- quarkus:3.8.4:generate-code (default) @ orders-service ---
[INFO] 
[INFO] --- compiler:3.12.1:compile (default-compile) @ orders-service ---
[INFO] Recompiling the module because of changed source code.
[INFO] Compiling 31 source files with javac [debug release 21] to target/classes
[INFO] 
[INFO] --- quarkus:3.8.4:generate-code-tests (default) @ orders-service ---
[INFO] 
[INFO] --- resources:3.3.1:testResources (default-testResources) @ orders-service ---
[INFO] Copying 2 resources from src/test/resources to target/test-classes
[INFO] 
[INFO] --- compiler:3.12.1:testCompile (default-testCompile) @ orders-service ---
[INFO] Recompiling the module because of changed dependency.
[INFO] Compiling 9 source files with javac [debug release 21] to target/test-classes
[INFO] 
[INFO] --- surefire:3.2.5:test (default-test) @ orders-service ---
[INFO] Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider
[INFO] 
[INFO] -------------------------------------------------------
[INFO]  T E S T S
[INFO] -------------------------------------------------------
"""


def _quarkus_boot(ts):
    return f"""{ts},102 INFO  [org.tes.DockerClientFactory] (build-21) Testcontainers version: 1.19.7
{ts},388 INFO  [org.tes.DockerClientFactory] (build-21) Connected to docker: 
  Server Version: 25.0.3
  API Version: 1.44
  Operating System: Ubuntu 22.04.4 LTS
  Total Memory: 15712 MB
{ts},911 INFO  [tc.doc.io/postgres:14] (build-21) Creating container for image: docker.io/postgres:14
{ts},977 INFO  [tc.doc.io/postgres:14] (build-21) Container docker.io/postgres:14 is starting: 4c1f0e2a9b7d
{ts},412 INFO  [tc.doc.io/postgres:14] (build-21) Container docker.io/postgres:14 started in PT1.498S
{ts},414 INFO  [io.qua.dev.pos.dep.PostgresqlDevServicesProcessor] (build-21) Dev Services for default datasource (postgresql) started - container ID is 4c1f0e2a9b7d
{ts},590 INFO  [org.fly.cor.int.lic.VersionPrinter] (main) Flyway Community Edition 10.8.1 by Redgate
{ts},603 INFO  [org.fly.cor.int.dat.bas.BaseDatabaseType] (main) Database: jdbc:postgresql://localhost:32781/quarkus (PostgreSQL 14.11)
{ts},655 INFO  [org.fly.cor.int.com.DbMigrate] (main) Current version of schema "public": << Empty Schema >>
{ts},671 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "1 - customers"
{ts},702 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "2 - orders"
{ts},731 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "3 - order lines"
{ts},754 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "4 - order status enum"
{ts},779 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "5 - products"
{ts},801 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "6 - test seed"
{ts},829 INFO  [org.fly.cor.int.com.DbMigrate] (main) Successfully applied 6 migrations to schema "public", now at version v6 (execution time 00:00.181s)
{ts},907 INFO  [io.quarkus] (main) orders-service 1.4.0-SNAPSHOT on JVM (powered by Quarkus 3.8.4) started in 6.214s. Listening on: http://localhost:8081
{ts},908 INFO  [io.quarkus] (main) Profile test activated. 
{ts},908 INFO  [io.quarkus] (main) Installed features: [agroal, cdi, flyway, hibernate-orm, hibernate-orm-panache, jdbc-postgresql, narayana-jta, resteasy-reactive, resteasy-reactive-jackson, smallrye-context-propagation, smallrye-health, vertx]
"""


def _lazy_trace():
    return """org.hibernate.LazyInitializationException: failed to lazily initialize a collection of role: com.acme.orders.domain.Order.lines: could not initialize proxy - no Session
	at org.hibernate.collection.spi.AbstractPersistentCollection.throwLazyInitializationException(AbstractPersistentCollection.java:635)
	at org.hibernate.collection.spi.AbstractPersistentCollection.withTemporarySessionIfNeeded(AbstractPersistentCollection.java:218)
	at org.hibernate.collection.spi.AbstractPersistentCollection.initialize(AbstractPersistentCollection.java:615)
	at org.hibernate.collection.spi.AbstractPersistentCollection.read(AbstractPersistentCollection.java:136)
	at org.hibernate.collection.spi.PersistentBag.iterator(PersistentBag.java:369)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serializeContents(CollectionSerializer.java:133)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:107)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:25)
	at com.fasterxml.jackson.databind.ser.BeanPropertyWriter.serializeAsField(BeanPropertyWriter.java:732)
	at com.fasterxml.jackson.databind.ser.std.BeanSerializerBase.serializeFields(BeanSerializerBase.java:770)
	at com.fasterxml.jackson.databind.ser.BeanSerializer.serialize(BeanSerializer.java:178)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serializeContents(CollectionSerializer.java:145)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:107)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:25)
	at com.fasterxml.jackson.databind.ser.DefaultSerializerProvider._serialize(DefaultSerializerProvider.java:479)
	at com.fasterxml.jackson.databind.ser.DefaultSerializerProvider.serializeValue(DefaultSerializerProvider.java:318)
	at com.fasterxml.jackson.databind.ObjectWriter$Prefetch.serialize(ObjectWriter.java:1572)
	at com.fasterxml.jackson.databind.ObjectWriter._writeValueAndClose(ObjectWriter.java:1273)
	at com.fasterxml.jackson.databind.ObjectWriter.writeValue(ObjectWriter.java:1098)
	at io.quarkus.resteasy.reactive.jackson.runtime.serialisers.FullyFeaturedServerJacksonMessageBodyWriter.doLegacyWrite(FullyFeaturedServerJacksonMessageBodyWriter.java:139)
	at io.quarkus.resteasy.reactive.jackson.runtime.serialisers.FullyFeaturedServerJacksonMessageBodyWriter.writeResponse(FullyFeaturedServerJacksonMessageBodyWriter.java:72)
	at org.jboss.resteasy.reactive.server.core.ServerSerialisers.invokeWriter(ServerSerialisers.java:226)
	at org.jboss.resteasy.reactive.server.core.ServerSerialisers.invokeWriter(ServerSerialisers.java:194)
	at org.jboss.resteasy.reactive.server.core.serialization.FixedEntityWriter.write(FixedEntityWriter.java:28)
	at org.jboss.resteasy.reactive.server.handlers.ResponseWriterHandler.handle(ResponseWriterHandler.java:34)
	at io.quarkus.resteasy.reactive.server.runtime.QuarkusResteasyReactiveRequestContext.invokeHandler(QuarkusResteasyReactiveRequestContext.java:147)
	at org.jboss.resteasy.reactive.common.core.AbstractResteasyReactiveContext.run(AbstractResteasyReactiveContext.java:147)
	at io.quarkus.vertx.core.runtime.VertxCoreRecorder$14.runWith(VertxCoreRecorder.java:599)
	at org.jboss.threads.EnhancedQueueExecutor$Task.doRunWith(EnhancedQueueExecutor.java:2516)
	at org.jboss.threads.EnhancedQueueExecutor$Task.run(EnhancedQueueExecutor.java:2495)
	at org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run(EnhancedQueueExecutor.java:1521)
	at org.jboss.threads.DelegatingRunnable.run(DelegatingRunnable.java:11)
	at org.jboss.threads.ThreadLocalResettingRunnable.run(ThreadLocalResettingRunnable.java:11)
	at io.netty.util.concurrent.FastThreadLocalRunnable.run(FastThreadLocalRunnable.java:30)
	at java.base/java.lang.Thread.run(Thread.java:1583)
"""


def _quarkus_first_test_run():
    out = _mvn_header()
    out += "[INFO] Running com.acme.orders.api.CustomerOrdersResourceTest\n"
    out += _quarkus_boot("2026-11-25 14:02:1")
    sel = ("Hibernate: \n    select\n        o1_0.id,\n        o1_0.created_at,\n        o1_0.customer_id,\n"
           "        o1_0.status,\n        o1_0.total_cents \n    from\n        orders o1_0 \n    where\n"
           "        o1_0.customer_id=? \n    order by\n        o1_0.created_at desc\n")
    out += sel
    out += ("2026-11-25 14:02:14,311 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-1) HTTP Request to "
            "/customers/1001/orders failed, error id: 6f0b1c7e-2d0a-4a39-9a51-0d5e3c0f2b11-1: "
            "com.fasterxml.jackson.databind.JsonMappingException: failed to lazily initialize a collection of role: "
            "com.acme.orders.domain.Order.lines: could not initialize proxy - no Session (through reference chain: "
            "java.util.ArrayList[0]->com.acme.orders.domain.Order[\"lines\"])\n")
    out += "Caused by: " + _lazy_trace()
    out += """[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 9.482 s <<< FAILURE! -- in com.acme.orders.api.CustomerOrdersResourceTest
[ERROR] com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines -- Time elapsed: 0.611 s <<< FAILURE!
java.lang.AssertionError: 1 expectation failed.
Expected status code <200> but was <500>.

	at java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance(DirectConstructorHandleAccessor.java:62)
	at java.base/java.lang.reflect.Constructor.newInstanceWithCaller(Constructor.java:502)
	at org.codehaus.groovy.reflection.CachedConstructor.invoke(CachedConstructor.java:73)
	at io.restassured.internal.ResponseSpecificationImpl$HamcrestAssertionClosure.validate(ResponseSpecificationImpl.groovy:512)
	at io.restassured.internal.ResponseSpecificationImpl.validateResponseIfRequired(ResponseSpecificationImpl.groovy:696)
	at io.restassured.internal.ValidatableResponseOptionsImpl.statusCode(ValidatableResponseOptionsImpl.java:89)
	at com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines(CustomerOrdersResourceTest.java:41)
	at java.base/java.lang.reflect.Method.invoke(Method.java:580)
	at io.quarkus.test.junit.QuarkusTestExtension.runExtensionMethod(QuarkusTestExtension.java:1013)
	at io.quarkus.test.junit.QuarkusTestExtension.interceptTestMethod(QuarkusTestExtension.java:827)
	at java.base/java.util.ArrayList.forEach(ArrayList.java:1596)

2026-11-25 14:02:15,022 INFO  [io.quarkus] (main) orders-service stopped in 0.071s
[INFO] 
[INFO] Results:
[INFO] 
[ERROR] Failures: 
[ERROR]   CustomerOrdersResourceTest.listsOrdersWithLines:41 1 expectation failed.
Expected status code <200> but was <500>.

[INFO] 
[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0
[INFO] 
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  21.734 s
[INFO] Finished at: 2026-11-25T14:02:15Z
[INFO] ------------------------------------------------------------------------
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project orders-service: There are test failures.
[ERROR] 
[ERROR] Please refer to /home/dana/src/orders-service/target/surefire-reports for the individual test results.
[ERROR] Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.
[ERROR] -> [Help 1]
"""
    return out


def _quarkus_projection_fail():
    out = _mvn_header()
    out += "[INFO] Running com.acme.orders.api.CustomerOrdersResourceTest\n"
    out += _quarkus_boot("2026-11-25 14:19:4")
    out += """2026-11-25 14:19:47,115 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-1) HTTP Request to /customers/1001/orders failed, error id: 0c8d2e55-71f4-4a0e-b0e6-58a3c1d9a7f4-1: java.lang.IllegalArgumentException: org.hibernate.query.SemanticException: Plural attribute 'lines' cannot be used as an argument of a dynamic instantiation [SELECT new com.acme.orders.api.OrderView(id,status,totalCents,createdAt,lines) FROM com.acme.orders.domain.Order WHERE customer.id = ?1 ORDER BY createdAt DESC]
	at org.hibernate.internal.ExceptionConverterImpl.convert(ExceptionConverterImpl.java:143)
	at org.hibernate.internal.ExceptionConverterImpl.convert(ExceptionConverterImpl.java:167)
	at org.hibernate.internal.AbstractSharedSessionContract.createQuery(AbstractSharedSessionContract.java:791)
	at org.hibernate.internal.AbstractSharedSessionContract.createQuery(AbstractSharedSessionContract.java:114)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.createBaseQuery(CommonPanacheQueryImpl.java:379)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.createQuery(CommonPanacheQueryImpl.java:341)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.list(CommonPanacheQueryImpl.java:279)
	at io.quarkus.hibernate.orm.panache.runtime.PanacheQueryImpl.list(PanacheQueryImpl.java:150)
	at com.acme.orders.domain.OrderRepository.findViewsByCustomer(OrderRepository.java:22)
	at com.acme.orders.domain.OrderRepository_ClientProxy.findViewsByCustomer(Unknown Source)
	at com.acme.orders.api.CustomerOrdersResource.list(CustomerOrdersResource.java:26)
	at com.acme.orders.api.CustomerOrdersResource$quarkusrestinvoker$list_6a3f0b2e.invoke(Unknown Source)
	at org.jboss.resteasy.reactive.server.handlers.InvocationHandler.handle(InvocationHandler.java:29)
	at io.quarkus.resteasy.reactive.server.runtime.QuarkusResteasyReactiveRequestContext.invokeHandler(QuarkusResteasyReactiveRequestContext.java:147)
	at org.jboss.resteasy.reactive.common.core.AbstractResteasyReactiveContext.run(AbstractResteasyReactiveContext.java:147)
	at java.base/java.lang.Thread.run(Thread.java:1583)
Caused by: org.hibernate.query.SemanticException: Plural attribute 'lines' cannot be used as an argument of a dynamic instantiation
	at org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation.addArgument(SqmDynamicInstantiation.java:215)
	at org.hibernate.query.hql.internal.SemanticQueryBuilder.visitInstantiation(SemanticQueryBuilder.java:1396)
	at org.hibernate.query.hql.internal.SemanticQueryBuilder.visitSelection(SemanticQueryBuilder.java:1283)
	... 28 more

[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 8.907 s <<< FAILURE! -- in com.acme.orders.api.CustomerOrdersResourceTest
[ERROR] com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines -- Time elapsed: 0.402 s <<< FAILURE!
java.lang.AssertionError: 1 expectation failed.
Expected status code <200> but was <500>.
[INFO] 
[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  19.204 s
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project orders-service: There are test failures.
"""
    return out


def _quarkus_green(full=False):
    out = _mvn_header()
    tests = [("com.acme.orders.api.CustomerOrdersResourceTest", 3, "7.915")]
    if full:
        tests = [("com.acme.orders.api.CustomerOrdersResourceTest", 3, "7.915"),
                 ("com.acme.orders.api.OrdersResourceTest", 6, "1.204"),
                 ("com.acme.orders.api.HealthTest", 1, "0.188"),
                 ("com.acme.orders.domain.OrderRepositoryTest", 5, "0.733"),
                 ("com.acme.orders.domain.OrderTotalsTest", 4, "0.021"),
                 ("com.acme.orders.pricing.DiscountRulesTest", 9, "0.054")]
    first = True
    for name, n, t in tests:
        out += f"[INFO] Running {name}\n"
        if first:
            out += _quarkus_boot("2026-11-25 14:31:0")
            out += ("Hibernate: \n    select\n        distinct o1_0.id,\n        o1_0.created_at,\n        o1_0.customer_id,\n"
                    "        l1_0.order_id,\n        l1_0.id,\n        l1_0.product_id,\n        l1_0.quantity,\n"
                    "        l1_0.unit_price_cents,\n        o1_0.status,\n        o1_0.total_cents \n    from\n"
                    "        orders o1_0 \n    left join\n        order_lines l1_0 \n            on o1_0.id=l1_0.order_id \n"
                    "    where\n        o1_0.customer_id=? \n    order by\n        o1_0.created_at desc\n")
            first = False
        out += f"[INFO] Tests run: {n}, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: {t} s -- in {name}\n"
    total = sum(n for _, n, _ in tests)
    out += "2026-11-25 14:31:12,640 INFO  [io.quarkus] (main) orders-service stopped in 0.064s\n"
    out += f"""[INFO] 
[INFO] Results:
[INFO] 
[INFO] Tests run: {total}, Failures: 0, Errors: 0, Skipped: 0
[INFO] 
"""
    if full:
        out += """[INFO] --- jar:3.3.0:jar (default-jar) @ orders-service ---
[INFO] Building jar: /home/dana/src/orders-service/target/orders-service-1.4.0-SNAPSHOT.jar
[INFO] 
[INFO] --- quarkus:3.8.4:build (default) @ orders-service ---
[INFO] [io.quarkus.deployment.QuarkusAugmentor] Quarkus augmentation completed in 2911ms
[INFO] 
[INFO] --- failsafe:3.2.5:integration-test (default) @ orders-service ---
[INFO] Tests are skipped.
"""
    out += """[INFO] ------------------------------------------------------------------------
[INFO] BUILD SUCCESS
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  %s s
[INFO] Finished at: 2026-11-25T14:31:13Z
[INFO] ------------------------------------------------------------------------
""" % ("34.018" if full else "18.551")
    return out


@session
def h10_quarkus_orders():
    turns = [
        U("Hey hey! Hope your day is going better than mine :) So, orders-service again. I added a new endpoint "
          "GET /customers/{id}/orders for the customer portal — it should return the orders with their lines — and "
          "the test I wrote for it goes 500. Locally with curl too. I'm pretty sure it's some Hibernate thing but I've "
          "been staring at it for an hour. Context in case it matters: we're on plain blocking Hibernate ORM with "
          "Panache. We actually tried the reactive flavour (hibernate-reactive-panache) last quarter, but the Vert.x "
          "context errors we kept getting inside the Kafka consumer were a nightmare, so we went back to blocking and "
          "nobody wants to revisit that. Anyway, can you have a look?"),
        A("Sure — let me look at the build setup, the resource and the entity, then run the failing test."),
        T("Read", "pom.xml", QUARKUS_POM),
        T("Read", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java", QUARKUS_RESOURCE),
        T("Read", "src/main/java/com/acme/orders/domain/Order.java", QUARKUS_ORDER),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_first_test_run()),
        A("Found it. The resource method is annotated `@Transactional` and returns the `Order` entities themselves. "
          "The transaction — and with it the Hibernate session — ends when `list()` returns, but Jackson only serializes "
          "the response *after* that, in `ResponseWriterHandler`. When it walks into `Order.lines` (a lazy `@OneToMany`, "
          "the default) there is no session any more, hence `LazyInitializationException ... no Session`, wrapped in "
          "a `JsonMappingException`, and the 500.\n\nOptions:\n\n"
          "**A.** Make `Order.lines` `FetchType.EAGER`. One-line change, but every order load everywhere then drags "
          "its lines along (and you get N+1 on lists).\n"
          "**B.** Add a repository method that loads orders *with* their lines in one query (`left join fetch o.lines`) "
          "and map to a response DTO in the resource, so no entity ever reaches Jackson.\n"
          "**C.** Keep the entity query and call `Hibernate.initialize(order.lines)` inside a `@Transactional` service "
          "method before returning.\n\nI'd go with B."),
        U("B. And please never EAGER on anything in this codebase, I got burned badly by that at my last job — N+1 "
          "everywhere and nobody knew why the list pages took 4 seconds. Also FYI since you'll be touching it: we do "
          "the repository style here, OrderRepository implements PanacheRepository, the entities stay plain JPA "
          "classes. No PanacheEntity / active-record stuff please.\n\nOne question though: instead of writing a DTO "
          "and mapping by hand, could we go straight to a projection? Like `.project(OrderView.class)`? I saw it in the "
          "Panache guide and it looked neat."),
        A("Noted on both — no EAGER, repository style. A Panache projection is worth a try; it avoids the mapping "
          "code. I'll add an `OrderView` record and a `findViewsByCustomer` method that uses `.project(...)`."),
        T("Read", "src/main/java/com/acme/orders/domain/OrderRepository.java", QUARKUS_REPO),
        T("Write", "src/main/java/com/acme/orders/api/OrderView.java",
          "package com.acme.orders.api;\n\nimport com.acme.orders.domain.OrderLine;\nimport com.acme.orders.domain.OrderStatus;\n"
          "import io.quarkus.runtime.annotations.RegisterForReflection;\nimport java.time.Instant;\nimport java.util.List;\n\n"
          "@RegisterForReflection\npublic record OrderView(Long id, OrderStatus status, long totalCents, Instant createdAt,\n"
          "                        List<OrderLine> lines) {\n}\n"),
        T("Edit", "src/main/java/com/acme/orders/domain/OrderRepository.java",
          "@@ -14,4 +14,10 @@ public class OrderRepository implements PanacheRepository<Order> {\n"
          "     public long countByStatus(OrderStatus status) {\n         return count(\"status\", status);\n     }\n"
          "+\n+    public List<OrderView> findViewsByCustomer(Long customerId) {\n"
          "+        return find(\"customer.id = ?1 order by createdAt desc\", customerId)\n"
          "+                .project(OrderView.class)\n+                .list();\n+    }\n }\n"),
        T("Edit", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
          "@@ -21,7 +21,7 @@ public class CustomerOrdersResource {\n     @GET\n-    @Transactional\n"
          "-    public List<Order> list(@PathParam(\"customerId\") Long customerId) {\n"
          "-        return orders.list(\"customer.id = ?1 order by createdAt desc\", customerId);\n"
          "+    public List<OrderView> list(@PathParam(\"customerId\") Long customerId) {\n"
          "+        return orders.findViewsByCustomer(customerId);\n     }\n"),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_projection_fail()),
        A("That doesn't work, and it can't be made to work cleanly: Panache's `project()` builds a `SELECT new "
          "OrderView(id, status, totalCents, createdAt, lines)` from the record's constructor parameters, and Hibernate "
          "does not allow a collection (plural attribute) as an argument of a dynamic instantiation. Projections are "
          "fine for flat views, not for an order with its lines. I'll revert the projection and do option B as planned: "
          "fetch-join query in the repository plus a DTO mapping in the resource."),
        U("Ah, pity, it looked so elegant in the docs. OK, revert it, go with the DTO."),
        T("Bash", "git checkout -- src/main/java/com/acme/orders/domain/OrderRepository.java src/main/java/com/acme/orders/api/CustomerOrdersResource.java && rm src/main/java/com/acme/orders/api/OrderView.java && git status --short",
          ""),
        T("Edit", "src/main/java/com/acme/orders/domain/OrderRepository.java",
          "@@ -14,4 +14,12 @@ public class OrderRepository implements PanacheRepository<Order> {\n"
          "     public long countByStatus(OrderStatus status) {\n         return count(\"status\", status);\n     }\n"
          "+\n+    /** Orders of a customer with their lines loaded in the same query (no lazy loading afterwards). */\n"
          "+    public List<Order> findByCustomerWithLines(Long customerId) {\n"
          "+        return find(\"select distinct o from Order o left join fetch o.lines \"\n"
          "+                + \"where o.customer.id = ?1 order by o.createdAt desc\", customerId)\n"
          "+                .list();\n+    }\n }\n"),
        T("Write", "src/main/java/com/acme/orders/api/OrderDto.java",
          "package com.acme.orders.api;\n\nimport com.acme.orders.domain.Order;\nimport com.acme.orders.domain.OrderLine;\n"
          "import java.time.Instant;\nimport java.util.List;\n\npublic record OrderDto(Long id, String status, long totalCents, Instant createdAt,\n"
          "                       List<LineDto> lines) {\n\n    public record LineDto(Long productId, int quantity, long unitPriceCents) {\n"
          "        static LineDto of(OrderLine l) {\n            return new LineDto(l.product.id, l.quantity, l.unitPriceCents);\n        }\n    }\n\n"
          "    public static OrderDto of(Order o) {\n        return new OrderDto(o.id, o.status.name(), o.totalCents, o.createdAt,\n"
          "                o.lines.stream().map(LineDto::of).toList());\n    }\n}\n"),
        T("Edit", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
          "@@ -21,7 +21,9 @@ public class CustomerOrdersResource {\n     @GET\n     @Transactional\n"
          "-    public List<Order> list(@PathParam(\"customerId\") Long customerId) {\n"
          "-        return orders.list(\"customer.id = ?1 order by createdAt desc\", customerId);\n"
          "+    public List<OrderDto> list(@PathParam(\"customerId\") Long customerId) {\n"
          "+        return orders.findByCustomerWithLines(customerId).stream()\n"
          "+                .map(OrderDto::of)\n+                .toList();\n     }\n"),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_green()),
        A("Green. The SQL log shows a single `left join order_lines` query, and the mapping to `OrderDto` happens "
          "inside the transaction, so nothing lazy is left when Jackson runs. While checking whether SQL logging was "
          "only on for dev/test I opened `application.properties`:"),
        T("Read", "src/main/resources/application.properties", QUARKUS_PROPS),
        A("SQL logging is limited to `%dev`/`%test`, good. But heads-up: the **prod datasource password is committed "
          "in plain text** (`%prod.quarkus.datasource.password=...`). Quarkus can read it from an environment variable "
          "(`QUARKUS_DATASOURCE_PASSWORD`) or from Vault via the `quarkus-vault` extension, and then the line can go. "
          "Want me to change that now?"),
        U("Oh god, yes, that's the real prod one. Leave it for now, I need to talk to ops first about whether we get "
          "Vault or just env vars from the k8s secret. Put it on the list."),
        A("Will do. Another thing I noticed: `orders.customer_id` has no index in the Flyway migrations (V2 only "
          "creates the FK). With the fetch join this endpoint filters on it — should I add a "
          "`V7__idx_orders_customer.sql` with `create index concurrently`?"),
        U("can you run the whole suite and commit if green?"),
        T("Bash", "./mvnw verify", _quarkus_green(full=True)),
        T("Bash", "git add src/main/java/com/acme/orders && git commit -m \"orders: GET /customers/{id}/orders returns DTOs, fetch-join lines\"",
          "[feature/customer-orders 8e41c2a] orders: GET /customers/{id}/orders returns DTOs, fetch-join lines\n"
          " 3 files changed, 41 insertions(+), 3 deletions(-)\n create mode 100644 src/main/java/com/acme/orders/api/OrderDto.java\n"),
        A("All 28 tests pass and it's committed on `feature/customer-orders` (8e41c2a)."),
        U("Thanks a lot!! You saved my afternoon. Next time let's do pagination on that endpoint, some of the big B2B "
          "customers have like 4k orders and the portal will choke. And the password thing once I've talked to ops. "
          "Have a good evening!"),
        A("You too! Open items for next time:\n- pagination for `GET /customers/{id}/orders` (page/size, probably "
          "`PanacheQuery.page()` on a count-able query — note fetch joins and paging don't mix in SQL, so we'll page the "
          "order ids first)\n- move the prod datasource password out of `application.properties` (env var or Vault, "
          "pending ops)"),
    ]
    return {
        "id": "h10_quarkus_orders",
        "project": "orders-service",
        "cwd_files": ["pom.xml", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
                      "src/main/java/com/acme/orders/domain/OrderRepository.java",
                      "src/main/java/com/acme/orders/domain/Order.java", "src/main/resources/application.properties"],
        "turns": turns,
        "gold": [
            G("PROJECT", "orders-service: Quarkus 3.8 + Hibernate ORM Panache (blocking), Postgres, Flyway, Java 21",
              ["quarkus"], ["panache", "postgres", "java 21", "3.8", "hibernate"]),
            G("PATTERN", "Repository style: OrderRepository implements PanacheRepository; entities stay plain JPA, no PanacheEntity active record",
              ["repository"], ["active record", "active-record", "PanacheRepository", "PanacheEntity", "plain JPA"]),
            G("BUG_FIX", "LazyInitializationException on Order.lines when Jackson serialized entities -> left join fetch in OrderRepository.findByCustomerWithLines + OrderDto",
              ["lazy"], ["join fetch", "fetch join", "fetch-join", "findByCustomerWithLines", "dto", "no session"],
              files=["src/main/java/com/acme/orders/domain/OrderRepository.java"]),
            G("PREFERENCE", "Never use FetchType.EAGER on any association (N+1 experience)",
              ["eager"], ["never", "avoid", "no eager", "don't", "not ", "n+1"]),
            G("FAILED", "Reactive Panache (hibernate-reactive-panache) abandoned: Vert.x context errors in the Kafka consumer, went back to blocking ORM",
              ["reactive"], ["vert.x", "vertx", "kafka", "context", "blocking"], failure=True),
            G("FAILED", "Panache .project(OrderView) projection failed: a collection (lines) can't be a dynamic-instantiation argument; reverted to DTO mapping",
              ["projection"], ["collection", "lines", "plural", "OrderView", "dynamic instantiation", "constructor"], failure=True),
            G("TODO", "Add pagination to GET /customers/{id}/orders (B2B customers have ~4k orders)",
              ["paginat"], ["orders", "customer", "4k", "endpoint"]),
            G("TODO", "Move the prod datasource password out of application.properties (env var or Vault, waiting on ops)",
              ["password"], ["vault", "env", "application.properties", "ops", "k8s"]),
        ],
        "dead_ends": [
            D("Hibernate.initialize in a transactional service (option C, not chosen)", ["Hibernate.initialize"]),
            D("Panache projection into OrderView with lines (failed, reverted)", ["project(OrderView"]),
            D("Reactive Panache (abandoned earlier)", ["hibernate-reactive"]),
        ],
        "secrets": ["Rq8!zW3u-Tk6pNs2"],
        "supersedes": [],
    }


# ---------------------------------------------------------------------------
# 2. Astro static site with MDX  (non-native English)
# ---------------------------------------------------------------------------
ASTRO_PKG = """{
  "name": "kestrel-docs",
  "type": "module",
  "version": "0.9.0",
  "private": true,
  "scripts": {
    "dev": "astro dev",
    "start": "astro dev",
    "build": "astro check && astro build",
    "preview": "astro preview",
    "astro": "astro"
  },
  "dependencies": {
    "@astrojs/check": "^0.5.10",
    "@astrojs/mdx": "^2.2.4",
    "@astrojs/sitemap": "^3.1.2",
    "astro": "^4.5.16",
    "sharp": "^0.33.3",
    "typescript": "^5.4.3"
  }
}
"""

ASTRO_CHANGELOG = """---
title: Changelog
description: What changed in Kestrel, release by release.
order: 90
---

Kestrel follows [semantic versioning](https://semver.org). Breaking changes are always
announced one minor release before.

## 2.4.0 — 2026-11-12

<Callout type="warning" title="Breaking in 2.5">
  The `X-Kestrel-Token` header will be removed. Use `Authorization: Bearer` instead.
</Callout>

- New: webhooks can be filtered by event type (`events: ["job.finished"]`).
- New: per-key rate limits, see [Rate limits](/en/docs/rate-limits/).
- Fix: SSO login loop when the IdP returns a `RelayState` longer than 80 chars.

## 2.3.2 — 2026-10-02

- Fix: CSV export used the server timezone instead of the workspace timezone.
"""

ASTRO_SLUG = """---
import { getCollection } from 'astro:content';
import DocsLayout from '../../../layouts/DocsLayout.astro';
import Callout from '../../../components/Callout.astro';
import Steps from '../../../components/Steps.astro';

export async function getStaticPaths() {
  const docs = await getCollection('docs');
  return docs.map((entry) => {
    const [lang, ...rest] = entry.slug.split('/');
    return { params: { lang, slug: rest.join('/') }, props: { entry } };
  });
}

const { entry } = Astro.props;
const { Content, headings } = await entry.render();
---
<DocsLayout title={entry.data.title} description={entry.data.description} headings={headings} lang={Astro.params.lang}>
  <Content />
</DocsLayout>
"""

ASTRO_BUILD_FAIL = """
> kestrel-docs@0.9.0 build
> astro check && astro build

10:41:07 [types] Generated 212ms
10:41:07 [check] Getting diagnostics for Astro files in /home/lucia/dev/kestrel-docs...
Result (27 files): 
- 0 errors
- 0 warnings
- 0 hints

10:41:13 [types] Generated 198ms
10:41:13 [build] output: "static"
10:41:13 [build] directory: /home/lucia/dev/kestrel-docs/dist/
10:41:13 [build] Collecting build info...
10:41:13 [build] ✓ Completed in 301ms.
10:41:13 [build] Building static entrypoints...
10:41:16 [vite] ✓ built in 2.84s
10:41:16 [build] ✓ Completed in 2.91s.

 generating static routes 
10:41:16 ▶ src/pages/index.astro
10:41:16   └─ /index.html (+14ms)
10:41:16 ▶ src/pages/[lang]/index.astro
10:41:16   ├─ /en/index.html (+9ms)
10:41:16   └─ /de/index.html (+6ms)
10:41:16 ▶ src/pages/[lang]/docs/[...slug].astro
10:41:16   ├─ /en/docs/api-keys/index.html (+31ms)
10:41:16   ├─ /en/docs/audit-log/index.html (+12ms)
10:41:16   ├─ /en/docs/changelog/index.htmlerror   Expected component `Callout` to be defined: you likely forgot to import, pass, or provide it.
  Hint:
    It's possible the component is not imported in the MDX file, or that it is not passed via the `components` prop of `<Content />`.
  Error reference:
    https://docs.astro.build/en/reference/errors/mdx-integration-error/
  File:
    /home/lucia/dev/kestrel-docs/src/content/docs/en/changelog.mdx:14:1
  Stacktrace:
Error: Expected component `Callout` to be defined: you likely forgot to import, pass, or provide it.
It’s referenced in your code at `14:1-16:11` in `/home/lucia/dev/kestrel-docs/src/content/docs/en/changelog.mdx`
    at _missingMdxReference (file:///home/lucia/dev/kestrel-docs/dist/chunks/pages/changelog_Bq2xK9cP.mjs:44:9)
    at _createMdxContent (file:///home/lucia/dev/kestrel-docs/dist/chunks/pages/changelog_Bq2xK9cP.mjs:23:14)
    at MDXContent (file:///home/lucia/dev/kestrel-docs/dist/chunks/pages/changelog_Bq2xK9cP.mjs:58:8)
    at renderJSXVNode (file:///home/lucia/dev/kestrel-docs/dist/chunks/astro_Cz3nWqYd.mjs:1794:34)
    at async renderPage (file:///home/lucia/dev/kestrel-docs/dist/chunks/astro_Cz3nWqYd.mjs:2541:26)
    at async generatePath (file:///home/lucia/dev/kestrel-docs/node_modules/astro/dist/core/build/generate.js:344:20)
    at async generatePage (file:///home/lucia/dev/kestrel-docs/node_modules/astro/dist/core/build/generate.js:154:5)
    at async generatePages (file:///home/lucia/dev/kestrel-docs/node_modules/astro/dist/core/build/generate.js:109:7)
"""


def _astro_routes(n_en=71, n_de=71):
    pages = ["api-keys", "audit-log", "changelog", "cli", "cli/install", "cli/config", "concepts", "concepts/jobs",
             "concepts/queues", "concepts/workers", "concepts/retries", "configuration", "deploy/docker",
             "deploy/kubernetes", "deploy/systemd", "faq", "getting-started", "getting-started/first-job",
             "getting-started/installation", "guides/backups", "guides/cron", "guides/monitoring",
             "guides/prometheus", "guides/scaling", "guides/upgrading", "integrations/github",
             "integrations/gitlab", "integrations/slack", "limits", "rate-limits", "reference/env",
             "reference/http-api", "reference/job-spec", "reference/webhook-events", "security", "sso",
             "sso/okta", "sso/azure-ad", "sso/google", "troubleshooting", "webhooks"]
    lines = []
    rnd = random.Random(7)
    for lang, n in (("en", n_en), ("de", n_de)):
        for p in pages:
            if lang == "de" and p in ("webhooks", "rate-limits", "sso"):
                continue
            lines.append(f"10:52:{rnd.randint(10,40):02d}   ├─ /{lang}/docs/{p}/index.html (+{rnd.randint(4,35)}ms)")
    return "\n".join(lines)


def _astro_build_ok(extra=""):
    return ("""
> kestrel-docs@0.9.0 build
> astro check && astro build%s

10:52:01 [check] Getting diagnostics for Astro files in /home/lucia/dev/kestrel-docs...
Result (29 files): 
- 0 errors
- 0 warnings
- 0 hints

10:52:07 [build] output: "static"
10:52:07 [build] directory: /home/lucia/dev/kestrel-docs/dist/
10:52:07 [build] Collecting build info...
10:52:07 [build] ✓ Completed in 288ms.
10:52:07 [build] Building static entrypoints...
10:52:10 [vite] ✓ built in 2.77s
10:52:10 [build] ✓ Completed in 2.85s.

 generating static routes 
10:52:10 ▶ src/pages/index.astro
10:52:10   └─ /index.html (+13ms)
10:52:10 ▶ src/pages/[lang]/docs/[...slug].astro
""" % (" && pagefind --site dist" if extra else "")) + _astro_routes() + """
10:52:41 ✓ Completed in 30.62s.

10:52:41 [@astrojs/sitemap] `sitemap-index.xml` created at `dist`
10:52:41 [build] 80 page(s) built in 34.18s
10:52:41 [build] Complete!
""" + extra


PAGEFIND_OUT_1 = """
Running Pagefind v1.1.0 (Extended)
Running from: "/home/lucia/dev/kestrel-docs"
Source:       "dist"
Output:       "dist/pagefind"

[Walking source directory]
Found 80 files matching **/*.{html}

[Parsing files]
Did not find a data-pagefind-body element on the site.
↳ Indexing all <body> elements on the site.

[Reading languages]
Discovered 2 languages: en, de
* en: 42 pages
* de: 38 pages

[Building search indexes]
Total: 
  Indexed 2 languages
  Indexed 80 pages
  Indexed 9812 words
  Indexed 0 filters
  Indexed 0 sorts

Finished in 0.618 seconds
"""

PAGEFIND_OUT_2 = PAGEFIND_OUT_1.replace(
    "Did not find a data-pagefind-body element on the site.\n↳ Indexing all <body> elements on the site.\n",
    "Found a data-pagefind-body element on the site.\n↳ Ignoring pages without this tag.\n").replace(
    "Indexed 9812 words", "Indexed 6204 words").replace(
    "* en: 42 pages", "* en: 41 pages").replace("Indexed 80 pages", "Indexed 79 pages").replace("0.618", "0.544")

ASTRO_VITE_FAIL = """
> kestrel-docs@0.9.0 build
> astro check && astro build && pagefind --site dist

10:47:55 [check] Getting diagnostics for Astro files in /home/lucia/dev/kestrel-docs...
Result (29 files): 
- 0 errors
- 0 warnings
- 0 hints

10:48:01 [build] output: "static"
10:48:01 [build] Collecting build info...
10:48:01 [build] ✓ Completed in 279ms.
10:48:01 [build] Building static entrypoints...
10:48:03 [ERROR] [vite] x Build failed in 1.92s
[vite]: Rollup failed to resolve import "/pagefind/pagefind-ui.js" from "/home/lucia/dev/kestrel-docs/src/components/Search.astro?astro&type=script&index=0&lang.ts".
This is most likely unintended because it can break your application at runtime.
If you do want to externalize this module explicitly add it to
`build.rollupOptions.external`
  Stack trace:
    at viteWarn (file:///home/lucia/dev/kestrel-docs/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67219:27)
    at onRollupWarning (file:///home/lucia/dev/kestrel-docs/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67251:9)
    at onwarn (file:///home/lucia/dev/kestrel-docs/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:66970:13)
    at file:///home/lucia/dev/kestrel-docs/node_modules/rollup/dist/es/shared/node-entry.js:18653:13
    at Object.logger [as onLog] (file:///home/lucia/dev/kestrel-docs/node_modules/rollup/dist/es/shared/node-entry.js:20287:9)
"""


@session
def h10_astro_kestrel_docs():
    turns = [
        U("Hi! I have a problem with our docs site, the build is failing since I add the Callout component in the "
          "changelog.mdx. Can you check please? It's kestrel-docs, Astro with MDX and content collections, we deploy "
          "on Cloudflare Pages, so the build must pass or nothing goes online."),
        A("Of course. Let me look at the dependencies and reproduce the build error first."),
        T("Read", "package.json", ASTRO_PKG),
        T("Bash", "npm run build", ASTRO_BUILD_FAIL),
        T("Read", "src/content/docs/en/changelog.mdx", ASTRO_CHANGELOG),
        T("Read", "src/pages/[lang]/docs/[...slug].astro", ASTRO_SLUG),
        A("The cause: `Callout` is imported in `[...slug].astro`, but an import in the page that *renders* the MDX "
          "does not make the component visible *inside* the MDX file — MDX content is compiled as its own module. So "
          "when `changelog.mdx` uses `<Callout>`, MDX finds nothing under that name and fails.\n\nTwo ways to fix it:\n"
          "1. add `import Callout from '../../../components/Callout.astro'` at the top of every MDX file that uses it, or\n"
          "2. pass the components once through the `components` prop: `<Content components={{ Callout, Steps }} />`. "
          "Then every MDX page can use them without imports.\n\nI'd put the map in one file, "
          "`src/components/mdx/index.ts`, so adding a new component is one line."),
        U("Yes the map, so the writers don't need to import every time. They forget always."),
        T("Write", "src/components/mdx/index.ts",
          "import Callout from '../Callout.astro';\nimport Steps from '../Steps.astro';\nimport Tabs from '../Tabs.astro';\n"
          "import Tab from '../Tab.astro';\n\n/** Components available in every MDX doc page without an import. */\n"
          "export const mdxComponents = { Callout, Steps, Tabs, Tab };\n"),
        T("Edit", "src/pages/[lang]/docs/[...slug].astro",
          "@@ -1,8 +1,7 @@\n ---\n import { getCollection } from 'astro:content';\n import DocsLayout from '../../../layouts/DocsLayout.astro';\n"
          "-import Callout from '../../../components/Callout.astro';\n-import Steps from '../../../components/Steps.astro';\n"
          "+import { mdxComponents } from '../../../components/mdx';\n \n@@ -18,4 +17,4 @@\n"
          " <DocsLayout title={entry.data.title} description={entry.data.description} headings={headings} lang={Astro.params.lang}>\n"
          "-  <Content />\n+  <Content components={mdxComponents} />\n </DocsLayout>\n"),
        T("Bash", "npm run build 2>&1 | tail -n 25", "\n".join(_astro_build_ok().splitlines()[-25:])),
        U("Super, it builds, thank you! Next thing, and this is the bigger one: we need a search. Some background, "
          "before you propose something complicated: last year a colleague tried to do the i18n with astro-i18next, "
          "it was a mess, it break the content collection routes and the getStaticPaths, so we removed it completely "
          "and now we have just the folders en/ and de/ by hand, and this works good. So the search must work for both "
          "languages, and not show german results on english pages. What do you propose?"),
        A("Given a fully static site on Cloudflare Pages with two language folders, I see three realistic options:\n\n"
          "1. **Pagefind** — runs after `astro build` over the generated HTML and writes a static index into "
          "`dist/pagefind/`. No server, no external service. It reads `<html lang>` and builds one index per language "
          "automatically, so EN pages only search EN. The UI loads its index in small chunks on demand.\n"
          "2. **Algolia DocSearch** — very good relevance and UI, but hosted: their crawler indexes the site, you need "
          "to apply for the free plan (or pay), and the search data lives with a third party.\n"
          "3. **Fuse.js** over a JSON index generated at build time — simple, but the whole index is shipped to the "
          "browser and matching is fuzzy without stemming, which is weak for German compounds.\n\n"
          "My recommendation is Pagefind."),
        U("Pagefind. We don't want an external service. And please, no big JavaScript: we keep the site almost zero JS, "
          "only .astro components, no React or Vue islands. That is a rule of the team."),
        T("Bash", "npm install --save-dev pagefind",
          "\nadded 2 packages, and audited 412 packages in 3s\n\n161 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n"),
        T("Edit", "package.json",
          "@@ -6,7 +6,7 @@\n     \"dev\": \"astro dev\",\n     \"start\": \"astro dev\",\n"
          "-    \"build\": \"astro check && astro build\",\n+    \"build\": \"astro check && astro build && pagefind --site dist\",\n"
          "     \"preview\": \"astro preview\",\n"),
        T("Write", "src/components/Search.astro",
          "---\nconst { lang } = Astro.props;\n---\n<div id=\"search\" data-lang={lang}></div>\n\n"
          "<script>\n  import '/pagefind/pagefind-ui.js';\n  import '/pagefind/pagefind-ui.css';\n\n"
          "  // @ts-ignore\n  new PagefindUI({ element: '#search', showSubResults: true });\n</script>\n"),
        T("Bash", "npm run build", ASTRO_VITE_FAIL),
        A("My mistake: a normal `<script>` in an `.astro` component is processed and bundled by Vite, so Vite tries "
          "to resolve `/pagefind/pagefind-ui.js` at build time — but that file only exists *after* the build, when "
          "Pagefind writes `dist/pagefind/`. Importing it can't work. The script has to be loaded by the browser at "
          "runtime instead, with `is:inline` so Astro/Vite leave it untouched."),
        T("Write", "src/components/Search.astro",
          "---\nconst { lang } = Astro.props;\n---\n<link href=\"/pagefind/pagefind-ui.css\" rel=\"stylesheet\" />\n"
          "<div id=\"search\" data-lang={lang}></div>\n\n<script is:inline src=\"/pagefind/pagefind-ui.js\"></script>\n"
          "<script is:inline>\n  window.addEventListener('DOMContentLoaded', () => {\n"
          "    new PagefindUI({ element: '#search', showSubResults: true, showImages: false });\n  });\n</script>\n"),
        T("Bash", "npm run build", _astro_build_ok(PAGEFIND_OUT_1)),
        U("It works!! But in the results I see the menu text, every result have \"Getting started Installation "
          "Configuration Concepts…\" in the excerpt, and a search for \"webhooks\" gives me all 80 pages because the "
          "word is in the sidebar."),
        A("Right — the output says it: *Did not find a data-pagefind-body element*, so Pagefind indexes the whole "
          "`<body>`, sidebar and header included. If we put `data-pagefind-body` on the `<article>` in `DocsLayout.astro`, "
          "only the doc content is indexed, and pages without the attribute (like the landing page) are skipped."),
        T("Edit", "src/layouts/DocsLayout.astro",
          "@@ -31,7 +31,7 @@\n   <Sidebar lang={lang} />\n   <main class=\"docs-main\">\n"
          "-    <article class=\"prose\">\n+    <article class=\"prose\" data-pagefind-body>\n       <h1>{title}</h1>\n       <slot />\n     </article>\n"),
        T("Bash", "npm run build 2>&1 | tail -n 30", "\n".join(_astro_build_ok(PAGEFIND_OUT_2).splitlines()[-30:])),
        U("Perfect now, the excerpts are clean. One question, in the dev server the search is not working, is it normal?"),
        A("Yes, that's expected: `astro dev` never runs Pagefind, so `/pagefind/` doesn't exist there. To try search "
          "locally you run `npm run build && npx astro preview`. Should I add a `preview:search` script for that?"),
        U("Ok. I commit myself, I want to check the diff. What remains: the three new pages webhooks, rate-limits and "
          "sso are only in en/, we must translate them to de/ — my colleague Jonas will do it next week. For now the "
          "German search just doesn't find them. Thanks a lot for the help!"),
        A("You're welcome! Summary of the changes: shared MDX component map passed via `<Content components>`, "
          "Pagefind runs in the `build` script, the UI is loaded with `is:inline` scripts, and only "
          "`<article data-pagefind-body>` is indexed. Open: DE translations of webhooks, rate-limits and sso."),
    ]
    return {
        "id": "h10_astro_kestrel_docs",
        "project": "kestrel-docs",
        "cwd_files": ["package.json", "src/pages/[lang]/docs/[...slug].astro", "src/components/Search.astro",
                      "src/layouts/DocsLayout.astro", "src/content/docs/en/changelog.mdx"],
        "turns": turns,
        "gold": [
            G("PROJECT", "kestrel-docs: Astro 4 static docs site with MDX content collections, en/ and de/ folders, deployed on Cloudflare Pages",
              ["astro"], ["mdx", "cloudflare", "content collection", "kestrel"]),
            G("BUG_FIX", "MDX 'Expected component Callout to be defined' -> pass shared map (src/components/mdx/index.ts) via <Content components={mdxComponents}>",
              ["component"], ["callout", "<content", "mdx/index", "mdxComponents", "components map"],
              files=["src/pages/[lang]/docs/[...slug].astro", "src/components/mdx/index.ts"]),
            G("FAILED", "astro-i18next abandoned: broke content collection routes/getStaticPaths; i18n done by hand with en/ and de/ folders",
              ["i18next"], ["route", "content collection", "getStaticPaths", "folder", "removed"], failure=True),
            G("DECISION", "Site search with Pagefind (static index built after astro build, one index per language, no external service)",
              ["pagefind"], ["search", "static", "external", "index"]),
            G("FAILED", "Importing /pagefind/pagefind-ui.js in a bundled <script> failed (Rollup can't resolve, exists only after build) -> load with is:inline",
              ["pagefind"], ["is:inline", "vite", "rollup", "resolve", "import", "bundle"], failure=True,
              files=["src/components/Search.astro"]),
            G("PATTERN", "data-pagefind-body on the <article> in DocsLayout.astro so sidebar/menu text is not indexed",
              ["data-pagefind-body"], ["article", "DocsLayout", "sidebar", "menu", "nav"],
              files=["src/layouts/DocsLayout.astro"]),
            G("PREFERENCE", "Near-zero client JS: only .astro components, no React/Vue islands (team rule)",
              ["astro"], ["react", "vue", "island", "zero js", "no js", "client js"]),
            G("TODO", "Translate new pages webhooks, rate-limits, sso into de/ (Jonas, next week)",
              ["translat"], ["webhooks", "rate-limits", "sso", "de/", "german", "jonas"]),
        ],
        "dead_ends": [
            D("Algolia DocSearch (offered, not chosen)", ["algolia"]),
            D("Fuse.js client-side index (offered, not chosen)", ["fuse"]),
            D("astro-i18next integration (removed)", ["i18next"]),
            D("Per-file MDX imports of Callout (offered, not chosen)", ["import Callout"]),
        ],
        "secrets": [],
        "supersedes": [],
    }


# ---------------------------------------------------------------------------
# 3. C# Blazor WebAssembly  (thinks aloud)
# ---------------------------------------------------------------------------
BLAZOR_CSPROJ = """<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly">

  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>FleetView.Client</RootNamespace>
    <BlazorWebAssemblyLoadAllGlobalizationData>false</BlazorWebAssemblyLoadAllGlobalizationData>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="8.0.4" />
    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly.DevServer" Version="8.0.4" PrivateAssets="all" />
    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly.Authentication" Version="8.0.4" />
    <PackageReference Include="Microsoft.Extensions.Http" Version="8.0.0" />
  </ItemGroup>

  <ItemGroup>
    <ProjectReference Include="..\\FleetView.Shared\\FleetView.Shared.csproj" />
  </ItemGroup>

</Project>
"""

BLAZOR_SERVICE = """using System.Net.Http.Json;
using FleetView.Shared;

namespace FleetView.Client.Services;

public class VehicleService
{
    private readonly HttpClient _http;

    public VehicleService(HttpClient http) => _http = http;

    public async Task<List<VehicleDto>> GetVehiclesAsync()
    {
        try
        {
            return await _http.GetFromJsonAsync<List<VehicleDto>>("api/vehicles") ?? new();
        }
        catch (Exception)
        {
            return new();
        }
    }

    public Task<VehicleDto?> GetVehicleAsync(int id) =>
        _http.GetFromJsonAsync<VehicleDto>($"api/vehicles/{id}");
}
"""

BLAZOR_DTO = """namespace FleetView.Shared;

public class VehicleDto
{
    public VehicleDto(int id, string plate, string model, VehicleStatus status, double? lastLat, double? lastLon, DateTimeOffset? lastSeen)
    {
        Id = id; Plate = plate; Model = model; Status = status;
        LastLat = lastLat; LastLon = lastLon; LastSeen = lastSeen;
    }

    public int Id { get; }
    public string Plate { get; }
    public string Model { get; }
    public VehicleStatus Status { get; }
    public double? LastLat { get; }
    public double? LastLon { get; }
    public DateTimeOffset? LastSeen { get; }
}

public enum VehicleStatus { Idle, Driving, Maintenance, Offline }
"""


def _blazor_publish(trimmed=True, warnings=True):
    out = """MSBuild version 17.9.8+b34f75857 for .NET
  Determining projects to restore...
  All projects are up-to-date for restore.
  FleetView.Shared -> /home/marek/src/fleetview/src/FleetView.Shared/bin/Release/net8.0/FleetView.Shared.dll
  FleetView.Client -> /home/marek/src/fleetview/src/FleetView.Client/bin/Release/net8.0/FleetView.Client.dll
  FleetView.Client (Blazor output) -> /home/marek/src/fleetview/src/FleetView.Client/bin/Release/net8.0/wwwroot
"""
    if trimmed:
        out += "  Optimizing assemblies for size may change the behavior of the app. Be sure to test after publishing. See: https://aka.ms/dotnet-illink\n"
        if warnings:
            for f, line, tv in (("Services/VehicleService.cs", 17, "List<VehicleDto>"), ("Services/VehicleService.cs", 25, "VehicleDto"),
                                ("Services/TripService.cs", 21, "List<TripDto>"), ("Services/TripService.cs", 30, "TripDetailDto"),
                                ("Services/AlertService.cs", 14, "List<AlertDto>"), ("Pages/Settings.razor.cs", 48, "UserSettingsDto")):
                out += (f"/home/marek/src/fleetview/src/FleetView.Client/{f}({line},26): Trim analysis warning IL2026: "
                        f"FleetView.Client.Services: Using member 'System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<{tv}>"
                        f"(HttpClient, String, CancellationToken)' which has 'RequiresUnreferencedCodeAttribute' can break functionality "
                        f"when trimming application code. JSON serialization and deserialization might require types that cannot be "
                        f"statically analyzed. Use the overload that takes a JsonTypeInfo or JsonSerializerContext, or make sure all of "
                        f"the required types are preserved. [/home/marek/src/fleetview/src/FleetView.Client/FleetView.Client.csproj]\n")
        out += "  Compressing Blazor WebAssembly publish artifacts. This may take a while...\n"
    else:
        out += "  Compressing Blazor WebAssembly publish artifacts. This may take a while...\n"
    out += "  FleetView.Client -> /home/marek/src/fleetview/out/\n"
    return out


BLAZOR_SIZES_UNTRIMMED = """21M	out/wwwroot/_framework
--- brotli payload (.br) ---
7.9M	total
  2.9M  System.Private.CoreLib.wasm.br (untrimmed)
  1.1M  dotnet.native.wasm.br
  0.6M  System.Text.Json.wasm.br
  0.5M  Microsoft.AspNetCore.Components.wasm.br
  ...
(trimmed build from main for comparison: 6.1M raw / 2.4M brotli)
"""


@session
def h10_blazor_fleetview():
    turns = [
        U("ok so. fleetview client. two things broken since we moved hosting from the old nginx box to Azure Static "
          "Web Apps, I think. hmm. first: if I open https://fleet.example-logistics.eu/vehicles/42 directly, or hit refresh "
          "there, I get a 404. from the host, not from the app — it's the Azure 404 page. second thing, maybe related "
          "maybe not: the vehicle list is empty in the published build but fine with dotnet run. let me think... the "
          "API returns data, I checked in the network tab, 200 with json. so it's the client deserializing? or the "
          "list component? no idea. can you look"),
        A("Let's take them one at a time. First the project file and whether there's any Static Web Apps config."),
        T("Read", "src/FleetView.Client/FleetView.Client.csproj", BLAZOR_CSPROJ),
        T("Bash", "ls src/FleetView.Client/wwwroot && cat src/FleetView.Client/wwwroot/staticwebapp.config.json",
          "appsettings.json\ncss\nfavicon.png\nicon-192.png\nindex.html\nlib\nmanifest.webmanifest\nsample-data\n"
          "cat: src/FleetView.Client/wwwroot/staticwebapp.config.json: No such file or directory\n"),
        A("The 404 is a hosting issue. Blazor does routing in the browser, so `/vehicles/42` only exists inside the app; "
          "the host has to serve `index.html` for any unknown path. nginx did that with `try_files`, Static Web Apps "
          "needs a `navigationFallback` in `staticwebapp.config.json` (in `wwwroot` so it's published to the root). "
          "`_framework` and static assets are excluded so a missing DLL still 404s instead of returning HTML."),
        T("Write", "src/FleetView.Client/wwwroot/staticwebapp.config.json",
          "{\n  \"navigationFallback\": {\n    \"rewrite\": \"/index.html\",\n"
          "    \"exclude\": [\"/_framework/*\", \"/css/*\", \"/lib/*\", \"*.{png,ico,svg,webmanifest,json}\"]\n  },\n"
          "  \"mimeTypes\": {\n    \".wasm\": \"application/wasm\",\n    \".dat\": \"application/octet-stream\"\n  }\n}\n"),
        U("right, that makes sense, the old nginx config had try_files $uri /index.html, I remember now. ok the second one"),
        T("Read", "src/FleetView.Client/Services/VehicleService.cs", BLAZOR_SERVICE),
        T("Read", "src/FleetView.Shared/VehicleDto.cs", BLAZOR_DTO),
        T("Bash", "cd src/FleetView.Client && dotnet publish -c Release -o ../../out", _blazor_publish()),
        U("hmm wait. that try/catch in GetVehiclesAsync returns an empty list on any exception, that's why it's silent. "
          "ugh. who wrote that. me. ok. so it throws something only in Release"),
        A("Yes, and the publish output points to what: Release publish of Blazor WASM trims assemblies, and the IL2026 "
          "warnings say the reflection-based `GetFromJsonAsync<T>` can break under trimming. `VehicleDto` has no "
          "parameterless constructor and get-only properties, so System.Text.Json needs the constructor metadata via "
          "reflection — which the trimmer removed from `FleetView.Shared`. In the browser console you'd see "
          "`NotSupportedException: Deserialization of types without a parameterless constructor...` — swallowed by the "
          "catch. To confirm it's trimming, quickest check is to publish once with `<PublishTrimmed>false</PublishTrimmed>`."),
        T("Edit", "src/FleetView.Client/FleetView.Client.csproj",
          "@@ -7,6 +7,7 @@\n     <BlazorWebAssemblyLoadAllGlobalizationData>false</BlazorWebAssemblyLoadAllGlobalizationData>\n"
          "     <InvariantGlobalization>true</InvariantGlobalization>\n+    <PublishTrimmed>false</PublishTrimmed>\n   </PropertyGroup>\n"),
        T("Bash", "cd src/FleetView.Client && dotnet publish -c Release -o ../../out && cd ../.. && du -sh out/wwwroot/_framework && ./tools/brsize.sh out/wwwroot/_framework",
          _blazor_publish(trimmed=False) + BLAZOR_SIZES_UNTRIMMED),
        A("Confirmed: with trimming off the list loads (I served `out/wwwroot` with `dotnet serve` and the table has "
          "all 37 vehicles). But the cost is large: `_framework` goes from 6.1 MB to 21 MB raw, 2.4 MB → 7.9 MB "
          "brotli, i.e. more than 3x the download on first load."),
        U("no no, too big. half our drivers open this on the tablet in the truck on bad LTE, it's already slow. revert "
          "that. what's the proper fix"),
        T("Bash", "git checkout -- src/FleetView.Client/FleetView.Client.csproj && git status --short",
          "?? src/FleetView.Client/wwwroot/staticwebapp.config.json\n"),
        A("Reverted. The proper fix is the System.Text.Json **source generator**: a `JsonSerializerContext` with "
          "`[JsonSerializable]` for every DTO we fetch. The serialization code is generated at compile time, the "
          "trimmer sees every constructor and property statically, and the IL2026 warnings go away. Then every call "
          "uses the `JsonTypeInfo` overload, e.g. `GetFromJsonAsync(url, FleetJsonContext.Default.ListVehicleDto)`. "
          "I'll also make the catch log instead of silently returning an empty list."),
        T("Write", "src/FleetView.Client/Json/FleetJsonContext.cs",
          "using System.Text.Json.Serialization;\nusing FleetView.Shared;\n\nnamespace FleetView.Client.Json;\n\n"
          "[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,\n"
          "    UseStringEnumConverter = true)]\n[JsonSerializable(typeof(List<VehicleDto>))]\n[JsonSerializable(typeof(VehicleDto))]\n"
          "[JsonSerializable(typeof(List<TripDto>))]\n[JsonSerializable(typeof(TripDetailDto))]\n[JsonSerializable(typeof(List<AlertDto>))]\n"
          "[JsonSerializable(typeof(UserSettingsDto))]\npublic partial class FleetJsonContext : JsonSerializerContext\n{\n}\n"),
        T("Edit", "src/FleetView.Client/Services/VehicleService.cs",
          "@@ -1,23 +1,30 @@\n using System.Net.Http.Json;\n+using FleetView.Client.Json;\n using FleetView.Shared;\n+using Microsoft.Extensions.Logging;\n"
          " \n public class VehicleService\n {\n     private readonly HttpClient _http;\n+    private readonly ILogger<VehicleService> _log;\n \n"
          "-    public VehicleService(HttpClient http) => _http = http;\n+    public VehicleService(HttpClient http, ILogger<VehicleService> log)\n+    {\n+        _http = http; _log = log;\n+    }\n"
          " \n     public async Task<List<VehicleDto>> GetVehiclesAsync()\n     {\n         try\n         {\n"
          "-            return await _http.GetFromJsonAsync<List<VehicleDto>>(\"api/vehicles\") ?? new();\n"
          "+            return await _http.GetFromJsonAsync(\"api/vehicles\", FleetJsonContext.Default.ListVehicleDto) ?? new();\n         }\n"
          "-        catch (Exception)\n+        catch (Exception ex)\n         {\n+            _log.LogError(ex, \"Loading vehicles failed\");\n             return new();\n         }\n     }\n"
          " \n     public Task<VehicleDto?> GetVehicleAsync(int id) =>\n-        _http.GetFromJsonAsync<VehicleDto>($\"api/vehicles/{id}\");\n"
          "+        _http.GetFromJsonAsync($\"api/vehicles/{id}\", FleetJsonContext.Default.VehicleDto);\n }\n"
          "(+ same change in TripService.cs, AlertService.cs, Pages/Settings.razor.cs)\n"),
        T("Bash", "cd src/FleetView.Client && dotnet publish -c Release -o ../../out 2>&1 | grep -c IL2026; du -sh ../../out/wwwroot/_framework",
          "0\n6.2M\t../../out/wwwroot/_framework\n"),
        U("ok good, 0 warnings and same size, and I just tried out/ locally, list is there. nice. now while we're at it, "
          "login. we have keycloak, realm fleet. hmm, the template gives MSAL stuff but we aren't on entra at all... "
          "ops sent me this for the client config, I just copy it:\n\n"
          "{\n  \"Keycloak\": {\n    \"Authority\": \"https://sso.example-logistics.eu/realms/fleet\",\n"
          "    \"ClientId\": \"fleetview-web\",\n    \"ClientSecret\": \"Yt3Qm8vR2xKp7LwN4sZc9HdF6jBe1UaG\"\n  }\n}\n\n"
          "oh and whatever you write, put the logic in a .razor.cs partial class. I hate @code blocks longer than five "
          "lines, all our components are code-behind."),
        A("Important before anything else: a Blazor WebAssembly app is a **public client**. Everything under `wwwroot`, "
          "including `appsettings.json`, is downloaded by every browser, so a client secret there is effectively "
          "published. The Keycloak client should be switched to public (Client authentication off) with PKCE, and "
          "this secret should be considered leaked and rotated.\n\nFor the integration itself: MSAL "
          "(`AddMsalAuthentication`) is made for Entra ID. With Keycloak the right fit is the generic OIDC support in "
          "`Microsoft.AspNetCore.Components.WebAssembly.Authentication` — `AddOidcAuthentication` with the realm as "
          "authority, `response_type=code` (PKCE is automatic), roles mapped from the `roles` claim. The package is "
          "already referenced. Shall I go that way?"),
        U("yes, go."),
        T("Edit", "src/FleetView.Client/Program.cs",
          "@@ -14,6 +14,14 @@ builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });\n"
          " builder.Services.AddScoped<VehicleService>();\n builder.Services.AddScoped<TripService>();\n builder.Services.AddScoped<AlertService>();\n"
          "+\n+builder.Services.AddOidcAuthentication(options =>\n+{\n+    builder.Configuration.Bind(\"Keycloak\", options.ProviderOptions);\n"
          "+    options.ProviderOptions.ResponseType = \"code\";\n+    options.ProviderOptions.DefaultScopes.Add(\"roles\");\n"
          "+    options.UserOptions.RoleClaim = \"roles\";\n+});\n \n await builder.Build().RunAsync();\n"),
        T("Write", "src/FleetView.Client/wwwroot/appsettings.json",
          "{\n  \"Keycloak\": {\n    \"Authority\": \"https://sso.example-logistics.eu/realms/fleet\",\n"
          "    \"ClientId\": \"fleetview-web\",\n    \"PostLogoutRedirectUri\": \"/\"\n  }\n}\n"),
        T("Write", "src/FleetView.Client/Pages/Authentication.razor",
          "@page \"/authentication/{action}\"\n@using Microsoft.AspNetCore.Components.WebAssembly.Authentication\n\n"
          "<RemoteAuthenticatorView Action=\"@Action\" OnLogInSucceeded=\"OnLoggedIn\" />\n"),
        T("Write", "src/FleetView.Client/Pages/Authentication.razor.cs",
          "using Microsoft.AspNetCore.Components;\nusing Microsoft.AspNetCore.Components.WebAssembly.Authentication;\n\n"
          "namespace FleetView.Client.Pages;\n\npublic partial class Authentication\n{\n    [Parameter] public string? Action { get; set; }\n"
          "    [Inject] private NavigationManager Nav { get; set; } = default!;\n\n"
          "    private void OnLoggedIn(RemoteAuthenticationState state)\n    {\n"
          "        // return to the page the driver came from, default to the vehicle list\n"
          "        Nav.NavigateTo(string.IsNullOrEmpty(state.ReturnUrl) ? \"/vehicles\" : state.ReturnUrl);\n    }\n}\n"),
        T("Bash", "dotnet build src/FleetView.Client -c Release",
          "MSBuild version 17.9.8+b34f75857 for .NET\n  Determining projects to restore...\n  All projects are up-to-date for restore.\n"
          "  FleetView.Shared -> /home/marek/src/fleetview/src/FleetView.Shared/bin/Release/net8.0/FleetView.Shared.dll\n"
          "  FleetView.Client -> /home/marek/src/fleetview/src/FleetView.Client/bin/Release/net8.0/FleetView.Client.dll\n"
          "  FleetView.Client (Blazor output) -> /home/marek/src/fleetview/src/FleetView.Client/bin/Release/net8.0/wwwroot\n\n"
          "Build succeeded.\n    0 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:11.42\n"),
        A("Builds clean, no secret in `appsettings.json`, and `Authentication` is split into `.razor` + `.razor.cs`. "
          "Login redirects to `/realms/fleet` once the Keycloak client is public. One more piece: your API is on a "
          "different origin, so calls won't carry the access token yet. Should I register an `AuthorizationMessageHandler` "
          "configured with `authorizedUrls: [\"https://api.example-logistics.eu\"]` on a named HttpClient for the services?"),
        U("later, the API doesn't check tokens yet anyway. hmm. and the secret... ops pasted it in the teams chat too, "
          "and I think it's in the git history of the old repo. so yeah, I guess it needs rotating. I'll ask ops to "
          "rotate it and switch the client to public. note that somewhere pls"),
        A("Noted. Open items:\n- ops: rotate the `fleetview-web` Keycloak client secret and make the client public (PKCE)\n"
          "- later: attach the access token to API calls via `AuthorizationMessageHandler` once the API validates tokens\n\n"
          "Done in this session: SWA `navigationFallback`, source-generated `FleetJsonContext` for all DTO calls "
          "(trimming stays on), OIDC login against Keycloak."),
    ]
    return {
        "id": "h10_blazor_fleetview",
        "project": "fleetview",
        "cwd_files": ["src/FleetView.Client/FleetView.Client.csproj", "src/FleetView.Client/Services/VehicleService.cs",
                      "src/FleetView.Client/Program.cs", "src/FleetView.Client/wwwroot/staticwebapp.config.json",
                      "src/FleetView.Shared/VehicleDto.cs"],
        "turns": turns,
        "gold": [
            G("PROJECT", "fleetview: Blazor WebAssembly client on .NET 8, hosted on Azure Static Web Apps, Keycloak login",
              ["blazor"], ["webassembly", "wasm", ".net 8", "static web apps", "fleetview"]),
            G("BUG_FIX", "Deep link/refresh 404 on Azure Static Web Apps -> navigationFallback rewrite to /index.html in wwwroot/staticwebapp.config.json",
              ["fallback"], ["404", "staticwebapp", "index.html", "refresh", "deep link"],
              files=["src/FleetView.Client/wwwroot/staticwebapp.config.json"]),
            G("BUG_FIX", "Trimmed Release build broke JSON deserialization of VehicleDto (empty list) -> source-generated FleetJsonContext (JsonSerializerContext)",
              ["trim"], ["JsonSerializerContext", "source gen", "source-gen", "FleetJsonContext"],
              files=["src/FleetView.Client/Json/FleetJsonContext.cs"]),
            G("FAILED", "Disabling trimming (PublishTrimmed=false) rejected: _framework payload 2.4 -> 7.9 MB brotli, too big for truck tablets on LTE",
              ["trim"], ["size", "mb", "big", "lte", "payload", "tablet"], failure=True),
            G("DECISION", "Login via generic OIDC (AddOidcAuthentication) against Keycloak realm fleet, public client with PKCE",
              ["keycloak"], ["oidc", "AddOidcAuthentication", "pkce", "public client"]),
            G("PREFERENCE", "Blazor components use code-behind .razor.cs partial classes, no @code blocks longer than a few lines",
              ["razor.cs"], ["code-behind", "code behind", "partial", "@code"]),
            G("TODO", "Ops to rotate the leaked fleetview-web Keycloak client secret and switch the client to public",
              ["secret"], ["rotate", "public", "ops", "leak"]),
            G("TODO", "Later: attach access token to API calls with AuthorizationMessageHandler once the API validates tokens",
              ["token"], ["AuthorizationMessageHandler", "message handler", "api calls", "authorizedUrls"]),
        ],
        "dead_ends": [
            D("MSAL / AddMsalAuthentication (Entra-only, not used)", ["msal"]),
            D("PublishTrimmed=false (rejected, payload too big)", ["PublishTrimmed"]),
        ],
        "secrets": ["Yt3Qm8vR2xKp7LwN4sZc9HdF6jBe1UaG"],
        "supersedes": [],
    }


# ---------------------------------------------------------------------------
# 4. Python Scrapy crawler  (terse user, very long crawl log)
# ---------------------------------------------------------------------------
SCRAPY_SPIDER = '''import scrapy

from pricewatch.items import ProductItem


class HardwarehausSpider(scrapy.Spider):
    name = "hardwarehaus"
    allowed_domains = ["www.hardwarehaus.de"]
    start_urls = ["https://www.hardwarehaus.de/werkzeug/akku-bohrschrauber?page=1"]

    def parse(self, response):
        for card in response.css("div.product-tile"):
            yield ProductItem(
                shop="hardwarehaus",
                sku=card.attrib.get("data-sku"),
                name=card.css("a.product-tile__title::text").get(default="").strip(),
                price=card.css("span.price__value::text").get(),
                currency="EUR",
                url=response.urljoin(card.css("a.product-tile__title::attr(href)").get()),
            )
        next_href = response.css("a.pagination__next::attr(href)").get()
        if next_href:
            yield response.follow(next_href, callback=self.parse)
'''

SCRAPY_SETTINGS = '''BOT_NAME = "pricewatch"

SPIDER_MODULES = ["pricewatch.spiders"]
NEWSPIDER_MODULE = "pricewatch.spiders"

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 20.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
AUTOTHROTTLE_DEBUG = False

# residential proxy for shops that geo-block
HTTP_PROXY_URL = "http://crawl01:Vt8qLm3XzR7p@gate.proxymesh.example:31280"

DOWNLOADER_MIDDLEWARES = {
    "pricewatch.middlewares.ProxyMiddleware": 350,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": 550,
}

ITEM_PIPELINES = {
    "pricewatch.pipelines.PriceNormalizePipeline": 300,
    "pricewatch.pipelines.PostgresUpsertPipeline": 800,
}

PG_DSN = "postgresql://pricewatch@localhost:5432/pricewatch"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
'''

SCRAPY_PIPELINES = '''import psycopg
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem


def parse_price(raw):
    if not raw:
        return None
    text = raw.replace("\\u20ac", "").replace("EUR", "").strip()
    return float(text.split(",")[0])


class PriceNormalizePipeline:
    def process_item(self, item, spider):
        adapter = ItemAdapter(item)
        price = parse_price(adapter.get("price"))
        if price is None:
            raise DropItem(f"no price for {adapter.get('sku')}")
        adapter["price"] = price
        return item


class PostgresUpsertPipeline:
    def open_spider(self, spider):
        self.conn = psycopg.connect(spider.settings["PG_DSN"], autocommit=True)

    def close_spider(self, spider):
        self.conn.close()

    def process_item(self, item, spider):
        a = ItemAdapter(item)
        self.conn.execute(
            """insert into prices (shop, sku, name, price, currency, url, seen_at)
               values (%s, %s, %s, %s, %s, %s, now())
               on conflict (shop, sku) do update
               set price = excluded.price, name = excluded.name, seen_at = now()""",
            (a["shop"], a["sku"], a["name"], a["price"], a["currency"], a["url"]),
        )
        return item
'''

_BRANDS = ["Bosch", "Makita", "Metabo", "DeWalt", "Einhell", "Milwaukee", "Festool", "Hikoki", "Ryobi", "AEG"]
_MODELS = ["GSR 18V-55", "DDF485Z", "BS 18 LTX BL", "DCD791D2", "TE-CD 18/48 Li", "M18 FDD3", "TXS 18", "DS18DE",
           "R18DD7", "BSB 18C", "GSB 18V-21", "DHP482", "PowerMaxx BS 12", "DCD709", "TE-CD 12/1", "M12 FPD2"]
_KITS = ["Solo", "2x 2,0 Ah + Ladegerät", "2x 4,0 Ah + L-BOXX", "1x 5,0 Ah im Koffer", "Set mit 41 Bits", "Basic"]


def _scrapy_items(rnd, page, n):
    out = []
    for i in range(n):
        b = rnd.choice(_BRANDS)
        m = rnd.choice(_MODELS)
        k = rnd.choice(_KITS)
        euros = rnd.choice([rnd.randint(39, 999), rnd.randint(1000, 1899)])
        cents = rnd.choice(["00", "90", "95", "99"])
        disp = f"{euros:,}".replace(",", ".") + "," + cents
        parsed = disp.split(",")[0]
        sku = f"HH-{rnd.randint(100000, 999999)}"
        slug = f"{b}-{m}-{k}".lower().replace(" ", "-").replace(",", "-").replace("+", "").replace("/", "-")
        out.append((sku, f"{b} Akku-Bohrschrauber {m} {k}", parsed, slug, page))
    return out


def _scrapy_crawl_log():
    rnd = random.Random(1103)
    t = [14, 7, 2]

    def ts():
        t[2] += rnd.randint(0, 1)
        if t[2] >= 60:
            t[2] -= 60
            t[1] += 1
        return f"2026-11-25 {t[0]:02d}:{t[1]:02d}:{t[2]:02d}"

    out = [f"{ts()} [scrapy.utils.log] INFO: Scrapy 2.11.1 started (bot: pricewatch)",
           f"{ts()} [scrapy.utils.log] INFO: Versions: lxml 5.2.1.0, libxml2 2.12.6, cssselect 1.2.0, parsel 1.9.1, w3lib 2.1.2, Twisted 24.3.0, Python 3.11.9 (main, Apr  6 2024, 17:59:24) [GCC 11.4.0], pyOpenSSL 24.1.0 (OpenSSL 3.2.1 30 Jan 2024), cryptography 42.0.5, Platform Linux-6.5.0-35-generic-x86_64-with-glibc2.35",
           f"{ts()} [scrapy.addons] INFO: Enabled addons:\n[]",
           f"{ts()} [asyncio] DEBUG: Using selector: EpollSelector",
           f"{ts()} [scrapy.utils.log] DEBUG: Using reactor: twisted.internet.asyncioreactor.AsyncioSelectorReactor",
           f"{ts()} [scrapy.utils.log] DEBUG: Using asyncio event loop: asyncio.unix_events._UnixSelectorEventLoop",
           f"{ts()} [scrapy.extensions.telnet] INFO: Telnet Password: 4b2e9d1c07a3f5e8",
           f"{ts()} [scrapy.middleware] INFO: Enabled extensions:\n['scrapy.extensions.corestats.CoreStats',\n 'scrapy.extensions.telnet.TelnetConsole',\n 'scrapy.extensions.memusage.MemoryUsage',\n 'scrapy.extensions.logstats.LogStats',\n 'scrapy.extensions.throttle.AutoThrottle']",
           f"{ts()} [scrapy.crawler] INFO: Overridden settings:\n{{'AUTOTHROTTLE_ENABLED': True,\n 'AUTOTHROTTLE_MAX_DELAY': 20.0,\n 'AUTOTHROTTLE_START_DELAY': 1.0,\n 'AUTOTHROTTLE_TARGET_CONCURRENCY': 2.0,\n 'BOT_NAME': 'pricewatch',\n 'CONCURRENT_REQUESTS': 8,\n 'CONCURRENT_REQUESTS_PER_DOMAIN': 4,\n 'DOWNLOAD_DELAY': 0.5,\n 'FEED_EXPORT_ENCODING': 'utf-8',\n 'LOG_LEVEL': 'DEBUG',\n 'NEWSPIDER_MODULE': 'pricewatch.spiders',\n 'REQUEST_FINGERPRINTER_IMPLEMENTATION': '2.7',\n 'ROBOTSTXT_OBEY': True,\n 'SPIDER_MODULES': ['pricewatch.spiders'],\n 'TWISTED_REACTOR': 'twisted.internet.asyncioreactor.AsyncioSelectorReactor',\n 'USER_AGENT': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'}}",
           f"{ts()} [scrapy.middleware] INFO: Enabled downloader middlewares:\n['scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware',\n 'scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware',\n 'scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware',\n 'scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware',\n 'scrapy.downloadermiddlewares.useragent.UserAgentMiddleware',\n 'pricewatch.middlewares.ProxyMiddleware',\n 'scrapy.downloadermiddlewares.retry.RetryMiddleware',\n 'scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware',\n 'scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware',\n 'scrapy.downloadermiddlewares.redirect.RedirectMiddleware',\n 'scrapy.downloadermiddlewares.cookies.CookiesMiddleware',\n 'scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware',\n 'scrapy.downloadermiddlewares.stats.DownloaderStats']",
           f"{ts()} [scrapy.middleware] INFO: Enabled spider middlewares:\n['scrapy.spidermiddlewares.httperror.HttpErrorMiddleware',\n 'scrapy.spidermiddlewares.offsite.OffsiteMiddleware',\n 'scrapy.spidermiddlewares.referer.RefererMiddleware',\n 'scrapy.spidermiddlewares.urllength.UrlLengthMiddleware',\n 'scrapy.spidermiddlewares.depth.DepthMiddleware']",
           f"{ts()} [scrapy.middleware] INFO: Enabled item pipelines:\n['pricewatch.pipelines.PriceNormalizePipeline',\n 'pricewatch.pipelines.PostgresUpsertPipeline']",
           f"{ts()} [scrapy.core.engine] INFO: Spider opened",
           f"{ts()} [scrapy.extensions.logstats] INFO: Crawled 0 pages (at 0 pages/min), scraped 0 items (at 0 items/min)",
           f"{ts()} [scrapy.extensions.telnet] INFO: Telnet console listening on 127.0.0.1:6023",
           f"{ts()} [scrapy.core.engine] DEBUG: Crawled (200) <GET https://www.hardwarehaus.de/robots.txt> (referer: None)"]
    base = "https://www.hardwarehaus.de/werkzeug/akku-bohrschrauber"
    n_items = 0
    for page in (1, 2, 3):
        ref = "None" if page == 1 else f"{base}?page={page - 1}"
        out.append(f"{ts()} [scrapy.core.engine] DEBUG: Crawled (200) <GET {base}?page={page}> (referer: {ref})")
        for sku, name, price, slug, _ in _scrapy_items(rnd, page, 48):
            n_items += 1
            out.append(f"{ts()} [scrapy.core.scraper] DEBUG: Scraped from <200 {base}?page={page}>\n"
                       f"{{'currency': 'EUR',\n 'name': '{name}',\n 'price': {price if '.' in price else price + '.0'},\n"
                       f" 'shop': 'hardwarehaus',\n 'sku': '{sku}',\n 'url': 'https://www.hardwarehaus.de/p/{slug}-{sku.lower()}'}}")
    out.append(f"{ts()} [scrapy.dupefilters] DEBUG: Filtered duplicate request: <GET {base}?page=3> - no more duplicates will be shown (see DUPEFILTER_DEBUG to show all duplicates)")
    out.append(f"{ts()} [scrapy.core.engine] INFO: Closing spider (finished)")
    out.append(f"""{ts()} [scrapy.statscollectors] INFO: Dumping Scrapy stats:
{{'downloader/request_bytes': 1894,
 'downloader/request_count': 4,
 'downloader/request_method_count/GET': 4,
 'downloader/response_bytes': 412877,
 'downloader/response_count': 4,
 'downloader/response_status_count/200': 4,
 'dupefilter/filtered': 1,
 'elapsed_time_seconds': 84.208311,
 'finish_reason': 'finished',
 'finish_time': datetime.datetime(2026, 11, 25, 14, 8, 27, 117402, tzinfo=datetime.timezone.utc),
 'httpcompression/response_bytes': 2311950,
 'httpcompression/response_count': 4,
 'item_scraped_count': {n_items},
 'log_count/DEBUG': {n_items + 12},
 'log_count/INFO': 10,
 'memusage/max': 78159872,
 'memusage/startup': 78159872,
 'request_depth_max': 2,
 'response_received_count': 4,
 'robotstxt/request_count': 1,
 'robotstxt/response_count': 1,
 'robotstxt/response_status_count/200': 1,
 'scheduler/dequeued': 3,
 'scheduler/dequeued/memory': 3,
 'scheduler/enqueued': 3,
 'scheduler/enqueued/memory': 3,
 'start_time': datetime.datetime(2026, 11, 25, 14, 7, 2, 909091, tzinfo=datetime.timezone.utc)}}""")
    out.append(f"{ts()} [scrapy.core.engine] INFO: Spider closed (finished)")
    return "\n".join(out) + "\n"


SCRAPY_PLAYWRIGHT_RUN = """2026-11-25 14:19:31 [scrapy.utils.log] INFO: Scrapy 2.11.1 started (bot: pricewatch)
2026-11-25 14:19:31 [scrapy.utils.log] INFO: Using reactor: twisted.internet.asyncioreactor.AsyncioSelectorReactor
2026-11-25 14:19:31 [scrapy-playwright] INFO: Starting download handler
2026-11-25 14:19:32 [scrapy-playwright] INFO: Launching browser chromium
2026-11-25 14:19:33 [scrapy-playwright] INFO: Browser chromium launched
2026-11-25 14:19:33 [scrapy.core.engine] INFO: Spider opened
2026-11-25 14:20:33 [scrapy.extensions.logstats] INFO: Crawled 5 pages (at 5 pages/min), scraped 192 items (at 192 items/min)
2026-11-25 14:21:33 [scrapy.extensions.logstats] INFO: Crawled 9 pages (at 4 pages/min), scraped 384 items (at 192 items/min)
2026-11-25 14:22:33 [scrapy.extensions.logstats] INFO: Crawled 14 pages (at 5 pages/min), scraped 624 items (at 240 items/min)
2026-11-25 14:23:33 [scrapy.extensions.logstats] INFO: Crawled 18 pages (at 4 pages/min), scraped 816 items (at 192 items/min)
2026-11-25 14:24:33 [scrapy.extensions.logstats] INFO: Crawled 23 pages (at 5 pages/min), scraped 1056 items (at 240 items/min)
2026-11-25 14:25:22 [scrapy.core.engine] INFO: Closing spider (finished)
2026-11-25 14:25:22 [scrapy.statscollectors] INFO: Dumping Scrapy stats:
{'downloader/request_count': 28,
 'downloader/response_status_count/200': 28,
 'elapsed_time_seconds': 349.118,
 'finish_reason': 'finished',
 'item_scraped_count': 1290,
 'memusage/max': 612335616,
 'playwright/context_count': 1,
 'playwright/page_count': 27,
 'playwright/page_count/max_concurrent': 4,
 'playwright/request_count': 1871,
 'playwright/request_count/resource_type/script': 702,
 'playwright/request_count/resource_type/image': 988,
 'response_received_count': 28}
2026-11-25 14:25:22 [scrapy.core.engine] INFO: Spider closed (finished)
"""

SCRAPY_FIXED_RUN = """2026-11-25 14:41:02 [scrapy.utils.log] INFO: Scrapy 2.11.1 started (bot: pricewatch)
2026-11-25 14:41:03 [scrapy.core.engine] INFO: Spider opened
2026-11-25 14:42:03 [scrapy.extensions.logstats] INFO: Crawled 25 pages (at 25 pages/min), scraped 1152 items (at 1152 items/min)
2026-11-25 14:42:11 [scrapy.core.engine] INFO: Closing spider (finished)
2026-11-25 14:42:11 [scrapy.statscollectors] INFO: Dumping Scrapy stats:
{'downloader/request_count': 28,
 'downloader/response_status_count/200': 28,
 'dupefilter/filtered': 0,
 'elapsed_time_seconds': 68.402,
 'finish_reason': 'finished',
 'item_scraped_count': 1290,
 'memusage/max': 81264640,
 'request_depth_max': 26,
 'response_received_count': 28}
2026-11-25 14:42:11 [scrapy.core.engine] INFO: Spider closed (finished)
"""


@session
def h10_scrapy_pricewatch():
    turns = [
        U("hardwarehaus spider stops after page 3. there are 27 pages. fix"),
        A("Let me read the spider and run a crawl with debug logging."),
        T("Read", "pricewatch/spiders/hardwarehaus.py", SCRAPY_SPIDER),
        T("Bash", "scrapy crawl hardwarehaus -L DEBUG 2>&1 | tee /tmp/hh.log", _scrapy_crawl_log()),
        A("Pages 1–3 are crawled (144 items), then the request produced from page 3's *next* link is dropped: "
          "`Filtered duplicate request: <GET ...?page=3>`. So on page 3 the next link resolves to page 3 itself. "
          "I'd like to look at the raw HTML of page 3 next."),
        U("just use playwright. site is js heavy"),
        A("OK, I'll try scrapy-playwright so pages are rendered before parsing."),
        T("Bash", "pip install scrapy-playwright && playwright install chromium",
          "Collecting scrapy-playwright\n  Downloading scrapy_playwright-0.0.34-py3-none-any.whl (25 kB)\n"
          "Collecting playwright>=1.15\n  Downloading playwright-1.43.0-py3-none-manylinux1_x86_64.whl (37.5 MB)\n"
          "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 37.5/37.5 MB 18.1 MB/s eta 0:00:00\n"
          "Collecting greenlet==3.0.3 (from playwright>=1.15)\n  Using cached greenlet-3.0.3-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl (620 kB)\n"
          "Collecting pyee==11.1.0 (from playwright>=1.15)\n  Using cached pyee-11.1.0-py3-none-any.whl (15 kB)\n"
          "Installing collected packages: pyee, greenlet, playwright, scrapy-playwright\n"
          "Successfully installed greenlet-3.0.3 playwright-1.43.0 pyee-11.1.0 scrapy-playwright-0.0.34\n"
          "Downloading Chromium 124.0.6367.29 (playwright build v1112) from https://playwright.azureedge.net/builds/chromium/1112/chromium-linux.zip\n"
          "153.1 MiB [====================] 100% 0.0s\nChromium 124.0.6367.29 (playwright build v1112) downloaded to /home/ops/.cache/ms-playwright/chromium-1112\n"),
        T("Read", "pricewatch/settings.py", SCRAPY_SETTINGS),
        T("Edit", "pricewatch/settings.py",
          "@@ -38,3 +38,9 @@\n REQUEST_FINGERPRINTER_IMPLEMENTATION = \"2.7\"\n TWISTED_REACTOR = \"twisted.internet.asyncioreactor.AsyncioSelectorReactor\"\n"
          " FEED_EXPORT_ENCODING = \"utf-8\"\n+\n+DOWNLOAD_HANDLERS = {\n+    \"http\": \"scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler\",\n"
          "+    \"https\": \"scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler\",\n+}\n+PLAYWRIGHT_BROWSER_TYPE = \"chromium\"\n"),
        T("Edit", "pricewatch/spiders/hardwarehaus.py",
          "@@ -7,6 +7,10 @@ class HardwarehausSpider(scrapy.Spider):\n     start_urls = [\"https://www.hardwarehaus.de/werkzeug/akku-bohrschrauber?page=1\"]\n"
          "+\n+    def start_requests(self):\n+        for url in self.start_urls:\n+            yield scrapy.Request(url, meta={\"playwright\": True})\n \n"
          "@@ -22,4 +26,4 @@\n         next_href = response.css(\"a.pagination__next::attr(href)\").get()\n         if next_href:\n"
          "-            yield response.follow(next_href, callback=self.parse)\n+            yield response.follow(next_href, callback=self.parse, meta={\"playwright\": True})\n"),
        T("Bash", "scrapy crawl hardwarehaus -L INFO", SCRAPY_PLAYWRIGHT_RUN),
        A("With rendering it gets through all 27 pages (1290 items), so the next link is fixed up by JavaScript. But "
          "the cost: ~5 pages/min, 349 s for the shop, 600 MB RAM, and 1871 browser sub-requests (scripts, images) "
          "hitting their servers. Without the browser the same pages came in at several per second. Options:\n"
          "- keep Playwright but raise `CONCURRENT_REQUESTS` to compensate,\n- use Splash instead (lighter, but another "
          "service to run),\n- or find what the JS does and replicate it in plain Scrapy."),
        U("too slow. revert. look at html"),
        T("Bash", "git checkout -- pricewatch/settings.py pricewatch/spiders/hardwarehaus.py && pip uninstall -y scrapy-playwright playwright && git status --short",
          "Found existing installation: scrapy-playwright 0.0.34\nUninstalling scrapy-playwright-0.0.34:\n  Successfully uninstalled scrapy-playwright-0.0.34\n"
          "Found existing installation: playwright 1.43.0\nUninstalling playwright-1.43.0:\n  Successfully uninstalled playwright-1.43.0\n"),
        T("Bash", "for p in 2 3; do echo \"== page $p\"; scrapy fetch --nolog \"https://www.hardwarehaus.de/werkzeug/akku-bohrschrauber?page=$p\" | grep -n 'pagination__next'; done",
          "== page 2\n1187:      <a class=\"pagination__next\" href=\"?page=3\" rel=\"next\">Weiter<span class=\"icon icon--chevron-right\"></span></a>\n"
          "== page 3\n1191:      <a class=\"pagination__next js-lazy-pager\" href=\"#\" data-href=\"/werkzeug/akku-bohrschrauber?page=4&amp;_sid=9f2c4e71b0\" rel=\"next\">Weiter<span class=\"icon icon--chevron-right\"></span></a>\n"),
        A("There it is. From page 3 on, the shop switches to a \"lazy pager\": the next link has `href=\"#\"` and the "
          "real URL sits in `data-href`; their JS copies it over on load. The spider reads `href`, gets `#`, and "
          "`response.follow(\"#\")` resolves to the current URL — the fragment is dropped when the request fingerprint "
          "is computed — so it's exactly page 3 again, and the dupefilter silently discards it. That's why it stopped "
          "with no error. Fix: prefer `data-href`, fall back to `href`, ignore `#`. The `data-href` also carries a "
          "per-visit `_sid` parameter; I'll strip it so fingerprints stay stable between runs."),
        T("Edit", "pricewatch/spiders/hardwarehaus.py",
          "@@ -1,4 +1,5 @@\n import scrapy\n+from w3lib.url import url_query_cleaner\n \n from pricewatch.items import ProductItem\n"
          "@@ -20,6 +21,9 @@ class HardwarehausSpider(scrapy.Spider):\n                 url=response.urljoin(card.css(\"a.product-tile__title::attr(href)\").get()),\n             )\n"
          "-        next_href = response.css(\"a.pagination__next::attr(href)\").get()\n-        if next_href:\n-            yield response.follow(next_href, callback=self.parse)\n"
          "+        nxt = response.css(\"a.pagination__next\")\n+        # from page 3 on the shop uses a JS pager: href=\"#\", real URL in data-href (+ a per-visit _sid)\n"
          "+        next_href = nxt.attrib.get(\"data-href\") or nxt.attrib.get(\"href\")\n+        if next_href and next_href != \"#\":\n"
          "+            url = url_query_cleaner(response.urljoin(next_href), [\"_sid\"], remove=True)\n"
          "+            yield scrapy.Request(url, callback=self.parse)\n"),
        T("Bash", "scrapy crawl hardwarehaus -L INFO", SCRAPY_FIXED_RUN),
        U("ok. prices wrong too. 1.299,00 € comes out as 1.299"),
        T("Read", "pricewatch/pipelines.py", SCRAPY_PIPELINES),
        A("`parse_price` keeps everything before the comma: `\"1.299,00\"` → `\"1.299\"` → `float` reads the German "
          "thousands separator as a decimal point → 1.299. Every price ≥ 1000 € in the DB is wrong by a factor of "
          "1000, and cents are lost for all the others. German format: `.` groups thousands, `,` is the decimal "
          "separator. I'll remove the dots, turn the comma into a point, and use `Decimal` so cents stay exact "
          "(the column is `numeric(10,2)` anyway)."),
        T("Edit", "pricewatch/pipelines.py",
          "@@ -1,12 +1,17 @@\n+import re\n+from decimal import Decimal, InvalidOperation\n+\n import psycopg\n from itemadapter import ItemAdapter\n from scrapy.exceptions import DropItem\n \n+_NUM = re.compile(r\"\\d{1,3}(?:\\.\\d{3})*(?:,\\d+)?|\\d+(?:,\\d+)?\")\n+\n \n def parse_price(raw):\n-    if not raw:\n-        return None\n-    text = raw.replace(\"\\u20ac\", \"\").replace(\"EUR\", \"\").strip()\n-    return float(text.split(\",\")[0])\n"
          "+    \"\"\"German shop format: '1.299,00 €' -> Decimal('1299.00').\"\"\"\n+    m = _NUM.search(raw or \"\")\n+    if not m:\n+        return None\n"
          "+    try:\n+        return Decimal(m.group(0).replace(\".\", \"\").replace(\",\", \".\"))\n+    except InvalidOperation:\n+        return None\n"),
        T("Edit", "tests/test_pipelines.py",
          "@@ -1,3 +1,14 @@\n+from decimal import Decimal\n+\n+import pytest\n+\n from pricewatch.pipelines import parse_price\n+\n+\n+@pytest.mark.parametrize(\"raw,expected\", [\n"
          "+    (\"1.299,00 €\", Decimal(\"1299.00\")),\n+    (\"49,95 €\", Decimal(\"49.95\")),\n+    (\"12.345,5 EUR\", Decimal(\"12345.5\")),\n+    (\"ab 899,- €\", Decimal(\"899\")),\n+])\n"
          "+def test_parse_price_german(raw, expected):\n+    assert parse_price(raw) == expected\n"),
        T("Bash", "pytest tests/test_pipelines.py -q",
          "...........                                                              [100%]\n11 passed in 0.38s\n"),
        A("Fixed and tested. Note the prices already stored for hardwarehaus are wrong; the next crawl overwrites them "
          "via the upsert. Side note: `settings.py` contains the proxy credentials in clear text in `HTTP_PROXY_URL` — "
          "an env variable would keep them out of git."),
        U("known. leave it. autothrottle stays on btw, target 2. no concurrency bumps. they blocked our whole IP range "
          "last year when someone set 16"),
        A("Understood — I haven't touched `AUTOTHROTTLE_*` or `CONCURRENT_REQUESTS`; target concurrency stays 2.0. Commit?"),
        U("commit. toolmax spider next week"),
        T("Bash", "git add pricewatch/spiders/hardwarehaus.py pricewatch/pipelines.py tests/test_pipelines.py && git commit -m \"hardwarehaus: follow data-href pager, fix German price parsing\"",
          "[main 3c9d0b7] hardwarehaus: follow data-href pager, fix German price parsing\n 3 files changed, 29 insertions(+), 7 deletions(-)\n"),
        A("Committed (3c9d0b7)."),
    ]
    return {
        "id": "h10_scrapy_pricewatch",
        "project": "pricewatch",
        "cwd_files": ["pricewatch/spiders/hardwarehaus.py", "pricewatch/pipelines.py", "pricewatch/settings.py",
                      "tests/test_pipelines.py", "scrapy.cfg"],
        "turns": turns,
        "gold": [
            G("PROJECT", "pricewatch: Scrapy 2.11 price crawler, one spider per shop, pipelines normalize prices and upsert into Postgres",
              ["scrapy"], ["pricewatch", "postgres", "2.11", "spider per shop"]),
            G("BUG_FIX", "hardwarehaus stopped at page 3: next link href='#' with real URL in data-href, follow('#') hit dupefilter -> use data-href, strip _sid",
              ["hardwarehaus"], ["data-href", "dupefilter", "duplicate", "page 3", "pagination", "pager"],
              files=["pricewatch/spiders/hardwarehaus.py"]),
            G("BUG_FIX", "parse_price read German '1.299,00' as 1.299 -> drop thousands dots, comma to point, Decimal",
              ["price"], ["1.299", "thousand", "comma", "german", "decimal"], files=["pricewatch/pipelines.py"]),
            G("FAILED", "scrapy-playwright rendering abandoned: pagination worked but ~5 pages/min, 600 MB RAM; reverted",
              ["playwright"], ["slow", "pages/min", "revert", "ram", "349"], failure=True),
            G("DECISION", "Keep AUTOTHROTTLE on with target concurrency 2; never bump concurrency (IP range was blocked at 16)",
              ["autothrottle"], ["concurrency", "target", "blocked", "2.0"]),
            G("TODO", "Write the toolmax spider next week",
              ["toolmax"], ["spider", "next week", "write", "add"]),
        ],
        "dead_ends": [
            D("scrapy-playwright rendering (reverted)", ["playwright"]),
            D("Splash rendering service (offered, not chosen)", ["splash"]),
            D("Raise CONCURRENT_REQUESTS to compensate (offered, refused)", ["CONCURRENT_REQUESTS"]),
        ],
        "secrets": ["Vt8qLm3XzR7p", "http://crawl01:Vt8qLm3XzR7p@gate.proxymesh.example:31280"],
        "supersedes": [],
    }


# ---------------------------------------------------------------------------
# 5. Node.js Fastify + Drizzle ORM  (changes their mind)
# ---------------------------------------------------------------------------
FASTIFY_PKG = """{
  "name": "ledger-api",
  "version": "0.7.2",
  "private": true,
  "type": "module",
  "main": "dist/server.js",
  "scripts": {
    "dev": "tsx watch src/server.ts",
    "build": "tsc -p tsconfig.build.json",
    "start": "node dist/server.js",
    "test": "vitest run",
    "lint": "eslint src test",
    "db:push": "drizzle-kit push:pg"
  },
  "dependencies": {
    "@fastify/sensible": "^5.5.0",
    "@fastify/type-provider-typebox": "^4.0.0",
    "@sinclair/typebox": "^0.32.20",
    "drizzle-orm": "^0.30.4",
    "fastify": "^4.26.2",
    "fastify-plugin": "^4.5.1",
    "pino-pretty": "^11.0.0",
    "postgres": "^3.4.3"
  },
  "devDependencies": {
    "@types/node": "^20.12.2",
    "drizzle-kit": "^0.20.14",
    "eslint": "^8.57.0",
    "tsx": "^4.7.1",
    "typescript": "^5.4.3",
    "vitest": "^1.4.0"
  }
}
"""

FASTIFY_TREE = """src
src/app.ts
src/server.ts
src/config.ts
src/db
src/db/index.ts
src/db/plugin.ts
src/modules
src/modules/accounts
src/modules/accounts/routes.ts
src/modules/accounts/schema.ts
src/modules/accounts/service.ts
src/modules/payments
src/modules/payments/routes.ts
src/modules/payments/schema.ts
src/modules/payments/service.ts
src/modules/payments/types.ts
test
test/accounts.test.ts
test/payments.test.ts
test/helpers
test/helpers/app.ts
drizzle.config.ts
"""

FASTIFY_DBPLUGIN = """import fp from 'fastify-plugin';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as accounts from '../modules/accounts/schema.js';
import * as payments from '../modules/payments/schema.js';

export const schema = { ...accounts, ...payments };
export type DB = PostgresJsDatabase<typeof schema>;

declare module 'fastify' {
  interface FastifyInstance {
    db: DB;
  }
}

export default fp(async (app, opts: { url: string }) => {
  const client = postgres(opts.url, { max: 10 });
  app.decorate('db', drizzle(client, { schema }));
  app.addHook('onClose', async () => {
    await client.end({ timeout: 5 });
  });
}, { name: 'db' });
"""

FASTIFY_DRIZZLE_CONFIG = """import type { Config } from 'drizzle-kit';
import 'dotenv/config';

export default {
  schema: './src/modules/*/schema.ts',
  out: './drizzle',
  driver: 'pg',
  dbCredentials: { connectionString: process.env.DATABASE_URL! },
  strict: true,
} satisfies Config;
"""

FASTIFY_ENV = """NODE_ENV=development
PORT=3010
LOG_LEVEL=debug
DATABASE_URL=postgres://ledger:q7Rn2VwX9pLc@localhost:5433/ledger
"""

FASTIFY_BILLING_SCHEMA = """import { pgTable, uuid, text, char, numeric, timestamp, integer, pgEnum, bigint } from 'drizzle-orm/pg-core';
import { relations } from 'drizzle-orm';
import { accounts } from '../accounts/schema.js';

export const invoiceStatus = pgEnum('invoice_status', ['draft', 'issued', 'paid', 'void']);

export const invoices = pgTable('invoices', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => accounts.id),
  number: text('number').notNull().unique(),
  currency: char('currency', { length: 3 }).notNull(),
  total: numeric('total', { precision: 12, scale: 2 }).notNull(),
  status: invoiceStatus('status').notNull().default('draft'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const invoiceLines = pgTable('invoice_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  invoiceId: uuid('invoice_id').notNull().references(() => invoices.id, { onDelete: 'cascade' }),
  description: text('description').notNull(),
  quantity: integer('quantity').notNull(),
  unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
});

export const invoicesRelations = relations(invoices, ({ many }) => ({ lines: many(invoiceLines) }));
export const invoiceLinesRelations = relations(invoiceLines, ({ one }) => ({
  invoice: one(invoices, { fields: [invoiceLines.invoiceId], references: [invoices.id] }),
}));
"""

FASTIFY_ROUTES = """import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createInvoice, getInvoice } from './service.js';

const Line = Type.Object({
  description: Type.String({ minLength: 1 }),
  quantity: Type.Integer({ minimum: 1 }),
  unitPrice: Type.String({ pattern: '^\\\\d+(\\\\.\\\\d{1,2})?$' }),
});

const InvoiceResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  accountId: Type.Integer(),
  number: Type.String(),
  currency: Type.String(),
  total: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/invoices', {
    schema: {
      body: Type.Object({ accountId: Type.Integer(), currency: Type.String({ minLength: 3, maxLength: 3 }), lines: Type.Array(Line, { minItems: 1 }) }),
      response: { 201: InvoiceResponse },
    },
  }, async (req, reply) => reply.code(201).send(await createInvoice(app.db, req.body)));

  app.get('/invoices/:id', {
    schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: InvoiceResponse } },
  }, async (req) => {
    const inv = await getInvoice(app.db, req.params.id);
    if (!inv) throw app.httpErrors.notFound();
    return inv;
  });
};

export default routes;
"""

FASTIFY_TEST_FAIL = """
 RUN  v1.4.0 /home/priya/work/ledger-api

 ✓ test/accounts.test.ts  (6 tests) 412ms
 ✓ test/payments.test.ts  (9 tests) 688ms
 ❯ test/billing.test.ts  (4 tests | 2 failed) 377ms
   ✓ POST /invoices creates an invoice with lines
   ✓ POST /invoices rejects an empty lines array
   × GET /invoices/:id returns the invoice with its lines
     → expected { id: '0b6f1f0e-6a43-4c57-9d2e-1f1d3bb4c0a1', …(6) } to have property "lines"
   × GET /invoices/:id returns total as number
     → expected '120.50' to be 120.5 // Object.is equality

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯ Failed Tests 2 ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯

 FAIL  test/billing.test.ts > GET /invoices/:id returns the invoice with its lines
AssertionError: expected { id: '0b6f1f0e-6a43-4c57-9d2e-1f1d3bb4c0a1', …(6) } to have property "lines"
 ❯ test/billing.test.ts:48:24
     46|     expect(res.statusCode).toBe(200);
     47|     const body = res.json();
     48|     expect(body).toHaveProperty('lines');
       |                  ^
     49|     expect(body.lines).toHaveLength(2);
     50|   });

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/2]⎯

 FAIL  test/billing.test.ts > GET /invoices/:id returns total as number
AssertionError: expected '120.50' to be 120.5 // Object.is equality

- Expected
+ Received

- 120.5
+ "120.50"

 ❯ test/billing.test.ts:58:28
     56|     const res = await app.inject({ method: 'GET', url: `/invoices/${id}` });
     57|     const body = res.json();
     58|     expect(body.total).toBe(120.5);
       |                        ^
     59|   });
     60| });

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[2/2]⎯

 Test Files  1 failed | 2 passed (3)
      Tests  2 failed | 17 passed (19)
   Start at  11:14:09
   Duration  2.31s (transform 388ms, setup 0ms, collect 1.12s, tests 1.48s, environment 0ms, prepare 402ms)

"""

FASTIFY_PGMEM_FAIL = """
 RUN  v1.4.0 /home/priya/work/ledger-api

 ❯ test/accounts.test.ts  (6 tests | 6 skipped)
 ❯ test/payments.test.ts  (9 tests | 9 skipped)
 ❯ test/billing.test.ts  (4 tests | 4 skipped)

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯ Failed Suites 3 ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯

 FAIL  test/accounts.test.ts [ test/accounts.test.ts ]
 FAIL  test/payments.test.ts [ test/payments.test.ts ]
 FAIL  test/billing.test.ts [ test/billing.test.ts ]
Error: 💔 Your query failed to parse.
This is most likely due to a SQL syntax error. However, you might also have hit a bug, or an unimplemented feature of pg-mem.
If this is the case, please file an issue at https://github.com/oguimbal/pg-mem along with a query that reproduces this syntax error.

👉 Failed query:

    CREATE TABLE IF NOT EXISTS "invoices" (
    	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
    	"account_id" bigint NOT NULL,
    	"number" text NOT NULL,
    	"currency" char(3) NOT NULL,
    	"total" numeric(12, 2) NOT NULL,
    	"status" "invoice_status" DEFAULT 'draft' NOT NULL,
    	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
    	CONSTRAINT "invoices_number_unique" UNIQUE("number")
    );

💀 function gen_random_uuid() does not exist

*️⃣ This seems to be a function call. Note that pg-mem does not implement all Postgres functions; you can register custom ones with db.public.registerFunction()

 ❯ _parse node_modules/pg-mem/src/parser/parse-cache.ts:100:15
 ❯ parseSql node_modules/pg-mem/src/parser/parse-cache.ts:48:19
 ❯ DbSchema.parse node_modules/pg-mem/src/schema/schema.ts:89:22
 ❯ DbSchema.query node_modules/pg-mem/src/schema/schema.ts:63:26
 ❯ Object.unsafe test/helpers/db.ts:19:35
 ❯ migrate node_modules/drizzle-orm/postgres-js/migrator.js:7:20
 ❯ test/helpers/app.ts:14:3

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/1]⎯

 Test Files  3 failed (3)
      Tests  19 skipped (19)
   Start at  11:31:40
   Duration  1.87s (transform 402ms, setup 0ms, collect 1.22s, tests 0ms, environment 0ms, prepare 377ms)

"""

FASTIFY_TEST_GREEN = """
 RUN  v1.4.0 /home/priya/work/ledger-api

[globalSetup] starting postgres:16-alpine via testcontainers ...
[globalSetup] container 7f4e0d92c3b1 ready on 127.0.0.1:55012 (2.9s)
[globalSetup] applied 1 migration(s) from ./drizzle
 ✓ test/accounts.test.ts  (6 tests) 398ms
 ✓ test/payments.test.ts  (9 tests) 702ms
 ✓ test/billing.test.ts  (5 tests) 451ms

 Test Files  3 passed (3)
      Tests  20 passed (20)
   Start at  11:44:02
   Duration  6.12s (transform 391ms, setup 0ms, collect 1.18s, tests 1.55s, environment 0ms, prepare 396ms)

[globalTeardown] stopped container 7f4e0d92c3b1
"""


@session
def h10_fastify_ledger():
    turns = [
        U("morning! need an invoices resource in ledger-api: tables invoices + invoice_lines, POST /invoices and "
          "GET /invoices/:id. drizzle like the rest of it, typebox for validation."),
        A("Morning! Let me look at the project layout and how the DB is wired first."),
        T("Read", "package.json", FASTIFY_PKG),
        T("Bash", "find src test -maxdepth 3 | sort && ls drizzle.config.ts drizzle 2>&1", FASTIFY_TREE + "ls: cannot access 'drizzle': No such file or directory\n"),
        T("Read", "src/db/plugin.ts", FASTIFY_DBPLUGIN),
        T("Read", "drizzle.config.ts", FASTIFY_DRIZZLE_CONFIG),
        T("Bash", "cat .env", FASTIFY_ENV),
        A("Setup is clear: Fastify 4 with the TypeBox type provider, Drizzle over postgres-js, the `db` decorator "
          "registered through `fastify-plugin` (so it's visible to all route plugins), and drizzle-kit reading every "
          "`src/modules/*/schema.ts`. There's no `drizzle/` folder, and `db:push` in the scripts, so schema changes "
          "have been applied with `drizzle-kit push` so far.\n\nQuestion before I write the schema: do you want to "
          "keep using **push** (drizzle-kit diffs your schema against the DB and applies it directly, no files), or "
          "switch to **generate + migrate** (drizzle-kit writes SQL migration files that are committed and applied by "
          "a migrate step)?"),
        U("push, it's what we've done so far, faster. put the routes in src/routes/invoices.ts"),
        T("Write", "src/modules/billing/schema.ts", FASTIFY_BILLING_SCHEMA),
        T("Write", "src/routes/invoices.ts", FASTIFY_ROUTES),
        U("hmm wait, actually move it under modules/billing/ like payments — routes.ts + service.ts + schema.ts. "
          "I forgot we had that convention, sorry. every domain gets its own folder under src/modules"),
        T("Bash", "mkdir -p src/modules/billing && git mv -f src/routes/invoices.ts src/modules/billing/routes.ts 2>/dev/null || mv src/routes/invoices.ts src/modules/billing/routes.ts; rmdir src/routes; ls src/modules/billing",
          "routes.ts\nschema.ts\n"),
        T("Write", "src/modules/billing/service.ts",
          "import { eq } from 'drizzle-orm';\nimport type { DB } from '../../db/plugin.js';\nimport { invoices, invoiceLines } from './schema.js';\n\n"
          "export async function createInvoice(db: DB, input: { accountId: number; currency: string; lines: { description: string; quantity: number; unitPrice: string }[] }) {\n"
          "  return db.transaction(async (tx) => {\n    const total = sumLines(input.lines);\n"
          "    const [inv] = await tx.insert(invoices).values({ accountId: input.accountId, currency: input.currency, total, number: await nextNumber(tx) }).returning();\n"
          "    const lines = await tx.insert(invoiceLines).values(input.lines.map((l) => ({ ...l, invoiceId: inv.id }))).returning();\n"
          "    return { ...inv, lines };\n  });\n}\n\n"
          "export async function getInvoice(db: DB, id: string) {\n  return db.query.invoices.findFirst({ where: eq(invoices.id, id), with: { lines: true } });\n}\n\n"
          "// sums in integer cents to avoid float rounding, returns numeric string\nfunction sumLines(lines: { quantity: number; unitPrice: string }[]): string {\n"
          "  const cents = lines.reduce((acc, l) => acc + l.quantity * toCents(l.unitPrice), 0n);\n  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;\n}\n"
          "const toCents = (s: string) => { const [i, f = ''] = s.split('.'); return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2)); };\n"
          "async function nextNumber(tx: any): Promise<string> { /* INV-2026-000123 */ const r = await tx.execute(\"select nextval('invoice_number_seq') as n\"); return `INV-${new Date().getFullYear()}-${String(r[0].n).padStart(6, '0')}`; }\n"),
        T("Edit", "src/db/plugin.ts",
          "@@ -3,8 +3,9 @@ import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';\n import postgres from 'postgres';\n"
          " import * as accounts from '../modules/accounts/schema.js';\n import * as payments from '../modules/payments/schema.js';\n"
          "+import * as billing from '../modules/billing/schema.js';\n \n-export const schema = { ...accounts, ...payments };\n+export const schema = { ...accounts, ...payments, ...billing };\n"),
        T("Bash", "npx drizzle-kit push:pg",
          "drizzle-kit: v0.20.14\ndrizzle-orm: v0.30.4\n\nCustom config path was not provided, using 'drizzle.config.ts'\nReading config file '/home/priya/work/ledger-api/drizzle.config.ts'\n"
          "\n Warning  You are about to execute current statements:\n\nCREATE TYPE \"invoice_status\" AS ENUM('draft', 'issued', 'paid', 'void');\n"
          "CREATE TABLE IF NOT EXISTS \"invoices\" (...);\nCREATE TABLE IF NOT EXISTS \"invoice_lines\" (...);\n"
          "ALTER TABLE \"invoices\" ADD CONSTRAINT \"invoices_account_id_accounts_id_fk\" FOREIGN KEY (\"account_id\") REFERENCES \"accounts\"(\"id\");\n"
          "ALTER TABLE \"invoice_lines\" ADD CONSTRAINT \"invoice_lines_invoice_id_invoices_id_fk\" FOREIGN KEY (\"invoice_id\") REFERENCES \"invoices\"(\"id\") ON DELETE cascade;\n\n"
          "[✓] Changes applied\n"),
        U("ok thinking about it more... no. prod deploys go through the pipeline and Sanjay (our DBA) wants to review "
          "the SQL before anything touches prod, push would bypass him completely. let's do generate + migrate and "
          "commit the migration files. drop the push thing, also from package.json."),
        A("Makes sense. One consequence to be aware of: the first `generate` will produce a migration that creates "
          "*all* tables — accounts and payments too — because drizzle-kit has no migration history yet. Locally and "
          "in tests that's fine, but on prod those tables already exist, so before the first `db:migrate` there the "
          "baseline migration has to be marked as applied in `drizzle.__drizzle_migrations` (or Sanjay runs only the "
          "invoice part by hand). I'll set up generate + migrate now."),
        T("Bash", "npx drizzle-kit generate:pg",
          "drizzle-kit: v0.20.14\ndrizzle-orm: v0.30.4\n\nReading config file '/home/priya/work/ledger-api/drizzle.config.ts'\n"
          "5 tables\naccounts 7 columns 1 indexes 0 fks\naccount_keys 5 columns 1 indexes 1 fks\ninvoice_lines 5 columns 0 indexes 1 fks\n"
          "invoices 7 columns 0 indexes 1 fks\npayments 9 columns 2 indexes 2 fks\n\n"
          "[✓] Your SQL migration file ➜ drizzle/0000_lush_rogue.sql 🚀\n"),
        T("Write", "src/db/migrate.ts",
          "import { drizzle } from 'drizzle-orm/postgres-js';\nimport { migrate } from 'drizzle-orm/postgres-js/migrator';\nimport postgres from 'postgres';\n\n"
          "const url = process.env.DATABASE_URL;\nif (!url) throw new Error('DATABASE_URL is not set');\n\n"
          "const client = postgres(url, { max: 1 });\nawait migrate(drizzle(client), { migrationsFolder: './drizzle' });\nawait client.end();\n"
          "console.log('migrations applied');\n"),
        T("Edit", "package.json",
          "@@ -10,7 +10,8 @@\n     \"test\": \"vitest run\",\n     \"lint\": \"eslint src test\",\n-    \"db:push\": \"drizzle-kit push:pg\"\n"
          "+    \"db:generate\": \"drizzle-kit generate:pg\",\n+    \"db:migrate\": \"tsx src/db/migrate.ts\"\n   },\n"),
        T("Bash", "npm test", FASTIFY_TEST_FAIL),
        A("Two separate things:\n\n1. **`lines` missing.** The service does return `lines` (the relational query "
          "with `with: { lines: true }`), but the route's 200 response schema `InvoiceResponse` doesn't declare it. "
          "Fastify compiles response schemas into a serializer (fast-json-stringify) that writes *only* declared "
          "properties, so anything else is silently dropped — no error, no warning. Fix: add `lines: Type.Array(...)` "
          "to the response schema.\n\n2. **`total` is `\"120.50\"`.** `numeric` columns come back from postgres-js as "
          "strings, which is deliberate — they can hold values a JS number can't represent exactly. The test expects a "
          "number. Should the API convert to number, or should the test expect a string?"),
        U("string. money never goes through JS float here — numeric in the db, string in the JSON, integer cents if "
          "you have to compute. fix the test"),
        T("Edit", "src/modules/billing/routes.ts",
          "@@ -10,6 +10,12 @@ const Line = Type.Object({\n   unitPrice: Type.String({ pattern: '^\\\\d+(\\\\.\\\\d{1,2})?$' }),\n });\n \n"
          "+const LineResponse = Type.Object({\n+  id: Type.String({ format: 'uuid' }),\n+  description: Type.String(),\n+  quantity: Type.Integer(),\n+  unitPrice: Type.String(),\n+});\n+\n"
          " const InvoiceResponse = Type.Object({\n@@ -19,6 +25,7 @@ const InvoiceResponse = Type.Object({\n   status: Type.String(),\n"
          "   createdAt: Type.String({ format: 'date-time' }),\n+  lines: Type.Array(LineResponse),\n });\n"),
        T("Edit", "test/billing.test.ts",
          "@@ -52,8 +52,8 @@\n-  it('GET /invoices/:id returns total as number', async () => {\n+  it('GET /invoices/:id returns money as decimal strings', async () => {\n"
          "     const res = await app.inject({ method: 'GET', url: `/invoices/${id}` });\n     const body = res.json();\n"
          "-    expect(body.total).toBe(120.5);\n+    expect(body.total).toBe('120.50');\n+    expect(body.lines[0].unitPrice).toBe('40.25');\n   });\n"),
        U("btw the tests hit my local dev db, which is annoying, yesterday they deleted my test accounts. can we run "
          "them in-memory somehow?"),
        A("pg-mem emulates Postgres in memory inside the Node process — no Docker needed. I'll try it: a test helper "
          "that creates a pg-mem instance, runs the Drizzle migrations against it, and hands the app a client."),
        T("Bash", "npm install --save-dev pg-mem",
          "\nadded 14 packages, and audited 298 packages in 4s\n\n52 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n"),
        T("Write", "test/helpers/db.ts",
          "import { newDb } from 'pg-mem';\n\n// pg-mem has no postgres-js adapter; wrap its query API in the minimal surface drizzle's postgres-js driver uses\n"
          "export function memoryClient() {\n  const mem = newDb({ autoCreateForeignKeyIndices: true });\n  const pub = mem.public;\n"
          "  const client: any = Object.assign((strings: TemplateStringsArray, ...v: unknown[]) => pub.many(String.raw(strings, ...v)), {\n"
          "    unsafe: async (sql: string) => pub.many(sql),\n    end: async () => {},\n    options: { parsers: {}, serializers: {} },\n  });\n  return client;\n}\n"),
        T("Bash", "npm test", FASTIFY_PGMEM_FAIL),
        A("pg-mem is a dead end here: it doesn't implement `gen_random_uuid()` (our uuid defaults), and more "
          "fundamentally it only ships adapters for node-postgres, not postgres-js, so I had to hand-roll a fake "
          "client — every missing function or driver quirk would be another shim. I'll revert it and use "
          "`@testcontainers/postgresql` instead: a real `postgres:16-alpine` container started once per test run in "
          "vitest's `globalSetup`, migrations applied from `./drizzle`, container removed afterwards. Needs Docker "
          "locally and in CI, but it's real Postgres."),
        T("Bash", "npm uninstall pg-mem && rm test/helpers/db.ts && npm install --save-dev @testcontainers/postgresql",
          "\nremoved 14 packages, and audited 284 packages in 2s\n\nadded 87 packages, and audited 371 packages in 9s\n\n"
          "61 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n"),
        T("Write", "test/globalSetup.ts",
          "import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';\n"
          "import { drizzle } from 'drizzle-orm/postgres-js';\nimport { migrate } from 'drizzle-orm/postgres-js/migrator';\nimport postgres from 'postgres';\n\n"
          "let container: StartedPostgreSqlContainer;\n\nexport async function setup() {\n"
          "  console.log('[globalSetup] starting postgres:16-alpine via testcontainers ...');\n"
          "  container = await new PostgreSqlContainer('postgres:16-alpine').start();\n"
          "  process.env.DATABASE_URL = container.getConnectionUri();\n  const client = postgres(process.env.DATABASE_URL, { max: 1 });\n"
          "  await migrate(drizzle(client), { migrationsFolder: './drizzle' });\n  await client.end();\n}\n\n"
          "export async function teardown() {\n  await container?.stop();\n}\n"),
        T("Edit", "vitest.config.ts",
          "@@ -3,6 +3,8 @@ export default defineConfig({\n   test: {\n     environment: 'node',\n+    globalSetup: ['./test/globalSetup.ts'],\n"
          "+    hookTimeout: 60_000,\n     include: ['test/**/*.test.ts'],\n   },\n"),
        T("Bash", "npm test", FASTIFY_TEST_GREEN),
        U("nice, and my dev db survives. commit pls. next up is an idempotency key for POST /invoices — clients retry "
          "on timeout and we got duplicate payments last month because of exactly that. not today though"),
        T("Bash", "git add -A src test drizzle package.json package-lock.json vitest.config.ts && git commit -m \"billing: invoices module, drizzle generate+migrate, testcontainers for tests\"",
          "[feat/invoices 52ab9e0] billing: invoices module, drizzle generate+migrate, testcontainers for tests\n"
          " 12 files changed, 486 insertions(+), 9 deletions(-)\n create mode 100644 drizzle/0000_lush_rogue.sql\n"
          " create mode 100644 drizzle/meta/0000_snapshot.json\n create mode 100644 drizzle/meta/_journal.json\n"
          " create mode 100644 src/db/migrate.ts\n create mode 100644 src/modules/billing/routes.ts\n"
          " create mode 100644 src/modules/billing/schema.ts\n create mode 100644 src/modules/billing/service.ts\n"
          " create mode 100644 test/billing.test.ts\n create mode 100644 test/globalSetup.ts\n"),
        A("Committed on `feat/invoices` (52ab9e0). Reminder for the first prod rollout: `drizzle/0000_lush_rogue.sql` "
          "is a baseline that also creates accounts/payments, so it must be marked as applied on prod (or trimmed to "
          "the invoice tables with Sanjay) before `db:migrate` runs there. Want me to write a small script that inserts "
          "the baseline hash into `drizzle.__drizzle_migrations`?"),
    ]
    return {
        "id": "h10_fastify_ledger",
        "project": "ledger-api",
        "cwd_files": ["package.json", "drizzle.config.ts", "src/db/plugin.ts", "src/modules/billing/routes.ts",
                      "src/modules/billing/schema.ts", "src/modules/billing/service.ts", "test/billing.test.ts"],
        "turns": turns,
        "gold": [
            G("PROJECT", "ledger-api: Node Fastify 4 + Drizzle ORM over postgres-js, TypeBox validation, vitest",
              ["fastify"], ["drizzle", "postgres", "typebox", "ledger"]),
            G("DECISION", "Schema changes via drizzle-kit generate + migrate, SQL migrations committed in drizzle/ so the DBA reviews them",
              ["generate"], ["migrat", "sql", "dba", "review", "drizzle/"]),
            G("PATTERN", "Each domain lives in src/modules/<domain>/ with routes.ts, service.ts, schema.ts (billing, payments, accounts)",
              ["modules"], ["routes.ts", "service.ts", "schema.ts", "billing", "domain"]),
            G("BUG_FIX", "GET /invoices/:id lost lines: fast-json-stringify drops props missing from the response schema -> add lines to InvoiceResponse",
              ["lines"], ["response schema", "fast-json-stringify", "serializ", "InvoiceResponse", "drops", "dropped"],
              files=["src/modules/billing/routes.ts"]),
            G("DECISION", "Money: numeric in Postgres, decimal string in JSON, integer cents for math; never JS float",
              ["string"], ["money", "numeric", "float", "cents"]),
            G("FAILED", "pg-mem as in-memory test DB failed: no gen_random_uuid(), no postgres-js adapter; reverted",
              ["pg-mem"], ["gen_random_uuid", "uuid", "postgres-js", "adapter", "testcontainers"], failure=True),
            G("PATTERN", "Tests run against real postgres:16 via @testcontainers/postgresql in vitest globalSetup, migrations from ./drizzle",
              ["testcontainers"], ["vitest", "globalSetup", "postgres", "tests"], files=["test/globalSetup.ts"]),
            G("TODO", "Add an idempotency key to POST /invoices (client retries caused duplicate payments)",
              ["idempoten"], ["invoices", "post", "retr", "duplicate"]),
            G("TODO", "Before first prod db:migrate, mark baseline 0000 migration (creates existing tables) as applied or trim it with the DBA",
              ["baseline"], ["0000", "prod", "applied", "__drizzle_migrations"]),
        ],
        "dead_ends": [
            D("drizzle-kit push for schema changes (chosen then dropped)", ["drizzle-kit push"]),
            D("pg-mem in-memory DB for tests (failed)", ["pg-mem"]),
            D("routes in src/routes/invoices.ts (moved to modules/billing)", ["src/routes"]),
        ],
        "secrets": ["q7Rn2VwX9pLc", "postgres://ledger:q7Rn2VwX9pLc@localhost:5433/ledger"],
        "supersedes": [],
    }


# ---------------------------------------------------------------------------
# 6/7. Godot GDScript game, pair _a / _b  (_b reverses the save-format decision)
# ---------------------------------------------------------------------------
GODOT_PLAYER_A = """extends CharacterBody2D

@export var speed: float = 140.0
@export var accel: float = 900.0
@export var friction: float = 1100.0
@export var jump_velocity: float = -330.0

var gravity: float = ProjectSettings.get_setting("physics/2d/default_gravity")

@onready var sprite: AnimatedSprite2D = $AnimatedSprite2D


func _process(delta: float) -> void:
	if not is_on_floor():
		velocity.y += gravity * delta

	if Input.is_action_just_pressed("jump") and is_on_floor():
		velocity.y = jump_velocity

	var dir: float = Input.get_axis("move_left", "move_right")
	if dir != 0.0:
		velocity.x = move_toward(velocity.x, dir * speed, accel * delta)
		sprite.flip_h = dir < 0.0
	else:
		velocity.x = move_toward(velocity.x, 0.0, friction * delta)

	move_and_slide()
	_update_animation()


func _update_animation() -> void:
	if not is_on_floor():
		sprite.play("jump" if velocity.y < 0.0 else "fall")
	elif absf(velocity.x) > 5.0:
		sprite.play("run")
	else:
		sprite.play("idle")
"""

GODOT_PROJECT = """; Engine configuration file.
; It's best edited using the editor UI and not directly,
; since the parameters that go here are not all obvious.
;
; Format:
;   [section] ; section goes between []
;   param=value ; assign values to parameters

config_version=5

[application]

config/name="Moss Runner"
run/main_scene="res://scenes/levels/level_01.tscn"
config/features=PackedStringArray("4.2", "GL Compatibility")
config/icon="res://icon.svg"

[autoload]

EventBus="*res://autoload/event_bus.gd"

[debug]

gdscript/warnings/untyped_declaration=2
gdscript/warnings/unsafe_property_access=1
gdscript/warnings/unsafe_method_access=1

[display]

window/size/viewport_width=480
window/size/viewport_height=270
window/size/window_width_override=1440
window/size/window_height_override=810
window/stretch/mode="viewport"

[input]

jump={...}
move_left={...}
move_right={...}

[physics]

common/physics_ticks_per_second=60

[rendering]

textures/canvas_textures/default_texture_filter=0
renderer/rendering_method="gl_compatibility"
"""


def _gut(tests, fails=(), extra_err=""):
    out = ["Godot Engine v4.2.2.stable.official.15073afe3 - https://godotengine.org", "",
           " ---  GUT  ---", "[INFO]:  using [/home/noor/.local/share/godot/app_userdata/Moss Runner] for temporary output.",
           "Godot version:  4.2.2", "GUT version:  9.2.1", ""]
    if extra_err:
        out.append(extra_err)
    passing = 0
    total = 0
    for script, names in tests:
        out.append(f"res://test/{script}")
        for n in names:
            total += 1
            if n in fails:
                out.append(f"* {n}")
                out.append(f"    [Failed]:  {fails[n]}")
                out.append(f"          at line {30 + total}")
            else:
                passing += 1
                out.append(f"* {n}")
        out.append(f"{len(names) - sum(1 for n in names if n in fails)}/{len(names)} passed.")
        out.append("")
    out += ["==============================================", "= Run Summary", "==============================================", "",
            "---- Totals ----", f"Scripts           {len(tests)}", f"Tests             {total}",
            f"Passing Tests     {passing}", f"Failing Tests     {total - passing}", "Asserts           %d" % (total * 3),
            "Time              %.3fs" % (0.18 * total), ""]
    out.append("---- All tests passed! ----" if passing == total else f"---- {total - passing} failing tests ----")
    return "\n".join(out) + "\n"


GODOT_TESTS_A = [("test_player_movement.gd", ["test_accelerates_to_speed", "test_friction_stops_player", "test_flip_sprite_left",
                                              "test_gravity_applies_in_air", "test_jump_from_floor"]),
                 ("test_level_goal.gd", ["test_goal_emits_level_completed", "test_goal_only_triggers_once"]),
                 ("test_checkpoint.gd", ["test_checkpoint_sets_respawn", "test_later_checkpoint_overrides", "test_death_respawns_at_checkpoint"]),
                 ("test_event_bus.gd", ["test_signals_declared", "test_coin_collected_forwarded"])]


@session
def h10_godot_moss_a():
    jump_tests = GODOT_TESTS_A + [("test_player_jump_feel.gd", ["test_coyote_jump_after_ledge", "test_no_jump_after_coyote_window",
                                                               "test_buffered_jump_on_landing", "test_buffer_expires"])]
    save_tests = jump_tests + [("test_save_manager.gd", ["test_roundtrip_unlocked_levels", "test_best_time_only_improves",
                                                          "test_missing_file_gives_defaults"])]
    untyped_err = ("SCRIPT ERROR: Parse Error: The variable \"coyote_left\" has no static type. (Warning treated as error.)\n"
                   "          at: GDScript::reload (res://scenes/player/player.gd:15)\n"
                   "ERROR: Failed to load script \"res://scenes/player/player.gd\" with error \"Parse error\".\n"
                   "   at: load (modules/gdscript/gdscript.cpp:2936)\n")
    fails = {n: "Invalid get index 'velocity' (on base: 'null instance')." for n in
             ["test_accelerates_to_speed", "test_friction_stops_player", "test_flip_sprite_left", "test_gravity_applies_in_air", "test_jump_from_floor",
              "test_coyote_jump_after_ledge", "test_no_jump_after_coyote_window", "test_buffered_jump_on_landing", "test_buffer_expires"]}
    gut_cmd = "godot --headless -s addons/gut/gut_cmdln.gd -gdir=res://test -gexit"
    turns = [
        U("hey. player jitters when running, especially with the camera following him, like a stutter every few "
          "frames. godot 4.2, pixel art, 480x270 viewport scaled up. player.gd is the script on the player scene"),
        T("Read", "scenes/player/player.gd", GODOT_PLAYER_A),
        T("Read", "project.godot", GODOT_PROJECT),
        T("Bash", "grep -n 'Camera2D' -A6 scenes/player/player.tscn",
          "41:[node name=\"Camera2D\" type=\"Camera2D\" parent=\".\"]\n42-process_callback = 0\n43-position_smoothing_enabled = true\n"
          "44-position_smoothing_speed = 8.0\n45-limit_left = 0\n46-limit_top = -400\n47-limit_bottom = 270\n"),
        A("The main problem: all movement, including `move_and_slide()`, runs in `_process`, i.e. once per rendered "
          "frame with a variable delta, while the physics world (collisions, `is_on_floor()`) updates at the fixed 60 "
          "ticks. The body moves a different amount each frame and collision state lags behind, and the Camera2D "
          "(`process_callback = 0` = Physics) follows on the physics tick — so camera and player are sampled at "
          "different rates, which is exactly a stutter every few frames. Movement belongs in `_physics_process`.\n\n"
          "Since it's pixel art at low resolution, I'd also turn on `rendering/2d/snap/snap_2d_transforms_to_pixel` so "
          "sprites land on whole pixels."),
        T("Edit", "scenes/player/player.gd",
          "@@ -11,7 +11,7 @@ var gravity: float = ProjectSettings.get_setting(\"physics/2d/default_gravity\")\n"
          " @onready var sprite: AnimatedSprite2D = $AnimatedSprite2D\n \n \n-func _process(delta: float) -> void:\n+func _physics_process(delta: float) -> void:\n"
          " \tif not is_on_floor():\n \t\tvelocity.y += gravity * delta\n"),
        T("Edit", "project.godot",
          "@@ -44,5 +44,6 @@ common/physics_ticks_per_second=60\n \n [rendering]\n \n+2d/snap/snap_2d_transforms_to_pixel=true\n"
          " textures/canvas_textures/default_texture_filter=0\n renderer/rendering_method=\"gl_compatibility\"\n"),
        U("ok tried it. running is smoother now but the camera wobbles 1px back and forth when it smooths in after "
          "a stop, and the background shimmers. worse than before honestly"),
        A("That's the pixel snapping fighting the camera's position smoothing: the smoothed camera position is "
          "fractional, each frame the snap rounds it to a different whole pixel, so the view oscillates by one pixel "
          "until the smoothing settles. I'll revert the snap setting and keep only the `_physics_process` change."),
        T("Edit", "project.godot",
          "@@ -44,6 +44,5 @@ common/physics_ticks_per_second=60\n \n [rendering]\n \n-2d/snap/snap_2d_transforms_to_pixel=true\n"
          " textures/canvas_textures/default_texture_filter=0\n"),
        U("yeah thats good now, smooth. fyi before asking you i had already tried setting physics ticks to 120 — "
          "didnt change anything, just made the CPU fan louder lol. ok next: jumping feels bad at ledges, you walk off "
          "and press jump a hair too late and nothing happens. coyote time + jump buffer?"),
        A("Yes, both. Proposal: **coyote time 0.10 s** (you can still jump for 100 ms after leaving a ledge) and "
          "**jump buffer 0.12 s** (a jump pressed up to 120 ms before landing fires on landing). I'd implement them as "
          "two float countdowns in the script rather than Timer nodes — fewer nodes and it's deterministic in "
          "`_physics_process`, which makes it testable."),
        U("sounds good"),
        T("Edit", "scenes/player/player.gd",
          "@@ -5,6 +5,11 @@\n @export var friction: float = 1100.0\n @export var jump_velocity: float = -330.0\n"
          "+@export var coyote_time: float = 0.10\n+@export var jump_buffer_time: float = 0.12\n \n var gravity: float = ProjectSettings.get_setting(\"physics/2d/default_gravity\")\n"
          "+var coyote_left = 0.0\n+var buffer_left: float = 0.0\n \n@@ -14,10 +19,20 @@ func _physics_process(delta: float) -> void:\n"
          "-\tif not is_on_floor():\n+\tif is_on_floor():\n+\t\tcoyote_left = coyote_time\n+\telse:\n+\t\tcoyote_left -= delta\n"
          " \t\tvelocity.y += gravity * delta\n \n-\tif Input.is_action_just_pressed(\"jump\") and is_on_floor():\n+\tif Input.is_action_just_pressed(\"jump\"):\n"
          "+\t\tbuffer_left = jump_buffer_time\n+\telse:\n+\t\tbuffer_left -= delta\n+\n+\tif buffer_left > 0.0 and coyote_left > 0.0:\n"
          " \t\tvelocity.y = jump_velocity\n+\t\tbuffer_left = 0.0\n+\t\tcoyote_left = 0.0\n"),
        T("Write", "test/test_player_jump_feel.gd",
          "extends GutTest\n\nconst PlayerScene: PackedScene = preload(\"res://scenes/player/player.tscn\")\nvar player: CharacterBody2D\n\n"
          "func before_each() -> void:\n\tplayer = PlayerScene.instantiate() as CharacterBody2D\n\tadd_child_autofree(player)\n\n"
          "func test_coyote_jump_after_ledge() -> void:\n\tplayer.coyote_left = 0.05\n\tplayer.buffer_left = 0.1\n"
          "\tplayer._physics_process(1.0 / 60.0)\n\tassert_lt(player.velocity.y, 0.0)\n# ... 3 more tests\n"),
        T("Bash", gut_cmd, _gut(jump_tests, fails, untyped_err)),
        A("My fault: I declared `var coyote_left = 0.0` without a type, and your project treats the untyped-declaration "
          "warning as an error (`gdscript/warnings/untyped_declaration=2`), so `player.gd` fails to parse and every "
          "test that instantiates the player gets a null instance. Fixing the declaration."),
        U("yep, pls keep static typing everywhere, that's why the warning is set to error. `var x: float` style, "
          "typed arrays, return types, all of it"),
        T("Edit", "scenes/player/player.gd",
          "@@ -11,7 +11,7 @@\n var gravity: float = ProjectSettings.get_setting(\"physics/2d/default_gravity\")\n"
          "-var coyote_left = 0.0\n+var coyote_left: float = 0.0\n var buffer_left: float = 0.0\n"),
        T("Bash", gut_cmd, _gut(jump_tests)),
        U("feels way better. last thing for today: saving. need unlocked levels, best time per level, and the last "
          "checkpoint (level + position). nothing fancy"),
        A("I'd add a `SaveManager` autoload that keeps the save data in a Dictionary and writes it as **JSON** with "
          "`FileAccess` to `user://savegame.json`: `{version, unlocked_levels, best_times, checkpoint: {level, pos}}`. "
          "Human-readable, easy to inspect and to fix by hand while developing. (Alternative would be `ConfigFile`, "
          "an INI-style format, but nested data gets clumsy there.)"),
        U("json is fine, i like being able to open the file and see what's going on"),
        T("Write", "autoload/save_manager.gd",
          "extends Node\n## Persists progress to user://savegame.json\n\nconst SAVE_PATH: String = \"user://savegame.json\"\nconst VERSION: int = 1\n\n"
          "var data: Dictionary = {}\n\n\nfunc _ready() -> void:\n\tload_game()\n\n\nfunc load_game() -> void:\n"
          "\tdata = {\"version\": VERSION, \"unlocked_levels\": [1], \"best_times\": {}, \"checkpoint\": {}}\n"
          "\tif not FileAccess.file_exists(SAVE_PATH):\n\t\treturn\n\tvar f: FileAccess = FileAccess.open(SAVE_PATH, FileAccess.READ)\n"
          "\tvar parsed: Variant = JSON.parse_string(f.get_as_text())\n\tif parsed is Dictionary:\n\t\tdata.merge(parsed as Dictionary, true)\n\n\n"
          "func save_game() -> void:\n\tvar f: FileAccess = FileAccess.open(SAVE_PATH, FileAccess.WRITE)\n\tf.store_string(JSON.stringify(data, \"\\t\"))\n\n\n"
          "func set_best_time(level: int, seconds: float) -> void:\n\tvar key: String = str(level)\n"
          "\tif not data.best_times.has(key) or seconds < float(data.best_times[key]):\n\t\tdata.best_times[key] = seconds\n\t\tsave_game()\n\n\n"
          "func set_checkpoint(level: int, pos: Vector2) -> void:\n\tdata.checkpoint = {\"level\": level, \"pos\": pos}\n\tsave_game()\n"),
        T("Edit", "project.godot",
          "@@ -18,6 +18,7 @@ config/icon=\"res://icon.svg\"\n [autoload]\n \n EventBus=\"*res://autoload/event_bus.gd\"\n+SaveManager=\"*res://autoload/save_manager.gd\"\n"),
        T("Bash", gut_cmd, _gut(save_tests)),
        U("cool, all green. gonna stop here. next time wall jump. thx!"),
        A("Have fun! Done today: movement moved to `_physics_process` (jitter gone; pixel snapping reverted because of "
          "the camera wobble), coyote time 0.10 s + jump buffer 0.12 s, and a `SaveManager` autoload writing "
          "`user://savegame.json`. Next: wall jump."),
    ]
    return {
        "id": "h10_godot_moss_a",
        "project": "moss-runner",
        "cwd_files": ["project.godot", "scenes/player/player.gd", "scenes/player/player.tscn", "autoload/save_manager.gd",
                      "test/test_player_jump_feel.gd"],
        "turns": turns,
        "gold": [
            G("PROJECT", "moss-runner: Godot 4.2 pixel-art 2D platformer in GDScript (480x270 viewport), GUT tests",
              ["godot"], ["4.2", "platformer", "moss", "gdscript", "gut"]),
            G("BUG_FIX", "Player/camera jitter: move_and_slide ran in _process -> movement moved to _physics_process",
              ["physics"], ["jitter", "stutter", "_process", "move_and_slide"], files=["scenes/player/player.gd"]),
            G("FAILED", "snap_2d_transforms_to_pixel reverted: 1px camera wobble with position smoothing, background shimmer",
              ["snap"], ["wobble", "camera", "smoothing", "shimmer"], failure=True),
            G("FAILED", "Raising physics ticks to 120 did not fix the jitter",
              ["120"], ["tick", "physics", "jitter"], failure=True),
            G("DECISION", "Jump feel: coyote time 0.10 s and jump buffer 0.12 s as float countdowns in player.gd",
              ["coyote"], ["0.1", "buffer", "0.12"]),
            G("PREFERENCE", "Static typing everywhere in GDScript; untyped_declaration warning is set to error",
              ["static"], ["typing", "typed", "type"]),
            G("DECISION", "Save game as JSON via FileAccess to user://savegame.json in a SaveManager autoload",
              ["json"], ["save", "SaveManager", "user://"], files=["autoload/save_manager.gd"]),
            G("TODO", "Implement wall jump next session",
              ["wall"], ["jump"]),
        ],
        "dead_ends": [
            D("snap_2d_transforms_to_pixel (reverted)", ["snap_2d"]),
            D("ConfigFile for saves (mentioned, not chosen)", ["ConfigFile"]),
            D("Timer nodes for coyote/buffer (not chosen)", ["Timer node"]),
        ],
        "secrets": [],
        "supersedes": [],
    }


GODOT_SAVE_JSON = """extends Node
## Persists progress to user://savegame.json

const SAVE_PATH: String = "user://savegame.json"
const VERSION: int = 1

var data: Dictionary = {}


func _ready() -> void:
	load_game()


func load_game() -> void:
	data = {"version": VERSION, "unlocked_levels": [1], "best_times": {}, "checkpoint": {}}
	if not FileAccess.file_exists(SAVE_PATH):
		return
	var f: FileAccess = FileAccess.open(SAVE_PATH, FileAccess.READ)
	var parsed: Variant = JSON.parse_string(f.get_as_text())
	if parsed is Dictionary:
		data.merge(parsed as Dictionary, true)
	_fix_types()


## JSON gives back floats and strings, convert back (added after the first playtest)
func _fix_types() -> void:
	var levels: Array[int] = []
	for l: Variant in data.unlocked_levels:
		levels.append(int(l))
	data.unlocked_levels = levels
	if data.checkpoint.has("pos") and data.checkpoint.pos is String:
		data.checkpoint.pos = _parse_vec2(data.checkpoint.pos as String)
	if data.checkpoint.has("level"):
		data.checkpoint.level = int(data.checkpoint.level)


func _parse_vec2(s: String) -> Vector2:
	var parts: PackedStringArray = s.trim_prefix("(").trim_suffix(")").split(",")
	return Vector2(float(parts[0]), float(parts[1]))


func save_game() -> void:
	var f: FileAccess = FileAccess.open(SAVE_PATH, FileAccess.WRITE)
	f.store_string(JSON.stringify(data, "\\t"))


func set_best_time(level: int, seconds: float) -> void:
	var key: String = str(level)
	if not data.best_times.has(key) or seconds < float(data.best_times[key]):
		data.best_times[key] = seconds
		save_game()


func set_checkpoint(level: int, pos: Vector2) -> void:
	data.checkpoint = {"level": level, "pos": pos}
	save_game()
"""


@session
def h10_godot_moss_b():
    base_tests = GODOT_TESTS_A + [("test_player_jump_feel.gd", ["test_coyote_jump_after_ledge", "test_no_jump_after_coyote_window",
                                                               "test_buffered_jump_on_landing", "test_buffer_expires"])]
    save_tests = base_tests + [("test_save_manager.gd", ["test_roundtrip_unlocked_levels", "test_roundtrip_checkpoint_vector",
                                                          "test_best_time_only_improves", "test_missing_file_gives_defaults",
                                                          "test_save_then_reload_sees_changes"])]
    wall_tests = save_tests + [("test_wall_jump.gd", ["test_wall_jump_pushes_away", "test_no_wall_jump_on_floor",
                                                       "test_input_lock_after_wall_jump"])]
    wall_tests2 = save_tests + [("test_wall_jump.gd", ["test_wall_jump_pushes_away", "test_no_wall_jump_on_floor",
                                                        "test_input_lock_after_wall_jump", "test_no_second_jump_same_wall",
                                                        "test_opposite_wall_allowed"])]
    gut_cmd = "godot --headless -s addons/gut/gut_cmdln.gd -gdir=res://test -gexit"
    turns = [
        U("back on moss runner. the save stuff is annoying me. after loading, the checkpoint position comes back as a "
          "string \"(412, -96)\", level numbers come back as floats (2.0), and best_times keys are strings. i already "
          "wrote a _fix_types() helper and a vec2 parser and i keep finding new cases. is there a better way"),
        T("Read", "autoload/save_manager.gd", GODOT_SAVE_JSON),
        A("That's inherent to JSON, not a bug in your code: JSON only knows strings, numbers (always parsed back as "
          "float in Godot), arrays and objects with string keys. `JSON.stringify` turns a `Vector2` into its `str()` "
          "form `\"(412, -96)\"`, and nothing in the file says it was a Vector2. Options:\n\n"
          "1. Stay with JSON but write values with `var_to_str()` and read with `str_to_var()` — types survive, but "
          "the file becomes a JSON of Godot-syntax strings, half readable.\n"
          "2. `FileAccess.store_var()` / `get_var()` — binary, preserves every Variant type exactly, but you can't "
          "open the file anymore.\n"
          "3. A custom `Resource` (`class_name SaveGame extends Resource` with typed `@export` vars) written with "
          "`ResourceSaver.save()` to `user://savegame.tres` — fully typed (Vector2 stays Vector2, `Array[int]` stays "
          "ints) and still a readable text file.\n\nCaveat for 3: a `.tres` can embed scripts, so loading a "
          "*foreign* .tres can run code. That matters only if players share or download save files."),
        U("3. single player, nobody shares saves, im fine with that risk. drop the json"),
        T("Write", "autoload/save_game.gd",
          "class_name SaveGame\nextends Resource\n## All persistent progress. Saved as user://savegame.tres\n\n"
          "@export var version: int = 2\n@export var unlocked_levels: Array[int] = [1]\n"
          "@export var best_times: Dictionary = {}  # int level -> float seconds\n@export var checkpoint_level: int = 0\n"
          "@export var checkpoint_pos: Vector2 = Vector2.ZERO\n"),
        T("Write", "autoload/save_manager.gd",
          "extends Node\n## Persists progress as a SaveGame resource (user://savegame.tres)\n\n"
          "const SAVE_PATH: String = \"user://savegame.tres\"\n\nvar data: SaveGame\n\n\nfunc _ready() -> void:\n\tload_game()\n\n\n"
          "func load_game() -> void:\n\tif ResourceLoader.exists(SAVE_PATH):\n\t\tdata = ResourceLoader.load(SAVE_PATH) as SaveGame\n"
          "\tif data == null:\n\t\tdata = SaveGame.new()\n\n\nfunc save_game() -> void:\n\tvar err: Error = ResourceSaver.save(data, SAVE_PATH)\n"
          "\tif err != OK:\n\t\tpush_error(\"save failed: %s\" % error_string(err))\n\n\n"
          "func set_best_time(level: int, seconds: float) -> void:\n\tif not data.best_times.has(level) or seconds < float(data.best_times[level]):\n"
          "\t\tdata.best_times[level] = seconds\n\t\tsave_game()\n\n\nfunc set_checkpoint(level: int, pos: Vector2) -> void:\n"
          "\tdata.checkpoint_level = level\n\tdata.checkpoint_pos = pos\n\tsave_game()\n"),
        T("Bash", gut_cmd, _gut(save_tests, {"test_save_then_reload_sees_changes":
                                             "[[1, 2]] expected to equal [[1, 2, 3]]:  reloaded save should contain level 3"})),
        A("One failure, and it's a subtle one: `ResourceLoader.load()` caches resources by path. The test loads the "
          "save, unlocks level 3 on a *separate* SaveGame instance and saves it, then loads again — and gets the cached "
          "object from the first load instead of reading the file, so level 3 is missing. In the game the same thing "
          "would happen after \"reload last save\". Loading with `ResourceLoader.CACHE_MODE_IGNORE` always reads from "
          "disk."),
        T("Edit", "autoload/save_manager.gd",
          "@@ -13,7 +13,7 @@ func _ready() -> void:\n func load_game() -> void:\n \tif ResourceLoader.exists(SAVE_PATH):\n"
          "-\t\tdata = ResourceLoader.load(SAVE_PATH) as SaveGame\n+\t\tdata = ResourceLoader.load(SAVE_PATH, \"\", ResourceLoader.CACHE_MODE_IGNORE) as SaveGame\n"
          " \tif data == null:\n"),
        T("Bash", gut_cmd, _gut(save_tests)),
        T("Bash", "cat ~/.local/share/godot/app_userdata/Moss\\ Runner/savegame.tres",
          "[gd_resource type=\"Resource\" script_class=\"SaveGame\" load_steps=2 format=3]\n\n"
          "[ext_resource type=\"Script\" path=\"res://autoload/save_game.gd\" id=\"1_k3v2p\"]\n\n[resource]\nscript = ExtResource(\"1_k3v2p\")\n"
          "version = 2\nunlocked_levels = Array[int]([1, 2, 3])\nbest_times = {\n1: 41.37,\n2: 58.02\n}\ncheckpoint_level = 3\n"
          "checkpoint_pos = Vector2(412, -96)\n"),
        U("oh nice, Vector2(412, -96), readable and typed. what about players who still have the old savegame.json? "
          "theres like 40 people playing the itch demo"),
        A("Right now they'd silently start from scratch. Options: a one-time migration in `SaveManager._ready()` — if "
          "`savegame.json` exists and `savegame.tres` doesn't, read the JSON (with your old `_fix_types` logic), write "
          "the .tres and rename the JSON to `savegame.json.bak`. Or just accept the reset for a demo. Want me to write "
          "the migration?"),
        U("not now, maybe later before the next demo build. let's do wall jump"),
        A("Plan: allowed when `is_on_wall_only()` (touching a wall, not on floor); jump up with the normal "
          "`jump_velocity` and push away from the wall along `get_wall_normal()` with **220 px/s**; then lock "
          "horizontal input for **0.15 s** so the player can't immediately steer back into the wall."),
        T("Edit", "scenes/player/player.gd",
          "@@ -7,6 +7,8 @@\n @export var coyote_time: float = 0.10\n @export var jump_buffer_time: float = 0.12\n"
          "+@export var wall_jump_push: float = 220.0\n+@export var wall_jump_lock_time: float = 0.15\n@@ -16,6 +18,7 @@\n"
          " var coyote_left: float = 0.0\n var buffer_left: float = 0.0\n+var input_lock_left: float = 0.0\n"
          "@@ -34,8 +37,17 @@ func _physics_process(delta: float) -> void:\n \tif buffer_left > 0.0 and coyote_left > 0.0:\n"
          " \t\tvelocity.y = jump_velocity\n \t\tbuffer_left = 0.0\n \t\tcoyote_left = 0.0\n"
          "+\telif buffer_left > 0.0 and is_on_wall_only():\n+\t\tvar n: Vector2 = get_wall_normal()\n"
          "+\t\tvelocity = Vector2(n.x * wall_jump_push, jump_velocity)\n+\t\tbuffer_left = 0.0\n+\t\tinput_lock_left = wall_jump_lock_time\n"
          " \n-\tvar dir: float = Input.get_axis(\"move_left\", \"move_right\")\n+\tinput_lock_left -= delta\n"
          "+\tvar dir: float = 0.0 if input_lock_left > 0.0 else Input.get_axis(\"move_left\", \"move_right\")\n"),
        T("Bash", gut_cmd, _gut(wall_tests)),
        U("works, feels nice. but you can climb a single wall forever by spamming jump: jump, drift back in after the "
          "lock, jump again. that should not be possible"),
        A("Agreed, that breaks level design. I'll remember the normal of the last wall jumped from (`_last_wall_normal`) "
          "and only allow a new wall jump from a wall facing a *different* direction; touching the floor resets it. "
          "So zig-zagging between two facing walls still works, climbing one wall doesn't."),
        T("Edit", "scenes/player/player.gd",
          "@@ -19,6 +19,7 @@\n var input_lock_left: float = 0.0\n+var _last_wall_normal: Vector2 = Vector2.ZERO\n"
          "@@ -29,6 +30,7 @@ func _physics_process(delta: float) -> void:\n \tif is_on_floor():\n \t\tcoyote_left = coyote_time\n"
          "+\t\t_last_wall_normal = Vector2.ZERO\n@@ -40,7 +42,8 @@\n-\telif buffer_left > 0.0 and is_on_wall_only():\n"
          "+\telif buffer_left > 0.0 and is_on_wall_only() and not get_wall_normal().is_equal_approx(_last_wall_normal):\n"
          " \t\tvar n: Vector2 = get_wall_normal()\n+\t\t_last_wall_normal = n\n"),
        T("Bash", gut_cmd, _gut(wall_tests2)),
        U("perfect. thats it for today"),
        A("Great session. Summary: saves are now a typed `SaveGame` resource in `user://savegame.tres` (JSON dropped; "
          "loads bypass the ResourceLoader cache), wall jump with 220 px/s push and 0.15 s input lock, no repeated "
          "jumps off the same wall. Still open: migrating existing `savegame.json` files of the itch demo players "
          "before the next demo build."),
    ]
    return {
        "id": "h10_godot_moss_b",
        "project": "moss-runner",
        "cwd_files": ["project.godot", "autoload/save_manager.gd", "autoload/save_game.gd", "scenes/player/player.gd",
                      "test/test_wall_jump.gd"],
        "turns": turns,
        "gold": [
            G("DECISION", "Saves switched from JSON to a typed SaveGame Resource saved with ResourceSaver to user://savegame.tres",
              ["save"], ["resource", "tres", "ResourceSaver"], files=["autoload/save_game.gd", "autoload/save_manager.gd"]),
            G("BUG_FIX", "Reload after save returned stale data: ResourceLoader caches by path -> load with CACHE_MODE_IGNORE",
              ["cache"], ["CACHE_MODE_IGNORE", "ResourceLoader", "stale", "ignore"], files=["autoload/save_manager.gd"]),
            G("DECISION", "Wall jump: is_on_wall_only + get_wall_normal, push 220 px/s, 0.15 s horizontal input lock",
              ["wall"], ["220", "is_on_wall_only", "get_wall_normal", "0.15"], files=["scenes/player/player.gd"]),
            G("BUG_FIX", "Single-wall climbing by spamming jump -> track _last_wall_normal, only a different wall allowed, reset on floor",
              ["wall"], ["climb", "spam", "_last_wall_normal", "same wall", "different"], files=["scenes/player/player.gd"]),
            G("TODO", "Migrate old savegame.json of itch demo players (~40) to .tres before the next demo build",
              ["json"], ["migrat", "convert", "itch", ".bak"]),
        ],
        "dead_ends": [
            D("var_to_str/str_to_var inside JSON (offered, not chosen)", ["var_to_str"]),
            D("FileAccess.store_var binary saves (offered, not chosen)", ["store_var"]),
        ],
        "secrets": [],
        "supersedes": [{"old_session": "h10_godot_moss_a", "old_all_of": ["save", "json"], "new_all_of": ["save", "resource"]}],
    }


# ---------------------------------------------------------------------------
# 8. PowerShell admin scripts  (short session, almost nothing worth keeping)
# ---------------------------------------------------------------------------
PS_SCRIPT = """<#
.SYNOPSIS
    Lists computer accounts that have not logged on for N days.
#>
[CmdletBinding()]
param(
    [int]$DaysInactive = 90,
    [string]$SearchBase = 'OU=Workstations,OU=HQ,DC=corp,DC=contoso-tools,DC=local'
)

Import-Module ActiveDirectory

$cutoff = (Get-Date).AddDays(-$DaysInactive)

$stale = Get-ADComputer -Filter 'Enabled -eq $true' -SearchBase $SearchBase -Propertes LastLogonDate, OperatingSystem |
    Where-Object { $_.LastLogonDate -lt $cutoff } |
    Sort-Object LastLogonDate

$stale | Select-Object Name, LastLogonDate, OperatingSystem | Format-Table -AutoSize
"""

PS_ERR = """Get-ADComputer : A parameter cannot be found that matches parameter name 'Propertes'.
At C:\\Users\\adm-jkowalski\\src\\it-admin-scripts\\ad\\Get-StaleComputers.ps1:16 char:86
+ ... Enabled -eq $true' -SearchBase $SearchBase -Propertes LastLogonDate, O ...
+                                                 ~~~~~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [Get-ADComputer], ParameterBindingException
    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.ActiveDirectory.Management.Commands.GetADComputer
"""

PS_OK = """
Name         LastLogonDate        OperatingSystem
----         -------------        ---------------
HQ-WS-0142   11.06.2026 08:12:44  Windows 10 Enterprise
HQ-WS-0077   02.07.2026 16:40:03  Windows 10 Enterprise
HQ-WS-0311   19.07.2026 07:58:21  Windows 11 Enterprise
HQ-LT-0029   28.07.2026 13:05:17  Windows 11 Enterprise
HQ-WS-0205   03.08.2026 09:31:50  Windows 10 Enterprise
HQ-LT-0113   14.08.2026 11:22:09  Windows 11 Enterprise
HQ-WS-0018   21.08.2026 17:48:36  Windows 10 Enterprise
HQ-WS-0264   25.08.2026 08:03:12  Windows 11 Enterprise
"""


@session
def h10_pwsh_admin():
    turns = [
        U("quick one — Get-StaleComputers.ps1 throws, something about a parameter. can you look"),
        T("Read", "ad/Get-StaleComputers.ps1", PS_SCRIPT),
        T("Bash", "powershell.exe -NoProfile -File .\\ad\\Get-StaleComputers.ps1 -DaysInactive 90", PS_ERR),
        A("Just a typo on line 16: `-Propertes` instead of `-Properties`. Fixing it."),
        T("Edit", "ad/Get-StaleComputers.ps1",
          "@@ -16,1 +16,1 @@\n-$stale = Get-ADComputer -Filter 'Enabled -eq $true' -SearchBase $SearchBase -Propertes LastLogonDate, OperatingSystem |\n"
          "+$stale = Get-ADComputer -Filter 'Enabled -eq $true' -SearchBase $SearchBase -Properties LastLogonDate, OperatingSystem |\n"),
        T("Bash", "powershell.exe -NoProfile -File .\\ad\\Get-StaleComputers.ps1 -DaysInactive 90", PS_OK),
        U("ty. can it also write a csv? for the ticket"),
        A("Sure — I'll add an optional `-ExportPath` parameter; when given, the result goes to CSV (UTF-8, no type "
          "header), otherwise it prints the table as before."),
        T("Edit", "ad/Get-StaleComputers.ps1",
          "@@ -7,7 +7,8 @@ param(\n     [int]$DaysInactive = 90,\n-    [string]$SearchBase = 'OU=Workstations,OU=HQ,DC=corp,DC=contoso-tools,DC=local'\n"
          "+    [string]$SearchBase = 'OU=Workstations,OU=HQ,DC=corp,DC=contoso-tools,DC=local',\n+    [string]$ExportPath\n )\n"
          "@@ -19,3 +20,9 @@\n-$stale | Select-Object Name, LastLogonDate, OperatingSystem | Format-Table -AutoSize\n"
          "+$rows = $stale | Select-Object Name, LastLogonDate, OperatingSystem\n+if ($ExportPath) {\n"
          "+    $rows | Export-Csv -Path $ExportPath -NoTypeInformation -Encoding UTF8\n"
          "+    Write-Host \"Exported $(@($rows).Count) computers to $ExportPath\"\n+} else {\n+    $rows | Format-Table -AutoSize\n+}\n"),
        T("Bash", "powershell.exe -NoProfile -File .\\ad\\Get-StaleComputers.ps1 -DaysInactive 90 -ExportPath C:\\Temp\\stale-2026-11-25.csv",
          "Exported 8 computers to C:\\Temp\\stale-2026-11-25.csv\n"),
        U("perfect. oh and btw everything in this repo has to run on the jump host, which only has Windows PowerShell "
          "5.1, no pwsh 7. so nothing fancy"),
        A("Good to know — the change is 5.1-safe: no ternary `? :`, no `??`, no `-Parallel`, and `-Encoding UTF8` "
          "behaves on 5.1 (it writes a BOM there, which Excel actually likes)."),
        T("Bash", "git diff --stat", " ad/Get-StaleComputers.ps1 | 14 ++++++++++----\n 1 file changed, 10 insertions(+), 4 deletions(-)\n"),
        U("thanks, that's all"),
        A("You're welcome!"),
    ]
    return {
        "id": "h10_pwsh_admin",
        "project": "it-admin-scripts",
        "cwd_files": ["ad/Get-StaleComputers.ps1"],
        "turns": turns,
        "gold": [
            G("PREFERENCE", "All scripts in it-admin-scripts must run on Windows PowerShell 5.1 (jump host has no pwsh 7): no ternary, ??, -Parallel",
              ["5.1"], ["powershell", "jump host", "pwsh 7", "ternary", "compatib"]),
        ],
        "dead_ends": [],
        "secrets": [],
        "supersedes": [],
    }


if __name__ == "__main__":
    wanted = sys.argv[1:] or list(SESSIONS)
    for sid in wanted:
        write(SESSIONS[sid]())
