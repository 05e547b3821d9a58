"""Clean the markup that text exports leave in lines and cells.

Exports of Chinese government PDFs carry HTML fragments (``<b>``, ``<p>``, ``<sub>``), markdown
emphasis and footnote markers. They are presentation, not content: a cell's ``raw_text`` must be
what a reader sees, so every consumer cleans through this one module.
"""

from __future__ import annotations

import html
import re

_SUB_SUP = re.compile(r"\s*<(sub)>\s*(.*?)\s*</sub>", re.IGNORECASE | re.DOTALL)
_FOOTNOTE_REF = re.compile(r"<sup>\s*\d{1,3}\s*</sup>", re.IGNORECASE)
_SUP = re.compile(r"\s*<sup>\s*(.*?)\s*</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK_BREAK = re.compile(r"</?(?:p|br|li|ol|ul|div|tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
_SPACES = re.compile(r"[ \u00a0\u3000\t\r\n]+")


def footnote_refs(text: str) -> list[int]:
    """Footnote numbers referenced by ``<sup>N</sup>`` markers, in order."""
    return [int(m) for m in re.findall(r"<sup>\s*(\d{1,3})\s*</sup>", text, re.IGNORECASE)]


def strip_markup(text: str) -> str:
    """Return the visible text: tags removed, subscripts joined, whitespace collapsed.

    ``SO <sub>2</sub> 年均值`` becomes ``SO2 年均值``; footnote markers (``<sup>3</sup>``) are
    dropped because they point at notes, not at the value.
    """
    if "<" in text:
        text = _SUB_SUP.sub(lambda m: m.group(2), text)
        text = _FOOTNOTE_REF.sub("", text)
        text = _SUP.sub(lambda m: m.group(1), text)
        text = _BLOCK_BREAK.sub(_break, text)
        text = _TAG.sub("", text)
    if "**" in text:
        text = _EMPHASIS.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _break(match: re.Match[str]) -> str:
    """A line break inside a cell or paragraph (``2022年<br>受理量``): CJK text goes on with
    no space, as the printed page wraps it; Latin words and figures keep one."""
    text = match.string
    before = text[: match.start()].rstrip()
    after = text[match.end() :].lstrip()
    if before and after and not before[-1].isascii() and not after[0].isascii():
        return ""
    return " "


def split_cells(line: str) -> list[str]:
    """Split a TAB-separated export line into cleaned cells (empty cells kept)."""
    return [strip_markup(cell) for cell in line.rstrip("\r\n").split("\t")]
