"""Repair parse errors the small English model makes on short news clauses and on records of debates.

Short, headline-like clauses ("Russia and China urge diplomacy.") are often
parsed as one noun phrase, with the verb as a modifier of the object noun.
The ``newskg_repair`` component, run right after the parser, makes the verb
the root again when the evidence is clear:

1. a finite verb (``VBD``/``VBZ``/``VBP``) attached as a modifier of the
   sentence's root noun, with a proper-noun subject right before it;
2. a word tagged as an adjective or noun whose form is a known verb of the
   lexicon ("urge", "oppose"), between a list of proper names and the root noun.
   The names before the verb become its subject and the root noun its object;
3. a finite verb attached as a clause of the root noun right after it, with no
   subject or agent of its own ("The bloc called on X to ..."): the noun becomes its subject;
4. a finite root verb with no subject, right after a noun phrase the parser hung in apposition on a noun of
   the sentence's opening phrase ("In response to the list, a spokesperson for the ministry said ..."): the
   appositive noun becomes its subject;
5. an acronym tagged as a verb at the opening of a sentence, before a verb form ("ECOWAS imposed"): the subject;
6. a speaker's name in capitals opening its sentence ("KYAW MOE TUN (Myanmar) said"), its first word taken for
   the root verb: the clause the name is the subject of becomes the root;
7. a speaker's second verb after "but"/"and" with no subject ("N said the text was fair but regretted that
   ..."), parsed as a second clause of what was said, or as a conjunct inside a clause about a text: a
   conjunct of the speaker's verb;
8. subjects side by side with only commas between them, and an infinitive hung on the wrong verb.

A verb with a prefix, kept as one word by the tokenizer ("co-sponsored",
"re-imposed"), gets the lemma of the verb the lexicon knows ("co-sponsor", "impose");
so does a regular form of a known verb the lemmatizer got wrong ("hoped" -> "hop", "staged" -> "stag"),
and a word one letter away from a long form of exactly one known verb ("condemed", "critisized").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .lexicon import Lexicon, load_lexicon

__all__ = ["ParseRepair", "verb_forms"]

_FINITE = ("VBD", "VBZ", "VBP")
#: How long a known verb form must be for a word one letter away to be taken as its misspelling.
MISSPELT_LENGTH = 7
_MODIFIER_DEPS = ("amod", "compound", "nmod")


def verb_forms(lemmas: set[str]) -> frozenset[str]:
    """Regular present and past forms of the given verbs.

    >>> sorted(verb_forms({"urge"}))
    ['urge', 'urged', 'urges']
    """
    forms = set()
    for lemma in lemmas:
        forms.add(lemma)
        if lemma.endswith("e"):
            forms.update({lemma + "s", lemma + "d"})
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
        elif lemma.endswith(("s", "sh", "ch", "x", "z")):
            forms.update({lemma + "es", lemma + "ed"})
        else:
            forms.update({lemma + "s", lemma + "ed"})
    return frozenset(forms)


def _participle(lemma: str) -> str:
    """The regular -ing form of a verb ("wage" -> "waging", "see" -> "seeing").

    >>> _participle("wage"), _participle("agree"), _participle("urge"), _participle("veto")
    ('waging', 'agreeing', 'urging', 'vetoing')
    """
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


class ParseRepair:
    """The ``newskg_repair`` pipeline component."""

    def __init__(self, nlp: Language, name: str, *, lexicon: Lexicon | None = None):
        self.name = name
        lexicon = lexicon or load_lexicon()
        self.known = frozenset({phrase[0] for phrase in lexicon.verbs} | set(lexicon.complements)
                               | {verb for verb, _noun in lexicon.senses})
        self.forms = verb_forms(self.known)
        self.speaking = frozenset(lexicon.speech | lexicon.factive)
        self.texts = lexicon.document_nouns
        lemmas: dict[str, set[str]] = {}
        for lemma in self.known:
            for form in verb_forms({lemma}) | {_participle(lemma)}:
                lemmas.setdefault(form, set()).add(lemma)
        # a form only one known verb makes: "hoped" is "hope" (the model says "hop"), "staged" is "stage",
        # "waging" is "wage" (the model says "wag")
        self.lemma_of = {form: next(iter(found)) for form, found in lemmas.items() if len(found) == 1}
        # the English verbs the model's lemmatizer knows: "ceased" is "cease", not a misspelt "eased"
        self.real_verbs = _lemmatizer_verbs(nlp)
        # a misspelt form one letter away from a long known one ("condemed", "vetoeed"): its single-letter
        # deletions, mapped to the lemmas they come from
        self.deletions: dict[str, set[str]] = {}
        for form, lemma in self.lemma_of.items():
            if len(form) >= MISSPELT_LENGTH:
                for variant in _deletions(form):
                    self.deletions.setdefault(variant, set()).add(lemma)

    def _misspelt(self, word: str) -> str | None:
        """The known verb a word is one letter away from (a letter missing, added or changed), if only one."""
        if len(word) < MISSPELT_LENGTH - 1 or not word.isalpha():
            return None
        found = set(self.deletions.get(word, ()))  # a letter missing: "condemed"
        for variant in _deletions(word):
            found |= {self.lemma_of[variant]} if variant in self.lemma_of else set()  # a letter added
            found |= self.deletions.get(variant, set())  # a letter changed
        return next(iter(found)) if len(found) == 1 else None

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if "-" in token.text and token.pos_ == "VERB":
                lemma = _prefixed_lemma(token.lower_, self.known)
                if lemma:
                    token.lemma_ = lemma
            elif token.pos_ == "VERB" and token.lemma_.lower() not in self.known:
                # without the lemmatizer's word list nothing tells a misspelling from another verb
                lemma = self.lemma_of.get(token.lower_) or (
                    None if not self.real_verbs or token.lemma_.lower() in self.real_verbs else self._misspelt(token.lower_))
                if lemma:
                    token.lemma_ = lemma
        for token in doc:
            if token.dep_ == "xcomp" and token.tag_ == "VB":
                _reattach_infinitive(token)
            elif token.dep_ in ("ccomp", "conj") and token.pos_ == "VERB":
                _rejoin_second_verb(token, self.speaking, self.texts)
        for sent in list(doc.sents):
            acronym = _acronym_verb(sent, self.forms)
            if acronym is not None:
                _acronym_subject(*acronym)
            capitals = _capitals_name_root(sent)
            if capitals is not None:
                _name_from_root(*capitals)
            root = sent.root
            if root.pos_ == "VERB":
                _one_list_of_subjects(root)
            appositive = _appositive_before(root)
            if appositive is not None:
                appositive.head = root
                appositive.dep_ = "nsubj"
                continue
            if root.pos_ not in ("NOUN", "PROPN"):
                continue
            if root.pos_ == "NOUN" and root.lower_ in self.forms and any(
                    c.dep_ == "nsubj" and c.i < root.i for c in root.children):
                root.pos_ = "VERB"
                root.tag_ = "VBD" if root.lower_.endswith("ed") else ("VBZ" if root.lower_.endswith("s") else "VBP")
                _one_list_of_subjects(root)
                continue
            planned = _planned_act(root)
            if planned is not None:
                _make_subject(root, planned)
                continue
            clause = _finite_clause_after(root)
            if clause is not None:
                _make_subject(root, clause)
                continue
            for token in sent:
                if token.i >= root.i or token.head != root or token.dep_ not in _MODIFIER_DEPS:
                    continue
                subject = _subject_before(token)
                if subject is None:
                    continue
                finite_verb = token.pos_ == "VERB" and token.tag_ in _FINITE
                verb_like = token.pos_ in ("ADJ", "NOUN") and token.lower_ in self.forms
                if finite_verb or verb_like:
                    _promote(token, root, subject)
                    break
        return doc


def _lemmatizer_verbs(nlp: Language) -> frozenset[str]:
    """The verb lemmas of the model's rule lemmatizer (its ``lemma_index`` table), empty without one."""
    if "lemmatizer" not in nlp.pipe_names and "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1:] for k in range(len(word))}


