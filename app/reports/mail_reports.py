"""Reports read from the mail itself: how long customers wait for a first reply, who is
waiting now, customers nobody has been in touch with for N days, and each week's activity.

A *wait* starts at a customer's message (from an address of a contact) that nobody answered
yet and ends at the next message in the same conversation from one of your addresses: two
customer messages before a reply are one wait, measured from the first. A conversation whose
last word is the customer's is a customer *waiting now*. A message stored in two folders is
one message (its Message-ID). The customers waiting now are the ``WAITING_SHOWN`` longest waits.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from app.crm.teammates import own_addresses
from app.reports.scope import contact_ids, record_conditions
from app.reports.table import COUNT, DATE, SECONDS, Column, Filters, Report, iso_day
from app.reports.team_mail import SHARED, SharedMail, shared_mail
from app.settings.checks import (
    QT_TRANSLATE_NOOP,  # column titles, translated by the window
)
from app.store.crm_models import (
    Activity,
    Contact,
    ContactEmail,
    MessageLink,
    Note,
    Task,
)
from app.store.database import Store
from app.store.models import Account, Message
from app.store.raw_sql import fetch_all

WAITING_SHOWN = 200  # customers waiting now: the longest waits (a list to act on, not a census)
BEHIND_SHOWN = 200  # the messages listed behind one row: its longest waits
MESSAGE = "message"  # the kind of a report item that is a message of this profile (its id)


def _percentile(ordered: list[int], share: float) -> int:
    """The nearest-rank percentile of values in order (p90 of ten waits is the ninth longest)."""
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


_CONVERSATIONS = (
    # Every message of each conversation that has a message filed on a contact in the period,
    # in date order, read from the thread-order index alone (migration 0014) as raw rows:
    # building ORM rows for 100,000 messages costs more than the query; no subjects: only the
    # few customers shown waiting need theirs, read afterwards.
    "SELECT m.thread_id, m.date, lower(m.from_addr), m.message_id, m.id FROM mail_messages m "
    "WHERE m.thread_id IN (SELECT DISTINCT t.thread_id FROM crm_message_links l "
    "JOIN mail_messages t ON t.id = l.message_id WHERE l.contact_id IS NOT NULL AND t.thread_id IS NOT NULL "
    "AND t.date BETWEEN ? AND ?) ORDER BY m.thread_id, m.date, m.id")


def _item(ref: int) -> tuple[str, int, str]:
    """A wait's message as a report item: a local message's id, or a shared one's rowid negated."""
    return (MESSAGE, ref, "") if ref > 0 else (SHARED, -ref, "")


def longest_waits(waits: list[tuple[int, int]]) -> list[tuple[str, int, str]]:
    """The messages behind a response-time row: its ``BEHIND_SHOWN`` longest waits' (a row's
    ``Report.later``), as items."""
    return [_item(ref) for _length, ref in sorted(waits, reverse=True)[:BEHIND_SHOWN]]


def _median(ordered: list[int]) -> float:
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class _Waits:
    """The waits found, per person and per customer, and the customers waiting now."""

    def __init__(self, first: int, last: int):
        self.first, self.last = first, last
        # The message that waited, as a reference: a local message's id, a shared one's rowid negated.
        self.by_person: dict[str, list] = defaultdict(list)  # person → [(wait, reference)]
        self.by_customer: dict[int, list] = defaultdict(list)
        self.waiting: list[tuple[int, int, int]] = []  # (since, contact id, reference)

    def local(self, rows, own: frozenset[str], contact_of: dict, allowed: set | None) -> None:
        """One pass over this profile's conversations in order: a customer's message starts a
        wait, our next message ends it; each message counts once (the same Message-ID in two
        folders). Written out flat: it runs once per stored message."""
        first, last = self.first, self.last
        by_person, by_customer, waiting = self.by_person, self.by_customer, self.waiting
        seen: set[str] = set()
        thread, since, customer, asked = None, None, None, None
        for thread_id, at, sender, key, pk in rows:
            if key:
                if key in seen:
                    continue
                seen.add(key)
            if thread_id != thread:
                if since is not None:
                    waiting.append((since, customer, asked))
                thread, since = thread_id, None
            if sender in own:
                if since is not None and first <= since <= last:
                    by_person[sender].append((at - since, asked))
                    by_customer[customer].append((at - since, asked))
                since = None
            elif since is None:
                contact_id = contact_of.get(sender)
                if contact_id is not None and (allowed is None or contact_id in allowed):
                    since, customer, asked = at, contact_id, pk
        if since is not None:
            waiting.append((since, customer, asked))

    def shared(self, mails: list[SharedMail], contact_of: dict, allowed: set | None) -> None:
        """The same over colleagues' shared conversations: the colleague's own message ends a
        wait, attributed to them. Only conversations with a customer's message in the period."""
        conversations: dict[tuple, list[SharedMail]] = defaultdict(list)
        for mail in mails:
            conversations[mail.conversation].append(mail)
        for said in conversations.values():
            since, customer, asked, counted = None, None, None, False
            for mail in said:
                if mail.sent:
                    if since is not None and self.first <= since <= self.last:
                        self.by_person[mail.sharer].append((mail.at - since, asked))
                        self.by_customer[customer].append((mail.at - since, asked))
                    since = None
                elif since is None:
                    contact_id = contact_of.get(mail.sender)
                    if contact_id is not None and (allowed is None or contact_id in allowed):
                        since, customer, asked = mail.at, contact_id, -mail.rowid
                        counted = counted or self.first <= mail.at <= self.last
            if since is not None and counted:
                self.waiting.append((since, customer, asked))


