"""Address completion for the composer: contacts and mail history, most used first.

A merged contact's addresses belong to the survivor, so completion always offers the current
name; an address is offered once.  The history query scans the participants table, so the
composer runs it off the GUI thread.
"""

from __future__ import annotations

from app.store.database import Store
from app.store.raw_sql import fetch_all

LIMIT = 5000


def completions(store: Store, limit: int = LIMIT) -> list[str]:
    sql = (
        "SELECT e.email, c.name, coalesce(h.uses, 0) AS uses FROM crm_contact_emails e "
        "JOIN crm_contacts c ON c.id = e.contact_id AND c.deleted_at IS NULL AND c.merged_into_id IS NULL "
        "LEFT JOIN (SELECT addr, count(*) AS uses FROM mail_addresses GROUP BY addr) h ON h.addr = e.email "
        "UNION ALL "
        "SELECT a.addr, max(a.name), count(*) FROM mail_addresses a "
        "WHERE a.addr NOT IN (SELECT email FROM crm_contact_emails) AND a.addr NOT IN (SELECT lower(email) FROM accounts) "
        "GROUP BY a.addr ORDER BY uses DESC LIMIT ?")
    rows = fetch_all(store, sql, (limit,))
    seen: set[str] = set()
    entries = []
    for address, name, _uses in rows:
        if address and address not in seen:
            seen.add(address)
            entries.append(f"{name} <{address}>" if name else address)
    return entries
