"""Small builders for tests: text exports written inline, one string per line; suite folders."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from pipelines.extract.tables import GridCell
from pipelines.extract.text_tables import TextTables, extract_text_tables
from pipelines.paths import EXPECTATIONS_DIR

Key = tuple[tuple[str, ...], tuple[str, ...]]


def export(*lines: str) -> str:
    """A text export: cells are separated by TABs, written here as ``\\t``."""
    return "\n".join(lines) + "\n"


def tables_of(*lines: str) -> TextTables:
    return extract_text_tables("doc", export(*lines))


def cells_of(*lines: str, table: int = 0) -> list[GridCell]:
    return tables_of(*lines).tables[table].cells


def by_key(cells: list[GridCell]) -> dict[Key, GridCell]:
    return {(c.row_path, c.col_path): c for c in cells}


def raw_by_key(cells: list[GridCell]) -> dict[Key, str]:
    return {(c.row_path, c.col_path): c.raw_text for c in cells}


def edited_suites(folder: Path, suite: str, check: str, edit: Callable[[dict], None]) -> Path:
    """A copy of ``expectations/`` in ``folder`` whose ``check`` in ``suite`` went through ``edit``
    (a dict of the suite file's expectation: ``kwargs``, ``meta``)."""
    suites = folder / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    suite_file = suites / f"{suite}.json"
    data = json.loads(suite_file.read_text(encoding="utf-8"))
    for expectation in data["expectations"]:
        if expectation["meta"]["check"] == check:
            edit(expectation)
    suite_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return suites
