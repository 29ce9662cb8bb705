"""Commands that analyse positions: ``timeline``, ``shifts``, ``corroboration`` and ``blocs``.

They read the stance statements of the store (see :mod:`newskg.graph.timeline`)
and match what the user types against labels in Python, so no value is ever
pasted into query text.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from newskg.extract.errors import InputError
from newskg.graph.cli_common import note, require_statements, rolled
from newskg.graph.cli_store import STORE_HELP, render
from newskg.graph.query import QueryResult

__all__ = ["register"]

FORMATS = ("table", "csv", "json")


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


AS_STATE_HELP = ("Count an office holder's stances (leader, minister, envoy, spokesperson) for the state or "
                 "organisation the article makes them speak for; off by default, marked in the said_by column.")


def _positions(store: str, *, write: bool = False, as_state: bool = False):
    from newskg.graph.store import Store
    from newskg.graph.timeline import load_positions

    with Store.open(store, read_only=not write) as opened:
        require_statements(opened, store)
        return load_positions(opened, as_state_of_office=as_state)


def _rolled(as_state: bool) -> str:
    return rolled(as_state)


def _show(rows: list[dict[str, Any]], fmt: str, *, title: str, hide: tuple[str, ...] = ()) -> None:
    variables = list(rows[0]) if rows else []
    result = QueryResult(variables=variables, rows=rows)
    columns = {v: v for v in variables if not (fmt == "table" and v in hide)}
    render(result, fmt, columns=columns or None, title=title, out=sys.stdout)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the ``newskg`` app."""
    from newskg.graph.cli_common import DEFAULT_STORE

    @app.command("timeline")
    def timeline_command(
        actor: str = typer.Option(..., "--actor", "-a", help="Actor name or alternative name (any case)."),
        topic: str | None = typer.Option(None, "--topic", "-t", help="Topic or topic family (a name, any case)."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        png: str | None = typer.Option(None, "--png", help="Also draw the timeline to this .png (or .svg) file."),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """An actor's stances (on a topic) over time, with evidence."""
        from newskg.graph.timeline import plot_timeline, select

        _check_format(fmt)
        positions, names = _positions(store, as_state=as_state)
        mine = select(positions, names, actor=actor)
        if not mine:
            raise InputError(f"no stance of {actor!r} in the store; `newskg actors` lists the actors")
        chosen = select(mine, names, topic=topic) if topic else mine
        rows = [{"date": p.when, "article_date": p.date, "stance": p.stance, "relation": p.relation,
                 "object": p.object_label, "topic": p.topic_label, "evidence": p.evidence, "actor": p.actor_label,
                 "statement": p.statement, **({"said_by": p.said_by} if as_state else {})} for p in chosen]
        about = f" on {topic}" if topic else ""
        if rows or fmt != "table":
            _show(rows, fmt, title=f"{actor}{about} over time{_rolled(as_state)}",
                  hide=("article_date", "actor", "statement"))
        if not rows:
            note(f"{actor} takes no stance on a topic matching {topic!r}; `newskg positions --actor {actor}` lists them")
        undated = sum(1 for p in chosen if not p.when)
        if undated:
            note(f"{undated} of these {len(chosen)} statement(s) have no date (their articles give none): "
                 "they have an empty date and are left out of a chart; give the articles a `Date:` line")
        if png:
            if not any(p.when for p in chosen):
                raise InputError(f"none of the {len(chosen)} statement(s) has a date, so there is no time axis to draw "
                                 f"{png} on; give the articles a `Date:` line (or front matter) and build again")
            plot_timeline(chosen, png, title=f"{chosen[0].actor_label if chosen else actor}{about}: stance over time")
            note(f"wrote {png}")

    @app.command("shifts")
    def shifts_command(
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        actor: str | None = typer.Option(None, "--actor", "-a", help="Only this actor."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """Actor-topic pairs whose stance changed between articles, with both evidence sentences."""
        from newskg.graph.timeline import select, shifts

        _check_format(fmt)
        positions, names = _positions(store, as_state=as_state)
        found = shifts(select(positions, names, actor=actor) if actor else positions)
        rows = [{"actor": s.actor_label, "topic": s.topic_label, "from": s.before.stance, "date_before": s.before.when,
                 "evidence_before": s.before.evidence, "to": s.after.stance, "date_after": s.after.when,
                 "evidence_after": s.after.evidence, "object_before": s.before.object_label,
                 "object_after": s.after.object_label,
                 **({"said_by_before": s.before.said_by, "said_by_after": s.after.said_by} if as_state else {})}
                for s in found]
        if rows or fmt != "table":
            _show(rows, fmt, title=f"Stance shifts{_rolled(as_state)}", hide=("object_before", "object_after"))
        if not rows:
            note("no actor changed its stance on a topic between articles")

    @app.command("corroboration")
    def corroboration_command(
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        actor: str | None = typer.Option(None, "--actor", "-a", help="Only this actor."),
        topic: str | None = typer.Option(None, "--topic", "-t", help="Only this topic or topic family."),
        contradicted: bool = typer.Option(False, "--contradicted", help="Only stances contradicted somewhere."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """How many independent articles back each stance, and which stances are contradicted."""
        from newskg.graph.timeline import corroboration, select

        _check_format(fmt)
        positions, names = _positions(store, as_state=as_state)
        rows = [{"actor": r.actor_label, "stance": r.stance, "topic": r.topic_label, "articles": r.articles,
                 "statements": r.statements, "first": r.first, "last": r.last, "contradiction": r.contradiction,
                 "opposite_articles": r.opposed_by}
                for r in corroboration(select(positions, names, actor=actor, topic=topic))
                if r.contradiction or not contradicted]
        if rows or fmt != "table":
            _show(rows, fmt, title=f"Corroboration of stances{_rolled(as_state)}")
        if not rows:
            note("no stance matches")

    @app.command("blocs")
    def blocs_command(
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        mode: str = typer.Option("latest", "--mode", help="latest: each actor's latest stance per topic; all: every stance."),
        seed: int = typer.Option(7, "--seed", help="Seed of the community detection."),
        save: bool = typer.Option(False, "--save", help="Write the blocs to the named graph id/graph/analysis."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """Blocs of actors that take the same stances on the same topics (an organ is never paired with its
        own organisation)."""
        from newskg.graph.alignment import (
            bloc_of,
            bloc_quads,
            blocs,
            frustration,
            load_parts,
            related_pairs,
            save_blocs,
            signed_network,
        )
        from newskg.graph.store import Store
        from newskg.graph.timeline import load_positions

        _check_format(fmt)
        if mode not in ("latest", "all"):
            raise InputError(f"unknown --mode {mode!r}; use latest or all")
        with Store.open(store, read_only=not save) as opened:
            require_statements(opened, store)
            positions, _ = load_positions(opened, as_state_of_office=as_state)
            G = signed_network(positions, mode=mode, apart=related_pairs(load_parts(opened)))
            groups = blocs(G, seed=seed)
            if save:
                save_blocs(opened, bloc_quads(G, groups, mode=mode))
        number = bloc_of(groups)
        rows = []
        for node in sorted(G.nodes, key=lambda n: (number[n], G.nodes[n]["label"])):
            agree = sum(d["agree"] for _, _, d in G.edges(node, data=True))
            disagree = sum(d["disagree"] for _, _, d in G.edges(node, data=True))
            allies = sorted(G.nodes[o]["label"] for o in G.neighbors(node) if G.edges[node, o]["sign"] > 0)
            rivals = sorted(G.nodes[o]["label"] for o in G.neighbors(node) if G.edges[node, o]["sign"] < 0)
            rows.append({"bloc": number[node], "actor": G.nodes[node]["label"], "agreements": agree,
                         "disagreements": disagree, "agrees_with": ", ".join(allies),
                         "disagrees_with": ", ".join(rivals), "actor_iri": node})
        if rows or fmt != "table":
            _show(rows, fmt, title=f"Blocs ({len(groups)}; stances: {mode}){_rolled(as_state)}", hide=("actor_iri",))
        inside = frustration(G, groups)
        if inside:
            note(f"{len(inside)} disagreeing pair(s) inside a bloc")
        if save:
            note(f"saved {len(groups)} bloc(s) to the named graph <https://w3id.org/newskg/id/graph/analysis>")
        if not rows:
            note("no actor takes a stance in the store")
