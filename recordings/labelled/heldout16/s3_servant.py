from _common import U, A, T, write

API_KEY = "lk_live_4f9a8c2e7b1d6039ac5e8f7d2b4c1a90"

CABAL = '''cabal-version:      3.0
name:               ledger-api
version:            0.3.0
build-type:         Simple

common shared
  default-language: GHC2021
  default-extensions: DataKinds, DerivingStrategies, DeriveAnyClass, OverloadedStrings,
                      OverloadedRecordDot, TypeFamilies, QuasiQuotes, TemplateHaskell
  ghc-options: -Wall -Wcompat -Wunused-packages

library
  import: shared
  hs-source-dirs: src
  exposed-modules:
    Ledger.Api
    Ledger.Api.Accounts
    Ledger.Api.Transfers
    Ledger.Api.Error
    Ledger.App
    Ledger.Db.Schema
    Ledger.Db.Queries
    Ledger.Config
  build-depends:
      base                 >=4.18 && <4.19
    , aeson                ^>=2.2
    , bytestring
    , containers
    , monad-logger         ^>=0.3.40
    , mtl                  ^>=2.3
    , persistent           ^>=2.14
    , persistent-postgresql ^>=2.13
    , resource-pool        ^>=0.4
    , scientific
    , servant              ^>=0.20
    , servant-server       ^>=0.20
    , text
    , time
    , uuid
    , wai
    , warp                 ^>=3.3

executable ledger-api
  import: shared
  hs-source-dirs: app
  main-is: Main.hs
  build-depends: base, ledger-api
  ghc-options: -threaded -rtsopts "-with-rtsopts=-N"
'''

TRANSFERS_OLD = '''module Ledger.Api.Transfers (transfersServer) where

import Control.Monad.IO.Class (liftIO)
import Control.Monad.Logger (runNoLoggingT)
import Database.Persist.Postgresql
import Ledger.Api.Error (apiError)
import Ledger.Config (Config (..))
import Ledger.Db.Queries qualified as Q
import Servant

transfersServer :: Config -> Server TransfersApi
transfersServer cfg = listTransfers :<|> createTransfer
  where
    runDb :: SqlPersistT (NoLoggingT (ResourceT IO)) a -> Handler a
    runDb act = liftIO . runNoLoggingT . runResourceT $
      withPostgresqlPool cfg.dbConnStr cfg.dbPoolSize $ \\pool ->
        liftIO (runSqlPool act pool)

    listTransfers accId mLimit = runDb (Q.transfersFor accId (maybe 50 id mLimit))

    createTransfer req = do
      when (req.amount <= 0) $ apiError err400 "amount must be positive"
      r <- runDb (Q.insertTransfer req)
      either (apiError err409) pure r
'''

ERROR_HS = '''module Ledger.Api.Error (apiError, ApiError (..)) where

import Data.Aeson (ToJSON, encode)
import Data.Text (Text)
import GHC.Generics (Generic)
import Servant

data ApiError = ApiError {error :: Text, status :: Int}
  deriving stock (Generic)
  deriving anyclass (ToJSON)

-- | All handler errors go through here so clients always get a JSON body.
apiError :: MonadError ServerError m => ServerError -> Text -> m a
apiError e msg =
  throwError
    e { errBody = encode (ApiError msg e.errHTTPCode)
      , errHeaders = [("Content-Type", "application/json")] }
'''

WRK = '''Running 30s test @ http://localhost:8080/accounts/7c1e/transfers
  8 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.77ms  301.20ms   2.00s    71.33%
    Req/Sec    19.84     11.02    70.00     66.41%
  4412 requests in 30.04s, 3.11MB read
  Socket errors: connect 0, read 0, write 0, timeout 37
  Non-2xx or 3xx responses: 2873
Requests/sec:    146.87
Transfer/sec:    106.02KB
'''

