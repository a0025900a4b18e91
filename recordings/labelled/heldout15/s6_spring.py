import random
from _lib import U, A, T, G, D, write

random.seed(15006)

POM = '''<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version>
  </parent>
  <groupId>com.acme</groupId>
  <artifactId>catalog-service</artifactId>
  <version>0.1.0-SNAPSHOT</version>
  <properties>
    <java.version>21</java.version>
  </properties>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webflux</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-r2dbc</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-validation</artifactId></dependency>
    <dependency><groupId>org.postgresql</groupId><artifactId>r2dbc-postgresql</artifactId><scope>runtime</scope></dependency>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>
    <dependency><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><optional>true</optional></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-test</artifactId><scope>test</scope></dependency>
    <dependency><groupId>io.projectreactor</groupId><artifactId>reactor-test</artifactId><scope>test</scope></dependency>
    <dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><scope>test</scope></dependency>
    <dependency><groupId>org.testcontainers</groupId><artifactId>r2dbc</artifactId><scope>test</scope></dependency>
  </dependencies>
</project>
'''

FLYWAY_FAIL = '''  .   ____          _            __ _ _
 /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\
( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\
 \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )
  '  |____| .__|_| |_|_| |_\\__, | / / / /
 =========|_|==============|___/=/_/_/_/
 :: Spring Boot ::                (v3.2.5)

2024-04-22T14:03:11.204+02:00  INFO 48211 --- [           main] c.a.catalog.CatalogApplication           : Starting CatalogApplication using Java 21.0.3
2024-04-22T14:03:11.207+02:00  INFO 48211 --- [           main] c.a.catalog.CatalogApplication           : No active profile set, falling back to 1 default profile: "default"
2024-04-22T14:03:11.802+02:00  INFO 48211 --- [           main] .s.d.r.c.RepositoryConfigurationDelegate : Bootstrapping Spring Data R2DBC repositories in DEFAULT mode.
2024-04-22T14:03:11.815+02:00  INFO 48211 --- [           main] .s.d.r.c.RepositoryConfigurationDelegate : Finished Spring Data repository scanning in 6 ms. Found 0 R2DBC repository interfaces.
2024-04-22T14:03:12.611+02:00  WARN 48211 --- [           main] onfigReactiveWebServerApplicationContext : Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flywayInitializer' defined in class path resource [org/springframework/boot/autoconfigure/flyway/FlywayAutoConfiguration$FlywayConfiguration.class]: Failed to instantiate [org.flywaydb.core.Flyway]: Factory method 'flyway' threw exception with message: No database found to handle r2dbc:postgresql://localhost:5432/catalog
2024-04-22T14:03:12.627+02:00 ERROR 48211 --- [           main] o.s.boot.SpringApplication               : Application run failed

org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flywayInitializer' defined in class path resource [org/springframework/boot/autoconfigure/flyway/FlywayAutoConfiguration$FlywayConfiguration.class]: Failed to instantiate [org.flywaydb.core.Flyway]: Factory method 'flyway' threw exception with message: No database found to handle r2dbc:postgresql://localhost:5432/catalog
	at org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:648)
	at org.springframework.beans.factory.support.ConstructorResolver.instantiateUsingFactoryMethod(ConstructorResolver.java:636)
	at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.instantiateUsingFactoryMethod(AbstractAutowireCapableBeanFactory.java:1335)
	at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.createBeanInstance(AbstractAutowireCapableBeanFactory.java:1165)
	at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.doCreateBean(AbstractAutowireCapableBeanFactory.java:562)
	at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.createBean(AbstractAutowireCapableBeanFactory.java:522)
	at org.springframework.beans.factory.support.AbstractBeanFactory.lambda$doGetBean$0(AbstractBeanFactory.java:326)
	at org.springframework.beans.factory.support.DefaultSingletonBeanRegistry.getSingleton(DefaultSingletonBeanRegistry.java:234)
	at org.springframework.boot.SpringApplication.run(SpringApplication.java:334)
	at com.acme.catalog.CatalogApplication.main(CatalogApplication.java:10)
Caused by: org.flywaydb.core.internal.exception.FlywaySqlException: No database found to handle r2dbc:postgresql://localhost:5432/catalog
	at org.flywaydb.core.internal.jdbc.DriverDataSource.<init>(DriverDataSource.java:138)
	at org.flywaydb.core.api.configuration.ClassicConfiguration.setDataSource(ClassicConfiguration.java:1063)
	at org.flywaydb.core.api.configuration.FluentConfiguration.dataSource(FluentConfiguration.java:611)
	at org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration$FlywayConfiguration.configureDataSource(FlywayAutoConfiguration.java:203)
	... 19 common frames omitted
'''

