"""The actor gazetteer: data/actors.tsv, its generator and the lookups over it."""

from __future__ import annotations

import doctest
import re
from collections import Counter
from importlib import resources

import pycountry
import pytest

import newskg.ontology.build_gazetteer as build_gazetteer
import newskg.ontology.gazetteer as gazetteer_module
from newskg.ontology.gazetteer import Gazetteer, GazetteerEntry, is_acronym, load_gazetteer

# The 193 member states of the United Nations (ISO 3166-1 alpha-3), as listed by
# the UN; South Sudan (2011) is the latest to join.
UN_MEMBERS = """
    AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA BRB
    BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA
    ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI
    HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA
    LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM
    NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN
    SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO
    TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE
""".split()

ORIGINAL_KEYS = (
    "china russia united-states north-korea south-korea japan united-kingdom france united-nations un-security-council"
).split()

IGOS = (
    "united-nations un-security-council un-general-assembly un-human-rights-council un-secretariat iaea nato european-union "
    "european-commission asean african-union arab-league opec wto who imf world-bank osce g7 g20 brics sco gcc oas "
    "ecowas oic icao icj icc opcw unhcr unicef wfp council-of-europe european-parliament european-council mercosur "
    "caricom lima-group minsk-group kfor igad quartet opec-plus council-of-the-eu"
).split()
#: Armed, political and militant organisations that news reports as actors.
NON_STATE = "hamas hezbollah taliban houthis islamic-state al-qaeda polisario-front wagner-group plo palestinian-authority tplf sdf muslim-brotherhood".split()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_module_docstrings_run():
    assert doctest.testmod(gazetteer_module).failed == 0
    assert doctest.testmod(build_gazetteer).failed == 0


def test_reference_list_has_193_distinct_states():
    assert len(set(UN_MEMBERS)) == len(UN_MEMBERS) == 193


def test_every_un_member_is_present_exactly_once(gaz):
    members = Counter(entry.iso_alpha3 for entry in gaz if entry.un_status == "member")
    assert set(members) == set(UN_MEMBERS)
    assert all(count == 1 for count in members.values())
    all_states = Counter(entry.iso_alpha3 for entry in gaz if entry.kind == "State" and entry.iso_alpha3)
    assert all(count == 1 for count in all_states.values())


def test_codes_and_official_names_match_pycountry(gaz):
    states = [entry for entry in gaz if entry.kind == "State"]
    for entry in states:
        if not entry.iso_alpha3:
            continue
        country = pycountry.countries.get(alpha_3=entry.iso_alpha3)
        assert country is not None, entry.key
        assert entry.iso_alpha2 == country.alpha_2, entry.key
        official = getattr(country, "official_name", None)
        if official and "," not in official:
            assert entry.official_name in (official, re.sub(r"^the ", "", official)) or entry.key in {
                "taiwan",  # pycountry's "Taiwan, Province of China" is not how the state calls itself
            }, entry.key


def test_observers_and_non_members(gaz):
    status = {key: gaz.get(key) for key in ("palestine", "holy-see", "taiwan", "kosovo")}
    assert (status["palestine"].iso_alpha2, status["palestine"].un_status) == ("PS", "observer")
    assert (status["holy-see"].iso_alpha2, status["holy-see"].un_status) == ("VA", "observer")
    assert (status["taiwan"].iso_alpha2, status["taiwan"].un_status) == ("TW", "non-member")
    assert (status["kosovo"].iso_alpha2, status["kosovo"].un_status) == ("", "non-member")  # no ISO 3166-1 code
    assert all(entry.kind == "State" for entry in status.values())


def test_original_keys_and_organisations_are_kept(gaz):
    for key in ORIGINAL_KEYS:
        assert gaz.get(key) is not None, key
    for key in IGOS:
        assert gaz.get(key).kind == "IntergovernmentalOrganization", key
    assert {e.key for e in gaz if e.kind == "IntergovernmentalOrganization"} == set(IGOS)
    assert {e.key for e in gaz if e.kind == "Organization"} == set(NON_STATE)


