"""The printed text as lines: visible characters (glyphs) grouped into the segments of a line
and the lines of a page, and the rules drawn among them.

Every reader of a PDF page works on these shapes: the page reading (``pdf_layout``) makes them
from pdfplumber's characters, the column split (``pdf_columns``), the table finders and the prose
reader take them apart. They hold no pdfplumber object, so tests build them by hand.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cached_property

from pipelines.model.values import PLACEHOLDERS

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")  # ideographs, CJK and full-width punctuation
_HAN = "\u4e00-\u9fff"  # the unified ideographs alone
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class Glyph:
    """One visible character; ``sup`` marks a raised, smaller character (footnote mark)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    sup: bool = False
    turn: str = ""  # "up" / "down": set sideways on an upright page, reading up or down


@dataclass
class Segment:
    """Characters of one line that sit together: a cell's text on that line."""

    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # glyphs spread evenly over a cell (分散对齐): one piece of text however wide its gaps
    spread: bool = False

    @classmethod
    def from_glyphs(cls, glyphs: list[Glyph], spread: bool = False) -> Segment:
        """The segment of ``glyphs`` (spaces among them are kept for joining the text): it spans
        their ink left to right; top, bottom and size are those of the glyphs on the line, not
        of raised marks (footnote marks), unless it has nothing else."""
        ink = [g for g in glyphs if g.text.strip()]
        body = [g for g in ink if not g.sup] or ink
        return cls(
            glyphs,
            min(g.x0 for g in ink),
            max(g.x1 for g in ink),
            min(g.top for g in body),
            max(g.bottom for g in body),
            statistics.median(g.size for g in body),
            spread,
        )

    # cached: the glyphs never change once laid out, and tables and prose ask again and again
    @cached_property
    def text(self) -> str:
        return glyph_text(self.glyphs)

    @cached_property
    def marked(self) -> str:
        if not any(g.sup for g in self.glyphs):
            return self.text  # nothing raised to mark
        return glyph_text(self.glyphs, mark_sup=True)


@dataclass
class Line:
    """A printed text line: segments left to right, separated by wide gaps."""

    segments: list[Segment]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    def part(self, x0: float, x1: float) -> Line | None:
        """The line's segments whose middle lies from ``x0`` to ``x1``, as a line (the line
        itself when all do, None when none does)."""
        segments = [s for s in self.segments if x0 <= (s.x0 + s.x1) / 2 <= x1]
        if len(segments) == len(self.segments):
            return self
        return Line.of(segments) if segments else None

    @classmethod
    def of(cls, segments: list[Segment]) -> Line:
        """The line these segments (left to right) make, as tall and wide as they are."""
        return cls(
            segments,
            min(seg.x0 for seg in segments),
            max(seg.x1 for seg in segments),
            min(seg.top for seg in segments),
            max(seg.bottom for seg in segments),
            max(seg.size for seg in segments),
        )

    @property
    def middle(self) -> float:
        """Where the line stands: its glyphs may reach a little above or below its place."""
        return (self.top + self.bottom) / 2

    @cached_property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @cached_property
    def marked(self) -> str:
        return " ".join(s.marked for s in self.segments)


