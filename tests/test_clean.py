"""Cleaning of text and markdown articles: markup, boilerplate, header, offsets, chunks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskg.extract.clean import (
    Rules, clean_markdown, clean_text, iter_chunks, load_rules, looks_like_markdown, raw_span,
)
from newskg.extract.meta import html_meta, parse_byline, parse_date, parse_dateline

BODY = "Officials said the talks would resume on Monday in Geneva after a pause of two weeks."


def assert_copies(raw: str, cleaned) -> None:
    """Every copied run of the offset map holds the same characters in both texts."""
    previous_end = 0
    for start, raw_start, length in cleaned.offsets.segments:
        assert start >= previous_end and length > 0
        assert cleaned.text[start:start + length] == raw[raw_start:raw_start + length]
        previous_end = start + length


# ---------------------------------------------------------------- markdown


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("The [Security Council](http://un.org/sc) met.", "The Security Council met."),
        ("The [council][1] met.", "The council met."),
        ("A map ![map](http://x/map.png) of the region.", "A map of the region."),
        ("They *strongly* object to **new** sanctions.", "They strongly object to new sanctions."),
        ("A ***very*** _firm_ __no__ answer.", "A very firm no answer."),
        ("Costs rose by \\$1 billion \\*net\\*.", "Costs rose by $1 billion *net*."),
        ("See <http://example.org/report> for the report.", "See for the report."),
        ("Keep snake_case and 2 * 3 as they are.", "Keep snake_case and 2 * 3 as they are."),
        ("A `literal` word.", "A literal word."),
        ("> Quoted words here.", "Quoted words here."),
        ("Line with a<br>break.", "Line with abreak."),
        ("[*Home – Jane Roe*](#) wrote this article.", "Home – Jane Roe wrote this article."),
    ],
)
def test_inline_markdown_is_removed(markdown: str, expected: str) -> None:
    cleaned = clean_markdown(markdown)
    assert cleaned.text == expected
    assert_copies(markdown, cleaned)


def test_first_heading_is_title_and_later_headings_leave_the_text() -> None:
    raw = f"# The Title #\n\n{BODY}\n\n## Background\n\nMore words follow here."
    cleaned = clean_markdown(raw)
    assert cleaned.title == "The Title"
    # a heading, caption or live-blog entry title alone in its paragraph restates the text: it is not parsed
    assert cleaned.text == f"{BODY}\n\nMore words follow here."


def test_a_short_paragraph_with_a_sentence_end_stays() -> None:
    raw = f"{BODY}\n\nTalks resumed.\n\nPhoto: Delegates in Geneva / Agency\n\n12:15 - Iran offers food"
    assert clean_text(raw).text == f"{BODY}\n\nTalks resumed."


def test_setext_heading_and_rules() -> None:
    cleaned = clean_markdown(f"The Title\n=========\n\n{BODY}\n\n---\n\nLast words.")
    assert cleaned.title == "The Title"
    assert cleaned.text == f"{BODY}\n\nLast words."


def test_list_markers_are_kept_as_lines() -> None:
    raw = "It has three parts:\n\n1. First *part*.\n2. Second part.\n\n- a dash item\n* a star item"
    cleaned = clean_markdown(raw)
    assert cleaned.text == ("It has three parts:\n\n1. First part.\n2. Second part.\n\n"
                            "- a dash item\n* a star item")
    assert_copies(raw, cleaned)


def test_wrapped_lines_join_and_broken_sentence_is_mended() -> None:
    raw = f"{BODY}\n\nThe envoys called for restraint in\n\nthe region. They left.\n\nthe next day began."
    cleaned = clean_markdown(raw)
    assert cleaned.text == (f"{BODY}\n\nThe envoys called for restraint in the region. They left."
                            "\n\nthe next day began.")
    wrapped = clean_text("A line that was\nwrapped by an editor.\n\nNext paragraph.")
    assert wrapped.text == "A line that was wrapped by an editor.\n\nNext paragraph."


def test_code_fences_are_dropped_but_code_kept() -> None:
    cleaned = clean_markdown(f"{BODY}\n\n```\nsome *code*\n```\n")
    assert cleaned.text == f"{BODY}\n\nsome *code*"


def test_looks_like_markdown() -> None:
    assert looks_like_markdown("# Title\n\ntext")
    assert looks_like_markdown("see [this](http://x)")
    assert not looks_like_markdown("Plain text, 5 * 3 = 15, #hashtag.")


# ---------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "VISIT MY NEW WEB SITE: [example.org](http://example.org). Contact at [me@example.org](mailto:me@example.org).",
        "Contact at [me@example.org](mailto:me@example.org)",
        "Region: [Asia](#), [Europe](#)",
        "Theme: [Law and Justice](#)",
        "In-depth Report: [NUCLEAR](#)",
        "Tags: politics, diplomacy",
        "The original source of this article is Example News",
        "Copyright © [Jane Roe](#), Example News, 2017",
        "© 2020 Example Media Group",
        "**[Comment on Example News Articles on our Facebook page](#)**",
        "[Become a Member of Example News](#)",
        "Articles by: [Jane Roe](#)",
        "For media inquiries: [press@example.org](mailto:press@example.org)",
        "*My newest book as editor is titled \"A Book\".*",
        "*Listen to cutting-edge discussions on the Example Radio Hour.*",
        "<http://www.example.com/book.html>",
        "[Home](/) | [World](/world) | [Politics](/politics)",
        "press@example.org",
        "https://example.org/some/page",
        "www.example.org",
        "Share this article",
        "Follow us on Twitter",
        "Subscribe to our newsletter",
        "Advertisement",
        "Read more: Other story",
        "Photo: Lawmakers set fire to a paper flag in parliament in the capital, May 9. / Agency",
        "File photo: The delegates voted on the draft resolution in New York on Monday.",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    cleaned = clean_markdown(f"{BODY}\n\n{line}\n\nThe vote is expected next week, diplomats said.")
    assert cleaned.text == f"{BODY}\n\nThe vote is expected next week, diplomats said."


@pytest.mark.parametrize(
    "line",
    [
        "Contact between the two delegations resumed after a year.",
        "Contact at the ministerial level resumed in May.",
        "The region's leaders met on Friday.",
        "Copyright law was not discussed at the summit.",
        "Listen to the people, the minister told parliament.",
        "Subscribers to the treaty include eleven states.",
        "Sharing intelligence remains a sensitive issue.",
        "Critics said the [report](http://example.org/report) was incomplete.",
        "Photographers were barred from the summit, the ministry said.",
    ],
)
def test_article_lines_that_resemble_boilerplate_are_kept(line: str) -> None:
    cleaned = clean_markdown(f"{BODY}\n\n{line}")
    assert cleaned.text.endswith(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line))


def test_about_the_author_removes_everything_after_it() -> None:
    raw = f"{BODY}\n\n### About the author:\n\nJane Roe lives in Chicago.\n\nMore footer text."
    assert clean_markdown(raw).text == BODY


def test_disclaimer_paragraph_is_removed() -> None:
    raw = (f"{BODY}\n\n**Disclaimer:** The contents are the author's.  \n"
           "[www.example.org](http://example.org) contains copyrighted material.\n\nFinal words here.")
    assert clean_markdown(raw).text == f"{BODY}\n\nFinal words here."


def test_rules_file_is_data_and_bad_rules_are_reported() -> None:
    rules = load_rules()
    assert rules.drop and rules.para and rules.tail
    with pytest.raises(ValueError, match="line 2|:2:"):
        Rules.parse(["drop ^ok", "kill ^bad"], "x.txt")
    with pytest.raises(ValueError, match="bad regex"):
        Rules.parse(["drop ^(unclosed"], "x.txt")
    custom = Rules.parse(["drop ^Sponsored by"])
    assert clean_text(f"{BODY}\n\nSponsored by Acme", rules=custom).text == BODY


# ---------------------------------------------------------------- header


def test_title_byline_and_dateline_leave_the_body() -> None:
    raw = f"# A Title\n\nBy [Jane Roe](#)\n\nExample News, August 07, 2017\n\n{BODY}"
    cleaned = clean_markdown(raw)
    assert (cleaned.title, cleaned.author, cleaned.date) == ("A Title", "Jane Roe", "2017-08-07")
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Global Research, August 07, 2017", "2017-08-07"),
        ("Published 5 September 2017", "2017-09-05"),
        ("2017-09-05", "2017-09-05"),
        ("Updated: Sept. 5, 2017 10:32 AM EDT", "2017-09-05"),
        ("Monday 4th of March 2019", "2019-03-04"),
    ],
)
def test_datelines(line: str, iso: str) -> None:
    assert parse_dateline(line) == iso
    assert clean_text(f"{line}\n\n{BODY}").date == iso


def test_sentences_with_dates_are_not_datelines() -> None:
    assert parse_dateline("On July 4, 2017, China and Russia issued a joint statement on the crisis.") is None
    assert parse_date("February 30, 2017") is None
    cleaned = clean_text(f"{BODY}\n\nOn July 4, 2017 the envoys met again.")
    assert "July 4, 2017" in cleaned.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Roe", ("Jane Roe", None)),
        ("By JOHN DOE and Ann van der Berg", ("John Doe and Ann van der Berg", None)),
        ("By Jane Roe | March 3, 2020", ("Jane Roe", "2020-03-03")),
        ("Written by Ali Hassan, Reuters", ("Ali Hassan", None)),
        ("By the way, the vote was close.", None),
        ("By 2020 the mission had ended.", None),
    ],
)
def test_bylines(line: str, expected) -> None:
    assert parse_byline(line) == expected


def test_html_meta_reads_head_tags() -> None:
    head = ('<title>Story | Site</title><meta content="Story" property="og:title">'
            "<meta name='author' content='Jane &amp; John'>"
            '<meta property="article:published_time" content="2019-03-14T09:30:00+00:00">')
    assert html_meta(head) == {"title": "Story", "author": "Jane & John", "date": "2019-03-14"}
    assert html_meta("<title> Only  a title </title>") == {"title": "Only a title"}


# ---------------------------------------------------------------- offsets


markdown_text = st.text(alphabet="ab Z.,*_[]()#<>!\\`\n-:/@$=>~1", max_size=400)


@settings(max_examples=300, deadline=None)
@given(markdown_text)
def test_offsets_copy_raw_characters_on_random_markdown(raw: str) -> None:
    cleaned = clean_markdown(raw)
    assert_copies(raw, cleaned)
    assert "\n\n\n" not in cleaned.text
    for start, raw_start, length in cleaned.offsets.segments:
        for a in range(start, start + length):
            b = min(a + 3, start + length)
            ra, rb = raw_span(cleaned.offsets, a, b)
            assert raw[ra:rb] == cleaned.text[a:b]
            assert cleaned.offsets.to_raw(a) == raw_start + a - start


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab Z.\n\t", max_size=300))
def test_offsets_copy_raw_characters_on_random_text(raw: str) -> None:
    assert_copies(raw, clean_text(raw))


def test_every_copied_span_maps_back_on_a_markdown_article() -> None:
    raw = ("# Title\n\nBy [Jane Roe](#)\n\n*Talks resumed on Monday.* The [UN](http://un.org) "
           "said **little**.\n\nCosts rose by \\$1 billion.\n")
    cleaned = clean_markdown(raw)
    assert cleaned.text == "Talks resumed on Monday. The UN said little.\n\nCosts rose by $1 billion."
    assert_copies(raw, cleaned)
    first = cleaned.text.index("Talks")
    ra, rb = raw_span(cleaned.offsets, first, first + len("Talks resumed on Monday."))
    assert raw[ra:rb] == "Talks resumed on Monday."
    m = cleaned.offsets
    assert raw[m.to_raw(0):m.to_raw(len("Talks resumed"))] == "Talks resumed"


# ---------------------------------------------------------------- chunks


def check_chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    chunks = list(iter_chunks(text, max_chars))
    assert "".join(chunk for _, chunk in chunks) == text
    for offset, chunk in chunks:
        assert text[offset:offset + len(chunk)] == chunk
        assert 0 < len(chunk) <= max_chars
    return chunks


def test_chunks_prefer_paragraphs_then_sentences() -> None:
    para = "First sentence here. Second sentence there."
    text = "\n\n".join([para] * 4)
    chunks = check_chunks(text, 100)
    assert all(chunk.endswith("\n\n") for _, chunk in chunks[:-1])
    one_paragraph = " ".join(["A short sentence."] * 20)
    for _, chunk in check_chunks(one_paragraph, 50)[:-1]:
        assert chunk.endswith(". ")


def test_chunks_never_split_words_unless_a_word_is_too_long() -> None:
    text = "word " * 1000
    for _, chunk in check_chunks(text, 37)[:-1]:
        assert chunk.endswith(" ")
    assert [c for _, c in check_chunks("x" * 25, 10)] == ["x" * 10, "x" * 10, "x" * 5]
    with pytest.raises(ValueError):
        list(iter_chunks("text", 0))


def test_a_long_text_fits_under_a_parser_limit() -> None:
    text = ("The council met again. " * 40 + "\n\n") * 600  # about 0.55 MB
    chunks = check_chunks(text, 100_000)
    assert len(chunks) == 6


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .!?\n", max_size=300), st.integers(min_value=1, max_value=40))
def test_chunks_partition_random_text(text: str, max_chars: int) -> None:
    for _, chunk in check_chunks(text, max_chars)[:-1]:
        assert chunk[-1].isspace() or not any(c.isspace() for c in chunk)


def test_header_block_with_byline_and_date_and_late_headings() -> None:
    cleaned = clean_text(f"By Jane Roe\nMarch 3, 2020\n\n{BODY}")
    assert (cleaned.author, cleaned.date, cleaned.text) == ("Jane Roe", "2020-03-03", BODY)
    late = clean_markdown(f"Short lede.\n\n## Background\n\n{BODY}")
    assert late.title is None
    assert late.text == f"Short lede.\n\n{BODY}"  # a heading inside the text is not body text


@pytest.mark.parametrize("line, text", [
    ("BRUSSELS/TEHRAN, May 9 (Meridian) - Britain vowed to keep the deal.", "Britain vowed to keep the deal."),
    ("GENEVA (Reuters) \u2014 Talks resumed on Monday in Geneva.", "Talks resumed on Monday in Geneva."),
    ("US - China trade talks resumed on Monday in Geneva.", "US - China trade talks resumed on Monday in Geneva."),
])
def test_a_wire_dateline_is_no_part_of_the_sentence(line, text):
    cleaned = clean_text(f"{BODY}\n\n{line}")
    assert cleaned.text == f"{BODY}\n\n{text}"
    start = cleaned.text.index(text)
    raw = f"{BODY}\n\n{line}"
    first, last = raw_span(cleaned.offsets, start, start + len(text))
    assert raw[first:last] == text  # offsets still point into the file


@pytest.mark.parametrize("raw, expected", [
    ('"We urge (Iranian) President (Ebrahim) Raisi to act," she said.', '"We urge Iranian President Ebrahim Raisi to act," she said.'),
    ("The United Nations (UN) Security Council met.", "The United Nations (UN) Security Council met."),
    ("Talks (in Geneva) resumed.", "Talks (in Geneva) resumed."),
    ("Aid reached the city (Mariupol) today.", "Aid reached the city (Mariupol) today."),
])
def test_an_editor_s_insertion_in_a_name_loses_its_brackets(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert_copies(raw, cleaned)


def test_a_text_of_one_line_without_a_full_stop_is_its_body() -> None:
    assert clean_text("Obama said he would not help Israel").text == "Obama said he would not help Israel"
    assert clean_text("A Heading\n\nThe body goes on here.").text == "The body goes on here."


def test_an_e_mail_header_gives_title_date_and_sender_and_stays_out_of_the_text() -> None:
    raw = ("From: The Desk <desk@example.org>\nTo: readers@example.org\nSubject: Talks resume\n"
           "Date: Fri, 02 Jun 2017 06:30:00 +0000\n\nThe talks resumed in Geneva on Friday after a long pause.\n")
    cleaned = clean_text(raw)
    assert (cleaned.title, cleaned.date, cleaned.author) == ("Talks resume", "2017-06-02", "The Desk")
    assert cleaned.text == "The talks resumed in Geneva on Friday after a long pause."


def test_a_list_under_key_events_or_read_also_is_furniture() -> None:
    raw = ("Talks resumed in Geneva on Friday after a pause of two weeks.\n\n**Key events**\n- Envoys met at noon\n"
           "- A statement followed\n\nThe talks will go on next week, officials said.\n\nRead also:\n- Another story\n")
    text = clean_markdown(raw).text
    assert "Envoys met" not in text and "Another story" not in text and "A statement followed" not in text
    assert "The talks will go on next week" in text


@pytest.mark.parametrize("raw, expected", [
    # a short line over a capitalised one heads what follows, it does not start its sentence
    ("Talks resumed on Monday.\n\nSummary\nThe envoy has outlined a plan for peace.",
     "Talks resumed on Monday.\n\nThe envoy has outlined a plan for peace."),
    # a dateline opens a paragraph: the heading above it is no part of its sentence
    ("Talks resumed on Monday.\n\nLeaders eye new security pacts with the region\nGENEVA \u2014 Leaders will make an "
     "announcement on Wednesday.",
     "Talks resumed on Monday.\n\nLeaders eye new security pacts with the region\n\nLeaders will make an announcement on "
     "Wednesday."),
    # pages copied as text keep a paragraph a line: a line that ends a sentence ends its paragraph
    ("Talks resumed on Monday.\nThe envoy met President Ruto on Tuesday.",
     "Talks resumed on Monday.\n\nThe envoy met President Ruto on Tuesday."),
    # a line wrapped by an editor goes on as one sentence
    ("Talks resumed on Monday.\n\nThe envoy met\nPresident Ruto on Tuesday.",
     "Talks resumed on Monday.\n\nThe envoy met President Ruto on Tuesday."),
])
def test_headings_inside_a_paragraph_of_plain_text(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


def test_a_date_stamp_before_the_first_words_is_the_date_not_text() -> None:
    cleaned = clean_text(" date 2020-09-27 The foreign ministry expressed its concern.\n\nTalks resumed.")
    assert cleaned.text == "The foreign ministry expressed its concern.\n\nTalks resumed."
    assert cleaned.date == "2020-09-27"
    # a date inside a sentence stays where it is
    assert clean_text("The ministry spoke on 2020-09-27 in Geneva.").text == "The ministry spoke on 2020-09-27 in Geneva."


def test_the_line_under_a_quote_that_names_its_speaker_stays() -> None:
    raw = ('The Council adopted new sanctions.\n\n"We are targeting those responsible."\n'
           "Josep Borrell, High Representative for Foreign Affairs and Security Policy\n\nThe package was agreed.")
    assert "Josep Borrell, High Representative" in clean_text(raw).text
    # a short heading-like line elsewhere still goes
    assert "Key Points" not in clean_text("The Council met.\n\nKey Points\n\nThe package was agreed.").text


def test_a_title_case_headline_is_read_as_a_sentence_and_a_question_or_site_title_is_not() -> None:
    from newskg.extract.clean import headline_sentence

    body = "France said on Tuesday it supports the sanctions the bloc imposed on Mali, and the junta called protests."
    # verbs the body writes in lower case (or the verb table knows) and function words lose their capitals;
    # names and acronyms keep theirs; the length stays
    cased = headline_sentence("France, US Support ECOWAS On Mali As Junta Calls For Protests", body)
    assert cased == "France, US support ECOWAS on Mali as junta calls for protests"
    assert headline_sentence("Japan Condemns Missile Launch By North Korea", "") == \
        "Japan condemns Missile Launch by North Korea"
    assert headline_sentence("Russia vetoes resolution on Syria", "") == "Russia vetoes resolution on Syria"
    for title in ("Why China and Russia Agreed to Sanctions", "Will the Deal Hold?", "Ministry | Press releases",
                  "Breaking news", None):
        assert headline_sentence(title, body) is None, title


def test_a_first_line_over_a_whole_sentence_in_a_paragraph_a_line_text_is_the_headline() -> None:
    raw = ("European Union condemns Turkish moves in eastern Mediterranean\n"
           "European Union leaders on Friday condemned unilateral actions by Turkey in the eastern Mediterranean.\n"
           "The leaders said in their communique that they deplored the exploratory activities.\n")
    cleaned = clean_text(raw)
    assert cleaned.title == "European Union condemns Turkish moves in eastern Mediterranean"
    assert cleaned.text.startswith("European Union leaders on Friday")
    # a line an editor wrapped goes on in the next line: no headline
    wrapped = ("The Security Council on Monday adopted a resolution that condemns\n"
               "the attacks and calls for restraint.\n\nIt was adopted unanimously.\n")
    assert clean_text(wrapped).text.startswith("The Security Council on Monday adopted")
