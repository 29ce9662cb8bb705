"""Event dates: when a sentence says *when* the stated thing happened, resolved against the article date.

:func:`resolve` turns a date expression into the first day of the period it
names, with its precision:

>>> resolve("on Saturday", "2017-08-07")          # the article is of Monday 7 August 2017
EventDate(date='2017-08-05', precision='day', text='on Saturday')
>>> resolve("On July 4", "2017-08-07").date
'2017-07-04'
>>> resolve("last week", "2017-08-07")
EventDate(date='2017-07-31', precision='week', text='last week')
>>> resolve("in September 2017", None)
EventDate(date='2017-09-01', precision='month', text='in September 2017')
>>> resolve("on Friday", "2017-08-07", tense="future").date
'2017-08-11'
>>> resolve("soon", "2017-08-07") is None
True

:func:`event_date` finds the expression in a parsed sentence and keeps it
only when it attaches to the clause of the triple's verb: "On July 4, China
and Russia issued a joint statement" dates the statement, "after Monday's
meeting" or "the July 4 statement" date nothing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

__all__ = ["EventDate", "event_date", "find_expressions", "resolve", "triple_verb"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREP = r"(?:(?:on|in|during|at)\s+)?"

#: Date expressions, most specific first; each match is one candidate.
_PATTERNS = [
    ("month_day", re.compile(rf"\b{_PREP}(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_PREP}(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b{_PREP}(?:early\s+|mid-?|late\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("year", re.compile(rf"\b(?:in|during)\s+(?P<year>{_YEAR})\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_PREP}(?P<last>last\s+)?(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)),
    ("relative", re.compile(r"\b(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
]
#: Pieces of text, in lower case, that every match of some patterns holds: the first three letters
#: of a name in ``_MONTH`` ("ſ" is the long s that case-blind matching takes for "s"), the end of a
#: weekday, a unit, a deictic word.
_PIECES = {
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "\u017fep", "oct", "nov", "dec"),
    "weekday": ("day",),
    "unit": ("week", "month", "year"),
    "deictic": ("day", "tomorrow"),
}
_DIGIT = re.compile(r"\d")
#: The pieces each pattern needs ("digit": a decimal digit): a text without one of them gives it no match.
_NEEDS = {
    "month_day": ("month", "digit"),
    "day_month": ("month", "digit"),
    "month": ("month",),
    "year": ("digit",),
    "weekday": ("weekday",),
    "relative": ("unit",),
    "deictic": ("deictic",),
}
#: Prepositions that place an event at a date; "after", "before", "since" or "by" do not.
_AT = {"on", "in", "during", "at"}
_BARE_DEPS = {"npadvmod", "tmod", "advmod", "obl", "nmod:tmod"}
#: How a date on a verb reaches the verb of a triple: shared by conjuncts, complements and reported speech.
_CHAIN_DEPS = {"conj", "xcomp", "ccomp"}


@dataclass(frozen=True)
class EventDate:
    """The first day of the period a date expression names (ISO ``YYYY-MM-DD``) and its precision."""

    date: str
    precision: str  # "day", "week", "month" or "year"
    text: str


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _pick(candidates: list[date], anchor: date, tense: str) -> date:
    """Past events: the latest candidate on or before the anchor; future: the earliest on or after."""
    before = [d for d in candidates if d <= anchor]
    after = [d for d in candidates if d >= anchor]
    if tense == "future" and after:
        return min(after)
    if tense == "past" and before:
        return max(before)
    return min(candidates, key=lambda d: (abs((d - anchor).days), d))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_match(kind: str, m: re.Match, anchor: date | None, tense: str) -> tuple[date, str] | None:
    groups = m.groupdict()
    if kind in ("month_day", "day_month"):
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(re.match(r"\d+", groups["day"]).group())
        if groups.get("year"):
            found = _safe_date(int(groups["year"]), month, day)
            return (found, "day") if found else None
        if anchor is None:
            return None
        options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
        return (_pick(options, anchor, tense), "day") if options else None
    if kind == "month":
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        if groups.get("year"):
            return date(int(groups["year"]), month, 1), "month"
        if anchor is None:
            return None
        options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        # a month "before" the anchor is one that has begun by then
        return _pick(options, anchor.replace(day=1), tense), "month"
    if kind == "year":
        return date(int(groups["year"]), 1, 1), "year"
    if anchor is None:
        return None
    if kind == "weekday":
        weekday = _WEEKDAYS[groups["weekday"].lower()]
        back = (anchor.weekday() - weekday) % 7
        if groups.get("last"):
            return anchor - timedelta(days=back or 7), "day"
        if tense == "future":
            return anchor + timedelta(days=(weekday - anchor.weekday()) % 7), "day"
        return anchor - timedelta(days=back), "day"
    if kind == "relative":
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[groups["which"].lower()]
        unit = groups["unit"].lower()
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            return monday + timedelta(weeks=step), "week"
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + step
            return date(index // 12, index % 12 + 1, 1), "month"
        return date(anchor.year + step, 1, 1), "year"
    if kind == "deictic":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].lower()]
        return anchor + timedelta(days=offset), "day"
    return None  # pragma: no cover - every pattern kind is handled above


def _pieces(text: str) -> set[str]:
    """The names of the :data:`_PIECES` the text holds, and "digit" when it holds one."""
    lowered = text.lower()
    found = {name for name, pieces in _PIECES.items() if any(piece in lowered for piece in pieces)}
    if _DIGIT.search(text):
        found.add("digit")
    return found


@lru_cache(maxsize=512)
def _matches(text: str) -> tuple[tuple[str, re.Match], ...]:
    """Non-overlapping matches, the earliest and longest first (cached: a sentence often carries several triples)."""
    present = _pieces(text)
    if not present:
        return ()
    found: list[tuple[str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if not all(need in present for need in _NEEDS[kind]):
            continue
        for m in pattern.finditer(text):
            if kind == "month" and m.group("month").lower().rstrip(".") == "may" and not m.group("year"):
                continue  # the modal verb "may"
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            found.append((kind, m))
            taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda item: item[1].start()))


def resolve(expression: str, article_date: str | None, *, tense: str = "past") -> EventDate | None:
    """The date a whole expression names, or None when it names none (or needs an article date it lacks)."""
    for kind, m in _matches(expression):
        resolved = _resolve_match(kind, m, _parse(article_date), tense)
        if resolved is not None:
            return EventDate(resolved[0].isoformat(), resolved[1], expression)
    return None


def find_expressions(sentence: Span, text: str | None = None) -> list[tuple[Span, str, re.Match]]:
    """Date expressions in a parsed sentence: (token span, pattern kind, match).

    ``text`` is the Doc's text, when the caller has it at hand.
    """
    doc = sentence.doc
    found = []
    words = sentence.text if text is None else text[sentence.start_char : sentence.end_char]
    for kind, m in _matches(words):
        span = doc.char_span(sentence.start_char + m.start(), sentence.start_char + m.end(), alignment_mode="expand")
        if span is not None:
            found.append((span, kind, m))
    return found


def _governor(span: Span) -> Token | None:
    """The verb a date expression modifies, when it places an event in time."""
    inner = [t for t in span if t.pos_ != "ADP"]
    if not inner:
        return None
    root = min(inner, key=lambda t: len(list(t.ancestors)))
    head = root.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        if head.lower_ not in _AT:
            return None
        head = head.head
    elif root.dep_ not in _BARE_DEPS:
        return None
    return head if head.pos_ in ("VERB", "AUX") else None


def _steps_down(top: Token, verb: Token) -> int | None:
    """How many conj/xcomp/ccomp steps lead from ``top`` down to ``verb`` (None when none do)."""
    steps, token = 0, verb
    while token.i != top.i:
        if token.dep_ not in _CHAIN_DEPS or token.head.i == token.i:
            return None
        token = token.head
        steps += 1
    return steps


def _tense(verb: Token) -> str:
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if words & {"will", "shall", "'ll"} or verb.tag_ == "VB" and "to" in words:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or words & {"did", "had", "was", "were"}:
        return "past"
    return "present"


def triple_verb(doc: Doc, sentence: tuple[int, int], object_span, relation: str) -> Token | None:
    """The verb of a triple: the nearest verb above its object phrase, else a verb of the sentence named in the relation."""
    if object_span:
        piece = doc.char_span(object_span[0], object_span[1], alignment_mode="expand")
        if piece is not None and len(piece):
            for token in piece.root.ancestors:
                if token.pos_ in ("VERB", "AUX") and not (piece.start <= token.i < piece.end):
                    return token
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    words = set(relation.lower().split())
    if span is not None:
        for token in span:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in words:
                return token
    return None


def _anchored_expressions(doc: Doc, sentence: tuple[int, int], cache: dict | None, text: str | None) -> list:
    """The sentence's date expressions that place a verb in time: (span, kind, match, verb)."""
    key = (sentence[0], sentence[1])
    if cache is not None and key in cache:
        return cache[key]
    sent = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    found = []
    for span, kind, m in find_expressions(sent, text) if sent is not None else ():
        governor = _governor(span)
        if governor is not None:
            found.append((span, kind, m, governor))
    if cache is not None:
        cache[key] = found
    return found


def event_date(doc: Doc, sentence: tuple[int, int], *, object_span=None, relation: str = "",
               article_date: str | None = None, cache: dict | None = None, text: str | None = None) -> EventDate | None:
    """The date of the triple's event, when the sentence states one on the triple's clause.

    ``sentence`` and ``object_span`` are character offsets in ``doc``. Of
    several dates the one nearest the verb wins. ``cache``, a dict kept for
    one Doc, lets the triples of a sentence share the dates found in it;
    ``text`` is the Doc's text, when the caller has it at hand.
    """
    anchored = _anchored_expressions(doc, sentence, cache, text)
    if not anchored:
        return None
    verb = triple_verb(doc, sentence, object_span, relation)
    if verb is None:
        return None
    best: tuple[int, EventDate] | None = None
    for span, kind, m, governor in anchored:
        steps = _steps_down(governor, verb)
        if steps is None:
            continue
        resolved = _resolve_match(kind, m, _parse(article_date), _tense(governor))
        if resolved is None:
            continue
        found = EventDate(resolved[0].isoformat(), resolved[1], " ".join(span.text.split()))
        if best is None or steps < best[0]:
            best = (steps, found)
    return best[1] if best else None
