"""Per-document extraction state, kept in ``doc.user_data`` as plain data.

Plain dicts and lists survive ``nlp.pipe(n_process=2)``, which sends Docs
between processes as bytes. Components read and write it through
:class:`DocState`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .actors import ActorTable

__all__ = ["DocState"]

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
