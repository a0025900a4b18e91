from _common import U, A, T, G, write

MIX = '''defmodule Tinyshift.MixProject do
  use Mix.Project

  def project do
    [
      app: :tinyshift,
      version: "0.4.0",
      elixir: "~> 1.16",
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env() == :prod,
      aliases: aliases(),
      deps: deps()
    ]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:phoenix_ecto, "~> 4.5"},
      {:phoenix_html, "~> 4.1"},
      {:phoenix_live_reload, "~> 1.2", only: :dev},
      {:phoenix_live_view, "~> 0.20.17"},
      {:floki, ">= 0.30.0", only: :test},
      {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
      {:tailwind, "~> 0.2", runtime: Mix.env() == :dev},
      {:ash, "~> 3.4"},
      {:ash_postgres, "~> 2.4"},
      {:ash_phoenix, "~> 2.1"},
      {:ash_authentication, "~> 4.1"},
      {:ash_authentication_phoenix, "~> 2.1"},
      {:swoosh, "~> 1.5"},
      {:telemetry_metrics, "~> 1.0"},
      {:jason, "~> 1.2"},
      {:bandit, "~> 1.5"}
    ]
  end

  defp aliases do
    [
      setup: ["deps.get", "ash.setup", "assets.setup", "assets.build"],
      test: ["ash.setup --quiet", "test"]
    ]
  end
end'''

SHIFT = '''defmodule Tinyshift.Scheduling.Shift do
  use Ash.Resource,
    otp_app: :tinyshift,
    domain: Tinyshift.Scheduling,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "shifts"
    repo Tinyshift.Repo
  end

  actions do
    defaults [:read, :destroy, :create, :update]

    read :for_week do
      argument :week_start, :date, allow_nil?: false
      filter expr(starts_at >= ^arg(:week_start) and starts_at < date_add(^arg(:week_start), 7, :day))
      prepare build(sort: [starts_at: :asc], load: [:member])
    end
  end

  attributes do
    uuid_primary_key :id
    attribute :starts_at, :utc_datetime, allow_nil?: false, public?: true
    attribute :ends_at, :utc_datetime, allow_nil?: false, public?: true
    attribute :role, :atom, constraints: [one_of: [:barista, :kitchen, :floor]], public?: true
    attribute :notes, :string, public?: true
    timestamps()
  end

  relationships do
    belongs_to :member, Tinyshift.Accounts.Member, allow_nil?: false, public?: true
    belongs_to :location, Tinyshift.Locations.Location, allow_nil?: false, public?: true
  end
end'''

TEST_FAIL = '''Compiling 3 files (.ex)
Generated tinyshift app
Running ExUnit with seed: 118204, max_cases: 16

...

  1) test manager creates a shift from the week view (TinyshiftWeb.WeekLiveTest)
     test/tinyshift_web/live/week_live_test.exs:34
     ** (Ash.Error.Invalid) 
     Invalid Error

     * No such input `starts_at` for action Tinyshift.Scheduling.Shift.create

     The action Tinyshift.Scheduling.Shift.create does not accept this input.

     Valid inputs for this action: []

       (ash 3.4.21) lib/ash/error/invalid/no_such_input.ex:4: Ash.Error.Invalid.NoSuchInput.exception/1
       (ash 3.4.21) lib/ash/changeset/changeset.ex:2511: anonymous fn/3 in Ash.Changeset.cast_params/3
       (elixir 1.16.2) lib/enum.ex:2528: Enum."-reduce/3-lists^foldl/2-0-"/3
       (ash 3.4.21) lib/ash/changeset/changeset.ex:2486: Ash.Changeset.cast_params/3
       (ash 3.4.21) lib/ash/changeset/changeset.ex:2331: Ash.Changeset.do_for_action/4
       (ash_phoenix 2.1.2) lib/ash_phoenix/form/form.ex:482: AshPhoenix.Form.for_action/3
       (ash_phoenix 2.1.2) lib/ash_phoenix/form/form.ex:1402: AshPhoenix.Form.validate/3
       (tinyshift 0.4.0) lib/tinyshift_web/live/week_live.ex:58: TinyshiftWeb.WeekLive.handle_event/3
       (phoenix_live_view 0.20.17) lib/phoenix_live_view/channel.ex:508: anonymous fn/3 in Phoenix.LiveView.Channel.view_handle_event/3
       (telemetry 1.2.1) /home/ana/src/tinyshift/deps/telemetry/src/telemetry.erl:321: :telemetry.span/3
       (phoenix_live_view 0.20.17) lib/phoenix_live_view/channel.ex:260: Phoenix.LiveView.Channel.handle_info/2
       (stdlib 5.2) gen_server.erl:1095: :gen_server.try_handle_info/3
       (stdlib 5.2) gen_server.erl:1183: :gen_server.handle_msg/6
       (stdlib 5.2) proc_lib.erl:241: :proc_lib.init_p_do_apply/3

.....
Finished in 0.9 seconds (0.3s async, 0.6s sync)
9 tests, 1 failure'''

