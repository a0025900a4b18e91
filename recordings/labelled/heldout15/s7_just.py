from _lib import U, A, T, G, D, write

JUSTFILE = '''# report-builder tasks

test:
    cargo nextest run --workspace

lint:
    cargo clippy --workspace --all-targets -- -D warnings
    cargo fmt --check

db-shell:
    psql "$DATABASE_URL"

release version:
    cargo set-version {{version}}
    git commit -am "release {{version}}"
    git tag v{{version}}
'''

turns = [
    U("small thing: in the justfile can you add a default recipe that just lists the recipes"),
    T("Read", "justfile", JUSTFILE),
    T("Edit", "justfile", "@@ -1,2 +1,5 @@\n # report-builder tasks\n \n+default:\n+    @just --list\n+\n test:"),
    T("Bash", "just",
      "Available recipes:\n    db-shell\n    default\n    lint\n    release version\n    test"),
    A("Done, plain `just` now prints the recipe list."),
    U("thx. also `just test` prints the command before running it, annoying"),
    A("That's just's echo. Prefixing the line with `@` silences it; I'll do it for `test` and `lint`, and leave `release` "
      "echoing since it's nice to see the git commands there."),
    T("Edit", "justfile",
      "@@ -6,6 +6,6 @@\n test:\n-    cargo nextest run --workspace\n+    @cargo nextest run --workspace\n \n lint:\n"
      "-    cargo clippy --workspace --all-targets -- -D warnings\n-    cargo fmt --check\n"
      "+    @cargo clippy --workspace --all-targets -- -D warnings\n+    @cargo fmt --check"),
    T("Bash", "just test 2>&1 | tail -n 3",
      "    Starting 64 tests across 7 binaries\n------------\n     Summary [   2.318s] 64 tests run: 64 passed, 0 skipped"),
    U("👍 and can the recipes pick up the .env? the DB url lives in there and I keep forgetting to export it before just db-shell"),
    A("Yes: `set dotenv-load` at the top of the justfile makes just read `.env` before running any recipe."),
    T("Edit", "justfile", "@@ -1,3 +1,5 @@\n # report-builder tasks\n+\n+set dotenv-load\n \n default:"),
    T("Bash", "env -u DATABASE_URL just --evaluate 2>/dev/null | head -n 3; env -u DATABASE_URL just db-shell -c '\\conninfo'",
      "You are connected to database \"reports\" as user \"reports\" on host \"localhost\" (address \"127.0.0.1\") at port \"5432\"."),
    U("great thanks, that's all"),
    A("👍"),
]

session = {
    "id": "justfile_tweaks",
    "project": "report-builder",
    "cwd_files": ["justfile"],
    "turns": turns,
    "gold": [
        G("DECISION", "justfile has `set dotenv-load` so recipes read DATABASE_URL from .env",
          ["dotenv"], ["load", ".env", "justfile", "recipe"], ["justfile"]),
    ],
    "dead_ends": [],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
