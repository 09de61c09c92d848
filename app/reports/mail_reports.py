"""Reports read from the mail itself: how long customers wait for a first reply, who is
waiting now, customers nobody has been in touch with for N days, and each week's activity.

A *wait* starts at a customer's message (from an address of a contact) that nobody answered
yet and ends at the next message in the same conversation from one of your addresses: two
customer messages before a reply are one wait, measured from the first. A conversation whose
last word is the customer's is a customer *waiting now*. A message stored in two folders is
one message (its Message-ID). The customers waiting now are the ``WAITING_SHOWN`` longest waits.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from app.crm.teammates import own_addresses
from app.reports.scope import contact_ids, record_conditions
from app.reports.table import COUNT, DATE, SECONDS, Column, Filters, Report, iso_day
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


def _percentile(values: list[int], share: float) -> int:
    """The nearest-rank percentile (p90 of ten waits is the ninth longest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


_CONVERSATIONS = (
    # Every message of each conversation that has a message filed on a contact in the period,
    # in date order (raw rows: building ORM rows for 100,000 messages costs more than the query;
    # no subjects: only the few customers shown waiting need theirs, read afterwards).
    "SELECT m.thread_id, m.date, lower(m.from_addr), m.message_id, m.id FROM mail_messages m "
    "WHERE m.thread_id IN (SELECT DISTINCT t.thread_id FROM crm_message_links l "
    "JOIN mail_messages t ON t.id = l.message_id WHERE l.contact_id IS NOT NULL AND t.thread_id IS NOT NULL "
    "AND t.date BETWEEN ? AND ?) ORDER BY m.thread_id, m.date, m.id")


def response_time(store: Store, filters: Filters) -> Report:
    report = Report("response-time", [
        Column("group", QT_TRANSLATE_NOOP("ReportsView", "By")), Column("who", QT_TRANSLATE_NOOP("ReportsView", "Who")), Column("replies", QT_TRANSLATE_NOOP("ReportsView", "Replies"), COUNT),
        Column("median", QT_TRANSLATE_NOOP("ReportsView", "Median wait"), SECONDS), Column("p90", QT_TRANSLATE_NOOP("ReportsView", "90% answered within"), SECONDS),
        Column("waiting", QT_TRANSLATE_NOOP("ReportsView", "Waiting for"), SECONDS), Column("subject", QT_TRANSLATE_NOOP("ReportsView", "Subject"))])
    own = own_addresses(store)
    first, last = filters.bounds()
    now = int(filters.now().timestamp())
    by_person: dict[str, list[int]] = defaultdict(list)
    by_customer: dict[int, list[int]] = defaultdict(list)
    waiting: list[tuple[int, int, int]] = []  # (since, contact id, the waiting message's id)
    with store.read() as session:
        names = dict(session.execute(select(Contact.id, Contact.name)).all())
        contact_of = dict(session.execute(select(ContactEmail.email, ContactEmail.contact_id)).all())
        allowed = contact_ids(session, filters)  # None: every customer counts
        # One pass over the conversations in order: a customer's message starts a wait, our next
        # message ends it; each message counts once (the same Message-ID in two folders).
        seen: set[str] = set()
        thread, since, customer, asked = None, None, None, None
        for thread_id, at, sender, key, pk in fetch_all(store, _CONVERSATIONS, (first, last)):
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
                    by_person[sender].append(at - since)
                    by_customer[customer].append(at - since)
                since = None
            elif since is None:
                contact_id = contact_of.get(sender)
                if contact_id is not None and (allowed is None or contact_id in allowed):
                    since, customer, asked = at, contact_id, pk
        if since is not None:
            waiting.append((since, customer, asked))
        waiting = sorted(waiting)[:WAITING_SHOWN]
        subjects = dict(session.execute(select(Message.id, Message.subject).where(
            Message.id.in_([pk for _since, _customer, pk in waiting]))).all()) if waiting else {}
    for group, waits, label in (("person", by_person, lambda k: k), ("customer", by_customer, names.get)):
        for key, values in sorted(waits.items(), key=lambda kv: statistics.median(kv[1])):
            report.add({"group": group, "who": label(key) or "", "replies": len(values),
                        "median": int(statistics.median(values)), "p90": _percentile(values, 0.9),
                        "waiting": None, "subject": ""},
                       [("contact", key, names.get(key, ""))] if group == "customer" else [])
    for since, customer, asked in waiting:
        report.add({"group": "waiting", "who": names.get(customer, ""), "replies": None, "median": None,
                    "p90": None, "waiting": now - since, "subject": subjects.get(asked, "")},
                   [("contact", customer, names.get(customer, ""))])
    return report


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
    SQL and the days summed into weeks here.
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
    report.rows = [rows[key] for key in sorted(rows) if not filters.owner or key[1] == filters.owner.lower()]
    return report
