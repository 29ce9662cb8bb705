"""Safe SPARQL over a newskg store: bound values, no outside fetches, a time limit.

* Values are bound to variables as RDF terms (pyoxigraph ``substitutions``),
  never pasted into the query text.
* ``SERVICE``, ``LOAD`` and ``FROM``/``FROM NAMED``/``USING`` that name a
  graph outside the store are refused on every backend: both pyoxigraph and
  SPARQL servers would otherwise fetch remote or ``file:`` URLs.
* A query that runs past its time limit stops with :class:`QueryError`.

>>> try:
...     check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
... except QueryError as error:
...     print(error)
SERVICE is not allowed: newskg queries only its own store
>>> check('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" }')  # inside a string: fine
'query'
>>> check("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
'update'
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pyoxigraph as ox

from newskg.extract.errors import NewskgError
from newskg.graph.store import StoreError, open_read_only

__all__ = ["QueryError", "QueryResult", "check", "to_term", "to_python", "run_query", "run_update", "PREFIXES"]

ALLOWED_GRAPH_BASE = "https://w3id.org/newskg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nkg": "https://w3id.org/newskg/ontology#",
    "id": ALLOWED_GRAPH_BASE,
    "actor": ALLOWED_GRAPH_BASE + "actor/",
    "topic": ALLOWED_GRAPH_BASE + "topic/",
}
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                                "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + "double", XSD + "float"}


class QueryError(NewskgError):
    """A SPARQL query is malformed, not allowed, or ran out of time."""

    exit_code = 8


# -- the guard ------------------------------------------------------------------
_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\n\r]*)
    |(?P<var>[?$][\w\u00B7-\uFFFF]+)
    |(?P<name>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[\w\-:%\u00B7-\uFFFF]|\\.|\.(?=[\w\-:%\u00B7-\uFFFF]))*
             |[A-Za-z_][\w\-\u00B7-\uFFFF]*)
    |(?P<space>\s+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class _Tok:
    kind: str
    text: str


def _tokens(sparql: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "other", m.group())
        for m in _TOKEN.finditer(sparql)
        if m.lastgroup not in ("space", "comment")
    ]


def where_brace(sparql: str) -> int:
    """The offset just after the ``{`` that opens the outermost WHERE group (``-1`` when there is none).

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_brace(q):]
    ' ?s ?p ?o }'
    """
    depth, after_where, form = 0, False, None
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "name" and ":" not in text:
            word = text.upper()
            if depth == 0 and word == "WHERE":
                after_where = True
            if form is None and word in _QUERY_FORMS:
                form = word
        elif kind == "other" and text == "{":
            if depth == 0 and (after_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return m.end()
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
    return -1


def inline_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind values for a server that has no other way to take them: a ``VALUES`` block opening the WHERE group.

    The terms are written by pyoxigraph's N-Triples serializer, so quotes,
    backslashes, braces and newlines in a value stay inside its literal.

    >>> print(inline_values("SELECT ?n WHERE { ?a rdfs:label ?n }", {"n": 'x" } DROP ALL {'}))
    SELECT ?n WHERE { VALUES (?n) { ("x\\" } DROP ALL {") } ?a rdfs:label ?n }
    """
    if not bindings:
        return sparql
    at = where_brace(sparql)
    if at < 0:
        raise QueryError("cannot bind values: the query has no WHERE group")
    names = [ox.Variable(name.lstrip("?$")) for name in bindings]
    row = " ".join(str(to_term(value)) for value in bindings.values())
    block = f" VALUES ({' '.join(str(n) for n in names)}) {{ ({row}) }}"
    return sparql[:at] + block + sparql[at:]


def _resolve(tok: _Tok, base: str, prefixes: Mapping[str, str]) -> str | None:
    if tok.kind == "iri":
        return urljoin(base, tok.text[1:-1]) if base else tok.text[1:-1]
    if tok.kind == "name" and ":" in tok.text:
        prefix, local = tok.text.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


def check(sparql: str, *, extra_prefixes: Mapping[str, str] | None = None) -> str:
    """Refuse what could make the store fetch from elsewhere; return ``'query'`` or ``'update'``.

    Strings, IRIs and comments are skipped, so a value that merely mentions
    ``SERVICE`` is fine. ``FROM``/``FROM NAMED``/``USING`` may only name
    graphs of the store (IRIs under ``https://w3id.org/newskg/id/``).
    """
    prefixes = dict(PREFIXES)
    prefixes.update(extra_prefixes or {})
    base = ""
    tokens = _tokens(sparql)
    form = None
    for index, tok in enumerate(tokens):
        word = tok.text.upper() if tok.kind == "name" and ":" not in tok.text else None
        if word == "PREFIX" and index + 2 < len(tokens):
            name, iri = tokens[index + 1], tokens[index + 2]
            if name.kind == "name" and iri.kind == "iri":
                prefixes[name.text[:-1]] = _resolve(iri, base, {}) or ""
        elif word == "BASE" and index + 1 < len(tokens) and tokens[index + 1].kind == "iri":
            base = _resolve(tokens[index + 1], base, {}) or ""
        if word is None:
            continue
        if form is None and (word in _QUERY_FORMS or word in _UPDATE_FORMS):
            form = "query" if word in _QUERY_FORMS else "update"
        if word in ("SERVICE", "LOAD"):
            raise QueryError(f"{word} is not allowed: newskg queries only its own store")
        if word in ("FROM", "USING"):
            target = tokens[index + 1] if index + 1 < len(tokens) else None
            if target is not None and target.kind == "name" and target.text.upper() == "NAMED":
                target = tokens[index + 2] if index + 2 < len(tokens) else None
            iri = _resolve(target, base, prefixes) if target is not None else None
            if iri is None or not iri.startswith(ALLOWED_GRAPH_BASE):
                shown = target.text if target is not None else "nothing"
                raise QueryError(
                    f"{word} {shown} is not allowed: newskg queries only its own store "
                    f"(graphs under <{ALLOWED_GRAPH_BASE}>)"
                )
    return form or "query"


