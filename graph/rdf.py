"""Turn extraction records into RDF, following ``ontology/README.md``.

Every triple of an article goes into the article's named graph. Each triple is
asserted directly and described by a statement node that carries its
provenance: the article, the evidence sentence, its offsets, the extractor
version and a confidence. IRIs are made from stable keys, so the same input
always gives the same triples.

One builder decides which triples an article has, as plain tuples: subject and
predicate are IRI strings, an object is an IRI string or a ``(lexical form,
datatype IRI or None)`` literal. :func:`article_quads` turns them into
pyoxigraph quads in the article's graph; :func:`article_ntriples` writes them
as N-Triples text without making pyoxigraph objects, which is much cheaper.

IRIs need no escaping: they are fixed bases followed by slugs or hashes
(:func:`_safe_key`), hex digests, checked ontology terms and Wikidata ids that
are slugs, so none holds a space, a control character or any of ``<>"{}|^`\\``.
Literals lose their control characters (:data:`newskg.extract.clean.CONTROL`:
terminal escapes, and characters XML cannot hold) and their lone surrogates in
the builder, so both outputs hold the same text, and the N-Triples writer
escapes quotes, backslashes and line breaks.

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
>>> data = article_ntriples(article, [triple])
>>> {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)} == {q.triple for q in quads}
True
>>> data.splitlines()[0].decode().split(" ", 2)[2]
'<https://w3id.org/newskg/ontology#Article> .'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox

from newskg.extract.clean import strip_controls
from newskg.extract.records import Actor, Article, Triple
from newskg.graph.names import name_keys
from newskg.ontology.gazetteer import load_gazetteer, load_parts
from newskg.ontology.ns import BASE, NKG

__all__ = [
    "article_quads", "article_ntriples", "actor_iri", "article_iri", "graph_iri", "statement_iri", "EXTRACTOR",
]

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

PlainLiteral = tuple[str, str | None]
"""A literal: its lexical form and its datatype IRI, or ``None`` for a plain string."""
PlainTerm = str | PlainLiteral
"""An object: an IRI, or a literal."""
PlainTriple = tuple[str, str, PlainTerm]
"""A triple as subject IRI, predicate IRI and object."""

_FOLDERS = {"Document": "document", "Issue": "topic"}
_ACTOR_KINDS = frozenset({"State", "IntergovernmentalOrganization", "Organization", "Person", "Document", "Issue"})
_SLUG = re.compile(r"[A-Za-z0-9._-]{1,200}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_IRI_UNSAFE = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f]')
_NT_UNSAFE = re.compile('[\x00-\x1f\x7f"\\\\]')
_NT_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_NT_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _checked(iri: str) -> str:
    """``iri`` itself; raise ``ValueError`` if it has a character that N-Triples cannot hold in an IRI."""
    if _IRI_UNSAFE.search(iri):
        raise ValueError(f"unsafe IRI {iri!r}")
    return iri


@cache
def _nkg(term: str) -> str:
    """The IRI of an ontology term; an unknown term raises ``AttributeError`` (and is not cached)."""
    return _checked(str(getattr(NKG, term)))


_RDF_TYPE, _RDF_STATEMENT = RDF + "type", RDF + "Statement"
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = RDF + "subject", RDF + "predicate", RDF + "object"
_RDFS_LABEL = RDFS + "label"
_SKOS_ALT_LABEL, _SKOS_BROADER = SKOS + "altLabel", SKOS + "broader"
_OWL_SAME_AS = OWL + "sameAs"
_PROV_DERIVED = PROV + "wasDerivedFrom"
_XSD_DATE, _XSD_INTEGER, _XSD_BOOLEAN, _XSD_DECIMAL = (XSD + name for name in ("date", "integer", "boolean", "decimal"))
_DCT = {name: DCT + name for name in ("identifier", "source", "title", "creator", "date")}
_SCHEMA_URL = "https://schema.org/url"
_CODE_PROPERTIES = {"iso_alpha2": _nkg("iso3166Alpha2"), "iso_alpha3": _nkg("iso3166Alpha3")}
_PART_OF, _NAME_KEY = _nkg("partOf"), _nkg("nameKey")
_ORGANISATIONS = frozenset({"IntergovernmentalOrganization", "Organization"})
_STANCE_NODES = {"support": _nkg("Support"), "oppose": _nkg("Oppose"), "none": _nkg("Neutral")}
_BOOLEANS: dict[bool, PlainLiteral] = {True: ("true", _XSD_BOOLEAN), False: ("false", _XSD_BOOLEAN)}
_TERMS = {
    term: _nkg(term)
    for term in ("Statement", "stance", "polarity", "relation", "evidence", "startOffset", "endOffset", "negated",
                 "confidence", "extractor", "pattern", "subjectText", "objectText", "modality", "assertedBy", "topic",
                 "eventDate", "eventDatePrecision", "target")
}


def _safe_key(key: str) -> str:
    """Keys are slugs already; anything else (or a slug too long to read) is hashed so the IRI stays valid."""
    if _SLUG.fullmatch(key):
        return key
    return "h" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@lru_cache(maxsize=1 << 16)
def _actor_ref(kind: str, key: str) -> str:
    """The IRI of an actor; actors recur in every triple of an article and across articles, so it is cached."""
    return f"{ID}{_FOLDERS.get(kind, 'actor')}/{_safe_key(key)}"


def _actor(actor: Actor) -> str:
    """The IRI of :func:`actor_iri`."""
    return _actor_ref(actor.kind, actor.key)


def actor_iri(actor: Actor) -> ox.NamedNode:
    """``id/actor/{key}``, ``id/document/{key}`` or ``id/topic/{key}`` by the actor's kind."""
    return _n(_actor(actor))


