"""Read the visible text layer of a PDF as lines, segments and rules, without running headers.

pdfplumber gives characters, lines and rectangles; a table extractor needs more: only what a
reader sees (no white text, no text outside the page, no text painted over, no white or
zero-size "rules"), grouped into text lines and column segments (``pdf_glyphs``), read in
columns where the page has two (``pdf_columns``), with the running header, the footer and the
page number of every page set apart. Both the table extractor and the prose reader start from
:func:`read_document`.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import resolve1

from pipelines.extract.annotations import PAGE_NUMBER
from pipelines.extract.captions import parse_caption
from pipelines.extract.pdf_columns import (
    beside_boxes,
    float_boxes,
    margin_band,
    read_columns,
    ruled_boxes,
)
from pipelines.extract.pdf_device import char_record, clipped, read_layout, unpainted
from pipelines.extract.pdf_figures import Graphic, chart_at_edge, figure_boxes, within
from pipelines.extract.pdf_glyphs import (
    FIGURE_CHAR,
    LATIN_CJK,
    Box,
    Glyph,
    Line,
    Rule,
    cluster_lines,
    is_cjk,
    is_ideograph,
    join_spread_cells,
    join_stacked_labels,
    make_line,
    split_figure_columns,
)
from pipelines.ingest.decode import SourceError, fold_lookalikes
from pipelines.model.values import is_measure

_NUMBERED_PAGE = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页")  # a footer's page count


@dataclass
class PageLayout:
    """The visible body of one page: text lines and rules, running header/footer set apart."""

    number: int  # 1-based physical page
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule]
    margin_lines: list[Line] = field(default_factory=list)  # running header, footer, page no.
    images: int = 0
    glyph_count: int = 0
    page_label: str | None = None  # printed page number, when one was found
    # pdfplumber's lattice tables on the visible ruling: (table bbox, cell boxes) per table
    lattices: list[tuple[Box, list[Box]]] = field(default_factory=list)
    # text columns (x0, x1) left to right when a gutter divides the page body, else empty
    columns: list[tuple[float, float]] = field(default_factory=list)
    # stretches (top, bottom) a table fills across both columns, read whole between them
    bands: list[tuple[float, float]] = field(default_factory=list)
    # shaded boxes the prose flows round (a sidebar, a callout): their text is read apart
    floats: list[Box] = field(default_factory=list)
    # boxes of slanting lines: a corner cell split by a diagonal (斜线表头)
    diagonals: list[Box] = field(default_factory=list)
    # what could not be read on the page (reported with the document's warnings)
    notices: list[str] = field(default_factory=list)
    # captioned charts drawn on the page: their labels are left out of ``lines`` (pdf_figures)
    figures: list[Box] = field(default_factory=list)


# --- opening


def _check_bytes(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(path, f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise SourceError(path, "empty file (0 bytes), not a PDF")
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        printable = all(b >= 32 or b in b"\t\r\n" for b in head[:64])
        kind = "text" if head[:64].strip() and printable else "binary data"
        raise SourceError(path, f"not a PDF file (no %PDF header; looks like {kind})")
    if b"%%EOF" not in tail:
        raise SourceError(path, "truncated or corrupt PDF (no %%EOF end marker)")


# pdfminer warns once per glyph about harmless font-descriptor gaps ("Could not get FontBBox")
# that browsers' and office software's PDFs often have; unusable files raise instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@contextmanager
def open_pdf(path: Path) -> Iterator[Any]:
    """Open a PDF, turning every way it can be unusable into a ``SourceError`` naming the file."""
    _check_bytes(path)
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise SourceError(path, "encrypted PDF (a password is required to read it)") from exc
    except PDFSyntaxError as exc:
        raise SourceError(path, f"corrupt PDF ({exc})") from exc
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors; the original is its first argument
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise SourceError(path, "encrypted PDF (a password is required to read it)") from exc
        if isinstance(inner, PDFSyntaxError):
            raise SourceError(path, f"corrupt PDF ({inner})") from exc
        raise SourceError(path, f"corrupt PDF ({type(inner).__name__}: {inner})") from exc
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise SourceError(path, f"corrupt PDF: page tree unreadable ({exc})") from exc
        if not pages:
            raise SourceError(path, "corrupt PDF: no pages")
        yield pdf
    finally:
        pdf.close()


# --- visibility


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return float(color) >= 0.97
    if isinstance(color, (list, tuple)):
        values = [float(v) for v in color if isinstance(v, (int, float))]
        if not values:
            return False
        if len(values) == 4:  # CMYK: no ink at all is white
            return all(v <= 0.03 for v in values)
        return all(v >= 0.97 for v in values)
    return False


def _is_dark(color: Any) -> bool:
    """A fill that white text stands out on (mean intensity clearly below white: a tinted
    page or box shows white checkboxes and lettering)."""
    if isinstance(color, (int, float)):
        return float(color) <= 0.9
    if isinstance(color, (list, tuple)):
        values = [float(v) for v in color if isinstance(v, (int, float))]
        if len(values) == 4:
            return sum(values) >= 0.3
        if values:
            return sum(values) / len(values) <= 0.9
    return False


def _tag_sequence(page: Any) -> None:
    """Number every layout object in content-stream order, to know what is painted over what."""
    counter = itertools.count()
    original = page.process_object

    def process(obj: Any) -> dict[str, Any]:
        data: dict[str, Any] = char_record(page, obj) or original(obj)
        data["seq"] = next(counter)
        if clipped(obj):
            data["clipped"] = True
        if unpainted(obj):
            data["unpainted"] = True
        return data

    page.process_object = process


def _covers(box: dict[str, Any], g: dict[str, Any]) -> bool:
    cx = (g["x0"] + g["x1"]) / 2
    cy = (g["top"] + g["bottom"]) / 2
    return box["x0"] <= cx <= box["x1"] and box["top"] <= cy <= box["bottom"]


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    x_overlap = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    y_overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    narrow = max(min(a["x1"] - a["x0"], b["x1"] - b["x0"]), 0.1)
    low = max(min(a["bottom"] - a["top"], b["bottom"] - b["top"]), 0.1)
    return x_overlap > 0.6 * narrow and y_overlap > 0.6 * low


def _layers_off(page: Any) -> bool:
    """Every optional content layer of the document is off by default (a draft layer a viewer
    hides): text marked as a layer's is not shown. With some layers on and some off, which one
    a character is in is not known here, and it is read."""
    try:
        props = resolve1(page.pdf.doc.catalog.get("OCProperties"))
        if not isinstance(props, dict):
            return False
        groups = resolve1(props.get("OCGs")) or []
        off = resolve1((resolve1(props.get("D")) or {}).get("OFF")) or []
    except Exception:  # a broken catalog hides nothing
        return False
    ids = {getattr(g, "objid", id(g)) for g in groups}
    return bool(ids) and ids <= {getattr(g, "objid", id(g)) for g in off}


def _ocr_layer(page: Any) -> bool:
    """The page's text is a scan's OCR layer: nearly all of it never painted (render mode 3),
    over a picture. That text is what the page says; elsewhere unpainted text is hidden."""
    ink = [c for c in page.chars if c["text"].strip()]
    hidden = sum(1 for c in ink if c.get("unpainted"))
    return bool(page.images) and hidden > 0 and hidden >= 0.9 * len(ink)


def _without_word_spaces(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An OCR layer's spaces between CJK characters: the recogniser parts Chinese text into
    words with a space between each (年 闵行区 药品), which the print never had."""
    keep = []
    for i, c in enumerate(chars):
        if not c["text"].strip() and 0 < i < len(chars) - 1:
            before, after = chars[i - 1]["text"], chars[i + 1]["text"]
            if is_cjk(before) and is_cjk(after):
                continue
        keep.append(c)
    return keep


