"""Untrusted text (articles, file names, stored values, the command line) never acts on the terminal,
a spreadsheet or rich (issue 16, items 8 and 14).

- control characters are kept out of stored text and out of everything printed: tables, CSV, JSON,
  N-Triples, messages; GEXF and GraphML of a store that holds some (changed by hand) are valid XML;
- CSV cells a spreadsheet would run as formulas (``= + - @``) start with ``'``;
- rich markup in any value (``[/]``, ``[red]``) is printed as typed, never read as markup.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from newskg.extract.clean import CONTROL
from newskg.extract.records import Actor, Article, OffsetMap, Triple
from newskg.graph.cli import main
from newskg.graph.rdf import article_quads
from newskg.graph.store import Store

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\x7f\x00\x08\r"
MARK = "\ue000"  # stands for ESCAPES in the names below; the store gets the escapes themselves
FORMULAS = ['=HYPERLINK("http://127.0.0.1/x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1"]


def _article(index: int, actor: str, topic: str, sentence: str, title: str) -> tuple[Article, list[Triple]]:
    article = Article(f"{index:016x}", f"dir/{title}.md", sentence, sentence, OffsetMap.identity(len(sentence)),
                      title=title, author=title, date="2017-08-07")
    subject = Actor(f"actor-{len(actor)}", actor, "State", (actor,))
    issue = Actor(f"topic-{sum(map(ord, topic))}", topic, "Issue", (topic,))
    triple = Triple(article.doc_id, subject, "opposes", "oppose", issue, topic, "oppose", sentence, 0, len(sentence))
    return article, [triple]


def _with_escapes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads with MARK in literals turned into real control characters, as a hand-made update could."""
    def term(value):
        if isinstance(value, ox.Literal) and MARK in value.value:
            return ox.Literal(value.value.replace(MARK, ESCAPES), datatype=value.datatype)
        return value
    return [ox.Quad(q.subject, q.predicate, term(q.object), q.graph_name) for q in quads]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """A store whose labels hold markup and formulas, and whose evidence, titles and topics hold escapes."""
    location = tmp_path_factory.mktemp("untrusted") / "store"
    entries = [("[red]Alpha[/red]", f"the plan{MARK}", f"[red]Alpha[/red] opposes the plan.{MARK}", f"T{MARK}")]
    entries += [("Beta [/]", formula, f"Beta opposes {formula}.", "[/]") for formula in FORMULAS]
    entries += [("Beta [/]", f"the plan{MARK}", f"Beta opposes the plan too.{MARK}", "[/]")]
    with Store.open(location) as store:
        for index, (actor, topic, sentence, title) in enumerate(entries):
            article, triples = _article(index, actor, topic, sentence, title)
            store.add_article(article.doc_id, _with_escapes(article_quads(article, triples)))
    return location


def _no_controls(text: str) -> None:
    found = CONTROL.findall(text)
    assert not found, f"control characters {found!r} printed"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_store_holds_escapes_to_begin_with(hostile_store):
    """Pass: the fixture's store does hold control characters (so that the tests below test something)."""
    with Store.open(hostile_store, read_only=True) as store:
        quads = list(ox.parse(store.dump_nquads(), format=ox.RdfFormat.N_QUADS))
    assert any(isinstance(q.object, ox.Literal) and ESCAPES in q.object.value for q in quads)


