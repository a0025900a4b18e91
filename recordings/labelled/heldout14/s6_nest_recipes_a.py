from _h import *
import random, uuid
random.seed(61)

DB_PASS = "Tq7hZ2vkW9sLr"
JWT = "b3f1e9c07d2a4c58a1e6f0d9c3b7a2e4f81d6c09"

PACKAGE_JSON = '''{
  "name": "recipes-api",
  "version": "0.7.0",
  "private": true,
  "scripts": {
    "build": "nest build",
    "start:dev": "nest start --watch",
    "test": "jest",
    "test:e2e": "jest --config ./test/jest-e2e.json",
    "typeorm": "typeorm-ts-node-commonjs -d src/data-source.ts"
  },
  "dependencies": {
    "@apollo/server": "^4.10.4",
    "@nestjs/apollo": "^12.1.0",
    "@nestjs/common": "^10.3.8",
    "@nestjs/config": "^3.2.2",
    "@nestjs/core": "^10.3.8",
    "@nestjs/graphql": "^12.1.1",
    "@nestjs/jwt": "^10.2.0",
    "@nestjs/platform-express": "^10.3.8",
    "@nestjs/typeorm": "^10.0.2",
    "class-validator": "^0.14.1",
    "graphql": "^16.8.1",
    "pg": "^8.11.5",
    "reflect-metadata": "^0.2.2",
    "rxjs": "^7.8.1",
    "typeorm": "^0.3.20"
  },
  "devDependencies": {
    "@nestjs/cli": "^10.3.2",
    "@nestjs/testing": "^10.3.8",
    "@types/jest": "^29.5.12",
    "jest": "^29.7.0",
    "supertest": "^7.0.0",
    "ts-jest": "^29.1.2",
    "typescript": "^5.4.5"
  }
}
'''

RESOLVER = '''import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Recipe } from './recipe.entity';
import { RecipesService } from './recipes.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

@Resolver(() => Recipe)
export class RecipesResolver {
  constructor(
    private readonly recipes: RecipesService,
    private readonly users: UsersService,
  ) {}

  @Query(() => Recipe, { nullable: true })
  recipe(@Args('id', { type: () => ID }) id: string) {
    return this.recipes.findOne(id);
  }

  @Query(() => [Recipe])
  latestRecipes() {
    return this.recipes.latest(50);
  }

  @ResolveField(() => User)
  author(@Parent() recipe: Recipe) {
    return this.users.findOne(recipe.authorId);
  }
}
'''

ENTITY = '''import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

@ObjectType()
@Entity()
export class Recipe {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column()
  title: string;

  @Field({ nullable: true })
  @Column({ type: 'text', nullable: true })
  summary?: string;

  @Field(() => Int)
  @Column({ name: 'prep_minutes', type: 'int' })
  prepMinutes: number;

  @Field(() => Float, { description: 'Price of the ingredient kit in EUR' })
  @Column({ type: 'numeric', precision: 10, scale: 2 })
  price: number;

  @Column({ name: 'author_id' })
  authorId: string;

  @ManyToOne(() => User)
  author: User;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
'''


def nest_boot():
    mods = ["TypeOrmModule", "ConfigHostModule", "ConfigModule", "ConfigModule", "JwtModule", "GraphQLSchemaBuilderModule",
            "GraphQLModule", "TypeOrmCoreModule", "TypeOrmModule", "UsersModule", "RecipesModule", "IngredientsModule", "AuthModule"]
    t = 0
    out = ["[2:14:07 PM] Starting compilation in watch mode...", "", "[2:14:11 PM] Found 0 errors. Watching for file changes.", ""]
    out.append("[Nest] 48211  - 11/25/2026, 2:14:12 PM     LOG [NestFactory] Starting Nest application...")
    for m in mods:
        t += random.randint(0, 9)
        out.append(f"[Nest] 48211  - 11/25/2026, 2:14:12 PM     LOG [InstanceLoader] {m} dependencies initialized +{random.randint(0, 40)}ms")
    out.append("query: SELECT version()")
    out.append("query: SELECT * FROM current_schema()")
    out.append("[Nest] 48211  - 11/25/2026, 2:14:13 PM     LOG [RoutesResolver] HealthController {/health}: +3ms")
    out.append("[Nest] 48211  - 11/25/2026, 2:14:13 PM     LOG [RouterExplorer] Mapped {/health, GET} route +2ms")
    out.append("[Nest] 48211  - 11/25/2026, 2:14:13 PM     LOG [GraphQLModule] Mapped {/graphql, POST} route +71ms")
    out.append("[Nest] 48211  - 11/25/2026, 2:14:13 PM     LOG [NestApplication] Nest application successfully started +4ms")
    return out


