"""Positions over time: timelines, stance shifts and corroboration, on the sample articles and by hand."""

import pytest
from conftest import SEEDS
from newskg.graph.timeline import (
    Position,
    corroboration,
    load_positions,
    plot_timeline,
    select,
    shifts,
)


@pytest.fixture(scope="module")
def demo_store(nlp):
    from newskg.extract.read import read_articles
    from newskg.graph.ingest import ingest
    from newskg.graph.store import Store

    store = Store.open(None)
    ingest(read_articles(SEEDS), store, nlp=nlp)
    yield store
    store.close()


def _position(actor, stance, topic, article, date, text="x", event_date=""):
    return Position(statement=f"{actor}-{stance}-{topic}-{article}-{text}", actor=f"id/{actor}", actor_label=actor,
                    stance=stance, relation=stance, object=f"o/{text}", object_label=text, topic=f"t/{topic}",
                    topic_label=topic, evidence=f"{actor} {stance}s {text}.", article=article, date=date,
                    event_date=event_date)


@pytest.mark.model
def test_demo_corpus_shows_china_and_russia_turning_against_sanctions(demo_store):
    positions, _ = load_positions(demo_store)
    found = {(s.actor_label, s.topic_label): s for s in shifts(positions)}
    for actor in ("China", "Russia"):
        shift = found[(actor, "sanction")]
        assert (shift.before.stance, shift.before.date) == ("support", "2017-08-07")
        assert (shift.after.stance, shift.after.date) == ("oppose", "2017-09-05")
        assert "went along with sanctions" in shift.before.evidence
        assert "oppose counterproductive tougher sanctions" in shift.after.evidence
        assert shift.after.object_label == "counterproductive tougher sanctions"


@pytest.mark.model
def test_timeline_matches_names_and_surface_forms(demo_store):
    positions, names = load_positions(demo_store)
    # an alternative name of the actor, and the plural surface form of the topic
    rows = select(positions, names, actor="beijing", topic="Sanctions")
    assert [(p.when, p.stance) for p in rows] == [("2017-08-07", "support"), ("2017-08-07", "support"),
                                                   ("2017-09-05", "oppose")]
    assert {p.topic_label for p in rows} == {"sanction"} and {p.family_label for p in rows} == {"sanctions and embargoes"}
    # a topic family finds all its topics
    family = select(positions, names, actor="China", topic="sanctions and embargoes")
    assert {p.object_label for p in rows} <= {p.object_label for p in family}


@pytest.mark.model
def test_demo_store_dates_the_saturday_sanctions(demo_store):
    rows = demo_store.query(
        "SELECT ?t ?d ?p WHERE { GRAPH ?g { ?st nkg:objectText ?t ; nkg:eventDate ?d ; nkg:eventDatePrecision ?p } }",
        bindings={"t": "sanctions on North Korea"}).rows
    assert rows == [{"t": "sanctions on North Korea", "d": "2017-08-05", "p": "day"}]  # "On Saturday" in the article of Monday 7 August 2017


def test_shift_needs_a_later_article_with_a_single_stance():
    positions = [
        _position("A", "support", "talks", "d1", "2020-01-01"),
        _position("A", "support", "talks", "d2", "2020-02-01"),
        _position("A", "support", "talks", "d3", "2020-03-01", text="p"),
        _position("A", "oppose", "talks", "d3", "2020-03-01", text="q"),  # a contradiction, no shift
        _position("A", "oppose", "talks", "d4", "2020-04-01", text="r"),
        _position("A", "support", "talks", "d5", "2020-05-01", text="s"),
        _position("B", "support", "talks", "d4", "2020-04-01"),
    ]
    found = shifts(positions)
    assert [(s.before.article, s.after.article, s.after.stance) for s in found] == [("d2", "d4", "oppose"),
                                                                                   ("d4", "d5", "support")]


def test_event_date_comes_before_the_article_date_in_ordering():
    early = _position("A", "oppose", "war", "d2", "2020-05-01", event_date="2020-01-01")
    late = _position("A", "support", "war", "d1", "2020-03-01")
    (shift,) = shifts([late, early])
    assert (shift.before.article, shift.after.article) == ("d2", "d1")


def test_corroboration_counts_articles_and_flags_contradictions():
    positions = [
        _position("A", "oppose", "war", "d1", "2020-01-01", text="war"),
        _position("A", "oppose", "war", "d1", "2020-01-01", text="the war"),
        _position("A", "oppose", "war", "d2", "2020-02-01"),
        _position("A", "support", "war", "d2", "2020-02-01", text="a war"),
        _position("B", "support", "war", "d1", "2020-01-01"),
    ]
    rows = {(r.actor_label, r.stance): r for r in corroboration(positions)}
    oppose = rows[("A", "oppose")]
    assert (oppose.articles, oppose.statements, oppose.first, oppose.last) == (2, 3, "2020-01-01", "2020-02-01")
    assert oppose.contradicted_in == ["d2"] and oppose.contradiction == "same article"
    assert rows[("B", "support")].contradiction == ""
    assert rows[("A", "support")].opposed_by == 2


