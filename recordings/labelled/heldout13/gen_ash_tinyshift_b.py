from _common import U, A, T, G, write

MEMBER = '''defmodule Tinyshift.Accounts.Member do
  use Ash.Resource,
    otp_app: :tinyshift,
    domain: Tinyshift.Accounts,
    data_layer: AshPostgres.DataLayer,
    authorizers: [Ash.Policy.Authorizer],
    extensions: [AshArchival.Resource]

  postgres do
    table "members"
    repo Tinyshift.Repo
  end

  actions do
    default_accept [:name, :email, :role, :phone]
    defaults [:read, :destroy, :update]

    create :invite do
      accept [:name, :email, :role]
      change Tinyshift.Accounts.Changes.SendInvite
    end
  end

  policies do
    policy action_type(:read) do
      authorize_if actor_present()
    end

    policy action_type([:create, :update, :destroy]) do
      authorize_if actor_attribute_equals(:role, :manager)
    end
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :string, allow_nil?: false, public?: true
    attribute :email, :ci_string, allow_nil?: false, public?: true
    attribute :phone, :string, public?: true
    attribute :role, :atom, constraints: [one_of: [:manager, :staff]], default: :staff, public?: true
    timestamps()
  end

  relationships do
    has_many :shifts, Tinyshift.Scheduling.Shift
  end

  identities do
    identity :unique_email, [:email]
  end
end'''

INVITE_FAIL = '''Running ExUnit with seed: 66017, max_cases: 16

  1) test re-inviting a member who left reactivates them (Tinyshift.Accounts.InviteTest)
     test/tinyshift/accounts/invite_test.exs:21
     ** (Ash.Error.Invalid) 
     Invalid Error

     * email: has already been taken

       (ash 3.4.21) lib/ash/error/changes/invalid_attribute.ex:5: Ash.Error.Changes.InvalidAttribute.exception/1
       (ash_postgres 2.4.12) lib/data_layer.ex:2171: AshPostgres.DataLayer.handle_raised_error/4
       (ash_postgres 2.4.12) lib/data_layer.ex:2034: AshPostgres.DataLayer.create/2
       (ash 3.4.21) lib/ash/actions/create/create.ex:327: anonymous fn/6 in Ash.Actions.Create.commit/3
       (ash 3.4.21) lib/ash/changeset/changeset.ex:4012: Ash.Changeset.run_around_actions/2
       (ash 3.4.21) lib/ash/actions/create/create.ex:259: Ash.Actions.Create.commit/3
       (ash 3.4.21) lib/ash/actions/create/create.ex:132: Ash.Actions.Create.do_run/4
       (ash 3.4.21) lib/ash/actions/create/create.ex:50: Ash.Actions.Create.run/4
       (ash 3.4.21) lib/ash.ex:2263: Ash.create!/3
       test/tinyshift/accounts/invite_test.exs:27: (test)

     The above error was caused by:
     ** (Postgrex.Error) ERROR 23505 (unique_violation) duplicate key value violates unique constraint "members_unique_email_index"

         table: members
         constraint: members_unique_email_index

     Key (email)=(lena.h@cafe-ostend.de) already exists.

Finished in 0.3 seconds (0.1s async, 0.2s sync)
1 test, 1 failure'''

CODEGEN = '''Getting extensions in current project...
Running codegen for AshPostgres.DataLayer...

Extension Migrations:
No extensions to install

Generating Tenant Migrations:

Generating Migrations:
* creating priv/repo/migrations/20261125101530_remove_archival.exs'''

MIGRATION = '''defmodule Tinyshift.Repo.Migrations.RemoveArchival do
  use Ecto.Migration

  def up do
    alter table(:members) do
      add :active, :boolean, null: false, default: true
    end

    # data: archived members become inactive; archived shifts were test-period data
    execute "UPDATE members SET active = false WHERE archived_at IS NOT NULL"
    execute "DELETE FROM shifts WHERE archived_at IS NOT NULL"

    alter table(:members) do
      remove :archived_at
    end

    alter table(:shifts) do
      remove :archived_at
    end
  end

  def down do
    alter table(:shifts) do
      add :archived_at, :utc_datetime_usec
    end

    alter table(:members) do
      add :archived_at, :utc_datetime_usec
      remove :active
    end
  end
end'''

