"""Deal reports: the pipeline by stage, the forecast by expected close month, won and lost by
month with loss reasons, and deals stuck in a stage.

Amounts are summed per currency (never converted: a rate the report made up would be a
number nobody can check) as Decimals. A stage's probability (percent, synced with the team)
weights the pipeline and the forecast; a stage without one weighs nothing and says so.
When a deal entered its stage or was closed is read from its history (``crm_changes``).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from sqlalchemy import func, select

from app.crm.deals import LOST_REASON, live_stages
from app.reports.scope import record_conditions
from app.reports.table import (
    COUNT,
    MONEY,
    PERCENT,
    Column,
    Filters,
    Report,
    money,
    month_of,
)
from app.settings.checks import (
    QT_TRANSLATE_NOOP,  # column titles, translated by the window
)
from app.store.crm_models import Change, Deal, Stage
from app.store.database import Store

# The columns reports read: rows, not ORM objects (thousands of deals are only summed).
_DEAL_COLUMNS = (Deal.id, Deal.uuid, Deal.title, Deal.stage_id, Deal.amount, Deal.currency, Deal.expected_close,
                 Deal.owner, Deal.status, Deal.custom, Deal.created_at, Deal.updated_at)


def _deals(session, filters: Filters, *conditions) -> list:
    query = select(*_DEAL_COLUMNS).where(Deal.deleted_at.is_(None), *conditions,
                                         *record_conditions(session, filters, Deal))
    return list(session.execute(query))


def _item(deal) -> tuple[str, int, str]:
    return ("deal", deal.id, deal.title)


def _open_deals(session, filters: Filters) -> list:
    return _deals(session, filters, Deal.status == "open")


def _weighted(amount, probability):
    return None if probability is None else amount * probability / 100


def pipeline(store: Store, filters: Filters) -> Report:
    """Open deals per stage (in the pipeline's order) and currency: count, amount, weighted."""
    report = Report("pipeline", [Column("stage", QT_TRANSLATE_NOOP("ReportsView", "Stage")), Column("currency", QT_TRANSLATE_NOOP("ReportsView", "Currency")),
                                 Column("deals", QT_TRANSLATE_NOOP("ReportsView", "Deals"), COUNT), Column("amount", QT_TRANSLATE_NOOP("ReportsView", "Amount"), MONEY),
                                 Column("probability", QT_TRANSLATE_NOOP("ReportsView", "Probability"), PERCENT),
                                 Column("weighted", QT_TRANSLATE_NOOP("ReportsView", "Weighted"), MONEY)])
    with store.read() as session:
        stages = live_stages(session)
        totals: dict[tuple[int, str], list] = defaultdict(lambda: [0, money(0), []])
        for deal in _open_deals(session, filters):
            total = totals[(deal.stage_id, deal.currency or "")]
            total[0] += 1
            total[1] += money(deal.amount)
            total[2].append(_item(deal))
        for stage in stages:
            for (stage_id, currency), (count, amount, items) in sorted(totals.items(), key=lambda kv: kv[0][1]):
                if stage_id == stage.id:
                    report.add({"stage": stage.name, "currency": currency, "deals": count,
                                "amount": amount, "probability": stage.probability,
                                "weighted": _weighted(amount, stage.probability)}, items)
    return report


def forecast(store: Store, filters: Filters) -> Report:
    """Open deals by expected close month (within the period, when one is given) and currency."""
    report = Report("forecast", [Column("month", QT_TRANSLATE_NOOP("ReportsView", "Month")), Column("currency", QT_TRANSLATE_NOOP("ReportsView", "Currency")),
                                 Column("deals", QT_TRANSLATE_NOOP("ReportsView", "Deals"), COUNT), Column("amount", QT_TRANSLATE_NOOP("ReportsView", "Amount"), MONEY),
                                 Column("weighted", QT_TRANSLATE_NOOP("ReportsView", "Weighted"), MONEY)])
    start, end = (filters.start.isoformat() if filters.start else "", filters.end.isoformat() if filters.end else "9")
    with store.read() as session:
        probability = dict(session.execute(select(Stage.id, Stage.probability)).all())
        totals: dict[tuple[str, str], list] = defaultdict(lambda: [0, money(0), money(0), False, []])
        for deal in _open_deals(session, filters):
            if not deal.expected_close or not start <= deal.expected_close <= end:
                continue
            total = totals[(deal.expected_close[:7], deal.currency or "")]
            amount, chance = money(deal.amount), probability.get(deal.stage_id)
            total[0] += 1
            total[1] += amount
            total[4].append(_item(deal))
            if chance is None:
                total[3] = True  # a deal in a stage without a probability: the weight is partial
            else:
                total[2] += _weighted(amount, chance)
        for (month, currency), (count, amount, weighted, partial, items) in sorted(totals.items()):
            report.add({"month": month, "currency": currency, "deals": count, "amount": amount,
                        "weighted": None if partial and not weighted else weighted}, items)
    return report


def _closed_at(session, which) -> dict[str, int]:
    """When each deal (``which``: a condition on deals) was last marked won or lost (its
    history), by UUID."""
    found: dict[str, int] = {}
    for record_uuid, at, new in session.execute(
            select(Change.record_uuid, Change.at, Change.new).where(
                Change.record_type == "deal", Change.field == "status",
                Change.record_uuid.in_(select(Deal.uuid).where(which)))
            .order_by(Change.id)):
        if json.loads(new or "null") in ("won", "lost"):
            found[record_uuid] = at
    return found


def won_lost(store: Store, filters: Filters) -> Report:
    """Deals won and lost per month of closing and currency, with the reasons deals were lost."""
    report = Report("won-lost", [Column("month", QT_TRANSLATE_NOOP("ReportsView", "Month")), Column("currency", QT_TRANSLATE_NOOP("ReportsView", "Currency")),
                                 Column("won", QT_TRANSLATE_NOOP("ReportsView", "Won"), COUNT), Column("won_amount", QT_TRANSLATE_NOOP("ReportsView", "Won amount"), MONEY),
                                 Column("lost", QT_TRANSLATE_NOOP("ReportsView", "Lost"), COUNT), Column("lost_amount", QT_TRANSLATE_NOOP("ReportsView", "Lost amount"), MONEY),
                                 Column("loss_reasons", QT_TRANSLATE_NOOP("ReportsView", "Loss reasons"))])
    first, last = filters.bounds()
    with store.read() as session:
        deals = _deals(session, filters, Deal.status.in_(("won", "lost")))
        closed = _closed_at(session, Deal.status.in_(("won", "lost")))
        rows: dict[tuple[str, str], dict] = {}
        reasons: dict[tuple[str, str], Counter] = defaultdict(Counter)
        behind: dict[tuple[str, str], list] = defaultdict(list)
        for deal in deals:
            at = closed.get(deal.uuid, deal.updated_at)
            if not first <= at <= last:
                continue
            key = (month_of(at), deal.currency or "")
            row = rows.setdefault(key, {"month": key[0], "currency": key[1], "won": 0, "won_amount": money(0),
                                        "lost": 0, "lost_amount": money(0)})
            row[deal.status] += 1
            row[f"{deal.status}_amount"] += money(deal.amount)
            behind[key].append(_item(deal))
            if deal.status == "lost":
                reason = json.loads(deal.custom or "{}").get(LOST_REASON.split(".", 1)[1])
                reasons[key][reason or "(none given)"] += 1
        for key in sorted(rows):
            rows[key]["loss_reasons"] = ", ".join(f"{r} ({n})" for r, n in reasons[key].most_common())
            report.add(rows[key], behind[key])
    return report


def stuck_deals(store: Store, filters: Filters) -> Report:
    """Open deals that have been in their stage longer than ``filters.days`` days, longest first."""
    report = Report("stuck-deals", [Column("deal", QT_TRANSLATE_NOOP("ReportsView", "Deal")), Column("stage", QT_TRANSLATE_NOOP("ReportsView", "Stage")),
                                    Column("days", QT_TRANSLATE_NOOP("ReportsView", "Days in stage"), COUNT), Column("amount", QT_TRANSLATE_NOOP("ReportsView", "Amount"), MONEY),
                                    Column("currency", QT_TRANSLATE_NOOP("ReportsView", "Currency")), Column("owner", QT_TRANSLATE_NOOP("ReportsView", "Owner")),
                                    Column("uuid", QT_TRANSLATE_NOOP("ReportsView", "Deal id"))])
    now = filters.now().timestamp()
    with store.read() as session:
        deals = _open_deals(session, filters)
        entered = dict(session.execute(
            select(Change.record_uuid, func.max(Change.at)).where(
                Change.record_type == "deal", Change.field == "stage_id",
                Change.record_uuid.in_(select(Deal.uuid).where(Deal.status == "open", Deal.deleted_at.is_(None))))
            .group_by(Change.record_uuid)).all())
        names = dict(session.execute(select(Stage.id, Stage.name)).all())
        for deal in deals:
            days = int((now - entered.get(deal.uuid, deal.created_at)) // 86400)
            if days > filters.days:
                report.add({"deal": deal.title, "stage": names.get(deal.stage_id, ""), "days": days,
                            "amount": money(deal.amount), "currency": deal.currency or "",
                            "owner": deal.owner or "", "uuid": deal.uuid}, [_item(deal)])
    report.sort(key=lambda r: (-r["days"], r["deal"]))
    return report


def funnel(store: Store, filters: Filters) -> Report:
    """Deals made in the period: how many reached each open stage (or went past it), and the
    share of those that went on to the next; the last row is those won.

    A deal reached a stage if it is there now or its history ever put it there or further
    (a deal a team pull brought has its creation alone in its history); one won reached
    every stage; one lost reached as far as it had got before it was lost.
    """
    report = Report("funnel", [Column("stage", QT_TRANSLATE_NOOP("ReportsView", "Stage")), Column("deals", QT_TRANSLATE_NOOP("ReportsView", "Deals"), COUNT),
                               Column("conversion", QT_TRANSLATE_NOOP("ReportsView", "Went on from the stage before"), PERCENT),
                               Column("from_first", QT_TRANSLATE_NOOP("ReportsView", "Of all"), PERCENT)])
    first, last = filters.bounds()
    with store.read() as session:
        stages = live_stages(session)
        steps = [s for s in stages if s.outcome == "open"]
        rank = {s.uuid: n for n, s in enumerate(steps)}
        rank_by_id = {s.id: n for n, s in enumerate(steps)}
        made = _deals(session, filters, Deal.created_at.between(first, last))
        furthest = {d.uuid: rank_by_id.get(d.stage_id, -1) for d in made}
        for record_uuid, new in session.execute(select(Change.record_uuid, Change.new).where(
                Change.record_type == "deal", Change.field == "stage_id",
                Change.record_uuid.in_(select(Deal.uuid).where(Deal.created_at.between(first, last))))):
            if record_uuid in furthest:
                furthest[record_uuid] = max(furthest[record_uuid], rank.get(json.loads(new or "null"), -1))
        won = {d.uuid for d in made if d.status == "won"}
    by_uuid = {d.uuid: d for d in made}
    reached = [[_item(by_uuid[uuid]) for uuid, reach in furthest.items() if reach >= n or uuid in won]
               for n in range(len(steps))]
    reached.append([_item(by_uuid[uuid]) for uuid in won])
    counts = [len(deals) for deals in reached]
    names = [s.name for s in steps] + [next((s.name for s in stages if s.outcome == "won"), "Won")]
    for n, (name, count) in enumerate(zip(names, counts)):
        before = counts[n - 1] if n else None
        report.add({"stage": name, "deals": count,
                    "conversion": None if not before else round(count * 100 / before, 1),
                    "from_first": None if not counts[0] else round(count * 100 / counts[0], 1)}, reached[n])
    return report
