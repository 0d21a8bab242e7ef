"""Historical rows: every reported figure the model uses, as a blue input with its sources."""

from __future__ import annotations

from builder.model.book import ItemBook
from builder.model.facts import Facts
from builder.model.items import Timeline, Unit
from builder.model.timeline import ANNUAL, QUARTERLY

# (metric, label with unit, unit): the annual rows of the Historicals sheet, in reading order.
ANNUAL_ROWS = (
    ("revenue", "Revenue (CNY m)", Unit.CNY_M),
    ("revenue_yoy", "Revenue growth (% YoY)", Unit.RATIO),
    ("ai_revenue", "AI revenue (CNY m)", Unit.CNY_M),
    ("gross_margin", "Gross margin (% of revenue)", Unit.RATIO),
    ("ebitda", "EBITDA (CNY m)", Unit.CNY_M),
    ("net_income", "Net income (loss) (CNY m)", Unit.CNY_M),
    ("accounts_receivable", "Accounts receivable (CNY m)", Unit.CNY_M),
    ("accounts_payable", "Accounts payable (CNY m)", Unit.CNY_M),
    ("ppe", "Property, plant & equipment, net (CNY m)", Unit.CNY_M),
    ("cash", "Cash and cash equivalents (CNY m)", Unit.CNY_M),
    ("short_term_borrowings", "Short-term borrowings (CNY m)", Unit.CNY_M),
    ("long_term_borrowings", "Long-term borrowings (CNY m)", Unit.CNY_M),
    ("total_equity", "Total shareholders' equity (CNY m)", Unit.CNY_M),
)

QUARTERLY_ROWS = (
    ("revenue", "Revenue (CNY m)", Unit.CNY_M),
    ("revenue_yoy", "Revenue growth (% YoY)", Unit.RATIO),
    ("public_cloud_revenue", "Public cloud revenue (CNY m)", Unit.CNY_M),
    ("public_cloud_revenue_yoy", "Public cloud growth (% YoY)", Unit.RATIO),
    ("industry_cloud_revenue", "Industry cloud revenue (CNY m)", Unit.CNY_M),
    ("industry_cloud_revenue_yoy", "Industry cloud growth (% YoY)", Unit.RATIO),
    ("ai_revenue", "AI revenue (CNY m)", Unit.CNY_M),
    ("adj_ebitda", "Adjusted EBITDA (CNY m)", Unit.CNY_M),
    ("adj_ebitda_margin", "Adjusted EBITDA margin (% of revenue)", Unit.RATIO),
    ("gross_margin", "Gross margin (% of revenue)", Unit.RATIO),
    ("adj_net_income", "Adjusted net income (loss) (CNY m)", Unit.CNY_M),
    ("cash", "Cash and cash equivalents (CNY m)", Unit.CNY_M),
    ("total_borrowings", "Total borrowings (CNY m)", Unit.CNY_M),
)


def annual_key(metric: str) -> str:
    return f"hist_{metric}"


def quarterly_key(metric: str) -> str:
    return f"q_{metric}"


def add_historicals(book: ItemBook, facts: Facts, annual: Timeline, quarterly: Timeline) -> None:
    """A row per metric the documents give; a row with no figure at all is left out."""
    for metric, label, unit in ANNUAL_ROWS:
        figures = facts.series(metric, annual.actual_keys())
        if figures:
            book.historical(annual_key(metric), label, unit, ANNUAL, figures)
    for metric, label, unit in QUARTERLY_ROWS:
        figures = facts.series(metric, quarterly.actual_keys())
        if figures:
            book.historical(quarterly_key(metric), label, unit, QUARTERLY, figures)
