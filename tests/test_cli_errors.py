"""Every error path of the command line prints one line that says what to do, and exits non-zero.

Each case runs ``newskg.graph.cli.main`` in this process: the pass criterion is
exactly one non-empty line on stderr, starting with ``error:``, no traceback
anywhere, and the documented non-zero exit status. With ``--debug`` the
traceback is shown instead (checked in a subprocess, as a user would see it).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_samples import article_quads, doc_id

from newskg.extract.errors import InputError, NewskgError, NoContentError
from newskg.graph.cli import main
from newskg.graph.export import ExportError
from newskg.graph.query import QueryError
from newskg.graph.store import Store, StoreError, StoreLockedError

TESTS = Path(__file__).resolve().parent
READ = TESTS / "fixtures" / "read"
USAGE = 2  # the command line parser's own status for a bad option or argument


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH", "")]))
    env["COLUMNS"] = "80"
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> dict[str, Path]:
    """A store of three synthetic articles, an empty store, and a few bad input files."""
    root = tmp_path_factory.mktemp("cli-errors")
    store = root / "store"
    with Store.open(store) as opened:
        for i in range(3):
            opened.add_article(doc_id(i), article_quads(i))
    empty = root / "empty-store"
    Store.open(empty).close()
    (root / "bad.ttl").write_text("<a> <b> .\n<c> <d> <e> .\n", encoding="utf-8")
    (root / "bad-gold.jsonl").write_text("{not json\n", encoding="utf-8")
    gold = {"id": "x-1", "doc": "absent.txt", "subject": "France", "relation": "oppose", "polarity": "oppose",
            "object": "the plan"}
    (root / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (root / "a-file").write_text("not a folder", encoding="utf-8")
    (root / "other").mkdir()
    (root / "other" / "notes.txt").write_text("someone's notes", encoding="utf-8")
    os.mkfifo(root / "pipe")
    (root / "no-articles").mkdir()
    (root / "no-articles" / "data.json").write_text("{}", encoding="utf-8")
    return {"root": root, "store": store, "empty": empty}


# (case id, arguments with {placeholders}, exit status, words the message must hold)
CASES = [
    # top level
    ("unknown-command", ["frobnicate"], USAGE, "newskg --help"),
    # build
    ("build-no-input", ["build", "--store", "{root}/s-none"], USAGE, "newskg build --help"),
    ("build-missing-file", ["build", "{root}/nowhere.txt", "--store", "{root}/s1"], InputError.exit_code,
     "no such file; check the path"),
    ("build-empty-file", ["build", f"{READ}/empty.txt", "--store", "{root}/s2"], NoContentError.exit_code,
     "no article text found"),
    ("build-binary-file", ["build", f"{READ}/image.txt", "--store", "{root}/s3"], InputError.exit_code,
     "looks like a binary file"),
    ("build-too-large", ["build", f"{READ}/utf8.txt", "--max-bytes", "10", "--store", "{root}/s4"],
     InputError.exit_code, "--max-bytes"),
    ("build-folder-without-articles", ["build", "{root}/no-articles", "--store", "{root}/s5"], InputError.exit_code,
     "no .txt"),
    ("build-store-is-a-file", ["build", f"{READ}/utf8.txt", "--store", "{root}/a-file"], StoreError.exit_code,
     "choose another --store"),
    ("build-store-holds-other-files", ["build", f"{READ}/utf8.txt", "--store", "{root}/other"],
     StoreError.exit_code, "choose a new or empty directory"),
    ("build-bad-batch-size", ["build", f"{READ}/utf8.txt", "--batch-size", "0", "--store", "{root}/s6"], USAGE,
     "--batch-size"),
    # query
    ("query-bad-sparql", ["query", "SELECT * WHERE {", "--store", "{store}"], QueryError.exit_code,
     "fix the query"),
    ("query-missing-store", ["query", "SELECT * WHERE { ?s ?p ?o }", "--store", "{root}/nothing"],
     StoreError.exit_code, "newskg build ARTICLES --store"),
    ("query-bad-format", ["query", "ASK { ?s ?p ?o }", "--format", "xml", "--store", "{store}"],
     InputError.exit_code, "use one of table, csv, json"),
    ("query-update-without-flag", ["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", "{store}"],
     QueryError.exit_code, "--update"),
    ("query-service", ["query", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", "--store",
                       "{store}"], QueryError.exit_code, "SERVICE is not allowed"),
    ("query-missing-query-file", ["query", "@{root}/nowhere.rq", "--store", "{store}"], InputError.exit_code,
     "check the path"),
    ("query-bad-bind", ["query", "SELECT * WHERE { ?s ?p ?o }", "--bind", "novalue", "--store", "{store}"],
     InputError.exit_code, "--bind actor=China"),
    ("query-bad-iri-bind", ["query", "SELECT * WHERE { ?s ?p ?o }", "--bind", "s=<not an iri>", "--store",
                            "{store}"], InputError.exit_code, "not a valid IRI"),
    ("query-unreachable-server", ["query", "ASK { ?s ?p ?o }", "--store", "http://127.0.0.1:{port}/sparql"],
     StoreError.exit_code, "check the address"),
    # export
    ("export-bad-format", ["export", "--format", "rdfxml", "-o", "{root}/x.rdf", "--store", "{store}"],
     InputError.exit_code, "use one of turtle"),
    ("export-missing-store", ["export", "--format", "turtle", "-o", "{root}/x.ttl", "--store", "{root}/nothing"],
     StoreError.exit_code, "newskg build"),
    ("export-no-destination", ["export", "--format", "turtle", "--store", "{store}"], InputError.exit_code,
     "--output FILE or --per-article DIR"),
    ("export-two-destinations", ["export", "--format", "turtle", "-o", "{root}/x.ttl", "--per-article",
                                 "{root}/per", "--store", "{store}"], InputError.exit_code, "exactly one of"),
    ("export-output-under-a-file", ["export", "--format", "turtle", "-o", "{root}/a-file/x.ttl", "--store",
                                    "{store}"], ExportError.exit_code, "choose another -o"),
    ("export-per-article-into-a-file", ["export", "--format", "turtle", "--per-article", "{root}/a-file",
                                        "--store", "{store}"], ExportError.exit_code, "choose another --per-article"),
    # reading commands
    ("positions-unknown-actor", ["positions", "--actor", "Atlantis", "--store", "{store}"], InputError.exit_code,
     "`newskg actors` lists the actors"),
    ("positions-missing-store", ["positions", "--actor", "Alphaland", "--store", "{root}/nothing"],
     StoreError.exit_code, "newskg build"),
    ("positions-bad-format", ["positions", "--actor", "Alphaland", "--format", "yaml", "--store", "{store}"],
     InputError.exit_code, "use one of"),
    ("who-without-topic", ["who", "--store", "{store}"], InputError.exit_code, "--supports TOPIC or --opposes"),
    ("actors-missing-store", ["actors", "--store", "{root}/nothing"], StoreError.exit_code, "newskg build"),
    ("compare-missing-store", ["compare", "A", "B", "--store", "{root}/nothing"], StoreError.exit_code,
     "newskg build"),
    ("timeline-unknown-actor", ["timeline", "--actor", "Atlantis", "--store", "{store}"], InputError.exit_code,
     "`newskg actors` lists the actors"),
    ("shifts-missing-store", ["shifts", "--store", "{root}/nothing"], StoreError.exit_code, "newskg build"),
    ("corroboration-missing-store", ["corroboration", "--store", "{root}/nothing"], StoreError.exit_code,
     "newskg build"),
    ("blocs-bad-mode", ["blocs", "--mode", "some", "--store", "{store}"], InputError.exit_code, "latest or all"),
    ("blocs-bad-seed", ["blocs", "--seed", "x", "--store", "{store}"], USAGE, "newskg blocs --help"),
    # validate and evaluate
    ("validate-missing-file", ["validate", "{root}/nowhere.ttl"], InputError.exit_code, "pass an RDF file"),
    ("validate-bad-rdf", ["validate", "{root}/bad.ttl"], InputError.exit_code, "fix the file"),
    ("validate-bad-inference", ["validate", "--inference", "owl", "--store", "{store}"], InputError.exit_code,
     "rdfs, none"),
    ("validate-file-and-store", ["validate", "{root}/bad.ttl", "--store", "{store}"], InputError.exit_code,
     "not both"),
    # the same exit code and words as every command that reads a store
    ("validate-missing-store", ["validate", "--store", "{root}/nothing"], StoreError.exit_code, "newskg build"),
    ("evaluate-missing-gold", ["evaluate", "--gold", "{root}/nowhere.jsonl"], InputError.exit_code,
     "pass the path of a .jsonl"),
    ("evaluate-bad-gold", ["evaluate", "--gold", "{root}/bad-gold.jsonl"], InputError.exit_code,
     "bad-gold.jsonl:1: not a gold triple"),
    ("evaluate-gold-articles-missing", ["evaluate", "--gold", "{root}/gold.jsonl", "--articles", "{root}"],
     InputError.exit_code, "pass --articles DIR"),
    # view and serve
    ("view-bad-output", ["view", "-o", "{root}/graph.txt", "--store", "{store}"], InputError.exit_code,
     "should end in .html"),
    ("view-bad-png", ["view", "-o", "{root}/g.html", "--png", "{root}/g.gif", "--store", "{store}"],
     InputError.exit_code, ".png or .svg"),
    ("view-missing-store", ["view", "-o", "{root}/g.html", "--store", "{root}/nothing"], StoreError.exit_code,
     "newskg build"),
    ("view-empty-store", ["view", "-o", "{root}/g.html", "--store", "{empty}"], InputError.exit_code,
     "add articles with `newskg build"),
    ("serve-missing-store", ["serve", "--store", "{root}/nothing"], StoreError.exit_code, "newskg build"),
    ("index-missing-store", ["index", "--store", "{root}/nothing"], StoreError.exit_code, "newskg build"),
    # outputs that are not regular files, or under a file (issue 16, items 11 and 15)
    ("export-to-a-named-pipe", ["export", "--format", "turtle", "-o", "{root}/pipe", "--store", "{store}"],
     ExportError.exit_code, "not a regular file (a device, pipe or socket); choose another -o"),
    ("export-to-a-folder", ["export", "--format", "turtle", "-o", "{root}/other", "--store", "{store}"],
     ExportError.exit_code, "it is a folder; choose another -o"),
    ("view-output-under-a-file", ["view", "-o", "{root}/a-file/x.html", "--store", "{store}"],
     ExportError.exit_code, "choose another -o"),
    ("view-gexf-under-a-file", ["view", "-o", "{root}/g.html", "--gexf", "{root}/a-file/x.gexf", "--store",
                                "{store}"], ExportError.exit_code, "choose another --gexf"),
    ("view-graphml-to-a-named-pipe", ["view", "-o", "{root}/g.html", "--graphml", "{root}/pipe", "--store",
                                      "{store}"], ExportError.exit_code, "not a regular file"),
    ("timeline-png-under-a-file", ["timeline", "--actor", "Alphaland", "--png", "{root}/a-file/t.png", "--store",
                                   "{store}"], ExportError.exit_code, "choose another --png"),
    # values holding rich markup are printed as typed (issue 16, item 14)
    ("positions-markup-actor", ["positions", "--actor", "[/]", "--store", "{store}"], InputError.exit_code,
     "no actor named '[/]'"),
    ("positions-red-actor", ["positions", "--actor", "[red]Atlantis", "--store", "{store}"], InputError.exit_code,
     "no actor named '[red]Atlantis'"),
    ("query-markup-format", ["query", "ASK { ?s ?p ?o }", "--format", "[/]", "--store", "{store}"],
     InputError.exit_code, "unknown --format '[/]'"),
    ("query-markup-bind", ["query", "SELECT * WHERE { ?s ?p ?o }", "--bind", "[/]", "--store", "{store}"],
     InputError.exit_code, "--bind '[/]' is not NAME=VALUE"),
    ("query-markup-file", ["query", "@{root}/no[/]such.rq", "--store", "{store}"], InputError.exit_code,
     "no[/]such.rq"),
    ("view-markup-output-under-a-file", ["view", "-o", "{root}/a-file/v[/]x.html", "--store", "{store}"],
     ExportError.exit_code, "a-file/v[/]x.html"),
]


def _args(template: list[str], work: dict[str, Path], port: int) -> list[str]:
    values = {"{root}": str(work["root"]), "{store}": str(work["store"]), "{empty}": str(work["empty"]),
              "{port}": str(port)}
    out = []
    for part in template:
        for name, value in values.items():
            part = part.replace(name, value)
        out.append(part)
    return out


def _assert_one_error_line(err: str, out: str, fragment: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    assert lines[0].startswith("error: "), lines[0]
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in err and "Traceback" not in out
    return lines[0]


@pytest.mark.parametrize(("args", "status", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_path_prints_one_line_and_exits_non_zero(args, status, fragment, work, capsys, nlp):
    """Pass: exit status as documented (never 0), one ``error:`` line holding the hint, no traceback."""
    previous = signal.getsignal(signal.SIGTERM)  # `serve` installs its own handler
    try:
        code = main(_args(args, work, _free_port()))
    finally:
        signal.signal(signal.SIGTERM, previous)
    captured = capsys.readouterr()
    _assert_one_error_line(captured.err, captured.out, fragment)
    assert code == status != 0


def test_serve_on_a_busy_port_is_one_line(work, capsys):
    """Pass: a port already taken gives one ``error:`` line that says to choose another port."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        previous = signal.getsignal(signal.SIGTERM)
        try:
            code = main(["serve", "--store", str(work["store"]), "--port", str(busy.getsockname()[1])])
        finally:
            signal.signal(signal.SIGTERM, previous)
    captured = capsys.readouterr()
    _assert_one_error_line(captured.err, captured.out, "choose another --port")
    assert code != 0