BLOCK_FAIL = '''2024-04-22T15:20:44.118+02:00 ERROR 49877 --- [or-http-epoll-3] a.w.r.e.AbstractErrorWebExceptionHandler : [6f1a9c2e-1]  500 Server Error for HTTP GET "/products?category=keyboards"

java.lang.IllegalStateException: block()/blockFirst()/blockLast() are blocking, which is not supported in thread reactor-http-epoll-3
	at reactor.core.publisher.BlockingSingleSubscriber.blockingGet(BlockingSingleSubscriber.java:83)
	Suppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException:
Error has been observed at the following site(s):
	*__checkpoint ⇢ Handler com.acme.catalog.web.ProductHandler#list(ServerRequest) [DispatcherHandler]
	*__checkpoint ⇢ HTTP GET "/products?category=keyboards" [ExceptionHandlingWebHandler]
Original Stack Trace:
		at reactor.core.publisher.BlockingSingleSubscriber.blockingGet(BlockingSingleSubscriber.java:83)
		at reactor.core.publisher.Mono.block(Mono.java:1742)
		at com.acme.catalog.web.ProductHandler.lambda$list$0(ProductHandler.java:38)
		at reactor.core.publisher.FluxMap$MapSubscriber.onNext(FluxMap.java:106)
		at io.r2dbc.postgresql.PostgresqlResult.lambda$map$2(PostgresqlResult.java:129)
'''


def mvn_test_log(n_tests, classes):
    out = ["[INFO] Scanning for projects...", "[INFO] ", "[INFO] -------------------------< com.acme:catalog-service >--------------------------",
           "[INFO] Building catalog-service 0.1.0-SNAPSHOT", "[INFO]   from pom.xml",
           "[INFO] --------------------------------[ jar ]---------------------------------",
           "[INFO] --- resources:3.3.1:resources (default-resources) @ catalog-service ---",
           "[INFO] Copying 1 resource from src/main/resources to target/classes",
           "[INFO] Copying 3 resources from src/main/resources to target/classes",
           "[INFO] --- compiler:3.11.0:compile (default-compile) @ catalog-service ---",
           "[INFO] Changes detected - recompiling the module! :source",
           "[INFO] Compiling 31 source files with javac [debug release 21] to target/classes",
           "[INFO] --- surefire:3.1.2:test (default-test) @ catalog-service ---",
           "[INFO] Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider",
           "[INFO] ", "[INFO] -------------------------------------------------------", "[INFO]  T E S T S",
           "[INFO] -------------------------------------------------------"]
    first = True
    for cls, n in classes:
        out.append("[INFO] Running com.acme.catalog.%s" % cls)
        if first:
            first = False
            out += ["14:%02d:%02d.%03d [main] INFO org.testcontainers.images.PullPolicy -- Image pull policy will be performed by: DefaultPullPolicy()" % (random.randint(0, 59), random.randint(0, 59), random.randint(0, 999)),
                    "14:11:02.410 [main] INFO org.testcontainers.DockerClientFactory -- Testcontainers version: 1.19.7",
                    "14:11:02.733 [main] INFO org.testcontainers.DockerClientFactory -- Connected to docker:",
                    "  Server Version: 26.0.1\n  API Version: 1.45\n  Operating System: Docker Desktop\n  Total Memory: 7841 MB",
                    "14:11:02.901 [main] INFO tc.testcontainers/ryuk:0.6.0 -- Container testcontainers/ryuk:0.6.0 is starting: 3f0e9a",
                    "14:11:03.544 [main] INFO tc.testcontainers/ryuk:0.6.0 -- Container testcontainers/ryuk:0.6.0 started in PT0.64S",
                    "14:11:03.612 [main] INFO tc.postgres:16-alpine -- Creating container for image: postgres:16-alpine",
                    "14:11:03.981 [main] INFO tc.postgres:16-alpine -- Container postgres:16-alpine is starting: a71c20",
                    "14:11:05.337 [main] INFO tc.postgres:16-alpine -- Container postgres:16-alpine started in PT1.72S"]
            out += ["2024-04-22T14:11:06.1%02d+02:00  INFO 50112 --- [           main] o.f.c.internal.license.VersionPrinter    : Flyway Community Edition 10.10.0 by Redgate" % random.randint(0, 99),
                    "2024-04-22T14:11:06.223+02:00  INFO 50112 --- [           main] o.f.core.internal.command.DbValidate     : Successfully validated %d migrations (execution time 00:00.017s)" % (3 if n_tests > 14 else 1),
                    "2024-04-22T14:11:06.301+02:00  INFO 50112 --- [           main] o.f.core.internal.command.DbMigrate      : Successfully applied %d migrations to schema \"public\", now at version v%d (execution time 00:00.061s)" % ((3, 3) if n_tests > 14 else (1, 1))]
        for i in range(n * 3):
            out.append("2024-04-22T14:11:%02d.%03d+02:00 DEBUG 50112 --- [actor-tcp-nio-%d] o.s.r2dbc.core.DefaultDatabaseClient     : Executing SQL statement [%s]" % (
                random.randint(6, 59), random.randint(0, 999), random.randint(1, 4),
                random.choice(["SELECT p.id, p.name, p.price_cents, c.name AS category FROM product p JOIN category c ON c.id = p.category_id WHERE c.slug = $1 ORDER BY p.name",
                               "INSERT INTO product (name, price_cents, category_id) VALUES ($1, $2, $3)",
                               "SELECT product.* FROM product WHERE product.id = $1",
                               "INSERT INTO category (slug, name) VALUES ($1, $2)",
                               "DELETE FROM product", "DELETE FROM category"])))
        out.append("[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: %.3f s -- in com.acme.catalog.%s" % (n, random.uniform(0.2, 4.0), cls))
    out += ["[INFO] ", "[INFO] Results:", "[INFO] ", "[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: 0" % n_tests,
            "[INFO] ", "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD SUCCESS", "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  %d.%03d s" % (random.randint(18, 31), random.randint(0, 999)),
            "[INFO] Finished at: 2024-04-22T14:11:29+02:00",
            "[INFO] ------------------------------------------------------------------------"]
    return "\n".join(out)


