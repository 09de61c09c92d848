"""Classifying mail stored before auto-reply detection existed (``auto_kind`` NULL).

New mail is classified from its full header block at sync.  For older rows only the stored
sender and subject are available, which catches bounces from MAILER-DAEMON and the usual
auto-reply and bounce subjects in English and Chinese; it runs once, after a sync pass
(classified there, written on the writer thread).
"""

from __future__ import annotations

from app.mail.reading.automatic_mail import automatic_kind
from app.store.database import Store
from app.store.writer import writes

BATCH = 5000


def backfill_auto_kind(store: Store) -> int:
    """Classify every unclassified message; returns how many were done."""
    done = 0
    while True:
        with store.read() as session:
            cursor = session.connection().connection.cursor()
            rows = cursor.execute("SELECT id, from_addr, subject FROM mail_messages WHERE auto_kind IS NULL "
                                  "LIMIT ?", (BATCH,)).fetchall()
            cursor.close()
        if not rows:
            return done
        values = [(automatic_kind({}, addr or "", subject or ""), pk) for pk, addr, subject in rows]
        _store_kinds(store, values)
        done += len(rows)


@writes
def _store_kinds(store: Store, values: list[tuple[str | None, int]]) -> None:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        cursor.executemany("UPDATE mail_messages SET auto_kind = ? WHERE id = ?", values)
        cursor.close()
