"""Figures of `newskg serve` under hostile requests (run by hand, not collected by pytest).

    .venv/bin/python tests/bench_serve.py

Starts the real command on a small synthetic store and reports the filter process's RSS (VmRSS, and its peak
VmHWM) around a 30 MB POST and four concurrent large answers, and how fast refusals and small queries come back.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_util import raw  # noqa: E402
from store_samples import article_quads, doc_id  # noqa: E402

from newskg.graph.serve import free_port  # noqa: E402
from newskg.graph.store import Store  # noqa: E402

REFUSED = {
    "Content-Length -1": "POST /query HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
                         "Content-Length: -1\r\n\r\n",
    "Content-Length abc": "POST /query HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
                          "Content-Length: abc\r\n\r\n",
    "no Content-Length": "POST /query HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n\r\n",
    "HTTP/0.9": "GET /query\r\n",
    "garbage line": "hello\r\n\r\n",
    "foreign Host": "GET /store HTTP/1.1\r\nHost: attacker.example:{port}\r\n\r\n",
    "cross-origin form": "POST /query HTTP/1.1\r\nHost: {host}\r\nOrigin: http://evil.example\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\nquery=ASK+{{}}",
}
BIG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 60000"


def memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


def milliseconds(port: int, request: bytes, times: int = 20) -> tuple[float, float]:
    spent = []
    for _ in range(times):
        answer = raw(port, request, timeout=10)
        assert 400 <= answer.status < 500, answer.raw[:200]
        spent.append(answer.seconds * 1000)
    return statistics.median(spent), max(spent)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    with Store.open(folder / "store") as store:
        for i in range(4):
            store.add_article(doc_id(i), article_quads(i))
    port = free_port()
    host = f"127.0.0.1:{port}"
    child = subprocess.Popen([sys.executable, "-m", "newskg.graph.cli", "serve", "--store", str(folder / "store"),
                              "--port", str(port)], stderr=subprocess.PIPE)
    try:
        child.stderr.readline()
        print(f"filter at start: RSS {memory(child.pid)[0]:.0f} MB")
        for name, text in REFUSED.items():
            median, worst = milliseconds(port, text.format(host=host, port=port).encode())
            print(f"{name}: refused in {median:.1f} ms median, {worst:.1f} ms worst (20 tries)")
        ask = f"GET /query?{urllib.parse.urlencode({'query': 'ASK {}'})} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        spent = []
        for _ in range(20):
            spent.append(raw(port, ask).seconds * 1000)
        print(f"ASK {{}} back to back: answered in {statistics.median(spent):.0f} ms median, {max(spent):.0f} ms worst")
        spent = []
        for _ in range(20):
            time.sleep(0.5)  # time for the spare workers to start
            spent.append(raw(port, ask).seconds * 1000)
        print(f"ASK {{}} 0.5 s apart: answered in {statistics.median(spent):.0f} ms median, {max(spent):.0f} ms worst")
        before = memory(child.pid)[0]
        body = b"x" * 30_000_000
        answer = raw(port, (f"POST /query HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
                            f"Content-Length: {len(body)}\r\n\r\n").encode(), then=body)
        rss, peak = memory(child.pid)
        print(f"30 MB POST: {answer.status} in {answer.seconds * 1000:.0f} ms; filter RSS {before:.0f} -> {rss:.0f} MB,"
              f" peak {peak:.0f} MB")
        sizes = []

        def fetch() -> None:
            request = f"GET /query?{urllib.parse.urlencode({'query': BIG})} HTTP/1.1\r\nHost: {host}\r\n\r\n"
            sizes.append(len(raw(port, request.encode(), timeout=60, limit=1 << 31).body))

        threads = [threading.Thread(target=fetch) for _ in range(4)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rss, peak = memory(child.pid)
        print(f"4 concurrent answers of {min(sizes) / 1e6:.0f} MB each in {time.monotonic() - began:.1f} s: "
              f"filter RSS {rss:.0f} MB, peak {peak:.0f} MB")
    finally:
        child.terminate()
        child.wait(timeout=20)


if __name__ == "__main__":
    main()