SERVER_LOG = "\n".join(
    [f"2024-06-18T10:2{i//10}:{(i*7)%60:02d}Z GET /accounts/7c1e/transfers 500 {180+i*3}ms" for i in range(12)] + [
    "ledger-api: libpq: failed (connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  sorry, too many clients already",
    ")",
    "CallStack (from HasCallStack):",
    "  error, called at ./Database/Persist/Postgresql.hs:379:17 in persistent-postgresql-2.13.6.2-8f0d1c:Database.Persist.Postgresql",
    "2024-06-18T10:21:44Z GET /accounts/7c1e/transfers 500 2003ms",
    "ledger-api: libpq: failed (connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  sorry, too many clients already",
    ")",
    "2024-06-18T10:21:44Z GET /accounts/7c1e/transfers 500 1994ms",
    "2024-06-18T10:21:45Z GET /accounts/7c1e/transfers 200 611ms",
]) + "\n"

def build_log(mods, deps=()):
    out = ["Resolving dependencies...", "Build profile: -w ghc-9.6.5 -O1", "In order, the following will be built (use -v for more details):"]
    for d in deps:
        out.append(f" - {d} (lib) (requires build)")
    out.append(" - ledger-api-0.3.0 (lib) (first run)")
    out.append(" - ledger-api-0.3.0 (exe:ledger-api) (first run)")
    for d in deps:
        out += [f"Starting     {d} (lib)", f"Building     {d} (lib)", f"Installing   {d} (lib)", f"Completed    {d} (lib)"]
    out.append("Configuring library for ledger-api-0.3.0..")
    out.append("Preprocessing library for ledger-api-0.3.0..")
    out.append("Building library for ledger-api-0.3.0..")
    n = len(mods)
    for i, m in enumerate(mods, 1):
        path = "src/" + m.replace(".", "/") + ".hs"
        out.append(f"[{i:2d} of {n}] Compiling {m:<24} ( {path}, dist-newstyle/build/x86_64-linux/ghc-9.6.5/ledger-api-0.3.0/build/{m.replace('.', '/')}.o, dist-newstyle/build/x86_64-linux/ghc-9.6.5/ledger-api-0.3.0/build/{m.replace('.', '/')}.dyn_o )")
    return "\n".join(out)

MODS = ["Ledger.Config", "Ledger.Db.Schema", "Ledger.Db.Queries", "Ledger.Api.Error", "Ledger.App", "Ledger.Api.Accounts",
        "Ledger.Api.Transfers", "Ledger.Api"]

SOLVER_FAIL = '''Resolving dependencies...
Error: cabal: Could not resolve dependencies:
[__0] trying: ledger-api-0.3.0 (user goal)
[__1] trying: servant-server-0.20.2 (dependency of ledger-api)
[__2] trying: servant-0.20.1 (dependency of servant-server)
[__3] trying: servant-auth-server-0.4.8.0 (dependency of ledger-api)
[__4] next goal: jose (dependency of servant-auth-server)
[__4] rejecting: jose-0.11 (conflict: servant-auth-server => jose>=0.10 && <0.11)
[__4] trying: jose-0.10
[__5] next goal: base (dependency of ledger-api)
[__5] rejecting: base-4.18.2.1/installed-4.18.2.1 (conflict: jose==0.10 => base>=4.9 && <4.18)
[__5] skipping: base-4.20.0.1, base-4.19.1.0, base-4.19.0.0, base-4.18.2.1 (has the same characteristics that caused the previous version to fail: excluded by constraint '>=4.9 && <4.18' from 'jose')
[__5] fail (backjumping, conflict set: base, jose)
[__4] rejecting: jose-0.9 (conflict: servant-auth-server => jose>=0.10 && <0.11)
[__4] fail (backjumping, conflict set: jose, servant-auth-server)
[__3] trying: servant-auth-server-0.4.7.0
[__4] next goal: servant-server (dependency of servant-auth-server)
[__4] rejecting: servant-server-0.20.2 (conflict: servant-auth-server => servant-server>=0.15 && <0.20)
[__4] fail (backjumping, conflict set: servant-auth-server, servant-server)
After searching the rest of the dependency tree exhaustively, these were the goals I've had most trouble fulfilling: base, jose, servant-auth-server, servant-server, ledger-api
'''

