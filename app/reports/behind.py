"""The messages behind a mail report's row, read when the row is opened (no Qt).

A response-time row keeps its waits' messages as bare references (a wait's message: the
customer's that waited); an activity row keeps nothing, its mail is read again for its week
and person. Either way only the row someone opens pays for reading subjects and dates, so the
report itself stays one pass over the mail. Items are ``(kind, id, label)``: ``message`` (a
message of this profile, its id), ``shared`` (a colleague's shared message, its row in the
shared timeline: :func:`shared_message`), or a record (``contact``…) as the report gave it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.crm.teammates import own_addresses
from app.crm.timeline import Entry, shared_entry
from app.reports.mail_reports import BEHIND_SHOWN, MESSAGE, longest_waits
from app.reports.table import Filters, Report, iso_day
from app.reports.team_mail import SHARED, shared_mail
from app.store.database import Store
from app.store.raw_sql import fetch_all

MAIL_REPORTS = ("response-time", "activity")  # the reports whose rows' mail is read when opened


def opened(store: Store, report: Report, index: int, filters: Filters) -> list[tuple[str, int, str]]:
    """What row ``index`` counts, with every message's label (its day and subject)."""
    if report.name == "activity" and 0 <= index < len(report.rows):
        return _labelled(store, _activity_mail(store, report.rows[index], filters))
    return _labelled(store, report.behind(index) + longest_waits(report.later.get(index, [])))


def _week_bounds(week: str, filters: Filters) -> tuple[int, int]:
    """An ISO week ("2026-W48", local days) within the report's period, as epoch seconds."""
    year, number = week.split("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    start = int(datetime.combine(monday, datetime.min.time()).timestamp())
    end = int(datetime.combine(monday + timedelta(days=7), datetime.min.time()).timestamp()) - 1
    first, last = filters.bounds()
    return max(start, first), min(end, last)


_PERSON_MAIL = (
    # The activity report's mail of one person (see mail_reports._MAIL_PER_DAY): sent from
    # their address, or received in their account's inbox from anyone not one of us.
    "SELECT m.id, m.message_id FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id "
    "JOIN accounts a ON a.id = f.account_id WHERE m.date BETWEEN ? AND ? AND "
    "(lower(m.from_addr) = ? AND lower(m.from_addr) IN ({own}) OR "
    "f.role = 'inbox' AND lower(a.email) = ? AND lower(m.from_addr) NOT IN ({own})) "
    "ORDER BY m.date DESC, m.id")


def _activity_mail(store: Store, row: dict, filters: Filters) -> list[tuple[str, int, str]]:
    """The mail an activity row counts, newest first (``BEHIND_SHOWN`` at most), each message once."""
    first, last = _week_bounds(row["week"], filters)
    person = row["person"]
    own = sorted(own_addresses(store))
    marks = ", ".join("?" * len(own)) or "NULL"
    found: list[tuple[int, tuple]] = []
    seen: set[str] = set()
    for pk, key in fetch_all(store, _PERSON_MAIL.format(own=marks), (first, last, person, *own, person, *own)):
        if key and key in seen:
            continue
        seen.add(key or "")
        found.append((pk, (MESSAGE, pk, "")))
    with store.read() as session:
        shared = [(mail.at, mail.rowid) for mail in shared_mail(session, first, last) if mail.sharer == person]
    items = [item for _pk, item in found] + [(SHARED, rowid, "") for _at, rowid in sorted(shared, reverse=True)]
    return items[:BEHIND_SHOWN]


def _labelled(store: Store, items: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """Messages given their labels ("2026-11-24 · subject"; a shared one's colleague after it)."""
    local = [record_id for kind, record_id, _label in items if kind == MESSAGE]
    shared = [record_id for kind, record_id, _label in items if kind == SHARED]
    labels: dict[tuple[str, int], str] = {}
    for start in range(0, len(local), 500):
        chunk = local[start:start + 500]
        for pk, at, subject in fetch_all(store, "SELECT id, date, subject FROM mail_messages WHERE id IN "
                                         f"({', '.join('?' * len(chunk))})", tuple(chunk)):
            labels[(MESSAGE, pk)] = f"{iso_day(at) or ''} · {subject}"
    for start in range(0, len(shared), 500):
        chunk = shared[start:start + 500]
        for rowid, at, subject, sharer in fetch_all(
                store, "SELECT rowid, date, subject, COALESCE(NULLIF(owner_name, ''), owner_email) FROM team_timeline "
                f"WHERE rowid IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            labels[(SHARED, rowid)] = f"{iso_day(at) or ''} · {subject} · {sharer}"
    return [(kind, record_id, labels.get((kind, record_id), label)) if kind in (MESSAGE, SHARED)
            else (kind, record_id, label) for kind, record_id, label in items]


def shared_message(store: Store, rowid: int) -> Entry | None:
    """A colleague's shared message behind a row, as the timeline shows it (None if withdrawn)."""
    found = fetch_all(store, "SELECT link_uuid FROM team_timeline WHERE rowid = ?", (rowid,))
    return shared_entry(store, found[0][0]) if found else None
