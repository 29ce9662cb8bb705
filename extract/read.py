"""Read article files (text, markdown, HTML) into :class:`Article` records.

Bytes are decoded here and only ``str`` leaves this module. Offsets of an
article (``Article.offsets``) map its cleaned ``text`` into ``raw``, the
decoded file: for text and markdown every copied character maps to itself;
for HTML, each extracted paragraph is looked up in the visible text of the
decoded HTML (tags dropped, entities decoded, whitespace collapsed) and its
literal characters map to their place in the HTML source; a paragraph that
cannot be found there has no copied characters and maps to the nearest
paragraph that was found.

>>> a = article_from_text("# Talks Resume\\n\\nBy Jane Roe\\n\\nTalks resumed on Monday.", "note.md")
>>> a.title, a.author, a.text, a.doc_id == article_from_text(a.raw, "copy.md").doc_id
('Talks Resume', 'Jane Roe', 'Talks resumed on Monday.', True)
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import html
import os
import re
import stat
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from newskg.extract.clean import (
    Cleaned, Line, clean_lines, clean_markdown, clean_text, looks_like_markdown, strip_controls,
)
from newskg.extract.errors import InputError, NewskgError, NoContentError
from newskg.extract.meta import html_meta, parse_date
from newskg.extract.records import Article

__all__ = [
    "read_articles", "read_article", "article_from_text", "decode_bytes", "make_doc_id",
    "expand_inputs", "ARTICLE_SUFFIXES",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".txt": "auto"}
_MAX_BYTES = 20_000_000

# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (b"\x89PNG", b"%PDF-", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
          b"\x7fELF", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x00asm")
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))
_META_CHARSET = re.compile(rb"""<meta\b[^<>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_UTF8_VALID = re.compile(  # well-formed multi-byte UTF-8 sequences
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _binary(path: str) -> InputError:
    return InputError(f"{path}: looks like a binary file, not an article; pass .txt, .md or .html files")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>", *, html_hint: bool = False) -> str:
    """Decode the bytes of an article file to ``str``.

    A byte order mark wins, then an HTML ``<meta charset>``, then UTF-8, then
    cp1252 (the usual charset of legacy Western web text). NUL characters
    are removed and lone surrogates replaced with U+FFFD. Binary data raises
    :class:`InputError`.

    >>> decode_bytes("München".encode("cp1252")), decode_bytes(b"\\xef\\xbb\\xbfM\\xc3\\xbcnchen")
    ('München', 'München')
    """
    if any(data.startswith(magic) for magic in _MAGIC):
        raise _binary(path)
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], name
            break
    else:
        encoding = _utf16_without_bom(data)
    if encoding:
        text = data.decode(encoding, errors="replace")
    else:
        sample = data[:8192]
        if sample and sum(sample.count(c) for c in _CONTROL) > 0.05 * len(sample):
            raise _binary(path)
        text = _decode_8bit(data, html_hint or data[:1024].lstrip().startswith(b"<"))
    head = text[:4096]
    if head and len(_CONTROL_CHARS.findall(head)) > 0.05 * len(head):
        raise _binary(path)
    text = text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _decode_8bit(data: bytes, maybe_html: bool) -> str:
    if maybe_html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
                name = "cp1252"  # as browsers do
            elif name.startswith(("utf-16", "utf-32", "utf16", "utf32")):
                name = "utf-8"  # a page that reached us as 8-bit bytes is not UTF-16
            try:
                return data.decode(name)
            except LookupError:
                pass
            except UnicodeDecodeError:
                return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # UTF-8 with encoded surrogates (CESU-8, WTF-8): pairs make their character, lone ones U+FFFD
        text = data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        pass
    else:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", errors="replace")
    # Mostly valid UTF-8 with a few broken bytes stays UTF-8; otherwise legacy 8-bit.
    lenient = data.decode("utf-8", errors="replace")
    valid = len(_UTF8_VALID.findall(data)) - data.count(b"\xef\xbf\xbd")
    if valid > 0 and valid >= lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd"):
        return lenient
    return data.decode("cp1252", errors="replace")


# ---------------------------------------------------------------- HTML

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_RAW_TEXT_TAGS = ("script", "style", "template", "noscript", "textarea", "title", "svg")
_TAG_NAME = re.compile(r"</?([a-z][a-z0-9:-]*)")
_TEXT_TOKEN = re.compile(r"[^\S ]\s*| \s+|(?:&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")  # any other "<" is text
_SPACES = re.compile(r"\s+")
_ENTITY = re.compile(r"&[^&]*")  # one entity of a run
_WORD_CHAR = re.compile(r"[^\W_]")
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*+)[^<>]{20000,}>")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)
_ATTRIBUTE = re.compile(r"\s[^\s=<>]+\s*=")


