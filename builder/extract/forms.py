"""Statement forms other than ``metric verb value``, each reading one shape of broker prose.

A form returns True when the clause has its shape, whether or not a figure came of it: a shape
that does not line up (three forecasts for a four-year range) yields nothing rather than a guess.
"""

from __future__ import annotations

import re

from builder.extract import phrases as ph
from builder.extract.numbers import PRICE_CURRENCY, VALUE, ZH_MONEY, Amount, money, price
from builder.extract.periods import PERIOD_RE, RANGE_RE, Period, year_range
from builder.extract.rules import (
    Periods,
    Reading,
    SentenceState,
    Series,
    first_char,
    follow_on,
    only_fillers,
    value_at,
)

_B_VALUE = VALUE.replace("?P<", "?P<b_")
_LIST_ITEM = re.compile(rf"\s*(?:、|和|及)?\s*(?P<item>{ZH_MONEY})")
_SLASH_LIST = re.compile(r"\s*(?P<nums>-?[\d.]+(?:/-?[\d.]+)+)\s*(?P<scale>亿|万|百万)(?P<cur>元)")
_RESPECTIVELY = re.compile(rf"\s*分别为\s*(?P<a>{VALUE})\s*(?P<and>和|、)\s*(?P<b>{_B_VALUE})")
_YEAR_AGO_PAIR = re.compile(rf"\s*去年同期\s*(?:分别)?\s*为?\s*(?P<sign>亏损)?\s*(?P<a>{VALUE})"
                            rf"\s*(?P<and>和|、)\s*(?P<b>{_B_VALUE})")
_FROM = re.compile(r"从\s*")
_TO = re.compile(r"[^,至]{0,6}至\s*")
_AFTER_PERIOD = re.compile(
    rf"\s*(?:预测)?\s*的?\s*(?:为)?\s*(?P<sign>亏损|盈利)?\s*(?P<value>{VALUE})")
_YEAR_AGO = re.compile(r"\s*去年同期")
_COMPARED = re.compile(r"\s*较\s*")
_REACH = re.compile(rf"\s*(?:达|达到)\s*(?P<value>{VALUE})")
_TARGET = re.compile(rf"目标价\s*:?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<c>{PRICE_CURRENCY})|"
                     rf"(?P<m>\d+(?:\.\d+)?)\s*(?P<d>{PRICE_CURRENCY})\s*的\s*目标价")
_ZH_GAP_VALUE = re.compile(ph.ZH_GAP + f"(?P<value>{VALUE})")
_QUOTED = re.compile(rf"\s*报\s*(?P<n>\d+\.\d+)\s*(?P<c>{PRICE_CURRENCY})")
_SERIES_ITEM = re.compile(rf"\s*(?:预计|预测|有望)?\s*(?:为|达到|达|至|实现)?\s*"
                          rf"(?P<sign>亏损|盈利)?\s*(?P<value>{VALUE})\s*")


def forecast_list(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                  forecast: bool) -> bool:
    """维持2025年至2027年营收预测为95亿元、110亿元和125亿元: one value per year of the range."""
    span = RANGE_RE.search(text, start, end)
    lead = state.phrases.list_lead_re.match(text, span.end(), end) if span else None
    if span is None or lead is None:
        return False
    metric = "revenue" if lead["bare"] else state.phrases.metric_of(lead)
    years, amounts = year_range(span), _list_items(text, lead.end(), end)
    if len(amounts) != len(years) or not all(state.fits(metric, a) for a in amounts):
        return True
    for year, amount in zip(years, amounts, strict=True):
        begin = span.start() if year == years[0] else amount.start
        state.add(Reading(metric, amount, Period(year, "FY"), (begin, amount.end), True))
    return True


def _list_items(text: str, position: int, end: int) -> list[Amount]:
    """``95亿元、110亿元和125亿元`` or ``94.09/110.50/124.91亿元`` (one unit for all)."""
    slash = _SLASH_LIST.match(text, position, end)
    if slash:
        items, cursor = [], slash.start("nums")
        for number in slash["nums"].split("/"):
            items.append(money(number, slash["scale"], slash["cur"], cursor, cursor + len(number)))
            cursor += len(number) + 1
        return items
    items = []
    while (item := _LIST_ITEM.match(text, position, end)) is not None:
        items.append(money(item["num"], item["scale"], item["cur"], item.start("item"),
                           item.end("item")))
        position = item.end()
    return items