# -- values ---------------------------------------------------------------------
def to_term(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple:
    """An RDF term for a Python value: ``str`` is a plain literal, never an IRI.

    >>> to_term('a "quoted" } name')
    <Literal value=a "quoted" } name datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term(ox.NamedNode("https://w3id.org/newskg/id/actor/china"))
    <NamedNode value=https://w3id.org/newskg/id/actor/china>
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.Triple)):
        return value
    try:
        from rdflib.term import Literal as RLiteral, URIRef
    except ImportError:  # pragma: no cover - rdflib is a dependency
        RLiteral = URIRef = ()  # type: ignore[assignment]
    if URIRef and isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if RLiteral and isinstance(value, RLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, (bool, int, float, str)):
        return ox.Literal(value)
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    raise TypeError(f"cannot bind a {type(value).__name__}; bind str, int, float, bool or an RDF term")


def to_python(term: Any) -> Any:
    """A plain Python value for a result term: IRIs as ``str``, numbers as numbers.

    >>> to_python(ox.Literal(3)), to_python(ox.NamedNode("http://example.org/a")), to_python(None)
    (3, 'http://example.org/a', None)
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS or datatype == XSD + "decimal":
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        data = {"type": "literal", "value": term.value}
        if term.language:
            data["xml:lang"] = term.language
        else:
            data["datatype"] = term.datatype.value
        return data
    raise TypeError(f"cannot pass {term!r} to a query worker")


def _json_term(data: Mapping[str, str]) -> Any:
    if data["type"] == "uri":
        return ox.NamedNode(data["value"])
    if data["type"] == "bnode":
        return ox.BlankNode(data["value"])
    if "xml:lang" in data:
        return ox.Literal(data["value"], language=data["xml:lang"])
    return ox.Literal(data["value"], datatype=ox.NamedNode(data.get("datatype", XSD + "string")))


# -- results --------------------------------------------------------------------
@dataclass
class QueryResult:
    """The answer of a query: ``rows`` (dicts of Python values) and ``variables`` for SELECT,
    ``boolean`` for ASK, ``triples`` (pyoxigraph Triples) for CONSTRUCT/DESCRIBE.

    ``terms`` keeps the rows as RDF terms, for callers that need datatypes.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def from_oxigraph(cls, answer: Any, deadline_check=None) -> "QueryResult":
        if isinstance(answer, ox.QueryBoolean) or isinstance(answer, bool):
            return cls(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples = []
            for triple in answer:
                triples.append(triple)
                if deadline_check is not None:
                    deadline_check()
            return cls(triples=triples)
        names = [v.value for v in answer.variables]
        result = cls(variables=names)
        for solution in answer:
            terms = {name: solution[name] for name in names}
            result.terms.append(terms)
            result.rows.append({name: to_python(term) for name, term in terms.items()})
            if deadline_check is not None:
                deadline_check()
        return result

    @classmethod
    def from_json(cls, data: bytes) -> "QueryResult":
        """From SPARQL 1.1 Query Results JSON."""
        parsed = json.loads(data)
        if "boolean" in parsed:
            return cls(boolean=bool(parsed["boolean"]))
        names = list(parsed.get("head", {}).get("vars", []))
        result = cls(variables=names)
        for binding in parsed.get("results", {}).get("bindings", []):
            terms = {name: (_json_term(binding[name]) if name in binding else None) for name in names}
            result.terms.append(terms)
            result.rows.append({name: to_python(term) for name, term in terms.items()})
        return result


# -- running --------------------------------------------------------------------
def _syntax_error(error: BaseException) -> QueryError:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    match = re.match(r"error at (\d+):(\d+): (.*)", text)
    if match:
        line, column, rest = match.groups()
        return QueryError(f"malformed SPARQL at line {line}, column {column}: {rest}; fix the query and try again")
    return QueryError(f"malformed SPARQL: {text}; fix the query and try again")


def _timeout_error(seconds: float) -> QueryError:
    return QueryError(f"query timed out after {seconds:g} s; narrow it or raise --timeout")


def _substitutions(bindings: Mapping[str, Any] | None) -> dict[ox.Variable, Any]:
    return {ox.Variable(name.lstrip("?$")): to_term(value) for name, value in (bindings or {}).items()}


class _Deadline(Exception):
    """Raised between solutions once a query is past its time limit."""


def _evaluate(store: ox.Store, sparql: str, substitutions: dict, deadline_check=None) -> QueryResult:
    try:
        answer = store.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None,
                             use_default_graph_as_union=True)
        return QueryResult.from_oxigraph(answer, deadline_check)
    except _Deadline:
        raise _Deadline from None
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except RuntimeError as error:
        text = str(error)
        if "does not contains variable" in text or "does not contain variable" in text:
            raise QueryError(
                f"{text}; a bound variable must be in the SELECT projection (or use SELECT *)"
            ) from None
        raise QueryError(f"the query failed: {text}") from None
    except OSError as error:
        raise QueryError(f"the query could not read the store: {error}") from None


def run_query(store: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              timeout: float | None = None) -> QueryResult:
    """Run a read-only query on a :class:`~newskg.graph.store.Store` (embedded)."""
    if check(sparql) == "update":
        raise QueryError("this is a SPARQL update; `newskg query` only reads unless you pass --update")
    substitutions = _substitutions(bindings)
    oxi = store._require()
    if timeout is None:
        return _evaluate(oxi, sparql, substitutions)
    if store.read_only and isinstance(store.location, Path):
        return _run_in_subprocess(store.location, sparql, bindings=substitutions, timeout=timeout)
    return _run_in_thread(oxi, sparql, substitutions, timeout)


def run_update(store: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> None:
    """Run a SPARQL update on an embedded store (after the same checks as queries)."""
    check(sparql)
    oxi = store._require(write=True)
    if bindings:
        raise QueryError("values cannot be bound in updates; write them as a SELECT first")
    try:
        oxi.update(sparql, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except OSError as error:
        raise store._write_error(error) from None


def _run_in_thread(oxi: ox.Store, sparql: str, substitutions: dict, timeout: float) -> QueryResult:
    """Evaluate in a worker thread (pyoxigraph releases the GIL) and give up at the deadline.

    The rows are gathered with a deadline check between solutions, so a
    streaming query stops soon after the deadline; a blocking one (ORDER
    BY, GROUP BY) is abandoned and finishes in the background.
    """
    import time

    deadline = time.monotonic() + timeout
    outcome: dict[str, Any] = {}
    stop = threading.Event()

    def deadline_check() -> None:
        if stop.is_set() or time.monotonic() > deadline:
            raise _Deadline

    def work() -> None:
        try:
            outcome["result"] = _evaluate(oxi, sparql, substitutions, deadline_check)
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            # frames in tracebacks hold query iterators, which must be freed in this thread
            outcome["error"] = type(error)(*error.args)

    worker = threading.Thread(target=work, name="newskg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        raise _timeout_error(timeout)
    error = outcome.get("error")
    if isinstance(error, _Deadline):
        raise _timeout_error(timeout)
    if error is not None:
        raise error
    return outcome["result"]


def _run_in_subprocess(location: Path, sparql: str, *, bindings: dict, timeout: float) -> QueryResult:
    """Evaluate in a child process over a read-only view of the store, killed at the deadline."""
    request = {
        "location": str(location),
        "sparql": sparql,
        "bindings": {var.value: _term_json(term) for var, term in bindings.items()},
    }
    env = dict(os.environ)
    child = subprocess.Popen(
        [sys.executable, "-m", "newskg.graph.query"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        out, err = child.communicate(json.dumps(request).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise _timeout_error(timeout) from None
    if child.returncode != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()
        raise QueryError(message[-1] if message else f"the query process failed (exit {child.returncode})")
    kind, _, payload = out.partition(b"\n")
    if kind == b"triples":
        return QueryResult(triples=[q.triple for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)])
    return QueryResult.from_json(payload)


def _worker_main() -> int:
    """The child side of :func:`_run_in_subprocess`: reads a JSON request on stdin."""
    request = json.loads(sys.stdin.buffer.read())
    try:
        store, _snapshot = open_read_only(Path(request["location"]))  # a snapshot goes when this process ends
        substitutions = {ox.Variable(k): _json_term(v) for k, v in request["bindings"].items()}
        try:
            answer = store.query(request["sparql"], prefixes=PREFIXES, substitutions=substitutions or None,
                                 use_default_graph_as_union=True)
        except SyntaxError as error:
            raise _syntax_error(error) from None
        except RuntimeError as error:
            _evaluate(store, request["sparql"], substitutions)  # raises the worded QueryError
            raise QueryError(str(error)) from None
        if isinstance(answer, ox.QueryTriples):
            sys.stdout.buffer.write(b"triples\n" + answer.serialize(format=ox.RdfFormat.N_TRIPLES))
        else:
            sys.stdout.buffer.write(b"results\n" + answer.serialize(format=ox.QueryResultsFormat.JSON))
    except (QueryError, StoreError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"the query could not read the store: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover - run as the query worker
    sys.exit(_worker_main())
