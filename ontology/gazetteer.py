"""The actor gazetteer: canonical actors, their codes and every name they go by.

Plain Python over ``data/actors.tsv`` (no RDF), so that :mod:`newskg.extract`
can canonicalise mentions without importing rdflib.

>>> gaz = load_gazetteer()
>>> gaz.lookup("Beijing").key
'china'
>>> gaz.lookup("the DPRK").label
'North Korea'
>>> gaz.demonym("South Korean").key
'south-korea'

Acronyms ("US", "WHO", "SC") match only in capitals, so that the words
"us" and "who" stand for no actor:

>>> gaz.lookup("U.S.").key, gaz.lookup("us")
('united-states', None)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["GazetteerEntry", "Gazetteer", "load_gazetteer", "load_parts", "normalize_name", "is_acronym"]

ACTOR_KINDS = (
    "State",
    "IntergovernmentalOrganization",
    "Organization",
    "Person",
    "Document",
    "Issue",
)

_LIST_FIELDS = ("demonyms", "metonyms", "aliases")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_ACRONYM = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{2,8}$")


def normalize_name(name: str, *, casefold: bool = True) -> str:
    """Fold a surface name to a lookup key: NFKC, case, dots, article, spacing.

    >>> normalize_name("The  U.S.")
    'us'
    >>> normalize_name("the U.S.", casefold=False)
    'US'
    """
    text = unicodedata.normalize("NFKC", name).strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = text.replace("\u2019", "'").replace(".", "")
    text = re.sub(r"\s+", " ", text)
    return text.casefold() if casefold else text


def is_acronym(name: str) -> bool:
    """Whether a name is an acronym in capitals, matched only with its case.

    >>> is_acronym("U.S."), is_acronym("G20"), is_acronym("Nato"), is_acronym("DR Congo")
    (True, True, False, False)
    """
    return bool(_ACRONYM.match(normalize_name(name, casefold=False)))


def _index(table: dict, exact: dict, name: str, entry: "GazetteerEntry") -> None:
    if is_acronym(name):
        exact.setdefault(normalize_name(name, casefold=False), entry)
    else:
        table.setdefault(normalize_name(name), entry)


@dataclass(frozen=True)
class GazetteerEntry:
    """One canonical actor of the gazetteer."""

    key: str
    kind: str
    label: str
    official_name: str = ""
    iso_alpha2: str = ""
    iso_alpha3: str = ""
    capital: str = ""
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata: str = ""
    un_status: str = ""  # "member", "observer", "non-member" for states; "" otherwise

    def names(self) -> tuple[str, ...]:
        """Every name that denotes the actor itself (not its demonyms)."""
        extra = (self.official_name,) if self.official_name else ()
        return (self.label, *extra, *self.aliases, *self.metonyms)


@dataclass
class Gazetteer:
    """Name -> actor lookups over a list of :class:`GazetteerEntry`."""

    entries: list[GazetteerEntry]
    _by_key: dict[str, GazetteerEntry] = field(init=False, repr=False)
    _by_name: dict[str, GazetteerEntry] = field(init=False, repr=False)
    _by_demonym: dict[str, GazetteerEntry] = field(init=False, repr=False)
    _by_acronym: dict[str, GazetteerEntry] = field(init=False, repr=False)
    _by_demonym_acronym: dict[str, GazetteerEntry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {}
        self._by_name = {}
        self._by_demonym = {}
        self._by_acronym = {}
        self._by_demonym_acronym = {}
        for entry in self.entries:
            if entry.key in self._by_key:
                raise ValueError(f"actors.tsv: duplicate key {entry.key!r}; keys must be unique")
            if entry.kind not in ACTOR_KINDS:
                raise ValueError(
                    f"actors.tsv: {entry.key!r} has kind {entry.kind!r}; use one of {', '.join(ACTOR_KINDS)}"
                )
            self._by_key[entry.key] = entry
        # Names first, so that a name wins over another entry's demonym.
        for entry in self.entries:
            for name in entry.names():
                _index(self._by_name, self._by_acronym, name, entry)
        for entry in self.entries:
            for demonym in entry.demonyms:
                _index(self._by_demonym, self._by_demonym_acronym, demonym, entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, key: str) -> GazetteerEntry | None:
        """The entry with this key, or None."""
        return self._by_key.get(key)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The actor a name, alias or metonym stands for, or None."""
        found = self._by_acronym.get(normalize_name(name, casefold=False))
        return found or self._by_name.get(normalize_name(name))

    def demonym(self, word: str) -> GazetteerEntry | None:
        """The actor a demonym or adjective ("Chinese", "Sino") belongs to, or None."""
        found = self._by_demonym_acronym.get(normalize_name(word, casefold=False))
        return found or self._by_demonym.get(normalize_name(word))


def _read_rows(text: str):
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _entry(row: dict[str, str]) -> GazetteerEntry:
    values = {name: (row.get(name) or "").strip() for name in GazetteerEntry.__dataclass_fields__}
    for name in _LIST_FIELDS:
        values[name] = tuple(part.strip() for part in values[name].split("|") if part.strip())
    return GazetteerEntry(**values)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the gazetteer shipped in ``newskg/ontology/data/actors.tsv`` (cached)."""
    text = resources.files("newskg.ontology").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    return Gazetteer([_entry(row) for row in _read_rows(text)])


@lru_cache(maxsize=1)
def load_parts() -> dict[str, str]:
    """Each organ or body of ``data/parts.tsv`` with the organisation it is part of, by gazetteer key (cached).

    >>> load_parts()["un-security-council"]
    'united-nations'

    A key that is not in ``actors.tsv`` raises ``ValueError``: the table links actors the gazetteer knows.
    """
    text = resources.files("newskg.ontology").joinpath("data/parts.tsv").read_text(encoding="utf-8")
    known = load_gazetteer()
    parts = {}
    for row in _read_rows(text):
        part, whole = (row.get("part") or "").strip(), (row.get("whole") or "").strip()
        for key in (part, whole):
            if known.get(key) is None:
                raise ValueError(f"parts.tsv: {key!r} is not a key of actors.tsv; add the actor there first")
        parts[part] = whole
    return parts
