"""Token counting that is the same everywhere (block header, `show`, budgets, eval).

tiktoken needs a download and the model tokenizer costs a model load, so memwrap uses a
documented approximation of a BPE tokenizer: a run of letters costs one token per started
6 characters, a run of digits one per started 3, every other non-space character one.
On English prose and code this lands within about 10% of cl100k / SmolLM2 counts.
"""

from __future__ import annotations

import re

_PIECE_RE = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")


def count_tokens(text: str) -> int:
    total = 0
    for piece in _PIECE_RE.findall(text):
        first = piece[0]
        if first.isascii() and first.isalpha():
            total += (len(piece) + 5) // 6
        elif first.isdigit():
            total += (len(piece) + 2) // 3
        else:
            total += 1
    return total
