from _h import *

APOLLO_KEY = "service:recipes-api-prod:9fKx2LqP0vB7mN4tR8sW1y"

EXPLAIN_OFFSET = '''                                                              QUERY PLAN
--------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=5871.42..5871.48 rows=25 width=412) (actual time=811.204..811.219 rows=25 loops=1)
   ->  Sort  (cost=5821.42..5852.38 rows=12384 width=412) (actual time=806.912..810.770 rows=10025 loops=1)
         Sort Key: created_at DESC
         Sort Method: external merge  Disk: 5136kB
         ->  Seq Scan on recipe  (cost=0.00..4987.84 rows=12384 width=412) (actual time=0.019..21.332 rows=12384 loops=1)
 Planning Time: 0.144 ms
 Execution Time: 812.331 ms
(7 rows)
'''

EXPLAIN_KEYSET = '''                                                              QUERY PLAN
--------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=0.41..3.62 rows=25 width=412) (actual time=0.031..0.087 rows=25 loops=1)
   ->  Index Scan using idx_recipe_created_at_id on recipe  (cost=0.41..1588.15 rows=12368 width=412) (actual time=0.030..0.082 rows=25 loops=1)
         Index Cond: (ROW(created_at, id) < ROW('2026-03-02 09:14:51.102+00'::timestamp with time zone, '7c1d9a0e-42b1-4f77-8d7e-0b1f3e5a9c21'::uuid))
 Planning Time: 0.212 ms
 Execution Time: 0.109 ms
(5 rows)
'''

SERVICE_TS = '''import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Recipe } from './recipe.entity';
import { RecipesPage } from './dto/recipes-page';

@Injectable()
export class RecipesService {
  constructor(@InjectRepository(Recipe) private readonly repo: Repository<Recipe>) {}

  findOne(id: string) {
    return this.repo.findOneBy({ id });
  }

  latest(n: number) {
    return this.repo.find({ order: { createdAt: 'DESC' }, take: n });
  }

  async page(skip: number, take: number): Promise<RecipesPage> {
    const [items, totalCount] = await this.repo.findAndCount({
      order: { createdAt: 'DESC' },
      skip,
      take: Math.min(take, 100),
    });
    return { items, totalCount };
  }
}
'''

E2E_FAIL = '''> recipes-api@0.7.0 test:e2e
> jest --config ./test/jest-e2e.json

 FAIL  test/recipes-pagination.e2e-spec.ts (8.412 s)
  recipes connection
    ✓ returns the first page newest first (211 ms)
    ✓ hasNextPage is false on the last page (164 ms)
    ✓ rejects a malformed cursor (38 ms)
    ✕ walks the whole table without gaps or duplicates (1932 ms)

  ● recipes connection › walks the whole table without gaps or duplicates

    expect(received).toBe(expected) // Object.is equality

    Expected: 250
    Received: 212

      71 |       after = res.body.data.recipes.pageInfo.endCursor;
      72 |     } while (after);
    > 73 |     expect(new Set(seen).size).toBe(250);
         |                                ^
      74 |     expect(seen.length).toBe(250);
      75 |   });
      76 | });

      at Object.<anonymous> (test/recipes-pagination.e2e-spec.ts:73:32)

Test Suites: 1 failed, 1 total
Tests:       1 failed, 3 passed, 4 total
Snapshots:   0 total
Time:        8.94 s
Ran all test suites.
'''

