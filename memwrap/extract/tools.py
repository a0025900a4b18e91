"""Tool-result parsing that does not depend on one test runner's wording: a test summary's
pass and failure counts, in the forms runners print them ("3 passed, 1 failed",
"Passed: 41, Failed: 0", "33 examples, 0 failures", "Tests run: 9, Failures: 0, Errors: 1",
"(5 tests | 1 failed)", "Passed: Total 8, Failed 0, Errors 0", "[ FAIL 0 | WARN 0 | SKIP 0 | PASS 7 ]",
"7 successes / 0 failures")."""

from __future__ import annotations

import re

_N = r"(\d+)"
_FAIL_WORD = r"(?:failed|failures?|failing|errors?|errored)"
_PASS_WORD = r"(?:passed|passing|succeeded|successes|ok|green|examples|tests? (?:passed|ok))"
_COUNT_BEFORE_RE = re.compile(r"\b" + _N + r"\s+(?:tests?\s+)?(" + _FAIL_WORD + "|" + _PASS_WORD + r")\b", re.I)
# "FAIL 1 | PASS 6" (testthat) reads the bare words too
_COUNT_AFTER_RE = re.compile(r"\b(" + _FAIL_WORD + r"|fail|passed|pass|tests run)\s*:?\s+(?:total\s+)?" + _N + r"\b", re.I)
_IS_FAIL_RE = re.compile(r"(?:fail\w*|errors?|errored)", re.I)
# JUnit/NUnit XML summaries: <test-run ... passed="14" failed="0">
_XML_COUNT_RE = re.compile(r"\b(passed|failed|failures|errors)=\"(\d+)\"", re.I)


def run_counts(output: str) -> tuple[int, int] | None:
    """(passed, failed) summed over the summary lines of a test run, or None when the output
    carries no counts. "examples"/"tests run" count as passed totals; errors count as failures."""
    passed = failed = 0
    seen = False
    for line in (output or "").splitlines()[-60:]:  # summaries come last; never scan a whole log
        for m in _COUNT_BEFORE_RE.finditer(line):
            seen = True
            n, word = int(m.group(1)), m.group(2)
            if _IS_FAIL_RE.fullmatch(word.split()[-1]) or _IS_FAIL_RE.match(word):
                failed += n
            else:
                passed = max(passed, n)
        for m in _XML_COUNT_RE.finditer(line):
            seen = True
            if _IS_FAIL_RE.match(m.group(1)):
                failed += int(m.group(2))
            else:
                passed = max(passed, int(m.group(2)))
        if _XML_COUNT_RE.search(line):
            continue  # its words are attributes, read above
        for m in _COUNT_AFTER_RE.finditer(line):
            seen = True
            word, n = m.group(1), int(m.group(2))
            if _IS_FAIL_RE.match(word):
                failed += n
            else:
                passed = max(passed, n)
    return (passed, failed) if seen else None
