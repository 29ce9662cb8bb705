"""Check RDF data against the newskg SHACL shapes and print a short, readable report.

The ontology (``newskg.ttl``) is mixed into the data before the check, so that a
shape targeting ``nkg:Actor`` also covers states, organisations and persons,
and (with ``inference="rdfs"``) nodes typed only through a property's domain.

>>> from rdflib import Graph, Literal, RDF, RDFS
>>> from newskg.ontology.ns import ID, NKG
>>> g = Graph()
>>> _ = g.add((ID["actor/china"], RDF.type, NKG.State))
>>> validate(g).conforms
False
>>> print(validate(g).text)
1 problem:
  id:actor/china rdfs:label: an actor, issue or document needs at least one non-empty label (rdfs:label)
>>> _ = g.add((ID["actor/china"], RDFS.label, Literal("China")))
>>> validate(g).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import BNode, Literal, Node

from newskg.ontology.ns import ID, NKG
from newskg.ontology.resources import ontology_path, shapes_path

__all__ = ["ValidationResult", "ValidationReport", "validate", "to_graph", "short"]

INFERENCE = ("rdfs", "none")
_PREFIXES = (
    ("nkg", str(NKG._NS)),
    ("id", str(ID)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("prov", str(PROV)),
    ("dcterms", str(DCTERMS)),
    ("skos", str(SKOS)),
    ("xsd", str(XSD)),
    ("schema", "https://schema.org/"),
)


def short(node: Node | None) -> str:
    """A node as a reader would write it: ``id:actor/china``, ``nkg:evidence``, ``"text"``.

    >>> short(URIRef("https://w3id.org/newskg/id/statement/ab12")), short(Literal(3))
    ('id:statement/ab12', '3')
    """
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in _PREFIXES:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    value = str(node)
    if isinstance(node, Literal) and node.datatype in (None, XSD.string):
        clipped = value if len(value) <= 60 else value[:57] + "..."
        return f'"{clipped}"'
    return value


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One failed constraint: the node, the property path and what is wrong."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.focus} {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the problems found."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def text(self) -> str:
        """A short report: one line per problem, or a line saying that the data conforms."""
        if self.conforms:
            return "conforms: no problem found"
        count = len(self.results)
        lines = [f"{count} problem{'s' if count != 1 else ''}:"]
        lines.extend(f"  {result}" for result in self.results)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return self.conforms


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def to_graph(data: Graph) -> Graph:
    """The union of all graphs of a dataset as one plain graph (a plain graph is returned as is)."""
    if not getattr(data, "context_aware", False):
        return data
    union = Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=False)
    for subject, predicate, obj, _ in data.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def _results(report: Graph) -> list[ValidationResult]:
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage) or "does not match its shape"
        results.append(
            ValidationResult(
                focus=short(focus),
                path=short(path) if path is not None else "-",
                message=str(message),
                value="" if value is None or value == focus else short(value),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            )
        )
    return sorted(set(results))


def validate(data: Graph, *, inference: str = "rdfs") -> ValidationReport:
    """Validate a graph or a dataset (all named graphs together) against the newskg shapes.

    ``inference`` is ``"rdfs"`` (type nodes through the ontology's subclasses,
    domains and ranges first) or ``"none"`` (faster on large stores; shapes
    still follow ``rdfs:subClassOf`` to their targets).
    """
    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {', '.join(INFERENCE)}, not {inference!r}")
    from pyshacl import validate as shacl_validate

    conforms, report, _ = shacl_validate(
        to_graph(data),
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference=inference,
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
        inplace=False,
    )
    results = _results(report)
    return ValidationReport(conforms=bool(conforms), results=results)

