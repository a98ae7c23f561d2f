# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := fixtures/north-2022-03-08/input.json
DEMO_TITLE := A discussion with a Russian socialist opponent of the war in Ukraine

.PHONY: demo test fuzz bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/thread2article convert $(DEMO) --title "$(DEMO_TITLE)" --format markdown -o out/north-2022-03-08.md --force
	$(BIN)/thread2article convert $(DEMO) --title "$(DEMO_TITLE)" --format html -o out/north-2022-03-08.html --force
	@echo "Wrote out/north-2022-03-08.md and out/north-2022-03-08.html"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy thread2article
	$(BIN)/python -m pytest

# Hostile input for humans: the fuzz suite (tests/fuzz) with fresh random seeds and many more
# cases than `make test` runs (T2A_FUZZ_EXAMPLES per test; a failure prints its smallest example).
fuzz: $(STAMP)
	T2A_FUZZ_EXAMPLES=$${T2A_FUZZ_EXAMPLES:-5000} $(BIN)/python -m pytest tests/fuzz -p no:cacheprovider --hypothesis-show-statistics

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) out
