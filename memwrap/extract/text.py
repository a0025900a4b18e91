"""Sentence splitting shared by every extraction stage."""

from __future__ import annotations

import re

# A sentence ends at . ! ? before whitespace, or at a line break; a numbered item after a
# colon ("in two parts: 1. A query") stays with its sentence.
_SENT_RE = re.compile(r"(?<=[.!?])(?<!\n\d\.)(?<!^\d\.)(?<!: \d\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)"
                      r"(?<!\bcf\.)\s+(?=\S)|(?<=[:;][)(D])\s+(?=[A-Z])|\n+")  # "e.g. X" and "vs. Y" do not end a
# sentence; a smiley ":) But ..." does


def sentences(text: str) -> list[str]:
    """The non-empty, stripped sentences of `text`."""
    return [s.strip() for s in _SENT_RE.split(text or "") if s and s.strip()]
