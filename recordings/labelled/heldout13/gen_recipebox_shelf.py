from _common import U, A, T, G, write

PUBSPEC = '''name: recipebox_server
description: HTTP API for the RecipeBox app.
version: 0.3.0
publish_to: none

environment:
  sdk: ^3.3.0

dependencies:
  args: ^2.4.2
  dartson: ^0.2.7
  logging: ^1.2.0
  postgres: ^3.1.2
  shelf: ^1.4.1
  shelf_router: ^1.1.4
  dart_jsonwebtoken: ^2.12.2
  crypto: ^3.0.3

dev_dependencies:
  lints: ^3.0.0
  test: ^1.24.0
  http: ^1.2.1'''

BUILD_RUNNER = '''[INFO] Generating build script...
[INFO] Generating build script completed, took 412ms

[INFO] Initializing inputs
[INFO] Building new asset graph...
[INFO] Building new asset graph completed, took 1.1s

[INFO] Checking for unexpected pre-existing outputs....
[INFO] Checking for unexpected pre-existing outputs. completed, took 1ms

[INFO] Running build...
[INFO] Generating SDK summary...
[INFO] 3.9s elapsed, 0/4 actions completed.
[INFO] Generating SDK summary completed, took 3.8s

[INFO] 5.0s elapsed, 2/4 actions completed.
[INFO] Running build completed, took 5.6s

[INFO] Caching finalized dependency graph...
[INFO] Caching finalized dependency graph completed, took 38ms

[INFO] Succeeded after 5.7s with 1 outputs (9 actions)'''

COMPILE_FAIL = '''Compiling bin/server.dart to native executable build/server...
../../.pub-cache/hosted/pub.dev/dartson-0.2.7/lib/dartson.dart:5:8: Error: Dart library 'dart:mirrors' is not available on this platform.
import 'dart:mirrors';
       ^
Context: The unavailable library 'dart:mirrors' is imported through these packages:

    package:recipebox_server => package:dartson => dart:mirrors

Detailed import paths for (some of) the these imports:

    package:recipebox_server/api/recipes_api.dart => package:dartson/dartson.dart => dart:mirrors
    package:recipebox_server/api/auth_api.dart => package:dartson/dartson.dart => dart:mirrors

../../.pub-cache/hosted/pub.dev/dartson-0.2.7/lib/src/serializer.dart:58:22: Error: Method not found: 'reflect'.
    final mirror = reflect(object);
                   ^^^^^^^
../../.pub-cache/hosted/pub.dev/dartson-0.2.7/lib/src/serializer.dart:91:24: Error: Method not found: 'reflectClass'.
    final classMirror = reflectClass(type);
                        ^^^^^^^^^^^^
Error: AOT compilation failed
Generating AOT kernel dill failed!'''

BAD_STATE = '''$ curl -s -X POST localhost:8080/recipes -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"title":"Shakshuka","servings":2,"ingredients":[{"name":"eggs","qty":"4"}]}'
Internal Server Error

--- server log ---
2026-11-25 10:41:07.221 INFO  http: POST /recipes body={"title":"Shakshuka","servings":2,"ingredients":[{"name":"eggs","qty":"4"}]}
2026-11-25 10:41:07.224 SEVERE shelf: Error thrown by handler.
Bad state: The 'read' method can only be called once on a shelf.Request/shelf.Response object.
package:shelf/src/message.dart 155:7                                Message.read
package:shelf/src/message.dart 167:51                               Message.readAsString
package:recipebox_server/api/recipes_api.dart 41:35                 RecipesApi._create
package:shelf_router/src/router_entry.dart 107:25                   RouterEntry.invoke.<fn>
package:shelf_router/src/router.dart 187:37                         Router.call
package:recipebox_server/middleware/auth.dart 33:22                 requireAuth.<fn>.<fn>
package:recipebox_server/middleware/request_log.dart 19:28          logRequests.<fn>.<fn>
package:shelf/src/middleware/logger.dart 30:62                      logRequests.<fn>.<fn>.<fn>
package:shelf/src/pipeline.dart 46:17                               Pipeline.addHandler.<fn>
package:shelf/shelf_io.dart 138:25                                  handleRequest'''

