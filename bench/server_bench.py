"""Team server benchmark: the sync API and the audit log, against PostgreSQL on this machine.

    .venv/bin/python -m bench.server_bench [--quick] [--workers 1,2,4] [--push-share 0.5]
        [--server-root DIR] [--py-spy DIR] [--keep-logs DIR] [--skip load,bulk,audit]

A private PostgreSQL cluster with production settings (``PostgresServer(durable=True)``:
fsync, synchronous commit, full page writes) and the real server (``python -m server run
--workers N``, ``TeamServer``), on one machine with the load generator. Four measurements:

1. **Load**: 200 simulated devices (200 reps in 10 teams of 20, team sharing ``edit``, 25
   contacts each, so each sees 500). Each device loops: wait 2-6 s (uniform), push a batch of
   1-5 field mutations (``set`` of a text field with the version it last pulled as base, or
   ``add``/``remove`` of a tag or phone; 60 % on its own contacts, 40 % on teammates') in
   ``--push-share`` of the cycles (default half), then pull every page since its cursor.
   Latency of each request as the client sees it (end to end) and as the server logs it
   (``ms``), push and pull apart; errors are non-200 answers and transport failures (with how
   long the connection had been idle: the server keeps idle connections for 65 s). The devices
   are signed in (devices made directly, as POST /auth/token would) and caught up before the
   window starts. Run once per worker count (default 1, 2 and 4). One asyncio process
   generates the load (one keep-alive connection per device, ``bench.lean_http``: httpx cost
   the generator 4.5-5 ms of CPU per request on the server's cores); its event-loop lag and CPU are
   reported, with the CPU of the server, of PostgreSQL and of everything else on the machine,
   the CPU each request costs them and the cores the scenario needs at the rate its devices
   make when answers are instant (``cost``: 75 requests a second by default), and what
   PostgreSQL backends were doing (10 samples a second: waiting for a lock, on which
   statement; idle in a transaction; running).
2. **First pull**: a new device of a rep whose team holds 100,000 records (95,000 contacts with
   names, titles, emails, phones, tags and a company; 5,000 companies; another team's 10,000
   records are in the database but not visible), all pages at the default page size, wall time
   including the client's JSON parsing, done as the client does it
   (``app.sync.transport.decode_answer``: orjson). Records are seeded with COPY, with their lookup keys,
   and ``server_state.revision`` set past them (10 records per revision).
3. **Empty pull**: the same device, cursor at the head, 200 pulls: server time (the request
   log's ``ms``) and end to end.
4. **Audit**: 10,000,000 audit rows over those ~110,000 records and 201 users (INSERT ...
   SELECT generate_series in two parallel connections; record and user activity skewed;
   indexes built after the load, then VACUUM ANALYZE as autovacuum would), queried by record
   and by user through ``server.audit.audit_rows`` (limits 100 and its default 1000) and
   through ``GET /api/v1/admin/audit`` (its default limit, 100).

``--quick``: a 15 s load window with 2 workers only and 1,000,000 audit rows (the audit figures
are then not the target's). ``--server-root DIR`` serves the ``server`` package found in DIR
(a copy with a change to measure) over the same seeded data. Prints a table and writes
bench/results/server.json (``server-quick.json`` with --quick; ``--out`` elsewhere). Not a
test: asserts nothing. The machine's other load shows as ``other_cores``: figures taken while
other processes share the cores are pessimistic.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.sync.transport import decode_answer
from bench.lean_http import LeanClient, TransportError
from server import SCHEMA_VERSION
from server.audit import audit_rows
from server.auth.devices import new_device
from server.auth.passwords import hash_password
from server.db.database import Database
from server.db.models import Record, User
from server.records.client_versions import client_versions
from server.records.keys import record_keys
from tests.support.postgres import PostgresServer
from tests.support.team_server import PASSWORD, TeamServer

TARGETS = {"load_p99_ms": 300, "first_pull_s": 20, "empty_pull_ms": 20, "audit_ms": 50}
PY_SPY = Path(sys.executable).parent / "py-spy"  # beside the Python running the bench (a worktree has no .venv)

# -- realistic records --------------------------------------------------------------------

FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
         "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anna", "Lukas",
         "Sophie", "Pierre", "Camille", "Hiroshi", "Yuki", "Carlos", "Lucia", "Ahmed", "Fatima"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
        "Müller", "Schmidt", "Dubois", "Lefebvre", "Tanaka", "Suzuki", "Rossi", "Fernández"]
CN_LAST = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
           "胡", "郭", "何", "林", "罗", "高"]
CN_FIRST = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀英", "霞", "平", "建华", "晓东", "海燕", "志强"]
TITLES = ["Purchasing Manager", "Head of Procurement", "CFO", "Operations Director", "Buyer",
          "Sales Engineer", "IT Manager", "CEO", "Office Manager", "Plant Manager",
          "Logistics Coordinator", "采购经理", "销售总监", "总经理", "财务主管", "技术总监"]
TAGS = ["vip", "lead", "customer", "partner", "trade-show-2026", "newsletter", "reseller",
        "key-account", "cold", "churn-risk", "renewal-q3", "decision-maker"]
INDUSTRIES = ["Manufacturing", "Logistics", "Retail", "Healthcare", "Construction", "Energy",
              "Software", "Food & Beverage", "Automotive", "Textiles", "制造业", "物流"]
WORDS = ["Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli",
         "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Oscorp", "Wonka", "Gringotts", "Aperture",
         "华为", "海尔", "远航", "金桥", "长城", "东方"]
SUFFIX = ["GmbH", "Ltd", "Inc.", "S.A.", "Co., Ltd.", "AG", "LLC", "有限公司"]
SOURCES = ["web form", "trade show", "referral", "cold call", "partner", "LinkedIn"]
SCALAR_EDITS = ("title", "custom.lead_status", "custom.next_step")


def company_fields(rng: random.Random, n: int) -> dict:
    word = rng.choice(WORDS)
    domain = f"{'x' if not word.isascii() else word.lower()}{n}.example.com"
    fields = {"name": f"{word} {rng.choice(['Industrial', 'Trading', 'Systems', 'Holdings', 'Logistics', ''])} "
                      f"{rng.choice(SUFFIX)}".replace("  ", " "),
              "industry": rng.choice(INDUSTRIES), "domains": [domain],
              "tags": rng.sample(TAGS, rng.randint(0, 2))}
    return fields


def contact_fields(rng: random.Random, n: int, company: str | None, domain: str) -> dict:
    if rng.random() < 0.25:
        last, first = rng.choice(CN_LAST), rng.choice(CN_FIRST)
        name, local = last + first, f"user{n}"
    else:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name, local = f"{first} {last}", f"{first[0]}.{last}{n}".lower()
    fields = {"name": name, "first_name": first, "last_name": last, "title": rng.choice(TITLES),
              "emails": [f"{local}@{domain}"] + ([f"{local}@gmail.com"] if rng.random() < 0.3 else []),
              "phones": [f"+{rng.choice(['1', '44', '49', '86'])} {rng.randint(100, 999)} "
                         f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
                         for _ in range(rng.choice((1, 1, 2)))],
              "tags": rng.sample(TAGS, rng.randint(0, 3))}
    if company:
        fields["company"] = company
    if rng.random() < 0.5:
        fields["custom.lead_source"] = rng.choice(SOURCES)
    return fields


def versions_of(fields: dict, hlc: str, by: str) -> dict:
    versions = {}
    for key, value in fields.items():
        if isinstance(value, list):
            versions[key] = {"v": max(1, len(value)), "e": {e: [hlc, True] for e in value},
                             "hlc": hlc, "by": by}
        else:
            versions[key] = {"v": 1, "hlc": hlc, "by": by}
    return versions


class Seeder:
    """Teams, users, devices and records written straight into a migrated database (COPY)."""

    def __init__(self, pg: PostgresServer, dbname: str, url: str):
        self.pg, self.dbname, self.url = pg, dbname, url
        self.password_hash = hash_password(PASSWORD)  # one Argon2 hash for every bench user
        self.revision = 0

    def teams_and_users(self, server: TeamServer, teams: list[tuple[str, str, int, str]]
                        ) -> dict[str, list[dict]]:
        """teams: (name, sharing, user count, role) -> {team name: [{id, email, team_id}]}"""
        people, now = {}, int(time.time() * 1000)
        rows = []
        for name, sharing, count, role in teams:
            team_id = server.team(name, sharing)
            slug = name.lower().replace(" ", "-")
            people[name] = [{"id": str(uuid.uuid4()), "email": f"{role}{i}@{slug}.example.com",
                             "team_id": team_id, "role": role} for i in range(count)]
            rows += [(p["id"], p["email"], p["email"].split("@")[0], self.password_hash, role,
                      team_id, True, now) for p in people[name]]
        with self.pg.connect(self.dbname) as conn, conn.cursor() as cur, cur.copy(
                "COPY users (id, email, name, password_hash, role, team_id, active, "
                "created_at) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return people

    def devices(self, server: TeamServer, users: list[dict], name: str) -> list[dict]:
        """A signed-in device per user (what POST /auth/token makes, without 200 Argon2
        verifications): adds token and device_id to each user dict."""
        with server.db.write() as tx:
            by_id = {u.id: u for u in tx.session.query(User).filter(
                User.id.in_([u["id"] for u in users]))}
            for person in users:
                device, token = new_device(tx.session, by_id[person["id"]], name, "127.0.0.1")
                person["token"], person["device_id"] = token, device.id
        return users

    def records(self, rows: list[dict]) -> None:
        """rows: {uuid, type, owner_id, team_id, fields}; one revision per 10 records (as
        pushes of 10), then server_state past them. Lookup keys too."""
        now = int(time.time() * 1000)
        seed_device = str(uuid.uuid4())
        with self.pg.connect(self.dbname) as conn:
            with conn.transaction(), conn.cursor() as cur:
                # Trusted rows: skip the per-row foreign-key triggers for the load.
                cur.execute("SET LOCAL session_replication_role = replica")
                with cur.copy("COPY records (uuid, type, owner_id, team_id, sharing, fields, "
                              "versions, client_versions, revision, created_at, updated_at, "
                              "deleted_at) FROM STDIN") as copy:
                    for i, row in enumerate(rows):
                        revision = self.revision + i // 10 + 1
                        at = now - (len(rows) - i) * 1000
                        hlc = f"{at:013d}:00000:{seed_device}"
                        versions = versions_of(row["fields"], hlc, row["owner_id"])
                        copy.write_row((row["uuid"], row["type"], row["owner_id"], row["team_id"],
                                        None, json.dumps(row["fields"], ensure_ascii=False),
                                        json.dumps(versions, ensure_ascii=False),
                                        json.dumps(client_versions(row["fields"], versions)),
                                        revision, at, at, None))
                with cur.copy("COPY record_keys (record_uuid, kind, value) FROM STDIN") as copy:
                    for row in rows:
                        record = SimpleNamespace(type=row["type"], fields=row["fields"],
                                                 deleted_at=None)  # what record_keys reads
                        for kind, value in record_keys(record):
                            copy.write_row((row["uuid"], kind, value))
                self.revision += (len(rows) - 1) // 10 + 1
                cur.execute("UPDATE server_state SET revision = %s WHERE id = 1", (self.revision,))
            conn.execute("VACUUM ANALYZE records")
            conn.execute("VACUUM ANALYZE record_keys")


def crm_rows(rng: random.Random, owners: list[dict], contacts: int, companies: int) -> list[dict]:
    """Companies then contacts (each contact at one of the companies), owners round-robin."""
    rows, company_refs = [], []
    for n in range(companies):
        owner = owners[n % len(owners)]
        fields = company_fields(rng, n)
        rows.append({"uuid": str(uuid.uuid4()), "type": "company", "owner_id": owner["id"],
                     "team_id": owner["team_id"], "fields": fields})
        company_refs.append((rows[-1]["uuid"], fields["domains"][0]))
    for n in range(contacts):
        owner = owners[(n * 7 + 3) % len(owners)]
        company, domain = rng.choice(company_refs) if company_refs else (None, "example.org")
        rows.append({"uuid": str(uuid.uuid4()), "type": "contact", "owner_id": owner["id"],
                     "team_id": owner["team_id"],
                     "fields": contact_fields(rng, n, company, domain)})
    # Interleave creation order a little, as a team's records are made over time.
    head, tail = rows[:companies], rows[companies:]
    rng.shuffle(tail)
    return head + tail


# -- measuring helpers ----------------------------------------------------------------------

def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": pct(values, 50), "p95": pct(values, 95),
            "p99": pct(values, 99), "max": max(values) if values else None,
            "mean": statistics.fmean(values) if values else None}


class ServerLog:
    """The server's JSON request lines written since a mark."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def requests(self) -> list[dict]:
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        lines = []
        for line in data.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("message") == "request":
                lines.append(entry)
        return lines

    def ms(self, path: str) -> list[float]:
        return [e["ms"] for e in self.requests() if e.get("path") == path]

    def errors(self) -> list[dict]:
        lines = []
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            for line in f.read().splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("level") in ("error", "critical") or (
                        entry.get("message") == "request" and entry.get("status", 200) >= 500):
                    if "exception" in entry:  # its last line says it
                        entry["exception"] = entry["exception"].strip().splitlines()[-1]
                    lines.append(entry)
        return lines