REPORT_FAIL = '''Compiling 3 files (.ex)
Running ExUnit with seed: 81244, max_cases: 16

...........

  1) test weekly hours per member (Tinyshift.ReportsTest)
     test/tinyshift/reports_test.exs:12
     ** (Postgrex.Error) ERROR 42703 (undefined_column) column s0.archived_at does not exist

         query: SELECT m1."id"::uuid, m1."name", round(sum(extract(epoch from s0."ends_at" - s0."starts_at")) / 3600.0, 2)::float FROM "shifts" AS s0 INNER JOIN "members" AS m1 ON m1."id" = s0."member_id" WHERE ((s0."starts_at" >= $1) AND (s0."starts_at" < $2)) AND (s0."archived_at" IS NULL) GROUP BY m1."id", m1."name" ORDER BY m1."name"
     code: assert [%{member_id: ^lena_id, hours: 16.0} | _] = Reports.weekly_hours(~D[2026-11-16])
     stacktrace:
       (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1096: Ecto.Adapters.SQL.raise_sql_call_error/1
       (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:994: Ecto.Adapters.SQL.execute/6
       (ecto 3.12.4) lib/ecto/repo/queryable.ex:232: Ecto.Repo.Queryable.execute/4
       (ecto 3.12.4) lib/ecto/repo/queryable.ex:19: Ecto.Repo.Queryable.all/3
       test/tinyshift/reports_test.exs:19: (test)

..

Finished in 1.2 seconds (0.4s async, 0.8s sync)
16 tests, 1 failure'''

