"""People who wrote to you and are not contacts yet: the triage list.

Automatic mail (auto-replies, bounces) never appears here, nor do your own addresses, nor
teammates (anyone at one of your internal domains, see :mod:`app.crm.teammates`), nor mail
in Sent, Drafts, Junk or Trash, nor a sender the user chose to ignore.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.crm.settings import get_setting, set_setting
from app.crm.teammates import us
from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.store.writer import writes


@dataclass(frozen=True)
class UnknownSender:
    address: str
    name: str
    messages: int
    latest: int
    latest_message_pk: int


def unknown_senders(store: Store, limit: int = 200, needle: str = "") -> list[UnknownSender]:
    """The newest ``limit`` unknown senders, those whose name or address contains ``needle``."""
    ignored = [a.lower() for a in get_setting(store, "ignored_senders")]
    we = us(store)
    own = sorted(we.addresses)
    domains = sorted(we.domains)
    marks = ",".join("?" * len(ignored)) or "''"
    own_marks = ",".join("?" * len(own)) or "''"
    domain_marks = ",".join("?" * len(domains)) or "''"
    text = needle.strip().lower()
    sql = (
        "SELECT m.from_addr, max(m.from_name), count(*), max(m.date), max(m.id) FROM mail_messages m "
        "JOIN mail_folders f ON f.id = m.folder_id "
        "WHERE coalesce(f.role, '') NOT IN ('sent', 'drafts', 'junk', 'trash') AND m.moving = 0 "
        "AND coalesce(m.auto_kind, '') = '' AND m.from_addr != '' "
        "AND m.from_addr NOT IN (SELECT email FROM crm_contact_emails) "
        "AND m.from_addr NOT IN (SELECT lower(email) FROM accounts) "
        f"AND m.from_addr NOT IN ({own_marks}) "
        f"AND substr(m.from_addr, instr(m.from_addr, '@') + 1) NOT IN ({domain_marks}) "
        f"AND m.from_addr NOT IN ({marks}) "
        "GROUP BY m.from_addr "
        + ("HAVING m.from_addr LIKE ? OR lower(max(m.from_name)) LIKE ? " if text else "")
        + "ORDER BY max(m.date) DESC LIMIT ?")
    like = (f"%{text}%", f"%{text}%") if text else ()
    rows = fetch_all(store, sql, (*own, *domains, *ignored, *like, limit))
    return [UnknownSender(*row) for row in rows]


@writes
def ignore_sender(store: Store, address: str) -> None:
    ignored = list(get_setting(store, "ignored_senders"))
    if address.lower() not in ignored:
        set_setting(store, "ignored_senders", ignored + [address.lower()])


@writes
def ignore_senders(store: Store, addresses: list[str]) -> None:
    ignored = list(get_setting(store, "ignored_senders"))
    new = [a.lower() for a in addresses if a.lower() not in ignored]
    if new:
        set_setting(store, "ignored_senders", ignored + list(dict.fromkeys(new)))
