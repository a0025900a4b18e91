"""Fallback for any command memwrap has no adapter for: the block is typed as the first
message (bracketed paste, then Enter) once the CLI waits for input. No transcript of its
own, so the recording is the transcript; context signals: the common wordings only."""

from __future__ import annotations

from memwrap.adapters.base import Adapter, pattern


class GenericAdapter(Adapter):
    name = "generic"
    program = ""
    checks_help = False
    signals = (
        pattern(r"(\d+(?:\.\d+)?)% (?:of )?context (?:window )?used", "used"),
        pattern(r"(\d+(?:\.\d+)?)% context left", "left"),
        pattern(r"context (?:window )?(?:is )?full|context limit reached", "full"),
    )