ALLOW_NEWER_FAIL = build_log(["Crypto.JWT.Compat"], deps=["jose-0.10", "servant-auth-0.4.1.0"]).split("Configuring library for ledger-api")[0] + '''Starting     servant-auth-server-0.4.8.0 (lib)
Building     servant-auth-server-0.4.8.0 (lib)

Failed to build servant-auth-server-0.4.8.0.
Build log ( /home/jk/.cabal/logs/ghc-9.6.5/servant-auth-server-0.4.8.0-6d2a1e.log ):
Configuring library for servant-auth-server-0.4.8.0..
Preprocessing library for servant-auth-server-0.4.8.0..
Building library for servant-auth-server-0.4.8.0..
[ 1 of 13] Compiling Servant.Auth.JWT ( src/Servant/Auth/JWT.hs, dist/build/Servant/Auth/JWT.o, dist/build/Servant/Auth/JWT.dyn_o )
[ 2 of 13] Compiling Servant.Auth.Server.Internal.ConfigTypes ( src/Servant/Auth/Server/Internal/ConfigTypes.hs, dist/build/Servant/Auth/Server/Internal/ConfigTypes.o, dist/build/Servant/Auth/Server/Internal/ConfigTypes.dyn_o )
[ 5 of 13] Compiling Servant.Auth.Server.Internal.JWT ( src/Servant/Auth/Server/Internal/JWT.hs, dist/build/Servant/Auth/Server/Internal/JWT.o, dist/build/Servant/Auth/Server/Internal/JWT.dyn_o )

src/Servant/Auth/Server/Internal/JWT.hs:52:31: error: [GHC-83865]
    • Couldn't match expected type: Jose.JWTValidationSettings
                  with actual type: Jose.JWTValidationSettings -> Jose.JWTValidationSettings
    • Probable cause: ‘Jose.defaultJWTValidationSettings’ is applied to too few arguments
   |
52 |         verifiedJWT <- liftIO $ runExceptT . Jose.verifyClaims (jwtSettingsToJwtValidationSettings jwtCfg) (validationKeys jwtCfg) $ unverifiedJWT
   |                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

src/Servant/Auth/Server/Internal/JWT.hs:61:12: error: [GHC-76037]
    Not in scope: type constructor or class ‘Jose.JWTError’
   |
61 |   :: (ToJWT a) => a -> JWTSettings -> Maybe UTCTime -> IO (Either Jose.JWTError BSL.ByteString)
   |            ^^^^^^^^^^^^^

Error: cabal: Failed to build servant-auth-server-0.4.8.0 (which is required by exe:ledger-api from ledger-api-0.3.0). See the build log above for details.
'''

