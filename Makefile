# Two commands on a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench-metadata clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,semantic]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vigil demo --out demo-out

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench-metadata: $(STAMP)
	$(BIN)/python bench/metadata.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache spark-warehouse
