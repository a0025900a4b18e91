from _common import U, A, T, G, D, write

JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtb3BzLWRhc2hib2FyZCIsInNjb3BlIjoiaW52ZW50b3J5OnJlYWQiLCJpc3MiOiJhdXRoLm5vcnRoYmF5LmludGVybmFsIiwiZXhwIjoxNzk1MDAwMDAwfQ"
       ".q8Vt2LxZ0nR4wKpYc7mJ3sHdE9aUf6bGiT1oN5rXyQk")

QUERIES_OLD = '''-- name: GetItem :one
SELECT * FROM items WHERE id = $1;

-- name: ListItems :many
SELECT * FROM items
WHERE warehouse_id = $1
ORDER BY created_at DESC
LIMIT $2 OFFSET $3;

-- name: UpsertItem :one
INSERT INTO items (id, warehouse_id, sku, name, quantity)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
RETURNING *;'''

SERVER_OLD = '''func (s *Server) ListItems(ctx context.Context, req *inventoryv1.ListItemsRequest) (*inventoryv1.ListItemsResponse, error) {
	size := req.GetPageSize()
	if size <= 0 {
		size = 50
	}
	offset := 0
	if tok := req.GetPageToken(); tok != "" {
		n, err := strconv.Atoi(tok)
		if err != nil {
			return nil, status.Error(codes.InvalidArgument, "bad page_token")
		}
		offset = n
	}
	rows, err := s.q.ListItems(ctx, db.ListItemsParams{
		WarehouseID: req.GetWarehouseId(),
		Limit:       size,
		Offset:      int32(offset),
	})
	if err != nil {
		return nil, err
	}
	resp := &inventoryv1.ListItemsResponse{Items: toProtoItems(rows)}
	if len(rows) == int(size) {
		resp.NextPageToken = strconv.Itoa(offset + len(rows))
	}
	return resp, nil
}

func (s *Server) GetItem(ctx context.Context, req *inventoryv1.GetItemRequest) (*inventoryv1.Item, error) {
	it, err := s.q.GetItem(ctx, req.GetId())
	if err != nil {
		return nil, err
	}
	return toProtoItem(it), nil
}'''