@dataclass(frozen=True)
class Rule:
    """A visible ruling line; rectangles thin enough to be lines count too."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def length(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)


# --- text from glyphs


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# whether the document being read sets Latin words apart from CJK text by a space on its lines
# ("BEE&FLOWER 及图"): a line wrapped between the two then had a space there too
spaced_scripts: ContextVar[bool] = ContextVar("spaced_scripts", default=False)
LATIN_CJK = re.compile(f"[A-Za-z]( ?)[{_HAN}]|[{_HAN}]( ?)[A-Za-z]")
_IDEOGRAPH = re.compile(f"[{_HAN}]")


# brackets set upright in a vertical label, one to a line like its ideographs (场/（/厂/）)
_STACKED_MARKS = "（）〔〕【】《》"


def is_ideograph(text: str) -> bool:
    """A unified CJK ideograph (not CJK punctuation or full-width forms)."""
    return bool(_IDEOGRAPH.fullmatch(text))


def _latin_han(a: str, b: str) -> bool:
    return a.isascii() and a.isalpha() and is_ideograph(b)


def join_wrapped(first: str, second: str) -> str:
    """Join two lines of one cell or paragraph: Latin text keeps a space, CJK joins directly
    (between a Latin word and CJK text, as the document does on its lines)."""
    if not first:
        return second
    if not second:
        return first
    a, b = first[-1], second[0]
    if a.isspace() or b.isspace():
        return first + second
    if _CJK.match(a) or _CJK.match(b):
        if spaced_scripts.get() and (_latin_han(a, b) or _latin_han(b, a)):
            return f"{first} {second}"
        return first + second
    if _HANGUL.match(a) and _HANGUL.match(b):
        return f"{first} {second}"  # Korean sets words apart: a line wraps between two
    if not a.isascii() and not b.isascii():
        return first + second
    if (
        _FIGURE_BROKEN.search(first)
        and re.match(r"[\d.%]", second)
        and not _YEAR_START.match(second)
    ):
        return first + second  # 整改率为1|00%, GB/T 43210-|2023: one figure broken by the wrap
    return f"{first} {second}"


# the end of a line that breaks a figure: digits (or 95., 43210-) right after CJK text
# (after an ideograph, not 表3 or 第1; a year opening the next line is a figure of its own)
_FIGURE_BROKEN = re.compile(rf"(?![表图第号])[{_HAN}]\d+(?:\.\d*)?$|\d-$")
FIGURE_CHAR = re.compile(r"[\d.%]")  # a character of a printed figure
FIGURE_TEXT = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?\s*[%‰]?")  # a printed figure, alone
_YEAR_START = re.compile(r"(?:19|20)\d\d年")


def is_cjk(ch: str) -> bool:
    """A CJK ideograph or CJK/full-width punctuation: text set without spaces."""
    return bool(_CJK.match(ch))


def _gaps(glyphs: list[Glyph]) -> list[float]:
    ink = [g for g in glyphs if g.text.strip() and not g.sup]
    return [b.x0 - a.x1 for a, b in itertools.pairwise(ink)]


def _tracking(glyphs: list[Glyph]) -> tuple[float, bool]:
    """The gap a justified or letter-spaced CJK line puts between every two glyphs, and whether
    it holds for the Latin words and figures in it too: three or more gaps, most of them that
    wide, on a line with CJK text (Latin text sets words apart by spaces: it has no such gap)."""
    gaps = _gaps(glyphs)
    if not gaps:
        return (0.0, False)
    base = max(0.0, statistics.median(gaps))
    even = sum(1 for gap in gaps if abs(gap - base) <= max(0.5, 0.15 * base))
    han = any(is_cjk(g.text) for g in glyphs)
    return (base, han and len(gaps) >= 3 and even >= 0.6 * len(gaps))


def glyph_text(glyphs: list[Glyph], mark_sup: bool = False) -> str:
    """Text of glyphs on one line, inserting a space where the gap is as wide as one."""
    ink = [g for g in glyphs if g.text.strip()]
    if (
        len(ink) >= 6
        and len(glyphs) - len(ink) >= 0.8 * (len(ink) - 1)
        and any(is_cjk(g.text) for g in ink)
    ):
        # a space character after every glyph ("全 区 合 格 率 为 9 8 . 5 %") spaces the
        # letters out: the gaps tell words apart, as on a letter-spaced line
        glyphs = ink
    out: list[str] = []
    prev: Glyph | None = None
    in_sup = False
    tracking = _tracking(glyphs)
    tracked = _tracked_figure(glyphs)
    for g in glyphs:
        if prev is not None and g.text != " " and prev.text != " " and id(g) not in tracked:
            gap = g.x0 - prev.x1
            # a justified or letter-spaced line widens every gap: a space is wider than those
            han_pair = is_cjk(prev.text) and is_cjk(g.text)
            base = tracking[0] if tracking[1] or han_pair else 0.0
            if gap - base > 0.28 * max(min(g.size, prev.size), 1.0):
                out.append(" ")
        if mark_sup and g.sup != in_sup:
            out.append("<sup>" if g.sup else "</sup>")
            in_sup = g.sup
        out.append(g.text)
        prev = g
    if in_sup:
        out.append("</sup>")
    return re.sub(r"\s+", " ", "".join(out)).strip()


# --- lines and segments


def cluster_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into printed lines by vertical overlap; small raised glyphs join as sup."""
    if not glyphs:
        return []
    sizes = Counter(round(g.size, 1) for g in glyphs if g.text.strip())
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    normal = [g for g in glyphs if g.size >= 0.75 * body_size or not g.text.strip()]
    small = [g for g in glyphs if g.size < 0.75 * body_size and g.text.strip()]
    rows: list[list[Glyph]] = []
    bounds: list[list[float]] = []  # top, bottom, size
    for g in sorted(normal + small, key=lambda g: (g.top, g.x0)):
        h = g.bottom - g.top
        placed = False
        for idx in range(len(rows) - 1, max(-1, len(rows) - 6), -1):
            top, bottom, size = bounds[idx]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            # type twice the size of the line's or more (a callout's 98.6% beside the body)
            # is a line of its own unless it shares most of its height with the line
            apart = g.text.strip() and max(g.size, size) >= 2 * min(g.size, size)
            if overlap >= 0.5 * (max if apart else min)(h, bottom - top):
                rows[idx].append(g)
                bounds[idx][0] = min(top, g.top) if g.size >= 0.75 * body_size else top
                bounds[idx][1] = max(bottom, g.bottom) if g.size >= 0.75 * body_size else bottom
                placed = True
                break
        if not placed:
            rows.append([g])
            bounds.append([g.top, g.bottom, g.size])
    # small glyphs on their own (superscripts that did not overlap enough) join the line below
    # or above when they sit at its top edge
    merged: list[list[Glyph]] = []
    raised: list[Glyph] = []  # small glyphs set over the top edge of the line after them
    for k, row in enumerate(rows):
        row = raised + row
        raised = []
        if all(g.size < 0.75 * body_size for g in row if g.text.strip()):
            r_top = min(g.top for g in row)
            r_bottom = max(g.bottom for g in row)
            if merged:
                prev = merged[-1]
                p_top = min(g.top for g in prev)
                p_bottom = max(g.bottom for g in prev)
                if p_top - 2 <= r_top <= p_bottom:
                    prev.extend(row)
                    continue
            nxt = rows[k + 1] if k + 1 < len(rows) else None
            inked = any(g.text.strip() for g in row)
            if inked and nxt is not None and any(g.size >= 0.75 * body_size for g in nxt):
                n_top = min(g.top for g in nxt)
                n_bottom = max(g.bottom for g in nxt)
                if r_top < n_top and n_top - 1 <= r_bottom <= (n_top + n_bottom) / 2:
                    raised = row  # 98.3¹ with the mark set higher than the line's top
                    continue
        merged.append(row)
    out = []
    for row in merged:
        line_size = max((g.size for g in row if g.text.strip()), default=body_size)
        base = max((g.bottom for g in row if g.size >= 0.9 * line_size), default=0.0)
        row.sort(key=lambda g: g.x0)
        raised = [
            g.size < 0.8 * line_size and g.bottom < base - 0.2 * line_size and not g.turn
            for g in row
        ]
        out.append(
            [
                Glyph(g.text, g.x0, g.x1, g.top, g.bottom, g.size, up, g.turn)
                for g, up in zip(row, _marks_only(row, raised, line_size), strict=True)
            ]
        )
    return out