REQUEST_LOG = '''import 'package:logging/logging.dart';
import 'package:shelf/shelf.dart';

final _log = Logger('http');

/// Logs method, path and (for JSON requests) the body.
Middleware logRequests() => (Handler inner) {
      return (Request request) async {
        var bodyInfo = '';
        if (request.mimeType == 'application/json') {
          final body = await request.readAsString();
          bodyInfo = ' body=$body';
        }
        _log.info('${request.method} ${request.requestedUri.path}$bodyInfo');
        return inner(request);
      };
    };'''

session = {
    "id": "recipebox_shelf",
    "project": "recipebox-server",
    "cwd_files": ["pubspec.yaml", "bin/server.dart", "lib/api/recipes_api.dart", "lib/api/auth_api.dart",
                  "lib/middleware/request_log.dart", "lib/models/recipe.dart", "Dockerfile"],
    "turns": [
        U("morning! I'm starting the HTTP layer for recipebox_server (Dart, shelf). For routing let's use shelf_router_generator "
          "with the @Route annotations, it looks neat in the README. Start with GET /recipes and GET /recipes/<id>"),
        T("Read", "pubspec.yaml", PUBSPEC),
        A("OK. I'll add `shelf_router_generator` and `build_runner` as dev dependencies, annotate `RecipesApi`, and generate the router."),
        T("Bash", "dart pub add dev:build_runner dev:shelf_router_generator",
          "Resolving dependencies... \n+ build_runner 2.4.9\n+ build_runner_core 7.3.0\n+ shelf_router_generator 1.1.0\n+ source_gen 1.5.0\n+ analyzer 6.4.1\n  (and 27 more)\nChanged 33 dependencies!"),
        T("Edit", "lib/api/recipes_api.dart",
          "@@ -0,0 +1,30 @@\n+import 'package:shelf/shelf.dart';\n+import 'package:shelf_router/shelf_router.dart';\n+\n+import '../db/recipes_repo.dart';\n+\n+part 'recipes_api.g.dart';\n+\n+class RecipesApi {\n+  RecipesApi(this.repo);\n+  final RecipesRepo repo;\n+\n+  @Route.get('/recipes')\n+  Future<Response> list(Request request) async { /* ... */ }\n+\n+  @Route.get('/recipes/<id>')\n+  Future<Response> get(Request request, String id) async { /* ... */ }\n+\n+  Router get router => _$RecipesApiRouter(this);\n+}\n"),
        T("Bash", "dart run build_runner build --delete-conflicting-outputs", BUILD_RUNNER),
        A("Generated `lib/api/recipes_api.g.dart`; `RecipesApi(repo).router` can now be mounted in `bin/server.dart`. Note the generated "
          "file has to be regenerated (or committed) whenever a route changes."),
        U("hmm wait. Seeing that .g.dart and the build_runner step... no. I actually hate codegen, every time someone forgets to run "
          "build_runner the CI breaks, we had that on the Flutter app all the time. Let's not. Plain Router() with the handlers "
          "registered by hand, please. Sorry for the back and forth!"),
        A("No problem, reverting: removing both dev dependencies and the generated file, and registering the routes on a `Router` directly."),
        T("Bash", "dart pub remove build_runner shelf_router_generator && rm lib/api/recipes_api.g.dart && git status --short",
          "Resolving dependencies... \nThese packages are no longer being depended on:\n- analyzer 6.4.1\n- build_runner 2.4.9\n- build_runner_core 7.3.0\n- shelf_router_generator 1.1.0\n- source_gen 1.5.0\n  (and 27 more)\nChanged 33 dependencies!\n"
          " M pubspec.lock\n?? lib/api/recipes_api.dart"),
        T("Edit", "lib/api/recipes_api.dart",
          "@@ -1,30 +1,27 @@\n import 'package:shelf/shelf.dart';\n import 'package:shelf_router/shelf_router.dart';\n \n import '../db/recipes_repo.dart';\n \n-part 'recipes_api.g.dart';\n-\n class RecipesApi {\n   RecipesApi(this.repo);\n   final RecipesRepo repo;\n \n-  @Route.get('/recipes')\n-  Future<Response> list(Request request) async { /* ... */ }\n-\n-  @Route.get('/recipes/<id>')\n-  Future<Response> get(Request request, String id) async { /* ... */ }\n-\n-  Router get router => _$RecipesApiRouter(this);\n+  Router get router => Router()\n+    ..get('/recipes', _list)\n+    ..get('/recipes/<id>', _get)\n+    ..post('/recipes', _create);\n+\n+  Future<Response> _list(Request request) async { /* ... */ }\n+  Future<Response> _get(Request request, String id) async { /* ... */ }\n+  Future<Response> _create(Request request) async { /* ... */ }\n }\n"),
        T("Bash", "dart analyze", "Analyzing recipebox_server...\nNo issues found!"),
        U("good. Question: the serialization, we use dartson right now. Does that work with dart compile exe? we want to ship a single "
          "binary in a scratch docker image"),
        A("dartson is reflection-based, which is suspicious for AOT. Let's just try it:"),
        T("Bash", "mkdir -p build && dart compile exe bin/server.dart -o build/server", COMPILE_FAIL),
        A("Confirmed: `dart compile exe` is AOT, and `dart:mirrors` (reflection) only exists in the JIT VM. dartson 0.2.x serialises "
          "through mirrors, so anything importing it can't be compiled to a native binary. Options:\n"
          "1. `json_serializable` (codegen with build_runner)\n2. `freezed` (also codegen)\n3. Hand-written `fromJson`/`toJson` on each model\n"
          "4. Keep dartson and ship the JIT: `dart run` inside the full `dart:stable` image (~700 MB image, slower startup)."),
        U("hmm, option 4 would be the least work today... no. Binary. And no codegen, so hand-written. It's like 6 models, fine."),
        T("Edit", "lib/models/recipe.dart",
          "@@ -1,12 +1,44 @@\n-import 'package:dartson/dartson.dart';\n-\n-@Entity()\n class Recipe {\n-  String id;\n-  String title;\n-  int servings;\n-  List<Ingredient> ingredients;\n+  Recipe({required this.id, required this.title, required this.servings, required this.ingredients});\n+\n+  final String id;\n+  final String title;\n+  final int servings;\n+  final List<Ingredient> ingredients;\n+\n+  factory Recipe.fromJson(Map<String, dynamic> j) => Recipe(\n+        id: j['id'] as String,\n+        title: j['title'] as String,\n+        servings: (j['servings'] as num).toInt(),\n+        ingredients: (j['ingredients'] as List)\n+            .map((e) => Ingredient.fromJson(e as Map<String, dynamic>))\n+            .toList(),\n+      );\n+\n+  Map<String, dynamic> toJson() => {\n+        'id': id,\n+        'title': title,\n+        'servings': servings,\n+        'ingredients': [for (final i in ingredients) i.toJson()],\n+      };\n }\n"),
        T("Bash", "grep -rln dartson lib bin",
          "lib/models/ingredient.dart\nlib/models/user.dart\nlib/models/session.dart\nlib/models/tag.dart\nlib/models/rating.dart\nlib/api/recipes_api.dart\nlib/api/auth_api.dart"),
        A("Converting the remaining five models the same way and replacing `Dartson.JSON().encode/decode` calls in the two API files with "
          "`jsonEncode(x.toJson())` / `X.fromJson(jsonDecode(body))`."),
        T("Bash", "dart pub remove dartson && grep -rln dartson lib bin ; dart analyze && dart compile exe bin/server.dart -o build/server && ls -lh build/server",
          "Resolving dependencies... \nThese packages are no longer being depended on:\n- dartson 0.2.7\nChanged 1 dependency!\nAnalyzing recipebox_server...\nNo issues found!\n"
          "Generated: /home/ines/src/recipebox_server/build/server\n-rwxr-xr-x 1 ines ines 9.4M Nov 25 10:33 build/server"),
        T("Edit", "Dockerfile",
          "@@ -1,8 +1,13 @@\n-FROM dart:stable\n-WORKDIR /app\n-COPY . .\n-RUN dart pub get\n-CMD [\"dart\", \"run\", \"bin/server.dart\"]\n+FROM dart:stable AS build\n+WORKDIR /app\n+COPY pubspec.* ./\n+RUN dart pub get\n+COPY . .\n+RUN dart compile exe bin/server.dart -o bin/server\n+\n+FROM scratch\n+COPY --from=build /runtime/ /\n+COPY --from=build /app/bin/server /app/bin/\n+EXPOSE 8080\n+CMD [\"/app/bin/server\"]\n"),
        A("The binary is 9.4 MB; the Dockerfile now builds it in `dart:stable` and copies it plus the minimal `/runtime/` (libc etc. that the "
          "official image prepares for exactly this) into `scratch`."),
        U("wow ok. Now a bug: POST /recipes always gives 500. GET works"),
        T("Bash", "curl -s -X POST ... ; tail -n 20 server.log", BAD_STATE),
        T("Read", "lib/middleware/request_log.dart", REQUEST_LOG),
        A("A shelf `Request` body is a single-subscription stream: it can be read exactly once. `logRequests()` reads it with "
          "`readAsString()` to log it, and then `_create` reads it again, hence `Bad state: The 'read' method can only be called once`. "
          "GET has no JSON body, so it never happens there. Fix: read once in the middleware and hand a copy of the request with the "
          "already-read body downstream via `request.change(body: body)`."),
        T("Edit", "lib/middleware/request_log.dart",
          "@@ -7,12 +7,14 @@ Middleware logRequests() => (Handler inner) {\n       return (Request request) async {\n         var bodyInfo = '';\n+        var req = request;\n         if (request.mimeType == 'application/json') {\n           final body = await request.readAsString();\n           bodyInfo = ' body=$body';\n+          // the body stream can only be read once: pass the read body on\n+          req = request.change(body: body);\n         }\n         _log.info('${request.method} ${request.requestedUri.path}$bodyInfo');\n-        return inner(request);\n+        return inner(req);\n       };\n     };"),
        T("Bash", "dart test",
          "00:00 +0: loading test/recipes_api_test.dart\n00:01 +3: test/recipes_api_test.dart: POST /recipes creates a recipe\n00:01 +7: test/auth_api_test.dart: login rejects wrong password\n"
          "00:02 +12: test/models_test.dart: Recipe round-trips through toJson/fromJson\n00:02 +14: All tests passed!"),
        A("Fixed, tests pass (I added a POST test and JSON round-trip tests for the hand-written models). By the way, this middleware "
          "logs every JSON body, including `/auth/login` with the plain-text password. Should it be disabled in production, or skip auth routes?"),
        U("oh and config. right now the JWT secret is just a const in bin/server.dart, like this:\n"
          "const jwtSecret = 'rbx_jwt_4f1d9a7c2e8b6053aa91d7e4c2f08b36';\nhow should I do it properly? no dotenv package please, keep deps small"),
        A("Read it from the environment at startup and refuse to start without it:\n\n```dart\nfinal jwtSecret = Platform.environment['JWT_SECRET'] ??\n"
          "    (throw StateError('JWT_SECRET is not set'));\n```\n\nSame for `DATABASE_URL`. In Docker you pass them with `-e`/compose `environment:`. "
          "And since that value is in git history now, generate a new secret (all current tokens become invalid, which is fine pre-launch)."),
        T("Edit", "bin/server.dart",
          "@@ -12,7 +12,12 @@\n-const jwtSecret = 'rbx_jwt_4f1d9a7c2e8b6053aa91d7e4c2f08b36';\n+String _requireEnv(String name) =>\n+    Platform.environment[name] ?? (throw StateError('$name is not set'));\n+\n Future<void> main(List<String> args) async {\n+  final jwtSecret = _requireEnv('JWT_SECRET');\n+  final dbUrl = _requireEnv('DATABASE_URL');\n"),
        T("Bash", "dart analyze && JWT_SECRET=dev DATABASE_URL=postgres://localhost/recipebox dart run bin/server.dart & sleep 2; curl -s localhost:8080/healthz; kill %1",
          "Analyzing recipebox_server...\nNo issues found!\nServing at http://0.0.0.0:8080\nok"),
        U("perfect. Rate limiting for /auth/login next session, I'm done for today. thanks!!"),
        A("Have a good one! Today: plain `Router()` routes (codegen removed), hand-written JSON models instead of dartson so "
          "`dart compile exe` works, scratch Docker image, body-read fix in the logging middleware, `JWT_SECRET`/`DATABASE_URL` "
          "from the environment. Next: rate limiting on `/auth/login`."),
    ],
    "gold": [
        G("PROJECT", "recipebox_server: Dart 3 HTTP API on shelf + shelf_router, postgres package", ["shelf"], ["dart", "postgres", "router"]),
        G("PREFERENCE", "no code generation / build_runner (CI breaks when someone forgets to run it)", ["gen"],
          ["build_runner", "no code", "avoid", "hate", "without", "dislike"]),
        G("DECISION", "routes registered by hand on a plain shelf_router Router(), no annotations", ["router"],
          ["plain", "router()", "by hand", "manual", "hand-written", "handwritten"], ["lib/api/recipes_api.dart"]),
        G("FAILED", "dart compile exe failed: dartson uses dart:mirrors, unavailable in AOT", ["mirrors"],
          ["dartson", "compile exe", "aot", "exe", "native"], failure=True),
        G("DECISION", "models use hand-written fromJson/toJson (dartson removed)", ["json"],
          ["hand-written", "handwritten", "manual", "by hand", "fromjson", "tojson"], ["lib/models/recipe.dart"]),
        G("DECISION", "ship AOT binary (dart compile exe) in a scratch Docker image with /runtime/", ["exe"],
          ["scratch", "docker", "binary", "image"], ["Dockerfile"]),
        G("BUG_FIX", "POST 500 'Bad state: read can only be called once': logging middleware read the body -> pass request.change(body:)",
          ["body"], ["request.change", "change(", "once", "bad state", "single-subscription"], ["lib/middleware/request_log.dart"]),
        G("DECISION", "JWT_SECRET and DATABASE_URL read from Platform.environment, fail at startup if missing; no dotenv",
          ["jwt_secret"], ["environment", "env", "platform", "startup", "fail"], ["bin/server.dart"]),
        G("TODO", "rate limiting on /auth/login", ["rate"], ["login", "/auth"]),
    ],
    "dead_ends": [
        {"summary": "shelf_router_generator @Route annotations with build_runner (set up, then reverted by preference)", "all_of": ["shelf_router_generator"]},
        {"summary": "json_serializable / freezed codegen (listed, rejected)", "all_of": ["json_serializable"]},
        {"summary": "keep dartson and ship the JIT dart runtime image (considered, rejected)", "all_of": ["jit"]},
    ],
    "secrets": ["rbx_jwt_4f1d9a7c2e8b6053aa91d7e4c2f08b36"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
