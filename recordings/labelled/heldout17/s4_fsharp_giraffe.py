from h17lib import U, A, T, G, D, write

API_KEY = "or_live_5Hq2x9LmT7vB3nK8pW4zRc1D"

PROGRAM = '''module RatesApi.Program

open System
open Microsoft.AspNetCore.Builder
open Microsoft.Extensions.DependencyInjection
open Microsoft.Extensions.Hosting
open Giraffe
open Newtonsoft.Json
open RatesApi

let webApp =
    choose [
        GET >=> choose [
            route "/health" >=> text "ok"
            routef "/rates/%s" Handlers.getRate
            route "/rates/latest" >=> Handlers.latest
            route "/currencies" >=> Handlers.currencies
        ]
        ErrorHandling.notFound
    ]

[<EntryPoint>]
let main args =
    let builder = WebApplication.CreateBuilder(args)
    builder.Services.AddGiraffe() |> ignore
    builder.Services.AddSingleton<Json.ISerializer>(
        NewtonsoftJson.Serializer(JsonSerializerSettings(NullValueHandling = NullValueHandling.Ignore))) |> ignore
    builder.Services.AddHttpClient<Upstream.OpenRatesClient>() |> ignore
    let app = builder.Build()
    app.UseGiraffeErrorHandler(ErrorHandling.unhandled) |> ignore
    app.UseGiraffe webApp
    app.Run()
    0'''

ERRH = '''module RatesApi.ErrorHandling

open Microsoft.AspNetCore.Http
open Giraffe

type ApiError =
    | NotFound of string
    | Invalid of string
    | UpstreamFailed of string

let problem (status: int) (title: string) (detail: string) : HttpHandler =
    setStatusCode status
    >=> setHttpHeader "Content-Type" "application/problem+json"
    >=> json {| ``type`` = "about:blank"; title = title; status = status; detail = detail |}

let ofError =
    function
    | NotFound d -> problem 404 "Not Found" d
    | Invalid d -> problem 400 "Bad Request" d
    | UpstreamFailed d -> problem 502 "Upstream Failed" d

let ofResult (f: 'T -> HttpHandler) (r: Result<'T, ApiError>) : HttpHandler =
    match r with
    | Ok v -> f v
    | Error e -> ofError e

let notFound : HttpHandler = problem 404 "Not Found" "no such route"

let unhandled (ex: exn) _ = clearResponse >=> problem 500 "Internal Server Error" ex.Message'''

trim_warn = []
for asm, mem in [("FSharp.Core", "Microsoft.FSharp.Reflection.FSharpType.GetRecordFields(Type, BindingFlags)"),
                 ("FSharp.Core", "Microsoft.FSharp.Reflection.FSharpType.GetUnionCases(Type, BindingFlags)"),
                 ("FSharp.Core", "Microsoft.FSharp.Reflection.FSharpValue.PreComputeRecordConstructor(Type, BindingFlags)"),
                 ("FSharp.Core", "Microsoft.FSharp.Reflection.FSharpValue.PreComputeUnionTagReader(Type, BindingFlags)"),
                 ("FSharp.Core", "Microsoft.FSharp.Core.PrintfImpl.FormatParser.parseAndCreateFuncFactoryAux(...)"),
                 ("FSharp.SystemTextJson", "System.Text.Json.Serialization.JsonFSharpConverter.CreateConverter(Type, JsonSerializerOptions)"),
                 ("FSharp.SystemTextJson", "System.Text.Json.Serialization.JsonRecordConverter.CreateConverter(Type, JsonSerializerOptions, JsonFSharpOptions)"),
                 ("FSharp.SystemTextJson", "System.Text.Json.Serialization.JsonUnionConverter.CreateConverter(Type, JsonSerializerOptions, JsonFSharpOptions)"),
                 ("Giraffe", "Giraffe.SystemTextJson.Serializer.Deserialize<T>(String)"),
                 ("Giraffe", "Giraffe.SystemTextJson.Serializer.SerializeToBytes<T>(T)"),
                 ("Giraffe", "Giraffe.ModelBinding.ModelParser.parseModel<T>(...)"),
                 ("RatesApi", "RatesApi.Handlers.getRate(String)"),
                 ("RatesApi", "RatesApi.Handlers.latest")]:
    for code in ("IL2026", "IL2072", "IL2075"):
        trim_warn.append(f"#14 41.3 /src/src/RatesApi/RatesApi.fsproj : warning {code}: {asm}: Using member '{mem}' which has 'RequiresUnreferencedCodeAttribute' can break functionality when trimming application code. [/src/src/RatesApi/RatesApi.fsproj]")
