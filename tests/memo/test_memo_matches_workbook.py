"""Every figure the memo shows is the workbook's, as LibreOffice recalculates it.

The memo's context holds each number as a record: (line item, period, case, display string).
Workbook figures are looked up through the Placement in the workbook recalculated by
LibreOffice (with the case's input edits typed in, for scenario and sensitivity figures) and
formatted with the memo's own filter: the display strings must be equal. Broker figures must be
the documents' (the reconciled historicals), differences must follow from what they compare,
and every number printed in the Markdown's tables must be one of the records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from xlsxwriter.utility import xl_rowcol_to_cell

from builder.check import CellId
from builder.check.libreoffice import edited_copy
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.memo.figures import Case, Shown, walk
from builder.memo.filters import FILTERS
from builder.pipeline import compute_all
from tests.conftest import KC_YAML
from tests.recalc import recalculated_values

NUMBER = re.compile(r"^\(?[+-]?[\d,]+(\.\d+)?(%|pp|x)?\)?$")


def _cell(placement: Placement, figure: Shown) -> CellId:
    assert figure.key is not None
    position = placement.position(figure.key, figure.period)
    return CellId(position.sheet, xl_rowcol_to_cell(position.row, position.column))


@pytest.fixture(scope="module")
def figures(kc_build) -> list[Shown]:
    assert kc_build.memo_context is not None
    return list(walk(kc_build.memo_context))


@pytest.mark.slow
@pytest.mark.libreoffice
def test_every_workbook_figure_is_libreoffices_value_as_displayed(
    kc_build, figures, libreoffice, tmp_path
):
    placement = Placement(kc_build.model, workbook_specs(kc_build.model, kc_build.assumptions,
                                                        kc_build.left_out))
    by_case: dict[Case, list[Shown]] = defaultdict(list)
    for figure in figures:
        if figure.origin == "workbook":
            by_case[figure.case].append(figure)
    assert len(by_case[()]) > 80  # the headline tables, before the scenario and sensitivity cases

    def copy_for(index: int, case: Case) -> Path:
        """The workbook with the case's inputs typed in (the base case: as built)."""
        edits = {_cell(placement, Shown("", None, "", key=k, period=p)): v for k, p, v in case}
        return edited_copy(kc_build.workbook, edits, tmp_path / "cases", f"case{index}.xlsx")

    cases = list(by_case)
    copies = [copy_for(index, case) for index, case in enumerate(cases)]
    recalculated = recalculated_values(copies, tmp_path / "lo", jobs=2)  # one batch, every case
    values = dict(zip(cases, recalculated, strict=True))

    wrong = []
    for case, shown in by_case.items():
        for figure in shown:
            cell = _cell(placement, figure)
            expected = FILTERS[figure.fmt](values[case].get(cell))
            if expected != figure.text:
                wrong.append(f"{cell} {figure.key}[{figure.period}] {case}: memo shows "
                             f"{figure.text!r}, LibreOffice {expected!r}")
    assert wrong == [], "\n".join(wrong)


def test_broker_figures_are_the_documents_and_differences_follow(figures):
    _, facts, _ = compute_all(KC_YAML)
    published = {(s.document, s.line, f.value) for f in facts.estimates for s in f.sources}
    documents = [f for f in figures if f.origin == "document"]
    derived = [f for f in figures if f.origin == "derived"]
    on_street = [f for f in figures if (f.key or "").startswith("st_")]  # Street sheet cells
    assert len(documents) + len(on_street) >= 20 and len(derived) >= 15
    for figure in documents:
        assert figure.sources, figure
        assert all((s.document, s.line, figure.value) in published for s in figure.sources)
        assert FILTERS[figure.fmt](figure.value) == figure.text
    for figure in derived:
        ours, theirs = (float(b.value) for b in figure.basis)
        value = ours / theirs - 1 if figure.fmt == "change" else ours - theirs
        assert FILTERS[figure.fmt](value) == figure.text, figure


def test_every_number_in_the_markdown_tables_is_a_record(kc_build, figures):
    markdown = kc_build.memo.markdown.read_text(encoding="utf-8")
    texts = {f.text for f in figures}
    cells = [cell.strip() for line in markdown.splitlines() if line.startswith("|")
             for cell in line.strip("|").split("|")]
    numbers = []
    for cell in cells:
        # a broker cell reads "9,880 (Δ -3.8%) [001:56]": its figures, then a source
        plain = re.sub(r"\(Δ ([^)]*)\)", r" \1 ", re.sub(r"\[[^\]]*\]", " ", cell))
        numbers += [part for part in plain.split() if NUMBER.match(part)]
    assert len(numbers) > 150
    assert [n for n in numbers if n not in texts] == []
    missing = [f.text for f in figures if f.text not in markdown and f.text != "–"]
    assert missing == []


def test_memo_files_sit_beside_the_workbook(kc_build):
    memo = kc_build.memo
    assert memo.markdown == kc_build.workbook.with_name("kingsoft_cloud.memo.md")
    assert memo.html == kc_build.workbook.with_name("kingsoft_cloud.memo.html")
    names = [p.name for p in memo.charts]
    assert names[:2] == ["revenue.png", "margins.png"]
    assert names[2:] in ([], ["valuation.png"])  # the football field, once a valuation exists
    for chart in memo.charts:
        assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"]({chart.parent.name}/{chart.name})" in memo.markdown.read_text("utf-8")
    assert Path(memo.html).read_text("utf-8").count("data:image/png;base64,") == len(names)
