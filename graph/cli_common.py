"""What every command module shares: the default store, the error console and safe printing.

Whatever a command prints may hold text from articles, file names or the command line. It is printed
without control characters (no terminal escapes: :data:`newskg.extract.clean.CONTROL`), and where
rich reads markup, every such value is escaped first, so ``[red]`` or ``[/]`` shows as typed.

>>> shown("[red]Atlantis\\x1b]0;owned\\x07")
'\\\\[red]Atlantis]0;owned'
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from newskg.extract.clean import CONTROL, strip_controls
from newskg.extract.errors import InputError

__all__ = ["DEFAULT_STORE", "ROLLED_UP", "console", "shown", "note", "escape_controls", "rolled", "require_statements"]

DEFAULT_STORE = Path(".newskg/store")
#: What a title says when ``--as-state`` counts office holders' stances for what they speak for.
ROLLED_UP = "office holders counted for their state"
console = Console(stderr=True)


def shown(value: object) -> str:
    """``value`` as text that rich prints as it is: no control characters, markup escaped."""
    return escape(strip_controls(str(value)))


def require_statements(opened, store: object) -> None:
    """Refuse, in one line (exit 3), an analysis of a store that holds no statement yet: every analysis command
    and the view say the same of an empty store."""
    if not opened.query("ASK { GRAPH ?g { ?s a nkg:Statement } }").boolean:
        raise InputError(f"the store at {store} holds no statements yet; add articles with `newskg build FILES`")


def rolled(as_state: bool) -> str:
    """The marker a title ends with under ``--as-state`` (nothing without it).

    >>> rolled(True), rolled(False)
    (' (office holders counted for their state)', '')
    """
    return f" ({ROLLED_UP})" if as_state else ""


def note(message: str) -> None:
    """Print a line to stderr as it is (no markup), without control characters."""
    Console(stderr=True, soft_wrap=True).print(strip_controls(message), highlight=False, markup=False)


def escape_controls(text: str) -> str:
    """JSON or N-Triples text with the control characters its writer left raw escaped as ``\\uXXXX``.

    >>> escape_controls('["a\\x9b2J"]')
    '["a\\\\u009b2J"]'
    """
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
