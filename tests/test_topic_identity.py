"""Topics keep what identifies them: an open head ("resolution", "action", "way") keeps what it is about, and
classifying adjectives ("terrorist", "humanitarian") stay; families still roll topics up."""

import pytest
from newskg.extract.lexicon import read_words
from newskg.extract.topics import canonical_topics


def _topics(nlp, sentence, phrase):
    doc = nlp(sentence)
    start = sentence.index(phrase)
    return [t.key for t in canonical_topics(doc, (start, start + len(phrase)))]


def test_the_open_heads_are_data():
    heads = read_words("topic_open_heads.txt")
    assert {"resolution", "action", "way", "measure", "issue", "nation"} <= heads


@pytest.mark.model
def test_two_resolutions_are_two_topics(nlp):
    embargo = _topics(nlp, "Russia supported the resolution on the Libya arms embargo.",
                      "the resolution on the Libya arms embargo")
    integrity = _topics(nlp, "Russia opposed the resolution on the territorial integrity of Ukraine.",
                        "the resolution on the territorial integrity of Ukraine")
    assert embargo[0] != integrity[0]
    assert embargo[0].startswith("resolution-") and "embargo" in embargo[0]
    assert integrity[0] == "resolution-territorial-integrity"
    assert embargo[1:] == ["sanctions-and-embargoes"]  # the family still rolls it up with all sanctions


@pytest.mark.model
@pytest.mark.parametrize("sentence, phrase, key", [
    ("France opposes terrorist groups.", "terrorist groups", "terrorist-group"),
    ("Syria rejected offers of help and humanitarian aid.", "humanitarian aid", "humanitarian-aid"),
    ("Ukraine called for action condemning its annexation.", "action condemning its annexation",
     "action-condemn-annexation"),
    ("Russia said talks are the only ways to reduce tensions.", "the only ways to reduce tensions",
     "way-reduce-tension"),
])
def test_a_topic_keeps_its_identifying_words(nlp, sentence, phrase, key):
    assert _topics(nlp, sentence, phrase)[0] == key

