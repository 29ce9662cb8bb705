"""Coreference for actors, by rules that can be explained.

The ``newskg_coref`` component resolves the words that stand for an actor
named elsewhere:

- ``he``, ``she``, ``him``, ``her``, ``his``: the nearest person named before,
  preferring the subject of a recent clause;
- ``his government`` (``her country``, ...): the actor that person is an envoy,
  leader or minister of;
- ``they``, ``them``, ``their``: the nearest plural subject before (a group of
  conjoined actors, "Security Council members", an earlier resolved "they"); a
  plural subject that is not an actor ("new sanctions") blocks the rule, so that
  "they" never jumps over the thing it really means;
- ``it``, ``its``: the nearest singular main-clause subject before; a document
  an actor issued ("a joint statement") speaks for its issuers;
- ``the three countries``, ``both sides``, ``the alliance``: the nearest group of
  that many actors, or the nearest actor of the kind the noun names
  (``extract/data/descriptions.tsv``); a number alone as a subject (``the two``, ``both``, ``all three``):
  the nearest group of that many;
- ``we``, ``our``, ``us`` inside a quotation: the quoted speaker.

A pronoun as an object that is not an actor ("supported them") gets its
antecedent phrase, so that the triple's object can name it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from newskg.ontology.gazetteer import load_gazetteer, load_parts

from .constants import CONTRASTIVE_MODIFIERS, LOOSE_DESCRIPTIONS, NUMBER_WORDS
from .lexicon import Lexicon, load_lexicon
from .lists import list_members
from .mentions import load_people
from .state import DocState, TokenTable

__all__ = ["CorefResolver", "quote_regions"]

_SINGULAR_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_NEUTER = {"it", "its", "itself"}
_FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d"}
_QUOTE_MARKS = frozenset({*_QUOTES, *_QUOTES.values(), '"'})
_ANAPHORS = _SINGULAR_PERSON | _PLURAL | _NEUTER | _FIRST_PLURAL
_PLURAL_WORDS = _PLURAL | _FIRST_PLURAL
_LOOKBACK_SENTENCES = 3
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout"}


@dataclass
class _Entry:
    """A phrase that a later pronoun may point back to."""

    i: int  # token index of the phrase head
    keys: list[str]  # actors it stands for; empty if it is not an actor
    plural: bool
    person: bool
    main: bool  # subject of a main clause
    sentence: int
    span: tuple[int, int]
    mention: bool = False  # an actor named outside a subject: only descriptions ("the league") point back to it


class CorefResolver:
    """The ``newskg_coref`` pipeline component."""

    def __init__(self, nlp: Language, name: str, *, lexicon: Lexicon | None = None):
        self.name = name
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state = DocState(doc)
        table = TokenTable(doc)
        regions = quote_regions(doc, state, self.lexicon, table=table)
        state.data["quotes"] = [[start, end, keys] for start, end, keys in regions]
        entries: list[_Entry] = []
        self._all_entries = entries
        issued = self._issued_documents(doc, state, table)
        self._issued = issued
        anaphors = self._anaphors(table)
        antecedents = self._antecedents(table, state, issued)
        todo = sorted(anaphors | antecedents)
        for s_index, sent in enumerate(doc.sents):
            for i in todo[bisect_left(todo, sent.start) : bisect_left(todo, sent.end)]:
                token = doc[i]
                if i in anaphors:
                    self._resolve(token, s_index, state, entries, regions)
                if i in antecedents:
                    entry = self._entry(token, s_index, state, issued)
                    if entry is not None:
                        entries.append(entry)
        self._pronoun_speakers(doc, state, table, regions)
        self._whose(doc, state, table)
        return doc

    def _whose(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``Kyaw Moe Tun, whose delegation voted in favour``: the collective is the one the relative clause is
        about (the actor a person speaks for)."""
        for i in table.where("lower_", ("whose",), lower=True):
            token = doc[i]
            noun = token.head
            if token.dep_ != "poss" or state.actor_keys(noun.i) or \
                    not {noun.lemma_.lower(), noun.lower_} & (self.lexicon.collectives | self.lexicon.state_words):
                continue
            clause = noun.head
            while clause.dep_ != "relcl" and clause.head is not clause and clause.i > noun.i - 1 and clause.pos_ != "NOUN":
                clause = clause.head
            if clause.dep_ != "relcl":
                continue
            keys = state.actor_keys(clause.head.i)
            found = _affiliation(keys, state) if keys else []
            if found:
                state.set_ref(noun.i, found)

    def _pronoun_speakers(self, doc: Doc, state: DocState, table: TokenTable, regions) -> None:
        """Quotes whose speaker is a pronoun ('"We will not ...," he said'): known once the pronoun is resolved,
        so that "we" inside them stands for the speaker's state."""
        unknown = [k for k, (_, _, speaker) in enumerate(regions) if not speaker]
        if not unknown:
            return
        speech = _speech_verbs(table, self.lexicon)
        for k in unknown:
            start, end, _ = regions[k]
            speaker = _speaker_outside(table, start, end, state, speech) or _speaker_before(table, start, state, speech)
            if not speaker:
                continue
            regions[k] = (start, end, speaker)
            state.data["quotes"][k] = [start, end, speaker]
            for token in doc[start:end]:
                if token.lower_ in _FIRST_PLURAL and not state.data["refs"].get(str(token.i)):
                    state.set_ref(token.i, _affiliation(speaker, state) or speaker)

    def _anaphors(self, table: TokenTable) -> set[int]:
        """The tokens :meth:`_resolve` may resolve: pronouns and descriptions."""
        found = set(table.where("lower_", _ANAPHORS))
        descriptions = self.lexicon.descriptions
        nouns = set(table.where("pos_", ("NOUN",)))
        # "the bloc" tagged as a proper noun: a lower-case word is still a description
        nouns.update(i for i in table.where("pos_", ("PROPN",)) if table.doc[i].is_lower or _bare_title_case(table.doc[i]))
        found.update(i for i in table.where("lemma_", descriptions, lower=True) if i in nouns)
        # "The two criticized ...", "Both condemned ...": a number standing alone for a group named before
        found.update(i for i in table.where("lower_", tuple(NUMBER_WORDS)) if _counted_subject(table.doc[i]))
        # "the statement said ...": a text an actor issued before speaks for it
        found.update(i for i in table.where("lemma_", self.lexicon.document_nouns, lower=True)
                     if i in nouns and table.doc[i].dep_ == "nsubj")
        return found

    @staticmethod
    def _antecedents(table: TokenTable, state: DocState, issued: dict[int, Token]) -> set[int]:
        """The tokens :meth:`_entry` may record: subjects, issued documents, mentions and noun objects."""
        found = set(table.where("dep_", _SUBJECT_DEPS))
        found.update(issued)
        found.update(int(i) for i in state.data["heads"])
        nouns = set(table.where("pos_", ("NOUN",)))
        # "the bloc" tagged as a proper noun: a lower-case word is still a description
        nouns.update(i for i in table.where("pos_", ("PROPN",)) if table.doc[i].is_lower or _bare_title_case(table.doc[i]))
        found.update(i for i in table.where("dep_", ("dobj", "pobj")) if i in nouns)
        return found

    # -- recording antecedents ----------------------------------------------------------------

    def _entry(self, token: Token, s_index: int, state: DocState, issued: dict[int, Token]) -> _Entry | None:
        dep = token.dep_
        if dep in _SUBJECT_DEPS and not (dep == "nsubj" and token.head.dep_ == "amod"):
            conjuncts = [t for t in list_members(token, state) if t.i != token.i]
            keys = _group_keys(token, state, conjuncts)
            plural = bool(conjuncts) or token.tag_ in ("NNS", "NNPS") or token.lower_ in _PLURAL_WORDS
            person = bool(keys) and all(state.actors.kind(k) == "Person" for k in keys)
            head = token.head
            main = head.dep_ in ("ROOT", "conj") or head.head == head or (
                # "N expressed his support, the ministry said": the clause reported is the sentence's main one
                head.dep_ in ("ccomp", "parataxis") and head.head.i > head.i
                and head.head.lemma_.lower() in self.lexicon.speech)
            return _Entry(token.i, keys, plural, person, main, s_index, (token.left_edge.i, token.right_edge.i + 1))
        if token.i in issued and _group_keys(issued[token.i], state):
            return _Entry(token.i, _group_keys(issued[token.i], state), False, False, True, s_index,
                          (token.left_edge.i, token.i + 1))
        keys = state.head_keys(token.i)
        if not keys and dep in ("dobj", "pobj"):
            # "welcomed the deal. X hailed it": a description resolved to a text stands for that text
            referred = state.actor_keys(token.i)
            if referred and all(state.actors.kind(k) == "Document" for k in referred):
                keys = referred
        if keys and state.actors.kind(keys[0]) == "Person":
            return _Entry(token.i, keys, False, True, False, s_index, (token.i, token.i + 1))
        if keys and state.actors.kind(keys[0]) == "Document":
            return _Entry(token.i, keys, False, False, False, s_index, state.span_of(token.i) or (token.i, token.i + 1))
        if keys and state.actors.kind(keys[0]) not in ("", "Issue") and dep not in _SUBJECT_DEPS:
            return _Entry(token.i, keys, len(keys) > 1, False, False, s_index,
                          state.span_of(token.i) or (token.i, token.i + 1), mention=True)
        if dep in ("dobj", "pobj") and token.pos_ == "NOUN":
            plural = token.tag_ == "NNS"
            return _Entry(token.i, keys, plural, False, False, s_index, _noun_phrase(token))
        return None

    def _issuer(self, token: Token, state: DocState) -> list[str]:
        """``NATO issued a joint statement ... the statement said``: the issuers of the nearest text of that
        name issued before; a text with words of its own ("the Chinese statement") is another one."""
        if not _bare_definite(token):
            return []
        word = token.lemma_.lower()
        before = [i for i in self._issued if i < token.i and token.doc[i].lemma_.lower() == word]
        return _group_keys(self._issued[max(before)], state) if before else []

    def _named_issuer(self, token: Token, state: DocState) -> list[str]:
        """``The Arab League's statement condemned X``, ``a statement by the ministry``, ``the EU communique``: a
        statement whose phrase names its issuer speaks for it."""
        if token.lemma_.lower() not in self.lexicon.statement_nouns:
            return []
        owners = [c for c in token.children if c.i < token.i and c.dep_ in ("poss", "compound", "amod", "nmod")]
        owners += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > token.i
                   for g in c.children if g.dep_ == "pobj"]
        keys = [k for o in owners for k in state.actor_keys(o.i)
                if state.actors.kind(k) not in ("", "Issue", "Document", "Person")]
        return list(dict.fromkeys(keys))

    def _last_speaker(self, token: Token, recent: list[_Entry], state: DocState) -> list[str]:
        """``The G7 condemned the drills. ... the statement added``: a statement no one was said to issue is that
        of the subject of the last main clause before it (one actor, not a document)."""
        if token.lemma_.lower() not in self.lexicon.statement_nouns or \
                not _bare_definite(token, ("prep", "acl", "relcl")):
            return []  # "the declaration of independence by Kosovo": a text told of by its own words
        subjects = [e for e in recent if e.main and e.i < token.i and len(e.keys) == 1
                    and state.actors.kind(e.keys[0]) not in ("", "Issue", "Document")]
        return list(max(subjects, key=lambda e: e.i).keys) if subjects else []

    def _issued_documents(self, doc: Doc, state: DocState, table: TokenTable) -> dict[int, Token]:
        """Objects of a verb of issuing ("issued a joint statement") speak for the issuers: each with the
        subject of its verb, whose actors are looked up when the text is referred to (so that a subject that
        is itself a description, "the military alliance issued ...", has been resolved by then)."""
        issued = {}
        for i in table.where("dep_", ("dobj",)):
            token = doc[i]
            if token.pos_ != "NOUN":
                continue
            predicate = self.lexicon.verbs.get((token.head.lemma_.lower(),))
            if predicate in ("issues", "adopts"):
                subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
                if subjects:
                    issued[token.i] = subjects[0]
        return issued

    # -- resolving ----------------------------------------------------------------------------

    def _resolve(self, token: Token, s_index: int, state: DocState, entries: list[_Entry], regions) -> None:
        word = token.lower_
        if state.head_keys(token.i):
            return
        keys: list[str] = []
        if word in _FIRST_PLURAL:
            # "we" in a quote is the state or organisation the speaker represents, else the speaker
            for start, end, speaker in regions:
                if start <= token.i < end and speaker:
                    keys = _affiliation(speaker, state) or speaker
        elif word in _SINGULAR_PERSON and token.dep_ == "poss" and \
                {token.head.lemma_.lower(), token.head.lower_} & (self.lexicon.collectives | self.lexicon.state_words) and \
                _reporting_office(token, state, self.lexicon):
            # "the delegate of Eritrea said her country ...": an office named for its state, not a person
            state.set_ref(token.head.i, _reporting_office(token, state, self.lexicon))
            return
        elif word in _SINGULAR_PERSON:
            people = [e for e in reversed(_recent(entries, s_index)) if e.person and len(e.keys) == 1]
            # the sentence's own people and the subjects of main clauses first; of those, a main-clause subject
            # of this sentence before one merely named in it ("Kerry, who met Wang, said ... he"); then a
            # subject of any clause before one named as an object ("N expressed to M his support, the
            # ministry said. He also condemned ...": N)
            people.sort(key=lambda e: (not (e.sentence == s_index or e.main),
                                       not (e.sentence == s_index and e.main),
                                       token.doc[e.i].dep_ not in _SUBJECT_DEPS, -e.i))
            if people:
                keys = people[0].keys
        elif word in _PLURAL:
            keys = self._plural(token, s_index, _recent(entries, s_index), state)
        elif word in _NEUTER:
            keys = self._neuter(token, _recent(entries, s_index), state)
        elif word in NUMBER_WORDS and _counted_subject(token):
            keys = next((e.keys for e in reversed(_recent(entries, s_index)) if e.i < token.i
                         and len(e.keys) == NUMBER_WORDS[word] and _is_actor_entry(e, state)), [])
        elif token.lemma_.lower() in self.lexicon.descriptions and (token.pos_ == "NOUN" or token.is_lower
                                                                   or _bare_title_case(token)):
            keys = self._description(token, _recent(entries, s_index), state, regions)
        elif token.lemma_.lower() in self.lexicon.document_nouns and token.dep_ == "nsubj":
            keys = self._named_issuer(token, state) or self._issuer(token, state) or \
                self._last_speaker(token, _recent(entries, s_index), state)
        if not keys:
            return
        state.set_ref(token.i, keys)
        # "his government": the collective noun stands for the person's actor; "its ministers" for the actor.
        if token.dep_ == "poss" and {token.head.lemma_.lower(), token.head.lower_} & (self.lexicon.collectives | self.lexicon.state_words):
            affiliated = _affiliation(keys, state)
            if affiliated:
                state.set_ref(token.head.i, affiliated)

    def _description(self, token: Token, recent: list[_Entry], state: DocState, regions=()) -> list[str]:
        """``the three countries``: the nearest group of three; ``the alliance``: the nearest organisation;
        ``the kingdom`` in what an envoy or minister reports: the state that person speaks for."""
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ in ("the", "both") for c in children):
            return []
        if any(c.dep_ in ("poss", "prep") or (c.dep_ in ("amod", "compound") and not _epithet(c, state))
               or (c.dep_ in ("relcl", "acl") and not _set_off(c)) for c in children):
            return []  # "the text on Syria" names another text; "the text, drafted by X," is the one before
        wanted = self.lexicon.descriptions[token.lemma_.lower()]
        count = _count(children)
        if count is None and _singular(token) and wanted not in ("Document", "Agreement", "Person"):
            # "Saudi Arabia's foreign minister said the kingdom backed ...": the reporter's own actor
            own = [k for k in _affiliation(_reporter(token, state, self.lexicon, regions), state)
                   if wanted == "any" or state.actors.kind(k) == wanted]
            if len(own) == 1:
                return own
        if wanted == "Agreement":
            # "the deal", "the accord": the agreement named before, however far back
            for entry in reversed(self._all_entries):
                if entry.i < token.i and len(entry.keys) == 1 and state.actors.kind(entry.keys[0]) == "Document" and \
                        set(state.actors.get(entry.keys[0])["label"].lower().split()) & self.lexicon.agreement_words:
                    return entry.keys
            return []
        if wanted == "Document" and count is None:
            # "the text", "the draft": the nearest document named before, however far back (an issued text's
            # entry speaks for its issuers: the text itself is the name it was given)
            for entry in reversed(self._all_entries):
                keys = state.head_keys(entry.i) or entry.keys
                if entry.i < token.i and keys and {state.actors.kind(k) for k in keys} == {"Document"}:
                    return list(keys)
        if count is None and _singular(token):
            # "the council", "the league": an actor named before whose name holds the word, however far back
            word = token.lemma_.lower()
            for entry in reversed(self._all_entries):
                if entry.i < token.i and len(entry.keys) == 1 and word in state.actors.get(entry.keys[0])["label"].lower().split() \
                        and (state.actors.kind(entry.keys[0]) != "Document" or wanted == "Document"):
                    return entry.keys  # (not "the council" for "the UN Security Council resolution")
            if token.text[:1].isupper():
                # "The Council decided", in a text about the EU: the one body of an organisation named before
                # whose name holds the word (parts.tsv; none where two bodies do: the UN's two councils)
                for entry in reversed(self._all_entries):
                    if entry.i < token.i and len(entry.keys) == 1:
                        bodies = [part for part, whole in load_parts().items() if whole == entry.keys[0]
                                  and word in load_gazetteer().get(part).label.lower().split()]
                        if len(bodies) == 1:
                            state.actors.add(bodies[0], *_gazetteer_label(bodies[0]))
                            return bodies
                        if bodies:
                            return []  # which of its councils, the text does not say
        if count is None and _singular(token) and token.lemma_.lower() in LOOSE_DESCRIPTIONS:
            return []  # "the party", "the side": a party named before by that word (above), never just any actor
        # "Nigeria took aim at the junta": an object description is not the subject of its own clause
        governor = token.head
        for _ in range(3):
            if governor.pos_ in ("VERB", "AUX") or governor.head is governor:
                break
            governor = governor.head  # "took aim at the junta": past the preposition and the object noun
        own_subject = {c.i for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")} \
            if token.dep_ in ("dobj", "pobj") and governor.pos_ in ("VERB", "AUX") else set()
        if own_subject and governor.dep_ == "ccomp" and governor.head.lemma_.lower() in self.lexicon.speech:
            # "France said Russia was arming the junta": nor the one who reports it
            speech = governor.head
            reporters = [c for c in speech.children if c.dep_ == "nsubj"] or (
                [c for c in speech.head.children if c.dep_ == "nsubj"] if speech.dep_ == "conj" else [])
            own_subject |= {c.i for c in reporters}
        # "Prime Minister Trudeau accused the South Asian nation": nor the state the subject serves
        own_states = {k for i in own_subject for k in _affiliation(state.actor_keys(i), state)}
        for entry in reversed(recent):
            if entry.i >= token.i or not entry.keys or entry.i in own_subject or set(entry.keys) <= own_states:
                continue
            kinds = {state.actors.kind(k) for k in entry.keys}
            if (wanted != "any" and kinds != {wanted}) or (wanted == "any" and "Person" in kinds):
                continue
            if count is not None and len(entry.keys) != count:
                continue
            if count is None and token.tag_ == "NNS" and len(entry.keys) < 2:
                continue
            if count is None and _singular(token) and len(entry.keys) != 1:
                continue
            return entry.keys
        return []

    def _plural(self, token: Token, s_index: int, recent: list[_Entry], state: DocState) -> list[str]:
        recent = [e for e in recent if not e.mention]
        if token.dep_ in ("dobj", "pobj"):
            for entry in reversed(recent):
                if entry.i < token.i and entry.plural and not entry.person:
                    if not entry.keys:
                        state.data.setdefault("antecedents", {})[str(token.i)] = list(entry.span)
                    return entry.keys
            return []
        for entry in reversed(recent):
            if entry.i < token.i and entry.plural and _is_subject_entry(entry, token.doc):
                if entry.main:
                    return entry.keys
        return []

    def _neuter(self, token: Token, recent: list[_Entry], state: DocState) -> list[str]:
        """``it`` as a subject: the nearest singular main-clause subject, or a document an actor issued;
        as an object ("vetoed it", "it was tabled by X"): the nearest document named before; ``its`` before a
        collective noun or a title ("its foreign ministers", "its jets", "its envoy"): the nearest actor."""
        if token.dep_ == "poss" and token.lower_ == "its":
            head = token.head
            words = {head.lemma_.lower(), head.lower_}
            if words & (self.lexicon.collectives | self.lexicon.state_words) or any((w,) in self.lexicon.titles for w in words):
                candidates = [e for e in reversed(recent) if e.i < token.i and len(e.keys) == 1 and not e.person
                              and _is_actor_entry(e, state) and state.actors.kind(e.keys[0]) != "Document"
                              and not _placed(token.doc[e.i])]
                if candidates:
                    return candidates[0].keys
            return []
        if token.dep_ in ("dobj", "pobj", "nsubjpass") and token.lower_ == "it":
            for entry in reversed(recent):
                if entry.i >= token.i:
                    continue
                if entry.keys and {state.actors.kind(k) for k in entry.keys} == {"Document"}:
                    return entry.keys
                before = token.doc[entry.i]
                if not entry.keys and before.dep_ == "dobj" and before.head.pos_ == "VERB" and before.i != token.i:
                    break  # "hailed the outcome. N called it a victory": the nearer thing done is what "it" is
            if token.dep_ != "nsubjpass":
                return []
            # "the White House said it was troubled by X": no text named before, the passive subject is an actor's
        if token.dep_ not in _SUBJECT_DEPS:
            return []
        clause = token.head
        if _extraposed(token, self.lexicon.committing | self.lexicon.negating):
            return []  # "it would be short-sighted to approve a force": "it" stands for the clause, no actor
        if clause.dep_ == "ccomp" and clause.head.pos_ in ("VERB", "AUX"):
            # "Riyadh said it supported X", "the bloc warned it would respond": the subject of the verb the
            # clause completes, when that is one actor other than a person
            for subject in (c for c in clause.head.children if c.dep_ == "nsubj" and c.i < token.i):
                keys = state.actor_keys(subject.i)
                if len(keys) == 1 and state.actors.kind(keys[0]) not in ("Person", "Document", "Issue", ""):
                    return list(keys)
        text = _reported_text_before(token, state)
        if text:
            return text
        for entry in reversed(recent):
            if entry.i >= token.i or entry.plural or entry.person or entry.mention:
                continue
            if _is_subject_entry(entry, token.doc):
                if entry.main:
                    return entry.keys if _is_actor_entry(entry, state) else []
            elif entry.keys:
                return entry.keys
        return []


# -- quotations ---------------------------------------------------------------------------------


def quote_regions(doc: Doc, state: DocState, lexicon: Lexicon, *,
                  table: TokenTable | None = None) -> list[tuple[int, int, list[str]]]:
    """Quoted passages as ``(start, end, speaker keys)`` token ranges.

    The speaker is the actor subject of a speech verb outside the quote in the
    same sentence ("..., Liu stressed"), or of a sentence that introduces the
    quote with a colon ("X said the following:") for the quoted paragraphs after it.
    ``table`` is the Doc's :class:`TokenTable` when the caller has one.
    """
    table = table or TokenTable(doc)
    regions: list[tuple[int, int, list[str]]] = []
    open_at = None
    closing = None
    for i in table.where("orth_", _QUOTE_MARKS):
        token = doc[i]
        if open_at is None and token.text in _QUOTES and _opens(token):
            open_at, closing = token.i, _QUOTES[token.text]
        elif open_at is not None and (token.text == closing or token.text == '"'):
            regions.append((open_at, token.i + 1, []))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(doc), []))
    introduced: list[str] = []
    result = []
    speech = _speech_verbs(table, lexicon) if regions else []
    for start, end, _ in regions:
        # the speaker outside the quote, else the one a sentence ending with a colon introduces,
        # else the speaker of the quote right before
        speaker = _speaker_outside(table, start, end, state, speech) or _introducing_speaker(doc, start, state, lexicon) \
            or _attributed_below(doc, end, state)
        if not speaker and introduced and _follows_introduction(doc, start):
            speaker = introduced
        result.append((start, end, speaker))
        if speaker:
            introduced = speaker
    return result


