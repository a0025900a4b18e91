"""The stack read from what the session's code imports, in several languages."""

from memwrap.extract.imports import imported_libraries


def test_libraries_from_imports_across_languages_most_files_first() -> None:
    files = [
        ("cmd/root.go", 'import (\n\t"fmt"\n\t"github.com/spf13/cobra"\n\t"github.com/spf13/viper"\n)'),
        ("cmd/deploy.go", 'import "github.com/spf13/cobra"'),
        ("src/routes/InvoiceRoutes.kt", "     1→package com.acme.invoice.routes\n     2→import io.ktor.server.routing.Route\n"
                                         "     3→import org.jetbrains.exposed.sql.transactions.transaction\n     4→import java.time.Instant"),
        ("Assets/Player.cs", "using System;\nusing UnityEngine;\nusing UnityEngine.InputSystem;"),
        ("etl/load.py", "import os\nimport duckdb\nfrom polars import DataFrame\nfrom etl.util import x"),
        ("src/a.service.ts", "+import { Injectable } from '@nestjs/common';\n+import { PrismaClient } from '@prisma/client';\n+import x from './x';"),
    ]
    libs = imported_libraries(files, project="etl", limit=20)
    assert libs[0] == "cobra"  # two files
    for name in ("viper", "ktor", "exposed", "UnityEngine", "duckdb", "polars", "@nestjs/common", "@prisma/client"):
        assert name in libs, (name, libs)
    for own_or_std in ("acme", "invoice", "java", "System", "os", "fmt", "etl", "./x"):
        assert own_or_std not in libs


def test_non_code_files_and_empty_input_give_nothing() -> None:
    assert imported_libraries([("README.md", "import cobra"), ("notes.txt", "from x import y")]) == []
    assert imported_libraries([]) == []


def test_manifests_and_written_files_seen_through_a_viewer() -> None:
    from memwrap.classify import _tool_file
    from memwrap.extract.stack import manifest_deps
    from memwrap.turns import Turn

    viewed = '     1→[project]\n     5→dependencies = [\n     6→    "duckdb>=0.10.0",\n     7→    "polars>=0.20.10",\n'
    assert manifest_deps("pyproject.toml", viewed)[:2] == [("duckdb", "0.10.0"), ("polars", "0.20.10")]
    write = Turn(role="tool", name="Write", input='{"file_path": "src/load.py", "content": "import duckdb\\n"}',
                 text="File created successfully")
    assert _tool_file(write) == ("src/load.py", "import duckdb\n")
    assert _tool_file(Turn(role="tool", name="Bash", input="uv run pytest", text="ok")) is None
    assert imported_libraries([_tool_file(write)]) == ["duckdb"]


def test_crystal_shards_and_requires() -> None:
    from memwrap.extract.stack import languages_from_paths, manifest_deps

    shard = "name: parcel-api\ndependencies:\n  kemal:\n    github: kemalcr/kemal\n    version: ~> 1.5\n"
    assert manifest_deps("shard.yml", shard) == [("kemal", "1.5")]
    assert imported_libraries([("src/app.cr", 'require "kemal"\nrequire "db"')], limit=5) == ["db", "kemal"]
    assert languages_from_paths(["src/app.cr", "src/repo.cr"]) == ["Crystal"]


def test_go_module_paths_shortened_to_the_package_in_a_project_fact() -> None:
    from memwrap.classify import extract_candidates
    from memwrap.turns import Turn

    gomod = ("module github.com/acme/stockroom\n\ngo 1.22.3\n\nrequire (\n\tgithub.com/labstack/echo/v4 v4.12.0\n"
             "\tgithub.com/pressly/goose/v3 v3.20.0\n\tgithub.com/stretchr/testify v1.9.0\n\tgorm.io/driver/postgres v1.5.7\n"
             "\tgorm.io/gorm v1.25.10\n\tgithub.com/golang-jwt/jwt/v5 v5.2.1\n\tgithub.com/google/uuid v1.6.0\n)")
    turns = [Turn(role="user", text="PATCH with quantity 0 is ignored"),
             Turn(role="tool", name="Read", input="go.mod", text=gomod)]
    project = [c.text for c in extract_candidates(turns, project="stockroom") if c.kind == "PROJECT"]
    assert project and "echo 4.12.0" in project[0] and "gorm 1.25.10" in project[0] and "github.com" not in project[0]