def _visible_chars(page: Any, ocr: bool) -> list[dict[str, Any]]:
    """Characters a reader can see: on the page, sized, inked (or an OCR layer's, when ``ocr``),
    and not painted over later."""
    # a viewer shows the crop box of the page (the media box when it has none)
    box = [float(v) for v in page.bbox]
    crop = getattr(page, "cropbox", None) or box
    x0, top = max(box[0], float(crop[0])), max(box[1], float(crop[1]))
    x1, bottom = min(box[2], float(crop[2])), min(box[3], float(crop[3]))
    if x1 - x0 < 10 or bottom - top < 10:  # a degenerate crop box: viewers fall back too
        x0, top, x1, bottom = box
    chars = []
    shaded: list[dict[str, Any]] | None = None
    layers_off = _layers_off(page)
    for c in page.chars:
        if not c["text"] or c["size"] < 1.0 or _slanted(c) or c.get("clipped"):
            continue
        if c.get("unpainted") and not ocr:
            continue  # laid out, never painted: text hidden on purpose
        if layers_off and c.get("tag") == "OC":
            continue  # in a layer the viewer does not show
        cx = (c["x0"] + c["x1"]) / 2
        cy = (c["top"] + c["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        if _is_white(c.get("non_stroking_color")) and c["text"].strip():
            # white text shows only on a dark box painted before it
            if shaded is None:
                shaded = [  # boxes, and boxes with rounded corners (a caption's tab)
                    r
                    for r in [*page.rects, *page.curves]
                    if r.get("fill") and _is_dark(r.get("non_stroking_color"))
                ]
            if not any(r["seq"] < c.get("seq", -1) and _covers(r, c) for r in shaded):
                continue
        chars.append(c)
    # opaque rectangles painted after the text hide it (white boxes over "trap" figures)
    covers = [
        r
        for r in page.rects
        if r.get("fill")
        and r["width"] > 2
        and r["height"] > 2
        and _is_white(r.get("non_stroking_color"))
    ]
    if covers:
        chars = [
            c
            for c in chars
            if not any(r["seq"] > c.get("seq", -1) and _covers(r, c) for r in covers)
        ]
    chars = _dedupe_overprint(_without_watermarks(chars))
    # different text painted at the same place: the later one is what shows
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    for c in chars:
        if not c["text"].strip():
            continue  # a space paints nothing
        key = (round(c["x0"] / 2), round(c["top"] / 2))
        prev = seen.get(key)
        if prev is not None and prev["text"] != c["text"] and _same_place(prev, c):
            prev["_hidden"] = True
        seen[key] = c
    return [c for c in chars if not c.pop("_hidden", False)]


def _slanted(c: dict[str, Any]) -> bool:
    """A character set at a slant (a watermark across the page), neither upright nor turned a
    quarter: no table or paragraph is."""
    a, b = (c.get("matrix") or (1, 0))[:2]
    # over 15°: no scanned page's text layer is that skewed
    return bool(a and b) and min(abs(a), abs(b)) > 0.27 * max(abs(a), abs(b))


def _without_watermarks(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters less a watermark set level across the page: type at least twice the
    page's usual size that runs through other text (a heading never does), all of it in that
    size and colour."""
    sizes = [c["size"] for c in chars if c["text"].strip()]
    if not sizes:
        return chars
    large = 2 * statistics.median(sizes)
    big = [c for c in chars if c["size"] >= large and c["text"].strip()]
    if not big:
        return chars
    small = [c for c in chars if c["size"] < large and c["text"].strip()]
    marks = {
        (round(b["size"]), str(b.get("non_stroking_color")))
        for b in big
        if any(
            b["x0"] <= (s["x0"] + s["x1"]) / 2 <= b["x1"]
            and b["top"] <= (s["top"] + s["bottom"]) / 2 <= b["bottom"]
            for s in small
        )
    }
    return [
        c
        for c in chars
        if c["size"] < large or (round(c["size"]), str(c.get("non_stroking_color"))) not in marks
    ]


_OVERPRINT = 1.0  # points between copies of a faked-bold character; also the lookup buckets' size
_NEIGHBOURS = list(itertools.product((-1, 0, 1), repeat=2))


def _same_glyph(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same text, size and orientation in the same font (a subset prefix "ABCDEF+" aside)."""
    return (
        a["text"] == b["text"]
        and round(a["size"], 1) == round(b["size"], 1)
        and a.get("upright") == b.get("upright")
        and str(a.get("fontname")).split("+")[-1] == str(b.get("fontname")).split("+")[-1]
    )


def _dedupe_overprint(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same character painted again a fraction of a point away is one character: office
    software fakes bold for fonts without a bold face by printing the text two to four times
    with small offsets ("合合格格率率" otherwise).

    What pdfplumber's ``dedupe_chars`` does (same text, font and size; positions chained within
    ``_OVERPRINT``), in linear time (it orders its result with ``list.index``, quadratic on a
    dense page), and only between copies that overlap by more than half their width, so that a
    narrow character repeated side by side ("11", "……") is never merged.
    """
    kept: list[dict[str, Any]] = []
    near: dict[tuple[int, int], list[dict[str, Any]]] = {}  # by position: few chars share one
    for c in chars:
        top, x0 = c["top"], c["x0"]
        width = c["x1"] - x0
        limit = min(_OVERPRINT, 0.5 * width) if width > 0 else _OVERPRINT
        row, col = round(top), round(x0)
        copy = False
        for dy, dx in _NEIGHBOURS:
            for k in near.get((row + dy, col + dx), ()):
                near_enough = abs(k["top"] - top) <= _OVERPRINT and abs(k["x0"] - x0) <= limit
                if near_enough and _same_glyph(k, c):
                    copy = True
                    break
            if copy:
                break
        # a copy is remembered too: the next one chains on (four copies 0.4 pt apart are one)
        near.setdefault((row, col), []).append(c)
        if not copy:
            kept.append(c)
    return kept


def _rules(
    page: Any, lines: Sequence[Line] = (), offset: tuple[float, float] = (0.0, 0.0)
) -> list[Rule]:
    """Visible ruling: lines, thin rectangles and the edges of stroked or filled boxes."""
    out: list[Rule] = []
    for ln in page.lines:
        if _is_white(ln.get("stroking_color")):
            continue
        x0, x1 = sorted((ln["x0"], ln["x1"]))
        top, bottom = sorted((ln["top"], ln["bottom"]))
        if max(x1 - x0, bottom - top) < 2:
            continue
        if abs(x1 - x0) > 1 and abs(bottom - top) > 1:
            continue  # diagonal
        out.append(Rule(x0, top, x1, bottom))
    # thin filled or stroked curves are rules too (some producers draw every rule as a path)
    thin_curves = [c for c in page.curves if min(c["width"], c["height"]) <= 2.5]
    for r in [*page.rects, *thin_curves]:
        w, h = r["width"], r["height"]
        if max(w, h) < 2:
            continue
        thin = min(w, h) <= 2.5
        filled_dark = r.get("fill") and not _is_white(r.get("non_stroking_color"))
        stroked = r.get("stroke") and not _is_white(r.get("stroking_color"))
        if thin and (filled_dark or stroked):
            if w >= h:
                y = (r["top"] + r["bottom"]) / 2
                out.append(Rule(r["x0"], y, r["x1"], y))
            else:
                x = (r["x0"] + r["x1"]) / 2
                out.append(Rule(x, r["top"], x, r["bottom"]))
        elif stroked and not thin:
            x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
            out += [
                Rule(x0, top, x1, top),
                Rule(x0, bottom, x1, bottom),
                Rule(x0, top, x0, bottom),
                Rule(x1, top, x1, bottom),
            ]
    # shaded cells drawn as tiles of filled boxes, with no rules (or white ones) between them:
    # the edges of boxes that touch other boxes are the grid's rules. Only a block of tiles
    # both side by side and stacked that no table rows continue below is a whole grid: a
    # shaded header row (or rows) over an unshaded body, or bands shading alternate rows,
    # separate rows, and their side edges would cut the table's columns, save where a
    # visible vertical rule carries on from a side edge (the body's column rule)
    verticals = [(r.x0 + r.x1) / 2 for r in out if not r.horizontal]
    spans = [(r.top, r.bottom) for r in out if not r.horizontal]

    def ruled(x: float, top: float, bottom: float) -> bool:
        return any(
            abs(vx - x) <= 1.5 and a <= bottom + 3 and b >= top - 3
            for vx, (a, b) in zip(verticals, spans, strict=True)
        )

    tiles = [
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in page.rects
        if r.get("fill")
        and min(r["width"], r["height"]) > 2.5
        and not _is_white(r.get("non_stroking_color"))
    ]
    if 2 <= len(tiles) <= 2000:
        for group, grid in _touching(tiles):
            sides = grid and _tiled(group) and not _rows_below(group, lines, offset)
            for x0, top, x1, bottom in group:
                # a header cell merged down across an edge between shaded rows: the edge
                # divides header rows only (unless it bounds a stripe beside a merged cell)
                out += [
                    Rule(x0, y, x1, y)
                    for y in (top, bottom)
                    if sides
                    or not any(b[1] < y - 1 and b[3] > y + 1 for b in group)
                    or _stripe_edge(group, (x0, top, x1, bottom), y, lines, offset)
                ]
                out += [Rule(x, top, x, bottom) for x in (x0, x1) if sides or ruled(x, top, bottom)]
    # normalise: exact horizontals/verticals
    norm = []
    for r in out:
        if r.horizontal:
            y = (r.top + r.bottom) / 2
            norm.append(Rule(r.x0, y, r.x1, y))
        else:
            x = (r.x0 + r.x1) / 2
            norm.append(Rule(x, r.top, x, r.bottom))
    return norm


def _diagonals(page: Any) -> list[Box]:
    """Boxes of the visible slanting lines. A table's top-left cell crossed corner to corner
    (斜线表头) prints the row labels' heading in its lower left and the column headings' in its
    upper right, where it can reach over the first column's text: the box is that cell."""
    out: list[Box] = []
    for ln in page.lines:
        if _is_white(ln.get("stroking_color")):
            continue
        x0, x1 = sorted((ln["x0"], ln["x1"]))
        top, bottom = sorted((ln["top"], ln["bottom"]))
        if x1 - x0 > 10 and bottom - top > 5:
            out.append((x0, top, x1, bottom))
    return out


def _graphics(page: Any) -> list[Graphic]:
    """The visible drawing objects and pictures, for finding the charts among them."""
    out: list[Graphic] = []
    for obj in [*page.lines, *page.rects, *page.curves]:
        if not _visible_edge_source(obj):
            continue
        box = (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        w, h = box[2] - box[0], box[3] - box[1]
        filled = obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
        if w <= 2.5 or h <= 2.5 or not (filled or obj["object_type"] == "line" or _bent(obj)):
            kind = "rule"  # a rule, or a box's edges drawn as a stroke
        else:
            kind = "fill" if obj["object_type"] == "rect" else "shape"
        out.append(Graphic(box, kind))
    out += [
        Graphic((float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])), "image")
        for i in page.images
    ]
    return out


def _bent(obj: dict[str, Any]) -> bool:
    """A stroked path with a point off its box's edges (a line chart's series), where a path
    tracing a box's outline is a cell's edges."""
    x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    return any(
        min(abs(x - x0), abs(x - x1)) > 1 and min(abs(y - top), abs(y - bottom)) > 1
        for x, y in obj.get("pts") or ()
    )


def _tiled(group: list[Box]) -> bool:
    """The tiles cover the block they make: every cell shaded. Bands shading alternate rows
    leave the rows between them bare, even where a merged cell's tile joins the bands."""
    x0, top = min(b[0] for b in group), min(b[1] for b in group)
    x1, bottom = max(b[2] for b in group), max(b[3] for b in group)
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in group)
    return area >= 0.95 * (x1 - x0) * (bottom - top)


def _stripe_edge(
    group: list[Box], tile: Box, y: float, lines: Sequence[Line], offset: tuple[float, float]
) -> bool:
    """``tile``'s edge at ``y`` bounds a stripe: no tile of the block goes on across it, and
    the bare row beyond is a row of the body: the block's tiles resume past it, or the row
    holds figures across the block. A header's shaded cell over bare sub-headers bounds no
    row."""
    below = y >= tile[3] - 1  # the tile's bottom edge, else its top edge
    over = [b for b in group if b != tile and min(b[2], tile[2]) - max(b[0], tile[0]) > 1]
    if any(abs((b[1] if below else b[3]) - y) <= 1.5 for b in over):
        return False
    if any(b[1] > y + 1 if below else b[3] < y - 1 for b in over):
        return True
    height = tile[3] - tile[1]
    x0, x1 = min(b[0] for b in group), max(b[2] for b in group)
    beyond = [
        s
        for ln in lines
        if (
            0 < ln.top + offset[1] - y < height if below else 0 < y - ln.bottom - offset[1] < height
        )
        for s in ln.segments
        if min(s.x1 + offset[0], x1) - max(s.x0 + offset[0], x0) > 0
    ]
    return any(is_measure(s.text) for s in beyond)


def _touching(boxes: list[Box]) -> list[tuple[list[Box], bool]]:
    """Boxes that share an edge with another box (cells of a shaded table), in groups of boxes
    that touch; each group with whether it touches both side by side and stacked (a grid)."""
    by_x0: dict[int, list[int]] = {}
    by_top: dict[int, list[int]] = {}
    for i, b in enumerate(boxes):
        by_x0.setdefault(round(b[0]), []).append(i)
        by_top.setdefault(round(b[1]), []).append(i)

    def near(index: dict[int, list[int]], v: float) -> list[int]:
        k = round(v)
        return [*index.get(k - 1, []), *index.get(k, []), *index.get(k + 1, [])]

    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touching: set[int] = set()
    side: set[int] = set()
    stacked: set[int] = set()
    for i, a in enumerate(boxes):
        for j in near(by_x0, a[2]):  # b starts where a ends, side by side
            b = boxes[j]
            if j != i and abs(b[0] - a[2]) <= 1.5 and min(a[3], b[3]) - max(a[1], b[1]) > 2:
                touching.update((i, j))
                parent[root(j)] = root(i)
                side.add(i)
        for j in near(by_top, a[3]):  # b starts where a ends, stacked
            b = boxes[j]
            if j != i and abs(b[1] - a[3]) <= 1.5 and min(a[2], b[2]) - max(a[0], b[0]) > 2:
                touching.update((i, j))
                parent[root(j)] = root(i)
                stacked.add(i)
    groups: dict[int, list[int]] = {}
    for i in sorted(touching):
        groups.setdefault(root(i), []).append(i)
    grids = {root(i) for i in side} & {root(i) for i in stacked}
    return [([boxes[i] for i in members], r in grids) for r, members in groups.items()]


def _rows_below(group: list[Box], lines: Sequence[Line], offset: tuple[float, float]) -> bool:
    """Table rows continue right under a block of shaded tiles: the first text line below it
    has cells under two or more of its columns, none crossing a column's edge."""
    x0, x1 = min(b[0] for b in group), max(b[2] for b in group)
    bottom = max(b[3] for b in group)
    edges = sorted({round(b[2], 1) for b in group if b[2] < x1 - 2})
    below = [
        ln
        for ln in lines
        if ln.top + offset[1] >= bottom - 1
        and min(ln.x1 + offset[0], x1) - max(ln.x0 + offset[0], x0) > 0
    ]
    if not below:
        return False
    first = min(below, key=lambda ln: ln.top)
    height = first.bottom - first.top
    if first.top + offset[1] > bottom + 1.5 * height + 2 or len(first.segments) < 2:
        return False
    cols = set()
    for seg in first.segments:
        a, b = seg.x0 + offset[0], seg.x1 + offset[0]
        if any(a + 1 < e < b - 1 for e in edges):
            return False
        cols.add(bisect.bisect_left(edges, (a + b) / 2))
    return len(cols) >= 2


# --- pages and the document


@dataclass
class _RawPage:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule]
    images: int
    glyph_count: int
    unmapped_count: int  # characters with no text behind them: (cid:NNN), controls, private use
    lattices: list[tuple[Box, list[Box]]] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)
    bands: list[tuple[float, float]] = field(default_factory=list)
    floats: list[Box] = field(default_factory=list)
    diagonals: list[Box] = field(default_factory=list)
    graphics: list[Graphic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what the reader could not read here


def _visible_edge_source(obj: dict[str, Any]) -> bool:
    """Drawing objects whose edges a reader sees (white or invisible ones are traps)."""
    kind = obj.get("object_type")
    if kind == "line":
        return not _is_white(obj.get("stroking_color"))
    if kind in ("rect", "curve"):
        stroked = obj.get("stroke") and not _is_white(obj.get("stroking_color"))
        filled = obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
        return bool(stroked or filled)
    return False


def _unmapped(text: str) -> bool:
    """A character printed with no text behind it: pdfminer's (cid:NNN) for a glyph its font
    maps to nothing, or a control or private-use code point a broken map gives instead."""
    ink = text.strip()
    return ink.startswith("(cid:") or (
        bool(ink) and all(unicodedata.category(ch) in ("Cc", "Co", "Cn") for ch in ink)
    )


def _box_key(obj: dict[str, Any]) -> tuple[Any, ...]:
    return (obj.get("x0"), obj.get("top"), obj.get("x1"), obj.get("bottom"), obj.get("fill"))


def _shade_on_shade(rects: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """Shaded boxes lying inside a larger box of the same shade: their edges print nothing.
    Word shades a cell, then each line of text in it again, and those inner edges would cut
    the cell into one row per line."""
    fills = [
        r
        for r in rects
        if r.get("fill") and not r.get("stroke") and min(r["width"], r["height"]) > 2.5
    ]
    if len(fills) > 2000:
        return set()
    out = set()
    for r in fills:
        for o in fills:
            if (
                o is not r
                and o.get("non_stroking_color") == r.get("non_stroking_color")
                and o["x0"] <= r["x0"] + 1
                and o["top"] <= r["top"] + 1
                and o["x1"] >= r["x1"] - 1
                and o["bottom"] >= r["bottom"] - 1
                and o["width"] * o["height"] > r["width"] * r["height"]
            ):
                out.add(_box_key(r))
                break
    return out


def _unmapped_in_words(chars: list[dict[str, Any]]) -> int:
    """Characters with no text behind them set between two that have, on the same line: a
    font whose map is partly broken ("以习近\x7f新时代" for 平, as Ghostscript re-encodes a
    browser's fonts). A control code or (cid:NNN) never stands in a word; a private-use one
    does as a symbol font's bracket or icon, so a run of those counts only between ideographs
    (a rare character the font maps to nothing). A bullet before a line's text, or a mark set
    apart by spaces, harms no word; those beside figures are told by ``_unmapped_in_figures``."""

    def reads(j: int, c: dict[str, Any]) -> str:
        """The neighbour's text when it is a mapped, inked character on ``c``'s line."""
        if not 0 <= j < len(chars):
            return ""
        other = chars[j]
        text: str = other["text"].strip()
        same_line = abs(other["top"] - c["top"]) < 0.5 * max(c["size"], 1.0)
        if not text or _unmapped(text) or FIGURE_CHAR.fullmatch(text) or not same_line:
            return ""
        return text

    count, i = 0, 0
    while i < len(chars):
        if not _unmapped(chars[i]["text"]):
            i += 1
            continue
        end = i
        while end < len(chars) and _unmapped(chars[end]["text"]):
            end += 1
        run = [c["text"].strip() for c in chars[i:end]]
        before, after = reads(i - 1, chars[i]), reads(end, chars[end - 1])
        private = all(not t.startswith("(cid:") and unicodedata.category(t[0]) != "Cc" for t in run)
        if before and after and (not private or (is_ideograph(before) and is_ideograph(after))):
            count += len(run)
        i = end
    return count


def _unmapped_in_figures(chars: list[dict[str, Any]]) -> int:
    """Characters with no text behind them set next to a digit ("9\ue038.3": an 8 its font
    maps to nothing); a lone unmapped bullet before a line's text harms no figure."""
    return sum(
        1
        for i, c in enumerate(chars)
        if _unmapped(c["text"])
        and any(
            0 <= j < len(chars) and FIGURE_CHAR.fullmatch(chars[j]["text"]) for j in (i - 1, i + 1)
        )
    )


def _lattices(page: Any, rules: list[Rule]) -> list[tuple[Box, list[Box]]]:
    """pdfplumber's ruled tables (its "lines" strategy) on the visible drawing objects only."""
    if sum(1 for r in rules if r.horizontal) < 2 or sum(1 for r in rules if not r.horizontal) < 2:
        return []
    seams = _shade_on_shade(page.rects)
    try:
        tables = page.filter(
            lambda obj: _visible_edge_source(obj) and _box_key(obj) not in seams
        ).find_tables()
    except Exception:  # a drawing pdfplumber cannot resolve: our own lattice still runs
        return []
    out = []
    for t in tables:
        cells = [tuple(float(v) for v in c) for c in t.cells]
        if len(cells) >= 2:
            out.append((tuple(float(v) for v in t.bbox), cells))
    return out  # type: ignore[return-value]


def _is_box(points: Sequence[tuple[float, float]]) -> bool:
    """Four corners (and the first again) of a box with level and upright sides."""
    pts = list(points)
    if len(pts) == 5 and _near(pts[0], pts[4]):
        pts = pts[:4]
    if len(pts) != 4:
        return False
    sides = list(zip(pts, [*pts[1:], pts[0]], strict=True))
    level = [abs(a[1] - b[1]) < 0.01 and abs(a[0] - b[0]) >= 0.01 for a, b in sides]
    upright = [abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) >= 0.01 for a, b in sides]
    return all(x != y for x, y in zip(level, upright, strict=True)) and level[0] != level[1]


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) < 0.01


