"""Who a message is from, and everything else stored with that person or organisation.

Organisations are derived from the address's domain, except for free-mail domains (a
``qq.com`` or ``gmail.com`` address says nothing about the company).  Queries go through the
indexed ``mail_addresses`` table, so they stay fast on a 100,000-message profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, and_, cast, distinct, func, or_, select

from app.store.database import Store
from app.store.models import Folder, Message, MessageAddress

FREE_MAIL_DOMAINS = frozenset({
    "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com",
    "139.com", "aliyun.com", "188.com", "vip.qq.com", "vip.163.com", "gmail.com", "googlemail.com",
    "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.co.jp", "icloud.com",
    "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru",
    "proton.me", "protonmail.com", "zoho.com", "naver.com", "daum.net",
})


@dataclass
class Correspondent:
    name: str
    address: str
    domain: str
    organisation: str | None  # the domain, unless it is free mail


@dataclass
class Exchange:
    message_id: int
    folder: str
    subject: str
    date: int
    from_name: str
    from_addr: str
    to_list: str = "[]"  # JSON [[name, addr], ...]
    message_key: str | None = None  # the RFC Message-ID
    folder_role: str | None = None


def correspondent(name: str, address: str) -> Correspondent:
    domain = address.rpartition("@")[2].lower()
    return Correspondent(name=name, address=address.lower(), domain=domain,
                         organisation=None if domain in FREE_MAIL_DOMAINS or not domain else domain)


def _exchanges(store: Store, condition, limit: int, before: tuple[int, int] | None = None,
               leave_out: int | None = None, seen_keys: set[str] | None = None) -> list[Exchange]:
    """The newest messages matching ``condition`` on mail_addresses, one entry per message.

    Walks the (addr, date) or (domain, date) index newest first, so the cost depends on
    ``limit``, not on how much mail there is with this person.  A message lists the same
    address in several roles (from and cc...) at most a few times, hence the over-fetch.

    Read a page at a time: ``before`` is the (date, message id) the previous page ended with,
    and ``seen_keys`` the Message-IDs it showed (updated here), so that a copy of a message in
    another folder is left out on a later page too.  ``leave_out`` (the message being read) is
    left out with its copies.
    """
    query = (select(Message.id, Folder.name, Message.subject, Message.date, Message.from_name,
                    Message.from_addr, Message.to_list, Message.message_id, Folder.role)
             .select_from(MessageAddress)
             .join(Message, Message.id == MessageAddress.message_id)
             .join(Folder, Folder.id == Message.folder_id)
             .where(condition, Message.moving.is_(False))
             .order_by(MessageAddress.date.desc(), MessageAddress.message_id.desc()).limit(limit * 4))
    if before is not None:
        date, message_pk = before
        query = query.where(or_(MessageAddress.date < date,
                                and_(MessageAddress.date == date, MessageAddress.message_id < message_pk)))
    seen: set[int] = set()
    keys = seen_keys if seen_keys is not None else set()
    exchanges = []
    with store.read() as session:
        if leave_out is not None:
            seen.add(leave_out)
            leave_key = session.scalar(select(Message.message_id).where(Message.id == leave_out))
            if leave_key:
                keys.add(leave_key)
        for row in session.execute(query):
            if row.id not in seen and (not row.message_id or row.message_id not in keys):
                seen.add(row.id)
                if row.message_id:
                    keys.add(row.message_id)  # a copy in another folder is the same message
                exchanges.append(Exchange(*row))
                if len(exchanges) == limit:
                    break
    return exchanges


def _count(store: Store, condition, leave_out: int | None) -> int:
    """How many messages match ``condition``, a message and its copies in other folders once,
    ``leave_out`` and its copies not at all.  The index is walked in SQLite, outside Python's
    interpreter lock."""
    key = func.coalesce(Message.message_id, cast(Message.id, String))
    query = (select(func.count(distinct(key))).select_from(MessageAddress)
             .join(Message, Message.id == MessageAddress.message_id)
             .where(condition, Message.moving.is_(False)))
    with store.read() as session:
        if leave_out is not None:
            leave_key = session.scalar(select(key).where(Message.id == leave_out))
            if leave_key is not None:
                query = query.where(key != leave_key)
        return session.scalar(query) or 0


def mail_with_person(store: Store, address: str, limit: int = 200, before: tuple[int, int] | None = None,
                     leave_out: int | None = None, seen_keys: set[str] | None = None) -> list[Exchange]:
    return _exchanges(store, MessageAddress.addr == address.lower(), limit, before, leave_out, seen_keys)


def count_mail_with_person(store: Store, address: str, leave_out: int | None = None) -> int:
    return _count(store, MessageAddress.addr == address.lower(), leave_out)


def mail_with_organisation(store: Store, domain: str, limit: int = 200) -> list[Exchange]:
    return _exchanges(store, MessageAddress.domain == domain.lower(), limit)
