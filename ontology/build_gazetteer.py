"""Regenerate ``data/actors.tsv`` from pycountry and the hand-kept ``data/actor_extras.tsv``.

Names and codes come from sources that can be checked on any machine:

* ISO 3166-1 alpha-2/alpha-3 codes and official names: ``pycountry``;
* Wikidata IDs: the territory table shipped in the ``rigour`` package
  (``rigour.territories``), looked up by ISO alpha-2 code or by the code in
  the extras' ``rigour`` column; rows it does not cover keep an empty ID;
* everything else (short labels, capitals, demonyms, metonyms, aliases, UN
  membership): ``data/actor_extras.tsv``, edited by hand.

The output is deterministic: the same inputs give the same file byte for byte.

Run ``python -m newskg.ontology.build_gazetteer`` to rewrite the file, or
``--check`` to exit 1 when the file on disk is out of date.

>>> rows = build_rows(wikidata=False)
>>> china = next(row for row in rows if row["key"] == "china")
>>> china["iso_alpha3"], china["capital"], china["metonyms"]
('CHN', 'Beijing', 'Beijing|Zhongnanhai')
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

from newskg.ontology.gazetteer import normalize_name

__all__ = [
    "COLUMNS",
    "CAPITALS_NOT_METONYMS",
    "UNMAPPED",
    "build_rows",
    "render",
    "fold_accents",
    "plural",
    "main",
]

DATA = Path(__file__).with_name("data")
EXTRAS = DATA / "actor_extras.tsv"
OUTPUT = DATA / "actors.tsv"

COLUMNS = (
    "key",
    "kind",
    "label",
    "official_name",
    "iso_alpha2",
    "iso_alpha3",
    "capital",
    "demonyms",
    "metonyms",
    "aliases",
    "wikidata",
    "un_status",
)

# Capitals that are not used as a metonym of their state: contested (Jerusalem),
# standing for another actor in the news (Brussels: the European Union), or too
# ambiguous as a bare word (Victoria, Saint John's, St. George's, Kingston).
CAPITALS_NOT_METONYMS = frozenset(
    {"Jerusalem", "Brussels", "Victoria", "Saint John's", "St. George's", "Yaren"}
)
# Words that stand for no single actor and are never written as a name or a
# demonym: "Congo" (two states), "Korea"/"Korean" (two states), "Jerusalem"
# (contested capital), "Male" (an English word; the capital is written "Malé").
UNMAPPED = frozenset({"congo", "congolese", "korea", "korean", "koreans", "jerusalem", "male"})
_PLURAL_ENDINGS = ("an", "i", "er", "on", "ek", "ik", "ot", "ite")
_ORDER = {"State": 0, "IntergovernmentalOrganization": 1}


def fold_accents(text: str) -> str:
    """Drop diacritics: the spelling a plain-ASCII article would use.

    >>> fold_accents("Bogotá"), fold_accents("Chișinău"), fold_accents("Élysée")
    ('Bogota', 'Chisinau', 'Elysee')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plural(demonym: str) -> str | None:
    """The plural noun of a demonym when a regular one exists, else None.

    >>> plural("Afghan"), plural("Israeli"), plural("Chinese"), plural("I-Kiribati")
    ('Afghans', 'Israelis', None, None)
    """
    if not demonym[-1].islower() or re.match(r"^(I|Ni)-", demonym):
        return None
    return demonym + "s" if demonym.endswith(_PLURAL_ENDINGS) else None


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _unique(names, *, exclude=()) -> list[str]:
    """Drop repeated spellings; add the accent-free spelling after each accented one.

    Spellings that differ only in dots or case ("U.S."/"US", "Nato"/"NATO")
    are all kept: a phrase matcher built from the gazetteer needs each of them.

    >>> _unique(["Bogotá", "Bogotá", "U.S.", "US"], exclude=["US"])
    ['Bogotá', 'Bogota', 'U.S.']
    """
    seen = set(exclude)
    out: list[str] = []
    for name in names:
        for spelling in (name, fold_accents(name)):
            if spelling in seen or normalize_name(spelling) in UNMAPPED:
                continue
            seen.add(spelling)
            out.append(spelling)
    return out


def _strip_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name)


def _country(alpha3: str):
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise ValueError(f"actor_extras.tsv: {alpha3!r} is not an ISO 3166-1 alpha-3 code known to pycountry")
    return country


