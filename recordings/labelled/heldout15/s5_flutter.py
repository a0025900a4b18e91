import random
from _lib import U, A, T, G, D, write

random.seed(15005)

PUBSPEC = '''name: fitness_tracker
description: Workout timer and history.
publish_to: 'none'
version: 0.4.1+17

environment:
  sdk: '>=3.3.0 <4.0.0'
  flutter: '>=3.22.0'

dependencies:
  flutter:
    sdk: flutter
  flutter_bloc: ^8.1.5
  equatable: ^2.0.5
  go_router: ^14.1.0
  intl: ^0.19.0
  wakelock_plus: ^1.2.5

dev_dependencies:
  flutter_test:
    sdk: flutter
  bloc_test: ^9.1.7
  mocktail: ^1.0.3
  flutter_lints: ^4.0.0

flutter:
  uses-material-design: true
'''

WORKOUT_BLOC = '''import 'dart:async';

import 'package:bloc/bloc.dart';
import 'package:equatable/equatable.dart';

import '../../data/workout_repository.dart';
import '../ticker.dart';

part 'workout_event.dart';
part 'workout_state.dart';

class WorkoutBloc extends Bloc<WorkoutEvent, WorkoutState> {
  WorkoutBloc({required Ticker ticker, required WorkoutRepository repository})
      : _ticker = ticker,
        _repository = repository,
        super(const WorkoutState.initial()) {
    on<WorkoutStarted>(_onStarted);
    on<WorkoutTicked>(_onTicked);
    on<WorkoutFinished>(_onFinished);
  }

  final Ticker _ticker;
  final WorkoutRepository _repository;
  StreamSubscription<int>? _tickerSubscription;

  void _onStarted(WorkoutStarted event, Emitter<WorkoutState> emit) {
    emit(state.copyWith(status: WorkoutStatus.running, elapsed: 0));
    _tickerSubscription?.cancel();
    _tickerSubscription = _ticker.tick().listen((s) => add(WorkoutTicked(s)));
  }

  void _onTicked(WorkoutTicked event, Emitter<WorkoutState> emit) {
    emit(state.copyWith(elapsed: event.seconds));
  }

  Future<void> _onFinished(WorkoutFinished event, Emitter<WorkoutState> emit) async {
    await _repository.save(state.toWorkout());
    emit(state.copyWith(status: WorkoutStatus.finished));
  }
}
'''

TEST_FAIL = '''00:02 +6: loading /home/lena/dev/fitness_tracker/test/workout/workout_bloc_test.dart
00:03 +7: WorkoutBloc emits elapsed seconds while running
00:03 +8: WorkoutBloc leaving mid-workout closes cleanly
00:04 +8 -1: WorkoutBloc leaving mid-workout closes cleanly [E]
  Bad state: Cannot emit new states after calling close
  package:bloc/src/bloc_base.dart 97:9                   BlocBase.emit
  package:bloc/src/bloc.dart 130:36                      Bloc.on.<fn>.handleEvent.onEmit
  package:bloc/src/emitter.dart 114:5                    _Emitter.call
  package:fitness_tracker/workout/bloc/workout_bloc.dart 33:5  WorkoutBloc._onTicked
  package:bloc/src/bloc.dart 229:26                      Bloc.on.<fn>.handleEvent
  ===== asynchronous gap ===========================
  dart:async                                             _StreamController.add
  package:fitness_tracker/workout/bloc/workout_bloc.dart 29:67 WorkoutBloc._onStarted.<fn>

  Unhandled error StateError: Bad state: Cannot add new events after calling close
  package:bloc/src/bloc.dart 98:7                        Bloc.add
  package:fitness_tracker/workout/bloc/workout_bloc.dart 29:60 WorkoutBloc._onStarted.<fn>

00:04 +8 -1: WorkoutBloc saves and finishes
00:05 +9 -1: Some tests failed.'''


