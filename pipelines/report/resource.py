"""Where the HTML report is written; configured in definitions like the other folders."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORT_DIR = PROJECT_ROOT / "reports"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "quality.duckdb"


class ReportFolder(dg.ConfigurableResource):
    """The folder of the static report (``reports/index.html`` and its stylesheet)."""

    path: str = str(DEFAULT_REPORT_DIR)

    def directory(self) -> Path:
        return Path(self.path)
