"""Concurrent pushes on PostgreSQL, in-process: a push takes the server revision last, after
merging under its records' locks (server.records.writer). These tests stop one push at the
worst moment (revision taken, not yet committed) and check what the others see:

* a push on other records merges meanwhile and queues only for the revision; it commits after,
  with the next revision;
* a pull meanwhile never moves its cursor past the uncommitted revision, so the next pull
  brings both changes (nothing skipped);
* the same batch re-sent meanwhile waits for the record, then answers exactly as the first
  did, and the change is applied and audited once.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select, text

from server.admin import ops
from server.auth.devices import new_device, principal_for
from server.db.database import Database
from server.db.migrate import upgrade
from server.db.models import AuditEntry, RecordHistory
from server.policy.principal import Principal
from server.records import writer as writer_module
from server.records.writer import Mutation
from server.sync.pull import pull
from server.sync.push import push

pytestmark = pytest.mark.integration

HLC = 1_800_000_000_000


@pytest.fixture
def team(postgres_url):
    upgrade(postgres_url)
    db = Database(postgres_url)
    admin = Principal.server_admin()
    with db.write() as tx:
        ops.create_team(tx, admin, "Team", "edit")
    people = []
    for n in range(3):
        with db.write() as tx:
            user = ops.create_user(tx, admin, f"rep{n}@race.test", "Team", "rep", "password123")
            tx.session.flush()
            device, _ = new_device(tx.session, user, f"laptop {n}", "")
            tx.session.flush()
            people.append(principal_for(tx.session, user, device))
    yield db, people
    db.dispose()


def setter(who: Principal, record: str, value: str, n: int = 0) -> Mutation:
    return Mutation(f"m-{uuid.uuid4().hex}", "contact", record, "set", "title", value, None,
                    f"{HLC + n:013d}:00000:{who.device_id}")


class HeldAtRevision:
    """Stops the first push that stamps a revision right after it (its revision lock held,
    nothing committed) until released; other pushes go through."""

    def __init__(self, monkeypatch):
        self.reached, self.release = threading.Event(), threading.Event()
        self._first = True
        original = writer_module.RecordWriter._stamp

        def stamp(writer, revision):
            original(writer, revision)
            if self._first:
                self._first = False
                self.revision = revision
                self.reached.set()
                assert self.release.wait(30)

        monkeypatch.setattr(writer_module.RecordWriter, "_stamp", stamp)


def in_thread(target, *args) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run():
        try:
            out["value"] = target(*args)
        except Exception as exc:  # reported by the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _lock_waiters(session, statement: str) -> int:
    return session.scalar(text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND query LIKE :statement"), {"statement": f"{statement}%"})


def wait_until(condition, seconds: float = 20) -> None:
    for _ in range(int(seconds * 20)):
        if condition():
            return
        threading.Event().wait(0.05)
    raise AssertionError("timed out")


def test_a_pull_never_skips_a_revision_committed_late(team, monkeypatch):
    db, (ann, bob, cat) = team
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    cursor = pull(db, cat, None, 500)["cursor"]

    held = HeldAtRevision(monkeypatch)
    slow, slow_out = in_thread(push, db, ann, [setter(ann, first, "ann's")])
    assert held.reached.wait(30)
    # Bob's push on another record merges while Ann's holds the revision, then queues for it.
    fast, fast_out = in_thread(push, db, bob, [setter(bob, second, "bob's")])
    wait_until(lambda: _lock_waiters_now(db, "UPDATE server_state") == 1)

    meanwhile = pull(db, cat, cursor, 500)
    assert meanwhile["records"] == []
    assert meanwhile["cursor"] == cursor  # not past the revision still to commit

    held.release.set()
    slow.join(30)
    fast.join(30)
    assert "error" not in slow_out and "error" not in fast_out
    ann_revision = slow_out["value"][0]["revision"]
    bob_revision = fast_out["value"][0]["revision"]
    assert ann_revision == held.revision and bob_revision == ann_revision + 1
    after = pull(db, cat, meanwhile["cursor"], 500)
    assert {r["uuid"]: r["revision"] for r in after["records"]} == {
        first: ann_revision, second: bob_revision}


def test_a_batch_resent_while_the_first_is_running_is_applied_once(team, monkeypatch):
    db, (ann, bob, _) = team
    record = str(uuid.uuid4())
    push(db, ann, [setter(ann, record, "before")])
    batch = [setter(ann, record, "after", 1)]

    held = HeldAtRevision(monkeypatch)
    first, first_out = in_thread(push, db, ann, batch)
    assert held.reached.wait(30)
    again, again_out = in_thread(push, db, ann, batch)  # the answer was lost: sent again
    wait_until(lambda: _lock_waiters_now(db, "SELECT records") == 1)  # waits for the record
    held.release.set()
    first.join(30)
    again.join(30)

    assert "error" not in first_out and "error" not in again_out
    assert first_out["value"] == again_out["value"]
    assert first_out["value"][0]["status"] == "applied"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RecordHistory).where(
            RecordHistory.record_uuid == record, RecordHistory.field == "title")) == 2
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.record_uuid == record, AuditEntry.field == "title",
            AuditEntry.action == "update")) == 2  # "before", then "after" once


def _lock_waiters_now(db: Database, statement: str) -> int:
    with db.read() as session:
        return _lock_waiters(session, statement)
