"""Peer comparables: each peer's figures in its own currency, converted to the reporting
currency by formula (the FX table of the market inputs).

The peers are the columns of their own timeline (one column per company), so every metric is
one row with one formula across the peers. A figure a source does not give stays blank, never
zero; a multiple whose parts are missing falls back to the multiple as published, and is
otherwise ``n/a``. The statistics read a helper row that keeps only meaningful multiples
(positive numbers): a loss-maker has no P/E, and MEDIAN / AVERAGE skip the ``n/a`` text.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.inputs.valuation_schema import Peers
from builder.model import market
from builder.model.book import ItemBook
from builder.model.conditions import all_of, is_number, meaningful, missing, number_or
from builder.model.expr import Expr, Ref, at
from builder.model.functions import Match, compare, if_, ratio
from builder.model.items import Period, Timeline, Unit
from builder.model.market import Quote
from builder.model.multiples import METHODS, implied_equity, per_share
from builder.model.namespace import LIVE
from builder.model.ranges import RowStatistic, ScalarIndex

PEERS = "peers"
INPUT_ROWS = (  # (key, field, label)
    ("cmp_price", "price", "Share price (peer's currency per share)"),
    ("cmp_shares", "shares_m", "Shares outstanding (m shares)"),
    ("cmp_market_cap", "market_cap_m", "Market capitalisation as published (m, peer's currency)"),
    ("cmp_net_debt", "net_debt_m", "Net debt (m, peer's currency)"),
    ("cmp_revenue", "revenue_m", "Revenue, comps year (m, peer's currency)"),
    ("cmp_ebitda", "ebitda_m", "EBITDA, comps year (m, peer's currency)"),
    ("cmp_net_income", "net_income_m", "Net income, comps year (m, peer's currency)"),
)
# The kind of number each input row holds; the rest are money, in the peer's currency.
INPUT_UNITS = {"cmp_price": Unit.PRICE, "cmp_shares": Unit.SHARES_M}
NOT_STATED = "basis and year not stated by the source"


def peer_timeline(peers: Peers) -> Timeline:
    return Timeline(PEERS, tuple(Period(f"peer_{i}", p.name, True)
                                 for i, p in enumerate(peers.companies, start=1)))


def statistic_key(method: str, name: str) -> str:
    return f"cmp_{method}_{name}"


def add_comps(book: ItemBook, assumptions: Assumptions, line: Timeline) -> dict[str, str]:
    """All peer rows and statistics; returns the key of each method's peer median."""
    peers = assumptions.peers
    assert peers is not None
    columns = dict(zip(line.keys, peers.companies, strict=True))
    book.series_input("cmp_ticker", "Ticker (text)", Unit.TEXT, PEERS,
                      {p: c.ticker for p, c in columns.items()})
    book.series_input("cmp_currency", "Currency of the figures below (text)", Unit.TEXT, PEERS,
                      {p: c.currency for p, c in columns.items()})
    currency = peer_currency(peers)
    for key, field, label in INPUT_ROWS:
        unit = INPUT_UNITS.get(key, Unit.MONEY)
        book.series_input(key, label, unit, PEERS,
                          {p: getattr(c, field) for p, c in columns.items()},
                          currency=currency if unit.has_currency else "")
    published = _published_rows(book, peers, columns)
    _in_reporting_currency(book, assumptions, line)
    for method in METHODS:
        _multiple_row(book, method.key, method.label, line, published, peers)
    return {m.key: statistic_key(m.key, "median") for m in METHODS}


def peer_currency(peers: Peers) -> str:
    """The Unit column's currency of the peers' money and prices: theirs when they share one,
    else a word, as each column's own currency is in the row above them."""
    codes = {c.currency for c in peers.companies}
    return codes.pop() if len(codes) == 1 else "peer's"