def _article_ref(doc_id: str) -> str:
    """The IRI of :func:`article_iri`."""
    return f"{ID}article/{_safe_key(doc_id)}"


def article_iri(doc_id: str) -> ox.NamedNode:
    return _n(_article_ref(doc_id))


def graph_iri(doc_id: str) -> ox.NamedNode:
    """The article's named graph, valid for any id: :func:`newskg.graph.store.graph_iri` names the same graph for the
    ids the store accepts (the hashes of cleaned text) and refuses the rest, which this hashes."""
    return _n(f"{ID}graph/{_safe_key(doc_id)}")


def statement_iri(triple: Triple) -> ox.NamedNode:
    """A hash of everything that makes the statement what it is."""
    return _n(_statement_ref(triple, _actor(triple.subject), _actor(triple.object)))


def _statement_ref(triple: Triple, subject: str, obj: str) -> str:
    """The IRI of :func:`statement_iri` for a triple whose subject and object IRIs are known."""
    parts = (
        triple.doc_id,
        subject,
        triple.predicate,
        obj,
        triple.relation,
        triple.polarity,
        str(triple.negated),
        str(triple.start),
        str(triple.end),
    )
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return f"{ID}statement/{digest}"


def _literal(value: str, datatype: str | None = None) -> PlainLiteral:
    """A literal without control characters; lone surrogates, which cannot be stored, are replaced
    rather than failing the article.

    >>> _literal("a\\x1b]0;title\\x07b\\tc")
    ('a]0;titleb\\tc', None)
    """
    value = strip_controls(value)
    if value.isascii() or _SURROGATE.search(value) is None:
        return (value, datatype)
    return (value.encode("utf-8", "replace").decode("utf-8"), datatype)


def _typed(value: object, datatype: str) -> PlainLiteral:
    """A literal of ``datatype`` written as ``str(value)``."""
    return _literal(str(value), datatype)


_EXTRACTOR_LITERAL = _literal(EXTRACTOR)


class _Triples:
    """The triples of one article in first-seen order, each once.

    Asserted triples, actor descriptions and ``skos:broader`` links can repeat, so they are checked against a
    set. A statement's triples all have the statement node as subject, so they are new unless the node is.
    """

    def __init__(self) -> None:
        self.items: list[PlainTriple] = []
        self._seen: set[PlainTriple] = set()
        self._statements: set[str] = set()

    def add(self, subject: str, predicate: str, obj: PlainTerm) -> None:
        """Add one triple unless it is there already."""
        triple = (subject, predicate, obj)
        if triple not in self._seen:
            self._seen.add(triple)
            self.items.append(triple)

    def add_statement(self, node: str, values: list[tuple[str, PlainTerm]]) -> None:
        """Add the triples of a statement node; only a node met before needs its triples checked one by one."""
        if node in self._statements:
            self._seen.update(triple for triple in self.items if triple[0] == node)
            for predicate, value in values:
                self.add(node, predicate, value)
            return
        self._statements.add(node)
        self.items.extend([(node, predicate, value) for predicate, value in values])


def _add_names(out: _Triples, node: str, label: str, names: Iterable[str] = ()) -> None:
    """A node's label, its other names and the keys that find them (:mod:`newskg.graph.names`)."""
    literals = [_literal(label), *(_literal(name) for name in names if name != label)]
    out.add(node, _RDFS_LABEL, literals[0])
    for literal in literals[1:]:
        out.add(node, _SKOS_ALT_LABEL, literal)
    for key in name_keys(value for value, _ in literals):
        out.add(node, _NAME_KEY, (key, None))