#: How many words the line naming a quote's speaker under it may have ("Josep Borrell, High Representative ...").
_ATTRIBUTION_WORDS = 16


def _attributed_below(doc: Doc, end: int, state: DocState) -> list[str]:
    """The person a press release names on the line right under a quote, with no verb ("Josep Borrell, High
    Representative for Foreign Affairs and Security Policy"): the quote's speaker."""
    i = end
    while i < len(doc) and (doc[i].is_space or doc[i].is_punct) and "\n" not in doc[i].text:
        i += 1  # the rest of the quote's line
    if i >= len(doc) or "\n" not in doc[i - 1].text + doc[i].text:
        return []
    while i < len(doc) and doc[i].is_space:
        i += 1
    line = []
    for token in doc[i:i + _ATTRIBUTION_WORDS + 1]:
        if "\n" in token.text:
            break
        line.append(token)
    if not line or len(line) > _ATTRIBUTION_WORDS or any(t.pos_ in ("VERB", "AUX") for t in line):
        return []
    keys = state.head_keys(line[0].i) or (state.head_keys(line[1].i) if len(line) > 1 else [])
    return keys[:1] if keys and state.actors.kind(keys[0]) == "Person" else []


def _opens(token: Token) -> bool:
    return token.i == 0 or token.whitespace_ == "" or token.nbor(-1).whitespace_ != "" or token.nbor(-1).text in "(\n"