def published_basis(peers: Peers) -> str:
    """The year and basis of the published P/B and P/S: as the YAML states them, or said to be
    unstated, so that no reader takes them for the comps year's."""
    return peers.published_basis or NOT_STATED


def published_note(peers: Peers) -> str:
    """The memo's and the sheet's word on the published P/B and P/S; empty when no peer has
    one."""
    if not any(c.published.pb is not None or c.published.ps is not None
               for c in peers.companies):
        return ""
    return f"P/B and P/S as published: {published_basis(peers)}."


def _published_rows(book: ItemBook, peers: Peers, columns: dict) -> dict[str, str]:
    basis = published_basis(peers)
    rows = {"pe_ttm": "P/E, trailing twelve months, as published (x)",
            "pb": f"P/B, as published: {basis} (x)", "ps": f"P/S, as published: {basis} (x)"}
    years = sorted({y for c in peers.companies for y in c.published.pe})
    keys = {}
    for name in ("pe_ttm", *(f"pe_{y}" for y in years), "pb", "ps"):
        label = rows.get(name, f"P/E FY{name[3:]}E, as published (x)")
        values = {p: (c.published.pe.get(int(name[3:])) if name[3:].isdigit()
                      else getattr(c.published, name)) for p, c in columns.items()}
        keys[name] = book.series_input(f"cmp_pub_{name}", label, Unit.MULTIPLE, PEERS, values)
    return {"ps": keys["ps"], "pe": keys.get(f"pe_{peers.year}", "")}


def _in_reporting_currency(book: ItemBook, assumptions: Assumptions, line: Timeline) -> None:
    codes = market.fx_codes(assumptions)
    fx = ScalarIndex(tuple(market.fx_key(i) for i in range(len(codes))),
                     Match(Ref("cmp_currency"), tuple(market.code_key(i)
                                                      for i in range(len(codes)))))
    reporting = assumptions.company.reporting_currency
    book.calc("cmp_fx", f"FX: {reporting} per unit of the peer's currency", Unit.FX, PEERS,
              cells={p: fx for p in line.keys})
    price, shares, cap = Ref("cmp_price"), Ref("cmp_shares"), Ref("cmp_market_cap")
    market_cap = if_(all_of(is_number(price), is_number(shares)), price * shares * Ref("cmp_fx"),
                     if_(is_number(cap), cap * Ref("cmp_fx"), missing()))
    _row(book, "cmp_market_cap_rep", book.money("Market capitalisation"), line, market_cap)
    net_debt = Ref("cmp_net_debt")
    ev = if_(all_of(is_number(Ref("cmp_market_cap_rep")), is_number(net_debt)),
             Ref("cmp_market_cap_rep") + net_debt * Ref("cmp_fx"), missing())
    _row(book, "cmp_ev_rep", book.money("Enterprise value"), line, ev)
    for key, label in (("revenue", "Revenue"), ("ebitda", "EBITDA"),
                       ("net_income", "Net income")):
        figure = Ref(f"cmp_{key}")
        _row(book, f"cmp_{key}_rep", book.money(f"{label}, comps year"), line,
             if_(is_number(figure), figure * Ref("cmp_fx"), missing()))


def _row(book: ItemBook, key: str, label: str, line: Timeline, expr: Expr,
         unit: Unit = Unit.MONEY) -> str:
    return book.calc(key, label, unit, PEERS, cells={p: expr for p in line.keys})


BASIS = {"ps": "market cap / revenue", "ev_sales": "EV / revenue",
         "ev_ebitda": "EV / EBITDA", "pe": "market cap / net income"}


