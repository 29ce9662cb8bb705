"""The ``newskg`` command line.

Each area keeps its commands in its own module (``cli_*.py``) with a
``register(app)`` function; this module holds the shared options and error
handling and registers them all.
"""

from __future__ import annotations

import importlib
import sys

import typer
from newskg.extract.errors import NewskgError

from .cli_common import DEFAULT_STORE, console, shown

__all__ = ["app", "main", "fail", "DEFAULT_STORE", "COMMAND_MODULES"]

app = typer.Typer(
    name="newskg",
    help="Build a knowledge graph of actors and their positions from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules that add commands; each has ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = ("cli_core", "cli_ontology", "cli_store", "cli_view", "cli_analysis")


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
) -> None:
    """(``--debug`` is read by :func:`main`, which catches the errors.)"""


for _name in COMMAND_MODULES:
    importlib.import_module(f"newskg.graph.{_name}").register(app)


def _one_line(text: object) -> str:
    """An error message on one line: messages of parsers and the OS may hold line breaks."""
    return " ".join(str(text).split())


def _usage_errors() -> tuple[type, ...]:
    """Usage errors of the command line parser: typer's own copy of click, and click itself."""
    kinds: list[type] = [typer.TyperException]
    try:
        import click

        kinds.append(click.exceptions.ClickException)
    except ImportError:  # pragma: no cover - typer without click
        pass
    return tuple(kinds)


def _aborts() -> tuple[type, ...]:
    kinds: list[type] = [typer.Abort]
    try:
        import click

        kinds.append(click.exceptions.Abort)
    except ImportError:  # pragma: no cover
        pass
    return tuple(kinds)


def _error_line(message: str) -> None:
    """``error: message`` on one line; the message is printed as it is (its values may hold markup)."""
    console.print(f"[bold red]error:[/] {shown(_one_line(message))}", highlight=False, soft_wrap=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newskg`` script: one-line errors unless ``--debug``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        # Without standalone mode the parser returns the code of ``typer.Exit`` instead of raising it.
        code = app(args=args, prog_name="newskg", standalone_mode=False)
    except typer.Exit as stop:
        return stop.exit_code
    except NewskgError as error:
        if debug:
            raise
        for choice in getattr(error, "choices", ()):  # what an ambiguous name may stand for, one per line
            console.print(shown(choice.line()), highlight=False, soft_wrap=True, markup=False)
        _error_line(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _error_line("interrupted; finished articles are kept, run the command again to go on")
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence for a one-line error
        if isinstance(error, _usage_errors()):
            if type(error).__name__ == "NoArgsIsHelpError":  # the help has been shown
                return error.exit_code
            context = getattr(error, "ctx", None)
            path = getattr(context, "command_path", None) or "newskg"
            _error_line(f"{error.format_message()} (see `{path} --help`)")
            return error.exit_code
        if isinstance(error, _aborts()):
            return 1
        if debug:
            raise
        _error_line(f"{type(error).__name__}: {error} (run again with --debug for the traceback)")
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
