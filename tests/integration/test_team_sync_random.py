"""Randomized multi-client team sync (a Hypothesis state machine) against a running server, on
PostgreSQL and SQLite: five real client profiles make random edits of random fields of shared
customers, go offline and come back, restart, lose the server's answer to a push (so they push
the same batch again) and lose the connection in the middle of a pull. At the end everyone
syncs until quiet, and then:

* every copy of every record is identical;
* no edit the server acknowledged is lost: each value anyone typed is the record's value or is
  kept in the server's history;
* every same-field collision between two people is recorded as a conflict.

``LIAISON_NIGHTLY=1`` runs thousands of examples instead of the CI's share.
"""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import select

from app.crm import records
from app.errors import NetworkError
from app.profile import open_profile
from app.store.crm_models import Contact
from app.sync import team as team_module
from app.sync.team import Team
from server.db.models import RecordHistory
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration

CLIENTS = 5
# Per backend: 120 runs of up to 15 steps each in CI (240 in all), 2,000 each nightly.
EXAMPLES = 2000 if os.environ.get("LIAISON_NIGHTLY") else 120
KIND = records.RECORD_TYPES["contact"]
VALUES = ["", "A", "B", "C", "甲", "乙"]


class Laptop:
    """One client profile, signed in to the team."""

    def __init__(self, server, root, n: int):
        self.profile = str(root / f"client{n}")
        self.email = f"user{n}@random.test"
        self.online = True
        self.open()
        Team(self.store).login(server.base_url, self.email, PASSWORD, device_name=f"laptop {n}")

    def open(self):
        _paths, self.store = open_profile(self.profile)
        self.team = Team(self.store)

    def restart(self):
        self.store.close()
        self.open()

    def contact(self, session, record_uuid):
        return session.scalar(select(Contact).where(Contact.uuid == record_uuid))

    def fields(self, record_uuid) -> dict | None:
        with self.store.read() as session:
            record = self.contact(session, record_uuid)
            if record is None:
                return None
            state = records.read_state(session, KIND, record)
            return {"name": state["name"], "title": state["title"], "tags": sorted(state["tags"]),
                    "deleted": record.deleted_at is not None}


@pytest.fixture(scope="module")
def laptops(team_server, tmp_path_factory):
    import keyring

    from tests.support.test_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()  # one keyring for the module's five laptops, as for a person's
    keyring.set_keyring(backend)
    team_server.team("Random", "edit")
    for n in range(CLIENTS):
        team_server.user(f"user{n}@random.test", "Random", "rep")
    root = tmp_path_factory.mktemp("laptops")
    made = [Laptop(team_server, root, n) for n in range(CLIENTS)]
    yield made, backend
    for laptop in made:
        laptop.store.close()
    keyring.set_keyring(previous)


def test_random_clients_converge_and_lose_nothing(team_server, laptops, monkeypatch):
    import keyring

    laptops, keyring_backend = laptops

    class Machine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            keyring.set_keyring(keyring_backend)
            self.records: list[str] = []
            self.typed: list[tuple[str, str, str]] = []  # (record, field, value) anyone typed
            for laptop in laptops:
                laptop.online = True

        laptop = st.integers(0, CLIENTS - 1)

        @rule(n=laptop)
        def create(self, n):
            record_uuid = str(uuid.uuid4())
            laptops[n].store.write_with(lambda s: records.create(
                s, KIND, {"name": "New", "emails": [f"{record_uuid}@random.test"]},
                record_uuid=record_uuid))
            self.records.append(record_uuid)
            self.typed.append((record_uuid, "name", "New"))

        @precondition(lambda self: self.records)
        @rule(n=laptop, pick=st.integers(0, 10**6), field=st.sampled_from(["name", "title"]),
              value=st.sampled_from(VALUES))
        def edit(self, n, pick, field, value):
            record_uuid = self.records[pick % len(self.records)]

            def change(session):
                record = laptops[n].contact(session, record_uuid)
                if record is None or record.deleted_at is not None:
                    return False
                records.apply_changes(session, KIND, record, {field: value}, origin="local",
                                      cleared={field})
                return True
            if laptops[n].store.write_with(change) and value:
                self.typed.append((record_uuid, field, value))

        @precondition(lambda self: self.records)
        @rule(n=laptop, pick=st.integers(0, 10**6), tag=st.sampled_from(["vip", "new", "cn"]),
              add=st.booleans())
        def tag(self, n, pick, tag, add):
            record_uuid = self.records[pick % len(self.records)]

            def change(session):
                record = laptops[n].contact(session, record_uuid)
                if record is None or record.deleted_at is not None:
                    return
                tags = records.read_state(session, KIND, record)["tags"]
                wanted = sorted(set(tags) | {tag}) if add else [t for t in tags if t != tag]
                records.apply_changes(session, KIND, record, {"tags": wanted}, origin="local",
                                      cleared={"tags"})
            laptops[n].store.write_with(change)

        @rule(n=laptop)
        def toggle_network(self, n):
            laptops[n].online = not laptops[n].online

        @rule(n=laptop)
        def sync(self, n):
            if laptops[n].online:
                laptops[n].team.sync_once()

        @rule(n=laptop)
        def restart(self, n):
            laptops[n].restart()

        @rule(n=laptop)
        def push_answer_lost(self, n):
            """The server applies a push, but its answer never arrives: the next sync pushes
            the same batch again."""
            if not laptops[n].online:
                return
            real_post = team_module.TeamServer.post

            def post_then_drop(server, path, document=None):
                real_post(server, path, document)
                raise NetworkError("connection lost", code="test.lost")
            with monkeypatch.context() as patch:
                patch.setattr(team_module.TeamServer, "post", post_then_drop)
                try:
                    laptops[n].team.sync_once()
                except NetworkError:
                    pass  # (nothing to push: the pull went through)

        @rule(n=laptop)
        def pull_interrupted(self, n):
            """The connection drops after the first page of a pull."""
            if not laptops[n].online:
                return
            real_get = team_module.TeamServer.get
            calls = []

            def get_then_drop(server, path, **query):
                calls.append(path)
                if len(calls) > 1:
                    raise NetworkError("connection lost", code="test.lost")
                return real_get(server, path, **query)
            with monkeypatch.context() as patch:
                patch.setattr(team_module, "PULL_PAGE", 1)
                patch.setattr(team_module.TeamServer, "get", get_then_drop)
                try:
                    laptops[n].team.sync_once()
                except NetworkError:
                    pass

        def teardown(self):
            for laptop in laptops:
                laptop.online = True
            for _ in range(2):  # everyone pushes, then everyone pulls what the others pushed
                for laptop in laptops:
                    laptop.team.sync_once()
            for record_uuid in self.records:
                copies = [laptop.fields(record_uuid) for laptop in laptops]
                assert all(c == copies[0] for c in copies), (record_uuid, copies)
            with team_server.db.read() as session:
                history = {(h.record_uuid, h.field, h.new) for h in session.scalars(
                    select(RecordHistory).where(RecordHistory.record_uuid.in_(self.records)))}
            for record_uuid, field, value in self.typed:
                final = laptops[0].fields(record_uuid)
                assert final[field] == value or (record_uuid, field, value) in history, \
                    (record_uuid, field, value)
            for laptop in laptops:
                assert laptop.team.status()["pending"] == 0

        @invariant()
        def nothing_pending_is_lost(self):
            for laptop in laptops:
                assert laptop.team.status()["device_id"]

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=15, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
