"""Commands that read the store: ``query``, ``export``, ``positions``, ``who``, ``actors``, ``compare``, ``serve``.

Every value given on the command line is bound to a SPARQL variable, never
pasted into query text; the saved queries live in ``graph/queries/*.rq``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newskg.extract.clean import strip_controls
from newskg.extract.errors import InputError
from newskg.graph.cli_common import escape_controls, note, require_statements, rolled
from newskg.graph.identity import choose, local_id, store_candidates
from newskg.graph.query import QueryError, QueryResult
from newskg.graph.serve import Endpoint
from newskg.graph.timeline import load_positions

__all__ = ["register", "saved_query", "render", "csv_value"]

FORMATS = ("table", "csv", "json")
STORE_HELP = "Store directory (or http(s):// address of a SPARQL server)."
TIMEOUT_HELP = "Stop a query after this many seconds."


def saved_query(name: str) -> str:
    """The text of ``graph/queries/{name}.rq``.

    >>> "nkg:polarity" in saved_query("positions")
    True
    """
    return (files("newskg.graph") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def _open(store: str, *, write: bool = False, timeout: float = 30.0):
    from newskg.graph.store import Store

    return Store.open(store, read_only=not write, timeout=timeout)


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def _cell(value: Any, limit: int = 160) -> Text:
    """A table cell: the value as plain text (never read as markup), cut at ``limit`` characters."""
    text = "" if value is None else strip_controls(str(value))
    return Text(text if len(text) <= limit else text[: limit - 1] + "…")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_value(value: Any) -> Any:
    """A CSV cell: without control characters, and a text a spreadsheet would run as a formula
    (starting with ``= + - @`` or a tab, and not a number) behind a ``'``.

    >>> csv_value("=HYPERLINK(1)"), csv_value("-2+3"), csv_value("-2.5"), csv_value(7), csv_value(None)
    ("'=HYPERLINK(1)", "'-2+3", '-2.5', 7, '')
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = strip_controls(str(value))
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def render(result: QueryResult, fmt: str, *, columns: dict[str, str] | None = None, title: str | None = None,
           out=None) -> None:
    """Print a result as a rich table, CSV or JSON; ``columns`` picks and names the shown variables.

    Nothing reaches the terminal as a control character or as markup: tables and CSV drop control
    characters, JSON and N-Triples escape them; CSV cells that a spreadsheet would run as formulas
    start with ``'``.
    """
    out = out or sys.stdout
    if result.boolean is not None:
        out.write(json.dumps({"boolean": result.boolean}) + "\n" if fmt == "json" else f"{str(result.boolean).lower()}\n")
        return
    if result.triples is not None:
        import pyoxigraph as ox

        out.write(escape_controls(ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")))
        return
    columns = columns or {name: name for name in result.variables}
    rows = [{columns[k]: row.get(k) for k in columns} for row in result.rows]
    if fmt == "json":
        out.write(escape_controls(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_value(name) for name in columns.values()])
        writer.writerows([csv_value(row[name]) for name in columns.values()] for row in rows)
        out.write(buffer.getvalue())
    else:
        table = Table(title=Text(strip_controls(title)) if title else None, show_lines=False, highlight=False)
        for name in columns.values():
            numeric = bool(rows) and all(isinstance(r[name], (int, float)) for r in rows if r[name] is not None)
            table.add_column(Text(strip_controls(name)), justify="right" if numeric else "left", overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row[name]) for name in columns.values()))
        Console(file=out, soft_wrap=False).print(table)


def _parse_bind(items: list[str]) -> dict[str, Any]:
    import pyoxigraph as ox

    bindings: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise InputError(f"--bind {item!r} is not NAME=VALUE; write e.g. --bind actor=China")
        try:
            ox.Variable(name)
        except ValueError:
            raise InputError(f"--bind {name!r} is not a SPARQL variable name") from None
        if value.startswith("<") and value.endswith(">"):
            try:
                bindings[name] = ox.NamedNode(value[1:-1])
            except ValueError:
                raise InputError(f"--bind {name}: {value} is not a valid IRI") from None
        else:
            bindings[name] = value
    return bindings


def _read_sparql(text: str) -> str:
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot read the query file {path}: {error.strerror}; check the path") from None
    if text == "-":
        return sys.stdin.read()
    return text


AS_STATE_HELP = ("Count an office holder's stances (leader, minister, envoy, spokesperson) for the state or "
                 "organisation the article makes them speak for; off by default, marked in the said_by column.")


