"""Synthetic source documents and the historicals rows that quote them.

Each figure is a clause of a line (``Revenue in FY2024 was 1,234.5 million``); a line may hold
several (a quarter's revenue and its growth). The CSV row of a figure cites the document, the
line's 1-based number and the clause, which is on that line word for word, as the reader checks.
Rows are written by the project's own writer, so the CSV's columns are the reader's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.historicals.records import Figure, Kind, Source

MONEY, RATIO, GROWTH = "money", "ratio", "growth"
PRECISION = {MONEY: 0.1, RATIO: 0.001, GROWTH: 0.001}

LABELS_EN = {
    "revenue": "Revenue", "gross_profit": "Gross profit", "gross_margin": "Gross margin",
    "cost_of_revenue": "Cost of revenue", "selling_expenses": "Selling expenses",
    "ga_expenses": "Administrative expenses", "rnd_expenses": "Research and development spend",
    "operating_income": "Operating profit", "depreciation_amortization":
    "Depreciation and amortisation", "capex": "Capital expenditure",
    "cash": "Cash and cash equivalents", "total_borrowings": "Total borrowings",
    "short_term_borrowings": "Short-term borrowings",
    "long_term_borrowings": "Long-term borrowings", "total_equity": "Total equity",
    "ppe": "Property, plant and equipment", "accounts_receivable": "Trade receivables",
    "inventory": "Inventories", "accounts_payable": "Trade payables",
    "other_current_assets": "Other current assets", "accrued_expenses": "Accruals",
    "other_current_liabilities": "Other current liabilities",
    "intangibles": "Intangible assets", "short_term_investments": "Short-term investments",
    "long_term_investments": "Long-term investments", "lease_assets": "Right-of-use assets",
    "other_non_current_liabilities": "Other non-current liabilities",
    "long_term_prepayments": "Long-term prepayments",
    "due_from_related_parties": "Amounts due from related parties",
    "minority_interests": "Non-controlling interests", "net_income": "Net profit",
}
LABELS_ZH = {
    "revenue": "营业收入", "gross_profit": "毛利", "gross_margin": "毛利率",
    "cost_of_revenue": "营业成本", "selling_expenses": "销售费用", "ga_expenses": "管理费用",
    "rnd_expenses": "研发费用", "operating_income": "营业利润",
    "depreciation_amortization": "折旧与摊销", "capex": "资本开支", "cash": "货币资金",
    "total_borrowings": "借款合计", "short_term_borrowings": "短期借款",
    "long_term_borrowings": "长期借款", "total_equity": "股东权益合计", "ppe": "固定资产",
    "accounts_receivable": "应收账款", "inventory": "存货", "accounts_payable": "应付账款",
    "other_current_assets": "其他流动资产", "accrued_expenses": "预提费用",
    "other_current_liabilities": "其他流动负债", "intangibles": "无形资产",
    "short_term_investments": "短期投资", "long_term_investments": "长期投资",
    "lease_assets": "使用权资产", "other_non_current_liabilities": "其他非流动负债",
    "long_term_prepayments": "长期预付款", "due_from_related_parties": "应收关联方款项",
    "minority_interests": "少数股东权益", "net_income": "归母净利润",
}


@dataclass(frozen=True)
class Clause:
    """One figure as a document words it."""

    metric: str
    period: str
    value: float
    measure: str = MONEY
    label: str = ""  # the document's word for it; default: the metric's label


@dataclass
class Document:
    name: str  # file name, as the CSV cites it
    title: str
    published: dt.date
    entity: str
    currency: str
    chinese: bool = False
    lines: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def __post_init__(self) -> None:
        date = self.published.isoformat()
        self.lines += [self.title, f"发布日期：{date}" if self.chinese else f"Published {date}.",
                       ""]

    def add(self, *clauses: Clause, broker: str = "") -> None:
        """One line of ``clauses``, and a figure per clause quoting it."""
        texts = [self._word(c, broker) for c in clauses]
        self.lines.append(("；" if self.chinese else "; ").join(texts)
                          + ("。" if self.chinese else "."))
        for clause, text in zip(clauses, texts, strict=True):
            self.figures.append(Figure(
                entity=self.entity, metric=clause.metric, period=clause.period,
                value=clause.value, unit="million" if clause.measure == MONEY else "fraction",
                currency=self.currency if clause.measure == MONEY else "",
                kind=Kind.ESTIMATE if broker else Kind.ACTUAL, broker=broker,
                precision=PRECISION[clause.measure],
                source=Source(self.name, len(self.lines), text)))

    def note(self, text: str) -> None:
        """A line without figures (context a reader would see)."""
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def _word(self, clause: Clause, broker: str) -> str:
        if clause.measure == GROWTH:
            percent = f"{abs(clause.value) * 100:.1f}%"
            if self.chinese:
                return f"同比{'增长' if clause.value >= 0 else '下降'}{percent}"
            return f"{'up' if clause.value >= 0 else 'down'} {percent} year on year"
        label = clause.label or (LABELS_ZH if self.chinese else LABELS_EN)[clause.metric]
        amount = (f"{clause.value * 100:.1f}%" if clause.measure == RATIO
                  else f"{clause.value:,.1f}")
        unit = "" if clause.measure == RATIO else ("百万元" if self.chinese else " million")
        if broker:
            return (f"{broker}预计{clause.period}{label}为{amount}{unit}" if self.chinese else
                    f"{broker} expects {label.lower()} of {amount}{unit} in {clause.period}")
        return (f"{clause.period}{label}为{amount}{unit}" if self.chinese else
                f"{label} in {clause.period} was {amount}{unit}")


def all_figures(documents: Iterable[Document]) -> list[Figure]:
    return [f for d in documents for f in d.figures]