def response_time(store: Store, filters: Filters) -> Report:
    """Per person and per customer, how long customers waited for a first reply (median and
    90th percentile), then the customers waiting now; behind each row, its waits' messages
    (the customer's that waited) kept as references (``Report.later``), made items with their
    labels when a row is opened (:func:`app.reports.behind.opened`). A manager's
    include colleagues' shared conversations (:mod:`app.reports.team_mail`)."""
    report = Report("response-time", [
        Column("group", QT_TRANSLATE_NOOP("ReportsView", "By")), Column("who", QT_TRANSLATE_NOOP("ReportsView", "Who")), Column("replies", QT_TRANSLATE_NOOP("ReportsView", "Replies"), COUNT),
        Column("median", QT_TRANSLATE_NOOP("ReportsView", "Median wait"), SECONDS), Column("p90", QT_TRANSLATE_NOOP("ReportsView", "90% answered within"), SECONDS),
        Column("waiting", QT_TRANSLATE_NOOP("ReportsView", "Waiting for"), SECONDS), Column("subject", QT_TRANSLATE_NOOP("ReportsView", "Subject"))])
    own = own_addresses(store)
    first, last = filters.bounds()
    now = int(filters.now().timestamp())
    waits = _Waits(first, last)
    with store.read() as session:
        cursor = session.connection().connection.cursor()
        try:
            names = dict(cursor.execute("SELECT id, name FROM crm_contacts").fetchall())
            contact_of = dict(cursor.execute("SELECT email, contact_id FROM crm_contact_emails").fetchall())
            allowed = contact_ids(session, filters)  # None: every customer counts
            waits.local(cursor.execute(_CONVERSATIONS, (first, last)).fetchall(), own, contact_of, allowed)
        finally:
            cursor.close()
        waits.shared(shared_mail(session), contact_of, allowed)
        waiting = [(since, customer, _item(ref)) for since, customer, ref in
                   heapq.nsmallest(WAITING_SHOWN, waits.waiting, key=lambda wait: wait[:2])]
        subjects = _subjects(session, [item for _since, _customer, item in waiting])
    for group, found, label in (("person", waits.by_person, lambda k: k), ("customer", waits.by_customer, names.get)):
        rows = []
        for key, values in found.items():
            ordered = sorted([length for length, _ref in values]) if len(values) > 1 else [values[0][0]]
            rows.append((_median(ordered), key, ordered, values))
        for median, key, ordered, values in sorted(rows, key=lambda row: row[0]):
            report.later[len(report.rows)] = values
            report.add({"group": group, "who": label(key) or "", "replies": len(ordered),
                        "median": int(median), "p90": _percentile(ordered, 0.9), "waiting": None, "subject": ""},
                       [("contact", key, names.get(key, ""))] if group == "customer" else [])
    for since, customer, item in waiting:
        report.add({"group": "waiting", "who": names.get(customer, ""), "replies": None, "median": None,
                    "p90": None, "waiting": now - since, "subject": subjects.get(item, "")},
                   [("contact", customer, names.get(customer, "")), item])
    return report


def _subjects(session, items: list[tuple]) -> dict[tuple, str]:
    """The subjects of messages behind report rows (local and shared), by item."""
    found: dict[tuple, str] = {}
    local = [record_id for kind, record_id, _label in items if kind == MESSAGE]
    shared = [record_id for kind, record_id, _label in items if kind == SHARED]
    if local:
        for pk, subject in session.execute(select(Message.id, Message.subject).where(Message.id.in_(local))):
            found[(MESSAGE, pk, "")] = subject
    if shared:
        marks = ", ".join("?" * len(shared))
        cursor = session.connection().connection.cursor()
        try:
            for rowid, subject in cursor.execute(f"SELECT rowid, subject FROM team_timeline WHERE rowid IN ({marks})",
                                                 shared):
                found[(SHARED, rowid, "")] = subject
        finally:
            cursor.close()
    return found