def _speech_verbs(table: TokenTable, lexicon: Lexicon) -> list[int]:
    """The verbs of speech of a Doc, in text order."""
    verbs = set(table.where("pos_", ("VERB",)))
    return [i for i in table.where("lemma_", lexicon.speech, lower=True) if i in verbs]


def _speaker_outside(table: TokenTable, start: int, end: int, state: DocState, speech: list[int]) -> list[str]:
    """The actor subject of a verb of speech (``speech``: their indexes) in the quote's sentences, outside it."""
    doc = table.doc
    sent_start = table.sentence(start).start
    sent_end = table.sentence(end - 1).end if end - 1 < len(doc) else len(doc)
    for i in speech[bisect_left(speech, sent_start) : bisect_left(speech, sent_end)]:
        if start <= i < end:
            continue
        for child in doc[i].children:
            if child.dep_ == "nsubj" and not (start <= child.i < end):
                keys = state.head_keys(child.i) or state.data["refs"].get(str(child.i), [])
                if keys:
                    return list(keys)
    return []


def _speaker_before(table: TokenTable, start: int, state: DocState, speech: list[int]) -> list[str]:
    """A quote that opens its sentence and names no speaker continues the one who spoke in the sentence right
    before ('The statement stressed that ... "We strongly condemn ..."')."""
    doc = table.doc
    sent = table.sentence(start)
    if any(not t.is_space and not t.is_punct for t in doc[sent.start:start]) or sent.start == 0:
        return []
    before = table.sentence(sent.start - 1)
    for i in speech[bisect_left(speech, before.start) : bisect_left(speech, before.end)]:
        for child in doc[i].children:
            if child.dep_ == "nsubj":
                keys = state.actor_keys(child.i)
                if keys:
                    return list(keys)
    return []


