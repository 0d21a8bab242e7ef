"""A synthetic coverage universe: many model YAMLs sharing one ``_macro.yaml``, for tests and
benchmarks of batch builds.

The universe is synthetic. Every company is the default model's inputs (``assumptions/
kingsoft_cloud.yaml`` and its historicals CSV) with a made-up id (``SYN001``...), made-up names,
a horizon of 3 to 30 forecast years, three segments or one (``revenue_growth.total``), drivers
drawn within plausible ranges, bear and bull scenarios and 0 to 200 made-up peers. Its
historicals are the default model's rows with the entity renamed and money figures and share
counts (and their rounding) scaled by a per-company factor, so the quotes in the cell comments
are that model's and no longer match the numbers: nothing here describes a real company.

Names include CJK-only ones and hostile strings (``=1+1``, ``<b>``) that must stay text in the
workbook and the memo. Generation is deterministic: the same ``count`` and ``seed`` give the
same bytes (``random.Random(seed)``, no clock, no set iteration).
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from builder.inputs.includes import load_with_includes

ROOT = Path(__file__).resolve().parent.parent
KC_YAML = ROOT / "assumptions" / "kingsoft_cloud.yaml"
MACRO = "_macro.yaml"
FIRST_FORECAST_YEAR = 2025
MAX_HORIZON = 30
MIN_HORIZON = 3
MAX_PEERS = 200
ONE_SEGMENT_SHARE = 0.2  # of companies reported as a single segment

# Shared macro inputs: what a research team changes once for the whole coverage list.
MACRO_INPUTS: dict[str, Any] = {
    "market": {"fx": {"usd_cny": 7.11, "hkd_cny": 0.914, "usd_hkd": 7.78}},
    "valuation": {"wacc": {"risk_free_rate": 0.03, "equity_risk_premium": 0.07}},
}

NAMES_EN = ("Cirrus", "Nimbus", "Stratus", "Harbour", "Jade", "Lotus", "Summit", "Meridian",
            "Pearl River", "Yangtze", "Orchid", "Granite", "Aurora", "Vertex", "Lattice")
NAMES_ZH = ("云", "数", "智", "联", "星", "海", "天", "华", "信", "科", "金", "长", "明", "达")
SUFFIX_EN = ("Cloud Holdings Limited", "Data Technology Co., Ltd.", "Digital Group",
             "Compute Inc.")
HOSTILE = ("=1+1", "<b>bold</b> & <i>co</i>", "=HYPERLINK(\"http://x\",\"x\")", "+SUM(A1)",
           "@cmd", "-1+2", "'quoted'", "{{ jinja }}", "a|b|c *md*")
CURRENCIES = ("CNY", "USD", "HKD")

# (low, high) of each opex-like driver in the first forecast year and at the horizon's end.
RATIO_DRIVERS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "gross_margin": ((0.14, 0.20), (0.20, 0.35)),
    "selling_pct_revenue": ((0.04, 0.06), (0.03, 0.045)),
    "ga_pct_revenue": ((0.06, 0.09), (0.035, 0.055)),
    "rnd_pct_revenue": ((0.08, 0.11), (0.06, 0.08)),
    "other_income_pct_revenue": ((-0.035, -0.02), (-0.012, 0.0)),
    "da_pct_revenue": ((0.18, 0.24), (0.12, 0.18)),
    "capex_pct_revenue": ((0.35, 0.60), (0.12, 0.20)),
}


def generate_universe(folder: Path, count: int, seed: int = 0, *, max_horizon: int = MAX_HORIZON,
                      max_peers: int = MAX_PEERS) -> list[Path]:
    """Write ``count`` model YAMLs, their historicals CSVs and ``_macro.yaml`` into ``folder``.

    Returns the model YAML paths in order. The first company has the longest horizon and the
    most peers, the second the shortest horizon and no peers, the third one segment, the fourth
    a formula-like name and the fifth a Chinese name only, so even a small universe covers the
    extremes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    base = load_with_includes(KC_YAML)[0]
    assert base is not None and isinstance(base.data, dict), \
        "cannot read the default model's assumptions"
    kc = base.data
    rows = _kc_rows(KC_YAML.parent / kc["historicals"]["file"], kc["company"]["entity"])
    _write(folder / MACRO, _dump(MACRO_INPUTS, "Shared macro inputs of the synthetic universe."))
    rng = random.Random(seed)
    paths = []
    for index in range(1, count + 1):
        entity = f"SYN{index:03d}"
        horizon, peers = _extremes(index, rng, max_horizon, max_peers)
        one_segment = index == 3 or (index > 3 and rng.random() < ONE_SEGMENT_SHARE)
        factor = round(rng.uniform(0.3, 3.0), 2)
        csv_name = f"{entity.lower()}.historicals.csv"
        _write(folder / csv_name, _scaled_csv(rows, entity, factor))
        data = _company(kc, rng, entity, horizon, peers, factor, csv_name)
        if one_segment:
            _one_segment(data, rng)
        path = folder / f"{entity.lower()}.yaml"
        _write(path, _dump(data, f"Synthetic company {entity}: the default model's inputs, "
                                 f"varied (seed {seed}).", include=True))
        paths.append(path)
    return paths