def build_runner_out():
    lines = ["[INFO] Generating build script completed, took 391ms",
             "[INFO] Precompiling build script... completed, took 7.2s",
             "[INFO] Building new asset graph completed, took 1.1s",
             "[INFO] Checking for unexpected pre-existing outputs. completed, took 1ms",
             "[INFO] Running build completed, took 14.6s",
             "[INFO] Caching finalized dependency graph completed, took 88ms",
             "[INFO] Succeeded after 14.7s with 3 outputs (312 actions)"]
    return "\n".join(lines)


def gradle_out():
    out = ["Running Gradle task 'assembleDebug'...",
           "Warning: The plugin wakelock_plus requires Android SDK version 34 or higher.",
           "> Configure project :app",
           "WARNING: We recommend using a newer Android Gradle plugin to use compileSdk = 34",
           "> Task :app:preBuild UP-TO-DATE", "> Task :app:preDebugBuild UP-TO-DATE"]
    plugins = ["path_provider_android", "sqlite3_flutter_libs", "wakelock_plus", "package_info_plus"]
    phases = ["preBuild", "preDebugBuild", "compileDebugAidl", "compileDebugRenderscript", "generateDebugBuildConfig",
              "writeDebugAarMetadata", "generateDebugResValues", "generateDebugResources", "packageDebugResources",
              "extractDeepLinksDebug", "processDebugManifest", "compileDebugLibraryResources", "parseDebugLocalResources",
              "generateDebugRFile", "javaPreCompileDebug", "compileDebugJavaWithJavac", "bundleLibCompileToJarDebug",
              "mergeDebugShaders", "compileDebugShaders", "generateDebugAssets", "packageDebugAssets",
              "prepareDebugArtProfile", "mergeDebugJniLibFolders", "mergeDebugNativeLibs", "stripDebugDebugSymbols",
              "copyDebugJniLibsProjectAndLocalJars", "extractDebugAnnotations", "mergeDebugGeneratedProguardFiles",
              "mergeDebugConsumerProguardFiles", "syncDebugLibJars", "bundleDebugAar", "bundleLibRuntimeToJarDebug",
              "bundleLibRuntimeToDirDebug", "createFullJarDebug", "writeDebugLintModelMetadata"]
    for p in plugins:
        for ph in phases:
            state = random.choice(["", "", "", " NO-SOURCE", " UP-TO-DATE"])
            out.append("> Task :%s:%s%s" % (p, ph, state))
        if p == "sqlite3_flutter_libs":
            out.append("> Task :sqlite3_flutter_libs:compileDebugJavaWithJavac")
            out.append("Note: Some input files use or override a deprecated API.")
            out.append("Note: Recompile with -Xlint:deprecation for details.")
            out.append("warning: [options] source value 8 is obsolete and will be removed in a future release")
            out.append("warning: [options] target value 8 is obsolete and will be removed in a future release")
            out.append("warning: [options] To suppress warnings about obsolete options, use -Xlint:-options.")
            out.append("3 warnings")
    app_phases = ["compileFlutterBuildDebug", "packJniLibsflutterBuildDebug", "checkDebugAarMetadata",
                  "mapDebugSourceSetPaths", "generateDebugResources", "mergeDebugResources", "packageDebugResources",
                  "createDebugCompatibleScreenManifests", "extractDeepLinksDebug", "processDebugMainManifest",
                  "processDebugManifest", "processDebugManifestForPackage", "processDebugResources",
                  "compileDebugKotlin", "javaPreCompileDebug", "compileDebugJavaWithJavac", "compressDebugAssets",
                  "desugarDebugFileDependencies", "mergeExtDexDebug", "mergeLibDexDebug", "dexBuilderDebug",
                  "mergeProjectDexDebug", "mergeDebugJniLibFolders", "mergeDebugNativeLibs", "stripDebugDebugSymbols",
                  "validateSigningDebug", "writeDebugAppMetadata", "writeDebugSigningConfigVersions",
                  "packageDebug", "createDebugApkListingFileRedirect", "assembleDebug"]
    for ph in app_phases:
        out.append("> Task :app:%s" % ph)
        if ph == "compileFlutterBuildDebug":
            for i in range(120):
                out.append("[  +%3d ms] lib/%s.dart: kernel compile %d/%d" % (
                    random.randint(1, 90), random.choice(["main", "app", "router", "workout/view/workout_page",
                                                          "workout/bloc/workout_bloc", "history/view/history_page",
                                                          "history/cubit/history_cubit", "data/db", "data/db.g",
                                                          "data/workout_repository", "settings/settings_cubit"]), i + 1, 120))
        if ph == "stripDebugDebugSymbols":
            out.append("Unable to strip the following libraries, packaging them as they are: libflutter.so, libsqlite3.so.")
    out.append("")
    out.append("Deprecated Gradle features were used in this build, making it incompatible with Gradle 9.0.")
    out.append("You can use '--warning-mode all' to show the individual deprecation warnings and determine if they come from your own scripts or plugins.")
    out.append("BUILD SUCCESSFUL in 1m 48s")
    out.append("312 actionable tasks: 297 executed, 15 up-to-date")
    out.append("✓ Built build/app/outputs/flutter-apk/app-debug.apk")
    return "\n".join(out)


