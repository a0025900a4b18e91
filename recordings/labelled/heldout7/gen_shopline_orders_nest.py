from common import U, A, T, G, D, write

PKG = '''{
  "name": "shopline-orders",
  "version": "3.8.1",
  "private": true,
  "scripts": {
    "build": "nest build",
    "start:dev": "nest start --watch",
    "test": "jest",
    "test:e2e": "jest --config ./test/jest-e2e.json --runInBand",
    "prisma:generate": "prisma generate",
    "lint": "eslint \\"{src,test}/**/*.ts\\""
  },
  "dependencies": {
    "@nestjs/common": "^10.3.3",
    "@nestjs/config": "^3.2.0",
    "@nestjs/core": "^10.3.3",
    "@nestjs/platform-fastify": "^10.3.3",
    "@prisma/client": "^5.11.0",
    "class-transformer": "^0.5.1",
    "class-validator": "^0.14.1",
    "reflect-metadata": "^0.2.1",
    "rxjs": "^7.8.1"
  },
  "devDependencies": {
    "@nestjs/cli": "^10.3.2",
    "@nestjs/testing": "^10.3.3",
    "@types/jest": "^29.5.12",
    "jest": "^29.7.0",
    "prisma": "^5.11.0",
    "supertest": "^6.3.4",
    "ts-jest": "^29.1.2",
    "typescript": "^5.4.2"
  }
}'''

SERVICE = '''import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { CreateOrderDto } from './dto/create-order.dto';

@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService) {}

  async create(dto: CreateOrderDto, customerId: string) {
    const product = await this.prisma.product.findUnique({ where: { id: dto.productId } });
    if (!product) throw new NotFoundException('product not found');
    if (product.stock < dto.quantity) {
      throw new BadRequestException('insufficient stock');
    }

    const [order] = await this.prisma.$transaction([
      this.prisma.order.create({
        data: {
          customerId,
          productId: product.id,
          quantity: dto.quantity,
          unitPriceCents: product.priceCents,
          status: 'PENDING_PAYMENT',
        },
      }),
      this.prisma.product.update({
        where: { id: product.id },
        data: { stock: product.stock - dto.quantity },
      }),
    ]);
    return order;
  }
}
'''

MODULES = '''// src/orders/orders.module.ts
@Module({
  imports: [ConfigModule],
  controllers: [OrdersController],
  providers: [OrdersService, PrismaService],
})
export class OrdersModule {}

// src/products/products.module.ts
@Module({
  controllers: [ProductsController],
  providers: [ProductsService, PrismaService],
  exports: [ProductsService],
})
export class ProductsModule {}

// src/payments/payments.module.ts
@Module({
  imports: [HttpModule],
  providers: [PaymentsService, PrismaService, StripeWebhookGuard],
  controllers: [PaymentsController],
})
export class PaymentsModule {}

// src/prisma/prisma.service.ts
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit {
  async onModuleInit() {
    await this.$connect();
  }
}'''

ENV = '''NODE_ENV=development
PORT=3007
# shared staging db, ask #platform before touching
DATABASE_URL="postgresql://orders_app:Fl4shS4le-2026x@staging-db.shopline.internal:5432/orders?schema=public"
STRIPE_WEBHOOK_SECRET=whsec_local_dev_only
'''

E2E_FAIL = '''> shopline-orders@3.8.1 test:e2e
> jest --config ./test/jest-e2e.json --runInBand

[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [NestFactory] Starting Nest application...
[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [InstanceLoader] ConfigModule dependencies initialized +14ms
[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [InstanceLoader] HttpModule dependencies initialized +0ms
[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [InstanceLoader] ProductsModule dependencies initialized +1ms
[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [InstanceLoader] OrdersModule dependencies initialized +0ms
[Nest] 51877  - 11/25/2026, 3:41:02 PM     LOG [InstanceLoader] PaymentsModule dependencies initialized +0ms
 FAIL  test/orders.concurrency.e2e-spec.ts (14.262 s)
  Orders concurrency
    ✕ does not oversell when 30 orders race for 10 units (11873 ms)

  ● Orders concurrency › does not oversell when 30 orders race for 10 units

    PrismaClientKnownRequestError: 
    Invalid `this.prisma.product.updateMany()` invocation in
    /home/ilse/dev/shopline-orders/src/orders/orders.service.ts:21:38

      18 |     return this.prisma.$transaction(async (tx) => {
      19 |       const product = await tx.product.findUnique({ where: { id: dto.productId } });
      20 |       if (!product) throw new NotFoundException('product not found');
    → 21 |       const { count } = await tx.product.updateMany(
    Too many database connections opened: FATAL: sorry, too many clients already

      at Rn.handleRequestError (node_modules/@prisma/client/runtime/library.js:123:7154)
      at Rn.handleAndLogRequestError (node_modules/@prisma/client/runtime/library.js:123:6188)
      at Rn.request (node_modules/@prisma/client/runtime/library.js:123:5896)
      at async l (node_modules/@prisma/client/runtime/library.js:128:10871)
      at async OrdersService.create (src/orders/orders.service.ts:21:25)

    code: 'P2037',
    clientVersion: '5.11.0',
    meta: { message: 'FATAL: sorry, too many clients already' }

 PASS  test/orders.e2e-spec.ts (6.114 s)
 PASS  test/products.e2e-spec.ts (4.882 s)

Test Suites: 1 failed, 2 passed, 3 total
Tests:       1 failed, 17 passed, 18 total
Snapshots:   0 total
Time:        26.318 s
Ran all test suites.'''