def _extremes(index: int, rng: random.Random, max_horizon: int,
              max_peers: int) -> tuple[int, int]:
    horizon = rng.randint(MIN_HORIZON, max_horizon)
    peers = rng.choice((0, rng.randint(1, min(12, max_peers)), rng.randint(1, max_peers)))
    if index == 1:
        return max_horizon, max_peers
    if index == 2:
        return MIN_HORIZON, 0
    return horizon, peers


def _company(kc: dict, rng: random.Random, entity: str, horizon: int, peers: int,
             factor: float, csv_name: str) -> dict[str, Any]:
    years = list(range(FIRST_FORECAST_YEAR, FIRST_FORECAST_YEAR + horizon))
    name_en, name_zh = _names(rng, entity)
    # Made-up tickers, so no listing of the company the inputs were taken from shows through.
    listings = [{**listing, "ticker": f"{entity}-{n}"}
                for n, listing in enumerate(kc["company"]["listings"], start=1)]
    company = {**kc["company"], "entity": entity, "name_en": name_en, "name_zh": name_zh,
               "listings": listings}
    data: dict[str, Any] = {
        "model": f"{name_en} ({entity}), synthetic",
        "as_of": kc["as_of"],
        "company": company,
        "timeline": {**kc["timeline"], "forecast_years": years},
        "historicals": {**kc["historicals"], "file": csv_name,
                        "segment_tolerance": round(5.0 * max(factor, 1.0), 2)},
        "tax_rate": rng.choice((0.15, 0.15, 0.25, 0.10)),
        "drivers": _drivers(rng, years),
        "scenarios": _scenarios(kc, rng, years),
        "memo": {**kc.get("memo", {}), "thesis": [f"Synthetic company {name_en} / {name_zh}.",
                                                  rng.choice(HOSTILE)],
                 # The source files stay (the historicals cite them); their titles name the
                 # original company, so neutral ones stand in.
                 "documents": {name: f"Source document {n}" for n, name in
                               enumerate(kc.get("memo", {}).get("documents", {}), start=1)}},
        "market": _market(kc, rng, factor),
        "valuation": _valuation(kc, rng, years, peers > 0),
    }
    if peers:
        companies = _peers(rng, peers)
        if data["valuation"]["multiples"]["ps"] is None:
            # The P/S weight takes the peer median: at least one peer must have a P/S.
            published = companies[0].setdefault("published", {})
            published.setdefault("ps", round(rng.uniform(0.5, 30), 2))
        data["peers"] = {"year": FIRST_FORECAST_YEAR, "companies": companies}
    return data


def _names(rng: random.Random, entity: str) -> tuple[str, str]:
    """English and Chinese names; SYN004 and SYN005 are always hostile and CJK-only."""
    zh = "".join(rng.choice(NAMES_ZH) for _ in range(rng.randint(2, 4))) + "控股有限公司"
    roll = rng.random()
    if roll < 0.1 or entity == "SYN004":
        return (HOSTILE[0] if entity == "SYN004" else rng.choice(HOSTILE)), zh
    if roll < 0.2 or entity == "SYN005":
        return zh, zh  # a company known only by its Chinese name
    return f"{rng.choice(NAMES_EN)} {rng.choice(SUFFIX_EN)}", zh


def _path(start: float, end: float, years: list[int], noise: float,
          rng: random.Random, digits: int = 4) -> dict[int, float]:
    """A series fading from ``start`` towards ``end`` (a geometric approach), with some noise.

    A fade rather than a straight line: a 30-year horizon must not compound 2025's growth for
    decades.
    """
    decay = rng.uniform(0.45, 0.75)
    return {year: round(end + (start - end) * decay**i + rng.uniform(-noise, noise), digits)
            for i, year in enumerate(years)}


def _drivers(rng: random.Random, years: list[int]) -> dict[str, Any]:
    def fade(first: tuple[float, float], final: tuple[float, float]) -> dict[int, float]:
        return _path(rng.uniform(*first), rng.uniform(*final), years, 0.002, rng)

    drivers: dict[str, Any] = {"revenue_growth": {
        # 2025's AI growth must carry the three quarters already reported (>100% YoY).
        "ai_public_cloud": fade((1.15, 1.40), (0.04, 0.10)),
        "non_ai_public_cloud": fade((-0.04, 0.0), (0.0, 0.03)),
        "industry_cloud": fade((0.04, 0.07), (0.02, 0.05)),
    }}
    for name, (first, final) in RATIO_DRIVERS.items():
        drivers[name] = fade(first, final)
    drivers["receivable_days"] = {y: rng.randint(55, 90) for y in years}
    drivers["payable_days"] = {y: rng.randint(80, 110) for y in years}
    return drivers


