"""Running a parsed query against the mail cache: FTS5 for words, SQL for everything else.

One SQL statement answers a query.  Words and text operators become one MATCH on
``mail_fts``; addresses (``from:anna@acme.com``, ``from:@acme.com``), flags, dates, folders and
customer links are plain conditions on indexed columns of ``mail_messages``,
``mail_addresses`` and ``crm_message_links``; exclusions are ``NOT IN`` the same sub-queries.

Results are newest first, and neither shape of the statement sorts: with words, FTS5 walks
the match in rowid order, which is date order (:mod:`app.store.search_tables`), joining each
entry to its message and stopping at the page size, so a word in half the mailbox costs as
little as a rare one; a date range narrows the walk to a rowid range.  Without words, the
date index of ``mail_messages`` is walked the same way.

Without ``in:``, Trash and Junk are left out (as in every mail client); ``in:all`` includes them.

The same message stored in two folders (Gmail's labels) is shown once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.errors import Notice
from app.search import crm_index, fts_expression
from app.search.fts_expression import MAIL_COLUMNS
from app.search.query import Clause, Query, QueryError, parse
from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.store.search_tables import MESSAGE_ID_MASK, MESSAGE_OF_ROWID, date_rowid

HIDDEN_ROLES = ("trash", "junk")
MAX_LINKED_RECORDS = 500  # customer:/deal: names at most this many records
ALL_FOLDERS = ("all", "anywhere", "全部")
_EXACT_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^@?([a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_ADDRESS_ROLES = {"from": ("from",), "to": ("to", "cc"), "cc": ("cc",)}


@dataclass
class MailHit:
    id: int
    folder_id: int
    uid: int
    folder: str
    account: str
    subject: str
    from_name: str
    from_addr: str
    date: int
    seen: bool
    flagged: bool
    has_attachments: bool


@dataclass
class MailResults:
    hits: list[MailHit] = field(default_factory=list)
    more: bool = False  # there are more results than the limit
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Sql:
    conditions: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)
    match: list[str] = field(default_factory=list)
    exclude_match: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    folder_scope: bool = False
    rowid_range: list[tuple[str, int]] = field(default_factory=list)  # the dates, as mail_fts rowids

    def add(self, condition: str, params, negated: bool) -> None:
        self.conditions.append(f"NOT ({condition})" if negated else condition)
        self.params.extend(params)


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _address_condition(clause: Clause, sql: _Sql) -> bool:
    """Exact addresses and domains go to mail_addresses' indexes; False: use the text index."""
    value = clause.value.strip().lower()
    roles = _ADDRESS_ROLES.get(clause.field or "")
    if roles is None or clause.phrase:
        return False
    if _EXACT_ADDRESS.match(value):
        column, value = "addr", value
    elif value.startswith("@") and _DOMAIN.match(value):
        column, value = "domain", value[1:]
    else:
        return False
    sql.add(f"m.id IN (SELECT message_id FROM mail_addresses WHERE {column} = ? AND role IN ({_marks(roles)}))",
            [value, *roles], clause.negated)
    return True


def _folder_ids(store: Store, value: str) -> list[int]:
    wanted = value.strip().lower()
    rows = fetch_all(store, "SELECT f.id, f.name, f.delimiter, f.role FROM mail_folders f")
    ids = []
    for folder_id, name, delimiter, role in rows:
        leaf = name.rsplit(delimiter, 1)[-1] if delimiter else name
        if wanted in (name.lower(), leaf.lower(), (role or "").lower()):
            ids.append(folder_id)
    if not ids:
        names = sorted({row[1] for row in rows})
        listed = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        if names:
            raise QueryError("No folder is called '{value}'; folders are: {folders}.", value=value, folders=listed)
        raise QueryError("No folder is called '{value}'.", value=value)
    return ids


def _customer_ids(store: Store, clause: Clause) -> tuple[list[int], list[int], list[int]]:
    """(contact ids, company ids, deal ids) the value names."""
    value = clause.value.strip().lower()
    if clause.field == "customer" and _EXACT_ADDRESS.match(value):
        contacts = [r[0] for r in fetch_all(store, "SELECT contact_id FROM crm_contact_emails WHERE email = ?",
                                            (value,))]
        return contacts, [], []
    if clause.field == "customer" and _DOMAIN.match(value) and "." in value:
        companies = [r[0] for r in fetch_all(store, "SELECT company_id FROM crm_company_domains WHERE domain = ?",
                                             (value.lstrip("@"),))]
        if companies:
            return [], companies, []
    expression = fts_expression.phrase(Clause(None, clause.value, phrase=clause.phrase))
    kinds = ("contact", "company") if clause.field == "customer" else ("deal",)
    codes = [crm_index.KIND_CODES[k] for k in kinds]
    rows = fetch_all(store, f"SELECT rowid FROM crm_fts WHERE crm_fts MATCH ? AND rowid % 8 IN ({_marks(codes)}) "
                            f"LIMIT {MAX_LINKED_RECORDS + 1}", (f"title : {expression}", *codes))
    if len(rows) > MAX_LINKED_RECORDS:
        raise QueryError("'{field}:{value}' names more than {most} records; use more of the name.",
                         field=clause.field, value=clause.value, most=MAX_LINKED_RECORDS)
    found: dict[str, list[int]] = {"contact": [], "company": [], "deal": []}
    for (rowid,) in rows:
        kind, record_id = crm_index.record_of(rowid)
        found[kind].append(record_id)
    return found["contact"], found["company"], found["deal"]