PG_CONNS = ''' application_name |  count
------------------+--------
 prisma           |     51
 psql             |      1
(2 rows)

 max_connections
-----------------
 50
(1 row)'''

MIGRATE_DEV = '''Environment variables loaded from .env
Prisma schema loaded from prisma/schema.prisma
Datasource "db": PostgreSQL database "orders", schema "public" at "staging-db.shopline.internal:5432"

Drift detected: Your database schema is not in sync with your migration history.

The following is a summary of the differences between the expected database schema given your migrations files, and the actual schema of the database.

It should be understood as the set of changes to get from the expected schema to the actual schema.

[+] Added tables
  - _payments_backfill_2026_10

[*] Changed the `Order` table
  [+] Added index on columns (createdAt)

? We need to reset the "public" schema at "staging-db.shopline.internal:5432"
Do you want to continue? All data will be lost. › (y/N) N

Reset cancelled.'''

MIGRATE_LOCAL = '''Environment variables loaded from .env.local
Prisma schema loaded from prisma/schema.prisma
Datasource "db": PostgreSQL database "orders", schema "public" at "localhost:5433"

Applying migration `20261125144210_product_stock_non_negative`

The following migration(s) have been applied:

migrations/
  └─ 20261125144210_product_stock_non_negative/
    └─ migration.sql

Your database is now in sync with your schema.

✔ Generated Prisma Client (v5.11.0) to ./node_modules/@prisma/client in 98ms'''

E2E_OK = '''> shopline-orders@3.8.1 test:e2e
> jest --config ./test/jest-e2e.json --runInBand

[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [NestFactory] Starting Nest application...
[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [InstanceLoader] PrismaModule dependencies initialized +12ms
[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [InstanceLoader] ConfigModule dependencies initialized +0ms
[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [InstanceLoader] ProductsModule dependencies initialized +1ms
[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [InstanceLoader] OrdersModule dependencies initialized +0ms
[Nest] 53310  - 11/25/2026, 4:02:17 PM     LOG [InstanceLoader] PaymentsModule dependencies initialized +0ms
 PASS  test/orders.concurrency.e2e-spec.ts (5.904 s)
  Orders concurrency
    ✓ does not oversell when 30 orders race for 10 units (2417 ms)
    ✓ rejects with 409 once stock is exhausted (311 ms)
    ✓ database refuses negative stock (check constraint) (58 ms)
 PASS  test/orders.e2e-spec.ts (5.771 s)
 PASS  test/products.e2e-spec.ts (4.409 s)

Test Suites: 3 passed, 3 total
Tests:       20 passed, 20 total
Snapshots:   0 total
Time:        17.552 s
Ran all test suites.'''