def _square_up(page: Any) -> None:
    """Drawing under a transform written with computed cosines (6.1e-17 for cos 90°, as a page
    turned by pypdf has it) is squared up: pdfminer keeps only exactly square corners as a
    rect, and such a box came as a curve (shaded header cells that shaded nothing)."""
    objects = page.objects
    for ln in objects.get("line", []):
        # a level line a hair off level (top 110.05, bottom 110.05000000000001) was taken by
        # pdfplumber's lattice for an upright one
        if 0 < abs(ln["bottom"] - ln["top"]) < 0.01:
            ln["bottom"], ln["y0"] = ln["top"], ln["y1"]
        if 0 < abs(ln["x1"] - ln["x0"]) < 0.01:
            ln["x1"] = ln["x0"]
    curves = objects.get("curve", [])
    boxes = [c for c in curves if _is_box(c.get("pts") or [])]
    if boxes:
        objects["curve"] = [c for c in curves if not any(c is b for b in boxes)]
        objects.setdefault("rect", []).extend({**b, "object_type": "rect"} for b in boxes)


def glyphs_from_chars(chars: list[dict[str, Any]], page_turn: str = "") -> list[Glyph]:
    return [
        Glyph(
            fold_lookalikes(c["text"]),
            float(c["x0"]),
            float(c["x1"]),
            float(c["top"]),
            float(c["bottom"]),
            float(c["size"]),
            turn="" if page_turn else _char_turn(c),
        )
        for c in chars
    ]


