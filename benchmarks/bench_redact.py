"""Redaction: memwrap.redact vs detect-secrets, on the marked corpus and on clean code.

Prints, for each detector: planted-secret recall, look-alike false positives, precision,
flagged lines per MB of secret-free source code (CPython's stdlib: every finding there is almost
certainly a false positive), and throughput in MB/s.

    python3 benchmarks/bench_redact.py [--mb 4]
"""

from __future__ import annotations

import argparse
import re
import sys
import sysconfig
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "redact_corpus"))

from corpus import load_corpus, score  # noqa: E402

from memwrap.redact import find_secrets, redact  # noqa: E402

Spans = list[tuple[int, int]]
_TOKEN_CHARS = re.compile(r"[^\s\"'`<>]+")


def memwrap_spans(text: str) -> Spans:
    return [(f.start, f.end) for f in find_secrets(text)]


def _ds_lines(text: str):
    """(line start offset, line, [secret values]) for every line detect-secrets flags, scanning
    the text as a file (its normal mode: plugin thresholds and false-positive filters on;
    `scan_line` is an ad-hoc mode that flags almost every word)."""
    import tempfile

    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "transcript.txt"
        path.write_text(text)
        collection = SecretsCollection()
        with default_settings():
            collection.scan_file(str(path))
        by_line: dict[int, list[str]] = {}
        for _, secret in collection:
            by_line.setdefault(secret.line_number - 1, []).append(secret.secret_value or "")
    for n, values in sorted(by_line.items()):
        yield offsets[n], lines[n], values


def _ds_adhoc_lines(text: str):
    """detect-secrets' ad-hoc mode (`scan_line`, what `detect-secrets scan --string` does)."""
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    with default_settings():
        offset = 0
        for line in text.split("\n"):
            values = [s.secret_value or "" for s in scan_line(line)]
            if values:
                yield offset, line, values
            offset += len(line) + 1


def ds_adhoc_line_spans(text: str) -> Spans:
    return [(offset, offset + len(line)) for offset, line, _ in _ds_adhoc_lines(text)]


def ds_token_spans(text: str) -> Spans:
    """detect-secrets as a redactor: each reported value, widened to the whole token around
    it (its GitHub plugin reports only 'ghp', for instance; widening is generous to it)."""
    spans: Spans = []
    for offset, line, values in _ds_lines(text):
        for value in values:
            if not value:
                continue
            for m in re.finditer(re.escape(value), line):
                tok = next((t for t in _TOKEN_CHARS.finditer(line) if t.start() <= m.start() < t.end()), None)
                a, b = (tok.start(), tok.end()) if tok else (m.start(), m.end())
                spans.append((offset + a, offset + b))
    return spans


def ds_line_spans(text: str) -> Spans:
    """detect-secrets with whole-line redaction: every flagged line removed."""
    return [(offset, offset + len(line)) for offset, line, _ in _ds_lines(text)]


def flagged_lines(text: str, spans: Spans) -> int:
    """Distinct lines touched by a finding: comparable across detectors whatever their spans."""
    return len({text.count("\n", 0, start) for start, _ in spans})


def union(*fns):
    return lambda text: [span for fn in fns for span in fn(text)]


def clean_code(mb: float) -> str:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    parts: list[str] = []
    size = 0
    for path in sorted(stdlib.glob("*.py")):
        text = path.read_text(errors="replace")
        parts.append(text)
        size += len(text)
        if size >= mb * 1_000_000:
            break
    return "".join(parts)


def throughput(fn, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return len(text.encode()) / 1_000_000 / best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0, help="MB of clean code for speed / FP rate")
    ap.add_argument("--ds-mb", type=float, default=0.5, help="detect-secrets is slow: less text")
    ap.add_argument("--show", action="store_true", help="list misses and false positives")
    args = ap.parse_args()

    docs = load_corpus()
    code = clean_code(args.mb)
    code_ds = code[: int(args.ds_mb * 1_000_000)]
    corpus_text = "\n".join(d.text for d in docs)
    print(f"corpus: {len(docs)} files; clean code: {len(code)/1e6:.1f} MB (detect-secrets: {len(code_ds)/1e6:.1f} MB)")
    print(f"{'detector':<26}{'recall':>8}{'missed':>8}{'lookalike FP':>14}{'precision':>11}{'FP lines/MB':>12}{'MB/s':>9}")
    rows = [
        ("memwrap.redact", memwrap_spans, code),
        ("ds file (token)", ds_token_spans, code_ds),
        ("ds file (line)", ds_line_spans, code_ds),
        ("ds ad-hoc (line)", ds_adhoc_line_spans, code_ds),
        ("memwrap + ds (token)", union(memwrap_spans, ds_token_spans), code_ds),
    ]
    for name, fn, clean in rows:
        s = score(docs, fn)
        fp_per_mb = flagged_lines(clean, fn(clean)) / (len(clean) / 1e6)
        mbs = throughput(fn, corpus_text * 20 if fn is memwrap_spans else corpus_text, repeat=3)
        print(
            f"{name:<26}{s.recall:>8.3f}{s.planted - s.removed:>8}{s.lookalike_hits:>8}/{s.lookalikes:<5}"
            f"{s.precision:>11.3f}{fp_per_mb:>12.1f}{mbs:>9.2f}"
        )
        if args.show:
            for line in s.missed:
                print("    missed:", line)
            for line in s.false_positives:
                print("    FP:", line)
    print(f"memwrap.redact() on clean code: {throughput(redact, code):.1f} MB/s (no secrets: the common case)")


if __name__ == "__main__":
    main()
