import random
from _lib import U, A, T, G, D, write

random.seed(15003)

GOMOD = '''module github.com/northwind/ledger-svc

go 1.22

require (
	github.com/go-chi/chi/v5 v5.0.12
	github.com/go-chi/render v1.0.3
	github.com/jackc/pgx/v5 v5.5.5
	github.com/pressly/goose/v3 v3.20.0
	github.com/stretchr/testify v1.9.0
	github.com/testcontainers/testcontainers-go v0.30.0
	github.com/testcontainers/testcontainers-go/modules/postgres v0.30.0
)

require (
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20231201235250-de7065d80cb9 // indirect
	github.com/jackc/puddle/v2 v2.2.1 // indirect
	golang.org/x/crypto v0.22.0 // indirect
	golang.org/x/sync v0.7.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)
'''


def hey_fail():
    lines = ["Summary:", "  Total:	62.4183 secs", "  Slowest:	30.0021 secs", "  Fastest:	0.0031 secs",
             "  Average:	14.9210 secs", "  Requests/sec:	32.0419", "", "  Total data:	1833410 bytes",
             "  Size/request:	1834 bytes", "", "Response time histogram:",
             "  0.003 [1]	|", "  3.003 [981]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■",
             "  6.003 [0]	|", "  9.003 [0]	|", "  12.003 [0]	|", "  15.003 [0]	|", "  18.003 [0]	|",
             "  21.003 [0]	|", "  24.003 [0]	|", "  27.003 [0]	|",
             "  30.002 [1018]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■", "",
             "Status code distribution:", "  [200]	982 responses", "  [503]	0 responses", "",
             "Error distribution:", "  [1018]	Get \"http://localhost:8080/accounts/42/entries\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"]
    return "\n".join(lines)