def _char_turn(c: dict[str, Any]) -> str:
    """ "up" or "down" for a character set sideways (reading bottom to top, or top to bottom).

    From the text matrix alone: pdfminer's ``upright`` flag holds for a quarter turn written
    with computed cosines (6.1e-17 for cos 90°, as pypdf's ``rotate`` writes it)."""
    matrix = c.get("matrix") or (1, 0, 0, 1, 0, 0)
    if abs(matrix[0]) > 0.1 * abs(matrix[1]):
        return ""
    return "down" if matrix[1] < 0 else "up"


def _read_page(page: Any, number: int) -> _RawPage:
    _tag_sequence(page)
    read_layout(page)
    _square_up(page)
    ocr = _ocr_layer(page)
    chars = _visible_chars(page, ocr)
    if ocr:
        chars = _without_word_spaces(chars)
    x_off, y_off = float(page.bbox[0]), float(page.bbox[1])
    if x_off or y_off:
        for c in chars:
            c["x0"] -= x_off
            c["x1"] -= x_off
            c["top"] -= y_off
            c["bottom"] -= y_off
    unmapped_count = sum(1 for c in chars if _unmapped(c["text"]))
    width, height = float(page.width), float(page.height)
    turn = _text_turn(chars)
    notices = []
    if turn:
        # the page is read turned: text set upright on it cannot be read in the same frame
        upright = [c for c in chars if not _char_turn(c) and c["text"].strip()]
        body = [c for c in upright if not margin_band(c["top"], c["bottom"], height)]
        if body:
            notices.append(
                f"page {number}: {len(body)} characters set upright beside a sideways table"
                " were not read"
            )
        chars = [_turn_char(c, turn, width, height) for c in chars if _char_turn(c)]
    if ocr:
        notices.append(
            f"page {number}: its text is an invisible layer over a picture (a scanned page's"
            " OCR): read as it is, recognition errors and all"
        )
    in_figures = _unmapped_in_figures(chars)
    if in_figures:
        notices.append(
            f"page {number}: {in_figures} characters inside figures have no Unicode map (a font"
            " without one): those figures are not read"
        )
    in_words = _unmapped_in_words(chars)
    if in_words:
        notices.append(
            f"page {number}: {in_words} characters inside words have no Unicode map (a font"
            " whose map is partly broken): those words read wrong"
        )
    glyphs = glyphs_from_chars(chars, turn)
    lines = split_figure_columns(
        [ln for ln in (make_line(g) for g in cluster_lines(glyphs)) if ln is not None]
    )
    rules = _rules(page, lines if not turn else [], (x_off, y_off))
    columns: list[tuple[float, float]] = []
    bands: list[tuple[float, float]] = []
    if not turn:
        lines, columns, bands = read_columns(lines, rules, width, height)
    lines = join_spread_cells(join_stacked_labels(lines, rules))
    lattices = _lattices(page, rules)
    graphics = _graphics(page)
    fills = [g.box for g in graphics if g.kind == "fill"]
    floats = float_boxes(lines, rules, fills) if not turn else []
    lines = beside_boxes(lines, [box for box, _ in lattices] + ruled_boxes(rules) + floats)
    diagonals = _diagonals(page)
    if x_off or y_off:
        rules = [Rule(r.x0 - x_off, r.top - y_off, r.x1 - x_off, r.bottom - y_off) for r in rules]
        diagonals = [_shift(box, x_off, y_off) for box in diagonals]
        floats = [_shift(box, x_off, y_off) for box in floats]
        graphics = [Graphic(_shift(g.box, x_off, y_off), g.kind) for g in graphics]
        lattices = [
            (_shift(box, x_off, y_off), [_shift(c, x_off, y_off) for c in cells])
            for box, cells in lattices
        ]
    if turn:
        rules = [_turn_rule(r, turn, width, height) for r in rules]
        lattices = [
            (
                _turn_box(box, turn, width, height),
                [_turn_box(c, turn, width, height) for c in cells],
            )
            for box, cells in lattices
        ]
        diagonals = [_turn_box(box, turn, width, height) for box in diagonals]
        graphics = [Graphic(_turn_box(g.box, turn, width, height), g.kind) for g in graphics]
        width, height = height, width
    return _RawPage(
        number,
        width,
        height,
        lines,
        rules,
        len(page.images),
        len(glyphs),
        unmapped_count,
        lattices,
        columns,
        bands,
        floats,
        diagonals,
        graphics,
        notices,
    )


