import random
from _common import U, A, T, G, write

rnd = random.Random(4242)

CSPROJ = '''<Project Sdk="Microsoft.NET.Sdk.Web">

  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <UserSecretsId>clinic-booking-api-5b1e</UserSecretsId>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.OpenApi" Version="8.0.4" />
    <PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.4" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="8.0.4">
      <PrivateAssets>all</PrivateAssets>
      <IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>
    </PackageReference>
    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.2" />
    <PackageReference Include="Swashbuckle.AspNetCore" Version="6.5.0" />
    <PackageReference Include="Twilio" Version="7.0.5" />
  </ItemGroup>

</Project>'''

AVAIL = '''using ClinicBooking.Api.Data;
using ClinicBooking.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Api.Endpoints;

public static class AvailabilityEndpoints
{
    public static RouteGroupBuilder MapAvailability(this RouteGroupBuilder group)
    {
        group.MapGet("/clinics/{clinicId:guid}/availability", GetAvailability);
        return group;
    }

    static async Task<Results<Ok<List<SlotDto>>, NotFound>> GetAvailability(
        Guid clinicId, DateOnly date, AppDbContext db, CancellationToken ct)
    {
        var practitioners = await db.Practitioners
            .Where(p => p.ClinicId == clinicId && p.Active)
            .ToListAsync(ct);
        if (practitioners.Count == 0) return TypedResults.NotFound();

        var dayStart = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var dayEnd = dayStart.AddDays(1);

        // load each practitioner's bookings in parallel (faster with many practitioners)
        var tasks = practitioners.Select(p => db.Appointments
            .Where(a => a.PractitionerId == p.Id && a.StartsAt >= dayStart && a.StartsAt < dayEnd)
            .ToListAsync(ct));
        var booked = await Task.WhenAll(tasks);

        var slots = new List<SlotDto>();
        for (var i = 0; i < practitioners.Count; i++)
            slots.AddRange(SlotCalculator.FreeSlots(practitioners[i], dayStart, booked[i]));
        return TypedResults.Ok(slots);
    }
}'''


def ef_cmd(ms=None):
    pid = f"{rnd.getrandbits(32):08x}-{rnd.getrandbits(16):04x}-4{rnd.getrandbits(12):03x}-a{rnd.getrandbits(12):03x}-{rnd.getrandbits(48):012x}"
    ms = ms if ms is not None else rnd.randint(1, 9)
    return (f"info: Microsoft.EntityFrameworkCore.Database.Command[20101]\n"
            f"      Executed DbCommand ({ms}ms) [Parameters=[@__p_Id_0='{pid}', @__dayStart_1='2026-12-01T00:00:00.0000000Z' (DbType = DateTime), "
            f"@__dayEnd_2='2026-12-02T00:00:00.0000000Z' (DbType = DateTime)], CommandType='Text', CommandTimeout='30']\n"
            f"      SELECT a.\"Id\", a.\"CancelledAt\", a.\"ClinicId\", a.\"CreatedAt\", a.\"EndsAt\", a.\"PatientId\", a.\"PractitionerId\", a.\"StartsAt\", a.\"Status\", a.\"Reminder\"\n"
            f"      FROM \"Appointments\" AS a\n"
            f"      WHERE a.\"PractitionerId\" = @__p_Id_0 AND a.\"StartsAt\" >= @__dayStart_1 AND a.\"StartsAt\" < @__dayEnd_2")


