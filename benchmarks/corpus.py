"""Make a large corpus of distinct news articles from the sample articles, for benchmarks.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--articles 10000] [--seed 1]

Each generated article is one of the sample articles in ``examples/articles``
with its body paragraphs (those the reader keeps) shuffled, the states it names swapped for other
states of the gazetteer (a consistent mapping per article, so the text stays
coherent) and its date line moved to another day. Its title carries a serial
number, so every article is distinct (a distinct ``doc_id``) even when two
variations happen to coincide. Files are written one at a time: nothing but the
sample articles is held in memory.

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

__all__ = ["SAMPLES", "Sample", "load_samples", "variations", "write_corpus"]

SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")
_TITLE = re.compile(r"^(#\s+)(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Sample:
    """A sample article cut in three: raw head (title, byline, tags), body paragraphs, raw tail (footer)."""

    name: str
    head: str
    body: list[str]
    tail: str
    states: list[str]


def load_samples(folder: Path = SAMPLES) -> list[Sample]:
    """The sample articles; the body is what the reader keeps of them, head and tail stay raw.

    Keeping head and tail raw (bylines, tag lines, author boxes, copyright
    notices) keeps the cost of cleaning realistic; shuffling only the kept
    paragraphs keeps every variation a readable article.
    """
    from newskg.extract.read import read_article

    names = _state_names()
    any_state = re.compile(r"\b(" + "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True)) + r")\b")
    samples = []
    for path in sorted(folder.glob("*.txt")):
        article = read_article(path)
        raw = article.raw
        first, last = article.offsets.to_raw(0), article.offsets.to_raw(len(article.text) - 1)
        cut = raw.rfind("\n\n", 0, first)
        end = raw.find("\n\n", last)
        head = raw[: max(cut, 0)].strip()
        tail = raw[end:].strip() if end >= 0 else ""
        body = [p.strip() for p in article.text.split("\n\n") if p.strip()]
        states = sorted(set(any_state.findall(head + "\n" + article.text)))
        samples.append(Sample(path.stem, head, body, tail, states))
    if not samples:
        raise SystemExit(f"no sample articles (*.txt) in {folder}")
    return samples


def _state_names() -> list[str]:
    """Labels of the states in the gazetteer (the names swapped in the text)."""
    return sorted(e.label for e in load_gazetteer() if e.kind == "State" and e.label.replace(" ", "").isalpha())


def variations(count: int, *, seed: int = 1, folder: Path = SAMPLES) -> Iterator[str]:
    """``count`` distinct article texts, one at a time."""
    samples = load_samples(folder)
    states = _state_names()
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        sample = samples[index % len(samples)]
        parts = [sample.head, *_shuffled(sample.body, rng), sample.tail]
        text = "\n\n".join(p for p in parts if p)
        text = _swap_states(text, sample.states, states, rng)
        text = _DATE.sub(lambda m: _new_date(rng), text, count=1)
        text = _TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} ({index + 1})", text, count=1)
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


def write_corpus(out: Path, count: int, *, seed: int = 1, folder: Path = SAMPLES) -> int:
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
