"""Extract every figure of a directory of seed documents: ``extract_directory(path, catalog)``.

Stages, per section of each document: find tables (read clean rows; hand scrambled statement
tables to the identity-checked alignment; skip the rest), read the key data box, join the
remaining prose into paragraphs and read statements. Each reading becomes a :class:`Figure` with
its kind (actual, estimate, market) and broker, or a skipped note saying why it could not be one.
Figures are kept one per reading; identical restatements within an article (a report's summary
repeated in its body) collapse to one.

Which companies exist, and how documents name them, comes from the model files (the catalog):
a section about no declared company yields no figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from builder.extract.companies import Catalog
from builder.extract.databox import read_box
from builder.extract.documents import Section, paragraphs, split_sections
from builder.extract.maker import FigureMaker
from builder.extract.numbers import normalize
from builder.extract.periods import PERIOD_RE, PeriodContext, resolve
from builder.extract.phrases import Phrasebook
from builder.extract.prose import read_paragraph
from builder.extract.statements import read_statements
from builder.extract.tables import Skipped, scan
from builder.historicals.records import Figure, Kind
from builder.inputs.files import DOCUMENT_LIMIT, FileRefused, read_text


@dataclass(slots=True)
class Extraction:
    """What ``finmodel extract`` found: figures, what it would not read, counts per document."""

    figures: list[Figure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def extract_directory(path: Path, catalog: Catalog) -> Extraction:
    """Read every ``*.txt`` seed under ``path`` in name order, for the catalog's companies.

    Each document is read through the safe reader: a FIFO, device or folder named ``*.txt``, a
    file over the size limit or one that is not UTF-8 is noted as skipped, and the others are
    still read.
    """
    result = Extraction()
    phrases = Phrasebook(catalog.companies)
    for document in sorted(path.glob("*.txt")):
        result.counts[document.name] = 0
        try:
            text = read_text(document, DOCUMENT_LIMIT)
        except (FileRefused, OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            result.skipped.append(Skipped(document.name, 1, 1, f"cannot read: {reason}"))
            continue
        published = catalog.document_dates.get(document.name)
        for section in split_sections(document.name, text, phrases.entity_of):
            figures, skipped = extract_section(section, phrases, published or section.date)
            result.figures.extend(figures)
            result.skipped.extend(skipped)
            result.counts[document.name] += len(figures)
    return result


def extract(path: Path, catalog: Catalog) -> list[Figure]:
    """The figures alone, for callers that do not report."""
    return extract_directory(path, catalog).figures


def extract_section(section: Section, phrases: Phrasebook,
                    published: date | None = None) -> tuple[list[Figure], list[Skipped]]:
    """Tables first (their lines are not prose), then the key-data box, then the prose.

    A section about no declared company yields no figure: whose would it be?
    """
    body, folded = section.body(), section.body(folded=True)
    tables = scan(folded)
    skipped = [Skipped(section.document, a, b, reason) for a, b, reason in tables.skipped]
    if not section.entity:
        return [], skipped
    context = period_context(section)
    maker = FigureMaker(section, context.headline, phrases.metrics, published)
    for cell in tables.cells:
        maker.cell(cell)
    for region in tables.regions:
        statement = read_statements(region)
        for found in statement.figures:
            maker.column_value(found.metric, found.column.year, found.column.actual, found.value,
                               found.precision, region.currency, found.line, found.quote,
                               found.confirmed_by)
        skipped += [Skipped(section.document, a, b, reason) for a, b, reason in statement.skipped]
    for value in read_box(body):
        maker.add(value.metric, value.on.isoformat(), value.value, value.precision,
                  value.currency, Kind.MARKET, "", value.line, value.quote, "box")
    prose = [(n, line) for n, line in folded if n not in tables.lines]
    for paragraph in paragraphs(prose):
        for reading in read_paragraph(paragraph.text, context, phrases):
            line, first, last = paragraph.span_on_line(*reading.span, reading.amount.start)
            quote = section.lines[line - section.first_line][first:last].strip()
            maker.reading(reading, line, quote)
    return maker.unique(), skipped + maker.notes()


# Period kinds by the PERIOD_RE alternative that matched: quarters and halves with their own
# year date an undated article; quarters name the one an article reports on.
_DATED_QUARTER_OR_HALF = frozenset({"yq", "en_q", "nq", "qn", "yh", "hn", "nh"})
_QUARTER = frozenset({"yq", "en_q", "nq", "qn", "q", "this"})


def period_context(section: Section) -> PeriodContext:
    """Date, the year an undated article names, and the quarter the article reports on."""
    matches = list(PERIOD_RE.finditer("\n".join(section.folded or section.lines)))
    bare = [resolve(m, PeriodContext()) for m in matches if m.lastgroup in _DATED_QUARTER_OR_HALF]
    years = [p.year for p in bare if p is not None]
    context = PeriodContext(section.date, max(years) if years else None)
    title = [resolve(m, context) for m in PERIOD_RE.finditer(normalize(section.title))]
    quarters = [p for p in title if p is not None and p.kind == "Q"]
    if not quarters:
        named = [resolve(m, context) for m in matches if m.lastgroup in _QUARTER]
        quarters = sorted((p for p in named if p is not None and p.kind == "Q"
                           and (section.date is None or p.end <= section.date)),
                          key=lambda p: p.end)[-1:]
    return PeriodContext(section.date, context.anchor_year, quarters[0] if quarters else None)