def test_fail_output():
    out = ["  Determining projects to restore...",
           "  All projects are up-to-date for restore.",
           "  ClinicBooking.Api -> /home/jonas/src/clinic-booking/src/ClinicBooking.Api/bin/Debug/net8.0/ClinicBooking.Api.dll",
           "  ClinicBooking.Tests -> /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/bin/Debug/net8.0/ClinicBooking.Tests.dll",
           "Test run for /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/bin/Debug/net8.0/ClinicBooking.Tests.dll (.NETCoreApp,Version=v8.0)",
           "Microsoft (R) Test Execution Command Line Tool Version 17.9.0 (x64)",
           "Copyright (c) Microsoft Corporation.  All rights reserved.",
           "",
           "Starting test execution, please wait...",
           "A total of 1 test files matched the specified pattern.",
           "info: Microsoft.EntityFrameworkCore.Database.Command[20101]",
           "      Executed DbCommand (14ms) [Parameters=[], CommandType='Text', CommandTimeout='30']",
           "      SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace WHERE n.nspname='public' AND c.relname='__EFMigrationsHistory')",
           "info: Microsoft.EntityFrameworkCore.Migrations[20405]",
           "      No migrations were applied. The database is already up to date.",
           ]
    for run in range(6):
        out.append("info: Microsoft.EntityFrameworkCore.Database.Command[20101]")
        out.append(f"      Executed DbCommand ({rnd.randint(1,4)}ms) [Parameters=[@__clinicId_0='7c0b6a1e-3a44-4b1f-9d0e-2f7f3c9e11a2'], CommandType='Text', CommandTimeout='30']")
        out.append("      SELECT p.\"Id\", p.\"Active\", p.\"ClinicId\", p.\"DisplayName\", p.\"SlotMinutes\", p.\"WorkingHours\"")
        out.append("      FROM \"Practitioners\" AS p")
        out.append("      WHERE p.\"ClinicId\" = @__clinicId_0 AND p.\"Active\"")
        for _ in range(rnd.randint(1, 3)):
            out.append(ef_cmd())
    out += [
        "fail: Microsoft.EntityFrameworkCore.Query[10100]",
        "      An exception occurred while iterating over the results of a query for context type 'ClinicBooking.Api.Data.AppDbContext'.",
        "      System.InvalidOperationException: A second operation was started on this context instance before a previous operation completed. This is usually caused by different threads concurrently using the same instance of DbContext. For more information on how to avoid threading issues with DbContext, see https://go.microsoft.com/fwlink/?linkid=2097913.",
        "         at Microsoft.EntityFrameworkCore.Infrastructure.Internal.ConcurrencyDetector.EnterCriticalSection()",
        "         at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()",
        "fail: Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware[1]",
        "      An unhandled exception has occurred while executing the request.",
        "      System.InvalidOperationException: A second operation was started on this context instance before a previous operation completed. This is usually caused by different threads concurrently using the same instance of DbContext. For more information on how to avoid threading issues with DbContext, see https://go.microsoft.com/fwlink/?linkid=2097913.",
        "         at Microsoft.EntityFrameworkCore.Infrastructure.Internal.ConcurrencyDetector.EnterCriticalSection()",
        "         at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()",
        "         at Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync[TSource](IQueryable`1 source, CancellationToken cancellationToken)",
        "         at ClinicBooking.Api.Endpoints.AvailabilityEndpoints.GetAvailability(Guid clinicId, DateOnly date, AppDbContext db, CancellationToken ct) in /home/jonas/src/clinic-booking/src/ClinicBooking.Api/Endpoints/AvailabilityEndpoints.cs:line 31",
        "         at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)",
        "         at Microsoft.AspNetCore.Routing.EndpointMiddleware.<Invoke>g__AwaitRequestTask|7_0(Endpoint endpoint, Task requestTask, ILogger logger)",
        "         at Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddlewareImpl.Invoke(HttpContext context)",
        "  Failed ClinicBooking.Tests.AvailabilityTests.Availability_TwoPractitioners_ReturnsSlotsForBoth [312 ms]",
        "  Error Message:",
        "   Assert.Equal() Failure: Values differ",
        "Expected: OK",
        "Actual:   InternalServerError",
        "  Stack Trace:",
        "     at ClinicBooking.Tests.AvailabilityTests.Availability_TwoPractitioners_ReturnsSlotsForBoth() in /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/AvailabilityTests.cs:line 58",
        "--- End of stack trace from previous location ---",
        "  Failed ClinicBooking.Tests.AvailabilityTests.Availability_FivePractitioners_NoOverlap [97 ms]",
        "  Error Message:",
        "   Assert.Equal() Failure: Values differ",
        "Expected: OK",
        "Actual:   InternalServerError",
        "  Stack Trace:",
        "     at ClinicBooking.Tests.AvailabilityTests.Availability_FivePractitioners_NoOverlap() in /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/AvailabilityTests.cs:line 81",
        "--- End of stack trace from previous location ---",
        "",
        "Failed!  - Failed:     2, Passed:     4, Skipped:     0, Total:     6, Duration: 1 s - ClinicBooking.Tests.dll (net8.0)",
    ]
    return "\n".join(out)


