"""Which documents exist, in which renditions, and what they are.

``sources/catalog.yaml`` describes the documents a quality office curates. Files dropped into
``sources/`` or ``sources/inbox/`` without an entry are still processed: their metadata is
inferred from their text and the document carries a warning saying so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.ingest.decode import SourceError, fold_lookalikes, read_text

RENDITION_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".pdf": "pdf"}
IGNORED_NAMES = {"catalog.yaml", "catalog.yml", "readme.md", "readme.txt"}
_KIND_WORDS = (
    ("白皮书", "white_paper"),
    ("质量状况", "white_paper"),
    ("规划", "plan"),
    ("计划", "work_summary"),
    ("总结", "work_summary"),
    ("要点", "work_summary"),
)
_TITLE_WORDS = r"(?:白皮书|规划|总结|要点|报告|计划|公报)"
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{1,3}?区)")


@dataclass(frozen=True)
class Rendition:
    """One file of a document: its text export or its PDF."""

    kind: str  # text | pdf | unknown
    path: Path
    sha256: str
    size: int


@dataclass
class SourceDocument:
    document_id: str
    title: str
    kind: str
    region: str | None
    data_year: int | None
    issuer: str | None = None
    publication_date: str | None = None
    primary_rendition: str = "pdf"
    renditions: dict[str, Rendition] = field(default_factory=dict)
    catalogued: bool = True
    warnings: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # rendition → why it is unusable

    @property
    def fingerprint(self) -> str:
        """Files and catalog entry together: what decides whether to extract again."""
        meta = "|".join(
            str(v)
            for v in (self.sha256, self.primary_rendition, self.region, self.data_year, self.kind)
        )
        return hashlib.sha256(meta.encode()).hexdigest()[:16]

    @property
    def sha256(self) -> str:
        """Content hash over all renditions: changes when any file of the document changes."""
        digest = hashlib.sha256()
        for name in sorted(self.renditions):
            digest.update(self.renditions[name].sha256.encode())
        return digest.hexdigest()


def _hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _rendition(path: Path) -> Rendition:
    sha, size = _hash(path)
    return Rendition(RENDITION_SUFFIXES.get(path.suffix.lower(), "unknown"), path, sha, size)


def _iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def load_catalog(path: Path) -> dict[str, dict]:
    """Catalog entries by document id; a missing catalog is an empty one."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("documents", []) if isinstance(data, dict) else []
    return {str(e["id"]): e for e in entries if isinstance(e, dict) and "id" in e}


