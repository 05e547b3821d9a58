"""The project's folders and files, defined once: every default location is imported from here.

Defaults are relative to the project root, not the current directory, so the pipeline, the
benchmarks and the tests find the same files from anywhere. Resources can point elsewhere.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

SOURCES_DIR = PROJECT_ROOT / "sources"  # the documents, inbox/ and catalog.yaml
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"  # Great Expectations suites
REPORTS_DIR = PROJECT_ROOT / "reports"  # the HTML report
EXTRACTION_CACHE_DIR = PROJECT_ROOT / ".cache" / "extractions"

WAREHOUSE_DIR = PROJECT_ROOT / "warehouse"  # schema SQL and curated YAML tables (inputs)
SCHEMA_SQL = WAREHOUSE_DIR / "schema.sql"
VIEWS_SQL = WAREHOUSE_DIR / "views.sql"
UNITS_FILE = WAREHOUSE_DIR / "units.yaml"
REGIONS_FILE = WAREHOUSE_DIR / "regions.yaml"
INDICATORS_FILE = WAREHOUSE_DIR / "indicators.yaml"
WAREHOUSE_FILE = WAREHOUSE_DIR / "quality.duckdb"  # the published database (output)
EXPORT_DIR = WAREHOUSE_DIR / "export"  # Parquet exports of the public views (output)
