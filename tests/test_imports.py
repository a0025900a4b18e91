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
