"""Free-text search over customer records (contacts, companies, deals, notes, calls, tasks).

Ranked by relevance (BM25, a title match weighing ten times a body match), not by date: the
customer group answers "who is this", the mail group "what was said when".  Operators are
about mail, so a query with any operator has no customer results.

A note, call or task is opened through the record it belongs to, so each hit carries the
contact, company or deal to show (``target``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.search import crm_index, fts_expression
from app.search.query import Query, parse
from app.store.database import Store
from app.store.raw_sql import fetch_all

DETAIL_CHARS = 80


@dataclass
class CustomerHit:
    kind: str  # contact | company | deal | note | activity | task
    id: int
    uuid: str
    title: str
    detail: str
    target_kind: str  # the record to open: contact | company | deal
    target_id: int
    # A deal's (stage, amount, currency) as stored, for a window that writes them in the
    # user's language ("商务谈判 · ¥772,000"); ``detail`` is the same in plain English.
    deal: tuple[str, str, str] | None = None


def _match(query: Query) -> str | None:
    if not query.only_free_text:
        return None
    positive = [fts_expression.phrase(c) for c in query.clauses if not c.negated]
    negative = [fts_expression.phrase(c) for c in query.clauses if c.negated]
    positive = [p for p in positive if p]
    if not positive:
        return None
    expression = fts_expression.all_of(positive)
    negative = [n for n in negative if n]
    if negative:
        expression = f"({expression}) NOT ({fts_expression.any_of(negative)})"
    return expression


def _one_line(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"


def _target(contact_id, company_id, deal_id) -> tuple[str, int] | None:
    for kind, value in (("contact", contact_id), ("company", company_id), ("deal", deal_id)):
        if value is not None:
            return kind, value
    return None


def _describe(store: Store, kind: str, record_id: int) -> CustomerHit | None:
    if kind == "contact":
        rows = fetch_all(store, "SELECT c.uuid, c.name, (SELECT email FROM crm_contact_emails e WHERE e.contact_id = c.id "
                                "ORDER BY position LIMIT 1), co.name FROM crm_contacts c "
                                "LEFT JOIN crm_companies co ON co.id = c.company_id WHERE c.id = ?", (record_id,))
        if rows:
            uuid, name, email, company = rows[0]
            detail = " · ".join(x for x in (email, company) if x)
            return CustomerHit(kind, record_id, uuid, name or email or "", detail, "contact", record_id)
    elif kind == "company":
        rows = fetch_all(store, "SELECT c.uuid, c.name, (SELECT domain FROM crm_company_domains d "
                                "WHERE d.company_id = c.id ORDER BY domain LIMIT 1) FROM crm_companies c "
                                "WHERE c.id = ?", (record_id,))
        if rows:
            uuid, name, domain = rows[0]
            return CustomerHit(kind, record_id, uuid, name or domain or "", domain or "", "company", record_id)
    elif kind == "deal":
        rows = fetch_all(store, "SELECT d.uuid, d.title, s.name, d.amount, d.currency FROM crm_deals d "
                                "LEFT JOIN crm_stages s ON s.id = d.stage_id WHERE d.id = ?", (record_id,))
        if rows:
            uuid, title, stage, amount, currency = rows[0]
            detail = " · ".join(x for x in (stage, f"{amount} {currency}".strip()) if x)
            return CustomerHit(kind, record_id, uuid, title, detail, "deal", record_id,
                               deal=(stage or "", str(amount or ""), currency or ""))
    else:
        table, title_column, body_column = {"note": ("crm_notes", "''", "body"),
                                            "activity": ("crm_activities", "subject", "body"),
                                            "task": ("crm_tasks", "title", "notes")}[kind]
        rows = fetch_all(store, f"SELECT uuid, {title_column}, {body_column}, contact_id, company_id, deal_id "
                                f"FROM {table} WHERE id = ?", (record_id,))
        if rows:
            uuid, title, body, contact_id, company_id, deal_id = rows[0]
            target = _target(contact_id, company_id, deal_id)
            if target is not None:
                return CustomerHit(kind, record_id, uuid, _one_line(title or body), _one_line(body if title else ""),
                                   *target)
    return None


def search_customers(store: Store, query: Query | str, limit: int = 20) -> list[CustomerHit]:
    """The best ``limit`` customer records for a free-text query (none for operator queries)."""
    if isinstance(query, str):
        query = parse(query)
    expression = _match(query)
    if expression is None:
        return []
    crm_index.index_pending(store)
    rows = fetch_all(store, "SELECT rowid FROM crm_fts WHERE crm_fts MATCH ? ORDER BY bm25(crm_fts, 10.0, 1.0) "
                            "LIMIT ?", (expression, limit * 2))
    hits = []
    for (rowid,) in rows:
        hit = _describe(store, *crm_index.record_of(rowid))
        if hit is not None:
            hits.append(hit)
        if len(hits) == limit:
            break
    return hits