@lru_cache(maxsize=4096)
def _unescape(entity: str) -> str:
    """One entity decoded (a page of entity bombs repeats a few entities a million times)."""
    return html.unescape(entity)


def _html_view(raw: str) -> tuple[str, list[tuple[int, int, int]], list[tuple[int, int]]]:
    """The visible text of an HTML page with whitespace collapsed, its copied runs, and its links.

    Runs are ``(view start, raw start, length)``; links are the ``(start, end)``
    of the text inside ``<a href>`` elements (one ends at the end of its block at
    the latest). Linear time: the scan moves from one tag to the next.
    """
    low = raw.translate(_ASCII_LOWER)
    parts: list[str] = []
    segs: list[tuple[int, int, int]] = []
    links: list[tuple[int, int]] = []
    size = 0
    blank = True
    in_link = False

    def emit(text: str, raw_start: int | None) -> None:
        nonlocal size, blank
        parts.append(text)
        if in_link:
            if links and links[-1][1] == size:
                links[-1] = (links[-1][0], size + len(text))
            else:
                links.append((size, size + len(text)))
        if raw_start is not None:
            if segs and segs[-1][0] + segs[-1][2] == size and segs[-1][1] + segs[-1][2] == raw_start:
                segs[-1] = (segs[-1][0], segs[-1][1], segs[-1][2] + len(text))
            else:
                segs.append((size, raw_start, len(text)))
        size += len(text)
        blank = text[-1] == " "

    def text_run(a: int, b: int) -> None:
        pos = a + 1 if blank and a < b and raw[a] == " " else a
        for m in _TEXT_TOKEN.finditer(raw, pos, b):
            if pos < m.start() and blank and raw[pos] == " ":
                pos += 1
            if pos < m.start():
                emit(raw[pos:m.start()], pos)
            token = m.group(0)
            if token[0] == "&":  # a run of entities
                value = "".join(map(_unescape, _ENTITY.findall(token)))
                if value == token:
                    emit(value, m.start())
                else:
                    value = _SPACES.sub(" ", value)
                    value = value.lstrip(" ") if blank else value
                    if value:
                        emit(value, None)
            elif not blank:
                emit(" ", m.start() if token[0] == " " else None)
            pos = m.end()
        if pos < b and blank and raw[pos] == " ":
            pos += 1
        if pos < b:
            emit(raw[pos:b], pos)

    pos, size_raw = 0, len(raw)
    gt = -1
    while pos < size_raw:
        found = _TAG_START.search(raw, pos)
        if found is None:
            text_run(pos, size_raw)
            break
        lt = found.start()
        text_run(pos, lt)
        if raw.startswith("<!--", lt):
            close = raw.find("-->", lt + 4)
            pos = size_raw if close < 0 else close + 3
            continue
        if gt <= lt:
            gt = raw.find(">", lt + 1)
            gt = size_raw if gt < 0 else gt
        if gt >= size_raw:  # no tag closes after here: all is text up to a comment
            comment = raw.find("<!--", lt)
            pos = size_raw if comment < 0 else comment
            text_run(lt, pos)
            continue
        name = _TAG_NAME.match(low, lt, min(lt + 40, size_raw))
        if name is None and not raw.startswith(("<!", "<?"), lt):
            text_run(lt, lt + 1)  # a literal "<"
            pos = lt + 1
            continue
        pos = gt + 1
        if name is None:
            continue
        tag = name.group(1)
        closing = low[lt + 1] == "/"
        if tag == "a":
            in_link = not closing and "href" in low[lt:gt]
        elif closing and tag in _BLOCK_TAGS:
            in_link = False
        if not blank and tag in _BLOCK_TAGS:
            emit(" ", None)
        if tag in _RAW_TEXT_TAGS and not closing:
            close = low.find("</" + tag, pos)
            pos = size_raw if close < 0 else low.find(">", close) + 1 or size_raw
    return "".join(parts), segs, links