def stale_customers(store: Store, filters: Filters) -> Report:
    """Contacts with no mail, call, meeting or note in the last ``filters.days`` days (or ever)."""
    report = Report("stale-customers", [Column("name", QT_TRANSLATE_NOOP("ReportsView", "Customer")), Column("email", QT_TRANSLATE_NOOP("ReportsView", "Email")),
                                        Column("last_contact", QT_TRANSLATE_NOOP("ReportsView", "Last contact"), DATE),
                                        Column("days", QT_TRANSLATE_NOOP("ReportsView", "Days since"), COUNT)])
    now = int(filters.now().timestamp())
    with store.read() as session:
        latest: dict[int, int] = defaultdict(int)
        for source in (select(MessageLink.contact_id, func.max(MessageLink.date)).group_by(MessageLink.contact_id),
                       select(Activity.contact_id, func.max(Activity.happened_at)).group_by(Activity.contact_id)
                       .where(Activity.deleted_at.is_(None)),
                       select(Note.contact_id, func.max(Note.created_at)).group_by(Note.contact_id)
                       .where(Note.deleted_at.is_(None))):
            for contact_id, at in session.execute(source):
                if contact_id is not None and at:
                    latest[contact_id] = max(latest[contact_id], at)
        email = dict(session.execute(select(ContactEmail.contact_id, func.min(ContactEmail.email))
                                     .group_by(ContactEmail.contact_id)).all())
        query = select(Contact.id, Contact.name).where(Contact.deleted_at.is_(None), Contact.merged_into_id.is_(None),
                                                       *record_conditions(session, filters, Contact))
        for contact in session.execute(query):
            last = latest.get(contact.id)
            days = None if not last else (now - last) // 86400
            if days is None or days > filters.days:
                report.add({"name": contact.name, "email": email.get(contact.id, ""),
                            "last_contact": iso_day(last), "days": days}, [("contact", contact.id, contact.name)])
    report.sort(key=lambda r: (r["days"] is not None, -(r["days"] or 0), r["name"]))
    return report


def _iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


_MAIL_PER_DAY = (
    # Mail per local day and person: sent (from one of your addresses, the sender is the
    # person) and received (in an inbox, from anyone else: the account is the person). A
    # message in two folders counts once.
    "SELECT date(m.date, 'unixepoch', 'localtime'), CASE WHEN lower(m.from_addr) IN ({own}) THEN 'sent' "
    "ELSE 'received' END AS what, CASE WHEN lower(m.from_addr) IN ({own}) THEN lower(m.from_addr) "
    "ELSE lower(a.email) END, COUNT(DISTINCT COALESCE(m.message_id, m.id)) FROM mail_messages m "
    "JOIN mail_folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id "
    "WHERE m.date BETWEEN ? AND ? AND (lower(m.from_addr) IN ({own}) OR f.role = 'inbox') "
    "GROUP BY 1, 2, 3")


def activity(store: Store, filters: Filters) -> Report:
    """Per ISO week and person: mail sent and received, calls, meetings and tasks done.

    Mail belongs to the account it is in (sent: from one of your addresses; received: in an
    inbox, from anyone else); calls, meetings and tasks are this profile's, so they go to its
    only account's address, or to "you" when there are several. Mail is counted per day in
    SQL and the days summed into weeks here. A manager's count the team's shared mail too,
    each message for the colleague who shared it (:mod:`app.reports.team_mail`).
    """
    report = Report("activity", [Column("week", QT_TRANSLATE_NOOP("ReportsView", "Week")), Column("person", QT_TRANSLATE_NOOP("ReportsView", "Person")),
                                 Column("sent", QT_TRANSLATE_NOOP("ReportsView", "Mail sent"), COUNT), Column("received", QT_TRANSLATE_NOOP("ReportsView", "Mail received"), COUNT),
                                 Column("calls", QT_TRANSLATE_NOOP("ReportsView", "Calls"), COUNT), Column("meetings", QT_TRANSLATE_NOOP("ReportsView", "Meetings"), COUNT),
                                 Column("tasks_done", QT_TRANSLATE_NOOP("ReportsView", "Tasks done"), COUNT)])
    own = sorted(own_addresses(store))
    first, last = filters.bounds()
    rows: dict[tuple[str, str], dict] = {}

    def add(week: str, person: str, what: str, count: int = 1) -> None:
        row = rows.setdefault((week, person), {"week": week, "person": person, "sent": 0, "received": 0,
                                               "calls": 0, "meetings": 0, "tasks_done": 0})
        row[what] += count

    marks = ", ".join("?" * len(own)) or "NULL"
    for day, what, person, count in fetch_all(store, _MAIL_PER_DAY.format(own=marks),
                                              (*own, *own, first, last, *own)):
        add(_iso_week(date.fromisoformat(day)), person, what, count)
    with store.read() as session:
        accounts = [email.lower() for email in session.scalars(select(Account.email))]
        me = accounts[0] if len(accounts) == 1 else "you"
        for kind, at in session.execute(select(Activity.kind, Activity.happened_at).where(
                Activity.deleted_at.is_(None), Activity.happened_at.between(first, last))):
            add(_iso_week(datetime.fromtimestamp(at).date()), me, "calls" if kind == "call" else "meetings")
        for (at,) in session.execute(select(Task.done_at).where(Task.deleted_at.is_(None),
                                                                Task.done_at.between(first, last))):
            add(_iso_week(datetime.fromtimestamp(at).date()), me, "tasks_done")
        for mail in shared_mail(session, first, last):  # a manager's: the team's shared mail
            add(_iso_week(datetime.fromtimestamp(mail.at).date()), mail.sharer, "sent" if mail.sent else "received")
    for key in sorted(rows):
        if not filters.owner or key[1] == filters.owner.lower():
            report.add(rows[key])  # the mail behind a row is read when it is opened (app.reports.behind)
    return report
