"""Build the heldout3 labelled sessions (deterministic; run from anywhere).

Written blind to the extractor's rules: sessions read like real Claude Code /
aider transcripts, labels say what a faithful memory of each session holds.
Long tool outputs (build logs, test runs, dbt logs) are generated here so the
JSON stays reproducible.  `python3 build_heldout3.py` rewrites the *.json next
to this file and checks that every label keyword and secret occurs in its
session.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def U(text: str) -> dict:
    return {"role": "user", "text": text}


def A(text: str) -> dict:
    return {"role": "assistant", "text": text}


def T(name: str, inp: str, out: str) -> dict:
    return {"role": "tool", "name": name, "input": inp, "output": out}


def numbered(src: str, start: int = 1) -> str:
    """Render file text the way a Read tool shows it (cat -n style)."""
    return "\n".join(f"{i:>6}\t{line}" for i, line in enumerate(src.splitlines(), start))


# --------------------------------------------------------------------------
# 1. Elixir / Phoenix LiveView presence (chatty user)
# --------------------------------------------------------------------------

ROOM_LIVE_OLD = '''defmodule HuddleWeb.RoomLive do
  use HuddleWeb, :live_view

  alias Huddle.Rooms
  alias HuddleWeb.Presence

  @impl true
  def mount(%{"slug" => slug}, _session, socket) do
    room = Rooms.get_room_by_slug!(slug)
    user = socket.assigns.current_user

    if connected?(socket) do
      Phoenix.PubSub.subscribe(Huddle.PubSub, topic(room))
      key = "#{user.id}-#{System.unique_integer([:positive])}"
      {:ok, _} = Presence.track(self(), topic(room), key, %{
        user_id: user.id,
        name: user.display_name,
        joined_at: System.system_time(:second)
      })
    end

    {:ok,
     socket
     |> assign(room: room)
     |> assign(online: list_online(room))}
  end

  @impl true
  def handle_info(%Phoenix.Socket.Broadcast{event: "presence_diff"}, socket) do
    {:noreply, assign(socket, online: list_online(socket.assigns.room))}
  end

  defp list_online(room) do
    room
    |> topic()
    |> Presence.list()
    |> Enum.flat_map(fn {_key, %{metas: metas}} -> metas end)
    |> Enum.sort_by(& &1.name)
  end

  defp topic(room), do: "room:#{room.id}"
end'''


def mix_test_fail() -> str:
    return '''Compiling 2 files (.ex)
Running ExUnit with seed: 418230, max_cases: 4

.........

  1) test sidebar shows each user once after a reconnect (HuddleWeb.RoomLiveTest)
     test/huddle_web/live/room_live_test.exs:41
     Assertion with == failed
     code:  assert length(online_entries(view2)) == 1
     left:  2
     right: 1
     stacktrace:
       test/huddle_web/live/room_live_test.exs:58: (test)

.....
Finished in 1.9 seconds (0.7s async, 1.2s sync)
15 tests, 1 failure

Randomized with seed 418230'''


def phoenix_session() -> dict:
    turns = [
        U("hey!! hope your weekend was good, mine was mostly rain but we managed one hike on saturday :)"),
        A("Glad you got the hike in! Rainy weekends are good for reading anyway. What are we working on?"),
        U("so huddle (phoenix 1.7, elixir 1.16, liveview, postgres) — the online users list in the room sidebar shows people twice after they reconnect. like if my wifi blips I show up as two 'Anna's. it's super visible in demos so I'd love to get it sorted today. there's already a test for it someone wrote and it's red"),
        A("Let me run the test suite for the room LiveView first and then read the module."),
        T("Bash", "mix test test/huddle_web/live/room_live_test.exs", mix_test_fail()),
        T("Read", "lib/huddle_web/live/room_live.ex", numbered(ROOM_LIVE_OLD)),
        A("I see two things. Each mount tracks presence under a fresh key (`user.id` plus a unique integer), and `list_online/1` flattens all metas into the list. After a reconnect the old LiveView process is still alive for a moment, so the user has two keys and both get rendered.\n\nThe quickest fix would be to untrack the old entry when the LiveView terminates. I'll add a `terminate/2` callback that calls `Presence.untrack/3`."),
        T("Edit", "lib/huddle_web/live/room_live.ex", '''@@ -29,6 +29,12 @@
+  @impl true
+  def terminate(_reason, socket) do
+    Presence.untrack(self(), topic(socket.assigns.room), socket.assigns.presence_key)
+    :ok
+  end
+'''),
        T("Bash", "mix test test/huddle_web/live/room_live_test.exs", mix_test_fail().replace("seed: 418230", "seed: 77104").replace("seed 418230", "seed 77104")),
        A("Still failing. Looking at it again: `terminate/2` is only guaranteed to run when the process traps exits, and when the socket drops the old process is killed by the transport, so the callback usually doesn't run at all. Presence cleans up when the process dies anyway, the problem is the overlap window plus the per-tab key. So untracking in terminate/2 doesn't work here, I'll revert that and fix the keying instead."),
        U("ah ok, yeah drop the terminate thing. actually let's just decide it: presence is keyed by user id, not per tab. if someone has two tabs open they show up once in the sidebar. that's what product wants anyway"),
        A("Makes sense. I'll track with `to_string(user.id)` as the key and render one entry per key (first meta), so multiple tabs or an overlapping reconnect collapse into one person."),
        T("Edit", "lib/huddle_web/live/room_live.ex", '''@@ -12,8 +12,7 @@
-      key = "#{user.id}-#{System.unique_integer([:positive])}"
-      {:ok, _} = Presence.track(self(), topic(room), key, %{
+      {:ok, _} = Presence.track(self(), topic(room), to_string(user.id), %{
@@ -29,12 +28,6 @@
-  @impl true
-  def terminate(_reason, socket) do
-    Presence.untrack(self(), topic(socket.assigns.room), socket.assigns.presence_key)
-    :ok
-  end
-
@@ -36,7 +29,7 @@
-    |> Enum.flat_map(fn {_key, %{metas: metas}} -> metas end)
+    |> Enum.map(fn {_user_id, %{metas: [first | _]}} -> first end)'''),
        T("Bash", "mix test", '''Compiling 1 file (.ex)
Running ExUnit with seed: 5121, max_cases: 4

.......................................................................
Finished in 3.4 seconds (1.1s async, 2.3s sync)
71 tests, 0 failures

Randomized with seed 5121'''),
        A("All 71 tests pass, including the reconnect one. Root cause: presence was tracked under a per-mount key and the sidebar flattened every meta, so a reconnect briefly gave one user two entries. Now it's keyed by user id and rendered one entry per key."),
        U("yay 🎉 thank you. small style thing while you're in there — I prefer pipelines over nested function calls, and please never `import` whole modules in LiveViews, alias only. the codebase mostly does that already but I keep seeing imports creep in"),
        A("Noted: pipelines over nested calls, and alias instead of import in LiveViews. The room LiveView already follows both. Want me to check the other LiveViews for stray imports?"),
        T("Bash", "grep -rn '^  import ' lib/huddle_web/live/", "lib/huddle_web/live/settings_live.ex:4:  import Ecto.Query"),
        U("oh that one is fine actually, it's a query in a liveview which is its own sin, leave it. ok I think that's it for today. later we want a typing indicator in the room (\"Anna is typing…\") but not today, just keep it on the list"),
        A("Sure, I'll leave the typing indicator as an open item for next time. Summary of today: fixed the duplicate presence entries after reconnect (keyed by user id, one entry per key), dropped the terminate/2 untrack attempt. Have a good evening!"),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "huddle: Phoenix 1.7, Elixir 1.16, LiveView, Postgres",
         "all_of": [], "any_of": ["phoenix", "elixir"]},
        {"kind": "BUG_FIX", "summary": "users shown twice after reconnect -> presence keyed by user id, one entry per key (room_live.ex)",
         "all_of": ["presence"], "any_of": ["twice", "duplicate", "reconnect", "user id", "user.id"],
         "files": ["lib/huddle_web/live/room_live.ex"]},
        {"kind": "FAILED", "summary": "Presence.untrack in terminate/2: terminate not guaranteed to run when socket drops",
         "all_of": ["terminate"], "any_of": ["untrack", "presence", "reconnect"], "failure": True},
        {"kind": "DECISION", "summary": "presence keyed by user id; two tabs show once",
         "all_of": ["tab"], "any_of": ["user id", "once", "presence"]},
        {"kind": "PREFERENCE", "summary": "pipelines over nested function calls",
         "all_of": ["pipeline"], "any_of": ["nested", "prefer"]},
        {"kind": "PREFERENCE", "summary": "never import whole modules in LiveViews, alias only",
         "all_of": ["import"], "any_of": ["alias", "never"]},
        {"kind": "TODO", "summary": "typing indicator in the room",
         "all_of": ["typing"], "any_of": ["indicator", "room", "later"]},
    ]
    return {
        "id": "phoenix_presence", "project": "huddle",
        "cwd_files": ["lib/huddle_web/live/room_live.ex", "test/huddle_web/live/room_live_test.exs"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "untrack presence in terminate/2", "all_of": ["terminate"]}],
        "secrets": [],
    }


# --------------------------------------------------------------------------
# 2/3. Swift / iOS offline store: A picks Core Data, B reverses to SwiftData
# --------------------------------------------------------------------------

def xcodebuild_noise(n: int, seed: int) -> str:
    rng = random.Random(seed)
    files = ["NoteStore.swift", "NoteListView.swift", "NoteEditorView.swift", "SyncClient.swift",
             "Note+CoreDataClass.swift", "AppDelegate.swift", "FieldNotesApp.swift", "TagPicker.swift",
             "AttachmentCache.swift", "Reachability.swift", "Theme.swift", "NoteRow.swift"]
    out = []
    for _ in range(n):
        f = rng.choice(files)
        out.append(f"CompileSwift normal arm64 /Users/dev/src/fieldnotes-ios/Sources/{f} "
                   f"(in target 'FieldNotes' from project 'FieldNotes')")
        out.append(f"    cd /Users/dev/src/fieldnotes-ios")
        out.append(f"    builtin-swiftTaskExecution -- /Applications/Xcode.app/Contents/Developer/Toolchains/"
                   f"XcodeDefault.xctoolchain/usr/bin/swift-frontend -frontend -c -primary-file Sources/{f} "
                   f"-target arm64-apple-ios16.0-simulator -enable-testing -g -Onone -module-name FieldNotes")
    return "\n".join(out)


NOTESTORE_A = '''import CoreData

final class NoteStore {
    static let shared = NoteStore()
    let container: NSPersistentContainer

    init(inMemory: Bool = false) {
        container = NSPersistentContainer(name: "FieldNotes")
        if inMemory {
            container.persistentStoreDescriptions.first?.url = URL(fileURLWithPath: "/dev/null")
        }
        container.loadPersistentStores { _, error in
            if let error { fatalError("store failed: \\(error)") }
        }
    }

    func importRemote(_ notes: [RemoteNote]) async throws {
        let context = container.viewContext
        for remote in notes {
            let note = NoteEntity(context: context)
            note.id = remote.id
            note.body = remote.body
            note.updatedAt = remote.updatedAt
        }
        try context.save()
    }
}'''


def ios_a_session() -> dict:
    fail_log = xcodebuild_noise(40, 11) + '''
Test Suite 'NoteStoreTests' started at 2024-05-13 10:42:17.301.
Test Case '-[FieldNotesTests.NoteStoreTests testImportRemoteFromBackgroundTask]' started.
2024-05-13 10:42:17.488 xctest[48211:2210934] *** Terminating app due to uncaught exception 'NSInternalInconsistencyException', reason: 'An NSManagedObjectContext's viewContext was accessed from a background thread. NSManagedObjectContext methods must be called on the context's queue.'
*** First throw call stack:
(
	0   CoreFoundation                      0x00000001804ae0f8 __exceptionPreprocess + 172
	1   libobjc.A.dylib                     0x0000000180087db4 objc_exception_throw + 56
	2   CoreData                            0x0000000184c2a1f0 -[NSManagedObjectContext save:] + 1880
	3   FieldNotes                          0x0000000102b81a44 $s10FieldNotes9NoteStoreC12importRemoteyySayAA0D4NoteVGYaKF + 412
	4   FieldNotesTests                     0x0000000103a40c18 $s15FieldNotesTests09NoteStoreC0C30testImportRemoteFromBackgroundTaskyyYaKF + 220
)
libc++abi: terminating due to uncaught exception of type NSException
Restarting after unexpected exit, crash, or test timeout in NoteStoreTests.testImportRemoteFromBackgroundTask(); summary will include totals from previous launches.

Test Suite 'Selected tests' failed at 2024-05-13 10:42:19.004.
	 Executed 14 tests, with 1 failure (1 unexpected) in 1.702 (1.733) seconds
** TEST FAILED **'''
    turns = [
        U("fieldnotes-ios. offline mode. notes need to persist locally. options?"),
        A("Context first: what's the deployment target, and roughly how many notes does a heavy user have?"),
        T("Bash", "grep -n IPHONEOS_DEPLOYMENT_TARGET FieldNotes.xcodeproj/project.pbxproj | head -3 && wc -l Sources/**/*.swift | tail -1",
          "412:\t\t\t\tIPHONEOS_DEPLOYMENT_TARGET = 16.0;\n489:\t\t\t\tIPHONEOS_DEPLOYMENT_TARGET = 16.0;\n  6184 total"),
        U("ios 16 min. swift 5.10, swiftui. power users ~5k notes."),
        A("With iOS 16 as the minimum, SwiftData is out (it needs iOS 17). Realistic options:\n1. Codable JSON file in Application Support: simplest, no schema.\n2. Core Data: built in, handles 5k rows easily, incremental saves.\n3. GRDB/SQLite: a third-party dependency.\n\nLet me quickly measure option 1 with 5k notes since it's the least code."),
        T("Write", "Tests/FieldNotesTests/JSONStoreBenchmark.swift", "Created file (38 lines)"),
        T("Bash", "xcodebuild test -scheme FieldNotes -destination 'platform=iOS Simulator,name=iPhone 15' -only-testing:FieldNotesTests/JSONStoreBenchmark 2>&1 | tail -8",
          '''Test Case '-[FieldNotesTests.JSONStoreBenchmark testSave5000Notes]' started.
/Users/dev/src/fieldnotes-ios/Tests/FieldNotesTests/JSONStoreBenchmark.swift:27: Test Case '-[FieldNotesTests.JSONStoreBenchmark testSave5000Notes]' measured [Time, seconds] average: 1.874, relative standard deviation: 4.112%, values: [1.812, 1.901, 1.955, 1.843, 1.859]
Test Case '-[FieldNotesTests.JSONStoreBenchmark testSave5000Notes]' passed (19.204 seconds).
Test Suite 'JSONStoreBenchmark' passed at 2024-05-13 10:21:03.118.
	 Executed 1 test, with 0 failures (0 unexpected) in 19.204 (19.206) seconds
** TEST SUCCEEDED **'''),
        A("The JSON file approach rewrites the whole file on every edit: 1.87 s per save with 5k notes, which would stall typing in the editor. Too slow, that rules it out. I'd go with Core Data: it's built in, saves only what changed, and we avoid a dependency. I'll delete the benchmark."),
        U("ok core data. go"),
        T("Bash", "rm Tests/FieldNotesTests/JSONStoreBenchmark.swift", ""),
        T("Write", "Sources/Persistence/NoteStore.swift", "Created file (31 lines)\n" + numbered(NOTESTORE_A)),
        T("Write", "Tests/FieldNotesTests/NoteStoreTests.swift", "Created file (64 lines)"),
        T("Bash", "xcodebuild test -scheme FieldNotes -destination 'platform=iOS Simulator,name=iPhone 15' -only-testing:FieldNotesTests/NoteStoreTests 2>&1", fail_log),
        A("The import runs from a background Task (the sync client calls it off the main actor) but uses `viewContext`, which is bound to the main queue. Core Data contexts must only be touched on their own queue. Fix: do the import on a background context inside `perform`."),
        T("Edit", "Sources/Persistence/NoteStore.swift", '''@@ -17,12 +17,15 @@
     func importRemote(_ notes: [RemoteNote]) async throws {
-        let context = container.viewContext
-        for remote in notes {
-            let note = NoteEntity(context: context)
-            note.id = remote.id
-            note.body = remote.body
-            note.updatedAt = remote.updatedAt
-        }
-        try context.save()
+        let context = container.newBackgroundContext()
+        context.mergePolicy = NSMergeByPropertyObjectTrumpMergePolicy
+        try await context.perform {
+            for remote in notes {
+                let note = NoteEntity(context: context)
+                note.id = remote.id
+                note.body = remote.body
+                note.updatedAt = remote.updatedAt
+            }
+            try context.save()
+        }
     }'''),
        T("Edit", "Sources/Persistence/NoteStore.swift", '''@@ -12,6 +12,7 @@
         container.loadPersistentStores { _, error in
             if let error { fatalError("store failed: \\(error)") }
         }
+        container.viewContext.automaticallyMergesChangesFromParent = true
     }'''),
        T("Bash", "xcodebuild test -scheme FieldNotes -destination 'platform=iOS Simulator,name=iPhone 15' -only-testing:FieldNotesTests/NoteStoreTests 2>&1 | tail -4",
          '''Test Suite 'NoteStoreTests' passed at 2024-05-13 10:49:51.662.
	 Executed 14 tests, with 0 failures (0 unexpected) in 0.913 (0.944) seconds
Test Suite 'Selected tests' passed at 2024-05-13 10:49:51.663.
** TEST SUCCEEDED **'''),
        A("Green. The crash was the viewContext being used from a background task; imports now go through `newBackgroundContext()` + `perform`, and the view context merges changes from its parent so the list updates."),
        U("good. conflict resolution when server + local both edited: not now. leave a note."),
        A("Left open: conflict resolution for notes edited both locally and on the server (currently the merge policy just lets the incoming property values win)."),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "fieldnotes-ios: Swift 5.10, SwiftUI, iOS 16 minimum",
         "all_of": [], "any_of": ["swift", "ios 16"]},
        {"kind": "DECISION", "summary": "Core Data for offline note storage (iOS 16 target rules out SwiftData)",
         "all_of": ["core data"], "any_of": ["offline", "notes", "persist", "store"]},
        {"kind": "FAILED", "summary": "Codable JSON file store: 1.87 s per save with 5k notes, rewrites whole file",
         "all_of": ["json"], "any_of": ["1.87", "5k", "slow", "whole file", "save"], "failure": True},
        {"kind": "BUG_FIX", "summary": "NSInternalInconsistencyException: viewContext used from background task -> newBackgroundContext + perform",
         "all_of": [], "any_of": ["newbackgroundcontext", "perform", "viewcontext", "background"],
         "files": ["Sources/Persistence/NoteStore.swift"]},
        {"kind": "TODO", "summary": "conflict resolution when server and local both edited",
         "all_of": ["conflict"], "any_of": ["resolution", "server", "local"]},
    ]
    return {
        "id": "ios_offline_a", "project": "fieldnotes-ios",
        "cwd_files": ["Sources/Persistence/NoteStore.swift", "Tests/FieldNotesTests/NoteStoreTests.swift"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "Codable JSON file in Application Support", "all_of": ["json", "file"]}],
        "secrets": [],
    }


SECRETS_XCCONFIG = '''// Secrets.xcconfig -- NOT committed, see .gitignore
SENTRY_DSN = https:/$()/4f0e9a7c21d84b6f9e3c55a1b2d7e880@o448812.ingest.sentry.io/5523017
SYNC_API_KEY = fnk_live_7QhZ2vR9pX4mT1cW8yL3bN6s
SYNC_BASE_URL = https:/$()/api.fieldnotes.app/v2
'''


def ios_b_session() -> dict:
    migrate_fail = '''Test Case '-[FieldNotesTests.MigrationTests testOpensLegacyStore]' started.
CoreData: error: Store failed to load.  <NSPersistentStoreDescription: 0x600002c1c000> (type: SQLite, url: file:///Users/dev/Library/Developer/CoreSimulator/Devices/0B1E/data/Containers/Data/Application/77A2/Library/Application%20Support/FieldNotes.sqlite) with error = Error Domain=NSCocoaErrorDomain Code=134110 "An error occurred during persistent store migration." UserInfo={sourceURL=file:///.../FieldNotes.sqlite, reason=Cannot migrate store in-place: entity NoteEntity has no counterpart in destination model (entities: Note, Tag), destinationURL=file:///.../FieldNotes.sqlite, NSUnderlyingError=0x600000c5c060 {Error Domain=NSCocoaErrorDomain Code=134190 "(null)" UserInfo={entity=NoteEntity, reason=Source entity NoteEntity has no matching destination entity}}}
SwiftData/ModelContainer.swift:144: Fatal error: failed to find a currently active container for Note
Restarting after unexpected exit, crash, or test timeout in MigrationTests.testOpensLegacyStore(); summary will include totals from previous launches.
	 Executed 3 tests, with 1 failure (1 unexpected) in 0.611 (0.640) seconds
** TEST FAILED **'''
    turns = [
        U("we raised min target to ios 17 (analytics: <2% on 16). drop core data, move the note store to swiftdata. less boilerplate, and the @Query stuff plays nicer with swiftui"),
        A("Got it, that reverses the earlier Core Data choice. Plan: define `@Model` classes for Note and Tag, migrate existing users' Core Data store on first launch, then remove the Core Data stack. Let me check the current state."),
        T("Bash", "git log --oneline -5 && grep -rn IPHONEOS_DEPLOYMENT_TARGET FieldNotes.xcodeproj/project.pbxproj | head -2",
          "a91c2f0 bump deployment target to iOS 17\n3d07be1 NoteStore: background context for remote import\n1fe2a44 offline store on Core Data\n88b0c19 tag picker\n0c3d6e2 sync client retries\n412:\t\t\t\tIPHONEOS_DEPLOYMENT_TARGET = 17.0;\n489:\t\t\t\tIPHONEOS_DEPLOYMENT_TARGET = 17.0;"),
        T("Bash", "cat Config/Secrets.xcconfig", SECRETS_XCCONFIG),
        A("(That file holds live keys; I won't copy them anywhere.) The sync config doesn't affect persistence, so on to the models."),
        T("Write", "Sources/Persistence/Models.swift", '''Created file (29 lines)
import SwiftData

@Model final class Note {
    @Attribute(.unique) var id: UUID
    var body: String
    var updatedAt: Date
    @Relationship(inverse: \\Tag.notes) var tags: [Tag] = []
    init(id: UUID, body: String, updatedAt: Date) { self.id = id; self.body = body; self.updatedAt = updatedAt }
}

@Model final class Tag {
    @Attribute(.unique) var name: String
    var notes: [Note] = []
    init(name: String) { self.name = name }
}'''),
        A("For migration, the cheapest option is to point the SwiftData `ModelConfiguration` at the existing `FieldNotes.sqlite` URL and let it open the old store in place, since SwiftData sits on Core Data underneath."),
        T("Edit", "Sources/Persistence/NoteStore.swift", '''-        container = NSPersistentContainer(name: "FieldNotes")
+        let config = ModelConfiguration(url: NoteStore.legacyStoreURL)
+        container = try ModelContainer(for: Note.self, Tag.self, configurations: config)'''),
        T("Bash", "xcodebuild test -scheme FieldNotes -destination 'platform=iOS Simulator,name=iPhone 15' -only-testing:FieldNotesTests/MigrationTests 2>&1 | tail -7", migrate_fail),
        A("Opening the legacy sqlite in place fails: the old model's entity is `NoteEntity`, the new one is `Note`, and an in-place lightweight migration can't map renamed entities without a mapping model, which SwiftData doesn't let us supply. So reusing the same store file is a dead end. Instead I'll write a one-time `LegacyImporter`: if the old `FieldNotes.sqlite` exists, read it with a plain read-only NSPersistentContainer, insert Notes/Tags into a new SwiftData store (`FieldNotes-v2.store`), then delete the old files."),
        U("fine. and never force unwrap in the persistence layer pls, I saw `try!` in the old store"),
        A("Understood, no force unwraps or `try!` in persistence code; errors propagate or get logged."),
        T("Write", "Sources/Persistence/LegacyImporter.swift", "Created file (71 lines)"),
        T("Edit", "Sources/Persistence/NoteStore.swift", "Replaced NSPersistentContainer with ModelContainer(for: Note.self, Tag.self) at FieldNotes-v2.store; removed try! in init, init now throws; LegacyImporter.runIfNeeded() before first fetch"),
        T("Bash", "git rm -q Sources/Persistence/FieldNotes.xcdatamodeld -r && git rm -q 'Sources/Persistence/Note+CoreDataClass.swift'", ""),
        T("Bash", "xcodebuild test -scheme FieldNotes -destination 'platform=iOS Simulator,name=iPhone 15' 2>&1 | tail -4",
          '''Test Suite 'All tests' passed at 2024-06-03 15:12:40.220.
	 Executed 22 tests, with 0 failures (0 unexpected) in 2.118 (2.190) seconds
** TEST SUCCEEDED **'''),
        A("All 22 tests pass, including the legacy import test with a 5k-note fixture. The note store is on SwiftData now; Core Data is only used read-only inside LegacyImporter for the one-time migration."),
        U("👍 remove LegacyImporter in a release or two when everyone migrated. remind me."),
    ]
    gold = [
        {"kind": "DECISION", "summary": "note store moved from Core Data to SwiftData (min target iOS 17)",
         "all_of": ["swiftdata"], "any_of": ["ios 17", "core data", "note", "store"]},
        {"kind": "FAILED", "summary": "opening the legacy Core Data sqlite in place with SwiftData: NoteEntity has no counterpart (Note), migration error 134110",
         "all_of": [], "any_of": ["in place", "sqlite", "noteentity", "134110", "same store"], "failure": True},
        {"kind": "DECISION", "summary": "one-time LegacyImporter copies old store into FieldNotes-v2.store",
         "all_of": [], "any_of": ["legacyimporter", "importer", "one-time"]},
        {"kind": "PREFERENCE", "summary": "never force unwrap / try! in the persistence layer",
         "all_of": [], "any_of": ["force unwrap", "try!"]},
        {"kind": "TODO", "summary": "remove LegacyImporter in a release or two",
         "all_of": [], "any_of": ["legacyimporter", "importer"]},
    ]
    return {
        "id": "ios_offline_b", "project": "fieldnotes-ios",
        "cwd_files": ["Sources/Persistence/NoteStore.swift", "Sources/Persistence/Models.swift",
                      "Sources/Persistence/LegacyImporter.swift"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "reuse the legacy sqlite store in place", "all_of": ["in place"]}],
        "secrets": ["4f0e9a7c21d84b6f9e3c55a1b2d7e880", "fnk_live_7QhZ2vR9pX4mT1cW8yL3bN6s"],
        "supersedes": [{"old_session": "ios_offline_a", "old_all_of": ["core data"],
                        "new_all_of": ["swiftdata"]}],
    }


# --------------------------------------------------------------------------
# 4. Kotlin / Spring Boot: LazyInitializationException (user pastes logs)
# --------------------------------------------------------------------------

def spring_boot_log() -> str:
    lines = [
        "  .   ____          _            __ _ _",
        " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
        "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\",
        " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )",
        "  '  |____| .__|_| |_|_| |_\\__, | / / / /",
        " =========|_|==============|___/=/_/_/_/",
        " :: Spring Boot ::                (v3.2.4)",
        "",
    ]
    t = 10 * 3600 + 14 * 60 + 2
    comps = ["o.s.b.w.embedded.tomcat.TomcatWebServer", "o.hibernate.jpa.internal.util.LogHelper",
             "com.zaxxer.hikari.HikariDataSource", "o.f.core.internal.command.DbMigrate",
             "o.s.d.r.c.RepositoryConfigurationDelegate", "o.s.b.a.e.web.EndpointLinksResolver"]
    msgs = ["Tomcat initialized with port 8080 (http)", "HHH000204: Processing PersistenceUnitInfo [name: default]",
            "HikariPool-1 - Starting...", "Current version of schema \"public\": 42",
            "Finished Spring Data repository scanning in 88 ms. Found 9 JPA repository interfaces.",
            "Exposing 3 endpoint(s) beneath base path '/actuator'"]
    for i in range(6):
        lines.append(f"2024-04-22T10:14:{2 + i:02d}.{117 + 31 * i:03d}+02:00  INFO 31877 --- [ledger-api] [           main] {comps[i]:<40} : {msgs[i]}")
    lines.append("2024-04-22T10:14:09.551+02:00  INFO 31877 --- [ledger-api] [           main] c.acme.ledger.LedgerApiApplicationKt      : Started LedgerApiApplicationKt in 7.48 seconds (process running for 7.9)")
    lines.append("2024-04-22T10:15:31.020+02:00 ERROR 31877 --- [ledger-api] [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.http.converter.HttpMessageNotWritableException: Could not write JSON: failed to lazily initialize a collection of role: com.acme.ledger.invoice.Invoice.lines: could not initialize proxy - no Session] with root cause")
    lines.append("")
    lines.append("org.hibernate.LazyInitializationException: failed to lazily initialize a collection of role: com.acme.ledger.invoice.Invoice.lines: could not initialize proxy - no Session")
    frames = [
        "org.hibernate.collection.spi.AbstractPersistentCollection.throwLazyInitializationException(AbstractPersistentCollection.java:635)",
        "org.hibernate.collection.spi.AbstractPersistentCollection.withTemporarySessionIfNeeded(AbstractPersistentCollection.java:218)",
        "org.hibernate.collection.spi.AbstractPersistentCollection.initialize(AbstractPersistentCollection.java:615)",
        "org.hibernate.collection.spi.PersistentBag.iterator(PersistentBag.java:387)",
        "com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serializeContents(CollectionSerializer.java:133)",
        "com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:107)",
        "com.fasterxml.jackson.databind.ser.BeanPropertyWriter.serializeAsField(BeanPropertyWriter.java:732)",
        "com.fasterxml.jackson.databind.ser.std.BeanSerializerBase.serializeFields(BeanSerializerBase.java:772)",
        "com.fasterxml.jackson.databind.ser.BeanSerializer.serialize(BeanSerializer.java:178)",
        "com.fasterxml.jackson.databind.ser.DefaultSerializerProvider._serialize(DefaultSerializerProvider.java:479)",
        "com.fasterxml.jackson.databind.ser.DefaultSerializerProvider.serializeValue(DefaultSerializerProvider.java:318)",
        "com.fasterxml.jackson.databind.ObjectWriter$Prefetch.serialize(ObjectWriter.java:1572)",
        "com.fasterxml.jackson.databind.ObjectWriter.writeValue(ObjectWriter.java:1061)",
        "org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter.writeInternal(AbstractJackson2HttpMessageConverter.java:483)",
        "org.springframework.http.converter.AbstractGenericHttpMessageConverter.write(AbstractGenericHttpMessageConverter.java:114)",
        "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters(AbstractMessageConverterMethodProcessor.java:297)",
        "org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor.handleReturnValue(RequestResponseBodyMethodProcessor.java:194)",
        "org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite.handleReturnValue(HandlerMethodReturnValueHandlerComposite.java:78)",
        "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:136)",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod(RequestMappingHandlerAdapter.java:925)",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal(RequestMappingHandlerAdapter.java:830)",
        "org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
        "org.springframework.web.servlet.DispatcherServlet.doService(DispatcherServlet.java:979)",
        "org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:205)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:149)",
        "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1744)",
        "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1191)",
        "java.base/java.lang.Thread.run(Thread.java:1583)",
    ]
    lines += [f"\tat {f}" for f in frames]
    return "\n".join(lines)


APPLICATION_LOCAL_YML = '''spring:
  datasource:
    url: jdbc:postgresql://localhost:5432/ledger
    username: ledger_app
    password: "Vh7!pq2LmZr9#ledger"
  jpa:
    open-in-view: false
    properties:
      hibernate.jdbc.batch_size: 50
  flyway:
    locations: classpath:db/migration
ledger:
  stripe:
    api-key: sk_test_51HxQ2bLq8ZtR4mN0pW7vY3cK9eJ6aF1dG5hU2sT8oI4lX0
  pdf:
    bucket: acme-ledger-invoices-dev
'''


def gradle_test(fail: bool) -> str:
    tasks = ["> Task :checkKotlinGradlePluginConfigurationErrors", "> Task :processResources UP-TO-DATE",
             "> Task :processTestResources UP-TO-DATE", "> Task :compileKotlin", "> Task :compileJava NO-SOURCE",
             "> Task :classes", "> Task :compileTestKotlin", "> Task :testClasses"]
    out = tasks[:]
    if fail:
        out += ["> Task :test FAILED", "",
                "InvoiceControllerTest > GET invoice returns its lines() FAILED",
                "    org.opentest4j.AssertionFailedError: Status expected:<200> but was:<500>",
                "        at app//org.springframework.test.util.AssertionErrors.fail(AssertionErrors.java:59)",
                "        at app//org.springframework.test.util.AssertionErrors.assertEquals(AssertionErrors.java:122)",
                "        at app//org.springframework.test.web.servlet.result.StatusResultMatchers.lambda$matcher$9(StatusResultMatchers.java:637)",
                "        at app//com.acme.ledger.invoice.InvoiceControllerTest.GET invoice returns its lines(InvoiceControllerTest.kt:48)",
                "",
                "        Caused by:",
                "        org.hibernate.LazyInitializationException: failed to lazily initialize a collection of role: com.acme.ledger.invoice.Invoice.lines: could not initialize proxy - no Session",
                "",
                "37 tests completed, 1 failed", "", "FAILURE: Build failed with an exception.", "",
                "* What went wrong:", "Execution failed for task ':test'.",
                "> There were failing tests. See the report at: file:///home/ngozi/ledger-api/build/reports/tests/test/index.html",
                "", "BUILD FAILED in 41s", "5 actionable tasks: 3 executed, 2 up-to-date"]
    else:
        out += ["> Task :test", "", "BUILD SUCCESSFUL in 38s", "5 actionable tasks: 3 executed, 2 up-to-date"]
    return "\n".join(out)


def kotlin_session() -> dict:
    turns = [
        U("Hello. I have error in ledger-api when I call GET /invoices/{id}. It is Kotlin 1.9 + Spring Boot 3.2, Postgres 15, gradle kts. Here is the log:\n\n" + spring_boot_log()),
        A("That's a `LazyInitializationException`: the controller returns the `Invoice` entity, and Jackson touches `invoice.lines` while serializing the response, after the Hibernate session is closed. Let me look at the controller, the entity and the config."),
        T("Read", "src/main/kotlin/com/acme/ledger/invoice/InvoiceController.kt", numbered('''package com.acme.ledger.invoice

import org.springframework.web.bind.annotation.*

@RestController
@RequestMapping("/invoices")
class InvoiceController(private val invoices: InvoiceRepository) {

    @GetMapping("/{id}")
    fun get(@PathVariable id: Long): Invoice =
        invoices.findById(id).orElseThrow { InvoiceNotFound(id) }
}''')),
        T("Bash", "cat src/main/resources/application-local.yml", APPLICATION_LOCAL_YML),
        A("`open-in-view: false` explains why the session is gone by serialization time. One option would be to switch open-in-view back on, but first, is it off on purpose?"),
        U("Yes it is on purpose. We had OSIV before and in prod the connection pool was exhausted because the connection stay open during the whole request, also the slow PDF rendering. Please don't turn on it."),
        A("Understood, OSIV stays off. Then the fix has to load the lines inside the transaction. Let me first try the smallest change: make the controller method `@Transactional(readOnly = true)` so the lazy load happens inside a transaction."),
        T("Edit", "src/main/kotlin/com/acme/ledger/invoice/InvoiceController.kt", '''@@ -9,4 +9,5 @@
+    @Transactional(readOnly = true)
     @GetMapping("/{id}")
     fun get(@PathVariable id: Long): Invoice ='''),
        T("Bash", "./gradlew test --tests 'com.acme.ledger.invoice.InvoiceControllerTest'", gradle_test(True)),
        A("Still 500. That makes sense in hindsight: the transaction ends when `get()` returns, and Jackson serializes the returned value afterwards in the message converter, outside the transaction. So `@Transactional` on the controller doesn't help here; I'm reverting it.\n\nProper fix, in two parts:\n1. A repository query with `left join fetch i.lines` so the lines are loaded in the same query.\n2. Return a DTO (`InvoiceResponse`) instead of the JPA entity, mapped inside the service, so serialization never touches Hibernate proxies.\n\nI'd suggest making DTOs the rule for controllers in general: entities never leave the service layer."),
        U("Yes ok, do that. And for all new endpoints also DTO, not entity. Also please: constructor injection only, never @Autowired on fields, I saw one in PaymentService"),
        T("Edit", "src/main/kotlin/com/acme/ledger/invoice/InvoiceRepository.kt", '''@@ -5,4 +5,7 @@
 interface InvoiceRepository : JpaRepository<Invoice, Long> {
+    @Query("select i from Invoice i left join fetch i.lines where i.id = :id")
+    fun findWithLines(@Param("id") id: Long): Invoice?
 }'''),
        T("Write", "src/main/kotlin/com/acme/ledger/invoice/InvoiceResponse.kt", '''Created file (27 lines)
data class InvoiceResponse(val id: Long, val number: String, val customerId: Long,
                           val total: BigDecimal, val currency: String, val lines: List<LineResponse>)
data class LineResponse(val sku: String, val quantity: Int, val unitPrice: BigDecimal)

fun Invoice.toResponse() = InvoiceResponse(id!!, number, customer.id!!, total, currency,
    lines.map { LineResponse(it.sku, it.quantity, it.unitPrice) })'''),
        T("Edit", "src/main/kotlin/com/acme/ledger/invoice/InvoiceController.kt", '''@@ -6,9 +6,9 @@
-class InvoiceController(private val invoices: InvoiceRepository) {
+class InvoiceController(private val invoiceService: InvoiceService) {
-    @Transactional(readOnly = true)
     @GetMapping("/{id}")
-    fun get(@PathVariable id: Long): Invoice =
-        invoices.findById(id).orElseThrow { InvoiceNotFound(id) }
+    fun get(@PathVariable id: Long): InvoiceResponse = invoiceService.get(id)
 }'''),
        T("Edit", "src/main/kotlin/com/acme/ledger/invoice/InvoiceService.kt", '''@@ -12,3 +12,7 @@
+    @Transactional(readOnly = true)
+    fun get(id: Long): InvoiceResponse =
+        (invoices.findWithLines(id) ?: throw InvoiceNotFound(id)).toResponse()'''),
        T("Bash", "grep -rn '@Autowired' src/main/kotlin", "src/main/kotlin/com/acme/ledger/payment/PaymentService.kt:14:    @Autowired lateinit var fx: FxRateClient"),
        T("Edit", "src/main/kotlin/com/acme/ledger/payment/PaymentService.kt", '''-class PaymentService(private val payments: PaymentRepository) {
-    @Autowired lateinit var fx: FxRateClient
+class PaymentService(
+    private val payments: PaymentRepository,
+    private val fx: FxRateClient,
+) {'''),
        T("Bash", "./gradlew test", gradle_test(False)),
        A("All 37 tests pass. Summary:\n- Root cause: the controller returned the `Invoice` entity; with open-in-view off, Jackson hit the lazy `lines` collection after the session closed.\n- Fix: `findWithLines` fetch-join query + `InvoiceResponse` DTO built inside `InvoiceService.get` (transactional).\n- `PaymentService` now uses constructor injection.\n\nOne more thing I noticed: `GET /customers/{id}/invoices` returns entities too and will have the same problem (and an N+1 on lines)."),
        U("Ok thank you. The customers endpoint we fix next time, I have meeting now."),
        A("Sure, I'll leave that open: `/customers/{id}/invoices` still returns entities (lazy lines, N+1), convert to DTO with a fetch join next time."),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "ledger-api: Kotlin 1.9, Spring Boot 3.2, Postgres 15, Gradle KTS",
         "all_of": [], "any_of": ["kotlin", "spring boot"]},
        {"kind": "BUG_FIX", "summary": "LazyInitializationException on GET /invoices/{id} -> fetch join findWithLines + InvoiceResponse DTO",
         "all_of": [], "any_of": ["lazyinitializationexception", "lazy", "fetch join", "findwithlines"],
         "files": ["src/main/kotlin/com/acme/ledger/invoice/InvoiceService.kt"]},
        {"kind": "FAILED", "summary": "@Transactional on controller method: Jackson serializes after the transaction ends",
         "all_of": ["transactional"], "any_of": ["controller", "jackson", "serializ"], "failure": True},
        {"kind": "DECISION", "summary": "open-in-view stays off (OSIV exhausted connection pool in prod)",
         "all_of": [], "any_of": ["open-in-view", "osiv"]},
        {"kind": "DECISION", "summary": "controllers return DTOs, never JPA entities (all new endpoints)",
         "all_of": ["dto"], "any_of": ["entity", "entities", "endpoint", "controller"]},
        {"kind": "PREFERENCE", "summary": "constructor injection only, never @Autowired fields",
         "all_of": [], "any_of": ["constructor injection", "autowired"]},
        {"kind": "TODO", "summary": "/customers/{id}/invoices still returns entities (lazy lines, N+1)",
         "all_of": ["customers"], "any_of": ["invoices", "dto", "n+1", "entities"]},
    ]
    return {
        "id": "kotlin_ledger_lazy", "project": "ledger-api",
        "cwd_files": ["src/main/kotlin/com/acme/ledger/invoice/InvoiceController.kt",
                      "src/main/kotlin/com/acme/ledger/invoice/InvoiceService.kt"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "@Transactional on the controller method", "all_of": ["transactional", "controller"]},
                      {"summary": "turn open-in-view back on", "all_of": ["open-in-view", "true"]}],
        "secrets": ["Vh7!pq2LmZr9#ledger", "sk_test_51HxQ2bLq8ZtR4mN0pW7vY3cK9eJ6aF1dG5hU2sT8oI4lX0"],
    }


# --------------------------------------------------------------------------
# 5. SvelteKit: cart leaking between users (terse user)
# --------------------------------------------------------------------------

def svelte_session() -> dict:
    vitest_fail = ''' RUN  v1.5.0 /home/kai/shopfront

 ✓ src/lib/money.test.ts  (6 tests) 4ms
 ✓ src/lib/coupon.test.ts  (4 tests) 3ms
 ❯ src/routes/cart.ssr.test.ts  (2 tests | 1 failed) 212ms
   ❯ src/routes/cart.ssr.test.ts > cart is isolated between sessions
     → expected [ { sku: 'TSHIRT-M', qty: 2 } ] to deeply equal []

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/routes/cart.ssr.test.ts > cart is isolated between sessions
AssertionError: expected [ { sku: 'TSHIRT-M', qty: 2 } ] to deeply equal []

- Expected
+ Received

- Array []
+ Array [
+   Object {
+     "qty": 2,
+     "sku": "TSHIRT-M",
+   },
+ ]

 ❯ src/routes/cart.ssr.test.ts:31:39
     29|   const resB = await render('/cart', { cookies: { sid: 'b' } });
     30|   const itemsB = extractCart(resB.body);
     31|   expect(itemsB).toEqual([]);
       |                                       ^
     32| });

 Test Files  1 failed | 2 passed (3)
      Tests  1 failed | 11 passed (12)
   Duration  1.31s'''
    turns = [
        U("shopfront. prod bug: user B sees user A's cart on first page load, then it flips. sveltekit 2, svelte 5, ts. repro test in src/routes/cart.ssr.test.ts"),
        T("Bash", "pnpm vitest run", vitest_fail),
        T("Read", "src/lib/cart.ts", numbered('''import { writable } from 'svelte/store';

export type CartItem = { sku: string; qty: number };

// one cart for the app
export const cart = writable<CartItem[]>([]);

export function addItem(item: CartItem) {
  cart.update((items) => [...items, item]);
}''')),
        A("Root cause: `cart` is a module-level store. On the server, modules are loaded once per process, so every request shares the same store; whatever user A's load wrote is rendered for user B until the client hydrates and replaces it.\n\nQuick option: reset the store at the start of each request in `hooks.server.ts`."),
        T("Edit", "src/hooks.server.ts", '''+import { cart } from '$lib/cart';
 export const handle: Handle = async ({ event, resolve }) => {
+  cart.set([]);
   return resolve(event);'''),
        T("Bash", "pnpm vitest run src/routes/cart.ssr.test.ts && pnpm vitest run src/routes/cart.concurrent.test.ts", ''' ✓ src/routes/cart.ssr.test.ts  (2 tests) 198ms
 ❯ src/routes/cart.concurrent.test.ts  (1 test | 1 failed) 340ms
   → expected [ { sku: 'MUG', qty: 1 } ] to deeply equal [ { sku: 'CAP', qty: 3 } ]
 Test Files  1 failed | 1 passed (2)'''),
        A("The sequential test passes but the concurrent one fails: with two requests in flight, one request's `set` lands while the other is mid-render, so resetting a shared store in hooks.server.ts just moves the race. Abandoning that and reverting. The real fix is per-request state: create the cart in the root layout and pass it through context."),
        U("ok. use runes not stores for new stuff btw."),
        T("Write", "src/lib/cart.svelte.ts", '''Created file (24 lines)
import { getContext, setContext } from 'svelte';

export type CartItem = { sku: string; qty: number };
const KEY = Symbol('cart');

export class Cart {
  items = $state<CartItem[]>([]);
  constructor(initial: CartItem[]) { this.items = initial; }
  add(item: CartItem) { this.items.push(item); }
}

export function setCart(initial: CartItem[]) { return setContext(KEY, new Cart(initial)); }
export function getCart() { return getContext<Cart>(KEY); }'''),
        T("Edit", "src/routes/+layout.svelte", '''+  import { setCart } from '$lib/cart.svelte';
+  let { data, children } = $props();
+  setCart(data.cart);'''),
        T("Bash", "git checkout src/hooks.server.ts && git rm -q src/lib/cart.ts && pnpm check && pnpm vitest run", '''svelte-check found 0 errors and 0 warnings

 ✓ src/lib/money.test.ts  (6 tests) 4ms
 ✓ src/lib/coupon.test.ts  (4 tests) 3ms
 ✓ src/routes/cart.ssr.test.ts  (2 tests) 187ms
 ✓ src/routes/cart.concurrent.test.ts  (1 test) 301ms

 Test Files  4 passed (4)
      Tests  13 passed (13)'''),
        A("All green. The cart is now a `$state` class created per request in `+layout.svelte` and read with `getCart()` via context, so no state is shared between requests on the server. I wrote `export default` nowhere; `Cart`, `setCart`, `getCart` are named exports."),
        U("good. never default exports, ever. pnpm only, don't touch package-lock. coupon ssr same issue? check tomorrow"),
        A("Noted: named exports only, pnpm only. I'll leave checking `src/lib/coupon.ts` for the same module-level state issue as an open item for tomorrow."),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "shopfront: SvelteKit 2, Svelte 5, TypeScript, pnpm",
         "all_of": [], "any_of": ["sveltekit", "svelte 5"]},
        {"kind": "BUG_FIX", "summary": "user B saw A's cart: module-level store shared across SSR requests -> per-request cart via context in +layout.svelte",
         "all_of": ["cart"], "any_of": ["context", "per-request", "per request", "module-level", "shared"],
         "files": ["src/lib/cart.svelte.ts", "src/routes/+layout.svelte"]},
        {"kind": "FAILED", "summary": "resetting the store in hooks.server.ts: races under concurrent requests",
         "all_of": ["hooks"], "any_of": ["concurrent", "race", "reset"], "failure": True},
        {"kind": "DECISION", "summary": "Svelte 5 runes, not stores, for new code",
         "all_of": ["runes"], "any_of": ["stores", "new"]},
        {"kind": "PREFERENCE", "summary": "never default exports",
         "all_of": ["default export"], "any_of": ["never", "named"]},
        {"kind": "PREFERENCE", "summary": "pnpm only, don't touch package-lock",
         "all_of": ["pnpm"], "any_of": ["only", "package-lock"]},
        {"kind": "TODO", "summary": "check coupon for the same SSR shared-state issue",
         "all_of": ["coupon"], "any_of": ["ssr", "check", "same", "tomorrow"]},
    ]
    return {
        "id": "svelte_cart_ssr", "project": "shopfront",
        "cwd_files": ["src/lib/cart.svelte.ts", "src/routes/+layout.svelte", "src/hooks.server.ts"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "reset the shared store in hooks.server.ts", "all_of": ["hooks", "reset"]}],
        "secrets": [],
    }


# --------------------------------------------------------------------------
# 6. C++ / CMake link error (non-native English user)
# --------------------------------------------------------------------------

def ninja_build(seed: int, fail: str | None) -> str:
    rng = random.Random(seed)
    units = ["core/log.cpp", "core/arena.cpp", "core/job_system.cpp", "core/hash.cpp", "render/device.cpp",
             "render/swapchain.cpp", "render/pipeline.cpp", "render/shader_cache.cpp", "render/descriptor_pool.cpp",
             "render/mesh.cpp", "render/lighting.cpp", "world/chunk.cpp", "world/mesher.cpp", "world/noise.cpp",
             "tests/test_chunk.cpp", "tests/test_mesher.cpp", "tests/test_shader_cache.cpp", "tests/main.cpp"]
    total = len(units) + 4
    out = []
    for i, u in enumerate(units, 1):
        tgt = "vx_tests" if u.startswith("tests") else ("vx_render" if u.startswith("render") else
                                                       ("vx_world" if u.startswith("world") else "vx_core"))
        out.append(f"[{i}/{total}] Building CXX object src/{u.split('/')[0]}/CMakeFiles/{tgt}.dir/{u.split('/')[1]}.o"
                   if not u.startswith("tests") else
                   f"[{i}/{total}] Building CXX object tests/CMakeFiles/vx_tests.dir/{u.split('/')[1]}.o")
        if rng.random() < 0.15:
            out.append(f"/home/jun/voxel-engine/src/{u}:{rng.randint(20, 300)}:{rng.randint(5, 40)}: warning: "
                       f"unused parameter 'ctx' [-Wunused-parameter]")
    out.append(f"[{total - 3}/{total}] Linking CXX static library src/core/libvx_core.a")
    out.append(f"[{total - 2}/{total}] Linking CXX static library src/render/libvx_render.a")
    out.append(f"[{total - 1}/{total}] Linking CXX static library src/world/libvx_world.a")
    if fail:
        out.append(f"[{total}/{total}] Linking CXX executable tests/vx_tests")
        out.append("FAILED: tests/vx_tests")
        out.append(": && /usr/bin/clang++-17 -g tests/CMakeFiles/vx_tests.dir/test_chunk.cpp.o "
                   "tests/CMakeFiles/vx_tests.dir/test_mesher.cpp.o tests/CMakeFiles/vx_tests.dir/test_shader_cache.cpp.o "
                   "tests/CMakeFiles/vx_tests.dir/main.cpp.o -o tests/vx_tests src/world/libvx_world.a "
                   "src/core/libvx_core.a /usr/lib/x86_64-linux-gnu/libgtest.a -lpthread && :")
        out.append(fail)
        out.append("clang++-17: error: linker command failed with exit code 1 (use -v to see invocation)")
        out.append("ninja: build stopped: subcommand failed.")
    else:
        out.append(f"[{total}/{total}] Linking CXX executable tests/vx_tests")
    return "\n".join(out)


UNDEF = '''/usr/bin/ld: tests/CMakeFiles/vx_tests.dir/test_shader_cache.cpp.o: in function `ShaderCacheTest_LoadsSpirvFromDisk_Test::TestBody()':
/home/jun/voxel-engine/tests/test_shader_cache.cpp:22: undefined reference to `vx::ShaderCache::ShaderCache(vx::Device&)'
/usr/bin/ld: /home/jun/voxel-engine/tests/test_shader_cache.cpp:23: undefined reference to `vx::ShaderCache::load(std::filesystem::__cxx11::path const&)'
/usr/bin/ld: /home/jun/voxel-engine/tests/test_shader_cache.cpp:31: undefined reference to `vx::ShaderCache::~ShaderCache()'
/usr/bin/ld: tests/CMakeFiles/vx_tests.dir/test_shader_cache.cpp.o: in function `ShaderCacheTest_ReusesModule_Test::TestBody()':
/home/jun/voxel-engine/tests/test_shader_cache.cpp:38: undefined reference to `vx::ShaderCache::ShaderCache(vx::Device&)'
/usr/bin/ld: /home/jun/voxel-engine/tests/test_shader_cache.cpp:39: undefined reference to `vx::ShaderCache::load(std::filesystem::__cxx11::path const&)'
/usr/bin/ld: /home/jun/voxel-engine/tests/test_shader_cache.cpp:40: undefined reference to `vx::Device::createHeadless()'
clang++-17: error: linker command failed with exit code 1 (use -v to see invocation)'''


def cmake_session() -> dict:
    tests_cmake = '''add_executable(vx_tests
  main.cpp
  test_chunk.cpp
  test_mesher.cpp
  test_shader_cache.cpp
)
target_link_libraries(vx_tests PRIVATE vx_world vx_core GTest::gtest)
gtest_discover_tests(vx_tests)'''
    unity_fail = '''[1/9] Building CXX object src/render/CMakeFiles/vx_render.dir/Unity/unity_0_cxx.cxx.o
FAILED: src/render/CMakeFiles/vx_render.dir/Unity/unity_0_cxx.cxx.o
In file included from /home/jun/voxel-engine/build/src/render/CMakeFiles/vx_render.dir/Unity/unity_0_cxx.cxx:10:
/home/jun/voxel-engine/src/render/lighting.cpp:9:23: error: redefinition of 'kMaxLights'
    9 | constexpr std::size_t kMaxLights = 256;
      |                       ^
/home/jun/voxel-engine/src/render/pipeline.cpp:14:23: note: previous definition is here
   14 | constexpr std::size_t kMaxLights = 64;
      |                       ^
/home/jun/voxel-engine/src/render/lighting.cpp:31:13: error: redefinition of 'toVk'
   31 | static auto toVk(Format f) -> VkFormat {
      |             ^
/home/jun/voxel-engine/src/render/device.cpp:58:13: note: previous definition is here
   58 | static auto toVk(Format f) -> VkFormat {
      |             ^
2 errors generated.
ninja: build stopped: subcommand failed.'''
    turns = [
        U("hello, i have problem with link. the test binary not link anymore after I add the shader cache module yesterday. voxel-engine is C++20, cmake 3.28, ninja, vulkan. can you look please"),
        A("Sure. Let me build and see the exact linker error."),
        T("Bash", "cmake --build build 2>&1 | tail -40", ninja_build(3, UNDEF)),
        T("Bash", "cat tests/CMakeLists.txt && grep -n shader_cache src/render/CMakeLists.txt", tests_cmake + "\n---\n7:  shader_cache.cpp"),
        A("The link line for `vx_tests` has `libvx_world.a` and `libvx_core.a` but not `libvx_render.a`. `shader_cache.cpp` is correctly in the `vx_render` target, but the test executable never links `vx_render`: until now no test used anything from render, so nobody noticed. `Device::createHeadless()` is missing for the same reason.\n\nFix: link `vx_render` into `vx_tests`. Side note, a lot of projects use `file(GLOB_RECURSE ...)` so new .cpp files are picked up automatically, would you like that for the source lists?"),
        U("no, we try GLOB_RECURSE last month and it was bad. new file not picked up until you re-run cmake by hand, so CI and local build was different, people lost a day. we stay with explicit list. please just fix the link"),
        T("Edit", "tests/CMakeLists.txt", '''-target_link_libraries(vx_tests PRIVATE vx_world vx_core GTest::gtest)
+target_link_libraries(vx_tests PRIVATE vx_render vx_world vx_core GTest::gtest)'''),
        T("Bash", "cmake --build build 2>&1 | tail -6 && ctest --test-dir build --output-on-failure | tail -6",
          "\n".join(ninja_build(3, None).splitlines()[-4:]) + '''
Test project /home/jun/voxel-engine/build
    Start 1: ChunkTest.EmptyChunkHasNoFaces
...
42/42 Test #42: ShaderCacheTest.ReusesModule ..........   Passed    0.03 sec

100% tests passed, 0 tests failed out of 42
Total Test time (real) =   1.87 sec'''),
        A("Links and all 42 tests pass. Root cause: `vx_tests` linked only `vx_world` and `vx_core`; the new shader cache tests are the first to use `vx_render`, so it had to be added to `target_link_libraries`."),
        U("thank you! other thing, the full build is 6 minutes, is slow. can we make faster?"),
        A("One cheap thing to try is a unity build (`CMAKE_UNITY_BUILD=ON`), which batches .cpp files into fewer translation units. Let me try it on the render lib."),
        T("Bash", "cmake -S . -B build-unity -G Ninja -DCMAKE_UNITY_BUILD=ON >/dev/null && cmake --build build-unity --target vx_render 2>&1 | tail -18", unity_fail),
        A("The unity build fails: several .cpp files define file-local helpers with the same names (`kMaxLights`, `toVk`), which collide once they're concatenated into one translation unit. Making it work would mean renaming or namespacing helpers across the whole render module, which is churn for an uncertain gain, so I'd drop the unity build idea. Better next step would be ccache plus looking at which headers are heavy (e.g. vulkan.hpp) with `-ftime-trace`."),
        U("ok forget unity build. ccache we have already in CI. and please always use Ninja generator, never the Makefiles, our scripts expect build/ with ninja"),
        T("Bash", "rm -rf build-unity", ""),
        A("Noted: Ninja generator always, build dir `build/`. Removed the unity build directory. If you want, next time I can profile compile times with `-ftime-trace`."),
        U("yes next time. also the validation layer warnings in the swapchain recreate, we must fix but later. bye!"),
        A("Two open items then: profile compile time with -ftime-trace, and fix the Vulkan validation layer warnings on swapchain recreate. Bye!"),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "voxel-engine: C++20, CMake 3.28, Ninja, Vulkan",
         "all_of": [], "any_of": ["c++20", "cmake", "vulkan"]},
        {"kind": "BUG_FIX", "summary": "vx_tests undefined reference to ShaderCache -> link vx_render in tests/CMakeLists.txt",
         "all_of": ["vx_render"], "any_of": ["vx_tests", "link", "undefined", "shadercache", "shader"],
         "files": ["tests/CMakeLists.txt"]},
        {"kind": "FAILED", "summary": "file(GLOB_RECURSE) for sources: new files not picked up until cmake re-run, CI and local differed",
         "all_of": ["glob"], "any_of": ["re-run", "new file", "explicit", "ci"], "failure": True},
        {"kind": "FAILED", "summary": "unity build: redefinition of file-local helpers (kMaxLights, toVk)",
         "all_of": ["unity"], "any_of": ["redefinition", "kmaxlights", "tovk", "collide", "helpers"], "failure": True},
        {"kind": "PREFERENCE", "summary": "always Ninja generator, never Makefiles; build dir build/",
         "all_of": ["ninja"], "any_of": ["always", "never", "makefile", "generator"]},
        {"kind": "TODO", "summary": "fix Vulkan validation layer warnings on swapchain recreate",
         "all_of": ["validation"], "any_of": ["swapchain", "warning", "later"]},
        {"kind": "TODO", "summary": "profile compile time with -ftime-trace",
         "all_of": [], "any_of": ["ftime-trace", "time-trace", "compile time"]},
    ]
    return {
        "id": "cmake_vx_link", "project": "voxel-engine",
        "cwd_files": ["tests/CMakeLists.txt", "src/render/CMakeLists.txt", "src/render/shader_cache.cpp"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "file(GLOB_RECURSE) source lists", "all_of": ["glob"]},
                      {"summary": "CMAKE_UNITY_BUILD", "all_of": ["unity"]}],
        "secrets": [],
    }


# --------------------------------------------------------------------------
# 7. dbt + Airflow on Snowflake: long session, env dump with secrets
# --------------------------------------------------------------------------

DBT_MODELS = (
    [f"stg_shop__{t}" for t in ["orders", "order_items", "customers", "products", "payments", "refunds",
                                "shipments", "addresses", "coupons", "inventory_moves"]]
    + [f"stg_crm__{t}" for t in ["accounts", "contacts", "tickets", "ticket_events", "campaigns"]]
    + [f"int_{t}" for t in ["orders_enriched", "payments_pivoted", "customer_first_order", "shipments_latest",
                            "refunds_by_order", "sessions_stitched", "inventory_daily"]]
    + ["dim_customers", "dim_products", "dim_dates", "fct_orders", "fct_order_items", "fct_payments",
       "fct_refunds", "fct_shipments", "agg_daily_revenue", "agg_customer_ltv", "agg_inventory_health"]
)


def dbt_build_log(seed: int, failing_tests: dict[str, str], select: str = "") -> str:
    rng = random.Random(seed)
    lines = ["14:02:11  Running with dbt=1.7.11",
             "14:02:12  Registered adapter: snowflake=1.7.3",
             f"14:02:14  Found {len(DBT_MODELS)} models, 212 tests, 31 sources, 0 exposures, 0 metrics, 618 macros, 0 groups, 0 semantic models",
             "14:02:14  ",
             "14:02:16  Concurrency: 8 threads (target='prod')",
             "14:02:16  "]
    steps = []
    for m in DBT_MODELS:
        steps.append(("model", m))
        for col in (["order_id"] if "order" in m else ["id"]):
            steps.append(("test", f"unique_{m}_{col}"))
            steps.append(("test", f"not_null_{m}_{col}"))
        if m.startswith("fct_") or m.startswith("dim_"):
            steps.append(("test", f"relationships_{m}_customer_id__customer_id__ref_dim_customers_"))
    n = len(steps)
    t = 16
    errors = []
    for i, (kind, name) in enumerate(steps, 1):
        t += rng.randint(0, 3)
        ts = f"14:{2 + t // 60:02d}:{t % 60:02d}"
        if kind == "model":
            mat = "incremental model" if name.startswith(("fct_", "int_sessions")) else (
                "table model" if name.startswith(("dim_", "agg_")) else "view model")
            lines.append(f"{ts}  {i} of {n} START sql {mat} analytics.{name} {'.' * max(3, 40 - len(name))} [RUN]")
            rows = rng.randint(1_000, 2_000_000)
            secs = rng.uniform(0.6, 48.0)
            status = f"SUCCESS {rows}" if mat != "view model" else "SUCCESS 1"
            lines.append(f"{ts}  {i} of {n} OK created sql {mat} analytics.{name} {'.' * max(3, 34 - len(name))} [{status} in {secs:.2f}s]")
        else:
            lines.append(f"{ts}  {i} of {n} START test {name} {'.' * max(3, 50 - len(name))} [RUN]")
            if name in failing_tests:
                lines.append(f"{ts}  {i} of {n} FAIL {failing_tests[name]} {name} {'.' * max(3, 44 - len(name))} [FAIL {failing_tests[name]} in 2.31s]")
                errors.append(name)
            else:
                lines.append(f"{ts}  {i} of {n} PASS {name} {'.' * max(3, 50 - len(name))} [PASS in {rng.uniform(0.4, 3.9):.2f}s]")
    lines.append(f"14:{2 + t // 60:02d}:{t % 60:02d}  ")
    lines.append(f"14:{2 + t // 60:02d}:{t % 60:02d}  Finished running {len(DBT_MODELS)} models, {n - len(DBT_MODELS)} tests in 0 hours {t // 60} minutes and {t % 60} seconds ({t}.42s).")
    if errors:
        lines.append("")
        lines.append("Completed with %d error%s and 0 warnings:" % (len(errors), "s" if len(errors) > 1 else ""))
        for e in errors:
            lines.append("")
            lines.append(f"Failure in test {e} (models/marts/_marts.yml)")
            lines.append(f"  Got {failing_tests[e]} results, configured to fail if != 0")
            lines.append("")
            lines.append(f"  compiled Code at target/compiled/warehouse/models/marts/_marts.yml/{e}.sql")
        lines.append("")
        lines.append(f"Done. PASS={n - len(errors)} WARN=0 ERROR={len(errors)} SKIP=0 TOTAL={n}")
    else:
        lines.append("")
        lines.append("Completed successfully")
        lines.append("")
        lines.append(f"Done. PASS={n} WARN=0 ERROR=0 SKIP=0 TOTAL={n}")
    return "\n".join(lines)


ENV_DUMP = '''AIRFLOW_HOME=/opt/airflow
AIRFLOW__CORE__EXECUTOR=CeleryExecutor
AIRFLOW__CORE__FERNET_KEY=Jx0q9V2lV5mN3pR8sT1uW4yZ6bC7dE0fG2hI5jK8lM0=
AIRFLOW__CORE__LOAD_EXAMPLES=False
AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:airflow@airflow-db:5432/airflow
AIRFLOW__WEBSERVER__SECRET_KEY=b6f1c9e04d7a4e2f8a3c5d9e1f0a7b2c
AWS_ACCESS_KEY_ID=AKIAZ7QW3EXAMPLE4KDN
AWS_DEFAULT_REGION=eu-central-1
AWS_SECRET_ACCESS_KEY=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
DBT_PROFILES_DIR=/opt/airflow/dbt
DBT_PROJECT_DIR=/opt/airflow/dbt/warehouse
HOME=/home/airflow
HOSTNAME=airflow-worker-0
LANG=C.UTF-8
PATH=/home/airflow/.local/bin:/usr/local/bin:/usr/bin:/bin
PYTHON_VERSION=3.11.8
SNOWFLAKE_ACCOUNT=xy12345.eu-central-1
SNOWFLAKE_DATABASE=ANALYTICS
SNOWFLAKE_PASSWORD=wH4t3v3r-Sn0w!flake-2024
SNOWFLAKE_ROLE=TRANSFORMER
SNOWFLAKE_USER=SVC_DBT
SNOWFLAKE_WAREHOUSE=TRANSFORM_M
TZ=Etc/UTC'''


def airflow_task_log() -> str:
    base = [
        "[2024-05-20, 02:00:04 UTC] {local_task_job_runner.py:120} ▶ Pre task execution logs",
        "[2024-05-20, 02:00:05 UTC] {subprocess.py:63} INFO - Tmp dir root location: /tmp",
        "[2024-05-20, 02:00:05 UTC] {subprocess.py:75} INFO - Running command: ['/usr/bin/bash', '-c', 'cd $DBT_PROJECT_DIR && dbt build --select +fct_orders --target prod']",
        "[2024-05-20, 02:00:05 UTC] {subprocess.py:86} INFO - Output:",
    ]
    body = dbt_build_log(7, {"unique_fct_orders_order_id": "1874"})
    base += [f"[2024-05-20, 02:{i // 12:02d}:{(i * 5) % 60:02d} UTC] {{subprocess.py:93}} INFO - {l}"
             for i, l in enumerate(body.splitlines()) if "fct_orders" in l or "stg_shop__orders" in l
             or "int_orders" in l or "Done." in l or "Failure" in l or "Got " in l or "Running with" in l]
    base += ["[2024-05-20, 02:09:41 UTC] {subprocess.py:97} INFO - Command exited with return code 1",
             "[2024-05-20, 02:09:41 UTC] {taskinstance.py:2731} ERROR - Task failed with exception",
             "Traceback (most recent call last):",
             '  File "/home/airflow/.local/lib/python3.11/site-packages/airflow/models/taskinstance.py", line 444, in _execute_task',
             "    result = _execute_callable(context=context, **execute_callable_kwargs)",
             '  File "/home/airflow/.local/lib/python3.11/site-packages/airflow/operators/bash.py", line 243, in execute',
             "    raise AirflowException(",
             "airflow.exceptions.AirflowException: Bash command failed. The command returned a non-zero exit code 1.",
             "[2024-05-20, 02:09:41 UTC] {taskinstance.py:1149} INFO - Marking task as UP_FOR_RETRY. dag_id=warehouse_daily, task_id=dbt_build_orders, run_id=scheduled__2024-05-19T02:00:00+00:00, execution_date=20240519T020000, start_date=20240520T020004, end_date=20240520T020941"]
    return "\n".join(base)


FCT_ORDERS_OLD = '''{{ config(materialized='incremental') }}

with orders as (
    select * from {{ ref('int_orders_enriched') }}
    {% if is_incremental() %}
    where updated_at > (select max(updated_at) from {{ this }})
    {% endif %}
)

select
    order_id,
    customer_id,
    order_status,
    currency,
    amount_net,
    amount_tax,
    amount_gross,
    coupon_code,
    created_at,
    updated_at
from orders'''


def dup_query_output() -> str:
    rng = random.Random(99)
    rows = ["+----------+-----+-------------------------+-------------------------+",
            "| ORDER_ID | CNT | MIN_UPDATED_AT          | MAX_UPDATED_AT          |",
            "|----------+-----+-------------------------+-------------------------|"]
    for _ in range(20):
        oid = rng.randint(4_100_000, 4_399_999)
        h = rng.randint(0, 21)
        rows.append(f"| {oid:>8} |   2 | 2024-05-18 {h:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.000 | 2024-05-18 {h + 2:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.000 |")
    rows.append("+----------+-----+-------------------------+-------------------------+")
    rows.append("20 Row(s) produced. Time Elapsed: 1.412s")
    return "\n".join(rows)


def dbt_session() -> dict:
    fail_tests = {"unique_fct_orders_order_id": "1874"}
    turns = [
        U("morning. daily DAG warehouse_daily failed last night on dbt_build_orders, retry also failed. here's the airflow task log:\n\n" + airflow_task_log()),
        A("The unique test on `fct_orders.order_id` fails with 1,874 duplicates. Let me compare with the previous night's run, which passed."),
        T("Bash", "cat /opt/airflow/logs/dag_id=warehouse_daily/run_id=scheduled__2024-05-17T02:00:00+00:00/task_id=dbt_build_marts/attempt=1.log | sed 's/^.*INFO - //'",
          dbt_build_log(5, {})),
        A("The night before everything passed, and fct_orders merged ~1.1M rows then as well, so the model hasn't changed behaviour suddenly; more likely the duplicates accumulated and only crossed into the tested window now, or a source change made more orders update. Let me check the environment on the worker first, then the model."),
        T("Bash", "docker compose exec airflow-worker env | sort", ENV_DUMP),
        A("Environment looks as expected (dbt 1.7 on Snowflake, target prod, UTC on the worker). Note this output contains credentials; I won't repeat them. Now the model."),
        T("Read", "dbt/warehouse/models/marts/fct_orders.sql", numbered(FCT_ORDERS_OLD)),
        T("Bash", "snowsql -c prod -q \"select order_id, count(*) cnt, min(updated_at) min_updated_at, max(updated_at) max_updated_at from analytics.fct_orders group by 1 having count(*) > 1 order by 2 desc limit 20\"", dup_query_output()),
        A("Two things are going on:\n1. `fct_orders` is `incremental` with no `unique_key`, so dbt-snowflake appends every changed row instead of updating it. Any order updated after its first load (status change, refund) gets a second row.\n2. The source `updated_at` in `int_orders_enriched` is TIMESTAMP_NTZ in shop local time (Europe/Berlin), while the DAG and worker run in UTC, so the `max(updated_at)` watermark is off by two hours in summer and some rows are picked up twice.\n\nFor (1) the standard fix is `unique_key='order_id'`. For the strategy, `insert_overwrite` would let us rewrite whole day partitions, which is nice for late-arriving updates. Let me try that."),
        T("Edit", "dbt/warehouse/models/marts/fct_orders.sql", '''-{{ config(materialized='incremental') }}
+{{ config(
+    materialized='incremental',
+    incremental_strategy='insert_overwrite',
+    partition_by={'field': 'created_at', 'data_type': 'date'}
+) }}'''),
        T("Bash", "cd dbt/warehouse && dbt build --select fct_orders --target dev", '''14:31:02  Running with dbt=1.7.11
14:31:03  Registered adapter: snowflake=1.7.3
14:31:05  Found 33 models, 212 tests, 31 sources, 0 exposures, 0 metrics, 618 macros, 0 groups, 0 semantic models
14:31:05
14:31:07  Concurrency: 8 threads (target='dev')
14:31:07
14:31:07  1 of 4 START sql incremental model dbt_mkowalski.fct_orders .................... [RUN]
14:31:08  1 of 4 ERROR creating sql incremental model dbt_mkowalski.fct_orders ........... [ERROR in 0.84s]
14:31:08  2 of 4 SKIP test not_null_fct_orders_order_id ................................. [SKIP]
14:31:08  3 of 4 SKIP test relationships_fct_orders_customer_id__customer_id__ref_dim_customers_ [SKIP]
14:31:08  4 of 4 SKIP test unique_fct_orders_order_id ................................... [SKIP]
14:31:08
14:31:08  Finished running 1 incremental model, 3 tests in 0 hours 0 minutes and 3.12 seconds (3.12s).
14:31:08
14:31:08  Completed with 1 error and 0 warnings:
14:31:08
14:31:08    Compilation Error in model fct_orders (models/marts/fct_orders.sql)
  The incremental strategy 'insert_overwrite' is not valid for this adapter. Please use one of 'append', 'merge', 'delete+insert'
  
  > in macro dbt_snowflake_validate_get_incremental_strategy (macros/materializations/incremental.sql)
  > called by macro materialization_incremental_snowflake (macros/materializations/incremental.sql)
  > called by model fct_orders (models/marts/fct_orders.sql)
14:31:08
14:31:08  Done. PASS=0 WARN=0 ERROR=1 SKIP=3 TOTAL=4'''),
        A("`insert_overwrite` isn't supported by dbt-snowflake (that's a BigQuery/Spark strategy), so that's out. I'll use `merge` with `unique_key='order_id'`: updated orders replace their existing row. And convert the timestamp to UTC before comparing against the watermark, with a small lookback to catch late updates."),
        U("ok merge. fyi we tried delete+insert last quarter on fct_payments and it was slower than merge on our warehouse size, so merge is right. and please keep the config block in the model file, not in dbt_project.yml, I always want to see the config where the sql is"),
        T("Edit", "dbt/warehouse/models/marts/fct_orders.sql", '''-{{ config(
-    materialized='incremental',
-    incremental_strategy='insert_overwrite',
-    partition_by={'field': 'created_at', 'data_type': 'date'}
-) }}
+{{ config(
+    materialized='incremental',
+    incremental_strategy='merge',
+    unique_key='order_id',
+    on_schema_change='append_new_columns'
+) }}
 
 with orders as (
-    select * from {{ ref('int_orders_enriched') }}
+    select
+        *,
+        convert_timezone('Europe/Berlin', 'UTC', updated_at)::timestamp_ntz as updated_at_utc
+    from {{ ref('int_orders_enriched') }}
     {% if is_incremental() %}
-    where updated_at > (select max(updated_at) from {{ this }})
+    where updated_at_utc > (select dateadd(hour, -3, max(updated_at_utc)) from {{ this }})
     {% endif %}
 )'''),
        T("Edit", "dbt/warehouse/models/marts/fct_orders.sql", '''@@ -26,5 +26,6 @@
     created_at,
-    updated_at
+    updated_at,
+    updated_at_utc
 from orders'''),
        T("Bash", "cd dbt/warehouse && dbt build --select fct_orders --target dev --full-refresh && dbt build --select fct_orders --target dev", '''14:44:19  Running with dbt=1.7.11
14:44:22  1 of 4 START sql incremental model dbt_mkowalski.fct_orders .................... [RUN]
14:45:57  1 of 4 OK created sql incremental model dbt_mkowalski.fct_orders ............... [SUCCESS 1 in 95.12s]
14:45:57  2 of 4 START test not_null_fct_orders_order_id ................................. [RUN]
14:45:57  4 of 4 START test unique_fct_orders_order_id ................................... [RUN]
14:45:59  2 of 4 PASS not_null_fct_orders_order_id ....................................... [PASS in 1.88s]
14:45:59  4 of 4 PASS unique_fct_orders_order_id ......................................... [PASS in 2.04s]
14:46:00  3 of 4 PASS relationships_fct_orders_customer_id__customer_id__ref_dim_customers_ [PASS in 2.61s]
14:46:00  Done. PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4
14:46:04  Running with dbt=1.7.11
14:46:07  1 of 4 START sql incremental model dbt_mkowalski.fct_orders .................... [RUN]
14:46:16  1 of 4 OK created sql incremental model dbt_mkowalski.fct_orders ............... [SUCCESS 4211 in 8.77s]
14:46:18  4 of 4 PASS unique_fct_orders_order_id ......................................... [PASS in 1.93s]
14:46:18  2 of 4 PASS not_null_fct_orders_order_id ....................................... [PASS in 1.71s]
14:46:19  3 of 4 PASS relationships_fct_orders_customer_id__customer_id__ref_dim_customers_ [PASS in 2.40s]
14:46:19  Done. PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4'''),
        A("Full refresh and an incremental run on top both pass the unique test in dev (4,211 rows merged on the incremental run, no duplicates). Let me run the whole project in dev to make sure downstream models are fine."),
        T("Bash", "cd dbt/warehouse && dbt build --target dev", dbt_build_log(21, {})),
        A("Everything passes in dev. Before prod: the existing duplicates in prod `fct_orders` need a `--full-refresh` to go away, which rebuilds the whole table (~95 s in dev, probably 15-20 min on prod volume)."),
        U("not now, prod full refresh on the weekend when nobody queries it. also while you're here: the DAG. we use BashOperator with dbt build --select per task group. someone suggested astronomer-cosmos but we tried it in march, scheduler parsed the whole dbt project on every DAG parse loop, dag parse took 40s and the scheduler fell behind, so we removed it again. so don't suggest cosmos"),
        A("Understood, staying with BashOperator. Let me look at the DAG so retries don't re-run the whole build."),
        T("Read", "airflow/dags/warehouse_daily.py", numbered('''from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

DBT = "cd $DBT_PROJECT_DIR && dbt build --target prod"

default_args = {"retries": 2, "retry_delay": timedelta(minutes=10), "owner": "data-platform"}

with DAG("warehouse_daily", start_date=datetime(2024, 1, 1), schedule="0 2 * * *",
         catchup=False, default_args=default_args, max_active_runs=1) as dag:
    staging = BashOperator(task_id="dbt_build_staging", bash_command=f"{DBT} --select staging")
    orders = BashOperator(task_id="dbt_build_orders", bash_command=f"{DBT} --select +fct_orders")
    payments = BashOperator(task_id="dbt_build_payments", bash_command=f"{DBT} --select +fct_payments")
    marts = BashOperator(task_id="dbt_build_marts", bash_command=f"{DBT} --select marts --exclude fct_orders fct_payments")
    staging >> [orders, payments] >> marts''')),
        A("`+fct_orders` re-selects all upstream models, so `dbt_build_orders` rebuilds staging a second time after `dbt_build_staging` already did. Dropping the `+` (staging is its own task upstream) saves ~4 minutes per run. Want that?"),
        U("yes do it"),
        T("Edit", "airflow/dags/warehouse_daily.py", '''-    orders = BashOperator(task_id="dbt_build_orders", bash_command=f"{DBT} --select +fct_orders")
-    payments = BashOperator(task_id="dbt_build_payments", bash_command=f"{DBT} --select +fct_payments")
+    # staging is built by its own task upstream; don't rebuild it here
+    orders = BashOperator(task_id="dbt_build_orders", bash_command=f"{DBT} --select int_orders_enriched+ fct_orders")
+    payments = BashOperator(task_id="dbt_build_payments", bash_command=f"{DBT} --select int_payments_pivoted fct_payments")'''),
        T("Bash", "cd airflow && python -c 'import dags.warehouse_daily as d; print(sorted(t.task_id for t in d.dag.tasks))' && airflow dags test warehouse_daily 2024-05-19 2>&1 | tail -3", '''['dbt_build_marts', 'dbt_build_orders', 'dbt_build_payments', 'dbt_build_staging']
[2024-05-20T15:02:44.118+0000] {dagrun.py:819} INFO - Marking run <DagRun warehouse_daily @ 2024-05-19T00:00:00+00:00: manual__2024-05-19T00:00:00+00:00, state:running, queued_at: None. externally triggered: False> successful
[2024-05-20T15:02:44.120+0000] {dagrun.py:870} INFO - DagRun Finished: dag_id=warehouse_daily, dag_state=success, run_duration=711.4'''),
        A("DAG test run succeeded end to end (about 12 minutes against dev). Summary:\n- Bug: `fct_orders` was incremental without a `unique_key` (appends) and compared a Berlin-local NTZ `updated_at` against a UTC watermark. Now `merge` on `order_id` with UTC conversion and a 3-hour lookback.\n- `insert_overwrite` isn't available on Snowflake; merge chosen (delete+insert was slower before).\n- DAG tasks no longer rebuild staging.\n- Open: prod `--full-refresh` of fct_orders on the weekend."),
        U("great, thanks. have a nice day"),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "warehouse: dbt 1.7 on Snowflake, Airflow with BashOperator",
         "all_of": [], "any_of": ["dbt", "snowflake", "airflow"]},
        {"kind": "BUG_FIX", "summary": "duplicate order_id in fct_orders: incremental without unique_key + Berlin-local updated_at vs UTC watermark -> merge on order_id, convert_timezone",
         "all_of": ["fct_orders"], "any_of": ["unique_key", "duplicate", "merge", "utc", "timezone"],
         "files": ["dbt/warehouse/models/marts/fct_orders.sql"]},
        {"kind": "FAILED", "summary": "incremental_strategy insert_overwrite: not valid for dbt-snowflake",
         "all_of": ["insert_overwrite"], "any_of": ["snowflake", "not valid", "adapter", "supported"], "failure": True},
        {"kind": "FAILED", "summary": "astronomer-cosmos: DAG parse 40s, scheduler fell behind; removed",
         "all_of": ["cosmos"], "any_of": ["parse", "40s", "scheduler", "removed"], "failure": True},
        {"kind": "FAILED", "summary": "delete+insert on fct_payments slower than merge",
         "all_of": ["delete+insert"], "any_of": ["slower", "merge", "fct_payments"], "failure": True},
        {"kind": "DECISION", "summary": "incremental_strategy merge with unique_key order_id",
         "all_of": ["merge"], "any_of": ["unique_key", "order_id", "incremental"]},
        {"kind": "DECISION", "summary": "Airflow runs dbt via BashOperator with --select per task",
         "all_of": ["bashoperator"], "any_of": ["dbt", "select", "task"]},
        {"kind": "PREFERENCE", "summary": "config block in the model file, not dbt_project.yml",
         "all_of": ["config"], "any_of": ["model file", "dbt_project.yml"]},
        {"kind": "TODO", "summary": "prod --full-refresh of fct_orders on the weekend",
         "all_of": [], "any_of": ["full-refresh", "full refresh"]},
    ]
    return {
        "id": "dbt_orders_dupes", "project": "warehouse",
        "cwd_files": ["dbt/warehouse/models/marts/fct_orders.sql", "airflow/dags/warehouse_daily.py"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "insert_overwrite strategy", "all_of": ["insert_overwrite"]},
                      {"summary": "astronomer-cosmos", "all_of": ["cosmos"]},
                      {"summary": "delete+insert strategy", "all_of": ["delete+insert"]}],
        "secrets": ["Jx0q9V2lV5mN3pR8sT1uW4yZ6bC7dE0fG2hI5jK8lM0=", "b6f1c9e04d7a4e2f8a3c5d9e1f0a7b2c",
                    "q8Lr3vTz0pYx7Wc2Nf5Hs9Kd1Bm4Gj6Ua8Ve0Ri3", "wH4t3v3r-Sn0w!flake-2024"],
    }


# --------------------------------------------------------------------------
# 8. Flutter: short session, user corrects the assistant
# --------------------------------------------------------------------------

def flutter_session() -> dict:
    turns = [
        U("hi! quick one before standup. coffee machine is broken so be gentle with me"),
        A("Ouch, sympathy. I'll keep it quick. What do you need?"),
        U("tidy-habits app (flutter 3.19). add a daily reminder toggle on the settings screen"),
        A("I'll add a `ChangeNotifierProvider` for reminder settings and wire a `SwitchListTile` in the settings screen. Let me look at main.dart first."),
        T("Bash", "grep -n 'Provider\\|ProviderScope' lib/main.dart | head", "8:import 'package:flutter_riverpod/flutter_riverpod.dart';\n14:  runApp(const ProviderScope(child: TidyHabitsApp()));"),
        U("no no, we don't use the provider package. it's riverpod, with code generation (@riverpod annotations). and reminders go in packages/notifications, not in lib/"),
        A("Sorry, my mistake. I'll write a `@riverpod` notifier `ReminderSettings` in `packages/notifications/lib/src/reminder_settings.dart` and watch it from the settings screen."),
        T("Write", "packages/notifications/lib/src/reminder_settings.dart", '''Created file (31 lines)
@riverpod
class ReminderSettings extends _$ReminderSettings {
  @override
  ReminderState build() => const ReminderState(enabled: false, time: TimeOfDay(hour: 20, minute: 0));
  Future<void> toggle(bool enabled) async { ... }
}'''),
        T("Bash", "cd packages/notifications && dart run build_runner build --delete-conflicting-outputs 2>&1 | tail -2 && cd ../.. && flutter test", '''[INFO] Succeeded after 6.2s with 3 outputs (12 actions)
00:04 +27: All tests passed!'''),
        A("Generated code is in place and the 27 tests pass. The toggle is on the settings screen and persists via the existing `SharedPreferences` wrapper."),
        U("nice. the reminder time picker can come later"),
        A("OK, the time picker stays open for later; the default reminder is 20:00 until then. Good luck with the coffee situation."),
        U("haha thanks. someone went to buy a new one, we'll survive"),
    ]
    gold = [
        {"kind": "PROJECT", "summary": "tidy-habits: Flutter 3.19, Riverpod with code generation",
         "all_of": [], "any_of": ["flutter", "riverpod"]},
        {"kind": "DECISION", "summary": "state management is Riverpod with @riverpod code generation, not the provider package",
         "all_of": ["riverpod"], "any_of": ["code generation", "@riverpod", "provider", "not"]},
        {"kind": "PATTERN", "summary": "reminders/notifications code lives in packages/notifications, not lib/",
         "all_of": ["packages/notifications"], "any_of": ["reminder", "notifications", "not"]},
        {"kind": "TODO", "summary": "reminder time picker",
         "all_of": ["time picker"], "any_of": ["reminder", "later"]},
    ]
    return {
        "id": "flutter_reminder", "project": "tidy-habits",
        "cwd_files": ["packages/notifications/lib/src/reminder_settings.dart", "lib/settings/settings_screen.dart"],
        "turns": turns, "gold": gold,
        "dead_ends": [{"summary": "ChangeNotifierProvider from the provider package", "all_of": ["changenotifierprovider"]}],
        "secrets": [],
    }


SESSIONS = [phoenix_session, ios_a_session, ios_b_session, kotlin_session, svelte_session,
            cmake_session, dbt_session, flutter_session]


def session_text(s: dict) -> str:
    parts = []
    for t in s["turns"]:
        parts += [t.get("text", ""), t.get("input", ""), t.get("output", "")]
    return "\n".join(parts)


def check(s: dict) -> list[str]:
    """Every keyword a label uses must occur in the session; secrets verbatim."""
    text = session_text(s)
    low = text.lower()
    problems = []
    for g in s["gold"]:
        for kw in g["all_of"] + g["any_of"]:
            if kw != kw.lower() or kw not in low:
                problems.append(f"{s['id']}: gold keyword {kw!r} ({g['summary'][:40]})")
    for d in s["dead_ends"]:
        for kw in d["all_of"]:
            if kw not in low:
                problems.append(f"{s['id']}: dead-end keyword {kw!r}")
    for sec in s["secrets"]:
        if sec not in text:
            problems.append(f"{s['id']}: secret not in session {sec!r}")
    return problems


def main() -> None:
    problems = []
    for make in SESSIONS:
        s = make()
        problems += check(s)
        (HERE / f"{s['id']}.json").write_text(json.dumps(s, indent=1, ensure_ascii=False) + "\n")
        print(f"{s['id']:<22} turns={len(s['turns']):>3} ~tokens={len(session_text(s)) // 4:>6}")
    if problems:
        raise SystemExit("label problems:\n" + "\n".join(problems))


if __name__ == "__main__":
    main()
