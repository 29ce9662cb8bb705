"""The actor network: statement nodes of the RDF store as a networkx multigraph.

Every ``nkg:Statement`` (see ``ontology/README.md``) becomes evidence on one
edge ``subject -> object`` keyed by the predicate's local name. Parallel
statements with the same predicate add up in ``weight`` and ``evidence``.

>>> from rdflib import Dataset, Literal, URIRef
>>> from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
>>> from newskg.ontology.ns import ID, NKG
>>> ds = Dataset()
>>> g = ds.graph(ID["graph/d1"])
>>> china, thaad, st = ID["actor/china"], ID["topic/thaad"], ID["statement/s1"]
>>> for t in [(china, RDF.type, NKG.State), (china, RDFS.label, Literal("China")),
...           (thaad, RDF.type, NKG.Issue), (thaad, RDFS.label, Literal("THAAD")),
...           (st, RDF.subject, china), (st, RDF.predicate, NKG.opposes), (st, RDF.object, thaad),
...           (st, NKG.polarity, Literal("oppose")), (st, NKG.evidence, Literal("China opposes THAAD.")),
...           (st, PROV.wasDerivedFrom, ID["article/d1"]),
...           (ID["article/d1"], DCTERMS.title, Literal("On THAAD"))]:
...     _ = g.add(t)
>>> G = build_network(ds)
>>> G.nodes[str(china)]["label"], G.nodes[str(thaad)]["kind"]
('China', 'Issue')
>>> edge = G.edges[str(china), str(thaad), "opposes"]
>>> edge["stance"], edge["weight"], edge["evidence"][0]["sentence"]
('oppose', 1, 'China opposes THAAD.')
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from newskg.extract.clean import strip_controls
from newskg.extract.errors import InputError
from newskg.graph.output import output_target, write_atomically
from newskg.graph.query import PREFIXES as _PREFIX_IRIS

__all__ = [
    "KINDS",
    "build_network",
    "draw_overview",
    "query_rows",
    "to_gexf",
    "to_graphml",
    "weighted_degree",
]

NKG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"

#: Node kinds, most specific first: a node typed both Person and Actor is a Person.
KINDS = ("Person", "State", "IntergovernmentalOrganization", "Organization", "Document", "Issue")
_CLASS_KIND = {
    **{NKG + k: k for k in KINDS},
    NKG + "Resolution": "Document",
    NKG + "Treaty": "Document",
    NKG + "StatementDocument": "Document",
    NKG + "Actor": "Organization",
}
_PATH_KIND = {"actor/": "Organization", "document/": "Document", "topic/": "Issue"}
_STANCES = {"support": "support", "oppose": "oppose", NKG + "Support": "support", NKG + "Oppose": "oppose"}

#: One SELECT over every named graph: statement rows and entity rows (UNION),
#: so that it runs unchanged on pyoxigraph and rdflib.
#: The prefixes every newskg query may use, as SPARQL.
PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in _PREFIX_IRIS.items())

#: The article a statement ``?st`` comes from, with its title, date and source where the store has them.
STATEMENT_ARTICLE = """
      OPTIONAL {
        ?st prov:wasDerivedFrom ?article .
        OPTIONAL { ?article dcterms:title ?title }
        OPTIONAL { ?article dcterms:date ?date }
        OPTIONAL { ?article dcterms:source ?source }
      }"""

QUERY = PREFIXES + """SELECT ?g ?st ?s ?p ?o ?polarity ?stance ?negated ?evidence ?sText ?oText ?stDate
       ?article ?title ?date ?source ?x ?type ?label
