"""Reading articles: files, folders, globs, encodings, HTML, limits and errors."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import newskg.extract.read as read_module
from newskg.extract.clean import raw_span
from newskg.extract.errors import InputError, NoContentError
from newskg.extract.read import article_from_text, decode_bytes, read_article, read_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
FOOTER = ("VISIT MY", "Disclaimer", "Copyright", "lendmanstephen", "About the author", "Flashpoint",
          "Global Research", "Region:", "](", "**", "\\$")


def assert_copies(article) -> None:
    for start, raw_start, length in article.offsets.segments:
        assert article.text[start:start + length] == article.raw[raw_start:raw_start + length]


# ---------------------------------------------------------------- the sample articles


@pytest.mark.parametrize(
    ("name", "title", "date", "first_sentence"),
    [
        ("000_a2ed5babcf17c71c.txt", "Why China and Russia Agreed to Tough New Sanctions on North Korea",
         "2017-08-07", "On Saturday, Security Council members imposed sanctions on North Korea for the "
                       "seventh time since its first 2006 nuclear test."),
        ("002_1dcb7e5e9c1bc258.txt", "Russia and China Versus the West on North Korea",
         "2017-09-05", "Their positions are world's apart - evident in Monday's Security Council "
                       "meeting on North Korea."),
    ],
)
def test_sample_articles(name: str, title: str, date: str, first_sentence: str) -> None:
    article = read_article(SEEDS / name)
    assert (article.title, article.author, article.date) == (title, "Stephen Lendman", date)
    assert article.text.startswith(first_sentence)
    for word in FOOTER:
        assert word not in article.text
    assert "By Stephen Lendman" not in article.text and title not in article.text
    assert len(article.text) > 2000 and "\n\n" in article.text
    start, end = raw_span(article.offsets, 0, len(first_sentence))
    assert article.raw[start:end] == first_sentence
    assert article.raw[article.offsets.to_raw(0):article.offsets.to_raw(len(first_sentence))] == first_sentence
    assert_copies(article)
    assert article.source == str(SEEDS / name)
    assert len(article.doc_id) == 16 and int(article.doc_id, 16) >= 0


def test_sample_article_keeps_body_details() -> None:
    article = read_article(SEEDS / "000_a2ed5babcf17c71c.txt")
    assert "cutting them by about $1 billion." in article.text
    assert "China's UN envoy Liu Jieyi explained" in article.text
    assert "1. New sanctions against" in article.text
    mended = read_article(SEEDS / "002_1dcb7e5e9c1bc258.txt")
    assert "in lieu of responsible diplomacy. After Monday's meeting" in mended.text


def test_same_article_under_another_name_gets_the_same_id(tmp_path: Path) -> None:
    seed = SEEDS / "000_a2ed5babcf17c71c.txt"
    copy = tmp_path / "renamed.md"
    copy.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))
    first, second = read_article(seed), read_article(copy)
    assert first.doc_id == second.doc_id
    assert second.source == str(copy)
    other = read_article(SEEDS / "002_1dcb7e5e9c1bc258.txt")
    assert other.doc_id != first.doc_id


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "name", ["utf8.txt", "utf8_bom.txt", "utf16_bom.txt", "utf16be_bom.md", "cp1252.txt", "latin1.txt",
             "nul_bytes.txt", "broken_utf8.txt"],
)
def test_encodings_decode_to_the_same_words(name: str) -> None:
    article = read_article(FIXTURES / name)
    assert isinstance(article.raw, str) and isinstance(article.text, str)
    assert article.text.startswith("Officials met in München on Tuesday to discuss the")
    assert "\x00" not in article.raw and "\ufeff" not in article.raw
    assert_copies(article)


def test_cp1252_punctuation_and_broken_utf8() -> None:
    assert "“treaty”" in read_article(FIXTURES / "cp1252.txt").text
    broken = read_article(FIXTURES / "broken_utf8.txt").text
    assert "\ufffd" in broken and "café and naïve rôle" in broken
    assert not any("\ud800" <= ch <= "\udfff" for ch in broken)


def test_html_meta_charset_is_honoured() -> None:
    article = read_article(FIXTURES / "meta_charset.html")
    assert article.title == "Переговоры"
    assert article.text.startswith("Делегации встретились во вторник")


def test_lone_surrogates_in_strings_are_replaced() -> None:
    article = article_from_text("Talks resumed \ud800 on Monday in Geneva.", "s.txt", fmt="text")
    assert article.text == "Talks resumed \ufffd on Monday in Geneva."
    with pytest.raises(TypeError, match="decode_bytes"):
        article_from_text(b"bytes are not text", "b.txt")  # type: ignore[arg-type]


def test_decode_bytes_without_bom_utf16() -> None:
    assert decode_bytes("Talks in München resumed.".encode("utf-16-le")) == "Talks in München resumed."


@pytest.mark.parametrize("name", ["image.txt", "noise.md"])
def test_binary_files_are_refused(name: str) -> None:
    path = FIXTURES / name
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: looks like a binary file, not an article; pass .txt, .md or .html files"
    assert not isinstance(err.value, NoContentError)


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.md", "nav_only.html", "nav_links.html",
                                  "boilerplate_only.md"])
def test_files_without_article_text(name: str) -> None:
    path = FIXTURES / name
    with pytest.raises(NoContentError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: no article text found (empty or only boilerplate)"


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_cr_only_line_endings_read_like_line_feeds(suffix: str, tmp_path: Path) -> None:
    """Pass: a sample article saved with CR alone (old Mac) or CR LF line endings gives the same title,
    text and doc id as with LF, and its copied characters map to their raw offsets."""
    original = (SEEDS / "000_a2ed5babcf17c71c.txt").read_bytes().replace(b"\r\n", b"\n")
    expected = None
    for ending in (b"\n", b"\r", b"\r\n"):
        path = tmp_path / f"article{suffix}"
        path.write_bytes(original.replace(b"\n", ending))
        article = read_article(path)
        assert_copies(article)
        found = (article.title, article.date, article.text, article.doc_id)
        expected = expected or found
        assert found == expected, ending
    assert expected[0] == "Why China and Russia Agreed to Tough New Sanctions on North Korea"
    assert "\r" not in expected[2]


@pytest.mark.parametrize("value", ["not-a-date", "2017-99-99", "2017-13-45T10:00:00Z", "2017", "yesterday",
                                   "2017-02-30"])
def test_an_invalid_published_time_gives_no_date(value: str) -> None:
    """Pass: a page whose article:published_time is not a calendar date (its text names the year 2017)
    has no date, rather than one made up from the year or month (2017-01-01, 2017-02-01)."""
    sentence = "China opposes the new sanctions, officials said in 2017 after the talks in Geneva ended."
    page = (f'<html><head><meta property="article:published_time" content="{value}"><title>T</title></head>'
            f"<body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>")
    assert article_from_text(page, "page.html").date is None


def test_control_characters_never_reach_the_text_title_or_author(tmp_path: Path) -> None:
    """Pass: terminal escapes (OSC title, clear screen, OSC 52 clipboard, C1 CSI, DEL) in a markdown
    heading, body and in an HTML page's title and author are dropped from the article; what is left
    of the text still maps to its raw offsets."""
    escapes = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\x7f\x00\x08"
    filler = "The delegates met again on Tuesday to discuss the draft resolution on the border. " * 10
    md = tmp_path / "a.md"
    md.write_text(f"# Talks{escapes} resume\n\nChina opposes{escapes} the plan. Russia urges talks.\n\n{filler}\n")
    page = tmp_path / "b.html"
    page.write_text(f'<html><head><title>Talks{escapes}</title><meta name="author" content="Jane{escapes} Roe">'
                    f"</head><body><article><p>China opposes{escapes} the plan, officials said on Monday after "
                    f"the long talks in Geneva.</p><p>{filler}</p></article></body></html>")
    for path in (md, page):
        article = read_article(path)
        for value in (article.text, article.title or "", article.author or ""):
            assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in value), value
        assert "China opposes" in article.text
        assert_copies(article)


def test_a_named_pipe_is_refused_in_one_line_without_waiting(tmp_path: Path, capsys) -> None:
    """Pass: `read_article` and `newskg build` of a named pipe refuse it at once as "not a regular file"
    (exit 3); they never open it, which would wait for a writer. (A helper thread opens the pipe for
    writing after 10 s, so that a reader that did wait fails instead of hanging.)"""
    import os
    import threading

    from newskg.graph.cli import main

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    done = threading.Event()

    def unblock() -> None:
        if not done.wait(10):
            with open(fifo, "wb"):
                pass

    helper = threading.Thread(target=unblock, daemon=True)
    helper.start()
    try:
        with pytest.raises(InputError) as err:
            read_article(fifo)
        assert str(err.value) == f"{fifo}: not a regular file (a pipe, device or socket); save the article to a file"
        assert not isinstance(err.value, NoContentError)
        code = main(["build", str(fifo), "--store", str(tmp_path / "store")])
        lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert code == InputError.exit_code and lines == [f"error: {err.value}"]
    finally:
        done.set()
        helper.join()


# ---------------------------------------------------------------- limits and paths


def test_file_above_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Talks resumed on Monday. " * 100)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(read_module, "open", no_open, raising=False)
    with pytest.raises(InputError) as err:
        read_article(path, max_bytes=1000)
    message = str(err.value)
    assert str(path) in message and "1,000 bytes" in message and "--max-bytes" in message
    with pytest.raises(InputError, match="--max-bytes"):
        list(read_articles([path], max_bytes=1000))
    monkeypatch.undo()
    assert read_article(path, max_bytes=10_000).text.startswith("Talks resumed")


def test_missing_path_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    with pytest.raises(InputError, match=str(missing)):
        read_article(missing)
    with pytest.raises(InputError, match="nowhere"):
        list(read_articles([str(missing)]))
    with pytest.raises(InputError, match="no files match"):
        list(read_articles([str(tmp_path / "*.md")]))


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.md").write_text("# Alpha\n\nThe alpha story text is here.")
    (root / "b" / "c.txt").write_text("The gamma story text is here.")
    (root / "b" / "d.html").write_text("<html><head><title>Delta</title></head><body><article>"
                                       "<p>The delta story text is here, with enough words to be an "
                                       "article paragraph for the extractor to keep.</p></article></body></html>")
    (root / "b" / "notes.json").write_text("{}")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "e.txt").write_text("Hidden story.")


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    articles = list(read_articles(tmp_path))
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == ["a.md", "b/c.txt", "b/d.html"]
    assert articles[0].title == "Alpha" and articles[2].text.startswith("The delta story")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no .txt"):
        list(read_articles([empty]))


def test_globs_files_and_duplicates(tmp_path: Path) -> None:
    make_tree(tmp_path)
    pattern = str(tmp_path / "**" / "*.txt")
    assert [a.source for a in read_articles([pattern])] == [str(tmp_path / "b" / "c.txt")]
    given = str(tmp_path / "a.md")
    articles = list(read_articles([given, tmp_path, given]))
    assert [a.source for a in articles][0] == given
    assert len(articles) == 3


def test_on_error_reports_and_goes_on(tmp_path: Path) -> None:
    make_tree(tmp_path)
    errors = []
    inputs = [FIXTURES / "empty.txt", tmp_path / "missing.md", FIXTURES / "image.txt", tmp_path / "a.md"]
    articles = list(read_articles(inputs, on_error=errors.append))
    assert [a.title for a in articles] == ["Alpha"]
    assert [type(e) for e in errors] == [NoContentError, InputError, InputError]
    assert "missing.md" in str(errors[1])


def test_string_formats() -> None:
    raw = "# Title\n\n*Talks* resumed on Monday."
    assert article_from_text(raw, "x", fmt="markdown").text == "Talks resumed on Monday."
    assert article_from_text(raw, "x", fmt="text").text == "# Title\n\n*Talks* resumed on Monday."
    assert article_from_text(raw, "x").text == "Talks resumed on Monday."
    with pytest.raises(ValueError, match="fmt"):
        article_from_text(raw, "x", fmt="pdf")


# ---------------------------------------------------------------- HTML


def test_html_news_page() -> None:
    article = read_article(FIXTURES / "news_page.html")
    assert article.title == "Council Extends Monitoring Mission in Border Region"
    assert article.author == "Maria Okafor"
    assert article.date == "2019-03-14"
    first = ("The regional council voted on Thursday to extend its civilian monitoring mission along the "
             "northern border for another twelve months")
    assert article.text.startswith(first)
    assert "“We cannot afford a gap in reporting at this stage,” the council’s chair" in article.text
    for noise in ("Home", "Politics", "Related stories", "Share this", "Copyright", "Privacy", "gtag",
                  "font-family", "&rsquo;"):
        assert noise not in article.text
    assert article.text.count("\n\n") == 4
    assert_copies(article)
    start, end = raw_span(article.offsets, 0, len(first))
    assert article.raw[start:end] == first
    last = article.text.index("The council also asked")
    start, end = raw_span(article.offsets, last, last + len("The council also asked"))
    assert article.raw[start:end] == "The council also asked"


def test_html_same_text_as_copy(tmp_path: Path) -> None:
    copy = tmp_path / "page.htm"
    shutil.copy(FIXTURES / "news_page.html", copy)
    assert read_article(copy).doc_id == read_article(FIXTURES / "news_page.html").doc_id


PARAGRAPH = "<p>" + "The delegates met again to discuss the draft resolution on Tuesday. " * 10 + "</p>"


@pytest.mark.parametrize(
    "page",
    [
        lambda: "<html><body>" + "<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000 + "</body></html>",
        lambda: "<html><body><div " + " ".join(f'a{i}="x"' for i in range(1_000_000)) + ">"
        + PARAGRAPH + "</div></body></html>",
    ],
    ids=["deep-nesting", "million-attributes"],
)
def test_pathological_html_finishes_or_is_refused(page) -> None:
    html = page()
    began = time.monotonic()
    try:
        article = article_from_text(html, "page.html", fmt="html")
    except InputError:
        pass
    else:
        assert "draft resolution" in article.text
        assert_copies(article)
    assert time.monotonic() - began < 60  # a guard against hanging, not a speed test


@pytest.mark.parametrize("module", ["read", "clean", "meta"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"newskg.extract.{module}"))
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- headers above the text

HEADER_FORMS = [
    # (file name, text, title, date, url)
    ("lines.txt", "Title: Talks resume in Geneva\nDate: 2019-02-23\nSource: https://example.org/a\n\n"
     "Russia and the United States resumed talks on Monday in Geneva, officials said.",
     "Talks resume in Geneva", "2019-02-23", "https://example.org/a"),
    ("front.md", "---\ntitle: \"Grain deal signed\"\ndate: 2022-07-22\nurl: https://example.org/grain\n---\n\n"
     "Turkey and the United Nations brokered the deal on Friday, officials said.",
     "Grain deal signed", "2022-07-22", "https://example.org/grain"),
    ("headline.txt", "Grain deal signed in Istanbul\n\nBy Jane Roe\n\nJuly 22, 2022\n\n"
     "Turkey and the United Nations brokered the deal on Friday, officials said.",
     "Grain deal signed in Istanbul", "2022-07-22", None),
]


@pytest.mark.parametrize("name, text, title, date, url", HEADER_FORMS, ids=[f[0] for f in HEADER_FORMS])
def test_header_lines_front_matter_and_headline_give_the_metadata_not_text(tmp_path, name, text, title, date, url):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.date, article.url) == (title, date, url)
    assert article.text == "Turkey and the United Nations brokered the deal on Friday, officials said." or \
        article.text.startswith("Russia and the United States resumed talks")
    for word in ("Title:", "Source:", "---", "url:", "Grain deal signed", "Talks resume in Geneva"):
        assert word not in article.text
    assert_copies(article)


def test_a_header_line_inside_the_text_is_text():
    article = article_from_text("Officials met on Monday.\nTitle: the meeting was long, they said.", "x.txt")
    assert article.title is None and "Title:" in article.text


def test_html_canonical_url_from_meta(tmp_path):
    page = ("<html><head><meta property=\"og:url\" content=\"https://example.org/news/1\"></head><body><article>"
            "<p>Turkey and the United Nations brokered the deal on Friday, officials said in Istanbul.</p>"
            "<p>Russia and Ukraine signed separate agreements with them, according to the officials.</p>"
            "</article></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_article(path).url == "https://example.org/news/1"
