"""What reports print around their tables and in their running text, the same in every
rendition: 数据来源 lines, 注 notes, enumerated headings and sentence ends.

Captions have their own module (``captions``); footnotes that tie a table to its 数据来源 through
the prose are linked in ``text_tables.cited_sources``.
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[。；;！？]$")
HEADING_ENUM = re.compile(
    r"^(?:第[一二三四五六七八九十百]+[章节部分篇]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d))"
)
SOURCE_LINE = re.compile(r"^(?:\d{1,3}\s*)?(?:数据|资料)来源\s*[:：]\s*(?P<dept>.+?)[。.]?$")
_NOTE_LINE = re.compile(r"^(?:注|备注|说明)\s*(?:\d|[:：])")
# the items of a note listed on lines of their own: "注：" then "1.…", "2.…" (also "（1）", "①")
_NOTE_ITEM = re.compile(r"^(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[)）]|[\u2460-\u2473])\s*\S")


def source_department(text: str) -> str | None:
    """The department a 数据来源 line names ("³数据来源：区市场监管局" → 区市场监管局)."""
    match = SOURCE_LINE.match(re.sub(r"^<sup>\d+</sup>", "", text))
    return match.group("dept").strip() if match else None


def is_note(text: str) -> bool:
    return bool(_NOTE_LINE.match(text))


def is_note_item(text: str) -> bool:
    """A numbered item, which after a 注 line is the note's next item, not a heading."""
    return bool(_NOTE_ITEM.match(text))


def add_note_item(notes: list[str], text: str) -> None:
    """Add a note's next numbered item: the first one completes a bare "注：" line."""
    if notes and notes[-1].endswith(("：", ":")):
        notes[-1] += text
    else:
        notes.append(text)