WEEK_LIVE = '''defmodule TinyshiftWeb.WeekLive do
  use TinyshiftWeb, :live_view

  alias Tinyshift.Scheduling.Shift

  def mount(%{"week" => week}, _session, socket) do
    week_start = Date.from_iso8601!(week)
    shifts = Shift |> Ash.Query.for_read(:for_week, %{week_start: week_start}) |> Ash.read!()

    {:ok,
     socket
     |> assign(week_start: week_start, shifts: shifts)
     |> assign(form: AshPhoenix.Form.for_create(Shift, :create) |> to_form())}
  end

  def handle_event("validate", %{"form" => params}, socket) do
    form = AshPhoenix.Form.validate(socket.assigns.form, params)
    {:noreply, assign(socket, form: form)}
  end

  def handle_event("save", %{"form" => params}, socket) do
    case AshPhoenix.Form.submit(socket.assigns.form, params: params) do
      {:ok, shift} ->
        {:noreply, socket |> update(:shifts, &[shift | &1]) |> put_flash(:info, "Shift added")}

      {:error, form} ->
        {:noreply, assign(socket, form: form)}
    end
  end

  def handle_event("delete", %{"id" => id}, socket) do
    Shift |> Ash.get!(id) |> Ash.destroy!()
    {:noreply, update(socket, :shifts, &Enum.reject(&1, fn s -> s.id == id end))}
  end
end'''

CODEGEN = '''Getting extensions in current project...
Running codegen for AshPostgres.DataLayer...

Extension Migrations:
No extensions to install

Generating Tenant Migrations:

Generating Migrations:
* creating priv/repo/migrations/20261118142210_add_archival.exs'''

MIGRATION = '''defmodule Tinyshift.Repo.Migrations.AddArchival do
  use Ecto.Migration

  def up do
    alter table(:shifts) do
      add :archived_at, :utc_datetime_usec
    end

    alter table(:members) do
      add :archived_at, :utc_datetime_usec
    end
  end

  def down do
    alter table(:members) do
      remove :archived_at
    end

    alter table(:shifts) do
      remove :archived_at
    end
  end
end'''

GROUP_BY_FAIL = '''Compiling 2 files (.ex)
    warning: Ash.Query.group_by/2 is undefined or private
    \u2502
 18 \u2502     |> Ash.Query.group_by([:member_id, :week])
    \u2502                  ~
    \u2502
    \u2514\u2500 lib/tinyshift/scheduling/shift.ex:18: Tinyshift.Scheduling.Shift.weekly_hours/1

Generated tinyshift app
Running ExUnit with seed: 730551, max_cases: 16

.........

  1) test weekly hours per member (Tinyshift.ReportsTest)
     test/tinyshift/reports_test.exs:12
     ** (UndefinedFunctionError) function Ash.Query.group_by/2 is undefined or private
     code: assert [%{member_id: ^lena_id, hours: 16.0} | _] = Reports.weekly_hours(~D[2026-11-16])
     stacktrace:
       (ash 3.4.21) Ash.Query.group_by(#Ash.Query<resource: Tinyshift.Scheduling.Shift, filter: #Ash.Filter<starts_at >= ~U[2026-11-16 00:00:00Z] and starts_at < ~U[2026-11-23 00:00:00Z]>>, [:member_id, :week])
       (tinyshift 0.4.0) lib/tinyshift/scheduling/shift.ex:18: Tinyshift.Scheduling.Shift.weekly_hours/1
       test/tinyshift/reports_test.exs:19: (test)

Finished in 0.8 seconds (0.3s async, 0.5s sync)
12 tests, 1 failure'''