turns = [
    U("ok so. flash sale yesterday, we sold 14 units of the blue kettle and there were 10 in stock. so 4 angry people. I'm trying to figure out where it goes wrong... my first thought was the products cache but we don't cache stock, only the catalog. so it's the order path. OrdersService.create reads the product, checks stock, then does the transaction. hmm. the transaction should protect it? I thought that's what $transaction is for. can you look, I'm probably missing something obvious"),
    T("Read", "src/orders/orders.service.ts", SERVICE),
    A("You're not missing much, it's a classic lost update. The `$transaction([...])` here is Prisma's batch form: it only guarantees the `order.create` and the `product.update` commit together. The stock check happens *before* it, on a value read outside the transaction, and the update writes an absolute value: `stock: product.stock - dto.quantity`.\n\nTwo requests at the same moment both read `stock = 10`, both pass the check, and both write `stock = 9`. Every order is created, stock only goes down once per \"wave\". Wrapping the same code in an interactive transaction wouldn't fix it either: at Postgres' default READ COMMITTED the read doesn't lock the row.\n\nOptions:\n1. Conditional atomic decrement: `tx.product.updateMany({ where: { id, stock: { gte: qty } }, data: { stock: { decrement: qty } } })` and treat `count === 0` as out of stock; the database evaluates the condition and the decrement in one statement, so it can't race. Done inside an interactive `$transaction(async (tx) => ...)` together with the order insert.\n2. Lock the row with `SELECT ... FOR UPDATE` via `$queryRaw` before reading stock.\n3. Run the transaction at `Serializable` isolation and retry on `P2034` write conflicts."),
    U("hm. FOR UPDATE would work too but then raw SQL in the service, and serializable with retries feels heavy for a kettle shop haha. the conditional decrement is neat, the db does the check... yeah, let's do 1. oh and while you're in there, named exports only please, I saw someone sneak a default export into the dto folder last week"),
    T("Bash", "grep -rn \"export default\" src/ || true", "src/orders/dto/create-order.dto.ts:9:export default class CreateOrderDto {"),
    T("Edit", "src/orders/dto/create-order.dto.ts", '''@@ -9,1 +9,1 @@
-export default class CreateOrderDto {
+export class CreateOrderDto {'''),
    T("Edit", "src/orders/orders.service.ts", '''@@ -1,32 +1,36 @@
-import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
+import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
 import { PrismaService } from '../prisma/prisma.service';
 import { CreateOrderDto } from './dto/create-order.dto';
 
 @Injectable()
 export class OrdersService {
   constructor(private readonly prisma: PrismaService) {}
 
   async create(dto: CreateOrderDto, customerId: string) {
-    const product = await this.prisma.product.findUnique({ where: { id: dto.productId } });
-    if (!product) throw new NotFoundException('product not found');
-    if (product.stock < dto.quantity) {
-      throw new BadRequestException('insufficient stock');
-    }
-
-    const [order] = await this.prisma.$transaction([
-      this.prisma.order.create({
-        ...
-      }),
-      this.prisma.product.update({
-        where: { id: product.id },
-        data: { stock: product.stock - dto.quantity },
-      }),
-    ]);
-    return order;
+    return this.prisma.$transaction(async (tx) => {
+      const product = await tx.product.findUnique({ where: { id: dto.productId } });
+      if (!product) throw new NotFoundException('product not found');
+      const { count } = await tx.product.updateMany({
+        where: { id: product.id, stock: { gte: dto.quantity } },
+        data: { stock: { decrement: dto.quantity } },
+      });
+      if (count === 0) throw new ConflictException('insufficient stock');
+      return tx.order.create({
+        data: {
+          customerId,
+          productId: product.id,
+          quantity: dto.quantity,
+          unitPriceCents: product.priceCents,
+          status: 'PENDING_PAYMENT',
+        },
+      });
+    });
   }
 }'''),
    A("I changed the out-of-stock response from 400 to 409 Conflict, since the request itself is valid. Is anything on the storefront matching on the 400 status? I'll write a concurrency e2e test: 30 parallel orders of 1 unit against a product with stock 10; expect exactly 10 successes and stock 0."),
    T("Edit", "test/orders.concurrency.e2e-spec.ts", '''+describe('Orders concurrency', () => {
+  let app: NestFastifyApplication;
+  let prisma: PrismaService;
+
+  beforeAll(async () => {
+    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
+    app = moduleRef.createNestApplication(new FastifyAdapter());
+    await app.init();
+    await app.getHttpAdapter().getInstance().ready();
+    prisma = app.get(PrismaService);
+  });
+
+  it('does not oversell when 30 orders race for 10 units', async () => {
+    const product = await prisma.product.create({ data: { name: 'kettle', priceCents: 3999, stock: 10 } });
+    const results = await Promise.all(
+      Array.from({ length: 30 }, () =>
+        request(app.getHttpServer()).post('/orders').set(auth()).send({ productId: product.id, quantity: 1 }),
+      ),
+    );
+    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
+    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
+  });
+});'''),
    T("Bash", "cat .env.local && docker compose up -d orders-db && npm run test:e2e -- --env-file .env.local", 'DATABASE_URL="postgresql://orders:orders@localhost:5433/orders?schema=public"\n Container shopline-orders-orders-db-1  Running\n' + E2E_FAIL),
    U("too many clients?? on my laptop? the local postgres has max_connections 50, we never hit that"),
    T("Bash", "docker compose exec orders-db psql -U orders -c \"select application_name, count(*) from pg_stat_activity where datname='orders' group by 1\" -c \"show max_connections\"", PG_CONNS),
    T("Bash", "grep -rn \"PrismaService\" src --include=*.module.ts; cat src/orders/orders.module.ts src/products/products.module.ts src/payments/payments.module.ts src/prisma/prisma.service.ts", MODULES),
    A("There it is. `PrismaService` is listed in `providers` of three modules (Orders, Products, Payments). In Nest, each module that declares a provider gets its own instance, and `PrismaService extends PrismaClient`, so the app runs three PrismaClients, each with its own connection pool (default `num_cpus * 2 + 1` = 17 on your machine). 3 x 17 = 51 connections > 50. Normally you never open that many at once, but 30 parallel interactive transactions each hold a connection for the whole transaction, so all three pools fill up.\n\nProduction has the same bug, it's just masked by a bigger `max_connections`; it also means three times the idle connections per pod. Fix: one `@Global()` `PrismaModule` that provides and exports `PrismaService`, and remove it from the other modules' providers."),
    T("Edit", "src/prisma/prisma.module.ts", '''+import { Global, Module } from '@nestjs/common';
+import { PrismaService } from './prisma.service';
+
+@Global()
+@Module({
+  providers: [PrismaService],
+  exports: [PrismaService],
+})
+export class PrismaModule {}'''),
    T("Edit", "src/app.module.ts", '''@@ -12,6 +12,7 @@ import { PaymentsModule } from './payments/payments.module';
 @Module({
   imports: [
     ConfigModule.forRoot({ isGlobal: true }),
+    PrismaModule,
     ProductsModule,
     OrdersModule,
     PaymentsModule,'''),
    T("Edit", "src/orders/orders.module.ts src/products/products.module.ts src/payments/payments.module.ts", '''-  providers: [OrdersService, PrismaService],
+  providers: [OrdersService],
-  providers: [ProductsService, PrismaService],
+  providers: [ProductsService],
-  providers: [PaymentsService, PrismaService, StripeWebhookGuard],
+  providers: [PaymentsService, StripeWebhookGuard],'''),
    U("oh wow. ok. and hmm, I'm thinking, belt and braces: can we also make the db itself refuse negative stock? a check constraint. just run prisma migrate dev, it's quick"),
    T("Bash", "npx prisma migrate dev --create-only --name product_stock_non_negative", MIGRATE_DEV),
    A("Stop - I answered N to that prompt. The plain `npx prisma` picked up `.env`, whose `DATABASE_URL` points at the shared staging database, and `migrate dev` wants to reset the whole `public` schema because staging has drifted (someone created `_payments_backfill_2026_10` and an index by hand). Nothing was changed: reset was cancelled and no migration was created.\n\n`migrate dev` is for a disposable local database only; staging and prod should only ever see `prisma migrate deploy`, which applies pending migrations and never resets. I'll run it against the local database from `.env.local` instead."),
    T("Bash", "cat .env", ENV),
    U("ugh, yes, that .env is a trap, I keep forgetting. ok local db"),
    T("Bash", "npx dotenv -e .env.local -- prisma migrate dev --create-only --name product_stock_non_negative", '''Environment variables loaded from .env.local
Prisma schema loaded from prisma/schema.prisma
Datasource "db": PostgreSQL database "orders", schema "public" at "localhost:5433"

Prisma Migrate created the following migration without applying it 20261125144210_product_stock_non_negative

You can now edit it and apply it by running prisma migrate dev.'''),
    A("Prisma's schema language can't express CHECK constraints, so the generated migration is empty; I'm adding the SQL by hand. Prisma leaves hand-written constraints alone in later migrations."),
    T("Edit", "prisma/migrations/20261125144210_product_stock_non_negative/migration.sql", '''+-- Not expressible in schema.prisma; keep in sync by hand.
+ALTER TABLE "Product" ADD CONSTRAINT "product_stock_non_negative" CHECK ("stock" >= 0);'''),
    T("Bash", "npx dotenv -e .env.local -- prisma migrate dev", MIGRATE_LOCAL),
    T("Bash", "npm run test:e2e -- --env-file .env.local", E2E_OK),
    A("All green: exactly 10 of 30 racing orders succeed, the rest get 409, and the check constraint rejects a direct negative write. Summary:\n- `OrdersService.create`: conditional `updateMany` decrement inside an interactive transaction.\n- Single global `PrismaModule` (was three PrismaClients and pools).\n- `product_stock_non_negative` CHECK constraint, hand-written migration.\n- `CreateOrderDto` back to a named export.\n\nThe migration goes to staging via `prisma migrate deploy` in the pipeline as usual."),
    U("cool cool. the 4 oversold orders are a me-problem, I'll sort them with customer service. but we really need a k6 load test against staging before the next flash sale (dec 12), can you note that as a todo? and push the branch"),
    T("Bash", "git checkout -b fix/oversell && git add -A && git commit -qm \"orders: atomic stock decrement, single PrismaModule, stock >= 0 check\" && git push -u origin fix/oversell", '''Switched to a new branch 'fix/oversell'
Enumerating objects: 27, done.
Counting objects: 100% (27/27), done.
Delta compression using up to 8 threads
Compressing objects: 100% (14/14), done.
Writing objects: 100% (16/16), 3.91 KiB | 3.91 MiB/s, done.
Total 16 (delta 9), reused 0 (delta 0), pack-reused 0
remote: 
remote: To create a merge request for fix/oversell, visit:
remote:   https://gitlab.shopline.internal/backend/shopline-orders/-/merge_requests/new?merge_request%5Bsource_branch%5D=fix%2Foversell
remote: 
To gitlab.shopline.internal:backend/shopline-orders.git
 * [new branch]      fix/oversell -> fix/oversell
branch 'fix/oversell' set up to track 'origin/fix/oversell'.'''),
    A("Pushed `fix/oversell`. TODO noted: k6 load test of the order endpoint against staging before the Dec 12 flash sale."),
]