def _follows_introduction(doc: Doc, start: int) -> bool:
    # The last visible character before token ``start`` (doc.text is the tokens' text_with_ws joined).
    for token in reversed(doc[:start]):
        text = token.text_with_ws.rstrip()
        if text:
            return text.endswith(("\"", "\u201d", ":"))
    return False


def _bare_definite(token: Token, more: tuple[str, ...] = ()) -> bool:
    """``the statement``: a noun after "the" with no words of its own that make it another text ("the Chinese
    statement"), nor those of the dependencies ``more``."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and \
        not any(c.dep_ in ("amod", "compound", "poss", "nmod", *more) for c in token.children)


def _recent(entries: list[_Entry], s_index: int) -> list[_Entry]:
    """The antecedent entries of the last few sentences (built only for the words that need them)."""
    return [e for e in entries if s_index - e.sentence <= _LOOKBACK_SENTENCES]


def _introducing_speaker(doc: Doc, start: int, state: DocState, lexicon: Lexicon) -> list[str]:
    """The speaker of ``X said the following:`` right before a quoted paragraph."""
    if start == 0:
        return []
    previous = doc[start - 1]
    while previous.is_space and previous.i > 0:
        previous = doc[previous.i - 1]
    if previous.text != ":":
        return []
    sent = previous.sent
    for token in sent:
        if token.lemma_.lower() in lexicon.speech:
            for child in token.children:
                if child.dep_ == "nsubj":
                    keys = state.head_keys(child.i)
                    if keys:
                        return list(keys)
    return []


# -- helpers ------------------------------------------------------------------------------------


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i > token.i]


def _group_keys(token: Token, state: DocState, conjuncts: list[Token] | None = None) -> list[str]:
    """The actors a (possibly conjoined) phrase stands for; empty unless every member is an actor.

    ``conjuncts`` are the token's :func:`_conjuncts`, when the caller has them.
    """
    keys: list[str] = []
    for member in (token, *(_conjuncts(token) if conjuncts is None else conjuncts)):
        found = state.actor_keys(member.i)
        if not found:
            return []
        keys.extend(k for k in found if k not in keys)
    return keys


def _is_subject_entry(entry: _Entry, doc: Doc) -> bool:
    return doc[entry.i].dep_ in _SUBJECT_DEPS


def _is_actor_entry(entry: _Entry, state: DocState) -> bool:
    return bool(entry.keys) and all(state.actors.kind(k) not in ("Issue",) for k in entry.keys)


def _placed(token: Token) -> bool:
    """Whether a name is where something happens ("meeting in Cairo"), not who acts."""
    return token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPOSITIONS


def _epithet(modifier: Token, state: DocState) -> bool:
    """A modifier a reporter adds to a description of the actor just named: "the military alliance",
    "the oil-rich kingdom", "the island nation", "the Gulf state" (no actor of its own, nothing that sets
    another apart)."""
    if modifier.lower_ in CONTRASTIVE_MODIFIERS or modifier.pos_ == "NUM" or modifier.like_num:
        return False
    return not any(str(t.i) in state.data["heads"] for t in modifier.subtree)


def _set_off(clause: Token) -> bool:
    """Whether a clause is set off by a comma from the noun it describes ("the text, drafted by ...")."""
    return clause.left_edge.i > 0 and clause.doc[clause.left_edge.i - 1].text == ","


def _extraposed(token: Token, personal: frozenset[str]) -> bool:
    """Whether "it" opens a copula whose subject comes after it: "it would be a mistake to approve X", "it is
    clear that ..." (not "it was ready to help", an adjective of ``personal`` said of the one "it" is)."""
    copula = token.head
    complements = [c for c in copula.children if c.dep_ in ("acomp", "attr")]
    if any(c.lemma_.lower() in personal for c in complements):
        return False
    return token.lower_ == "it" and copula.lemma_ == "be" and bool(complements) and any(
        c.dep_ in ("xcomp", "ccomp") and c.i > token.i for h in (copula, *complements) for c in h.children)


