"""Errors newskg reports to a user. Every message says what to do next.

The command line prints ``error: <message>`` on one line and exits with
``exit_code``; ``--debug`` shows the traceback as well.
"""

from __future__ import annotations

__all__ = ["NewskgError", "AmbiguousNameError", "InputError", "NoContentError", "ModelError"]


class NewskgError(Exception):
    """Base class of the errors newskg reports as one line."""

    exit_code = 2


class AmbiguousNameError(NewskgError):
    """A name given on the command line stands for several nodes; the user is to pick one by its id."""

    exit_code = 2

    def __init__(self, message: str, choices: tuple | list = ()) -> None:
        super().__init__(message)
        self.choices = tuple(choices)  # what the name may stand for, to list before the one-line message


class InputError(NewskgError):
    """An input file or argument cannot be used (missing, too large, binary, undecodable)."""

    exit_code = 3


class NoContentError(InputError):
    """An input holds no article text once boilerplate is removed."""

    exit_code = 4


class ModelError(NewskgError):
    """The spaCy model cannot be loaded."""

    exit_code = 5
