"""Randomized multi-client sync: three devices edit one customer concurrently (offline, from
the same starting version); their mutations reach the server interleaved in any order, split
into any batches, some batches sent twice. Whatever the order, the record ends the same, and
every value anyone wrote is either the record's value or kept in its history.

The server's push is driven in-process on SQLite copies of one prepared database (each example
needs a fresh server state, and a copied file is much faster than a migrated one); the
running-server tests in test_sync_api.py cover the same paths over HTTP on both backends.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from server.admin import ops
from server.auth.devices import new_device, principal_for
from server.db.database import Database
from server.db.migrate import upgrade
from server.db.models import Record, RecordHistory
from server.policy.principal import Principal
from server.records.writer import Mutation
from server.sync.push import push

RECORD = str(uuid.UUID(int=42))
START = 1_800_000_000_000  # every edit is later than the record's creation
DEVICES = 3


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, list[Principal]]:
    path = tmp_path_factory.mktemp("convergence") / "template.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    db = Database(url)
    admin = Principal.server_admin()
    with db.write() as tx:
        ops.create_team(tx, admin, "Everyone", "edit")
    principals = []
    for n in range(DEVICES):
        with db.write() as tx:
            user = ops.create_user(tx, admin, f"user{n}@converge.test", "Everyone", "rep",
                                   "password123")
            tx.session.flush()
            device, _ = new_device(tx.session, user, f"device {n}", "")
            tx.session.flush()
            principals.append(principal_for(tx.session, user, device))
    first = principals[0]
    push(db, first, [
        Mutation("init-name", "contact", RECORD, "set", "name", "start", None,
                 f"{START - 1000:013d}:00000:{first.device_id}"),
        Mutation("init-title", "contact", RECORD, "set", "title", "start", None,
                 f"{START - 1000:013d}:00001:{first.device_id}"),
        Mutation("init-tag", "contact", RECORD, "add", "tags", "a", None,
                 f"{START - 1000:013d}:00002:{first.device_id}")])
    db.dispose()
    return path, principals


edit = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(["name", "title"]),
              st.sampled_from(["x", "y", "z", None])),
    st.tuples(st.sampled_from(["add", "remove"]), st.just("tags"), st.sampled_from("abc")),
    st.tuples(st.just("delete"), st.none(), st.none()))


@st.composite
def offline_sessions(draw):
    """Per device: its edits, each with a clock that only moves forward on that device."""
    sessions = []
    for device in range(DEVICES):
        edits = draw(st.lists(edit, max_size=5))
        millis = START
        stamped = []
        for counter, (op, field, value) in enumerate(edits):
            millis += draw(st.integers(0, 3))  # ties across devices happen
            stamped.append((device, f"{device}-{counter}", op, field, value, millis, counter))
        sessions.append(stamped)
    return sessions


@st.composite
def arrival(draw, sessions):
    """One interleaving that keeps each device's own order, cut into batches, with some
    batches sent twice (the answer was lost on the way back)."""
    queue = [device for device, s in enumerate(sessions) for _ in s]
    order = draw(st.permutations(queue))
    cursors = [0] * DEVICES
    batches = []
    for device in order:
        item = sessions[device][cursors[device]]
        cursors[device] += 1
        if batches and batches[-1][0] == device and draw(st.booleans()):
            batches[-1][1].append(item)
        else:
            batches.append((device, [item]))
    sent = []
    for batch in batches:
        sent.append(batch)
        if draw(st.integers(0, 4)) == 0:
            sent.append(batch)
    return sent


def _mutation(principal: Principal, item) -> Mutation:
    _device, mutation_id, op, field, value, millis, counter = item
    return Mutation(mutation_id, "contact", RECORD, op, field, value,
                    1 if op == "set" else None,  # every device started from version 1
                    f"{millis:013d}:{counter:05d}:{principal.device_id}")


def _replay(path: Path, principals, batches) -> tuple[dict, bool, list]:
    db = Database(f"sqlite:///{path}")
    try:
        for device, items in batches:
            push(db, principals[device], [_mutation(principals[device], i) for i in items])
        with db.read() as session:
            record = session.get(Record, RECORD)
            history = session.scalars(select(RecordHistory).where(
                RecordHistory.record_uuid == RECORD)).all()
            return (dict(record.fields), record.deleted_at is not None,
                    [(h.field, h.op, h.new) for h in history])
    finally:
        db.dispose()


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_arrival_order_converges_and_loses_nothing(template, tmp_path, data):
    path, principals = template
    sessions = data.draw(offline_sessions())
    results = []
    for attempt in range(2):
        copy = tmp_path / f"attempt-{attempt}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                shutil.copy(f"{path}{suffix}", f"{copy}{suffix}")
        results.append(_replay(copy, principals, data.draw(arrival(sessions))))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    (fields_a, deleted_a, history_a), (fields_b, deleted_b, _) = results
    assert {k: v for k, v in fields_a.items() if v not in (None, [])} == \
        {k: v for k, v in fields_b.items() if v not in (None, [])}
    assert deleted_a == deleted_b
    # Nothing lost: every value written is the record's value or in its history.
    for device_edits in sessions:
        for _device, _id, op, field, value, _millis, _counter in device_edits:
            if op == "set" and value is not None:
                assert fields_a.get(field) == value or (field, "set", value) in history_a