@pytest.mark.parametrize("command", [
    ["actors"], ["positions", "--actor", "[red]Alpha[/red]"], ["who", "--opposes", f"topic/topic-{sum(map(ord, f'the plan{MARK}'))}"],
    ["compare", "[red]Alpha[/red]", "Beta [/]"], ["timeline", "--actor", "Beta [/]"], ["corroboration"],
    ["query", "SELECT ?l ?e WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
     "OPTIONAL { GRAPH ?h { ?st <https://w3id.org/newskg/ontology#evidence> ?e } } }"],
    ["query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"],
], ids=["actors", "positions", "who", "compare", "timeline", "corroboration", "query", "construct"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_printed_output_holds_no_control_characters_and_shows_markup_as_typed(command, fmt, hostile_store, capsys):
    """Pass: every reading command, in every format, exits 0 and prints no control character; a table
    shows the labels "[red]Alpha[/red]" and "Beta [/]" as they are written (not as markup)."""
    code, out, err = _run(capsys, *command, "--store", str(hostile_store), "--format", fmt)
    assert code == 0, err
    _no_controls(out + err)
    if fmt == "table" and command[0] in ("actors", "positions", "compare"):
        assert "[red]Alpha[/red]" in out
    if fmt == "table" and command[0] in ("actors", "compare"):
        assert "Beta [/]" in out


def test_json_keeps_the_stored_text_exactly_with_escapes(hostile_store, capsys):
    """Pass: `query --format json` prints no control character, yet parses back to the stored strings."""
    sparql = "SELECT ?e WHERE { GRAPH ?g { ?s <https://w3id.org/newskg/ontology#evidence> ?e } }"
    code, out, _ = _run(capsys, "query", sparql, "--store", str(hostile_store), "--format", "json")
    assert code == 0
    _no_controls(out)
    assert f"[red]Alpha[/red] opposes the plan.{ESCAPES}" in {row["e"] for row in json.loads(out)}


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(hostile_store, capsys):
    """Pass: in `query --format csv` (and the analysis commands' CSV), a cell starting with = + - @ is
    written behind a ', numbers are written as they are, and nothing else changes."""
    sparql = ("SELECT ?l (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
              " GROUP BY ?l")
    code, out, _ = _run(capsys, "query", sparql, "--store", str(hostile_store), "--format", "csv")
    assert code == 0
    cells = {row[0]: row[1] for row in list(csv.reader(io.StringIO(out)))[1:]}
    for formula in FORMULAS:
        assert "'" + formula in cells, cells
    assert "[red]Alpha[/red]" in cells and all(n.isdigit() for n in cells.values())
    code, out, _ = _run(capsys, "who", "--opposes", "@sum(1+1)", "--store", str(hostile_store), "--format", "csv")
    assert code == 0 and "'@SUM(1+1)" in out
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(out)) for cell in row)


def test_gexf_and_graphml_of_a_store_with_escapes_are_valid_xml(hostile_store, tmp_path, capsys):
    """Pass: `newskg view --gexf --graphml` on a store holding control characters exits 0, and both files
    read back (networkx) with the evidence text minus its control characters."""
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "g.graphml"
    code, _, err = _run(capsys, "view", "--store", str(hostile_store), "-o", str(tmp_path / "g.html"), "--gexf",
                        str(gexf), "--graphml", str(graphml))
    assert code == 0, err
    for graph in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        evidence = " ".join(str(data.get("evidence", "")) for _, _, data in graph.edges(data=True))
        assert "opposes the plan.]0;owned" in evidence
        _no_controls(evidence)


def test_a_built_article_stores_no_control_characters(tmp_path, capsys, nlp):
    """Pass: `newskg build` of a markdown file whose name, title and text hold terminal escapes exits 0,
    prints no control character, and the store's literals (text, title, source) hold none."""
    filler = "The delegates met again on Tuesday to discuss the draft resolution on the border. " * 10
    path = tmp_path / "talks\x1b]0;owned\x07.md"
    path.write_text(f"# Talks{ESCAPES} resume\n\nChina opposes{ESCAPES} the plan. Russia urges talks.\n\n{filler}\n")
    location = tmp_path / "store"
    code, out, err = _run(capsys, "build", str(path), "--store", str(location))
    assert code == 0, err
    _no_controls(out + err)
    with Store.open(location, read_only=True) as store:
        literals = [q.object.value for q in ox.parse(store.dump_nquads(), format=ox.RdfFormat.N_QUADS)
                    if isinstance(q.object, ox.Literal)]
    assert "Russia urges talks." in literals  # the evidence of a triple
    assert any(value.endswith("talks]0;owned.md") for value in literals)  # the file name, as the source
    for value in literals:
        _no_controls(value)


def test_error_messages_print_file_names_and_values_without_escapes_or_markup(tmp_path, capsys):
    """Pass: the one-line error about a missing file whose name holds escapes and markup prints the name
    without control characters and with "[red]" and "[/]" as typed."""
    name = tmp_path / "no[red]such[/]\x1b[2J.txt"
    code, out, err = _run(capsys, "build", str(name), "--store", str(tmp_path / "store"))
    assert code == 3
    _no_controls(out + err)
    assert [line for line in err.splitlines() if line.strip()] == [
        f"error: {str(name).replace(chr(27), '')}: no files match this pattern; check the path"]


def test_view_to_a_path_with_markup_writes_it_and_says_so(tmp_path, hostile_store, capsys):
    """Pass: `newskg view -o 'v[/]x.html'` writes that very file and names it as typed."""
    target = tmp_path / "v[" / "]x.html"
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, err = _run(capsys, "view", "--store", str(hostile_store), "-o", "v[/]x.html")
    finally:
        os.chdir(previous)
    assert code == 0, err
    assert target.is_file() and "wrote v[/]x.html:" in err