def test_locked_store_is_one_line_for_every_writing_command(work, capsys, tmp_path):
    """Pass: while another process holds the store, `build`, `query --update` and `index` print the lock error,
    exit 7."""
    location = tmp_path / "store"
    Store.open(location).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(location)], stdout=subprocess.PIPE, env=_env()
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        for args in (["build", str(READ / "utf8.txt"), "--store", str(location)],
                     ["query", "--update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", str(location)],
                     ["index", "--store", str(location)]):
            code = main(args)
            captured = capsys.readouterr()
            line = _assert_one_error_line(captured.err, captured.out, "is locked by another newskg process")
            assert f"(pid {holder.pid})" in line and "use another --store" in line
            assert code == StoreLockedError.exit_code
    finally:
        holder.kill()
        holder.wait()


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from newskg.graph.store import Store
    store = Store.open(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_an_unexpected_exception_is_one_line_and_debug_raises_it(work, capsys, monkeypatch):
    """Pass: a bug surfaces as one ``error: TypeName: ...`` line pointing to --debug; --debug lets it through."""
    from newskg.graph import store as store_module

    def broken(*args, **kwargs):
        raise RuntimeError("the disk controller \nsaid no")

    monkeypatch.setattr(store_module.Store, "open", classmethod(broken))
    args = ["actors", "--store", str(work["store"])]
    assert main(args) == 1
    captured = capsys.readouterr()
    line = _assert_one_error_line(captured.err, captured.out, "RuntimeError: the disk controller said no")
    assert line.endswith("(run again with --debug for the traceback)")
    with pytest.raises(RuntimeError, match="disk controller"):
        main(["--debug", *args])


@pytest.mark.parametrize(("args", "error"), [
    (["query", "SELECT * WHERE {", "--store", "{store}"], QueryError),
    (["build", f"{READ}/empty.txt", "--store", "{root}/debug-store"], NoContentError),
    (["export", "--format", "turtle", "-o", "{root}/a-file/x.ttl", "--store", "{store}"], ExportError),
])
def test_debug_lets_the_error_through_in_process(args, error, work, nlp):
    """Pass: with --debug, main() raises the NewskgError instead of printing a line."""
    with pytest.raises(error) as caught:
        main(["--debug", *_args(args, work, 0)])
    assert isinstance(caught.value, NewskgError)


def test_debug_shows_the_traceback_in_a_real_process(work):
    """Pass: the installed command prints one line normally and a full traceback with --debug."""
    args = ["query", "SELECT * WHERE {", "--store", str(work["store"])]
    plain = subprocess.run([sys.executable, "-m", "newskg.graph.cli", *args], capture_output=True, text=True,
                           env=_env(), timeout=120)
    assert plain.returncode == QueryError.exit_code
    _assert_one_error_line(plain.stderr, plain.stdout, "fix the query")
    debug = subprocess.run([sys.executable, "-m", "newskg.graph.cli", "--debug", *args], capture_output=True,
                           text=True, env=_env(), timeout=120)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and "QueryError" in debug.stderr


def test_exit_status_of_a_command_that_exits_with_a_code_reaches_the_shell(work, tmp_path):
    """Pass: `validate` of data that does not conform exits 1 from the real script, not 0."""
    bad = tmp_path / "bad-shape.ttl"
    bad.write_text(
        "@prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
        "<https://w3id.org/newskg/id/statement/x> a nkg:Statement .\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, "-m", "newskg.graph.cli", "validate", str(bad), "--inference", "none"],
                         capture_output=True, text=True, env=_env(), timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr


@pytest.mark.parametrize("command", [
    ["actors"], ["who", "--supports", "x"], ["positions", "--actor", "Alphaland"], ["compare", "A", "B"],
    ["timeline", "--actor", "Alphaland"], ["shifts"], ["corroboration"], ["blocs"], ["view", "-o", "{root}/v.html"],
])
def test_every_analysis_of_an_empty_store_says_the_same_in_one_line(tmp_path, capsys, command):
    with Store.open(tmp_path / "empty"):
        pass
    capsys.readouterr()
    args = [part.replace("{root}", str(tmp_path)) for part in command]
    assert main([*args, "--store", str(tmp_path / "empty")]) == InputError.exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: the store at {tmp_path / 'empty'} holds no statements yet; add articles with "
                   "`newskg build FILES`"], err
