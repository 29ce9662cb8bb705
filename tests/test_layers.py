"""The flow of the code: imports only point down (ontology <- extract <- graph; inside graph: rdf <- the SPARQL
guard <- store <- ingest and analysis <- export and view <- cli), checked on every module's source.

An edge that must point up for a while is listed in ``KNOWN_UPWARD`` with its reason, so that no new one comes in
unseen; one removed from the code must be removed from the list.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"extract": "newskg.extract", "ontology": "newskg.ontology", "graph": "newskg.graph"}

#: The order inside graph/: a module may import those of its own layer and below.
GRAPH_LAYERS = {
    "rdf": 0, "names": 0,
    "query": 1,  # the SPARQL guard and the result type, which the store backends run every query through
    "store": 2,
    "output": 3,
    "identity": 4, "ingest": 4, "distributed": 4, "timeline": 4, "alignment": 4, "network": 4, "validate": 4,
    "export": 5, "view": 5, "serve": 5,
    "cli": 6, "cli_common": 6, "cli_core": 6, "cli_store": 6, "cli_view": 6, "cli_analysis": 6, "cli_ontology": 6,
}
#: The order of the three packages.
PACKAGE_LAYERS = {"newskg.ontology": 0, "newskg.extract": 1, "newskg.graph": 2}

#: Imports that still point up, (importing module, imported module): none now; an edge that must stay for a
#: while is listed here with its reason.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def _modules():
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join((package, *parts)), path


def _imports(name: str, path: Path):
    """Every module a source file imports (at any depth, relative imports made absolute)."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, module] if module else base)
            yield module


def _graph_layer(module: str) -> int | None:
    parts = module.split(".")
    return GRAPH_LAYERS.get(parts[2]) if parts[:2] == ["newskg", "graph"] and len(parts) > 2 else None


def _package(module: str) -> str | None:
    return next((p for p in PACKAGE_LAYERS if module == p or module.startswith(p + ".")), None)


def test_every_graph_module_has_a_layer():
    missing = {name for name, _ in _modules() if name.startswith("newskg.graph.") and _graph_layer(name) is None}
    assert not missing, f"give these modules a layer in GRAPH_LAYERS: {sorted(missing)}"


def test_imports_point_down():
    upward = set()
    for name, path in _modules():
        for module in _imports(name, path):
            own, other = _package(name), _package(module)
            if own and other and PACKAGE_LAYERS[other] > PACKAGE_LAYERS[own]:
                upward.add((name, module))
            mine, theirs = _graph_layer(name), _graph_layer(module)
            if mine is not None and theirs is not None and theirs > mine:
                upward.add((name, module))
    assert upward - KNOWN_UPWARD == set(), f"imports pointing up the flow: {sorted(upward - KNOWN_UPWARD)}"
    assert KNOWN_UPWARD - upward == set(), f"gone from the code, remove from KNOWN_UPWARD: {sorted(KNOWN_UPWARD - upward)}"


def test_extraction_never_touches_rdf():
    for name, path in _modules():
        if name.startswith("newskg.extract"):
            found = {m for m in _imports(name, path) if m.split(".")[0] in ("rdflib", "pyoxigraph", "pyshacl")}
            assert not found, f"{name} imports {found}: extract/ gives records, graph/ makes RDF"