def test_pass_output(total=31, secs="4 s"):
    out = ["  Determining projects to restore...", "  All projects are up-to-date for restore.",
           "  ClinicBooking.Api -> /home/jonas/src/clinic-booking/src/ClinicBooking.Api/bin/Debug/net8.0/ClinicBooking.Api.dll",
           "  ClinicBooking.Tests -> /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/bin/Debug/net8.0/ClinicBooking.Tests.dll",
           "Test run for /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/bin/Debug/net8.0/ClinicBooking.Tests.dll (.NETCoreApp,Version=v8.0)",
           "Microsoft (R) Test Execution Command Line Tool Version 17.9.0 (x64)", "Copyright (c) Microsoft Corporation.  All rights reserved.",
           "", "Starting test execution, please wait...", "A total of 1 test files matched the specified pattern.", "",
           f"Passed!  - Failed:     0, Passed:    {total}, Skipped:     0, Total:    {total}, Duration: {secs} - ClinicBooking.Tests.dll (net8.0)"]
    return "\n".join(out)


APPSETTINGS = '''{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning",
      "Microsoft.EntityFrameworkCore.Database.Command": "Information"
    }
  },
  "ConnectionStrings": {
    "Clinic": "Host=localhost;Port=5432;Database=clinic;Username=clinic_app;Password=Zr4!kP9wQm2s"
  },
  "Twilio": {
    "AccountSid": "AC5d2e8f1a9b7c3e4d6f0a1b2c3d4e5f60",
    "AuthToken": "9f4e2c71b8a05d3e6c1f7a2b4d8e0c95",
    "From": "+4915735982210"
  },
  "Reminders": {
    "LeadTime": "24:00:00",
    "PollInterval": "00:05:00"
  }
}'''

WORKER_V1 = '''+using ClinicBooking.Api.Data;
+using ClinicBooking.Api.Sms;
+using Microsoft.EntityFrameworkCore;
+using Microsoft.Extensions.Options;
+
+namespace ClinicBooking.Api.Reminders;
+
+public sealed class ReminderWorker(AppDbContext db, ISmsSender sms, IOptions<ReminderOptions> opts,
+    TimeProvider clock, ILogger<ReminderWorker> log) : BackgroundService
+{
+    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
+    {
+        using var timer = new PeriodicTimer(opts.Value.PollInterval);
+        do
+        {
+            try { await SendDueAsync(stoppingToken); }
+            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "reminder tick failed"); }
+        } while (await timer.WaitForNextTickAsync(stoppingToken));
+    }
+
+    async Task SendDueAsync(CancellationToken ct)
+    {
+        var now = clock.GetUtcNow().UtcDateTime;
+        var horizon = now + opts.Value.LeadTime;
+        var due = await db.Appointments
+            .Include(a => a.Patient)
+            .Where(a => a.Status == AppointmentStatus.Booked && a.StartsAt <= horizon && a.StartsAt > now
+                        && a.Reminder.SentAt == null)
+            .ToListAsync(ct);
+        foreach (var a in due)
+            await sms.SendAsync(a.Patient.Phone, ReminderText.For(a), ct);
+
+        await db.Appointments
+            .Where(a => due.Select(d => d.Id).Contains(a.Id))
+            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Reminder.SentAt, now), ct);
+    }
+}'''