def infer_metadata(text: str) -> dict[str, object]:
    """Title, year, region and kind from a document's own opening lines."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines()[:60]]
    lines = [re.sub(r"<[^>]+>|\*\*", "", ln).strip() for ln in lines]
    lines = [ln for ln in lines if ln]
    # a forwarding notice (关于转发…《X》的通知) names the real document, often over lines
    quoted = re.search(
        rf"(?:转发|印发)[^《]{{0,40}}《([^《》]{{4,90}}?{_TITLE_WORDS}[^《》]{{0,40}})》",
        "".join(lines[:25]),
    )
    if quoted:
        title = quoted.group(1)
    else:
        at = next((i for i, ln in enumerate(lines) if re.search(_TITLE_WORDS, ln)), None)
        title = lines[at] if at is not None else (lines[0] if lines else "")
        previous = lines[at - 1] if at else ""
        if (
            previous
            and len(previous) <= 30
            and not re.search(r"[。，；：:〔〕]|\d{4}年\d", previous)
        ):
            title = previous + title  # a title wrapped over two lines
        if at is not None and "《" in title and "》" not in title:
            following = "".join(lines[at + 1 : at + 3])  # 《… wrapped before its 》
            title = (title + following).split("《", 1)[1].split("》", 1)[0]
    title = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", title).strip()
    title = title[:120]
    year = re.search(r"(20\d\d|19\d\d)", title)
    # "2024年奉贤区…" → search after the year, so the year's 年 is not read as part of a name
    plain = re.sub(r"\d{4}\s*[-—至]?\s*(\d{4})?\s*年度?", " ", title).replace("上海市", " ")
    district = _DISTRICT.search(plain)
    region = district.group(1) if district else ("上海市" if "上海" in title else None)
    if region is None:  # "区经委…总结": the issuer at the top names the district
        issuer = _DISTRICT.search("".join(lines[:8]).replace("上海市", " "))
        region = issuer.group(1) if issuer else None
    kind = next((k for word, k in _KIND_WORDS if word in title), "work_summary")
    return {
        "title": title,
        "data_year": int(year.group(1)) if year else None,
        "region": region,
        "kind": kind,
    }


def pdf_opening_text(path: Path, pages: int = 2) -> str:
    """Text of a PDF's first pages, for metadata; a PDF that cannot be read raises SourceError
    naming it (discovery then infers nothing; extraction records the reason in document_status).

    Read as the extractor reads it (only what a reader sees: no white or covered "trap" text,
    no text off the page, lookalike characters folded), line by line, running headers included.
    """
    # imported here: discovery of text-only folders should not pay for pdfplumber
    from pipelines.extract.pdf_layout import read_document

    try:
        document = read_document(path, set(range(1, pages + 1)))
    except SourceError:
        raise  # already names the file and the reason; not to be re-wrapped below
    except Exception as exc:  # the extraction step reports the reason in document_status
        raise SourceError(path, f"cannot read PDF ({type(exc).__name__})") from exc
    lines = [
        ln.text
        for page in document.pages
        for ln in (
            [m for m in page.margin_lines if m.top < page.height / 2]
            + page.lines  # in reading order
            + [m for m in page.margin_lines if m.top >= page.height / 2]
        )
    ]
    return fold_lookalikes("\n".join(lines))


def _candidate_files(directory: Path) -> list[Path]:
    files: list[Path] = []
    for folder in (directory, directory / "inbox"):
        if folder.is_dir():
            files.extend(
                p
                for p in folder.iterdir()
                if p.is_file()
                and not p.name.startswith(".")
                and p.name.lower() not in IGNORED_NAMES
            )
    return sorted(files)


def discover_documents(directory: Path, catalog_path: Path | None = None) -> list[SourceDocument]:
    """Every document in the sources folder, catalogued or not, with its renditions."""
    catalog = load_catalog(catalog_path or directory / "catalog.yaml")
    by_stem: dict[str, list[Path]] = {}
    for path in _candidate_files(directory):
        by_stem.setdefault(path.stem, []).append(path)

    documents: list[SourceDocument] = []
    for doc_id in sorted(set(by_stem) | set(catalog)):
        entry = catalog.get(doc_id)
        renditions: dict[str, Rendition] = {}
        errors: dict[str, str] = {}
        for path in by_stem.get(doc_id, []):
            rendition = _rendition(path)
            name = rendition.kind if rendition.kind != "unknown" else path.suffix.lower() or "file"
            if rendition.kind == "unknown":
                errors[name] = f"{path.name}: unsupported file type '{path.suffix or 'none'}'"
            renditions[name] = rendition
        if entry is not None:
            for kind, filename in (entry.get("renditions") or {}).items():
                if kind not in renditions:
                    errors[str(kind)] = f"{filename}: file listed in catalog but not found"
            documents.append(
                SourceDocument(
                    document_id=doc_id,
                    title=str(entry.get("title") or doc_id),
                    kind=str(entry.get("kind") or "work_summary"),
                    region=entry.get("region"),
                    data_year=int(entry["data_year"]) if entry.get("data_year") else None,
                    issuer=entry.get("issuer"),
                    publication_date=_iso(entry.get("publication_date")),
                    primary_rendition=str(entry.get("primary_rendition") or "pdf"),
                    renditions=renditions,
                    errors=errors,
                )
            )
            continue
        document = SourceDocument(
            document_id=doc_id,
            title=doc_id,
            kind="work_summary",
            region=None,
            data_year=None,
            renditions=renditions,
            catalogued=False,
            errors=errors,
            warnings=[f"{doc_id}: no catalog entry; metadata inferred from the document"],
        )
        if "text" in renditions or "pdf" in renditions:
            try:
                opening = (
                    read_text(renditions["text"].path)
                    if "text" in renditions
                    else pdf_opening_text(renditions["pdf"].path)
                )
                meta = infer_metadata(opening)
            except SourceError:
                meta = {}
            document.title = str(meta.get("title") or doc_id)
            document.kind = str(meta.get("kind") or document.kind)
            document.region = meta.get("region")  # type: ignore[assignment]
            document.data_year = meta.get("data_year")  # type: ignore[assignment]
        documents.append(document)
    return documents
