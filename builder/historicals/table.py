"""Read and write the tidy historicals CSV: one figure a row, every row with its quote.

The CSV is the reviewed hand-off between extraction and the model: ``finmodel extract`` writes it,
an analyst reviews and commits it, ``finmodel build`` reads it. Reading validates every row and
reports all bad rows together; given the documents folder, it also checks that every row's quote
is really on the line it cites, so a hand edit that drifted from its source is caught.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path

from builder.historicals.records import Figure, Kind, Source
from builder.historicals.rows import Row, day, figure_of, row_of
from builder.historicals.sources import SourceCheck
from builder.historicals.vocabulary import (
    SEGMENT_LIKE,
    Measure,
    Metric,
    declared_metrics,
    metric_named,
)
from builder.inputs.files import CSV_LIMIT, FileRefused, read_text
from builder.problems import InputError, Problem

COLUMNS = (
    "entity",
    "metric",
    "period",
    "value",
    "unit",
    "currency",
    "kind",
    "broker",
    "precision",
    "document",
    "line",
    "quote",
)
# Written by ``finmodel extract``; a CSV without them still reads (published empty, and no
# identity named).
OPTIONAL_COLUMNS = ("published", "confirmed_by")

HEADER = ",".join((*COLUMNS, *OPTIONAL_COLUMNS)) + "\n"

UNIT_OF_MEASURE = {
    Measure.MONEY: "million",
    Measure.RATIO: "fraction",
    Measure.PER_SHARE: "per_share",
    Measure.COUNT: "million_units",
    Measure.DAYS: "days",
}


def write_figures(figures: Iterable[Figure]) -> str:
    """Render figures as CSV text, sorted so that the same figures give the same bytes.
    (Extraction, whose workers render the rows, writes the same bytes from them:
    :meth:`~builder.extract.directory.Extraction.csv_text`.)"""
    writer = RowWriter()
    return HEADER + "".join(map(writer.line, sorted(figures, key=sort_key)))


def sort_key(f: Figure) -> tuple:
    """The CSV's row order: entity, metric, period, broker, then where the figure was read."""
    return (f.entity, f.metric, f.period, f.broker, f.source.document, f.source.line, f.value,
            f.source.quote, f.confirmed_by)


def _fields(f: Figure) -> tuple:
    return (f.entity, f.metric, f.period, repr(f.value), f.unit, f.currency, f.kind.value,
            f.broker, repr(f.precision), f.source.document, f.source.line, f.source.quote,
            f.published.isoformat() if f.published else "", f.confirmed_by)


class RowWriter:
    """Renders one figure at a time as its CSV line (quoted as the csv module quotes).

    Almost no field holds a comma, quote or line break (a quote often holds a comma: 2,870万元):
    a row with none but a quote's commas is its fields joined by commas, the quote in quotes.
    Joining costs a third of the csv module's writer, which renders every other row.
    """

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def line(self, f: Figure) -> str:
        return self.row_line(row_of(f))

    def row_line(self, row: Row) -> str:
        """The line of a figure given as a row (:mod:`~builder.historicals.rows`)."""
        (entity, metric, period, value, unit, currency, kind, broker, precision, document,
         line, quote, published, confirmed_by) = row
        try:
            head = ",".join((entity, metric, period, repr(value), unit, currency, kind, broker,
                             repr(precision), document, str(line)))
            tail = (day(published).isoformat() if published else "") + "," + confirmed_by
        except TypeError:  # a field that is not text: the csv module renders it
            head = tail = ""
        if head.count(",") == _HEAD_COMMAS and tail.count(",") == 1:
            text = f"{head},{quote},{tail}\n"  # no field holds a quote or a line break: one test
            if '"' not in text and "\r" not in text and text.count("\n") == 1:
                return f'{head},"{quote}",{tail}\n' if "," in quote else text
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(_fields(figure_of(row)))
        return self._buffer.getvalue()


_HEAD_COMMAS = COLUMNS.index("quote") - 1  # between the fields before the quote


