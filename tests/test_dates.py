"""Event dates: expressions resolved against the article date, and kept only on the triple's own clause."""

import pytest
from newskg.extract.dates import event_date, resolve
from newskg.extract.read import article_from_text

MONDAY = "2017-08-07"  # a Monday


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Saturday", "past", ("2017-08-05", "day")),
        ("on Monday", "past", ("2017-08-07", "day")),
        ("last Monday", "past", ("2017-07-31", "day")),
        ("on Friday", "future", ("2017-08-11", "day")),
        ("On July 4", "past", ("2017-07-04", "day")),
        ("on December 20", "past", ("2016-12-20", "day")),
        ("on September 12", "future", ("2017-09-12", "day")),
        ("on 4 July 2015", "past", ("2015-07-04", "day")),
        ("Sept. 5, 2017", "past", ("2017-09-05", "day")),
        ("in September 2017", "past", ("2017-09-01", "month")),
        ("in September", "past", ("2016-09-01", "month")),
        ("in 2016", "past", ("2016-01-01", "year")),
        ("last week", "past", ("2017-07-31", "week")),
        ("this week", "past", ("2017-08-07", "week")),
        ("last month", "past", ("2017-07-01", "month")),
        ("last year", "past", ("2016-01-01", "year")),
        ("yesterday", "past", ("2017-08-06", "day")),
    ],
)
def test_resolve_against_the_article_date(expression, tense, expected):
    found = resolve(expression, MONDAY, tense=tense)
    assert (found.date, found.precision) == expected


def test_relative_dates_need_an_article_date():
    assert resolve("on Saturday", None) is None
    assert resolve("last week", None) is None
    assert resolve("on July 4, 2017", None).date == "2017-07-04"


def test_words_that_are_no_dates():
    assert resolve("they may act", MONDAY) is None
    assert resolve("soon", MONDAY) is None
    assert resolve("on February 30, 2017", MONDAY) is None


def _date_of(nlp, sentence, obj, relation, article_date=MONDAY):
    doc = nlp(sentence)
    start = sentence.index(obj)
    return event_date(doc, (0, len(sentence)), object_span=(start, start + len(obj)), relation=relation,
                      article_date=article_date)


@pytest.mark.model
def test_date_on_the_verb_of_the_triple(nlp):
    found = _date_of(nlp, "On July 4, China and Russia issued a joint statement.", "joint statement", "issue")
    assert (found.date, found.precision) == ("2017-07-04", "day")
    found = _date_of(nlp, "Last week the council imposed new sanctions.", "new sanctions", "impose")
    assert (found.date, found.precision) == ("2017-07-31", "week")
    found = _date_of(nlp, "In September 2017, Japan called for tougher sanctions.", "tougher sanctions", "call for")
    assert (found.date, found.precision) == ("2017-09-01", "month")


@pytest.mark.model
def test_date_of_a_report_dates_what_was_reported(nlp):
    found = _date_of(nlp, "China said on Saturday that it opposes sanctions.", "sanctions", "oppose")
    assert found.date == "2017-08-05"


@pytest.mark.model
def test_dates_that_do_not_date_the_triple(nlp):
    # a date inside a noun phrase, or after "after", places no event of the triple in time
    assert _date_of(nlp, "After Monday's meeting, Japan called for tougher sanctions.", "tougher sanctions",
                    "call for") is None
    assert _date_of(nlp, "Russia rejected the July 4 statement.", "the July 4 statement", "reject") is None
    assert _date_of(nlp, "China opposes sanctions.", "sanctions", "oppose") is None


@pytest.mark.model
def test_pipeline_puts_the_event_date_on_the_triple(nlp):
    from newskg.extract.pipeline import extract

    text = "Global Research, August 07, 2017\n\nOn Saturday, China and Russia issued a joint statement.\n"
    article = article_from_text(text, "dated.txt")
    triples = [t for t in extract(article, nlp=nlp) if t.relation == "issue"]
    assert article.date == "2017-08-07"
    assert triples and {(t.event_date, t.event_precision) for t in triples} == {("2017-08-05", "day")}


def _every_match(text):
    """The matches of all patterns, tried on any text (what the dates module finds without its shortcuts)."""
    from newskg.extract import dates

    found, taken = [], []
    for kind, pattern in dates._PATTERNS:
        for m in pattern.finditer(text):
            if kind == "month" and m.group("month").lower().rstrip(".") == "may" and not m.group("year"):
                continue
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            found.append((kind, m.span(), m.groupdict()))
            taken.append(m.span())
    return sorted(found, key=lambda item: item[1][0])


@pytest.mark.parametrize(
    "text",
    [
        "On July 4, China and Russia issued a joint statement.",
        "Russia rejected the plan on the 3rd of ſeptember 2017.",  # the long s matches "S" when case is ignored
        "They met on SATURDAY, after talks last WEEK and mid-July 2017 meetings.",
        "It happened in 2016 and again yesterday; more may follow tomorrow or next month.",
        "The market remained calm; the decision was separate.",
        "No dates here at all.",
        "",
    ],
)
def test_shortcuts_keep_every_date_expression(text):
    from newskg.extract.dates import _matches

    assert [(kind, m.span(), m.groupdict()) for kind, m in _matches(text)] == _every_match(text)
    assert _matches(text) == _matches(text)  # cached, and the same


@pytest.mark.model
def test_a_shared_cache_gives_the_same_dates(nlp):
    text = "On Saturday, China and Russia issued a joint statement and rejected new sanctions. Japan agreed."
    doc = nlp(text)
    first = text.index(". Japan") + 1
    triples = [((0, first), "a joint statement", "issue"), ((0, first), "new sanctions", "reject"),
               ((first + 1, len(text)), "Japan", "agree")]
    cache: dict = {}
    for sentence, obj, relation in triples:
        start = text.index(obj)
        span = (start, start + len(obj))
        alone = event_date(doc, sentence, object_span=span, relation=relation, article_date=MONDAY)
        shared = event_date(doc, sentence, object_span=span, relation=relation, article_date=MONDAY, cache=cache,
                            text=doc.text)
        assert shared == alone
    assert cache


def test_module_examples_run():
    import doctest

    from newskg.extract import dates, topics

    assert doctest.testmod(dates).failed == 0
    assert doctest.testmod(topics).failed == 0
