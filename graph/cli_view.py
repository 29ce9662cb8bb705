"""The ``view`` command: write the actor network as an offline HTML page (and GEXF, GraphML, PNG/SVG).

    newskg view --store .newskg/store -o out/graph.html --max-nodes 1000 --gexf out/graph.gexf
    newskg view --as-state   # an envoy's stances drawn from the state they speak for
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from newskg.extract.errors import InputError

from .cli_common import DEFAULT_STORE, console, require_statements, rolled, shown
# ``newskg.graph.view.DEFAULT_MAX_NODES``, kept here so that ``newskg --help`` does not import networkx.
MAX_NODES = 1000

__all__ = ["register", "view", "open_store"]


def open_store(location: str):
    """Open the store for reading (a directory, or an ``http(s)://`` SPARQL store)."""
    from newskg.graph.store import Store

    return Store.open(location, read_only=True)


def view(
    store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help="Store directory (or http(s):// SPARQL store)."),
    output: Path = typer.Option(Path("out/graph.html"), "--output", "-o", help="The HTML page to write."),
    max_nodes: int = typer.Option(
        MAX_NODES, "--max-nodes", min=1, help="Draw at most this many nodes, the most connected first."
    ),
    title: str = typer.Option("newskg", "--title", help="Title of the page."),
    gexf: Optional[Path] = typer.Option(None, "--gexf", help="Also write the whole network as GEXF (Gephi)."),
    graphml: Optional[Path] = typer.Option(None, "--graphml", help="Also write the whole network as GraphML."),
    png: Optional[Path] = typer.Option(None, "--png", help="Also draw a static overview (.png or .svg)."),
    show_blocs: bool = typer.Option(
        True, "--blocs/--no-blocs", help="Colour actors by alignment bloc (actors that take the same stances)."
    ),
    as_state: bool = typer.Option(
        False, "--as-state",
        help="Draw an office holder's stances (leader, minister, envoy, spokesperson) from the state or organisation "
             "the article makes them speak for; off by default, the evidence says who said it.",
    ),
) -> None:
    """Write the actor network as one offline HTML page: hover or click an edge to read its evidence."""
    from newskg.graph.network import build_network, draw_overview, to_gexf, to_graphml
    from newskg.graph.output import output_target
    from newskg.graph.timeline import load_offices, load_positions
    from newskg.graph.view import write_html

    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--output {output} should end in .html")
    if png is not None and png.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--png {png} should end in .png or .svg")
    for target, option in ((output, "-o"), (gexf, "--gexf"), (graphml, "--graphml"), (png, "--png")):
        if target is not None:  # before reading the store: a target that cannot be written fails at once
            output_target(target, instead=f"choose another {option}")
    with console.status("reading the store"):
        with open_store(store) as opened:
            require_statements(opened, store)
            G = build_network(opened, offices=load_offices(opened) if as_state else None)
            if show_blocs:
                from newskg.graph.alignment import annotate_blocs, blocs, load_parts, related_pairs, signed_network

                positions, _ = load_positions(opened, as_state_of_office=as_state)
                annotate_blocs(G, blocs(signed_network(positions, apart=related_pairs(load_parts(opened)))))
    with console.status("writing the page"):
        info = write_html(G, output, title=f"{title}{rolled(as_state)}", max_nodes=max_nodes)
    note = f" (the {info.nodes_shown} most connected; --max-nodes to change)" if info.truncated else ""
    console.print(f"wrote {shown(info.path)}: {info.nodes_shown} of {info.nodes_total} nodes{note}, "
                  f"{info.edges_shown} of {info.edges_total} edges", highlight=False, soft_wrap=True)
    for target, writer in ((gexf, to_gexf), (graphml, to_graphml), (png, draw_overview)):
        if target is not None:
            console.print(f"wrote {shown(writer(G, target))}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``view`` to the ``newskg`` command line."""
    app.command("view")(view)