RECIPE_COLS = ('"Recipe"."id" AS "Recipe_id", "Recipe"."title" AS "Recipe_title", "Recipe"."summary" AS "Recipe_summary", '
               '"Recipe"."prep_minutes" AS "Recipe_prep_minutes", "Recipe"."price" AS "Recipe_price", '
               '"Recipe"."author_id" AS "Recipe_author_id", "Recipe"."created_at" AS "Recipe_created_at"')
USER_Q = ('query: SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."display_name" AS "User_display_name", '
          '"User"."avatar_url" AS "User_avatar_url", "User"."created_at" AS "User_created_at" FROM "user" "User" '
          'WHERE (("User"."id" = $1)) LIMIT 1 -- PARAMETERS: ["{uid}"]')

AUTHORS = [str(uuid.UUID(int=random.getrandbits(128))) for _ in range(31)]


def n_plus_one_log():
    out = nest_boot()
    out.append(f'query: SELECT {RECIPE_COLS} FROM "recipe" "Recipe" ORDER BY "Recipe"."created_at" DESC LIMIT 50 OFFSET 0')
    out.append('query: SELECT COUNT(1) AS "cnt" FROM "recipe" "Recipe"')
    for _ in range(50):
        out.append(USER_Q.replace("{uid}", random.choice(AUTHORS)))
    return "\n".join(out)


def curl_out(price_ok):
    items = []
    for i in range(3):
        p = ["12.50", "8.90", "23.00"][i]
        items.append({"id": str(uuid.UUID(int=random.getrandbits(128))), "title": ["Bacalhau à Brás", "Shakshuka", "Risotto ai funghi"][i],
                      "price": float(p) if price_ok else None, "author": {"displayName": ["Ana P.", "Miguel R.", "Sofia L."][i]}})
    import json as _j
    body = {"data": {"recipes": {"totalCount": 12384, "items": items}}} if price_ok else {
        "errors": [{"message": "Float cannot represent non numeric value: \"12.50\"", "locations": [{"line": 1, "column": 52}],
                    "path": ["recipes", "items", 0, "price"],
                    "extensions": {"code": "INTERNAL_SERVER_ERROR", "stacktrace": [
                        "GraphQLError: Float cannot represent non numeric value: \"12.50\"",
                        "    at GraphQLScalarType.serializeFloat [as serialize] (/home/lena/recipes-api/node_modules/graphql/type/scalars.js:116:11)",
                        "    at completeLeafValue (/home/lena/recipes-api/node_modules/graphql/execution/execute.js:749:39)",
                        "    at completeValue (/home/lena/recipes-api/node_modules/graphql/execution/execute.js:632:12)",
                        "    at completeValue (/home/lena/recipes-api/node_modules/graphql/execution/execute.js:590:23)"]}}],
        "data": None}
    return _j.dumps(body, indent=2, ensure_ascii=False)