REPORTS = '''@@ -0,0 +1,33 @@
+defmodule Tinyshift.Reports do
+  @moduledoc """
+  Read-only reporting queries. Ash has no GROUP BY, so these are plain Ecto queries
+  against the tables. They bypass Ash: filters that Ash adds automatically
+  (e.g. AshArchival hiding archived rows) must be repeated here by hand.
+  """
+  import Ecto.Query
+  alias Tinyshift.Repo
+
+  @doc "Total scheduled hours per member for the week starting at `week_start`."
+  def weekly_hours(%Date{} = week_start) do
+    from_dt = DateTime.new!(week_start, ~T[00:00:00], "Etc/UTC")
+    to_dt = DateTime.add(from_dt, 7, :day)
+
+    from(s in "shifts",
+      join: m in "members", on: m.id == s.member_id,
+      where: s.starts_at >= ^from_dt and s.starts_at < ^to_dt,
+      where: is_nil(s.archived_at),
+      group_by: [m.id, m.name],
+      select: %{
+        member_id: type(m.id, Ecto.UUID),
+        name: m.name,
+        hours: fragment("round(sum(extract(epoch from ? - ?)) / 3600.0, 2)::float", s.ends_at, s.starts_at)
+      },
+      order_by: m.name
+    )
+    |> Repo.all()
+  end
+end'''

