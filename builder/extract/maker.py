"""Turn what a section's readers found into figures, deciding each one's kind and broker.

A reading becomes an actual, an estimate (with who stands behind it and the date: the research
house the section names, else the section's own publisher or title, :attr:`Section.attribution`)
or a market figure; one that cannot be placed (a forecast in an undated article, a price in an
undated article, an amount without a currency for a company that declares none) becomes a
skipped note with its reason instead. Every figure carries the date its section was published,
when anything says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from builder.extract.documents import Section
from builder.extract.numbers import decimal_of
from builder.extract.periods import Period
from builder.extract.rules import Reading
from builder.extract.tables import Cell, Skipped
from builder.historicals.records import Kind
from builder.historicals.rows import KEY, QUOTE, VALUE_AND_PRECISION, Row
from builder.historicals.table import UNIT_OF_MEASURE
from builder.historicals.vocabulary import Measure, Metric


def _unattributed(what: str, section: Section) -> str:
    if section.quoted and section.date:
        return (f"{what} in an article that names {section.quoted} in its text, not as its "
                "author: whose they are is not certain")
    return f"{what} with no date or no attribution (a research house, publisher or title)"


class FigureMaker:
    """Figures of one section, from table cells, key-data values and prose readings."""

    def __init__(self, section: Section, headline: Period | None, metrics: dict[str, Metric],
                 published: date | None, currency: str = ""):
        """``currency``: the company's reporting currency, that of an amount the text gives
        without one (5,400万 after 利润)."""
        self.section, self.headline, self.metrics = section, headline, metrics
        self.published, self.currency = published, currency
        self.broker = section.attribution
        self._published = published.toordinal() if published else 0
        self.rows: list[tuple[str, Row]] = []  # (where it was read, the figure as a row)
        self.skips: dict[tuple[int, str], list[str]] = {}

    def cell(self, cell: Cell, confirmed_by: str = "") -> None:
        """A table cell: a percentage for a ratio row, money in the table's unit, a day count."""
        measure = self.metrics[cell.metric].measure
        is_percent = cell.text.endswith("%")
        if measure not in (Measure.MONEY, Measure.RATIO, Measure.DAYS):
            return  # a per-share row needs its share basis stated, which tables do not give
        if is_percent != (measure is Measure.RATIO) or not (
                is_percent or cell.currency or measure is Measure.DAYS):
            return
        value, precision = decimal_of(cell.text.rstrip("%"))
        if is_percent:
            value, precision = value / 100, precision / 100
        self.column_value(cell.metric, cell.column.year, cell.column.actual, value,
                          precision, cell.currency, cell.line, cell.quote, confirmed_by)

    def column_value(self, metric: str, year: int, actual: bool, value: Decimal,
                     precision: Decimal, currency: str, line: int, span: tuple[int, int],
                     confirmed_by: str) -> None:
        """A value of a fiscal-year column: actual, or an estimate of whoever the section is
        attributed to."""
        kind = Kind.ACTUAL if actual else Kind.ESTIMATE
        if kind is Kind.ESTIMATE and not self.broker:
            return self._skip(line, _unattributed("estimate columns", self.section),
                              f"{metric} FY{year}")
        line_text = self.section.lines[line - self.section.first_line]
        quote = line_text[span[0]:span[1]].strip()
        money = self.metrics[metric].measure is Measure.MONEY
        origin = "statement" if confirmed_by else "table"
        self.add(metric, f"FY{year}", value, precision, currency if money else "", kind,
                 "" if actual else self.broker, line, quote, origin, confirmed_by)

    def reading(self, reading: Reading, line: int, quote: str) -> None:
        if reading.on_date:
            if self.section.date is None:
                return self._skip(line, "a price in an undated article", quote)
            estimate = reading.metric == "target_price"
            if estimate and not self.broker:
                return self._skip(line, _unattributed("a target price", self.section), quote)
            self.add(reading.metric, self.section.date.isoformat(), reading.amount.value,
                     reading.amount.precision, reading.amount.currency,
                     Kind.ESTIMATE if estimate else Kind.MARKET,
                     self.broker if estimate else "", line, quote, "prose")
            return
        if reading.period is None:
            return self._skip(line, f"{reading.metric} with no period the text states", quote)
        kind = self._kind(reading.period, reading.forecast)
        if kind is None:
            return self._skip(line, _unattributed("forecasts", self.section),
                              f"{reading.metric} {reading.period.label} {quote!r}")
        currency = reading.amount.currency if self.metrics[reading.metric].measure in (
            Measure.MONEY, Measure.PER_SHARE) else ""
        if reading.amount.measure == "money" and not currency:
            if not self.currency:
                return self._skip(line, "an amount without a currency, for a company whose "
                                  "model declares no reporting currency", quote)
            currency = self.currency
        self.add(reading.metric, reading.period.label, reading.amount.value,
                 reading.amount.precision, currency, kind,
                 self.broker if kind is Kind.ESTIMATE else "", line, quote, "prose")

    def _kind(self, period: Period, forecast: bool) -> Kind | None:
        """An estimate when the period had not ended by the article's date, or when the clause
        forecasts (预计, 预测) a period after the one the article reports on: a preview of a
        quarter that has ended but not been reported is still an estimate. None when an
        estimate has nobody to attribute it to (see :attr:`Section.attribution`)."""
        date, headline = self.section.date, self.headline
        ahead = (date is not None and period.end > date) or (
            forecast and (headline is None or period.end > headline.end))
        if ahead:
            return Kind.ESTIMATE if self.broker else None
        return Kind.ACTUAL

    def _skip(self, line: int, reason: str, item: str) -> None:
        self.skips.setdefault((line, reason), []).append(item)

    def notes(self) -> list[Skipped]:
        """Readings that could not become figures, one note per line and reason."""
        return [Skipped(self.section.document, line, line, f"{reason}: {', '.join(items)}")
                for (line, reason), items in self.skips.items()]

    def add(self, metric: str, period: str, value: Decimal, precision: Decimal, currency: str,
            kind: Kind, broker: str, line: int, quote: str, origin: str,
            confirmed_by: str = "") -> None:
        self.rows.append((origin, (
            self.section.entity, metric, period, float(value),
            UNIT_OF_MEASURE[self.metrics[metric].measure], currency, kind.value, broker,
            float(precision), self.section.document, line, quote, self._published,
            confirmed_by)))

    def unique(self) -> list[Row]:
        """One figure per statement, as a row (:mod:`~builder.historicals.rows`): a
        restatement with the same value and precision collapses, keeping the reading with the
        fullest quote."""
        best: dict[tuple, Row] = {}
        for origin, row in self.rows:
            key = (origin, *KEY(row), *VALUE_AND_PRECISION(row))
            kept = best.get(key)
            if kept is None or len(row[QUOTE]) > len(kept[QUOTE]):
                best[key] = row
        return list(best.values())