def _reported_text_before(token: Token, state: DocState) -> list[str]:
    """``N said the text was a step forward but regretted that it did not impose X``: "it" is the text whose
    clause the same speaker reported just before, in the same sentence."""
    verbs, verb = [], token.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "conj") or verb.head is verb:
            break
        verb = verb.head
        verbs.append(verb)
    found = []
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ not in ("ccomp", "conj") or clause.i >= token.i:
                continue
            for subject in clause.children:
                if subject.dep_ == "nsubj" and subject.i < token.i and subject.lower_ not in ("it", "this", "that"):
                    keys = state.actor_keys(subject.i)
                    if len(keys) == 1 and state.actors.kind(keys[0]) == "Document":
                        found.append((subject.i, keys))
    return max(found)[1] if found else []


def _counted_subject(token: Token) -> bool:
    """Whether a number word is a subject with no noun of its own: "The two criticized", "Both condemned", "All
    three agreed" (not "both countries", where the noun is the description)."""
    return token.dep_ in _SUBJECT_DEPS and token.pos_ in ("NUM", "PRON", "DET") and (
        token.lower_ == "both" or any(c.lower_ in ("the", "all") for c in token.children))


def _count(children: list[Token]) -> int | None:
    """The number a description gives ("the three countries" -> 3), if any."""
    for child in children:
        if child.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[child.lower_]
        if child.like_num and child.text.isdigit():
            return int(child.text)
    return None