def _prefixed_lemma(word: str, known: frozenset[str]) -> str | None:
    """The lemma of a prefixed verb form: "co-sponsored" -> "co-sponsor", "re-imposed" -> "impose".

    >>> _prefixed_lemma("co-sponsored", frozenset({"co-sponsor", "impose"})), _prefixed_lemma("re-imposed", frozenset({"impose"}))
    ('co-sponsor', 'impose')
    """
    prefix, _, base = word.partition("-")
    for candidate in (base, base[:-2], base[:-1], base[:-3], base[:-3] + "e", base[:-2] + "y" if base.endswith("ied") else ""):
        if candidate and f"{prefix}-{candidate}" in known:
            return f"{prefix}-{candidate}"
        if candidate and candidate in known:
            return candidate
    return None


def _subject_before(verb: Token) -> Token | None:
    """The head of the proper-name list right before ``verb``, if that is what precedes it."""
    doc = verb.doc
    i = verb.i - 1
    names = []
    while i >= verb.sent.start and (doc[i].pos_ == "PROPN" or doc[i].pos_ == "CCONJ" or doc[i].text == ","):
        names.append(doc[i])
        i -= 1
    proper = [t for t in names if t.pos_ == "PROPN"]
    if not proper or names[0].pos_ != "PROPN":
        return None
    group = {t.i for t in names}
    heads = [t for t in names if t.pos_ == "PROPN" and t.head.i not in group]
    return min(heads, key=lambda t: t.i) if heads else None


