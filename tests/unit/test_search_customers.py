"""Searching customer records, and keeping their index current as they change."""

from __future__ import annotations

from sqlalchemy import select

from app.crm.activities import add_note, log_activity
from app.crm.customers import ContactInput, add_company, add_contact, delete_contact, update_contact
from app.crm.deals import add_deal
from app.search import crm_index
from app.search.customer_search import search_customers
from app.store.crm_models import ContactEmail
from app.store.raw_sql import fetch_all


def titles(store, query: str) -> set[tuple[str, str]]:
    return {(hit.kind, hit.title) for hit in search_customers(store, query, 20)}


def contact_id(store, email: str) -> int:
    with store.read() as session:
        return session.scalar(select(ContactEmail.contact_id).where(ContactEmail.email == email))


def test_contacts_companies_deals_notes_and_calls_are_found(store):
    add_company(store, "华信贸易有限公司", ["huaxin-trade.cn"], industry="机械")
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], title="采购经理",
                                    company="华信贸易有限公司", phones=["+86 138 0013 8000"]))
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna.schmidt@example.de"], title="Einkäuferin"))
    add_deal(store, "华信 2027 框架合同", company="华信贸易有限公司", amount="120000", currency="CNY")
    zhang = contact_id(store, "zhang.wei@huaxin-trade.cn")
    add_note(store, "张总说下周确认报价，需要先寄样品。", contact_id=zhang)
    log_activity(store, "call", "Pricing call", "Discussed the Résumé of volume tiers", contact_id=zhang)

    assert titles(store, "华信") >= {("company", "华信贸易有限公司"), ("contact", "张伟"), ("deal", "华信 2027 框架合同")}
    assert titles(store, "合同") == {("deal", "华信 2027 框架合同")}
    assert titles(store, "采购") == {("contact", "张伟")}  # title
    assert titles(store, "zhang.wei@huaxin-trade.cn") == {("contact", "张伟")}
    assert titles(store, "13800138000") == {("contact", "张伟")}  # the number as dialled at home
    assert titles(store, "+8613800138000") == {("contact", "张伟")}
    assert titles(store, "样品") == {("note", "张总说下周确认报价，需要先寄样品。")}
    assert titles(store, "resume tiers") == {("activity", "Pricing call")}
    assert titles(store, "einkauferin") == {("contact", "Anna Schmidt")}
    note = next(h for h in search_customers(store, "样品", 5))
    assert (note.target_kind, note.target_id) == ("contact", zhang)


def test_title_matches_rank_first(store):
    add_contact(store, ContactInput(name="Tom Becker", emails=["tom@outlook.com"]))
    add_contact(store, ContactInput(name="Lisa Weber", emails=["lisa@weber.example"], title="works with Becker"))
    assert [h.title for h in search_customers(store, "becker", 5)] == ["Tom Becker", "Lisa Weber"]


def test_operator_queries_have_no_customer_results(store):
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna.schmidt@example.de"]))
    assert search_customers(store, "anna", 5)
    assert search_customers(store, "anna is:unread", 5) == []
    assert search_customers(store, "-anna", 5) == []
    assert titles(store, "anna -schmidt") == set()


def test_edits_renames_and_deletes_reach_the_index(store):
    add_company(store, "Globex", ["globex.example.com"])
    add_contact(store, ContactInput(name="Maria García", emails=["maria@globex.example.com"], company="Globex"))
    update_contact(store, "maria@globex.example.com", ContactInput(name="María García-López"))
    assert titles(store, "lopez") == {("contact", "María García-López")}
    assert titles(store, "globex") >= {("company", "Globex"), ("contact", "María García-López")}
    delete_contact(store, "maria@globex.example.com")
    assert ("contact", "María García-López") not in titles(store, "garcia")
    assert crm_index.pending_count(store) == 0


def test_rebuild_indexes_every_live_record(store):
    add_company(store, "Initech", ["initech.example"])
    add_contact(store, ContactInput(name="Peter Gibbons", emails=["peter@initech.example"], company="Initech"))
    crm_index.index_pending(store)
    store.write_with(lambda session: session.connection().connection.execute("DELETE FROM crm_fts"))
    assert titles(store, "initech") == set()
    crm_index.rebuild(store)
    assert titles(store, "initech") == {("company", "Initech"), ("contact", "Peter Gibbons")}
    assert fetch_all(store, "SELECT count(*) FROM crm_fts")[0][0] == 2