session = {
    "id": "ash_tinyshift_a",
    "project": "tinyshift",
    "cwd_files": ["mix.exs", "lib/tinyshift/scheduling.ex", "lib/tinyshift/scheduling/shift.ex", "lib/tinyshift/accounts/member.ex",
                  "lib/tinyshift_web/live/week_live.ex", "lib/tinyshift/reports.ex", "test/tinyshift_web/live/week_live_test.exs"],
    "turns": [
        U("Hi! Working on tinyshift today (shift scheduling for small caf\u00e9s): Phoenix 1.7 LiveView + Ash 3 with AshPostgres. "
          "Goal for today: creating shifts from the week view, and deleting them. Creating throws an error right now, the test is red."),
        A("Let me look at the deps, the Shift resource and the failing test."),
        T("Read", "mix.exs", MIX),
        T("Read", "lib/tinyshift/scheduling/shift.ex", SHIFT),
        T("Bash", "mix test test/tinyshift_web/live/week_live_test.exs", TEST_FAIL),
        A("This is an Ash 3 behaviour change. In Ash 2, default `create`/`update` actions accepted all public writable attributes; in Ash 3 "
          "an action accepts **nothing** unless you say so (`Valid inputs for this action: []`). So `defaults [..., :create, :update]` "
          "gives you actions that reject `starts_at`. Either list `accept` per action, or set `default_accept` once for the resource. "
          "I'll use `default_accept` since all four attributes plus `member_id`/`location_id` are meant to be writable."),
        T("Edit", "lib/tinyshift/scheduling/shift.ex",
          "@@ -11,6 +11,8 @@ defmodule Tinyshift.Scheduling.Shift do\n   actions do\n+    default_accept [:starts_at, :ends_at, :role, :notes, :member_id, :location_id]\n+\n     defaults [:read, :destroy, :create, :update]\n"),
        T("Bash", "mix test test/tinyshift_web/live/week_live_test.exs",
          "Compiling 1 file (.ex)\nRunning ExUnit with seed: 44120, max_cases: 16\n\n.........\nFinished in 0.9 seconds (0.3s async, 0.6s sync)\n9 tests, 0 failures"),
        T("Read", "lib/tinyshift_web/live/week_live.ex", WEEK_LIVE),
        A("Green. One structural suggestion while we're here: the LiveView talks to the resource directly (`Ash.Query.for_read`, "
          "`Ash.get!`, `Ash.destroy!`, `AshPhoenix.Form.for_create(Shift, ...)`). Ash 3's idiom is a **code interface on the domain**: "
          "`define :list_week_shifts, action: :for_week, args: [:week_start]`, `define :create_shift, action: :create`, etc. in "
          "`Tinyshift.Scheduling`, and with the `AshPhoenix` domain extension you also get `form_to_create_shift/1`. Then the web layer "
          "only ever calls `Tinyshift.Scheduling.*` functions. Want me to do that?"),
        U("yes please, and let's make that the rule: web layer always goes through the domain code interface, never Ash.* directly"),
        T("Edit", "lib/tinyshift/scheduling.ex",
          "@@ -1,9 +1,17 @@\n defmodule Tinyshift.Scheduling do\n-  use Ash.Domain, otp_app: :tinyshift\n+  use Ash.Domain, otp_app: :tinyshift, extensions: [AshPhoenix]\n \n   resources do\n-    resource Tinyshift.Scheduling.Shift\n+    resource Tinyshift.Scheduling.Shift do\n+      define :list_week_shifts, action: :for_week, args: [:week_start]\n+      define :get_shift, action: :read, get_by: [:id]\n+      define :create_shift, action: :create\n+      define :update_shift, action: :update\n+      define :delete_shift, action: :destroy\n+    end\n   end\n end\n"),
        T("Edit", "lib/tinyshift_web/live/week_live.ex",
          "@@ -3,13 +3,13 @@\n-  alias Tinyshift.Scheduling.Shift\n+  alias Tinyshift.Scheduling\n \n   def mount(%{\"week\" => week}, _session, socket) do\n     week_start = Date.from_iso8601!(week)\n-    shifts = Shift |> Ash.Query.for_read(:for_week, %{week_start: week_start}) |> Ash.read!()\n+    shifts = Scheduling.list_week_shifts!(week_start)\n \n     {:ok,\n      socket\n      |> assign(week_start: week_start, shifts: shifts)\n-     |> assign(form: AshPhoenix.Form.for_create(Shift, :create) |> to_form())}\n+     |> assign(form: Scheduling.form_to_create_shift() |> to_form())}\n   end\n@@ -32,6 +32,6 @@\n   def handle_event(\"delete\", %{\"id\" => id}, socket) do\n-    Shift |> Ash.get!(id) |> Ash.destroy!()\n+    id |> Scheduling.get_shift!() |> Scheduling.delete_shift!()\n     {:noreply, update(socket, :shifts, &Enum.reject(&1, fn s -> s.id == id end))}\n"),
        T("Bash", "mix test", "Compiling 3 files (.ex)\nRunning ExUnit with seed: 90211, max_cases: 16\n\n...........\nFinished in 1.0 seconds (0.4s async, 0.6s sync)\n11 tests, 0 failures"),
        U("Great. Now deleting: Marco (the owner) wants to see who was scheduled even if a shift got removed, for payroll disputes. "
          "Same for people who leave, he wants their old shifts to still show their name. So... soft delete?"),
        A("Soft delete fits. Two ways with Ash:\n\n1. **AshArchival** extension: add `extensions: [AshArchival.Resource]` to `Shift` and `Member`. "
          "`destroy` then sets `archived_at` instead of deleting, and every read automatically filters archived rows out. Little code.\n"
          "2. A hand-rolled `status`/`deleted_at` attribute with a soft `destroy` action and a base filter on reads. More control, more code.\n\n"
          "I'd go with AshArchival."),
        U("Sounds good."),
        T("Edit", "mix.exs", "@@ -29,6 +29,7 @@\n       {:ash_phoenix, \"~> 2.1\"},\n+      {:ash_archival, \"~> 1.0\"},\n       {:ash_authentication, \"~> 4.1\"},\n"),
        T("Edit", "lib/tinyshift/scheduling/shift.ex", "@@ -1,5 +1,6 @@\n   use Ash.Resource,\n     otp_app: :tinyshift,\n     domain: Tinyshift.Scheduling,\n-    data_layer: AshPostgres.DataLayer\n+    data_layer: AshPostgres.DataLayer,\n+    extensions: [AshArchival.Resource]\n"),
        T("Edit", "lib/tinyshift/accounts/member.ex", "@@ -1,5 +1,6 @@\n   use Ash.Resource,\n     otp_app: :tinyshift,\n     domain: Tinyshift.Accounts,\n-    data_layer: AshPostgres.DataLayer\n+    data_layer: AshPostgres.DataLayer,\n+    extensions: [AshArchival.Resource]\n"),
        T("Bash", "mix deps.get && mix ash.codegen add_archival",
          "Resolving Hex dependencies...\nResolution completed in 0.212s\nNew:\n  ash_archival 1.0.4\n* Getting ash_archival (Hex package)\n" + CODEGEN),
        T("Read", "priv/repo/migrations/20261118142210_add_archival.exs", MIGRATION),
        T("Bash", "mix ash.migrate && mix test",
          "Running migrations for AshPostgres.DataLayer\n\n14:22:41.118 [info] == Running 20261118142210 Tinyshift.Repo.Migrations.AddArchival.up/0 forward\n"
          "14:22:41.120 [info] alter table shifts\n14:22:41.122 [info] alter table members\n14:22:41.124 [info] == Migrated 20261118142210 in 0.0s\n"
          "Running ExUnit with seed: 20394, max_cases: 16\n\n............\nFinished in 1.1 seconds (0.4s async, 0.7s sync)\n12 tests, 0 failures"),
        A("Shifts and members are now archived on destroy; I added a test that a deleted shift disappears from the week view but "
          "still exists with `archived_at` set."),
        U("Last thing, a report: total hours per member per week, Marco exports it for payroll."),
        A("I'll put it on the Shift resource as a read over the week with grouping by member:"),
        T("Edit", "lib/tinyshift/scheduling/shift.ex",
          "@@ -14,6 +14,14 @@\n+  def weekly_hours(week_start) do\n+    __MODULE__\n+    |> Ash.Query.for_read(:for_week, %{week_start: week_start})\n+    |> Ash.Query.group_by([:member_id, :week])\n+    |> Ash.Query.aggregate(:hours, :sum, :duration_hours)\n+    |> Ash.read!()\n+  end\n"),
        T("Bash", "mix test test/tinyshift/reports_test.exs", GROUP_BY_FAIL),
        A("My mistake: Ash queries have no GROUP BY at all. Aggregates in Ash are always relationship-based (`sum :hours, :shifts, ...` on "
          "`Member`), and you can't parametrise them by an arbitrary week range cleanly. Removing that function. For a read-only report "
          "the simplest thing is a plain Ecto query in a separate `Tinyshift.Reports` module, grouped in SQL. One catch: it bypasses Ash, "
          "so AshArchival's automatic filter does not apply and the query must exclude archived shifts itself."),
        U("fine, reports are read-only anyway. go"),
        T("Edit", "lib/tinyshift/scheduling/shift.ex",
          "@@ -14,14 +14,6 @@\n-  def weekly_hours(week_start) do\n-    __MODULE__\n-    |> Ash.Query.for_read(:for_week, %{week_start: week_start})\n-    |> Ash.Query.group_by([:member_id, :week])\n-    |> Ash.Query.aggregate(:hours, :sum, :duration_hours)\n-    |> Ash.read!()\n-  end\n"),
        T("Edit", "lib/tinyshift/reports.ex", REPORTS),
        T("Bash", "mix test", "Compiling 2 files (.ex)\nRunning ExUnit with seed: 5512, max_cases: 16\n\n.............\nFinished in 1.1 seconds (0.4s async, 0.7s sync)\n13 tests, 0 failures"),
        U("Nice, thank you. Next session: permissions. Only managers should create/delete shifts, staff just read. Let's stop here."),
        A("Sounds like a job for `Ash.Policy.Authorizer` policies next time. Today: `default_accept` fix for Ash 3, domain code interface "
          "used by the LiveView, soft delete via AshArchival on Shift and Member, weekly hours report as an Ecto query in `Tinyshift.Reports`."),
    ],
    "gold": [
        G("PROJECT", "tinyshift: Phoenix 1.7 LiveView + Ash 3 + AshPostgres (shift scheduling for cafés)", ["ash"], ["phoenix", "liveview", "postgres"]),
        G("BUG_FIX", "'No such input starts_at': Ash 3 actions accept nothing by default -> default_accept on Shift",
          ["accept"], ["default_accept", "no such input", "ash 3", "starts_at", "input"], ["lib/tinyshift/scheduling/shift.ex"]),
        G("PATTERN", "web layer calls the domain code interface (define :create_shift ..., form_to_*), never Ash.* directly",
          ["interface"], ["domain", "define", "liveview", "web", "ash.*"], ["lib/tinyshift/scheduling.ex"]),
        G("DECISION", "soft delete of shifts and members via AshArchival (archived_at), to keep payroll history",
          ["ashArchival"], ["soft", "archived_at", "delete", "history"], ["lib/tinyshift/scheduling/shift.ex", "lib/tinyshift/accounts/member.ex"]),
        G("FAILED", "weekly hours via Ash.Query.group_by: no GROUP BY in Ash (UndefinedFunctionError) -> removed",
          ["group"], ["group_by", "undefined", "no group", "not support", "ash.query"], failure=True),
        G("DECISION", "weekly hours report is a plain Ecto query in Tinyshift.Reports (bypasses Ash, filters archived_at by hand)",
          ["report"], ["ecto", "repo", "raw", "sql"], ["lib/tinyshift/reports.ex"]),
        G("TODO", "permissions: Ash policies so only managers create/delete shifts, staff read", ["polic"], ["manager", "staff", "authoriz", "permission"]),
    ],
    "dead_ends": [
        {"summary": "hand-rolled status/deleted_at soft delete (listed, AshArchival chosen)", "all_of": ["deleted_at"]},
    ],
    "secrets": [],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
