# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export GX_ANALYTICS_ENABLED := false

.PHONY: run test lint format ui report clean system-deps

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

# Debian packages for the report's browser test and CJK glyphs; installed when missing (CI runs
# as root). Without root the browser test is skipped and says why.
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk

system-deps:
	@dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | grep -c 'install ok installed' \
	  | grep -qx '$(words $(SYSTEM_PACKAGES))' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else \
	    echo "note: install $(SYSTEM_PACKAGES) for the browser test (it is skipped without them)"; \
	  fi; }

test: $(STAMP) $(DAGSTER_HOME) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild only the HTML report from the published warehouse.
report: $(STAMP)
	$(BIN)/python -m pipelines.report

ui: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/dagster dev -w workspace.yaml

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) .cache warehouse/quality.duckdb warehouse/export
