"""Seconds and peak RSS of `newskg build` on each pathological input (run by hand, not collected by pytest).

    .venv/bin/python tests/bench_pathological.py [NAME_PART]

Each input is built into a new store by the real command in its own process; the figures are that
process's wall time (model loading included) and peak RSS, as ``wait4`` reports them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pathological_samples import write_samples  # noqa: E402


def build(path: Path, store: Path) -> tuple[int, float, int]:
    """Exit status, wall seconds and peak RSS (bytes) of one build."""
    began = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "newskg.graph.cli", "build", str(path), "--store", str(store)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, time.monotonic() - began, usage.ru_maxrss * 1024


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        worst_time = worst_rss = 0.0
        for path, _article in write_samples(root / "in").items():
            if wanted not in path.name:
                continue
            code, seconds, rss = build(path, root / f"store-{path.name}")
            worst_time, worst_rss = max(worst_time, seconds), max(worst_rss, rss)
            print(f"{path.name:<34} {path.stat().st_size:>10,} bytes  exit {code}  {seconds:6.2f} s  "
                  f"{rss / 1e6:6.0f} MB", flush=True)
        print(f"{'worst':<34} {'':>16}        {worst_time:6.2f} s  {worst_rss / 1e6:6.0f} MB")


if __name__ == "__main__":
    main()
