# Two commands on a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench-metadata bench-content bench-decoy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,semantic,postgres]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vigil demo --out demo-out

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench-metadata: $(STAMP)
	$(BIN)/python bench/metadata.py

# Options from the environment: ROWS (messages, default 10000000), WORKERS (2),
# REPEATS (interleaved, best of each; 1), SEMANTIC=0 skips the semantic stage.
bench-content: $(STAMP)
	$(BIN)/python bench/content.py $(if $(ROWS),--rows $(ROWS)) \
		$(if $(WORKERS),--workers $(WORKERS)) $(if $(REPEATS),--repeats $(REPEATS)) \
		$(if $(filter 0,$(SEMANTIC)),--no-semantic)

# Options from the environment: CONVERSATIONS (in-process, default 10000), IRC (partner
# connections to a local ngircd, 500; 0 skips), THINK (max seconds between a partner's lines).
bench-decoy: $(STAMP)
	$(BIN)/python bench/decoy.py $(if $(CONVERSATIONS),--conversations $(CONVERSATIONS)) \
		$(if $(IRC),--irc-conversations $(IRC)) $(if $(THINK),--think $(THINK))

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache spark-warehouse