turns = [
    U("ledger-api 500s under load. wrk + log below. transfers endpoint."),
    T("Bash", "wrk -t8 -c64 -d30s http://localhost:8080/accounts/7c1e/transfers", WRK),
    T("Bash", "tail -n 40 logs/ledger-api.log", SERVER_LOG),
    A("`too many clients` from Postgres. Let me look at how the transfers handlers get a connection."),
    T("Read", "ledger-api.cabal", CABAL),
    T("Read", "src/Ledger/Api/Transfers.hs", TRANSFERS_OLD),
    T("Bash", "grep -rn 'withPostgresqlPool\\|createPostgresqlPool' src app", "src/Ledger/Api/Transfers.hs:15:      withPostgresqlPool cfg.dbConnStr cfg.dbPoolSize $ \\pool ->\n"
      "src/Ledger/Api/Accounts.hs:18:      withPostgresqlPool cfg.dbConnStr cfg.dbPoolSize $ \\pool ->\n"),
    A("That's the cause. `runDb` calls `withPostgresqlPool` inside the handler, so every request builds a brand-new pool of "
      "`dbPoolSize` (10) connections, runs one query and tears it down. 64 concurrent wrk connections means up to 640 "
      "Postgres connections being opened at once; Postgres has `max_connections = 100`, so most requests die with "
      "`too many clients`, and the ones that get through pay the connection setup cost each time (hence ~400ms latency for a "
      "simple select).\n\nThe pool must be created once at startup and shared. Proposal: create it in `Main` with "
      "`createPostgresqlPool`, put it in an `AppEnv { pool, config, logger }`, and run handlers in `type AppM = ReaderT AppEnv Handler`, "
      "converting with `hoistServer api (runAppM env)`. Then `runDb` is just `asks pool >>= liftIO . runSqlPool act`. "
      "Both `Accounts` and `Transfers` change signature. OK?"),
    U("yes."),
    T("Edit", "src/Ledger/App.hs",
      "@@ -0,0 +1,27 @@\n+module Ledger.App (AppEnv (..), AppM, runAppM, runDb, mkAppEnv) where\n+\n+import Control.Monad.Logger (runStdoutLoggingT)\n+import Control.Monad.Reader\n+import Data.Pool (Pool)\n+import Database.Persist.Postgresql\n+import Ledger.Config (Config (..))\n+import Servant (Handler)\n+\n+data AppEnv = AppEnv {pool :: Pool SqlBackend, config :: Config}\n+\n+type AppM = ReaderT AppEnv Handler\n+\n+runAppM :: AppEnv -> AppM a -> Handler a\n+runAppM env act = runReaderT act env\n+\n+-- | One pool for the whole process. Never create pools per request.\n+mkAppEnv :: Config -> IO AppEnv\n+mkAppEnv cfg = do\n+  p <- runStdoutLoggingT $ createPostgresqlPool cfg.dbConnStr cfg.dbPoolSize\n+  pure AppEnv {pool = p, config = cfg}\n+\n+runDb :: SqlPersistT IO a -> AppM a\n+runDb act = do\n+  p <- asks (.pool)\n+  liftIO (runSqlPool act p)\n"),
    T("Edit", "src/Ledger/Api/Transfers.hs",
      "@@ -9,16 +9,11 @@ import Servant\n \n-transfersServer :: Config -> Server TransfersApi\n-transfersServer cfg = listTransfers :<|> createTransfer\n+transfersServer :: ServerT TransfersApi AppM\n+transfersServer = listTransfers :<|> createTransfer\n   where\n-    runDb :: SqlPersistT (NoLoggingT (ResourceT IO)) a -> Handler a\n-    runDb act = liftIO . runNoLoggingT . runResourceT $\n-      withPostgresqlPool cfg.dbConnStr cfg.dbPoolSize $ \\pool ->\n-        liftIO (runSqlPool act pool)\n-\n     listTransfers accId mLimit = runDb (Q.transfersFor accId (maybe 50 id mLimit))"),
    T("Edit", "app/Main.hs",
      "@@ -8,9 +8,11 @@ main :: IO ()\n main = do\n   cfg <- loadConfig\n-  run cfg.port (serve api (server cfg))\n+  env <- mkAppEnv cfg\n+  let app = serve api (hoistServer api (runAppM env) server)\n+  run cfg.port app"),
    T("Bash", "cabal build 2>&1 | tail -n 30", build_log(MODS) + "\n\nsrc/Ledger/Api/Accounts.hs:22:5: warning: [GHC-38417] [-Wmissing-signatures]\n    Top-level binding with no type signature: getAccount :: AccountId -> AppM Account\n   |\n22 |     getAccount accId = do\n   |     ^^^^^^^^^^\nConfiguring executable 'ledger-api' for ledger-api-0.3.0..\nPreprocessing executable 'ledger-api' for ledger-api-0.3.0..\nBuilding executable 'ledger-api' for ledger-api-0.3.0..\n[1 of 2] Compiling Main             ( app/Main.hs, dist-newstyle/build/x86_64-linux/ghc-9.6.5/ledger-api-0.3.0/x/ledger-api/build/ledger-api/ledger-api-tmp/Main.o )\n[2 of 2] Linking dist-newstyle/build/x86_64-linux/ghc-9.6.5/ledger-api-0.3.0/x/ledger-api/build/ledger-api/ledger-api\n"),
    T("Bash", "cabal run ledger-api & sleep 2; wrk -t8 -c64 -d30s http://localhost:8080/accounts/7c1e/transfers",
      "Running 30s test @ http://localhost:8080/accounts/7c1e/transfers\n  8 threads and 64 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency    21.38ms    9.84ms 118.02ms   78.90%\n    Req/Sec   376.41     52.77   505.00     70.12%\n  90011 requests in 30.02s, 63.40MB read\nRequests/sec:   2998.37\nTransfer/sec:      2.11MB\n"),
    A("No non-2xx responses now, ~3000 req/s and 21ms average latency (from 147 req/s with 65% errors). Postgres sees a steady 10 connections."),
    U("good. next: auth. every route except /health needs api key. thought servant-auth."),
    A("`servant-auth-server` gives JWT and cookie auth with the `Auth '[JWT]` combinator. Other options would be a WAI middleware "
      "that checks the header before Servant routes, or Servant's generalized auth (`AuthProtect \"api-key\"` + `mkAuthHandler`). "
      "Let me try servant-auth first since you mentioned it."),
    T("Edit", "ledger-api.cabal", "@@ -38,6 +38,7 @@ library\n     , servant              ^>=0.20\n     , servant-server       ^>=0.20\n+    , servant-auth-server  ^>=0.4\n     , text"),
    T("Bash", "cabal build", SOLVER_FAIL),
    A("The solver can't find a plan: `servant-auth-server-0.4.8.0` pins `jose <0.11`, and `jose-0.10` doesn't allow base 4.18 "
      "(GHC 9.6); the older 0.4.7 doesn't allow servant-server 0.20. I could try `--allow-newer=servant-auth-server:jose` to "
      "see if it compiles against jose 0.11."),
    T("Bash", "cabal build --allow-newer=servant-auth-server:jose", ALLOW_NEWER_FAIL),
    A("With allow-newer it resolves but servant-auth-server doesn't compile against jose 0.11 (API changes in "
      "`JWTValidationSettings`, `JWTError` moved). We'd need a fork or a source-repository-package pin."),
    U("drop it. no allow-newer hacks, no forks. AuthProtect."),
    T("Bash", "git checkout ledger-api.cabal && git status --short", " M app/Main.hs\n M src/Ledger/Api/Accounts.hs\n M src/Ledger/Api/Transfers.hs\n?? src/Ledger/App.hs\n"),
    T("Read", "src/Ledger/Api/Error.hs", ERROR_HS),
    A("Reverted the cabal change. I'll implement generalized auth: `AuthProtect \"api-key\"` on the protected sub-API, an "
      "`mkAuthHandler` that reads `Authorization: Bearer <key>`, hashes it with SHA-256 and looks it up in `api_keys`, and returns "
      "the `ApiClient`. Errors go through your existing `apiError` helper so 401s also get the JSON body like every other error."),
    T("Edit", "src/Ledger/Api.hs",
      "@@ -3,12 +3,31 @@\n+import Servant.Server.Experimental.Auth (AuthHandler, AuthServerData, mkAuthHandler)\n+import Network.Wai (Request, requestHeaders)\n+import Crypto.Hash (SHA256 (..), hashWith)\n+\n+type instance AuthServerData (AuthProtect \"api-key\") = ApiClient\n+\n-type Api = HealthApi :<|> AccountsApi :<|> TransfersApi\n+type Api = HealthApi :<|> AuthProtect \"api-key\" :> (AccountsApi :<|> TransfersApi)\n+\n+apiKeyHandler :: AppEnv -> AuthHandler Request ApiClient\n+apiKeyHandler env = mkAuthHandler $ \\req ->\n+  case lookup \"Authorization\" (requestHeaders req) >>= BS.stripPrefix \"Bearer \" of\n+    Nothing -> apiError err401 \"missing api key\"\n+    Just key -> do\n+      let h = show (hashWith SHA256 key)\n+      mc <- liftIO (runSqlPool (Q.clientByKeyHash (T.pack h)) env.pool)\n+      maybe (apiError err401 \"invalid api key\") pure mc\n+\n+ctx :: AppEnv -> Context (AuthHandler Request ApiClient ': '[])\n+ctx env = apiKeyHandler env :. EmptyContext"),
    T("Edit", "ledger-api.cabal", "@@ -30,6 +30,7 @@ library\n     , containers\n+    , crypton              ^>=1.0\n     , monad-logger         ^>=0.3.40"),
    T("Bash", "cabal build 2>&1 | tail -n 12 && cabal run ledger-api-admin -- create-key --client ops-dashboard",
      build_log(MODS).split("\n", 5)[-1][-1400:] + "\nLinking dist-newstyle/build/x86_64-linux/ghc-9.6.5/ledger-api-0.3.0/x/ledger-api/build/ledger-api/ledger-api ...\n"
      f"created key for client 'ops-dashboard' (id 3)\nkey: {API_KEY}\nstore it now, it is only shown once\n"),
    T("Bash", f"curl -s -i localhost:8080/accounts/7c1e | head -n 6; curl -s -H 'Authorization: Bearer {API_KEY}' localhost:8080/accounts/7c1e; echo; curl -s localhost:8080/health",
      "HTTP/1.1 401 Unauthorized\nTransfer-Encoding: chunked\nDate: Tue, 18 Jun 2024 11:02:13 GMT\nServer: Warp/3.3.31\nContent-Type: application/json\n\n{\"error\":\"missing api key\",\"status\":401}\n"
      "{\"id\":\"7c1e\",\"owner\":\"acme-gmbh\",\"currency\":\"EUR\",\"balance\":\"18234.50\"}\n{\"status\":\"ok\"}\n"),
    A("Auth works: 401 with the JSON error body without a key, 200 with it, `/health` stays open. I used `(.pool)` record dot "
      "access in `App.hs`; I noticed the project has no lens dependency. Should I keep it that way?"),
    U("yes. no lens in this codebase. plain records + OverloadedRecordDot."),
    A("Understood. Anything else for today? One thing that's missing is API docs; `servant-openapi3` could generate an OpenAPI "
      "spec from the `Api` type, though it needs a `HasOpenApi` instance for `AuthProtect`."),
    U("later. add openapi via servant-openapi3 next week. commit this."),
    T("Bash", "git add -A && git commit -m 'Share one DB pool via AppEnv/ReaderT; api-key auth with AuthProtect'",
      "[main 5e9b1d7] Share one DB pool via AppEnv/ReaderT; api-key auth with AuthProtect\n 7 files changed, 118 insertions(+), 29 deletions(-)\n create mode 100644 src/Ledger/App.hs\n"),
]

