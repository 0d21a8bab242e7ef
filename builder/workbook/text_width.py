"""How wide a text prints, so the writer can wrap a label that its cell would cut off and give
the row the height of its lines.

Excel and LibreOffice keep a row's height as the file gives it and do not re-measure wrapped text
when they print: a label wrapped in a one-line row prints over the row below it, and one that is
not wrapped is cut off by the unit beside it. The writer therefore has to know, before the file
exists, how many lines each text takes. Every cell is Arial, whose advance widths are the
Helvetica metrics (LibreOffice prints it with Liberation Sans, built to the same widths), so the
width of a text is the sum of its characters' widths: no font file and no renderer needed.
"""

from __future__ import annotations

import math

# Advance widths of the printable ASCII characters ' ' (32) to '~' (126), in 1/1000 of the font
# size: the Helvetica / Arial regular metrics.
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_WIDE = 1000  # CJK ideographs, kana and full-width forms: one em each
_OTHER = 600  # any other character (accented letters, dashes, quotes): a little over a digit
_SPARE = 0.95  # use 95% of a cell: screen renderers round glyphs to pixels and run a little wide
_BOLD = 1.1  # Arial Bold runs up to a tenth wider than regular
PIXELS_PER_WIDTH = 7  # Excel's column width unit: the default font's digit (Arial 10, Calibri 11)
POINTS_PER_PIXEL = 0.75  # 96 pixels per inch


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII[code - 32]
    if 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFFEF:
        return _WIDE
    return _OTHER


def text_points(text: str, size: float, bold: bool = False) -> float:
    """The printed width of ``text`` in points at font size ``size``."""
    return sum(_char_width(c) for c in text) * size / 1000 * (_BOLD if bold else 1)


def column_points(width: float) -> float:
    """The printed width of a column ``width`` units wide, padding included."""
    return (width * PIXELS_PER_WIDTH + 5) * POINTS_PER_PIXEL


def cell_points(width: float) -> float:
    """The room for text inside a cell (or merged cells) ``width`` column units wide, in points:
    the column's pixels without the cell's padding, with some spare."""
    return width * PIXELS_PER_WIDTH * POINTS_PER_PIXEL * _SPARE


def lines_needed(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in a cell ``width`` column units wide: words are kept
    whole, as Excel and LibreOffice wrap, and a word longer than the line is split."""
    room = cell_points(width)
    space = text_points(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            needed = text_points(word, size, bold)
            if used and used + space + needed <= room:
                used += space + needed
                continue
            if used:
                lines += 1
            if needed > room:  # a word wider than the cell: broken across lines
                lines += math.ceil(needed / room) - 1
                needed -= (math.ceil(needed / room) - 1) * room
            used = needed
    return lines