def respectively(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                 forecast: bool) -> bool:
    """调整后经营利润与调整后净利润...分别为0.15亿元和0.29亿元,去年同期为亏损1.4亿元和2.4亿元."""
    if state.pair is None:
        return False
    match = _RESPECTIVELY.match(text, start, end) or _YEAR_AGO_PAIR.match(text, start, end)
    if match is None:
        return False
    period = state.period_at(start, periods)
    if match.re is _YEAR_AGO_PAIR:
        period = period.year_earlier() if period else None
    first, second = value_at(match, "a"), value_at(match, "b")
    if first is None or second is None:
        return True
    if match.groupdict().get("sign"):
        first, second = first.negated(), second.negated()
    begins = (first_char(text, start, end), match.start("and"))
    for metric, amount, begin in zip(state.pair, (first, second), begins, strict=True):
        if state.fits(metric, amount):
            state.add(Reading(metric, amount, period, (begin, amount.end), forecast))
    return True


def from_to(text: str, start: int, end: int, state: SentenceState, periods: Periods,
            forecast: bool) -> bool:
    """毛利率从2023年的25.63%回升至2025年上半年的34.27%: two figures, each with its period.

    Without a metric in the clause the one the previous clause named is meant (净亏损收窄趋势明确,
    预计从2024年-19.67亿元改善至2027年-0.80亿元).
    """
    mark = _FROM.search(text, start, end)
    if mark is None or not PERIOD_RE.match(text, mark.end(), end):
        return False
    alias = next(state.phrases.alias_re.finditer(text, start, mark.start()), None)
    if alias is None and not re.fullmatch(r"\s*(?:预计)?\s*", text[start:mark.start()]):
        return False
    if alias is not None and not only_fillers(text[start:alias.start()], state.phrases):
        return True
    metric = state.phrases.metric_of(alias) if alias else state.subject
    first = _period_value(text, mark.end(), end, state)
    to = _TO.match(text, first[2], end) if first else None
    second = _period_value(text, to.end(), end, state) if to else None
    if not metric or first is None or second is None:
        return True
    loss = "亏损" in alias.group() if alias else state.subject_loss
    for period, amount, _, begin in (first, second):
        if loss and amount.value > 0:
            amount = amount.negated()
        if state.fits(metric, amount):
            begin = alias.start() if alias and begin == first[3] else begin
            state.add(Reading(metric, amount, period, (begin, amount.end), forecast))
    return True


def _period_value(text: str, position: int, end: int, state: SentenceState):
    """``2023年的 25.63%`` at ``position``: (period, amount, end, start) or None."""
    period_match = PERIOD_RE.match(text, position, end)
    value = _AFTER_PERIOD.match(text, period_match.end(), end) if period_match else None
    amount = value_at(value) if value else None
    if period_match is None or amount is None:
        return None
    if value["sign"] == "亏损" and amount.value > 0:  # type: ignore[index]
        amount = amount.negated()
    period = state.resolve(period_match)
    return period, amount, value.end(), period_match.start()  # type: ignore[union-attr]


def cagr_end(text: str, start: int, end: int, state: SentenceState, periods: Periods,
             forecast: bool) -> bool:
    """预计2025-2027年营收复合增长率约18%,达131.95亿元: the value at the range's last year."""
    if state.cagr is None:
        return False
    reach = _REACH.match(text, start, end)
    if reach is None:
        return False
    amount, (metric, year) = value_at(reach), state.cagr
    if amount and state.fits(metric, amount):
        span = (first_char(text, start, end), amount.end)
        state.add(Reading(metric, amount, Period(year, "FY"), span, True))
    return True


def year_ago(text: str, start: int, end: int, state: SentenceState, periods: Periods,
             forecast: bool) -> bool:
    """经调整净利润为2,870万元,去年同期亏损2.37亿元: the same metric a year earlier."""
    mark = _YEAR_AGO.match(text, start, end)
    value = _AFTER_PERIOD.match(text, mark.end(), end) if mark else None
    if value is None:
        return mark is not None
    amount = value_at(value)
    if amount is not None and value["sign"] == "亏损" and amount.value > 0:
        amount = amount.negated()
    _restate(text, start, end, state, amount, None, forecast)
    return True


def compared_with(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                  forecast: bool) -> bool:
    """净亏损为 19.67 亿元，较 2023 年的 21.76 亿元: the same metric at the period named."""
    mark = _COMPARED.match(text, start, end)
    found = _period_value(text, mark.end(), end, state) if mark else None
    if found is None:
        return False
    _restate(text, start, end, state, found[1], found[0], forecast)
    return True