session = {
    "id": "ash_tinyshift_b",
    "project": "tinyshift",
    "cwd_files": ["lib/tinyshift/accounts/member.ex", "lib/tinyshift/scheduling/shift.ex", "lib/tinyshift/reports.ex",
                  "lib/tinyshift_web/live/members_live.ex", "priv/repo/migrations/20261125101530_remove_archival.exs",
                  "test/tinyshift/accounts/invite_test.exs", "README.md", "mix.exs"],
    "turns": [
        U("Hey, back on tinyshift. Policies are in since Thursday (Ana did them), all good. New problem: Lena left in October, we "
          "deleted (so, archived) her member record, and now she's coming back and re-inviting her fails with \"email has already "
          "been taken\". Last week I tried adding an :unarchive update action and calling it from the invite flow, but that went "
          "nowhere: AshArchival filters archived rows out of every read, so the invite never even finds her record to unarchive it. "
          "I wrote a failing test, test/tinyshift/accounts/invite_test.exs. Ideas?"),
        T("Bash", "mix test test/tinyshift/accounts/invite_test.exs", INVITE_FAIL),
        T("Read", "lib/tinyshift/accounts/member.ex", MEMBER),
        A("The mechanics: AshArchival never deletes, it sets `archived_at` and adds a filter to reads. But the `unique_email` identity "
          "is a plain unique index on `members.email`, and Lena's archived row is still in the table, so inserting a new member with "
          "her email hits `members_unique_email_index`. Ash sees her as gone, Postgres doesn't.\n\nOptions:\n"
          "1. Make the identity ignore archived rows: `identity :unique_email, [:email], where: expr(is_nil(archived_at))` plus "
          "`identity_wheres_to_sql` in the `postgres` block, which makes it a partial unique index. Lena would then get a *second* member "
          "record; her old shifts stay on the old one.\n"
          "2. Keep AshArchival, but give the invite flow a read that includes archived rows and unarchive (what you tried, it needs "
          "bypassing the archival filter, which AshArchival only supports per action).\n"
          "3. Drop AshArchival: shifts get really deleted, members are never deleted but get an `active` flag, and `invite` becomes an "
          "upsert on `unique_email` that sets `active: true` again."),
        U("3. Honestly archival has been a pain since day one: the reports module needs manual archived_at filters, the seeds broke twice, "
          "and now this. And the history Marco wanted: we have AshPaperTrail on Shift since last week, every change including destroy is "
          "versioned anyway. So: remove AshArchival completely. Shifts: hard delete. Members: never deleted, active=false when they leave, "
          "invite reactivates them. The archived shifts in the DB are all from the test period, just delete those."),
        T("Edit", "lib/tinyshift/accounts/member.ex",
          "@@ -1,8 +1,7 @@\n   use Ash.Resource,\n     otp_app: :tinyshift,\n     domain: Tinyshift.Accounts,\n     data_layer: AshPostgres.DataLayer,\n-    authorizers: [Ash.Policy.Authorizer],\n-    extensions: [AshArchival.Resource]\n+    authorizers: [Ash.Policy.Authorizer]\n@@ -14,11 +13,27 @@\n   actions do\n     default_accept [:name, :email, :role, :phone]\n-    defaults [:read, :destroy, :update]\n+    # members are never destroyed (shifts and paper trail reference them): deactivate instead\n+    defaults [:read, :update]\n+\n+    read :list_active do\n+      filter expr(active == true)\n+    end\n \n     create :invite do\n       accept [:name, :email, :role]\n+      # a former member is re-invited: reuse the row, reactivate it\n+      upsert? true\n+      upsert_identity :unique_email\n+      upsert_fields [:name, :role, :active]\n+      change set_attribute(:active, true)\n       change Tinyshift.Accounts.Changes.SendInvite\n     end\n+\n+    update :deactivate do\n+      accept []\n+      change set_attribute(:active, false)\n+    end\n   end\n@@ -42,6 +57,7 @@\n     attribute :role, :atom, constraints: [one_of: [:manager, :staff]], default: :staff, public?: true\n+    attribute :active, :boolean, allow_nil?: false, default: true, public?: true\n     timestamps()\n"),
        T("Edit", "lib/tinyshift/scheduling/shift.ex",
          "@@ -1,7 +1,6 @@\n   use Ash.Resource,\n     otp_app: :tinyshift,\n     domain: Tinyshift.Scheduling,\n     data_layer: AshPostgres.DataLayer,\n     authorizers: [Ash.Policy.Authorizer],\n-    extensions: [AshArchival.Resource, AshPaperTrail.Resource]\n+    extensions: [AshPaperTrail.Resource]\n"),
        T("Edit", "lib/tinyshift/accounts.ex",
          "@@ -4,8 +4,10 @@\n     resource Tinyshift.Accounts.Member do\n       define :list_members, action: :read\n+      define :list_active_members, action: :list_active\n       define :get_member, action: :read, get_by: [:id]\n       define :invite_member, action: :invite\n-      define :remove_member, action: :destroy\n+      define :deactivate_member, action: :deactivate\n"),
        T("Edit", "mix.exs", "@@ -29,7 +29,6 @@\n       {:ash_phoenix, \"~> 2.1\"},\n-      {:ash_archival, \"~> 1.0\"},\n       {:ash_paper_trail, \"~> 0.1\"},\n"),
        T("Bash", "mix deps.unlock ash_archival && mix ash.codegen remove_archival", "Unlocked deps:\n* ash_archival\n" + CODEGEN),
        A("The generated migration only adds `active` and drops the two `archived_at` columns, so archived members would come back as "
          "active and archived shifts would reappear. I'm adding the data steps before the columns are removed."),
        T("Edit", "priv/repo/migrations/20261125101530_remove_archival.exs", MIGRATION),
        T("Bash", "mix ash.migrate",
          "Running migrations for AshPostgres.DataLayer\n\n10:16:02.410 [info] == Running 20261125101530 Tinyshift.Repo.Migrations.RemoveArchival.up/0 forward\n"
          "10:16:02.412 [info] alter table members\n10:16:02.415 [info] execute \"UPDATE members SET active = false WHERE archived_at IS NOT NULL\"\n"
          "10:16:02.417 [info] execute \"DELETE FROM shifts WHERE archived_at IS NOT NULL\"\n10:16:02.420 [info] alter table members\n"
          "10:16:02.421 [info] alter table shifts\n10:16:02.423 [info] == Migrated 20261125101530 in 0.0s"),
        T("Bash", "mix test", REPORT_FAIL),
        A("As expected from last time: `Tinyshift.Reports` is a raw Ecto query, so it still had the hand-written `archived_at` filter. "
          "Removing it. Hours of inactive members should still count in the weekly report (Lena's October weeks must stay payable), so no "
          "`active` filter there."),
        T("Edit", "lib/tinyshift/reports.ex",
          "@@ -1,8 +1,7 @@\n   @moduledoc \"\"\"\n   Read-only reporting queries. Ash has no GROUP BY, so these are plain Ecto queries\n-  against the tables. They bypass Ash: filters that Ash adds automatically\n-  (e.g. AshArchival hiding archived rows) must be repeated here by hand.\n+  against the tables. They bypass Ash (no policies, no base filters).\n   \"\"\"\n@@ -17,7 +16,6 @@\n       where: s.starts_at >= ^from_dt and s.starts_at < ^to_dt,\n-      where: is_nil(s.archived_at),\n       group_by: [m.id, m.name],\n"),
        T("Edit", "lib/tinyshift_web/live/members_live.ex",
          "@@ -9,7 +9,7 @@\n   def mount(_params, _session, socket) do\n-    members = Accounts.list_members!(actor: socket.assigns.current_user)\n+    members = Accounts.list_active_members!(actor: socket.assigns.current_user)\n     {:ok, assign(socket, members: members)}\n   end\n@@ -21,7 +21,7 @@\n   def handle_event(\"remove\", %{\"id\" => id}, socket) do\n     actor = socket.assigns.current_user\n-    id |> Accounts.get_member!(actor: actor) |> Accounts.remove_member!(actor: actor)\n+    id |> Accounts.get_member!(actor: actor) |> Accounts.deactivate_member!(actor: actor)\n"),
        T("Bash", "mix test",
          "Compiling 4 files (.ex)\nRunning ExUnit with seed: 3307, max_cases: 16\n\n.................\nFinished in 1.2 seconds (0.4s async, 0.8s sync)\n17 tests, 0 failures"),
        A("All 17 green, including your invite test: re-inviting Lena's email now upserts the existing row and sets `active: true`, so "
          "her old shifts and her new ones are on the same member. Deleting a shift is a real `DELETE` now; the version row from "
          "AshPaperTrail keeps what it looked like."),
        U("\U0001f44d please add a short note in the README on why we don't use AshArchival, so nobody adds it back in 3 months"),
        T("Edit", "README.md",
          "@@ -38,6 +38,14 @@ ## Data model notes\n+### Deletion\n+\n+We do **not** use AshArchival (removed 2026-11-25). Archived rows kept their unique\n+values (a former member could not be re-invited: `members_unique_email_index`), and every\n+raw Ecto query (Tinyshift.Reports) had to repeat the archived filter by hand.\n+\n+- Shifts are hard-deleted. History comes from AshPaperTrail versions (`shifts_versions`).\n+- Members are never deleted: `deactivate` sets `active: false`; `invite` upserts on email and reactivates.\n"),
        U("great, thanks. next time: a small page for Marco where he can browse deleted shifts from the paper trail versions. done for today"),
        A("Noted for next time. Summary: AshArchival removed from Shift and Member; shifts are hard-deleted with history in AshPaperTrail; "
          "members get an `active` flag, `invite` is an upsert that reactivates; migration `remove_archival` converted the data; Reports "
          "filter removed; README explains why."),
    ],
    "gold": [
        G("DECISION", "AshArchival removed from Shift and Member (unique-index conflicts, manual filters in raw queries)",
          ["ashArchival"], ["remov", "dropped", "drop", "no longer", "don't use", "do not use"], ["README.md"]),
        G("DECISION", "shifts are hard-deleted; deletion history comes from AshPaperTrail versions",
          ["hard"], ["shift", "paper", "papertrail", "delet"], ["lib/tinyshift/scheduling/shift.ex"]),
        G("DECISION", "members never deleted: active flag (deactivate action), invite upserts on email and reactivates",
          ["active"], ["member", "deactivat", "reactivat", "invite", "upsert"], ["lib/tinyshift/accounts/member.ex"]),
        G("BUG_FIX", "re-invite of a former member failed 'email has already been taken': archived row kept the unique email -> invite is an upsert on unique_email",
          ["invite"], ["already been taken", "unique", "upsert", "duplicate", "reactivat"], ["lib/tinyshift/accounts/member.ex"]),
        G("FAILED", "an :unarchive action in the invite flow went nowhere: AshArchival hides archived rows from reads, record never found",
          ["unarchive"], ["hid", "filter", "read", "never", "find", "found"], failure=True),
        G("TODO", "page for Marco to browse deleted shifts from the AshPaperTrail versions", ["paper"], ["page", "browse", "ui", "marco", "deleted shifts"]),
    ],
    "dead_ends": [
        {"summary": "partial unique index ignoring archived rows (identity where + identity_wheres_to_sql), not picked", "all_of": ["identity_wheres_to_sql"]},
        {"summary": "partial unique index on email for archived members (not picked)", "all_of": ["partial", "index"]},
    ],
    "secrets": [],
    "supersedes": [
        {"old_session": "ash_tinyshift_a", "old_all_of": ["ashArchival"], "new_all_of": ["hard", "delet"]},
    ],
}

if __name__ == "__main__":
    write(session)