turns = [
 U("Hey! Two things on recipes-api today. I need a paginated `recipes` query for the new admin panel (the current "
   "`latestRecipes` just returns 50). And the API feels slow whenever authors are in the query, I suspect an N+1 on "
   "`author`. Stack is the usual: Nest 10, code-first GraphQL with Apollo, TypeORM 0.3 on Postgres."),
 Read("package.json", PACKAGE_JSON),
 Read("src/recipes/recipes.resolver.ts", RESOLVER),
 Read("src/recipes/recipe.entity.ts", ENTITY),
 A("For pagination there are two shapes:\n\n"
   "1. **Offset**: `recipes(skip: Int, take: Int): RecipesPage { items, totalCount }` with `findAndCount`. Trivial, "
   "and gives you page numbers and a total for the table.\n"
   "2. **Cursor / Relay connection**: `recipes(first, after): RecipeConnection { edges { cursor node } pageInfo }`. "
   "Stable when rows are inserted while paging and fast on deep pages, but no \"jump to page 37\".\n\n"
   "Which fits the admin panel?"),
 U("offset is fine, the admin table needs page numbers and the total count. we have like 12k recipes, it's nothing."),
 Write("src/recipes/dto/recipes-page.ts", '''import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Min } from 'class-validator';
import { Recipe } from '../recipe.entity';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  skip: number;

  @Field(() => Int, { defaultValue: 25 })
  @Min(1)
  take: number;
}

@ObjectType()
export class RecipesPage {
  @Field(() => [Recipe])
  items: Recipe[];

  @Field(() => Int)
  totalCount: number;
}
'''),
 Edit("src/recipes/recipes.service.ts", '''@@ -18,3 +18,11 @@
+  async page(skip: number, take: number): Promise<RecipesPage> {
+    const [items, totalCount] = await this.repo.findAndCount({
+      order: { createdAt: 'DESC' },
+      skip,
+      take,
+    });
+    return { items, totalCount };
+  }'''),
 Edit("src/recipes/recipes.resolver.ts", '''@@ -20,3 +20,8 @@
+  @Query(() => RecipesPage)
+  recipes(@Args() { skip, take }: PageArgs) {
+    return this.recipes.page(skip, take);
+  }
+'''),
 Bash("cat .env && grep -n logging src/app.module.ts", f'''NODE_ENV=development
PORT=3000
DATABASE_URL=postgres://recipes:{DB_PASS}@localhost:5432/recipes
JWT_SECRET={JWT}
JWT_EXPIRES_IN=3600s
29:        logging: config.get('TYPEORM_LOGGING') === 'true',
'''),
 Bash("TYPEORM_LOGGING=true npm run start:dev > /tmp/api.log 2>&1 & sleep 12; curl -s localhost:3000/graphql -H 'content-type: application/json' "
      "-d '{\"query\":\"{ recipes(skip: 0, take: 50) { totalCount items { id title author { displayName } } } }\"}' >/dev/null; "
      "cat /tmp/api.log", n_plus_one_log()),
 A("There it is: one query for the page, one for the count, then **50 separate `SELECT ... FROM \"user\" WHERE id = $1`** "
   "— one per recipe, from `@ResolveField author` calling `users.findOne`. Only 31 distinct authors, so half of those "
   "are even duplicates.\n\n"
   "The standard fix is a DataLoader that batches all `author` lookups of one request into a single "
   "`WHERE id IN (...)`. It must be created per request (otherwise it caches across users). There's a Nest wrapper, "
   "`nestjs-dataloader`, which gives you an interceptor and a `@Loader()` decorator; let me try that first."),
 Bash("npm i nestjs-dataloader", '''npm ERR! code ERESOLVE
npm ERR! ERESOLVE unable to resolve dependency tree
npm ERR! 
npm ERR! While resolving: recipes-api@0.7.0
npm ERR! Found: @nestjs/common@10.3.8
npm ERR! node_modules/@nestjs/common
npm ERR!   @nestjs/common@"^10.3.8" from the root project
npm ERR! 
npm ERR! Could not resolve dependency:
npm ERR! peer @nestjs/common@"^7.0.0 || ^8.0.0" from nestjs-dataloader@9.0.0
npm ERR! node_modules/nestjs-dataloader
npm ERR!   nestjs-dataloader@"*" from the root project
npm ERR! 
npm ERR! Fix the upstream dependency conflict, or retry
npm ERR! this command with --force or --legacy-peer-deps
npm ERR! to accept an incorrect (and potentially broken) dependency resolution.
npm ERR! 
npm ERR! 
npm ERR! For a full report see:
npm ERR! /home/lena/.npm/_logs/2026-11-25T14_19_40_114Z-eresolve-report.txt

npm ERR! A complete log of this run can be found in: /home/lena/.npm/_logs/2026-11-25T14_19_40_114Z-debug-0.log
'''),
 A("`nestjs-dataloader` declares peers on Nest 7/8 and hasn't been updated for Nest 10. I could force it with "
   "`--legacy-peer-deps`, but then we'd be running an interceptor written against an older Nest internals API."),
 U("please never use --legacy-peer-deps, we had a broken prod build from that last spring. just do it without the "
   "wrapper"),
 A("Agreed. The plain `dataloader` package (from the GraphQL foundation) has no Nest peer at all. I'll build the "
   "loaders in the GraphQL context factory, which Apollo calls once per request, so each request gets fresh loaders."),
 Bash("npm i dataloader", '''
added 1 package, and audited 812 packages in 3s

118 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities
'''),
 Write("src/common/loaders.ts", '''import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { User } from '../users/user.entity';

export interface Loaders {
  userById: DataLoader<string, User | null>;
}

/** Created once per GraphQL request in the context factory. Never make this a singleton. */
export function createLoaders(users: Repository<User>): Loaders {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const rows = await users.findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
'''),
 Edit("src/app.module.ts", '''@@ -34,9 +34,16 @@
-    GraphQLModule.forRoot<ApolloDriverConfig>({
+    GraphQLModule.forRootAsync<ApolloDriverConfig>({
       driver: ApolloDriver,
-      autoSchemaFile: 'schema.gql',
-      sortSchema: true,
-      context: ({ req }) => ({ req }),
+      imports: [TypeOrmModule.forFeature([User])],
+      inject: [getRepositoryToken(User)],
+      useFactory: (users: Repository<User>) => ({
+        autoSchemaFile: 'schema.gql',
+        sortSchema: true,
+        context: ({ req }) => ({ req, loaders: createLoaders(users) }),
+      }),
     }),'''),
 Edit("src/recipes/recipes.resolver.ts", '''@@ -28,4 +28,4 @@
   @ResolveField(() => User)
-  author(@Parent() recipe: Recipe) {
-    return this.users.findOne(recipe.authorId);
+  author(@Parent() recipe: Recipe, @Context('loaders') loaders: Loaders) {
+    return loaders.userById.load(recipe.authorId);
   }'''),
 Bash("curl -s localhost:3000/graphql -H 'content-type: application/json' -d '{\"query\":\"{ recipes(skip: 0, take: 50) "
      "{ totalCount items { id title price author { displayName } } } }\"}'; echo; grep -c '^query:' /tmp/api.log; tail -3 /tmp/api.log",
      curl_out(False) + "\n57\n" +
      f'query: SELECT {RECIPE_COLS} FROM "recipe" "Recipe" ORDER BY "Recipe"."created_at" DESC LIMIT 50 OFFSET 0\n'
      'query: SELECT COUNT(1) AS "cnt" FROM "recipe" "Recipe"\n'
      'query: SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."display_name" AS "User_display_name", '
      '"User"."avatar_url" AS "User_avatar_url", "User"."created_at" AS "User_created_at" FROM "user" "User" WHERE (("User"."id" IN '
      '($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, '
      '$27, $28, $29, $30, $31))) -- PARAMETERS: [' + ",".join(f'"{a}"' for a in AUTHORS) + ']\n'),
 A("The batching works: the request now runs 3 queries (page, count, one `IN (...)` for the 31 authors) instead of 52. "
   "But adding `price` to the query surfaced another bug: `Float cannot represent non numeric value: \"12.50\"`.\n\n"
   "Cause: `price` is a Postgres `numeric(10,2)`. node-postgres returns `numeric` as a JavaScript **string** on purpose "
   "(it can't be represented exactly as a double), TypeORM passes it through untouched even though the entity says "
   "`number`, and the GraphQL `Float` serializer refuses strings. Two fixes:\n\n"
   "1. A column transformer on `price` that parses the string on read.\n"
   "2. A global `pg.types.setTypeParser(1700, parseFloat)` so every numeric in the app becomes a number.\n\n"
   "I'll do 1: the global parser would also silently turn any future high-precision numeric (totals, money sums) into "
   "lossy floats."),
 Write("src/common/numeric.transformer.ts", '''import { ValueTransformer } from 'typeorm';

/** pg returns NUMERIC as string; use for numeric columns exposed as GraphQL Float. */
export const numericTransformer: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | null) => (value === null || value === undefined ? value : parseFloat(value)),
};
'''),
 Edit("src/recipes/recipe.entity.ts", '''@@ -27,3 +27,3 @@
   @Field(() => Float, { description: 'Price of the ingredient kit in EUR' })
-  @Column({ type: 'numeric', precision: 10, scale: 2 })
+  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: numericTransformer })
   price: number;'''),
 Bash("curl -s localhost:3000/graphql -H 'content-type: application/json' -d '{\"query\":\"{ recipes(skip: 0, take: 3) "
      "{ totalCount items { id title price author { displayName } } } }\"}' && npm test -- --silent 2>&1 | tail -8",
      curl_out(True) + '''
PASS src/users/users.service.spec.ts
PASS src/recipes/recipes.service.spec.ts
PASS src/recipes/recipes.resolver.spec.ts
PASS src/common/loaders.spec.ts

Test Suites: 4 passed, 4 total
Tests:       23 passed, 23 total
Snapshots:   0 total
Time:        4.871 s
'''),
 U("nice, from 52 queries to 3 😊 and the prices look right. one more thing for later: we should cap `take` at 100 or "
   "so, right now anyone can ask for take: 100000 and we happily load the whole table. not now though, I have a "
   "meeting in 2 min. thanks a lot!"),
 A("You're welcome! Summary: `recipes(skip, take)` returns `RecipesPage { items, totalCount }`; authors are batched "
   "through a per-request DataLoader built in the GraphQL context (`src/common/loaders.ts`); `price` uses "
   "`numericTransformer`. Still open: a max `take` (e.g. `@Max(100)` on `PageArgs`). Should I also add a query "
   "complexity limit at some point?"),
]

