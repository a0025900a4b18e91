from common import U, A, T, G, D, write

CARGO = '''[package]
name = "stockroom-api"
version = "0.6.2"
edition = "2021"

[dependencies]
axum = { version = "0.7.5", features = ["macros"] }
tokio = { version = "1.37", features = ["full"] }
sqlx = { version = "0.7.4", features = ["runtime-tokio", "tls-rustls", "postgres", "uuid", "chrono", "macros", "migrate"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
uuid = { version = "1.8", features = ["serde", "v4"] }
chrono = { version = "0.4", features = ["serde"] }
thiserror = "1"
tower-http = { version = "0.5", features = ["trace", "cors"] }
tracing = "0.1"
tracing-subscriber = { version = "0.3", features = ["env-filter"] }
dotenvy = "0.15"

[dev-dependencies]
http-body-util = "0.1"
tower = { version = "0.4", features = ["util"] }
'''

ENV = '''DATABASE_URL=postgres://stockroom:h7Fq2Lx9Rw@localhost:5432/stockroom
RUST_LOG=stockroom_api=debug,tower_http=info
BIND_ADDR=0.0.0.0:3000
'''

ERROR_RS = '''use axum::{http::StatusCode, response::{IntoResponse, Response}, Json};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, msg) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, self.to_string()),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            AppError::Db(sqlx::Error::RowNotFound) => (StatusCode::NOT_FOUND, "not found".into()),
            AppError::Db(e) => {
                tracing::error!(error = %e, "database error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
            }
        };
        (status, Json(json!({ "error": msg }))).into_response()
    }
}
'''

ITEMS_RS = '''use axum::{extract::{Path, State}, Json};
use uuid::Uuid;

use crate::{error::AppError, models::Item, AppState};

pub async fn get_item(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Item>, AppError> {
    let item = sqlx::query_as!(
        Item,
        r#"SELECT id, sku, name, quantity, tags, created_at, updated_at FROM items WHERE id = $1"#,
        id
    )
    .fetch_one(&state.db)
    .await?;
    Ok(Json(item))
}
'''

CHECK_REFUSED = '''    Checking stockroom-api v0.6.2 (/home/dana/code/stockroom-api)
error: error communicating with database: Connection refused (os error 111)
  --> src/routes/items.rs:10:16
   |
10 |       let item = sqlx::query_as!(
   |  ________________^
11 | |         Item,
12 | |         r#"SELECT id, sku, name, quantity, tags, created_at, updated_at FROM items WHERE id = $1"#,
13 | |         id
14 | |     )
   | |_____^
   |
   = note: this error originates in the macro `$crate::sqlx_macros::expand_query` which comes from the expansion of the macro `sqlx::query_as` (in Nightly builds, run with -Z macro-backtrace for more info)

error: error communicating with database: Connection refused (os error 111)
  --> src/routes/items.rs:41:17
   |
41 |       let items = sqlx::query_as!(
   |  _________________^
...
   |
   = note: this error originates in the macro `$crate::sqlx_macros::expand_query`

error: could not compile `stockroom-api` (bin "stockroom-api") due to 3 previous errors'''

TEST_400 = '''   Compiling stockroom-api v0.6.2 (/home/dana/code/stockroom-api)
    Finished test [unoptimized + debuginfo] target(s) in 9.81s
     Running unittests src/main.rs (target/debug/deps/stockroom_api-5d0c2a1f7e9b3c44)

running 7 tests
test routes::items::tests::get_item_404 ... ok
test routes::items::tests::get_item_ok ... ok
test routes::items::tests::list_items_default_page ... ok
test routes::items::tests::list_items_per_page_capped ... ok
test routes::items::tests::list_items_page_two ... ok
test routes::items::tests::list_items_single_tag ... FAILED
test routes::items::tests::list_items_two_tags ... FAILED

failures:

---- routes::items::tests::list_items_single_tag stdout ----
response body: Failed to deserialize query string: tag: invalid type: string "garden", expected a sequence
thread 'routes::items::tests::list_items_single_tag' panicked at src/routes/items.rs:176:9:
assertion `left == right` failed
  left: 400
 right: 200

---- routes::items::tests::list_items_two_tags stdout ----
response body: Failed to deserialize query string: tag: invalid type: string "tools", expected a sequence
thread 'routes::items::tests::list_items_two_tags' panicked at src/routes/items.rs:188:9:
assertion `left == right` failed
  left: 400
 right: 200
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    routes::items::tests::list_items_single_tag
    routes::items::tests::list_items_two_tags

test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.42s

error: test failed, to rerun pass `--bin stockroom-api`'''

