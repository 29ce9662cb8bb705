"""Turn decoded article text (plain or markdown) into clean body text with offsets.

Cleaning copies characters of the raw text and records where each copied run
came from, so that evidence found in the cleaned text can be shown in the
original file: for every copied run ``raw[m.to_raw(a):m.to_raw(b)] == text[a:b]``.
Separators it adds (a space joining wrapped lines, ``"\\n\\n"`` between
paragraphs) are not copies. An end offset that falls where two copied runs
meet maps to the start of the next run (``OffsetMap.to_raw`` looks forward);
:func:`raw_span` maps an end offset through the character before it instead.

>>> c = clean_markdown("# A Title\\n\\nBy Jane Roe\\n\\n*Talks* resumed on [Monday](http://x).\\n")
>>> c.title, c.author, c.text
('A Title', 'Jane Roe', 'Talks resumed on Monday.')
>>> raw = "# A Title\\n\\nBy Jane Roe\\n\\n*Talks* resumed on [Monday](http://x).\\n"
>>> start, end = raw_span(c.offsets, 0, 5)
>>> raw[start:end]
'Talks'

Every line is then tidied: control characters are dropped, and so is what
would make spaCy's tokenizer quadratic (it splits a prefix or suffix off a
"word" and searches the rest again): a run of punctuation or symbols keeps its
first :data:`RUN_CHARS` characters, and a word (no whitespace) ends after its
:data:`WORD_MARKS`-th punctuation mark. What is dropped is simply not copied,
so offsets into the raw text stay exact.

>>> clean_text("Talks\\x1b[2J resumed " + "$" * 20_000 + "China agreed.").text
'Talks[2J resumed $$$$$$$$$$China agreed.'

Boilerplate rules are data: ``extract/data/boilerplate.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from newskg.extract.constants import FUNCTION_WORDS, HEADLINE_QUESTIONS
from newskg.extract.lexicon import load_lexicon
from newskg.extract.meta import parse_byline, parse_date, parse_dateline
from newskg.extract.records import OffsetMap

__all__ = [
    "Cleaned", "Line", "Rules", "load_rules", "clean_markdown", "clean_text", "clean_lines", "iter_chunks",
    "looks_like_markdown", "raw_span", "markdown_blocks", "text_blocks", "header_fields", "CONTROL", "strip_controls",
    "RUN_CHARS", "WORD_MARKS",
]

#: Characters newskg never keeps or prints: C0 and C1 controls but tab and line feed, DEL, U+FFFE and U+FFFF
#: (terminal escapes start with them, and XML cannot hold them).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
#: A run of punctuation or symbols keeps this many characters.
RUN_CHARS = 10
#: A word (characters without whitespace) ends after this many punctuation or symbol characters.
WORD_MARKS = 50


def strip_controls(text: str) -> str:
    """``text`` without :data:`CONTROL` characters.

    >>> strip_controls("Talks\\x1b]0;owned\\x07 resumed\\ttoday")
    'Talks]0;owned resumed\\ttoday'
    """
    return CONTROL.sub("", text) if CONTROL.search(text) else text


def raw_span(offsets: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """The raw ``(start, end)`` of the cleaned span ``start:end``.

    >>> m = OffsetMap(((0, 10, 5), (5, 20, 3)))
    >>> raw_span(m, 0, 5), m.to_raw(5)
    ((10, 15), 20)
    """
    return offsets.span_to_raw(start, end)

# ---------------------------------------------------------------- data model


@dataclass
class Line:
    """One line of plain text and where its characters came from.

    ``segs`` holds ``(offset in text, raw start, length)`` copied runs.
    ``kind`` is "text", "heading" or "item"; ``link_only`` marks a line made
    of links alone (navigation).
    """

    text: str
    segs: list[tuple[int, int, int]] = field(default_factory=list)
    kind: str = "text"
    level: int = 0
    link_only: bool = False


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning: body text, its offsets and the header metadata."""

    text: str
    offsets: OffsetMap
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


