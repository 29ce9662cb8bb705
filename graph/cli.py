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

from .cli_common import DEFAULT_STORE, console

__all__ = ["app", "main", "fail", "DEFAULT_STORE", "COMMAND_MODULES"]

app = typer.Typer(
    name="newskg",
    help="Build a knowledge graph of actors and their positions from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"debug": False}

# Modules that add commands; each has ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = ("cli_core", "cli_ontology", "cli_store", "cli_view", "cli_analysis")


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
) -> None:
    _state["debug"] = debug


def fail(message: str, code: int = 2) -> None:
    """Print one line that says what went wrong and what to do, then exit non-zero."""
    console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


for _name in COMMAND_MODULES:
    importlib.import_module(f"newskg.graph.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newskg`` script: one-line errors unless ``--debug``."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        app(args=args, prog_name="newskg", standalone_mode=False)
    except typer.Exit as stop:
        return stop.exit_code
    except NewskgError as error:
        if debug:
            raise
        console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        return error.exit_code
    except KeyboardInterrupt:
        console.print("[bold red]error:[/] interrupted; finished articles are kept, run the command again to go on")
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence for a one-line error
        import click

        if isinstance(error, click.exceptions.ClickException):
            console.print(f"[bold red]error:[/] {error.format_message()}", highlight=False, soft_wrap=True)
            return error.exit_code
        if isinstance(error, click.exceptions.Abort):
            return 1
        if debug:
            raise
        console.print(
            f"[bold red]error:[/] {type(error).__name__}: {error} (run again with --debug for the traceback)",
            highlight=False,
            soft_wrap=True,
        )
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