TEST_OK = '''   Compiling serde_html_form v0.2.6
   Compiling axum-extra v0.9.3
   Compiling stockroom-api v0.6.2 (/home/dana/code/stockroom-api)
    Finished test [unoptimized + debuginfo] target(s) in 21.07s
     Running unittests src/main.rs (target/debug/deps/stockroom_api-5d0c2a1f7e9b3c44)

running 8 tests
test routes::items::tests::get_item_404 ... ok
test routes::items::tests::get_item_ok ... ok
test routes::items::tests::list_items_default_page ... ok
test routes::items::tests::list_items_per_page_capped ... ok
test routes::items::tests::list_items_page_two ... ok
test routes::items::tests::list_items_single_tag ... ok
test routes::items::tests::list_items_two_tags ... ok
test routes::items::tests::list_items_page_zero_is_400 ... ok

test result: ok. 8 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.51s'''

PREPARE = '''query data written to .sqlx in the current directory; please check this into version control'''

OFFLINE_BUILD = '''   Compiling stockroom-api v0.6.2 (/home/dana/code/stockroom-api)
    Finished dev [unoptimized + debuginfo] target(s) in 14.33s'''

CI_YML_DIFF = '''@@ -18,6 +18,8 @@ jobs:
     runs-on: ubuntu-latest
+    env:
+      SQLX_OFFLINE: "true"
     steps:
       - uses: actions/checkout@v4
       - uses: dtolnay/rust-toolchain@stable
@@ -25,3 +27,5 @@ jobs:
       - run: cargo clippy --all-targets -- -D warnings
+      - name: check .sqlx is up to date
+        run: cargo sqlx prepare --check'''