def _finite_clause_after(root: Token) -> Token | None:
    """A finite verb the parser hung on the root noun as its clause, right after the noun, with no agent:
    in "The bloc called on India to ...", "called"."""
    token = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if token is not None and token.head == root and token.dep_ == "acl" and token.tag_ in _FINITE \
            and token.pos_ == "VERB" and not any(c.dep_ in ("agent", "auxpass", "nsubj", "nsubjpass") for c in token.children):
        return token
    return None


def _appositive_before(verb: Token) -> Token | None:
    """A noun in apposition to a noun of the opening phrase, ending right before the subjectless finite root verb
    (commas aside): in "In response to the list, a spokesperson for the ministry said", "spokesperson"."""
    if verb.pos_ != "VERB" or verb.tag_ not in _FINITE or verb.dep_ != "ROOT" or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    doc = verb.doc
    end = verb.i - 1
    while end > verb.sent.start and doc[end].is_punct and doc[end].text in (",", ")"):
        end -= 1
    for token in doc[verb.sent.start:end + 1]:
        if token.dep_ == "appos" and token.pos_ == "NOUN" and token.head.i < token.i and token.right_edge.i >= end \
                and any(c.dep_ == "det" for c in token.children) and doc[token.left_edge.i - 1].text == "," \
                and verb in token.head.ancestors and all(a.dep_ != "nsubj" for a in token.head.ancestors):
            return token
    return None


def _acronym_verb(sent, forms: frozenset[str]) -> tuple[Token, Token] | None:
    """An acronym the tagger took for a verb or auxiliary at the opening of a sentence (a determiner or
    punctuation may come first), and the verb form right after it."""
    for token in sent:
        if token.is_punct or token.pos_ == "DET":
            continue
        after = token.nbor() if token.i + 1 < sent.end else None
        if token.pos_ in ("VERB", "AUX") and len(token.text) > 1 and token.text.isalpha() and token.text.isupper() \
                and after is not None and after.is_lower and (after.tag_ in ("VBD", "VBN", "VBZ") or after.lower_ in forms):
            return token, after
        return None
    return None


def _acronym_subject(acronym: Token, verb: Token) -> None:
    acronym.pos_ = "PROPN"
    acronym.tag_ = "NNP"
    acronym.lemma_ = acronym.text
    if acronym.head == verb:  # "IGAD(aux) called for": the auxiliary is the subject
        acronym.dep_ = "nsubj"
    elif acronym.dep_ == "ROOT":  # "ECOWAS(root) imposed(amod) sanctions(dobj)": the verb takes the clause over
        for token in list(acronym.children):
            if token != verb:
                token.head = verb
        verb.head = verb
        verb.dep_ = "ROOT"
        acronym.head = verb
        acronym.dep_ = "nsubj"
    else:
        return
    verb.pos_ = "VERB"
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") and c != acronym for c in verb.children):
        verb.tag_ = "VBD"


def _capitals_name_root(sent) -> tuple[Token, Token, Token] | None:
    """A name in capitals opening its sentence, as records of debates write speakers ("KYAW MOE TUN (Myanmar)
    said"), whose first word the tagger took for the root verb: that word, the rest of the name, and the clause
    the name is the subject of."""
    root = sent.root
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i != root.i or root.pos_ not in ("VERB", "AUX") or len(root.text) < 2 or not root.text.isalpha() \
            or not root.text.isupper() or root.i + 1 >= sent.end:
        return None
    after = root.nbor()
    if not (after.text.isalpha() and after.text.isupper()):
        return None
    for clause in root.children:
        if clause.dep_ in ("ccomp", "conj", "parataxis") and clause.pos_ in ("VERB", "AUX") and clause.i > after.i:
            for subject in clause.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.left_edge.i == after.i:
                    return root, subject, clause
    return None


