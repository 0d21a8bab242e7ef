"""Kinds and brokers: what is an actual, what an estimate, and who stands behind it."""

from __future__ import annotations

from pathlib import Path

from builder.extract.companies import read_catalog
from builder.extract.directory import extract_directory
from tests.extract.models import seed_catalog
from tests.extract.test_companies import NIMBUS


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


def test_a_forecast_no_house_is_named_for_is_credited_to_its_publisher(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云:25Q2收入增速回升\n格隆汇· 2025-08-25 11:34\n"
        "25Q2实现营业收入23.5亿元 [1] - 预计2026年营收110亿元 [2]"))
    assert [(f.metric, f.period, f.kind.value, f.broker) for f in result.figures] == [
        ("revenue", "2Q25", "actual", ""), ("revenue", "FY2026", "estimate", "格隆汇 2025-08-25")]
    assert result.skipped == []


def test_with_no_publisher_a_forecast_is_credited_to_the_articles_title(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云业绩会纪要\n2025-08-25 22:15\n核心观点 * 团队预测公司2026年营收110亿元[3]"))
    assert [(f.period, f.broker) for f in result.figures] == [
        ("FY2026", "金山云业绩会纪要 2025-08-25")]


def test_a_house_named_in_the_text_but_not_as_author_is_not_guessed(tmp_path: Path):
    """The site's article may repeat the house's forecast or give its own: neither is
    certain, so the forecast stays out, with the reason."""
    result = extract_text(tmp_path, (
        "金山云:25Q2收入增速回升\n格隆汇· 2025-08-25 11:34\n"
        "国元证券维持买入评级。预计2026年营收110亿元。"))
    assert result.figures == []
    (note,) = result.skipped
    assert note.reason == (
        "forecasts in an article that names Guoyuan in its text, not as its author: whose they "
        "are is not certain: revenue FY2026 '预计2026年营收110亿元'")


def test_an_undated_forecast_is_skipped_not_guessed(tmp_path: Path):
    result = extract_text(tmp_path, "金山云:2024年营收77.85亿元。预计2026年营收110亿元。")
    assert [(f.metric, f.period) for f in result.figures] == [("revenue", "FY2024")]
    (note,) = result.skipped
    assert note.reason.startswith("forecasts with no date or no attribution") and \
        "FY2026" in note.reason


def test_a_table_without_a_broker_keeps_its_actuals_only(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云 年度数据\n\n人民币百万元 2023A 2024A 2025E\n\n营业额 7,047 7,785 9,880\n"))
    assert [(f.period, f.value, f.kind.value) for f in result.figures] == [
        ("FY2023", 7047.0, "actual"), ("FY2024", 7785.0, "actual")]
    assert any("estimate columns with no date or no attribution" in s.reason
               for s in result.skipped)


def test_a_section_about_no_known_company_yields_nothing(tmp_path: Path):
    result = extract_text(tmp_path, "某云公司\n快讯· 2025-05-28 20:06\n第一季度总收入达19.7亿元")
    assert result.figures == []


def test_an_amount_without_a_currency_is_in_the_companys_reporting_currency(tmp_path: Path):
    result = extract_text(tmp_path, (
        "金山云业绩会纪要\n2025-11-26 22:15\n核心观点 * 团队预测公司2025年利润约2000万,"
        "2026年5,400万,2027年可能上亿[15]"))
    assert [(f.metric, f.period, f.value, f.currency, f.precision) for f in result.figures] == [
        ("net_income", "FY2026", 54.0, "CNY", 0.01)]  # KC's model: reporting_currency CNY


def test_without_a_reporting_currency_an_amount_without_one_is_skipped(tmp_path: Path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "nimbus.yaml").write_text(NIMBUS, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "call.txt").write_text(
        "云帆业绩会纪要\n2025-11-26 22:15\n团队预测公司2025年利润约2000万,2026年5,400万",
        encoding="utf-8")
    result = extract_directory(tmp_path / "seeds", read_catalog([models]))
    assert result.figures == []
    assert [s.reason for s in result.skipped] == [
        "an amount without a currency, for a company whose model declares no reporting "
        "currency: 2026年5,400万"]