APP_YML_A = '''spring:
  r2dbc:
    url: r2dbc:postgresql://localhost:5432/catalog
    username: catalog
    password: catalog_pw_9fK2mQx7
  flyway:
    url: ${spring.r2dbc.url}
    user: ${spring.r2dbc.username}
    password: ${spring.r2dbc.password}
    locations: classpath:db/migration
logging:
  level:
    org.springframework.r2dbc: DEBUG
'''

turns_a = [
    U("Starting the persistence layer for catalog-service today. Spring Boot 3.2, WebFlux, R2DBC on Postgres. Products belong to "
      "categories, and the listing page needs joins plus a couple of aggregates (count per category, min price). "
      "Spring Data repositories or DatabaseClient? What do you think?"),
    T("Read", "pom.xml", POM),
    A("Given the joins, here's how I see the three realistic options:\n\n"
      "1. **Spring Data R2DBC repositories** (`R2dbcRepository`): least code for CRUD, but R2DBC has no relationship mapping, so "
      "every join is an `@Query` string mapped into a projection, and aggregates end up the same way.\n"
      "2. **`DatabaseClient`** with hand-written SQL and explicit row mapping: more code per query, full control over joins and "
      "aggregates, one style everywhere.\n3. **jOOQ** on top of R2DBC: type-safe SQL, but another code generator and a new "
      "dependency to learn.\n\nFor a listing-heavy service I'd pick 2."),
    U("DatabaseClient, agreed. jOOQ is overkill for us."),
    T("Edit", "src/main/java/com/acme/catalog/data/ProductDao.java",
      "+@Repository\n+public class ProductDao {\n+  private final DatabaseClient db;\n+\n+  public ProductDao(DatabaseClient db) { this.db = db; }\n+\n"
      "+  public Mono<Product> findById(UUID id) {\n+    return db.sql(\"SELECT id, name, price_cents, category_id FROM product WHERE id = :id\")\n"
      "+        .bind(\"id\", id)\n+        .map((row, meta) -> new Product(row.get(\"id\", UUID.class), row.get(\"name\", String.class),\n"
      "+            row.get(\"price_cents\", Long.class), row.get(\"category_id\", UUID.class)))\n+        .one();\n+  }\n"
      "+  public Mono<Product> insert(Product p) { ... }\n+}"),
    U("migrations with flyway please, put the V1 in db/migration"),
    T("Edit", "src/main/resources/db/migration/V1__init.sql",
      "+CREATE TABLE category (\n+  id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n+  slug text NOT NULL UNIQUE,\n"
      "+  name text NOT NULL\n+);\n+\n+CREATE TABLE product (\n+  id          uuid PRIMARY KEY,\n+  name        text NOT NULL,\n"
      "+  price_cents bigint NOT NULL CHECK (price_cents >= 0),\n+  category_id uuid NOT NULL REFERENCES category(id)\n+);\n"
      "+CREATE INDEX product_category_idx ON product(category_id);"),
    T("Edit", "src/main/resources/application.yml", "+" + APP_YML_A.replace("\n", "\n+")),
    T("Bash", "./mvnw -q spring-boot:run", FLYWAY_FAIL),
    A("That was a bad idea on my side: Flyway only speaks JDBC, so handing it the `r2dbc:` URL fails with "
      "\"No database found to handle r2dbc:postgresql://...\". Flyway needs its own `jdbc:postgresql://` URL and the JDBC driver on "
      "the classpath (runtime scope only; the app itself keeps using R2DBC). Flyway 10 also moved Postgres support into a separate "
      "`flyway-database-postgresql` module."),
    T("Edit", "src/main/resources/application.yml",
      "@@ -6,3 +6,3 @@ spring:\n   flyway:\n-    url: ${spring.r2dbc.url}\n+    url: jdbc:postgresql://localhost:5432/catalog\n"
      "     user: ${spring.r2dbc.username}"),
    T("Edit", "pom.xml",
      "@@ -21,0 +22,2 @@\n+    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId></dependency>\n"
      "+    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><scope>runtime</scope></dependency>"),
    T("Bash", "./mvnw -q spring-boot:run",
      "2024-04-22T14:07:40.118+02:00  INFO 48702 --- [           main] o.f.c.internal.license.VersionPrinter    : Flyway Community Edition 10.10.0 by Redgate\n"
      "2024-04-22T14:07:40.301+02:00  INFO 48702 --- [           main] o.f.core.internal.command.DbMigrate      : Migrating schema \"public\" to version \"1 - init\"\n"
      "2024-04-22T14:07:40.344+02:00  INFO 48702 --- [           main] o.f.core.internal.command.DbMigrate      : Successfully applied 1 migration to schema \"public\", now at version v1 (execution time 00:00.032s)\n"
      "2024-04-22T14:07:40.912+02:00  INFO 48702 --- [           main] o.s.b.web.embedded.netty.NettyWebServer  : Netty started on port 8080\n"
      "2024-04-22T14:07:40.920+02:00  INFO 48702 --- [           main] c.a.catalog.CatalogApplication           : Started CatalogApplication in 1.94 seconds"),
    U("nice. now the listing endpoint: GET /products?category=... I wrote a quick version yesterday, it works locally but someone "
      "in review said it's wrong and I don't get why"),
    T("Read", "src/main/java/com/acme/catalog/web/ProductHandler.java",
      "@Component\npublic class ProductHandler {\n  ...\n  public Mono<ServerResponse> list(ServerRequest req) {\n"
      "    String slug = req.queryParam(\"category\").orElseThrow();\n    Flux<ProductView> items = productDao.findByCategorySlug(slug)\n"
      "        .map(p -> {\n          Category c = categoryDao.findById(p.categoryId()).block();\n"
      "          return new ProductView(p.id(), p.name(), p.priceCents(), c.name());\n        });\n"
      "    return ServerResponse.ok().body(items, ProductView.class);\n  }\n}"),
    T("Bash", "curl -s -o /dev/null -w '%{http_code}\\n' 'localhost:8080/products?category=keyboards'; tail -n 20 logs/app.log",
      "500\n" + BLOCK_FAIL),
    A("The reviewer is right. `.block()` inside `.map` waits synchronously on the Netty event-loop thread "
      "(`reactor-http-epoll-3`). Reactor forbids that, hence the `IllegalStateException`; it \"worked locally\" only when the "
      "lookup happened to run on a non-Netty thread. It's also an N+1: one category query per product.\n\nSince we chose "
      "DatabaseClient for exactly this, the fix is to do the join in SQL: one `findListing(slug)` query joining `product` and "
      "`category`, mapped straight into the view record."),
    T("Edit", "src/main/java/com/acme/catalog/data/ProductDao.java",
      "@@ -40,0 +41,12 @@\n+  public Flux<ProductView> findListing(String slug) {\n"
      "+    return db.sql(\"\"\"\n+        SELECT p.id, p.name, p.price_cents, c.name AS category\n"
      "+          FROM product p JOIN category c ON c.id = p.category_id\n+         WHERE c.slug = :slug ORDER BY p.name\"\"\")\n"
      "+        .bind(\"slug\", slug)\n+        .map((r, m) -> new ProductView(r.get(\"id\", UUID.class), r.get(\"name\", String.class),\n"
      "+            r.get(\"price_cents\", Long.class), r.get(\"category\", String.class)))\n+        .all();\n+  }"),
    T("Edit", "src/main/java/com/acme/catalog/web/ProductHandler.java",
      "@@ -31,8 +31,3 @@\n-    Flux<ProductView> items = productDao.findByCategorySlug(slug)\n-        .map(p -> {\n"
      "-          Category c = categoryDao.findById(p.categoryId()).block();\n-          return new ProductView(...);\n-        });\n"
      "+    Flux<ProductView> items = productDao.findListing(slug);"),
    T("Bash", "./mvnw test", mvn_test_log(14, [("data.ProductDaoTest", 6), ("data.CategoryDaoTest", 3),
                                                ("web.ProductHandlerTest", 4), ("CatalogApplicationTests", 1)])),
    U("great. use records for all the DTOs please, no Lombok in this service, I'll take it out of the pom."),
    T("Edit", "src/main/java/com/acme/catalog/web/CreateProductRequest.java",
      "-@Data\n-@NoArgsConstructor\n-public class CreateProductRequest {\n-  @NotBlank private String name;\n"
      "-  @PositiveOrZero private long priceCents;\n-  @NotNull private UUID categoryId;\n-}\n"
      "+public record CreateProductRequest(@NotBlank String name, @PositiveOrZero long priceCents, @NotNull UUID categoryId) {}"),
    A("Converted `CreateProductRequest` and `CategoryView` to records; nothing else used Lombok, so removing it from the pom is safe."),
    U("ok thats it for today, thanks. next time: pagination for the listing."),
    A("Noted: pagination for `GET /products`. Keyset (by name + id) or plain offset? Keyset behaves better on deep pages."),
]

