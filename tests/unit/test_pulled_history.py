"""Records a team pull brings keep their creation alone in the laptop's history (one entry, not
one per field); the history still lists the values they came with, a later change keeps the
value it replaced, restoring the first version brings those values back, and the funnel report
still counts a pulled deal at its stage. Pages are shaped as ``/api/v1/sync/pull`` sends them
(the real server's pages are applied by the team sync tests)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.crm import deals, history, records
from app.reports.deal_reports import funnel
from app.reports.table import Filters
from app.store.crm_models import Change, Contact, Deal
from app.sync import apply

CONTACT = records.RECORD_TYPES["contact"]


def pulled(record_type: str, fields: dict, record_uuid: str | None = None) -> dict:
    return {"type": record_type, "uuid": record_uuid or str(uuid.uuid4()), "deleted": False, "fields": fields,
            "versions": {name: {"v": 1, "hlc": "1796025479257:00000:dev-bob"} for name in fields},
            "owner": {"email": "bob@team.test", "name": "Bob"}, "team": {"name": "Sales"},
            "sharing": "edit", "can_edit": True, "can_manage": False, "revision": 7,
            "created_at": "2026-11-02T09:00:00+00:00"}


def apply_pulled(store, *page: dict) -> None:
    deferred: list = []
    store.write_with(lambda session: apply.apply_page(session, list(page), deferred))
    assert deferred == []


def test_a_pulled_record_has_one_history_entry_and_its_first_values_are_listed(store):
    contact = pulled("contact", {"name": "王芳", "title": "采购", "emails": ["wang@client.cn"]})
    apply_pulled(store, contact)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Change)
                              .where(Change.record_uuid == contact["uuid"])) == 1
        record = session.scalar(select(Contact).where(Contact.uuid == contact["uuid"]))
        [created] = history.versions(session, CONTACT, record)
    assert created.origin == "sync"
    assert {c["field"]: c["new"] for c in created.changes} == {
        "*": "created", "name": "王芳", "title": "采购", "emails": ["wang@client.cn"], "owner": "Bob"}


def test_after_later_changes_the_first_version_shows_and_restores_what_it_came_with(store):
    contact = pulled("contact", {"name": "王芳", "title": "采购", "emails": ["wang@client.cn"]})
    apply_pulled(store, contact)
    # A colleague's later change arrives by the next pull; then one made here.
    apply_pulled(store, {**contact, "fields": {"title": "采购总监"}, "revision": 8})

    def edit(session):
        record = session.scalar(select(Contact).where(Contact.uuid == contact["uuid"]))
        records.apply_changes(session, CONTACT, record, {"emails": ["fang@client.cn"], "name": "王芳芳"}, "local")
    store.write_with(edit)
    with store.read() as session:
        record = session.scalar(select(Contact).where(Contact.uuid == contact["uuid"]))
        listed = history.versions(session, CONTACT, record)
    assert [v.origin for v in listed] == ["sync", "sync", "local"]
    first = {c["field"]: c["new"] for c in listed[0].changes}
    assert (first["name"], first["title"], first["emails"]) == ("王芳", "采购", ["wang@client.cn"])
    assert listed[1].changes == [{"field": "title", "old": "采购", "new": "采购总监"}]

    def restore(session):
        record = session.scalar(select(Contact).where(Contact.uuid == contact["uuid"]))
        return history.restore(session, CONTACT, record, 1)
    restored = store.write_with(restore)
    assert restored == {"name": ("王芳芳", "王芳"), "title": ("采购总监", "采购"),
                        "emails": (["fang@client.cn"], ["wang@client.cn"])}


def test_a_record_made_here_keeps_its_field_entries(store):
    def create(session):
        return records.create(session, CONTACT, {"name": "Li", "emails": ["li@client.cn"]}).uuid
    made = store.write_with(create)
    with store.read() as session:
        assert sorted(session.scalars(select(Change.field).where(Change.record_uuid == made))) == \
            ["*", "emails", "name"]


def test_the_funnel_counts_a_pulled_deal_at_its_stage(store):
    store.write_with(deals.default_pipeline)  # the same UUIDs on every device: a pull brings the same
    stage = {row.name: row.uuid for row in deals.read_stages(store)}
    apply_pulled(store, pulled("deal", {"title": "Pulled", "stage": stage["Proposal"], "amount": "900",
                                        "currency": "CNY", "status": "open"}))
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Deal)) == 1
    rows = {r["stage"]: r["deals"] for r in funnel(store, Filters()).rows}
    assert rows["Lead"] == rows["Qualified"] == rows["Proposal"] == 1 and rows["Negotiation"] == 0
