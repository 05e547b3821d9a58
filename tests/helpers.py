"""Small builders for tests: text exports written inline, one string per line."""

from pipelines.extract.tables import GridCell
from pipelines.extract.text_tables import TextTables, extract_text_tables

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