DOCKER_TRIM = "\n".join([
    "$ docker build -t rates-api:trim .",
    "[+] Building 96.4s (15/15) FINISHED                                   docker:default",
    " => [internal] load build definition from Dockerfile                            0.0s",
    " => [build 1/6] FROM mcr.microsoft.com/dotnet/sdk:8.0                          0.0s",
    " => [stage-1 1/3] FROM mcr.microsoft.com/dotnet/aspnet:8.0                     0.0s",
    " => [build 4/6] RUN dotnet restore src/RatesApi/RatesApi.fsproj -r linux-x64  14.2s",
    " => [build 6/6] RUN dotnet publish src/RatesApi -c Release -r linux-x64 --self-contained -o /app  71.9s",
    "#14 12.8   Determining projects to restore...",
    "#14 13.4   All projects are up-to-date for restore.",
    "#14 29.0   RatesApi -> /src/src/RatesApi/bin/Release/net8.0/linux-x64/RatesApi.dll",
    "#14 31.7   Optimizing assemblies for size. This process might take a while.",
] + trim_warn + [
    "#14 71.8   RatesApi -> /app/",
    " => [stage-1 2/3] COPY --from=build /app .                                      0.3s",
    " => exporting to image                                                          0.4s",
    " => => naming to docker.io/library/rates-api:trim                               0.0s",
    "$ docker images rates-api",
    "REPOSITORY   TAG      IMAGE ID       CREATED          SIZE",
    "rates-api    trim     4c1e0b9d7a22   3 seconds ago    98.2MB",
    "rates-api    latest   a9f03e1c55b0   2 days ago       221MB"])

