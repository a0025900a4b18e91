"""Second round of tuning sessions: non-native and terse users, a failed approach retried
successfully, a session with nothing worth remembering, and a reversal pair (mobile_sync_a/b).
laravel_queue_a is the first half of a pair whose second half is held out (heldout2)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _gen import A, T, U, dep_list, pytest_log, write  # noqa: E402

laravel_a = {
    "id": "laravel_queue_a", "project": "shop-laravel",
    "cwd_files": ["app/Http/Controllers/CheckoutController.php", "app/Mail/OrderConfirmation.php", "app/Console/Kernel.php"],
    "turns": [
        U("hello, I have a Laravel 10 app (PHP 8.2) on shared hosting, it is a small shop. the emails for the orders are sent inside the request and the checkout is very slow, 6 seconds. can we send them in background?"),
        A("Yes, with queued mailables. The usual setup is Redis plus Laravel Horizon to run and monitor the workers. Let me install Horizon."),
        T("Bash", "composer require laravel/horizon", "./composer.json has been updated\nRunning composer update laravel/horizon\nLoading composer repositories with package information\nUpdating dependencies\nYour requirements could not be resolved to an installable set of packages.\n\n  Problem 1\n    - laravel/horizon[v5.21.0, ..., v5.24.5] require ext-pcntl * -> it is missing from your system. Install or enable PHP's pcntl extension.\n    - Root composer.json requires laravel/horizon ^5.21 -> satisfiable by laravel/horizon[v5.21.0, ..., v5.24.5].", exit_code=2),
        A("Horizon needs the pcntl extension, which this hosting does not have, and it also needs a Redis server."),
        U("no, horizon is not possible, the hosting not have redis and I cannot install extensions. we use the database queue driver, is enough for us."),
        T("Bash", "php artisan queue:table && php artisan migrate", "   INFO  Migration created successfully.\n\n   INFO  Running migrations.\n\n  2024_06_10_101512_create_jobs_table .............................. 18ms DONE"),
        T("Bash", "cat .env | head -12", "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:Jq2nVx8LkP4mR7tY1wE5zA0sD3fG6hB9cN2uI8oK4lM=\nDB_CONNECTION=mysql\nDB_HOST=localhost\nDB_DATABASE=shop_prod\nDB_USERNAME=shop\nDB_PASSWORD=Tr0ub4dor&3xQ9\nQUEUE_CONNECTION=sync\nMAIL_MAILER=smtp"),
        T("Edit", ".env", "Applied edit: QUEUE_CONNECTION=database"),
        T("Edit", "app/Mail/OrderConfirmation.php", "Applied edit: class OrderConfirmation extends Mailable implements ShouldQueue"),
        U("how the worker is running? we have only cron on this hosting"),
        A("Use the scheduler: the cron entry already calls schedule:run every minute, so I'll schedule queue:work --stop-when-empty every minute with withoutOverlapping()."),
        T("Edit", "app/Console/Kernel.php", "Applied edit: $schedule->command('queue:work --stop-when-empty')->everyMinute()->withoutOverlapping();"),
        T("Bash", "php artisan test --filter=CheckoutTest", "\n   FAIL  Tests\\Feature\\CheckoutTest\n  ✓ checkout creates an order\n  ⨯ order confirmation is queued\n  ──────────────────────────────────────\n   FAILED  Tests\\Feature\\CheckoutTest > order confirmation is queued\n  The expected [App\\Mail\\OrderConfirmation] mailable was not queued.\n  Failed asserting that false is true.\n\n  Tests:    1 failed, 1 passed (3 assertions)", exit_code=1),
        A("The problem was that CheckoutController calls Mail::to($order->email)->sendNow(...), and sendNow() bypasses the queue even for a ShouldQueue mailable. I'll change it to ->queue(...)."),
        T("Edit", "app/Http/Controllers/CheckoutController.php", "Applied edit: Mail::to($order->email)->queue(new OrderConfirmation($order))"),
        T("Bash", "php artisan test --filter=CheckoutTest", "\n   PASS  Tests\\Feature\\CheckoutTest\n  ✓ checkout creates an order\n  ✓ order confirmation is queued\n\n  Tests:    2 passed (4 assertions)"),
        U("super, the checkout is 400ms now. please, in this project don't use facades in new classes, I prefer to inject the dependencies in the constructor."),
        A("Understood, constructor injection in new classes."),
        U("next session we must look at the failed_jobs table, there are old failed jobs from the tests."),
        A("Noted."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Laravel 10, PHP 8.2, shared hosting", "all_of": ["laravel"], "any_of": ["php 8.2", "laravel 10"]},
        {"kind": "FAILED", "summary": "Horizon impossible: needs pcntl and Redis, hosting has neither", "all_of": ["horizon"], "any_of": ["pcntl", "redis", "hosting", "extension"], "failure": True},
        {"kind": "DECISION", "summary": "database queue driver", "all_of": ["database"], "any_of": ["queue", "driver"]},
        {"kind": "BUG_FIX", "summary": "mail not queued: sendNow() bypasses the queue -> queue()", "all_of": ["sendnow"], "any_of": ["queue"]},
        {"kind": "PATTERN", "summary": "no facades in new classes, constructor injection", "all_of": ["facade"], "any_of": ["inject", "constructor"]},
        {"kind": "TODO", "summary": "look at old failed_jobs from the tests", "all_of": ["failed_jobs"], "any_of": ["old", "test", "look"]},
    ],
    "dead_ends": [{"summary": "Horizon", "all_of": ["horizon"]}],
    "secrets": ["Tr0ub4dor&3xQ9", "Jq2nVx8LkP4mR7tY1wE5zA0sD3fG6hB9cN2uI8oK4lM="],
}

nothing = {
    "id": "nothing_much", "project": "dotfiles",
    "cwd_files": [],
    "turns": [
        U("hey quick question, what does git rebase -i --autosquash do exactly?"),
        A("`git rebase -i --autosquash` opens the interactive rebase todo list with commits whose subject starts with `fixup!` or `squash!` already moved right after the commit they refer to, and marked fixup/squash. So you only have to save the file and the fixups get folded in."),
        U("ok and how do I make those fixup! commits?"),
        A("`git commit --fixup=<sha>` creates a commit whose message is `fixup! <subject of sha>`. Then `git rebase -i --autosquash <sha>~1` folds it in. You can set `git config --global rebase.autoSquash true` to make it the default."),
        T("Bash", "git log --oneline -6", "9c1e0a2 (HEAD -> main) zsh: lazy-load nvm\n41bb7d0 tmux: status bar colours\n0e6f3c9 vim: ale for shellcheck\n7a2d915 git: aliases\n1f0c8e4 zsh: history settings\nb3a9d21 initial dotfiles"),
        A("Your last commit is 9c1e0a2; a fixup for the tmux change would be `git commit --fixup=41bb7d0`."),
        U("got it, thanks. I'll try it myself later"),
        A("Sure, good luck!"),
        U("btw the weather here is terrible today lol"),
        A("Sorry to hear that! Good day for dotfiles then."),
        U("haha true. bye"),
    ],
    "gold": [],
    "dead_ends": [],
    "secrets": [],
}

celery = {
    "id": "celery_retry", "project": "billing-worker",
    "cwd_files": ["billing/celery.py", "deploy/beat.yaml"],
    "turns": [
        U("billing-worker: Django 5.0, Celery 5.3, Python 3.12, runs on k8s. we need the monthly invoice job to run at 02:00 on the 1st. how do we schedule it?"),
        A("Two options: django-crontab, which installs entries in the system crontab inside the container, or Celery beat. With beat, the celery-redbeat scheduler keeps the schedule and a lock in Redis so only one beat runs. Let me try django-crontab first since it is the simplest."),
        T("Bash", "pip install django-crontab", "Collecting django-crontab\n  Downloading django_crontab-0.7.1.tar.gz (7.5 kB)\nInstalling collected packages: django-crontab\nSuccessfully installed django-crontab-0.7.1"),
        T("Bash", "python manage.py crontab add", "Traceback (most recent call last):\n  File \"/app/manage.py\", line 22, in <module>\n    main()\n  File \"/usr/local/lib/python3.12/site-packages/django_crontab/crontab.py\", line 76, in write\n    os.system('crontab %s' % path)\n/bin/sh: 1: crontab: not found", exit_code=1),
        A("The container image has no cron daemon or crontab binary, so django-crontab has nothing to install into."),
        U("right, there is no cron in our images and we won't add one. drop django-crontab."),
        T("Bash", "pip uninstall -y django-crontab && pip install celery-redbeat", "Successfully uninstalled django-crontab-0.7.1\nCollecting celery-redbeat\nSuccessfully installed celery-redbeat-2.2.0 tenacity-8.2.3"),
        T("Edit", "billing/celery.py", "Applied edit: app.conf.beat_scheduler = 'redbeat.RedBeatScheduler'; beat_schedule monthly-invoices crontab(minute=0, hour=2, day_of_month=1)"),
        T("Bash", "timeout 20 celery -A billing beat -l info", "celery beat v5.3.6 (emerald-rush) is starting.\n__    -    ... __   -        _\nLocalTime -> 2024-06-12 10:02:11\nConfiguration ->\n    . broker -> redis://billing-redis:6379/0\n    . scheduler -> redbeat.schedulers.RedBeatScheduler\n[2024-06-12 10:02:11,402: CRITICAL/MainProcess] beat raised exception <class 'redis.exceptions.ConnectionError'>: ConnectionError('Error 111 connecting to localhost:6379. Connection refused.')\nredis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.", exit_code=1),
        U("still failing. maybe redbeat is not a good idea"),
        A("The root cause is not redbeat itself: redbeat_redis_url defaults to redis://localhost:6379 when it is not set, while our Redis is billing-redis from settings.REDIS_URL. I'll set app.conf.redbeat_redis_url = settings.REDIS_URL."),
        T("Edit", "billing/celery.py", "Applied edit: app.conf.redbeat_redis_url = settings.REDIS_URL"),
        T("Bash", "timeout 20 celery -A billing beat -l info", "celery beat v5.3.6 (emerald-rush) is starting.\n    . scheduler -> redbeat.schedulers.RedBeatScheduler\n[2024-06-12 10:05:40,118: INFO/MainProcess] beat: Starting...\n[2024-06-12 10:05:40,131: INFO/MainProcess] beat: Acquired lock\n[2024-06-12 10:05:40,133: INFO/MainProcess] Loaded 1 schedule entries: monthly-invoices"),
        T("Bash", "pip freeze", dep_list(31, "", 90)),
        U("ok redbeat works. we stick with redbeat, one beat replica in the deployment."),
        T("Edit", "deploy/beat.yaml", "Applied edit: replicas: 1, command celery -A billing beat -S redbeat.RedBeatScheduler"),
        U("still need to add an alert if the invoice job didn't run by 03:00. not today."),
        A("Okay, I'll leave that for later."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Django 5.0, Celery 5.3, Python 3.12, k8s", "all_of": [], "any_of": ["django 5", "celery", "python 3.12"]},
        {"kind": "FAILED", "summary": "django-crontab: no cron in the images", "all_of": ["crontab"], "any_of": ["cron", "not found", "image"], "failure": True},
        {"kind": "DECISION", "summary": "celery-redbeat, one beat replica", "all_of": ["redbeat"], "any_of": ["stick", "beat", "replica", "one"]},
        {"kind": "BUG_FIX", "summary": "beat connection refused: redbeat_redis_url defaulted to localhost -> settings.REDIS_URL", "all_of": ["redbeat_redis_url"], "any_of": ["localhost", "refused", "redis_url"]},
        {"kind": "TODO", "summary": "alert if invoice job did not run by 03:00", "all_of": ["alert"], "any_of": ["03:00", "invoice"]},
    ],
    "dead_ends": [{"summary": "django-crontab", "all_of": ["django-crontab"]}],
    "stale_failed": [{"summary": "redbeat works in the end", "all_of": ["redbeat"]}],
    "secrets": [],
}

ffi_fail = """00:02 +0 -1: NotesDb inserts and lists notes [E]
  Bad state: databaseFactory not initialized
  databaseFactory is only initialized when using sqflite. When using `sqflite_common_ffi`
  You must call `databaseFactory = databaseFactoryFfi;` before using global openDatabase API
  package:sqflite_common/src/sqflite_database_factory.dart 29:7  databaseFactory
  test/notes_db_test.dart 12:20                                   main.<fn>
