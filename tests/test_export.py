"""Export: every format reads back as the same RDF (compared as graphs, not text)."""

from __future__ import annotations

import io
import json

import pytest
import typer
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from store_samples import article_quads, doc_id
from typer.testing import CliRunner

from newskg.graph import export
from newskg.graph.cli_store import register
from newskg.graph.export import ExportError, export_store
from newskg.graph.store import Store

GRAPH_FORMATS = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt"}


@pytest.fixture(scope="module")
def store():
    opened = Store.open(None)
    for i in range(3):
        opened.add_article(doc_id(i), article_quads(i))
    return opened


def _expected_dataset(store: Store) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=store.dump_nquads().decode(), format="nquads")
    return dataset


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    out = {}
    for graph in dataset.graphs():
        if len(graph):
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            out[str(graph.identifier)] = copy
    return out


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_dataset_formats_keep_every_named_graph(store, fmt):
    out = io.BytesIO()
    export_store(store, out, fmt)
    got = Dataset()
    got.parse(data=out.getvalue().decode(), format=GRAPH_FORMATS[fmt])
    expected = _graphs(_expected_dataset(store))
    actual = _graphs(got)
    assert set(actual) == set(expected) == {f"https://w3id.org/newskg/id/graph/{doc_id(i)}" for i in range(3)}
    for name, graph in expected.items():
        assert isomorphic(actual[name], graph), name


@pytest.mark.parametrize("fmt", sorted(TRIPLE_FORMATS))
def test_triple_formats_hold_the_union_of_the_graphs(store, fmt):
    out = io.BytesIO()
    export_store(store, out, fmt)
    got = Graph().parse(data=out.getvalue().decode(), format=TRIPLE_FORMATS[fmt])
    expected = _union(_expected_dataset(store))
    assert isomorphic(got, expected)
    actor = URIRef("https://w3id.org/newskg/id/actor/alpha")
    assert (actor, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in got


def test_jsonld_uses_the_shipped_context_when_there_is_one(store, monkeypatch, tmp_path):
    context = tmp_path / "context.jsonld"
    context.write_text(json.dumps({"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}))
    monkeypatch.setattr(export, "context_path", lambda: context)
    out = io.BytesIO()
    export_store(store, out, "jsonld")
    document = json.loads(out.getvalue())
    assert document["@context"] == {"label": "http://www.w3.org/2000/01/rdf-schema#label"}
    assert '"label"' in out.getvalue().decode()
    got = Dataset()
    got.parse(data=out.getvalue().decode(), format="json-ld")
    assert isomorphic(_union(got), _union(_expected_dataset(store)))


def test_jsonld_without_a_context_is_still_complete(store, monkeypatch):
    monkeypatch.setattr(export, "context_path", lambda: None)
    out = io.BytesIO()
    export_store(store, out, "jsonld")
    document = json.loads(out.getvalue())
    assert isinstance(document, list) or "@context" not in document
    got = Dataset()
    got.parse(data=out.getvalue().decode(), format="json-ld")
    assert isomorphic(_union(got), _union(_expected_dataset(store)))


def test_unknown_format_is_refused(store):
    with pytest.raises(ExportError, match="use one of turtle, ntriples, nquads, trig, jsonld"):
        export_store(store, io.BytesIO(), "rdfxml")


def test_export_command_writes_a_file(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as opened:
        opened.add_article(doc_id(0), article_quads(0))
        expected = _expected_dataset(opened)
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    target = tmp_path / "out" / "graph.trig"
    result = CliRunner().invoke(app, ["export", "--format", "trig", "-o", str(target), "--store", str(location)])
    assert result.exit_code == 0, result.output
    got = Dataset()
    got.parse(target, format="trig")
    assert isomorphic(_union(got), _union(expected))
    refused = CliRunner().invoke(app, ["export", "--format", "xml", "-o", str(target), "--store", str(location)])
    assert refused.exit_code != 0 and "use one of" in str(refused.exception)


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_exported_files_get_the_permissions_the_umask_gives_and_no_temporary_file_is_left(store, tmp_path, mask):
    import os
    import stat

    previous = os.umask(mask)
    try:
        target = tmp_path / "graph.ttl"
        export.export_store(store, target, "turtle")
        written = export.export_articles(store, tmp_path / "articles", "nquads")
    finally:
        os.umask(previous)
    for path in [target, *written]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path
    assert len(written) == 3
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []
