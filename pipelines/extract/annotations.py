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
_NOTE_ITEM = re.compile(
    r"^(?:(?P<n>\d{1,2})\s*[.、．]|[（(]\s*(?P<p>\d{1,2})\s*[)）]|(?P<c>[\u2460-\u2473]))\s*\S"
)
_NOTE_HEAD = re.compile(r"^(?:注|备注|说明)\s*[:：]?\s*")
# a page number alone on its line ("— 3 —", "- 3 -", "第3页/共9页", "3"); the front matter
# (目录, 前言) numbers its pages I, II, Ⅲ
_ROMAN = r"[IVXLivxl]{1,6}|[\u2160-\u217f]"
PAGE_NUMBER = re.compile(
    rf"^\s*(?:[-—–－―~·•]+\s*(?:\d{{1,4}}|{_ROMAN})\s*[-—–－―~·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    rf"|\d{{1,4}}\s*/\s*\d{{1,4}}|[Pp]age\s*\d{{1,4}}(?:\s*of\s*\d{{1,4}})?|\d{{1,4}}|{_ROMAN})\s*$"
)


def source_department(text: str) -> str | None:
    """The department a 数据来源 line names ("³数据来源：区市场监管局" → 区市场监管局)."""
    match = SOURCE_LINE.match(re.sub(r"^<sup>\d+</sup>", "", text))
    return match.group("dept").strip() if match else None


def is_note(text: str) -> bool:
    return bool(_NOTE_LINE.match(text))


def is_note_item(text: str) -> bool:
    """A line opening with an item number (1. 、（1） ①): a note's item when it comes next."""
    return _item_number(text) is not None


def _item_number(text: str) -> int | None:
    match = _NOTE_ITEM.match(text.strip())
    if match is None:
        return None
    if match.group("c"):
        return ord(match.group("c")) - 0x2460 + 1
    return int(match.group("n") or match.group("p"))


def next_note_item(notes: list[str], text: str) -> bool:
    """Whether ``text`` is the next item of the notes so far: item 1 under a bare "注：", item
    k+1 after a note or item k ("注：1.…" then "2.…"). A numbered heading or paragraph after a
    note that numbers nothing is none."""
    number = _item_number(text)
    if not notes or number is None:
        return False
    last = notes[-1]
    head = _NOTE_HEAD.match(last)
    body = last[head.end() :] if head else last
    if not body.strip():
        return number == 1
    previous = _item_number(body)
    return previous is not None and number == previous + 1


def add_note_item(notes: list[str], text: str) -> None:
    """Add a note's next item: one under a bare "注：" completes that line; any other is a note
    of its own."""
    if notes and notes[-1].endswith(("：", ":")):
        notes[-1] += text
    else:
        notes.append(text)
