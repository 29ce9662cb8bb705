"""The ``newskg validate`` command: check a store or an RDF file against the SHACL shapes.

Exit status 0 when the data conforms; 1 with the report when it does not.
"""

from __future__ import annotations

from pathlib import Path

import typer

from newskg.extract.clean import strip_controls
from newskg.extract.errors import InputError

__all__ = ["register", "load_file", "load_store"]

from .cli_common import DEFAULT_STORE


def load_file(path: Path):
    """Parse an RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD) into a dataset."""
    from rdflib import Dataset
    from rdflib.util import guess_format

    if not path.is_file():
        raise InputError(f"{path}: no such file; pass an RDF file (.ttl, .trig, .nt, .nq, .rdf, .jsonld)")
    fmt = guess_format(str(path)) or ("json-ld" if path.suffix == ".jsonld" else None)
    if fmt is None:
        raise InputError(f"{path}: unknown RDF format; use a file ending in .ttl, .trig, .nt, .nq, .rdf or .jsonld")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(str(path), format=fmt)
    except Exception as error:  # noqa: BLE001 - parsers raise many kinds of errors
        raise InputError(f"{path}: cannot be read as {fmt} ({error}); fix the file or export it again") from error
    return dataset


def load_store(directory: Path):
    """Read every quad of an Oxigraph store directory into an rdflib dataset."""
    import pyoxigraph
    from rdflib import Dataset

    from newskg.graph.store import StoreMissingError, missing_store_message, open_read_only

    if not directory.is_dir():
        # the same error, and exit code, as every other command that reads a store
        raise StoreMissingError(missing_store_message(directory))
    try:
        store, snapshot = open_read_only(directory)
        nquads = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
        if snapshot is not None:
            snapshot.remove()
    except OSError as error:
        raise InputError(f"{directory}: cannot open the store ({error}); check the path") from error
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    return dataset


def register(app: typer.Typer) -> None:
    """Add ``validate`` to the ``newskg`` command line."""

    @app.command("validate")
    def validate_command(
        file: Path | None = typer.Argument(None, help="An RDF file to check instead of the store."),
        store: Path | None = typer.Option(None, "--store", help="The store directory (default: .newskg/store)."),
        inference: str = typer.Option(
            "rdfs", "--inference", help="rdfs: type nodes through the ontology first; none: faster on large stores."
        ),
    ) -> None:
        """Check the graph against the newskg SHACL shapes; exit 1 with a report of the problems."""
        from newskg.graph.validate import INFERENCE, validate

        if inference not in INFERENCE:
            raise InputError(f"--inference must be one of {', '.join(INFERENCE)}, not {inference!r}")
        if file is not None and store is not None:
            raise InputError("pass either an RDF file or --store, not both")
        if file is not None:
            data = load_file(file)
        else:
            data = load_store(store or DEFAULT_STORE)
        report = validate(data, inference=inference)
        typer.echo(strip_controls(report.text))
        if not report.conforms:
            raise typer.Exit(1)
