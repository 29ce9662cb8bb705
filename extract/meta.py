"""Article metadata from text lines and HTML heads: bylines, datelines, dates.

>>> parse_date("Global Research, August 07, 2017")
'2017-08-07'
>>> parse_date("Published 5 Sept. 2017")
'2017-09-05'
>>> parse_byline("By Jane Roe | March 3, 2020")
('Jane Roe', '2020-03-03')
>>> parse_dateline("Global Research, September 05, 2017")
'2017-09-05'
>>> parse_dateline("On July 4, 2017, the two governments issued a joint statement.") is None
True
"""

from __future__ import annotations

import html
import re
from datetime import date

__all__ = ["parse_date", "parse_byline", "parse_dateline", "html_meta"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"\b(?:"
    r"(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})(?!\d)"  # 2017-09-05, 2017/9/5
    r"|" + _MONTH.format(g="am") + r"\s+(?P<ad>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<ay>\d{4})\b"  # Sep 5, 2017
    r"|(?P<bd>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(g="bm") + r",?\s+(?P<by>\d{4})\b"  # 5 Sep 2017
    r")",
    re.IGNORECASE,
)

# Words a dateline may hold besides its date ("Published", "Updated: ...").
_DATELINE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|modified|on|at|am|pm|utc|gmt|edt|est|cet|"
    r"bst|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|wed|thu|fri|sat|sun|\d{1,2}[:.]\d{2})\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:van|von|de|del|der|da|di|al|bin|le|la|du|dos)\b)"
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|author\s*:|reporting by)\s+"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+" + _NAME_WORD + r"){0,4}"
    r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'’.-]*(?:[ \t]+" + _NAME_WORD + r"){0,4}){0,3})"
    r"[ \t]*(?:(?:[,|•·–—-]|\bon\b)[ \t]*(?P<rest>.*))?$",
)


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO ``YYYY-MM-DD``, or None.

    >>> parse_date("2017-09-05T10:00:00Z"), parse_date("the 3rd of March, 2020")
    ('2017-09-05', '2020-03-03')
    >>> parse_date("no date here") is None
    True
    """
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        try:
            if groups["iy"]:
                value = date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
            elif groups["am"]:
                value = date(int(groups["ay"]), _month(groups["am"]), int(groups["ad"]))
            else:
                value = date(int(groups["by"]), _month(groups["bm"]), int(groups["bd"]))
        except ValueError:
            continue
        if 1800 <= value.year <= 2200:
            return value.isoformat()
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key, _MONTHS.get(key[:3], 0))


def parse_dateline(line: str) -> str | None:
    """The ISO date of a line that is a dateline, not a sentence, or None.

    A dateline is short and holds little besides the date: an outlet name,
    "Published", a time of day.

    >>> parse_dateline("Published 5 September 2017"), parse_dateline("2017-09-05")
    ('2017-09-05', '2017-09-05')
    """
    line = line.strip()
    if len(line) > 90:
        return None
    match = _DATE.search(line)
    if match is None:
        return None
    found = parse_date(line)
    if found is None:
        return None
    rest = _DATELINE_WORDS.sub(" ", line[: match.start()] + " " + line[match.end():])
    words = len(_WORD.findall(rest))
    if line.endswith((".", "!", "?")) and words >= 3:
        return None  # "The ministry spoke on 2020-09-27 in Geneva.": a sentence with a date in it
    return found if words <= 5 else None


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """``(author, date or None)`` of a byline such as "By Jane Roe", or None.

    >>> parse_byline("By JOHN DOE and Ann Lee, Reuters")
    ('John Doe and Ann Lee', None)
    >>> parse_byline("By the way, the vote was close.") is None
    True
    """
    line = line.strip()
    if len(line) > 150:
        return None
    match = _BYLINE.match(line)
    if match is None:
        return None
    name = match.group("name").strip(" ,")
    name = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())
    rest = match.group("rest") or ""
    return name, parse_date(rest) if rest else None


_META_TAG = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE_TAG = re.compile(r"<title\b[^<>]*>([^<]*)</title", re.IGNORECASE)
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "dc.title": "title",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "article:published_time": "date", "datepublished": "date", "date": "date",
    "dc.date": "date", "pubdate": "date", "publish-date": "date", "sailthru.date": "date",
    "og:url": "url", "twitter:url": "url",
}


def html_meta(raw: str, *, head_chars: int = 200_000) -> dict[str, str]:
    """Title, author, ISO date and URL from an HTML head's ``<meta>`` and ``<title>`` tags.

    The date is ``""`` when the head declares one that is not a calendar date,
    so that no other source guesses one in its place.

    >>> html_meta('<title>A | Site</title><meta property="og:title" content="A">'
    ...           '<meta name="author" content="Jane Roe">'
    ...           '<meta property="article:published_time" content="2019-03-14T09:30:00Z">')
    {'title': 'A', 'author': 'Jane Roe', 'date': '2019-03-14'}
    >>> html_meta('<meta property="article:published_time" content="2017-02-30">')
    {'date': ''}
    """
    head = raw[:head_chars]
    found: dict[str, str] = {}
    declared = False
    for tag in _META_TAG.finditer(head):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                 for m in _ATTR.finditer(tag.group(0))}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        field = _META_KEYS.get(key)
        value = html.unescape(attrs.get("content", "")).strip()
        if field is None or not value or field in found:
            continue
        if field == "date":
            parsed = parse_date(value)
            declared = True
            if parsed:
                found["date"] = parsed
        elif field == "url":
            if value.startswith(("http://", "https://")) and not any(c.isspace() for c in value):
                found["url"] = value
        elif not value.startswith(("http://", "https://")):
            found[field] = " ".join(value.split())
    if declared:
        found.setdefault("date", "")
    if "title" not in found:
        title = _TITLE_TAG.search(head)
        if title and title.group(1).strip():
            found["title"] = " ".join(html.unescape(title.group(1)).split())
    return {k: found[k] for k in ("title", "author", "date", "url") if k in found}
