"""Quality harness: run the whole pipeline over labelled sessions and score it against the
labels (DESIGN.md "Evaluation data").

Per session and in total: gold recall, failure context kept on FAILED gold, dead-end leaks,
secret leaks (facts, evidence and memory block), memory block tokens, compression ratio
(session tokens / block tokens: both the project's whole next-launch block, which also holds earlier
sessions' facts, and the block this session's own facts make), seconds and peak RSS. Facts are ingested into a temporary
store (MEMWRAP_HOME is pointed at a temp dir for the run) so merging and supersession across
sessions are measured as a user would get them; the block comes from memwrap.select.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from memwrap.errors import InputError, MemwrapError
from memwrap.facts import Fact, has_failure_words
from memwrap.turns import Turn

BUDGET = 800


@dataclass
class SessionScore:
    id: str
    tokens: int
    gold: int = 0
    kept: int = 0
    missed: list[str] = field(default_factory=list)
    failure_gold: int = 0
    failure_kept: int = 0
    dead_end_leaks: list[str] = field(default_factory=list)
    secret_leaks: int = 0
    facts: int = 0
    block_tokens: int = 0
    compression: float = 0.0  # session tokens / the project's next-launch block (earlier sessions' facts too)
    own_block_tokens: int = 0  # the block this session's facts alone make
    own_compression: float = 0.0  # session tokens / own_block_tokens: what distillation itself condensed
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    supersedes: int = 0
    supersedes_ok: int = 0
    noise: list[str] = field(default_factory=list)  # facts that match no gold fact
    stale_failed: list[str] = field(default_factory=list)  # live FAILED about an approach that worked in the end
    model_lines: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.kept / self.gold if self.gold else 1.0


def load_labelled(directory: Path) -> list[dict[str, Any]]:
    """Every labelled session in `directory` (not its subdirectories: recordings/labelled/heldout
    is scored on its own), old sessions before the ones that supersede them."""
    if not directory.is_dir():
        raise InputError(f"{directory} is not a directory of labelled sessions")
    sessions = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from exc
        if isinstance(data, dict) and isinstance(data.get("turns"), list) and data.get("id"):
            data["_path"] = str(path)
            sessions.append(data)
    if not sessions:
        raise InputError(f"no labelled sessions (*.json with id and turns) under {directory}")
    by_id = {s["id"]: s for s in sessions}
    # A second session may supersede one kept in the parent directory (held-out pairs).
    for s in list(sessions):
        for sup in s.get("supersedes", []) or []:
            old_id = sup.get("old_session", "")
            if old_id and old_id not in by_id:
                old_path = directory.parent / f"{old_id}.json"
                if old_path.is_file():
                    old = json.loads(old_path.read_text(encoding="utf-8"))
                    old["_path"], old["_context_only"] = str(old_path), True
                    by_id[old_id] = old
                    sessions.append(old)
    ordered: list[dict[str, Any]] = []

    def visit(s: dict[str, Any]) -> None:
        if s in ordered:
            return
        for sup in s.get("supersedes", []) or []:
            old = by_id.get(sup.get("old_session", ""))
            if old is not None and old is not s:
                visit(old)
        ordered.append(s)

    for s in sessions:
        visit(s)
    return ordered


def _turns(data: dict[str, Any]) -> list[Turn]:
    out = []
    for raw in data["turns"]:
        try:
            out.append(Turn.from_json(raw))
        except (ValueError, TypeError, AttributeError):
            continue
    return out


def _matches(text: str, all_of: list[str], any_of: list[str]) -> bool:
    low = text.lower()
    return all(k.lower() in low for k in all_of) and (not any_of or any(k.lower() in low for k in any_of))


def score_facts(data: dict[str, Any], facts: list[Fact], block: str, score: SessionScore) -> None:
    """Fill `score` from the labels, exactly as DESIGN.md defines each measure."""
    for gold in data.get("gold", []) or []:
        score.gold += 1
        all_of, any_of = gold.get("all_of", []) or [], gold.get("any_of", []) or []
        hits = [f for f in facts if _matches(f.text, all_of, any_of)]
        if gold.get("failure"):
            score.failure_gold += 1
            hits = [f for f in hits if f.kind == "FAILED" or has_failure_words(f.text)]
            score.failure_kept += bool(hits)
        if hits:
            score.kept += 1
        else:
            score.missed.append(f"{gold.get('kind', '?')}: {gold.get('summary', '')}")
    for dead in data.get("dead_ends", []) or []:
        for f in facts:
            if f.kind != "FAILED" and not has_failure_words(f.text) and _matches(f.text, dead.get("all_of", []), []):
                score.dead_end_leaks.append(f.line())
    golds = data.get("gold", []) or []
    score.noise = [f.line() for f in facts
                   if not any(_matches(f.text, g.get("all_of", []) or [], g.get("any_of", []) or []) for g in golds)]
    for stale in data.get("stale_failed", []) or []:
        for f in facts:
            if f.live and f.kind == "FAILED" and _matches(f.text, stale.get("all_of", []), stale.get("any_of", []) or []):
                score.stale_failed.append(f.line())
    blob = block + "\n" + "\n".join(json.dumps(f.to_json()) for f in facts)
    score.secret_leaks = sum(1 for s in data.get("secrets", []) or [] if s and s in blob)


@contextmanager
def _temp_home() -> Iterator[Path]:
    old = os.environ.get("MEMWRAP_HOME")
    with tempfile.TemporaryDirectory(prefix="memwrap-eval-") as tmp:
        os.environ["MEMWRAP_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("MEMWRAP_HOME", None)
            else:
                os.environ["MEMWRAP_HOME"] = old


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _block(store: Any, facts: list[Fact], data: dict[str, Any], home: Path) -> tuple[str, int]:
    from memwrap.project import Project
    from memwrap.select import select_facts
    from memwrap.workctx import WorkContext

    work = WorkContext(mentioned=list(data.get("cwd_files", []) or []))
    name = str(data.get("project", "project"))
    if store is not None:
        from memwrap.select import build_block

        block = build_block(store, Project(key=name, name=name, root=home / "no-such-root"), budget=BUDGET, work=work)
    else:
        block = select_facts(facts, name, budget=BUDGET, work=work)
    return block.text, block.tokens


def _own_block_tokens(facts: list[Fact], data: dict[str, Any]) -> int:
    from memwrap.select import select_facts

    return select_facts(facts, str(data.get("project", "project")), budget=BUDGET).tokens


def _as_stored(store: Any, facts: list[Fact]) -> list[Fact]:
    """The session's facts with the status the store gave them (superseded later, or not)."""
    if store is None:
        return facts
    out = []
    for f in facts:
        try:
            stored = store.get(f.id)
        except MemwrapError:  # merged into an older twin: score the text distill produced
            stored = None
        out.append(stored if stored is not None and stored.kind == f.kind else f)
    return out