def test_header_is_first_line():
    text = resources.files("newskg.ontology").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    header = text.splitlines()[0].split("\t")
    assert header[:11] == (
        "key kind label official_name iso_alpha2 iso_alpha3 capital demonyms metonyms aliases wikidata".split()
    )
    assert tuple(header) == build_gazetteer.COLUMNS


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Beijing", "china"),
        ("Moscow", "russia"),
        ("Kremlin", "russia"),
        ("Washington", "united-states"),
        ("the White House", "united-states"),
        ("U.S.", "united-states"),
        ("Pyongyang", "north-korea"),
        ("DPRK", "north-korea"),
        ("the D.P.R.K.", "north-korea"),
        ("ROK", "south-korea"),
        ("Blue House", "south-korea"),
        ("Security Council", "un-security-council"),
        ("SC", "un-security-council"),
        ("UNSC", "un-security-council"),
        ("the UN", "united-nations"),
        ("Downing Street", "united-kingdom"),
        ("UK", "united-kingdom"),
        ("Elysee", "france"),
        ("Élysée", "france"),
        ("Iran", "iran"),
        ("Tehran", "iran"),
        ("Syria", "syria"),
        ("Damascus", "syria"),
        ("Viet Nam", "vietnam"),
        ("Laos", "laos"),
        ("Bolivia", "bolivia"),
        ("Venezuela", "venezuela"),
        ("Tanzania", "tanzania"),
        ("Moldova", "moldova"),
        ("Chisinau", "moldova"),
        ("Bogota", "colombia"),
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("UAE", "united-arab-emirates"),
        ("KSA", "saudi-arabia"),
        ("DRC", "democratic-republic-of-the-congo"),
        ("Kinshasa", "democratic-republic-of-the-congo"),
        ("Brazzaville", "republic-of-the-congo"),
        ("Ivory Coast", "cote-divoire"),
        ("Cote d'Ivoire", "cote-divoire"),
        ("Burma", "myanmar"),
        ("Kyiv", "ukraine"),
        ("Kiev", "ukraine"),
        ("Malé", "maldives"),
        ("Ramallah", "palestine"),
        ("Vatican", "holy-see"),
        ("Taipei", "taiwan"),
        ("Pristina", "kosovo"),
        ("Brussels", "european-union"),
        ("EU", "european-union"),
        ("NATO", "nato"),
        ("Nato", "nato"),
        ("IAEA", "iaea"),
        ("WHO", "who"),
        ("World Bank", "world-bank"),
        ("G20", "g20"),
        ("African Union", "african-union"),
        ("League of Arab States", "arab-league"),
    ],
)
def test_lookup(gaz, name, key):
    entry = gaz.lookup(name)
    assert entry is not None, name
    assert entry.key == key


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Chinese", "china"),
        ("Sino", "china"),
        ("Russian", "russia"),
        ("French", "france"),
        ("South Korean", "south-korea"),
        ("North Koreans", "north-korea"),
        ("Iranian", "iran"),
        ("Israeli", "israel"),
        ("Israelis", "israel"),
        ("Syrian", "syria"),
        ("Filipino", "philippines"),
        ("Philippine", "philippines"),
        ("American", "united-states"),
        ("US", "united-states"),
        ("British", "united-kingdom"),
        ("Nigerien", "niger"),
        ("Nigerian", "nigeria"),
        ("Dominican", "dominican-republic"),
        ("Emirati", "united-arab-emirates"),
        ("EU", "european-union"),
    ],
)
def test_demonym(gaz, word, key):
    entry = gaz.demonym(word)
    assert entry is not None, word
    assert entry.key == key


@pytest.mark.parametrize("word", ["Korea", "Korean", "Koreans", "Congo", "Congolese", "Jerusalem", "Male", "Victoria"])
def test_ambiguous_words_stand_for_no_actor(gaz, word):
    assert gaz.lookup(word) is None
    assert gaz.demonym(word) is None


@pytest.mark.parametrize("word", ["us", "who", "sc", "car", "png", "au"])
def test_lowercase_words_are_not_acronyms(gaz, word):
    assert gaz.lookup(word) is None
    assert gaz.demonym(word) is None


def test_is_acronym():
    assert is_acronym("CAR") and is_acronym("U.N.") and is_acronym("G7")
    assert not is_acronym("Car") and not is_acronym("Nato") and not is_acronym("A") and not is_acronym("Security Council")


def test_every_name_resolves_back_to_its_actor(gaz):
    """No name, alias, metonym or demonym is shared by two actors."""
    for entry in gaz:
        for name in entry.names():
            assert gaz.lookup(name).key == entry.key, (name, entry.key)
        for demonym in entry.demonyms:
            assert gaz.demonym(demonym).key == entry.key, (demonym, entry.key)


def test_collisions_fail_the_build(tmp_path):
    extras = tmp_path / "extras.tsv"
    header = "key\tkind\tiso_alpha3\tun_status\tlabel\tofficial_name\tcapital\tdemonyms\tmetonyms\taliases\trigour"
    extras.write_text(
        header + "\n"
        "a\tIntergovernmentalOrganization\t\t\tAlpha\t\t\t\t\tAB\t\n"
        "b\tIntergovernmentalOrganization\t\t\tBeta\t\t\t\t\tA.B.\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="'ab' names both 'a' and 'b'"):
        build_gazetteer.build_rows(wikidata=False, extras=extras)


def test_duplicate_keys_are_refused():
    entry = GazetteerEntry(key="x", kind="State", label="X")
    with pytest.raises(ValueError, match="duplicate key"):
        Gazetteer([entry, entry])


def test_wikidata_ids_are_wellformed_and_unique(gaz):
    ids = [entry.wikidata for entry in gaz if entry.wikidata]
    assert all(re.fullmatch(r"Q[1-9]\d*", qid) for qid in ids)
    assert len(ids) == len(set(ids))
    assert gaz.get("china").wikidata == "Q148"  # the identifier used in ontology/README.md


def test_wikidata_ids_come_from_rigour(gaz):
    territories = pytest.importorskip("rigour.territories")
    for entry in gaz:
        if entry.kind != "State" or not entry.wikidata:
            continue
        code = entry.iso_alpha2.lower() or {"kosovo": "xk"}[entry.key]
        assert territories.get_territory(code).qid == entry.wikidata, entry.key


def test_actors_tsv_is_generated_from_the_extras():
    """actors.tsv equals a fresh build (the wikidata column only where rigour is installed)."""
    try:
        import rigour.territories  # noqa: F401

        with_wikidata = True
    except ImportError:
        with_wikidata = False
    fresh = build_gazetteer.build_rows(wikidata=with_wikidata)
    text = resources.files("newskg.ontology").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    if with_wikidata:
        assert build_gazetteer.render(fresh) == text
    else:
        lines = [line.split("\t") for line in text.splitlines()[1:]]
        stored = [{**dict(zip(build_gazetteer.COLUMNS, row)), "wikidata": ""} for row in lines]
        assert fresh == stored
