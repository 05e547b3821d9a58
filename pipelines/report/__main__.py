"""``make report``: rebuild the HTML report from the published warehouse, nothing else.

python -m pipelines.report [--database warehouse/quality.duckdb] [--out reports]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipelines.paths import REPORTS_DIR, WAREHOUSE_FILE
from pipelines.report.build import build_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.report", description=__doc__)
    parser.add_argument("--database", type=Path, default=WAREHOUSE_FILE)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = build_report(args.database, args.out)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"report: {result.index} ({result.targets} targets, {result.charts} charts, "
        f"{result.citations} cited sources, {result.findings} data-quality findings; "
        f"{time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
