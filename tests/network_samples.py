"""Hand-made RDF datasets following ``ontology/README.md``, for the network and view tests.

``sample_dataset()`` resembles what the two example articles yield: two named
graphs, each with its article, its entities and its statement nodes.
``add_statement`` writes one statement the way the model describes it.
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from newskg.ontology.ns import ID, NKG

ENTITIES = {
    "actor/china": (NKG.State, "China"),
    "actor/russia": (NKG.State, "Russia"),
    "actor/united-states": (NKG.State, "United States"),
    "actor/north-korea": (NKG.State, "North Korea"),
    "actor/south-korea": (NKG.State, "South Korea"),
    "actor/japan": (NKG.State, "Japan"),
    "actor/un-security-council": (NKG.IntergovernmentalOrganization, "UN Security Council"),
    "actor/liu-jieyi": (NKG.Person, "Liu Jieyi"),
    "actor/vasily-nebenzya": (NKG.Person, "Vasily Nebenzya"),
    "actor/donald-trump": (NKG.Person, "Donald Trump"),
    "document/resolution-2371": (NKG.Resolution, "Resolution 2371"),
    "document/joint-statement": (NKG.StatementDocument, "joint statement"),
    "topic/sanction": (NKG.Issue, "sanctions"),
    "topic/nuclear-ballistic-missile-program": (NKG.Issue, "nuclear and ballistic missile programs"),
    "topic/thaad": (NKG.Issue, "THAAD"),
    "topic/diplomacy": (NKG.Issue, "diplomacy"),
    "topic/double-freeze": (NKG.Issue, "double-freeze"),
    "topic/war": (NKG.Issue, "war on the Korean peninsula"),
}

STANCE_IRI = {"support": NKG.Support, "oppose": NKG.Oppose, "neutral": NKG.Neutral}

ARTICLES = {
    "a1": ("Why China and Russia Agreed to Tough New Sanctions on North Korea", "2017-08-07",
           "examples/articles/000_a2ed5babcf17c71c.txt"),
    "a2": ("Russia and China Versus the West on North Korea", "2017-09-05",
           "examples/articles/002_1dcb7e5e9c1bc258.txt"),
}

# (article, subject, predicate, object, polarity, sentence)
STATEMENTS = [
    ("a1", "actor/un-security-council", "imposes", "topic/sanction", "neutral",
     "On Saturday, Security Council members imposed sanctions on North Korea for the seventh time."),
    ("a1", "actor/un-security-council", "adopts", "document/resolution-2371", "neutral",
     "According to Liu, unanimously passed SC Res. 2371 has three components."),
    ("a1", "actor/china", "opposes", "topic/nuclear-ballistic-missile-program", "oppose",
     "Beijing and Russia oppose its nuclear and ballistic missile programs."),
    ("a1", "actor/russia", "opposes", "topic/nuclear-ballistic-missile-program", "oppose",
     "Beijing and Russia oppose its nuclear and ballistic missile programs."),
    ("a1", "actor/china", "supports", "topic/sanction", "support",
     "China's UN envoy Liu Jieyi explained new sanctions aim to prevent chaos, why his government supported them."),
    ("a1", "actor/china", "demandsRemovalOf", "topic/thaad", "oppose",
     "They want provocative US THAAD missile systems in South Korea withdrawn."),
    ("a1", "actor/russia", "demandsRemovalOf", "topic/thaad", "oppose",
     "They want provocative US THAAD missile systems in South Korea withdrawn."),
    ("a1", "actor/china", "issues", "document/joint-statement", "neutral",
     "China and Russia issued a joint statement."),
    ("a1", "actor/russia", "issues", "document/joint-statement", "neutral",
     "China and Russia issued a joint statement."),
    ("a1", "actor/liu-jieyi", "envoyOf", "actor/china", "neutral",
     "China's UN envoy Liu Jieyi explained new sanctions aim to prevent chaos and conflict."),
    ("a1", "actor/vasily-nebenzya", "envoyOf", "actor/russia", "neutral",
     "Russia's UN envoy Vasily Nebenzya said the following."),
    ("a2", "actor/russia", "urges", "topic/diplomacy", "support",
     "Russia and China urge diplomacy to resolve a deepening crisis."),
    ("a2", "actor/china", "urges", "topic/diplomacy", "support",
     "Russia and China urge diplomacy to resolve a deepening crisis."),
    ("a2", "actor/russia", "opposes", "topic/sanction", "oppose",
     "They oppose counterproductive tougher sanctions, threats and saber rattling."),
    ("a2", "actor/china", "opposes", "topic/sanction", "oppose",
     "They oppose counterproductive tougher sanctions, threats and saber rattling."),
    ("a2", "actor/china", "proposes", "topic/double-freeze", "support", "They sensibly proposed a double-freeze."),
    ("a2", "actor/china", "forbids", "topic/war", "oppose",
     "China's UN envoy Liu Jieyi said his government won't allow war and chaos on the Korean peninsula."),
    ("a2", "actor/vasily-nebenzya", "criticizes", "actor/north-korea", "oppose",
     "He criticized North Korea for undermining regional non-proliferation."),
    ("a2", "actor/united-states", "callsFor", "topic/sanction", "support",
     "Washington, Britain, France and Japan called for tougher sanctions in lieu of responsible diplomacy."),
    ("a2", "actor/japan", "callsFor", "topic/sanction", "support",
     "Washington, Britain, France and Japan called for tougher sanctions in lieu of responsible diplomacy."),
    ("a2", "actor/china", "demandsRemovalOf", "topic/thaad", "oppose",
     "China and Russia demand removal of existing ones from South Korean territory."),
    ("a2", "actor/russia", "demandsRemovalOf", "topic/thaad", "oppose",
     "China and Russia demand removal of existing ones from South Korean territory."),
    ("a2", "actor/donald-trump", "sells", "actor/south-korea", "neutral",
     "Trump approved the sale of billions of dollars of weapons and munitions to South Korea."),
]


def add_article(ds: Dataset, key: str, title: str, date: str | None, source: str):
    """Add an article node to its own named graph and return the graph."""
    graph = ds.graph(ID[f"graph/{key}"])
    article = ID[f"article/{key}"]
    graph.add((article, RDF.type, NKG.Article))
    graph.add((article, DCTERMS.title, Literal(title)))
    if date:
        graph.add((article, DCTERMS.date, Literal(date, datatype=XSD.date)))
    graph.add((article, DCTERMS.source, Literal(source)))
    graph.add((article, DCTERMS.identifier, Literal(key)))
    return graph


def add_entity(graph, iri: URIRef, cls: URIRef, label: str) -> None:
    graph.add((iri, RDF.type, cls))
    graph.add((iri, RDFS.label, Literal(label)))


def add_statement(graph, article_key: str, subject: URIRef, predicate: URIRef, obj: URIRef, *,
                  polarity: str, sentence: str, negated: bool = False, date: str | None = None) -> URIRef:
    """Assert a triple and describe it with a statement node, as ``ontology/README.md`` shows."""
    digest = hashlib.sha1(f"{article_key}|{subject}|{predicate}|{obj}|{sentence}".encode()).hexdigest()[:16]
    st = ID[f"statement/{digest}"]
    if not negated:
        graph.add((subject, predicate, obj))
    for p, o in [
        (RDF.type, NKG.Statement), (RDF.type, RDF.Statement),
        (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
        (NKG.stance, STANCE_IRI.get(polarity, NKG.Neutral)), (NKG.polarity, Literal(polarity)),
        (NKG.evidence, Literal(sentence)), (NKG.negated, Literal(negated)),
        (NKG.confidence, Literal(0.9)), (PROV.wasDerivedFrom, ID[f"article/{article_key}"]),
    ]:
        graph.add((st, p, o))
    if date:
        graph.add((st, DCTERMS.date, Literal(date, datatype=XSD.date)))
    return st


def sample_dataset() -> Dataset:
    """Two articles about sanctions and THAAD, 18 entities, 23 statements."""
    ds = Dataset()
    graphs = {}
    for key, (title, date, source) in ARTICLES.items():
        graphs[key] = add_article(ds, key, title, date, source)
    for key, subject, predicate, obj, polarity, sentence in STATEMENTS:
        graph = graphs[key]
        for end in (subject, obj):
            cls, label = ENTITIES[end]
            add_entity(graph, ID[end], cls, label)
        add_statement(graph, key, ID[subject], NKG[predicate], ID[obj], polarity=polarity, sentence=sentence,
                      date=ARTICLES[key][1])
    return ds


# (article, subject, predicate, object, polarity, sentence): an envoy who speaks for China in a1 only.
ENVOY_STATEMENTS = [
    ("a1", "actor/liu-jieyi", "envoyOf", "actor/china", "neutral",
     "China's UN envoy Liu Jieyi explained new sanctions aim to prevent chaos and conflict."),
    ("a1", "actor/liu-jieyi", "opposes", "topic/thaad", "oppose",
     "China's UN envoy Liu Jieyi said Beijing opposes the THAAD deployment."),
    ("a1", "actor/china", "opposes", "topic/thaad", "oppose", "China opposes THAAD."),
    ("a1", "actor/liu-jieyi", "meetsWith", "actor/vasily-nebenzya", "neutral",
     "Liu Jieyi met Vasily Nebenzya."),
    ("a2", "actor/liu-jieyi", "supports", "topic/diplomacy", "support", "Liu Jieyi backed diplomacy."),
]


def envoy_dataset() -> Dataset:
    """Two articles: in a1 Liu Jieyi is China's envoy and opposes THAAD; in a2 no office is stated."""
    ds = Dataset()
    graphs = {key: add_article(ds, key, *ARTICLES[key]) for key in ARTICLES}
    for key, subject, predicate, obj, polarity, sentence in ENVOY_STATEMENTS:
        for end in (subject, obj):
            add_entity(graphs[key], ID[end], *ENTITIES[end])
        add_statement(graphs[key], key, ID[subject], NKG[predicate], ID[obj], polarity=polarity, sentence=sentence,
                      date=ARTICLES[key][1])
    return ds


def dataset_to_oxigraph(ds: Dataset):
    """The same quads in an in-memory ``pyoxigraph.Store``."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(ds.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store
