"""Turn extraction records into RDF quads, following ``ontology/README.md``.

Every quad of an article goes into the article's named graph. Each triple is
asserted directly and described by a statement node that carries its
provenance: the article, the evidence sentence, its offsets, the extractor
version and a confidence. IRIs are made from stable keys, so the same input
always gives the same quads.

>>> from newskg.extract.records import Actor, Article, OffsetMap, Triple
>>> text = "China opposes the plan."
>>> article = Article("d1", "a.txt", text, text, OffsetMap.identity(len(text)), title="T", date="2017-08-07")
>>> china = Actor("china", "China", "State", ("China",), (("iso_alpha2", "CN"),))
>>> plan = Actor("plan", "the plan", "Issue", ("the plan",))
>>> triple = Triple("d1", china, "opposes", "oppose", plan, "the plan", "oppose", text, 0, len(text))
>>> quads = article_quads(article, [triple])
>>> any(q.predicate.value.endswith("#opposes") and q.object.value.endswith("/topic/plan") for q in quads)
True
>>> len({q.graph_name for q in quads})
1
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox

from newskg.extract.records import Actor, Article, Triple
from newskg.ontology.ns import BASE, NKG

__all__ = ["article_quads", "actor_iri", "article_iri", "graph_iri", "statement_iri", "EXTRACTOR"]

try:
    EXTRACTOR = f"newskg {version('newskg')}"
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    EXTRACTOR = "newskg 0.1.0"

ID = BASE + "id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
WIKIDATA = "http://www.wikidata.org/entity/"

_FOLDERS = {"Document": "document", "Issue": "topic"}
_CODE_PROPERTIES = {"iso_alpha2": str(NKG.iso3166Alpha2), "iso_alpha3": str(NKG.iso3166Alpha3)}
_STANCE_NODES = {"support": NKG.Support, "oppose": NKG.Oppose, "none": NKG.Neutral}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _safe_key(key: str) -> str:
    """Keys are slugs already; anything else (or a slug too long to read) is hashed so the IRI stays valid."""
    if key and len(key) <= 200 and all(c.isalnum() or c in "-_." for c in key) and key.isascii():
        return key
    return "h" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def actor_iri(actor: Actor) -> ox.NamedNode:
    """``id/actor/{key}``, ``id/document/{key}`` or ``id/topic/{key}`` by the actor's kind."""
    return _n(f"{ID}{_FOLDERS.get(actor.kind, 'actor')}/{_safe_key(actor.key)}")


def article_iri(doc_id: str) -> ox.NamedNode:
    return _n(f"{ID}article/{_safe_key(doc_id)}")


def graph_iri(doc_id: str) -> ox.NamedNode:
    return _n(f"{ID}graph/{_safe_key(doc_id)}")


def statement_iri(triple: Triple) -> ox.NamedNode:
    """A hash of everything that makes the statement what it is."""
    parts = (
        triple.doc_id,
        actor_iri(triple.subject).value,
        triple.predicate,
        actor_iri(triple.object).value,
        triple.relation,
        triple.polarity,
        str(triple.negated),
        str(triple.start),
        str(triple.end),
    )
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return _n(f"{ID}statement/{digest}")


def _literal(value: str) -> ox.Literal:
    # Lone surrogates cannot be stored; replace them rather than fail the article.
    return ox.Literal(value.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(value) else value)


def _has_surrogate(value: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in value)


def _typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + datatype))


def _actor_quads(actor: Actor, graph: ox.NamedNode) -> Iterable[ox.Quad]:
    node = actor_iri(actor)
    kind = actor.kind if actor.kind in ("State", "IntergovernmentalOrganization", "Organization", "Person", "Document", "Issue") else "Actor"
    yield ox.Quad(node, _n(RDF + "type"), _n(getattr(NKG, kind)), graph)
    if kind == "Document" and "resolution" in actor.label.lower():
        yield ox.Quad(node, _n(RDF + "type"), _n(NKG.Resolution), graph)
    yield ox.Quad(node, _n(RDFS + "label"), _literal(actor.label), graph)
    for name in actor.names:
        if name != actor.label:
            yield ox.Quad(node, _n(SKOS + "altLabel"), _literal(name), graph)
    for code, value in actor.codes:
        if code == "wikidata":
            yield ox.Quad(node, _n(OWL + "sameAs"), _n(WIKIDATA + value), graph)
        elif code in _CODE_PROPERTIES:
            yield ox.Quad(node, _n(_CODE_PROPERTIES[code]), _literal(value), graph)


