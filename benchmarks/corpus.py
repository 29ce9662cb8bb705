"""Make a large corpus of distinct news articles that varies as a real feed does, for benchmarks.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--articles 10000] [--seed 1]

The sources are the sample articles (``examples/articles``) and the 25 articles of the development set
(``tests/fixtures/news``: wire copy, live blogs, state media, UN records, markdown and HTML pages), so that
vocabulary, length and the density of statements vary from one article to the next. Each generated article is
one source with its body paragraphs (those the reader keeps) shuffled, one paragraph in about four taken from
another source (sentences recombined across articles), the states it names swapped for other states of the
gazetteer (a consistent mapping per article, so the text stays coherent), under ``Title:`` and ``Date:`` header
lines: a title with a serial number, so that every article is distinct (a distinct ``doc_id``) even when two
variations happen to coincide, and a date of its own. Files are written one at a time: nothing but the sources is held in memory.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_corpus(out, 3)
3
>>> sorted(p.name for p in out.iterdir())
['000000.txt', '000001.txt', '000002.txt']
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newskg.ontology.gazetteer import load_gazetteer

__all__ = ["SAMPLES", "SOURCES", "Sample", "load_samples", "variations", "write_corpus", "describe_sources"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"
#: The folders generated articles are drawn from, with the name the benchmark's report gives each.
SOURCES = ((SAMPLES, "sample articles"), (ROOT / "tests" / "fixtures" / "news", "development set"))
#: How often a body paragraph is swapped for one of another source.
MIX = 0.25
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")



@dataclass(frozen=True)
class Sample:
    """A sample article cut in three: raw head (title, byline, tags), body paragraphs, raw tail (footer)."""

    name: str
    head: str
    body: list[str]
    tail: str
    states: list[str]
    title: str


def load_samples(folders=None) -> list[Sample]:
    """The source articles; the body is what the reader keeps of them.

    A plain-text source keeps its raw head and tail (bylines, tag lines, author boxes, copyright notices), so
    that the cost of cleaning stays realistic; a markdown or HTML source is written as plain text with
    ``Title:`` and ``Date:`` header lines. Shuffling only the kept paragraphs keeps every variation a readable
    article.
    """
    from newskg.extract.read import ARTICLE_SUFFIXES, read_article

    if folders is None:
        folders = [folder for folder, _name in SOURCES]
    elif isinstance(folders, (str, Path)):
        folders = [Path(folders)]
    names = _state_names()
    any_state = re.compile(r"\b(" + "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True)) + r")\b")
    samples = []
    for folder in folders:
        for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES):
            article = read_article(path)
            body = [p.strip() for p in article.text.split("\n\n") if p.strip()]
            if path.suffix.lower() == ".txt":
                raw = article.raw
                first, last = article.offsets.to_raw(0), article.offsets.to_raw(len(article.text) - 1)
                cut = raw.rfind("\n\n", 0, first)
                end = raw.find("\n\n", last)
                head = raw[: max(cut, 0)].strip()
                tail = raw[end:].strip() if end >= 0 else ""
            else:
                head, tail = "", ""
            states = sorted(set(any_state.findall(head + "\n" + article.text)))
            samples.append(Sample(path.stem, head, body, tail, states, article.title or path.stem))
    if not samples:
        raise SystemExit(f"no source articles in {', '.join(str(f) for f in folders)}")
    return samples


def describe_sources(folders=None) -> dict[str, int]:
    """How many source articles each source folder gives: what a benchmark report says it drew on."""
    from newskg.extract.read import ARTICLE_SUFFIXES

    chosen = SOURCES if folders is None else [(Path(f), Path(f).name) for f in folders]
    return {name: sum(1 for p in Path(folder).iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
            for folder, name in chosen}


def _state_names() -> list[str]:
    """Labels of the states in the gazetteer (the names swapped in the text)."""
    return sorted(e.label for e in load_gazetteer() if e.kind == "State" and e.label.replace(" ", "").isalpha())


def variations(count: int, *, seed: int = 1, folder=None) -> Iterator[str]:
    """``count`` distinct article texts, one at a time."""
    samples = load_samples(folder)
    states = _state_names()
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        sample = samples[index % len(samples)]
        body = _shuffled(sample.body, rng)
        if len(samples) > 1:
            # sentences recombined across articles: now and then a paragraph of another source
            body = [rng.choice(rng.choice(samples).body) if n and rng.random() < MIX else paragraph
                    for n, paragraph in enumerate(body)]
        # header lines give every article its own title and a date; the source's raw head follows them
        header = f"Title: {sample.title} ({index + 1})\n{_new_iso_date(rng)}"
        parts = [header, sample.head, *body, sample.tail]
        text = "\n\n".join(p for p in parts if p)
        text = _swap_states(text, sample.states, states, rng)
        text = _DATE.sub(lambda m: _new_date(rng), text, count=1)
        yield text + "\n"


def _shuffled(body: list[str], rng: random.Random) -> list[str]:
    """The body with its paragraphs shuffled, the first (the lead) kept in place half of the time."""
    rest = body[1:] if rng.random() < 0.5 else body[:]
    rng.shuffle(rest)
    return body[:1] + rest if len(rest) < len(body) else rest


def _swap_states(text: str, present: list[str], states: list[str], rng: random.Random) -> str:
    """Replace about half of the states named in the text by other states, consistently."""
    chosen = [s for s in present if rng.random() < 0.5]
    if not chosen:
        return text
    others = [s for s in states if s not in present]
    mapping = dict(zip(chosen, rng.sample(others, len(chosen))))
    pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in sorted(mapping, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _new_date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28):02d}, {rng.randint(2010, 2024)}"


def _new_iso_date(rng: random.Random) -> str:
    return f"Date: {rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_corpus(out: Path, count: int, *, seed: int = 1, folder=None) -> int:
    """Write ``count`` articles as ``out/NNNNNN.txt``; the number written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for index, text in enumerate(variations(count, seed=seed, folder=folder)):
        (out / f"{index:06d}.txt").write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles to")
    parser.add_argument("--articles", "-n", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    written = write_corpus(args.out, args.articles, seed=args.seed)
    print(f"wrote {written} articles to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
