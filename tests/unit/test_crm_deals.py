"""Deals: the one update door (history, no-empty-overwrite, validation), stage and status,
delete and undo, the read-only board, currency suggestions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.crm import deals
from app.crm.currencies import currency_of_domain, currency_of_phone, normalise_currency
from app.crm.customers import ContactInput, add_company, add_contact
from app.crm.validation import InvalidValue
from app.errors import UserFacingError
from app.store.crm_models import Company, Deal, Pipeline

ZHANG = "zhang.wei@huaxin-trade.cn"


@pytest.fixture
def people(store):
    add_contact(store, ContactInput(name="张伟", emails=[ZHANG], company="华信贸易"))
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna@nordwind.de"], company="Nordwind"))
    add_contact(store, ContactInput(name="Raj", emails=["raj@gmail.com"], phones=["+65 6123 4567"]))
    return store


def stage_uuid(store, name: str) -> str:
    return next(s.uuid for s in deals.read_stages(store) if s.name == name)


def test_update_deal_writes_every_field_with_its_history(people):
    store = people
    uuid = deals.add_deal(store, "LED 面板", contact_email=ZHANG, amount="700000", currency="CNY")
    applied = deals.update_deal(store, uuid, {
        "title": "华信贸易 年度采购合同", "amount": "772,000.50", "currency": "rmb", "expected_close": "2026/12/15",
        "contact": "Anna Schmidt <anna@nordwind.de>", "company": "Nordwind", "owner": "Li Na",
        "stage": stage_uuid(store, "Proposal")})
    assert set(applied) == {"title", "amount", "expected_close", "contact_id", "company_id", "owner", "stage_id"}
    detail = deals.deal_detail(store, uuid)
    assert (detail.title, detail.amount, detail.currency, detail.expected_close, detail.contact_email,
            detail.company, detail.owner, detail.status) == (
        "华信贸易 年度采购合同", "772000.5", "CNY", "2026-12-15", "anna@nordwind.de", "Nordwind", "Li Na", "open")
    newest = detail.history[0]
    changed = {c["field"]: (c["old"], c["new"]) for c in newest.changes}
    assert changed["amount"] == ("700000", "772000.5")
    assert changed["stage_id"] == ("Lead", "Proposal")  # references shown by name
    assert changed["company_id"] == ("华信贸易", "Nordwind")
    assert len(detail.history) == 2 and detail.history[-1].changes[0] == {"field": "*", "old": None,
                                                                         "new": "created"}


def test_an_empty_value_never_overwrites_unless_cleared(people):
    store = people
    uuid = deals.add_deal(store, "LED", contact_email=ZHANG, amount="1000", currency="CNY", owner="Li Na")
    assert deals.update_deal(store, uuid, {"owner": "", "contact": "", "amount": ""}) == {}
    detail = deals.deal_detail(store, uuid)
    assert (detail.owner, detail.contact_email, detail.amount) == ("Li Na", ZHANG, "1000")
    deals.update_deal(store, uuid, {"owner": "", "contact": ""}, cleared={"owner", "contact"})
    detail = deals.deal_detail(store, uuid)
    assert (detail.owner, detail.contact_email, detail.company) == ("", "", "华信贸易")


@pytest.mark.parametrize("changes, cleared, sentence", [
    ({"amount": "12k"}, (), "'12k' is not an amount"),
    ({"amount": "-5"}, (), "cannot be negative"),
    ({"currency": "yuanx"}, (), "is not a currency code"),
    ({"expected_close": "next week"}, (), "is not a date"),
    ({"title": ""}, {"title"}, "a deal needs a title"),
    ({"contact": "nobody@example.com"}, (), "no contact has the address nobody@example.com"),
    ({"company": "No Such Co"}, (), "no company is called No Such Co"),
    ({"currency": ""}, {"currency"}, "choose the currency of the amount"),
    ({"status": "maybe"}, (), "is not a deal status"),
])
def test_bad_values_are_refused_with_one_sentence(people, changes, cleared, sentence):
    uuid = deals.add_deal(people, "LED", amount="1000", currency="CNY")
    with pytest.raises(InvalidValue, match=sentence):
        deals.update_deal(people, uuid, changes, cleared=cleared)
    assert deals.deal_detail(people, uuid).amount == "1000"


def test_unknown_field_and_deleted_deal_are_refused(people):
    uuid = deals.add_deal(people, "LED")
    with pytest.raises(UserFacingError, match="no field 'colour'"):
        deals.update_deal(people, uuid, {"colour": "red"})
    deals.delete_deal(people, uuid)
    with pytest.raises(UserFacingError, match="was deleted"):
        deals.update_deal(people, uuid, {"title": "x"})


def test_stage_and_status_go_together_and_lost_keeps_its_reason(people):
    store = people
    uuid = deals.add_deal(store, "LED", stage="Negotiation")
    deals.set_status(store, uuid, "lost", lost_reason="Price too high")
    detail = deals.deal_detail(store, uuid)
    stage_names = {s.uuid: s.name for s in detail.stages}
    assert (stage_names[detail.stage_uuid], detail.status, detail.lost_reason) == ("Lost", "lost", "Price too high")
    assert deals.list_deals(store)[0]["lost_reason"] == "Price too high"
    deals.set_status(store, uuid, "open")  # reopened: back in the stage it was in, reason gone
    detail = deals.deal_detail(store, uuid)
    assert (stage_names[detail.stage_uuid], detail.status, detail.lost_reason) == ("Negotiation", "open", "")
    deals.move_deal(store, uuid, stage_uuid(store, "Won"))
    assert deals.deal_detail(store, uuid).status == "won"
    deals.move_deal(store, uuid, stage_uuid(store, "Lost"), lost_reason="Competitor")
    assert deals.deal_detail(store, uuid).lost_reason == "Competitor"
    lost_history = [c for v in deals.deal_detail(store, uuid).history for c in v.changes
                    if c["field"] == "custom.lost_reason"]
    assert [c["new"] for c in lost_history] == ["Competitor", "", "Price too high"]


def test_new_deal_can_make_its_company_and_takes_the_contacts(people):
    store = people
    uuid = deals.new_deal(store, {"title": "Cold store", "company": "Lumen Pte Ltd", "amount": "5000",
                                  "currency": "SGD"}, new_company=True)
    assert deals.deal_detail(store, uuid).company == "Lumen Pte Ltd"
    with store.read() as session:
        assert session.scalar(select(Company.name).where(Company.name == "Lumen Pte Ltd"))
    other = deals.new_deal(store, {"title": "Panels", "contact": ZHANG})
    assert deals.deal_detail(store, other).company == "华信贸易"  # from the contact
    with pytest.raises(InvalidValue, match="needs a title"):
        deals.new_deal(store, {"title": " "})


def test_delete_and_undo(people):
    uuid = deals.add_deal(people, "LED")
    deals.delete_deal(people, uuid)
    assert deals.list_deals(people) == []
    deals.undelete_deal(people, uuid)
    assert [d["uuid"] for d in deals.list_deals(people)] == [uuid]
    events = [c["new"] for v in deals.deal_detail(people, uuid).history for c in v.changes if c["field"] == "*"]
    assert events == [{"restored": "live"}, "deleted", "created"]


def test_restore_an_earlier_version(people):
    uuid = deals.add_deal(people, "LED", amount="1000", currency="CNY")
    deals.update_deal(people, uuid, {"amount": "2000", "title": "LED 2"})
    deals.restore_deal_version(people, uuid, 1)
    detail = deals.deal_detail(people, uuid)
    assert (detail.title, detail.amount) == ("LED", "1000")


def test_the_board_reads_and_never_makes_the_pipeline(store):
    assert deals.board(store) == [] and deals.read_stages(store) == []
    with store.read() as session:
        assert session.scalar(select(Pipeline)) is None
    assert deals.ensure_pipeline(store) is True and deals.ensure_pipeline(store) is False
    columns = deals.board(store)
    assert [c.stage.name for c in columns] == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]
    assert all(not c.deals for c in columns)


def test_board_cards_and_totals_per_currency(people):
    store = people
    first = deals.add_deal(store, "LED 面板", contact_email=ZHANG, amount="772000", currency="CNY")
    deals.add_deal(store, "Hamburg", contact_email="anna@nordwind.de", amount="24900.50", currency="EUR")
    deals.add_deal(store, "Extra", amount="1000", currency="CNY")
    deals.delete_deal(store, deals.add_deal(store, "Gone", amount="5", currency="CNY"))
    lead = deals.board(store)[0]
    assert [c.title for c in lead.deals] == ["Extra", "Hamburg", "LED 面板"]
    card = lead.deals[-1]
    assert (card.uuid, card.company, card.contact, card.amount, card.currency) == (
        first, "华信贸易", "张伟", "772000", "CNY")
    assert lead.totals == {"CNY": Decimal("773000"), "EUR": Decimal("24900.50")}


def test_currency_suggestions(people):
    store = people
    add_company(store, "Tokyo Lights", ["tokyo-lights.co.jp"])
    add_company(store, "Acme UK", ["acme.co.uk"])
    with store.read() as session:
        assert session.scalar(select(Deal)) is None
    assert deals.suggest_currency(store) == ""  # nothing known: no silent CNY
    assert deals.suggest_currency(store, company="华信贸易") == "CNY"
    assert deals.suggest_currency(store, company="nordwind") == "EUR"
    assert deals.suggest_currency(store, company="Tokyo Lights") == "JPY"
    assert deals.suggest_currency(store, company="Acme UK") == "GBP"
    assert deals.suggest_currency(store, contact_email="raj@gmail.com") == "SGD"  # phone +65
    assert deals.suggest_currency(store, contact_email=ZHANG) == "CNY"
    deals.add_deal(store, "Last", amount="1", currency="USD")
    assert deals.suggest_currency(store, company="Some Co") == "USD"  # the last used
    # The command line without a currency takes the customer's.
    uuid = deals.add_deal(store, "Berlin", company="Nordwind", amount="10")
    assert deals.deal_detail(store, uuid).currency == "EUR"


@pytest.mark.parametrize("domain, currency", [
    ("huaxin-trade.cn", "CNY"), ("shop.com.cn", "CNY"), ("nordwind.de", "EUR"), ("lumen.sg", "SGD"),
    ("harbour.com.hk", "HKD"), ("tokyo.co.jp", "JPY"), ("acme.co.uk", "GBP"), ("acme.com", ""),
    ("acme.net", ""), ("localhost", ""), ("x.fr", "EUR"), ("x.ch", "CHF"),
])
def test_currency_of_a_domain(domain, currency):
    assert currency_of_domain(domain) == currency


def test_currency_codes_and_phone_countries():
    assert currency_of_phone("+8613812345678") == "CNY"
    assert currency_of_phone("+4930123456") == "EUR"
    assert currency_of_phone("+85221234567") == "HKD"
    assert currency_of_phone("") == ""
    assert [normalise_currency(t) for t in ("cny", " RMB ", "¥", "eur", "", "hk$")] == [
        "CNY", "CNY", "CNY", "EUR", "", "HKD"]
    with pytest.raises(InvalidValue, match="three letters"):
        normalise_currency("EURO")


@pytest.mark.parametrize("text, stored", [
    ("772000", "772000"), ("772,000", "772000"), ("1,234,567.50", "1234567.5"), ("¥ 12 000", "12000"),
    ("1e3", "1000"), ("0.10", "0.1"), ("", ""),
])
def test_amounts_are_decimal_strings(text, stored):
    assert deals.normalise_amount(text) == stored


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "1e20"])
def test_bad_amounts(text):
    with pytest.raises(InvalidValue):
        deals.normalise_amount(text)


def test_old_closed_deals_are_only_counted(people):
    store = people
    old = deals.add_deal(store, "Old win", stage="Won")
    recent = deals.add_deal(store, "New win", stage="Won")
    still_open = deals.add_deal(store, "Old but open")
    with store.writer.waiting_allowed():
        store.write_with(lambda s: s.query(Deal).filter(Deal.uuid.in_([old, still_open]))
                         .update({Deal.updated_at: 1_000_000}, synchronize_session=False))
    columns = {c.stage.name: c for c in deals.board(store, closed_since=2_000_000)}
    assert [c.uuid for c in columns["Won"].deals] == [recent] and columns["Won"].older == 1
    assert [c.uuid for c in columns["Lead"].deals] == [still_open] and columns["Lead"].older == 0
    assert len(deals.board(store)[4].deals) == 2


def test_party_of_local_ids(people):
    from app.crm.customers import company_by_name, contact_by_email

    with people.read() as session:
        zhang, nordwind = contact_by_email(session, ZHANG).id, company_by_name(session, "Nordwind").id
    assert deals.party_of(people, contact_id=zhang) == (ZHANG, "华信贸易")  # the contact's company
    assert deals.party_of(people, company_id=nordwind) == ("", "Nordwind")
    assert deals.party_of(people, contact_id=zhang, company_id=nordwind) == (ZHANG, "Nordwind")
    assert deals.party_of(people, contact_id=9999) == ("", "")
