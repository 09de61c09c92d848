"""Keeping ``crm_fts`` current: customer records as search documents.

Rowids encode the record: ``record id * 8 + kind code`` (codes fixed in migration 0009), so a
record's document is found, replaced and deleted without another table.  Triggers queue every
inserted or changed record (and a contact when its emails or phones change, a company when its
domains do) in ``crm_fts_pending``; :func:`index_pending` rebuilds those documents.  Records
that are deleted or merged into another lose their document.

Customer changes are few and small, so the queue is emptied before every search as well as
after each sync: a record edited a second ago is found.
"""

from __future__ import annotations

import json

from app.search.index_text import index_form
from typing import Callable

from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.store.writer import writes

Fetch = Callable[[str, tuple], list[tuple]]

KIND_CODES = {"contact": 1, "company": 2, "deal": 3, "note": 4, "activity": 5, "task": 6}
KIND_TABLES = {"contact": "crm_contacts", "company": "crm_companies", "deal": "crm_deals", "note": "crm_notes",
               "activity": "crm_activities", "task": "crm_tasks"}
KIND_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}
_PARAMS = 900


def rowid_of(kind: str, record_id: int) -> int:
    return record_id * 8 + KIND_CODES[kind]


def record_of(rowid: int) -> tuple[str, int]:
    return KIND_BY_CODE[rowid % 8], rowid // 8


def _values(json_text: str | None) -> str:
    try:
        data = json.loads(json_text or "null")
    except ValueError:
        return ""
    if isinstance(data, dict):
        return " ".join(str(v) for v in data.values() if v not in (None, ""))
    if isinstance(data, list):
        return " ".join(str(v) for v in data)
    return ""


