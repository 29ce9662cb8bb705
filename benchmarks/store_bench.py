"""Write speed of ``Store.add_article``: quads per second for about 100,000 quads.

    .venv/bin/python benchmarks/store_bench.py [--quads 100000]

Measures articles of realistic size (synthetic, about 77 quads each) and one
article holding all the quads, in memory and on disk (close/flush included).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from store_samples import article_quads, doc_id  # noqa: E402

from newskg.graph.store import Store, graph_iri  # noqa: E402


def many_articles(location: Path | None, total: int) -> tuple[int, float]:
    batches, count, i = [], 0, 0
    while count < total:
        quads = article_quads(i)
        batches.append((doc_id(i), quads))
        count += len(quads)
        i += 1
    start = time.perf_counter()
    with Store.open(location) as store:
        for did, quads in batches:
            store.add_article(did, quads)
    return count, time.perf_counter() - start


def one_article(location: Path | None, total: int) -> tuple[int, float]:
    g = graph_iri("big")
    p = ox.NamedNode("https://w3id.org/newskg/ontology#evidence")
    quads = [ox.Quad(ox.NamedNode(f"https://w3id.org/newskg/id/statement/{i}"), p, ox.Literal(f"sentence {i}"), g)
             for i in range(total)]
    start = time.perf_counter()
    with Store.open(location) as store:
        store.add_article("big", quads)
    return total, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quads", type=int, default=100_000)
    args = parser.parse_args()
    for name, run in [("articles of ~77 quads", many_articles), ("one article", one_article)]:
        for where in ("memory", "disk"):
            with tempfile.TemporaryDirectory() as tmp:
                location = None if where == "memory" else Path(tmp) / "store"
                count, seconds = run(location, args.quads)
            print(f"{name:22s} {where:6s} {count:7d} quads in {seconds:6.2f} s = {count / seconds:9.0f} quads/s")


if __name__ == "__main__":
    main()
