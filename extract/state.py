"""Per-document extraction state, kept in ``doc.user_data`` as plain data.

Plain dicts and lists survive ``nlp.pipe(n_process=2)``, which sends Docs
between processes as bytes. Components read and write it through
:class:`DocState`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from re import Pattern

import numpy
from spacy.attrs import IDS as ATTR_IDS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .actors import ActorTable

__all__ = ["DocState", "TokenTable", "sentences_back"]

_KEY = "newskg"


class DocState:
    """Accessors over ``doc.user_data["newskg"]``.

    - ``actors``: key -> {label, kind, names, codes}
    - ``heads``: token index (as str) -> actor keys the token stands for (mention roots,
      collective nouns, titles standing for a person, resolved pronouns)
    - ``spans``: token index (as str) -> (start, end) of the mention the token heads
    - ``refs``: token index (as str) -> actor keys an anaphor refers to
    - ``affiliations``: [person key, predicate, relation, actor key, token index]
    - ``triples``: the extracted triples as dicts
    """

    def __init__(self, doc: Doc) -> None:
        data = doc.user_data.get(_KEY)
        if data is None:
            data = {"actors": {}, "heads": {}, "spans": {}, "affiliations": [], "triples": [], "refs": {}}
            doc.user_data[_KEY] = data
        self.doc = doc
        self.data = data
        self.actors = ActorTable(data["actors"])

    def head_keys(self, i: int) -> list[str]:
        """The actors of the mention that token ``i`` heads (no coreference)."""
        return self.data["heads"].get(str(i), [])

    def set_ref(self, i: int, keys: list[str]) -> None:
        """Record that the anaphor at token ``i`` refers to these actors."""
        self.data["refs"][str(i)] = list(keys)

    @property
    def triples(self) -> list[dict]:
        return self.data["triples"]

    @property
    def affiliations(self) -> list[list]:
        return self.data["affiliations"]

    def set_head(self, i: int, keys: list[str], span: tuple[int, int] | None = None) -> None:
        self.data["heads"][str(i)] = list(keys)
        if span is not None:
            self.data["spans"][str(i)] = list(span)

    def actor_keys(self, i: int) -> list[str]:
        """The actors token ``i`` stands for: a mention it heads, or what it refers to."""
        return self.data["heads"].get(str(i)) or self.data["refs"].get(str(i)) or []

    def span_of(self, i: int) -> tuple[int, int] | None:
        span = self.data["spans"].get(str(i))
        return tuple(span) if span else None


#: Strings by id, as they are and in lower case, shared by all Docs (an id always names the same
#: string); replaced by empty ones when large.
_TEXTS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_TEXTS_MAX = 500_000
#: Up to this many words, tokens are found by comparing the ids array with each word's id.
_FEW = 8


class TokenTable:
    """Token attributes of a whole Doc read in one pass, and its sentences.

    Reading ``token.pos_`` token by token costs a Token object and a string
    each time; a rule that scans the whole Doc asks :meth:`where` for the few
    tokens it wants instead. Names are those of the Token string attributes:
    ``pos_``, ``tag_``, ``dep_``, ``lemma_``, ``orth_`` (the text), ``lower_``, ``ent_type_``.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._arrays: dict[str, object] = {}
        self._distinct: dict[str, tuple[object, list[int]]] = {}
        self._decoded: dict[tuple[str, bool], list[str]] = {}
        self._text: str | None = None
        self._sents: tuple[list[int], list[Span]] | None = None

    def where(self, name: str, words: Collection[str], *, lower: bool = False) -> list[int]:
        """The tokens, in text order, whose attribute ``name`` (in lower case if ``lower``) is one of ``words``."""
        if not len(self.doc):
            return []
        if not lower and len(words) <= _FEW:
            # a few exact words: look their ids up instead of reading every distinct value
            ids = POS_IDS if name == "pos_" else None
            return self._compare(name, [ids[w] if ids is not None else get_string_id(w)
                                        for w in words if ids is None or w in ids])
        return self._picked(name, [k for k, text in enumerate(self._strings(name, lower)) if text in words])

    def text(self) -> str:
        """The Doc's text, as ``doc.text`` joins it from the tokens (their text and trailing space)."""
        if self._text is None:
            if not len(self.doc):
                self._text = ""
            else:
                texts = self._texts("orth_")
                spaces = self._array("spacy").tolist()
                words = [texts[orth] for orth in self._array("orth_").tolist()]
                self._text = "".join([word + " " if space else word for word, space in zip(words, spaces)])
        return self._text

    def matching(self, name: str, pattern: Pattern[str]) -> list[int]:
        """The tokens, in text order, whose attribute ``name`` the regular expression matches (``pattern.match``)."""
        if not len(self.doc):
            return []
        return self._picked(name, [k for k, text in enumerate(self._strings(name, False)) if pattern.match(text)])

    def _compare(self, name: str, values: list[int]) -> list[int]:
        """The tokens whose attribute ``name`` has one of a few value ids."""
        if not values:
            return []
        ids = self._array(name)
        mask = ids == values[0]
        for value in values[1:]:
            mask |= ids == value
        return mask.nonzero()[0].tolist()

    def _picked(self, name: str, picked: list[int]) -> list[int]:
        """The tokens whose attribute ``name`` has one of the distinct values at these places of :meth:`_values`."""
        if len(picked) <= _FEW:
            values = self._values(name)
            return self._compare(name, [values[k] for k in picked])
        ids = self._array(name)
        wanted = self._unique(name)[0][picked]  # in increasing order
        at = wanted.searchsorted(ids).clip(0, len(picked) - 1)
        return (wanted[at] == ids).nonzero()[0].tolist()

    def _array(self, name: str):
        """The attribute's value ids by token index, as the Doc's array."""
        found = self._arrays.get(name)
        if found is None:
            found = self._arrays[name] = self.doc.to_array(ATTR_IDS[name.rstrip("_").upper()])
        return found

    def _values(self, name: str) -> list[int]:
        """The attribute's distinct value ids, in increasing order."""
        return self._unique(name)[1]

    def _unique(self, name: str):
        """The attribute's distinct value ids in increasing order, as an array and as a list."""
        found = self._distinct.get(name)
        if found is None:
            unique = numpy.unique(self._array(name))
            found = self._distinct[name] = (unique, unique.tolist())
        return found

    def _strings(self, name: str, lower: bool) -> list[str]:
        """The text of the attribute's distinct values (see :meth:`_values`), in lower case if ``lower``."""
        key = (name, lower)
        found = self._decoded.get(key)
        if found is None:
            texts = self._texts(name, lower=lower)
            found = self._decoded[key] = [texts[value] for value in self._values(name)]
        return found

    def _texts(self, name: str, *, lower: bool = False) -> dict[int, str]:
        """Text by value id, holding at least the attribute's distinct values in this Doc."""
        distinct = self._values(name)
        if name == "pos_":
            return {value: POS_NAMES[value].lower() for value in distinct} if lower else POS_NAMES
        global _TEXTS, _LOWERED
        if len(_TEXTS) > _TEXTS_MAX:
            _TEXTS, _LOWERED = {}, {}
        plain = _TEXTS
        texts = _LOWERED if lower else plain
        missing = [value for value in distinct if value not in texts]
        if missing:
            strings = self.doc.vocab.strings
            for value in missing:
                text = plain.get(value)
                if text is None:
                    text = plain[value] = strings[value]
                texts[value] = text.lower() if lower else text
        return texts

    def sentence(self, i: int) -> Span:
        """The sentence of token ``i``, as ``doc[i].sent`` gives it."""
        doc = self.doc
        if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
            return doc[i].sent
        if self._sents is None:
            sents = list(doc.sents)
            self._sents = ([sent.start for sent in sents], sents)
        starts, sents = self._sents
        return sents[bisect_right(starts, i) - 1]


def sentences_back(doc: Doc, start: int, count: int) -> int:
    """The first token of the sentence ``count`` sentences before the one starting at token ``start``."""
    for _ in range(count):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
