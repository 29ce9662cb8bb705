"""Targets: the actors a statement about an issue is directed at.

A stance or an act often takes an issue as its object while the actor it is
aimed at stands inside that phrase: "France condemned *Russia's* invasion",
"the *Russian* offensive", "an attack *by Hamas*", "air strikes *against the
Islamic State*", "aid *to Lebanon*", "an agreement *with the European Union*".
:func:`object_targets` reads them off the parse so that "who opposes whom"
can be asked as well as "who opposes what". The doer of the act (possessor,
modifier, agent) comes first; without one, for an act the subject does, the
actors it is directed at (:data:`~newskg.extract.constants.DIRECTED_PREPOSITIONS`). A phrase naming no
actor in those places has no target; an object that is itself an actor is its
own target and gets none here.

>>> from newskg.extract.parse import load_nlp  # doctest: +SKIP
>>> from newskg.extract.state import DocState  # doctest: +SKIP
>>> doc = load_nlp()("France condemned Russia's invasion.")  # doctest: +SKIP
>>> object_targets(doc, DocState(doc), (17, 35))  # doctest: +SKIP
['russia']
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .constants import DIRECTED_PREPOSITIONS
from .state import DocState

__all__ = ["object_targets", "DOER_DEPS", "NOT_TARGETS"]

#: Dependencies of the words that name who does what a noun names: "Russia's war", "the Russian offensive",
#: "US sanctions".
DOER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
#: Kinds of actor record that are no target: texts and issues are what a statement is about, not whom.
NOT_TARGETS = frozenset({"Document", "Issue", ""})
#: Prepositions of a passive verb that name whom the act is aimed at ("was imposed on X", "were fired at X");
#: "from" says where it came from.
PASSIVE_DIRECTIONS = DIRECTED_PREPOSITIONS - {"from"}


def object_targets(doc: Doc, state: DocState, span: tuple[int, int] | list[int] | None, *,
                   directed: bool = True) -> list[str]:
    """The keys of the actors the object phrase at character offsets ``span`` is directed at, in text order.

    ``directed=False`` (a judgement of the act the phrase names, "condemned the attack on X") keeps only its
    doers: the one an act was done to is no target of the judgement.
    """
    if not span:
        return []
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None or not len(piece):
        return []
    root = piece.root
    inside = range(piece.start, piece.end)
    doers = [k for c in root.children if c.dep_ in DOER_DEPS and c.i < root.i and c.i in inside
             for k in _actors(c, state)]
    if doers:
        return _unique(doers)
    by = [k for c in root.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
          if c.i in inside for g in c.children if g.dep_ == "pobj" for k in _members(g, state)]
    if by or not directed:
        return _unique(by)
    toward = [k for c in root.children if c.dep_ == "prep" and c.lower_ in DIRECTED_PREPOSITIONS and c.i in inside
              for g in c.children if g.dep_ == "pobj" for k in _members(g, state)]
    if not toward and root.dep_ == "nsubjpass":
        # "sanctions were imposed on Iran (by the EU)": the passive verb says whom what it acted on is aimed at
        toward = [k for c in _passive_preps(root.head) for g in c.children if g.dep_ == "pobj"
                  for k in _members(g, state)]
    return _unique(toward)


def _passive_preps(verb: Token) -> list[Token]:
    """The directed prepositions of a passive verb, and those the parser hung on its agent ("imposed by the EU on
    Russia", with "on Russia" attached to "EU")."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in PASSIVE_DIRECTIONS]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        preps += [p for g in agent.children if g.dep_ == "pobj" for p in g.children
                  if p.dep_ == "prep" and p.lower_ in PASSIVE_DIRECTIONS and p.i > g.i]
    return preps


def _actors(token: Token, state: DocState) -> list[str]:
    return [k for k in state.actor_keys(token.i) if state.actors.kind(k) not in NOT_TARGETS]


def _members(token: Token, state: DocState) -> list[str]:
    """The actors of a prepositional object and of the words conjoined to it ("against Iran and Syria").

    A noun that names no actor stands for those naming it ("against Islamic State positions", "on Houthi
    targets").
    """
    found = []
    for t in (token, *token.conjuncts):
        found += _actors(t, state) or [k for c in t.children if c.dep_ in DOER_DEPS and c.i < t.i
                                       for k in _actors(c, state)]
    return found


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))
