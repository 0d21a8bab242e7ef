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

from builder.historicals.reconcile import reconcile
from builder.historicals.records import Conflict
from builder.historicals.table import read_figures
from builder.inputs.files import outside
from builder.inputs.loader import load_assumptions, resolve_relative
from builder.inputs.schema import Assumptions
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model import sensitivity
from builder.model.assemble import build_model
from builder.model.expr import ModelError
from builder.model.facts import Facts
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


def load_facts(yaml_path: Path, assumptions: Assumptions) -> Facts:
    """Read the reviewed historicals and reconcile them, honouring the analyst's choices."""
    csv_path = resolve_relative(yaml_path, assumptions.historicals.file)
    if outside(csv_path, yaml_path.parent):
        raise InputError([Problem(str(yaml_path), f"{assumptions.historicals.file!r} is outside "
                                  f"the model's folder {yaml_path.parent}; keep the CSV beside "
                                  "the model", key="historicals.file")])
    figures = read_figures(csv_path)
    entity = assumptions.company.entity
    choices = {(entity, c.metric, c.period): c.document for c in assumptions.historicals.choices}
    merged, conflicts = reconcile(figures, choices)
    blocking = [c for c in conflicts if c.entity == entity]
    if blocking:
        raise InputError(_conflict_problems(yaml_path, blocking))
    if not any(f.entity == entity for f in merged):
        raise InputError([Problem(str(csv_path), f"no figures for entity {entity!r}",
                                  key="company.entity")])
    return Facts.of(entity, merged)


def compute(yaml_path: Path) -> tuple[Assumptions, Model]:
    assumptions, _, model = compute_all(yaml_path)
    return assumptions, model


def compute_all(yaml_path: Path) -> tuple[Assumptions, Facts, Model]:
    """Assumptions, the reconciled facts (the memo compares the brokers' ones) and the model."""
    assumptions = load_assumptions(yaml_path)
    facts = load_facts(yaml_path, assumptions)
    try:
        model = build_model(assumptions, facts)
    except ModelError as error:
        raise InputError([Problem(str(yaml_path), f"the model cannot be computed: {error}")]) \
            from None
    return assumptions, facts, model


def build(yaml_path: Path, out_dir: Path, *, pdf: bool = False, memo: bool = True) -> BuildResult:
    """Build ``out_dir/<stem>.xlsx`` and its memo; the previous files survive any failure.

    The memo is rendered in memory before anything is written; the workbook and the memo files
    then go into a new output set, which replaces the previous set as a whole once every file
    is complete. The set is what this build made: ``memo=False`` (batch rebuilds of a coverage
    list) publishes the workbook alone, and an earlier memo of the model, which would no longer
    match it, goes with the earlier set.
    """
    assumptions, facts, model = compute_all(yaml_path)
    placement = Placement(model, workbook_specs(model, assumptions))
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
    return BuildResult(workbook, model, assumptions, files, context)


def _conflict_problems(yaml_path: Path, conflicts: list[Conflict]) -> list[Problem]:
    return [
        Problem(str(yaml_path),
                f"{c.describe()}; pick one under historicals.choices "
                f"(metric: {c.metric}, period: {c.period}, document: ..., why: ...)",
                key="historicals.choices")
        for c in conflicts
    ]