def _add_actor(out: _Triples, actor: Actor) -> None:
    """The actor's class, label, other names (with their keys) and codes.

    A Wikidata id that is not a plain slug (``Q148``) cannot be a Wikidata entity, so it is left out rather
    than written into an IRI.
    """
    node = _actor(actor)
    kind = actor.kind if actor.kind in _ACTOR_KINDS else "Actor"
    out.add(node, _RDF_TYPE, _nkg(kind))
    if kind == "Document" and "resolution" in actor.label.lower():
        out.add(node, _RDF_TYPE, _nkg("Resolution"))
    _add_names(out, node, actor.label, actor.names)
    whole = load_parts().get(actor.key) if kind in _ORGANISATIONS else None
    if whole is not None:  # an organ is its own actor, linked to the organisation it is part of (named here)
        entry = load_gazetteer().get(whole)
        parent = _actor_ref(entry.kind, entry.key)
        out.add(node, _PART_OF, parent)
        out.add(parent, _RDF_TYPE, _nkg(entry.kind))
        _add_names(out, parent, entry.label)
    for code, value in actor.codes:
        if code == "wikidata":
            if _SLUG.fullmatch(value):
                out.add(node, _OWL_SAME_AS, WIKIDATA + value)
        elif code in _CODE_PROPERTIES:
            out.add(node, _CODE_PROPERTIES[code], _literal(value))


def _add_article(out: _Triples, article: Article, node: str, date: PlainLiteral | None) -> None:
    """The article's class, identifier, source, and title, author, date and URL where known."""
    out.add(node, _RDF_TYPE, _nkg("Article"))
    out.add(node, _DCT["identifier"], _literal(article.doc_id))
    out.add(node, _DCT["source"], _literal(article.source))
    if article.title:
        out.add(node, _DCT["title"], _literal(article.title))
    if article.author:
        out.add(node, _DCT["creator"], _literal(article.author))
    if date is not None:
        out.add(node, _DCT["date"], date)
    if article.url:
        out.add(node, _SCHEMA_URL, _literal(article.url, XSD + "anyURI"))


def _statement_values(
    triple: Triple, subject: str, predicate: str, obj: str, article: str, date: PlainLiteral | None,
) -> list[tuple[str, PlainTerm]]:
    """The predicates and objects that describe one statement node, in output order."""
    terms = _TERMS
    values = [
        (_RDF_TYPE, terms["Statement"]),
        (_RDF_TYPE, _RDF_STATEMENT),
        (_RDF_SUBJECT, subject),
        (_RDF_PREDICATE, predicate),
        (_RDF_OBJECT, obj),
        (terms["stance"], _STANCE_NODES[triple.polarity]),
        (terms["polarity"], _literal(triple.polarity)),
        (terms["relation"], _literal(triple.relation)),
        (terms["evidence"], _literal(triple.sentence)),
        (terms["startOffset"], _typed(triple.start, _XSD_INTEGER)),
        (terms["endOffset"], _typed(triple.end, _XSD_INTEGER)),
        (terms["negated"], _BOOLEANS[bool(triple.negated)]),
        (terms["confidence"], _literal(f"{triple.confidence:.2f}", _XSD_DECIMAL)),
        (terms["extractor"], _EXTRACTOR_LITERAL),
        (_PROV_DERIVED, article),
    ]
    for term, text in (("pattern", triple.pattern), ("subjectText", triple.subject_text),
                       ("objectText", triple.object_text), ("modality", triple.modality)):
        if text:
            values.append((terms[term], _literal(text)))
    if triple.speaker is not None:
        values.append((terms["assertedBy"], _actor(triple.speaker)))
    for target in triple.targets:
        values.append((terms["target"], _actor(target)))
    if date is not None:
        values.append((_DCT["date"], date))
    # Every statement names its topic: the canonical topic of an issue, else the object itself, so that
    # queries can compare and group on nkg:topic without OPTIONAL (which is slow on large stores).
    values.append((terms["topic"], _actor(triple.topics[0]) if triple.topics else obj))
    if triple.event_date:
        values.append((terms["eventDate"], _typed(triple.event_date, _XSD_DATE)))
        if triple.event_precision:
            values.append((terms["eventDatePrecision"], _literal(triple.event_precision)))
    return values


def _add_triple(out: _Triples, triple: Triple, article: str, date: PlainLiteral | None) -> None:
    """The asserted triple, its statement node and the object's chain of broader topics."""
    subject, obj = _actor(triple.subject), _actor(triple.object)
    predicate = _nkg(triple.predicate)
    # a claim someone else reports ("A said B supports C") is described, never asserted as a fact
    if not (triple.negated and triple.polarity == "none") and triple.speaker is None:
        out.add(subject, predicate, obj)
    node = _statement_ref(triple, subject, obj)
    out.add_statement(node, _statement_values(triple, subject, predicate, obj, article, date))
    # the object is narrower than its canonical topic, which is narrower than its family
    chain = [obj, *map(_actor, triple.topics)]
    for narrower, broader in zip(chain, chain[1:]):
        if narrower != broader:
            out.add(narrower, _SKOS_BROADER, broader)


