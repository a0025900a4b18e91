"""Short forms kept beside the full name said nearby."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.extract.short_names import expanded
from memwrap.turns import Turn


def test_numeronyms_and_initialisms_find_their_full_name() -> None:
    assert expanded("k8s", "A kubernetes work pool works, but it is heavy") == "kubernetes"
    assert expanded("DOs", "Durable Objects would give a lock, but Pages can't define DOs") == "Durable Objects"
    assert expanded("SSR", "we could do server-side rendering with the adapter") == "server-side rendering"


def test_no_full_name_is_invented() -> None:
    assert expanded("GAS", "store the GameplayAbilitySpec handle") == ""  # one word, not a phrase
    assert expanded("CDN", "[x-cloak] { display: none }") == ""  # punctuation between is no phrase
    assert expanded("redis", "Redis is fine") == ""  # not a short form
    assert expanded("ORM", "we map rows by hand") == ""


def test_dead_end_under_a_short_name_keeps_the_full_one() -> None:
    turns = [
        Turn(role="user", text="where should the prefect flows run"),
        Turn(role="assistant", text="A kubernetes work pool works, but for this it's heavy: a node group is roughly "
                                    "$140/month. A docker work pool on the VM you already have costs nothing extra."),
        Turn(role="user", text="yeah not paying 140 a month for 3 flows, forget k8s. docker pool on the vm"),
    ]
    failed = [c for c in extract_candidates(turns, project="etl") if c.kind == "FAILED"]
    assert failed and "k8s (kubernetes)" in failed[0].text and "140" in failed[0].text