def _phone_forms(phone: str) -> str:
    """A stored phone (E.164 when it parsed) and its national number, as people type it."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return f"{phone} {parsed.national_number}"


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _contacts(fetch: Fetch, ids: list[int]) -> dict[int, tuple[str, str] | None]:
    docs: dict[int, tuple[str, str] | None] = dict.fromkeys(ids)
    extra: dict[int, list[str]] = {}
    for contact_id, email in fetch(
            f"SELECT contact_id, email FROM crm_contact_emails WHERE contact_id IN ({_marks(ids)})", tuple(ids)):
        extra.setdefault(contact_id, []).append(email)
    for contact_id, phone in fetch(
            f"SELECT contact_id, phone FROM crm_contact_phones WHERE contact_id IN ({_marks(ids)})", tuple(ids)):
        extra.setdefault(contact_id, []).append(_phone_forms(phone))
    for row in fetch(f"SELECT c.id, c.name, c.first_name, c.last_name, c.title, c.tags, c.custom, "
                                f"co.name FROM crm_contacts c LEFT JOIN crm_companies co ON co.id = c.company_id "
                                f"WHERE c.id IN ({_marks(ids)}) AND c.deleted_at IS NULL "
                                f"AND c.merged_into_id IS NULL", tuple(ids)):
        contact_id, name, first, last, title, tags, custom, company = row
        full = name or f"{first} {last}".strip()
        docs[contact_id] = (full, " ".join([*extra.get(contact_id, []), title, company or "",
                                            _values(tags), _values(custom)]))
    return docs


def _companies(fetch: Fetch, ids: list[int]) -> dict[int, tuple[str, str] | None]:
    docs: dict[int, tuple[str, str] | None] = dict.fromkeys(ids)
    domains: dict[int, list[str]] = {}
    for company_id, domain in fetch(
            f"SELECT company_id, domain FROM crm_company_domains WHERE company_id IN ({_marks(ids)})",
            tuple(ids)):
        domains.setdefault(company_id, []).append(domain)
    for company_id, name, industry, tags, custom in fetch(
            f"SELECT id, name, industry, tags, custom FROM crm_companies WHERE id IN ({_marks(ids)}) "
                   f"AND deleted_at IS NULL", tuple(ids)):
        docs[company_id] = (name, " ".join([*domains.get(company_id, []), industry, _values(tags),
                                            _values(custom)]))
    return docs


def _deals(fetch: Fetch, ids: list[int]) -> dict[int, tuple[str, str] | None]:
    docs: dict[int, tuple[str, str] | None] = dict.fromkeys(ids)
    for deal_id, title, company, contact, stage, custom in fetch(
            f"SELECT d.id, d.title, co.name, c.name, s.name, d.custom FROM crm_deals d "
                   f"LEFT JOIN crm_companies co ON co.id = d.company_id "
                   f"LEFT JOIN crm_contacts c ON c.id = d.contact_id "
                   f"LEFT JOIN crm_stages s ON s.id = d.stage_id "
                   f"WHERE d.id IN ({_marks(ids)}) AND d.deleted_at IS NULL", tuple(ids)):
        docs[deal_id] = (title, " ".join([company or "", contact or "", stage or "", _values(custom)]))
    return docs


def _texts(table: str, title_column: str, body_column: str):
    def load(fetch: Fetch, ids: list[int]) -> dict[int, tuple[str, str] | None]:
        docs: dict[int, tuple[str, str] | None] = dict.fromkeys(ids)
        for record_id, title, body in fetch(
                f"SELECT id, {title_column}, {body_column} FROM {table} "
                       f"WHERE id IN ({_marks(ids)}) AND deleted_at IS NULL", tuple(ids)):
            docs[record_id] = (title, body)
        return docs
    return load


_LOADERS = {"contact": _contacts, "company": _companies, "deal": _deals,
            "note": _texts("crm_notes", "''", "body"), "activity": _texts("crm_activities", "subject", "body"),
            "task": _texts("crm_tasks", "title", "notes")}


def pending_count(store: Store) -> int:
    return fetch_all(store, "SELECT count(*) FROM crm_fts_pending")[0][0]


def index_pending(store: Store) -> int:
    """Bring every queued record's document up to date; returns how many were looked at.

    Reads and writes happen on the writer thread, in one transaction, so a record changed
    while its document is rebuilt is queued again, not lost.
    """
    if not fetch_all(store, "SELECT 1 FROM crm_fts_pending LIMIT 1"):
        return 0  # the common case before a search: one cheap read, nothing to write
    return _index_queued_now(store)


@writes
def _index_queued_now(store: Store) -> int:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            def fetch(sql: str, params: tuple = ()) -> list[tuple]:
                return cursor.execute(sql, params).fetchall()
            return _index_queued(fetch, cursor)
        finally:
            cursor.close()


def _index_queued(fetch: Fetch, cursor) -> int:
    queued = fetch("SELECT kind, record_id FROM crm_fts_pending")
    if not queued:
        return 0
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in queued:
        if kind in KIND_CODES:
            by_kind.setdefault(kind, []).append(record_id)
    # A company's name is part of its contacts' and deals' documents.
    if by_kind.get("company"):
        companies = by_kind["company"]
        for kind in ("contact", "deal"):
            table = KIND_TABLES[kind]
            for start in range(0, len(companies), _PARAMS):
                chunk = companies[start:start + _PARAMS]
                by_kind.setdefault(kind, []).extend(row[0] for row in fetch(
                    f"SELECT id FROM {table} WHERE company_id IN ({_marks(chunk)})", tuple(chunk)))
    replace, remove = [], []
    for kind, ids in by_kind.items():
        ids = sorted(set(ids))
        for start in range(0, len(ids), _PARAMS):
            for record_id, doc in _LOADERS[kind](fetch, ids[start:start + _PARAMS]).items():
                if doc is None:
                    remove.append((rowid_of(kind, record_id),))
                else:
                    replace.append((rowid_of(kind, record_id), index_form(doc[0] or ""), index_form(doc[1] or "")))
    cursor.executemany("DELETE FROM crm_fts WHERE rowid = ?", remove)
    cursor.executemany("INSERT OR REPLACE INTO crm_fts (rowid, title, body) VALUES (?, ?, ?)", replace)
    cursor.executemany("DELETE FROM crm_fts_pending WHERE kind = ? AND record_id = ?", queued)
    return len(queued)


@writes
def rebuild(store: Store) -> int:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute("DELETE FROM crm_fts")
            for kind, table in KIND_TABLES.items():
                cursor.execute(f"INSERT OR IGNORE INTO crm_fts_pending (kind, record_id) SELECT ?, id FROM {table}",
                               (kind,))
        finally:
            cursor.close()
    return index_pending(store)