SCOPED_ERR = '''Unhandled exception. System.AggregateException: Some services are not able to be constructed (Error while validating the service descriptor 'ServiceType: Microsoft.Extensions.Hosting.IHostedService Lifetime: Singleton ImplementationType: ClinicBooking.Api.Reminders.ReminderWorker': Cannot consume scoped service 'ClinicBooking.Api.Data.AppDbContext' from singleton 'Microsoft.Extensions.Hosting.IHostedService'.)
 ---> System.InvalidOperationException: Error while validating the service descriptor 'ServiceType: Microsoft.Extensions.Hosting.IHostedService Lifetime: Singleton ImplementationType: ClinicBooking.Api.Reminders.ReminderWorker': Cannot consume scoped service 'ClinicBooking.Api.Data.AppDbContext' from singleton 'Microsoft.Extensions.Hosting.IHostedService'.
 ---> System.InvalidOperationException: Cannot consume scoped service 'ClinicBooking.Api.Data.AppDbContext' from singleton 'Microsoft.Extensions.Hosting.IHostedService'.
   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteValidator.VisitScopeCache(ServiceCallSite scopedCallSite, CallSiteValidatorState state)
   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteVisitor`2.VisitCallSite(ServiceCallSite callSite, TArgument argument)
   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteValidator.VisitConstructor(ConstructorCallSite constructorCallSite, CallSiteValidatorState state)
   at Microsoft.Extensions.DependencyInjection.ServiceProvider.ValidateService(ServiceDescriptor descriptor)
   --- End of inner exception stack trace ---
   at Microsoft.Extensions.DependencyInjection.ServiceProvider..ctor(ICollection`1 serviceDescriptors, ServiceProviderOptions options)
   at Microsoft.Extensions.Hosting.HostApplicationBuilder.Build()
   at Microsoft.AspNetCore.Builder.WebApplicationBuilder.Build()
   at Program.<Main>$(String[] args) in /home/jonas/src/clinic-booking/src/ClinicBooking.Api/Program.cs:line 41'''

EXEC_UPDATE_ERR = '''  Failed ClinicBooking.Tests.ReminderWorkerTests.SendsOnceAndMarksSent [488 ms]
  Error Message:
   System.InvalidOperationException : The LINQ expression 'DbSet<Appointment>()
    .Where(a => __Select_0.Contains(a.Id))
    .ExecuteUpdate(s => s.SetProperty<DateTime?>(
        propertyExpression: a => a.Reminder.SentAt,
        valueExpression: __now_1))' could not be translated. Additional information: The following 'SetProperty' failed to translate: 'SetProperty(a => a.Reminder.SentAt, __now_1)'. ExecuteUpdate over properties of owned entity types mapped to JSON is not supported. Either rewrite the query in a form that can be translated, or switch to client evaluation explicitly by inserting a call to 'AsEnumerable', 'AsAsyncEnumerable', 'ToList', or 'ToListAsync'. See https://go.microsoft.com/fwlink/?linkid=2101038 for more information.
  Stack Trace:
     at Microsoft.EntityFrameworkCore.Query.RelationalQueryableMethodTranslatingExpressionVisitor.TranslateExecuteUpdate(ShapedQueryExpression source, LambdaExpression setPropertyCalls)
     at Microsoft.EntityFrameworkCore.Query.QueryableMethodTranslatingExpressionVisitor.VisitMethodCall(MethodCallExpression methodCallExpression)
     at Microsoft.EntityFrameworkCore.Query.QueryCompilationContext.CreateQueryExecutor[TResult](Expression query)
     at Microsoft.EntityFrameworkCore.Storage.Database.CompileQuery[TResult](Expression query, Boolean async)
     at Microsoft.EntityFrameworkCore.Query.Internal.QueryCompiler.ExecuteAsync[TResult](Expression query, CancellationToken cancellationToken)
     at Microsoft.EntityFrameworkCore.RelationalQueryableExtensions.ExecuteUpdateAsync[TSource](IQueryable`1 source, Expression`1 setPropertyCalls, CancellationToken cancellationToken)
     at ClinicBooking.Api.Reminders.ReminderWorker.SendDueAsync(CancellationToken ct) in /home/jonas/src/clinic-booking/src/ClinicBooking.Api/Reminders/ReminderWorker.cs:line 47
     at ClinicBooking.Tests.ReminderWorkerTests.SendsOnceAndMarksSent() in /home/jonas/src/clinic-booking/tests/ClinicBooking.Tests/ReminderWorkerTests.cs:line 39
--- End of stack trace from previous location ---

Failed!  - Failed:     1, Passed:    31, Skipped:     0, Total:    32, Duration: 4 s - ClinicBooking.Tests.dll (net8.0)'''