session = {
    "id": "servant_ledger",
    "project": "ledger-api",
    "cwd_files": ["src/Ledger/App.hs", "src/Ledger/Api.hs", "src/Ledger/Api/Transfers.hs", "app/Main.hs", "ledger-api.cabal"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "ledger-api: Haskell Servant 0.20 API, GHC 9.6, persistent-postgresql, cabal",
         "all_of": ["servant"], "any_of": ["ghc", "9.6", "persistent", "cabal", "0.20", "postgres"], "files": ["ledger-api.cabal"]},
        {"kind": "BUG_FIX", "summary": "500s 'too many clients': withPostgresqlPool created a pool per request; create pool once in main, share via AppEnv",
         "all_of": ["pool"], "any_of": ["per request", "each request", "once", "too many clients", "appenv", "startup"], "files": ["src/Ledger/App.hs"]},
        {"kind": "DECISION", "summary": "Handlers run in ReaderT AppEnv Handler (AppM) with hoistServer",
         "all_of": ["readert"], "any_of": ["appenv", "hoistserver", "handler", "appm"], "files": ["src/Ledger/App.hs"]},
        {"kind": "FAILED", "summary": "servant-auth-server: cabal can't resolve (jose bounds vs base 4.18/servant 0.20); allow-newer fails to compile; dropped",
         "all_of": ["servant-auth"], "any_of": ["jose", "cabal", "resolve", "bounds", "conflict", "compile", "allow-newer"], "files": [], "failure": True},
        {"kind": "DECISION", "summary": "API-key auth via Servant generalized auth AuthProtect \"api-key\" + mkAuthHandler (SHA-256 hashed keys), /health open",
         "all_of": ["authprotect"], "any_of": ["api-key", "api key", "mkauthhandler", "generalized", "bearer", "sha"], "files": ["src/Ledger/Api.hs"]},
        {"kind": "PATTERN", "summary": "All handler errors go through apiError helper (JSON body) in Ledger/Api/Error.hs",
         "all_of": ["error"], "any_of": ["apierror", "error.hs", "errbody", "json body"], "files": ["src/Ledger/Api/Error.hs"]},
        {"kind": "PREFERENCE", "summary": "No lens in this codebase: plain records + OverloadedRecordDot; no allow-newer hacks or forks",
         "all_of": ["lens"], "any_of": ["no ", "record", "overloadedrecorddot", "avoid", "without"], "files": []},
        {"kind": "TODO", "summary": "Add OpenAPI docs with servant-openapi3 (needs HasOpenApi for AuthProtect)",
         "all_of": ["openapi"], "any_of": ["servant-openapi3", "docs", "spec", "add"], "files": []},
    ],
    "dead_ends": [
        {"summary": "WAI middleware for API-key checks, not picked", "all_of": ["middleware"]},
    ],
    "secrets": [API_KEY],
}

if __name__ == "__main__":
    write(session)