def _tame(raw: str) -> str:
    """``raw`` with the attributes of huge tags removed (they make HTML parsers quadratic)."""
    def shorten(m: re.Match) -> str:
        if len(_ATTRIBUTE.findall(m.group(0), 0, 200_000)) > 500 or len(m.group(0)) > 1_000_000:
            return f"<{m.group(1)}>"
        return m.group(0)
    return _LONG_TAG.sub(shorten, raw)


_MAX_MISSES = 50


def _html_lines(raw: str, paragraphs: list[str]) -> list[list[Line]]:
    """One block per extracted paragraph, mapped into ``raw`` through its visible text."""
    view, segs, links = _html_view(raw)
    starts = [s[0] for s in segs]
    link_starts = [link[0] for link in links]
    blocks, cursor, misses = [], 0, 0
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        if not text:
            continue
        at = view.find(text, cursor)
        if at < 0 and misses < _MAX_MISSES:  # out of order: search the whole page, a few times only
            misses += 1
            at = view.find(text)
        line_segs: list[tuple[int, int, int]] = []
        link_only = False
        if at < 0:
            literal = raw.find(text) if misses < _MAX_MISSES else -1
            if literal >= 0:
                line_segs.append((0, literal, len(text)))
        else:
            cursor = at + len(text)
            index = max(bisect_right(starts, at) - 1, 0)
            while index < len(segs) and segs[index][0] < cursor:
                vs, rs, length = segs[index]
                lo, hi = max(vs, at), min(vs + length, cursor)
                if lo < hi:
                    line_segs.append((lo - at, rs + lo - vs, hi - lo))
                index += 1
            link_only = _only_links(view, links, link_starts, at, cursor)
        blocks.append([Line(text, line_segs, link_only=link_only)])
    return blocks


def _only_links(view: str, links: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether the letters and digits of ``view[start:end]`` all lie inside links (a line of navigation).

    >>> _only_links("Home News Story", [(0, 4), (5, 9)], [0, 5], 0, 9)
    True
    >>> _only_links("Home News Story", [(0, 4), (5, 9)], [0, 5], 0, 15)
    False
    """
    pos, linked = start, False
    for index in range(max(bisect_right(starts, start) - 1, 0), len(links)):
        lo, hi = links[index]
        if lo >= end:
            break
        if hi <= pos:
            continue
        if lo > pos and _WORD_CHAR.search(view, pos, lo):
            return False
        linked = linked or _WORD_CHAR.search(view, max(lo, pos), min(hi, end)) is not None
        pos = hi
    return linked and (pos >= end or _WORD_CHAR.search(view, pos, end) is None)


#: Dates from the page's markup only (meta tags, ``<time>``, JSON-LD, the URL): a search of the whole
#: text makes dates up ("2017" becomes 2017-01-01) and takes seconds on a large page.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def _clean_html(raw: str, path: str) -> Cleaned:
    import trafilatura  # imported here: it is slow to import

    tamed = _tame(raw)
    try:
        doc = trafilatura.bare_extraction(tamed, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_precision=True,
                                          date_extraction_params=_DATE_SEARCH)
    except (ValueError, RecursionError, MemoryError) as err:
        raise InputError(f"{path}: cannot parse this HTML ({err.__class__.__name__}); "
                         "save the article as text or markdown and read that") from None
    meta = html_meta(raw)
    text = (doc.text if doc is not None else "") or ""
    cleaned = clean_lines(_html_lines(raw, text.split("\n")),
                          title=(doc.title if doc is not None else None) or meta.get("title"))
    author = (doc.author if doc is not None else None) or meta.get("author") or cleaned.author
    if "date" in meta:  # declared in the head, perhaps as something that is not a date
        when = meta["date"]
    else:
        when = parse_date(doc.date) if doc is not None and doc.date else None
    return Cleaned(cleaned.text, cleaned.offsets, _plain(cleaned.title), _plain(author), when or cleaned.date,
                   meta.get("url"))


def _plain(value: str | None) -> str | None:
    """A title or author on one line, without control characters."""
    return " ".join(strip_controls(value).split()) or None if value else None


# ---------------------------------------------------------------- articles


def make_doc_id(text: str) -> str:
    """16 hex characters of the SHA-256 of ``text``, NFC-normalized with whitespace collapsed.

    >>> make_doc_id("Talks  resumed.") == make_doc_id("Talks resumed.\\n")
    True
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


_HTML_START = re.compile(r"\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<(?:!doctype )?html)", re.I)
_HTML_BODY = re.compile(r"<(?:body|p|div|article)\b", re.I)


def _sniff(text: str) -> str:
    head = text[:4096]
    if _HTML_START.match(head) or (head.lstrip().startswith("<") and _HTML_BODY.search(head)):
        return "html"
    return "markdown" if looks_like_markdown(text) else "text"


def article_from_text(text: str, source: str, *, fmt: str = "auto") -> Article:
    """Clean an article given as a string; ``fmt`` is "text", "markdown", "html" or "auto".

    "auto" reads HTML when the text starts with a tag, markdown when it has
    markdown markup, and plain text otherwise.
    """
    if not isinstance(text, str):
        raise TypeError(f"article_from_text expects str, got {type(text).__name__}; "
                        "decode bytes with decode_bytes() first")
    text = text.replace("\x00", "")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if fmt == "auto":
        fmt = _sniff(text)
    if fmt == "html":
        cleaned = _clean_html(text, source)
    elif fmt == "markdown":
        cleaned = clean_markdown(text)
    elif fmt == "text":
        cleaned = clean_text(text)
    else:
        raise ValueError(f"fmt must be 'auto', 'text', 'markdown' or 'html', got {fmt!r}")
    if not _WORD_CHAR.search(cleaned.text):  # nothing left, or punctuation and symbols alone
        raise NoContentError(f"{source}: no article text found (empty or only boilerplate)")
    return Article(
        doc_id=make_doc_id(cleaned.text), source=source, raw=text, text=cleaned.text,
        offsets=cleaned.offsets, title=cleaned.title, author=cleaned.author, date=cleaned.date, url=cleaned.url,
    )


def read_article(path: str | os.PathLike, *, max_bytes: int = _MAX_BYTES) -> Article:
    """Read one article file; its suffix chooses the format (``.txt`` is sniffed)."""
    name = str(path)
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror}); check the path and permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder; pass it to read_articles() to read the files in it")
    if not stat.S_ISREG(info.st_mode):  # reading a named pipe or a device would wait or never end
        raise InputError(f"{name}: not a regular file (a pipe, device or socket); save the article to a file")
    size = info.st_size
    if size > max_bytes:
        raise InputError(f"{name}: file is {size:,} bytes, above the limit of {max_bytes:,} bytes; "
                         "raise the limit with --max-bytes if this really is one article")
    try:
        with open(p, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror}); check the path and permissions") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: file is larger than the limit of {max_bytes:,} bytes; "
                         "raise the limit with --max-bytes if this really is one article")
    fmt = _FORMATS.get(p.suffix.lower(), "auto")
    text = decode_bytes(data, name, html_hint=fmt == "html")
    return article_from_text(text, name, fmt=fmt)


