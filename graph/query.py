"""Safe SPARQL over a newskg store: bound values, no outside fetches, bounded texts, a time limit.

* Values are bound to variables as RDF terms (pyoxigraph ``substitutions``),
  never pasted into the query text.
* :func:`check` runs before any engine sees a text (embedded and remote
  stores, ``newskg query`` with or without ``--update``, ``newskg serve``).
  In order:

  1. caps, before any parser: at most :data:`MAX_QUERY_CHARS` characters and
     ``{``/``(``/``[`` nested at most :data:`MAX_NESTING` deep (strings, IRIs
     and comments aside), since a query nested 20,000 deep crashes pyoxigraph;
  2. a cheap word check, on the text with its ``\\u``/``\\U`` escapes expanded
     as SPARQL does before parsing: any name *starting with* ``SERVICE`` or
     ``LOAD`` (``SERVICESILENT<x>``, ``LOADex:x``, which engines read as the
     keyword glued to what follows), and ``FROM``/``USING``, glued or not,
     naming a graph outside the store;
  3. the real check, on rdflib's parse tree: any ``SERVICE`` (anywhere:
     OPTIONAL, MINUS, FILTER EXISTS, UNION, GRAPH, subqueries, update WHERE
     clauses), any ``LOAD``, and ``FROM``/``FROM NAMED``/``USING``/``USING
     NAMED`` whose IRI, resolved against ``PREFIX``, ``BASE`` and newskg's
     prefixes, is not under :data:`ALLOWED_GRAPH_BASE`, in every operation of
     a ``;``-separated update. A text rdflib cannot parse is refused.

  A text with escapes is checked twice, also as pyoxigraph reads it (escapes
  only inside strings and IRIs). Both pyoxigraph and SPARQL servers would
  otherwise fetch remote or ``file:`` URLs. ``tests/canary.py`` holds the
  spellings, each proven to reach nothing on a loopback listener.
* A query that runs past its time limit stops with :class:`QueryError`; a
  query worker killed by a signal is a one-line :class:`QueryError` too.

>>> try:
...     check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
... except QueryError as error:
...     print(error)
SERVICE is not allowed: newskg queries only its own store
>>> check('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" }')  # inside a string: fine
'query'
>>> check("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
'update'
>>> try:
...     check("SELECT * WHERE { SERVICESILENT<http://example.org/sparql> { ?s ?p ?o } }")
... except QueryError as error:
...     print(error)
SERVICE is not allowed: newskg queries only its own store
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urljoin

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import QueryUnit, UpdateUnit
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Literal as RLiteral
from rdflib.term import URIRef

from newskg.extract.errors import NewskgError

__all__ = ["QueryError", "QueryResult", "check", "inline_values", "to_term", "to_python", "PREFIXES",
           "MAX_QUERY_CHARS", "MAX_NESTING"]

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
MAX_QUERY_CHARS = 1_000_000
"""The longest query text :func:`check` lets through, in characters."""
MAX_NESTING = 64
"""The deepest nesting of ``{``, ``(`` and ``[`` :func:`check` lets through (strings, IRIs and comments aside)."""
_PARSE_RECURSION_LIMIT = 10_000  # rdflib's grammar takes about 45 frames a level of parentheses
_PARSE_STACK_BYTES = 64 * 1024 * 1024  # the parser thread's stack: room for that many frames
_PARSE_LOCK = threading.Lock()
_CHECK_CACHE_SIZE = 512  # texts whose answer is remembered (the saved queries, the store's own)
_CACHED_CHARS = 20_000  # only texts up to this long are remembered
_SHOWN_CHARS = 80
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PLACEHOLDER = "\ufffd"  # stands for an escape where pyoxigraph reads escapes one token at a time
_PN_ESCAPE = re.compile(r"\\(.)")


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
    |(?P<dotted>[A-Za-z\u00C0-\uFFFF][\w\-\u00B7-\uFFFF]*+\.[\w\-.\u00B7-\uFFFF]*+(?!:))
    |(?P<name>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[\w\-:%\u00B7-\uFFFF]|\\.|\.(?=[\w\-:%\u00B7-\uFFFF]))*
             |[A-Za-z_][\w\-\u00B7-\uFFFF]*)
    |(?P<space>\s+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_DOTTED_PART = re.compile(r"[^.]+|\.")
_NAME_START = re.compile(r"[A-Za-z_\u00C0-\uFFFF]")


@dataclass
class _Tok:
    kind: str
    text: str


def _tokens(sparql: str) -> list[_Tok]:
    """The tokens of ``sparql`` but spaces and comments.

    Words joined by dots and followed by no colon (``a.b.SERVICE``) are
    matched as one run and split here: matching them word by word would
    take time growing with the square of the run.
    """
    tokens = []
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if kind == "dotted":
            tokens.extend(_Tok("name" if _NAME_START.match(part) else "other", part)
                          for part in _DOTTED_PART.findall(m.group()))
        else:
            tokens.append(_Tok(kind, m.group()))
    return tokens


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


def _resolve_iri(reference: str, base: str) -> str:
    """``reference`` resolved against ``base`` (RFC 3986), or as it is when there is no base."""
    return urljoin(base, reference) if base else reference


def _resolve(tok: _Tok, base: str, prefixes: Mapping[str, str]) -> str | None:
    if tok.kind == "iri":
        return _resolve_iri(tok.text[1:-1], base)
    if tok.kind == "name" and ":" in tok.text:
        prefix, local = tok.text.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + _PN_ESCAPE.sub(r"\1", local)
    return None


def _in_store(iri: str | None) -> bool:
    """Whether ``iri`` names a graph of the store: under :data:`ALLOWED_GRAPH_BASE`, with no dot segment.

    >>> _in_store("https://w3id.org/newskg/id/graph/a"), _in_store("https://w3id.org/newskg/id/../x")
    (True, False)
    """
    if iri is None or not iri.startswith(ALLOWED_GRAPH_BASE) or _PLACEHOLDER in iri:
        return False
    path = re.split(r"[?#]", iri[len(ALLOWED_GRAPH_BASE):], maxsplit=1)[0]
    return not any(unquote(segment) in (".", "..") for segment in path.split("/"))


def _refuse_graph(word: str, shown: str) -> QueryError:
    return QueryError(
        f"{word} {shown} is not allowed: newskg queries only its own store (graphs under <{ALLOWED_GRAPH_BASE}>)"
    )


def _refuse_fetch(word: str) -> QueryError:
    return QueryError(f"{word} is not allowed: newskg queries only its own store")


# -- the guard, step 1: caps and escapes ---------------------------------------------
def _check_size(sparql: str) -> None:
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(sparql):,} characters, over the limit of {MAX_QUERY_CHARS:,}; "
            "shorten it or split it into several queries"
        )


def _check_nesting(sparql: str) -> None:
    """Refuse ``{``, ``(`` and ``[`` nested deeper than :data:`MAX_NESTING` (strings, IRIs, comments skipped)."""
    if sum(sparql.count(opening) for opening in "{([") <= MAX_NESTING:
        return  # too few brackets to nest that deep
    depth = 0
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup != "other":
            continue
        text = m.group()
        if text in "{([":
            depth += 1
            if depth > MAX_NESTING:
                raise QueryError(
                    f"the query nests brackets more than {MAX_NESTING} deep; flatten it (fewer nested groups, "
                    "parentheses or blank-node brackets) and try again"
                )
        elif text in "})]" and depth:
            depth -= 1


def _expand_escapes(sparql: str) -> str:
    r"""The text with ``\uXXXX`` and ``\UXXXXXXXX`` replaced by their characters, as SPARQL reads it before parsing.

    >>> _expand_escapes(r"SERVIC\u0045 <x>")
    'SERVICE <x>'
    """

    def expand(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"malformed SPARQL: {m.group()} is not a character; fix the query and try again")
        return chr(code)

    return _ESCAPE.sub(expand, sparql)


# -- the guard, step 2: the words -----------------------------------------------------
def _glued_targets(tok: _Tok, keyword: str, following: list[_Tok]) -> list[_Tok | None] | None:
    """What a ``FROM``/``USING`` token names, also when the keyword is glued to it (``FROMNAMED<x>``, ``FROMex:g``).

    ``None`` when ``tok`` does not start with ``keyword``; a list of every
    reading otherwise (``None`` in it: the keyword names nothing usable).
    """
    if not tok.text.upper().startswith(keyword):
        return None
    next_tok = following[0] if following else None
    after_named = following[1] if len(following) > 1 else None
    rest = tok.text[len(keyword):]
    readings: list[_Tok | None] = []
    for glued in (rest, rest[5:] if rest.upper().startswith("NAMED") else None):
        if glued is None:
            continue
        if glued == "":
            if next_tok is not None and next_tok.kind == "name" and next_tok.text.upper() == "NAMED":
                readings.append(after_named)
            else:
                readings.append(next_tok)
        elif ":" in glued:
            readings.append(_Tok("name", glued))
    return readings


def _check_words(sparql: str, prefixes: Mapping[str, str]) -> str | None:
    """The first, cheap refusal on the words of the query; returns ``'query'``, ``'update'`` or ``None``.

    Strings, IRIs and comments are skipped. A name that merely *starts with*
    ``SERVICE`` or ``LOAD`` is refused, since engines read ``SERVICESILENT<x>``
    and ``LOADex:x`` as the keyword glued to what follows.
    """
    prefixes = dict(prefixes)
    base = ""
    tokens = _tokens(sparql)
    form = None
    for index, tok in enumerate(tokens):
        if tok.kind != "name":
            continue
        bare = ":" not in tok.text
        upper = tok.text.upper()
        if bare and upper == "PREFIX" and index + 2 < len(tokens):
            name, iri = tokens[index + 1], tokens[index + 2]
            if name.kind == "name" and name.text.endswith(":") and iri.kind == "iri":
                prefixes[name.text[:-1]] = _resolve(iri, base, {}) or ""
        elif bare and upper == "BASE" and index + 1 < len(tokens) and tokens[index + 1].kind == "iri":
            base = _resolve(tokens[index + 1], base, {}) or ""
        if form is None and bare and (upper in _QUERY_FORMS or upper in _UPDATE_FORMS):
            form = "query" if upper in _QUERY_FORMS else "update"
        for word in ("SERVICE", "LOAD"):
            if upper.startswith(word):
                raise _refuse_fetch(word)
        for word in ("FROM", "USING"):
            readings = _glued_targets(tok, word, tokens[index + 1:index + 3])
            if readings is None or (not bare and not readings):
                continue
            if not bare and all(_resolve(r, base, prefixes) is None for r in readings if r is not None):
                continue  # a prefixed name such as fromage:x, with no known prefix after the keyword
            for target in readings or [None]:
                if not _in_store(_resolve(target, base, prefixes) if target is not None else None):
                    raise _refuse_graph(word, target.text if target is not None else "nothing")
    return form


# -- the guard, step 3: the parsed query ------------------------------------------------
def _parse(sparql: str, grammar: Any) -> Any:
    """Parse with rdflib's SPARQL grammar, in a thread with room for :data:`MAX_NESTING` levels.

    The grammar is used directly rather than through ``parseQuery``, which
    would expand ``\\u`` escapes a second time.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["tree"] = grammar.parse_string(sparql, parse_all=True)
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome["error"] = error

    with _PARSE_LOCK:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _PARSE_RECURSION_LIMIT))
        try:
            previous_stack = threading.stack_size(_PARSE_STACK_BYTES)
            try:
                worker = threading.Thread(target=work, name="newskg-sparql-parse", daemon=True)
                worker.start()
            finally:
                threading.stack_size(previous_stack)
            worker.join()
        finally:
            sys.setrecursionlimit(limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["tree"]


def _parse_error(error: ParseBaseException) -> QueryError:
    found = re.search(r"found (.*?)\s*(?:\(at char|$)", str(error))
    what = f"unexpected {found.group(1)}" if found else "not SPARQL 1.1"
    what = " ".join(what.split())[:_SHOWN_CHARS]
    return QueryError(
        f"malformed SPARQL at line {error.lineno}, column {error.col}: {what}; fix the query and try again"
    )


def _parsed(sparql: str, prefer: str | None) -> tuple[str, Any]:
    """``('query', tree)`` or ``('update', tree)``; a text rdflib cannot parse is refused."""
    order = [("update", UpdateUnit), ("query", QueryUnit)]
    if prefer != "update":
        order.reverse()
    errors: list[ParseBaseException] = []
    for kind, grammar in order:
        try:
            tree = _parse(sparql, grammar)
        except ParseBaseException as error:
            errors.append(error)
            continue
        except RecursionError:
            raise QueryError(
                "the query nests too deeply for the SPARQL parser; flatten it and try again"
            ) from None
        if kind == "update":
            tree = tree[0]
            if not _field(tree, "request"):
                raise QueryError("the query is empty; write a SPARQL query or update")
        return kind, tree
    raise _parse_error(errors[0]) from None


def _field(node: CompValue, key: str) -> Any:
    """A field of a parse-tree node, ``None`` when it has none (``CompValue.get`` answers the key itself)."""
    return node[key] if key in node else None


def _compvalues(tree: Any):
    """Every rdflib ``CompValue`` in a parse tree, walked without recursion."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ParseResults):
            stack.extend(node)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def _apply_prologue(prologue: Any, base: str, prefixes: dict[str, str]) -> str:
    for decl in prologue or ():
        if isinstance(decl, CompValue) and decl.name == "Base":
            base = _resolve_iri(str(decl["iri"]), base)
        elif isinstance(decl, CompValue) and decl.name == "PrefixDecl":
            prefixes[_field(decl, "prefix") or ""] = _resolve_iri(str(decl["iri"]), base)
    return base


def _term_iri(term: Any, base: str, prefixes: Mapping[str, str]) -> str | None:
    if isinstance(term, CompValue) and term.name == "pname":
        prefix = _field(term, "prefix") or ""
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + _PN_ESCAPE.sub(r"\1", _field(term, "localname") or "")
    if isinstance(term, URIRef):
        return _resolve_iri(str(term), base)
    return None


def _shown(term: Any) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        return f"{_field(term, 'prefix') or ''}:{_field(term, 'localname') or ''}"
    return f"<{term}>" if isinstance(term, URIRef) else str(term)


def _check_operation(tree: Any, base: str, prefixes: Mapping[str, str]) -> None:
    for node in _compvalues(tree):
        if node.name == "ServiceGraphPattern":
            raise _refuse_fetch("SERVICE")
        if node.name == "Load":
            raise _refuse_fetch("LOAD")
        if node.name in ("DatasetClause", "UsingClause"):
            keyword = "FROM" if node.name == "DatasetClause" else "USING"
            named = _field(node, "named") is not None
            term = _field(node, "named") if named else _field(node, "default")
            if not _in_store(_term_iri(term, base, prefixes)):
                raise _refuse_graph(f"{keyword} NAMED" if named else keyword, _shown(term))


def _check_parsed(sparql: str, prefixes: Mapping[str, str], prefer: str | None) -> str:
    """The real check: refuse SERVICE, LOAD and FROM/USING outside the store anywhere in the parse tree."""
    kind, tree = _parsed(sparql, prefer)
    prefixes = dict(prefixes)
    if kind == "query":
        prologue, operation = tree[0], tree[1]
        _check_operation(operation, _apply_prologue(prologue, "", prefixes), prefixes)
        return kind
    base = ""
    for prologue, operation in zip(_field(tree, "prologue") or [], _field(tree, "request") or []):
        base = _apply_prologue(prologue, base, prefixes)
        _check_operation(operation, base, prefixes)
    return kind


def check(sparql: str, *, extra_prefixes: Mapping[str, str] | None = None) -> str:
    """Refuse what could make the store fetch from elsewhere, or crash it; return ``'query'`` or ``'update'``.

    In order, before any parser sees the text: the size cap
    (:data:`MAX_QUERY_CHARS`) and the nesting cap (:data:`MAX_NESTING`);
    then the words (a name starting with ``SERVICE`` or ``LOAD``, ``FROM``
    or ``USING`` naming a graph outside the store); then the query parsed by
    rdflib, where any ``SERVICE``, ``LOAD``, ``FROM``/``FROM NAMED`` or
    ``USING``/``USING NAMED`` outside :data:`ALLOWED_GRAPH_BASE` (resolved
    against ``PREFIX``, ``BASE``, :data:`PREFIXES` and ``extra_prefixes``)
    is refused. A text rdflib cannot parse is refused too.

    Every check runs on the text with ``\\u`` escapes expanded, as SPARQL
    engines read it, and, when it has escapes, also on the text as
    pyoxigraph reads it (escapes only inside strings and IRIs); the two
    must agree on whether it is a query or an update.

    Raises
    ------
    QueryError
        With a one-line message saying what is not allowed or how to fix it.
    """
    prefixes = dict(PREFIXES)
    prefixes.update(extra_prefixes or {})
    prefix_items = tuple(sorted(prefixes.items()))
    if len(sparql) <= _CACHED_CHARS:
        return _check_cached(sparql, prefix_items)
    return _check_text(sparql, prefix_items)


def _check_text(sparql: str, prefix_items: tuple[tuple[str, str], ...]) -> str:
    """:func:`check` on the text, with the prefixes as sorted ``(name, iri)`` pairs."""
    _check_size(sparql)
    _check_nesting(sparql)
    prefixes = dict(prefix_items)
    expanded = _expand_escapes(sparql)
    views = [expanded] if expanded == sparql else [expanded, _ESCAPE.sub(_PLACEHOLDER, sparql)]
    if expanded != sparql:
        _check_nesting(expanded)  # escapes may spell brackets; the placeholder view has the raw text's
    forms = []
    for view in views:
        guess = _check_words(view, prefixes)
        forms.append(_check_parsed(view, prefixes, guess))
    if len(set(forms)) > 1:
        raise QueryError(
            "the query reads differently with its \\u escapes expanded; write the characters themselves"
        )
    return forms[0]


_check_cached = lru_cache(maxsize=_CHECK_CACHE_SIZE)(_check_text)


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
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, RLiteral):
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