def read_figures(path: Path, *, documents: Path | None = None,
                 metrics: Collection[str] = (), entity: str | None = None) -> list[Figure]:
    """Parse and validate the CSV at ``path``; raise :class:`InputError` listing every bad row.

    ``metrics`` are the segment metrics the model declares (``<id>_revenue``, ...), accepted
    beside the vocabulary; a segment-like metric not declared is an error. With ``documents`` (a
    folder), every row's document must be a regular file there and its quote must appear on the
    line it cites, whitespace aside. With ``entity``, only that company's rows are read: a
    CSV shared by a coverage list holds other companies' rows, with their own segments.
    """
    try:
        text = read_text(path, CSV_LIMIT)
    except FileNotFoundError:
        raise InputError([Problem(str(path), "historicals file not found")]) from None
    except FileRefused as error:
        raise InputError([Problem(str(path), f"cannot read historicals file: {error}")]) \
            from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), f"cannot read historicals file: {error}")]) from None

    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        message = f"missing columns {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        raise InputError([Problem(str(path), message, line=1)])
    figures: list[Figure] = []
    problems: list[Problem] = []
    declared = declared_metrics(metrics)
    check = SourceCheck(documents, str(path)) if documents is not None else None
    previous_end = reader.line_num  # the header's last line
    for row in reader:
        # A quoted field may hold a newline: a row starts after the previous one ended.
        row_number, previous_end = previous_end + 1, reader.line_num
        row = {key: value or "" for key, value in row.items() if isinstance(key, str)}
        if entity is not None and row["entity"].strip() != entity:
            continue
        figure, row_problems = _parse_row(str(path), row_number, row, declared)
        if figure is not None and check is not None:
            row_problems = check.row(row_number, figure)
        problems.extend(row_problems)
        if figure is not None and not row_problems:
            figures.append(figure)
    if problems:
        raise InputError(problems)
    return figures


def _parse_row(file: str, line: int, row: dict[str, str],
               declared: dict[str, Metric]) -> tuple[Figure | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(column: str, message: str) -> None:
        problems.append(Problem(file, message, key=column, line=line))

    metric = metric_named(row["metric"], declared)
    if metric is None and SEGMENT_LIKE.match(row["metric"] or ""):
        bad("metric", f"segment metric {row['metric']!r} is not declared: the model's "
                      "company.segments must name the segment")
    elif metric is None:
        bad("metric", f"unknown metric {row['metric']!r}; see the vocabulary in the README")
    value = _number(row["value"])
    if value is None:
        bad("value", f"expected a number, got {row['value']!r}")
    precision = _number(row["precision"])
    if precision is None or precision <= 0:
        bad("precision", f"expected a positive number, got {row['precision']!r}")
    try:
        kind = Kind(row["kind"])
    except ValueError:
        bad("kind", f"expected one of {', '.join(k.value for k in Kind)}, got {row['kind']!r}")
        kind = None
    if kind is Kind.ESTIMATE and not row["broker"].strip():
        bad("broker", "an estimate names the broker that published it")
    if metric is not None and row["unit"] != UNIT_OF_MEASURE[metric.measure]:
        bad("unit", f"{metric.name} is in {UNIT_OF_MEASURE[metric.measure]!r}, got {row['unit']!r}")
    if not row["entity"].strip():
        bad("entity", "expected the company's entity id (company.entity in its YAML)")
    if not row["period"].strip():
        bad("period", "expected a period such as FY2024 or 3Q25")
    if not row["document"].strip() or not row["quote"].strip():
        bad("quote", "every figure needs its document and the quoted text it came from")
    source_line = row["line"].strip()
    if not source_line.isdigit() or int(source_line) < 1:
        bad("line", f"expected the 1-based line in the document, got {row['line']!r}")
    published = _date(row.get("published") or "")
    if published is False:
        bad("published", f"expected a date YYYY-MM-DD or nothing, got {row['published']!r}")
    if problems:
        return None, problems
    assert value is not None and precision is not None and kind is not None
    return (
        Figure(
            entity=row["entity"].strip(),
            metric=row["metric"].strip(),
            period=row["period"].strip(),
            value=value,
            unit=row["unit"],
            currency=row["currency"].strip(),
            kind=kind,
            broker=row["broker"].strip(),
            precision=precision,
            source=Source(row["document"].strip(), int(source_line), row["quote"]),
            published=published or None,
            confirmed_by=(row.get("confirmed_by") or "").strip(),
        ),
        [],
    )


def _date(text: str) -> date | bool | None:
    """The ISO date in ``text``, None when empty, False when it is not a date."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return False


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None