def _supersedes(store: Any, data: dict[str, Any], score: SessionScore) -> None:
    for sup in data.get("supersedes", []) or []:
        score.supersedes += 1
        if store is None:
            continue
        facts = store.facts(project=data["project"])
        old_id = sup.get("old_session", "")
        old = [f for f in facts if _matches(f.text, sup.get("old_all_of", []), [])
               and (not old_id or (f.source or {}).get("session") == old_id)]
        new = [f for f in facts if f.live and _matches(f.text, sup.get("new_all_of", []), [])]
        if new and old and all(f.status == "superseded" for f in old):
            score.supersedes_ok += 1


def run(directory: Path, *, use_model: bool, progress: Any = None) -> list[SessionScore]:
    from memwrap.distill import distill, session_tokens

    sessions = load_labelled(directory)
    scores = []
    with _temp_home() as home:
        store = None
        try:
            from memwrap.store import Store

            store = Store.open()
        except Exception as exc:  # the harness still scores distill output without a store
            if progress:
                progress(f"store unavailable ({exc}); scoring distilled facts directly")
        try:
            for data in sessions:
                turns = _turns(data)
                tokens = session_tokens(turns)
                score = SessionScore(id=data["id"], tokens=tokens)
                start = time.perf_counter()
                facts = distill(turns, project=str(data.get("project", "")), session_id=data["id"],
                                use_model=use_model)
                score.seconds = time.perf_counter() - start
                if store is not None:
                    store.add_facts(facts, session_id=data["id"])
                if data.get("_context_only"):  # an earlier session from the parent dir: ingested, not scored
                    continue
                text, score.block_tokens = _block(store, facts, data, home)
                score.peak_rss_mb = _peak_rss_mb()
                score.facts = len(facts)
                score.model_lines = sum(1 for f in facts if f.origin == "model")
                score.lines = [f.line() for f in facts]
                score.compression = tokens / score.block_tokens if score.block_tokens else 0.0
                score.own_block_tokens = _own_block_tokens(facts, data)
                score.own_compression = tokens / score.own_block_tokens if score.own_block_tokens else 0.0
                score_facts(data, _as_stored(store, facts), text, score)
                _supersedes(store, data, score)
                scores.append(score)
                if progress:
                    progress(f"{data['id']}: {score.kept}/{score.gold} in {score.seconds:.1f}s")
        finally:
            if store is not None:
                store.close()
    return scores


