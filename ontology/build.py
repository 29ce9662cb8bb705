"""Regenerate the relation properties of ``newskg.ttl`` and ``README.md`` from ``data/predicates.tsv``.

Only the blocks between the ``BEGIN``/``END generated`` markers of the Turtle
file and of the README's property table are rewritten; the rest of both files
is kept by hand. The output is
deterministic (rows in table order), so ``--check`` can tell whether the TTL
and the TSV agree.

Run ``python -m newskg.ontology.build`` to rewrite, ``--check`` to exit 1 when
either file is out of date.

>>> from newskg.ontology.predicates import Predicate
>>> print(render_property(Predicate("condemns", "opposes", "condemns", "111", "The subject condemns it.")), end="")
nkg:condemns a owl:ObjectProperty ;
    rdfs:label "condemns"@en ;
    rdfs:comment "The subject condemns it."@en ;
    rdfs:subPropertyOf nkg:opposes ;
    skos:closeMatch cameo:111 .
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newskg.ontology.predicates import Predicate, load_predicates

__all__ = [
    "CAMEO",
    "TTL",
    "README",
    "BEGIN",
    "END",
    "render_property",
    "render_block",
    "render_table",
    "rebuild",
    "rebuild_readme",
    "main",
]

CAMEO = "http://eventdata.parusanalytics.com/cameo/"
TTL = Path(__file__).with_name("newskg.ttl")
README = Path(__file__).with_name("README.md")
BEGIN = "# --- BEGIN generated from data/predicates.tsv ---\n"
END = "# --- END generated from data/predicates.tsv ---\n"
README_BEGIN = "<!-- BEGIN generated from data/predicates.tsv by python -m newskg.ontology.build -->\n"
README_END = "<!-- END generated from data/predicates.tsv -->\n"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def render_property(record: Predicate) -> str:
    """The Turtle description of one predicate (ends with a newline)."""
    lines = [
        f"nkg:{record.name} a owl:ObjectProperty",
        f"    rdfs:label {_literal(record.label or record.name)}",
    ]
    if record.comment:
        lines.append(f"    rdfs:comment {_literal(record.comment)}")
    if record.parent:
        lines.append(f"    rdfs:subPropertyOf nkg:{record.parent}")
    if record.cameo:
        lines.append(f"    skos:closeMatch cameo:{record.cameo}")
    return " ;\n".join(lines) + " .\n"


def render_block(table) -> str:
    """The generated block, markers included."""
    body = "\n".join(render_property(record) for record in table.values())
    return BEGIN + "\n" + body + "\n" + END


def rebuild(text: str, table) -> str:
    """``text`` (the Turtle file) with its generated block replaced."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"newskg.ttl: put the lines {BEGIN.strip()!r} and {END.strip()!r} back around the generated block")
    return text[:start] + render_block(table) + text[end + len(END) :]


def render_table(table) -> str:
    """The Markdown table of the relation properties, markers included.

    >>> from newskg.ontology.predicates import Predicate
    >>> print(render_table({"urges": Predicate("urges", "supports", "urges", "02", "Urges it.")}), end="")
    <!-- BEGIN generated from data/predicates.tsv by python -m newskg.ontology.build -->
    | property | label | parent | CAMEO | comment |
    | --- | --- | --- | --- | --- |
    | `nkg:urges` | urges | `nkg:supports` | 02 | Urges it. |
    <!-- END generated from data/predicates.tsv -->
    """
    rows = ["| property | label | parent | CAMEO | comment |", "| --- | --- | --- | --- | --- |"]
    for record in table.values():
        parent = f"`nkg:{record.parent}`" if record.parent else "-"
        rows.append(
            f"| `nkg:{record.name}` | {record.label} | {parent} | {record.cameo or '-'} | {record.comment} |"
        )
    return README_BEGIN + "\n".join(rows) + "\n" + README_END


def rebuild_readme(text: str, table) -> str:
    """``text`` (the README) with its generated table replaced."""
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError("README.md: put the BEGIN/END generated comments back around the property table")
    return text[:start] + render_table(table) + text[end + len(README_END) :]


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``newskg.ttl`` (or with ``--check`` report whether it is up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if newskg.ttl differs from a fresh build")
    args = parser.parse_args(argv)
    table = load_predicates()
    stale = []
    for path, rebuilder in ((TTL, rebuild), (README, rebuild_readme)):
        current = path.read_text(encoding="utf-8")
        fresh = rebuilder(current, table)
        if fresh != current:
            stale.append(path.name)
            if not args.check:
                path.write_text(fresh, encoding="utf-8")
    if args.check and stale:
        print(f"{', '.join(stale)} out of date: run python -m newskg.ontology.build", file=sys.stderr)
        return 1
    if not args.check:
        print(f"{len(table)} relation properties; rewrote {', '.join(stale) or 'nothing'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
