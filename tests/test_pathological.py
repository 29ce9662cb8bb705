"""Inputs that made parsing quadratic build like any other article (issue 16, item 7).

spaCy's tokenizer splits one prefix or suffix at a time off a "word" and searches the rest again:
20 KB of ``$`` before a sentence took 100 s, a 3 MB page of ``<`` ran past 300 s. Cleaning now cuts
such runs (``newskg.extract.clean``). The table is ``tests/pathological_samples.py``;
``tests/bench_pathological.py`` measures the seconds and peak RSS of each build by the real command.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pathological_samples import samples, write_samples

from newskg.extract.clean import RUN_CHARS, WORD_MARKS
from newskg.extract.errors import NoContentError
from newskg.extract.read import read_article
from newskg.graph.cli import main
from newskg.graph.store import Store

TESTS = Path(__file__).resolve().parent
MARK = r"(?:[^\w\s]|_)"
RUSSIA = 'ASK { GRAPH ?g { ?st <https://w3id.org/newskg/ontology#evidence> ?e FILTER(CONTAINS(?e, "Russia urges")) } }'


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> dict[str, tuple[Path, bool | None]]:
    written = write_samples(tmp_path_factory.mktemp("pathological"))
    return {path.name: (path, article) for path, article in written.items()}


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(samples()))
def test_a_pathological_input_builds_and_the_sentence_after_it_is_read(name, table, tmp_path, capsys, nlp):
    """Pass: `newskg build` of the input exits 0 and stores the statement of the sentence after the run
    (or, for a page of ``<`` alone, exits 4 with one line; the hostile HTML pages may do either); the
    cleaned text has no run of more than RUN_CHARS punctuation marks and no word with more than
    WORD_MARKS; every copied character maps to its raw offset. The time bound is a guard against
    hanging, not a speed test (the README's figures come from tests/bench_pathological.py)."""
    path, is_article = table[name]
    location = tmp_path / "store"
    began = time.monotonic()
    code = main(["build", str(path), "--store", str(location)])
    assert time.monotonic() - began < 60
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if is_article is None and code != 0 or is_article is False:
        assert code == NoContentError.exit_code
        assert [line for line in err.splitlines() if line.strip()] == [
            f"error: {path}: no article text found (empty or only boilerplate)"]
        return
    assert code == 0, err
    with Store.open(location, read_only=True) as store:
        assert store.query(RUSSIA).boolean or is_article is None
    article = read_article(path)
    assert not re.search(MARK + "{%d}" % (RUN_CHARS + 1), article.text)
    assert not any(len(re.findall(MARK, word)) > WORD_MARKS for word in article.text.split())
    for start, raw_start, length in article.offsets.segments:
        assert article.text[start:start + length] == article.raw[raw_start:raw_start + length]


PEAK = textwrap.dedent(
    """
    import json, resource, sys
    from newskg.graph.cli import main
    codes = [main(["build", path, "--store", path + ".store"]) for path in sys.argv[1:]]
    print(json.dumps({"codes": codes, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
    """
)


@pytest.mark.model
def test_the_largest_pathological_inputs_build_under_1_gb(table, tmp_path):
    """Pass: one process building every input of 3 MB and more (pages of ``<``, entity bombs) in turn
    never holds more than 1 GB (peak RSS, model included)."""
    large = [str(path) for path, _ in table.values() if path.stat().st_size >= 3_000_000]
    assert len(large) >= 6
    run = subprocess.run([sys.executable, "-c", PEAK, *large], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PYTHONPATH": str(TESTS)})
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    assert set(found["codes"]) <= {0, NoContentError.exit_code}
    assert found["peak"] < 1_000_000_000, f"peak RSS {found['peak'] / 1e6:.0f} MB"
