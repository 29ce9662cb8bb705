"""The extractor's word lists, read from the data files in ``extract/data/``.

Every list the rules use lives in a data file, so that the rules themselves
name no actor, country or phrase. The stance of a predicate comes from the
ontology's predicate table.

>>> lex = load_lexicon()
>>> lex.verbs[("call", "for")]
'callsFor'
>>> lex.stance("callsFor"), lex.stance("rejects"), lex.stance("imposes")
('support', 'oppose', 'none')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newskg.ontology.predicates import group_of, load_predicates, stance_of

__all__ = ["Lexicon", "load_lexicon", "read_table", "read_words"]


def _data_text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def read_words(name: str, package: str = "newskg.extract") -> frozenset[str]:
    """The words of a one-word-a-line data file (``#`` starts a comment)."""
    return frozenset(word.lower() for word in _raw_words(name, package))


def _raw_words(name: str, package: str = "newskg.extract") -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in _data_text(package, f"data/{name}").splitlines())
    return [line for line in lines if line]


def read_table(name: str, package: str = "newskg.extract", *, header: bool = False) -> list[list[str]]:
    """The rows of a tab-separated data file, comments and blank lines left out."""
    lines = [line for line in _data_text(package, f"data/{name}").splitlines() if line.strip() and not line.startswith("#")]
    rows = [[cell.strip() for cell in row] for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return rows[1:] if header else rows


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@dataclass(frozen=True)
class Lexicon:
    """All word lists, keyed for fast lookups."""

    verbs: dict[tuple[str, ...], str]  # ("call", "for") -> "callsFor"
    titles: dict[tuple[str, ...], tuple[str, str]]  # ("prime", "minister") -> ("leaderOf", "prime minister of")
    events: dict[str, tuple[str, str]]  # "test" -> ("tests", "test")
    adjectives: dict[tuple[str, ...], tuple[str, str]]  # ("united", "for") -> ("supports", "united for")
    modals: dict[str, str]
    removal: frozenset[str]
    collectives: frozenset[str]
    commanding: frozenset[str]  # "ordered X to do Y": a call for Y; "ordered the closure": the act
    state_words: frozenset[str]  # "his country", "its government": the possessor's actor
    member_nouns: frozenset[str]  # "NATO allies", "EU partners": an organisation's members, for the organisation
    complements: frozenset[str]
    factive: frozenset[str]  # "regretted that X ...": a reaction to what the clause tells, which stays a fact
    speech: frozenset[str]
    claim_nouns: frozenset[str]  # "claims that ...", "reports that ...": a clause only claimed
    address: frozenset[str]  # "thank", "urge": said to someone, by the speaker of the sentence
    evaluative: dict[str, str]  # "catastrophic" -> "oppose"
    descriptions: dict[str, str]  # "alliance" -> "IntergovernmentalOrganization"
    stances: dict[str, str]  # predicate local name -> support | oppose | none
    groups: dict[str, str]  # predicate local name -> stance | action | affiliation
    senses: dict[tuple[str, str], tuple[str, tuple[str, ...]]]  # ("cut", "tie") -> ("seversTiesWith", ("with",))
    instruments: dict[tuple[str, str], str]  # ("hit", "tariff") -> "imposes": "hit X with tariffs"
    agent_nouns: dict[str, str]  # "critic" -> "criticizes": "X is a vocal critic of Y"
    stance_nouns: dict[str, tuple[str, tuple[str, ...]]]  # "concern" -> ("criticizes", ("about", "over", ...))
    light_verbs: frozenset[str]  # "express", "voice": their object noun carries the stance
    no_statement: frozenset[str]  # verbs that never make a statement of their own ("be", "seem")
    cancelling: frozenset[str]  # governors after which the governed act is not done ("failed to adopt")
    negating: frozenset[str]  # governors that turn the stance of what they govern ("refused to sign")
    committing: frozenset[str]  # governors that make an act a position for doing it ("offered to mediate")
    following: frozenset[tuple[str, ...]]  # ("follow", "suit"): doing what another actor did just before
    causing: frozenset[str]  # "lead", "trigger": what a warned-of thing may bring about is what is warned of
    causatives: frozenset[str]  # "prompt", "force": "prompted X to act" is X's act
    eliciting: frozenset[str]  # "draw", "attract": "X drew condemnation from Y" is Y's stance toward X
    ended_events: frozenset[str]  # "hostilities": an end to them is called for as such, a ceasefire
    harming: frozenset[str]  # "damage", "complicate": said of a thing with a modal, a warning against it
    remedying: frozenset[str]  # "solve", "help": said of a thing with a modal and a negation, a warning against it
    light_objects: frozenset[str]  # "floor", "role", "way": an unlisted verb's object that says how, not what
    wrongdoing: frozenset[tuple[str, ...]]  # ("overreact",), ("break", "promise"): told by another, an accusation
    act_references: frozenset[str]  # "decision", "move": a bare noun that refers back to an act told before
    second_objects: dict[str, tuple[tuple[str, ...], str]]  # "thank" -> (("for",), "praises")
    accompanying: frozenset[str]  # "join": "X joined Y in condemning Z" is about Z
    vote_texts: frozenset[str]  # "resolution", "draft": what a vote with no object is on
    vote_words: frozenset[str]  # "vote", "ballot": an object that names the vote, not what it was on
    group_nouns: frozenset[str]  # "countries", "leaders": a plural that can name a group of actors
    social_groups: frozenset[str]  # "protesters", "activists": people who act as a group, not as their state
    armed_groups: frozenset[str]  # "rebels", "militias": backing them, told by another, is an accusation
    valence: dict[str, float]  # "illegitimate" -> -2.1: a general polarity lexicon, for judgements ("called X illegitimate")
    institution_words: frozenset[str]  # "foreign", "ministry": words of institutions named by what they do
    nominalizations: dict[str, str]  # "expulsion" -> "expel"
    announcing: frozenset[str]  # "announce", "order": their object noun names the act
    not_actors: frozenset[str]  # "reuters", "twitter": names that never stand for an actor
    document_nouns: frozenset[str]  # "statement", "resolution": texts that speak for who issues or backs them
    document_verbs: frozenset[str]  # "adopt", "veto": what makes "a resolution" without a number a document
    document_heads: frozenset[str]  # "resolution", "draft": texts named without a number
    relational_nouns: frozenset[str]  # "neighbour", "rival": "its neighbour" is the state named just before
    statement_nouns: frozenset[str]  # "statement": a text only a speaker puts out (the last speaker's, if no other)
    agreement_words: frozenset[str]  # "agreement", "treaty": the last word of a named agreement
    judging: frozenset[str]  # "call", "describe": their complement judges their object
    hostile_acts: frozenset[str]  # "imposes", "bans": against the actor their object names
    acts_on_things: frozenset[str]  # "expels", "attacks": against an actor, a plain act done to a thing
    vote_phrases: dict[str, str]  # "voting against" -> "votesAgainst" ("Voting against were A and B")

    def stance(self, predicate: str) -> str:
        """The stance a predicate expresses: ``support``, ``oppose`` or ``none``."""
        return self.stances.get(predicate, "none")

    def predicate_label(self, predicate: str) -> str:
        """The words of a predicate ("votes against")."""
        return load_predicates()[predicate].label if predicate in load_predicates() else predicate

    def group(self, predicate: str) -> str:
        """``stance``, ``action`` or ``affiliation``: the family of a predicate."""
        return self.groups.get(predicate, "action")

    @property
    def max_title_words(self) -> int:
        return max((len(key) for key in self.titles), default=1)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every word list (cached)."""
    predicates = load_predicates()
    stances = {name: stance_of(name, predicates) for name in predicates}
    verbs = {_phrase_key(row[0]): row[1] for row in read_table("verbs.tsv")}
    unknown = sorted({p for p in verbs.values() if p not in stances})
    if unknown:
        raise ValueError(
            f"extract/data/verbs.tsv names predicates missing from ontology/data/predicates.tsv: {unknown}; "
            "add them to the predicate table or fix the spelling"
        )
    return Lexicon(
        verbs=verbs,
        titles={_phrase_key(row[0]): (row[1], row[2]) for row in read_table("titles.tsv")},
        events={row[0].lower(): (row[1], row[2]) for row in read_table("events.tsv")},
        adjectives={_phrase_key(row[0]): (row[1], row[2]) for row in read_table("adjectives.tsv")},
        modals={row[0].lower(): row[1] for row in read_table("modals.tsv")},
        removal=read_words("removal.txt"),
        collectives=read_words("collectives.txt"),
        member_nouns=read_words("member_nouns.txt"),
        state_words=read_words("state_words.txt"),
        commanding=read_words("commanding.txt"),
        complements=read_words("complements.txt"),
        factive=read_words("factive.txt"),
        speech=read_words("speech.txt"),
        address=read_words("address.txt"),
        claim_nouns=read_words("claim_nouns.txt"),
        evaluative={row[0].lower(): row[1] for row in read_table("evaluative.tsv")},
        descriptions={row[0].lower(): row[1] for row in read_table("descriptions.tsv")},
        stances=stances,
        groups={name: group_of(name, predicates) for name in predicates},
        senses=_senses(stances),
        instruments=_instruments(stances),
        agent_nouns={row[0].lower(): _checked("agent_nouns.tsv", row[1], stances) for row in read_table("agent_nouns.tsv")},
        stance_nouns=_stance_nouns(stances),
        light_verbs=read_words("light_verbs.txt"),
        no_statement=read_words("no_statement.txt"),
        cancelling=read_words("cancelling.txt"),
        negating=read_words("negating.txt"),
        committing=read_words("committing.txt"),
        following=frozenset(_phrase_key(phrase) for phrase in read_words("following.txt")),
        light_objects=read_words("light_objects.txt"),
        causing=read_words("causing.txt"),
        causatives=read_words("causatives.txt"),
        eliciting=read_words("eliciting.txt"),
        ended_events=read_words("ended_events.txt"),
        harming=read_words("harming.txt"),
        remedying=read_words("remedying.txt"),
        wrongdoing=frozenset(_phrase_key(phrase) for phrase in read_words("wrongdoing.txt")),
        act_references=read_words("act_references.txt"),
        second_objects={row[0].lower(): (_words(row[1]), _checked("second_objects.tsv", row[2], stances))
                        for row in read_table("second_objects.tsv")},
        accompanying=read_words("accompanying.txt"),
        vote_texts=read_words("vote_texts.txt"),
        vote_words=read_words("vote_words.txt"),
        group_nouns=read_words("group_nouns.txt"),
        social_groups=read_words("social_groups.txt"),
        armed_groups=read_words("armed_groups.txt"),
        valence=_valence(),
        institution_words=read_words("institution_words.txt"),
        nominalizations={row[0].lower(): row[1].lower() for row in read_table("nominalizations.tsv")},
        announcing=read_words("announcing_verbs.txt"),
        not_actors=frozenset(" ".join(w.split()) for w in read_words("not_actors.txt")),
        document_nouns=read_words("document_nouns.txt"),
        document_verbs=read_words("document_verbs.txt"),
        document_heads=read_words("unnumbered_documents.txt"),
        relational_nouns=read_words("relational_nouns.txt"),
        statement_nouns=read_words("statement_nouns.txt"),
        agreement_words=read_words("agreement_words.txt"),
        judging=read_words("judging_verbs.txt"),
        hostile_acts=frozenset(name for name in _raw_words("hostile_acts.txt") if _checked("hostile_acts.txt", name, stances)),
        acts_on_things=frozenset(name for name in _raw_words("acts_on_things.txt")
                                 if _checked("acts_on_things.txt", name, stances)),
        vote_phrases={row[0].lower(): _checked("vote_phrases.tsv", row[1], stances) for row in read_table("vote_phrases.tsv")},
    )


def _checked(name: str, predicate: str, stances: dict[str, str]) -> str:
    if predicate not in stances:
        raise ValueError(
            f"extract/data/{name} names the predicate {predicate!r}, which ontology/data/predicates.tsv lacks; "
            "add it to the predicate table or fix the spelling"
        )
    return predicate


def _words(cell: str) -> tuple[str, ...]:
    return tuple(word.strip().lower() for word in cell.split("|") if word.strip() and word.strip() != "-")


def _senses(stances: dict[str, str]) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """``senses.tsv``: a verb whose sense its object noun decides ("cut ties", "launch an invasion");
    predicate "" (written "-") where the pair makes no statement ("follow suit")."""
    found = {}
    for row in read_table("senses.tsv"):
        verb, nouns, predicate, preps = (row + ["", "", "", ""])[:4]
        predicate = "" if predicate == "-" else _checked("senses.tsv", predicate, stances)
        for noun in _words(nouns):
            found[(verb.lower(), noun)] = (predicate, _words(preps))
    return found


def _instruments(stances: dict[str, str]) -> dict[tuple[str, str], str]:
    """``instruments.tsv``: a verb whose sense the noun of its "with" phrase decides ("hit X with tariffs")."""
    found = {}
    for row in read_table("instruments.tsv"):
        verb, nouns, predicate = (row + ["", "", ""])[:3]
        predicate = _checked("instruments.tsv", predicate, stances)
        for noun in _words(nouns):
            found[(verb.lower(), noun)] = predicate
    return found


def _stance_nouns(stances: dict[str, str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """``stance_nouns.tsv``: a noun that names a stance ("support for", "concern about")."""
    found = {}
    for row in read_table("stance_nouns.tsv"):
        noun, predicate, preps = (row + ["", "", ""])[:3]
        found[noun.lower()] = (_checked("stance_nouns.tsv", predicate, stances), _words(preps))
    return found


def _valence() -> dict[str, float]:
    """Word valences (-4 .. 4) of the VADER lexicon that ships inside the ``vadersentiment`` package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0].isalpha():
            found[cells[0].lower()] = float(cells[1])
    return found
