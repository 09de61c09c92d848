"""Team sync in the client, against a running team server on a private PostgreSQL (durable
settings, as in production):

    .venv/bin/python -m bench.team_sync_bench [--records 100000] [--quick]

* the first team sync of a new profile into a team of ``--records`` customers (companies and
  contacts seeded straight into the server's database, as bench.server_bench does): wall time
  and the client process's CPU time (the server is another process; on the shared 2-core
  machine the CPU time is the steadier figure: 100,000 records took 90 s of client CPU before
  the bulk Core inserts and page prefetch, 41 s after);
* a team sync with nothing new, as the running app's services job does it (in-process, the
  profile already holding the whole team): median and p95 of 20 rounds;
* 100 local edits on one laptop until they are on a teammate's laptop: the first laptop's
  round plus the teammate's, wall time.

Targets (issue 17): no-change round < 100 ms, 100 edits < 2 s, first sync of 100,000 < 60 s.
Prints a table and writes bench/results/team_sync.json. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import keyring  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.crm import records  # noqa: E402
from app.profile import open_profile  # noqa: E402
from app.store.crm_models import Contact  # noqa: E402
from app.sync.team import Team  # noqa: E402
from bench.server_bench import Seeder, crm_rows  # noqa: E402
from server.db.migrate import upgrade  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402
from tests.support.team_server import PASSWORD, TeamServer  # noqa: E402
from tests.support.test_keyring import MemoryKeyring  # noqa: E402

KIND = records.RECORD_TYPES["contact"]


def laptop(root: Path, name: str, server: TeamServer, email: str):
    _paths, store = open_profile(str(root / name))
    team = Team(store)
    team.login(server.base_url, email, PASSWORD, device_name=name)
    return store, team


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def edit_titles(store, count: int) -> list[str]:
    def change(session):
        contacts = session.scalars(select(Contact).where(Contact.deleted_at.is_(None))
                                   .order_by(Contact.id).limit(count)).all()
        for n, contact in enumerate(contacts):
            records.apply_changes(session, KIND, contact, {"title": f"Edited {n} {time.time()}"},
                                  origin="local")
        return [c.uuid for c in contacts]
    return store.write_with(change)


def titles(store, uuids: list[str]) -> dict[str, str]:
    with store.read() as session:
        return dict(session.execute(select(Contact.uuid, Contact.title)
                                    .where(Contact.uuid.in_(uuids))).all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 records")
    args = parser.parse_args()
    count = 10_000 if args.quick else args.records
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="liaison-team-bench-"))
    result: dict = {"records": count}
    with PostgresServer(durable=True) as pg:
        url = pg.create_database("team_bench")
        upgrade(url)
        with TeamServer(url, work / "server.log", workers=2) as server:
            seeder = Seeder(pg, "team_bench", url)
            people = seeder.teams_and_users(server, [("Sales", "edit", 20, "rep")])["Sales"]
            rows = crm_rows(random.Random(7), people, contacts=count - count // 10,
                            companies=count // 10)
            seeded, _ = timed(lambda: seeder.records(rows))
            print(f"seeded {count} records on the server in {seeded:.1f} s")

            alice_store, alice = laptop(work, "alice", server, people[0]["email"])
            cpu = time.process_time()
            first, summary = timed(alice.sync_once)
            cpu = time.process_time() - cpu  # the client's threads only: the server is another process
            result["first_sync_s"] = round(first, 2)
            result["first_sync_client_cpu_s"] = round(cpu, 2)
            result["first_sync_records"] = summary.pulled
            print(f"first sync: {summary.pulled} records in {first:.1f} s "
                  f"(client CPU {cpu:.1f} s)")

            rounds = [timed(alice.sync_once)[0] * 1000 for _ in range(20)]
            result["no_change_ms"] = {"median": round(statistics.median(rounds), 1),
                                      "p95": round(sorted(rounds)[18], 1)}
            print(f"no-change round: median {result['no_change_ms']['median']} ms, "
                  f"p95 {result['no_change_ms']['p95']} ms")

            bob_store, bob = laptop(work, "bob", server, people[1]["email"])
            bob.sync_once()
            changed = edit_titles(alice_store, 100)
            wanted = titles(alice_store, changed)
            started = time.perf_counter()
            alice.sync_once()
            bob.sync_once()
            reached = time.perf_counter() - started
            arrived = titles(bob_store, changed) == wanted
            result["hundred_edits_s"] = round(reached, 2)
            result["hundred_edits_arrived"] = arrived
            print(f"100 edits on a teammate's laptop: {reached:.2f} s (all arrived: {arrived})")
            alice_store.close()
            bob_store.close()
    targets = {"first_sync_s": 60 * count / 100_000, "no_change_ms": 100, "hundred_edits_s": 2}
    result["targets"] = targets
    out = REPO / "bench" / "results" / "team_sync.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