sess = {
 "id": "nest_recipes_a",
 "project": "recipes-api",
 "cwd_files": ["package.json", "src/app.module.ts", "src/recipes/recipes.resolver.ts", "src/recipes/recipes.service.ts",
               "src/recipes/recipe.entity.ts", "src/recipes/dto/recipes-page.ts", "src/common/loaders.ts",
               "src/common/numeric.transformer.ts"],
 "turns": turns,
 "gold": [
  G("PROJECT", "recipes-api: NestJS 10, code-first GraphQL (Apollo), TypeORM 0.3, Postgres",
    ["recipes-api"], ["nestjs", "nest", "graphql", "typeorm"]),
  G("DECISION", "recipes query uses offset pagination (skip/take + totalCount): admin table needs page numbers",
    ["offset"], ["skip", "take", "page number", "totalcount", "admin"], ["src/recipes/dto/recipes-page.ts"]),
  G("FAILED", "nestjs-dataloader abandoned: npm ERESOLVE, peer deps only Nest 7/8",
    ["nestjs-dataloader"], ["eresolve", "peer", "nest 7", "incompatible", "abandon"]),
  G("PREFERENCE", "Never use --legacy-peer-deps (broke a prod build before)",
    ["legacy-peer-deps"], ["never", "don't", "no ", "avoid", "prod"]),
  G("PATTERN", "Author N+1 fixed with DataLoader created per request in the GraphQL context (src/common/loaders.ts)",
    ["dataloader"], ["per request", "per-request", "context", "n+1", "author", "batch"], ["src/common/loaders.ts"]),
  G("BUG_FIX", "Float cannot represent '12.50': pg returns NUMERIC as string; numericTransformer (parseFloat) on price column",
    ["numeric"], ["string", "transformer", "parsefloat", "float"], ["src/recipes/recipe.entity.ts"]),
  G("TODO", "Cap take at ~100 in PageArgs (currently unbounded)",
    ["take"], ["cap", "100", "max", "unbounded"]),
 ],
 "dead_ends": [
  D("nestjs-dataloader wrapper (peer conflict)", ["nestjs-dataloader"]),
  D("global pg setTypeParser for numeric proposed, not picked", ["settypeparser"]),
 ],
 "secrets": [DB_PASS, JWT],
}
save(sess)