def server_log():
    out = []
    t = 0
    for i in range(60):
        t += random.randint(3, 40)
        rid = "ledger-%06d" % random.randint(1, 999999)
        if i < 14:
            out.append('{"time":"2024-05-14T10:21:%02d.%03dZ","level":"INFO","msg":"request","req_id":"%s","method":"GET","path":"/accounts/42/entries","status":200,"dur_ms":%d}'
                       % ((t // 1000) % 60, t % 1000, rid, random.randint(2, 9)))
        elif i < 24:
            out.append('{"time":"2024-05-14T10:21:%02d.%03dZ","level":"ERROR","msg":"list entries","req_id":"%s","err":"can\'t scan into dest[3]: cannot scan NULL into *string","account_id":42}'
                       % ((t // 1000) % 60, t % 1000, rid))
            out.append('{"time":"2024-05-14T10:21:%02d.%03dZ","level":"INFO","msg":"request","req_id":"%s","method":"GET","path":"/accounts/42/entries","status":500,"dur_ms":%d}'
                       % ((t // 1000) % 60, t % 1000, rid, random.randint(2, 9)))
        else:
            out.append('{"time":"2024-05-14T10:21:%02d.%03dZ","level":"WARN","msg":"acquire conn","req_id":"%s","err":"context deadline exceeded","waited_ms":30000}'
                       % ((t // 1000) % 60, t % 1000, rid))
    return "\n".join(out)


def gotest_long():
    out = []
    out.append("2024/05/14 10:48:02 github.com/testcontainers/testcontainers-go - Connected to docker: ")
    out.append("  Server Version: 26.0.0\n  API Version: 1.45\n  Operating System: Ubuntu 22.04.4 LTS\n  Total Memory: 15887 MB")
    out.append("2024/05/14 10:48:02 🐳 Creating container for image testcontainers/ryuk:0.7.0")
    out.append("2024/05/14 10:48:03 ✅ Container created: 2b1f0c4a9e7d")
    out.append("2024/05/14 10:48:03 🐳 Starting container: 2b1f0c4a9e7d")
    out.append("2024/05/14 10:48:03 ✅ Container started: 2b1f0c4a9e7d")
    out.append("2024/05/14 10:48:03 🐳 Creating container for image docker.io/postgres:16-alpine")
    out.append("2024/05/14 10:48:04 ✅ Container created: 9d3e77a1c0b2")
    out.append("2024/05/14 10:48:04 🐳 Starting container: 9d3e77a1c0b2")
    out.append("2024/05/14 10:48:05 ✅ Container started: 9d3e77a1c0b2")
    out.append("2024/05/14 10:48:05 🚧 Waiting for container id 9d3e77a1c0b2 image: docker.io/postgres:16-alpine. Waiting for: &{timeout:<nil> Log:database system is ready to accept connections IsRegexp:false Occurrence:2 PollInterval:100ms}")
    out.append("2024/05/14 10:48:06 🔔 Container is ready: 9d3e77a1c0b2")
    migs = ["00001_accounts.sql", "00002_entries.sql", "00003_transfers.sql", "00004_entries_memo.sql",
            "00005_entries_idx_account_created.sql", "00006_amount_to_cents.sql"]
    for m in migs:
        out.append("2024/05/14 10:48:06 OK   %s (%dms)" % (m, random.randint(3, 40)))
    out.append("2024/05/14 10:48:06 goose: successfully migrated database to version: 6")
    pkgs = {
        "internal/store": ["TestAccounts_Create", "TestAccounts_Get", "TestAccounts_GetMissing", "TestAccounts_List",
                           "TestEntries_List", "TestEntries_ListNullMemo", "TestEntries_ListPaging", "TestEntries_Insert",
                           "TestEntries_InsertNegative", "TestTransfers_Create", "TestTransfers_InsufficientFunds",
                           "TestTransfers_SameAccount", "TestTransfers_Concurrent", "TestWithTx_Commit", "TestWithTx_RollbackOnError",
                           "TestWithTx_RollbackOnPanic", "TestImport_COPY", "TestImport_COPYBadRow", "TestBalance_Sum",
                           "TestBalance_EmptyAccount"],
        "internal/http": ["TestRouter_Health", "TestRouter_NotFound", "TestAccountsHandler_Create", "TestAccountsHandler_Get",
                          "TestAccountsHandler_BadID", "TestEntriesHandler_List", "TestEntriesHandler_ListLimit",
                          "TestEntriesHandler_ListCursor", "TestTransfersHandler_Create", "TestTransfersHandler_Validation",
                          "TestTransfersHandler_Conflict", "TestMiddleware_RequestID", "TestMiddleware_Recoverer",
                          "TestMiddleware_Timeout", "TestRender_Error"],
        "internal/money": ["TestParseCents", "TestFormatCents", "TestCentsRoundTrip", "TestSplitEven"],
    }
    cases = ["ok", "empty", "single_row", "many_rows", "null_fields", "unicode_memo", "max_int64", "zero_amount",
             "negative_amount", "bad_uuid", "closed_account", "limit_0", "limit_500", "cursor_expired", "utc_boundary",
             "dst_boundary", "duplicate_key", "serialization_failure_retry", "ctx_cancelled", "pool_saturated"]
    total_time = 0.0
    for pkg, tests in pkgs.items():
        ptime = 0.0
        for tname in tests:
            out.append("=== RUN   %s" % tname)
            sub = random.sample(cases, random.randint(6, 14))
            for c in sub:
                out.append("=== RUN   %s/%s" % (tname, c))
                if random.random() < 0.25:
                    out.append("    %s_test.go:%d: seeded account_id=%d entries=%d" % (
                        tname.split("_")[0].lower().replace("test", ""), random.randint(20, 400),
                        random.randint(1, 9999), random.randint(0, 500)))
                if random.random() < 0.15:
                    out.append('    {"time":"2024-05-14T10:48:%02d.%03dZ","level":"DEBUG","msg":"pool stat","total":%d,"acquired":%d,"idle":%d}' % (
                        random.randint(6, 59), random.randint(0, 999), 10, random.randint(0, 4), random.randint(6, 10)))
            out.append("--- PASS: %s (%.2fs)" % (tname, random.uniform(0.0, 0.4)))
            for c in sub:
                d = random.uniform(0.0, 0.09)
                ptime += d
                out.append("    --- PASS: %s/%s (%.2fs)" % (tname, c, d))
        out.append("PASS")
        out.append("ok  \tgithub.com/northwind/ledger-svc/%s\t%.3fs" % (pkg, ptime + 4.2))
        total_time += ptime
    out.append("?   \tgithub.com/northwind/ledger-svc/cmd/ledger\t[no test files]")
    out.append("?   \tgithub.com/northwind/ledger-svc/internal/config\t[no test files]")
    return "\n".join(out)


ENTRIES_GO = '''package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Entry struct {
	ID        int64
	AccountID int64
	Amount    float64
	Memo      string
	CreatedAt time.Time
}

type Store struct {
	pool *pgxpool.Pool
}

func (s *Store) ListEntries(ctx context.Context, accountID int64, limit int) ([]Entry, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT id, account_id, amount, memo, created_at
		   FROM entries WHERE account_id = $1
		  ORDER BY created_at DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.AccountID, &e.Amount, &e.Memo, &e.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
'''

TX_GO = '''package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// WithTx runs fn in a transaction. It commits when fn returns nil and rolls back
// on error or panic. Handlers must go through this, never pool.Begin directly.
func (s *Store) WithTx(ctx context.Context, fn func(pgx.Tx) error) (err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(ctx)
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(ctx)
			return
		}
		err = tx.Commit(ctx)
	}()
	return fn(tx)
}
'''

DSN = "postgres://ledger:Lg-dev-7731xq@10.0.3.12:5432/ledger?sslmode=disable"

turns = [
    U("Hello, I have a problem with the ledger service. After some minutes of load test all requests are hanging, no error, just timeout. "
      "Can you check please? Before we used database/sql with lib/pq and it was fine, but we moved to pgx v5 because lib/pq is in "
      "maintenance mode and we want the COPY protocol for the bank import, so maybe it is related to pgx."),
    T("Read", "go.mod", GOMOD),
    T("Bash", "hey -n 2000 -c 50 -t 30 http://localhost:8080/accounts/42/entries", hey_fail()),
    T("Bash", "curl -s localhost:8080/debug/pool | jq .",
      '{\n  "total_conns": 10,\n  "acquired_conns": 10,\n  "idle_conns": 0,\n  "max_conns": 10,\n  "acquire_count": 994,\n'
      '  "empty_acquire_count": 1061,\n  "canceled_acquire_count": 1018,\n  "acquire_duration_ms": 30544120\n}'),
    T("Bash", "journalctl -u ledger-svc --since '10:21' -o cat | head -n 80", server_log()),
    A("The pool tells the story: all 10 connections are acquired and none is idle, and `canceled_acquire_count` matches the 1018 "
      "timeouts, so requests are stuck waiting for a connection that is never given back. That's a leak, not slowness. "
      "The log also shows `cannot scan NULL into *string` just before the hangs start. Let me look at the queries."),
    T("Bash", "grep -rn 'pool.Query(' internal/",
      "internal/store/entries.go:23:\trows, err := s.pool.Query(ctx,\ninternal/store/accounts.go:41:\trows, err := s.pool.Query(ctx,\n"
      "internal/store/transfers.go:67:\trows, err := s.pool.Query(ctx,"),
    T("Read", "internal/store/entries.go", ENTRIES_GO),
    A("Two bugs that together explain it:\n\n1. `memo` is nullable (migration 00004 added it without a default) but it's scanned into a "
      "plain `string`, so every account that has an entry without a memo makes `rows.Scan` fail.\n"
      "2. On that scan error the function returns early **without `rows.Close()`**. In pgx v5 the connection goes back to the pool "
      "only when the rows are closed (or `Next()` ran to the end), so every failed scan leaks one connection. After 10 errors the "
      "pool is empty and everything waits until the client timeout. With database/sql you got the same leak in theory, but lib/pq's "
      "driver returned NULL differently and you were on `sql.NullString` there.\n\n"
      "Proposal: make `Memo` a `*string`, and replace the manual loops with `pgx.CollectRows(rows, pgx.RowToStructByName[Entry])`, "
      "which always closes the rows, also on error. `accounts.go` and `transfers.go` have the same manual-loop pattern."),
    U("Yes, do it like that. CollectRows for all the queries please, it is more clean."),
    T("Edit", "internal/store/entries.go",
      "@@ -10,7 +10,7 @@ type Entry struct {\n \tID        int64\n \tAccountID int64\n \tAmount    float64\n-\tMemo      string\n"
      "+\tMemo      *string\n \tCreatedAt time.Time\n }\n@@ -26,14 +26,5 @@ func (s *Store) ListEntries(\n \tif err != nil {\n"
      " \t\treturn nil, err\n \t}\n-\tvar out []Entry\n-\tfor rows.Next() {\n-\t\tvar e Entry\n"
      "-\t\tif err := rows.Scan(&e.ID, &e.AccountID, &e.Amount, &e.Memo, &e.CreatedAt); err != nil {\n-\t\t\treturn nil, err\n"
      "-\t\t}\n-\t\tout = append(out, e)\n-\t}\n-\treturn out, rows.Err()\n+\treturn pgx.CollectRows(rows, pgx.RowToStructByName[Entry])\n }"),
    T("Edit", "internal/store/accounts.go",
      "@@ -41,16 +41,4 @@ func (s *Store) ListAccounts(ctx context.Context, ownerID int64) ([]Account, error) {\n"
      " \trows, err := s.pool.Query(ctx, `SELECT id, owner_id, currency, closed_at FROM accounts WHERE owner_id = $1`, ownerID)\n"
      " \tif err != nil {\n \t\treturn nil, err\n \t}\n-\tdefer rows.Close()\n-\tvar out []Account\n-\tfor rows.Next() {\n...\n"
      "+\treturn pgx.CollectRows(rows, pgx.RowToStructByName[Account])"),
    T("Edit", "internal/store/transfers.go",
      "@@ -67,15 +67,4 @@ func (s *Store) ListTransfers(...)\n-\tfor rows.Next() {\n...\n+\treturn pgx.CollectRows(rows, pgx.RowToStructByName[Transfer])"),
    T("Bash", "go build ./... && go test ./internal/store/ -run 'TestEntries|TestAccounts' 2>&1 | tail -n 20",
      "--- FAIL: TestEntries_List (0.04s)\n    --- FAIL: TestEntries_List/ok (0.01s)\n"
      "        entries_test.go:58: \n        \tError Trace:\t/home/dmitri/ledger-svc/internal/store/entries_test.go:58\n"
      "        \tError:      \tReceived unexpected error:\n        \t            \tstruct doesn't have corresponding row field account_id\n"
      "        \tTest:       \tTestEntries_List/ok\n--- FAIL: TestAccounts_List (0.03s)\n"
      "        accounts_test.go:77: struct doesn't have corresponding row field owner_id\nFAIL\n"
      "FAIL\tgithub.com/northwind/ledger-svc/internal/store\t6.118s\nFAIL"),
    A("`RowToStructByName` matches columns to field names case-insensitively but it does not translate `snake_case`, so "
      "`account_id` doesn't find `AccountID`. The struct fields need explicit `db:\"account_id\"` tags. Adding them to Entry, Account "
      "and Transfer."),
    T("Edit", "internal/store/models.go",
      "@@ -8,9 +8,9 @@ type Entry struct {\n-\tID        int64\n-\tAccountID int64\n-\tAmount    float64\n-\tMemo      *string\n"
      "-\tCreatedAt time.Time\n+\tID        int64     `db:\"id\"`\n+\tAccountID int64     `db:\"account_id\"`\n"
      "+\tAmount    float64   `db:\"amount\"`\n+\tMemo      *string   `db:\"memo\"`\n+\tCreatedAt time.Time `db:\"created_at\"`\n }\n"
      "(+ same for Account: owner_id, closed_at; Transfer: from_account_id, to_account_id, created_at)"),
    T("Bash", "go test -race -v ./... 2>&1", gotest_long()),
    T("Bash", "hey -n 2000 -c 50 -t 30 http://localhost:8080/accounts/42/entries | head -n 20 && curl -s localhost:8080/debug/pool",
      "Summary:\n  Total:\t3.1022 secs\n  Slowest:\t0.2114 secs\n  Fastest:\t0.0024 secs\n  Average:\t0.0761 secs\n"
      "  Requests/sec:\t644.7037\n\nStatus code distribution:\n  [200]\t2000 responses\n\n"
      '{"total_conns":10,"acquired_conns":0,"idle_conns":10,"max_conns":10,"acquire_count":3000,"empty_acquire_count":212,"canceled_acquire_count":0}'),
    A("Fixed. 2000/2000 OK at ~645 req/s and the pool is back to 10 idle after the run. Summary:\n"
      "- `memo` is `*string` (NULL → nil) instead of failing the scan;\n"
      "- all three list queries use `pgx.CollectRows` + `RowToStructByName`, which closes the rows on every path, so no more "
      "leaked connections;\n- the structs have `db` tags because `RowToStructByName` needs them for snake_case columns.\n"
      "Full `go test -race ./...` is green."),
    U("Great!! Thank you. Another thing: the amounts. Now in the entries table amount is numeric(12,2) and we scan into float64, "
      "the accountant found differences of 0.01 in the monthly report. What is the best?"),
    A("Two reasonable options:\n1. Store integer **cents** in a `bigint` column and use `int64` in Go everywhere; format only at "
      "the edges. Exact, fast, and trivially summed in SQL.\n"
      "2. Keep `numeric` and scan into a decimal type (`pgtype.Numeric` or `shopspring/decimal`). Exact too, but every arithmetic "
      "call goes through the library and JSON encoding needs care.\n\nAll your currencies have 2 decimals, so I'd take 1."),
    U("We go with bigint cents, int64 everywhere. No float for money, never. The dev database is " + DSN + " if you need to run the migration."),
    T("Bash", "goose -dir migrations create amount_to_cents sql",
      "2024/05/14 11:32:10 Created new file: migrations/20240514113210_amount_to_cents.sql"),
    T("Edit", "migrations/20240514113210_amount_to_cents.sql",
      "+-- +goose Up\n+ALTER TABLE entries ADD COLUMN amount_cents bigint;\n+UPDATE entries SET amount_cents = round(amount * 100)::bigint;\n"
      "+ALTER TABLE entries ALTER COLUMN amount_cents SET NOT NULL;\n+ALTER TABLE entries DROP COLUMN amount;\n"
      "+ALTER TABLE transfers RENAME COLUMN amount TO amount_cents;\n+ALTER TABLE transfers ALTER COLUMN amount_cents TYPE bigint USING round(amount_cents * 100)::bigint;\n"
      "+\n+-- +goose Down\n+ALTER TABLE entries ADD COLUMN amount numeric(12,2);\n+UPDATE entries SET amount = amount_cents / 100.0;\n"
      "+ALTER TABLE entries DROP COLUMN amount_cents;\n+ALTER TABLE transfers ALTER COLUMN amount_cents TYPE numeric(12,2) USING amount_cents / 100.0;\n"
      "+ALTER TABLE transfers RENAME COLUMN amount_cents TO amount;"),
    T("Bash", "GOOSE_DRIVER=postgres GOOSE_DBSTRING='" + DSN + "' goose -dir migrations up",
      "2024/05/14 11:35:41 OK   20240514113210_amount_to_cents.sql (412.03ms)\n"
      "2024/05/14 11:35:41 goose: successfully migrated database to version: 20240514113210"),
    T("Edit", "internal/store/models.go",
      "@@ -11 +11 @@ type Entry struct {\n-\tAmount    float64   `db:\"amount\"`\n+\tAmountCents int64   `db:\"amount_cents\"`\n"
      "@@ -31 +31 @@ type Transfer struct {\n-\tAmount        float64 `db:\"amount\"`\n+\tAmountCents   int64   `db:\"amount_cents\"`"),
    T("Bash", "go vet ./... && go test -race ./... 2>&1 | tail -n 6",
      "ok  \tgithub.com/northwind/ledger-svc/internal/http\t5.902s\nok  \tgithub.com/northwind/ledger-svc/internal/money\t1.021s\n"
      "ok  \tgithub.com/northwind/ledger-svc/internal/store\t8.447s\n?   \tgithub.com/northwind/ledger-svc/cmd/ledger\t[no test files]"),
    A("Migrated: `entries.amount_cents` and `transfers.amount_cents` are `bigint`, the Go side is `int64` (`AmountCents`), and "
      "`internal/money` formats cents only for the API output. No floats left in the money path. Tests green."),
    U("Last, please write in the README how we do transactions, I always forget it. We use the WithTx helper in store/tx.go, "
      "never pool.Begin directly in the handlers."),
    T("Read", "internal/store/tx.go", TX_GO),
    T("Edit", "README.md",
      "@@ -41,0 +42,14 @@\n+## Transactions\n+\n+Always go through `Store.WithTx` (`internal/store/tx.go`). It begins a READ COMMITTED\n"
      "+transaction, commits when the callback returns nil and rolls back on error or panic.\n+\n+```go\n"
      "+err := st.WithTx(ctx, func(tx pgx.Tx) error {\n+    // use tx, not the pool\n+})\n+```\n+\n"
      "+Never call `pool.Begin` in HTTP handlers."),
    A("README has a Transactions section now. One thing I noticed while reading `transfers.go`: `POST /transfers` is not idempotent. "
      "If a client times out and retries, the transfer is booked twice. Should we add an `Idempotency-Key` header with a unique "
      "table?"),
    U("Yes but not today, please put a TODO. Thanks a lot, good job"),
    T("Edit", "internal/http/transfers.go",
      "@@ -18,0 +19,2 @@ func (h *TransfersHandler) Create(w http.ResponseWriter, r *http.Request) {\n"
      "+\t// TODO: honour an Idempotency-Key header (unique table keyed by client + key) so a\n+\t// retried POST /transfers is not booked twice."),
    A("TODO added in `internal/http/transfers.go`. You're welcome!"),
]

session = {
    "id": "go_ledger",
    "project": "ledger-svc",
    "cwd_files": ["go.mod", "internal/store/entries.go", "internal/store/models.go", "internal/store/tx.go",
                  "internal/http/transfers.go", "README.md"],
    "turns": turns,
    "gold": [
        G("PROJECT", "ledger-svc: Go 1.22, chi v5, pgx v5 (pgxpool), goose migrations, testcontainers",
          ["chi"], ["pgx", "go 1.22", "goose"]),
        G("DECISION", "moved from database/sql + lib/pq to pgx v5: lib/pq in maintenance mode, need COPY for bank import",
          ["lib/pq"], ["pgx", "maintenance", "copy"]),
        G("BUG_FIX", "requests hung under load: rows not closed on scan error leaked pool conns -> pgx.CollectRows",
          ["rows"], ["close", "collect", "leak", "exhaust", "hang", "pool"], ["internal/store/entries.go"]),
        G("BUG_FIX", "scan failed on NULL memo -> Memo is *string", ["memo"], ["null", "*string", "pointer", "nil"],
          ["internal/store/entries.go"]),
        G("PATTERN", "all queries use pgx.CollectRows + RowToStructByName; structs need db tags for snake_case columns",
          ["rowtostructbyname"], ["collectrows", "db tag", "db:", "tags", "snake"], ["internal/store/models.go"]),
        G("DECISION", "money stored as bigint cents, int64 in Go, never float", ["cents"], ["bigint", "int64", "float"]),
        G("PATTERN", "transactions only through Store.WithTx (internal/store/tx.go), never pool.Begin in handlers",
          ["withtx"], ["transaction", "tx.go", "pool.begin", "handler"], ["internal/store/tx.go"]),
        G("TODO", "Idempotency-Key for POST /transfers so retries aren't booked twice",
          ["idempoten"], ["transfer", "key", "retr", "twice"], ["internal/http/transfers.go"]),
    ],
    "dead_ends": [
        D("keep numeric and use shopspring/decimal (not chosen)", ["shopspring"]),
        D("keep numeric and scan into pgtype.Numeric (not chosen)", ["pgtype.numeric"]),
    ],
    "secrets": ["Lg-dev-7731xq"],
}

if __name__ == "__main__":
    write(session)
