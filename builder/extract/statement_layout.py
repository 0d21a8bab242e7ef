"""The parts of a statement table whose PDF conversion separated labels from numbers.

A broker's financial statements (income statement | ratios, balance sheet | cash flow, side by
side) often come out of a PDF converter as a list of labels, some keeping a few of their numbers,
then a block of number rows that lost their labels; parenthesised negatives travel apart from the
rest of their row. This module only takes the table apart, committing to nothing:

* a :class:`Row` is a statement label the table prints (销售费用), with the numbers still on its
  line right after it (``kept``, at most one per year column);
* a :class:`Piece` is a run of numbers no label owns: a number row of the block, a row that lost
  its label, or the numbers beyond a row's year columns (the side table's row on that line).

Which piece completes which row is decided by :mod:`alignment`, and only where an accounting
identity confirms it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from builder.extract.numbers import decimal_of
from builder.extract.tables import header_columns
from builder.historicals.vocabulary import Measure

_NUMBER = re.compile(r"^\(?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\)?$|^N/A$")
_WORD = re.compile(r"\S+")

# Statement labels as brokers print them (spaces removed) -> (metric, sign). A sign of -1 stores
# an expense as a positive amount: 成本 (6,197) is cost_of_revenue 6197.
LABELS: dict[str, tuple[str, int]] = {
    # income statement
    "收入": ("revenue", 1), "营业收入": ("revenue", 1), "营业额": ("revenue", 1),
    "成本": ("cost_of_revenue", -1), "营业成本": ("cost_of_revenue", -1),
    "销售成本": ("cost_of_revenue", -1),
    "毛利": ("gross_profit", 1),
    "销售费用": ("selling_expenses", -1), "管理费用": ("ga_expenses", -1),
    "研发费用": ("rnd_expenses", -1), "期间费用": ("operating_expenses", -1),
    "其他收益": ("other_income", 1),
    "经营利润": ("operating_income", 1), "营业利润": ("operating_income", 1),
    "除税前溢利": ("pretax_income", 1), "税前利润": ("pretax_income", 1),
    "利润总额": ("pretax_income", 1),
    "所得税": ("income_tax", -1),
    "净利润": ("net_profit", 1),
    "少数股东损益": ("minority_profit", 1),
    "归母净利润": ("net_income", 1), "归属母公司净利润": ("net_income", 1),
    "EBITDA": ("ebitda", 1),
    "折旧与摊销": ("depreciation_amortization", 1), "折旧及摊销": ("depreciation_amortization", 1),
    # ratios and days
    "毛利率(%)": ("gross_margin", 1), "EBITDA率(%)": ("ebitda_margin", 1),
    "净利率(%)": ("net_profit_margin", 1), "实际税率(%)": ("effective_tax_rate", 1),
    "费用/收入(%)": ("opex_pct_revenue", 1), "总收入(%)": ("revenue_yoy", 1),
    "ROE": ("return_on_equity", 1),
    "应收账款天数": ("receivable_days", 1), "应付账款天数": ("payable_days", 1),
    # balance sheet
    "货币资金": ("cash", 1), "应收账款": ("accounts_receivable", 1),
    "短期投资": ("short_term_investments", 1), "其他短期资产": ("other_current_assets", 1),
    "其他流动资产": ("other_current_assets", 1), "流动资产合计": ("total_current_assets", 1),
    "物业,厂房及设备": ("ppe", 1), "无形资产": ("intangibles", 1),
    "长期预付款": ("long_term_prepayments", 1), "投资": ("long_term_investments", 1),
    "应收关联方款项": ("due_from_related_parties", 1), "租赁资产": ("lease_assets", 1),
    "固定资产合计": ("total_non_current_assets", 1),
    "非流动资产合计": ("total_non_current_assets", 1), "总资产": ("total_assets", 1),
    "资产合计": ("total_assets", 1),
    "应付账款": ("accounts_payable", 1), "应计费用": ("accrued_expenses", 1),
    "贷款": ("short_term_borrowings", 1), "短期借款": ("short_term_borrowings", 1),
    "其他负债": ("other_current_liabilities", 1), "流动负债合计": ("total_current_liabilities", 1),
    "长期贷款": ("long_term_borrowings", 1), "长期借款": ("long_term_borrowings", 1),
    "其他长期负债": ("other_non_current_liabilities", 1),
    "长期负债合计": ("total_non_current_liabilities", 1),
    "非流动负债合计": ("total_non_current_liabilities", 1),
    "总负债": ("total_liabilities", 1), "负债合计": ("total_liabilities", 1),
    "股东权益合计": ("total_equity", 1), "少数股东权益": ("minority_interests", 1),
    # cash flow
    "经营活动现金流": ("operating_cash_flow", 1), "非现金调整": ("non_cash_adjustments", 1),
    "营运资本变动": ("working_capital_change", 1), "资本变动": ("working_capital_change", 1),
    "投资活动现金流": ("investing_cash_flow", 1),
    "投资固定资产": ("capex", -1), "资本开支": ("capex", -1),
    "其他金融资产变动": ("other_investing", 1),
    "融资活动现金流": ("financing_cash_flow", 1), "贷款变动": ("change_in_borrowings", 1),
    "股权融资": ("equity_issuance", 1), "发行可转股": ("convertible_issuance", 1),
    "股息": ("dividends_paid", -1), "已付股息": ("dividends_paid", -1),
    "汇兑变化": ("fx_effect", 1), "现金变化": ("cash_change", 1),
    "期初持有现金": ("cash_begin", 1), "期末持有现金": ("cash_end", 1),
}
# Rows read to check others, never emitted: the vocabulary has no such metric. A statement's
# 净利率 is its 净利润 (profit for the year, all holders) over revenue, while the vocabulary's
# net_margin is net income attributable over revenue: they differ by the minorities' share.
AUXILIARY = {"return_on_equity": Measure.RATIO, "net_profit_margin": Measure.RATIO}
# Words of the same tables that are not statement lines: section headings, growth and leverage
# rows. Known, so that 净利润 (%) (growth) is not taken for 净利润, and its numbers stay its own.
OTHER_LABELS = frozenset({
    "损益表", "财务分析", "资产负债表", "现金流量表", "盈利能力", "营运表现", "增长", "财务状况",
    "净利润(%)", "负债/权益", "收入/总资产", "总资产/权益",
})


@dataclass(frozen=True, slots=True)
class Token:
    """One printed number, where it is, and what it can stand for."""

    text: str
    line: int
    start: int  # columns in the original line
    end: int
    number: float | None  # as printed (a fraction for a percentage); None for N/A
    half: float  # half the place of the last digit: the rounding a printed number hides

    def exact(self) -> tuple[Decimal, Decimal]:
        """(value, place of the last digit) as decimals, for the figure a token becomes."""
        value, precision = decimal_of(self.text.rstrip("%").replace("%)", ")"))
        return (value / 100, precision / 100) if "%" in self.text else (value, precision)

    @property
    def paren(self) -> bool:
        return self.text.startswith("(")

    @property
    def percent(self) -> bool:
        return "%" in self.text


@dataclass(frozen=True, slots=True)
class Row:
    """A statement label the table prints, with the numbers kept right after it on its line."""

    index: int  # reading order
    metric: str
    sign: int
    line: int
    label_start: int
    kept: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of numbers on one line that no label owns."""

    index: int
    tokens: tuple[Token, ...]

    @property
    def line(self) -> int:
        return self.tokens[0].line

    @property
    def paren(self) -> bool:
        """Every number parenthesised: the negatives of a row, moved to the number block."""
        return all(t.paren for t in self.tokens)

    @property
    def plain(self) -> bool:
        return not any(t.paren for t in self.tokens)


