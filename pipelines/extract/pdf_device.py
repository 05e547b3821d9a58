"""pdfminer's layout device, mended where it misplaces text: clipping paths, which it
ignores, fonts whose metrics hang their glyphs off the baseline, and text it lays out that is
never painted.

Clipping paths: text clipped away is not on the page a reader sees.

A spreadsheet printed over several pages prints a merged cell's text whole on each page part
it falls on and clips it to that part (LibreOffice Calc: the label of a merged cell broken by
the page, a title merged across columns spilled onto the next page); layout programs clip text
to its frame. pdfminer draws every character all the same, so the hidden copies read as text.
This module reads a page's layout with the clip tracked (as the bounding box of the clipping
paths in force) and tells which characters it hides.

Font metrics: pdfminer sets a glyph's box from its font's Descent. A font embedded with one of
more than an em (a CJK font written by cairo: -1048) hangs every glyph wholly under its
baseline, and the Type 3 fonts cairo makes of a browser's glyphs set theirs high over it, each
font at its own height: the figures, words and punctuation beside them, in another font, read
as lines of their own, and the clip of a table's cell hid its text. A glyph of a font whose
Descent no font has is given its em box on its baseline as the device lays it out, before
anything reads its place.

Render modes: text in mode 3 (or 7) is laid out but never painted. A scanned page's OCR layer
is such text, and so is text hidden on purpose; the page reading tells the two apart.
"""

from __future__ import annotations

import functools
from typing import Any

from pdfminer.layout import LTChar, LTPage
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect
from pdfplumber.page import ALL_ATTRS, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF space


# a glyph's em box in horizontal type, under and over its baseline (as SimSun's metrics set it)
_EM_DESCENT = -0.14
# a font's Descent (in em) outside this range is no font's: the box it gives is not the glyph's
_SANE_DESCENT = (-0.5, 0.05)