turns = [
 U("Back on recipes-api. The mobile team is complaining: the infinite scroll on the recipes feed shows duplicates "
   "when new recipes get published while someone is scrolling, and it gets really slow after a few hundred pages. I "
   "think offset was the wrong call. Let's switch `recipes` to cursor pagination."),
 Bash("psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT * FROM recipe ORDER BY created_at DESC LIMIT 25 OFFSET 10000\"",
      EXPLAIN_OFFSET),
 A("That confirms both symptoms. With `OFFSET 10000` Postgres has to produce and sort 10,025 rows and throw away "
   "10,000 of them (812 ms, and there's no index on `created_at` so it's a seq scan + external sort). And offsets are "
   "positional: if 3 recipes are published while you're on page 5, everything shifts down by 3 and page 6 starts "
   "with 3 items you've already seen.\n\n"
   "Keyset (cursor) pagination fixes both: \"give me 25 rows older than the last one I saw\", answered straight from an "
   "index. Options:\n\n"
   "a) the `typeorm-cursor-pagination` package, which builds the keyset query from a QueryBuilder;\n"
   "b) hand-rolled: order by `(created_at DESC, id DESC)`, the cursor is an opaque base64 of `createdAt|id`, and the "
   "query returns a Relay-style `RecipeConnection { edges { cursor node } pageInfo { endCursor hasNextPage } }`.\n\n"
   "Also: the admin table uses page numbers and `totalCount` — keep offset there and use cursors only for the feed?"),
 U("b, hand-rolled, fewer deps. and no, replace it everywhere, one way to paginate in this API. the admin will have to "
   "live with next/prev."),
 Read("src/recipes/recipes.service.ts", SERVICE_TS),
 Write("src/common/pagination/cursor.ts", '''import { BadRequestException } from '@nestjs/common';

export interface Cursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: base64url("<ISO createdAt>|<uuid>"). */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso);
  if (!id || Number.isNaN(createdAt.getTime())) throw new BadRequestException('invalid cursor');
  return { createdAt, id };
}
'''),
 Write("src/common/pagination/connection.ts", '''import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { Max, Min } from 'class-validator';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 25 })
  @Min(1)
  @Max(100)
  first: number;

  @Field({ nullable: true })
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field({ nullable: true })
  endCursor?: string;

  @Field()
  hasNextPage: boolean;
}

export function Connection<T>(node: Type<T>) {
  @ObjectType(`${node.name}Edge`)
  abstract class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return ConnectionType;
}
'''),
 Edit("src/recipes/recipes.service.ts", '''@@ -19,9 +19,24 @@
-  async page(skip: number, take: number): Promise<RecipesPage> {
-    const [items, totalCount] = await this.repo.findAndCount({
-      order: { createdAt: 'DESC' },
-      skip,
-      take: Math.min(take, 100),
-    });
-    return { items, totalCount };
-  }
+  async connection({ first, after }: ConnectionArgs): Promise<RecipeConnection> {
+    const qb = this.repo
+      .createQueryBuilder('r')
+      .orderBy('r.created_at', 'DESC')
+      .addOrderBy('r.id', 'DESC')
+      .take(first + 1);
+    if (after) {
+      const c = decodeCursor(after);
+      qb.where('r.created_at < :createdAt', { createdAt: c.createdAt });
+    }
+    const rows = await qb.getMany();
+    const page = rows.slice(0, first);
+    const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
+    return {
+      edges,
+      pageInfo: { endCursor: edges.at(-1)?.cursor, hasNextPage: rows.length > first },
+    };
+  }'''),
 Edit("src/recipes/recipes.resolver.ts", '''@@ -20,5 +20,5 @@
-  @Query(() => RecipesPage)
-  recipes(@Args() { skip, take }: PageArgs) {
-    return this.recipes.page(skip, take);
+  @Query(() => RecipeConnection)
+  recipes(@Args() args: ConnectionArgs) {
+    return this.recipes.connection(args);
   }'''),
 Write("test/recipes-pagination.e2e-spec.ts", '''// seeds 250 recipes: 200 with distinct timestamps + 50 from a "bulk import" sharing one created_at
// ... (setup omitted)
  it('walks the whole table without gaps or duplicates', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const res = await gql(`query($after: String) { recipes(first: 25, after: $after) {
        edges { node { id } } pageInfo { endCursor hasNextPage } } }`, { after });
      seen.push(...res.body.data.recipes.edges.map((e) => e.node.id));
      after = res.body.data.recipes.pageInfo.hasNextPage
        ? res.body.data.recipes.pageInfo.endCursor : undefined;
    } while (after);
    expect(new Set(seen).size).toBe(250);
    expect(seen.length).toBe(250);
  });
'''),
 Bash("npm run test:e2e", E2E_FAIL),
 A("Good thing the test seeds a bulk import. 38 recipes missing: the 50 imported rows all share the same `created_at`, "
   "and my `WHERE r.created_at < :createdAt` skips every row whose timestamp *equals* the cursor's, even though they "
   "come after it in the `(created_at, id)` order. When a page boundary falls inside that group, the rest of the group "
   "is lost. The condition has to compare the full sort key, as a row value: `(created_at, id) < (:createdAt, :id)`. "
   "Postgres evaluates that lexicographically, i.e. `id` breaks ties, and it can use a composite index on the same two "
   "columns."),
 Edit("src/recipes/recipes.service.ts", '''@@ -28,3 +28,3 @@
       const c = decodeCursor(after);
-      qb.where('r.created_at < :createdAt', { createdAt: c.createdAt });
+      qb.where('(r.created_at, r.id) < (:createdAt, :id)', { createdAt: c.createdAt, id: c.id });
     }'''),
 Bash("npm run test:e2e 2>&1 | tail -12", ''' PASS  test/recipes-pagination.e2e-spec.ts (7.903 s)
  recipes connection
    ✓ returns the first page newest first (198 ms)
    ✓ hasNextPage is false on the last page (151 ms)
    ✓ rejects a malformed cursor (35 ms)
    ✓ walks the whole table without gaps or duplicates (1487 ms)

Test Suites: 1 passed, 1 total
Tests:       4 passed, 4 total
Snapshots:   0 total
Time:        8.41 s
Ran all test suites.
'''),
 A("Now the index. Quickest way to try it locally would be flipping `synchronize: true` in the dev config with an "
   "`@Index` on the entity — or I write a proper migration."),
 U("no. synchronize stays off everywhere, always migrations. even locally, that's how we got the dropped column "
   "incident in dev"),
 Bash("npm run typeorm -- migration:create src/migrations/RecipeKeysetIndex",
      "\n> recipes-api@0.7.0 typeorm\n> typeorm-ts-node-commonjs -d src/data-source.ts migration:create src/migrations/RecipeKeysetIndex\n\n"
      "Migration /home/lena/recipes-api/src/migrations/1764080127301-RecipeKeysetIndex.ts has been generated successfully.\n"),
 Write("src/migrations/1764080127301-RecipeKeysetIndex.ts", '''import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecipeKeysetIndex1764080127301 implements MigrationInterface {
  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_recipe_created_at_id" ON "recipe" ("created_at" DESC, "id" DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_recipe_created_at_id"`);
  }
}
'''),
 Bash("npm run typeorm -- migration:run", '''
> recipes-api@0.7.0 typeorm
> typeorm-ts-node-commonjs -d src/data-source.ts migration:run

query: SELECT version()
query: SELECT * FROM current_schema()
query: SELECT * FROM "information_schema"."tables" WHERE "table_schema" = 'public' AND "table_name" = 'migrations'
query: SELECT * FROM "migrations" "migrations" ORDER BY "id" DESC
9 migrations are already loaded in the database.
10 migrations were found in the source code.
AddRecipePrice1731920044120 is the last executed migration. It was executed on Mon Nov 18 2026 09:00:44 GMT+0000 (Coordinated Universal Time).
1 migrations are new migrations must be executed.
query: START TRANSACTION
query: CREATE INDEX "idx_recipe_created_at_id" ON "recipe" ("created_at" DESC, "id" DESC)
query: INSERT INTO "migrations"("timestamp", "name") VALUES ($1, $2) -- PARAMETERS: [1764080127301,"RecipeKeysetIndex1764080127301"]
Migration RecipeKeysetIndex1764080127301 has been  executed successfully.
query: COMMIT
'''),
 Bash("psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT * FROM recipe WHERE (created_at, id) < ('2026-03-02 09:14:51.102+00', "
      "'7c1d9a0e-42b1-4f77-8d7e-0b1f3e5a9c21') ORDER BY created_at DESC, id DESC LIMIT 25\"", EXPLAIN_KEYSET),
 A("0.1 ms instead of 812 ms, and it stays constant however deep you scroll. Before this goes out, the schema change "
   "is breaking for clients (`skip`/`take`/`items`/`totalCount` disappear). Do you have Apollo Studio set up for "
   "schema checks?"),
 U("yes, graph is recipes-api-prod. key is " + APOLLO_KEY + " , run a check"),
 Bash(f"npm run build >/dev/null && APOLLO_KEY={APOLLO_KEY} rover graph check recipes-api-prod@current --schema schema.gql",
      '''Checking the proposed schema for recipes-api-prod@current
Check Result:

Compared 6 schema changes against 1,284 operations over the last 7 days.
┌────────┬───────────────────────┬──────────────────────────────────────────────────────────────────────────┐
│ Change │         Code          │                               Description                                │
├────────┼───────────────────────┼──────────────────────────────────────────────────────────────────────────┤
│ FAIL   │ ARG_REMOVED           │ type `Query`: field `recipes`: argument `skip` removed                    │
│ FAIL   │ ARG_REMOVED           │ type `Query`: field `recipes`: argument `take` removed                    │
│ FAIL   │ FIELD_CHANGED_TYPE    │ type `Query`: field `recipes`: type changed from `RecipesPage!` to        │
│        │                       │ `RecipeConnection!`                                                       │
│ FAIL   │ TYPE_REMOVED          │ type `RecipesPage`: removed                                               │
│ PASS   │ TYPE_ADDED            │ type `RecipeConnection`: added                                            │
│ PASS   │ TYPE_ADDED            │ type `PageInfo`: added                                                    │
└────────┴───────────────────────┴──────────────────────────────────────────────────────────────────────────┘

View full details at https://studio.apollographql.com/graph/recipes-api-prod/operationsCheck?variant=current&checkId=e4b7d2c1-5a36-4f0e-9b1d-2c8a7f3e6d90

error[E030]: This check has encountered 4 schema changes that would break operations from existing client traffic.
        The changes above would break 214 operations from 2 clients: admin-web (211), mobile-ios (3)
        Please review the output above and the linked check results for next steps.
'''),
 A("As expected it's breaking: 211 operations from `admin-web` still use `skip/take/totalCount`, plus 3 stray ones from "
   "an old `mobile-ios` build. The API side is done and tested, but it can't be deployed until admin-web pages with "
   "`first/after` + next/prev.\n\n"
   "Also, that Apollo key is a graph API key with write access — now that it's in this chat I'd rotate it in Studio "
   "(Graph settings → API keys)."),
 U("expected. I'll talk to the admin-web folks, they need to switch to next/prev before we deploy. leave a note in the PR "
   "description so nobody merges early. thanks"),
 Bash("gh pr create --draft --title 'recipes: cursor pagination (keyset on created_at,id)' --body 'BLOCKED: admin-web must "
      "switch from skip/take + page numbers to first/after + next/prev before this is deployed (rover check: 211 ops). "
      "Replaces offset pagination everywhere. Adds idx_recipe_created_at_id.'",
      "Creating draft pull request for feat/cursor-pagination into main in lena-k/recipes-api\n\nhttps://github.com/lena-k/recipes-api/pull/88\n"),
 A("Draft PR #88 is open with the blocker in the description."),
]