def _article_quads(article: Article, graph: ox.NamedNode) -> Iterable[ox.Quad]:
    node = article_iri(article.doc_id)
    yield ox.Quad(node, _n(RDF + "type"), _n(NKG.Article), graph)
    yield ox.Quad(node, _n(DCT + "identifier"), _literal(article.doc_id), graph)
    yield ox.Quad(node, _n(DCT + "source"), _literal(article.source), graph)
    if article.title:
        yield ox.Quad(node, _n(DCT + "title"), _literal(article.title), graph)
    if article.author:
        yield ox.Quad(node, _n(DCT + "creator"), _literal(article.author), graph)
    if article.date:
        yield ox.Quad(node, _n(DCT + "date"), _typed(article.date, "date"), graph)


def _statement_quads(triple: Triple, article: Article, graph: ox.NamedNode) -> Iterable[ox.Quad]:
    subject, obj = actor_iri(triple.subject), actor_iri(triple.object)
    predicate = _n(getattr(NKG, triple.predicate))
    node = statement_iri(triple)
    asserted = not (triple.negated and triple.polarity == "none")
    if asserted:
        yield ox.Quad(subject, predicate, obj, graph)
    values: list[tuple[str, ox.Literal | ox.NamedNode]] = [
        (RDF + "type", _n(NKG.Statement)),
        (RDF + "type", _n(RDF + "Statement")),
        (RDF + "subject", subject),
        (RDF + "predicate", predicate),
        (RDF + "object", obj),
        (str(NKG.stance), _n(_STANCE_NODES[triple.polarity])),
        (str(NKG.polarity), _literal(triple.polarity)),
        (str(NKG.relation), _literal(triple.relation)),
        (str(NKG.evidence), _literal(triple.sentence)),
        (str(NKG.startOffset), _typed(triple.start, "integer")),
        (str(NKG.endOffset), _typed(triple.end, "integer")),
        (str(NKG.negated), _typed("true" if triple.negated else "false", "boolean")),
        (str(NKG.confidence), _typed(f"{triple.confidence:.2f}", "decimal")),
        (str(NKG.extractor), _literal(EXTRACTOR)),
        (PROV + "wasDerivedFrom", article_iri(article.doc_id)),
    ]
    if triple.pattern:
        values.append((str(NKG.pattern), _literal(triple.pattern)))
    if triple.subject_text:
        values.append((str(NKG.subjectText), _literal(triple.subject_text)))
    if triple.object_text:
        values.append((str(NKG.objectText), _literal(triple.object_text)))
    if triple.modality:
        values.append((str(NKG.modality), _literal(triple.modality)))
    if triple.speaker is not None:
        values.append((str(NKG.assertedBy), actor_iri(triple.speaker)))
    if article.date:
        values.append((DCT + "date", _typed(article.date, "date")))
    # Every statement names its topic: the canonical topic of an issue, else the object itself, so that
    # queries can compare and group on nkg:topic without OPTIONAL (which is slow on large stores).
    values.append((str(NKG.topic), actor_iri(triple.topics[0]) if triple.topics else obj))
    if triple.event_date:
        values.append((str(NKG.eventDate), _typed(triple.event_date, "date")))
        if triple.event_precision:
            values.append((str(NKG.eventDatePrecision), _literal(triple.event_precision)))
    for prop, value in values:
        yield ox.Quad(node, _n(prop), value, graph)
    # the object is narrower than its canonical topic, which is narrower than its family
    chain = [obj, *(actor_iri(topic) for topic in triple.topics)]
    for narrower, broader in zip(chain, chain[1:]):
        if narrower != broader:
            yield ox.Quad(narrower, _n(SKOS + "broader"), broader, graph)


def article_quads(article: Article, triples: Iterable[Triple]) -> list[ox.Quad]:
    """All quads of one article: the article, its actors and issues, its triples and statements."""
    graph = graph_iri(article.doc_id)
    quads: dict[ox.Quad, None] = dict.fromkeys(_article_quads(article, graph))
    actors: dict[str, Actor] = {}
    triples = list(triples)
    # canonical topics first: where an issue has its topic's key, the topic's label wins
    for triple in triples:
        for actor in triple.topics:
            iri = actor_iri(actor).value
            known = actors.get(iri)
            names = tuple(dict.fromkeys((*known.names, *actor.names))) if known else actor.names
            actors[iri] = Actor(actor.key, (known or actor).label, actor.kind, names, actor.codes)
    for triple in triples:
        for actor in (triple.subject, triple.object, triple.speaker):
            if actor is not None:
                iri = actor_iri(actor).value
                known = actors.get(iri)
                if known is None:
                    actors[iri] = actor
                else:
                    names = tuple(dict.fromkeys((*known.names, *actor.names)))
                    actors[iri] = Actor(known.key, known.label, known.kind, names, known.codes or actor.codes)
        quads.update(dict.fromkeys(_statement_quads(triple, article, graph)))
    for actor in actors.values():
        quads.update(dict.fromkeys(_actor_quads(actor, graph)))
    return list(quads)
