"""Paragraph breaks end sentences: the ``newskg_paragraphs`` component, run before the parser.

Cleaned text separates paragraphs, headings, captions and live-blog entries by a
blank line. The small English model often runs a heading ("16:05 - Pentagon
praises Qatar") or a byline into the next paragraph's first sentence, which then
has two subjects and two roots. Marking the word after a blank line as a
sentence start keeps them apart; the parser respects preset sentence starts.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = mark_paragraphs(nlp("Pentagon praises Qatar\\n\\nThe Pentagon thanked Qatar."))
>>> [t.text for t in doc if t.is_sent_start]
['Pentagon', 'The']
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraphs"]


def mark_paragraphs(doc: Doc) -> Doc:
    """Mark the first word after each blank line as the start of a sentence."""
    # white space other than a single space is a token of its own: only those tokens can hold a blank line
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
    breaks = 0
    for n, i in enumerate(spaces):
        breaks += doc[i].text.count("\n")
        if n + 1 < len(spaces) and spaces[n + 1] == i + 1:
            continue  # the blank line goes on in the next token
        if breaks >= 2 and i + 1 < len(doc):
            token = doc[i + 1]
            token.is_sent_start = True
            # "Oleg | Nikolenko, spokesperson ...": a paragraph's second word starts no sentence of its own
            if token.i + 1 < len(doc) and doc[token.i + 1].is_alpha and "\n" not in token.whitespace_:
                doc[token.i + 1].is_sent_start = False
        breaks = 0
    return doc


@Language.component("newskg_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Paragraph breaks end sentences (see :mod:`newskg.extract.paragraphs`)."""
    return mark_paragraphs(doc)