def _text_turn(chars: list[dict[str, Any]]) -> str:
    """ "down" or "up" when most text on the page runs vertically (a table set sideways)."""
    counts: Counter[str] = Counter()
    for c in chars:
        if not c["text"].strip():
            continue
        counts[_char_turn(c) or "upright"] += 1
    if not counts:
        return ""
    kind, n = counts.most_common(1)[0]
    return kind if kind != "upright" and n >= 0.6 * sum(counts.values()) else ""


def _turn_box(box: Box, turn: str, width: float, height: float) -> Box:
    """A box in the coordinates of the page turned so that its text reads left to right."""
    x0, top, x1, bottom = box
    if turn == "down":  # text runs down the page: turn the page anticlockwise to read it
        return (top, width - x1, bottom, width - x0)
    return (height - bottom, x0, height - top, x1)


def _turn_char(c: dict[str, Any], turn: str, width: float, height: float) -> dict[str, Any]:
    x0, top, x1, bottom = _turn_box((c["x0"], c["top"], c["x1"], c["bottom"]), turn, width, height)
    return {**c, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "size": bottom - top}


def _turn_rule(r: Rule, turn: str, width: float, height: float) -> Rule:
    return Rule(*_turn_box((r.x0, r.top, r.x1, r.bottom), turn, width, height))


