"""Broker tables: a header of fiscal-year columns (2023A 2024A 2025E ...) and labelled rows.

A row is read only when its columns are certain: a known label at the start of the line followed
by exactly as many numbers as the header has columns, then the end of the line or the next
table's label (two tables are often printed side by side). Anything else that carries numbers, a
row that lost its label, a label with too few or too many numbers, a block of numbers under no
fiscal-year header, is reported as skipped with the reason, never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from builder.extract.prefilter import compile_fast

_YEAR_COLUMN = re.compile(r"^(20\d\d)([AE])$")
_YEAR_COLUMN_ANYWHERE = re.compile(r"20\d\d[AE]")  # a line without one is no header
_THREE_DIGIT_RUNS = compile_fast(r"\d\D+\d+\D+\d")  # a line without three numbers is no row
_CELL = re.compile(r"^\(?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\)?$|^N/A$")
_ENDS = ("来源", "评级", "免责", "风险提示", "【")
_CAPTION = re.compile(r"表\s*\d+\s*:")
_WORD = re.compile(r"\S+")

# Row labels, compared with spaces removed. "贷款" is the current-liabilities loan line of the
# HK brokers' balance-sheet template; "长期贷款" its long-term counterpart.
LABELS = {
    "营业额": "revenue",
    "营业收入": "revenue",
    "收入": "revenue",
    "净利润": "net_income",
    "净利润率": "net_margin",
    "EBITDA": "ebitda",
    "EBITDA率": "ebitda_margin",
    "物业,厂房及设备": "ppe",
    "应收账款": "accounts_receivable",
    "应付账款": "accounts_payable",
    "货币资金": "cash",
    "贷款": "short_term_borrowings",
    "长期贷款": "long_term_borrowings",
    "股东权益合计": "total_equity",
}
GROWTH_LABEL = "同比增长"  # growth of the row above


@dataclass(frozen=True, slots=True)
class Column:
    year: int
    actual: bool  # 2024A is reported, 2025E is the broker's estimate


@dataclass(frozen=True, slots=True)
class Cell:
    """One number of a clean row, with the quote (label and numbers) it was read from."""

    label: str
    metric: str
    column: Column
    text: str
    line: int
    quote: tuple[int, int]  # columns of the quote in the original line
    currency: str  # of money cells in millions, from the table's unit (人民币百万元): else ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """Numbers the extractor saw but would not read, and why."""

    document: str
    first_line: int
    last_line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Region:
    """A table whose rows are not all clean: left to the statement alignment (statements.py)."""

    numbered: tuple[tuple[int, str], ...]  # (line number, text), header line first
    columns: tuple[Column, ...]  # the fiscal-year columns of each side-by-side block
    currency: str

    @property
    def first_line(self) -> int:
        return self.numbered[0][0]

    @property
    def last_line(self) -> int:
        return self.numbered[-1][0]


@dataclass(slots=True)
class TableScan:
    cells: list[Cell] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # lines that belong to tables, not prose
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


def _tokens(line: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(line)]


def _groups(tokens: list[tuple[str, int, int]]) -> list[tuple[list, list]]:
    """Alternate runs of (label tokens, number tokens)."""
    groups: list[tuple[list, list]] = []
    for token in tokens:
        is_cell = bool(_CELL.match(token[0]))
        if not groups or (not is_cell and groups[-1][1]):
            groups.append(([], []))
        groups[-1][1 if is_cell else 0].append(token)
    return groups


def header_columns(line: str) -> list[list[Column]] | None:
    """Column blocks of a header line such as ``人民币百万元 2023A ... 2027E``, or None."""
    if not _YEAR_COLUMN_ANYWHERE.search(line):
        return None
    tokens = [t for t, _, _ in _tokens(line)]
    years = [_YEAR_COLUMN.match(t) for t in tokens]
    first = next((i for i, m in enumerate(years) if m), None)
    if first is None or not all(years[first:]) or len(tokens) - first < 2:
        return None
    blocks: list[list[Column]] = []
    for m in years[first:]:
        column = Column(int(m[1]), m[2] == "A")  # type: ignore[index]
        if not blocks or column.year <= blocks[-1][-1].year:
            blocks.append([])
        blocks[-1].append(column)
    return blocks if len({len(b) for b in blocks}) == 1 else None


def numeric_line(line: str) -> bool:
    """Three or more numbers and little text: a table row, whether or not it can be read."""
    if not _THREE_DIGIT_RUNS.search(line) and "N/A" not in line:
        return False
    tokens = _tokens(line)
    cells = [t for t in tokens if _CELL.match(t[0])]
    words = "".join(t[0] for t in tokens if not _CELL.match(t[0]))
    return len(cells) >= 3 and len(words) <= 20 and "。" not in words


def scan(numbered: list[tuple[int, str]]) -> TableScan:
    """Find the tables of a section, read their clean rows and note what was skipped.

    Lines come folded (:func:`normalize`, column for column with the original), as
    :meth:`Section.body` gives them.
    """
    result = TableScan()
    index = 0
    while index < len(numbered):
        blocks = header_columns(numbered[index][1])
        if blocks is None:
            index += 1
            continue
        index = _read_table(numbered, index, blocks, result)
    _skip_headerless(numbered, result)
    return result


def _read_table(numbered, start: int, blocks, result: TableScan) -> int:
    """Read a table's clean rows; a table with any unaligned line goes whole to the statement
    alignment instead, since there a clean-looking row is only a guess until an identity says."""
    context = " ".join(line for _, line in numbered[max(0, start - 2):start + 1])
    currency = _money_unit(context)
    header = blocks
    own = TableScan()
    bad: list[int] = []
    previous_metric = ""
    index = start
    while index < len(numbered):
        number, line = numbered[index]
        if index > start and any(end in line for end in _ENDS):
            break
        result.lines.add(number)
        columns = header_columns(line)
        blocks = columns or blocks
        if columns is None:
            previous_metric = _read_row(number, line, blocks, currency, own, bad,
                                        previous_metric)
        index += 1
    if bad:
        result.regions.append(Region(tuple(numbered[start:index]), tuple(header[0]), currency))
    else:
        result.cells += own.cells
    return index


def _money_unit(header: str) -> str:
    """The currency of a table whose money is in millions (人民币百万元, <百万元>), else ""."""
    match = re.search(r"百万(美元|港元|元)", header)
    return {"美元": "USD", "港元": "HKD", "元": "CNY"}[match[1]] if match else ""


def _read_row(number, line, blocks, currency: str, result: TableScan, bad: list[int],
              previous: str) -> str:
    groups = _groups(_tokens(line))
    if not any(cells for _, cells in groups):
        return previous
    clean = [bool(label) and len(cells) == len(blocks[0]) for label, cells in groups]
    if not clean[0]:
        bad.append(number)
        return ""
    if any(cells and not ok for (_, cells), ok in zip(groups[1:], clean[1:], strict=True)):
        bad.append(number)  # the side table on the right of this line lost its alignment
    metric = previous
    for block, ((label, cells), ok) in enumerate(zip(groups, clean, strict=True)):
        if not ok or block >= len(blocks):
            break
        name = "".join(t for t, _, _ in label).replace(" ", "")
        metric = f"{previous}_yoy" if name == GROWTH_LABEL and previous else LABELS.get(name, "")
        if block == 0:
            previous = metric
        if not metric:
            continue
        quote = (label[0][1], cells[-1][2])
        for column, (text, _, _) in zip(blocks[block], cells, strict=True):
            result.cells.append(Cell(name, metric, column, text, number, quote, currency))
    return previous


def _skip_headerless(numbered: list[tuple[int, str]], result: TableScan) -> None:
    rows = [(n, line) for n, line in numbered if n not in result.lines and numeric_line(line)]
    blocks: list[list[tuple[int, str]]] = []
    for row in rows:
        if blocks and row[0] - blocks[-1][-1][0] <= 4:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    numbers = [n for n, _ in numbered]  # ascending: slices by line number are bisections
    for block in blocks:
        counts = [sum(bool(_CELL.match(t)) for t, _, _ in _tokens(line)) for _, line in block]
        first = _caption_above(numbered, numbers, block[0][0]) or block[0][0]
        result.lines.update(numbers[bisect_left(numbers, first):
                                    bisect_right(numbers, block[-1][0])])
        spread = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        result.skipped.append((first, block[-1][0], (
            f"{len(block)} row(s) of {spread} numbers under no fiscal-year column header: "
            "columns cannot be aligned with certainty")))


def _caption_above(numbered: list[tuple[int, str]], numbers: list[int], line: int) -> int | None:
    """The nearest table caption (表 1:) in the 45 lines above ``line``."""
    for index in range(bisect_left(numbers, line) - 1, bisect_right(numbers, line - 45) - 1, -1):
        if _CAPTION.search(numbered[index][1]):
            return numbered[index][0]
    return None