turns = [
    U("GET /rates/latest -> 404 \"currency not found: latest\". fix"),
    T("Read", "src/RatesApi/Program.fs", PROGRAM),
    A("Route order. Giraffe's `choose` tries handlers top to bottom and takes the first one that doesn't "
      "skip. `routef \"/rates/%s\"` matches *any* single segment, so `/rates/latest` is captured with "
      "`\"latest\"` as the currency code; `getRate` then looks up a currency called \"latest\", doesn't find "
      "it and returns its own 404 — it never falls through to `route \"/rates/latest\"`. Moving the literal "
      "route above the `routef` fixes it."),
    T("Edit", "src/RatesApi/Program.fs",
      '''@@ -13,8 +13,8 @@ let webApp =
         GET >=> choose [
             route "/health" >=> text "ok"
-            routef "/rates/%s" Handlers.getRate
             route "/rates/latest" >=> Handlers.latest
+            routef "/rates/%s" Handlers.getRate
             route "/currencies" >=> Handlers.currencies
         ]'''),
    T("Bash", "dotnet run --project src/RatesApi & sleep 6; curl -s localhost:5000/rates/latest | jq '.rates[0]'",
      '''Building...
info: Microsoft.Hosting.Lifetime[14]
      Now listening on: http://localhost:5000
info: Microsoft.Hosting.Lifetime[0]
      Application started. Press Ctrl+C to shut down.
{
  "Currency": "USD",
  "Rate": 1.0512,
  "Change": {
    "Case": "Some",
    "Fields": [
      0.0012
    ]
  },
  "AsOf": "2024-11-25T00:00:00Z"
}'''),
    U("works. Change field is garbage"),
    A("That's Newtonsoft's default encoding of F# unions: `option` is a union, so `Some 0.0012` becomes "
      "`{\"Case\":\"Some\",\"Fields\":[...]}` (and the PascalCase names come from the same serializer setup). "
      "Options:\n\n1. Switch Giraffe to System.Text.Json with **FSharp.SystemTextJson** "
      "(`JsonFSharpConverter`): options are unwrapped (`null`/value), records and unions get sane encodings, "
      "camelCase via the naming policy. Also drops the Newtonsoft dependency.\n2. Keep Newtonsoft and add "
      "**Microsoft.FSharpLu.Json** converters for option/union.\n3. **Thoth.Json.Net** with explicit "
      "encoders per type — most control, most code.\n\nI'd pick 1."),
    U("1. go"),
    T("Bash", "cd src/RatesApi && dotnet remove package Giraffe.NewtonsoftJson && dotnet add package FSharp.SystemTextJson --version 1.3.13",
      '''info : Removing PackageReference for package 'Giraffe.NewtonsoftJson' from project '/home/tk/rates-api/src/RatesApi/RatesApi.fsproj'.
  Determining projects to restore...
  Writing /tmp/tmpR2fVqw.tmp
info : X.509 certificate chain validation will use the fallback certificate bundle at '/usr/share/dotnet/sdk/8.0.303/trustedroots/codesignctl.pem'.
info : Adding PackageReference for package 'FSharp.SystemTextJson' into project '/home/tk/rates-api/src/RatesApi/RatesApi.fsproj'.
info :   GET https://api.nuget.org/v3/registration5-gz-semver2/fsharp.systemtextjson/index.json
info :   OK https://api.nuget.org/v3/registration5-gz-semver2/fsharp.systemtextjson/index.json 142ms
info : Restoring packages for /home/tk/rates-api/src/RatesApi/RatesApi.fsproj...
info : Package 'FSharp.SystemTextJson' is compatible with all the specified frameworks in project '/home/tk/rates-api/src/RatesApi/RatesApi.fsproj'.
info : PackageReference for package 'FSharp.SystemTextJson' version '1.3.13' added to file '/home/tk/rates-api/src/RatesApi/RatesApi.fsproj'.
info : Writing assets file to disk. Path: /home/tk/rates-api/src/RatesApi/obj/project.assets.json
log  : Restored /home/tk/rates-api/src/RatesApi/RatesApi.fsproj (in 1.21 sec).'''),
    T("Edit", "src/RatesApi/Program.fs",
      '''@@ -5,7 +5,8 @@ open Microsoft.Extensions.DependencyInjection
 open Microsoft.Extensions.Hosting
 open Giraffe
-open Newtonsoft.Json
+open System.Text.Json
+open System.Text.Json.Serialization
 open RatesApi
@@ -25,8 +26,11 @@ let main args =
     builder.Services.AddGiraffe() |> ignore
-    builder.Services.AddSingleton<Json.ISerializer>(
-        NewtonsoftJson.Serializer(JsonSerializerSettings(NullValueHandling = NullValueHandling.Ignore))) |> ignore
+    let jsonOpts =
+        JsonFSharpOptions.Default().WithUnwrapOption().WithSkippableOptionFields().ToJsonSerializerOptions()
+    jsonOpts.PropertyNamingPolicy <- JsonNamingPolicy.CamelCase
+    builder.Services.AddSingleton<Json.ISerializer>(Json.FsharpFriendlySerializer(jsonOpts)) |> ignore
     builder.Services.AddHttpClient<Upstream.OpenRatesClient>() |> ignore'''),
    T("Bash", "dotnet test",
      '''  Determining projects to restore...
  All projects are up-to-date for restore.
  RatesApi -> /home/tk/rates-api/src/RatesApi/bin/Debug/net8.0/RatesApi.dll
  RatesApi.Tests -> /home/tk/rates-api/tests/RatesApi.Tests/bin/Debug/net8.0/RatesApi.Tests.dll
Test run for /home/tk/rates-api/tests/RatesApi.Tests/bin/Debug/net8.0/RatesApi.Tests.dll (.NETCoreApp,Version=v8.0)
Microsoft (R) Test Execution Command Line Tool Version 17.10.0 (x64)
Copyright (c) Microsoft Corporation.  All rights reserved.

Starting test execution, please wait...
A total of 1 test files matched the specified pattern.

Passed!  - Failed:     0, Passed:    37, Skipped:     0, Total:    37, Duration: 1 s - RatesApi.Tests.dll (net8.0)'''),
    T("Bash", "curl -s localhost:5000/rates/latest | jq '.rates[0]'",
      '''{
  "currency": "USD",
  "rate": 1.0512,
  "change": 0.0012,
  "asOf": "2024-11-25T00:00:00Z"
}'''),
    U("image 221MB. smaller"),
    A("Two levers: trimming (`PublishTrimmed` + self-contained) cuts the runtime down to what's used, and a "
      "smaller base image (chiseled Ubuntu). Trimming gives the biggest win if the code is trim-safe, so I'll "
      "try that first."),
    T("Edit", "src/RatesApi/RatesApi.fsproj",
      '''@@ -4,6 +4,9 @@
     <TargetFramework>net8.0</TargetFramework>
     <InvariantGlobalization>true</InvariantGlobalization>
+    <PublishTrimmed>true</PublishTrimmed>
+    <SelfContained>true</SelfContained>
+    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
   </PropertyGroup>'''),
    T("Bash", "docker build -t rates-api:trim . && docker images rates-api", DOCKER_TRIM),
    T("Bash", "docker run --rm -d -p 8080:8080 --name rt rates-api:trim && sleep 2 && curl -s -i localhost:8080/rates/latest | head -5; docker logs rt 2>&1 | tail -12",
      '''HTTP/1.1 500 Internal Server Error
Content-Type: application/problem+json
Date: Mon, 25 Nov 2024 15:40:12 GMT
Server: Kestrel

fail: Giraffe.Middleware.GiraffeErrorHandlerMiddleware[0]
      An unhandled exception has occurred while executing the request.
      System.InvalidOperationException: Reflection-based serialization has been disabled for this application. Either use the source generator APIs or explicitly configure the 'JsonSerializerOptions.TypeInfoResolver' property.
         at System.Text.Json.ThrowHelper.ThrowInvalidOperationException_JsonSerializerIsReflectionDisabled()
         at System.Text.Json.JsonSerializerOptions.ConfigureForJsonSerializer()
         at System.Text.Json.JsonSerializer.GetTypeInfo(JsonSerializerOptions options, Type inputType)
         at System.Text.Json.JsonSerializer.SerializeToUtf8Bytes[TValue](TValue value, JsonSerializerOptions options)
         at Giraffe.SystemTextJson.Serializer.Giraffe-Json-ISerializer-SerializeToBytes[T](T x)
         at Giraffe.Core.json[T](T dataObj, FSharpFunc`2 next, HttpContext ctx)
         at RatesApi.Handlers.latest@41-3.Invoke(HttpContext ctx) in /src/src/RatesApi/Handlers.fs:line 41
         at Giraffe.Middleware.GiraffeMiddleware.Invoke(HttpContext ctx)'''),
    A("Trimming doesn't work for this app. In .NET 8 `PublishTrimmed` also sets "
      "`JsonSerializerIsReflectionEnabledByDefault=false`, and our JSON is entirely reflection-based "
      "(F# records through FSharp.SystemTextJson; STJ source generators don't support F# types). I could "
      "re-enable reflection, but the 39 IL2026/IL2072 warnings say the trimmer also strips members that "
      "FSharp.Core reflection needs, so we'd be trading 120 MB for runtime crashes in rarely hit paths. "
      "I'll revert the fsproj and use the chiseled base image instead."),
    U("revert. chiseled"),
    T("Bash", "git checkout -- src/RatesApi/RatesApi.fsproj && sed -i 's#dotnet/aspnet:8.0$#dotnet/aspnet:8.0-jammy-chiseled#' Dockerfile && git diff Dockerfile",
      '''diff --git a/Dockerfile b/Dockerfile
index 3b4f1a2..9c0d7e1 100644
--- a/Dockerfile
+++ b/Dockerfile
@@ -9,7 +9,7 @@ RUN dotnet publish src/RatesApi -c Release -o /app --no-restore

-FROM mcr.microsoft.com/dotnet/aspnet:8.0
+FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled
 WORKDIR /app
 COPY --from=build /app .
-USER app
+USER $APP_UID
 ENTRYPOINT ["dotnet", "RatesApi.dll"]'''),
    T("Bash", "docker build -q -t rates-api:chiseled . && docker images rates-api --format '{{.Tag}} {{.Size}}' && docker run --rm -d -p 8080:8080 rates-api:chiseled && sleep 2 && curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080/rates/latest",
      '''sha256:e81b7f0c2d44a9b1c3f6de20c1a5b9d8e7a6f5c4b3a29180f7e6d5c4b3a29180
chiseled 118MB
trim 98.2MB
latest 221MB
7d2a1c9e0b3f
200'''),
    U("ok. no comments in code btw. saw you added some. types say enough"),
    T("Edit", "src/RatesApi/Program.fs",
      '''@@ -26,7 +26,6 @@ let main args =
     builder.Services.AddGiraffe() |> ignore
-    // unwrap options so Some x -> x and None -> omitted
     let jsonOpts ='''),
    U("add GET /rates/{base}/{quote}. same error style as rest"),
    T("Read", "src/RatesApi/ErrorHandling.fs", ERRH),
    T("Read", "src/RatesApi/appsettings.Development.json",
      f'''{{
  "Logging": {{ "LogLevel": {{ "Default": "Information", "Microsoft.AspNetCore": "Warning" }} }},
  "OpenRates": {{
    "BaseUrl": "https://api.openrates.example/v2/",
    "ApiKey": "{API_KEY}",
    "TimeoutSeconds": 5
  }}
}}'''),
    A("Handlers here return `Result<'T, ApiError>` from the domain/upstream layer and turn it into a response "
      "with `ErrorHandling.ofResult`, so errors always come out as RFC 7807 `application/problem+json`. I'll "
      "follow that: validate both codes (`Invalid`), `NotFound` for unknown currencies, `UpstreamFailed` "
      "when OpenRates errors."),
    T("Edit", "src/RatesApi/Handlers.fs",
      '''@@ -52,0 +53,17 @@
+let pair (baseCode: string, quoteCode: string) : HttpHandler =
+    fun next ctx ->
+        task {
+            let client = ctx.GetService<Upstream.OpenRatesClient>()
+            let! result =
+                match Currency.parse baseCode, Currency.parse quoteCode with
+                | Ok b, Ok q -> client.Pair(b, q)
+                | Error e, _
+                | _, Error e -> Task.FromResult(Error(Invalid e))
+            return! ErrorHandling.ofResult json result next ctx
+        }'''),
    T("Edit", "src/RatesApi/Program.fs",
      '''@@ -15,6 +15,7 @@ let webApp =
             route "/rates/latest" >=> Handlers.latest
+            routef "/rates/%s/%s" Handlers.pair
             routef "/rates/%s" Handlers.getRate'''),
    T("Bash", "curl -s localhost:5000/rates/EUR/JPY; echo; curl -s -i localhost:5000/rates/EUR/XXX | sed -n '1p;$p'",
      '''{"base":"EUR","quote":"JPY","rate":161.93,"asOf":"2024-11-25T00:00:00Z"}
HTTP/1.1 404 Not Found
{"type":"about:blank","title":"Not Found","status":404,"detail":"unknown currency: XXX"}'''),
    U("good. cache upstream later. IMemoryCache, 5 min. not now"),
    A("Noted for later: cache OpenRates responses in `IMemoryCache` with a 5-minute TTL. Also: the OpenRates "
      "API key sits in plain text in `appsettings.Development.json` — want me to move it to `dotnet "
      "user-secrets`?"),
    U("commit"),
    T("Bash", "git add -A && git commit -m 'Fix /rates/latest route order, STJ + FSharp.SystemTextJson, chiseled image, /rates/{base}/{quote}'",
      '''[main 6be21f4] Fix /rates/latest route order, STJ + FSharp.SystemTextJson, chiseled image, /rates/{base}/{quote}
 5 files changed, 41 insertions(+), 12 deletions(-)'''),
]