def _shift(box: Box, dx: float, dy: float) -> Box:
    return (box[0] - dx, box[1] - dy, box[2] - dx, box[3] - dy)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _lone_header(line: Line, lines: list[Line]) -> bool:
    """On a one-page document no running header comes back to be recognised by: the page's
    first line, one piece of text in smaller type than the body, set well apart above it, is
    one (the report's name over the page, as Word's header prints it)."""
    first = min(lines, key=lambda x: x.top)
    sizes = [x.size for x in lines if x is not line]
    if line is not first or not sizes or len(line.segments) != 1:
        return False
    below = [x for x in lines if x.top > line.bottom]
    gap = min((x.top for x in below), default=line.bottom) - line.bottom
    return (
        line.size <= 0.9 * statistics.median(sizes)
        and gap >= 1.5 * (line.bottom - line.top)
        and parse_caption(line.text) is None
    )


def _split_margins(pages: list[_RawPage]) -> list[PageLayout]:
    """Set apart running headers, footers and page numbers, and the rules that go with them.

    A line in the top or bottom band of a page is running matter when it is a page number
    ("— 3 —", "- 3 -", "第3页") or when the same text (digits ignored) comes back on other
    pages in the same band. Rules in those bands that recur at the same place on many pages are
    decoration under a running header, not table ruling.
    """
    n = len(pages)
    shapes: Counter[tuple[str, str]] = Counter()
    foot_texts: Counter[str] = Counter()  # lines at page feet, word for word
    rule_pos: Counter[tuple[int, int, int]] = Counter()
    for p in pages:
        seen: set[tuple[str, str]] = set()
        for ln in p.lines:
            band = margin_band(ln.top, ln.bottom, p.height)
            if band:
                seen.add((band, _shape(ln.text)))
        shapes.update(seen)
        foot_texts.update(
            {ln.text for ln in p.lines if margin_band(ln.top, ln.bottom, p.height) == "bottom"}
        )
        rule_pos.update(
            {
                (round(r.top / 3), round(r.x0 / 5), round(r.x1 / 5))
                for r in p.rules
                if r.horizontal and margin_band(r.top, r.bottom, p.height)
            }
        )
    repeat_min = 2 if n <= 4 else max(2, int(0.2 * n))
    out = []
    # the width the text is set across, on most pages (a page of a header alone sets none)
    measure = statistics.median(_measure(p.lines) for p in pages) if pages else 0.0
    for p in pages:
        label = None
        running = [
            ln
            for ln in p.lines
            if (band := margin_band(ln.top, ln.bottom, p.height))
            and (
                PAGE_NUMBER.match(ln.text)
                or (n == 1 and _lone_header(ln, p.lines))
                or (
                    n > 1
                    and shapes[(band, _shape(ln.text))] >= repeat_min
                    # a line of prose across the whole measure that a document says twice
                    # (boilerplate) is no running header, wherever the page breaks
                    and not _boilerplate(ln, p, measure)
                    and not (
                        _heads_rows(ln, p.lines)
                        if band == "top"
                        else _closes_rows(ln, p, foot_texts[ln.text] >= repeat_min)
                    )
                    and not _in_lattice(ln, p.lattices)
                    # two tables with the same title pattern (表2, 表11) may both open a page
                    and parse_caption(ln.text) is None
                )
            )
        ]
        margin = _outermost(running, p.lines, p.height)
        body = [ln for ln in p.lines if not any(ln is m for m in margin)]
        for ln in margin:
            if PAGE_NUMBER.match(ln.text):
                label = re.sub(r"[^\d]", "", ln.text)[:4] or None
        rules = []
        verticals = [r for r in p.rules if not r.horizontal]
        # a three-line table opening a page puts its top rule where another page's table put
        # it: a rule with a row of cells right under it is a table's, and so is any rule under
        # that one (the rule under the table's header)
        opened = min(
            (
                r.top
                for r in p.rules
                if r.horizontal
                and margin_band(r.top, r.bottom, p.height) == "top"
                and _opens_rows(r, p.lines)
            ),
            default=p.height,
        )
        for r in p.rules:
            key = (round(r.top / 3), round(r.x0 / 5), round(r.x1 / 5))
            if (
                r.horizontal
                and margin_band(r.top, r.bottom, p.height)
                and rule_pos[key] >= max(3, n // 2)
                # a grid continued at the top of each page repeats its rules too
                and not any(_crosses(v, r) for v in verticals)
                and r.top < opened - 1
            ):
                continue
            if r.horizontal and margin and _near_margin_text(r, margin, p.height):
                continue
            rules.append(r)
        out.append(
            PageLayout(
                p.number,
                p.width,
                p.height,
                body,
                rules,
                margin,
                p.images,
                p.glyph_count,
                label,
                p.lattices,
                p.columns,
                p.bands,
                p.floats,
                p.diagonals,
                notices=p.notices,
            )
        )
    _set_figures_apart(out, [p.graphics for p in pages])
    return out


def _set_figures_apart(pages: list[PageLayout], graphics: list[list[Graphic]]) -> None:
    """Take what captioned charts print off the pages: their labels, gridlines and axes. A
    chart and its caption may sit either side of a page break."""
    # what the running header and footer draw (a rule, a logo) is no part of a chart
    drawn = [
        [g for g in on_page if not margin_band(g.box[1], g.box[3], page.height)]
        for page, on_page in zip(pages, graphics, strict=True)
    ]
    found = [figure_boxes(page.lines, on_page) for page, on_page in zip(pages, drawn, strict=True)]
    for i, page in enumerate(pages):
        figures = list(found[i].boxes)
        if i and (size := found[i - 1].chart_on_next_page):
            figures.append(chart_at_edge(page.lines, drawn[i], size, top=True))
        if i + 1 < len(pages) and (size := found[i + 1].chart_on_page_before):
            figures.append(chart_at_edge(page.lines, drawn[i], size, top=False))
        figures = [box for box in figures if box is not None]
        if not figures:
            continue
        page.figures = figures
        page.lines = [
            ln for ln in page.lines if not within((ln.x0, ln.top, ln.x1, ln.bottom), figures)
        ]
        page.rules = [r for r in page.rules if not within((r.x0, r.top, r.x1, r.bottom), figures)]
        page.lattices = [(box, cells) for box, cells in page.lattices if not within(box, figures)]
        page.diagonals = [box for box in page.diagonals if not within(box, figures)]


def _outermost(running: list[Line], lines: list[Line], height: float) -> list[Line]:
    """Running matter is the page's outermost text: a recurring line with body text above it
    (at the top) or below it (at the foot) is the body's — a table's total row or 数据来源
    line that a continued table happens to print at the same place on two pages."""
    others = [ln for ln in lines if not any(ln is r for r in running)]

    def outside(r: Line) -> bool:
        if margin_band(r.top, r.bottom, height) == "top":
            return not any(o.bottom <= r.top + 0.5 for o in others)
        return not any(o.top >= r.bottom - 0.5 for o in others)

    return [r for r in running if outside(r)]


def _in_lattice(line: Line, lattices: list[tuple[Box, list[Box]]]) -> bool:
    """Text inside a ruled table is never running matter, however often it repeats."""
    x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b, _ in lattices)