def _marks_only(row: list[Glyph], raised: list[bool], line_size: float) -> list[bool]:
    """Raised glyphs that are marks on the text beside them (184², 注①): a run of them set
    against a full-size glyph. A run apart from any (a small table's row beside a chart's
    larger label on the same line) is text of its own, not a superscript."""
    out = [False] * len(row)
    i = 0
    while i < len(row):
        if not raised[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(row) and raised[j + 1] and row[j + 1].x0 - row[j].x1 < line_size:
            j += 1
        before = next((g for g in reversed(row[:i]) if g.text.strip()), None)
        after = next((g for g in row[j + 1 :] if g.text.strip()), None)
        touches = (before is not None and row[i].x0 - before.x1 < line_size) or (
            after is not None and after.x0 - row[j].x1 < line_size
        )
        out[i : j + 1] = [touches] * (j + 1 - i)
        i = j + 1
    return out


def _tracked_figure(glyphs: list[Glyph]) -> set[int]:
    """Glyphs (by id) inside a figure set letter-spaced ("1 2 0 0", "9 8 . 3": character
    spacing on the digits): three or more digits, points and percent signs in a row, every gap
    between them the same and under an em. Two figures side by side ("2021 2022") have no
    gaps inside them as wide as the one between."""
    out: set[int] = set()
    run: list[Glyph] = []
    for g in [*glyphs, None]:
        if g is not None and FIGURE_CHAR.fullmatch(g.text):
            run.append(g)
            continue
        gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
        if (
            len(run) >= 3
            and min(gaps) > 0.1 * run[0].size
            and max(gaps) - min(gaps) <= max(0.3, 0.1 * max(gaps))
            and max(gaps) < run[0].size
        ):
            out.update(id(x) for x in run[1:])
        run = []
    return out


def _spread_out(glyphs: list[Glyph], max_gap: float = 3.0) -> set[int]:
    """Glyphs (by id) that continue a word spread evenly over its cell: four or more CJK
    ideographs in a row with the same gap between each two, of up to ``max_gap`` ems (a
    distributed header such as "指  标  名  称"). Cells of a table in a row are rarely four
    single ideographs at equal distances."""
    ink = [g for g in glyphs if g.text.strip() and not g.sup]
    out: set[int] = set()
    start = 0
    while start < len(ink) - 3:
        end = start + 1
        first = ink[end].x0 - ink[start].x1
        while (
            end < len(ink)
            and is_ideograph(ink[end].text)
            and is_ideograph(ink[end - 1].text)
            and 0 < ink[end].x0 - ink[end - 1].x1 <= max_gap * ink[end].size
            and abs(ink[end].x0 - ink[end - 1].x1 - first) <= max(1.0, 0.1 * first)
            and abs(ink[end].size - ink[start].size) < 0.5
        ):
            end += 1
        if end - start >= 4:
            out.update(id(g) for g in ink[start + 1 : end])
            start = end
        else:
            start += 1
    return out


def _segments(glyphs: list[Glyph], gap_factor: float) -> list[Segment]:
    """Split a line where the gap between glyphs is wider than ``gap_factor`` ems."""
    segs: list[list[Glyph]] = []
    prev_end: float | None = None
    prev_size = 0.0
    spread = _spread_out(glyphs)
    for g in glyphs:
        if not g.text.strip():
            continue
        size = g.size if not g.sup else max(prev_size, g.size)
        wide = prev_end is not None and g.x0 - prev_end > gap_factor * max(size, prev_size, 1.0)
        if prev_end is None or (wide and id(g) not in spread):
            segs.append([g])
        else:
            segs[-1].append(g)
        prev_end = g.x1
        prev_size = size if not g.sup else prev_size
    # keep explicit spaces inside a segment for text joining
    return [Segment.from_glyphs([g for g in glyphs if s[0].x0 <= g.x0 <= s[-1].x0]) for s in segs]


# marks a CJK line gives an em, which a Latin font draws narrower than that
_NARROW_MARKS = "“”‘’·"


def _fill_em_cells(glyphs: list[Glyph]) -> list[Glyph]:
    """On a line of CJK text, a quotation mark or middle dot set from a Latin font is narrower
    than the em the line gives it (cairo sets “ at the start of its em and the next glyph an
    em on): its box is widened over the rest of its em, up to the next glyph. The blank read
    as a space ("指出“ 高质量”"), and as a gap between a table's columns."""
    if not any(is_cjk(g.text) for g in glyphs):
        return glyphs
    out = list(glyphs)
    for i, (g, nxt) in enumerate(itertools.pairwise(glyphs)):
        if g.text in _NARROW_MARKS and g.x1 < nxt.x0 and g.x1 - g.x0 < 0.8 * g.size:
            out[i] = replace(g, x1=min(nxt.x0, g.x0 + g.size))
    return out


def make_line(glyphs: list[Glyph], gap_factor: float = 0.9) -> Line | None:
    segs = _segments(_fill_em_cells(glyphs), gap_factor)
    if not segs:
        return None
    return Line.of(segs)


def _over_one_column(a: float, b: float, below: list[Line]) -> bool:
    """Text under ``a``..``b`` on the lines below: some, one piece per line at most, none
    reaching out of it."""
    found = False
    for m in below:
        hits = [s for s in m.segments if min(s.x1, b) > max(s.x0, a)]
        if len(hits) > 1 or any(s.x0 < a - 2 or s.x1 > b + 2 for s in hits):
            return False
        found = found or bool(hits)
    return found


def _spread_run(ink: list[Glyph], seg_of: list[int], i: int, below: list[Line]) -> int:
    """Length (2 or 3, else 0) of a cell spread out from glyph ``i``: ideographs a segment
    apart each, standing apart from the rest of their segments, all over one column below."""

    def apart(k: int, step: int) -> bool:  # glyph k is its segment's end on that side
        j = k + step
        if j < 0 or j >= len(ink) or seg_of[j] != seg_of[k]:
            return True
        gap = ink[k].x0 - ink[j].x1 if step < 0 else ink[j].x0 - ink[k].x1
        return gap >= 0.3 * ink[k].size

    def ok(k: int, n: int) -> bool:
        if k + n > len(ink) or not all(is_ideograph(g.text) for g in ink[k : k + n]):
            return False
        if any(seg_of[j] == seg_of[j + 1] for j in range(k, k + n - 1)):
            return False
        gaps = [ink[j + 1].x0 - ink[j].x1 for j in range(k, k + n - 1)]
        if n > 2 and max(gaps) - min(gaps) > max(1.0, 0.1 * min(gaps)):
            return False
        return (
            apart(k, -1)
            and apart(k + n - 1, 1)
            and _over_one_column(ink[k].x0, ink[k + n - 1].x1, below)
        )

    pair = ok(i, 2)
    if ok(i, 3) and not (pair and ok(i + 2, 2)):
        return 3
    return 2 if pair else 0


def join_stacked_labels(lines: list[Line], rules: Sequence[Rule]) -> list[Line]:
    """A label set in vertical text (竖排: a merged cell printing 食/品/类 one ideograph a line)
    reads as one label on the line at its middle, as a label centred down its rows is: each
    ideograph was a label of its own, on whichever row it happened to sit. The glyphs of a
    vertical label stand one right under the other, no rule between, at their own pitch: a
    column of one-ideograph cells (优/良, 是/否) in a compact table sits on its rows' lines,
    each level with the other cells of its row."""
    # glyphs of two vertical labels side by side, half a glyph apart in height, may share a
    # printed line and a segment: they are apart where the glyphs' tops part
    pieces = [[p for seg in ln.segments for p in _level_pieces(seg)] for ln in lines]
    singles = [
        (n, seg)
        for n, segs in enumerate(pieces)
        for seg in segs
        if len(ink := [g for g in seg.glyphs if g.text.strip()]) == 1
        and (is_ideograph(ink[0].text) or ink[0].text in _STACKED_MARKS)
        and not ink[0].turn  # set sideways, a label reads up or down its cell as it is
    ]
    if len(singles) < 2:
        return lines
    singles.sort(key=lambda t: t[1].top)
    runs: list[list[tuple[int, Segment]]] = []
    for n, seg in singles:
        centre = (seg.x0 + seg.x1) / 2
        run = next(
            (
                r
                for r in runs
                if abs((r[-1][1].x0 + r[-1][1].x1) / 2 - centre) <= 2
                and -1 <= seg.top - r[-1][1].bottom <= 0.4 * seg.size
            ),
            None,
        )
        if run is None:
            runs.append([(n, seg)])
        else:
            run.append((n, seg))

    # stacked beside each other, vertical header cells are level glyph by glyph: only a cell
    # that is no such stack makes a glyph level with its row
    stacked = {id(seg) for r in runs if len(r) >= 2 for _, seg in r}

    def level(n: int, seg: Segment) -> bool:  # level with another cell of its line
        return any(
            o is not seg and id(o) not in stacked and abs(o.top - seg.top) <= 0.5 for o in pieces[n]
        )

    def ruled(a: Segment, b: Segment) -> bool:
        return any(
            r.horizontal and a.bottom - 1 <= r.top <= b.top + 1 and r.x0 <= a.x0 and a.x1 <= r.x1
            for r in rules
        )

    runs = [
        r
        for r in runs
        if len(r) >= 2
        and sum(level(n, seg) for n, seg in r) < 0.5 * len(r)
        and not any(ruled(a, b) for (_, a), (_, b) in itertools.pairwise(r))
    ]
    if not runs:
        return lines
    runs = _wrapped_columns(runs)
    drop = {id(seg) for run in runs for _, seg in run}
    labels: dict[int, list[Line]] = {}  # by the line they follow in reading order
    for run in runs:
        # one line at the middle of the column, across the column the label stands in, its
        # glyphs side by side in reading order
        glyphs = [g for _, seg in run for g in seg.glyphs if g.text.strip()]
        x0, x1 = min(seg.x0 for _, seg in run), max(seg.x1 for _, seg in run)
        size = statistics.median(g.size for g in glyphs)
        middle = (run[0][1].top + run[-1][1].bottom) / 2
        top, bottom = middle - size / 2, middle + size / 2
        step = (x1 - x0) / len(glyphs)
        laid = [
            Glyph(g.text, x0 + k * step, x0 + (k + 1) * step, top, bottom, g.size)
            for k, g in enumerate(glyphs)
        ]
        after = min(run, key=lambda t: abs(t[1].top - top))[0]
        labels.setdefault(after, []).append(
            Line([Segment.from_glyphs(laid)], x0, x1, top, bottom, size)
        )
    out: list[Line] = []
    for n, ln in enumerate(lines):
        segments = [seg for seg in pieces[n] if id(seg) not in drop]
        if len(segments) == len(pieces[n]):
            out.append(ln)
        elif segments:
            out.append(Line.of(segments))  # no longer as tall as a glyph it lost
        out += labels.get(n, [])
    return out


def _level_pieces(seg: Segment) -> list[Segment]:
    """A segment cut where its glyphs' tops part by over a quarter of a glyph."""
    ink = [g for g in seg.glyphs if g.text.strip() and not g.sup]
    if len(ink) < 2 or all(abs(a.top - b.top) <= 0.25 * a.size for a, b in itertools.pairwise(ink)):
        return [seg]
    groups: list[list[Glyph]] = [[]]
    for g in seg.glyphs:
        last = next((x for x in reversed(groups[-1]) if x.text.strip() and not x.sup), None)
        if (
            last is not None
            and g.text.strip()
            and not g.sup
            and abs(g.top - last.top) > 0.25 * last.size
        ):
            groups.append([])
        groups[-1].append(g)
    return [Segment.from_glyphs(gs) for gs in groups if any(g.text.strip() for g in gs)]


def _wrapped_columns(runs: list[list[tuple[int, Segment]]]) -> list[list[tuple[int, Segment]]]:
    """A vertical label too long for its cell wraps into a column on its left (vertical text
    reads its columns right to left): a shorter run right beside a run, within its height,
    goes on from it."""
    runs = sorted(runs, key=lambda r: -r[0][1].x0)
    out: list[list[tuple[int, Segment]]] = []
    for run in runs:
        a0, a1 = run[0][1].x0, run[0][1].x1
        size = run[0][1].size
        head = next(
            (
                h
                for h in out
                if 0 <= h[0][1].x0 - a1 < 0.6 * size
                and len(run) <= len(h)
                and h[0][1].top - 1 <= run[0][1].top
                and run[-1][1].bottom <= h[-1][1].bottom + 1
                and abs((h[0][1].x1 - h[0][1].x0) - (a1 - a0)) < 0.3 * size
            ),
            None,
        )
        if head is None:
            out.append(list(run))
        else:
            head.extend(run)
    return out


def join_spread_cells(lines: list[Line]) -> list[Line]:
    """A header of two or three ideographs spread over its cell (分散对齐: "项  目", "单  位")
    prints its glyphs apart, like one-ideograph cells side by side (and may set its last
    glyph close to the next cell's first). The rows below tell them apart: a cell spread out
    sits over one column, so what the rows below print under it lies between its first and
    last glyph, one piece per row. Those glyphs are one segment."""
    out: list[Line] = []
    for n, ln in enumerate(lines):
        ink: list[Glyph] = []
        seg_of: list[int] = []
        for k, seg in enumerate(ln.segments):
            for g in seg.glyphs:
                if g.text.strip():
                    ink.append(g)
                    seg_of.append(k)
        if len(ln.segments) < 2 or sum(1 for g in ink if is_ideograph(g.text)) < 2:
            out.append(ln)
            continue
        height = max(ln.bottom - ln.top, 1.0)
        below = sorted(
            (
                m
                for m in lines[n + 1 :] + lines[:n]
                if len(m.segments) >= 2
                and ln.bottom - 1 <= m.top <= ln.bottom + 6 * height
                and min(m.x1, ln.x1) > max(m.x0, ln.x0)
            ),
            key=lambda m: m.top,
        )[:4]
        keys: list[tuple[str, int]] = [("seg", k) for k in seg_of]
        i = 0
        while below and i < len(ink) - 1:
            size = _spread_run(ink, seg_of, i, below)
            for j in range(i, i + size):
                keys[j] = ("run", i)
            i += size or 1
        if all(key[0] == "seg" for key in keys):
            out.append(ln)
            continue
        segs: list[Segment] = []
        for key, group in itertools.groupby(zip(keys, ink, strict=True), key=lambda t: t[0]):
            glyphs = [g for _, g in group]
            whole = ln.segments[key[1]] if key[0] == "seg" else None
            if whole is not None and len(glyphs) == len(
                [g for g in whole.glyphs if g.text.strip()]
            ):
                segs.append(whole)
                continue
            segs.append(Segment.from_glyphs(glyphs, spread=key[0] == "run"))
        out.append(Line(segs, ln.x0, ln.x1, ln.top, ln.bottom, ln.size))
    return out


# pieces of one rule drawn stroke by stroke meet, or stop this far apart (points)
RULE_PIECE_GAP = 3.0


def rule_runs(rules: Sequence[Rule]) -> list[list[int]]:
    """Rules drawn in pieces, joined as printed: office software and browsers draw a grid's
    rules one stroke per cell, meeting between the crossing rules. Each run lists (by index in
    ``rules``) the pieces on one line, within 1 pt of one another across it, that meet or
    overlap along it or stop at most ``RULE_PIECE_GAP`` apart; horizontal and vertical rules
    each join their own kind, and a rule that meets none is a run of its own."""
    runs: list[list[int]] = []
    for horizontal, pos, start, end in ((False, "x0", "top", "bottom"), (True, "top", "x0", "x1")):
        group = [i for i, r in enumerate(rules) if r.horizontal == horizontal]
        ordered = sorted(group, key=lambda k: (getattr(rules[k], pos), getattr(rules[k], start)))
        lines: list[list[int]] = []
        for k in ordered:  # rules on one x (or y), in order along it
            if lines and getattr(rules[k], pos) - getattr(rules[lines[-1][0]], pos) <= 1.0:
                lines[-1].append(k)
            else:
                lines.append([k])
        for members in lines:
            members.sort(key=lambda k: getattr(rules[k], start))
            run: list[int] = []
            reach = float("-inf")
            for k in members:
                if run and getattr(rules[k], start) > reach + RULE_PIECE_GAP:
                    runs.append(run)
                    run = []
                run.append(k)
                reach = max(reach, getattr(rules[k], end))
            runs.append(run)
    return runs


def union_length(spans: list[tuple[float, float]]) -> float:
    """Length covered by possibly overlapping spans (rules or lines drawn in pieces)."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _figures_only(line: Line) -> bool:
    tokens = line.text.split()
    figures = sum(1 for t in tokens if FIGURE_TEXT.fullmatch(t))
    return figures >= 2 and all(FIGURE_TEXT.fullmatch(t) or t in PLACEHOLDERS for t in tokens)


def _cut(seg: Segment, strips: list[tuple[float, float]]) -> list[Segment] | None:
    """``seg`` parted at every blank strip between two of its glyphs; None when a strip parts
    a figure (no stack of columns there)."""
    pieces: list[list[Glyph]] = [[]]
    prev: Glyph | None = None
    spaced = False  # a space glyph since the last glyph: typed inside the figure ("1 234")
    for g in seg.glyphs:
        if not g.text.strip():
            spaced = True
            continue
        if prev is not None and not spaced and any(prev.x1 <= a and b <= g.x0 for a, b in strips):
            pieces.append([])
        pieces[-1].append(g)
        prev, spaced = g, False
    if len(pieces) == 1:
        return [seg]
    kept = [[g for g in seg.glyphs if p[0].x0 <= g.x0 <= p[-1].x0] for p in pieces]
    out = [Segment.from_glyphs(p) for p in kept]
    if [t for s in out for t in s.text.split()] != seg.text.split():
        return None
    return out


def _part_stack(stack: list[Line]) -> list[Line] | None:
    ink = sorted(
        (g for ln in stack for s in ln.segments for g in s.glyphs if g.text.strip()),
        key=lambda g: g.x0,
    )
    em = statistics.median(g.size for g in ink)
    strips: list[tuple[float, float]] = []
    reach = ink[0].x1
    for g in ink[1:]:
        if g.x0 - reach > 0.4 * em:
            strips.append((reach, g.x0))
        reach = max(reach, g.x1)
    out = []
    for ln in stack:
        segs: list[Segment] = []
        for seg in ln.segments:
            cut = _cut(seg, strips)
            if cut is None:
                return None
            segs.extend(cut)
        out.append(Line.of(segs) if len(segs) > len(ln.segments) else ln)
    return out


def split_figure_columns(lines: list[Line]) -> list[Line]:
    """Lines of figures alone, stacked in columns set closer than a segment's gap, parted into
    their columns. A spreadsheet's narrow columns printed without gridlines set each figure
    flush right in its cell, and the cells' padding apart may be less than an em: each line
    reads as one piece, and no line is a table row. Where every line of the stack leaves the
    same strip blank (wider than a word space, and no space typed there: "1 234" stays one
    figure whatever its font's space), the columns part, each figure a segment of its own.
    Three lines at least, and lines of nothing but figures: a row's labels set them apart
    from its figures already."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    out = list(lines)
    stack: list[int] = []
    for i in [*order, None]:
        ln = lines[i] if i is not None else None
        if ln is not None and _figures_only(ln):
            above = lines[stack[-1]] if stack else None
            if above is None or ln.top - above.bottom <= 2 * (above.bottom - above.top):
                stack.append(i)
                continue
        if len(stack) >= 3 and (parted := _part_stack([lines[k] for k in stack])):
            for k, new in zip(stack, parted, strict=True):
                out[k] = new
        stack = [i] if ln is not None and _figures_only(ln) else []
    return out