def _noun_phrase(token: Token) -> tuple[int, int]:
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "det", "nummod", "poss", "nmod"):
            start = min(start, child.left_edge.i)
    return start, token.i + 1


def _singular(token: Token) -> bool:
    """A singular common noun, also where the tagger took a lower-case word for a proper noun ("the bloc") or
    a capitalised description for one ("The Council")."""
    return token.tag_ == "NN" or (token.tag_ == "NNP" and (token.is_lower or _bare_title_case(token)))


def _reporter(token: Token, state: DocState, lexicon: Lexicon, regions) -> list[str]:
    """The person reporting the clause a word is in: the subject of the speech verb over it, else the
    speaker of the quotation it is in."""
    node = token
    for _ in range(6):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in lexicon.speech:
            for subject in (c for c in node.head.children if c.dep_ == "nsubj"):
                keys = state.actor_keys(subject.i)
                if len(keys) == 1 and state.actors.kind(keys[0]) == "Person":
                    return keys
                if (subject.lemma_.lower(),) in lexicon.titles and len(keys) == 1 and \
                        state.actors.kind(keys[0]) in ("State", "IntergovernmentalOrganization"):
                    return keys  # "the representative of the European Union said the bloc ..."
            return []
        if node.head is node:
            break
        node = node.head
    for start, end, speaker in regions:
        if start <= token.i < end and len(speaker) == 1 and state.actors.kind(speaker[0]) == "Person":
            return list(speaker)
    return []


