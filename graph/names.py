"""The name index: every name of an actor, topic or document as an exact key, so that a name is one index lookup.

A user names a node in any case and spacing ("SANCTIONS", "united  states"), so names are compared
folded (:func:`fold`: one case, single spaces). Folding the names inside a query reads every label of
every article graph, which takes a minute on a store of a million triples. So each article graph also
holds, beside a node's ``rdfs:label`` and ``skos:altLabel``, its folded names as ``nkg:nameKey``
literals: only those that differ from the names themselves, once per node ("China" and "Beijing" give
"china" and "beijing"; "sanction" is its own key and gets none). A name is then an exact literal that
the store's indexes find at once::

    ?x nkg:nameKey|rdfs:label|skos:altLabel "china"

The keys are written with the article (:mod:`newskg.graph.rdf`), in its graph, so they come and go with
it: a half-written article is removed with its keys, and a remote store that replaces an article's graph
replaces its keys too.

Stores written before the index hold no key: :func:`indexed` tells (and name lookups then read every
label, as before), :func:`index_names` adds the keys to such a store (``newskg index``; ``newskg build``
does it first, so that old and new articles are never mixed in a store that looks indexed).

>>> fold("  United   STATES ")
'united states'
>>> name_keys(["China", "Beijing", "china", "sanction"])
['beijing']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from newskg.ontology.ns import BASE, NKG

__all__ = ["NAME_KEY", "NAMED_FOLDERS", "fold", "index_names", "indexed", "name_keys"]

#: The property of a node's folded names.
NAME_KEY = str(NKG.nameKey)
#: The folders under ``id/`` of the nodes whose names are keyed: actors, topics and documents.
NAMED_FOLDERS = ("actor", "topic", "document")
_ID = BASE + "id/"
_NAMED_PREFIXES = tuple(f"{_ID}{folder}/" for folder in NAMED_FOLDERS)
_ARTICLE_GRAPHS = f"{_ID}graph/"

#: Whether a node of the store has a name key, or the store holds the vocabulary of a newskg that writes them.
_INDEXED = "ASK { { GRAPH ?g { ?x nkg:nameKey ?key } } UNION { GRAPH ?v { nkg:nameKey a owl:DatatypeProperty } } }"
#: Every name of every node, by article graph.
_NAMES = "SELECT ?g ?x ?name WHERE { GRAPH ?g { ?x rdfs:label|skos:altLabel ?name } }"
#: Every name key, by article graph.
_KEYS = "SELECT ?g ?x ?key WHERE { GRAPH ?g { ?x nkg:nameKey ?key } }"


def fold(text: str) -> str:
    """``text`` in one case with single spaces, as names are compared."""
    return " ".join(text.casefold().split())


def name_keys(names: Iterable[str]) -> list[str]:
    """The keys to write for a node with these names (in one graph): folded, each once, none that is a name itself.

    A name that is already folded is found by its own literal, so it needs no key.
    """
    names = list(names)
    given = set(names)
    return [key for key in dict.fromkeys(fold(name) for name in names) if key and key not in given]


def indexed(store: Any) -> bool:
    """Whether the store keeps name keys: some node has one, or ``newskg build`` wrote it with a vocabulary that
    has them (its names may all be their own keys). Stores built before the index have neither."""
    return bool(store.query(_INDEXED).boolean)


def index_names(store: Any) -> int:
    """Add the name keys that the store's article graphs lack, in one write; returns how many were added.

    Only complete articles are keyed, and only nodes under ``id/actor/``, ``id/topic/`` and
    ``id/document/``. Running it again adds nothing.
    """
    articles = {f"{_ARTICLE_GRAPHS}{doc_id}" for doc_id in store.articles()}
    names: dict[tuple[str, str], list[str]] = {}
    for row in store.query(_NAMES).rows:
        graph, node, name = row.get("g"), row.get("x"), row.get("name")
        if graph in articles and isinstance(node, str) and node.startswith(_NAMED_PREFIXES) and isinstance(name, str):
            names.setdefault((graph, node), []).append(name)
    if not names:
        return 0
    present = {(row.get("g"), row.get("x"), row.get("key")) for row in store.query(_KEYS).rows}
    predicate = ox.NamedNode(NAME_KEY)
    quads = [ox.Quad(ox.NamedNode(node), predicate, ox.Literal(key), ox.NamedNode(graph))
             for (graph, node), given in names.items() for key in name_keys(given)
             if (graph, node, key) not in present]
    if quads:
        store.add_to_articles(quads)
    return len(quads)
