"""A customer's complete data exported (JSON + EML) and erased on request."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.crm import activities
from app.crm.customers import ContactInput, add_contact, contact_by_email
from app.crm.subject_requests import erase_customer, export_customer
from app.store.crm_models import Change, Contact, ContactEmail, MessageLink, Note
from tests.support.mail_store import MailStore, mail


def test_export_then_erase(store, tmp_path):
    mailbox = MailStore(store)
    raws = [mail("张伟 <zw@huaxin.cn>", "sales@example.com", "报价单"),
            mail("sales@example.com", "张伟 <zw@huaxin.cn>", "回复: 报价单", day=2)]
    mailbox.add(raws[0])
    mailbox.add(raws[1], folder="Sent")
    uuid = add_contact(store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], phones=["13812345678"]))
    with store.read() as session:
        contact_id = contact_by_email(session, "zw@huaxin.cn").id
    activities.add_note(store, "喜欢喝茶", contact_id=contact_id)

    folder = export_customer(store, "zw@huaxin.cn", tmp_path)
    data = json.loads((folder / "customer.json").read_text(encoding="utf-8"))
    assert data["contact"]["uuid"] == uuid and data["notes"][0]["body"] == "喜欢喝茶"
    assert [v["origin"] for v in data["history"]] == ["local"]
    assert sorted(p.read_bytes() for p in (folder / "messages").iterdir()) == sorted(raws)

    erase_customer(store, "zw@huaxin.cn")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
        assert session.scalar(select(func.count()).select_from(ContactEmail)) == 0
        assert session.scalar(select(func.count()).select_from(Note)) == 0
        assert session.scalar(select(func.count()).select_from(MessageLink)) == 0
        remaining = session.execute(select(Change.field, Change.new, Change.origin)).all()
    assert remaining == [("*", '"erased"', "erase")]  # a tombstone without personal data
    store.close()  # the erased text is gone from the files themselves, not only from queries
    everything = b"".join(p.read_bytes() for p in store.path.parent.glob("liaison.sqlite3*"))
    assert "喜欢喝茶".encode() not in everything and b"+8613812345678" not in everything
