"""Load the redaction corpus: realistic texts with planted secrets marked «...» and
look-alikes (hashes, UUIDs, digests, paths, placeholders) marked ‹...›.

The markers are removed; their spans are kept so a detector can be scored span by span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKS = {"«": ("»", "secret"), "‹": ("›", "lookalike")}


@dataclass
class Doc:
    name: str
    text: str
    secrets: list[tuple[int, int]] = field(default_factory=list)
    lookalikes: list[tuple[int, int]] = field(default_factory=list)


def parse(name: str, marked: str) -> Doc:
    doc = Doc(name, "")
    out: list[str] = []
    pos = 0  # position in the unmarked text
    i = 0
    open_kind: str | None = None
    open_at = 0
    closer = ""
    while i < len(marked):
        ch = marked[i]
        if open_kind is None and ch in MARKS:
            closer, open_kind = MARKS[ch]
            open_at = pos
        elif open_kind is not None and ch == closer:
            getattr(doc, "secrets" if open_kind == "secret" else "lookalikes").append((open_at, pos))
            open_kind = None
        else:
            out.append(ch)
            pos += 1
        i += 1
    doc.text = "".join(out)
    return doc


def load_corpus() -> list[Doc]:
    return [parse(p.name, p.read_text()) for p in sorted(HERE.glob("*.txt"))]


def covered(span: tuple[int, int], found: list[tuple[int, int]]) -> bool:
    """Every character of `span` lies inside some found span."""
    start, end = span
    chars = set(range(start, end))
    for a, b in found:
        chars -= set(range(a, b))
    return not chars


def touched(span: tuple[int, int], found: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in found)


@dataclass
class Score:
    planted: int = 0
    removed: int = 0
    lookalikes: int = 0
    lookalike_hits: int = 0
    extra_findings: int = 0  # findings touching neither a planted secret nor a look-alike
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.removed / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        """Share of flagged items (planted + look-alike + unmarked) that were planted secrets."""
        flagged = self.removed + self.lookalike_hits + self.extra_findings
        return self.removed / flagged if flagged else 1.0


def score(docs: list[Doc], detect) -> Score:
    """`detect(text) -> list[(start, end)]`."""
    s = Score()
    for doc in docs:
        found = detect(doc.text)
        for span in doc.secrets:
            s.planted += 1
            if covered(span, found):
                s.removed += 1
            else:
                s.missed.append(f"{doc.name}: {doc.text[span[0]:span[1]][:60]!r}")
        for span in doc.lookalikes:
            s.lookalikes += 1
            if touched(span, found):
                s.lookalike_hits += 1
                s.false_positives.append(f"{doc.name}: {doc.text[span[0]:span[1]][:60]!r}")
        for f in found:
            if not any(touched(sp, [f]) for sp in doc.secrets + doc.lookalikes):
                s.extra_findings += 1
                s.false_positives.append(f"{doc.name} (unmarked): {doc.text[f[0]:f[1]][:60]!r}")
    return s
