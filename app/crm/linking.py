"""Linking mail to customer records, automatically and by hand.

The automatic rule, done in SQL over the indexed ``mail_addresses`` table so 100,000
messages link in about a second:

* a message is linked to every contact one of whose addresses appears in From, To or Cc
  (not only the sender: mail *to* a customer belongs on their timeline too);
* to every company one of whose domains appears there, unless the domain is free mail
  (a setting: qq.com, 163.com, gmail.com… say nothing about a company);
* to the company of every contact it is linked to (a customer writing from a personal
  address still lands on their company's timeline).

The user's own decisions are :class:`LinkOverride` rows keyed by the message's RFC
Message-ID: an "unlink" removes the automatic link and keeps it removed through every
re-link and even a rebuild of the mail cache; a "link" adds a manual link (also to deals).
Automatic mail (auto-replies, bounces) is linked like any other message; it only never
creates anything (see :mod:`app.crm.unknown_senders`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import select

from app.crm.settings import free_mail_domains
from app.store.crm_models import Company, CompanyDomain, Contact, ContactEmail, Deal, LinkOverride, MessageLink
from app.store.database import Store
from app.store.models import Account, Message, MessageAddress
from app.store.writer import writes

_LIVE_CONTACT = "c.deleted_at IS NULL AND c.merged_into_id IS NULL"
_ROLE_RANK = "CASE a.role WHEN 'from' THEN 1 WHEN 'to' THEN 2 ELSE 3 END"
_RANK_ROLE = "CASE min({rank}) WHEN 1 THEN 'from' WHEN 2 THEN 'to' ELSE 'cc' END".format(rank=_ROLE_RANK)


def _contact_links_sql(scope: str) -> str:
    return (
        "INSERT INTO crm_message_links (message_id, contact_id, company_id, deal_id, date, source, reason) "
        f"SELECT a.message_id, e.contact_id, NULL, NULL, max(a.date), 'auto', {_RANK_ROLE} "
        "FROM mail_addresses a JOIN crm_contact_emails e ON e.email = a.addr "
        f"JOIN crm_contacts c ON c.id = e.contact_id AND {_LIVE_CONTACT} "
        f"WHERE a.role IN ('from', 'to', 'cc') AND {scope} GROUP BY a.message_id, e.contact_id")


def _company_links_sql(scope: str, free_marks: str) -> str:
    return (
        "INSERT INTO crm_message_links (message_id, contact_id, company_id, deal_id, date, source, reason) "
        "SELECT message_id, NULL, company_id, NULL, max(date), 'auto', max(reason) FROM ("
        "  SELECT a.message_id AS message_id, d.company_id AS company_id, a.date AS date, 'domain' AS reason "
        "  FROM mail_addresses a JOIN crm_company_domains d ON d.domain = a.domain "
        "  JOIN crm_companies co ON co.id = d.company_id AND co.deleted_at IS NULL "
        f"  WHERE a.role IN ('from', 'to', 'cc') AND a.domain NOT IN ({free_marks}) AND {scope} "
        "  UNION ALL "
        "  SELECT a.message_id, c.company_id, a.date, 'contact' "
        "  FROM mail_addresses a JOIN crm_contact_emails e ON e.email = a.addr "
        f"  JOIN crm_contacts c ON c.id = e.contact_id AND {_LIVE_CONTACT} AND c.company_id IS NOT NULL "
        "  JOIN crm_companies co ON co.id = c.company_id AND co.deleted_at IS NULL "
        f"  WHERE a.role IN ('from', 'to', 'cc') AND {scope}"
        ") GROUP BY message_id, company_id")


_APPLY_UNLINKS = (
    "DELETE FROM crm_message_links WHERE source = 'auto' AND id IN ("
    " SELECT l.id FROM crm_message_links l JOIN mail_messages m ON m.id = l.message_id"
    " JOIN crm_link_overrides o ON o.message_key = m.message_id AND o.action = 'unlink'"
    " LEFT JOIN crm_contacts c ON o.record_type = 'contact' AND c.uuid = o.record_uuid"
    " LEFT JOIN crm_companies co ON o.record_type = 'company' AND co.uuid = o.record_uuid"
    " WHERE (c.id IS NOT NULL AND l.contact_id = c.id) OR (co.id IS NOT NULL AND l.company_id = co.id))")

_APPLY_MANUAL_LINKS = (
    "INSERT INTO crm_message_links (message_id, contact_id, company_id, deal_id, date, source, reason) "
    "SELECT m.id, c.id, co.id, d.id, m.date, 'manual', 'manual' FROM crm_link_overrides o "
    "JOIN mail_messages m ON m.message_id = o.message_key "
    "LEFT JOIN crm_contacts c ON o.record_type = 'contact' AND c.uuid = o.record_uuid "
    "LEFT JOIN crm_companies co ON o.record_type = 'company' AND co.uuid = o.record_uuid "
    "LEFT JOIN crm_deals d ON o.record_type = 'deal' AND d.uuid = o.record_uuid "
    "WHERE o.action = 'link' AND (c.id IS NOT NULL OR co.id IS NOT NULL OR d.id IS NOT NULL) AND {scope} "
    "AND NOT EXISTS (SELECT 1 FROM crm_message_links x WHERE x.message_id = m.id AND x.source = 'manual' "
    " AND coalesce(x.contact_id, 0) = coalesce(c.id, 0) AND coalesce(x.company_id, 0) = coalesce(co.id, 0) "
    " AND coalesce(x.deal_id, 0) = coalesce(d.id, 0))")


@writes
def _execute(store: Store, statements: list[tuple[str, tuple]]) -> None:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            for sql, params in statements:
                cursor.execute(sql, params)
        finally:
            cursor.close()


def _link_statements(store: Store, scope: str, scope_params: tuple, delete_scope: str) -> list[tuple[str, tuple]]:
    free = sorted(free_mail_domains(store))
    free_marks = ",".join("?" * len(free)) or "''"
    return [
        (f"DELETE FROM crm_message_links WHERE source = 'auto' AND {delete_scope}", scope_params),
        (_contact_links_sql(scope), scope_params),
        (_company_links_sql(scope, free_marks), (*free, *scope_params, *scope_params)),
        (_APPLY_UNLINKS, ()),
        (_APPLY_MANUAL_LINKS.format(scope=scope.replace("a.message_id", "m.id")), scope_params),
    ]


def relink_all(store: Store) -> None:
    """Rebuild every automatic link from scratch (manual links and unlinks are kept)."""
    statements = _link_statements(store, "1", (), "1")
    statements[0] = ("DELETE FROM crm_message_links", ())  # manual links are re-made from overrides
    _execute(store, statements)


def link_messages_from(store: Store, first_message_pk: int) -> None:
    """Link messages stored since ``first_message_pk`` (new mail after a sync)."""
    _execute(store, _link_statements(store, "a.message_id >= ?", (first_message_pk,),
                                     "message_id >= ?"))


def link_new_mail(store: Store) -> None:
    """Link every message newer than the last one linked (cheap when nothing is new)."""
    from app.crm.settings import get_setting, set_setting

    done = int(get_setting(store, "linked_through_message_id"))
    with store.read() as session:
        newest = session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1)) or 0
    if newest > done:
        link_messages_from(store, done + 1)
        set_setting(store, "linked_through_message_id", newest)


_SCOPE = "a.message_id IN (SELECT message_id FROM link_scope)"


def _relink_scope(store: Store, fill_sql: str, params: tuple) -> None:
    """Re-derive every automatic link of the messages ``fill_sql`` selects, in one transaction.

    The scope is a temporary table, so a contact with thousands of messages needs no giant
    parameter list.
    """
    statements = [("CREATE TEMP TABLE IF NOT EXISTS link_scope (message_id INTEGER PRIMARY KEY)", ()),
                  ("DELETE FROM link_scope", ()),
                  (f"INSERT OR IGNORE INTO link_scope {fill_sql}", params)]
    statements += _link_statements(store, _SCOPE, (), "message_id IN (SELECT message_id FROM link_scope)")
    _execute(store, statements)


def relink_contact(store: Store, contact_id: int) -> None:
    """Retroactive linking after a contact was created, changed, merged or deleted."""
    _relink_scope(store, (
        "SELECT a.message_id FROM mail_addresses a JOIN crm_contact_emails e ON e.email = a.addr "
        "WHERE e.contact_id = ? UNION SELECT message_id FROM crm_message_links WHERE contact_id = ?"),
        (contact_id, contact_id))


def relink_company(store: Store, company_id: int) -> None:
    """Retroactive linking after a company was created or its domains or people changed."""
    _relink_scope(store, (
        "SELECT a.message_id FROM mail_addresses a JOIN crm_company_domains d ON d.domain = a.domain "
        "WHERE d.company_id = ? UNION SELECT a.message_id FROM mail_addresses a JOIN crm_contact_emails e "
        "ON e.email = a.addr JOIN crm_contacts c ON c.id = e.contact_id WHERE c.company_id = ? "
        "UNION SELECT message_id FROM crm_message_links WHERE company_id = ?"),
        (company_id, company_id, company_id))


def relink_messages(store: Store, message_pks: list[int]) -> None:
    import json

    _relink_scope(store, "SELECT value FROM json_each(?)", (json.dumps(message_pks),))


# -- manual decisions ------------------------------------------------------------------------
_OVERRIDE_MODELS = {"contact": Contact, "company": Company, "deal": Deal}


def _message_key(store: Store, message_pk: int) -> str:
    from app.errors import UserFacingError

    with store.read() as session:
        key = session.scalar(select(Message.message_id).where(Message.id == message_pk))
    if not key:
        raise UserFacingError("This message has no Message-ID, so a manual link could not be kept "
                              "across re-syncs.")
    return key


@writes
def set_override(store: Store, message_pk: int, record_type: str, record_uuid: str, action: str) -> None:
    """Link (``link``) or unlink (``unlink``) a message by hand; replaces an earlier decision."""
    key = _message_key(store, message_pk)
    with store.write() as session:
        existing = session.scalar(select(LinkOverride).where(
            LinkOverride.message_key == key, LinkOverride.record_type == record_type,
            LinkOverride.record_uuid == record_uuid))
        if existing is None:
            session.add(LinkOverride(message_key=key, record_type=record_type, record_uuid=record_uuid,
                                     action=action, created_at=int(time.time())))
        else:
            existing.action = action
        record = session.scalar(select(_OVERRIDE_MODELS[record_type]).where(
            _OVERRIDE_MODELS[record_type].uuid == record_uuid))
        column = {"contact": MessageLink.contact_id, "company": MessageLink.company_id,
                  "deal": MessageLink.deal_id}[record_type]
        message_pks = list(session.scalars(select(Message.id).where(Message.message_id == key)))
        session.query(MessageLink).filter(MessageLink.message_id.in_(message_pks), column == record.id) \
            .delete(synchronize_session=False)
        if action == "link":
            for pk, date in session.execute(select(Message.id, Message.date).where(Message.id.in_(message_pks))):
                session.add(MessageLink(message_id=pk, date=date, source="manual", reason="manual",
                                        **{column.key: record.id}))


@writes
def clear_override(store: Store, message_pk: int, record_type: str, record_uuid: str) -> None:
    """Forget a manual decision: the automatic rule applies again."""
    key = _message_key(store, message_pk)
    with store.write() as session:
        session.query(LinkOverride).filter(LinkOverride.message_key == key, LinkOverride.record_type == record_type,
                                           LinkOverride.record_uuid == record_uuid).delete()
    relink_messages(store, [message_pk])


# -- explanations ----------------------------------------------------------------------------
@dataclass
class LinkReason:
    record_type: str  # contact | company | deal | none
    record_uuid: str | None
    record_name: str
    linked: bool
    why: str  # a code: from/to/cc, domain, contact, manual, unlinked, free-mail, no-record, automatic
    detail: str  # the address or domain concerned


def explain(store: Store, message_pk: int) -> list[LinkReason]:
    """Why this message is, or is not, linked to each record its participants suggest."""
    free = free_mail_domains(store)
    reasons: list[LinkReason] = []
    with store.read() as session:
        message = session.get(Message, message_pk)
        links = session.execute(select(MessageLink).where(MessageLink.message_id == message_pk)).scalars().all()
        overrides = {(o.record_type, o.record_uuid): o.action for o in session.scalars(
            select(LinkOverride).where(LinkOverride.message_key == (message.message_id or "")))}
        addresses = session.execute(select(MessageAddress.addr, MessageAddress.domain, MessageAddress.role)
                                    .where(MessageAddress.message_id == message_pk,
                                           MessageAddress.role.in_(("from", "to", "cc")))).all()
        seen_domains: set[str] = set()
        own = {e.lower() for (e,) in session.execute(select(Account.email))}
        for addr, domain, role in addresses:
            if addr in own:
                continue  # the user's own address says nothing about a customer
            contact = session.scalar(select(Contact).join(ContactEmail).where(ContactEmail.email == addr))
            if contact is None:
                reasons.append(LinkReason("none", None, "", False, "no-record", addr))
            else:
                state = overrides.get(("contact", contact.uuid))
                linked = any(link.contact_id == contact.id for link in links)
                why = "unlinked" if state == "unlink" else ("manual" if state == "link" else role)
                reasons.append(LinkReason("contact", contact.uuid, contact.name, linked, why, addr))
            if domain in seen_domains:
                continue
            seen_domains.add(domain)
            if domain in free:
                reasons.append(LinkReason("none", None, "", False, "free-mail", domain))
                continue
            company = session.scalar(select(Company).join(CompanyDomain).where(CompanyDomain.domain == domain))
            if company is not None:
                state = overrides.get(("company", company.uuid))
                linked = any(link.company_id == company.id for link in links)
                why = "unlinked" if state == "unlink" else ("manual" if state == "link" else "domain")
                reasons.append(LinkReason("company", company.uuid, company.name, linked, why, domain))
        for link in links:
            if link.company_id and link.reason == "contact" and not any(
                    r.record_type == "company" and r.linked and r.why == "domain" for r in reasons):
                company = session.get(Company, link.company_id)
                reasons.append(LinkReason("company", company.uuid, company.name, True, "contact", ""))
            if link.deal_id:
                deal = session.get(Deal, link.deal_id)
                reasons.append(LinkReason("deal", deal.uuid, deal.title, True, "manual", ""))
        if message.auto_kind:
            reasons.append(LinkReason("none", None, "", False, "automatic", message.auto_kind))
    return reasons
