"""Paths of the ontology files shipped with newskg, and the JSON-LD context (plain Python).

>>> ontology_path().name, shapes_path().name
('newskg.ttl', 'shapes.ttl')
>>> load_context()["@context"]["nkg"]
'https://w3id.org/newskg/ontology#'
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["CONTEXT_URL", "ontology_path", "shapes_path", "context_path", "load_context"]

# Where the context is published; exports may reference it instead of inlining it.
CONTEXT_URL = "https://w3id.org/newskg/context.jsonld"


def _path(name: str) -> Path:
    return Path(str(resources.files("newskg.ontology").joinpath(name)))


def ontology_path() -> Path:
    """The OWL ontology in Turtle (``newskg.ttl``)."""
    return _path("newskg.ttl")


def shapes_path() -> Path:
    """The SHACL shapes in Turtle (``shapes.ttl``)."""
    return _path("shapes.ttl")


def context_path() -> Path:
    """The JSON-LD context (``context.jsonld``)."""
    return _path("context.jsonld")


@lru_cache(maxsize=1)
def _context_text() -> str:
    return context_path().read_text(encoding="utf-8")


def load_context() -> dict:
    """The JSON-LD context document as a fresh dict (``{"@context": {...}}``)."""
    return json.loads(_context_text())