class _Buf:
    """Builds one line from copied raw runs, squeezing the spaces left where markup was."""

    __slots__ = ("parts", "segs", "n")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segs: list[list[int]] = []
        self.n = 0

    def _ends_blank(self) -> bool:
        return self.n == 0 or self.parts[-1][-1] in " \t"

    def copy(self, raw: str, start: int, end: int) -> None:
        if self._ends_blank():
            while start < end and raw[start] in " \t":
                start += 1
        if start >= end:
            return
        self.parts.append(raw[start:end])
        last = self.segs[-1] if self.segs else None
        if last and last[0] + last[2] == self.n and last[1] + last[2] == start:
            last[2] += end - start
        else:
            self.segs.append([self.n, start, end - start])
        self.n += end - start

    def line(self, **kind) -> Line:
        text = "".join(self.parts)
        stripped = text.rstrip()
        segs = []
        for start, raw_start, length in self.segs:
            length = min(length, len(stripped) - start)
            if length > 0:
                segs.append((start, raw_start, length))
        return Line(stripped, segs, **kind)


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules: ``drop`` a line, a whole ``para``, the ``tail``, or a line with the ``list``
    right after it."""

    drop: tuple[re.Pattern, ...]
    para: tuple[re.Pattern, ...]
    tail: tuple[re.Pattern, ...]
    lists: tuple[re.Pattern, ...] = ()

    @staticmethod
    def parse(lines: Iterable[str], source: str = "<rules>") -> "Rules":
        """Compile rules written as ``KIND REGEX`` lines; ``#`` starts a comment line.

        >>> r = Rules.parse(["# c", "drop ^Share this", "tail ^About the author"])
        >>> len(r.drop), len(r.para), len(r.tail)
        (1, 0, 1)
        """
        found: dict[str, list[re.Pattern]] = {"drop": [], "para": [], "tail": [], "list": []}
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, _, pattern = line.partition(" ")
            if kind not in found or not pattern.strip():
                raise ValueError(f"{source}:{number}: expected 'drop|para|tail|list REGEX', got {line!r}")
            try:
                found[kind].append(re.compile(pattern.strip(), re.IGNORECASE))
            except re.error as err:
                raise ValueError(f"{source}:{number}: bad regex {pattern!r}: {err}") from None
        return Rules(tuple(found["drop"]), tuple(found["para"]), tuple(found["tail"]), tuple(found["list"]))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The boilerplate rules shipped in ``newskg/extract/data/boilerplate.txt``."""
    text = resources.files("newskg.extract").joinpath("data/boilerplate.txt").read_text("utf-8")
    return Rules.parse(text.splitlines(), "boilerplate.txt")