turns = [
    U("""ListItems pagination broken. clients see same item on two pages and some never. fix"""),
    A("""Looking at the query and the handler."""),
    T("Read", "db/queries/items.sql", QUERIES_OLD),
    T("Read", "internal/server/items.go", SERVER_OLD),
    T("Bash", """psql "$STOCKD_DEV_DSN" -c "select created_at, count(*) from items where warehouse_id = 'wh-ams-2' group by 1 having count(*) > 1 order by 2 desc limit 5" """, '''          created_at           | count
-------------------------------+-------
 2026-11-02 06:00:00.512337+00 |  1840
 2026-11-09 06:00:00.498120+00 |  1802
 2026-11-16 06:00:00.530944+00 |  1797
 2026-11-23 06:00:00.507781+00 |  1811
 2026-10-26 06:00:00.488213+00 |   912
(5 rows)'''),
    A("""Two causes, both in `ListItems ... ORDER BY created_at DESC LIMIT $2 OFFSET $3`:

1. The order is not total. The weekly bulk import writes ~1,800 items with the exact same `created_at`, and Postgres may return ties in any order from one query to the next, so page 2 can repeat rows from page 1 and skip others.
2. OFFSET shifts under writes: an item inserted between two page requests pushes everything down by one, so the client sees the last row of page 1 again on page 2 (and a delete makes it skip one).

Options:
a) **Keyset pagination**: order by `(created_at, id)` and make `page_token` an opaque encoding of the last row's `(created_at, id)`; next page is `WHERE (created_at, id) < ($after_created_at, $after_id)`. Stable under inserts, fast with the right index.
b) Keep OFFSET, add `id` as tiebreaker. Fixes 1, not 2.
c) Server-side cursors (`DECLARE ... CURSOR WITH HOLD`) kept open between calls. Exact snapshot, but state on the server and a connection pinned per client.

I'd do (a). Also: what max `page_size` do you want? Today it's unbounded."""),
    U("""a. max 1000, default 100."""),
    T("Edit", "db/queries/items.sql", '''@@ -3,8 +3,13 @@
 -- name: ListItems :many
 SELECT * FROM items
-WHERE warehouse_id = $1
-ORDER BY created_at DESC
-LIMIT $2 OFFSET $3;
+WHERE warehouse_id = @warehouse_id
+  AND (
+    sqlc.narg('after_created_at')::timestamptz IS NULL
+    OR (created_at, id) < (sqlc.narg('after_created_at')::timestamptz, sqlc.narg('after_id')::text)
+  )
+ORDER BY created_at DESC, id DESC
+LIMIT @page_limit;'''),
    T("Bash", "make generate", '''sqlc generate
buf generate'''),
    T("Edit", "internal/pagetoken/pagetoken.go", '''+// Package pagetoken encodes keyset cursors as opaque page tokens.
+package pagetoken
+
+type Cursor struct {
+	CreatedAt time.Time `json:"c"`
+	ID        string    `json:"i"`
+}
+
+func Encode(c Cursor) string {
+	b, _ := json.Marshal(c)
+	return base64.RawURLEncoding.EncodeToString(b)
+}
+
+func Decode(tok string) (Cursor, error) {
+	var c Cursor
+	b, err := base64.RawURLEncoding.DecodeString(tok)
+	if err != nil {
+		return c, fmt.Errorf("pagetoken: %w", err)
+	}
+	if err := json.Unmarshal(b, &c); err != nil {
+		return c, fmt.Errorf("pagetoken: %w", err)
+	}
+	return c, nil
+}'''),
    T("Edit", "internal/server/items.go", '''@@ -1,26 +1,38 @@
+const (
+	defaultPageSize = 100
+	maxPageSize     = 1000
+)
+
 func (s *Server) ListItems(ctx context.Context, req *inventoryv1.ListItemsRequest) (*inventoryv1.ListItemsResponse, error) {
-	size := req.GetPageSize()
-	if size <= 0 {
-		size = 50
-	}
-	offset := 0
-	if tok := req.GetPageToken(); tok != "" {
-		n, err := strconv.Atoi(tok)
-		...
+	size := req.GetPageSize()
+	switch {
+	case size <= 0:
+		size = defaultPageSize
+	case size > maxPageSize:
+		size = maxPageSize
+	}
+	params := db.ListItemsParams{WarehouseID: req.GetWarehouseId(), PageLimit: size}
+	if tok := req.GetPageToken(); tok != "" {
+		c, err := pagetoken.Decode(tok)
+		if err != nil {
+			return nil, status.Error(codes.InvalidArgument, "bad page_token")
+		}
+		params.AfterCreatedAt = pgtype.Timestamptz{Time: c.CreatedAt, Valid: true}
+		params.AfterID = pgtype.Text{String: c.ID, Valid: true}
+	}
+	rows, err := s.q.ListItems(ctx, params)'''),
    T("Bash", "go build ./... && go test ./...", '''# github.com/northbay/stockd/internal/server
internal/server/items.go:27:67: cannot use size (variable of type int32) as int64 value in struct literal'''),
    A("""sqlc inferred `@page_limit` as `int64` (LIMIT takes bigint). Quick fix: I'll change the field type in `internal/db/items.sql.go` to int32 so it matches the proto."""),
    U("""don't edit internal/db. generated. change the query, run make generate."""),
    A("""Right. I'll cast in the query instead: `LIMIT sqlc.arg('page_limit')::int` makes sqlc emit `int32`."""),
    T("Edit", "db/queries/items.sql", '''-LIMIT @page_limit;
+LIMIT sqlc.arg('page_limit')::int;'''),
    T("Bash", "make generate && go build ./... && go test ./...", '''sqlc generate
buf generate
?   	github.com/northbay/stockd/cmd/stockd	[no test files]
?   	github.com/northbay/stockd/internal/db	[no test files]
ok  	github.com/northbay/stockd/internal/pagetoken	0.003s
ok  	github.com/northbay/stockd/internal/server	0.388s'''),
    U("""also filter by sku. repeated string skus in the request, optional."""),
    T("Edit", "proto/northbay/inventory/v1/inventory.proto", '''@@ -31,6 +31,8 @@ message ListItemsRequest {
   string warehouse_id = 1;
   int32 page_size = 2;
   string page_token = 3;
+  // Optional: only items with one of these SKUs.
+  repeated string skus = 4;
 }'''),
    T("Edit", "db/queries/items.sql", '''@@ -4,6 +4,7 @@
 SELECT * FROM items
 WHERE warehouse_id = @warehouse_id
+  AND (cardinality(sqlc.slice('skus')) = 0 OR sku IN (sqlc.slice('skus')))
   AND ('''),
    T("Bash", "make generate", '''sqlc generate
# package db
db/queries/items.sql:7:20: function sqlc.slice(unknown) does not exist
make: *** [Makefile:14: generate] Error 1'''),
    A("""`sqlc.slice()` only exists for the MySQL and SQLite engines; with `engine: postgresql` sqlc passes it through to the Postgres analyzer, which has no such function. Reverting that line. The Postgres way is an array parameter: `sku = ANY(@skus::text[])`, which pgx maps to `[]string`. An empty array would match nothing, so I keep the cardinality guard."""),
    T("Edit", "db/queries/items.sql", '''-  AND (cardinality(sqlc.slice('skus')) = 0 OR sku IN (sqlc.slice('skus')))
+  AND (cardinality(@skus::text[]) = 0 OR sku = ANY(@skus::text[]))'''),
    T("Bash", "make generate && go test ./...", '''sqlc generate
buf generate
?   	github.com/northbay/stockd/cmd/stockd	[no test files]
?   	github.com/northbay/stockd/internal/db	[no test files]
ok  	github.com/northbay/stockd/internal/pagetoken	0.003s
ok  	github.com/northbay/stockd/internal/server	0.401s'''),
    U(f"""ok. other thing, ops dashboard alerts on Unknown:

grpcurl -H "authorization: Bearer {JWT}" -d '{{"id":"itm_does_not_exist"}}' stockd.dev.northbay.internal:443 northbay.inventory.v1.InventoryService/GetItem
ERROR:
  Code: Unknown
  Message: no rows in result set"""),
    A("""`GetItem` returns the error from `s.q.GetItem` unchanged. For a missing id that is `pgx.ErrNoRows` ("no rows in result set"), and grpc-go turns any error that isn't a `*status.Status` into `codes.Unknown`. So a plain miss looks like a server fault to the dashboard. The handler should check `errors.Is(err, pgx.ErrNoRows)` and return `status.Error(codes.NotFound, ...)`; other DB errors become `codes.Internal` without leaking the SQL message."""),
    T("Edit", "internal/server/items.go", '''@@ -52,8 +52,14 @@ func (s *Server) GetItem(ctx context.Context, req *inventoryv1.GetItemRequest) (*inventoryv1.Item, error) {
 	it, err := s.q.GetItem(ctx, req.GetId())
-	if err != nil {
-		return nil, err
-	}
+	switch {
+	case errors.Is(err, pgx.ErrNoRows):
+		return nil, status.Errorf(codes.NotFound, "item %q not found", req.GetId())
+	case err != nil:
+		s.log.Error("GetItem", "id", req.GetId(), "err", err)
+		return nil, status.Error(codes.Internal, "get item failed")
+	}
 	return toProtoItem(it), nil'''),
    T("Edit", "internal/server/items_test.go", '''+func TestGetItemNotFound(t *testing.T) {
+	srv := newTestServer(t)
+	_, err := srv.GetItem(context.Background(), &inventoryv1.GetItemRequest{Id: "itm_missing"})
+	require.Error(t, err)
+	assert.Equal(t, codes.NotFound, status.Code(err))
+}'''),
    U("""no testify. stdlib testing only, like the rest of the file."""),
    T("Edit", "internal/server/items_test.go", '''-	require.Error(t, err)
-	assert.Equal(t, codes.NotFound, status.Code(err))
+	if got := status.Code(err); got != codes.NotFound {
+		t.Fatalf("GetItem(missing) code = %v, want NotFound (err: %v)", got, err)
+	}'''),
    T("Bash", "go mod tidy && go test ./... && git diff --stat go.mod", '''?   	github.com/northbay/stockd/cmd/stockd	[no test files]
?   	github.com/northbay/stockd/internal/db	[no test files]
ok  	github.com/northbay/stockd/internal/pagetoken	0.003s
ok  	github.com/northbay/stockd/internal/server	0.417s'''),
    A("""Green, and go.mod is unchanged (testify never got added). One more thing for the keyset query to stay fast on big warehouses: it wants an index on `items (warehouse_id, created_at DESC, id DESC)`; today there's only `(warehouse_id)`. Want me to add the migration in `db/migrations/`?"""),
    U("""later. migrations need review by Kasia. leave it as todo in the PR. commit."""),
    T("Bash", 'git add -A && git commit -m "ListItems: keyset pagination (created_at,id), sku filter; GetItem: NotFound for missing rows"', '''[fix/list-items-pagination 7e2a91c] ListItems: keyset pagination (created_at,id), sku filter; GetItem: NotFound for missing rows
 9 files changed, 164 insertions(+), 41 deletions(-)
 create mode 100644 internal/pagetoken/pagetoken.go
 create mode 100644 internal/pagetoken/pagetoken_test.go'''),
    A("""Committed. PR description TODO: add index `items (warehouse_id, created_at DESC, id DESC)` via migration after Kasia's review."""),
]

