"""The MemwrapError family: every message says what went wrong and how to fix it.

cli.py maps these to exit codes; nothing else prints tracebacks to the user.
"""

from __future__ import annotations


class MemwrapError(Exception):
    """Base class. `str(err)` is one line a user can act on."""

    exit_code = 1


class UsageError(MemwrapError):
    exit_code = 2


class CommandNotFound(MemwrapError):
    exit_code = 127


class StoreError(MemwrapError):
    """The fact store cannot be used (locked, corrupt, newer schema, disk full)."""

    exit_code = 3


class StoreLocked(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class InputError(MemwrapError):
    """A transcript, recording or import file that cannot be read."""

    exit_code = 4


class ModelError(MemwrapError):
    """The local model is missing or cannot be loaded."""

    exit_code = 5


class NotFound(MemwrapError):
    """A fact, session or project id that does not exist."""

    exit_code = 6