WHERE {
  GRAPH ?g {
    {
      ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      OPTIONAL { ?st nkg:polarity ?polarity }
      OPTIONAL { ?st nkg:stance ?stance }
      OPTIONAL { ?st nkg:negated ?negated }
      OPTIONAL { ?st nkg:evidence ?evidence }
      OPTIONAL { ?st nkg:subjectText ?sText }
      OPTIONAL { ?st nkg:objectText ?oText }
      OPTIONAL { ?st dcterms:date ?stDate }""" + STATEMENT_ARTICLE + """
    } UNION {
      ?x a ?type .
      FILTER(STRSTARTS(STR(?x), "https://w3id.org/newskg/id/actor/")
          || STRSTARTS(STR(?x), "https://w3id.org/newskg/id/topic/")
          || STRSTARTS(STR(?x), "https://w3id.org/newskg/id/document/"))
      OPTIONAL { ?x rdfs:label ?label }
    } UNION {
      ?x rdfs:label|skos:prefLabel ?label .
      FILTER NOT EXISTS { ?x a ?anyType }
    }
  }
}
"""


def query_rows(dataset: Any, query: str) -> Iterator[dict[str, str]]:
    """Run a SELECT on a ``pyoxigraph.Store``, an ``rdflib.Dataset`` or a newskg ``Store``.

    Yields one dict per solution mapping each bound variable to its value as a
    plain string (IRI text or literal lexical form).

    >>> from rdflib import Dataset
    >>> list(query_rows(Dataset(), "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"))
    []
    """
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        pyoxigraph = None
    store = getattr(dataset, "oxigraph", None) or dataset
    if pyoxigraph is not None and isinstance(store, pyoxigraph.Store):
        solutions = store.query(query)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            yield row
        return
    if hasattr(store, "query") and hasattr(store, "contexts"):  # rdflib Dataset / ConjunctiveGraph
        for result in store.query(query):
            yield {name: str(term) for name, term in result.asdict().items() if term is not None}
        return
    if hasattr(store, "query"):  # a newskg store without a local Oxigraph (remote SPARQL)
        result = store.query(query)
        for terms in getattr(result, "terms", None) or getattr(result, "rows", []):
            yield {name: getattr(term, "value", str(term)) for name, term in terms.items() if term is not None}
        return
    raise InputError(
        f"cannot read a network from {type(dataset).__name__}; "
        "pass a pyoxigraph.Store, an rdflib.Dataset or a newskg Store"
    )


@lru_cache(maxsize=1)
def _predicate_labels() -> dict[str, str]:
    """Human labels of the predicates (``ontology/data/predicates.tsv``)."""
    try:
        text = resources.files("newskg.ontology").joinpath("data/predicates.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - package data missing
        return {}
    labels = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            labels[cols[0]] = cols[2]
    return labels


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _predicate_label(local: str) -> str:
    return _predicate_labels().get(local) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def _kind(iri: str, types: set[str]) -> str:
    kinds = {_CLASS_KIND[t] for t in types if t in _CLASS_KIND}
    for kind in KINDS:
        if kind in kinds:
            return kind
    for prefix, kind in _PATH_KIND.items():
        if iri.startswith(ID + prefix):
            return kind
    return "Other"


def _stance(values: list[str]) -> str:
    """The most frequent stance among statements, ``none`` for neutral or unknown."""
    counts = Counter(_STANCES.get(v, "none") for v in values)
    if not counts:
        return "none"
    best = max(counts.values())
    for stance in ("oppose", "support", "none"):  # ties: a stated position beats none
        if counts.get(stance) == best:
            return stance
    return "none"  # pragma: no cover


def build_network(dataset: Any, *, include_negated: bool = False,
                  offices: dict[tuple[str, str], str] | None = None) -> nx.MultiDiGraph:
    """Build the actor network of a store or dataset following ``ontology/README.md``.

    Nodes are IRIs with ``label`` and ``kind`` (one of :data:`KINDS`, or ``Other``).
    Edges ``subject -> object`` are keyed by the predicate's local name and carry
    ``predicate``, ``label`` (the predicate as words), ``stance`` (``support``,
    ``oppose`` or ``none``), ``weight`` (number of statements) and ``evidence``:
    a list of dicts ``{sentence, title, date, source, article}`` sorted by date (with ``said_by`` when
    ``offices`` is given, below).

    Negated statements (``nkg:negated true``) describe what an actor did *not*
    do; they are left out unless ``include_negated`` is true, in which case they
    form their own edges keyed ``<predicate>:negated`` with ``negated=True`` and
    stance ``none``.

    ``offices`` (``--as-state``, off by default) maps ``(article, person)`` to the state or organisation the
    person speaks for in that article (:func:`newskg.graph.timeline.load_offices`). A stance statement (support
    or oppose) whose subject holds such an office is then drawn from that state or organisation, and each of
    its evidence items names the speaker in ``said_by``; actions and affiliations stay where they are.
    """
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    texts: dict[str, str] = {}
    statements: dict[tuple[str, str], dict[str, Any]] = {}
    for row in query_rows(dataset, QUERY):
        if "x" in row:
            if "type" in row:
                types[row["x"]].add(row["type"])
            if row.get("label"):
                labels.setdefault(row["x"], row["label"])
            continue
        if "st" not in row:
            continue
        st = statements.setdefault(
            (row["g"], row["st"]),
            {"s": row["s"], "p": row["p"], "o": row["o"], "polarity": set(), "evidence": set(), "articles": {}},
        )
        if "polarity" in row or "stance" in row:
            st["polarity"].add(row.get("polarity") or row["stance"])
        if row.get("evidence"):
            st["evidence"].add(row["evidence"])
        st["negated"] = st.get("negated") or row.get("negated", "").lower() in ("true", "1")
        st.setdefault("date", row.get("stDate", ""))
        if "article" in row:
            art = st["articles"].setdefault(row["article"], {"title": "", "date": "", "source": ""})
            for field in ("title", "date", "source"):
                if row.get(field) and not art[field]:
                    art[field] = row[field]
        for end, text in (("s", "sText"), ("o", "oText")):
            if row.get(text):
                texts.setdefault(row[end], row[text])

    def name(node: str) -> str:
        return labels.get(node) or texts.get(node) or _local_name(node)

    G = nx.MultiDiGraph()
    edge_stances: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for st in statements.values():
        if st["negated"] and not include_negated:
            continue
        said_by = ""
        if offices and any(v in _STANCES for v in st["polarity"]):
            office = next((offices[(a, st["s"])] for a in sorted(st["articles"]) if (a, st["s"]) in offices), None)
            if office is not None and office != st["s"]:
                said_by = name(st["s"])
                st = {**st, "s": office}
        for end in (st["s"], st["o"]):
            if end not in G:
                G.add_node(end, label=name(end), kind=_kind(end, types[end]))
        local = _local_name(st["p"])
        key = f"{local}:negated" if st["negated"] else local
        if not G.has_edge(st["s"], st["o"], key):
            G.add_edge(
                st["s"], st["o"], key,
                predicate=local,
                label=("not " if st["negated"] else "") + _predicate_label(local),
                stance="none",
                weight=0,
                evidence=[],
            )
            if st["negated"]:
                G.edges[st["s"], st["o"], key]["negated"] = True
        data = G.edges[st["s"], st["o"], key]
        data["weight"] += 1
        edge_stances[(st["s"], st["o"], key)].extend(["none"] if st["negated"] else (sorted(st["polarity"]) or ["none"]))
        articles = st["articles"] or {"": {"title": "", "date": "", "source": ""}}
        for sentence in sorted(st["evidence"]) or [""]:
            for article, meta in sorted(articles.items()):
                data["evidence"].append({
                    "sentence": sentence,
                    "title": meta["title"],
                    "date": meta["date"] or st["date"],
                    "source": meta["source"],
                    "article": article,
                    **({"said_by": said_by} if said_by else {}),
                })
    for (u, v, key), values in edge_stances.items():
        data = G.edges[u, v, key]
        data["stance"] = _stance(values)
        data["evidence"].sort(key=lambda e: (e["date"], e["title"], e["sentence"]))
    return G


def weighted_degree(G: nx.MultiDiGraph) -> dict[str, float]:
    """Sum of the ``weight`` of every edge touching a node (statements about it).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "opposes", weight=2)
    'opposes'
    >>> weighted_degree(G)
    {'a': 2, 'b': 2}
    """
    return dict(G.degree(weight="weight"))


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list and dict attributes are JSON strings (for GEXF/GraphML), without the control
    characters XML cannot hold (a store changed by hand may have them).

    >>> H = _flat(nx.MultiDiGraph([("a\\x1b", "b", {"label": "x\\x00y", "evidence": [{"sentence": "z\\x07"}]})]))
    >>> list(H.nodes), list(H.edges(data=True))
    (['a', 'b'], [('a', 'b', {'label': 'xy', 'evidence': '[{"sentence": "z"}]'})])
    """
    H = nx.MultiDiGraph()

    def plain(value: Any) -> Any:
        if isinstance(value, str):
            return strip_controls(value)
        if isinstance(value, dict):
            return {plain(k): plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    def scalar(value: Any) -> Any:
        if isinstance(value, (str, int, float, bool)):
            return plain(value)
        return json.dumps(plain(value), ensure_ascii=False, sort_keys=True)

    for n, data in G.nodes(data=True):
        H.add_node(scalar(n), **{k: scalar(v) for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(scalar(u), scalar(v), scalar(key), **{k: scalar(val) for k, val in data.items() if val is not None})
    return H


def to_gexf(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as GEXF (Gephi); ``evidence`` becomes a JSON string.

    >>> import tempfile, os
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "opposes", weight=1, evidence=[{"sentence": "x"}])
    >>> p = to_gexf(G, os.path.join(tempfile.mkdtemp(), "g.gexf"))
    >>> nx.read_gexf(p).number_of_edges()
    1
    """
    H = _flat(G)
    return write_atomically(path, lambda out: nx.write_gexf(H, out), instead="choose another --gexf")


def to_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as GraphML; ``evidence`` becomes a JSON string.

    >>> import tempfile, os
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "opposes", weight=1, evidence=[{"sentence": "x"}])
    >>> p = to_graphml(G, os.path.join(tempfile.mkdtemp(), "g.graphml"))
    >>> nx.read_graphml(p).number_of_edges()
    1
    """
    H = _flat(G)
    return write_atomically(path, lambda out: nx.write_graphml(H, out), instead="choose another --graphml")


#: Colours shared by the static overview and the interactive view.
KIND_COLORS = {
    "State": "#4e79a7",
    "IntergovernmentalOrganization": "#f28e2b",
    "Organization": "#f28e2b",
    "Person": "#b07aa1",
    "Document": "#edc948",
    "Issue": "#76b7b2",
    "Other": "#bab0ac",
}
STANCE_COLORS = {"support": "#2ca02c", "oppose": "#d62728", "none": "#8c8c8c"}


def draw_overview(G: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = 300, labels: int = 25) -> Path:
    """Draw a static picture of ``G`` (PNG or SVG by the file suffix).

    Nodes are coloured by kind and sized by weighted degree, edges coloured by
    stance; the ``labels`` most central nodes are named. Graphs larger than
    ``max_nodes`` are cut to their most central nodes.

    >>> import tempfile, os
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "opposes", weight=1, stance="oppose")
    >>> draw_overview(G, os.path.join(tempfile.mkdtemp(), "g.svg")).suffix
    '.svg'
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"cannot draw {path.name}: give a file name ending in .png or .svg")
    output_target(path, instead="choose another --png")
    strength = weighted_degree(G)
    ranked = sorted(G.nodes, key=lambda n: (-strength[n], str(n)))
    H = G.subgraph(ranked[:max_nodes])
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    ax.set_axis_off()
    if H.number_of_nodes():
        pos = nx.spring_layout(nx.Graph(H), seed=7, k=1.5 / max(1, H.number_of_nodes()) ** 0.5)
        top = max(strength[n] for n in H) or 1
        groups: dict[tuple[str, float], list[tuple[Any, Any]]] = defaultdict(list)
        seen: Counter[frozenset] = Counter()
        for u, v, d in H.edges(data=True):
            rank = seen[frozenset((u, v))]
            seen[frozenset((u, v))] += 1
            groups[(d.get("stance", "none"), 0.08 + 0.15 * rank)].append((u, v))  # fan out parallel edges
        for (stance, rad), edges in sorted(groups.items()):
            nx.draw_networkx_edges(H, pos, edgelist=edges, edge_color=STANCE_COLORS.get(stance, STANCE_COLORS["none"]),
                                   alpha=0.7, ax=ax, arrows=True, arrowsize=8, connectionstyle=f"arc3,rad={rad}")
        nx.draw_networkx_nodes(
            H, pos, ax=ax,
            node_color=[KIND_COLORS.get(H.nodes[n].get("kind"), KIND_COLORS["Other"]) for n in H],
            node_size=[80 + 900 * strength[n] / top for n in H],
            edgecolors="white", linewidths=0.5,
        )
        named = [n for n in ranked if n in H][:labels]
        nx.draw_networkx_labels(H, pos, labels={n: H.nodes[n].get("label", str(n)) for n in named},
                                font_size=9, ax=ax)
    kinds = {H.nodes[n].get("kind", "Other") for n in H}
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=k)
               for k, c in KIND_COLORS.items() if k in kinds]
    handles += [Line2D([], [], color=c, label=s) for s, c in STANCE_COLORS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    shown = H.number_of_nodes()
    ax.set_title(f"newskg actor network ({shown} of {G.number_of_nodes()} nodes)", fontsize=11)
    fig.tight_layout()
    try:
        write_atomically(path, lambda out: fig.savefig(out, format=path.suffix.lower()[1:]),
                         instead="choose another --png")
    finally:
        plt.close(fig)
    return path