def totals(scores: list[SessionScore]) -> dict[str, Any]:
    gold = sum(s.gold for s in scores)
    long = [s for s in scores if s.tokens > 10_000]
    return {
        "sessions": len(scores),
        "gold_recall": round(sum(s.kept for s in scores) / gold, 3) if gold else 1.0,
        "kept": sum(s.kept for s in scores), "gold": gold,
        "failure_kept": sum(s.failure_kept for s in scores), "failure_gold": sum(s.failure_gold for s in scores),
        "dead_end_leaks": sum(len(s.dead_end_leaks) for s in scores),
        "secret_leaks": sum(s.secret_leaks for s in scores),
        "max_block_tokens": max((s.block_tokens for s in scores), default=0),
        "min_compression_long": round(min((s.compression for s in long), default=0.0), 1),
        "min_own_compression_long": round(min((s.own_compression for s in long), default=0.0), 1),
        "max_seconds": round(max((s.seconds for s in scores), default=0.0), 2),
        "peak_rss_mb": round(max((s.peak_rss_mb for s in scores), default=0.0), 1),
        "supersedes_ok": sum(s.supersedes_ok for s in scores), "supersedes": sum(s.supersedes for s in scores),
        "model_lines": sum(s.model_lines for s in scores), "facts": sum(s.facts for s in scores),
        "noise": sum(len(s.noise) for s in scores), "stale_failed": sum(len(s.stale_failed) for s in scores),
    }


def format_table(label: str, scores: list[SessionScore], verbose: bool = False) -> str:
    head = f"{'session':<22}{'tokens':>7}{'recall':>8}{'fail':>6}{'dead':>5}{'sec':>5}{'facts':>6}{'block':>6}{'ratio':>7}{'secs':>7}{'rssMB':>7}{'noise':>6}{'sup':>5}"
    lines = [f"== {label}", head]
    for s in scores:
        lines.append(
            f"{s.id[:21]:<22}{s.tokens:>7}{s.kept:>4}/{s.gold:<3}{s.failure_kept:>3}/{s.failure_gold:<2}"
            f"{len(s.dead_end_leaks):>5}{s.secret_leaks:>5}{s.facts:>6}{s.block_tokens:>6}{s.compression:>7.1f}"
            f"{s.seconds:>7.2f}{s.peak_rss_mb:>7.0f}{len(s.noise):>6}{(str(s.supersedes_ok) + '/' + str(s.supersedes)) if s.supersedes else '':>5}")
        if verbose:
            lines += [f"    missed {m}" for m in s.missed] + [f"    LEAK {m}" for m in s.dead_end_leaks]
            lines += [f"    STALE {m}" for m in s.stale_failed] + [f"    noise {m}" for m in s.noise]
    t = totals(scores)
    lines.append(
        f"total: recall {t['gold_recall']:.3f} ({t['kept']}/{t['gold']}), failure context {t['failure_kept']}/{t['failure_gold']}, "
        f"dead-end leaks {t['dead_end_leaks']}, secret leaks {t['secret_leaks']}, max block {t['max_block_tokens']} tokens, "
        f"min compression (>10k-token sessions) {t['min_own_compression_long']}x own facts, "
        f"{t['min_compression_long']}x project block, max {t['max_seconds']}s/session, "
        f"peak RSS {t['peak_rss_mb']} MB, supersedes {t['supersedes_ok']}/{t['supersedes']}, noise {t['noise']} facts, stale FAILED {t['stale_failed']}, model lines {t['model_lines']}/{t['facts']}")
    return "\n".join(lines)


def as_json(results: dict[str, list[SessionScore]]) -> dict[str, Any]:
    return {mode: {"sessions": [asdict(s) | {"recall": round(s.recall, 3)} for s in scores], "total": totals(scores)}
            for mode, scores in results.items()}
