"""The Customers lists: contacts and companies filtered as you type (no Qt).

Filtering happens in SQL (``LIKE`` on name, address, company, domain), at most ``limit`` rows
at a time, sorted by name.  The window runs these off the GUI thread while typing; a single
row (``contact_row``/``company_row``, by id) is a short indexed read.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store.database import Store
from app.store.raw_sql import fetch_all

SHOW_AT_MOST = 500


@dataclass(frozen=True)
class ContactListRow:
    id: int
    uuid: str
    name: str
    email: str
    company: str
    title: str


@dataclass(frozen=True)
class CompanyListRow:
    id: int
    uuid: str
    name: str
    domains: str  # comma separated
    people: int


_CONTACTS = (
    "SELECT c.id, c.uuid, c.name, coalesce((SELECT email FROM crm_contact_emails e WHERE e.contact_id = c.id "
    "ORDER BY position LIMIT 1), ''), coalesce(co.name, ''), c.title FROM crm_contacts c "
    "LEFT JOIN crm_companies co ON co.id = c.company_id AND co.deleted_at IS NULL "
    "WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL AND {where} ORDER BY c.name COLLATE NOCASE LIMIT ?")
_CONTACT_MATCH = (
    "(lower(c.name) LIKE ? OR lower(c.title) LIKE ? OR lower(coalesce(co.name, '')) LIKE ? OR EXISTS "
    "(SELECT 1 FROM crm_contact_emails e WHERE e.contact_id = c.id AND e.email LIKE ?))")
_COMPANIES = (
    "SELECT co.id, co.uuid, co.name, coalesce((SELECT group_concat(domain, ', ') FROM crm_company_domains d "
    "WHERE d.company_id = co.id), ''), (SELECT count(*) FROM crm_contacts c WHERE c.company_id = co.id "
    "AND c.deleted_at IS NULL AND c.merged_into_id IS NULL) FROM crm_companies co "
    "WHERE co.deleted_at IS NULL AND {where} ORDER BY co.name COLLATE NOCASE LIMIT ?")
_COMPANY_MATCH = (
    "(lower(co.name) LIKE ? OR lower(co.industry) LIKE ? OR EXISTS (SELECT 1 FROM crm_company_domains d "
    "WHERE d.company_id = co.id AND d.domain LIKE ?))")


def _needle(text: str) -> str:
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contact_rows(store: Store, text: str = "", limit: int = SHOW_AT_MOST) -> list[ContactListRow]:
    if text.strip():
        where = _CONTACT_MATCH.replace("LIKE ?", "LIKE ? ESCAPE '\\'")
        params = (_needle(text),) * 4
    else:
        where, params = "1", ()
    return [ContactListRow(*row) for row in fetch_all(store, _CONTACTS.format(where=where), (*params, limit))]


def company_rows(store: Store, text: str = "", limit: int = SHOW_AT_MOST) -> list[CompanyListRow]:
    if text.strip():
        where = _COMPANY_MATCH.replace("LIKE ?", "LIKE ? ESCAPE '\\'")
        params = (_needle(text),) * 3
    else:
        where, params = "1", ()
    return [CompanyListRow(*row) for row in fetch_all(store, _COMPANIES.format(where=where), (*params, limit))]


def contact_row(store: Store, contact_id: int) -> ContactListRow | None:
    rows = fetch_all(store, _CONTACTS.format(where="c.id = ?"), (contact_id, 1))
    return ContactListRow(*rows[0]) if rows else None


def company_row(store: Store, company_id: int) -> CompanyListRow | None:
    rows = fetch_all(store, _COMPANIES.format(where="co.id = ?"), (company_id, 1))
    return CompanyListRow(*rows[0]) if rows else None


def company_names(store: Store, limit: int = 5000) -> list[str]:
    """Company names for completion, by name."""
    return [name for (name,) in fetch_all(
        store, "SELECT name FROM crm_companies WHERE deleted_at IS NULL AND name != '' "
               "ORDER BY name COLLATE NOCASE LIMIT ?", (limit,))]
