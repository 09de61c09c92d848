"""`import-mail --upload` against a real Dovecot: APPEND with date and flags, then the normal sync."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.services.mail_import import upload
from app.services.runtime import Services
from app.store.mail_queries import find_folder
from app.store.models import Message

pytestmark = pytest.mark.integration

ENVELOPE_1 = "From - Mon Mar 02 10:00:00 2015\n"
ENVELOPE_2 = "From - Tue Mar 03 11:30:00 2015\n"
EPOCH_1 = int(datetime(2015, 3, 2, 10, 0, tzinfo=timezone.utc).timestamp())


def message(n: int, extra: str = "", message_id: bool = True) -> str:
    mid = f"Message-ID: <up{n}@example.com>\n" if message_id else ""
    return (f"From: Anna <anna@nordwind-handel.de>\nTo: sales@example.com\nSubject: Old {n}\n{mid}"
            f"Date: Mon, 2 Mar 2015 10:00:00 +0000\n{extra}\nOld message {n}.\n>From the archive.\n")


@pytest.fixture
def mbox(tmp_path):
    path = tmp_path / "Archive 2015"
    path.write_bytes((ENVELOPE_1 + message(1, "X-Mozilla-Status: 0001\n") + "\n"
                      + ENVELOPE_2 + message(2, "X-Mozilla-Status: 0000\n") + "\n"
                      + ENVELOPE_2 + message(3, "X-Mozilla-Status: 0005\n", message_id=False) + "\n").encode())
    return path


@pytest.fixture
def services(store):
    running = Services(store, use_idle=False)
    with store.writer.waiting_allowed():
        yield running
    running.stop()


def test_upload_appends_with_dates_and_flags_then_syncs_and_resumes(store, account, imap, services, mbox):
    outcome, summaries = upload(services, account, mbox, "Imported/2015")
    assert outcome.report.imported == 3
    assert [s.new for s in summaries] == [3]  # the sync of the folder brought them in

    imap.select_folder("Imported/2015", readonly=True)
    fetched = imap.fetch(imap.search("ALL"), ["FLAGS", "INTERNALDATE", "BODY.PEEK[]"])
    by_subject = {data[b"BODY[]"].split(b"Subject: ")[1].split(b"\r\n")[0].decode(): data
                  for data in fetched.values()}
    assert set(by_subject) == {"Old 1", "Old 2", "Old 3"}
    assert b"\\Seen" in by_subject["Old 1"][b"FLAGS"]
    assert b"\\Seen" not in by_subject["Old 2"][b"FLAGS"]
    assert {b"\\Seen", b"\\Flagged"} <= set(by_subject["Old 3"][b"FLAGS"])
    # imapclient gives INTERNALDATE as a naive local time: .timestamp() reads it as such.
    assert by_subject["Old 1"][b"INTERNALDATE"].timestamp() == EPOCH_1
    assert by_subject["Old 2"][b"INTERNALDATE"].timestamp() == EPOCH_1 + 86400 + 5400
    assert b"\r\n>From the archive." not in by_subject["Old 1"][b"BODY[]"]  # the mbox escape is undone
    assert b"\r\nFrom the archive." in by_subject["Old 1"][b"BODY[]"]

    folder = find_folder(store, account.id, "Imported/2015")
    with store.read() as session:
        rows = {m.subject: m for m in session.scalars(select(Message).where(Message.folder_id == folder.id))}
    assert set(rows) == {"Old 1", "Old 2", "Old 3"}
    assert rows["Old 1"].seen and not rows["Old 2"].seen and rows["Old 3"].flagged
    assert rows["Old 1"].internal_date == EPOCH_1

    again, _ = upload(services, account, mbox, "Imported/2015")  # resuming: nothing twice
    assert again.report.imported == 0
    assert again.report.skipped == {"already there": 3}
    imap.select_folder("Imported/2015", readonly=True)
    assert len(imap.search("ALL")) == 3


def test_upload_into_the_inbox_by_its_local_name(store, account, imap, services, mbox):
    outcome, _ = upload(services, account, mbox, "Inbox")
    assert outcome.report.folders[0].folder == "INBOX"
    imap.select_folder("INBOX", readonly=True)
    assert len(imap.search("ALL")) == 3


def test_a_stopped_upload_still_syncs_what_reached_the_server(store, account, imap, services, tmp_path, monkeypatch):
    from app.errors import Cancelled
    from app.mail.importing import importer

    monkeypatch.setattr(importer, "BATCH_MESSAGES", 2)
    path = tmp_path / "Inbox"
    path.write_bytes("".join(ENVELOPE_1 + message(n) + "\n" for n in range(10, 17)).encode())
    read = {"n": 0}

    def stop_after_5() -> bool:
        read["n"] += 1
        return read["n"] >= 5

    with pytest.raises(Cancelled):
        upload(services, account, path, "Stopped", should_stop=stop_after_5)
    imap.select_folder("Stopped", readonly=True)
    on_server = len(imap.search("ALL"))
    assert on_server == 5  # two whole batches and the one under way
    folder = find_folder(store, account.id, "Stopped")
    with store.read() as session:
        assert session.query(Message).filter(Message.folder_id == folder.id).count() == on_server
    again, _ = upload(services, account, path, "Stopped")
    assert (again.report.imported, again.report.skipped) == (2, {"already there": 5})
