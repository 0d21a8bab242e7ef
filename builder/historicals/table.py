"""Read and write the tidy historicals CSV: one figure a row, every row with its quote.

The CSV is the reviewed hand-off between extraction and the model: ``finmodel extract`` writes it,
an analyst reviews and commits it, ``finmodel build`` reads it. Reading validates every row and
reports all bad rows together.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path

from builder.historicals.records import Figure, Kind, Source
from builder.historicals.vocabulary import METRICS, Measure
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

UNIT_OF_MEASURE = {
    Measure.MONEY: "million",
    Measure.RATIO: "fraction",
    Measure.PER_SHARE: "per_share",
    Measure.COUNT: "million_units",
}


def write_figures(figures: Iterable[Figure]) -> str:
    """Render figures as CSV text, sorted so that the same figures give the same bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    ordered = sorted(
        figures, key=lambda f: (f.entity, f.metric, f.period, f.broker, f.source.document,
                                f.source.line, f.value)
    )
    for f in ordered:
        writer.writerow(
            (f.entity, f.metric, f.period, repr(f.value), f.unit, f.currency, f.kind.value,
             f.broker, repr(f.precision), f.source.document, f.source.line, f.source.quote)
        )
    return buffer.getvalue()


def read_figures(path: Path) -> list[Figure]:
    """Parse and validate the CSV at ``path``; raise :class:`InputError` listing every bad row."""
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
    for row_number, row in enumerate(reader, start=2):
        figure, row_problems = _parse_row(str(path), row_number, row)
        problems.extend(row_problems)
        if figure is not None:
            figures.append(figure)
    if problems:
        raise InputError(problems)
    return figures


def _parse_row(file: str, line: int, row: dict[str, str]) -> tuple[Figure | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(column: str, message: str) -> None:
        problems.append(Problem(file, message, key=column, line=line))

    metric = METRICS.get(row["metric"])
    if metric is None:
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
    if not source_line.isdigit():
        bad("line", f"expected the 1-based line in the document, got {row['line']!r}")
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
        ),
        [],
    )


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None
