"""Shared fixtures: the pinned spaCy model is loaded once per test session."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEEDS = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from newskg.extract.parse import load_nlp

    return load_nlp()
