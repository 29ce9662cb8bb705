"""Canonical actors of one document: a small table keyed by slug.

>>> table = ActorTable()
>>> key = table.add("liu-jieyi", "Liu Jieyi", "Person", names=["Liu"])
>>> table.add("liu-jieyi", "Liu Jieyi", "Person", names=["Liu Jieyi"])
'liu-jieyi'
>>> table.get("liu-jieyi")["names"]
['Liu', 'Liu Jieyi']
>>> slugify("Moon Jae-in"), slugify("UN Security Council Resolution 2371")
('moon-jae-in', 'un-security-council-resolution-2371')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newskg.ontology.gazetteer import GazetteerEntry

from .constants import HONORIFICS

__all__ = ["ActorTable", "slugify", "spelling", "person_key", "without_honorifics", "entry_codes"]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Transliteration variants of one name, written one way: "Zelenskyy"/"Zelenskiy" -> "zelensky",
# "Nebenzya" -> "nebenzia"; the rest of a name is kept as written, so that keys stay readable.
_SPELLING = (
    (re.compile(r"(?:yy|iy|ij)\b"), "y"),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])y(?=[aou])"), "i"),
)


@lru_cache(maxsize=8192)
def slugify(text: str, *, max_length: int = 80) -> str:
    """A lower-case ASCII-friendly slug for IRIs; never empty (cached: the same names come back often)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    slug = _NON_WORD.sub("-", folded).strip("-_")
    slug = slug[:max_length].rstrip("-") or "x"
    return slug


@lru_cache(maxsize=8192)
def spelling(text: str) -> str:
    """A name folded so that its transliteration variants agree (accents, case, common spellings).

    >>> spelling("Zelenskyy") == spelling("Zelenskiy") == spelling("Zelensky")
    True
    >>> spelling("Nebenzia") == spelling("Nebenzya")
    True
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    for pattern, replacement in _SPELLING:
        folded = pattern.sub(replacement, folded)
    return folded


def person_key(name: str) -> str:
    """The key of a person the lists do not know: the same for every spelling of the name.

    >>> person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelensky")
    True
    >>> person_key("Sheikh Tamim bin Hamad Al Thani")
    'tamim-bin-hamad-al-thani'
    """
    return slugify(spelling(without_honorifics(name)))


def without_honorifics(name: str) -> str:
    """A name without the words of address before it ("Sheikh", "Sir", "Dr")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def entry_codes(entry: GazetteerEntry) -> list[list[str]]:
    """The identifier codes of a gazetteer entry, as ``[name, value]`` pairs."""
    pairs = (("iso_alpha2", entry.iso_alpha2), ("iso_alpha3", entry.iso_alpha3), ("wikidata", entry.wikidata))
    return [[name, value] for name, value in pairs if value]


class ActorTable:
    """The actors met in one document, as plain dicts (they travel between processes)."""

    def __init__(self, data: dict[str, dict] | None = None) -> None:
        self.data: dict[str, dict] = data if data is not None else {}

    def add(self, key: str, label: str, kind: str, *, names=(), codes=()) -> str:
        record = self.data.get(key)
        if record is None:
            record = {"label": label, "kind": kind, "names": [], "codes": [list(c) for c in codes]}
            self.data[key] = record
        for name in names:
            name = " ".join(name.split())
            if name and name not in record["names"]:
                record["names"].append(name)
        return key

    def add_entry(self, entry: GazetteerEntry, *names: str) -> str:
        return self.add(entry.key, entry.label, entry.kind, names=names, codes=entry_codes(entry))

    def get(self, key: str) -> dict | None:
        return self.data.get(key)

    def kind(self, key: str) -> str:
        record = self.data.get(key)
        return record["kind"] if record else ""

    def __contains__(self, key: str) -> bool:
        return key in self.data
