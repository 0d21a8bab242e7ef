"""Declared revenue builds: any segments, one or two levels, each driven by growth, volume x
price or a share of its parent; labels and defined names follow the declared ids and names."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.pipeline import build, compute
from builder.problems import InputError
from tests.recalc import assert_libreoffice_agrees

from .tiny import each_year, tiny_company

TREE = [
    {"id": "compute", "name": "Compute", "children": [
        {"id": "gpu", "name": "GPU rental"}, {"id": "cpu", "name": "CPU rental"}]},
    {"id": "software", "name": "Software licences"},
]
FIGURES = {("compute_revenue", "FY2024"): 700.0, ("software_revenue", "FY2024"): 300.0}


def with_tree(drivers: dict) -> callable:
    def edit(data: dict) -> None:
        data["company"]["segments"] = TREE
        data["drivers"]["revenue"] = drivers
    return edit


def test_a_two_level_tree_with_shares_volume_and_price(tmp_path: Path) -> None:
    drivers = {"compute": {"growth": each_year(0.2)},
               "gpu": {"share": {2025: 0.6, 2026: 0.65, 2027: 0.7}},
               "cpu": {"rest": True},
               "software": {"volume": each_year(2.0), "price": {2025: 150, 2026: 160,
                                                                2027: 170},
                            "volume_unit": "seats"}}
    m = compute(tiny_company(tmp_path, with_tree(drivers), figures=FIGURES))[1]
    assert m.value("fc_seg_compute", "FY2025") == pytest.approx(840)
    assert m.value("fc_seg_gpu", "FY2025") == pytest.approx(504)
    assert m.value("fc_seg_cpu", "FY2025") == pytest.approx(336)
    assert m.value("fc_seg_software", "FY2026") == pytest.approx(320)
    assert m.value("fc_revenue", "FY2025") == pytest.approx(840 + 300)
    assert m.items["fc_seg_gpu"].label == "GPU rental revenue (CNY m)"
    assert m.items["drv_seg_compute_growth"].name == "Growth_compute"
    assert m.items["drv_seg_gpu_share"].name == "Share_gpu"
    assert "seats" in m.items["drv_seg_software_volume"].label
    assert m.segments == ("fc_seg_gpu", "fc_seg_cpu", "fc_seg_software")
    assert m.value("check_master") == 0


def test_a_segment_without_history_is_derived_from_its_parent_and_siblings(
        tmp_path: Path) -> None:
    drivers = {"gpu": {"growth": each_year(0.3)}, "cpu": {"growth": each_year(0.0)},
               "software": {"growth": each_year(0.1)}}
    figures = {**FIGURES, ("gpu_revenue", "FY2024"): 400.0}
    m = compute(tiny_company(tmp_path, with_tree(drivers), figures=figures))[1]
    assert m.value("fc_seg_cpu", "FY2024") == pytest.approx(300)  # compute 700 - GPU 400
    assert m.value("fc_seg_compute", "FY2025") == pytest.approx(520 + 300)


@pytest.mark.libreoffice
def test_an_only_segment_is_its_parent(tmp_path: Path, libreoffice: str) -> None:
    """One declared segment and no history of its own: its actual year is total revenue, a
    plain reference (never ``=D7-SUM()``, which ``formulas`` and Excel refuse), and LibreOffice
    agrees with every cached value (the lint's no-argument rule is tested on its own)."""
    def edit(data: dict) -> None:
        data["company"]["segments"] = [{"id": "cloud", "name": "Cloud"}]
        data["drivers"]["revenue"] = {"cloud": {"growth": each_year(0.2)}}

    result = build(tiny_company(tmp_path, edit), tmp_path / "out", memo=False)
    m = result.model
    assert m.value("fc_seg_cloud", "FY2024") == pytest.approx(1000)
    assert m.value("fc_revenue", "FY2025") == pytest.approx(1200)
    assert m.value("check_master") == 0
    placement = Placement(m, workbook_specs(m, result.assumptions))
    cloud = placement.position("fc_seg_cloud", "FY2024")
    revenue = placement.reference("fc_revenue", "FY2024", absolute=False)
    cell = openpyxl.load_workbook(result.workbook)[cloud.sheet].cell(cloud.row + 1,
                                                                     cloud.column + 1)
    assert revenue[0] in (None, cloud.sheet)
    assert cell.value == f"={revenue[1]}"
    assert_libreoffice_agrees([result.workbook], tmp_path / "recalc")


@pytest.mark.parametrize(("drivers", "message"), [
    ({"compute": {"growth": each_year(0.1)}, "gpu": {"growth": each_year(0.1)},
      "cpu": {"rest": True}, "software": {"growth": each_year(0.1)}},
     "drivers.revenue.gpu: 'compute' has a driver of its own, so its parts divide it"),
    ({"gpu": {"share": each_year(0.5)}, "cpu": {"rest": True},
      "software": {"growth": each_year(0.1)}},
     "drivers.revenue.gpu: a share divides its parent's revenue, but segment 'Compute' is "
     "the sum of its parts"),
    ({"compute": {"growth": each_year(0.1)}, "gpu": {"rest": True}, "cpu": {"rest": True},
      "software": {"growth": each_year(0.1)}},
     "drivers.revenue.cpu: only one part of 'compute' can take the rest"),
    ({"gpu": {"growth": each_year(0.1)}, "software": {"growth": each_year(0.1)}},
     "drivers.revenue.cpu: segment 'CPU rental' has no driver"),
    ({"gpu": {"growth": each_year(0.1), "share": each_year(0.2)},
      "cpu": {"growth": each_year(0.1)}, "software": {"growth": each_year(0.1)}},
     "drivers.revenue.gpu: give exactly one driver (growth, share, volume x price, rest); "
     "got growth, share"),
    ({"gpu": {"growth": each_year(0.1)}, "cpu": {"growth": each_year(0.1)},
      "software": {"volume": each_year(1.0)}},
     "drivers.revenue.software.price: volume and price go together"),
    ({"gpu": {"growth": each_year(0.1)}, "cpu": {"growth": each_year(0.1)},
      "software": {"growth": each_year(0.1)}, "hardware": {"growth": each_year(0.1)}},
     "drivers.revenue.hardware: no such segment; company.segments declares compute, cpu, gpu, "
     "software"),
])
def test_a_driver_that_does_not_fit_the_tree_is_named(drivers, message, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, with_tree(drivers), figures=FIGURES))
    assert message in str(raised.value)


def test_a_scenario_overrides_a_segment_by_its_id(tmp_path: Path) -> None:
    drivers = {"gpu": {"growth": each_year(0.3)}, "cpu": {"growth": each_year(0.0)},
               "software": {"growth": each_year(0.1)}}

    def edit(data: dict) -> None:
        with_tree(drivers)(data)
        data["scenarios"] = {"selected": "bull",
                             "bull": {"revenue": {"gpu": {"growth": each_year(0.5)}}}}

    figures = {**FIGURES, ("gpu_revenue", "FY2024"): 400.0}
    m = compute(tiny_company(tmp_path, edit, figures=figures))[1]
    assert m.value("fc_seg_gpu", "FY2025") == pytest.approx(600)
    assert m.value("sc_base_fc_seg_gpu", "FY2025") == pytest.approx(520)
    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path / "x", lambda d: (
            edit(d), d["scenarios"]["bull"]["revenue"].update(gpu={"share": each_year(0.1)})),
            figures=figures))
    assert "scenarios.bull.revenue.gpu.share: the base case drives 'gpu' by growth" in \
        str(raised.value)