def _link_condition(store: Store, clause: Clause, sql: _Sql) -> None:
    contacts, companies, deals = _customer_ids(store, clause)
    parts, params = [], []
    for column, ids in (("contact_id", contacts), ("company_id", companies), ("deal_id", deals)):
        if ids:
            parts.append(f"SELECT message_id FROM crm_message_links WHERE {column} IN ({_marks(ids)})")
            params += ids
    if not parts:
        sql.warnings.append(Notice("No contact or company matches '{value}'.", value=clause.value)
                            if clause.field == "customer" else Notice("No deal matches '{value}'.", value=clause.value))
        parts, params = ["SELECT NULL WHERE 0"], []
    sql.add(f"m.id IN ({' UNION ALL '.join(parts)})", params, clause.negated)


def _compile(store: Store, query: Query) -> _Sql:
    sql = _Sql(warnings=list(query.warnings))
    for clause in query.clauses:
        kind = clause.field
        if kind is None or kind in MAIL_COLUMNS:
            if _address_condition(clause, sql):
                continue
            expression = fts_expression.column_expression(clause, MAIL_COLUMNS)
            if expression is not None:
                (sql.exclude_match if clause.negated else sql.match).append(expression)
        elif kind == "is":
            column = {"unread": "m.seen = 0", "read": "m.seen = 1", "flagged": "m.flagged = 1"}[clause.value]
            sql.add(column, [], clause.negated)
        elif kind == "has":
            sql.add("m.has_attachments = 1", [], clause.negated)
        elif kind == "before":
            sql.add("m.date < ?", [int(clause.value)], clause.negated)
            if not clause.negated:
                sql.rowid_range.append(("<", date_rowid(int(clause.value))))
        elif kind == "after":
            sql.add("m.date >= ?", [int(clause.value)], clause.negated)
            if not clause.negated:
                sql.rowid_range.append((">=", date_rowid(int(clause.value))))
        elif kind == "in":
            if clause.value.lower() in ALL_FOLDERS:
                sql.folder_scope = True
                continue
            ids = _folder_ids(store, clause.value)
            sql.add(f"m.folder_id IN ({_marks(ids)})", ids, clause.negated)
            sql.folder_scope = sql.folder_scope or not clause.negated
        elif kind in ("customer", "deal"):
            _link_condition(store, clause, sql)
    if sql.exclude_match:
        sql.add(f"m.id IN (SELECT {MESSAGE_OF_ROWID} FROM mail_fts WHERE mail_fts MATCH ?)",
                [fts_expression.any_of(sql.exclude_match)], True)
    if not sql.folder_scope:
        sql.add(f"m.folder_id NOT IN (SELECT id FROM mail_folders WHERE role IN ({_marks(HIDDEN_ROLES)}))",
                list(HIDDEN_ROLES), False)
    return sql


_HIT_COLUMNS = ("m.id, m.folder_id, m.uid, f.name, a.name, m.subject, m.from_name, m.from_addr, m.date, m.seen, "
                "m.flagged, m.has_attachments, m.message_id")
_PLACES = "JOIN mail_folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id"


def _statement(sql: _Sql, columns: str, limit: int | None) -> tuple[str, list]:
    """The SELECT for a compiled query: walked in date order through mail_fts or the date index
    (``limit`` None: no order, no limit, for counting)."""
    where = " AND ".join(sql.conditions) or "1"
    tail_params = [limit] if limit is not None else []
    if not sql.match:
        tail = " ORDER BY m.date DESC, m.id DESC LIMIT ?" if limit is not None else ""
        return f"SELECT {columns} FROM mail_messages m {_PLACES} WHERE {where}{tail}", [*sql.params, *tail_params]
    tail = " ORDER BY s.rowid DESC LIMIT ?" if limit is not None else ""
    ranges = "".join(f" AND s.rowid {op} ?" for op, _value in sql.rowid_range)
    return (f"SELECT {columns} FROM mail_fts s JOIN mail_messages m ON m.id = (s.rowid & {MESSAGE_ID_MASK}) "
            f"{_PLACES} WHERE mail_fts MATCH ?{ranges} AND {where}{tail}",
            [fts_expression.all_of(sql.match), *(value for _op, value in sql.rowid_range), *sql.params,
             *tail_params])


def search_mail(store: Store, query: Query | str, limit: int = 50) -> MailResults:
    """The newest ``limit`` messages matching ``query``; raises QueryError for a bad query."""
    if isinstance(query, str):
        query = parse(query)
    crm_index.index_pending(store)  # customer:/deal: see records edited a moment ago
    sql = _compile(store, query)
    # Twice the limit, so dropping copies of one message in several folders still fills a page.
    statement, params = _statement(sql, _HIT_COLUMNS, limit * 2 + 1)
    rows = fetch_all(store, statement, tuple(params))
    results = MailResults(warnings=sql.warnings)
    seen_keys: set[str] = set()
    for row in rows:
        key = row[12] or f"#{row[0]}"
        if key in seen_keys:
            continue
        seen_keys.add(key)
        if len(results.hits) == limit:
            results.more = True
            break
        results.hits.append(MailHit(*row[:12]))
    return results


def count_mail(store: Store, query: Query | str) -> int:
    """How many stored messages match (copies in several folders counted once)."""
    if isinstance(query, str):
        query = parse(query)
    crm_index.index_pending(store)
    statement, params = _statement(_compile(store, query), "count(DISTINCT coalesce(m.message_id, m.id))", None)
    return fetch_all(store, statement, tuple(params))[0][0]
