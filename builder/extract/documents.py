"""Split a seed file into sections (articles) and each section into prose paragraphs and tables.

A seed is either one research report (seed 001) or a feed of articles, each opened by a title line
and a dateline such as ``<publisher>· 2025-03-22 14:46`` (seeds 002, 003). Each section carries
its own date, publisher, research house and entity, because a figure's kind, period and
attribution depend on them.
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
_DATELINE_WIDTH = 120  # longer than any line _DATELINE can match but one padded with spaces
_ANY_DATE = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Section:
    """One article: its lines (1-based ``first_line``), title and the facts that date it."""

    document: str
    first_line: int
    lines: tuple[str, ...]
    title: str
    title_line: int | None
    date: date | None
    broker: str  # the research house it names (its name in the CSV), "" when none
    entity: str
    folded: tuple[str, ...] = ()  # ``lines`` through :func:`normalize`, column for column
    publisher: str = ""  # who the dateline says published it (a news site, a feed), if anyone
    quoted: str = ""  # a research house the text names below its title and dateline

    @property
    def attribution(self) -> str:
        """Who stands behind the section's forecasts, as the CSV's broker column names them.

        The research house the section names as its author (title or dateline), and its date;
        else, when its text names no house either, the section's own attribution: the
        publisher its dateline names, or its title when the dateline names none, and its date.
        Never a house it does not name: a summary that does not say whose forecast it repeats
        is credited to itself. Empty for an undated section, one with nothing to name (a report
        without a house, title or dateline), and one whose text names a house it does not
        author: the forecasts may be that house's, or the author's."""
        who = self.broker or ("" if self.quoted else self.publisher or self.title)
        return f"{who} {self.date.isoformat()}" if who and self.date else ""

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


NameOf = Callable[[str], str]  # what the earliest name in a text stands for, "" if none


def _nobody(_: str) -> str:
    return ""


def split_sections(name: str, text: str, entity_of: NameOf, house_of: NameOf = _nobody,
                   first_line: int = 1) -> list[Section]:
    """Split a seed's text into sections; a file without datelines is one section.

    ``entity_of`` finds the company a section is about, from the names the model files declare;
    ``house_of`` the research house it names, from the sources file. ``first_line``: the line
    number of ``text``'s first line, when it is a part of a document cut at a section's start
    (:func:`section_starts`), so a part splits into the same sections as the whole.
    """
    lines = text.splitlines()
    folded = [normalize(line) for line in lines]  # once per line: every reader uses these
    datelines = _datelines(folded)
    offset = first_line - 1
    if not datelines:
        return [_section(name, lines, folded, (0, len(lines), offset), None, entity_of,
                         house_of)]
    sections = []
    for n, index in enumerate(datelines):
        start = index - 1
        stop = datelines[n + 1] - 1 if n + 1 < len(datelines) else len(lines)
        sections.append(_section(name, lines, folded, (start, stop, offset),
                                 _DATELINE.match(folded[index]), entity_of, house_of))
    return sections


def _datelines(folded: list[str]) -> list[int]:
    """Indexes of the dateline of every article: a dateline under a title line."""
    return [i for i, line in enumerate(folded)
            if i > 0 and "-" in line and _DATELINE.match(line)]


def section_starts(text: str) -> list[int]:
    """0-based indexes of lines where an article of ``text`` starts (its title), the first
    article's excepted: where the text can be cut into parts that split into the same sections
    as the whole (empty for a text without datelines: one section).

    Only lines short enough to be a dateline are folded and tried: a dateline missed here
    leaves a part larger, never cut anywhere else."""
    lines = text.splitlines()
    datelines = [i for i, line in enumerate(lines) if i > 0 and len(line) <= _DATELINE_WIDTH
                 and "-" in line and _DATELINE.match(normalize(line))]
    return [index - 1 for index in datelines[1:]]


def _section(name: str, lines: list[str], folded: list[str], bounds: tuple[int, int, int],
             dateline: re.Match[str] | None, entity_of: NameOf, house_of: NameOf) -> Section:
    """The section of lines ``start:stop`` (``offset`` before line 1); ``dateline`` is the
    match of its dateline, None for a whole document without one."""
    start, stop, offset = bounds
    own = lines[start:stop]
    head = "\n".join(own[:2] if dateline is not None else own[:5])
    text = "\n".join(own)
    by_head = house_of(head)
    house = by_head or house_of(text)
    broker = house if dateline is None or by_head else ""  # an article's author is in its head
    return Section(
        document=name,
        first_line=offset + start + 1,
        lines=tuple(own),
        title=own[0].strip() if dateline is not None else "",
        title_line=offset + start + 1 if dateline is not None else None,
        date=_first_date(head),
        broker=broker,
        entity=entity_of(head) or entity_of(text),
        folded=tuple(folded[start:stop]),
        publisher=(dateline["publisher"] or "").strip() if dateline is not None else "",
        quoted="" if broker else house,
    )


def _first_date(text: str) -> date | None:
    match = _ANY_DATE.search(text)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


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
