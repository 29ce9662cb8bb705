"""Synthetic articles as pyoxigraph quads, following ontology/README.md, for the store tests.

Built by hand (no spaCy): each article states a few positions of a few
actors on a few topics, with the name keys newskg writes (:mod:`newskg.graph.names`).
``records`` gives the same facts as plain tuples, so tests can compute
expected answers without SPARQL.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from newskg.graph.names import name_keys

ID = "https://w3id.org/newskg/id/"
NKG = "https://w3id.org/newskg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# key, label, alternative labels, class
ACTORS = [
    ("alpha", "Alphaland", ["Alpha City"], "State"),
    ("beta", "Betastan", ["Beta Town", "BS"], "State"),
    ("gamma-council", "Gamma Council", [], "IntergovernmentalOrganization"),
    ("delta", "Deltaria", ["Delta Port"], "State"),
    ("odd", 'O"Neil \\ } > League', ["Odd\nLine"], "Organization"),
]
TOPICS = [
    ("border-wall", "border wall construction"),
    ("sanction", "sanctions"),
    ("missile-program", "missile program"),
    ("trade-deal", "trade deal"),
    ("peace-talks", "peace talks"),
]
POLARITY_PREDICATE = {"support": "supports", "oppose": "opposes"}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def doc_id(index: int) -> str:
    return hashlib.sha1(f"article {index}".encode()).hexdigest()[:16]


def records(index: int, statements: int = 4) -> list[tuple[str, str, str, str]]:
    """(actor key, topic key, polarity, evidence) of article ``index``."""
    out = []
    for j in range(statements):
        actor = ACTORS[(index + j) % len(ACTORS)][0]
        topic = TOPICS[(index * 2 + j * 3) % len(TOPICS)][0]
        polarity = "oppose" if (index + 2 * j) % 3 == 0 else "support"
        evidence = f"In article {index}, {actor} said it would {polarity} {topic} (sentence {j})."
        out.append((actor, topic, polarity, evidence))
    return out


def article_quads(index: int, statements: int = 4) -> list[ox.Quad]:
    """All quads of synthetic article ``index`` in its named graph (no blank nodes)."""
    did = doc_id(index)
    g = _n(f"{ID}graph/{did}")
    article = _n(f"{ID}article/{did}")
    quads = [
        ox.Quad(article, _n(RDF + "type"), _n(NKG + "Article"), g),
        ox.Quad(article, _n(DCT + "title"), ox.Literal(f"Synthetic article {index}"), g),
        ox.Quad(article, _n(DCT + "identifier"), ox.Literal(did), g),
        ox.Quad(article, _n(DCT + "date"), ox.Literal("2017-08-07", datatype=_n(XSD + "date")), g),
    ]
    seen_actors, seen_topics = set(), set()
    for j, (actor_key, topic_key, polarity, evidence) in enumerate(records(index, statements)):
        actor = _n(f"{ID}actor/{actor_key}")
        topic = _n(f"{ID}topic/{topic_key}")
        if actor_key not in seen_actors:
            seen_actors.add(actor_key)
            _, label, alts, cls = next(a for a in ACTORS if a[0] == actor_key)
            quads.append(ox.Quad(actor, _n(RDF + "type"), _n(NKG + cls), g))
            quads.append(ox.Quad(actor, _n(RDFS + "label"), ox.Literal(label), g))
            quads.extend(ox.Quad(actor, _n(SKOS + "altLabel"), ox.Literal(alt), g) for alt in alts)
            quads.extend(ox.Quad(actor, _n(NKG + "nameKey"), ox.Literal(key), g) for key in name_keys([label, *alts]))
        if topic_key not in seen_topics:
            seen_topics.add(topic_key)
            label = next(t[1] for t in TOPICS if t[0] == topic_key)
            quads.append(ox.Quad(topic, _n(RDF + "type"), _n(NKG + "Issue"), g))
            quads.append(ox.Quad(topic, _n(RDFS + "label"), ox.Literal(label), g))
            quads.extend(ox.Quad(topic, _n(NKG + "nameKey"), ox.Literal(key), g) for key in name_keys([label]))
        predicate = _n(NKG + POLARITY_PREDICATE[polarity])
        statement = _n(f"{ID}statement/{did}-{j}")
        quads.append(ox.Quad(actor, predicate, topic, g))
        quads.extend(
            ox.Quad(statement, p, o, g)
            for p, o in [
                (_n(RDF + "type"), _n(NKG + "Statement")),
                (_n(RDF + "type"), _n(RDF + "Statement")),
                (_n(RDF + "subject"), actor),
                (_n(RDF + "predicate"), predicate),
                (_n(RDF + "object"), topic),
                (_n(NKG + "topic"), topic),
                (_n(NKG + "stance"), _n(NKG + ("Support" if polarity == "support" else "Oppose"))),
                (_n(NKG + "polarity"), ox.Literal(polarity)),
                (_n(NKG + "evidence"), ox.Literal(evidence)),
                (_n(NKG + "startOffset"), ox.Literal(100 * j)),
                (_n(NKG + "endOffset"), ox.Literal(100 * j + 60)),
                (_n(NKG + "negated"), ox.Literal(False)),
                (_n(PROV + "wasDerivedFrom"), article),
            ]
        )
    return list(dict.fromkeys(quads))


def label_of(actor_key: str) -> str:
    return next(a[1] for a in ACTORS if a[0] == actor_key)


def topic_label(topic_key: str) -> str:
    return next(t[1] for t in TOPICS if t[0] == topic_key)
