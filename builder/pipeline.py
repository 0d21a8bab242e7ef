"""The build, stage by stage: it reads like the table of contents of the product.

load assumptions -> load and reconcile historicals -> compute the model (pure) -> lay out sheets
-> build and render the memo (in memory) -> write the workbook and the memo into a new output
set, published as a whole (:mod:`builder.output`). Each stage is its own module; this one only
sequences them and turns a failure into problems that name the input at fault.

The memo's modules (Jinja, matplotlib, the PDF printer) are imported only when a memo is built:
they cost more start-up time than building a workbook, and a batch rebuild with ``memo=False``
or ``--watch`` on the workbook alone should not pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.historicals.point_in_time import describe, known_by
from builder.historicals.reconcile import reconcile
from builder.historicals.records import Conflict, Figure, Kind, ReconciledFigure, Source
from builder.historicals.table import read_figures
from builder.historicals.vocabulary import METRICS, segment_metrics
from builder.inputs.files import outside
from builder.inputs.loader import load_assumptions_document, resolve_relative
from builder.inputs.schema import Assumptions
from builder.inputs.yaml_source import YamlDocument, dotted
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model import sensitivity
from builder.model.assemble import build_model
from builder.model.expr import ModelError
from builder.model.facts import Facts, MissingFigures
from builder.model.items import Model
from builder.output import WORKBOOK, open_outputs
from builder.problems import InputError, Problem
from builder.workbook.writer import write_workbook

if TYPE_CHECKING:
    from builder.memo.context import MemoContext
    from builder.memo.files import MemoFiles


@dataclass(frozen=True)
class BuildResult:
    workbook: Path
    model: Model
    assumptions: Assumptions
    memo: MemoFiles | None = None
    memo_context: MemoContext | None = None
    left_out: tuple[str, ...] = ()  # figures published after as_of, one line each


@dataclass(frozen=True)
class Loaded:
    """A model's inputs: the assumptions, the facts known at ``as_of`` and what was left out."""

    assumptions: Assumptions
    facts: Facts
    left_out: tuple[str, ...]


def load_facts(yaml_path: Path, assumptions: Assumptions,
               document: YamlDocument | None = None) -> tuple[Facts, tuple[str, ...]]:
    """Read the reviewed historicals, keep what was published by ``as_of`` and reconcile it,
    honouring the analyst's choices; add the analyst's estimates. Returns the facts and one
    line per figure left out because it was published later."""
    csv_path = resolve_relative(yaml_path, assumptions.historicals.file)
    if outside(csv_path, yaml_path.parent):
        raise InputError([Problem(str(yaml_path), f"{assumptions.historicals.file!r} is outside "
                                  f"the model's folder {yaml_path.parent}; keep the CSV beside "
                                  "the model", key="historicals.file")])
    entity = assumptions.company.entity
    documents = resolve_relative(yaml_path, assumptions.historicals.documents)
    figures = read_figures(csv_path, documents=documents, entity=entity,
                           metrics=segment_metrics(assumptions.company.segments))
    dated = known_by(figures, assumptions.as_of, assumptions.historicals.document_dates)
    if dated.undated:
        raise InputError([Problem(str(yaml_path), f"figures from {doc} carry no publication "
                                  "date, so the model cannot tell whether they were known on "
                                  f"{assumptions.as_of.isoformat()}; give it under "
                                  f"historicals.document_dates ({doc}: YYYY-MM-DD)",
                                  key="historicals.document_dates")
                          for doc in dated.undated])
    _check_currency(csv_path, assumptions.company.reporting_currency, dated.known)
    choices = {(entity, c.metric, c.period): c.document for c in assumptions.historicals.choices}
    merged, conflicts = reconcile(dated.known, choices)
    if conflicts:
        raise InputError(_conflict_problems(yaml_path, conflicts))
    if not merged and not assumptions.historicals.estimates:
        raise InputError([Problem(str(csv_path), f"no figures for entity {entity!r} published "
                                  f"by {assumptions.as_of.isoformat()}", key="company.entity")])
    _check_reported_periods(yaml_path, assumptions, merged, dated.later, document)
    estimates = _analyst_estimates(yaml_path, assumptions, merged, document)
    left_out = tuple(describe(f) for f in sorted(
        dated.later, key=lambda f: (f.published or assumptions.as_of, f.metric, f.period)))
    return Facts.of(entity, merged, estimates), left_out


def _check_reported_periods(yaml_path: Path, assumptions: Assumptions,
                            merged: list[ReconciledFigure], later: tuple[Figure, ...],
                            document: YamlDocument | None) -> None:
    """A period the YAML says is reported must have figures known by ``as_of``."""
    known = {f.period for f in merged}
    path = ("timeline", "reported_periods")
    problems = []
    for period in assumptions.timeline.reported_periods:
        if period in known:
            continue
        count = sum(f.period == period for f in later)
        after = f" ({count} figures for it were published later)" if count else ""
        problems.append(Problem(str(yaml_path), f"{period} is listed as reported, but nothing "
                                f"for it was published by {assumptions.as_of.isoformat()}{after}",
                                key=dotted(path),
                                line=document.line_of(path) if document is not None else None))
    if problems:
        raise InputError(problems)


def _check_currency(csv_path: Path, reporting: str, figures: tuple[Figure, ...]) -> None:
    """Money figures are in the reporting currency: one in another would enter the statements
    unconverted."""
    wrong = sorted({(f.metric, f.period, f.currency, f.source.document, f.source.line)
                    for f in figures if f.unit == "million" and f.kind is not Kind.MARKET
                    and f.currency and f.currency != reporting})
    if wrong:
        raise InputError([Problem(str(csv_path), f"{metric} {period} is in {currency}, but the "
                                  f"model reports in {reporting} (company.reporting_currency); "
                                  f"convert it or correct the row ({document}:{line})",
                                  key="currency")
                          for metric, period, currency, document, line in wrong])


