"""Extract every figure of a directory of seed documents: ``extract_directory(path)``.

Stages, per section of each document: find tables (read clean rows, skip the rest), read the key
data box, join the remaining prose into paragraphs and read statements. Each reading becomes a
:class:`Figure` with its kind (actual, estimate, market) and broker, or a skipped note saying why
it could not be one. Figures are kept one per reading; identical restatements within an article
(a report's summary repeated in its body) collapse to one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from builder.extract.databox import read_box
from builder.extract.documents import Section, paragraphs, read_sections
from builder.extract.numbers import decimal_of, normalize
from builder.extract.periods import PERIOD_RE, Period, PeriodContext, resolve
from builder.extract.prose import read_paragraph
from builder.extract.rules import Reading
from builder.extract.tables import Cell, Skipped, scan
from builder.historicals.records import Figure, Kind, Source
from builder.historicals.table import UNIT_OF_MEASURE
from builder.historicals.vocabulary import METRICS, Measure


@dataclass(slots=True)
class Extraction:
    """What ``finmodel extract`` found: figures, what it would not read, counts per document."""

    figures: list[Figure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def extract_directory(path: Path) -> Extraction:
    """Read every ``*.txt`` seed under ``path`` in name order.

    A document that cannot be read is noted as skipped, and the others are still read.
    """
    result = Extraction()
    for document in sorted(path.glob("*.txt")):
        result.counts[document.name] = 0
        try:
            sections = read_sections(document)
        except (OSError, UnicodeDecodeError) as error:
            result.skipped.append(Skipped(document.name, 1, 1, f"cannot read: {error}"))
            continue
        for section in sections:
            figures, skipped = extract_section(section)
            result.figures.extend(figures)
            result.skipped.extend(skipped)
            result.counts[document.name] += len(figures)
    return result


def extract(path: Path) -> list[Figure]:
    """The figures alone, for callers that do not report."""
    return extract_directory(path).figures


def extract_section(section: Section) -> tuple[list[Figure], list[Skipped]]:
    """Tables first (their lines are not prose), then the key-data box, then the prose.

    A section about no known company (no 金山云, no 并行科技) yields no figure: whose would it be?
    """
    body = section.body()
    tables = scan(body)
    skipped = [Skipped(section.document, a, b, reason) for a, b, reason in tables.skipped]
    if not section.entity:
        return [], skipped
    context = period_context(section)
    maker = _Maker(section, context.headline)
    for cell in tables.cells:
        maker.cell(cell)
    for value in read_box(body):
        maker.add(value.metric, value.on.isoformat(), value.value, value.precision,
                  value.currency, Kind.MARKET, "", value.line, value.quote, "box")
    prose = [(n, line) for n, line in body if n not in tables.lines]
    for paragraph in paragraphs(prose):
        for reading in read_paragraph(paragraph.text, context):
            line, first, last = paragraph.span_on_line(*reading.span, reading.amount.start)
            quote = section.lines[line - section.first_line][first:last].strip()
            maker.reading(reading, line, quote)
    return maker.unique(), skipped + maker.notes()


def period_context(section: Section) -> PeriodContext:
    """Date, the year an undated article names, and the quarter the article reports on."""
    text = normalize("\n".join(section.lines))
    bare = [resolve(m, PeriodContext()) for m in PERIOD_RE.finditer(text)]
    years = [p.year for p in bare if p is not None and p.kind in ("Q", "H")]
    context = PeriodContext(section.date, max(years) if years else None)
    title = [resolve(m, context) for m in PERIOD_RE.finditer(normalize(section.title))]
    quarters = [p for p in title if p is not None and p.kind == "Q"]
    if not quarters:
        named = [resolve(m, context) for m in PERIOD_RE.finditer(text)]
        quarters = sorted((p for p in named if p is not None and p.kind == "Q"
                           and (section.date is None or p.end <= section.date)),
                          key=lambda p: p.end)[-1:]
    return PeriodContext(section.date, context.anchor_year, quarters[0] if quarters else None)


class _Maker:
    """Turns readings into figures for one section, deciding kind and broker."""

    def __init__(self, section: Section, headline: Period | None):
        self.section, self.headline = section, headline
        self.broker = f"{section.broker} {section.date.isoformat()}" if section.broker and \
            section.date else ""
        self.figures: list[tuple[str, Figure]] = []
        self.skips: dict[tuple[int, str], list[str]] = {}

    def cell(self, cell: Cell) -> None:
        """A table cell: a percentage for a ratio row, money in the table's unit otherwise."""
        measure = METRICS[cell.metric].measure
        value, precision = decimal_of(cell.text.rstrip("%"))
        is_percent = cell.text.endswith("%")
        if measure not in (Measure.MONEY, Measure.RATIO):
            return  # a per-share row needs its share basis stated, which tables do not give
        if is_percent != (measure is Measure.RATIO) or not (is_percent or cell.currency):
            return
        if cell.text.endswith("%"):
            value, precision = value / 100, precision / 100
        kind = Kind.ACTUAL if cell.column.actual else Kind.ESTIMATE
        if kind is Kind.ESTIMATE and not self.broker:
            return self._skip(cell.line, "estimate columns with no named broker and date",
                              f"{cell.metric} FY{cell.column.year}")
        line_text = self.section.lines[cell.line - self.section.first_line]
        quote = line_text[cell.quote[0]:cell.quote[1]].strip()
        currency = cell.currency if measure is Measure.MONEY else ""
        self.add(cell.metric, f"FY{cell.column.year}", value, precision, currency, kind,
                 "" if cell.column.actual else self.broker, cell.line, quote, "table")

    def reading(self, reading: Reading, line: int, quote: str) -> None:
        if reading.on_date:
            if self.section.date is None:
                return self._skip(line, "a price in an undated article", quote)
            estimate = reading.metric == "target_price_usd"
            if estimate and not self.broker:
                return self._skip(line, "a target price with no named broker", quote)
            self.add(reading.metric, self.section.date.isoformat(), reading.amount.value,
                     reading.amount.precision, reading.amount.currency,
                     Kind.ESTIMATE if estimate else Kind.MARKET,
                     self.broker if estimate else "", line, quote, "prose")
            return
        if reading.period is None:
            return self._skip(line, f"{reading.metric} with no period the text states", quote)
        kind = self._kind(reading.period, reading.forecast)
        if kind is None:
            return self._skip(line, "forecasts with no named broker and date",
                              f"{reading.metric} {reading.period.label} {quote!r}")
        currency = reading.amount.currency if METRICS[reading.metric].measure in (
            Measure.MONEY, Measure.PER_SHARE) else ""
        self.add(reading.metric, reading.period.label, reading.amount.value,
                 reading.amount.precision, currency, kind,
                 self.broker if kind is Kind.ESTIMATE else "", line, quote, "prose")

    def _kind(self, period: Period, forecast: bool) -> Kind | None:
        """An estimate when the period had not ended by the article's date, or when the clause
        forecasts (预计, 预测) a period after the one the article reports on: a preview of a
        quarter that has ended but not been reported is still an estimate. None when an
        estimate has no named broker to carry it."""
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

    def add(self, metric, period, value, precision, currency, kind, broker, line, quote, origin):
        figure = Figure(self.section.entity, metric, period, float(value),
                        UNIT_OF_MEASURE[METRICS[metric].measure], currency, kind, broker,
                        float(precision), Source(self.section.document, line, quote))
        self.figures.append((origin, figure))

    def unique(self) -> list[Figure]:
        """One figure per statement: a restatement with the same value and precision collapses,
        keeping the reading with the fullest quote."""
        best: dict[tuple, Figure] = {}
        for origin, f in self.figures:
            key = (origin, *f.key, f.value, f.precision)
            kept = best.get(key)
            if kept is None or len(f.source.quote) > len(kept.source.quote):
                best[key] = f
        return list(best.values())
