"""Running SPARQL on an embedded Oxigraph store: checked by the guard of :mod:`newskg.graph.query`, with values
bound as terms, and within a time limit (in a worker thread, or for a read-only store on disk in a child process
that is killed at the deadline).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from newskg.graph.query import (PREFIXES, QueryError, QueryResult, _json_term, _syntax_error, _term_json,
                                _timeout_error, check, inline_values, to_term)
from newskg.graph.store.base import StoreError
from newskg.graph.store.files import open_read_only

__all__ = ["run_query", "run_update"]


def _substitutions(bindings: Mapping[str, Any] | None) -> dict[ox.Variable, Any]:
    return {ox.Variable(name.lstrip("?$")): to_term(value) for name, value in (bindings or {}).items()}


class _Deadline(Exception):
    """Raised between solutions once a query is past its time limit."""


def _ask_store(store: ox.Store, sparql: str, substitutions: dict):
    """pyoxigraph's answer, values bound as terms; a value bound to a variable the query does not select (which
    pyoxigraph refuses to substitute) is joined in as a ``VALUES`` block instead (:func:`inline_values`)."""
    try:
        return store.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None,
                           use_default_graph_as_union=True)
    except RuntimeError as error:
        text = str(error)
        if not substitutions or not ("does not contains variable" in text or "does not contain variable" in text):
            raise
    inlined = inline_values(sparql, {variable.value: term for variable, term in substitutions.items()})
    return store.query(inlined, prefixes=PREFIXES, use_default_graph_as_union=True)


def _evaluate(store: ox.Store, sparql: str, substitutions: dict, deadline_check=None) -> QueryResult:
    try:
        answer = _ask_store(store, sparql, substitutions)
        return QueryResult.from_oxigraph(answer, deadline_check)
    except _Deadline:
        raise _Deadline from None
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except RuntimeError as error:
        text = str(error)
        raise QueryError(f"the query failed: {text}") from None
    except OSError as error:
        raise QueryError(f"the query could not read the store: {error}") from None


def run_query(store: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              timeout: float | None = None) -> QueryResult:
    """Run a read-only query on an :class:`~newskg.graph.store.EmbeddedStore`."""
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
        [sys.executable, "-m", "newskg.graph.store.evaluation"],
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
    if child.returncode < 0:
        raise QueryError(
            f"the query process died (signal {-child.returncode}); the store is unchanged, "
            "simplify the query and try again"
        )
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
            answer = _ask_store(store, request["sparql"], substitutions)
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