session_a = {
    "id": "spring_catalog_a",
    "project": "catalog-service",
    "cwd_files": ["pom.xml", "src/main/resources/application.yml", "src/main/java/com/acme/catalog/data/ProductDao.java",
                  "src/main/java/com/acme/catalog/web/ProductHandler.java"],
    "turns": turns_a,
    "gold": [
        G("PROJECT", "catalog-service: Spring Boot 3.2 WebFlux, R2DBC Postgres, Flyway, Java 21",
          ["webflux"], ["r2dbc", "spring boot", "java 21", "postgres"]),
        G("DECISION", "data access with DatabaseClient + hand-written SQL (joins/aggregates), not repositories",
          ["databaseclient"], ["sql", "join", "repositor", "aggregat"], ["src/main/java/com/acme/catalog/data/ProductDao.java"]),
        G("FAILED", "Flyway with the r2dbc URL failed: Flyway is JDBC only ('No database found to handle r2dbc')",
          ["flyway"], ["r2dbc", "jdbc", "no database found"], failure=True),
        G("PATTERN", "Flyway gets its own jdbc:postgresql URL + postgresql runtime driver + flyway-database-postgresql",
          ["flyway"], ["spring.flyway.url", "jdbc:", "jdbc url", "driver", "flyway-database-postgresql", "separate"],
          ["src/main/resources/application.yml", "pom.xml"]),
        G("BUG_FIX", "listing 500: .block() inside map on the Netty event loop -> single JOIN query findListing",
          ["block"], ["join", "reactor", "netty", "event loop", "epoll", "findlisting"],
          ["src/main/java/com/acme/catalog/web/ProductHandler.java"]),
        G("PREFERENCE", "Java records for all DTOs, no Lombok in catalog-service", ["record"], ["dto", "lombok"]),
        G("TODO", "pagination for the product listing", ["pagination"], ["listing", "product"]),
    ],
    "dead_ends": [
        D("jOOQ (overkill)", ["jooq"]),
    ],
    "secrets": ["catalog_pw_9fK2mQx7"],
}

