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


def source_department(text: str) -> str | None:
    """The department a 数据来源 line names ("³数据来源：区市场监管局" → 区市场监管局)."""
    match = SOURCE_LINE.match(re.sub(r"^<sup>\d+</sup>", "", text))
    return match.group("dept").strip() if match else None


def is_note(text: str) -> bool:
    return bool(_NOTE_LINE.match(text))
