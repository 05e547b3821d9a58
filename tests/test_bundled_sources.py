"""Every captioned table of the bundled text exports is found and yields cells."""

import re

from pipelines.extract.text_tables import extract_text_tables
from pipelines.ingest.catalog import discover_documents
from pipelines.ingest.decode import read_text
from pipelines.paths import SOURCES_DIR

# A caption line as a reader would spot it: "表 N" + separator + title, no TOC leader dots.
CAPTION_LINE = re.compile(r"^\s*表\s*(\d{1,3})\s*[:：\s]")


def captions_in(text: str) -> set[int]:
    return {
        int(m.group(1))
        for line in text.splitlines()
        if (m := CAPTION_LINE.match(line)) and "..." not in line and "\t" not in line.strip()
    }


def test_every_captioned_table_is_found() -> None:
    total = 0
    for path in sorted(SOURCES_DIR.glob("*.txt")):
        text = read_text(path)
        expected = captions_in(text)
        tables = extract_text_tables(path.stem, text).tables
        found = {t.number for t in tables if t.number is not None}
        assert found == expected, path.name
        assert all(t.cells for t in tables if t.number is not None), path.name
        total += len(found)
    assert total >= 47


def test_white_paper_tables_match_its_own_list_of_tables() -> None:
    (path,) = [p for p in SOURCES_DIR.glob("*.txt") if "白皮书" in read_text(p)[:500]]
    result = extract_text_tables(path.stem, read_text(path))
    assert result.listed_numbers
    assert sorted(t.number for t in result.tables if t.number) == sorted(result.listed_numbers)


def test_catalog_describes_every_bundled_document() -> None:
    documents = discover_documents(SOURCES_DIR)
    assert len(documents) == 5
    for doc in documents:
        assert doc.catalogued and not doc.errors and not doc.warnings
        assert set(doc.renditions) == {"text", "pdf"}
        assert doc.region in {"上海市", "闵行区", "奉贤区"}
        assert doc.kind in {"white_paper", "plan", "work_summary"}