def _wikidata_lookup():
    try:
        from rigour.territories import get_territory
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise SystemExit(
            "build_gazetteer: Wikidata IDs come from the 'rigour' package; "
            "install it (pip install rigour) or pass --no-wikidata"
        ) from error

    def lookup(code: str) -> str:
        territory = get_territory(code.lower()) if code else None
        qid = getattr(territory, "qid", "") or ""
        return qid if re.fullmatch(r"Q\d+", qid) else ""

    return lookup


def _row(extra: dict[str, str], wikidata) -> dict[str, str]:
    alpha3 = extra["iso_alpha3"].strip()
    alpha2 = ""
    label = extra["label"].strip()
    official = extra["official_name"].strip()
    aliases = _split(extra["aliases"])
    if alpha3:
        country = _country(alpha3)
        alpha2 = country.alpha_2
        label = label or getattr(country, "common_name", None) or country.name
        official = official or _strip_article(getattr(country, "official_name", "") or "")
        if not official and "," not in country.name:
            official = country.name
        if "," not in country.name and "(" not in country.name:
            aliases.append(country.name)
    capital = extra["capital"].strip()
    metonyms = _split(extra["metonyms"])
    if capital and capital not in CAPITALS_NOT_METONYMS:
        metonyms.insert(0, capital)
    demonyms: list[str] = []
    for demonym in _split(extra["demonyms"]):
        demonyms.append(demonym)
        if (many := plural(demonym)) is not None:
            demonyms.append(many)
    own = [label, official] if official else [label]
    rigour_code = extra["rigour"].strip() or alpha2
    return {
        "key": extra["key"].strip(),
        "kind": extra["kind"].strip(),
        "label": label,
        "official_name": official,
        "iso_alpha2": alpha2,
        "iso_alpha3": alpha3,
        "capital": capital,
        "demonyms": "|".join(_unique(demonyms)),
        "metonyms": "|".join(_unique(metonyms, exclude=own)),
        "aliases": "|".join(_unique(aliases, exclude=own)),
        "wikidata": wikidata(rigour_code) if wikidata else "",
        "un_status": extra["un_status"].strip(),
    }


def _read_extras(path: Path = EXTRAS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def check_conflicts(rows: list[dict[str, str]]) -> None:
    """Fail when one name or one demonym would stand for two actors.

    >>> check_conflicts([{"key": "a", "label": "X", "official_name": "", "aliases": "", "metonyms": "",
    ...                   "demonyms": ""},
    ...                  {"key": "b", "label": "Y", "official_name": "", "aliases": "X", "metonyms": "",
    ...                   "demonyms": ""}])
    Traceback (most recent call last):
    ...
    ValueError: actor_extras.tsv: 'x' names both 'a' and 'b'; keep it on one actor only
    """
    for columns, what in ((("label", "official_name", "aliases", "metonyms"), "names"), (("demonyms",), "is a demonym of")):
        owner: dict[str, str] = {}
        for row in rows:
            for column in columns:
                for name in _split(row[column]) if column in ("aliases", "metonyms", "demonyms") else [row[column]]:
                    if not name:
                        continue
                    key = normalize_name(name)
                    if owner.setdefault(key, row["key"]) != row["key"]:
                        raise ValueError(
                            f"actor_extras.tsv: {key!r} {what} both {owner[key]!r} and {row['key']!r}; "
                            "keep it on one actor only"
                        )


def build_rows(*, wikidata: bool = True, extras: Path = EXTRAS) -> list[dict[str, str]]:
    """The rows of ``actors.tsv``: states first, then organisations, each sorted by key."""
    lookup = _wikidata_lookup() if wikidata else None
    rows = [_row(extra, lookup) for extra in _read_extras(extras)]
    keys = [row["key"] for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("actor_extras.tsv: keys must be unique")
    check_conflicts(rows)
    return sorted(rows, key=lambda row: (_ORDER.get(row["kind"], 9), row["key"]))


def render(rows: list[dict[str, str]]) -> str:
    """The TSV text of ``rows`` with the header line first."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n", escapechar=None
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write ``data/actors.tsv`` (or with ``--check`` report whether it is up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if actors.tsv differs from a fresh build")
    parser.add_argument("--no-wikidata", action="store_true", help="leave the wikidata column empty")
    args = parser.parse_args(argv)
    rows = build_rows(wikidata=not args.no_wikidata)
    text = render(rows)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8")
        if current != text:
            print("actors.tsv is out of date: run python -m newskg.ontology.build_gazetteer", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    states = sum(row["kind"] == "State" for row in rows)
    print(f"wrote {OUTPUT} ({states} states, {len(rows) - states} organisations)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
