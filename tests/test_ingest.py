"""Bad and unexpected inputs: clear errors naming the file, other documents unaffected."""

from pathlib import Path

import pytest

from pipelines.extract.document import EXTRACTED, FAILED, LOADED, extract_document
from pipelines.ingest.catalog import discover_documents, infer_metadata
from pipelines.ingest.decode import SourceError, decode_text, fold_lookalikes, read_text

SAMPLE = "表 1：2023年某区抽检情况\n类别\t合格率\n生产\t98%\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16"],
)
def test_text_exports_decode_in_common_encodings(data: bytes) -> None:
    assert decode_text(data, Path("x.txt")) == SAMPLE


def test_radical_and_compatibility_lookalikes_fold_to_ideographs() -> None:
    # Kangxi radicals U+2F8F, U+2F63 and compatibility U+F9A8 print like 行, 生, 令: match nothing
    lookalike = "闵\u2f8f区食品\u2f63产许可\uf9a8"
    assert decode_text(lookalike.encode("utf-8"), Path("x.txt")) == "闵行区食品生产许可令"
    assert fold_lookalikes("合格率（%）⼀") == "合格率（%）一"
    # the CJK radicals supplement, which NFKC leaves alone (Chromium prints 车 and 青 this way)
    assert fold_lookalikes("电动自行\u2ecb \u2ed8村镇") == "电动自行车 青村镇"
    # quotes as modifier letters and technical angle brackets (a Latin font's glyphs, mapped so)
    assert fold_lookalikes("\u02bb一站式\u02bc") == "‘一站式’"
    assert fold_lookalikes("印发\u2329方案\u232a") == "印发〈方案〉"


def test_pdf_glyphs_fold_lookalikes() -> None:
    from pipelines.extract.pdf_layout import glyphs_from_chars

    char = {"text": "\u2f63", "x0": 0, "x1": 9, "top": 0, "bottom": 9, "size": 9}
    assert [g.text for g in glyphs_from_chars([char])] == ["生"]


def test_undecodable_file_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(SourceError, match=r"broken\.txt"):
        read_text(path)


def test_empty_file_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"empty\.txt: empty file"):
        read_text(path)


def test_infer_metadata_from_first_heading() -> None:
    meta = infer_metadata("# 2023年度浦东新区质量状况分析白皮书\n\n正文")
    assert meta == {
        "title": "2023年度浦东新区质量状况分析白皮书",
        "data_year": 2023,
        "region": "浦东新区",
        "kind": "white_paper",
    }


def _write_catalog(folder: Path, *entries: str) -> None:
    (folder / "catalog.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")


def test_uncatalogued_unknown_missing_and_corrupt_files(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "inbox" / "new_report.txt").write_text(
        "## 2024年奉贤区质量工作总结\n" + SAMPLE, encoding="gbk"
    )
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "garbled.txt").write_bytes(bytes(range(128, 256)) * 20)
    _write_catalog(
        tmp_path,
        "  - {id: good, title: 好报告, kind: white_paper, region: 闵行区, data_year: 2023,"
        " renditions: {text: good.txt}, primary_rendition: text}\n",
        "  - {id: gone, title: 不存在, kind: plan, renditions: {pdf: gone.pdf}}\n",
    )
    documents = {d.document_id: d for d in discover_documents(tmp_path)}
    assert set(documents) == {"good", "new_report", "notes", "garbled", "gone"}

    inferred = documents["new_report"]
    assert not inferred.catalogued and inferred.warnings
    assert (inferred.title, inferred.region, inferred.data_year, inferred.kind) == (
        "2024年奉贤区质量工作总结",
        "奉贤区",
        2024,
        "work_summary",
    )

    statuses = {
        d: {s.rendition: s for s in extract_document(doc).statuses} for d, doc in documents.items()
    }
    assert statuses["good"]["text"].status == LOADED and statuses["good"]["text"].cells == 1
    assert statuses["new_report"]["text"].status == LOADED
    assert statuses["notes"][".docx"].status == FAILED
    assert "notes.docx: unsupported file type" in statuses["notes"][".docx"].error
    assert statuses["gone"]["pdf"].status == FAILED
    assert "gone.pdf" in statuses["gone"]["pdf"].error
    assert statuses["garbled"]["text"].status == FAILED
    assert statuses["garbled"]["text"].error.startswith("garbled.txt:")


def test_both_renditions_are_extracted_and_the_primary_loaded(sources_dir: Path) -> None:
    (document, *_) = discover_documents(sources_dir)
    extraction = extract_document(document)
    statuses = {s.rendition: s for s in extraction.statuses}
    assert statuses[document.primary_rendition].status == LOADED
    other = ({"pdf", "text"} - {document.primary_rendition}).pop()
    assert statuses[other].status == EXTRACTED and statuses[other].tables > 0
    assert extraction.text_facts and all(
        f.document_id == document.document_id for f in extraction.text_facts
    )


def test_renditions_are_compared_cell_by_cell(tmp_path: Path) -> None:
    from pipelines.extract.agreement import compare_renditions

    (tmp_path / "doc.txt").write_text(SAMPLE + "加工\t97%\n", encoding="utf-8")
    document = discover_documents(tmp_path)[0]
    extraction = extract_document(document)
    other = extract_document(document).tables
    other[0].cells = other[0].cells[:1]  # the other rendition lost one cell
    extraction.alternate_tables = {"pdf": other}
    (agreement,) = compare_renditions(extraction)
    assert (agreement.primary, agreement.other) == ("text", "pdf")
    cells = agreement.cells
    assert (cells.primary_cells, cells.equal_cells) == (2, 1)
    assert cells.agreement == 0.5
    assert [key[3] for key in cells.only_primary] == ["97%"]


def test_a_repeated_cell_must_be_repeated_in_the_other_rendition(tmp_path: Path) -> None:
    from pipelines.extract.agreement import compare_cells

    (tmp_path / "doc.txt").write_text(SAMPLE + "加工\t97%\n", encoding="utf-8")
    tables = extract_document(discover_documents(tmp_path)[0]).tables
    doubled = extract_document(discover_documents(tmp_path)[0]).tables
    doubled[0].cells = doubled[0].cells + doubled[0].cells[:1]
    cells = compare_cells(doubled, tables)
    assert (cells.primary_cells, cells.equal_cells) == (3, 2)
    assert len(cells.only_primary) == 1 and not cells.only_other


def test_metadata_inferred_from_the_bundled_texts_matches_the_catalog(sources_dir: Path) -> None:
    for document in discover_documents(sources_dir):
        meta = infer_metadata(read_text(document.renditions["text"].path))
        assert (meta["region"], meta["data_year"], meta["kind"]) == (
            document.region,
            document.data_year,
            document.kind,
        ), document.document_id
        assert str(meta["title"]).replace(" ", "")[:8] in document.title.replace(" ", "")