sess = {
 "id": "nest_recipes_b",
 "project": "recipes-api",
 "cwd_files": ["src/recipes/recipes.service.ts", "src/recipes/recipes.resolver.ts", "src/common/pagination/cursor.ts",
               "src/common/pagination/connection.ts", "src/migrations/1764080127301-RecipeKeysetIndex.ts",
               "test/recipes-pagination.e2e-spec.ts"],
 "turns": turns,
 "gold": [
  G("DECISION", "recipes switched from offset to cursor (keyset) pagination everywhere: offset gave duplicates in infinite scroll and slow deep pages",
    ["cursor"], ["offset", "keyset", "duplicates", "infinite scroll", "slow"], ["src/recipes/recipes.service.ts"]),
  G("PATTERN", "Cursor is opaque base64url of createdAt|id; Relay-style connection with edges and pageInfo",
    ["base64"], ["cursor", "opaque", "createdat", "edges", "pageinfo"], ["src/common/pagination/cursor.ts"]),
  G("BUG_FIX", "Keyset skipped rows sharing created_at (bulk import): compare row value (created_at, id) so id breaks ties",
    ["created"], ["tie", "same timestamp", "equal", "skipped", "row value", "(created_at, id)"], ["src/recipes/recipes.service.ts"]),
  G("DECISION", "TypeORM synchronize stays off everywhere, schema changes only through migrations",
    ["synchronize"], ["migration", "off", "false", "never"]),
  G("TODO", "admin-web must switch to first/after next/prev before deploying cursor pagination (rover check breaking, PR #88)",
    ["admin"], ["next/prev", "page numbers", "before deploy", "breaking", "#88", "rover"]),
 ],
 "dead_ends": [
  D("typeorm-cursor-pagination package proposed, not picked", ["typeorm-cursor-pagination"]),
 ],
 "secrets": [APOLLO_KEY],
 "supersedes": [
  {"old_session": "nest_recipes_a", "old_all_of": ["offset"], "new_all_of": ["cursor"]},
 ],
}
save(sess)
