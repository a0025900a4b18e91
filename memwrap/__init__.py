"""memwrap: memory for AI coding assistants, recorded from the terminal."""

__version__ = "0.1.0"
