"""Clipping paths, which pdfminer ignores: text clipped away is not on the page a reader sees.

A spreadsheet printed over several pages prints a merged cell's text whole on each page part
it falls on and clips it to that part (LibreOffice Calc: the label of a merged cell broken by
the page, a title merged across columns spilled onto the next page); layout programs clip text
to its frame. pdfminer draws every character all the same, so the hidden copies read as text.
This module reads a page's layout with the clip tracked (as the bounding box of the clipping
paths in force) and tells which characters it hides.
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF space


class _ClipAggregator(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
    """pdfplumber's layout device, each character stamped with the clip it was drawn in."""

    clip: Box | None = None

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        objs = self.cur_item._objs
        n = len(objs)
        advance: float = super().render_char(*args, **kwargs)
        for obj in objs[n:]:
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
    device = _ClipAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    _ClipInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout: LTPage = device.get_result()
    page._layout = layout


def clipped(obj: Any) -> bool:
    """A character the clip in force hides (its middle outside the clip by over a point)."""
    if not isinstance(obj, LTChar):
        return False
    clip = getattr(obj, "clip", None)
    if clip is None:
        return False
    x = (obj.x0 + obj.x1) / 2
    y = (obj.y0 + obj.y1) / 2
    return not (clip[0] - 1 <= x <= clip[2] + 1 and clip[1] - 1 <= y <= clip[3] + 1)