class CpuMeter:
    """CPU seconds used by process trees (server, PostgreSQL, this process) over a window."""

    def __init__(self, roots: dict[str, int]):
        self.roots = roots
        self.start: dict[str, dict[int, float]] = {}

    def _snapshot(self) -> dict[str, dict[int, float]]:
        snap = {}
        for name, pid in self.roots.items():
            procs = {}
            try:
                root = psutil.Process(pid)
                # This process's children are the server and py-spy: not the generator.
                tree = [root] if pid == os.getpid() else [root, *root.children(recursive=True)]
                for proc in tree:
                    try:
                        t = proc.cpu_times()
                        procs[proc.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            snap[name] = procs
        return snap

    @staticmethod
    def _busy() -> float:
        t = psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    def begin(self) -> None:
        self.start = self._snapshot()
        self.busy0 = self._busy()
        self.t0 = time.perf_counter()

    def end(self) -> dict:
        """Cores used on average by each tree, and by everything else on the machine
        (``other``: other people's processes share these cores)."""
        snap, wall = self._snapshot(), time.perf_counter() - self.t0
        busy = self._busy() - self.busy0
        used = {name: sum(cpu - self.start.get(name, {}).get(pid, 0.0) for pid, cpu in procs.items())
                for name, procs in snap.items()}
        return {"wall_s": round(wall, 1),
                **{f"{name}_cores": round(cpu / wall, 2) for name, cpu in used.items()},
                "other_cores": round(max(0.0, busy - sum(used.values())) / wall, 2)}


class PgSampler:
    """Samples pg_stat_activity of one database 10 times a second: how many backends are waiting
    for a lock (pushes queued on the revision row), idle inside a transaction (the app is
    working in Python while holding its locks), or running a statement."""

    def __init__(self, pg: PostgresServer, dbname: str):
        self.pg, self.dbname = pg, dbname
        self.samples: list[tuple[int, int, int]] = []
        self.waits: Counter = Counter()  # what the waiting statements are
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        with self.pg.connect(self.dbname) as conn:
            while not self._stop.is_set():
                row = conn.execute(
                    "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                    "count(*) FILTER (WHERE state = 'idle in transaction'), "
                    "count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT "
                    "FROM 'Lock') FROM pg_stat_activity WHERE datname = %s AND pid <> "
                    "pg_backend_pid()", (self.dbname,)).fetchone()
                self.samples.append(tuple(row))
                for wait, query in conn.execute(
                        "SELECT wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) "
                        "FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                        (self.dbname,)):
                    self.waits[f"{wait}: {query}"] += 1
                self._stop.wait(0.1)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        if not self.samples:
            return {}
        cols = list(zip(*self.samples))
        result = {name: {"mean": round(statistics.fmean(col), 2), "max": max(col)}
                  for name, col in zip(("waiting_for_lock", "idle_in_transaction", "running"), cols)}
        total = sum(self.waits.values()) or 1
        result["lock_waits_by_statement"] = {k: round(v / total, 3)
                                              for k, v in self.waits.most_common(5)}
        return result


def postmaster_pid(pg: PostgresServer) -> int:
    return int((pg.data / "postmaster.pid").read_text().split()[0])


def worker_pids(server: TeamServer) -> list[int]:
    """uvicorn's worker processes (multiprocessing spawn children; not its resource tracker),
    or the server process itself when it runs one worker in-process."""
    children = psutil.Process(server.process.pid).children(recursive=True)
    workers = [p.pid for p in children if "spawn_main" in " ".join(p.cmdline())]
    return workers or [server.process.pid]


class PySpy:
    """py-spy record (raw collapsed stacks, one file per process: feed them to flamegraph.pl or
    speedscope) of some processes for a while."""

    def __init__(self, out: Path | None, pids: dict[str, int], label: str, seconds: float):
        self.procs = []
        if out is None:
            return
        out.mkdir(parents=True, exist_ok=True)
        for name, pid in pids.items():
            self.procs.append(subprocess.Popen(
                [str(PY_SPY), "record", "--pid", str(pid), "--duration", str(max(1, int(seconds))),
                 # --gil: only the thread holding the GIL, i.e. where the CPU goes, not the
                 # threads waiting for it or for PostgreSQL (most of them under load)
                 "--rate", "200", "--nonblocking", "--gil", "--format", "raw",
                 "-o", str(out / f"{label}-{name}.txt")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def wait(self) -> None:
        for proc in self.procs:
            try:
                proc.wait(120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


SERVER_ROOT: Path | None = None  # --server-root: serve another checkout's ``server`` package


class OtherCheckoutServer(TeamServer):
    """``python -m server run`` from another directory (A/B runs of a change to server/)."""

    def start(self) -> TeamServer:
        import tests.support.team_server as support
        real_repo, support.REPO = support.REPO, SERVER_ROOT  # its cwd and PYTHONPATH
        try:
            return super().start()
        finally:
            support.REPO = real_repo


def start_server(url: str, log: Path, workers: int) -> TeamServer:
    server = (OtherCheckoutServer if SERVER_ROOT else TeamServer)(url, log, workers=workers)
    server.start()
    # Every worker up (the health check answered from one).
    deadline = time.monotonic() + 30
    while workers > 1 and len(worker_pids(server)) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    return server


# -- 1. load --------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.push: list[float] = []
        self.pull: list[float] = []
        self.errors: list[str] = []
        self.error_kinds: Counter = Counter()
        self.dropped_idle: list[float] = []  # idle time of connections that failed
        self.statuses: Counter = Counter()
        self.conflicts_pulled = 0
        self.measuring = False
        self.catch_up_pulls = 0


class SimDevice:
    def __init__(self, person: dict, own: list[str], team: list[str], rng: random.Random):
        self.person = person
        self.headers = {"Authorization": f"Bearer {person['token']}",
                        "X-Liaison-Schema": str(SCHEMA_VERSION)}
        self.own, self.team = own, team
        self.rng = rng
        self.cursor: str | None = None
        self.versions: dict[str, dict[str, int]] = {}
        self.tags: dict[str, list[str]] = {}
        self.counter = 0
        self.http: LeanClient | None = None
        self.last_answer = time.perf_counter()

    def hlc(self) -> str:
        self.counter += 1
        return f"{int(time.time() * 1000):013d}:{self.counter % 100000:05d}:{self.person['device_id']}"

    async def _request(self, kind: str, stats: Stats, method: str, url: str, **kw):
        started = time.perf_counter()
        idle = started - self.last_answer  # how long the keep-alive connection sat unused
        try:
            answer = await self.http.request(method, url, headers=self.headers, **kw)
        except TransportError as exc:
            if stats.measuring:
                stats.errors.append(f"{kind}: {exc} (connection idle {idle:.1f} s before)")
                stats.error_kinds[exc.kind] += 1
                stats.dropped_idle.append(round(idle, 2))
            return None
        self.last_answer = time.perf_counter()
        elapsed = (self.last_answer - started) * 1000
        if answer.status_code != 200:
            if stats.measuring:
                stats.errors.append(f"{kind}: HTTP {answer.status_code} {answer.text[:200]}")
                stats.error_kinds[f"HTTP {answer.status_code}"] += 1
            return None
        if stats.measuring:
            getattr(stats, kind).append(elapsed)
        return answer.json()

    async def pull(self, stats: Stats) -> None:
        while True:
            params = {"cursor": self.cursor} if self.cursor else {}
            page = await self._request("pull", stats, "GET", "/api/v1/sync/pull", params=params)
            if page is None:
                return
            for record in page["records"]:
                self.versions[record["uuid"]] = {k: v["v"] for k, v in record["versions"].items()}
                self.tags[record["uuid"]] = list(record["fields"].get("tags") or [])
            if stats.measuring:
                stats.conflicts_pulled += len(page["conflicts"])
            self.cursor = page["cursor"]
            if not page["more"]:
                return

    def mutation(self) -> dict:
        rng = self.rng
        record = rng.choice(self.own) if rng.random() < 0.6 else rng.choice(self.team)
        common = {"id": uuid.uuid4().hex, "type": "contact", "record": record, "hlc": self.hlc()}
        roll = rng.random()
        if roll < 0.6:
            field = rng.choice(SCALAR_EDITS)
            value = (rng.choice(TITLES) if field == "title"
                     else f"{rng.choice(['call back', 'send quote', 'demo', 'visit'])} {rng.randint(1, 999)}")
            return {**common, "op": "set", "field": field, "value": value,
                    "base": self.versions.get(record, {}).get(field)}
        if roll < 0.85:
            tags = self.tags.get(record, [])
            if tags and rng.random() < 0.4:
                return {**common, "op": "remove", "field": "tags", "value": rng.choice(tags)}
            return {**common, "op": "add", "field": "tags", "value": rng.choice(TAGS)}
        return {**common, "op": "add", "field": "phones",
                "value": f"+86 {rng.randint(130, 199)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"}

    async def push(self, stats: Stats) -> None:
        mutations = [self.mutation() for _ in range(self.rng.randint(1, 5))]
        answer = await self._request("push", stats, "POST", "/api/v1/sync/push",
                                     json={"mutations": mutations})
        if answer is not None and stats.measuring:
            stats.statuses.update(r["status"] for r in answer["results"])

    async def run(self, stats: Stats, until: float, push_share: float, interval: tuple) -> None:
        await asyncio.sleep(self.rng.uniform(0, interval[1]))
        while time.perf_counter() < until:
            if self.rng.random() < push_share:
                await self.push(stats)
            await self.pull(stats)
            await asyncio.sleep(self.rng.uniform(*interval))


async def loop_lag(stop: asyncio.Event, lags: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        lags.append((time.perf_counter() - started - 0.05) * 1000)


async def drive(devices: list[SimDevice], base_url: str, seconds: float, push_share: float,
                interval: tuple, cpu: CpuMeter, log: ServerLog, window_started=None,
                sampler: PgSampler | None = None) -> dict:
    for device in devices:
        device.http = LeanClient(base_url, timeout=30)
    stats = Stats()
    try:
        # Catch up (the first time: every device's first pull of its 500 records), unmeasured.
        started = time.perf_counter()
        gate = asyncio.Semaphore(8)

        async def catch_up(device):
            async with gate:
                await device.pull(stats)
        await asyncio.gather(*(catch_up(d) for d in devices))
        catch_up_s = time.perf_counter() - started

        settle_heap()
        stats.measuring = True
        if window_started:
            window_started()
        log.mark()
        lags: list[float] = []
        stop = asyncio.Event()
        lag_task = asyncio.create_task(loop_lag(stop, lags))
        cpu.begin()
        if sampler:
            sampler.start()
        t0 = time.perf_counter()
        until = t0 + seconds
        await asyncio.gather(*(d.run(stats, until, push_share, interval) for d in devices))
        window = time.perf_counter() - t0
        usage = cpu.end()
        backends = sampler.stop() if sampler else {}
        stop.set()
        await lag_task
        stats.measuring = False
    finally:
        for device in devices:
            await device.http.aclose()
    server_push, server_pull = log.ms("/api/v1/sync/push"), log.ms("/api/v1/sync/pull")
    requests = len(stats.push) + len(stats.pull)
    # What the load costs, whatever the latency: CPU per request of each tree, and the cores
    # the scenario needs at the rate its devices would make if every answer were instant
    # (one pull and push_share pushes per mean interval each). Above the cores left over by
    # other processes, the loop slows down and queues instead.
    per_request = {name[:-len("_cores")]: round(usage[name] * window * 1000 / max(1, requests), 2)
                   for name in ("server_cores", "postgres_cores", "generator_cores")}
    nominal_rate = len(devices) * (1 + push_share) / (sum(interval) / 2)
    cost = {"cpu_ms_per_request": per_request, "nominal_requests_per_s": round(nominal_rate, 1),
            "cores_needed_at_nominal_rate": round(nominal_rate * sum(per_request.values()) / 1000,
                                                  2)}
    return {"catch_up_s": round(catch_up_s, 2), "window_s": round(window, 1),
            "requests_per_s": round((len(stats.push) + len(stats.pull)) / window, 1),
            "push": summary(stats.push), "pull": summary(stats.pull),
            "server_push": summary(server_push), "server_pull": summary(server_pull),
            "errors": len(stats.errors), "error_kinds": dict(stats.error_kinds),
            "transport_errors_after_idle_s": sorted(stats.dropped_idle),
            "error_samples": stats.errors[:10],
            "server_errors": log.errors()[:5],
            "mutation_statuses": dict(stats.statuses), "conflicts_pulled": stats.conflicts_pulled,
            "pushes_per_s": round(len(stats.push) / window, 1),
            "generator_loop_lag_ms": summary(lags), "cpu": usage, "cost": cost,
            "postgres_backends": backends}


def bench_load(pg: PostgresServer, work: Path, workers_list: list[int], seconds: float,
               push_share: float, py_spy: Path | None, interval: tuple = (2.0, 6.0)) -> dict:
    print("load: seeding 10 teams x 20 reps x 25 contacts...", flush=True)
    url = pg.create_database("load")
    server = TeamServer(url, work / "load-seed.log")  # not started: for seeding only
    seeder = Seeder(pg, "load", url)
    rng = random.Random(1)
    people = seeder.teams_and_users(server, [(f"Team {t}", "edit", 20, "rep") for t in range(10)])
    everyone = [p for team in people.values() for p in team]
    seeder.devices(server, everyone, "bench laptop")
    rows = []
    for team in people.values():
        company_rows = crm_rows(rng, team, contacts=0, companies=20)
        companies = [(r["uuid"], r["fields"]["domains"][0]) for r in company_rows]
        rows += company_rows
        for person in team:
            for n in range(25):
                company, domain = rng.choice(companies)
                rows.append({"uuid": str(uuid.uuid4()), "type": "contact", "owner_id": person["id"],
                             "team_id": person["team_id"],
                             "fields": contact_fields(rng, len(rows), company, domain)})
    seeder.records(rows)
    server.stop()
    contacts = [r for r in rows if r["type"] == "contact"]
    devices = []
    for team in people.values():
        team_ids = {p["id"] for p in team}
        team_contacts = [r for r in contacts if r["owner_id"] in team_ids]
        for person in team:
            own = [r["uuid"] for r in team_contacts if r["owner_id"] == person["id"]]
            others = [r["uuid"] for r in team_contacts if r["owner_id"] != person["id"]]
            devices.append(SimDevice(person, own, others, random.Random(person["id"])))

    results = {}
    for workers in workers_list:
        log_path = work / f"load-{workers}.log"
        server = start_server(url, log_path, workers)
        try:
            cpu = CpuMeter({"server": server.process.pid, "postgres": postmaster_pid(pg),
                            "generator": os.getpid()})
            spies = []

            def window_started(server=server, spies=spies, workers=workers):
                if py_spy is not None:
                    pids = {f"worker{i}": pid for i, pid in enumerate(worker_pids(server))}
                    pids["generator"] = os.getpid()
                    spies.append(PySpy(py_spy, pids, f"load-{workers}w", seconds))
            result = asyncio.run(drive(devices, server.base_url, seconds, push_share,
                                       interval, cpu, ServerLog(log_path), window_started,
                                       PgSampler(pg, "load")))
            for spy in spies:
                spy.wait()
        finally:
            server.stop()
        results[str(workers)] = result
        print(f"load, {workers} worker(s): push p50/p95/p99 "
              f"{result['push']['p50']:.0f}/{result['push']['p95']:.0f}/{result['push']['p99']:.0f} ms, "
              f"pull {result['pull']['p50']:.0f}/{result['pull']['p95']:.0f}/{result['pull']['p99']:.0f} ms, "
              f"{result['requests_per_s']} req/s ({result['pushes_per_s']} pushes/s), "
              f"{result['errors']} errors, cpu {result['cpu']}, backends {result['postgres_backends']}",
              flush=True)
    return {"devices": len(devices), "teams": 10, "records": len(rows),
            "push_share": push_share, "interval_s": list(interval), "window_s": seconds,
            "by_workers": results}


# -- 2, 3, 4. first pull, empty pull, audit -----------------------------------------------------

def settle_heap() -> None:
    """Move everything alive now (seeded rows, devices' state) out of the garbage collector's
    sight: otherwise a full collection walks this process's large heap of test data during a
    measurement (pauses of up to a second, which a server process would not have)."""
    gc.collect()
    gc.freeze()


def first_pull(server: TeamServer, person: dict, log: ServerLog) -> tuple[dict, str]:
    settle_heap()
    log.mark()
    headers = {"Authorization": f"Bearer {person['token']}", "X-Liaison-Schema": str(SCHEMA_VERSION)}
    pages, records, seen, cursor = [], 0, set(), None
    with httpx.Client(base_url=server.base_url, timeout=120, headers=headers) as http:
        started = time.perf_counter()
        while True:
            t = time.perf_counter()
            answer = http.get("/api/v1/sync/pull", params={"cursor": cursor} if cursor else {})
            answer.raise_for_status()
            page = decode_answer(answer.content)
            pages.append((time.perf_counter() - t) * 1000)
            records += len(page["records"])
            seen.update(r["uuid"] for r in page["records"])
            cursor = page["cursor"]
            if not page["more"]:
                break
        total = time.perf_counter() - started
    server_ms = log.ms("/api/v1/sync/pull")
    sample = page["records"][-1] if page["records"] else None
    return {"seconds": round(total, 2), "records": records, "distinct": len(seen),
            "pages": len(pages), "page_ms": summary(pages),
            "first_pages_ms": [round(p, 1) for p in pages[:3]],
            "last_pages_ms": [round(p, 1) for p in pages[-3:]],
            "server_ms_total": round(sum(server_ms), 1), "server_page_ms": summary(server_ms),
            "sample_record": sample}, cursor


def empty_pulls(server: TeamServer, person: dict, cursor: str, log: ServerLog, n: int = 200) -> dict:
    headers = {"Authorization": f"Bearer {person['token']}", "X-Liaison-Schema": str(SCHEMA_VERSION)}
    end_to_end = []
    with httpx.Client(base_url=server.base_url, timeout=30, headers=headers) as http:
        for _ in range(5):  # warm the connection and the worker
            http.get("/api/v1/sync/pull", params={"cursor": cursor}).raise_for_status()
        log.mark()
        for _ in range(n):
            t = time.perf_counter()
            answer = http.get("/api/v1/sync/pull", params={"cursor": cursor})
            answer.raise_for_status()
            end_to_end.append((time.perf_counter() - t) * 1000)
            body = answer.json()
            assert not body["records"] and not body["more"], "the pull was not empty"
    return {"server_ms": summary(log.ms("/api/v1/sync/pull")), "end_to_end_ms": summary(end_to_end)}


AUDIT_SQL = """
INSERT INTO audit_log (at, user_id, user_email, device_id, address, action, record_type,
                       record_uuid, field, old, new, detail)
SELECT {t0}::bigint + g * {step}::bigint,
       u.id, u.email, u.device, '10.1.' || (u.n % 200) || '.' || (u.n % 97 + 2),
       a.action,
       CASE WHEN a.action = 'login' THEN NULL ELSE r.type END,
       CASE WHEN a.action = 'login' THEN NULL ELSE r.uuid END,
       CASE WHEN a.action IN ('update', 'conflict') THEN f.field END,
       CASE WHEN a.action IN ('update', 'conflict') THEN to_json('was ' || (g % 9973)) END,
       CASE WHEN a.action IN ('update', 'conflict') THEN to_json('now ' || (g % 9967)) END,
       CASE WHEN a.action = 'login' THEN json_build_object('device', u.device, 'device_name', 'laptop')
            WHEN a.action = 'create' THEN json_build_object('mutation', md5(g::text)) END
FROM (SELECT g,
             floor({records} * power(random(), 2.0))::int AS rn,
             floor({users} * power(random(), 1.6))::int AS un,
             floor(100 * random())::int AS an,
             floor(8 * random())::int AS fn
      FROM generate_series({first}, {last}) AS g) s
JOIN bench_users u ON u.n = s.un
JOIN bench_records r ON r.n = s.rn
JOIN (SELECT n, CASE WHEN n < 82 THEN 'update' WHEN n < 92 THEN 'create'
                     WHEN n < 94 THEN 'delete' WHEN n < 96 THEN 'conflict' ELSE 'login' END AS action
      FROM generate_series(0, 99) n) a ON a.n = s.an
JOIN (SELECT n, (ARRAY['name','title','emails','phones','tags','company','first_name',
                       'custom.lead_source'])[n + 1] AS field
      FROM generate_series(0, 7) n) f ON f.n = s.fn
"""

AUDIT_INDEXES = {
    "ix_audit_record": "CREATE INDEX ix_audit_record ON audit_log (record_uuid, id)",
    "ix_audit_user": "CREATE INDEX ix_audit_user ON audit_log (user_id, id)",
    "ix_audit_at": "CREATE INDEX ix_audit_at ON audit_log (at)",
}


def seed_audit(pg: PostgresServer, dbname: str, rows: int) -> dict:
    """``rows`` audit entries over every record and user of the database. Indexes are dropped
    for the load and rebuilt (same definitions as the migration), then VACUUM ANALYZE."""
    timings = {}
    started = time.perf_counter()
    with pg.connect(dbname) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_users; DROP TABLE IF EXISTS bench_records")
        conn.execute("CREATE TABLE bench_users AS SELECT (row_number() OVER (ORDER BY md5(u.id)) - 1)::int AS n, "
                     "u.id, u.email, coalesce(min(d.id), md5(u.id)::uuid::text) AS device "
                     "FROM users u LEFT JOIN devices d ON d.user_id = u.id GROUP BY u.id, u.email")
        # Random order: record 0 (the hottest) is any record.
        conn.execute("CREATE TABLE bench_records AS SELECT (row_number() OVER (ORDER BY md5(uuid)) - 1)::int AS n, "
                     "uuid, type FROM records")
        conn.execute("CREATE UNIQUE INDEX ON bench_users (n); CREATE UNIQUE INDEX ON bench_records (n)")
        conn.execute("ANALYZE bench_users; ANALYZE bench_records")
        users = conn.execute("SELECT count(*) FROM bench_users").fetchone()[0]
        records = conn.execute("SELECT count(*) FROM bench_records").fetchone()[0]
        for name in AUDIT_INDEXES:
            conn.execute(f"DROP INDEX {name}")
    now = int(time.time() * 1000)
    span = 2 * 365 * 86400 * 1000  # two years of history
    step = span // rows
    halves = [(1, rows // 2), (rows // 2 + 1, rows)]
    errors = []

    def insert(first, last):
        try:
            with pg.connect(dbname) as conn:
                conn.execute("SET work_mem = '64MB'")
                conn.execute(AUDIT_SQL.format(t0=now - span, step=step, records=records,
                                              users=users, first=first, last=last))
        except Exception as exc:  # noqa: BLE001 - raised again below, in the main thread
            errors.append(exc)
    threads = [threading.Thread(target=insert, args=half) for half in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    timings["insert_s"] = round(time.perf_counter() - started, 1)
    mark = time.perf_counter()

    def index(sql):
        with pg.connect(dbname) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute(sql)
    threads = [threading.Thread(target=index, args=(sql,)) for sql in AUDIT_INDEXES.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    timings["index_s"] = round(time.perf_counter() - mark, 1)
    mark = time.perf_counter()
    with pg.connect(dbname) as conn:
        conn.execute("VACUUM ANALYZE audit_log")
        timings["vacuum_analyze_s"] = round(time.perf_counter() - mark, 1)
        timings["rows"] = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        timings["table_mb"] = round(conn.execute(
            "SELECT pg_total_relation_size('audit_log')").fetchone()[0] / 1e6)
        timings["records_with_rows"] = records
        timings["users"] = users
        top = conn.execute("SELECT record_uuid, count(*) FROM audit_log WHERE record_uuid = "
                           "(SELECT uuid FROM bench_records WHERE n = 0) GROUP BY 1").fetchone()
        timings["hottest_record"] = {"uuid": top[0], "rows": top[1]}
        top = conn.execute("SELECT u.email, count(*) FROM audit_log a JOIN bench_users u "
                           "ON u.id = a.user_id WHERE u.n = 0 GROUP BY 1").fetchone()
        timings["busiest_user"] = {"email": top[0], "rows": top[1]}
        conn.execute("DROP TABLE bench_users; DROP TABLE bench_records")
    timings["total_s"] = round(time.perf_counter() - started, 1)
    return timings


def bench_audit(pg, dbname, url, server: TeamServer, admin: dict, records: list[str],
                emails: list[str], log: ServerLog, rng: random.Random, n: int = 200) -> dict:
    settle_heap()
    db = Database(url)
    out = {}
    rec_sample = [rng.choice(records) for _ in range(n)]
    user_sample = [rng.choice(emails) for _ in range(n)]
    try:
        for label, kwargs in (("record", lambda i: {"record_uuid": rec_sample[i]}),
                              ("user", lambda i: {"user_email": user_sample[i]})):
            for limit in (100, 1000):
                times, counts = [], []
                for i in range(n):
                    t = time.perf_counter()
                    with db.read() as session:
                        rows = audit_rows(session, limit=limit, **kwargs(i))
                    times.append((time.perf_counter() - t) * 1000)
                    counts.append(len(rows))
                out[f"audit_rows_by_{label}_limit{limit}"] = {
                    **summary(times), "rows_median": statistics.median(counts)}
    finally:
        db.dispose()
    headers = {"Authorization": f"Bearer {admin['token']}", "X-Liaison-Schema": str(SCHEMA_VERSION)}
    with httpx.Client(base_url=server.base_url, timeout=30, headers=headers) as http:
        http.get("/api/v1/admin/audit", params={"record": records[0]}).raise_for_status()
        for label, param, sample in (("record", "record", rec_sample), ("user", "user", user_sample)):
            log.mark()
            times, counts = [], []
            for value in sample:
                t = time.perf_counter()
                answer = http.get("/api/v1/admin/audit", params={param: value})
                answer.raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
                counts.append(len(answer.json()))
            out[f"api_by_{label}"] = {"end_to_end_ms": summary(times),
                                      "server_ms": summary(log.ms("/api/v1/admin/audit")),
                                      "rows_median": statistics.median(counts)}
    with pg.connect(dbname) as conn:
        for label, where in (("record", "record_uuid = %s"), ("user", "user_id = (SELECT id FROM users WHERE email = %s)")):
            value = rec_sample[0] if label == "record" else user_sample[0]
            plan = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM audit_log WHERE {where} "
                                "ORDER BY id DESC LIMIT 1000", (value,)).fetchall()
            out[f"explain_by_{label}"] = [row[0] for row in plan]
    return out


def bench_bulk(pg: PostgresServer, work: Path, audit_count: int, py_spy: Path | None) -> dict:
    print("first pull: seeding 100,000 visible records (+10,000 of another team)...", flush=True)
    started = time.perf_counter()
    url = pg.create_database("bulk")
    seed_server = TeamServer(url, work / "bulk-seed.log")
    seeder = Seeder(pg, "bulk", url)
    rng = random.Random(2)
    people = seeder.teams_and_users(seed_server, [("Sales East", "read", 150, "rep"),
                                                  ("Sales West", "read", 50, "rep"),
                                                  ("IT", "private", 1, "admin")])
    east, west = people["Sales East"], people["Sales West"]
    rows = crm_rows(rng, east, contacts=95_000, companies=5_000)
    rows += crm_rows(rng, west, contacts=9_500, companies=500)
    seeder.records(rows)
    puller = seeder.devices(seed_server, [east[0]], "new laptop")[0]
    admin = seeder.devices(seed_server, people["IT"], "admin laptop")[0]
    seeder.devices(seed_server, east[1:] + west, "laptop")
    seed_server.stop()
    seed_s = round(time.perf_counter() - started, 1)
    print(f"  seeded in {seed_s} s", flush=True)

    log_path = work / "bulk.log"
    server = start_server(url, log_path, 2)
    try:
        log = ServerLog(log_path)
        spy = PySpy(py_spy, {f"worker{i}": pid for i, pid in enumerate(worker_pids(server))},
                    "first-pull", 30)
        cpu = CpuMeter({"server": server.process.pid, "postgres": postmaster_pid(pg),
                        "generator": os.getpid()})
        cpu.begin()
        result, cursor = first_pull(server, puller, log)
        result["cpu"] = cpu.end()
        spy.wait()
        print(f"first pull: {result['records']} records in {result['pages']} pages, "
              f"{result['seconds']} s (server {result['server_ms_total'] / 1000:.1f} s; pages "
              f"first {result['first_pages_ms']} ms, last {result['last_pages_ms']} ms)", flush=True)
        with pg.connect("bulk") as conn:
            result["explain"] = explain_pull_queries(conn, puller)
        cpu.begin()
        empty = empty_pulls(server, puller, cursor, log)
        empty["cpu"] = cpu.end()
        print(f"empty pull: server p50 {empty['server_ms']['p50']} ms, p99 {empty['server_ms']['p99']} "
              f"ms; end to end p50 {empty['end_to_end_ms']['p50']:.1f} ms, "
              f"p99 {empty['end_to_end_ms']['p99']:.1f} ms", flush=True)
        if not audit_count:
            return {"seed_s": seed_s, "first_pull": result, "empty_pull": empty}
        print(f"audit: generating {audit_count:,} rows...", flush=True)
        seeding = seed_audit(pg, "bulk", audit_count)
        print(f"  {seeding}", flush=True)
        cpu.begin()
        audit = bench_audit(pg, "bulk", url, server, admin, [r["uuid"] for r in rows],
                            [p["email"] for team in people.values() for p in team], log,
                            random.Random(3))
        audit["cpu"] = cpu.end()
        audit["seeding"] = seeding
        for key, value in audit.items():
            if key.startswith(("audit_rows", "api")):
                print(f"  {key}: {json.dumps(value)}", flush=True)
    finally:
        server.stop()
    return {"seed_s": seed_s, "first_pull": result, "empty_pull": empty, "audit": audit}


def explain_pull_queries(conn, person: dict, position: int = 50_000) -> dict:
    """EXPLAIN ANALYZE of the page query and the "gone" statements of the page that starts
    ``position`` records into this rep's first pull, built by ``server.sync.pull``'s own
    builders (after the pull: the device has been sent every record). The gone statement is
    a DELETE: it runs in a transaction that is rolled back."""
    from sqlalchemy import and_
    from sqlalchemy.dialects import postgresql

    from server.policy.permissions import rep_visible_clause
    from server.policy.principal import Principal
    from server.sync.pull import _after, _upto, forget_sent, hidden_query, page_query
    keys = conn.execute("SELECT revision, uuid FROM records WHERE team_id = %s "
                        "ORDER BY revision, uuid OFFSET %s LIMIT 501",
                        (person["team_id"], position - 1)).fetchall()
    (revision, last), end = keys[0], keys[-2]
    ceiling = conn.execute("SELECT revision FROM server_state").fetchone()[0]
    sharing = conn.execute("SELECT sharing FROM teams WHERE id = %s",
                           (person["team_id"],)).fetchone()[0]
    principal = Principal(person["id"], person["email"], "rep", person["team_id"],
                          device_id=person["device_id"])
    visible = rep_visible_clause(principal, sharing)
    window = and_(_after(revision, last), _upto(*end))

    def sql(statement) -> str:
        return str(statement.compile(dialect=postgresql.dialect(),
                                     compile_kwargs={"literal_binds": True}))
    statements = {"page": sql(page_query(visible, revision, last, ceiling, 500)),
                  "hidden": sql(hidden_query(visible, window))}
    hidden = [r[0] for r in conn.execute(statements["hidden"])]
    if hidden:  # pull does not run it for a page without hidden records
        statements["gone"] = sql(forget_sent("postgresql", principal.device_id, hidden))
    plans = {}
    for name, text in statements.items():
        plans[name] = [r[0] for r in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + text)]
        conn.rollback()
    return plans


# -- report -------------------------------------------------------------------------------------

def verdict(value, target) -> str:
    return "n/a" if value is None else ("ok" if value < target else "MISSED")


def report(result: dict) -> None:
    print()
    print(f"{'measure':58}{'value':>12}{'target':>10}  verdict")
    for workers, run in result.get("load", {}).get("by_workers", {}).items():
        for kind in ("push", "pull"):
            s = run[kind]
            print(f"{f'load {workers}w: {kind} p50/p95/p99 ms (end to end)':58}"
                  f"{s['p50']:>4.0f}/{s['p95']:>3.0f}/{s['p99']:>3.0f}{'< 300':>10}  "
                  f"{verdict(s['p99'], TARGETS['load_p99_ms'])}")
            s = run[f"server_{kind}"]
            print(f"{f'load {workers}w: {kind} p50/p99 ms (server log)':58}"
                  f"{s['p50']:>7.0f}/{s['p99']:>3.0f}")
        rate = run["requests_per_s"]
        print(f"{f'load {workers}w: errors ({rate} req/s)':58}"
              f"{run['errors']:>12}{'0':>10}  {'ok' if run['errors'] == 0 else 'MISSED'}")
        lag = run["generator_loop_lag_ms"]
        print(f"{f'load {workers}w: generator loop lag p99 ms; cpu cores':58}{lag['p99']:>12.1f}"
              f"  server {run['cpu']['server_cores']}, postgres {run['cpu']['postgres_cores']}, "
              f"generator {run['cpu']['generator_cores']}, others {run['cpu']['other_cores']}")
        if "cost" in run:
            cost = run["cost"]
            each = ", ".join(f"{k} {v}" for k, v in cost["cpu_ms_per_request"].items())
            label = (f"load {workers}w: cpu ms per request; cores at "
                     f"{cost['nominal_requests_per_s']} req/s")
            print(f"{label:58}{sum(cost['cpu_ms_per_request'].values()):>12.1f}  {each}; "
                  f"{cost['cores_needed_at_nominal_rate']} cores")
    if "bulk" not in result:
        return
    fp = result["bulk"]["first_pull"]
    print(f"{'first pull of ' + str(fp['records']) + ' records, s (wall, ' + str(fp['pages']) + ' pages)':58}"
          f"{fp['seconds']:>12.1f}{'< 20':>10}  {verdict(fp['seconds'], TARGETS['first_pull_s'])}")
    ep = result["bulk"]["empty_pull"]
    print(f"{'empty pull, server ms median/p99':58}{ep['server_ms']['p50']:>7.1f}/{ep['server_ms']['p99']:<4.1f}"
          f"{'< 20':>10}  {verdict(ep['server_ms']['p99'], TARGETS['empty_pull_ms'])}")
    print(f"{'empty pull, end to end ms median/p99':58}{ep['end_to_end_ms']['p50']:>7.1f}/"
          f"{ep['end_to_end_ms']['p99']:<4.1f}")
    if "audit" not in result["bulk"]:
        return
    audit = result["bulk"]["audit"]
    rows = audit["seeding"]["rows"]
    for key, value in audit.items():
        if key.startswith("audit_rows"):
            print(f"{f'audit {rows:,} rows: {key} p50/p99 ms':58}{value['p50']:>7.1f}/{value['p99']:<4.1f}"
                  f"{'< 50':>10}  {verdict(value['p99'], TARGETS['audit_ms'])}")
        elif key.startswith("api"):
            s, e = value["server_ms"], value["end_to_end_ms"]
            print(f"{f'audit {rows:,} rows: GET /admin/audit {key[4:]} p50/p99 ms (server)':58}"
                  f"{s['p50']:>7.1f}/{s['p99']:<4.1f}{'< 50':>10}  {verdict(s['p99'], TARGETS['audit_ms'])}")
            print(f"{f'audit {rows:,} rows: GET /admin/audit {key[4:]} p50/p99 ms (end to end)':58}"
                  f"{e['p50']:>7.1f}/{e['p99']:<4.1f}{'< 50':>10}  {verdict(e['p99'], TARGETS['audit_ms'])}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true",
                        help="15 s load with 2 workers, 1,000,000 audit rows")
    parser.add_argument("--workers", help="worker counts for the load, e.g. 1,2,4")
    parser.add_argument("--seconds", type=float, help="load window per worker count")
    parser.add_argument("--push-share", type=float, default=0.5,
                        help="share of a device's cycles that push a batch (default 0.5)")
    parser.add_argument("--interval", default="2,6", help="a device's wait between cycles, "
                        "uniform in LO,HI seconds (default 2,6: the issue's scenario; longer "
                        "waits show the cost of a request without queueing)")
    parser.add_argument("--audit-rows", type=int)
    parser.add_argument("--skip", default="", help="comma list of parts to skip: load, bulk (first "
                        "pull, empty pull, audit), audit")
    parser.add_argument("--server-root", type=Path, help="run the server package found in this "
                        "directory instead of this checkout's (to measure a change; its "
                        "database schema must be this checkout's, which the seeding writes: "
                        "across a migration, run the other checkout's bench instead)")
    parser.add_argument("--keep-logs", type=Path, help="copy the servers' logs here")
    parser.add_argument("--out", type=Path, help="result file (default bench/results/server.json, "
                        "server-quick.json with --quick)")
    parser.add_argument("--py-spy", type=Path, help="record flame graphs of the workers here "
                        "(load with 2 workers, first pull)")
    args = parser.parse_args()
    global SERVER_ROOT
    SERVER_ROOT = args.server_root.resolve() if args.server_root else None
    workers = [int(w) for w in (args.workers or ("2" if args.quick else "1,2,4")).split(",")]
    seconds = args.seconds or (15 if args.quick else 60)
    audit_count = args.audit_rows or (1_000_000 if args.quick else 10_000_000)
    skip = set(filter(None, args.skip.split(",")))

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="liaison-server-bench-"))
    pg = PostgresServer(durable=True).start()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=False,
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "server"], cwd=REPO, check=False,
                           capture_output=True, text=True).stdout.split("\n")
    result = {"quick": args.quick, "commit": commit,
              "server_changes_not_committed": [line[3:] for line in dirty if line.strip()],
              "server_root": str(SERVER_ROOT or REPO), "cores": os.cpu_count(),
              "postgres": pg.bin.parent.name,
              "postgres_settings": "durable (fsync, synchronous_commit, full_page_writes on; "
                                   "defaults otherwise)", "targets": TARGETS}
    try:
        if "bulk" not in skip:
            result["bulk"] = bench_bulk(pg, work, 0 if "audit" in skip else audit_count,
                                        args.py_spy)
        if "load" not in skip:
            interval = tuple(float(x) for x in args.interval.split(","))
            result["load"] = bench_load(pg, work, workers, seconds, args.push_share, args.py_spy,
                                        interval)
    finally:
        pg.stop()
        if args.keep_logs:  # the servers' JSON logs, for a closer look
            shutil.copytree(work, args.keep_logs, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    result["total_s"] = round(time.perf_counter() - started, 1)
    out = args.out or REPO / "bench" / "results" / ("server-quick.json" if args.quick
                                                      else "server.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    report(result)
    print(f"\ntotal {result['total_s']} s; {out}")


if __name__ == "__main__":
    main()
