"""What the user names on the command line, resolved to one node of the store by identity.

An analysis command compares canonical topics and actors by their IRIs, so a
name has to stand for exactly one node first. A name is one of:

- an IRI (``https://w3id.org/newskg/id/topic/sanction``),
- an id: the IRI's last part with or without its folder (``topic/sanction``, ``sanction``),
- a label or alternative label, in any case ("Sanctions").

Names are never matched as substrings: "Russia" does not find a resolution
whose label contains "Russia". When several nodes carry the name, or none
does but some contain it, :func:`choose` lists them and raises
:class:`~newskg.extract.errors.AmbiguousNameError` (exit 2) so that the user
picks one by its id.

In a store, :func:`store_candidates` finds the nodes of a name through the
name index (:mod:`newskg.graph.names`): the folded name is an exact literal,
a few milliseconds on a million triples. Names that merely contain it are
looked for only when no node has it, in one bounded scan (at most 50). A
store built before the index is read label by label, as newskg did then.

>>> names = {"https://w3id.org/newskg/id/topic/sanction": {"sanction", "sanctions"},
...          "https://w3id.org/newskg/id/topic/resolution-2371": {"Resolution 2371"},
...          "https://w3id.org/newskg/id/topic/resolution-1441": {"Resolution 1441"}}
>>> choose("SANCTIONS", names, what="topic").rsplit("/", 1)[1]
'sanction'
>>> choose("topic/resolution-1441", names, what="topic").rsplit("/", 1)[1]
'resolution-1441'
>>> choose("resolution", names, what="topic")
Traceback (most recent call last):
...
newskg.extract.errors.AmbiguousNameError: no topic is named 'resolution', 2 contain it: give one of their ids (resolution-1441, resolution-2371)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from newskg.extract.errors import AmbiguousNameError
from newskg.graph.names import NAMED_FOLDERS, fold, indexed

__all__ = ["Choice", "ID", "choose", "fold", "local_id", "store_candidates"]

ID = "https://w3id.org/newskg/id/"
_SHOWN = 8  # candidates named in the one-line message


def local_id(iri: str) -> str:
    """The id a user can type for ``iri``: its folder and key under ``id/`` (``topic/sanction``), else the IRI."""
    return iri[len(ID):] if iri.startswith(ID) else iri


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Choice:
    """One node a name may stand for, as listed to the user."""

    iri: str
    label: str

    @property
    def id(self) -> str:
        return local_id(self.iri)

    def line(self) -> str:
        return f"  {self.id}  {self.label}"


def _by_id(text: str, candidates: dict[str, set[str]]) -> list[str]:
    wanted = text.strip()
    return [iri for iri in candidates
            if wanted in (iri, local_id(iri)) or wanted.casefold() == _short(iri).casefold()]


def choose(text: str, candidates: dict[str, set[str]], *, what: str, labels: dict[str, str] | None = None,
           option: str = "") -> str:
    """The one IRI of ``candidates`` (IRI -> names) that ``text`` names, by id or by a whole name (any case).

    Raises :class:`AmbiguousNameError` when several candidates have that name,
    or none has it but some contain it (never picked silently), and returns ""
    when nothing is even close.
    """
    labels = labels or {}
    found = _by_id(text, candidates)
    if len(found) != 1 or "/" not in text:  # a bare key may also be another node's name: both are listed
        wanted = fold(text)
        named = [iri for iri, names in candidates.items() if wanted in {fold(n) for n in names}]
        found = sorted(set(found) | set(named))
    if len(found) == 1:
        return found[0]
    if found:
        _refuse(text, found, candidates, labels, what=what, option=option, exact=True)
    wanted = fold(text)
    close = sorted(iri for iri, names in candidates.items() if wanted and any(wanted in fold(n) for n in names))
    if close:
        _refuse(text, close, candidates, labels, what=what, option=option, exact=False)
    return ""


def _refuse(text: str, found: list[str], candidates: dict[str, set[str]], labels: dict[str, str], *, what: str,
            option: str, exact: bool) -> None:
    choices = [Choice(iri, labels.get(iri) or min(candidates.get(iri) or {_short(iri)})) for iri in found]
    ids = ", ".join(local_id(c.iri) if sum(_short(o.iri) == _short(c.iri) for o in choices) > 1 else _short(c.iri)
                    for c in choices[:_SHOWN])
    more = f" and {len(choices) - _SHOWN} more" if len(choices) > _SHOWN else ""
    how = f"give one of their ids with {option}" if option else "give one of their ids"
    head = (f"{len(choices)} {what}s are named {text!r}" if exact
            else f"no {what} is named {text!r}, {len(choices)} contain it")
    raise AmbiguousNameError(f"{head}: {how} ({ids}{more})", choices=choices)


#: Nodes with the name ``?key`` (folded): an exact literal, which the store's indexes find at once (see
#: :mod:`newskg.graph.names`: a name that is not its own key has an ``nkg:nameKey``).
NAMED = "SELECT DISTINCT ?x ?key WHERE { GRAPH ?g { ?x nkg:nameKey|rdfs:label|skos:altLabel ?key } }"

#: The label a node is listed with.
LABEL = "SELECT ?x (MIN(STR(?l)) AS ?label) WHERE { GRAPH ?g { ?x rdfs:label ?l } } GROUP BY ?x"

#: Nodes (at most 50) that are ``?used`` and have a name key or a name that contains ``?key`` (folded): asked only
#: when no node has the name itself, to list what the user may mean. It reads every name, but compares them as
#: they are (a name that is not folded has its key), which takes a third of a second on a million triples.
CONTAINING = """
SELECT DISTINCT ?key ?used ?x WHERE {
  GRAPH ?g { { ?x nkg:nameKey ?name } UNION { ?x rdfs:label ?name } UNION { ?x skos:altLabel ?name } }
  FILTER (CONTAINS(STR(?name), ?key))
  FILTER EXISTS { GRAPH ?h { ?s ?used ?x } }
} LIMIT 50
"""

#: Nodes named ``?key`` (lower case) that are the canonical topic of a statement or a topic's family, in a store
#: without name keys: every label is read and lower-cased.
TOPIC_CANDIDATES = """
SELECT ?key ?x (MIN(STR(?l)) AS ?label) WHERE {
  { SELECT DISTINCT ?x ?key WHERE { GRAPH ?g { ?x rdfs:label|skos:altLabel ?name } BIND (LCASE(STR(?name)) AS ?key) } }
  FILTER (EXISTS { GRAPH ?h { ?s nkg:topic ?x } } || EXISTS { GRAPH ?h2 { ?t skos:broader ?x . ?s2 nkg:topic ?t } })
  OPTIONAL { GRAPH ?gl { ?x rdfs:label ?l } }
} GROUP BY ?key ?x
"""

#: Nodes named ``?key`` (lower case) that are the subject of a statement, in a store without name keys.
ACTOR_CANDIDATES = """
SELECT ?key ?x (MIN(STR(?l)) AS ?label) WHERE {
  { SELECT DISTINCT ?x ?key WHERE { GRAPH ?g { ?x rdfs:label|skos:altLabel ?name } BIND (LCASE(STR(?name)) AS ?key) } }
  FILTER EXISTS { GRAPH ?h { ?s rdf:subject ?x } }
  OPTIONAL { GRAPH ?gl { ?x rdfs:label ?l } }
} GROUP BY ?key ?x
"""

_USED = {
    "topic": "ASK { { GRAPH ?h { ?s nkg:topic ?x } } UNION { GRAPH ?h2 { ?t skos:broader ?x . ?s2 nkg:topic ?t } } }",
    "actor": "ASK { GRAPH ?h { ?s rdf:subject ?x } }",
}
#: What a node is used as for ``CONTAINING``: the topic of a statement, or its subject.
_USED_AS = {"topic": ox.NamedNode("https://w3id.org/newskg/ontology#topic"),
            "actor": ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")}

#: Names that contain ``?key`` (lower case), in a store without name keys (only asked when no node has the name
#: itself, to list what the user may mean).
CLOSE_CANDIDATES = """
SELECT ?key ?used ?x (MIN(STR(?l)) AS ?label) WHERE {
  { SELECT DISTINCT ?x ?key WHERE { GRAPH ?g { ?x rdfs:label|skos:altLabel ?name }
                                    FILTER (CONTAINS(LCASE(STR(?name)), ?key)) } }
  FILTER EXISTS { GRAPH ?h { ?s ?used ?x } }
  OPTIONAL { GRAPH ?gl { ?x rdfs:label ?l } }
} GROUP BY ?key ?used ?x LIMIT 50
"""

_FOLDERS = NAMED_FOLDERS
#: Said (through ``hint``) when a store without name keys is searched by name.
UNINDEXED = ("the store at {location} has no name index (it was built before newskg kept one), so every name "
             "in it is read to find {text!r}; `newskg index --store {location}` adds the index once")


def _used(store: Any, kind: str, iri: str) -> bool:
    return bool(store.query(_USED[kind], bindings={"x": ox.NamedNode(iri)}).boolean)


def _label(store: Any, iri: str) -> str:
    rows = store.query(LABEL, bindings={"x": ox.NamedNode(iri)}).rows
    return (rows[0].get("label") if rows else None) or _short(iri)


def _ids(text: str) -> list[str]:
    """The IRIs that ``text`` may name as an IRI, a folder and key, or a bare key (in any folder)."""
    wanted = text.strip()
    ids = [wanted] if wanted.startswith(("http://", "https://")) else (
        [ID + wanted] if "/" in wanted else [f"{ID}{folder}/{wanted}" for folder in _FOLDERS])
    found = []
    for iri in ids:
        try:
            ox.NamedNode(iri)
        except ValueError:
            continue
        found.append(iri)
    return found


def store_candidates(store: Any, text: str, *, kind: str, option: str = "",
                     hint: Callable[[str], None] | None = None) -> str:
    """The IRI that ``text`` names among a store's topics (``kind="topic"``) or actors (``kind="actor"``).

    Same rules as :func:`choose`; returns "" when nothing has or contains the name. A name is looked up
    in the store's name index (:mod:`newskg.graph.names`); a store without one is read label by label,
    which is slow on a large store: ``hint`` is then told so, in one line.
    """
    wanted = text.strip()
    by_id = [iri for iri in _ids(text) if _used(store, kind, iri)]
    if len(by_id) == 1 and "/" in wanted:  # an IRI or folder/key names its node; a bare key may be a name too
        return by_id[0]
    if not indexed(store):
        if hint is not None:
            hint(UNINDEXED.format(location=getattr(store, "location", None) or "STORE", text=wanted))
        return _scanned_candidates(store, text, by_id, kind=kind, option=option)
    key = fold(text)
    named = [row["x"] for row in store.query(NAMED, bindings={"key": key}).rows] if key else []
    labels = {iri: _label(store, iri) for iri in dict.fromkeys(named) if iri not in by_id and _used(store, kind, iri)}
    for iri in by_id:
        labels[iri] = _label(store, iri) if iri in named else _short(iri)
    candidates = {iri: {key} for iri in labels}
    if not candidates and key:
        rows = store.query(CONTAINING, bindings={"key": key, "used": _USED_AS[kind]}).rows
        close = sorted({row["x"] for row in rows})
        if close:
            labels = {iri: _label(store, iri) for iri in close}
            _refuse(text, close, {iri: {key} for iri in close}, labels, what=kind, option=option, exact=False)
    return choose(text, candidates, what=kind, labels=labels, option=option)


def _scanned_candidates(store: Any, text: str, by_id: list[str], *, kind: str, option: str) -> str:
    """:func:`store_candidates` in a store without name keys: every label is read and lower-cased."""
    query = TOPIC_CANDIDATES if kind == "topic" else ACTOR_CANDIDATES
    rows = store.query(query, bindings={"key": text.strip().lower()}).rows
    labels = {row["x"]: row.get("label") or _short(row["x"]) for row in rows}
    candidates = {iri: {fold(text)} for iri in labels}
    for iri in by_id:
        labels.setdefault(iri, _short(iri))
        candidates.setdefault(iri, set())
    if not candidates:
        rows = store.query(CLOSE_CANDIDATES, bindings={"key": text.strip().lower(), "used": _USED_AS[kind]}).rows
        labels = {row["x"]: row.get("label") or _short(row["x"]) for row in rows}
        candidates = {iri: {fold(text)} for iri in labels}
        if candidates:
            _refuse(text, sorted(candidates), candidates, labels, what=kind, option=option, exact=False)
    return choose(text, candidates, what=kind, labels=labels, option=option)
