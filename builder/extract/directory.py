"""Extract a folder of documents on several cores, with the result of one process.

The main process reads the documents (through the safe reader, in name order) and cuts them into
parts: a document whole, or a long feed cut at its articles' title lines
(:func:`~builder.extract.documents.section_starts`), where each part splits into exactly the
sections the whole would. Parts go to worker processes in batches of about ``BATCH_CHARS``
characters; each worker builds its phrasebook once. Results are merged in the order of the
parts, which is the order one process reads them in: the figures, the skipped notes and the
counts, and so the CSV's bytes and the report, do not depend on the number of workers. With one
worker, or work for one batch, everything runs in the calling process.

The main process is the part that does not scale, so workers do what they can for it: figures
travel back as plain tuples (pickling the frozen records costs about five times as much), with
their CSV rows already rendered, so that writing the file is a sort and a join. The main process
keeps the tuples: it sorts them and finds the conflicts (the only figures the command reports)
on them, and makes a :class:`Figure` only for a figure in a conflict, or when asked for all of
them (:attr:`Extraction.figures`). Making a million frozen records cost more CPU than anything
else the main process did (measured: 4-7 us each, 5.7 s of a 100 MB set's 13 s).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from builder.batch import default_jobs
from builder.extract.companies import Catalog, Company
from builder.extract.documents import section_starts
from builder.extract.extractor import extract_rows
from builder.extract.houses import ResearchHouses
from builder.extract.phrases import Phrasebook
from builder.extract.tables import Skipped
from builder.historicals.agreement import readings_all_agree
from builder.historicals.records import Conflict, Figure
from builder.historicals.rows import CURRENCY, GROUP, READING, REST, Row, figure_of
from builder.historicals.table import HEADER, RowWriter
from builder.inputs.files import DOCUMENT_LIMIT, FileRefused, read_text

BATCH_CHARS = 1 << 20  # characters of text per batch handed to a worker
PART_CHARS = 1 << 20  # a document longer than this is cut at its articles


@dataclass(slots=True)
class Extraction:
    """What ``finmodel extract`` found: figures, what it would not read, counts per document.

    ``rows``: the figures as plain tuples (:mod:`~builder.historicals.rows`), in reading
    order; ``lines``: each one's CSV row, rendered where it was found (same order)."""

    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)
    _groups: dict[tuple, tuple[list[Row], list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def figures(self) -> list[Figure]:
        """Every figure as a record (made on each call: the command needs none of them)."""
        return [figure_of(row) for row in self.rows]

    def csv_text(self) -> str:
        """The CSV :func:`write_figures` writes for :attr:`figures`: the rows in its order.

        Sorted a group of one (entity, metric, period, broker) at a time, the groups in order:
        the same order as one sort by the whole key, and about four times quicker, since the
        comparisons no longer wade through the key's shared start (measured: 4.0 s CPU for a
        million rows)."""
        parts = [HEADER]
        for _, (rows, lines) in sorted(self._by_figure().items(), key=itemgetter(0)):
            order = sorted(zip(map(REST, rows), lines, strict=True), key=itemgetter(0))
            parts += map(itemgetter(1), order)
        return "".join(parts)

    def conflicts(self) -> list[Conflict]:
        """``reconcile(self.figures)[1]`` (no analyst's choices), found on the rows: groups
        whose readings all agree are passed over, not merged, and no other figure is made."""
        found = []
        for (entity, metric, period, broker), (rows, _) in sorted(self._by_figure().items(),
                                                                  key=itemgetter(0)):
            currencies = set(map(CURRENCY, rows))
            for currency in sorted(currencies):  # a price in USD and one in HKD: two figures
                group = (rows if len(currencies) == 1
                         else [row for row in rows if CURRENCY(row) == currency])
                if not readings_all_agree(set(map(READING, group))):
                    found.append(Conflict(entity, metric, period, broker,
                                          tuple(map(figure_of, group))))
        return found

    def _by_figure(self) -> dict[tuple, tuple[list[Row], list[str]]]:
        """Rows and their lines by (entity, metric, period, broker), in reading order; made
        on first use, once extraction is over."""
        if self._groups is None:
            groups: dict[tuple, tuple[list[Row], list[str]]] = {}
            for row, line in zip(self.rows, self.lines, strict=True):
                key = GROUP(row)
                group = groups.get(key)
                if group is None:
                    groups[key] = ([row], [line])
                else:
                    group[0].append(row)
                    group[1].append(line)
            self._groups = groups
        return self._groups


@dataclass(frozen=True, slots=True)
class Part:
    """Lines of one document, from ``first_line`` on, that split into whole sections."""

    document: str
    text: str
    first_line: int
    published: date | None  # the model files' date for the document, if they give one


Item = Part | Skipped  # a part to extract, or a document that could not be read
Found = tuple[list[Row], list[str], list[Skipped]]  # figures, their CSV rows, notes


def extract_directory(path: Path, catalog: Catalog, jobs: int | None = None) -> Extraction:
    """Read every ``*.txt`` seed under ``path`` in name order, for the catalog's companies.

    ``jobs``: worker processes (None: one per core this process may use). Each document is
    read through the safe reader: a FIFO, device or folder named ``*.txt``, a file over the
    size limit or one that is not UTF-8 is noted as skipped, and the others are still read.
    """
    documents = sorted(path.glob("*.txt"))
    total = sum(_size(document) for document in documents)
    workers = min(jobs or default_jobs(), -(-total // BATCH_CHARS))
    batches = _batches(_items(documents, catalog))
    extraction = Extraction()
    for document, (rows, lines, skipped) in _run(batches, catalog, workers):
        extraction.counts[document] += len(rows)
        extraction.rows += rows
        extraction.lines += lines
        extraction.skipped += skipped
    return extraction


def _size(document: Path) -> int:
    """Bytes of a regular file (a guide to how much work there is), else 0."""
    try:
        return document.stat().st_size if document.is_file() else 0
    except OSError:
        return 0


def _items(documents: Iterable[Path], catalog: Catalog) -> Iterator[Item]:
    """Each document's parts in line order, or the note saying why it could not be read."""
    for document in documents:
        try:
            text = read_text(document, DOCUMENT_LIMIT)
        except (FileRefused, OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            yield Skipped(document.name, 1, 1, f"cannot read: {reason}")
            continue
        published = catalog.document_dates.get(document.name)
        yield from _parts(document.name, text, published)


def _parts(name: str, text: str, published: date | None) -> Iterator[Part]:
    """``text`` whole, or cut at articles' starts into parts of about ``PART_CHARS``."""
    if len(text) <= PART_CHARS:
        yield Part(name, text, 1, published)
        return
    lines = text.splitlines(keepends=True)  # the lines split_sections numbers, with their ends
    cuts = set(section_starts(text))
    start = size = 0
    for index, line in enumerate(lines):
        if size >= PART_CHARS and index in cuts:
            yield Part(name, "".join(lines[start:index]), start + 1, published)
            start, size = index, 0
        size += len(line)
    yield Part(name, "".join(lines[start:]), start + 1, published)


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Consecutive items, about ``BATCH_CHARS`` characters of text a batch, as they are read."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.text) if isinstance(item, Part) else 0
        if size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _run(batches: Iterator[list[Item]], catalog: Catalog,
         workers: int) -> Iterator[tuple[str, Found]]:
    """Every item's document with what was found in it, in order: in ``workers`` processes
    when more than one, which start on the first batches while the main process reads the
    rest. A worker that dies (killed, out of memory) raises ``BrokenProcessPool``."""
    if workers <= 1:
        _start(catalog.companies, catalog.houses)
        for batch in batches:
            found = _extract_flat(batch)
            yield from zip((item.document for item in batch), found, strict=True)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start,
                               initargs=(catalog.companies, catalog.houses))
    try:
        pending = deque(([item.document for item in batch], pool.submit(_extract_flat, batch))
                        for batch in batches)
        while pending:  # each result let go of once merged: it is as large as its figures
            documents, future = pending.popleft()
            found = future.result()
            del future
            yield from zip(documents, found, strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- in a worker (or the calling process)

_worker: dict[str, object] = {}


def _start(companies: list[Company], houses: ResearchHouses) -> None:
    """Build the phrasebook once per process."""
    _worker["phrases"], _worker["houses"] = Phrasebook(companies), houses


def _extract_flat(batch: list[Item]) -> list[Found]:
    """What each item holds: a part's figures as plain tuples (which pickle fast), their CSV
    rows and the notes; an unreadable document's note."""
    phrases, houses = _worker["phrases"], _worker["houses"]
    writer = RowWriter()
    found: list[Found] = []
    for item in batch:
        if isinstance(item, Skipped):
            found.append(([], [], [item]))
            continue
        rows, skipped = extract_rows(item.document, item.text, phrases,  # type: ignore
                                     houses, item.published, item.first_line)  # type: ignore
        found.append((rows, [writer.row_line(row) for row in rows], skipped))
    return found