def _set_on_baseline(char: LTChar, font: PDFFont, fontsize: float, rise: float) -> None:
    """A glyph of a font whose Descent no font has is given its em box on its baseline, as
    pdfminer would with a sane one (a raised or lowered mark keeps its rise)."""
    if font.is_vertical() or _SANE_DESCENT[0] <= font.get_descent() <= _SANE_DESCENT[1]:
        return
    low = _EM_DESCENT * fontsize + rise
    x0, y0, x1, y1 = apply_matrix_rect(char.matrix, (0, low, char.adv, low + fontsize))
    char.set_bbox((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


# text render modes that paint nothing: 3 (neither fill nor stroke), 7 (add to the clip only)
_UNPAINTED_MODES = (3, 7)


class _LayoutDevice(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
    """pdfplumber's layout device, mended: each character set on its baseline and stamped with
    the clip it was drawn in and whether its render mode paints it."""

    clip: Box | None = None
    render_mode = 0

    def render_string(self, textstate: Any, *args: Any) -> None:
        self.render_mode = textstate.render
        super().render_string(textstate, *args)

    def render_char(
        self,
        matrix: Any,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        *args: Any,
    ) -> float:
        objs = self.cur_item._objs
        n = len(objs)
        advance: float = super().render_char(matrix, font, fontsize, scaling, rise, *args)
        for obj in objs[n:]:
            if isinstance(obj, LTChar):
                _set_on_baseline(obj, font, fontsize, rise)
                obj.unpainted = self.render_mode in _UNPAINTED_MODES
            obj.clip = self.clip
        return advance


class _ClipInterpreter(PDFPageInterpreter):  # type: ignore[misc]
    """pdfminer's interpreter keeping the clip: W / W* set it at the next path-painting
    operator, q / Q save and restore it, and a form XObject is drawn inside its caller's."""

    outer: Box | None = None

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self.clip: Box | None = self.outer
        self.clips: list[Box | None] = []
        self.pending: Box | None = None

    def subinterp(self) -> PDFPageInterpreter:
        sub = super().subinterp()
        sub.outer = self.clip
        return sub

    def do_q(self) -> None:
        super().do_q()
        self.clips.append(self.clip)

    def do_Q(self) -> None:
        super().do_Q()
        if self.clips:
            self.clip = self.clips.pop()

    def do_W(self) -> None:
        self.pending = self._path_box()

    def do_W_a(self) -> None:
        self.pending = self._path_box()

    def _path_box(self) -> Box | None:
        points = [
            apply_matrix_pt(self.ctm, (seg[k], seg[k + 1]))
            for seg in self.curpath
            for k in range(1, len(seg) - 1, 2)
        ]
        if not points:
            return None
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))

    def _painted(self) -> None:
        if self.pending is not None:
            box, self.pending = self.pending, None
            if self.clip is not None:
                box = (
                    max(box[0], self.clip[0]),
                    max(box[1], self.clip[1]),
                    min(box[2], self.clip[2]),
                    min(box[3], self.clip[3]),
                )
            self.clip = box

    def do_n(self) -> None:
        super().do_n()
        self._painted()

    def do_S(self) -> None:
        super().do_S()
        self._painted()

    def do_f(self) -> None:
        super().do_f()
        self._painted()

    def do_F(self) -> None:
        super().do_F()
        self._painted()

    def do_f_a(self) -> None:
        super().do_f_a()
        self._painted()

    def do_B(self) -> None:
        super().do_B()
        self._painted()

    def do_B_a(self) -> None:
        super().do_B_a()
        self._painted()

    def do_TJ(self, seq: Any) -> None:
        self.device.clip = self.clip
        super().do_TJ(seq)


def read_layout(page: Any) -> None:
    """Lay out a pdfplumber page as pdfplumber does, the clip tracked (before its objects are
    first read)."""
    if hasattr(page, "_layout"):
        return
    device = _LayoutDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    _ClipInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout: LTPage = device.get_result()
    page._layout = layout


def unpainted(obj: Any) -> bool:
    """A character laid out in a render mode that paints nothing: an OCR layer over a scanned
    page, or text hidden on purpose."""
    return bool(getattr(obj, "unpainted", False))


def clipped(obj: Any) -> bool:
    """A character the clip in force hides: less than a quarter of its box lies inside (a
    point's grace round the clip). A glyph whose ink fills a strip of its box, clipped to that
    strip (cairo clips a vertical bracket ︵ so), shows. One cut by the clip's side shows when
    its middle is inside: a sheet's columns spilled onto the next page print the text of a
    cell merged across the cut on both pages, each clipped to its page, and the glyph the cut
    halves belongs to one of them."""
    if not isinstance(obj, LTChar):
        return False
    clip = getattr(obj, "clip", None)
    if clip is None:
        return False
    inside_x = min(obj.x1, clip[2] + 1) - max(obj.x0, clip[0] - 1)
    inside_y = min(obj.y1, clip[3] + 1) - max(obj.y0, clip[1] - 1)
    if inside_x <= 0 or inside_y <= 0 or not clip[0] - 1 <= (obj.x0 + obj.x1) / 2 <= clip[2] + 1:
        return True
    area = (obj.x1 - obj.x0) * (obj.y1 - obj.y0)
    return area > 0 and inside_x * inside_y < 0.25 * area


_PLAIN = frozenset((float, int, bool, str, type(None)))


def _plain(value: Any) -> bool:
    """A value pdfplumber's resolving leaves as it is (a number, a flag, a name, a matrix)."""
    kind = type(value)
    return kind in _PLAIN or (kind is tuple and all(type(v) in _PLAIN for v in value))


@functools.lru_cache(maxsize=64)
def _colour_space(name: str) -> Any:
    """A colour space's name as pdfplumber decodes it; pages name a handful, over and over."""
    return resolve_and_decode(name)


def char_record(page: Any, obj: Any) -> dict[str, Any] | None:
    """pdfplumber's record of a character, made without its generic path (which resolves
    every attribute of every object, and was an eighth of a page's reading), equal to it key
    for key; None where pdfplumber would change what it reads (a byte-named font, Unicode
    normalisation), and for anything but a character."""
    if type(obj) is not LTChar or page.pdf.unicode_norm is not None:
        return None
    fields = obj.__dict__
    if isinstance(fields.get("fontname"), bytes):
        return None
    record = {k: v if _plain(v) else resolve_all(v) for k, v in fields.items() if k in ALL_ATTRS}
    record["object_type"] = "char"
    record["page_number"] = page.page_number
    record["ncs"] = _colour_space(obj.ncs.name)
    record["text"] = obj.get_text()
    state = obj.graphicstate
    record["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
    record["non_stroking_color"] = (
        state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
    )
    mb_x0, mb_top = page.mediabox[:2]
    record["top"] = (page.height - record["y1"]) + mb_top
    record["bottom"] = (page.height - record["y0"]) + mb_top
    record["doctop"] = page.initial_doctop + record["top"]
    if mb_x0 != 0:
        record["x0"] = record["x0"] + mb_x0
        record["x1"] = record["x1"] + mb_x0
    return record