def _analyst_estimates(yaml_path: Path, assumptions: Assumptions,
                       merged: list[ReconciledFigure],
                       document: YamlDocument | None) -> list[ReconciledFigure]:
    """The YAML's estimates as figures whose source is the YAML line and the analyst's reason;
    an estimate of a figure the documents give is refused (estimates fill gaps only)."""
    given = {(f.metric, f.period): f for f in merged if f.kind is not Kind.ESTIMATE}
    known = {**METRICS, **segment_metrics(assumptions.company.segments)}
    found, problems = [], []
    for index, estimate in enumerate(assumptions.historicals.estimates):
        path = ("historicals", "estimates", index)
        line = document.line_of(path) if document is not None else None
        if estimate.metric not in known:
            problems.append(Problem(str(yaml_path), f"unknown metric {estimate.metric!r}; "
                                    "expected one of the vocabulary's (README: Historicals CSV) "
                                    "or a declared segment's", key=dotted((*path, "metric")),
                                    line=line))
            continue
        reported = given.get((estimate.metric, estimate.period))
        if reported is not None:
            source = reported.sources[0]
            problems.append(Problem(str(yaml_path), f"{estimate.metric} {estimate.period} is "
                                    f"reported ({reported.value:g}, {source.document}:"
                                    f"{source.line}); an estimate only fills a gap: remove it",
                                    key=dotted(path), line=line))
            continue
        found.append(ReconciledFigure(
            assumptions.company.entity, estimate.metric, estimate.period, estimate.value,
            "", assumptions.company.reporting_currency, Kind.ACTUAL, "",
            (Source(yaml_path.name, line or 0, f"analyst estimate: {estimate.why}"),),
            published=assumptions.as_of))
    if problems:
        raise InputError(problems)
    return found


def compute(yaml_path: Path) -> tuple[Assumptions, Model]:
    assumptions, _, model = compute_all(yaml_path)
    return assumptions, model


def compute_all(yaml_path: Path) -> tuple[Assumptions, Facts, Model]:
    """Assumptions, the reconciled facts (the memo compares the brokers' ones) and the model."""
    loaded, model = compute_loaded(yaml_path)
    return loaded.assumptions, loaded.facts, model


def compute_loaded(yaml_path: Path) -> tuple[Loaded, Model]:
    assumptions, document = load_assumptions_document(yaml_path)
    facts, left_out = load_facts(yaml_path, assumptions, document)
    try:
        model = build_model(assumptions, facts)
    except MissingFigures as error:
        raise InputError(_missing_problems(yaml_path, assumptions, document, error)) from None
    except ModelError as error:
        raise InputError([Problem(str(yaml_path), f"the model cannot be computed: {error}")]) \
            from None
    return Loaded(assumptions, facts, left_out), model


def _missing_problems(yaml_path: Path, assumptions: Assumptions, document: YamlDocument,
                      error: MissingFigures) -> list[Problem]:
    """One problem per missing figure, at the line where an estimate would go (the
    ``historicals.estimates`` list, else the ``historicals`` block) of the file that has it."""
    csv = assumptions.historicals.file
    where = ("historicals", "estimates")
    file, line = document.file_of(where) or str(yaml_path), document.line_of(where)
    return [Problem(file,
                    f"{m.metric} {m.period} is needed for {m.purpose}, but the documents known "
                    f"by {assumptions.as_of.isoformat()} do not give it: add a row to {csv} "
                    "with its document, line and quote, or an analyst estimate under "
                    f"historicals.estimates (metric: {m.metric}, period: {m.period}, value: ..., "
                    "why: ...)", key="historicals", line=line)
            for m in error.missing]


def build(yaml_path: Path, out_dir: Path, *, pdf: bool = False, memo: bool = True) -> BuildResult:
    """Build ``out_dir/<stem>.xlsx`` and its memo; the previous files survive any failure.

    The memo is rendered in memory before anything is written; the workbook and the memo files
    then go into a new output set, which replaces the previous set as a whole once every file
    is complete. The set is what this build made: ``memo=False`` (batch rebuilds of a coverage
    list) publishes the workbook alone, and an earlier memo of the model, which would no longer
    match it, goes with the earlier set.
    """
    loaded, model = compute_loaded(yaml_path)
    assumptions, facts = loaded.assumptions, loaded.facts
    placement = Placement(model, workbook_specs(model, assumptions, loaded.left_out))
    stem = yaml_path.stem
    context = rendered = None
    if memo:
        from builder.memo.context import build_context
        from builder.memo.render import render_memo

        context = build_context(assumptions, facts, model, stem + WORKBOOK)
        rendered = render_memo(context, stem)
    with open_outputs(out_dir, stem) as outputs:
        workbook = outputs.write(
            stem + WORKBOOK,
            lambda path: write_workbook(path, model, placement, assumptions.model,
                                        assumptions.as_of, highlights=sensitivity.highlights()),
            "the workbook")
        files = None
        if rendered:
            from builder.memo.files import stage_memo

            files = stage_memo(outputs, rendered, dated=assumptions.as_of, pdf=pdf)
    return BuildResult(workbook, model, assumptions, files, context, loaded.left_out)


def _conflict_problems(yaml_path: Path, conflicts: list[Conflict]) -> list[Problem]:
    return [
        Problem(str(yaml_path),
                f"{c.describe()}; pick one under historicals.choices "
                f"(metric: {c.metric}, period: {c.period}, document: ..., why: ...)",
                key="historicals.choices")
        for c in conflicts
    ]
