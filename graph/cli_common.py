"""What every command module shares: the default store and the error console."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

__all__ = ["DEFAULT_STORE", "console"]

DEFAULT_STORE = Path(".newskg/store")
console = Console(stderr=True)
