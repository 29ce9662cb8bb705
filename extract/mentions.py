"""Actor mentions: find the states, organisations, people and documents a text names.

The ``newskg_mentions`` component links every mention to a canonical actor:

- names, aliases, metonyms and demonyms from the gazetteer ("Beijing" -> China,
  "South Korean" -> South Korea, "SC" -> UN Security Council);
- acronyms the text defines ("Democratic Party of Somewhere (DPS)");
- people from the named-entity recogniser, a later surname-only mention
  ("Liu") linked to the full name met earlier ("Liu Jieyi"), well-known people
  from ``ontology/data/persons.tsv``;
- numbered resolutions ("SC Res. 2371" -> UN Security Council Resolution 2371);
- collective nouns beside an actor ("Security Council members", "the Chinese
  government") standing for that actor;
- titles before or beside a name ("China's UN envoy Liu Jieyi", "South Korean
  President Moon Jae-in") giving affiliation triples, and a title alone
  ("Russia's leader") standing for the person the text names in that role.

Results go to :class:`~newskg.extract.state.DocState`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newskg.ontology.gazetteer import Gazetteer, load_gazetteer, normalize_name

from .actors import person_key, slugify, spelling, without_honorifics
from .constants import HONORIFICS, OFFICE_PREDICATES, PLACE_PREPOSITIONS, QUANTIFIERS, REGION_PREFIXES
from .lexicon import Lexicon, load_lexicon, read_table
from .state import DocState, TokenTable, sentences_back

__all__ = ["MentionFinder", "Person", "load_people"]

_RESOLUTION = re.compile(
    r"\b(?:(?P<body>(?:UN|U\.N\.|United Nations)?\s*(?:Security Council|SC|UNSC|General Assembly|UNGA|"
    r"Human Rights Council|HRC))\s+)?"
    r"(?:Res\.|Resolution|resolution)\s+(?:No\.\s*)?(?P<number>(?:ES-)?\d{1,5}(?:/\d{1,4})?)\b"
)
#: The end of every resolution reference: text without it names no resolution.
_RESOLUTION_NUMBER = re.compile(r"(?:Res\.|Resolution|resolution)\s+(?:No\.\s*)?(?:ES-)?\d{1,5}\b")
#: Titles of a state's office holders below its head: alone in a sentence that names one state, they serve it.
_OFFICES = ("ministerOf", "envoyOf", "spokespersonOf")
#: Bodies that adopt numbered resolutions: a resolution named without its body belongs to the one its sentence names.
_RESOLVING_BODIES = ("un-security-council", "un-general-assembly", "un-human-rights-council")
#: The body whose resolutions are numbered by session ("68/262"), and the one whose never are.
_SESSION_NUMBERING, _SESSION_NUMBERLESS = "un-general-assembly", "un-security-council"
_ARTICLE = re.compile(r"^(the|The)\s+")
_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z.&]{1,9})\s*\)")
_ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")


def _initials_start(words: list[Token], letters: list[str]) -> Token | None:
    """The first word of the name that ``letters`` abbreviate, reading back from the last word: every
    capitalised word gives the next letter; a lowercase word gives one only where the acronym has it
    ("Plan of Action (JCPOA)", "Ministry of Defence (MoD)" lowercases its own)."""
    want = len(letters) - 1
    for token in reversed(words):
        if want < 0:
            break
        initial = token.text[0]
        if initial.isupper():
            if initial != letters[want]:
                return None
            want -= 1
            if want < 0:
                return token
        elif initial.upper() == letters[want] and want > 0:
            want -= 1
        elif not token.is_alpha:
            return None
    return None


@dataclass(frozen=True)
class Person:
    """A well-known person of ``persons.tsv``."""

    key: str
    label: str
    aliases: tuple[str, ...]
    predicate: str
    affiliation: str


@lru_cache(maxsize=1)
def load_people() -> tuple[Person, ...]:
    """The people listed in ``ontology/data/persons.tsv``."""
    rows = read_table("persons.tsv", "newskg.ontology", header=True)
    return tuple(
        Person(row[0], row[1], tuple(a for a in row[2].split("|") if a), row[3], row[4]) for row in rows
    )


@dataclass
class _Mention:
    start: int
    end: int
    key: str
    priority: int  # higher wins an overlap

    @property
    def length(self) -> int:
        return self.end - self.start


class MentionFinder:
    """The ``newskg_mentions`` pipeline component."""

    def __init__(self, nlp: Language, name: str, *, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = lexicon or load_lexicon()
        self.people = load_people()
        self._people_by_key = {p.key: p for p in self.people}
        self._people_by_spelling = {spelling(name): p for p in reversed(self.people) for name in (p.label, *p.aliases)}
        self._one_word_titles = {key[0] for key in self.lexicon.titles if len(key) == 1}
        self._title_parts = {part for key in self.lexicon.titles for word in key for part in word.split("-")}
        self._max_title_words = self.lexicon.max_title_words
        self._title_heads = {key[-1] for key in self.lexicon.titles}
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        # names of several words in any capitalisation ("Economic Community Of West African States")
        self.long_names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.demonyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.person_names = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = nlp.make_doc
        for entry in self.gazetteer:
            forms = {entry.label, *entry.aliases, *entry.metonyms}
            if entry.official_name:
                forms.add(entry.official_name)
            forms |= {f"the {form}" for form in forms if form[:1].isupper() and " " in form}
            forms = _with_typographic_apostrophes(forms)
            self.names.add(entry.key, [make(form) for form in sorted(forms) if form])
            self.long_names.add(entry.key, [make(form) for form in sorted(forms) if len(form.split()) > 2])
            if entry.demonyms:
                self.demonyms.add(entry.key, [make(form) for form in entry.demonyms])
        for person in self.people:
            forms = _with_typographic_apostrophes({person.label, *person.aliases})
            self.person_names.add(person.key, [make(form) for form in sorted(forms)])

    # -- the component -------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        state = DocState(doc)
        table = TokenTable(doc)
        mentions = self._candidates(doc, state, table)
        chosen = _resolve_overlaps(mentions)
        for mention in chosen:
            span = doc[mention.start : mention.end]
            state.set_head(span.root.i, [mention.key], (mention.start, mention.end))
        self._owned_metonyms(doc, state)
        self._first_word_names(doc, state, table)
        self._organs_of_others(doc, state)
        self._collectives(doc, state, table)
        self._named_descriptions(doc, state, table)
        self._groups(doc, state, table)
        self._titles(doc, state, table)
        self._led_collectives(doc, state, table)
        return doc

    # -- candidates ------------------------------------------------------------------------------

    def _candidates(self, doc: Doc, state: DocState, table: TokenTable) -> list[_Mention]:
        found: list[_Mention] = []
        vocab = doc.vocab.strings
        ents = doc.ents  # built on every access: read it once
        matches = [*self.names(doc), *self.long_names(doc)]
        named_ends = {end for _m, _s, end in matches} | {end for _m, _s, end in self.demonyms(doc)}
        for match_id, start, end in matches:
            entry = self.gazetteer.get(vocab[match_id])
            span = doc[start:end]
            if _inside_larger_name(span, ents, self._title_parts) or _after_unknown_name_word(span, named_ends):
                continue
            state.actors.add_entry(entry, _strip_article(span.text))
            found.append(_Mention(start, end, entry.key, 3))
        for match_id, start, end in self.demonyms(doc):
            if end - start == 1 and start > 0 and doc[start - 1].text in REGION_PREFIXES:
                continue  # "Latin American countries": a region's, not the United States'
            entry = self.gazetteer.get(vocab[match_id])
            state.actors.add_entry(entry, doc[start:end].text)
            found.append(_Mention(start, end, entry.key, 2))
        text = table.text()
        numbered = self._documents(doc, state, text)
        found.extend(numbered)
        if not numbered:
            found.extend(self._unnumbered_documents(doc, state, table, found))
        found.extend(self._agreements(doc, state, table))
        found.extend(self._acronyms(doc, state, text, table, ents))
        found.extend(self._people(doc, state, table, ents))
        generic = self.lexicon.collectives | set(self.lexicon.descriptions) | self.lexicon.institution_words
        for ent in ents:
            if ent.label_ == "ORG" and not _covered(found, ent.start, ent.end):
                ent = _trim(ent)
                if ent is None or not any(t.pos_ == "PROPN" for t in ent) or len(ent.text) < 2:
                    continue
                if ent.text.lower() in self.lexicon.not_actors:
                    continue
                if all(t.lemma_.lower() in generic or t.lower_ in generic or t.pos_ in ("ADP", "DET", "CCONJ") for t in ent):
                    # "the Assembly", "Foreign Ministry", "Ministry of Foreign Affairs of": a description, resolved
                    # by coreference or by the actor named after it
                    continue
                key = state.actors.add(slugify(ent.text), ent.text, "Organization", names=[ent.text])
                found.append(_Mention(ent.start, ent.end, key, 1))
        return found

    def _documents(self, doc: Doc, state: DocState, text: str) -> list[_Mention]:
        found = []
        if not _RESOLUTION_NUMBER.search(text):
            return found
        for match in _RESOLUTION.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            body = match.group("body")
            issuer = self.gazetteer.lookup(body.strip()) if body else (self._body_of_sentence(span) or self._body_of_text(doc))
            if not body and "/" in match.group("number") and (issuer is None or issuer.key == _SESSION_NUMBERLESS):
                # "resolution 68/262", "ES-11/1": numbered by session, as the General Assembly numbers its own
                issuer = self.gazetteer.get(_SESSION_NUMBERING)
            label = f"{issuer.label} Resolution {match.group('number')}" if issuer else f"Resolution {match.group('number')}"
            key = state.actors.add(slugify(label), label, "Document", names=[span.text])
            state.data.setdefault("issuers", {})[key] = issuer.key if issuer else ""
            if issuer:
                state.actors.add_entry(issuer)
            found.append(_Mention(span.start, span.end, key, 5))
        return found

    def _unnumbered_documents(self, doc: Doc, state: DocState, table: TokenTable,
                              found: list[_Mention]) -> list[_Mention]:
        """A resolution or draft put to a vote that the text gives no number: "the Council approved a resolution
        demanding X", "the Russian draft", "a resolution that rejects X" is a document of its own, labelled
        by who drafted or adopted it and what it is on ("UN Security Council resolution on Gaza").

        "A peaceful resolution of the crisis" is no document; "the resolution" after one is the same one
        (coreference), and a second first mention with the same label is the same document. In a text that
        numbers its resolutions, an unnumbered one is left to coreference: it is most often one of them.
        """
        mentions = []
        created = False
        article_hash = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:8]
        for i in table.where("lemma_", self.lexicon.document_heads, lower=True):
            token = doc[i]
            if token.pos_ != "NOUN" or _covered(found, i, i + 1) or state.head_keys(i):
                continue
            if token.lemma_.lower() == "draft" and token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ == "NOUN":
                continue  # "draft resolution", "draft press statements": the noun after it is the head
            children = list(token.children)
            if any(c.dep_ == "prep" and c.lower_ in ("of", "to", "between") for c in children):
                continue  # "a resolution of the conflict", "a resolution to the dispute"
            draft = token.lemma_.lower() == "draft" or any(c.lemma_.lower() == "draft" and c.dep_ in ("compound", "amod")
                                                           for c in children)
            governed = _governing_verb(token)
            voted = governed is not None and governed.lemma_.lower() in self.lexicon.document_verbs
            # "a resolution demanding X", "a resolution that rejects X", "a resolution on Gaza"; never a text
            # only wished for ("wanted a resolution to back it")
            described = any((c.dep_ in ("relcl", "acl") and c.tag_ in ("VBG", "VBN", "VBZ", "VBD")
                             and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
                            or (c.dep_ == "prep" and c.lower_ == "on") for c in children)
            if not (draft or voted or described):
                continue
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
            if definite and (created or not voted):
                continue  # "the resolution" after one: coreference; alone, only as the text put to the vote
            issuer = self._document_issuer(token, governed, state)
            on = next((g for c in children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children
                       if g.dep_ == "pobj"), None)
            about = ""
            if on is not None:
                end = min((t.left_edge.i if t.dep_ == "relcl" else t.i for t in doc[on.i:on.right_edge.i + 1]
                           if t.dep_ == "relcl" or t.text == ","), default=on.right_edge.i + 1)
                # "a resolution on the dam which called on X": what it is on, not what it did
                words = [t for t in doc[on.left_edge.i:end] if not t.is_punct and t.dep_ != "det"]
                about = " on " + " ".join(t.text for t in words[:6])
            noun = "draft resolution" if draft and token.lemma_.lower() != "draft" else token.lemma_.lower()
            label = f"{issuer} {noun}{about}".strip() if issuer else f"{noun}{about}"
            start = i - 1 if i > 0 and doc[i - 1].lemma_.lower() == "draft" and doc[i - 1].head.i == i else i
            # its own in each article: two texts "UN Security Council resolution" of two articles are two texts
            key = state.actors.add(f"{slugify(label)}-{article_hash}", label, "Document", names=[doc[start:i + 1].text])
            mentions.append(_Mention(start, i + 1, key, 1))
            created = True
        return mentions

    def _document_issuer(self, token: Token, governed: Token | None, state: DocState) -> str:
        """Who drafted or adopted an unnumbered document: the state or organisation modifying it ("the Russian
        draft", "the United States' text"), else the organ whose verb governs it, else the one resolving body
        of the sentence or the text."""
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                for match_id, _s, _e in self.names(token.doc[child.i:child.i + 1]):
                    entry = self.gazetteer.get(token.doc.vocab.strings[match_id])
                    if entry is not None:
                        return entry.label
                for match_id, _s, _e in self.demonyms(token.doc[child.i:child.i + 1]):
                    if self.gazetteer.get(token.doc.vocab.strings[match_id]) is not None:
                        return child.text  # "the Russian draft"
        if governed is not None:
            for subject in (c for c in governed.children if c.dep_ == "nsubj"):
                for match_id, _s, _e in self.names(token.doc[subject.left_edge.i:subject.i + 1]):
                    entry = self.gazetteer.get(token.doc.vocab.strings[match_id])
                    if entry is not None and entry.key in _RESOLVING_BODIES:
                        return entry.label
        span = token.doc[token.i:token.i + 1]
        body = self._body_of_sentence(span) or self._body_of_text(token.doc)
        return body.label if body else ""

    def _agreements(self, doc: Doc, state: DocState, table: TokenTable) -> list[_Mention]:
        """Named agreements, treaties and plans: "the Stockholm Agreement", "the Treaty of Lisbon", "the Paris
        agreement", "the Joint Comprehensive Plan of Action" are documents."""
        words = self.lexicon.agreement_words
        found = []
        for i in table.where("lower_", words, lower=True):
            token = doc[i]
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            start = i
            topic = None  # "the Paris climate agreement": a lower-case word of subject between name and noun
            if i > 1 and doc[i - 1].is_lower and doc[i - 1].is_alpha and doc[i - 1].head.i == i and \
                    doc[i - 1].dep_ in ("amod", "compound") and doc[i - 2].text[:1].isupper() and doc[i - 2].is_alpha \
                    and doc[i - 2].pos_ == "PROPN":
                topic = start = i - 1
            while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and i - start < 6 \
                    and doc[start - 1].lower_ not in ("the", "a", "an") and not (start - 1 == doc[start - 1].sent.start
                                                                             and doc[start - 1].pos_ != "PROPN"):
                start -= 1
            end = i + 1
            if token.text[:1].isupper() and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
                end += 2  # "Treaty of Lisbon", "Plan of Action"
                while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha and end - i < 8:
                    end += 1
            capitalised = [t for t in doc[start:end] if t.text[:1].isupper() and t.i != i]
            if not capitalised or (start == i and not token.text[:1].isupper()) or start == topic:
                continue
            span = doc[start:end]
            label = " ".join(t.text for t in span if t.i != topic) if topic is not None else span.text
            key = state.actors.add(slugify(label), label, "Document", names=[label])
            found.append(_Mention(start, end, key, 2))
        return found

    def _body_of_sentence(self, span: Span):
        """The resolution-adopting body its sentence names ("the Security Council adopted resolution 2593")."""
        for match_id, _start, _end in self.names(span.doc[span.sent.start:span.sent.end]):
            entry = self.gazetteer.get(span.doc.vocab.strings[match_id])
            if entry is not None and entry.key in _RESOLVING_BODIES:
                return entry
        return None

    def _body_of_text(self, doc: Doc):
        """The one resolution-adopting body the whole text names, if it names exactly one."""
        found = {self.gazetteer.get(doc.vocab.strings[match_id]) for match_id, _s, _e in self.names(doc)}
        bodies = [entry for entry in found if entry is not None and entry.key in _RESOLVING_BODIES]
        return bodies[0] if len(bodies) == 1 else None

    def _acronyms(self, doc: Doc, state: DocState, text: str, table: TokenTable, ents: tuple[Span, ...]) -> list[_Mention]:
        """``Long Name (LN)``: the acronym names what the long name names."""
        found = []
        aliases: dict[str, str] = {}
        for match in _ACRONYM.finditer(text):
            acronym = match.group("acr")
            letters = [c for c in acronym if c.isupper()]
            before = doc.char_span(0, match.start(), alignment_mode="contract")
            if before is None or len(letters) < 2:
                continue
            words = [t for t in before[-(len(letters) * 2 + 3) :] if not t.is_punct]
            first = _initials_start(words, letters)
            if first is None:
                continue
            long_span = doc[first.i : before.end]
            entry = self.gazetteer.lookup(long_span.text) or self.gazetteer.lookup(acronym)
            if entry:
                key = state.actors.add_entry(entry, long_span.text, acronym)
            elif long_span[-1].lower_ in self.lexicon.agreement_words or any(
                    t.lower_ in self.lexicon.agreement_words for t in long_span):
                # "Joint Comprehensive Plan of Action (JCPOA)": a document, and so is the acronym
                key = state.actors.add(slugify(long_span.text), long_span.text, "Document", names=[long_span.text, acronym])
            elif any(e.label_ == "ORG" and e.start < long_span.end and long_span.start < e.end for e in ents):
                key = state.actors.add(slugify(long_span.text), long_span.text, "Organization", names=[long_span.text, acronym])
            else:
                # A defined acronym that is not an organisation (a weapon, a treaty) names no actor.
                continue
            aliases[acronym] = key
            found.append(_Mention(long_span.start, long_span.end, key, 4))
        if aliases:
            for i in table.where("orth_", aliases):
                key = aliases[doc[i].text]
                if key:
                    found.append(_Mention(i, i + 1, key, 4))
        return found

    def _is_title(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words ``start:end`` end a title of the lexicon ("State Councilor", "Minister")."""
        titles = self.lexicon.titles
        longest = self.lexicon.max_title_words
        if end - start > longest:
            return False  # no title is that long
        words = [t.lower_ for t in doc[max(start - longest + 1, 0):end]]
        for back in range(0, longest):
            if start - back < 0:
                break
            if tuple(words[len(words) - (end - start) - back:]) in titles:
                return True
        return False

    def _people(self, doc: Doc, state: DocState, table: TokenTable, ents: tuple[Span, ...]) -> list[_Mention]:
        """People: NER persons and listed people; surnames linked to the full name."""
        vocab = doc.vocab.strings
        spans: list[tuple[int, int, str | None]] = []
        for match_id, start, end in self.person_names(doc):
            spans.append((start, end, vocab[match_id]))
        for ent in ents:
            if (ent.label_ == "PERSON" or (ent.label_ in _ACTOR_ENTS and (self._after_title(ent) or _delegate(ent)
                                                                          or self._beside_title(ent)
                                                                          or spelling(ent.text) in self._people_by_spelling))) and \
                    ent.text.lower() not in self.lexicon.not_actors and not (
                        # "the 15-member Council": a body's name after a title word is no person
                        ent.label_ != "PERSON" and len(ent) == 1 and (
                            ent.text.lower() in self.lexicon.institution_words
                            or ent.root.lemma_.lower() in self.lexicon.descriptions)):
                person = ent.label_ == "PERSON"
                ent = _extend_hyphenated(_trim(ent) or ent)
                if person:
                    ent = self._extend_left(ent)
                if self.gazetteer.lookup(ent.text) is None and self.gazetteer.demonym(ent.text) is None:
                    spans.append((ent.start, ent.end, None))
        # "ZHANG JUN (China) said": a speaker of a UN record in capitals that the recogniser missed
        for i in table.where("orth_", ("(",)):
            start = i
            while start > 0 and (doc[start - 1].is_upper and doc[start - 1].is_alpha and len(doc[start - 1]) > 1
                                 or doc[start - 1].text == "-" and not doc[start - 1].whitespace_):
                start -= 1
            if i - start >= 2 and not _covered_spans(spans, start, i) and _delegate(doc[start:i]):
                spans.append((start, i, None))
        # "Oleg Nikolenko, spokesperson for ...": a name the recogniser missed, with a title in apposition
        for i in table.where("lower_", self._one_word_titles, lower=True):
            head = doc[i].head
            if doc[i].dep_ != "appos" or head.i >= i or head.pos_ != "PROPN":
                continue
            start = head.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == head.i:
                start -= 1
            words = doc[start:head.i + 1]
            if 2 <= len(words) <= 4 and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in words) and \
                    not _covered_spans(spans, start, head.i + 1) and self.gazetteer.lookup(words.text) is None and \
                    not any(state.head_keys(t.i) for t in words):
                spans.append((start, head.i + 1, None))
        # "Morocco's King Mohamed VI", "President Tebboune": capitalised words after a title of office that the
        # recogniser left without a name
        for i in table.where("lower_", self._one_word_titles, lower=True):
            title = doc[i]
            if not title.is_title or title.pos_ not in ("PROPN", "NOUN") or not title.whitespace_:
                continue
            end = i + 1
            while end < len(doc) and end - i <= 3 and doc[end].pos_ == "PROPN" and \
                    (doc[end].is_title or _is_regnal_number(doc[end].text) and end > i + 1) and \
                    doc[end].ent_type_ in ("", "PERSON") and doc[end].lower_ not in self._title_parts and \
                    doc[end].lower_ not in self.lexicon.institution_words and \
                    doc[end].lemma_.lower() not in self.lexicon.descriptions and \
                    doc[end].lower_ not in self.lexicon.group_nouns and \
                    self.gazetteer.lookup(doc[end].text) is None and self.gazetteer.demonym(doc[end].text) is None:
                end += 1
                if not doc[end - 1].whitespace_:
                    break
            if end > i + 1 and not _covered_spans(spans, i + 1, end) and \
                    not any(state.head_keys(t.i) for t in doc[i + 1:end]) and \
                    doc[i + 1:end].text.lower() not in self.lexicon.not_actors:
                spans.append((i + 1, end, None))
        spans = _joined(spans, doc)
        # "King Salman", "President Zelensky" recognised as one name: the title is no part of it
        titles = self._one_word_titles
        spans = [(start + 1, end, listed) if end - start > 1 and (doc[start].lower_ in titles or doc[start].lower_[:-1] in titles)
                 else (start, end, listed) for start, end, listed in spans]
        found: list[_Mention] = []
        full_names: dict[str, str] = {}  # a name token -> person key
        # Longer names first, so that "Liu Jieyi" is known before a lone "Liu".
        for start, end, listed in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
            span = doc[start:end]
            if _covered(found, start, end):
                continue
            words = [t.text for t in span if not t.is_punct]
            if not words or self._is_title(doc, start, end):
                continue  # "State Councilor" recognised as a person: a title, no name
            if not listed and self.gazetteer.lookup(span.text) is not None:
                continue  # "our NATO Ally Türkiye" recognised as a person: the title left a state's name
            person = self._people_by_key.get(listed) if listed else self._listed_person(span.text)
            bare = [w for w in words if w.lower() not in HONORIFICS]  # "Mr. TAYE": the name is "TAYE"
            if person is None and len(bare) == 1 and spelling(bare[0]) in full_names:
                key = full_names[spelling(bare[0])]
                state.actors.add(key, state.actors.get(key)["label"], "Person", names=[span.text])
            elif person is not None:
                key = state.actors.add(person.key, person.label, "Person", names=[span.text])
            else:
                # one key for every spelling of the name ("Zelensky", "Zelenskyy"), in this article and the store
                label = span.text.title() if span.text.isupper() else span.text  # "DMITRY POLYANSKIY", as UN records
                key = state.actors.add(person_key(span.text), label, "Person", names=[span.text])
            named = [w for w in words if w.lower() not in HONORIFICS]
            if len(named) > 1:
                for word in (named[0], named[-1]):
                    full_names.setdefault(spelling(word), key)
            found.append(_Mention(start, end, key, 4))
        # A surname met again, even where the recogniser missed it ("Nebenzya warned"), in any spelling, and
        # even where the tagger took it for a common noun ("Christodoulides expressed", tagged a plural noun).
        proper = table.where("pos_", ("PROPN", "NOUN")) if full_names else ()
        for i in proper:
            token = doc[i]
            key = full_names.get(spelling(token.text))
            if key and (token.pos_ == "PROPN" or token.is_title) and not _covered(found, token.i, token.i + 1):
                state.actors.add(key, state.actors.get(key)["label"], "Person", names=[token.text])
                found.append(_Mention(token.i, token.i + 1, key, 4))
        return found

    def _extend_left(self, span: Span) -> Span:
        """``Taye`` + ``Atske Selassie Amde``: a capitalised name word the recogniser left out before a name,
        parsed as part of it (never a title, a hyphen-joined word or a word of another entity)."""
        doc = span.doc
        start = span.start
        while start > 0:
            token = doc[start - 1]
            if token.pos_ != "PROPN" or not token.is_title or token.ent_type_ or token.dep_ != "compound" \
                    or not (span.start <= token.head.i < span.end) or token.lower_ in self._title_parts \
                    or token.lower_ in self.lexicon.not_actors or not token.whitespace_ \
                    or token.lower_ in self.lexicon.institution_words or token.lemma_.lower() in self.lexicon.descriptions \
                    or (start > 1 and not doc[start - 2].whitespace_) or self.gazetteer.lookup(token.text) is not None:
                break
            start -= 1
        end = span.end
        # "Sheikh Mohammed bin Abdulrahman" + "Al Thani": the name goes on to the word it depends on
        while end < len(doc) and doc[end - 1].whitespace_ and doc[end].pos_ == "PROPN" and doc[end].is_title \
                and not doc[end].ent_type_ and doc[end].lower_ not in self._title_parts \
                and doc[end].lower_ not in self.lexicon.institution_words and end - span.end < 3 \
                and any(t.head.i >= end for t in doc[start:end]) and self.gazetteer.lookup(doc[end].text) is None:
            end += 1
        return doc[start:end] if (start, end) != (span.start, span.end) else span

    def _beside_title(self, span: Span) -> bool:
        """A name set beside a person's title by apposition ("Canada's ambassador, Marc-Andre Blanchard,",
        "Blanchard, Canada's ambassador,") is a person, whatever its label."""
        root = span.root
        if not all(t.pos_ in ("PROPN", "PUNCT") for t in span) or len([t for t in span if t.is_alpha]) < 2:
            return False
        nouns = [root.head] if root.dep_ == "appos" else []
        nouns += [c for c in root.children if c.dep_ == "appos"]
        return any(n.pos_ == "NOUN" and n.lemma_.lower() in self._one_word_titles for n in nouns)

    def _after_title(self, span: Span) -> bool:
        """A name right after a person's title ("envoy Vasily Nebenzya") is a person, whatever its label."""
        if span.start == 0 or span.doc[span.start - 1].lower_ not in self._one_word_titles:
            return False
        return all(t.pos_ == "PROPN" for t in span)

    def _listed_person(self, text: str) -> Person | None:
        """The listed person a name is, in any of its spellings ("Zelenskyy" is the listed "Zelensky")."""
        return self._people_by_spelling.get(spelling(without_honorifics(text)))

    # -- actors standing behind other words -------------------------------------------------------

    def _collective_tokens(self, table: TokenTable) -> list[int]:
        """The tokens that are collective nouns ("government", "ministers"), by lemma or by form, in text order."""
        collectives = self.lexicon.collectives | self.lexicon.member_nouns
        return sorted({*table.where("lemma_", collectives, lower=True), *table.where("orth_", collectives, lower=True)})

    def _collectives(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``Security Council members``, ``the Chinese government``: the noun stands for the actor."""
        candidates = self._collective_tokens(table)
        for i in candidates:
            token = doc[i]
            if state.head_keys(token.i):
                continue
            if token.lemma_.lower() in self.lexicon.member_nouns or token.lower_ in self.lexicon.member_nouns:
                owners = [k for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                          for k in state.head_keys(c.i)]
                if len(owners) == 1 and state.actors.kind(owners[0]) == "IntergovernmentalOrganization":
                    first = min(c.left_edge.i for c in token.children if c.dep_ in ("compound", "amod", "nmod"))
                    state.set_head(token.i, owners, (first, token.i + 1))
                continue  # "NATO allies" are NATO; "US allies" no one
            if token.tag_ in ("NNS", "NNPS"):
                # "French, German and Italian leaders", "US and British officials": the states of every modifier
                owners = [m for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                          for m in (c, *c.conjuncts) if m.i < token.i]
                keys = [k for m in sorted(owners, key=lambda m: m.i) for k in state.head_keys(m.i)]
                if len(owners) > 1 and len(keys) == len(owners) and \
                        all(state.actors.kind(k) not in ("Person", "Document", "Issue") for k in keys):
                    state.set_head(token.i, list(dict.fromkeys(keys)), (min(m.left_edge.i for m in owners), token.i + 1))
                    continue
            for child in token.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i:
                    keys = state.head_keys(child.i)
                    if keys and state.actors.kind(keys[0]) not in ("Person", "Document", "Issue"):
                        state.set_head(token.i, keys, (child.left_edge.i, token.i + 1))
                        break
                if child.dep_ == "prep" and child.lower_ == "in" and child.i == token.i + 1:
                    # "the foreign ministry in Algiers", "the government in Kabul": the state whose capital it is
                    seats = [g for g in child.children if g.dep_ == "pobj" and self._is_seat(g, state)]
                    if seats:
                        state.set_head(token.i, state.head_keys(seats[0].i), (token.left_edge.i, seats[0].i + 1))
                        break
                if child.dep_ == "prep" and (child.lower_ == "of" or (child.lower_ == "from" and token.tag_ in ("NNS", "NNPS"))):
                    # "foreign ministers from G7 countries", "officials of the European Union", "the foreign
                    # ministry of India"
                    # "the Ministry of Foreign Affairs of Mongolia": past the portfolio to the one it belongs to
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    objects += [o for g in objects if not state.head_keys(g.i) for p in g.children
                                if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
                    owners = [m for g in objects for m in (g, *g.children)
                              if m.dep_ in ("pobj", "compound", "amod") and state.head_keys(m.i)]
                    keys = state.head_keys(owners[0].i) if owners else []
                    if keys and len(keys) == 1 and state.actors.kind(keys[0]) not in ("Person", "Document", "Issue"):
                        state.set_head(token.i, keys, (token.left_edge.i, child.right_edge.i + 1))
                        break
        # "a spokesman for the Chinese foreign ministry": a speaker for an institution speaks for its actor (a
        # second pass, once "the Chinese foreign ministry" has its actor)
        speakers = {key[0] for key, (relation, _) in self.lexicon.titles.items()
                    if len(key) == 1 and relation == "spokespersonOf"}
        for i in candidates:
            token = doc[i]
            if state.head_keys(token.i) or token.lemma_.lower() not in speakers:
                continue
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "for" and child.i == token.i + 1:
                    owners = [g for g in child.children if g.dep_ == "pobj" and state.head_keys(g.i)]
                    keys = state.head_keys(owners[0].i) if owners else []
                    if len(keys) == 1 and state.actors.kind(keys[0]) not in ("Person", "Document", "Issue"):
                        state.set_head(token.i, keys, (token.left_edge.i, child.right_edge.i + 1))
                        break

    def _first_word_names(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``the North demanded sanctions relief`` in a text that named North Korea: "the North", "the South" is
        the one state named before whose name opens with that word."""
        for i in table.where("orth_", REGION_PREFIXES):
            token = doc[i]
            if state.head_keys(i) or token.pos_ != "PROPN" or i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" or \
                    [c.lower_ for c in token.children] != ["the"]:
                continue
            named = {k for j, keys in _heads(state) if j < i for k in keys
                     if state.actors.kind(k) == "State" and state.actors.get(k)["label"].split()[0] == token.text}
            if len(named) == 1:
                state.set_head(i, list(named), (i - 1, i + 1))

    def _organs_of_others(self, doc: Doc, state: DocState) -> None:
        """``the General Assembly of the Organization of American States``: an organisation's name followed by
        "of" another organisation is that other organisation's organ, and stands for it."""
        for i, keys in list(_heads(state)):
            if len(keys) != 1 or state.actors.kind(keys[0]) != "IntergovernmentalOrganization":
                continue
            start, end = state.span_of(i) or (i, i + 1)
            if end >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != i:
                continue
            owners = [k for g in doc[end].children if g.dep_ == "pobj" for k in state.head_keys(g.i)
                      if state.actors.kind(k) == "IntergovernmentalOrganization" and k != keys[0]]
            if len(owners) == 1:
                owner = next(g for g in doc[end].children if g.dep_ == "pobj")
                state.set_head(i, owners, (start, owner.right_edge.i + 1))

    def _owned_metonyms(self, doc: Doc, state: DocState) -> None:
        """``Germany's Foreign Office``: a metonym of one state ("Foreign Office" is the British one) owned by
        another is that other state's institution; so is an institution the recogniser named, owned by a state
        (``China's Ministry of Commerce``)."""
        institutions = self.lexicon.institution_words
        for i, keys in list(_heads(state)):
            if len(keys) != 1:
                continue
            span = state.span_of(i) or (i, i + 1)
            if state.actors.kind(keys[0]) == "Organization" and doc[span[0]].lower_ in institutions:
                owners = [k for c in doc[i].children if c.dep_ == "poss" for k in state.head_keys(c.i)
                          if state.actors.kind(k) == "State"]
                if len(owners) == 1:
                    owner = doc[min(c.i for c in doc[i].children if c.dep_ == "poss")]
                    state.set_head(i, owners, (owner.left_edge.i, span[1]))
                continue
            if state.actors.kind(keys[0]) != "State":
                continue
            owners = [k for c in doc[i].children if c.dep_ == "poss" for k in state.head_keys(c.i)
                      if state.actors.kind(k) == "State" and k != keys[0]]
            entry = self.gazetteer.get(keys[0])
            span = state.span_of(i) or (i, i + 1)
            if len(owners) == 1 and entry is not None and \
                    normalize_name(doc[span[0]:span[1]].text) in {normalize_name(m) for m in entry.metonyms}:
                owner = doc[min(c.i for c in doc[i].children if c.dep_ == "poss")]
                state.set_head(i, owners, (owner.left_edge.i, span[1]))

    def _named_descriptions(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``the tiny island nation of Tuvalu``, ``the Gulf kingdom of Bahrain``: a description with the name of
        an actor of its kind after "of" stands for that actor."""
        descriptions = self.lexicon.descriptions
        for i in table.where("lemma_", descriptions, lower=True):
            token = doc[i]
            wanted = descriptions[token.lemma_.lower()]
            if state.head_keys(i) or token.pos_ != "NOUN" or token.tag_ != "NN" or wanted in ("Document", "Agreement", "Person"):
                continue
            if any(c.dep_ == "poss" for c in token.children):
                continue
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == token.i + 1):
                for name in (g for g in prep.children if g.dep_ == "pobj"):
                    keys = state.head_keys(name.i)
                    kinds = {state.actors.kind(k) for k in keys}
                    if len(keys) == 1 and (kinds == {wanted} or (wanted == "any" and not kinds & {"Person", "Document", "Issue"})):
                        state.set_head(i, list(keys), (token.left_edge.i, name.right_edge.i + 1))

    def _is_seat(self, token: Token, state: DocState) -> bool:
        """Whether a place name is a capital standing for its state (a metonym of the gazetteer: "Algiers")."""
        keys = state.head_keys(token.i)
        if len(keys) != 1 or state.actors.kind(keys[0]) != "State":
            return False
        entry = self.gazetteer.get(keys[0])
        span = state.span_of(token.i) or (token.i, token.i + 1)
        name = normalize_name(token.doc[span[0]:span[1]].text)
        return entry is not None and name in {normalize_name(m) for m in entry.metonyms}

    def _groups(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """Groups of actors: ``the leaders of France, Germany and Italy`` stand for the three states;
        ``Western countries`` names a group actor of its own."""
        # "our European partners – Belgium, Croatia and Spain –": a noun with a list of actors in apposition
        for i in table.where("dep_", ("appos",)):
            token = doc[i]
            head = token.head
            if head.pos_ in ("NOUN", "PROPN", "NUM") and not state.head_keys(head.i):
                members = _all_actors([token, *token.conjuncts], state)
                if len(members) > 1:
                    state.set_head(head.i, members, (head.left_edge.i, head.i + 1))
        # "Eighteen of our partners", "most of the members": the part stands for the actors of the whole
        for i in table.where("pos_", ("NUM",)):
            token = doc[i]
            if token.dep_ in ("nsubj", "nsubjpass") and not state.head_keys(i):
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for pobj in (g for g in child.children if g.dep_ == "pobj"):
                            if state.head_keys(pobj.i):
                                state.set_head(i, state.head_keys(pobj.i), (i, pobj.i + 1))
        # "Palestinian protesters", "Saudi activists": people of a country acting as a group, not their state
        for i in sorted(set(table.where("lower_", self.lexicon.social_groups, lower=True))):
            token = doc[i]
            if state.head_keys(i) or token.tag_ not in ("NNS", "NNPS", "NN"):
                continue
            modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
            if modifiers and any(state.actors.kind(k) == "State" for m in modifiers for k in state.head_keys(m.i)):
                first = min(m.i for m in modifiers)  # "US and British activists": the whole name
                label = doc[first:i + 1].text
                key = state.actors.add(slugify(label), label, "Organization", names=[label])
                state.set_head(i, [key], (first, i + 1))
        # "the Saudi-led coalition", "a NATO-led force": a group actor of its own, named for who leads it
        for i in table.where("lower_", ("led",), lower=True):
            token, noun = doc[i], doc[i].head
            if i < 2 or token.dep_ not in ("amod", "compound") or noun.pos_ != "NOUN" or state.head_keys(noun.i):
                continue
            leader = doc[i - 2]
            if doc[i - 1].text != "-" or doc[i - 1].whitespace_ or leader.whitespace_ or not state.head_keys(leader.i):
                continue
            label = doc[leader.i:noun.i + 1].text
            key = state.actors.add(slugify(label), label, "Organization", names=[label])
            state.set_head(noun.i, [key], (leader.i, noun.i + 1))
        nouns = self.lexicon.group_nouns
        for i in sorted(set(table.where("lower_", nouns, lower=True))):
            token = doc[i]
            if state.head_keys(i) or token.tag_ not in ("NNS", "NNPS"):
                continue
            members = _named_members(token, state)
            if members:
                state.set_head(i, members, (token.left_edge.i, token.right_edge.i + 1))
                continue
            # "the Group of Seven industrialised nations", "ASEAN countries": the organisation they form
            # ("EU Foreign Affairs ministers": the organisation may modify the portfolio's words before the noun)
            bodies = [c for c in doc[token.left_edge.i:i] if c.dep_ in ("compound", "nmod")
                      and c.head.i <= i and len(state.head_keys(c.i)) == 1
                      and state.actors.kind(state.head_keys(c.i)[0]) == "IntergovernmentalOrganization"]
            if len(bodies) == 1:
                state.set_head(i, state.head_keys(bodies[0].i), (bodies[0].left_edge.i, i + 1))
                continue
            # "several Western governments", "many Arab states": a quantifier before the name says how many of the
            # group act, not another group
            counted = [c for c in token.lefts if c.lower_ in QUANTIFIERS and c.dep_ in ("amod", "det", "nummod")
                       and c.i < min((m.i for m in token.lefts if m.lower_ not in QUANTIFIERS), default=c.i)]
            modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod") and c not in counted]
            others = [c for c in token.lefts if c.dep_ not in ("amod", "compound", "nmod", "det", "punct") and c not in counted]
            if not modifiers or others or any(c.dep_ == "det" and c.lower_ not in ("the",) and c not in counted
                                              for c in token.lefts):
                continue
            if all(m.text[:1].isupper() and m.is_alpha and not state.head_keys(m.i) and m.lower_ not in QUANTIFIERS
                   and m.i == token.i - len(modifiers) + modifiers.index(m) for m in modifiers) and \
                    not any(c.dep_ == "prep" and c.lower_ in ("from", "of") for c in token.children):
                # (not "Foreign ministers from 12 countries": a group its phrase says who is in)
                label = " ".join([*(m.text for m in modifiers), token.text])
                key = state.actors.add(slugify(label), label, "Organization", names=[label])
                state.set_head(i, [key], (modifiers[0].i, i + 1))

    def _titles(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """Titles beside a person give affiliations; a title alone may stand for a named person."""
        persons = {i: keys[0] for i, keys in _heads(state) if state.actors.kind(keys[0]) == "Person"}
        untied = []
        for i, person in sorted(persons.items()):
            root = doc[i]
            span = state.span_of(i) or (i, i + 1)
            window = _title_window(doc, span[0], root)
            found = self._title_and_actor(doc, state, window, person)
            if found is None:
                continue
            (predicate, relation), actor_key = found
            self._title_subject(root, window, person, state)
            if actor_key is None:
                untied.append((person, predicate, relation, i))
            else:
                state.affiliations.append([person, predicate, relation, actor_key, i])
        # "President Maduro" with no state beside it: the state the article ties him to in that role elsewhere,
        # else the one state its sentence names ("Foreign Minister X said Germany would not ...")
        known = {(p, predicate): actor for p, predicate, _relation, actor, _i in state.affiliations}
        offices_named = None  # read once, and only when a title finds its state nowhere else
        for person, predicate, relation, i in untied:
            actor = known.get((person, predicate)) or _after_name(doc, state, state.span_of(i) or (i, i + 1))
            if actor is None and predicate in _OFFICES:
                # a state that is the subject of a clause in the sentence ("... said Germany would not ..."), else
                # in the two sentences before, when one state alone is ("France offered to take the ship in.
                # Interior Minister X said ...")
                sentence = table.sentence(i)
                for first in (sentence.start, sentences_back(doc, sentence.start, 2)):
                    states = {k for t in doc[first:sentence.end] if t.dep_ in ("nsubj", "nsubjpass")
                              for k in state.head_keys(t.i) if state.actors.kind(k) == "State"}
                    if states:
                        break
                if first != sentence.start and any(
                        state.actors.kind(k) == "IntergovernmentalOrganization" for t in doc[first:sentence.end]
                        if t.dep_ in ("nsubj", "nsubjpass") for k in state.head_keys(t.i)):
                    states = set()  # an organisation acting there too may be the one the office serves
                actor = states.pop() if len(states) == 1 else None
            if actor is None:
                # "President Boris Tadic told the meeting" in a text that speaks of "the President of Serbia"
                # (or "the Serbian president") and of no other state's: that state (unless another person holds
                # that very office of it in the text: France has one president)
                if offices_named is None:
                    offices_named = self._offices_named(doc, state, table)
                offices = offices_named.get(relation, set())
                actor = next(iter(offices)) if len(offices) == 1 else None
                if actor is not None and any(p != person and r == relation and a == actor
                                             for p, _pr, r, a, _i in state.affiliations):
                    actor = None
            if actor is not None:
                state.affiliations.append([person, predicate, relation, actor, i])
        # "Vitaly Churkin (Russian Federation)": a delegate named with his state, as UN records write it
        for i, person in sorted(persons.items()):
            end = (state.span_of(i) or (i, i + 1))[1]
            if end + 2 < len(doc) and doc[end].text == "(":
                inside = [k for k in state.head_keys(doc[end + 1].i) or state.head_keys(doc[min(end + 2, len(doc) - 1)].i)
                          if state.actors.kind(k) == "State"]
                closing = next((t for t in doc[end + 1:end + 6] if t.text == ")"), None)
                if inside and closing is not None and not any(a[0] == person and a[4] == i for a in state.affiliations):
                    state.affiliations.append([person, "envoyOf", "representative of", inside[0], i])
        self._allies(doc, state)
        self._lone_titles(doc, state, table)

    @staticmethod
    def _title_subject(name: Token, window: list[Token], person: str, state: DocState) -> None:
        """``President of France Emmanuel Macron condemned X``: the parser made the title the subject and hung the
        name inside its "of" phrase; the title stands for the person."""
        titles = {t.i for t in window}
        token = name
        while token.dep_ in ("pobj", "prep", "appos", "compound") and token.head is not token and token.head.i in titles | {
                t.head.i for t in window}:
            token = token.head
        if token is not name and token.i in titles and token.dep_ in ("nsubj", "nsubjpass") and not state.head_keys(token.i):
            state.set_head(token.i, [person], (min(titles), (state.span_of(name.i) or (name.i, name.i + 1))[1]))

    def _title_and_actor(self, doc: Doc, state: DocState, tokens: list[Token], holder: str | None = None):
        """The title in a window of words, and the actor it ties the person to.

        Where the window names no actor ("Prime Minister Benjamin Netanyahu"),
        the list of well-known people may tell whose prime minister he is; else the actor is None.
        """
        words = _title_words(tokens)
        title = None
        for n in range(self._max_title_words, 0, -1):
            for k in range(len(words) - n + 1):
                key = tuple(words[k : k + n])
                if key in self.lexicon.titles:
                    title = self.lexicon.titles[key]
                    break
            if title:
                break
        if title is None:
            return None
        actors = []
        for token in tokens:
            place = token.head if token.dep_ == "appos" and token.head.dep_ == "pobj" else token
            if place.dep_ == "pobj" and place.head.lower_ in PLACE_PREPOSITIONS and \
                    (any(t.i < place.head.i and state.head_keys(t.i) for t in tokens) or place is not token):
                continue  # "the US commander in Iraq", "an office in Doha, Qatar": the place is not the actor
            if token.dep_ == "pobj" and token.head.lower_ == "to" and title[0] == "envoyOf" and \
                    any(t.i < token.head.i and state.head_keys(t.i) for t in tokens):
                continue  # "the Indian ambassador to Qatar": the state he is sent to is not his
            for key in state.head_keys(token.i):
                kind = state.actors.kind(key)
                if kind and kind not in ("Person", "Document", "Issue"):
                    actors.append((kind != "State", -token.i, key))
        if len(actors) > 1 and title[0] == "envoyOf":
            # "European Union UN Ambassador Olof Skoog": the organisation right before the title is the post, the
            # actor named before it the one the envoy serves
            last = max(actors, key=lambda a: -a[1])
            post = doc[-last[1]]
            if state.actors.kind(last[2]) == "IntergovernmentalOrganization" and \
                    (post.head.lemma_.lower(),) in self.lexicon.titles:
                actors = [a for a in actors if a is not last]
        if actors:
            return title, min(actors)[2]
        person = self._people_by_key.get(holder or "")
        if person and person.affiliation and person.predicate == title[0]:
            entry = self.gazetteer.get(person.affiliation)
            if entry is not None:
                state.actors.add_entry(entry)
                return title, entry.key
        return title, None

    def _allies(self, doc: Doc, state: DocState) -> None:
        """``Azerbaijan's ally Turkey``, ``Cambodia, Beijing's closest ally,``, ``Russia, a close ally of Serbia,``,
        ``Russia, a member of OPEC+,``, ``OPEC's leader Saudi Arabia``: a state's tie to another actor."""
        for i, keys in list(_heads(state)):
            if state.actors.kind(keys[0]) != "State":
                continue
            token = doc[i]
            before = [doc[i - 1]] if i > 0 and doc[i - 1].head.i == token.head.i else []  # "ally Turkey" as siblings
            # "The United States and Germany, both NATO allies of Greece,": a plural apposition of a list is each one's
            shared = [c for c in token.head.children if c.dep_ == "appos" and c.tag_ == "NNS"] \
                if token.dep_ == "conj" and token.head.i < token.i else []
            nouns = [t for t in (*token.lefts, *before, *(c for c in token.children if c.dep_ == "appos"), *shared)
                     if t.pos_ == "NOUN" and (t.lemma_.lower(),) in self.lexicon.titles
                     and self.lexicon.titles[(t.lemma_.lower(),)][0] in _STATE_TIES]
            if token.dep_ == "compound" and token.head.pos_ == "NOUN" and (token.head.lemma_.lower(),) in self.lexicon.titles:
                continue
            for noun in nouns:
                # "Beijing's closest ally", "an Azeri ally", "a close ally of Serbia (and Belarus)"
                owners = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i
                          and state.head_keys(c.i)]
                named_of = [m for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj" for m in (g, *g.conjuncts) if state.head_keys(m.i)]
                predicate, relation = self.lexicon.titles[(noun.lemma_.lower(),)]
                if named_of and predicate == "allyOf":
                    # "NATO allies of Greece": fellow members of NATO, allies of Greece
                    owners = [c for c in owners if not any(state.actors.kind(k) == "IntergovernmentalOrganization"
                                                           for k in state.head_keys(c.i))]
                owners += named_of
                for owner in owners:
                    for other in (self._state_of(k, state) for k in state.head_keys(owner.i)):
                        kind = state.actors.kind(other) if other else ""
                        if other and other != keys[0] and kind not in ("Person", "Document", "Issue", "") and (
                                predicate == "allyOf" or kind == "IntergovernmentalOrganization"):
                            state.affiliations.append([keys[0], predicate, relation, other, i])

    def _state_of(self, key: str, state: DocState) -> str | None:
        """An actor, or for a person ("Assad's main ally") the state or organisation they lead or serve."""
        if state.actors.kind(key) != "Person":
            return key
        for person, _predicate, _relation, actor, _i in state.affiliations:
            if person == key:
                return actor
        person = self._people_by_key.get(key)
        if person and person.affiliation:
            entry = self.gazetteer.get(person.affiliation)
            if entry is not None:
                state.actors.add_entry(entry)
                return entry.key
        return None

    def _led_collectives(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``the Trump administration``, ``the Morrison government``, ``Kirchner's government``: an institution
        named for the person who leads it, as the one who acts, is the state (or organisation) that person
        leads or serves; as what is judged ("called the Maduro government illegitimate") it stays the
        government."""
        for i in self._collective_tokens(table):
            token = doc[i]
            acting = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")
            if state.head_keys(i) or token.pos_ not in ("NOUN", "PROPN") or not acting:
                continue
            for child in token.children:
                keys = state.head_keys(child.i)
                if child.dep_ not in ("compound", "poss") or child.i > i or len(keys) != 1 or \
                        state.actors.kind(keys[0]) != "Person":
                    continue
                led = {actor for person, predicate, _r, actor, _i in state.affiliations
                       if person == keys[0] and predicate in ("leaderOf", "ministerOf")}
                known = self._people_by_key.get(keys[0])
                if not led and known and known.affiliation and known.predicate in ("leaderOf", "ministerOf"):
                    entry = self.gazetteer.get(known.affiliation)
                    if entry is not None:
                        led = {state.actors.add_entry(entry)}
                if len(led) == 1:
                    state.set_head(i, [led.pop()], (child.left_edge.i, i + 1))
                    break

    def _offices_named(self, doc: Doc, state: DocState, table: TokenTable) -> dict[str, set[str]]:
        """The states whose offices the text names by title alone, per title relation: "the President of
        Serbia", "the Serbian president" -> {"president of": {"serbia"}} (a "leader" is no president)."""
        found: dict[str, set[str]] = {}
        for i in table.where("orth_", self._title_heads, lower=True):
            token = doc[i]
            title = _title_ending_at(doc, i, self.lexicon.titles, self._max_title_words)
            if title is None or token.pos_ not in ("NOUN", "PROPN"):
                continue
            for child in _title_owners(token):
                for key in state.head_keys(child.i):
                    if state.actors.kind(key) == "State":
                        found.setdefault(title[1], set()).add(key)
        return found

    def _lone_titles(self, doc: Doc, state: DocState, table: TokenTable) -> None:
        """``Russia's leader``: the person the text names in that role for that actor, else the actor itself."""
        roles: dict[tuple[str, str], str] = {}
        for holder, predicate, _relation, actor_key, _i in state.affiliations:
            roles.setdefault((predicate, actor_key), holder)
        mentioned = {keys[0] for _i, keys in _heads(state) if state.actors.kind(keys[0]) == "Person"}
        for key in sorted(mentioned):
            person = self._people_by_key.get(key)
            if person and person.affiliation:
                roles.setdefault((person.predicate, person.affiliation), key)
        titles = self.lexicon.titles
        for i in table.where("orth_", self._title_heads, lower=True):
            token = doc[i]
            # "foreign minister", "national security adviser"
            title = _title_ending_at(doc, i, titles, self._max_title_words)
            if title is None or state.head_keys(token.i) or token.pos_ not in ("NOUN", "PROPN"):
                continue
            named = any(state.actors.kind(k) == "Person" for t in (token.head, *token.children) for k in state.head_keys(t.i))
            owners = _title_owners(token)
            # "The EU's foreign policy chief, Josep Borrell,": the person beside the title who holds an office of the owner
            beside = [k for c in token.children if c.dep_ == "appos" for k in state.head_keys(c.i)
                      if state.actors.kind(k) == "Person"]
            for child in owners:
                for actor_key in state.head_keys(child.i):
                    holder = roles.get((title[0], actor_key)) or next(
                        (k for k in beside if any(p == k and a == actor_key for p, _pr, _r, a, _i in state.affiliations)), None)
                    if holder is None and not named and title[0] in OFFICE_PREDICATES and \
                            state.actors.kind(actor_key) in ("State", "IntergovernmentalOrganization"):
                        holder = actor_key  # no name given: the office speaks for its state
                    if holder:
                        before = child.i < token.i
                        start = child.left_edge.i if before else min(token.left_edge.i, token.i)
                        state.set_head(token.i, [holder], (start, token.i + 1 if before else child.right_edge.i + 1))
            if not state.head_keys(token.i) and len(set(beside)) == 1:
                # "A spokesman for the ministry, Bernard Valero, said": a title that names no actor of its own
                # stands for the one person set beside it
                state.set_head(token.i, beside[:1], (token.left_edge.i, token.i + 1))
            elif not state.head_keys(token.i) and not owners and not named and not beside and \
                    any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and \
                    token.i == token.left_edge.i + 1 and title[0] == "leaderOf":
                # "The President is disappointed": the one person the text names as a leader in that title's role
                holders = {holder for (predicate, _actor), holder in roles.items() if predicate == title[0]
                           and state.actors.kind(holder) == "Person"}
                if len(holders) == 1:
                    state.set_head(token.i, [holders.pop()], (token.left_edge.i, token.i + 1))


# -- helpers ---------------------------------------------------------------------------------------


def _with_typographic_apostrophes(forms: set[str]) -> set[str]:
    """Names and their spellings with a typographic apostrophe ("People’s Republic of China"), as most pages
    write them."""
    return forms | {form.replace("'", "\u2019") for form in forms if "'" in form}


def _title_ending_at(doc: Doc, i: int, titles: dict[tuple[str, ...], tuple[str, str]],
                     longest: int) -> tuple[str, str] | None:
    """The longest title (of at most ``longest`` words) whose last word is token ``i``."""
    words = [t.lower_ for t in doc[max(0, i - longest + 1):i + 1]]
    for n in range(len(words), 0, -1):
        found = titles.get(tuple(words[-n:]))
        if found is not None:
            return found
    return None


def _after_name(doc: Doc, state: DocState, span: tuple[int, int]) -> str | None:
    """``King Salman of Saudi Arabia``: the actor named by "of" right after a titled name."""
    end = span[1]
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for token in doc[end + 1:end + 5]:
            keys = [k for k in state.head_keys(token.i) if state.actors.kind(k) not in ("Person", "Document", "Issue")]
            if keys:
                return keys[0]
    return None


def _all_actors(tokens: list[Token], state: DocState) -> list[str]:
    """The actors these tokens name (states and organisations), or [] unless every one names one."""
    keys: list[str] = []
    for member in tokens:
        found = [k for k in state.head_keys(member.i) if state.actors.kind(k) not in ("Person", "Document", "Issue")]
        if not found:
            return []
        keys.extend(k for k in found if k not in keys)
    return keys


def _named_members(token: Token, state: DocState) -> list[str]:
    """``leaders of X, Y and Z``, ``several countries, including X and Y,``, ``delegations, including those of
    X and Y,``: the actors the group is made of (or that it includes), when all of them are actors."""
    for child in token.children:
        if child.dep_ == "prep" and (child.lower_ in ("of", "including", "like") or
                                     child.lower_ == "as" and child.i > 0 and child.doc[child.i - 1].lower_ == "such"):
            # "countries like Hungary and Poland", "countries such as Chile and Peru"
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            if pobjs and child.lower_ == "including" and pobjs[0].lower_ in ("those", "that"):
                pobjs = [g for p in pobjs[0].children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"]
            if pobjs:
                return _all_actors([pobjs[0], *pobjs[0].conjuncts], state)
    return []


def _joined(spans: list[tuple[int, int, str | None]], doc: Doc) -> list[tuple[int, int, str | None]]:
    """Name pieces the recogniser cut apart ("Maria Luiza" + "Ribeiro Viotti") as one name: recognised
    spans that touch with nothing between them; a listed person keeps their own span."""
    joined: list[tuple[int, int, str | None]] = []
    for start, end, listed in sorted(spans, key=lambda s: (s[0], s[1])):
        if joined and listed is None and joined[-1][2] is None and joined[-1][1] == start and doc[start - 1].whitespace_:
            joined[-1] = (joined[-1][0], end, None)
        else:
            joined.append((start, end, listed))
    return joined


def _heads(state: DocState):
    for i, keys in state.data["heads"].items():
        yield int(i), keys


def _strip_article(text: str) -> str:
    return _ARTICLE.sub("", text)


def _inside_larger_name(span: Span, ents: tuple[Span, ...], title_words: set[str] = frozenset()) -> bool:
    """A gazetteer name inside a longer proper name ("Korea" in "Korea Herald") is not a mention; a title
    the recogniser took into the name ("Kremlin Spokesman N", words of ``title_words``) makes no longer name.

    ``ents`` are the Doc's entities.
    """
    if span.doc[span.start].ent_iob_ not in ("B", "I") or span.root.dep_ != "compound":
        return False
    for ent in ents:
        if ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT") and span.root.dep_ == "compound":
                extra = [t for t in ent if t.i < span.start or t.i >= span.end]
                if any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in title_words for t in extra):
                    return True
    return False


def _after_unknown_name_word(span: Span, named_ends: set[int]) -> bool:
    """A gazetteer name that ends a longer name the recogniser found, after a capitalised word naming no actor:
    "Security Council" in "Iran's Supreme National Security Council" or "the High Security Council" is another
    body than the UN's."""
    doc = span.doc
    if span.start == 0 or doc[span.start].ent_iob_ != "I" or span.start in named_ends:
        return False
    before = doc[span.start - 1]
    return before.is_alpha and before.text[:1].isupper() and before.pos_ in ("PROPN", "ADJ") and \
        before.ent_type_ == doc[span.start].ent_type_ == "ORG"


#: Titles that tie a state to another actor: "Beijing's closest ally", "a member of OPEC", "OPEC's leader
#: Saudi Arabia" (member and leader only of an organisation).
_STATE_TIES = ("allyOf", "memberOf", "leaderOf")


def _title_owners(title: Token) -> list[Token]:
    """The words a title word names its actor by: "Russia's leader", "the Serbian president", "the delegate of
    Eritrea", "the representative of the United Kingdom"."""
    owners = [c for c in title.children if c.dep_ in ("poss", "compound", "amod") and c.i < title.i]
    owners += [g for c in title.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return owners


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun is the object or passive subject of, directly or through a preposition ("voted for X")."""
    if token.dep_ in ("dobj", "obj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        return token.head.head
    return None


def _covered(mentions: list[_Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _trim(span: Span) -> Span | None:
    """Drop leading determiners and possessive markers from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in ("DET", "PUNCT") or doc[start].lower_ in ("the",)):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _covered_spans(spans: list[tuple[int, int, str | None]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b, _listed in spans)


def _delegate(span: Span) -> bool:
    """A name in capitals followed by a state in brackets, as UN meeting records name a speaker:
    ``DMITRY POLYANSKIY (Russian Federation)``."""
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    if not words or not all(t.is_alpha and t.is_upper and len(t) > 1 for t in words):
        return False
    if span.end + 2 >= len(doc) or doc[span.end].text != "(":
        return False
    inside = doc[span.end + 1:span.end + 6]
    return any(t.text == ")" for t in inside) and any(t.ent_type_ in ("GPE", "NORP") for t in inside)


def _extend_hyphenated(span: Span) -> Span:
    """``Moon Jae`` + ``-in``: take in hyphen-joined pieces written without spaces."""
    doc = span.doc
    end = span.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        if not doc[end + 1].is_alpha:
            break
        end += 2
    return doc[span.start : end]


def _title_words(tokens: list[Token]) -> list[str]:
    """Lower-case words of a window, hyphenated words joined ("Secretary-General")."""
    words: list[str] = []
    glue = False
    for token in tokens:
        text = token.lower_
        if text == "-" and words and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_:
            words[-1] += "-"
            glue = True
            continue
        if glue:
            words[-1] += text
            glue = False
        else:
            words.append(text)
    return words


def _title_window(doc: Doc, start: int, root: Token) -> list[Token]:
    """The words that can carry a person's title: before the name in its phrase, or in an apposition."""
    window: list[Token] = []
    i = start - 1
    first = doc[start].sent.start
    while i >= first and start - i <= 7:
        token = doc[i]
        if "\n" in token.whitespace_:
            break  # a paragraph break: the line before (a headline) is another sentence
        joined = token.text == "-" and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        if token.is_punct and token.text not in ("'", "’") and not joined:
            break
        if token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON") and token.tag_ != "POS" and token.lower_ not in ("of", "to", "at"):
            break
        window.insert(0, token)
        i -= 1
    # Apposition: "Javad Zarif, Iran's foreign minister," or "Iran's foreign minister, Javad Zarif,".
    if root.dep_ == "appos":
        head = root.head
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
            head = head.head.head  # "a spokesman for the ministry, Bernard Valero": the name may hang on the ministry
        window.extend(t for t in head.subtree if t.i < start)
    for child in root.children:
        if child.dep_ == "appos" and not _names_someone(child, root):
            window.extend(child.subtree)
    if not window and start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ in ("NOUN", "PROPN"):
        # "Qatar's emir, Sheikh Tamim ..." parsed without the apposition: the noun phrase before the comma
        noun = doc[start - 2]
        window.extend(t for t in noun.subtree if t.i <= noun.i)
    return window


def _is_regnal_number(text: str) -> bool:
    """"VI" in "Mohamed VI", "II" in "Elizabeth II": a name's Roman numeral."""
    return 0 < len(text) <= 5 and set(text) <= set("IVX")


def _names_someone(phrase: Token, person: Token) -> bool:
    """Whether a phrase holds another name than ``person``'s: "..., British Prime Minister Theresa May" does."""
    return any(t.ent_type_ == "PERSON" and t.i != person.i and t.head.i != person.i for t in phrase.subtree)


def _resolve_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Keep the best of overlapping mentions: longer first, then higher priority."""
    chosen: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.length, -m.priority, m.start)):
        if not _covered(chosen, mention.start, mention.end):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


@Language.factory("newskg_mentions")
def make_mention_finder(nlp: Language, name: str) -> MentionFinder:
    """Link actor mentions to canonical actors (see :mod:`newskg.extract.mentions`)."""
    return MentionFinder(nlp, name)