session = {
    "id": "clinic_efcore",
    "project": "clinic-booking",
    "cwd_files": ["src/ClinicBooking.Api/ClinicBooking.Api.csproj", "src/ClinicBooking.Api/Program.cs",
                  "src/ClinicBooking.Api/Endpoints/AvailabilityEndpoints.cs", "src/ClinicBooking.Api/Reminders/ReminderWorker.cs",
                  "src/ClinicBooking.Api/Data/AppDbContext.cs", "src/ClinicBooking.Api/appsettings.Development.json",
                  "tests/ClinicBooking.Tests/AvailabilityTests.cs"],
    "turns": [
        U("ok so... the availability endpoint is throwing 500s, but only sometimes. I think it's related to the parallel thing I "
          "added last week? not sure. Actually let me think, it only happens for clinics with more than one practitioner. "
          "Hmm. Which would fit. Can you look at Endpoints/AvailabilityEndpoints.cs"),
        A("Let me check the project and that endpoint, then run the availability tests."),
        T("Read", "src/ClinicBooking.Api/ClinicBooking.Api.csproj", CSPROJ),
        T("Read", "src/ClinicBooking.Api/Endpoints/AvailabilityEndpoints.cs", AVAIL),
        T("Bash", "dotnet test --filter FullyQualifiedName~Availability", test_fail_output()),
        A("Your hunch is right. `AppDbContext` is registered as scoped (one instance per request) and **a DbContext is not "
          "thread-safe**: it can only run one operation at a time. `practitioners.Select(p => ...ToListAsync())` starts all "
          "the queries at once on the same context and `Task.WhenAll` awaits them together, so as soon as there are two "
          "practitioners, the second query starts while the first is still reading and EF's concurrency detector throws "
          "`A second operation was started on this context instance`. With one practitioner there is only one query, hence 'sometimes'.\n\n"
          "Two ways out:\n1. **One query** for all practitioners: `Where(a => ids.Contains(a.PractitionerId) && ...)`, then group in memory. "
          "One round trip instead of N.\n2. Inject `IDbContextFactory<AppDbContext>` and create a short-lived context per task, so the "
          "queries really run in parallel (N connections from the pool per request)."),
        U("hmm. the factory thing was what I had in mind originally... but one query is fewer round trips, right? and we have "
          "like 8 practitioners max per clinic. yeah. Actually wait, does Contains translate to `= ANY` with Npgsql? I think it "
          "does. ok, single query, go."),
        T("Edit", "src/ClinicBooking.Api/Endpoints/AvailabilityEndpoints.cs",
          "@@ -27,13 +27,16 @@ static async Task<Results<Ok<List<SlotDto>>, NotFound>> GetAvailability(\n         var dayEnd = dayStart.AddDays(1);\n \n-        // load each practitioner's bookings in parallel (faster with many practitioners)\n-        var tasks = practitioners.Select(p => db.Appointments\n-            .Where(a => a.PractitionerId == p.Id && a.StartsAt >= dayStart && a.StartsAt < dayEnd)\n-            .ToListAsync(ct));\n-        var booked = await Task.WhenAll(tasks);\n+        // One query for all practitioners. Never run queries concurrently on the request's\n+        // DbContext (Task.WhenAll here caused \"A second operation was started on this context\").\n+        var ids = practitioners.Select(p => p.Id).ToList();\n+        var booked = (await db.Appointments\n+                .Where(a => ids.Contains(a.PractitionerId) && a.StartsAt >= dayStart && a.StartsAt < dayEnd\n+                            && a.Status != AppointmentStatus.Cancelled)\n+                .ToListAsync(ct))\n+            .ToLookup(a => a.PractitionerId);\n \n         var slots = new List<SlotDto>();\n-        for (var i = 0; i < practitioners.Count; i++)\n-            slots.AddRange(SlotCalculator.FreeSlots(practitioners[i], dayStart, booked[i]));\n+        foreach (var p in practitioners)\n+            slots.AddRange(SlotCalculator.FreeSlots(p, dayStart, booked[p.Id]));\n         return TypedResults.Ok(slots);\n"),
        T("Bash", "dotnet test --filter FullyQualifiedName~Availability 2>&1 | grep -E 'WHERE|Passed!|Failed!'",
          "      WHERE p.\"ClinicId\" = @__clinicId_0 AND p.\"Active\"\n      WHERE a.\"PractitionerId\" = ANY (@__ids_0) AND a.\"StartsAt\" >= @__dayStart_1 AND a.\"StartsAt\" < @__dayEnd_2 AND a.\"Status\" <> 'cancelled'\n"
          "Passed!  - Failed:     0, Passed:     6, Skipped:     0, Total:     6, Duration: 1 s - ClinicBooking.Tests.dll (net8.0)"),
        A("Fixed, and yes: Npgsql translates `Contains` to `= ANY (@__ids_0)`. I also excluded cancelled appointments, which the old "
          "code counted as booked. Is that right for your domain, or should a cancelled slot stay blocked for some time?"),
        U("Now the reminders. We need to send SMS reminders 24h before the appointment. I was thinking Hangfire? Or... hmm. "
          "I don't know, what would you do"),
        A("Options, roughly from heavy to light:\n\n1. **Hangfire**: persistent job storage (its own tables in Postgres), retries, "
          "dashboard. Good if you have many job types.\n2. **Quartz.NET**: cron-style scheduling, clustering support.\n"
          "3. A plain **`BackgroundService`** with `PeriodicTimer`: every 5 minutes find booked appointments starting within 24h "
          "whose reminder hasn't been sent, send, mark as sent. No new dependencies.\n\nOption 3 is enough if only one instance "
          "of the API runs; with several instances they would all send. How many instances do you run?"),
        U("one container, yes. let's go with the BackgroundService, I don't want another dashboard and another schema to babysit."),
        T("Read", "src/ClinicBooking.Api/appsettings.Development.json", APPSETTINGS),
        A("Note that `appsettings.Development.json` is committed and contains the database password and the Twilio auth token. "
          "I'll write the worker first and then we can move those out."),
        T("Edit", "src/ClinicBooking.Api/Reminders/ReminderWorker.cs", WORKER_V1),
        T("Edit", "src/ClinicBooking.Api/Program.cs", "@@ -38,6 +38,8 @@ builder.Services.AddDbContext<AppDbContext>(o =>\n     o.UseNpgsql(builder.Configuration.GetConnectionString(\"Clinic\")));\n+builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(\"Reminders\"));\n+builder.Services.AddHostedService<ReminderWorker>();\n"),
        T("Bash", "dotnet run --project src/ClinicBooking.Api", SCOPED_ERR),
        A("Right, my mistake: hosted services are singletons and can't take the scoped `AppDbContext` in their constructor. "
          "The worker has to create a scope per tick with `IServiceScopeFactory` and resolve the context from it."),
        T("Edit", "src/ClinicBooking.Api/Reminders/ReminderWorker.cs",
          "@@ -8,2 +8,2 @@\n-public sealed class ReminderWorker(AppDbContext db, ISmsSender sms, IOptions<ReminderOptions> opts,\n+public sealed class ReminderWorker(IServiceScopeFactory scopes, ISmsSender sms, IOptions<ReminderOptions> opts,\n     TimeProvider clock, ILogger<ReminderWorker> log) : BackgroundService\n@@ -20,4 +20,6 @@\n     async Task SendDueAsync(CancellationToken ct)\n     {\n+        await using var scope = scopes.CreateAsyncScope();\n+        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();\n         var now = clock.GetUtcNow().UtcDateTime;\n"),
        T("Bash", "dotnet test", EXEC_UPDATE_ERR),
        A("Now the `ExecuteUpdateAsync` at the end fails: `Reminder` is an owned type mapped with `.ToJson()` (one `jsonb` column), "
          "and EF Core 8 can't translate `ExecuteUpdate` on properties inside a JSON-mapped owned entity. Rather than fight that, I'll "
          "revert to the ordinary tracked update: set `a.Reminder.SentAt` on the loaded entities and `SaveChangesAsync`. It's at most "
          "a few dozen rows per tick. It also marks each appointment right after its SMS goes out, so a crash mid-loop "
          "doesn't resend the ones already sent."),
        T("Edit", "src/ClinicBooking.Api/Reminders/ReminderWorker.cs",
          "@@ -34,10 +34,10 @@\n-        foreach (var a in due)\n-            await sms.SendAsync(a.Patient.Phone, ReminderText.For(a), ct);\n-\n-        await db.Appointments\n-            .Where(a => due.Select(d => d.Id).Contains(a.Id))\n-            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Reminder.SentAt, now), ct);\n+        // ExecuteUpdate can't target Reminder (owned, mapped ToJson) in EF Core 8 -> tracked update.\n+        foreach (var a in due)\n+        {\n+            await sms.SendAsync(a.Patient.Phone, ReminderText.For(a), ct);\n+            a.Reminder.SentAt = now;\n+            await db.SaveChangesAsync(ct);\n+        }\n"),
        T("Bash", "dotnet test", test_pass_output(32, "4 s")),
        U("nice. And the secrets, ugh, yes. Move them to dotnet user-secrets, the UserSecretsId is already in the csproj I think. "
          "And I'll rotate the Twilio token later today, it's been in git for months probably"),
        T("Bash", "cd src/ClinicBooking.Api && dotnet user-secrets set \"ConnectionStrings:Clinic\" \"Host=localhost;Port=5432;Database=clinic;Username=clinic_app;Password=Zr4!kP9wQm2s\" && dotnet user-secrets set \"Twilio:AuthToken\" \"9f4e2c71b8a05d3e6c1f7a2b4d8e0c95\" && dotnet user-secrets list | sed 's/=.*/=<hidden>/'",
          "Successfully saved ConnectionStrings:Clinic = Host=localhost;Port=5432;Database=clinic;Username=clinic_app;Password=Zr4!kP9wQm2s to the secret store.\n"
          "Successfully saved Twilio:AuthToken = 9f4e2c71b8a05d3e6c1f7a2b4d8e0c95 to the secret store.\nTwilio:AuthToken =<hidden>\nConnectionStrings:Clinic =<hidden>"),
        T("Edit", "src/ClinicBooking.Api/appsettings.Development.json",
          "@@ -9,9 +9,8 @@\n   \"ConnectionStrings\": {\n-    \"Clinic\": \"Host=localhost;Port=5432;Database=clinic;Username=clinic_app;Password=Zr4!kP9wQm2s\"\n+    \"Clinic\": \"(set with: dotnet user-secrets set ConnectionStrings:Clinic ...)\"\n   },\n   \"Twilio\": {\n     \"AccountSid\": \"AC5d2e8f1a9b7c3e4d6f0a1b2c3d4e5f60\",\n-    \"AuthToken\": \"9f4e2c71b8a05d3e6c1f7a2b4d8e0c95\",\n     \"From\": \"+4915735982210\"\n"),
        T("Bash", "dotnet test 2>&1 | tail -1", "Passed!  - Failed:     0, Passed:    32, Skipped:     0, Total:    32, Duration: 4 s - ClinicBooking.Tests.dll (net8.0)"),
        A("Moved. In Development the user-secrets source is loaded automatically because of `UserSecretsId`, and the tests still pass. "
          "The old values are still in git history, so rotating both the Twilio token and the DB password is the right call."),
        U("hmm, thinking about it... our tests run against the local postgres that everyone has to set up by hand. and the CI "
          "doesn't run the DB tests at all, which is how this WhenAll thing got to prod I guess. We should move to Testcontainers. "
          "Not today though, I'm out of time. Thanks, that was really useful!"),
        A("Makes sense, Testcontainers would give CI a real Postgres per run. Today's changes: single-query availability (fixes the "
          "DbContext concurrency 500), `ReminderWorker` (BackgroundService + PeriodicTimer, scope per tick, tracked update), secrets in "
          "user-secrets. Open: Testcontainers for the DB tests, rotate the Twilio token and DB password."),
    ],
    "gold": [
        G("PROJECT", "clinic-booking: .NET 8 minimal API, EF Core 8 + Npgsql (PostgreSQL), Twilio SMS", ["ef core"],
          ["minimal api", ".net", "postgres", "npgsql", "asp.net"]),
        G("BUG_FIX", "availability 500 'second operation started on this context': Task.WhenAll queries on one scoped DbContext -> single query with Contains over practitioner ids",
          ["context"], ["whenall", "second operation", "concurren", "parallel", "single query", "one query", "thread"],
          ["src/ClinicBooking.Api/Endpoints/AvailabilityEndpoints.cs"]),
        G("DECISION", "SMS reminders 24h ahead via BackgroundService + PeriodicTimer (single container), no job library",
          ["reminder"], ["backgroundservice", "periodictimer", "hosted service", "worker"], ["src/ClinicBooking.Api/Reminders/ReminderWorker.cs"]),
        G("PATTERN", "hosted services can't take scoped AppDbContext: ReminderWorker creates a scope per tick via IServiceScopeFactory",
          ["scope"], ["iservicescopefactory", "singleton", "hosted", "per tick", "createasyncscope"], ["src/ClinicBooking.Api/Reminders/ReminderWorker.cs"]),
        G("FAILED", "ExecuteUpdateAsync on Reminder.SentAt (owned type mapped ToJson) not translatable in EF Core 8 -> reverted to tracked update + SaveChanges",
          ["executeupdate"], ["json", "owned", "translat", "reverted", "savechanges"], ["src/ClinicBooking.Api/Reminders/ReminderWorker.cs"], failure=True),
        G("DECISION", "DB password and Twilio token moved out of appsettings.Development.json into dotnet user-secrets",
          ["secrets"], ["user-secrets", "user secrets", "appsettings"], ["src/ClinicBooking.Api/appsettings.Development.json"]),
        G("TODO", "move DB tests to Testcontainers so CI runs them against a real Postgres", ["testcontainers"], ["test", "ci", "postgres", "integration"]),
        G("TODO", "rotate Twilio auth token and DB password (were committed in git)", ["rotat"], ["twilio", "token", "password"]),
    ],
    "dead_ends": [
        {"summary": "IDbContextFactory context per task for parallel queries (considered, single query chosen)", "all_of": ["IDbContextFactory"]},
        {"summary": "Hangfire for reminders (considered, rejected)", "all_of": ["hangfire"]},
        {"summary": "Quartz.NET for reminders (listed, not picked)", "all_of": ["quartz"]},
    ],
    "secrets": ["Zr4!kP9wQm2s", "9f4e2c71b8a05d3e6c1f7a2b4d8e0c95"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