def _name_from_root(word: Token, name: Token, clause: Token) -> None:
    for token in list(word.children):
        if token != clause:
            token.head = clause
    clause.head = clause
    clause.dep_ = "ROOT"
    word.head = name
    word.dep_ = "compound"
    word.pos_ = "PROPN"
    word.tag_ = "NNP"
    word.lemma_ = word.text


def _one_list_of_subjects(verb: Token) -> None:
    """Subjects side by side with only commas between them ("Japan, South Korea agree"), each parsed as the
    verb's own: the later ones become conjuncts of the first."""
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda t: t.i)
    doc = verb.doc
    for first, other in zip(subjects, subjects[1:]):
        if not all(t.text == "," for t in doc[first.right_edge.i + 1:other.left_edge.i]) \
                or first.right_edge.i + 1 == other.left_edge.i:
            return
    for other in subjects[1:]:
        other.head = subjects[0]
        other.dep_ = "conj"


def _reattach_infinitive(infinitive: Token) -> None:
    """Hang an infinitive on the verb complement before it whose object ends right before it."""
    head = infinitive.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children):
        return
    for inner in head.children:
        if inner.dep_ == "xcomp" and inner.i < infinitive.i and inner.pos_ == "VERB" and \
                any(c.dep_ in ("dobj", "obj") for c in inner.children) and inner.right_edge.i + 1 == infinitive.left_edge.i:
            infinitive.head = inner
            return


def _rejoin_second_verb(verb: Token, speaking: frozenset[str], texts: frozenset[str]) -> None:
    """``N said the text was balanced but regretted that ...``: a verb with no subject after "but"/"and", parsed
    as a second clause of what N said (or as a conjunct inside it), is N's own second verb, a conjunct of "said";
    inside the clause, only a verb of saying or reacting whose clause is about a text (a text does not regret)."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP") or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return
    cc = verb.doc[verb.i - 1]
    if cc.pos_ != "CCONJ":
        return
    if verb.dep_ == "ccomp":  # said [the text was X] but [regretted ...]
        said = verb.head
        if said.i == verb.i or cc.head.i == said.i or cc.head.head.i != said.i or cc.head.dep_ != "ccomp" \
                or cc.head.i > verb.i:
            return
    else:  # said [the text was X but regretted ...]
        clause = verb.head
        said = clause.head
        if clause.dep_ != "ccomp" or said.i == clause.i or said.i > clause.i or cc.head.i != clause.i \
                or verb.lemma_.lower() not in speaking \
                or not any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in texts for c in clause.children):
            return
    if said.pos_ != "VERB" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in said.children):
        return
    verb.head = said
    verb.dep_ = "conj"
    cc.head = said


def _planned_act(root: Token) -> Token | None:
    """The infinitive right after a proper-noun root that opens its sentence ("EU to impose sanctions"), hung
    on it as its clause."""
    after = root.doc[root.i + 2] if root.i + 2 < root.sent.end else None
    if root.pos_ != "PROPN" or root.left_edge.i != root.sent.start or after is None:
        return None
    if after.head == root and after.dep_ == "acl" and after.tag_ == "VB" and root.nbor().lower_ == "to" \
            and root.nbor().head == after:
        return after
    return None


def _make_subject(noun: Token, verb: Token) -> None:
    for token in list(noun.children):
        # what follows the verb is the verb's; so is what opens the sentence ("In Jeddah, the bloc called ...")
        if token.i > verb.i or (token.i < noun.i and token.dep_ in ("prep", "advmod", "npadvmod", "advcl", "punct")):
            token.head = verb
    verb.head = verb
    verb.dep_ = "ROOT"
    noun.head = verb
    noun.dep_ = "nsubj"


def _promote(verb: Token, root: Token, subject: Token) -> None:
    for token in list(root.children):
        if token.i < verb.i and token != verb and token != subject and token.i < subject.i:
            token.head = verb
    subject.head = verb
    subject.dep_ = "nsubj"
    verb.head = verb
    verb.dep_ = "ROOT"
    if verb.pos_ != "VERB":
        verb.pos_ = "VERB"
        verb.tag_ = "VBD" if verb.lower_.endswith("ed") else "VBP"
    root.head = verb
    root.dep_ = "dobj"
    for token in list(root.children):
        if token.dep_ == "punct" and token.i == root.sent.end - 1:
            token.head = verb


@Language.factory("newskg_repair")
def make_parse_repair(nlp: Language, name: str) -> ParseRepair:
    """Repair verbs parsed as modifiers in short clauses (see :mod:`newskg.extract.repair`)."""
    return ParseRepair(nlp, name)
