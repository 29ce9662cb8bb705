"""How long a large actor network takes to become interactive in headless Chromium.

Builds a random 5,000-node actor network (scale-free, about two edges per node,
with evidence on every edge), writes it with :func:`newskg.graph.view.write_html`
and measures, in headless Chromium, the time from navigation until the page has
stabilised its layout and switched physics off (``data-state="ready"``).

    .venv/bin/python benchmarks/view_bench.py                  # default node limit
    .venv/bin/python benchmarks/view_bench.py --max-nodes 5000 # no cut

The page must become interactive in under 10 s at the default limit. The page
stops laying out after ``LAYOUT_BUDGET_MS``, so larger limits also become
"interactive" in time, but with hardly any layout and slow redraws; the report
shows both (layout iterations done, milliseconds per redraw).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser_util import READY, Browser  # noqa: E402

from newskg.graph.view import DEFAULT_MAX_NODES, write_html  # noqa: E402

KINDS = ["State", "State", "Organization", "Person", "Person", "Issue", "Document"]
PREDICATES = [("supports", "support"), ("opposes", "oppose"), ("urges", "support"), ("condemns", "oppose"),
              ("meetsWith", "none"), ("imposes", "none")]


# Milliseconds for one full redraw of the canvas (what every pan, zoom and hover costs).
REDRAW_JS = """(function () {
  var n = window.newskgNetwork, t0 = performance.now();
  for (var i = 0; i < 5; i++) n.renderer._redraw();
  return (performance.now() - t0) / 5;
})()"""


def random_network(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free multigraph shaped like a large actor network."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    for node in skeleton:
        G.add_node(f"https://w3id.org/newskg/id/actor/a{node}", label=f"Actor {node}", kind=rng.choice(KINDS))
    for u, v in skeleton.edges:
        if rng.random() < 0.5:
            u, v = v, u
        predicate, stance = rng.choice(PREDICATES)
        weight = rng.choice([1, 1, 1, 2, 3])
        evidence = [{"sentence": f"Actor {u} {predicate} actor {v} ({i}).", "title": f"Article {rng.randrange(500)}",
                     "date": f"2017-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "source": "bench",
                     "article": f"https://w3id.org/newskg/id/article/{rng.randrange(500)}"} for i in range(weight)]
        G.add_edge(f"https://w3id.org/newskg/id/actor/a{u}", f"https://w3id.org/newskg/id/actor/a{v}", predicate,
                   predicate=predicate, label=predicate, stance=stance, weight=weight, evidence=evidence)
    return G


def measure(G: nx.MultiDiGraph, max_nodes: int, *, runs: int = 3, timeout: float = 120) -> dict:
    """Write the page and time it in Chromium ``runs`` times; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        info = write_html(G, Path(tmp) / "bench.html", max_nodes=max_nodes)
        write_s = time.perf_counter() - start
        size_mb = info.path.stat().st_size / 1e6
        times = []
        with Browser(timeout=timeout) as browser:
            for _ in range(runs):
                start = time.perf_counter()
                browser.open(info.path, wait_load=False)
                browser.wait_for(READY, timeout=timeout, interval=0.02)
                times.append(time.perf_counter() - start)
            iterations = browser.evaluate("window.newskgTiming.iterations")
            redraw_ms = browser.evaluate(REDRAW_JS)
            outbound = browser.outbound_requests()
    return {"max_nodes": max_nodes, "shown": info.nodes_shown, "edges": info.edges_shown, "write_s": write_s,
            "size_mb": size_mb, "interactive_s": sorted(times)[len(times) // 2], "all_s": times,
            "outbound": len(outbound), "iterations": iterations, "redraw_ms": redraw_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--max-nodes", type=int, action="append")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    G = random_network(args.nodes)
    print(f"network: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    worst = 0.0
    for limit in args.max_nodes or [DEFAULT_MAX_NODES]:
        r = measure(G, limit, runs=args.runs)
        worst = max(worst, r["interactive_s"]) if limit == DEFAULT_MAX_NODES else worst
        print(f"max_nodes={limit:>5}: {r['shown']} nodes / {r['edges']} edges shown, page {r['size_mb']:.1f} MB "
              f"written in {r['write_s']:.1f} s, interactive after {r['interactive_s']:.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t in r['all_s'])}), {r['iterations']} layout iterations, "
              f"redraw {r['redraw_ms']:.0f} ms, outbound requests {r['outbound']}")
    if worst >= 10:
        print(f"FAIL: the default limit ({DEFAULT_MAX_NODES}) takes {worst:.1f} s, more than 10 s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
