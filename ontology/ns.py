"""The newskg vocabulary as an rdflib namespace that fails on a misspelt term.

>>> str(NKG.opposes)
'https://w3id.org/newskg/ontology#opposes'
>>> NKG.opossed
Traceback (most recent call last):
...
AttributeError: term 'opossed' not in namespace 'https://w3id.org/newskg/ontology#'

The terms here and in ``newskg.ttl`` are kept equal by a test.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

BASE = "https://w3id.org/newskg/"
ID = Namespace(BASE + "id/")


class NKG(DefinedNamespace):
    """Terms of the newskg ontology (``ontology/newskg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # Classes
    Actor: URIRef
    State: URIRef
    IntergovernmentalOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    Document: URIRef
    Resolution: URIRef
    Treaty: URIRef
    StatementDocument: URIRef
    Issue: URIRef
    Article: URIRef
    Statement: URIRef
    Stance: URIRef
    Support: URIRef
    Oppose: URIRef
    Neutral: URIRef

    # Top stance properties and their sub-properties
    supports: URIRef
    opposes: URIRef
    urges: URIRef
    callsFor: URIRef
    proposes: URIRef
    seeks: URIRef
    wants: URIRef
    welcomes: URIRef
    approves: URIRef
    agreesTo: URIRef
    hopesFor: URIRef
    endorses: URIRef
    rejects: URIRef
    criticizes: URIRef
    condemns: URIRef
    warnsAgainst: URIRef
    demandsRemovalOf: URIRef
    forbids: URIRef
    threatens: URIRef
    praises: URIRef
    recognizes: URIRef
    votesFor: URIRef
    cooperatesWith: URIRef
    aids: URIRef
    signs: URIRef
    accuses: URIRef
    votesAgainst: URIRef
    protests: URIRef
    defies: URIRef
    attacks: URIRef
    abandons: URIRef
    boycotts: URIRef

    # Actions
    action: URIRef
    adopts: URIRef
    imposes: URIRef
    bans: URIRef
    tests: URIRef
    deploys: URIRef
    vetoes: URIRef
    meetsWith: URIRef
    issues: URIRef
    sells: URIRef
    withdrawsFrom: URIRef
    suspends: URIRef
    actsOn: URIRef
    seversTiesWith: URIRef
    expels: URIRef
    recalls: URIRef
    abstains: URIRef
    sponsors: URIRef
    mediates: URIRef
    negotiatesWith: URIRef
    visits: URIRef
    hosts: URIRef
    arrests: URIRef
    investigates: URIRef
    restoresTiesWith: URIRef

    # Affiliations
    affiliation: URIRef
    envoyOf: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    allyOf: URIRef
    spokespersonOf: URIRef
    ministerOf: URIRef

    # Statement (provenance node) properties
    stance: URIRef
    polarity: URIRef
    relation: URIRef
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef
    negated: URIRef
    modality: URIRef
    assertedBy: URIRef
    target: URIRef
    pattern: URIRef
    subjectText: URIRef
    objectText: URIRef

    # Entity properties
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    kind: URIRef
    partOf: URIRef
    nameKey: URIRef
    # Topics, time and alignment analysis
    topic: URIRef
    eventDate: URIRef
    eventDatePrecision: URIRef
    Bloc: URIRef
    member: URIRef