def _reporting_office(token: Token, state: DocState, lexicon: Lexicon) -> list[str]:
    """The state or organisation an unnamed office holder stands for ("the delegate of Eritrea"), when that
    office is the subject of the speech verb over ``token``."""
    node = token
    for _ in range(6):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in lexicon.speech:
            for subject in (c for c in node.head.children if c.dep_ == "nsubj"):
                keys = state.actor_keys(subject.i)
                if (subject.lemma_.lower(),) in lexicon.titles and len(keys) == 1 and \
                        state.actors.kind(keys[0]) in ("State", "IntergovernmentalOrganization"):
                    return keys
            return []
        if node.head is node:
            break
        node = node.head
    return []


def _affiliation(keys: list[str], state: DocState) -> list[str]:
    """The actor a person is affiliated with, as the text or the list of people says."""
    if len(keys) != 1 or state.actors.kind(keys[0]) != "Person":
        return [k for k in keys if state.actors.kind(k) != "Person"]
    for person, _predicate, _relation, actor, _i in state.affiliations:
        if person == keys[0]:
            return [actor]
    for person in load_people():
        if person.key == keys[0] and person.affiliation:
            state.actors.add(person.affiliation, *_gazetteer_label(person.affiliation))
            return [person.affiliation]
    return []


def _bare_title_case(token: Token) -> bool:
    """``The Council decided``: a capitalised description with "the" alone before it (an institution's short
    name, tagged as a proper noun), not a word of a longer name ("the Council on Foreign Relations")."""
    children = list(token.children)
    return token.pos_ == "PROPN" and token.text.istitle() and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in children) and \
        all(c.dep_ in ("det", "punct") for c in children if c.i < token.i) and \
        not any(c.dep_ in ("prep", "compound", "appos") for c in children)


def _gazetteer_label(key: str) -> tuple[str, str]:
    entry = load_gazetteer().get(key)
    return (entry.label, entry.kind) if entry else (key, "State")


@Language.factory("newskg_coref")
def make_coref(nlp: Language, name: str) -> CorefResolver:
    """Resolve pronouns and other anaphors to actors (see :mod:`newskg.extract.coref`)."""
    return CorefResolver(nlp, name)