HISTORY_STATE = '''part of 'history_cubit.dart';

enum HistoryStatus { initial, loading, ready, failure }

final class HistoryState extends Equatable {
  const HistoryState({this.status = HistoryStatus.initial, this.workouts = const []});

  final HistoryStatus status;
  final List<Workout> workouts;

  HistoryState copyWith({HistoryStatus? status, List<Workout>? workouts}) =>
      HistoryState(status: status ?? this.status, workouts: workouts ?? this.workouts);

  @override
  List<Object?> get props => [status];
}
'''

turns = [
    U("ok so. I'm trying to figure out why the workout timer screen crashes when you leave it mid-workout... let me think. it happens "
      "when you press back while the timer is running, not when it's paused. and the console says 'Cannot emit new states after "
      "calling close'. the WorkoutBloc listens to the ticker stream... so maybe the subscription isn't cancelled? not sure. can you look"),
    T("Read", "pubspec.yaml", PUBSPEC),
    T("Read", "lib/workout/bloc/workout_bloc.dart", WORKOUT_BLOC),
    T("Bash", "flutter test test/workout", TEST_FAIL),
    A("Your guess is right. `_onStarted` does `_ticker.tick().listen(...)` and keeps the subscription in a field, but the bloc "
      "never overrides `close()`, so when the page is popped and the BlocProvider closes the bloc, the ticker keeps firing, "
      "`add(WorkoutTicked)` runs on a closed bloc, and the emit throws. It only happens while running because that's when the "
      "stream is live.\n\nCleanest fix with bloc 8: drop the manual subscription and use `await emit.forEach(_ticker.tick(), "
      "onData: ...)` inside the handler (registered with a `restartable()` transformer). The emitter owns the stream, so it's "
      "cancelled automatically when the bloc closes or the workout is restarted."),
    U("hmm. emit.forEach... I remember reading about that. yeah. wait, that cancels automatically when the bloc closes? "
      "I think yes, that's the point. ok do it"),
    T("Edit", "lib/workout/bloc/workout_bloc.dart",
      "@@ -1,5 +1,6 @@\n import 'package:bloc/bloc.dart';\n+import 'package:bloc_concurrency/bloc_concurrency.dart';\n"
      "@@ -17,30 +18,22 @@\n-    on<WorkoutStarted>(_onStarted);\n-    on<WorkoutTicked>(_onTicked);\n+    on<WorkoutStarted>(_onStarted, transformer: restartable());\n"
      "     on<WorkoutFinished>(_onFinished);\n   }\n-  StreamSubscription<int>? _tickerSubscription;\n \n"
      "-  void _onStarted(WorkoutStarted event, Emitter<WorkoutState> emit) {\n+  Future<void> _onStarted(WorkoutStarted event, Emitter<WorkoutState> emit) async {\n"
      "     emit(state.copyWith(status: WorkoutStatus.running, elapsed: 0));\n-    _tickerSubscription?.cancel();\n"
      "-    _tickerSubscription = _ticker.tick().listen((s) => add(WorkoutTicked(s)));\n+    await emit.forEach<int>(\n"
      "+      _ticker.tick(),\n+      onData: (s) => state.copyWith(elapsed: s),\n+    );\n   }"),
    T("Bash", "flutter pub add bloc_concurrency && flutter test test/workout",
      "Resolving dependencies...\n+ bloc_concurrency 0.2.5\nChanged 1 dependency!\n"
      "00:03 +9: All tests passed!"),
    A("All 9 workout tests pass, including the \"leaving mid-workout\" one. The ticker is owned by `emit.forEach` now, so "
      "closing the bloc cancels it."),
    U("right. next thing, persistence, the finished workouts only live in memory right now. I tried Isar last month for storing them, "
      "but it broke the Android build with that AGP 8 namespace error and the package looked kind of abandoned, so I ripped it out "
      "again. so now... drift? or just hydrated_bloc? hmm. hydrated is for bloc state though, and the history is kinda relational, "
      "workouts with sets with exercises. let's go drift. yes, drift."),
    T("Bash", "flutter pub add drift sqlite3_flutter_libs path_provider path && flutter pub add -d drift_dev build_runner",
      "Resolving dependencies...\n+ drift 2.18.0\n+ sqlite3 2.4.3\n+ sqlite3_flutter_libs 0.5.21\n+ path_provider 2.1.3\n"
      "+ path 1.9.0\nChanged 12 dependencies!\nResolving dependencies...\n+ build_runner 2.4.10\n+ drift_dev 2.18.0\n"
      "+ sqlparser 0.36.0\nChanged 31 dependencies!"),
    T("Edit", "lib/data/db.dart",
      "+import 'package:drift/drift.dart';\n+import 'package:drift/native.dart';\n+\n+part 'db.g.dart';\n+\n"
      "+class Workouts extends Table {\n+  IntColumn get id => integer().autoIncrement()();\n+  DateTimeColumn get startedAt => dateTime()();\n"
      "+  IntColumn get durationSeconds => integer()();\n+}\n+\n+class WorkoutSets extends Table {\n"
      "+  IntColumn get id => integer().autoIncrement()();\n+  IntColumn get workoutId => integer().references(Workouts, #id)();\n"
      "+  TextColumn get exercise => text()();\n+  IntColumn get reps => integer()();\n+  RealColumn get weightKg => real().nullable()();\n+}\n"
      "+\n+@DriftDatabase(tables: [Workouts, WorkoutSets])\n+class AppDatabase extends _$AppDatabase { ... schemaVersion => 1 }"),
    T("Bash", "dart run build_runner build --delete-conflicting-outputs", build_runner_out()),
    T("Edit", "lib/data/workout_repository.dart",
      "@@ -1,12 +1,31 @@\n-class WorkoutRepository {\n-  final _items = <Workout>[];\n+class WorkoutRepository {\n"
      "+  WorkoutRepository(this._db);\n+  final AppDatabase _db;\n+\n+  Future<void> save(Workout w) => _db.transaction(() async { ... });\n"
      "+  Stream<List<Workout>> watchAll() => (_db.select(_db.workouts)..orderBy([(t) => OrderingTerm.desc(t.startedAt)])).watch().map(...);"),
    T("Bash", "flutter test", "00:06 +24: All tests passed!"),
    U("nice. hmm, but the history list doesn't refresh after finishing a workout. the HistoryCubit emits, I put a print there, "
      "but the BlocBuilder doesn't rebuild... is it because the list is the same object? no, it's a new list from drift. weird."),
    T("Read", "lib/history/cubit/history_state.dart", HISTORY_STATE),
    A("It's the `props`. `HistoryState` is an `Equatable` whose `props` only contains `status`. After the first load the status "
      "stays `ready`, so the new state with the new workouts list compares **equal** to the old one, and bloc drops equal states "
      "before they reach `BlocBuilder`. Adding `workouts` to `props` fixes it."),
    T("Edit", "lib/history/cubit/history_state.dart",
      "@@ -14,2 +14,2 @@\n   @override\n-  List<Object?> get props => [status];\n+  List<Object?> get props => [status, workouts];"),
    T("Bash", "flutter test test/history", "00:02 +6: All tests passed!"),
    U("ahh of course. ok. by the way: I like Cubits for simple screens like history and settings, and a full Bloc with events only "
      "where there's a stream or a complicated flow, like the workout. let's keep that as the rule."),
    A("Makes sense, the codebase already follows it except `SettingsBloc`, which only toggles two flags; I can turn it into a "
      "Cubit. Should I also write the rule down in CONTRIBUTING.md?"),
    U("let me build the apk to see if drift is fine on android... run flutter build apk --debug"),
    T("Bash", "flutter build apk --debug", gradle_out()),
    A("Debug APK builds (1m48s). `sqlite3_flutter_libs` only emits the usual Java 8 source/target warnings; no namespace error "
      "this time."),
    U("good. I'm done for today I think. tomorrow: export workouts to CSV. oh and write tests for the repository, and in the bloc "
      "tests we always mock the repositories with mocktail, don't use the real db there"),
    A("Noted for tomorrow: CSV export of workouts, and repository tests. Bloc/cubit tests keep mocking repositories with mocktail."),
]