def _rolled_rows(positions, keep, group) -> list[dict[str, Any]]:
    """Stance rows of ``positions`` (loaded with office holders' stances counted for their state, ``--as-state``).

    ``keep(position)`` picks the positions, ``group(position)`` gives the row's leading columns (a dict).
    """
    rows: dict[tuple, dict[str, Any]] = {}
    for p in positions:
        if not keep(p):
            continue
        head = group(p)
        row = rows.setdefault(tuple(head.values()), {**head, "statements": set(), "articles": set(), "evidence": [],
                                                     "said_by": set()})
        row["statements"].add(p.statement)
        row["articles"].add(p.article)
        row["evidence"].append(p.evidence)
        if p.said_by:
            row["said_by"].add(p.said_by)
    out = []
    for row in rows.values():
        out.append({**row, "statements": len(row["statements"]), "articles": len(row["articles"]),
                    "evidence": min(row["evidence"]), "said_by": ", ".join(sorted(row["said_by"]))})
    out.sort(key=lambda r: (-r["statements"], *(str(v) for v in r.values())))
    return out


def _rolled(as_state: bool) -> str:
    return rolled(as_state)


def _compared(positions, a: str, b: str) -> list[dict[str, Any]]:
    """The rows of the saved query ``compare`` for actors ``a`` and ``b``, from positions (``--as-state``)."""
    counts: dict[tuple[str, str, str], int] = {}
    labels = {}
    for p in positions:
        if p.actor in (a, b):
            key = (p.actor, p.topic, p.stance)
            counts[key] = counts.get(key, 0) + 1
            labels[p.topic] = p.topic_label
    rows = []
    for (actor, topic, pa), na in counts.items():
        if actor != a:
            continue
        for pb in ("oppose", "support"):
            nb = counts.get((b, topic, pb))
            if nb:
                rows.append({"topic": topic, "topicLabel": labels[topic], "polarityA": pa, "polarityB": pb,
                             "relation": "agree" if pa == pb else "disagree", "statementsA": na, "statementsB": nb})
    rows.sort(key=lambda r: (r["relation"], r["topic"], r["polarityA"], r["polarityB"]))
    return rows