@dataclass(frozen=True, slots=True)
class Layout:
    """Rows and pieces of one table, and its number of year columns per block."""

    width: int
    rows: tuple[Row, ...]
    pieces: tuple[Piece, ...]


def _token(text: str, line: int, start: int, end: int) -> Token:
    """A number as the identities read it: a float, and half its last digit's place."""
    if text == "N/A":
        return Token(text, line, start, end, None, 0.5)
    digits = text.strip("()%").replace(",", "")
    places = len(digits) - digits.index(".") - 1 if "." in digits else 0
    number, half = float(digits) * (-1 if text.startswith("(") else 1), 0.5 * 10.0 ** -places
    if "%" in text:
        number, half = number / 100, half / 100
    return Token(text, line, start, end, number, half)


def read_layout(numbered: list[tuple[int, str]], width: int) -> Layout:
    """Rows and pieces of a table's folded lines (year headers and words alone give none)."""
    rows: list[Row] = []
    pieces: list[Piece] = []
    for number, line in numbered:  # folded already (tables.scan)
        if header_columns(line) is not None:
            continue
        for label, numbers in _groups(line):
            tokens = [_token(text, number, start, end) for text, start, end in numbers]
            labels = _labels(label)
            for name, start, _ in labels:
                if name in LABELS:
                    rows.append(Row(len(rows), *LABELS[name], number, start, ()))
            owner = labels[-1] if labels else None
            if owner is not None and owner[0] in LABELS and owner[2] == len(label):
                rows[-1] = Row(rows[-1].index, rows[-1].metric, rows[-1].sign, number,
                               rows[-1].label_start, tuple(tokens[:width]))
                tokens = tokens[width:]
            elif label:
                continue  # a word the table does not explain owns these numbers: not loose
            if tokens:
                pieces.append(Piece(len(pieces), tuple(tokens[:width])))
                if tokens[width:]:
                    pieces.append(Piece(len(pieces), tuple(tokens[width:])))
    return Layout(width, tuple(rows), tuple(pieces))


def _labels(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Split a run of words into the labels it holds, longest first: 成本 毛利率 (%) is 成本 then
    毛利率(%), while EBITDA 率 (%) is one label. Returns (label, start column, index after its
    last word); unknown words are passed over."""
    found = []
    index = 0
    while index < len(words):
        for stop in range(len(words), index, -1):
            name = "".join(text for text, _, _ in words[index:stop])
            if name in LABELS or name in OTHER_LABELS:
                found.append((name, words[index][1], stop))
                index = stop
                break
        else:
            index += 1
    return found


def _groups(line: str) -> list[tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]]:
    """Alternate runs of (label words, numbers) along a line."""
    groups: list[tuple[list, list]] = []
    for match in _WORD.finditer(line):
        token = (match.group(), match.start(), match.end())
        is_number = bool(_NUMBER.match(token[0]))
        if not groups or (not is_number and groups[-1][1]):
            groups.append(([], []))
        groups[-1][1 if is_number else 0].append(token)
    return groups