def _restate(text: str, start: int, end: int, state: SentenceState, amount: Amount | None,
             period: Period | None, forecast: bool) -> None:
    """Read ``amount`` as the latest figure of the sentence that it fits, at ``period`` (a year
    before that figure's when None); a loss stays a loss (净亏损 ..., 较 2023 年的 21.76 亿元)."""
    if amount is None:
        return
    last = next((r for r in reversed(state.readings) if state.fits(r.metric, amount)), None)
    if last is None or (period is None and last.period is None):
        return
    period = period or last.period.year_earlier()  # type: ignore[union-attr]
    if last is state.last and state.last_was_loss and amount.value > 0:
        amount = amount.negated()
    span = (first_char(text, start, end), amount.end)
    state.readings.append(Reading(last.metric, amount, period, span, forecast))


def target_price(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                 forecast: bool) -> bool:
    """目标价16.80美元 / 17.6 美元的目标价 / 目标价55.0元: the broker's target, dated by its report,
    in the currency its words name."""
    found = False
    for match in _TARGET.finditer(text, start, end):
        group, currency = ("n", "c") if match["n"] else ("m", "d")
        amount = price(match[group], match[currency], match.start(group), match.end(group))
        state.readings.append(Reading("target_price", amount, None, match.span(), False,
                                      on_date=True))
        found = True
    return found


def quoted_price(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                 forecast: bool) -> bool:
    """公司股价盘中涨幅超6%,...,报6.21港元: the share price quoted on the article's date.

    Only after 股价 in the same sentence: 每股5.83港元认购 is a placing price, not a quote.
    """
    match = _QUOTED.match(text, start, end)
    if match is None or "股价" not in text[state.start:start]:
        return False
    amount = price(match["n"], match["c"], match.start("n"), match.end("n"))
    begin = first_char(text, start, end)
    state.readings.append(Reading("share_price", amount, None, (begin, match.end()), False,
                                  on_date=True))
    return True


def bare_revenue(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                 forecast: bool) -> None:
    """实现收入11.3亿元 after 存储业务增长动能强劲: revenue of the segment the sentence is about."""
    if not state.segment:
        return
    head = ph.BARE_REVENUE_RE.search(text, start, end)
    if head is None or not only_fillers(text[start:head.start()], state.phrases):
        return
    gap = _ZH_GAP_VALUE.match(text, head.end(), end)
    amount = value_at(gap) if gap else None
    if amount is not None and state.fits(state.segment, amount):
        period = state.period_at(amount.start, periods)
        begin = first_char(text, start, end)
        state.add(Reading(state.segment, amount, period, (begin, amount.end), forecast))
        follow_on(text, amount.end, end, state, forecast)


def series_item(text: str, start: int, end: int, state: SentenceState, periods: Periods,
                forecast: bool) -> bool:
    """2026年5,400万 after 2025年利润约2000万: the next period of the metric the clause before
    named, when the clause is nothing but a period of the same kind and a value (2027年可能上亿
    is not one: no figure)."""
    series = state.series
    if series is None:
        return False
    begin = first_char(text, start, end)
    period_match = PERIOD_RE.match(text, begin, end)
    value = _SERIES_ITEM.fullmatch(text, period_match.end(), end) if period_match else None
    if value is None:
        return False
    period = state.resolve(period_match)  # type: ignore[arg-type]
    amount = value_at(value)
    if period is None or period.kind != series.kind or amount is None or \
            not state.fits(series.metric, amount):
        return False
    if (series.loss or value["sign"] == "亏损") and amount.value > 0:
        amount = amount.negated()
    state.add(Reading(series.metric, amount, period, (begin, amount.end),
                      forecast or series.forecast), series.loss)
    return True


def next_series(state: SentenceState, periods: Periods, produced: list[Reading], named: str,
                forecast: bool, item: bool) -> Series | None:
    """The series the next clause may go on with: this clause's, when it named one period and
    one metric for it (read, or named with a value not read: 约2000万), or the one it went on
    with."""
    if item:
        return state.series
    resolved = [p for _, p in periods if p is not None]
    metric = produced[0].metric if produced else named
    if len(resolved) != 1 or not metric or any(r.period != resolved[0] for r in produced):
        return None
    loss = state.last_was_loss if produced else state.subject_loss
    return Series(metric, resolved[0].kind, forecast, loss)