sess = {
    "id": "h17_fsharp_giraffe",
    "project": "rates-api",
    "cwd_files": ["src/RatesApi/Program.fs", "src/RatesApi/Handlers.fs", "src/RatesApi/ErrorHandling.fs",
                  "src/RatesApi/RatesApi.fsproj", "Dockerfile", "src/RatesApi/appsettings.Development.json"],
    "turns": turns,
    "gold": [
        G("PROJECT", "rates-api: F# Giraffe web API on .NET 8",
          ["giraffe"], ["f#", "fsharp", ".net", "net8", "net 8"]),
        G("BUG_FIX", "/rates/latest 404: routef /rates/%s matched first -> literal route before routef",
          ["latest"], ["routef", "order", "before", "first"], ["src/RatesApi/Program.fs"]),
        G("DECISION", "System.Text.Json + FSharp.SystemTextJson (unwrap options) replaces Newtonsoft",
          ["json"], ["fsharp.systemtextjson", "jsonfsharpconverter", "system.text.json", "jsonfsharpoptions", "stj"],
          ["src/RatesApi/Program.fs"]),
        G("FAILED", "PublishTrimmed reverted: reflection-based JSON disabled/broken at runtime (500)",
          ["trim"], ["reflection", "json", "il2026", "500", "reverted"], ["src/RatesApi/RatesApi.fsproj"], failure=True),
        G("DECISION", "Docker runtime image aspnet:8.0-jammy-chiseled (221MB -> 118MB)",
          ["chiseled"], ["image", "docker", "118", "size", "base"], ["Dockerfile"]),
        G("PREFERENCE", "no comments in code; types speak for themselves",
          ["comment"], ["no", "avoid", "without", "types"]),
        G("PATTERN", "handlers return Result<_, ApiError>, ErrorHandling.ofResult -> RFC7807 problem+json",
          ["problem"], ["result", "ofresult", "rfc", "errorhandling", "apierror"], ["src/RatesApi/ErrorHandling.fs"]),
        G("TODO", "cache upstream OpenRates responses in IMemoryCache, 5 min",
          ["cache"], ["imemorycache", "5 min", "upstream", "openrates", "rates"]),
    ],
    "dead_ends": [
        D("Thoth.Json.Net explicit encoders (listed, not chosen)", ["thoth"]),
        D("Microsoft.FSharpLu.Json converters with Newtonsoft (listed, not chosen)", ["fsharplu"]),
    ],
    "secrets": [API_KEY],
}

if __name__ == "__main__":
    write(sess)
