"""The records that flow out of :mod:`newskg.extract`: articles, actors and triples.

They are plain frozen dataclasses with no RDF in them; :mod:`newskg.graph.rdf`
turns them into RDF.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["OffsetMap", "Article", "Actor", "Triple", "POLARITIES"]

POLARITIES = ("support", "oppose", "none")


@dataclass(frozen=True)
class OffsetMap:
    """Maps character offsets in cleaned text back to offsets in the original text.

    ``segments`` holds ``(clean_start, raw_start, length)`` runs, sorted by
    ``clean_start``: cleaned characters ``clean_start .. clean_start+length``
    were copied from raw characters ``raw_start .. raw_start+length``.

    >>> m = OffsetMap(((0, 10, 5), (5, 20, 3)))
    >>> m.to_raw(0), m.to_raw(4), m.to_raw(6)
    (10, 14, 21)
    >>> m.to_raw(8)  # one past the end maps one past the last raw character
    23
    """

    segments: tuple[tuple[int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(seg[0] for seg in self.segments))

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        """The map of a text that was not changed."""
        return cls(((0, 0, length),))

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``(start, end)`` of the cleaned span ``start:end``.

        The end is taken after the span's last character, so a span that ends
        where two copied runs meet does not reach into what lay between them.

        >>> OffsetMap(((0, 10, 5), (5, 20, 3))).span_to_raw(0, 5)
        (10, 15)
        """
        if end <= start:
            point = self.to_raw(start)
            return point, point
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_raw(self, clean_offset: int) -> int:
        """The raw offset of a cleaned offset (clamped to the nearest copied run)."""
        if not self.segments:
            return clean_offset
        index = max(bisect_right(self._starts, clean_offset) - 1, 0)
        clean_start, raw_start, length = self.segments[index]
        return raw_start + min(max(clean_offset - clean_start, 0), length)


@dataclass(frozen=True)
class Article:
    """One input article after reading and cleaning.

    ``doc_id`` is derived from the cleaned text alone, so that the same
    article read from another file name gets the same id.
    """

    doc_id: str
    source: str
    raw: str
    text: str
    offsets: OffsetMap
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, YYYY-MM-DD
    url: str | None = None  # where the article was published, when the file says


@dataclass(frozen=True)
class Actor:
    """A canonical entity: a state, an organisation, a person, a document or an issue.

    ``key`` is a stable slug ("china", "un-security-council", "liu-jieyi") from
    which graph IRIs are made; ``names`` are the surface forms seen for it.
    """

    key: str
    label: str
    kind: str
    names: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()  # ("iso_alpha2", "CN"), ("wikidata", "Q148"), ...


@dataclass(frozen=True)
class Triple:
    """One subject-predicate-object statement with its evidence.

    ``predicate`` is a local name of the newskg vocabulary ("opposes",
    "callsFor", "envoyOf"); ``relation`` the relation as worded ("oppose",
    "call for", "not allow"). ``polarity`` is the subject's stance toward the
    object after negation has been applied; ``negated`` says whether the
    clause was negated. ``start``/``end`` are offsets of the evidence
    sentence in the original (raw) article text.
    """

    doc_id: str
    subject: Actor
    predicate: str
    relation: str
    object: Actor
    object_text: str
    polarity: str
    sentence: str
    start: int
    end: int
    negated: bool = False
    modality: str | None = None
    speaker: Actor | None = None
    confidence: float = 1.0
    pattern: str = ""
    subject_text: str = ""
    topics: tuple[Actor, ...] = ()  # the object's canonical topic, then broader topics (narrow to broad)
    event_date: str | None = None  # ISO date the sentence gives for the event (first day of its period)
    event_precision: str | None = None  # "day", "week", "month" or "year"
    targets: tuple[Actor, ...] = ()  # the actors an issue object is aimed at ("Russia's invasion" -> Russia)
