"""Kinds and brokers: what is an actual, what an estimate, and who stands behind it."""

from __future__ import annotations

from pathlib import Path

from builder.extract.extractor import extract_directory
from tests.extract.models import seed_catalog


def extract_text(tmp_path: Path, text: str):
    (tmp_path / "seed.txt").write_text(text, encoding="utf-8")
    return extract_directory(tmp_path, seed_catalog())


def test_a_preview_of_an_ended_but_unreported_quarter_is_an_estimate(tmp_path: Path):
    result = extract_text(tmp_path, (
        "【国元证券】金山云4Q24点评\n国元香港· 2025-04-10 08:00\n"
        "2024年第四季度营收22.32亿元,同比增长29.6%。预计一季度营收19.5亿元。"))
    kinds = {(f.metric, f.period): (f.kind.value, f.broker) for f in result.figures}
    assert kinds[("revenue", "4Q24")] == ("actual", "")
    assert kinds[("revenue", "1Q25")] == ("estimate", "Guoyuan 2025-04-10")


def test_a_forecast_with_no_broker_is_skipped_not_guessed(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云:25Q2收入增速回升\n格隆汇· 2025-08-25 11:34\n"
        "25Q2实现营业收入23.5亿元 [1] - 预计2026年营收110亿元 [2]"))
    assert [(f.metric, f.period) for f in result.figures] == [("revenue", "2Q25")]
    (note,) = result.skipped
    assert "no named broker" in note.reason and "FY2026" in note.reason


def test_a_table_without_a_broker_keeps_its_actuals_only(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云 年度数据\n\n人民币百万元 2023A 2024A 2025E\n\n营业额 7,047 7,785 9,880\n"))
    assert [(f.period, f.value, f.kind.value) for f in result.figures] == [
        ("FY2023", 7047.0, "actual"), ("FY2024", 7785.0, "actual")]
    assert any("estimate columns with no named broker" in s.reason for s in result.skipped)


def test_a_section_about_no_known_company_yields_nothing(tmp_path: Path):
    result = extract_text(tmp_path, "某云公司\n快讯· 2025-05-28 20:06\n第一季度总收入达19.7亿元")
    assert result.figures == []