def expand_inputs(item: str | os.PathLike) -> list[tuple[Path, str]]:
    """``(path, source name)`` of each file an input names: a file, a folder or a glob.

    Folders are walked recursively in sorted order for files with an article
    suffix, skipping hidden files and folders.
    """
    name = str(item)
    p = Path(item)
    if p.is_dir():
        found = sorted(f for f in p.rglob("*")
                       if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not found:
            raise InputError(f"{name}: no {', '.join(ARTICLE_SUFFIXES)} files in this folder")
        return [(f, str(f)) for f in found]
    if p.exists() or not glob.has_magic(name):
        return [(p, name)]
    matches = sorted(m for m in glob.glob(name, recursive=True) if Path(m).is_file())
    if not matches:
        raise InputError(f"{name}: no files match this pattern; check the path")
    return [(Path(m), m) for m in matches]




def read_articles(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    max_bytes: int = _MAX_BYTES,
    on_error: Callable[[NewskgError], None] | None = None,
) -> Iterator[Article]:
    """Read articles from files, folders (recursively, sorted) and glob patterns.

    Each file is read once even when several inputs name it. Without
    ``on_error`` the first unreadable input raises; with it, the error is
    passed to ``on_error`` and reading goes on with the next file.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.md").write_text("# One\\n\\nFirst story text.")
    >>> [a.title for a in read_articles([folder])]
    ['One']
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: set[str] = set()
    for item in inputs:
        try:
            paths = expand_inputs(item)
        except NewskgError as err:
            if on_error is None:
                raise
            on_error(err)
            continue
        for path, source in paths:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            try:
                yield read_article(source, max_bytes=max_bytes)
            except NewskgError as err:
                if on_error is None:
                    raise
                on_error(err)
