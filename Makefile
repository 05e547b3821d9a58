# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export GX_ANALYTICS_ENABLED := false

.PHONY: run test lint format ui report clean

# The venv is rebuilt only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(DAGSTER_HOME):
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml

run: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/python -m pipelines.run

test: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ui: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/dagster dev -w workspace.yaml

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) .cache warehouse/quality.duckdb warehouse/export
