"""Where the HTML report is written; configured in definitions like the other folders."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.paths import REPORTS_DIR


class ReportFolder(dg.ConfigurableResource):
    """The folder of the static report (``reports/index.html`` and its stylesheet)."""

    path: str = str(REPORTS_DIR)

    def directory(self) -> Path:
        return Path(self.path)