# ---------------------------------------------------------------- session b

UPDATE_FAIL = '''[INFO] Running com.acme.catalog.data.ProductRepositoryTest
2024-05-06T10:14:52.330+02:00 DEBUG 61220 --- [actor-tcp-nio-2] o.s.r2dbc.core.DefaultDatabaseClient     : Executing SQL statement [UPDATE product SET name = $1, price_cents = $2, category_id = $3 WHERE product.id = $4]
[ERROR] Tests run: 5, Failures: 0, Errors: 3, Skipped: 0, Time elapsed: 2.114 s <<< FAILURE! -- in com.acme.catalog.data.ProductRepositoryTest
[ERROR] com.acme.catalog.data.ProductRepositoryTest.savesNewProduct -- Time elapsed: 0.212 s <<< ERROR!
org.springframework.dao.TransientDataAccessResourceException: Failed to update table [product]; Row with Id [7f1c3b9e-55a2-4c0e-9d4f-1e2a8b6c0d31] does not exist
	at org.springframework.data.r2dbc.core.R2dbcEntityTemplate.lambda$doUpdate$15(R2dbcEntityTemplate.java:746)
	at reactor.core.publisher.FluxHandle$HandleSubscriber.onNext(FluxHandle.java:113)
	at reactor.core.publisher.MonoFlatMap$FlatMapMain.onNext(MonoFlatMap.java:158)
	at com.acme.catalog.data.ProductRepositoryTest.savesNewProduct(ProductRepositoryTest.java:41)
[ERROR] com.acme.catalog.data.ProductRepositoryTest.listingJoinsCategory -- Time elapsed: 0.061 s <<< ERROR!
org.springframework.dao.TransientDataAccessResourceException: Failed to update table [product]; Row with Id [0b8d2f41-9c7e-4a35-b1d0-6e3f2a9c8b57] does not exist
[ERROR] com.acme.catalog.web.ProductHandlerTest.createsProduct -- Time elapsed: 0.088 s <<< ERROR!
org.springframework.dao.TransientDataAccessResourceException: Failed to update table [product]; Row with Id [c4e19a07-3b6d-4f28-a5c1-9d0e7b2f6a13] does not exist
[INFO]
[INFO] Results:
[INFO]
[ERROR] Errors:
[ERROR]   ProductRepositoryTest.savesNewProduct:41 » TransientDataAccessResource Failed to update table [product]; Row with Id [...] does not exist
[ERROR]   ProductRepositoryTest.listingJoinsCategory:58 » TransientDataAccessResource Failed to update table [product]; Row with Id [...] does not exist
[ERROR]   ProductHandlerTest.createsProduct:72 » TransientDataAccessResource Failed to update table [product]; Row with Id [...] does not exist
[INFO]
[ERROR] Tests run: 14, Failures: 0, Errors: 3, Skipped: 0
[INFO] BUILD FAILURE'''

