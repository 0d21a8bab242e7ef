"""Extract the figures of a document's text: ``extract_text``, one section at a time.

Stages, per section: find tables (read clean rows; hand scrambled statement tables to the
identity-checked alignment; skip the rest), read the key data box, join the remaining prose into
paragraphs and read statements. Each reading becomes a :class:`Figure` with its kind (actual,
estimate, market) and attribution, or a skipped note saying why it could not be one. Figures are
kept one per reading; identical restatements within an article (a report's summary repeated in
its body) collapse to one.

Which companies exist, and how documents name them, comes from the model files (the catalog);
which research houses exist, from the sources file beside them: a section about no declared
company yields no figure. A folder of documents is read by :mod:`directory`.
"""

from __future__ import annotations

import re
from datetime import date

from builder.extract.databox import read_box
from builder.extract.documents import Section, paragraphs, split_sections
from builder.extract.houses import ResearchHouses
from builder.extract.maker import FigureMaker
from builder.extract.numbers import normalize
from builder.extract.periods import PERIOD_RE, PeriodContext, resolve
from builder.extract.phrases import Phrasebook
from builder.extract.prose import read_paragraph
from builder.extract.statements import read_statements
from builder.extract.tables import Skipped, scan
from builder.historicals.records import Figure, Kind
from builder.historicals.rows import Row, figure_of


def extract_text(name: str, text: str, phrases: Phrasebook, houses: ResearchHouses,
                 published: date | None = None,
                 first_line: int = 1) -> tuple[list[Figure], list[Skipped]]:
    """The figures of document ``name``'s ``text`` (or of a part of it starting at line
    ``first_line`` and at an article's start), and the notes on what was not read.

    ``published``: the document's date from the model files; else each section's own date.
    """
    rows, skipped = extract_rows(name, text, phrases, houses, published, first_line)
    return [figure_of(row) for row in rows], skipped


def extract_rows(name: str, text: str, phrases: Phrasebook, houses: ResearchHouses,
                 published: date | None = None,
                 first_line: int = 1) -> tuple[list[Row], list[Skipped]]:
    """:func:`extract_text`, with the figures as rows (:mod:`~builder.historicals.rows`):
    what a worker sends and renders, with no record made."""
    rows: list[Row] = []
    skipped: list[Skipped] = []
    for section in split_sections(name, text, phrases.entity_of, houses.named_in, first_line):
        found, notes = extract_section(section, phrases, published or section.date)
        rows += found
        skipped += notes
    return rows, skipped


def extract_section(section: Section, phrases: Phrasebook,
                    published: date | None = None) -> tuple[list[Row], list[Skipped]]:
    """Tables first (their lines are not prose), then the key-data box, then the prose; the
    figures as rows.

    A section about no declared company yields no figure: whose would it be?
    """
    body, folded = section.body(), section.body(folded=True)
    tables = scan(folded)
    skipped = [Skipped(section.document, a, b, reason) for a, b, reason in tables.skipped]
    if not section.entity:
        return [], skipped
    context = period_context(section)
    maker = FigureMaker(section, context.headline, phrases.metrics, published,
                        phrases.currencies.get(section.entity, ""))
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
    """Date, the year an undated article names, and the quarter the article reports on.

    The whole text is scanned for periods only when needed: for the year of an undated
    article's quarters, or for the quarter an article reports on when its title names none."""
    text = "\n".join(section.folded or section.lines)
    matches: list[re.Match[str]] | None = None
    anchor = None
    if section.date is None:
        matches = list(PERIOD_RE.finditer(text))
        bare = [resolve(m, PeriodContext()) for m in matches
                if m.lastgroup in _DATED_QUARTER_OR_HALF]
        years = [p.year for p in bare if p is not None]
        anchor = max(years) if years else None
    context = PeriodContext(section.date, anchor)
    title = [resolve(m, context) for m in PERIOD_RE.finditer(normalize(section.title))]
    quarters = [p for p in title if p is not None and p.kind == "Q"]
    if not quarters:
        if matches is None:
            matches = list(PERIOD_RE.finditer(text))
        named = [resolve(m, context) for m in matches if m.lastgroup in _QUARTER]
        quarters = sorted((p for p in named if p is not None and p.kind == "Q"
                           and (section.date is None or p.end <= section.date)),
                          key=lambda p: p.end)[-1:]
    return PeriodContext(section.date, anchor, quarters[0] if quarters else None)
