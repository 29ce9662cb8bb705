"""Throughput of reading and cleaning (run by hand, not collected by pytest).

    .venv/bin/python tests/bench_read.py

Prints characters per second for cleaning the sample articles repeated 100
times, for HTML extraction, and for inputs built to defeat regular
expressions (each should scale linearly: doubling the size about doubles the time).
"""

from __future__ import annotations

import time
from pathlib import Path

from newskg.extract.clean import clean_markdown, iter_chunks
from newskg.extract.read import article_from_text, read_article

ROOT = Path(__file__).resolve().parent.parent


def rate(label: str, func, text: str, repeat: int = 1) -> float:
    began = time.perf_counter()
    for _ in range(repeat):
        func(text)
    seconds = (time.perf_counter() - began) / repeat
    print(f"{label:<38} {len(text):>11,} chars {seconds:8.3f} s {len(text) / seconds:>13,.0f} chars/s")
    return seconds


def main() -> None:
    seeds = [read_article(p).raw for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    joined = "\n\n".join(seeds)
    rate("clean_markdown seeds x1", clean_markdown, joined, repeat=20)
    rate("clean_markdown seeds x100", clean_markdown, "\n\n".join([joined] * 100))
    rate("article_from_text seeds x100", lambda t: article_from_text(t, "x", fmt="markdown"),
         "\n\n".join([joined] * 100))
    page = (Path(__file__).parent / "fixtures" / "read" / "news_page.html").read_text()
    rate("article_from_text news_page.html", lambda t: article_from_text(t, "x", fmt="html"), page, 5)
    big = "\n\n".join([joined] * 400)
    rate("iter_chunks 1M chars", lambda t: list(iter_chunks(t, 1_000_000)), big)
    for label, unit in [("adversarial '['", "["), ("adversarial '!['", "!["), ("adversarial '<http'", "<http:"),
                        ("adversarial '*_'", "*_"), ("adversarial '[a](('", "[a](("), ("adversarial '\\\\'", "\\"),
                        ("adversarial '<a '", "<a "), ("adversarial 'By A '", "By A ")]:
        small = rate(label + " x50k", clean_markdown, unit * 50_000)
        large = rate(label + " x100k", clean_markdown, unit * 100_000)
        print(f"{'':<38} ratio {large / small:.1f} (2.0 is linear)")


if __name__ == "__main__":
    main()