def _once(say: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` for its first line only: a command that looks up two names gives a hint once."""
    said: list[str] = []

    def once(message: str) -> None:
        if not said:
            said.append(message)
            say(message)

    return once


def _actor_named(store: Any, name: str, option: str, hint: Callable[[str], None] | None = None) -> str:
    """The IRI of the one actor of ``store`` that ``name`` names (see :mod:`newskg.graph.identity`)."""
    found = store_candidates(store, name, kind="actor", option=option, hint=hint)
    if not found:
        raise InputError(f"no actor named {name!r} in the store; `newskg actors` lists the actors")
    return found


def register(app: typer.Typer) -> None:
    """Add the store commands to the ``newskg`` app."""
    from newskg.graph.cli_common import DEFAULT_STORE

    @app.command("query")
    def query_command(
        sparql: str = typer.Argument(..., help="A SPARQL query, @file.rq to read one from a file, or - for stdin."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
        bind: list[str] = typer.Option([], "--bind", "-b", help="NAME=VALUE bound to ?NAME (a string, or <IRI>)."),
        update: bool = typer.Option(False, "--update", help="Allow a SPARQL update that changes the store."),
    ) -> None:
        """Run a SPARQL query on the store (read-only unless --update)."""
        from newskg.graph.query import check

        _check_format(fmt)
        text = _read_sparql(sparql)
        if check(text) == "update":
            if not update:
                raise QueryError("this is a SPARQL update; `newskg query` only reads unless you pass --update")
            with _open(store, write=True, timeout=timeout) as opened:
                before = len(opened)
                opened.update(text, bindings=_parse_bind(bind) or None)
                note(f"update done: {len(opened) - before:+d} quads")
            return
        with _open(store, timeout=timeout) as opened:
            result = opened.query(text, bindings=_parse_bind(bind), timeout=timeout)
        render(result, fmt)

    @app.command("export")
    def export_command(
        fmt: str = typer.Option(..., "--format", "-f", help="turtle, ntriples, nquads, trig or jsonld."),
        output: Optional[str] = typer.Option(None, "--output", "-o", help="File to write (- for stdout)."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        per_article: Optional[Path] = typer.Option(
            None, "--per-article", metavar="DIR", help="Write one file per article into DIR, named from its title."
        ),
    ) -> None:
        """Write the whole store (or one file per article) as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
        from newskg.graph.export import FORMATS as EXPORT_FORMATS
        from newskg.graph.export import export_articles, export_store

        if fmt not in EXPORT_FORMATS:
            raise InputError(f"unknown --format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if (output is None) == (per_article is None):
            raise InputError("give exactly one of --output FILE or --per-article DIR")
        with _open(store) as opened:
            if per_article is not None:
                written = export_articles(opened, per_article, fmt)
                note(f"wrote {len(written)} article file(s) to {per_article} ({fmt})")
            elif output == "-":
                export_store(opened, sys.stdout.buffer, fmt)
                sys.stdout.buffer.flush()
            else:
                export_store(opened, Path(output), fmt)
                note(f"wrote {output} ({len(opened)} quads, {fmt})")

    @app.command("positions")
    def positions_command(
        actor: str = typer.Option(..., "--actor", "-a", help="Actor: its id or its name (any case)."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """What an actor supports and opposes, per canonical topic, with counts and evidence."""
        import pyoxigraph as ox

        _check_format(fmt)
        with _open(store, timeout=timeout) as opened:
            require_statements(opened, store)
            if as_state:  # the state an office holder speaks for may take no stance of its own
                positions, names = load_positions(opened, as_state_of_office=True)
                labels = {p.actor: p.actor_label for p in positions}
                iri = (choose(actor, {a: names.get(a, set()) | {label} for a, label in labels.items()},
                              what="actor", labels=labels, option="--actor")
                       or _actor_named(opened, actor, "--actor", note))
                rows = _rolled_rows(positions, lambda p: p.actor == iri,
                                    lambda p: {"actor": iri, "actorLabel": p.actor_label, "polarity": p.stance,
                                               "topic": p.topic, "topicLabel": p.topic_label})
                rows.sort(key=lambda r: (r["polarity"] != "support", -r["statements"], r["topic"]))
                result = QueryResult(variables=list(rows[0]) if rows else [], rows=rows)
                if not rows and opened.query(saved_query("positions"), bindings={"actor": ox.NamedNode(iri)},
                                             timeout=timeout).rows:
                    raise InputError(f"every stance of {actor!r} is counted for the state they speak for with "
                                     "--as-state; leave out --as-state to list them")
            else:
                iri = _actor_named(opened, actor, "--actor", note)
                result = opened.query(saved_query("positions"), bindings={"actor": ox.NamedNode(iri)},
                                      timeout=timeout)
            others = [] if result.rows else opened.query(saved_query("statements"), bindings={"actor": ox.NamedNode(iri)},
                                                         timeout=timeout).rows
        columns = {"actorLabel": "actor", "polarity": "stance", "topicLabel": "topic", "statements": "statements",
                   "articles": "articles", "evidence": "evidence", **({"said_by": "said_by"} if as_state else {}),
                   "topic": "topic_iri"}
        if fmt == "table":
            columns.pop("topic")
        if not result.rows:
            kinds = ", ".join(f"{row['statements']} {row['kind']} ({row['relations']})" for row in others)
            raise InputError(f"{actor!r} takes no stance in the store, only {kinds}; `newskg actors` counts "
                             "every actor's statements by kind" if kinds else
                             f"{actor!r} has no statement in the store; `newskg actors` lists the actors")
        render(result, fmt, columns=columns, title=f"Positions of {actor}{_rolled(as_state)}")

    @app.command("who")
    def who_command(
        supports: Optional[str] = typer.Option(None, "--supports", help="Topic: its id or its name (any case)."),
        opposes: Optional[str] = typer.Option(None, "--opposes", help="Topic: its id or its name (any case)."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """Who supports or opposes a topic (one topic, by id or name; several matches are listed to choose from)."""
        import pyoxigraph as ox

        _check_format(fmt)
        if (supports is None) == (opposes is None):
            raise InputError("give exactly one of --supports TOPIC or --opposes TOPIC")
        polarity, topic = ("support", supports) if supports is not None else ("oppose", opposes)
        option = "--supports" if polarity == "support" else "--opposes"
        verb = "supports" if polarity == "support" else "opposes"
        with _open(store, timeout=timeout) as opened:
            require_statements(opened, store)
            match = store_candidates(opened, topic, kind="topic", option=option, hint=note)
            if match and as_state:
                rows = _rolled_rows(load_positions(opened, as_state_of_office=True)[0], lambda p: p.stance == polarity and match in (p.topic, p.family),
                                    lambda p: {"actor": p.actor, "actorLabel": p.actor_label, "topic": p.topic,
                                               "topicLabel": p.topic_label})
                result = QueryResult(variables=list(rows[0]) if rows else [], rows=rows)
            else:
                result = (opened.query(saved_query("who"), bindings={"polarity": polarity,
                                                                     "match": ox.NamedNode(match)},
                                       timeout=timeout) if match else QueryResult(variables=[], rows=[]))
        columns = {"actorLabel": "actor", "topicLabel": "topic", "statements": "statements",
                   "articles": "articles", "evidence": "evidence", **({"said_by": "said_by"} if as_state else {}),
                   "actor": "actor_iri", "topic": "topic_iri"}
        if fmt == "table":
            columns.pop("actor")
            columns.pop("topic")
        if result.rows or fmt != "table":
            render(result, fmt, columns=columns, title=f"Who {verb} {topic}{_rolled(as_state)}")
        if not match:
            note(f"no topic named {topic!r} in the store; `newskg who` takes a topic's id or its whole name")
        elif not result.rows:
            note(f"nobody {verb} {topic!r} in the store")

    @app.command("actors")
    def actors_command(
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
    ) -> None:
        """Actors with their statements counted by kind: stances (supports, opposes), actions, affiliations."""
        _check_format(fmt)
        with _open(store, timeout=timeout) as opened:
            require_statements(opened, store)
            result = opened.query(saved_query("actors"), timeout=timeout)
        columns = {"label": "actor", "statements": "statements", "supports": "supports", "opposes": "opposes",
                   "actions": "actions", "affiliations": "affiliations", "articles": "articles", "actor": "actor_iri"}
        if fmt == "table":  # the total is the sum of the kinds; csv and json give it
            columns.pop("actor")
            columns.pop("statements")
        render(result, fmt, columns=columns, title="Actors")

    @app.command("compare")
    def compare_command(
        first: str = typer.Argument(..., help="First actor: its id or its name (any case)."),
        second: str = typer.Argument(..., help="Second actor."),
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help=STORE_HELP),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
        as_state: bool = typer.Option(False, "--as-state", help=AS_STATE_HELP),
    ) -> None:
        """Canonical topics where two actors agree and disagree."""
        import pyoxigraph as ox

        _check_format(fmt)
        with _open(store, timeout=timeout) as opened:
            require_statements(opened, store)
            if as_state:
                positions, names = load_positions(opened, as_state_of_office=True)
                labels = {p.actor: p.actor_label for p in positions}
                candidates = {x: names.get(x, set()) | {label} for x, label in labels.items()}
                hint = _once(note)
                a, b = (choose(name, candidates, what="actor", labels=labels, option=option)
                        or _actor_named(opened, name, option, hint) for name, option in ((first, "A"), (second, "B")))
                result = QueryResult(variables=[], rows=_compared(positions, a, b) if a != b else [])
            else:
                hint = _once(note)
                a, b = _actor_named(opened, first, "A", hint), _actor_named(opened, second, "B", hint)
                result = opened.query(saved_query("compare"),
                                      bindings={"actorA": ox.NamedNode(a), "actorB": ox.NamedNode(b)},
                                      timeout=timeout) if a != b else QueryResult(variables=[], rows=[])
        columns = {"topicLabel": "topic", "relation": "relation", "polarityA": first, "polarityB": second,
                   "statementsA": f"{first} statements", "statementsB": f"{second} statements", "topic": "topic_iri"}
        if fmt == "table":
            columns.pop("topic")
        if result.rows or fmt != "table":
            render(result, fmt, columns=columns, title=f"{first} and {second}{_rolled(as_state)}")
        if a == b:
            note(f"{first!r} and {second!r} are one actor ({local_id(a)}); give two different actors")
        elif not result.rows:
            note(f"no topic on which both {first!r} and {second!r} take a stance")

    @app.command("serve")
    def serve_command(
        store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help="Store directory."),
        port: int = typer.Option(7878, "--port", help="Port on 127.0.0.1."),
        timeout: float = typer.Option(30.0, "--timeout", help=TIMEOUT_HELP),
    ) -> None:
        """A read-only SPARQL endpoint on 127.0.0.1 (Ctrl-C to stop); exits 10 if it can no longer serve."""

        def _stop(*_: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _stop)
        endpoint = Endpoint(store, port=port, timeout=timeout).start()
        try:
            note(f"SPARQL endpoint at {endpoint.query_url} (read-only; Ctrl-C to stop)")
            endpoint.wait()  # returns on Ctrl-C/SIGTERM; raises ServeError (exit 10) on a fatal problem
        except KeyboardInterrupt:
            note("stopped")
        finally:
            endpoint.close()
