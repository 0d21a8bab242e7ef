"""Split a seed file into sections (articles) and each section into prose paragraphs and tables.

A seed is either one research report (seed 001) or a feed of articles, each opened by a title line
and a dateline such as ``光大证券研究· 2025-03-22 14:46`` (seeds 002, 003). Each section carries
its own date, publisher, broker and entity, because a figure's kind and period depend on them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from builder.extract.numbers import normalize

# A feed dateline: an optional publisher, a middle dot, then the date and time alone on a line.
_DATELINE = re.compile(
    r"^\s*(?:(?P<publisher>[^\d·]{0,30})·\s*)?(?P<date>20\d\d-\d\d-\d\d)(?:\s+\d\d:\d\d)?\s*$")
_ANY_DATE = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")

BROKERS = {"国元": "Guoyuan", "光大": "Everbright", "Guoyuan": "Guoyuan",
           "Everbright": "Everbright"}


@dataclass(frozen=True, slots=True)
class Section:
    """One article: its lines (1-based ``first_line``), title and the facts that date it."""

    document: str
    first_line: int
    lines: tuple[str, ...]
    title: str
    title_line: int | None
    date: date | None
    broker: str
    entity: str
    folded: tuple[str, ...] = ()  # ``lines`` through :func:`normalize`, column for column

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1

    def body(self, folded: bool = False) -> list[tuple[int, str]]:
        """(line number, text) of the lines that carry figures: not the title or dateline.

        ``folded``: the normalized text, which readers match against (quotes are cut from
        ``lines`` at the same columns)."""
        skip = {self.title_line, (self.title_line or 0) + 1} if self.title_line else set()
        lines = (self.folded or tuple(map(normalize, self.lines))) if folded else self.lines
        return [(self.first_line + i, line) for i, line in enumerate(lines)
                if self.first_line + i not in skip]


EntityOf = Callable[[str], str]  # the entity the earliest company name in a text belongs to


def split_sections(name: str, text: str, entity_of: EntityOf) -> list[Section]:
    """Split a seed's text into sections; a file without datelines is one section.

    ``entity_of`` finds the company a section is about, from the names the model files declare.
    """
    lines = text.splitlines()
    folded = [normalize(line) for line in lines]  # once per line: every reader uses these
    datelines = [i for i, line in enumerate(folded) if i > 0 and _DATELINE.match(line)]
    if not datelines:
        return [_section(name, lines, folded, 0, len(lines), None, entity_of)]
    sections = []
    for n, index in enumerate(datelines):
        start = index - 1
        stop = datelines[n + 1] - 1 if n + 1 < len(datelines) else len(lines)
        sections.append(_section(name, lines, folded, start, stop, start, entity_of))
    return sections


def _section(name: str, lines: list[str], folded: list[str], start: int, stop: int,
             title_index: int | None, entity_of: EntityOf) -> Section:
    own = lines[start:stop]
    head = "\n".join(own[:2] if title_index is not None else own[:5])
    title = own[0].strip() if title_index is not None else ""
    text = "\n".join(own)
    return Section(
        document=name,
        first_line=start + 1,
        lines=tuple(own),
        title=title,
        title_line=title_index + 1 if title_index is not None else None,
        date=_first_date(head),
        broker=_broker(head) or (_broker(text) if title_index is None else ""),
        entity=entity_of(head) or entity_of(text),
        folded=tuple(folded[start:stop]),
    )


def _first_date(text: str) -> date | None:
    match = _ANY_DATE.search(text)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _broker(text: str) -> str:
    """The research house that published the section, if a known one is named."""
    found = [(text.find(alias), name) for alias, name in BROKERS.items() if alias in text]
    return min(found)[1] if found else ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Prose joined across wrapped lines, and where each line's part of it came from.

    ``pieces[k]`` is (offset in ``text``, line number, column in that line) of the k-th line
    joined; a space put between two Latin-ending lines belongs to no line.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    def span_on_line(self, start: int, end: int, anchor: int) -> tuple[int, int, int]:
        """(line, first column, end column) of the part of ``text[start:end]`` on ``anchor``'s line.

        A statement can wrap (调整 / 后经营利润为亏损 1.88 亿元); its quote is the part on the line
        that holds the number, so that the quote is an exact substring of one line.
        """
        index = bisect_right(self.pieces, anchor, key=lambda piece: piece[0]) - 1
        offset, line, column = self.pieces[index]
        stop = self.pieces[index + 1][0] if index + 1 < len(self.pieces) else len(self.text)
        stop -= self.text[offset:stop].endswith(" ") and index + 1 < len(self.pieces)
        first, last = max(start, offset), min(end, stop)
        return line, column + first - offset, column + last - offset


_FINAL = ("。", "!", "?", ";")
_HEADING = ("➢", "【", "•")


def paragraphs(numbered_lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Join wrapped (folded) lines into paragraphs: a line that does not end a sentence
    continues.

    Blank lines do not end a paragraph: the PDF text of seed 001 has one after every line.
    A heading line (➢, 【) stands alone.
    """
    result: list[Paragraph] = []
    text: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    length = 0

    def flush() -> None:
        nonlocal length
        if text:
            result.append(Paragraph("".join(text), tuple(pieces)))
            text.clear()
            pieces.clear()
            length = 0

    for number, line in numbered_lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(_HEADING):
            flush()
        if text and text[-1][-1:].isascii() and stripped[:1].isascii():
            text.append(" ")
            length += 1
        pieces.append((length, number, len(line) - len(line.lstrip())))
        text.append(stripped)
        length += len(stripped)
        if stripped.endswith(_FINAL) or stripped.startswith(_HEADING):
            flush()
    flush()
    return result