00:02 +0 -1: Some tests failed."""

mobile_a = {
    "id": "mobile_sync_a", "project": "notes-app",
    "cwd_files": ["lib/db/notes_db.dart", "test/notes_db_test.dart", "pubspec.yaml"],
    "turns": [
        U("notes-app, Flutter 3.19. offline first. local storage: we'll use sqflite, plain SQL."),
        T("Bash", "flutter pub add sqflite path", "Resolving dependencies...\n+ sqflite 2.3.3\n+ sqflite_common 2.5.4\n+ path 1.9.0\nChanged 3 dependencies!"),
        T("Write", "lib/db/notes_db.dart", "File created: lib/db/notes_db.dart (NotesDb.open, insert, list, CREATE TABLE notes)"),
        T("Write", "test/notes_db_test.dart", "File created: test/notes_db_test.dart"),
        T("Bash", "flutter test test/notes_db_test.dart", ffi_fail, exit_code=1),
        A("sqflite only works on a device; in host unit tests the database factory must be the FFI one. I'll add sqflite_common_ffi as a dev dependency and call sqfliteFfiInit() and set databaseFactory = databaseFactoryFfi in setUpAll."),
        T("Bash", "flutter pub add -d sqflite_common_ffi", "+ sqflite_common_ffi 2.3.3\nChanged 1 dependency!"),
        T("Edit", "test/notes_db_test.dart", "Applied edit: setUpAll(() { sqfliteFfiInit(); databaseFactory = databaseFactoryFfi; })"),
        T("Bash", "flutter test test/notes_db_test.dart", "00:01 +3: All tests passed!"),
        U("ok. state management: riverpod. no provider package, no bloc."),
        A("Got it, Riverpod for state."),
        U("sync with the server is for next time"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Flutter 3.19", "all_of": ["flutter"], "any_of": ["3.19", "notes"]},
        {"kind": "DECISION", "summary": "sqflite for local storage, plain SQL", "all_of": ["sqflite"], "any_of": ["storage", "sql", "local"]},
        {"kind": "BUG_FIX", "summary": "databaseFactory not initialized in tests -> sqflite_common_ffi", "all_of": ["ffi"], "any_of": ["databasefactory", "test"]},
        {"kind": "DECISION", "summary": "Riverpod for state, no provider, no bloc", "all_of": ["riverpod"], "any_of": ["state", "provider", "bloc"]},
        {"kind": "TODO", "summary": "sync with the server", "all_of": ["sync"], "any_of": ["server", "next"]},
    ],
    "dead_ends": [],
    "secrets": [],
}

mobile_b = {
    "id": "mobile_sync_b", "project": "notes-app",
    "cwd_files": ["lib/db/database.dart", "pubspec.yaml"],
    "turns": [
        U("notes app again. the raw SQL in sqflite is getting painful with every migration. rip out sqflite, we go with drift (typed queries, migrations built in)."),
        A("OK: drift generates typed queries from table classes and has a schema versioning and migration API."),
        T("Bash", "flutter pub remove sqflite && flutter pub add drift drift_flutter && flutter pub add -d drift_dev build_runner", "Resolving dependencies...\n- sqflite 2.3.3\n+ drift 2.18.0\n+ drift_flutter 0.1.0\n+ drift_dev 2.18.0\n+ build_runner 2.4.11\nChanged 14 dependencies!"),
        T("Write", "lib/db/database.dart", "File created: lib/db/database.dart (@DriftDatabase(tables: [Notes]) class AppDatabase, schemaVersion 1)"),
        T("Bash", "dart run build_runner build --delete-conflicting-outputs", "[INFO] Generating build script completed, took 412ms\n[INFO] Running build completed, took 13.9s\n[INFO] Succeeded after 14.2s with 12 outputs (58 actions)"),
        T("Bash", "flutter test", "00:03 +7: All tests passed!"),
        U("good. the generated *.g.dart files are committed in this repo, don't gitignore them."),
        A("Understood, they stay in git."),
    ],
    "gold": [
        {"kind": "DECISION", "summary": "drift instead of sqflite", "all_of": ["drift"], "any_of": ["sqflite", "typed", "migration", "go with"]},
        {"kind": "FAILED", "summary": "sqflite dropped: raw SQL painful with migrations", "all_of": ["sqflite"], "any_of": ["painful", "migration", "raw sql"], "failure": True},
        {"kind": "PATTERN", "summary": "generated *.g.dart files are committed", "all_of": ["g.dart"], "any_of": ["commit", "gitignore"]},
    ],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [{"old_session": "mobile_sync_a", "old_all_of": ["sqflite", "storage"], "new_all_of": ["drift"]}],
}

if __name__ == "__main__":
    for s in (laravel_a, nothing, celery, mobile_a, mobile_b):
        print(write(s))