turns_b = [
    U("Back on catalog-service. Honestly, the DatabaseClient code is getting out of hand: ProductDao alone is 600 lines of row "
      "mapping, we're at 9 tables now, and every new column means touching three mappers. I want to switch to Spring Data R2DBC "
      "repositories (R2dbcRepository) and do the listing join with @Query into the record projection. Let's drop DatabaseClient "
      "entirely, I know we decided the other way two weeks ago."),
    A("Fair, the trade-off changed with the table count. Plan:\n- one `R2dbcRepository<Entity, UUID>` per table, entities as records "
      "with `@Table`/`@Id`;\n- the listing join as an `@Query` on `ProductRepository` returning `Flux<ProductView>` (R2DBC maps "
      "columns into the record by name);\n- delete the `*Dao` classes when the tests are green.\n\nOne thing to watch: Spring Data "
      "decides between INSERT and UPDATE by looking at the id, and we currently generate UUIDs in the service."),
    T("Bash", "wc -l src/main/java/com/acme/catalog/data/*.java",
      "   88 src/main/java/com/acme/catalog/data/BrandDao.java\n  121 src/main/java/com/acme/catalog/data/CategoryDao.java\n"
      "  604 src/main/java/com/acme/catalog/data/ProductDao.java\n   97 src/main/java/com/acme/catalog/data/SupplierDao.java\n"
      "  143 src/main/java/com/acme/catalog/data/VariantDao.java\n 1053 total"),
    T("Edit", "src/main/java/com/acme/catalog/data/ProductRepository.java",
      "+public interface ProductRepository extends R2dbcRepository<Product, UUID> {\n+\n"
      "+  @Query(\"\"\"\n+      SELECT p.id, p.name, p.price_cents, c.name AS category\n"
      "+        FROM product p JOIN category c ON c.id = p.category_id\n+       WHERE c.slug = :slug ORDER BY p.name\"\"\")\n"
      "+  Flux<ProductView> findListing(String slug);\n+}"),
    T("Edit", "src/main/java/com/acme/catalog/data/Product.java",
      "+@Table(\"product\")\n+public record Product(@Id UUID id, String name, long priceCents, UUID categoryId) {}"),
    T("Edit", "src/main/java/com/acme/catalog/service/ProductService.java",
      "@@ -22,5 +22,5 @@\n   public Mono<Product> create(CreateProductRequest req) {\n"
      "-    return productDao.insert(new Product(UUID.randomUUID(), req.name(), req.priceCents(), req.categoryId()));\n"
      "+    return products.save(new Product(UUID.randomUUID(), req.name(), req.priceCents(), req.categoryId()));\n   }"),
    T("Bash", "./mvnw test 2>&1 | tail -n 40", UPDATE_FAIL),
    A("That's the id issue I mentioned. `save()` treats an entity whose `@Id` is non-null as **existing** and issues an UPDATE; "
      "since the service fills in `UUID.randomUUID()` before saving, every new product becomes an UPDATE of a row that doesn't "
      "exist.\n\nTwo ways out:\n1. Let Postgres generate the id (`DEFAULT gen_random_uuid()`), pass `null` from the service and "
      "read the id back from `save()`.\n2. Keep app-side UUIDs and implement `Persistable<UUID>` with an `isNew()` flag on each "
      "entity.\n\nOption 1 is less code and matches how `category` already works."),
    U("let the db generate it"),
    T("Edit", "src/main/resources/db/migration/V3__product_id_default.sql",
      "+ALTER TABLE product ALTER COLUMN id SET DEFAULT gen_random_uuid();\n+ALTER TABLE variant ALTER COLUMN id SET DEFAULT gen_random_uuid();"),
    T("Edit", "src/main/java/com/acme/catalog/service/ProductService.java",
      "@@ -24 +24 @@\n-    return products.save(new Product(UUID.randomUUID(), req.name(), req.priceCents(), req.categoryId()));\n"
      "+    return products.save(new Product(null, req.name(), req.priceCents(), req.categoryId()));"),
    T("Bash", "./mvnw test", mvn_test_log(17, [("data.ProductRepositoryTest", 5), ("data.CategoryRepositoryTest", 3),
                                                ("data.VariantRepositoryTest", 4), ("web.ProductHandlerTest", 4),
                                                ("CatalogApplicationTests", 1)])),
    U("now pagination, the todo from last time. does Pageable work with R2dbcRepository?"),
    A("Partly. Derived query methods accept a `Pageable` and apply LIMIT/OFFSET and the sort, but there's no `Page<T>` return type "
      "in reactive repositories: you return a `Flux<T>` and call a separate `countBy...` for the total. So: "
      "`findByCategoryId(UUID, Pageable)` + `countByCategoryId(UUID)`, offset-based, and the handler builds `{items, total, page, "
      "size}`. I'd cap `size` so nobody asks for 10k rows."),
    U("ok"),
    T("Edit", "src/main/java/com/acme/catalog/data/ProductRepository.java",
      "@@ -9,0 +10,4 @@\n+  Flux<Product> findByCategoryId(UUID categoryId, Pageable pageable);\n+\n+  Mono<Long> countByCategoryId(UUID categoryId);"),
    T("Edit", "src/main/java/com/acme/catalog/web/ProductHandler.java",
      "@@ -40,0 +41,14 @@\n+    int page = req.queryParam(\"page\").map(Integer::parseInt).orElse(0);\n"
      "+    int size = Math.min(req.queryParam(\"size\").map(Integer::parseInt).orElse(20), 100);\n"
      "+    Pageable pageable = PageRequest.of(page, size, Sort.by(\"name\", \"id\"));\n"
      "+    Mono<PageResponse<Product>> body = products.findByCategoryId(categoryId, pageable).collectList()\n"
      "+        .zipWith(products.countByCategoryId(categoryId))\n+        .map(t -> new PageResponse<>(t.getT1(), t.getT2(), page, size));"),
    T("Bash", "curl -s 'localhost:8080/products?categoryId=5b0c...&page=1&size=500' | jq '{total, page, size, n: (.items|length)}'",
      '{\n  "total": 231,\n  "page": 1,\n  "size": 100,\n  "n": 100\n}'),
    T("Bash", "git rm -q src/main/java/com/acme/catalog/data/*Dao.java && ./mvnw -q verify && git status --short | head",
      "[INFO] Tests run: 19, Failures: 0, Errors: 0, Skipped: 0\n[INFO] BUILD SUCCESS\n"
      "D  src/main/java/com/acme/catalog/data/BrandDao.java\nD  src/main/java/com/acme/catalog/data/CategoryDao.java\n"
      "D  src/main/java/com/acme/catalog/data/ProductDao.java\nD  src/main/java/com/acme/catalog/data/SupplierDao.java\n"
      "D  src/main/java/com/acme/catalog/data/VariantDao.java\n?? src/main/java/com/acme/catalog/data/ProductRepository.java\n"
      "?? src/main/resources/db/migration/V3__product_id_default.sql"),
    A("All moved: five repositories, the listing join as `@Query` into `ProductView`, the DAOs and `DatabaseClient` are gone "
      "(−1053 lines). Pagination is `?page=&size=` with offset, sorted by name+id, `size` capped at 100 (the request above asked "
      "for 500 and got 100). 19 tests green."),
    U("perfect, thanks! the cap at 100 is good."),
    A("You're welcome!"),
]