def _crosses(vertical: Rule, horizontal: Rule, tol: float = 2.0) -> bool:
    return (
        horizontal.x0 - tol <= vertical.x0 <= horizontal.x1 + tol
        and vertical.top - tol <= horizontal.top <= vertical.bottom + tol
    )


def _measure(lines: list[Line]) -> float:
    """The width the page's text is set across."""
    return max((ln.x1 for ln in lines), default=0.0) - min((ln.x0 for ln in lines), default=0.0)


def line_below(line: Line, lines: Sequence[Line]) -> Line | None:
    """The next line down the page (one that starts over half a line lower)."""
    height = line.bottom - line.top
    return min(
        (ln for ln in lines if ln.top > line.top + 0.5 * height),
        key=lambda ln: ln.top,
        default=None,
    )


def line_above(line: Line, lines: Sequence[Line]) -> Line | None:
    """The line before, up the page (one that ends over half a line higher)."""
    height = line.bottom - line.top
    return max(
        (ln for ln in lines if ln.bottom < line.bottom - 0.5 * height),
        key=lambda ln: ln.bottom,
        default=None,
    )


def _rule_between(upper: Line, lower: Line, rules: list[Rule]) -> bool:
    return any(r.horizontal and upper.bottom - 1 <= r.top <= lower.top + 1 for r in rules)


