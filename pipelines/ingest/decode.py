"""Read text exports whatever encoding the issuing office saved them in.

Chinese government files come as UTF-8 (with or without BOM), UTF-16 or GBK/GB18030. A file
that none of these decode is a named error for that document, never a crash of the run.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class SourceError(Exception):
    """A source file that cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


# Fonts in Chinese office PDFs often map common characters to look-alike code points: Kangxi
# radicals (⽣ U+2F63 for 生), CJK radicals supplement (⻋ U+2ECB for 车, as Chromium prints with
# Noto CJK) and CJK compatibility ideographs. They print the same but match nothing, so every
# rendition folds them to the unified ideograph: NFKC for the Kangxi and compatibility blocks,
# and for the supplement (which NFKC leaves alone) the pairs of the Unicode Character Database's
# EquivalentUnifiedIdeograph.txt (Unicode 15.0, © Unicode, Inc., Unicode License v3).
_RADICALS_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王"
    "⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_LOOKALIKES = (
    {
        cp: folded
        for block in (range(0x2F00, 0x2FD6), range(0xF900, 0xFADA))
        for cp in block
        if len(folded := unicodedata.normalize("NFKC", chr(cp))) == 1 and folded != chr(cp)
    }
    | {
        ord(radical): ideograph
        for radical, ideograph in zip(
            _RADICALS_SUPPLEMENT[::2], _RADICALS_SUPPLEMENT[1::2], strict=True
        )
    }
    | {
        # single quotes as modifier letters (a font's quoteleft glyph mapped to ʻ U+02BB, as
        # cairo writes DejaVu): ‘一站式’ printed the same and matched nothing
        0x02BB: "\u2018",
        0x02BC: "\u2019",
        # the technical angle brackets, for the CJK ones they print as (NFKC folds them too)
        0x2329: "\u3008",
        0x232A: "\u3009",
    }
)


def fold_lookalikes(text: str) -> str:
    """Replace radical and compatibility look-alikes with the ideographs they stand for."""
    return text.translate(_LOOKALIKES)


def decode_text(data: bytes, path: Path) -> str:
    """Decode bytes of a text export; raise ``SourceError`` when no encoding fits."""
    return fold_lookalikes(_decode(data, path))


def _decode(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"invalid {encoding} text ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise SourceError(path, "binary content (NUL bytes), not a text export")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise SourceError(
            path, f"not decodable as UTF-8 or GB18030 (byte {exc.start}: {exc.reason})"
        ) from exc
    # GB18030 maps almost any byte pair to some character; insist the result reads as Chinese.
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalnum())
    if letters and cjk / letters < 0.3:
        raise SourceError(path, "not decodable as UTF-8; GB18030 decoding gives no Chinese text")
    return text


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read file ({exc.strerror})") from exc
    if not data.strip():
        raise SourceError(path, "empty file")
    return decode_text(data, path)
