"""From articles to triples: parse with spaCy, then turn the Doc's findings into records.

>>> from newskg.extract.read import article_from_text  # doctest: +SKIP
>>> article = article_from_text("China and Russia urge diplomacy.", "example.txt")  # doctest: +SKIP
>>> [(t.subject.label, t.predicate, t.object.label) for t in extract(article)]  # doctest: +SKIP
[('China', 'urges', 'diplomacy'), ('Russia', 'urges', 'diplomacy')]
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import ActorTable
from .clean import headline_sentence, iter_chunks
from .constants import MATERIAL_ACTS
from .dates import EventDate, event_date
from .lexicon import load_lexicon
from .parse import load_nlp
from .records import Actor, Article, OffsetMap, Triple
from .state import DocState, TokenTable
from .targets import object_targets
from .topics import TopicContext, canonical_topics, topic_context
from .clause import topic_key

__all__ = ["extract", "extract_many", "extract_all", "Extraction", "Gap", "doc_triples", "doc_gaps", "gap_sentences",
           "asserted_predicate", "evidence_bounds"]

CHUNK_CHARS = 100_000
# At most this many characters go through the parser at once (one chunk may be longer): spaCy
# holds about 3 KB per character of a batch, so 16 long chunks would need gigabytes.
BATCH_CHARS = 100_000


def extract(article: Article, nlp: Language | None = None) -> list[Triple]:
    """The triples of one article."""
    return next(iter(extract_many([article], nlp=nlp)))[1]


def extract_many(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[Article, list[Triple]]]:
    """Parse articles in batches with ``nlp.pipe`` and yield each with its triples, in input order."""
    for found in extract_all(articles, nlp=nlp, batch_size=batch_size, n_process=n_process):
        yield found.article, found.triples


class Gap(NamedTuple):
    """A sentence that names an actor but gave no statement, with its offsets in the raw text."""

    sentence: str
    start: int
    end: int


class Extraction(NamedTuple):
    """One article's triples and the sentences that named an actor but gave none (its coverage gaps)."""

    article: Article
    triples: list[Triple]
    gaps: list[Gap]


