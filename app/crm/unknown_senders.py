"""People who wrote to you and are not contacts yet: the triage list.

Automatic mail (auto-replies, bounces) never appears here, nor does your own address, nor
mail in Sent, Drafts, Junk or Trash, nor a sender the user chose to ignore.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.crm.settings import get_setting, set_setting
from app.store.database import Store
from app.store.raw_sql import fetch_all


@dataclass(frozen=True)
class UnknownSender:
    address: str
    name: str
    messages: int
    latest: int
    latest_message_pk: int


def unknown_senders(store: Store, limit: int = 200) -> list[UnknownSender]:
    ignored = [a.lower() for a in get_setting(store, "ignored_senders")]
    marks = ",".join("?" * len(ignored)) or "''"
    sql = (
        "SELECT m.from_addr, max(m.from_name), count(*), max(m.date), max(m.id) FROM mail_messages m "
        "JOIN mail_folders f ON f.id = m.folder_id "
        "WHERE coalesce(f.role, '') NOT IN ('sent', 'drafts', 'junk', 'trash') AND m.moving = 0 "
        "AND coalesce(m.auto_kind, '') = '' AND m.from_addr != '' "
        "AND m.from_addr NOT IN (SELECT email FROM crm_contact_emails) "
        "AND m.from_addr NOT IN (SELECT lower(email) FROM accounts) "
        f"AND m.from_addr NOT IN ({marks}) "
        "GROUP BY m.from_addr ORDER BY max(m.date) DESC LIMIT ?")
    rows = fetch_all(store, sql, (*ignored, limit))
    return [UnknownSender(*row) for row in rows]


def ignore_sender(store: Store, address: str) -> None:
    ignored = list(get_setting(store, "ignored_senders"))
    if address.lower() not in ignored:
        set_setting(store, "ignored_senders", ignored + [address.lower()])