session = {
    "id": "flutter_fitness",
    "project": "fitness_tracker",
    "cwd_files": ["pubspec.yaml", "lib/workout/bloc/workout_bloc.dart", "lib/history/cubit/history_state.dart",
                  "lib/data/db.dart", "lib/data/workout_repository.dart"],
    "turns": turns,
    "gold": [
        G("PROJECT", "fitness_tracker: Flutter 3.22 / Dart 3, flutter_bloc 8, go_router, equatable",
          ["flutter"], ["bloc", "dart", "go_router"]),
        G("BUG_FIX", "'Cannot emit new states after calling close': ticker subscription never cancelled -> emit.forEach (restartable)",
          ["close"], ["emit.foreach", "foreach", "subscription", "ticker", "cancel"], ["lib/workout/bloc/workout_bloc.dart"]),
        G("FAILED", "Isar for workout storage: broke Android build (AGP 8 namespace), looked abandoned; removed",
          ["isar"], ["agp", "namespace", "abandon", "android"], failure=True),
        G("DECISION", "drift (SQLite) for workout history persistence", ["drift"], ["history", "workout", "sqlite", "persist"],
          ["lib/data/db.dart"]),
        G("BUG_FIX", "history list not rebuilding: HistoryState props lacked workouts, Equatable states compared equal",
          ["props"], ["equatable", "workouts", "rebuild", "historystate"], ["lib/history/cubit/history_state.dart"]),
        G("DECISION", "Cubit for simple screens, full Bloc only for streams/complex flows",
          ["cubit"], ["simple", "complex", "stream", "event"]),
        G("PATTERN", "bloc tests mock repositories with mocktail, never the real db",
          ["mocktail"], ["repositor", "bloc test", "bloc_test", "mock"]),
        G("TODO", "export workouts to CSV; repository tests", ["csv"], ["export", "workout"]),
    ],
    "dead_ends": [
        D("Isar (broke Android build)", ["isar"]),
        D("hydrated_bloc considered for workout history, rejected", ["hydrated"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