def _scenarios(kc: dict, rng: random.Random, years: list[int]) -> dict[str, Any]:
    def shifted(base: tuple[float, float], by: float) -> dict[int, float]:
        return _path(base[0] + by, base[1] + by, years, 0.002, rng)

    return {
        "selected": rng.choice(("base", "base", "bear", "bull")),
        "base_description": kc["scenarios"].get("base_description", ""),
        "bear": {"description": "Slower AI demand; margins stay low.",
                 "revenue_growth": {"ai_public_cloud": shifted((1.12, 0.04), -0.02)},
                 "gross_margin": shifted((0.15, 0.20), -0.01)},
        "bull": {"description": "Inference demand lifts growth and mix.",
                 "revenue_growth": {"ai_public_cloud": shifted((1.30, 0.10), 0.05)},
                 "gross_margin": shifted((0.17, 0.30), 0.01)},
    }


def _one_segment(data: dict[str, Any], rng: random.Random) -> None:
    """Growth of total revenue alone, in the base case and the scenarios."""
    years = data["timeline"]["forecast_years"]
    start, end = rng.uniform(0.15, 0.30), rng.uniform(0.03, 0.06)
    data["drivers"]["revenue_growth"] = {"total": _path(start, end, years, 0.002, rng)}
    for name, shift in (("bear", -0.05), ("bull", 0.05)):
        data["scenarios"][name]["revenue_growth"] = {
            "total": _path(start + shift, end + shift / 5, years, 0.002, rng)}


def _market(kc: dict, rng: random.Random, factor: float) -> dict[str, Any]:
    market = kc["market"]
    shares = market["shares"]
    price = {**market["price"], "value": round(market["price"]["value"] * rng.uniform(0.6, 1.6),
                                               2)}
    placements = [{**p, "proceeds_m": round(p["proceeds_m"] * factor, 1)}
                  for p in shares.get("placements", [])]
    return {"price": price,  # fx comes from _macro.yaml
            "shares": {**shares, "ads_outstanding_m": round(shares["ads_outstanding_m"] * factor,
                                                            1),
                       "placements": placements}}


def _valuation(kc: dict, rng: random.Random, years: list[int], has_peers: bool) -> dict:
    valuation = kc["valuation"]
    wacc = {k: v for k, v in valuation["wacc"].items()
            if k not in MACRO_INPUTS["valuation"]["wacc"]}
    wacc["beta"] = round(rng.uniform(0.8, 1.6), 2)
    terminal = {**valuation["terminal"], "method": rng.choice(("gordon", "exit_multiple")),
                "growth": round(rng.uniform(0.015, 0.035), 3)}
    multiples = {**valuation["multiples"], "year": rng.choice(years[:3]),
                 "ps": round(rng.uniform(1.5, 5.0), 1)}
    weights = {"dcf": 0.5, "ps": 0.5}
    if has_peers and rng.random() < 0.5:
        multiples["ps"] = None  # the peer median
    return {**valuation, "wacc": wacc, "terminal": terminal, "multiples": multiples,
            "weights": weights}


def _peers(rng: random.Random, count: int) -> list[dict[str, Any]]:
    peers = []
    for index in range(1, count + 1):
        peer: dict[str, Any] = {
            "name": rng.choice(HOSTILE) if rng.random() < 0.05 else f"Peer {index:03d}",
            "ticker": f"P{index:03d}", "currency": rng.choice(CURRENCIES)}
        if rng.random() < 0.5:
            peer["price"] = round(rng.uniform(1, 300), 2)
            peer["shares_m"] = round(rng.uniform(50, 5000), 1)
        else:
            peer["market_cap_m"] = round(rng.uniform(5_000, 500_000), 0)
        optional: dict[str, Callable[[], float]] = {
            "net_debt_m": lambda: round(rng.uniform(-20_000, 40_000), 0),
            "revenue_m": lambda: round(rng.uniform(1_000, 80_000), 0),
            "ebitda_m": lambda: round(rng.uniform(-5_000, 20_000), 0),
            "net_income_m": lambda: round(rng.uniform(-8_000, 10_000), 0),
        }
        for key, draw in optional.items():
            if rng.random() < 0.7:
                peer[key] = draw()
        published: dict[str, Any] = {}
        if rng.random() < 0.6:
            published["ps"] = round(rng.uniform(0.5, 30), 2)
        if rng.random() < 0.4:
            published["pb"] = round(rng.uniform(-15, 40), 2)
        if rng.random() < 0.3:
            published["pe"] = {FIRST_FORECAST_YEAR: round(rng.uniform(-80, 90), 2)}
        if published:
            peer["published"] = published
        peers.append(peer)
    return peers


def _kc_rows(csv_path: Path, entity: str) -> list[dict[str, str]]:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["entity"] == entity]


def _scaled_csv(rows: list[dict[str, str]], entity: str, factor: float) -> str:
    """The default model's rows for ``entity``: money and share counts (and their rounding)
    times ``factor``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        scaled = {**row, "entity": entity}
        if row["unit"] in ("million", "million_units"):
            scaled["value"] = repr(float(row["value"]) * factor)
            scaled["precision"] = repr(float(row["precision"]) * factor)
        writer.writerow(scaled)
    return buffer.getvalue()


def _dump(data: dict[str, Any], comment: str, include: bool = False) -> str:
    header = f"# {comment}\n"
    if include:
        header += f"include: [{MACRO}]\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                                   default_flow_style=None)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