write({
    "id": "shopline_orders_nest",
    "project": "shopline-orders",
    "cwd_files": ["package.json", "src/orders/orders.service.ts", "src/prisma/prisma.module.ts",
                  "src/app.module.ts", "prisma/schema.prisma", "test/orders.concurrency.e2e-spec.ts", ".env", ".env.local"],
    "turns": turns,
    "gold": [
        G("PROJECT", "shopline-orders: NestJS 10 (fastify) + Prisma 5 on Postgres, TypeScript",
          ["nest", "prisma"], ["postgres", "typescript", "fastify", "shopline", "prisma 5", "nestjs 10"]),
        G("BUG_FIX", "oversell: stock read outside the batch $transaction and written as absolute value (lost update) -> conditional updateMany decrement where stock >= qty in interactive transaction, 409 when count 0",
          ["decrement"], ["updateMany", "gte", "oversell", "conditional", "atomic", "lost update"],
          ["src/orders/orders.service.ts"]),
        G("BUG_FIX", "'too many clients' (P2037): PrismaService in providers of 3 modules = 3 PrismaClients/pools -> single @Global PrismaModule",
          ["prismaservice"], ["global", "prismamodule", "too many", "connection", "pool", "instance"],
          ["src/prisma/prisma.module.ts"]),
        G("FAILED", "prisma migrate dev ran against shared staging via .env: drift detected, wanted to reset schema; cancelled. Use migrate dev only on local db (.env.local), migrate deploy for staging",
          ["migrate dev"], ["staging", "drift", "reset", "cancel", ".env"], failure=True),
        G("DECISION", "CHECK constraint product stock >= 0 via hand-written migration (Prisma schema can't express CHECK)",
          ["check"], ["stock >= 0", "product_stock_non_negative", "non_negative", "negative", "constraint"]),
        G("PREFERENCE", "named exports only, no default exports",
          ["export"], ["named", "no default", "default export", "not default", "only"]),
        G("TODO", "k6 load test of orders against staging before Dec 12 flash sale",
          ["k6"], ["load", "flash", "staging", "dec 12", "sale"]),
    ],
    "dead_ends": [
        D("SELECT ... FOR UPDATE via $queryRaw (offered, not picked)", ["for update"]),
        D("Serializable isolation with P2034 retries (offered, not picked)", ["serializable"]),
    ],
    "secrets": ["Fl4shS4le-2026x",
                "postgresql://orders_app:Fl4shS4le-2026x@staging-db.shopline.internal:5432/orders?schema=public"],
})
