"""Lists of actors the parser did not conjoin.

In "French President Emmanuel Macron, German Chancellor Angela Merkel and British
Prime Minister Theresa May said ..." the small English model often hangs the
later names on the first as an apposition or a modifier instead of conjuncts.
:func:`list_members` finds the whole list: the word's conjuncts, and the actor
names of the same kind in its phrase that only commas, "and" and titles separate.
"""

from __future__ import annotations

from spacy.tokens import Token

from .state import DocState

__all__ = ["list_members"]

#: Dependencies of a name that modifies or completes another word: "Iran" in "Iran's rivals" is no member.
_NOT_MEMBERS = {"poss", "amod", "pobj", "dobj", "nsubj", "compound"}
#: Words that may stand between the names of a list.
_SEPARATORS = {",", "and", "as", "well", "&"}


def list_members(token: Token, state: DocState) -> list[Token]:
    """The token and the other members of the list it heads, in text order."""
    found = [token, *(t for t in token.conjuncts if t.i > token.i), *_listed_after_of(token, state)]
    kind = _kind(token, state)
    if kind is None:
        return found
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    # "US and British activists" names one group: the names before the noun inside its name are no members
    own = state.span_of(token.i) or (token.i, token.i + 1)
    own = (own[0], token.i) if len(state.head_keys(token.i)) == 1 else (token.i, token.i)
    names = [t for t in doc[start:end] if t.i != token.i and _kind(t, state) == kind and t.i not in {f.i for f in found}
             and t.dep_ not in _NOT_MEMBERS and not own[0] <= t.i < own[1]]
    if not names:
        return found
    # between the names there may be only separators, titles and name words (no verb, no clause)
    spans = [state.span_of(t.i) or (t.i, t.i + 1) for t in (*found, *names)]
    inside = {i for a, b in spans for i in range(a, b)}
    for t in doc[start:end]:
        if t.i in inside or t.lower_ in _SEPARATORS or t.is_punct:
            continue
        if t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON", "DET") and t.lower_ not in ("the",):
            return found
    return sorted({t.i: t for t in (*found, *names)}.values(), key=lambda t: t.i)


def _listed_after_of(token: Token, state: DocState) -> list[Token]:
    """States the parser conjoined to the organisation an actor's "of" phrase names: in "EU members of the Human
    Rights Council, Nigeria, Cameroon and Chile voted", Nigeria, Cameroon and Chile are subjects beside the EU
    members, not members of the council."""
    if not state.head_keys(token.i):
        return []
    found = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for body in (g for g in prep.children if g.dep_ == "pobj" and state.head_keys(g.i)):
            if state.actors.kind(state.head_keys(body.i)[0]) == "State":
                continue
            found += [c for c in body.conjuncts if c.i > body.i and state.head_keys(c.i)
                      and state.actors.kind(state.head_keys(c.i)[0]) == "State"]
    return found


def _kind(token: Token, state: DocState) -> str | None:
    keys = state.head_keys(token.i)
    if not keys:
        return None
    kind = state.actors.kind(keys[0])
    return "Person" if kind == "Person" else ("Actor" if kind not in ("Document", "Issue", "") else None)