def _boilerplate(line: Line, page: _RawPage, measure: float) -> bool:
    """A line of prose across the whole measure, that the next line goes on from at the
    paragraph's leading with no rule between: a sentence the document says twice, which two
    pages happen to open on. A running header stands apart from the text under it (a rule,
    or more space), even one set across the whole width."""
    if len(line.segments) != 1 or line.x1 - line.x0 < 0.9 * measure:
        return False
    nxt = line_below(line, page.lines)
    return (
        nxt is not None
        and nxt.top - line.bottom < 0.8 * (line.bottom - line.top)
        and not _rule_between(line, nxt, page.rules)
    )


def _heads_rows(line: Line, lines: list[Line]) -> bool:
    """A repeated line at a page top that is a table's header row printed again on each page of
    a long table: several cells, with a row of cells following right under it (a running header
    stands apart from the body)."""
    if len(line.segments) < 2:
        return False
    nxt = line_below(line, lines)
    return (
        nxt is not None
        and len(nxt.segments) >= 2
        and nxt.top - line.bottom < 1.2 * (line.bottom - line.top)
    )


def _closes_rows(line: Line, page: _RawPage, word_for_word: bool) -> bool:
    """A line at a page foot, of a shape that recurs there, that is a table's row all the same:
    the rows of a long table fill each page to its foot ("2023年6月 10 92.5%" here, "2027年2月
    12 96.5%" on the next page). It goes on a run of rows set as close as rows, cell under cell
    and with no rule between them, up out of the foot band. A footer stands apart, its cells
    under no column ("某区市场监督管理局    2023年3月"), and says the same word for word."""
    if word_for_word or _NUMBERED_PAGE.search(line.text):
        return False
    current = line
    while len(current.segments) >= 2:
        prev = line_above(current, page.lines)
        if (
            prev is None
            or len(prev.segments) < 2
            or current.top - prev.bottom >= 1.2 * (current.bottom - current.top)
            or not all(
                any(min(s.x1, o.x1) > max(s.x0, o.x0) for o in prev.segments)
                for s in current.segments
            )
            or _rule_between(prev, current, page.rules)
        ):
            return False
        if not margin_band(prev.top, prev.bottom, page.height):
            return True
        current = prev
    return False


def _opens_rows(rule: Rule, lines: list[Line]) -> bool:
    """A horizontal rule with a line of several cells right under it, within its width: the
    top rule of a table (a running header's rule stands apart from the body under it)."""
    below = [ln for ln in lines if ln.top >= rule.top - 1 and rule.x0 - 2 <= ln.x0]
    below = [ln for ln in below if ln.x1 <= rule.x1 + 2]
    if not below:
        return False
    nxt = min(below, key=lambda ln: ln.top)
    height = nxt.bottom - nxt.top
    return len(nxt.segments) >= 2 and nxt.top - rule.top < 0.8 * height


def _near_margin_text(rule: Rule, margin: list[Line], height: float) -> bool:
    """A rule just under a running header or just over a footer belongs to it."""
    for ln in margin:
        if margin_band(ln.top, ln.bottom, height) == "top":
            if 0 <= rule.top - ln.bottom <= 6:
                return True
        elif 0 <= ln.top - rule.top <= 6:
            return True
    return False


@dataclass
class PdfDocument:
    path: Path
    pages: list[PageLayout]

    @property
    def spaces_scripts(self) -> bool:
        """Latin words and CJK text meet with a space on most of its lines that mix them."""
        spaced = tight = 0
        for page in self.pages:
            for ln in page.lines:
                for seg in ln.segments:
                    for m in LATIN_CJK.finditer(seg.text):
                        if m.group(1) or m.group(2):
                            spaced += 1
                        else:
                            tight += 1
        return spaced >= 5 and spaced > tight


def _spans(pages: set[int]) -> str:
    """{1, 2, 3, 7} → "1-3, 7": the pages a message is about, as a reader would write them."""
    runs: list[list[int]] = []
    for n in sorted(pages):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def read_document(path: Path, pages: set[int] | None = None) -> PdfDocument:
    """Visible layout of every page (or the chosen 1-based ``pages``); bad PDFs → SourceError."""
    raw: list[_RawPage] = []
    with open_pdf(path) as pdf:
        total = len(pdf.pages)
        for index, page in enumerate(pdf.pages, start=1):
            if pages is not None and index not in pages:
                continue
            try:
                raw.append(_read_page(page, index))
            except SourceError:
                raise
            except Exception as exc:
                raise SourceError(
                    path, f"corrupt PDF: page {index} unreadable ({type(exc).__name__}: {exc})"
                ) from exc
            finally:
                page.close()
    glyphs = sum(p.glyph_count for p in raw)
    if glyphs == 0:
        if any(p.images for p in raw):
            raise SourceError(
                path, "no text layer: the pages are images (a scanned PDF); it needs OCR"
            )
        if pages is None:
            read = f"none of its {total} pages has any text"
        elif len(pages) == 1:
            read = f"page {_spans(pages)} has no text"
        else:
            read = f"none of pages {_spans(pages)} has any text"
        raise SourceError(path, f"no text layer: {read}")
    unmapped = sum(p.unmapped_count for p in raw)
    if unmapped / glyphs > 0.2:
        raise SourceError(
            path,
            "fonts without a Unicode map: the text comes out as (cid:NNN) codes, control or "
            f"private-use characters ({unmapped} of {glyphs} characters); it needs OCR or a "
            "better export",
        )
    return PdfDocument(path, _split_margins(raw))