turns = [
    U("Need a list endpoint for items: GET /items with pagination and filter by tags (an item matches if it has any of the given tags). The frontend table already sends `page` and `per_page`, so keep those names."),
    T("Read", "Cargo.toml", CARGO),
    T("Read", "src/error.rs", ERROR_RS),
    T("Read", "src/routes/items.rs", ITEMS_RS),
    T("Bash", "cat .env; ls migrations", ENV + "\n20260902120000_items.up.sql\n20260902120000_items.down.sql\n20261010083000_item_tags.up.sql\n20261010083000_item_tags.down.sql"),
    A("Plan:\n- `GET /items?page=1&per_page=25&tag=a&tag=b`\n- OFFSET/LIMIT pagination: `page` is 1-based, `per_page` defaults to 25 and is capped at 100, `page=0` is a 400.\n- Response `{ items, page, per_page, total }` where `total` is a `COUNT(*)` with the same filter, so the table can render page numbers.\n- Tag filter with `tags && $1::text[]` (array overlap), skipped when no tag is given.\n\nAlternative would be cursor-based pagination (`?after=<id>`), which stays fast on big tables but can't jump to page N, and your table has page numbers. I'd do offset since the frontend expects it. OK?"),
    U("yep, offset. items table is ~20k rows, count is fine"),
    T("Edit", "src/routes/items.rs", '''@@ -1,6 +1,20 @@
-use axum::{extract::{Path, State}, Json};
+use axum::{extract::{Path, Query, State}, Json};
+use serde::{Deserialize, Serialize};
 use uuid::Uuid;
 
 use crate::{error::AppError, models::Item, AppState};
+
+const DEFAULT_PER_PAGE: i64 = 25;
+const MAX_PER_PAGE: i64 = 100;
+
+#[derive(Debug, Deserialize)]
+pub struct ListParams {
+    page: Option<i64>,
+    per_page: Option<i64>,
+    #[serde(default)]
+    tag: Vec<String>,
+}
+
+#[derive(Serialize)]
+pub struct ItemPage { items: Vec<Item>, page: i64, per_page: i64, total: i64 }
@@ -18,3 +32,38 @@ pub async fn get_item(
+pub async fn list_items(
+    State(state): State<AppState>,
+    Query(p): Query<ListParams>,
+) -> Result<Json<ItemPage>, AppError> {
+    let page = p.page.unwrap_or(1);
+    if page < 1 {
+        return Err(AppError::BadRequest("page must be >= 1".into()));
+    }
+    let per_page = p.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
+    let tags: Option<Vec<String>> = if p.tag.is_empty() { None } else { Some(p.tag) };
+
+    let items = sqlx::query_as!(
+        Item,
+        r#"SELECT id, sku, name, quantity, tags, created_at, updated_at
+           FROM items
+           WHERE ($1::text[] IS NULL OR tags && $1)
+           ORDER BY created_at DESC, id DESC
+           LIMIT $2 OFFSET $3"#,
+        tags.as_deref(),
+        per_page,
+        (page - 1) * per_page
+    )
+    .fetch_all(&state.db)
+    .await?;
+
+    let total = sqlx::query_scalar!(
+        r#"SELECT COUNT(*) AS "count!" FROM items WHERE ($1::text[] IS NULL OR tags && $1)"#,
+        tags.as_deref()
+    )
+    .fetch_one(&state.db)
+    .await?;
+
+    Ok(Json(ItemPage { items, page, per_page, total }))
+}'''),
    T("Bash", "cargo check", CHECK_REFUSED),
    A("The `query_as!` macros check SQL against a live database at compile time and Postgres isn't running. Starting it from the compose file."),
    T("Bash", "docker compose up -d db && sleep 3 && cargo check", ''' Container stockroom-api-db-1  Started
    Checking stockroom-api v0.6.2 (/home/dana/code/stockroom-api)
    Finished dev [unoptimized + debuginfo] target(s) in 6.12s'''),
    U("that's also why CI is red half the time btw. the runner has no postgres and someone keeps adding services: postgres to the workflow and removing it again. we tried Diesel at the very start and dropped it because diesel-async was too immature back then, so we're stuck with the sqlx macros, fine, but CI needs to build without a db"),
    A("That's what SQLx offline mode is for: `cargo sqlx prepare` writes the query metadata into a `.sqlx/` directory that you commit, and with `SQLX_OFFLINE=true` the macros read from there instead of connecting. The catch is that every time a query changes someone has to re-run `cargo sqlx prepare`, otherwise CI fails; `cargo sqlx prepare --check` in CI gives a clear error for that. Shall I set it up?"),
    U("do it"),
    T("Bash", "cargo sqlx prepare", PREPARE),
    T("Edit", ".github/workflows/ci.yml", CI_YML_DIFF),
    T("Bash", "docker compose stop db && SQLX_OFFLINE=true cargo build", " Container stockroom-api-db-1  Stopped\n" + OFFLINE_BUILD),
    A("Builds offline with the database stopped. Now route + tests. I'm wiring `list_items` next to `get_item` and writing tests with `#[sqlx::test]`, which creates a fresh database per test and runs the migrations."),
    T("Edit", "src/main.rs", '''@@ -40,6 +40,7 @@ fn app(state: AppState) -> Router {
     Router::new()
+        .route("/items", get(routes::items::list_items))
         .route("/items/:id", get(routes::items::get_item))'''),
    T("Edit", "src/routes/items.rs", '''@@ -120,0 +120,80 @@
+#[cfg(test)]
+mod tests {
+    // seed(): 60 items, tags rotating over ["tools", "paint", "garden"]
+    #[sqlx::test]
+    async fn list_items_two_tags(pool: PgPool) {
+        seed(&pool).await;
+        let (status, body) = get(app_with(pool), "/items?tag=tools&tag=paint&per_page=100").await;
+        println!("response body: {body}");
+        assert_eq!(status, 200);
+        assert_eq!(body["total"], 40);
+    }
+    ...
+}'''),
    T("Bash", "docker compose start db && cargo test", " Container stockroom-api-db-1  Started\n" + TEST_400),
    A("Both tag tests get a 400 before the handler even runs. axum's `Query` extractor deserializes with `serde_urlencoded`, which has no notion of a repeated key: `tag=garden` arrives as a plain string, and a `Vec<String>` field rejects it with \"expected a sequence\" - with two `tag=` keys it's the same. The tests without `tag` pass only because of `#[serde(default)]`.\n\n`axum_extra::extract::Query` is a drop-in replacement that uses `serde_html_form`, which collects repeated keys into a `Vec`. Adding `axum-extra` with the `query` feature."),
    T("Bash", "cargo add axum-extra@0.9 --features query", '''    Updating crates.io index
      Adding axum-extra v0.9.3 to dependencies.
             Features:
             + query
             - async-read-body
             - cookie
             - cookie-private
             - form
             - multipart
             - protobuf
             - typed-header
             - typed-routing
    Updating crates.io index'''),
    T("Edit", "src/routes/items.rs", '''@@ -1,2 +1,3 @@
-use axum::{extract::{Path, Query, State}, Json};
+use axum::{extract::{Path, State}, Json};
+use axum_extra::extract::Query;'''),
    T("Bash", "cargo test", TEST_OK),
    T("Bash", "cargo sqlx prepare && git status --short", PREPARE + '''
 M .github/workflows/ci.yml
 M Cargo.lock
 M Cargo.toml
 M src/main.rs
 M src/routes/items.rs
?? .sqlx/'''),
    A("All green. I noticed every handler here returns `Result<_, AppError>` and lets `?` convert `sqlx::Error` (with `RowNotFound` becoming a 404 in `IntoResponse`), so I followed that in `list_items` rather than mapping errors inline."),
    U("right, that's the rule: handlers return Result<_, AppError>, never unwrap or build error responses by hand in a handler. ok commit it. and at some point we need openapi docs for these endpoints, utoipa probably, not now though"),
    T("Bash", "git add -A && git commit -m \"GET /items with offset pagination and tag filter; sqlx offline mode for CI\"", '''[main 91c4d7e] GET /items with offset pagination and tag filter; sqlx offline mode for CI
 9 files changed, 214 insertions(+), 3 deletions(-)
 create mode 100644 .sqlx/query-3f1b0c8a2e6d4f5b9a7c1e0d2b4f6a8c0e2d4f6b8a0c2e4d6f8b0a2c4e6d8f0a.json
 create mode 100644 .sqlx/query-7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c.json
 create mode 100644 .sqlx/query-c2e4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4.json'''),
    A("Committed as 91c4d7e. Open item for later: OpenAPI docs for the items endpoints (utoipa)."),
]