def _hits(patterns: tuple[re.Pattern, ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


# ---------------------------------------------------------------- markdown lines

_INLINE = re.compile(
    r"(?=[!\[<\\`*_~])"  # cheap first-character test before the alternatives
    r"(?:(?P<img>!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\))"
    r"|(?P<link>\[(?P<ltext>[^\[\]\n]*)\](?:\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)"
    r"|\[[^\[\]\n]*\]))"
    r"|(?P<auto><(?:https?://|mailto:|www\.)[^<>\s]*>)"
    r"|(?P<tag></?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<esc>\\[\\`*_{}\[\]()#+\-.!$<>|~\"'])"
    r"|(?P<code>`+)"
    r"|(?P<emph>\*+|_+|~~))"
)
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+\S")
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_ALNUM = re.compile(r"\w")
_MD_SNIFF = re.compile(  # (?<![^\r\n]) starts a line, whatever its line ending
    r"(?<![^\r\n])[ \t]{0,3}#{1,6}[ \t]+\S|\]\([^()\s]*\)|\*\*\S|(?<![^\r\n])[ \t]{0,3}>[ \t]"
    r"|(?<![^\r\n])[ \t]{0,3}```"
)


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` has markdown headings, links, strong emphasis, quotes or fences.

    >>> looks_like_markdown("# Title\\n\\nText"), looks_like_markdown("Plain words.")
    (True, False)
    """
    return _MD_SNIFF.search(text) is not None


def _inline(raw: str, start: int, end: int, buf: _Buf, outside: list[tuple[int, int]]) -> int:
    """Copy ``raw[start:end]`` into ``buf`` without inline markdown.

    Returns the number of characters inside link texts; ``outside`` collects
    the spans copied from outside links.
    """
    in_links = 0
    pos = start
    for m in _INLINE.finditer(raw, start, end):
        a, b = m.span()
        if pos < a:
            outside.append((pos, a))
            buf.copy(raw, pos, a)
        kind = m.lastgroup
        if kind == "link" or kind == "ltext":
            ta, tb = m.span("ltext")
            in_links += (tb - ta) + _inline(raw, ta, tb, buf, [])
        elif kind == "esc":
            buf.copy(raw, a + 1, b)
            outside.append((a + 1, b))
        elif kind == "emph":
            before = raw[a - 1] if a > start else " "
            after = raw[b] if b < end else " "
            if (before.isspace() and after.isspace()) or (before.isalnum() and after.isalnum()):
                buf.copy(raw, a, b)  # a literal star or an intraword underscore
        pos = b
    if pos < end:
        outside.append((pos, end))
        buf.copy(raw, pos, end)
    return in_links


def _markdown_line(raw: str, start: int, end: int) -> Line | None:
    """The plain line of ``raw[start:end]`` or None for a line that holds nothing."""
    kind, level = "text", 0
    m = _QUOTE.match(raw, start, end)
    if m:
        start = m.end()
    m = _HEADING.match(raw, start, end)
    if m:
        kind, level = "heading", len(m.group(1))
        start = m.end()
        closing = _CLOSING_HASHES.search(raw, start, end)
        if closing:
            end = closing.start()
    elif _ITEM.match(raw, start, end):
        kind = "item"
    buf = _Buf()
    outside: list[tuple[int, int]] = []
    in_links = _inline(raw, start, end, buf, outside)
    link_only = in_links > 0 and not any(_ALNUM.search(raw, a, b) for a, b in outside)
    line = buf.line(kind=kind, level=level, link_only=link_only)
    return line if line.text else None


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _raw_lines(raw: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``raw`` without its line break (LF, CR LF or CR alone).

    >>> list(_raw_lines("a\\rb\\r\\nc\\n"))
    [(0, 1), (2, 3), (5, 6), (7, 7)]
    """
    pos = 0
    for m in _LINE_BREAK.finditer(raw):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(raw)


def markdown_blocks(raw: str) -> list[list[Line]]:
    """Paragraphs (lists of lines) of a markdown text, markup removed.

    >>> [[l.text for l in b] for b in markdown_blocks("Title\\n=====\\n\\n- a **b**\\n- c")]
    [['Title'], ['- a b', '- c']]
    """
    blocks: list[list[Line]] = []
    block: list[Line] = []
    fenced = False
    for start, end in _raw_lines(raw):
        if _FENCE.match(raw, start, end):
            fenced = not fenced
            continue
        if fenced:
            buf = _Buf()
            buf.copy(raw, start, end)
            line = buf.line()
            if line.text:
                block.append(line)
            continue
        if not raw[start:end].strip():
            if block:
                blocks.append(block)
                block = []
            continue
        if block and _SETEXT.match(raw, start, end) and block[-1].kind == "text" and len(block) == 1:
            block[-1].kind, block[-1].level = "heading", 1 if "=" in raw[start:end] else 2
            blocks.append(block)
            block = []
            continue
        if _RULE.match(raw, start, end):
            if block:
                blocks.append(block)
                block = []
            continue
        line = _markdown_line(raw, start, end)
        if line is None:
            continue
        if line.kind == "heading" and block:
            blocks.append(block)
            block = []
        block.append(line)
        if line.kind == "heading":
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def text_blocks(raw: str) -> list[list[Line]]:
    """Paragraphs of a plain text: lines copied as they are, blank lines between paragraphs."""
    blocks: list[list[Line]] = []
    block: list[Line] = []
    for start, end in _raw_lines(raw):
        buf = _Buf()
        buf.copy(raw, start, end)
        line = buf.line(kind="item" if _ITEM.match(raw, start, end) else "text")
        if line.text:
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


# ---------------------------------------------------------------- tidying

_MARK = r"(?:(?!\s)[\W_])"  # a punctuation or symbol character
_LONG_RUN = re.compile(r"%s{%d}(%s++)" % (_MARK, RUN_CHARS, _MARK))
_CROWDED_WORD = re.compile(r"(?<!\S)(?:[^\W_]*+%s){%d}(\S+)" % (_MARK, WORD_MARKS))
# An editor's insertion inside a name, "(Russian) President (Vladimir) Putin": the brackets around one to three
# capitalised words next to another capitalised word are dropped so that the name parses as one; an abbreviation
# ("(UN)", all capitals) keeps them.
_NAME_INSERTION = re.compile(r"(?<![^\s\"\u201c\u2018'])(\()[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(\))(?= [A-Z][a-z])")


def _without(line: Line, spans: list[tuple[int, int]]) -> Line:
    """``line`` without the characters of ``spans`` (sorted ``(start, end)`` pairs); copied runs follow them."""
    keep, pos = [], 0
    for start, end in spans:
        if pos < start:
            keep.append((pos, start))
        pos = max(pos, end)
    if pos < len(line.text):
        keep.append((pos, len(line.text)))
    old, index, size = line.segs, 0, 0
    segs: list[tuple[int, int, int]] = []
    for a, b in keep:
        while index < len(old) and old[index][0] + old[index][2] <= a:
            index += 1
        j = index
        while j < len(old) and old[j][0] < b:
            start, raw_start, length = old[j]
            lo, hi = max(a, start), min(b, start + length)
            if lo < hi:
                at, raw_at = size + lo - a, raw_start + lo - start
                if segs and segs[-1][0] + segs[-1][2] == at and segs[-1][1] + segs[-1][2] == raw_at:
                    segs[-1] = (segs[-1][0], segs[-1][1], segs[-1][2] + hi - lo)
                else:
                    segs.append((at, raw_at, hi - lo))
            j += 1
        size += b - a
    text = "".join(line.text[a:b] for a, b in keep)
    return Line(text, segs, line.kind, line.level, line.link_only)


def _tidy(line: Line) -> Line:
    """``line`` without control characters, long punctuation runs and the ends of crowded words (see above).

    >>> _tidy(Line("a" + "!" * 30 + " b", [(0, 5, 33)])).segs
    [(0, 5, 11), (11, 36, 2)]
    """
    for pattern in (CONTROL, _LONG_RUN, _CROWDED_WORD):
        spans = [m.span(m.lastindex or 0) for m in pattern.finditer(line.text)]
        if spans:
            line = _without(line, spans)
    spans = [span for m in _NAME_INSERTION.finditer(line.text) for span in (m.span(1), m.span(2))]
    if spans:
        line = _without(line, spans)
    text = line.text
    lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
    if lead or trail < len(text):
        line = _without(line, [(0, lead), (trail, len(text))])
    return line


# ---------------------------------------------------------------- assembly

_END_OF_SENTENCE = re.compile(r"[.!?:;…\"'”’)\]]$")
_HEADER_BLOCKS = 12


def _header(blocks: list[list[Line]], rules: Rules, title: str | None):
    """Take the title, byline and dateline from the top of the article.

    Returns ``(title, author, date, indexes of the blocks they filled)``. A
    block is taken only when each of its (at most three) lines is a byline,
    a dateline or a repeat of the title.
    """
    author = when = None
    drop: set[int] = set()
    seen_body = False
    for index, block in enumerate(blocks[:_HEADER_BLOCKS]):
        first = block[0]
        if title is None and not seen_body and first.kind == "heading" and first.level <= 2 and len(block) == 1:
            title = first.text
            drop.add(index)
            continue
        if len(block) <= 3 and all(len(line.text) <= 150 for line in block):
            found_author, found_date, taken = author, when, 0
            for line in block:
                byline = parse_byline(line.text) if found_author is None else None
                if byline:
                    found_author, found_date = byline[0], found_date or byline[1]
                elif found_date is None and (dateline := parse_dateline(line.text)):
                    found_date = dateline
                elif line.text != title:
                    break
                taken += 1
            if taken == len(block):
                author, when = found_author, found_date
                drop.add(index)
                continue
        if _hits(rules.drop, first.text) or first.link_only or first.kind == "heading":
            continue
        seen_body = True
        words = " ".join(line.text for line in block)
        if len(words) > 150 or (len(words.split()) >= 12 and _END_OF_SENTENCE.search(words)):
            break  # the body has begun
    return title, author, when, drop


#: A line alone in its paragraph, this short and without a sentence end, is a heading, a caption or a
#: kicker (live-blog entry titles, "Photo: ... / Agency", "Related: ..."), not body text.
_HEADING_WORDS = 12
_SENTENCE_END_CHARS = (".", "!", "?", ":", ";", '"', "\u201d", "'", "\u2019", ")", "\u2026")


#: A plain text's first line of a paragraph this short, every word capitalised and no sentence end, over a
#: capitalised line, is a heading of its own ("Summary", "Key Points"), not the start of the sentence below it
#: ("The envoy met" over "President Ruto ..." is a line an editor wrapped).
_SHORT_HEADING_WORDS = 4


def _split_at_sentence_ends(blocks: list[list[Line]]) -> list[list[Line]]:
    """A plain text's line that ends a sentence, over a capitalised line, ends its paragraph: pages copied as
    text keep one paragraph a line; a line an editor wrapped rarely ends exactly where a sentence does."""
    split = []
    for block in blocks:
        current: list[Line] = []
        for n, line in enumerate(block):
            current.append(line)
            following = block[n + 1].text.lstrip() if n + 1 < len(block) else ""
            if following and line.text.rstrip().endswith((".", "!", "?", ".\"", ".\u201d", "?\u201d", "!\u201d")) and \
                    (following[:1].isupper() or following[:1] in "\"\u201c"):
                split.append(current)
                current = []
        if current:
            split.append(current)
    return split


#: How many words a first line may have to be taken for a headline.
_HEADLINE_WORDS = 25


def _split_short_headings(blocks: list[list[Line]]) -> list[list[Line]]:
    split = []
    for index, block in enumerate(blocks):
        first = block[0].text.strip()
        words = first.split()
        second = block[1].text.strip() if len(block) > 1 else ""
        if len(block) > 1 and words and len(words) <= _SHORT_HEADING_WORDS and all(w[:1].isupper() for w in words) and \
                not first.endswith((*_SENTENCE_END_CHARS, ",")) and second[:1].isupper():
            split += [block[:1], block[1:]]
        elif index == 0 and len(block) == 2 and 2 <= len(words) <= _HEADLINE_WORDS and \
                not first.endswith((*_SENTENCE_END_CHARS, ",", ";", ":")) and second[:1].isupper() and \
                second.endswith(_SENTENCE_END_CHARS) and len(second) > len(first):
            # "EU condemns Turkish moves in the Mediterranean" over the first sentence, a paragraph a line: the
            # headline (a line an editor wrapped would not be followed by one whole sentence)
            split += [block[:1], block[1:]]
        else:
            split.append(block)
    return split


def _is_heading(block: list[Line], following: list[Line] | None) -> bool:
    """A capitalised line alone in its paragraph, short, with no sentence end, and not continued by the next
    paragraph (a sentence broken by a stray blank line goes on in lower case)."""
    if len(block) != 1:
        return False
    text = block[0].text.rstrip()
    if not text or not (text[0].isupper() or text[0].isdigit()) or len(text.split()) > _HEADING_WORDS:
        return False
    if following and following[0].text[:1].islower():
        return False
    return not text.endswith(_SENTENCE_END_CHARS)


def _is_item(line: Line) -> bool:
    """A line of a list: a markdown item, or a plain line that starts with a bullet."""
    return line.kind == "item" or line.text.lstrip().startswith(("- ", "-- ", "\u2022", "* ", "\u2013 ", "\u2014 "))


#: The line under a quotation that names who said it, as press releases do: "Josep Borrell, High Representative".
_ATTRIBUTION = re.compile(r"\s*[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,3}, [A-Z]")
_CLOSING_QUOTES = ('"', "\u201d", "\u2019")


def _filter(blocks: list[list[Line]], rules: Rules) -> list[list[Line]]:
    """Blocks without boilerplate lines, paragraphs, headings and tails."""
    kept: list[list[Line]] = []
    listing = False  # after "Key events", "Read also:": the list that follows is furniture too
    for n, block in enumerate(blocks):
        if listing and not _is_item(block[0]):
            listing = False
        # a text of one line is what it says, a sentence without its full stop, not a heading of nothing
        attribution = bool(kept) and kept[-1][-1].text.rstrip().endswith(_CLOSING_QUOTES) and \
            _ATTRIBUTION.match(block[0].text) is not None  # '"...," / Josep Borrell, High Representative': the speaker
        if _hits(rules.para, block[0].text) or (len(blocks) > 1 and not attribution and _is_heading(
                block, blocks[n + 1] if n + 1 < len(blocks) else None)):
            continue
        lines = []
        for line in block:
            if _hits(rules.tail, line.text):
                if lines:
                    kept.append(lines)
                return kept
            if _hits(rules.lists, line.text):
                listing = True
                continue
            if listing and _is_item(line):
                continue
            listing = False
            if line.link_only or _hits(rules.drop, line.text):
                continue
            lines.append(line)
        if lines:
            kept.append(lines)
    return kept


def _assemble(blocks: list[list[Line]]) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    segs: list[tuple[int, int, int]] = []
    size = 0
    previous: Line | None = None
    for block in blocks:
        for number, line in enumerate(block):
            if previous is not None:
                if number > 0:
                    sep = "\n" if "item" in (line.kind, previous.kind) or previous.kind == "heading" else " "
                elif (previous.kind == "text" and line.kind == "text"
                      and not _END_OF_SENTENCE.search(previous.text) and line.text[:1].islower()):
                    sep = " "  # a sentence broken by a stray blank line
                else:
                    sep = "\n\n"
                parts.append(sep)
                size += len(sep)
            for start, raw_start, length in line.segs:
                if segs and segs[-1][0] + segs[-1][2] == size + start and segs[-1][1] + segs[-1][2] == raw_start:
                    segs[-1] = (segs[-1][0], segs[-1][1], segs[-1][2] + length)
                else:
                    segs.append((size + start, raw_start, length))
            parts.append(line.text)
            size += len(line.text)
            previous = line
    return "".join(parts), OffsetMap(tuple(segs))


def clean_lines(blocks: list[list[Line]], *, rules: Rules | None = None,
                title: str | None = None, plain: bool = False) -> Cleaned:
    """Clean paragraphs made by :func:`markdown_blocks`, :func:`text_blocks` or an HTML reader.

    ``plain`` text may open with its headline as a line of its own.
    """
    rules = rules or load_rules()
    blocks = [kept for kept in ([line for line in map(_tidy, block) if line.text] for block in blocks) if kept]
    stamp = None
    if blocks and (match := _DATE_STAMP.match(blocks[0][0].text)):
        # "date 2020-09-27 The foreign ministry said ...": a date stamp glued before the first line
        stamp = match.group(1)
        blocks[0][0] = _without(blocks[0][0], [(0, match.end())])
    if plain:
        blocks = _split_short_headings(_split_at_sentence_ends(blocks))
    if plain and title is None:
        title, blocks = _plain_headline(blocks, rules)
    title, author, when, drop = _header(blocks, rules, title)
    body = _filter([b for i, b in enumerate(blocks) if i not in drop], rules)
    body = _split_at_datelines(body)
    text, offsets = _assemble(body)
    return Cleaned(text, offsets, title, author, when or stamp)


#: An ISO date stamp before the first words of a text, alone or after "date" ("date 2020-09-27 The ministry ...").
_DATE_STAMP = re.compile(r"\s*(?:[Dd]ate:?\s+)?(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z?)?\s+(?=\S)")

#: A wire dateline opening a paragraph: "GENEVA, March 3 (Agency) - ", "BRUSSELS/TEHRAN, May 9 (Meridian) - ".
_DATELINE = re.compile(r"(?:[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})(?:/[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})*"
                       r"(?:, [A-Z][a-z]{2,9}\.? \d{1,2}(?:,? \d{4})?)?(?: \([^()\n]{1,40}\))? ?[-\u2013\u2014]+ +(?=[A-Z\"\u201c])")


def _split_at_datelines(blocks: list[list[Line]]) -> list[list[Line]]:
    """The blocks without their datelines; a dateline opens a paragraph, so a line it opened inside a block
    starts a new one (the line before it, a heading with no full stop, is no part of its sentence)."""
    split: list[list[Line]] = []
    for block in blocks:
        current: list[Line] = []
        for line in block:
            cleaned = _without_dateline(line)
            if cleaned is not line and current:
                split.append(current)
                current = []
            current.append(cleaned)
        split.append(current)
    return split


def _without_dateline(line: Line) -> Line:
    """A line without the wire dateline that opens it: the place it names acts in nothing the line says."""
    match = _DATELINE.match(line.text)
    if match is None or (not any(c in match.group() for c in ",(") and len(match.group().split()[0]) < 5):
        return line  # a short capitalised word with no date or agency may be a name ("US - China talks")
    n = match.end()
    segs = []
    for start, raw_start, length in line.segs:
        if start + length <= n:
            continue
        if start < n:
            cut = n - start
            segs.append((0, raw_start + cut, length - cut))
        else:
            segs.append((start - n, raw_start, length))
    return Line(line.text[n:], segs, line.kind, line.level, line.link_only)


def clean_markdown(raw: str, *, rules: Rules | None = None) -> Cleaned:
    """Clean a markdown article: front matter, markup, title, byline, dateline and boilerplate removed."""
    fields, start = header_fields(raw)
    return _with_fields(clean_lines(_after(markdown_blocks(raw), start), rules=rules, title=fields.get("title")), fields)


def clean_text(raw: str, *, rules: Rules | None = None) -> Cleaned:
    """Clean a plain-text article: header lines, headline, byline, dateline and boilerplate removed.

    >>> clean_text("By Jane Roe\\n\\nTalks resumed\\non Monday.\\n\\nShare this article").text
    'Talks resumed on Monday.'
    >>> c = clean_text("Title: Talks resume\\nDate: 2019-02-23\\nSource: https://example.org/a\\n\\nTalks resumed on Monday.")
    >>> c.title, c.date, c.url, c.text
    ('Talks resume', '2019-02-23', 'https://example.org/a', 'Talks resumed on Monday.')
    """
    fields, start = header_fields(raw)
    cleaned = clean_lines(_after(text_blocks(raw), start), rules=rules, title=fields.get("title"), plain=True)
    return _with_fields(cleaned, fields)


# ---------------------------------------------------------------- header fields and front matter

#: A header line: ``Title: ...``, ``Date: ...``, ``Source: https://...`` (what scrapers write above the text).
_FIELD = re.compile(r"[ \t]*(title|headline|date|published|updated|source|url|link|author|by|byline"
                    r"|subject|sent|from|to|cc|reply-to)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*\r?$", re.IGNORECASE)
# An e-mail's header ("From:", "To:", "Subject:", "Date:") is a header too: its subject is the title.
_FIELD_NAMES = {"title": "title", "headline": "title", "date": "date", "published": "date", "updated": "date",
                "source": "url", "url": "url", "link": "url", "author": "author", "by": "author", "byline": "author",
                "subject": "title", "sent": "date", "from": "author"}
_YAML_KEY = re.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*\r?$")
_FENCE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?$")


def header_fields(raw: str) -> tuple[dict[str, str], int]:
    """The metadata a text gives above its body, and the raw offset where the body starts.

    YAML front matter (``---`` lines around ``key: value`` lines) and header lines at the very top
    (``Title:``, ``Date:``, ``Source:``/``URL:``, ``Author:``, and an e-mail's ``From:``, ``To:``,
    ``Subject:``) give the title, date (ISO), URL and author; what is not one of them is left out of both.

    >>> header_fields("---\\ntitle: \\"Talks\\"\\ndate: 2021-05-01\\n---\\nBody.")
    ({'title': 'Talks', 'date': '2021-05-01'}, 40)
    >>> header_fields("No header here.\\nTitle: not one")
    ({}, 0)
    """
    lines = list(_raw_lines(raw))
    first = next((k for k, (a, b) in enumerate(lines) if raw[a:b].strip()), None)
    if first is None:
        return {}, 0
    start, end = lines[first]
    if raw[start:end].lstrip("\ufeff").strip() == "---":
        for k in range(first + 1, min(len(lines), first + 60)):
            a, b = lines[k]
            if _FENCE_LINE.match(raw, a, b):
                pairs = (_YAML_KEY.match(raw, *lines[j]) for j in range(first + 1, k))
                return _fields((m.group(1), m.group(2)) for m in pairs if m), _next_line(raw, lines, k)
        return {}, 0
    found = []
    last = None
    for k in range(first, len(lines)):
        a, b = lines[k]
        if not raw[a:b].strip():
            if found:
                break
            continue
        match = _FIELD.match(raw, a, b)
        if match is None:
            break
        found.append((match.group(1), match.group(2)))
        last = k
    if last is None:
        return {}, 0
    return _fields(found), _next_line(raw, lines, last)


def _next_line(raw: str, lines: list[tuple[int, int]], k: int) -> int:
    return lines[k + 1][0] if k + 1 < len(lines) else len(raw)


def _fields(pairs) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, value in pairs:
        name = _FIELD_NAMES.get(key.lower())
        value = strip_controls(value).strip().strip("\"'").strip()
        if name is None or not value or name in fields:
            continue
        if name == "date":
            value = parse_date(value) or ""
        elif name == "url" and not value.lower().startswith(("http://", "https://")):
            continue
        elif name == "author":
            value = re.sub(r"\s*<[^<>]*>", "", value).strip()  # "The Desk <desk@example.org>": the name
        if value:
            fields[name] = " ".join(value.split())
    return fields


def _after(blocks: list[list[Line]], start: int) -> list[list[Line]]:
    """The blocks without the lines that lie before raw offset ``start``."""
    if start == 0:
        return blocks
    kept = []
    for block in blocks:
        lines = [line for line in block if line.segs and line.segs[0][1] >= start]
        if lines:
            kept.append(lines)
    return kept


def _with_fields(cleaned: Cleaned, fields: dict[str, str]) -> Cleaned:
    return Cleaned(cleaned.text, cleaned.offsets, fields.get("title") or cleaned.title,
                   fields.get("author") or cleaned.author, fields.get("date") or cleaned.date, fields.get("url"))


def _plain_headline(blocks: list[list[Line]], rules: Rules) -> tuple[str | None, list[list[Line]]]:
    """A plain text's first line as its headline: alone in its paragraph, short, no sentence end, not
    boilerplate, a byline or a dateline, and followed by more text."""
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return None, blocks
    line = blocks[0][0]
    words = line.text.split()
    if not (2 <= len(words) <= 25) or line.text.rstrip().endswith((".", ",", ";", ":")) or not line.text[0].isalnum():
        return None, blocks
    if _hits(rules.drop, line.text) or parse_byline(line.text) or parse_dateline(line.text) or line.link_only:
        return None, blocks
    return line.text, blocks[1:]


#: The separator of a page title that names its site or section ("United Nations | Meetings Coverage").
_SITE_SEPARATOR = re.compile(r"\s[|\u2022\u00bb]\s")

_HEADLINE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def headline_sentence(title: str | None, body: str) -> str | None:
    """The headline as a sentence to read, or None where it is no statement: a page title that names its site
    ("Ministry | Press releases"), a question, or fewer than three words.

    A headline in title case ("France, US Support ECOWAS On Mali") is written as a sentence is, so that the
    parser reads its verbs as verbs: a capitalised word is lower-cased where the body writes it (or a regular
    form of it) in lower case and never capitalised inside a sentence, where the verb table knows it, or where
    it is a function word; names, acronyms and words the body does not use keep their capitals. The headline
    keeps its length, so its offsets in the raw text stay right.

    >>> headline_sentence("Japan Condemns Missile Launch By North Korea", "Japan said it would protest.")
    'Japan condemns Missile Launch by North Korea'
    >>> headline_sentence("Ministry of Foreign Affairs | Press releases", "") is None
    True
    """
    if title is None or _SITE_SEPARATOR.search(title) or len(title.split()) < 3 or \
            title.split()[0].lower() in HEADLINE_QUESTIONS or title.rstrip().endswith("?"):
        return None  # (nor an explainer's question: "Why China agreed to sanctions", "Will the deal hold?")
    words = list(_HEADLINE_WORD.finditer(title))
    capitalised = [m for m in words if m.group()[0].isupper()]
    if len(words) < 3 or len(capitalised) < 0.7 * len(words):
        return title
    lower, named = set(), set()
    for m in _HEADLINE_WORD.finditer(body):
        word = m.group()
        if word[0].islower():
            lower.add(word)
        elif m.start() > 1 and not re.search(r"[.!?:\"\u201c]\s*$", body[max(0, m.start() - 3):m.start()]):
            named.add(word)
    stems = {stem for w in lower | _verb_lemmas() for stem in _stems(w)}
    chars = list(title)
    for m in words[1:]:
        word = m.group()
        if not (word[0].isupper() and word[1:].islower()) or word in named:
            continue
        if word.lower() in FUNCTION_WORDS or _stems(word.lower()) & stems:
            chars[m.start()] = word[0].lower()
    return "".join(chars)


def _stems(word: str) -> set[str]:
    """The word and what it is with a regular ending taken off ("urges" -> "urge", "urg"): two forms of one word
    share one of these.

    >>> sorted(_stems("urged")), sorted(_stems("calling"))
    (['urg', 'urge', 'urged'], ['call', 'calle', 'calling'])
    """
    found = {word}
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            found.add(word[:-len(ending)])
            if ending == "ing":
                found.add(word[:-3] + "e")
    return found


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """The one-word verbs of the verb table and the verbs of speech (a headline's "Condemns", "Tells")."""
    lexicon = load_lexicon()
    return frozenset(phrase[0] for phrase in lexicon.verbs if len(phrase) == 1) | lexicon.speech


# ---------------------------------------------------------------- chunks

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _last_cut(pattern: re.Pattern | str, window: str) -> int:
    if isinstance(pattern, str):
        found = window.rfind(pattern)
        return found + len(pattern) if found >= 0 else 0
    cut = 0
    for m in pattern.finditer(window):
        cut = m.end()
    return cut


def iter_chunks(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Split ``text`` into ``(offset, chunk)`` pieces of at most ``max_chars`` characters.

    Cuts fall after a paragraph break if one is in the second half of the
    window, else after a sentence, else at whitespace; only a single "word"
    longer than ``max_chars`` is cut inside. The chunks put together give back
    ``text``.

    >>> list(iter_chunks("One. Two three.\\n\\nFour five.", 16))
    [(0, 'One. Two three.\\n'), (16, '\\nFour five.')]
    >>> list(iter_chunks("Alpha beta. Gamma delta.", 14))
    [(0, 'Alpha beta. '), (12, 'Gamma delta.')]
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    pos, size = 0, len(text)
    while size - pos > max_chars:
        window = text[pos:pos + max_chars]
        cut = 0
        for finder in ("\n\n", _SENTENCE_END, _SPACE):
            cut = _last_cut(finder, window)
            if cut >= max(1, max_chars // 2):
                break
        else:
            cut = max(_last_cut(_SENTENCE_END, window), _last_cut(_SPACE, window)) or max_chars
        yield pos, text[pos:pos + cut]
        pos += cut
    if pos < size:
        yield pos, text[pos:]
