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

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraphs"]


def mark_paragraphs(doc: Doc) -> Doc:
    """Mark the first word after each blank line as the start of a sentence."""
    after_break = False
    for token in doc:
        if token.is_space or not token.text.strip():
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break or (token.i > 0 and doc[token.i - 1].whitespace_.count("\n") >= 2):
            token.is_sent_start = True
            # "Oleg | Nikolenko, spokesperson ...": a paragraph's second word starts no sentence of its own
            if token.i + 1 < len(doc) and doc[token.i + 1].is_alpha and "\n" not in token.whitespace_:
                doc[token.i + 1].is_sent_start = False
        after_break = False
    return doc


@Language.component("newskg_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Paragraph breaks end sentences (see :mod:`newskg.extract.paragraphs`)."""
    return mark_paragraphs(doc)