def _merge(known: Actor, actor: Actor) -> Actor:
    """``known`` with the names of both and, if it has none, the codes of ``actor``."""
    names = tuple(dict.fromkeys((*known.names, *actor.names)))
    codes = known.codes or actor.codes
    if names == known.names and codes == known.codes:
        return known
    return Actor(known.key, known.label, known.kind, names, codes)


def _topic_actors(triples: list[Triple]) -> dict[str, Actor]:
    """The canonical topics by IRI; where an issue has its topic's key, the topic's label wins."""
    actors: dict[str, Actor] = {}
    for triple in triples:
        for actor in triple.topics:
            iri = _actor(actor)
            known = actors.get(iri)
            if known is None:
                actors[iri] = actor
            else:
                names = tuple(dict.fromkeys((*known.names, *actor.names)))
                actors[iri] = Actor(actor.key, known.label, actor.kind, names, actor.codes)
    return actors


def _add_mentions(actors: dict[str, Actor], triple: Triple) -> None:
    """Merge the subject, object, speaker and targets of ``triple`` into ``actors``."""
    for actor in (triple.subject, triple.object, triple.speaker, *triple.targets):
        if actor is not None:
            iri = _actor(actor)
            known = actors.get(iri)
            actors[iri] = actor if known is None else _merge(known, actor)


def _fact(triple: Triple) -> tuple:
    """What makes two statements of one article the same fact: who, what, to whom, how, and the sentence's text."""
    speaker = triple.speaker.key if triple.speaker is not None else ""
    return (_actor(triple.subject), triple.predicate, _actor(triple.object), triple.relation, triple.polarity,
            bool(triple.negated), speaker, " ".join(triple.sentence.split()))


def _distinct_facts(triples: Iterable[Triple]) -> list[Triple]:
    """The triples with each fact once: a sentence repeated in an article (an embedded post quoted again,
    a caption that repeats the text) states its facts again at other offsets, and is one statement."""
    kept: dict[tuple, str] = {}  # fact -> the statement node it was first written as
    out = []
    for triple in triples:
        key = _fact(triple)
        node = _statement_ref(triple, _actor(triple.subject), _actor(triple.object))
        if kept.setdefault(key, node) == node:  # the same node again merges into it, as before
            out.append(triple)
    return out


def _article_triples(article: Article, triples: Iterable[Triple]) -> list[PlainTriple]:
    """All triples of one article: the article, its actors and issues, its triples and statements."""
    out = _Triples()
    node = _article_ref(article.doc_id)
    date = _typed(article.date, _XSD_DATE) if article.date else None
    _add_article(out, article, node, date)
    triples = _distinct_facts(triples)
    actors = _topic_actors(triples)  # canonical topics first, then the actors in the order they are met
    for triple in triples:
        _add_mentions(actors, triple)
        _add_triple(out, triple, node, date)
    for actor in actors.values():
        _add_actor(out, actor)
    return out.items


class _Nodes(dict):
    """pyoxigraph terms by plain term, each made once."""

    def __missing__(self, term: PlainTerm) -> ox.NamedNode | ox.Literal:
        if term.__class__ is str:
            node = ox.NamedNode(term)
        else:
            value, datatype = term
            node = ox.Literal(value) if datatype is None else ox.Literal(value, datatype=self[datatype])
        self[term] = node
        return node


def _nt_literal(value: str, datatype: str | None) -> str:
    """A literal in N-Triples: quotes, backslashes and control characters escaped."""
    if _NT_UNSAFE.search(value):
        value = value.translate(_NT_ESCAPES)
    return f'"{value}"' if datatype is None else f'"{value}"^^<{datatype}>'


def _ntriples(triples: list[PlainTriple]) -> bytes:
    """``triples`` as UTF-8 N-Triples, one a line.

    IRIs are safe by construction and written as they are; literals recur, so each is escaped once.
    """
    lines: list[str] = []
    add, literals = lines.append, {}
    for s, p, o in triples:
        if o.__class__ is str:
            add(f"<{s}> <{p}> <{o}> .\n")
            continue
        text = literals.get(o)
        if text is None:
            text = literals[o] = _nt_literal(*o)
        add(f"<{s}> <{p}> {text} .\n")
    return "".join(lines).encode()


def article_quads(article: Article, triples: Iterable[Triple]) -> list[ox.Quad]:
    """All quads of one article, in its named graph: the article, its actors and issues, its triples and statements."""
    graph, nodes = graph_iri(article.doc_id), _Nodes()
    return [ox.Quad(nodes[s], nodes[p], nodes[o], graph) for s, p, o in _article_triples(article, triples)]


def article_ntriples(article: Article, triples: Iterable[Triple]) -> bytes:
    """The triples of :func:`article_quads` as UTF-8 N-Triples, one a line, without the graph name."""
    return _ntriples(_article_triples(article, triples))