write({
    "id": "stockroom_api_a",
    "project": "stockroom-api",
    "cwd_files": ["Cargo.toml", "src/routes/items.rs", "src/error.rs", "src/main.rs",
                  ".github/workflows/ci.yml", ".env"],
    "turns": turns,
    "gold": [
        G("PROJECT", "stockroom-api: Rust, axum 0.7 + sqlx 0.7 on Postgres",
          ["axum", "sqlx"], ["rust", "postgres", "0.7", "stockroom", "tokio"]),
        G("DECISION", "GET /items uses offset pagination: page (1-based) / per_page default 25 max 100, total via COUNT(*)",
          ["pagination"], ["offset", "per_page", "page", "max 100", "100"],
          ["src/routes/items.rs"]),
        G("DECISION", "sqlx offline mode: cargo sqlx prepare, commit .sqlx/, CI runs with SQLX_OFFLINE=true and prepare --check",
          ["sqlx"], ["offline", "prepare", ".sqlx"], [".github/workflows/ci.yml"]),
        G("FAILED", "Diesel tried at project start, dropped because diesel-async was immature -> sqlx",
          ["diesel"], ["async", "immature", "dropped", "sqlx", "abandon"], failure=True),
        G("BUG_FIX", "repeated ?tag=a&tag=b -> 400 'expected a sequence' with axum Query; use axum_extra::extract::Query (serde_html_form)",
          ["query"], ["axum_extra", "axum-extra", "serde_html_form", "sequence", "repeated"],
          ["src/routes/items.rs"]),
        G("PATTERN", "handlers return Result<_, AppError> (IntoResponse, RowNotFound -> 404); never unwrap or hand-build errors in handlers",
          ["AppError"], ["result", "intoresponse", "unwrap", "handler", "404"]),
        G("TODO", "OpenAPI docs for items endpoints, probably utoipa",
          ["openapi"], ["utoipa", "items", "endpoint", "docs"]),
    ],
    "dead_ends": [
        D("cursor-based pagination offered, not picked in this session", ["cursor"]),
    ],
    "secrets": ["h7Fq2Lx9Rw", "postgres://stockroom:h7Fq2Lx9Rw@localhost:5432/stockroom"],
})