session = {
    "id": "h6_grpc_stockd",
    "project": "stockd",
    "cwd_files": ["db/queries/items.sql", "internal/server/items.go", "internal/pagetoken/pagetoken.go",
                  "proto/northbay/inventory/v1/inventory.proto", "sqlc.yaml", "Makefile", "go.mod"],
    "turns": turns,
    "gold": [
        G("PROJECT", "stockd: Go gRPC inventory service, sqlc + pgx/v5 on Postgres, protos with buf",
          ["stockd"], ["grpc", "sqlc", "pgx", "postgres", "golang"]),
        G("DECISION", "ListItems uses keyset pagination on (created_at, id) with an opaque base64 page_token; page_size default 100, max 1000",
          ["pagination"], ["keyset", "page_token", "created_at", "cursor-based", "1000"],
          files=["db/queries/items.sql", "internal/server/items.go"]),
        G("BUG_FIX", "GetItem returned codes.Unknown for a missing id (raw pgx.ErrNoRows); now mapped to codes.NotFound",
          ["found"], ["ErrNoRows", "Unknown", "GetItem", "no rows"], files=["internal/server/items.go"]),
        G("FAILED", "sqlc.slice() for the sku IN filter failed: not supported with the postgresql engine; used sku = ANY(@skus::text[])",
          ["sqlc.slice"], ["postgres", "any(", "not supported", "does not exist", "mysql"], failure=True),
        G("PATTERN", "Never edit generated internal/db code: change db/queries/*.sql and run make generate (sqlc + buf)",
          ["generate"], ["internal/db", "generated", "make", "by hand"]),
        G("PREFERENCE", "Tests use the standard library testing package only, no testify",
          ["testify"], ["stdlib", "standard library", "no testify", "testing package", "not testify"]),
        G("TODO", "Add index items (warehouse_id, created_at DESC, id DESC) in a migration after Kasia's review",
          ["index"], ["warehouse_id", "created_at", "migration", "kasia"]),
    ],
    "dead_ends": [
        D("Server-side cursors (DECLARE CURSOR WITH HOLD) for pagination: not chosen", ["server-side", "cursor"]),
        D("Keep OFFSET with an id tiebreaker: not chosen", ["offset", "tiebreak"]),
    ],
    "secrets": [JWT],
}

if __name__ == "__main__":
    write(session)
