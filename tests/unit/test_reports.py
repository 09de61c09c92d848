"""Reports on constructed data, every figure computed by hand in the comments; the exports
read back (CSV with its BOM, .xlsx with numbers as numeric cells, JSON lines)."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from sqlalchemy import select, update

from app.crm import deals, linking, records
from app.crm.customers import ContactInput, add_contact
from app.reports import export
from app.reports.catalogue import REPORTS
from app.reports.deal_reports import forecast, funnel, pipeline, stuck_deals, won_lost
from app.reports.mail_reports import response_time, stale_customers
from app.reports.table import Filters
from app.store.crm_models import Change, Deal, Stage


def set_probability(store, name: str, percent: int) -> None:
    def change(session):
        stage = session.scalar(select(Stage).where(Stage.name == name))
        records.apply_changes(session, records.RECORD_TYPES["stage"], stage, {"probability": percent}, "local")
    store.write_with(change)


def days_ago(store, deal_uuid: str, days: int) -> None:
    """Made, and last moved between stages, ``days`` days ago."""
    moment = int(time.time()) - days * 86400
    def change(session):
        session.execute(update(Deal).where(Deal.uuid == deal_uuid).values(created_at=moment))
        session.execute(update(Change).where(Change.record_uuid == deal_uuid, Change.field == "stage_id")
                        .values(at=moment))
    store.write_with(change)


@pytest.fixture
def sales(store):
    add_contact(store, ContactInput(name="王芳", emails=["wang@client.cn"]))
    a = deals.add_deal(store, "A", "wang@client.cn", amount="1000", currency="CNY", stage="Lead",
                       expected_close="2026-12-15")
    deals.add_deal(store, "B", "wang@client.cn", amount="2000.50", currency="CNY", stage="Lead",
                   expected_close="2026-12-20")
    deals.add_deal(store, "C", "wang@client.cn", amount="5000", currency="USD", stage="Proposal",
                   expected_close="2027-01-10")
    d = deals.add_deal(store, "D", "wang@client.cn", amount="7000", currency="CNY", stage="Negotiation")
    e = deals.add_deal(store, "E", "wang@client.cn", amount="300", currency="CNY", stage="Lead")
    stage_uuid = {row.name: row.uuid for row in deals.read_stages(store)}
    deals.move_deal(store, d, stage_uuid["Won"])
    deals.move_deal(store, e, stage_uuid["Lost"], lost_reason="价格")
    set_probability(store, "Lead", 10)
    set_probability(store, "Proposal", 50)
    days_ago(store, a, 40)
    return store


@pytest.fixture
def today(sales):
    """The day the sales were made: read when they are, not when the module was imported
    (a run that passes midnight otherwise filters by yesterday)."""
    return date.today()


def test_pipeline_sums_open_deals_per_stage_and_currency_and_weighs_them(sales):
    rows = pipeline(sales, Filters()).rows
    # Lead: A 1000 + B 2000.50 = 3000.50 CNY at 10 % = 300.05; Proposal: C 5000 USD at 50 % = 2500.
    assert rows == [
        {"stage": "Lead", "currency": "CNY", "deals": 2, "amount": Decimal("3000.50"), "probability": 10,
         "weighted": Decimal("300.05")},
        {"stage": "Proposal", "currency": "USD", "deals": 1, "amount": Decimal("5000"), "probability": 50,
         "weighted": Decimal("2500")}]


def test_forecast_by_expected_close_month(sales):
    rows = forecast(sales, Filters()).rows
    assert [(r["month"], r["currency"], r["deals"], r["amount"], r["weighted"]) for r in rows] == [
        ("2026-12", "CNY", 2, Decimal("3000.50"), Decimal("300.05")),
        ("2027-01", "USD", 1, Decimal("5000"), Decimal("2500"))]
    # The period keeps only December's.
    december = forecast(sales, Filters(start=date(2026, 12, 1), end=date(2026, 12, 31))).rows
    assert [r["month"] for r in december] == ["2026-12"]


def test_won_and_lost_this_month_with_the_reason(sales, today):
    [row] = won_lost(sales, Filters()).rows
    assert row == {"month": today.strftime("%Y-%m"), "currency": "CNY", "won": 1, "won_amount": Decimal("7000"),
                   "lost": 1, "lost_amount": Decimal("300"), "loss_reasons": "价格 (1)"}
    assert won_lost(sales, Filters(end=today - timedelta(days=1))).rows == []  # closed today


def test_a_deal_in_its_stage_for_40_days_is_stuck_after_30(sales):
    [row] = stuck_deals(sales, Filters(days=30)).rows
    assert (row["deal"], row["stage"], row["days"], row["amount"]) == ("A", "Lead", 40, Decimal("1000"))
    assert stuck_deals(sales, Filters(days=45)).rows == []


def test_funnel_counts_how_far_each_deal_got(sales, today):
    # Furthest open stage: A, B and E (lost from Lead) Lead; C Proposal; D Negotiation, then won.
    rows = funnel(sales, Filters()).rows
    assert [(r["stage"], r["deals"], r["conversion"], r["from_first"]) for r in rows] == [
        ("Lead", 5, None, 100.0), ("Qualified", 2, 40.0, 40.0), ("Proposal", 2, 100.0, 40.0),
        ("Negotiation", 1, 50.0, 20.0), ("Won", 1, 100.0, 20.0)]
    # A was made 40 days ago: a period of the last week leaves it out.
    recent = funnel(sales, Filters(start=today - timedelta(days=7), end=today)).rows
    assert recent[0]["deals"] == 4


def _mail(key: str, sender: str, to: str, subject: str, when: datetime, reply_to: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = f"<{key}@r.test>"
    if reply_to:
        message["In-Reply-To"] = message["References"] = f"<{reply_to}@r.test>"
    message["Date"] = format_datetime(when.astimezone())
    message.set_content("…")
    return message.as_bytes()


def _store_mail(store, raws: list[bytes]) -> None:
    from app.mail.reading.conversation_threads import rethread_account
    from tests.support.stored_mail import store_inbox

    account = store_inbox(store, "me", "me@us.test", raws)
    rethread_account(store, account.id)
    linking.link_new_mail(store)


def test_response_time_per_person_and_customer_and_who_waits_now(store):
    add_contact(store, ContactInput(name="王芳", emails=["wang@client.cn"]))
    add_contact(store, ContactInput(name="李雷", emails=["li@client.cn"]))
    add_contact(store, ContactInput(name="Quiet", emails=["quiet@client.cn"]))
    start = datetime.now().replace(microsecond=0) - timedelta(days=3)
    hour = timedelta(hours=1)
    _store_mail(store, [
        # 王芳 asks, asks again, and is answered 3 h after her first message: one wait of 3 h.
        _mail("w1", "王芳 <wang@client.cn>", "me@us.test", "报价", start),
        _mail("w2", "王芳 <wang@client.cn>", "me@us.test", "Re: 报价", start + hour, reply_to="w1"),
        _mail("w3", "me@us.test", "wang@client.cn", "Re: 报价", start + 3 * hour, reply_to="w2"),
        # 李雷: answered after 1 h; then writes again and is still waiting.
        _mail("l1", "李雷 <li@client.cn>", "me@us.test", "合同", start, ),
        _mail("l2", "me@us.test", "li@client.cn", "Re: 合同", start + hour, reply_to="l1"),
        _mail("l3", "李雷 <li@client.cn>", "me@us.test", "Re: 合同", start + 2 * hour, reply_to="l2"),
    ])
    rows = response_time(store, Filters()).rows
    people = [r for r in rows if r["group"] == "person"]
    assert people == [{"group": "person", "who": "me@us.test", "replies": 2, "median": 7200, "p90": 10800,
                       "waiting": None, "subject": ""}]  # waits of 1 h and 3 h: median 2 h, p90 3 h
    customers = {r["who"]: (r["replies"], r["median"]) for r in rows if r["group"] == "customer"}
    assert customers == {"李雷": (1, 3600), "王芳": (1, 10800)}
    [waiting] = [r for r in rows if r["group"] == "waiting"]
    assert waiting["who"] == "李雷" and waiting["subject"] == "Re: 合同"
    assert abs(waiting["waiting"] - (time.time() - (start + 2 * hour).timestamp())) < 90000  # until today's end

    end_of_today = Filters().now().timestamp()
    stale = {r["name"]: r["days"] for r in stale_customers(store, Filters(days=1)).rows}
    assert stale == {"李雷": int(end_of_today - (start + 2 * hour).timestamp()) // 86400,
                     "王芳": int(end_of_today - (start + 3 * hour).timestamp()) // 86400, "Quiet": None}
    assert [r["name"] for r in stale_customers(store, Filters(days=5)).rows] == ["Quiet"]  # never in touch


def test_exports_read_back_with_numbers_as_numbers(sales, tmp_path):
    from openpyxl import load_workbook

    report = pipeline(sales, Filters())
    lines = [json.loads(line) for line in export.json_lines(report).splitlines()]
    assert lines[0]["amount"] == 3000.5 and lines[0]["weighted"] == 300.05 and lines[1]["amount"] == 5000
    export.write_csv(report, str(tmp_path / "p.csv"))
    raw = (tmp_path / "p.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0] == ["Stage", "Currency", "Deals", "Amount", "Probability", "Weighted"]
    assert table[1] == ["Lead", "CNY", "2", "3000.5", "10", "300.05"]
    export.write_xlsx(report, str(tmp_path / "p.xlsx"))
    sheet = load_workbook(tmp_path / "p.xlsx").active
    assert [c.value for c in sheet[2]] == ["Lead", "CNY", 2, 3000.5, 10, 300.05]
    assert sheet["D2"].data_type == "n"


def test_the_command_line_names_every_report():
    from app.cli.report_command import REPORT_NAMES

    assert sorted(REPORT_NAMES) == sorted(REPORTS)


def test_activity_per_week_and_person(store):
    from app.crm import activities
    from app.reports.mail_reports import activity

    tuesday = datetime(2026, 11, 24, 10, 0)  # ISO week 48
    monday = datetime(2026, 11, 30, 10, 0)  # ISO week 49
    add_contact(store, ContactInput(name="王芳", emails=["wang@client.cn"]))
    _store_mail(store, [_mail("a1", "王芳 <wang@client.cn>", "me@us.test", "报价", tuesday),
                        _mail("a2", "me@us.test", "wang@client.cn", "Re: 报价", tuesday + timedelta(hours=1), "a1"),
                        _mail("a3", "me@us.test", "wang@client.cn", "Re: 报价", monday, "a2")])
    with store.read() as session:
        from app.store.crm_models import Contact
        wang = session.scalar(select(Contact.id))
    activities.log_activity(store, "call", "电话", happened_at=int(tuesday.timestamp()), contact_id=wang)
    activities.log_activity(store, "meeting", "拜访", happened_at=int(monday.timestamp()), contact_id=wang)
    task = activities.add_task(store, "寄样品", contact_id=wang)
    activities.complete_task(store, task)
    done_week = datetime.now().isocalendar()
    rows = activity(store, Filters(start=date(2026, 11, 23), end=date(2026, 11, 30))).rows
    assert [(r["week"], r["person"], r["sent"], r["received"], r["calls"], r["meetings"]) for r in rows
            if r["week"] in ("2026-W48", "2026-W49")] == [
        ("2026-W48", "me@us.test", 1, 1, 1, 0), ("2026-W49", "me@us.test", 1, 0, 0, 1)]
    everything = activity(store, Filters()).rows
    assert sum(r["tasks_done"] for r in everything if r["week"] == f"{done_week[0]}-W{done_week[1]:02d}") == 1


def test_the_dashboard_pdf_from_the_command_line(cli, tmp_path):
    """``report dashboard --pdf`` draws every report, a page each (Qt offscreen, handed to the
    Qt-free command line); without --pdf it is one sentence and exit 2."""
    cli("contacts", "add", "--email", "wang@huaxin.cn", "--name", "王经理")
    cli("deals", "add", "华信 服务器", "--contact", "wang@huaxin.cn", "--amount", "12000", "--currency", "CNY")
    target = tmp_path / "dashboard.pdf"
    result = cli("report", "dashboard", "--pdf", str(target))
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and result.stdout.strip() == f"{len(REPORTS)} pages written to {target}"
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == len(REPORTS)
    refused = cli("report", "dashboard", check=False)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--pdf" in refused.stderr
    missing = cli("report", "dashboard", "--pdf", str(tmp_path / "no" / "such" / "dir.pdf"), check=False)
    assert missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
