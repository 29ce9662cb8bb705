"""The predicate table ``data/predicates.tsv`` in plain Python (no RDF).

Each predicate has a parent: ``supports`` and ``opposes`` are the top stance
properties, other predicates hang below them or below ``action`` and
``affiliation``. :func:`stance_of` walks the parents to the stance a
predicate expresses.

>>> table = load_predicates()
>>> table["condemns"].parent, table["condemns"].cameo
('opposes', '111')
>>> stance_of("callsFor"), stance_of("condemns"), stance_of("imposes"), stance_of("envoyOf")
('support', 'oppose', 'none', 'none')
>>> group_of("imposes"), group_of("welcomes"), group_of("memberOf")
('action', 'stance', 'affiliation')
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping, NamedTuple

__all__ = ["Predicate", "ROOTS", "load_predicates", "parse_predicates", "stance_of", "group_of"]

# Parents that are no row of the table: the top properties of the non-stance groups.
ROOTS = ("action", "affiliation")
_STANCES = {"supports": "support", "opposes": "oppose"}


class Predicate(NamedTuple):
    """One row of ``predicates.tsv``. ``parent`` and ``cameo`` are "" when absent."""

    name: str
    parent: str
    label: str
    cameo: str
    comment: str


def parse_predicates(text: str) -> dict[str, Predicate]:
    """Parse the TSV text of a predicate table; check that every parent is known.

    >>> parse_predicates("# predicate\\tparent\\tlabel\\tcameo\\tcomment\\nbacks\\tsupports\\tbacks\\t-\\tx\\n")
    Traceback (most recent call last):
    ...
    ValueError: predicates.tsv: 'backs' has parent 'supports', which is not a predicate; add a row for it or use one of supports, opposes, action, affiliation
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].startswith("#"):
        lines[0] = lines[0].lstrip("#").strip()
    table: dict[str, Predicate] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        name = row["predicate"].strip()
        if name in table:
            raise ValueError(f"predicates.tsv: {name!r} is listed twice; keep one row per predicate")
        values = {key: (row.get(key) or "").strip() for key in ("parent", "label", "cameo", "comment")}
        values = {key: "" if value == "-" else value for key, value in values.items()}
        table[name] = Predicate(name=name, **values)
    for record in table.values():
        if record.parent and record.parent not in table and record.parent not in ROOTS:
            raise ValueError(
                f"predicates.tsv: {record.name!r} has parent {record.parent!r}, which is not a predicate; "
                f"add a row for it or use one of supports, opposes, {', '.join(ROOTS)}"
            )
    return table


@lru_cache(maxsize=1)
def load_predicates() -> Mapping[str, Predicate]:
    """The shipped predicate table, local name -> :class:`Predicate` (read-only, cached)."""
    text = resources.files("newskg.ontology").joinpath("data/predicates.tsv").read_text(encoding="utf-8")
    return MappingProxyType(parse_predicates(text))


def _top(name: str, table: Mapping[str, Predicate]) -> str:
    if name not in table and name not in ROOTS:
        raise KeyError(f"unknown predicate {name!r}; use one listed in newskg/ontology/data/predicates.tsv")
    seen = set()
    while name in table and table[name].parent:
        if name in seen:
            raise ValueError(f"predicates.tsv: the parents of {name!r} form a cycle")
        seen.add(name)
        name = table[name].parent
    return name


def stance_of(name: str, table: Mapping[str, Predicate] | None = None) -> str:
    """The stance a predicate expresses: "support", "oppose" or "none"."""
    return _STANCES.get(_top(name, table if table is not None else load_predicates()), "none")


def group_of(name: str, table: Mapping[str, Predicate] | None = None) -> str:
    """The group of a predicate: "stance", "action" or "affiliation"."""
    top = _top(name, table if table is not None else load_predicates())
    return "stance" if top in _STANCES else top