def extract_all(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Like :func:`extract_many`, with each article's coverage gaps (see :func:`doc_gaps`)."""
    nlp = nlp or load_nlp()

    def texts():
        for article in articles:
            headline = _headline(article)
            if headline is not None:
                yield headline
            for offset, chunk in _chunks(article.text):
                yield chunk, (article, offset, article.offsets)

    if n_process > 1:
        parsed = nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    else:
        parsed = (pair for group in _batches(texts(), batch_size)
                  for pair in nlp.pipe(group, as_tuples=True, batch_size=len(group)))
    pending: Extraction | None = None
    for doc, (article, offset, offsets) in parsed:
        triples = doc_triples(doc, article, offset=offset, offsets=offsets)
        gaps = doc_gaps(doc, article, offset=offset, offsets=offsets)
        if pending is not None and pending.article is article:
            pending.triples.extend(triples)
            pending.gaps.extend(gaps)
            continue
        if pending is not None:
            yield pending
        pending = Extraction(article, triples, gaps)
    if pending is not None:
        yield pending


def gap_sentences(doc: Doc) -> list[Span]:
    """The sentences of a parsed Doc that name an actor (not a document or an issue) but gave no triple."""
    state = DocState(doc)
    kinds = state.actors
    named = sorted(int(i) for i, keys in state.data["heads"].items()
                   if any(kinds.kind(k) not in ("", "Issue", "Document") for k in keys))
    stated = {tuple(raw["sentence"]) for raw in state.triples}
    table = TokenTable(doc)
    found: dict[int, Span] = {}
    for i in named:
        sent = table.sentence(i)
        if sent.start not in found and (sent.start_char, sent.end_char) not in stated:
            found[sent.start] = sent
    return list(found.values())


def doc_gaps(doc: Doc, article: Article, *, offset: int = 0, offsets: OffsetMap | None = None) -> list[Gap]:
    """The :func:`gap_sentences` of a Doc as :class:`Gap` records, offsets in the article's raw text (``offsets``
    maps the Doc's text to it; the article's own map by default)."""
    gaps = []
    text = doc.text
    offsets = offsets or article.offsets
    for sent in gap_sentences(doc):
        first, last = evidence_bounds(text, sent.start_char, sent.end_char)
        start, end = offsets.span_to_raw(offset + first, offset + last)
        gaps.append(Gap(" ".join(text[first:last].split()), start, end))
    return gaps


def _batches(items: Iterable[tuple[str, object]], batch_size: int) -> Iterator[list[tuple[str, object]]]:
    """``(text, context)`` items in lists of at most ``batch_size`` items and, past one, ``BATCH_CHARS`` characters."""
    batch: list[tuple[str, object]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= batch_size or size + len(item[0]) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    yield from iter_chunks(text, CHUNK_CHARS)


def _headline(article: Article) -> tuple[str, tuple[Article, int, OffsetMap]] | None:
    """The article's headline as a text of its own to parse, with the map of its characters to the raw text
    (where the raw text holds it as written): a headline often states the news itself. It is parsed apart
    from the body, so that nothing in the body refers back to a name in it; the article's text stays without it."""
    sentence = headline_sentence(article.title, article.text)
    start = article.raw.find(article.title) if sentence is not None else -1
    if start < 0:
        return None
    return sentence, (article, 0, OffsetMap(((0, start, len(sentence)),)))


def doc_triples(doc: Doc, article: Article, *, offset: int = 0, offsets: OffsetMap | None = None) -> list[Triple]:
    """Turn the triples a parsed Doc holds into :class:`Triple` records with offsets in the raw text (``offsets``
    maps the Doc's text to it; the article's own map by default)."""
    state = DocState(doc)
    table = state.actors
    actors: dict[str, Actor] = {}
    reader = _DocReader(doc, article, offset, offsets or article.offsets)
    result = []
    for raw in state.triples:
        subject = _actor(raw["subject"], table, actors)
        span = raw.get("object_span")
        if raw["object_key"]:
            obj = _actor(raw["object_key"], table, actors)
        else:
            obj = reader.issue(raw["object_text"], span)
        topics = reader.topics(span, obj) if obj.kind == "Issue" else ()
        directed = load_lexicon().group(raw["predicate"]) == "action" or raw["predicate"] in MATERIAL_ACTS
        targets = tuple(_actor(k, table, actors) for k in object_targets(doc, state, span, directed=directed)
                        if k != raw["subject"]) if obj.kind == "Issue" else ()
        when = reader.event_date(tuple(raw["sentence"]), span, raw["relation"])
        sentence, raw_start, raw_end = reader.evidence(*raw["sentence"])
        result.append(
            Triple(
                doc_id=article.doc_id,
                subject=subject,
                predicate=asserted_predicate(raw["predicate"], raw["polarity"]),
                relation=raw["relation"],
                object=obj,
                object_text=raw["object_text"],
                polarity=raw["polarity"],
                sentence=sentence,
                start=raw_start,
                end=raw_end,
                negated=raw["negated"],
                modality=raw["modality"],
                speaker=_actor(raw["speaker"], table, actors) if raw["speaker"] else None,
                confidence=raw["confidence"],
                pattern=raw["pattern"],
                subject_text=raw["subject_text"],
                topics=topics,
                event_date=when.date if when else None,
                event_precision=when.precision if when else None,
                targets=targets,
            )
        )
    return result


def _key(span) -> tuple[int, ...] | None:
    return tuple(span) if span is not None else None


class _DocReader:
    """What :func:`doc_triples` reads from one Doc, each computed once for the triples that share it."""

    def __init__(self, doc: Doc, article: Article, offset: int, offsets: OffsetMap) -> None:
        self.doc = doc
        self.article = article
        self.offset = offset
        self.offsets = offsets
        self._table = TokenTable(doc)
        self._context: TopicContext | None = None
        self._expressions: dict = {}
        self._memo: dict[tuple, object] = {}

    def _once(self, key: tuple, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def issue(self, text: str, span) -> Actor:
        """The issue record of a free object phrase."""
        return self._once(("issue", text, _key(span)), lambda: _topic(text, self.doc, span))

    def topics(self, span, issue: Actor) -> tuple[Actor, ...]:
        """The canonical topic chain of an issue phrase."""
        return self._once(("topics", _key(span), issue), lambda: self._topics(span, issue))

    def _topics(self, span, issue: Actor) -> tuple[Actor, ...]:
        self._context = self._context or topic_context(self.doc, self._table)
        return canonical_topics(self.doc, span, issue=issue, context=self._context)

    def event_date(self, sentence: tuple[int, int], span, relation: str) -> EventDate | None:
        """The date of a triple's event."""
        return self._once(("date", sentence, _key(span), relation), lambda: event_date(
            self.doc, sentence, object_span=span, relation=relation, article_date=self.article.date,
            cache=self._expressions, text=self._table.text()))

    def evidence(self, start: int, end: int) -> tuple[str, int, int]:
        """The sentence at ``start:end`` in one line, and its raw offsets."""
        return self._once(("evidence", start, end), lambda: self._evidence(start, end))

    def _evidence(self, start: int, end: int) -> tuple[str, int, int]:
        text = self._table.text()
        first, last = evidence_bounds(text, start, end)
        sentence = text[first:last]
        raw_start, raw_end = self.offsets.span_to_raw(self.offset + first, self.offset + last)
        return " ".join(sentence.split()), raw_start, raw_end


_QUOTE_CHARS = "\"\u201c\u201d"


def evidence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence ``text[start:end]`` without surrounding space or a stray quote mark left from the one before.

    >>> text = 'He said "no."\\n\\n"Talks will go on," she said.'
    >>> first, last = evidence_bounds(text, 12, len(text))
    >>> text[first:last]
    '"Talks will go on," she said.'
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    piece = text[start:end]
    if piece[:1] in _QUOTE_CHARS and sum(piece.count(q) for q in _QUOTE_CHARS) % 2 == 1:
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start, end


def asserted_predicate(predicate: str, polarity: str) -> str:
    """The predicate to assert: the lexicon's, unless negation or a removal wish turned the stance.

    >>> asserted_predicate("approves", "oppose"), asserted_predicate("urges", "support")
    ('opposes', 'urges')
    """
    stance = load_lexicon().stance(predicate)
    if stance == polarity or polarity == "none":
        return predicate
    return "supports" if polarity == "support" else "opposes"


def _actor(key: str, table: ActorTable, cache: dict[str, Actor]) -> Actor:
    if key not in cache:
        record = table.get(key) or {"label": key, "kind": "Organization", "names": [], "codes": []}
        cache[key] = Actor(
            key=key,
            label=record["label"],
            kind=record["kind"],
            names=tuple(record["names"]),
            codes=tuple(tuple(code) for code in record["codes"]),
        )
    return cache[key]


def _topic(text: str, doc: Doc, span: list[int] | None) -> Actor:
    lemmas: list[str] = []
    if span:
        piece = doc.char_span(span[0], span[1], alignment_mode="expand")
        if piece is not None:
            lemmas = [t.lemma_.lower() for t in piece if not t.is_punct and not t.is_stop]
    if not lemmas:
        lemmas = [w.lower() for w in text.split()]
    label = " ".join(text.split())
    return Actor(key=topic_key(label, lemmas), label=label, kind="Issue", names=(label,))