def _multiple_row(book: ItemBook, method: str, label: str, line: Timeline,
                  published: dict[str, str], peers: Peers) -> None:
    year = peers.year
    price_based = method in ("ps", "pe")
    value = Ref("cmp_market_cap_rep" if price_based else "cmp_ev_rep")
    metric = Ref({"ps": "cmp_revenue_rep", "ev_sales": "cmp_revenue_rep",
                  "ev_ebitda": "cmp_ebitda_rep", "pe": "cmp_net_income_rep"}[method])
    fallback: Expr = missing()
    if published.get(method):
        fallback = number_or(Ref(published[method]), missing())
    computed = if_(all_of(is_number(value), is_number(metric)), ratio(value, metric), fallback)
    # The published P/E is the comps year's; the published P/S has its own basis, said here.
    basis = f" ({published_basis(peers)})" if method == "ps" else ""
    _row(book, f"cmp_{method}",
         f"{label}, FY{year}: {BASIS[method]}, else as published{basis} (x)",
         line, computed, Unit.MULTIPLE)
    helper = _row(book, f"cmp_{method}_valid", f"{label}, meaningful values only (x)", line,
                  meaningful(Ref(f"cmp_{method}")), Unit.MULTIPLE)
    count = RowStatistic("COUNT", helper, line.keys)
    book.calc(statistic_key(method, "count"), f"{label}: peers with a meaningful value (#)",
              Unit.INDEX, None, cells={None: count})
    for name, text in (("median", "median"), ("mean", "mean")):
        stat = if_(compare(at(statistic_key(method, "count"), None), "=", 0), missing(),
                   RowStatistic(name.upper() if name == "median" else "AVERAGE", helper,
                                line.keys))
        book.calc(statistic_key(method, name), f"{label}: peer {text}, FY{year} (x)",
                  Unit.MULTIPLE, None,
                  cells={None: stat})


def own_key(method: str, name: str) -> str:
    """The company's own value at a peer median (``equity`` or ``price``)."""
    return f"cmp_own_{method}_{name}"


def year_note(peers_year: int, year: int) -> str:
    """What a reader must know when the peers' multiples and the valuation differ in year."""
    if peers_year == year:
        return f"Peers' multiples and the valuation are both FY{year}."
    return (f"Peers' multiples are FY{peers_year}; the valuation applies them to the company's "
            f"FY{year}E forecast: the years differ.")


def comps_note(peers: Peers, year: int) -> str:
    """The note beside the statistics and in the memo: the years, and the published basis."""
    return " ".join(t for t in (year_note(peers.year, year), published_note(peers)) if t)


def add_own_at_median(book: ItemBook, company: str, peers_year: int, year: int,
                      rating: Quote) -> None:
    """The company's value per ordinary share and per unit of the rating listing at each peer
    median multiple: the peers' FY``peers_year`` median applied to its FY``year`` forecast;
    and how far that value is from the target price, so a reader sees whether the peers
    support the target or not."""
    target = at(LIVE.val("target"), None)  # TargetPrice: per unit of the rating listing
    for method in METHODS:
        metric = at(f"fc_{method.metric}", f"FY{year}")
        equity = implied_equity(method, at(statistic_key(method.key, "median"), None), metric)
        book.calc(own_key(method.key, "equity"), book.money(
            f"{company}: equity value at the peer median {method.label} (FY{peers_year}) x "
            f"FY{year}E {method.metric_label}"), Unit.MONEY, None, cells={None: equity})
        book.calc(own_key(method.key, "price"), book.price(
            f"{company}: value per {rating.unit_name} of {rating.listing.ticker} at the peer "
            f"median {method.label} (FY{peers_year}), FY{year}E", rating.currency), Unit.PRICE,
            None, currency=rating.currency,
            cells={None: if_(is_number(at(own_key(method.key, "equity"), None)),
                             per_share(at(own_key(method.key, "equity"), None))
                             * at(rating.factor, None), missing())})
        price = at(own_key(method.key, "price"), None)
        book.calc(own_key(method.key, "vs_target"),
                  f"{company}: value at the peer median {method.label} (FY{peers_year}), "
                  f"FY{year}E, vs target price (%)",
                  Unit.RATIO, None,
                  cells={None: if_(is_number(price), ratio(price - target, target), missing())})