def test_plot_has_one_point_per_position(tmp_path):
    positions = [_position("A", "support", "t", "d1", "2020-01-01"), _position("A", "oppose", "t", "d2", "2020-02-01")]
    path = tmp_path / "t.png"
    fig = plot_timeline(positions, path)
    assert path.stat().st_size > 1000
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert points == 2


@pytest.mark.model
def test_cli_timeline_and_shifts(demo_store, tmp_path, capsys):
    import json

    from newskg.graph.cli import main

    store_dir = tmp_path / "store"
    from newskg.graph.store import Store

    with Store.open(store_dir) as disk:
        disk.oxigraph.extend(demo_store.oxigraph.quads_for_pattern(None, None, None, None))
    png = tmp_path / "china.png"
    assert main(["timeline", "--actor", "China", "--topic", "sanctions", "--store", str(store_dir),
                 "--format", "json", "--png", str(png)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["stance"] for r in rows] == ["support", "support", "oppose"] and png.exists()
    assert main(["shifts", "--store", str(store_dir), "--format", "json"]) == 0
    found = {(r["actor"], r["topic"], r["from"], r["to"]) for r in json.loads(capsys.readouterr().out)}
    assert {("China", "sanction", "support", "oppose"), ("Russia", "sanction", "support", "oppose")} <= found
    assert main(["timeline", "--actor", "Atlantis", "--store", str(store_dir)]) != 0
    assert main(["blocs", "--store", str(store_dir), "--save", "--format", "json"]) == 0
    bloc = {r["actor"]: r["bloc"] for r in json.loads(capsys.readouterr().out)}
    assert bloc["China"] == bloc["Russia"] != bloc["United States"] == bloc["Japan"]
    assert main(["corroboration", "--store", str(store_dir), "--contradicted", "--format", "json"]) == 0
    flagged = {(r["actor"], r["topic"], r["stance"]) for r in json.loads(capsys.readouterr().out)}
    assert ("China", "sanction", "support") in flagged and ("China", "sanction", "oppose") in flagged
    with Store.open(store_dir, read_only=True) as saved:
        from newskg.graph.alignment import BLOCS_QUERY

        members = {(r["blocLabel"].split(":")[0], r["actorLabel"]) for r in saved.query(BLOCS_QUERY).rows}
    assert (f"bloc {bloc['China']}", "China") in members


@pytest.mark.parametrize("value", ["yesterday", "2017-13-45", "2017"])
def test_timeline_of_a_store_with_a_date_that_is_no_date(value, tmp_path, capsys):
    """Pass: when an article's dcterms:date is not a calendar date (a store changed by hand), `newskg
    timeline --png` exits 0, lists the positions with an empty date, and draws the ones with a date."""
    import json

    import pyoxigraph as ox
    from store_samples import DCT, article_quads, doc_id

    from newskg.graph.cli import main
    from newskg.graph.store import Store

    location = tmp_path / "store"
    with Store.open(location) as store:
        for i in (0, 5):  # both name Alphaland
            quads = article_quads(i)
            if i == 0:
                quads = [ox.Quad(q.subject, q.predicate, ox.Literal(value, datatype=q.object.datatype), q.graph_name)
                         if q.predicate.value == DCT + "date" else q for q in quads]
            store.add_article(doc_id(i), quads)
    png = tmp_path / "t.png"
    code = main(["timeline", "--actor", "Alphaland", "--store", str(location), "--format", "json", "--png", str(png)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    dates = {row["article_date"] for row in json.loads(captured.out)}
    assert "" in dates and "2017-08-07" in dates and value not in dates
    assert png.stat().st_size > 1000


def test_timeline_says_how_many_statements_have_no_date(tmp_path, capfd):
    """An article without a date gives undated statements: the timeline lists them and says how many."""
    from newskg.graph.cli import main

    dated = tmp_path / "dated.txt"
    dated.write_text("Date: 2019-02-23\n\nChina opposed the plan on Monday, officials said.", encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text("China rejected the proposal, officials said.", encoding="utf-8")
    store = str(tmp_path / "store")
    assert main(["build", str(dated), str(undated), "--store", store]) == 0
    capfd.readouterr()
    assert main(["timeline", "--actor", "China", "--store", store]) == 0
    captured = capfd.readouterr()
    assert "1 of these 2 statement(s) have no date" in captured.err