session_b = {
    "id": "spring_catalog_b",
    "project": "catalog-service",
    "cwd_files": ["src/main/java/com/acme/catalog/data/ProductRepository.java",
                  "src/main/java/com/acme/catalog/service/ProductService.java",
                  "src/main/java/com/acme/catalog/web/ProductHandler.java"],
    "turns": turns_b,
    "gold": [
        G("DECISION", "switched data access to Spring Data R2dbcRepository, DatabaseClient DAOs dropped (too much mapping code)",
          ["r2dbcrepository"], ["databaseclient", "@query", "drop", "switch", "instead", "mapping", "dao"],
          ["src/main/java/com/acme/catalog/data/ProductRepository.java"]),
        G("PATTERN", "product listing join is an @Query on ProductRepository mapped into the ProductView record",
          ["@query"], ["listing", "join", "productview", "projection"]),
        G("BUG_FIX", "save() issued UPDATE for new rows because the service pre-set the UUID -> DB generates id (gen_random_uuid)",
          ["save"], ["gen_random_uuid", "update", "insert", "null id", "does not exist"],
          ["src/main/java/com/acme/catalog/service/ProductService.java"]),
        G("PATTERN", "pagination: derived query with Pageable + countBy, offset, size capped at 100",
          ["pageable"], ["100", "countby", "count", "offset", "findbycategoryid"],
          ["src/main/java/com/acme/catalog/web/ProductHandler.java"]),
    ],
    "dead_ends": [
        D("keep app-side UUIDs with Persistable.isNew (not chosen)", ["persistable"]),
    ],
    "secrets": [],
    "supersedes": [
        {"old_session": "spring_catalog_a", "old_all_of": ["databaseclient"], "new_all_of": ["r2dbcrepository"]},
    ],
}

if __name__ == "__main__":
    write(session_a)
    write(session_b)
