"""The Fact type: kinds, statuses, stable ids, JSON form and one-line rendering.

Every route that creates or edits a fact goes through `clean_text`, so a fact is always one
line, bounded, and can never contain memwrap's own block markers.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO")
STATUSES: tuple[str, ...] = ("active", "pinned", "pruned", "superseded")
SCOPES: tuple[str, ...] = ("project", "global")
MAX_FACT_CHARS = 160

BLOCK_TAG = "memwrap-memory"
_MARKER_RE = re.compile(r"</?\s*memwrap[-_ ]?memory[^>]*>?", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
FAILURE_WORDS_RE = re.compile(
    r"\b(fail(?:ed|s|ure|ing)?|abandon(?:ed)?|revert(?:ed)?|did ?n[o']t work|does ?n[o']t work|"
    r"broke|broken|dropped|gave up|rolled back|dead end|not viable|rejected|vetoed|impossible|not possible|ruled out)\b",
    re.IGNORECASE,
)


def clean_text(text: str, limit: int = MAX_FACT_CHARS) -> str:
    """One line, no control characters, no block markers, at most `limit` characters."""
    text = _MARKER_RE.sub("", text)
    text = _CONTROL_RE.sub(" ", text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    text = re.sub(r"\s{2,}", " ", text).strip()
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
        text = cut.rstrip(" ,;:-") + "…"
    return text


def normalise_for_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def make_id(kind: str, text: str, scope: str, project: str) -> str:
    """Deterministic: the same fact ingested twice gets the same id (idempotent imports)."""
    digest = hashlib.sha1(f"{scope}\0{project}\0{kind}\0{normalise_for_id(text)}".encode()).hexdigest()
    return digest[:12]


def says_topic(text: str, topic: str) -> bool:
    """The text already names what a fact concerns: every word of the topic occurs in it
    ("redux-persist homemade outbox" in "redux-persist + a homemade outbox queue")."""
    low = text.lower()
    words = re.findall(r"[\w+#.-]+", topic.lower())
    return bool(words) and all(re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", low) for w in words)


def has_failure_words(text: str) -> bool:
    return bool(FAILURE_WORDS_RE.search(text))


@dataclass
class Fact:
    kind: str
    text: str
    scope: str = "project"
    project: str = ""  # project key (see project.py); "" for global facts
    files: list[str] = field(default_factory=list)
    status: str = "active"
    id: str = ""
    created_at: float = 0.0
    updated_at: float = 0.0
    source: dict[str, Any] = field(default_factory=dict)  # {"session": id, "turn": n, "cli": name}
    evidence: str = ""  # short redacted quote of what the fact came from
    topic: str = ""  # what it is about (for FAILED facts: the approach), used for supersession
    count: int = 1  # how many times it was seen (merges add up)
    injected_count: int = 0
    last_injected: float | None = None
    superseded_by: str | None = None
    supersedes: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)  # subjects this fact says it replaced (supersession)
    origin: str = "extracted"  # extracted | model | manual | imported

    def __post_init__(self) -> None:
        self.kind = self.kind.upper()
        if self.kind not in KINDS:
            raise ValueError(f"unknown fact kind {self.kind!r}; one of {', '.join(KINDS)}")
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}; one of {', '.join(SCOPES)}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; one of {', '.join(STATUSES)}")
        self.text = clean_text(self.text)
        self.files = list(dict.fromkeys(self.files))  # one path named twice is one file
        self.evidence = clean_text(self.evidence, limit=300)
        if self.scope == "global":
            self.project = ""
        now = time.time()
        self.created_at = self.created_at or now
        self.updated_at = self.updated_at or self.created_at
        if not self.id:
            self.id = make_id(self.kind, self.text, self.scope, self.project)

    @property
    def live(self) -> bool:
        """Active or pinned: eligible for a memory block."""
        return self.status in ("active", "pinned")

    def line(self) -> str:
        """`KIND: text`, with files appended when the text does not already name them."""
        text = self.text
        missing = [f for f in self.files if f and f not in text]
        if missing:
            text = f"{text} ({', '.join(missing[:3])})"
        return f"{self.kind}: {text}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Fact":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "kind" not in known or "text" not in known:
            raise ValueError("a fact needs at least 'kind' and 'text'")
        return cls(**known)
