"""What the encrypted profile costs: plain against encrypted, A/B interleaved, CPU time.

    .venv/bin/python -m bench.encryption_bench [--sync-messages 2000] [--search-messages 20000]
                                               [--rounds 3] [--queries 10] [--runs 3]

* **initial sync** (``bench.sync_bench``'s: ``python main.py sync`` of a seeded Dovecot
  Inbox, searchable at the end): the same command with ``LIAISON_PROFILE_ENCRYPTION=off`` and
  ``on``, alternating, each into a new profile; the child's CPU time (user + system, its
  indexing workers included: wait4) and the wall time; medians of the rounds.
* **search** (``bench.search_bench``'s queries, newest 50 per query): one profile of
  ``--search-messages`` messages built and indexed plain, a copy converted to encrypted
  (``app.store.convert``); each query run on both in turn; p95 and median of the wall time and
  the CPU time (this process's) per query kind and overall.
* **the driver alone**: the same plain file also through ``sqlcipher3`` without a key, in the
  same rotation, so a cost of the SQLCipher build (not of the encryption) shows by itself: that
  is how sqlcipher3-binary's unoptimised binding was found (README, "The encrypted profile").
  Since the contentless search index (migration 0018) a plain profile is opened through
  sqlcipher3 as well, so this column and "plain" differ only in their connection pool.
* **start-up**: opening the profile as the window does (``app.profile.open_profile``: the key
  from the keyring, the schema check, the store) and reading the Inbox's newest 50 messages,
  alternating plain and encrypted, the key read from the (test, in-memory) keyring each time.

Prints a table and writes bench/results/encryption.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.search_bench import pick_queries  # noqa: E402
from bench.search_corpus import Corpus  # noqa: E402
from bench.sync_bench import PASSWORD, seed, warm_index  # noqa: E402


def _child(command: list[str], env: dict, stdin: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process and the children it waited for."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=REPO)
    output = proc.communicate(stdin.encode() if stdin else None)[0]
    _pid, status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, None):
        raise SystemExit(f"{command} failed:\n{output.decode('utf-8', 'replace')}")
    return wall, (usage.ru_utime + usage.ru_stime) if usage else float("nan")


def _sync_once(server, work: Path, mode: str) -> tuple[float, float]:
    work.mkdir()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.test_keyring.FileKeyring",
           "LIAISON_TEST_KEYRING_FILE": str(work / "keyring.json"), "PYTHONPATH": str(REPO),
           "LIAISON_PROFILE_ENCRYPTION": mode, "LIAISON_MACHINE_SETTINGS": str(work / "machine.json")}
    base = [sys.executable, "main.py", "--profile", str(work / "profile")]
    subprocess.run(base + ["account", "add", "--name", "bench", "--email", "sales@example.com",
                           "--username", "sales", "--imap-host", "localhost", "--imap-port", str(server.ssl_port),
                           "--imap-security", "ssl", "--smtp-host", "localhost", "--smtp-port", "25",
                           "--smtp-security", "starttls", "--ca-file", str(server.ca_file), "--password-stdin"],
                   input=PASSWORD + "\n", text=True, env=env, cwd=REPO, check=True, capture_output=True)
    # Popen + wait4 directly: the CPU time of this child only
    started = time.perf_counter()
    proc = subprocess.Popen(base + ["sync"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sync failed: {proc.stderr.read().decode()}")
    encrypted = (work / "profile" / "database-key-id").exists()
    assert encrypted == (mode == "on"), mode
    return wall, usage.ru_utime + usage.ru_stime


def bench_sync(messages: int, rounds: int, work: Path) -> dict:
    from tests.support.dovecot import DovecotServer

    server = DovecotServer()
    server.add_user("sales", PASSWORD)
    try:
        seed(server, messages, 10)
        server.start()
        warm_index(server)
        times: dict[str, list[tuple[float, float]]] = {"off": [], "on": []}
        for index in range(rounds):
            order = ("off", "on") if index % 2 == 0 else ("on", "off")
            for mode in order:
                times[mode].append(_sync_once(server, work / f"sync-{mode}-{index}", mode))
            print(f"sync round {index + 1}: plain {times['off'][-1][0]:.2f} s wall {times['off'][-1][1]:.2f} s CPU, "
                  f"encrypted {times['on'][-1][0]:.2f} s wall {times['on'][-1][1]:.2f} s CPU", flush=True)
    finally:
        server.remove()
    result = {mode: {"wall_s": statistics.median(t[0] for t in runs), "cpu_s": statistics.median(t[1] for t in runs)}
              for mode, runs in times.items()}
    result["messages"] = messages
    result["cpu_ratio"] = result["on"]["cpu_s"] / result["off"]["cpu_s"]
    result["wall_ratio"] = result["on"]["wall_s"] / result["off"]["wall_s"]
    return result


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _plain_store_through_sqlcipher(database: Path):
    """A Store on the plain file whose connections come from sqlcipher3 (no key), with the
    store's own PRAGMAs: the driver's cost apart from the encryption's."""
    import sqlcipher3
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    from app.store import database as store_database

    def engine(path, _key=None):
        made = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(str(path), check_same_thread=False),
                             future=True, poolclass=QueuePool)
        event.listen(made, "connect", store_database._apply_pragmas)
        return made

    usual = store_database.create_sqlite_engine
    store_database.create_sqlite_engine = engine
    try:
        return store_database.Store(database, None)
    finally:
        store_database.create_sqlite_engine = usual


def bench_search_and_startup(messages: int, queries_per_kind: int, runs: int, work: Path) -> dict:
    import keyring

    from app.paths import ProfilePaths
    from app.search import mail_index
    from app.search.mail_search import search_mail
    from app.store import convert, profile_key
    from app.store.database import Store
    from tests.support.big_profile import build_big_profile
    from tests.support.test_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    os.environ["LIAISON_MACHINE_SETTINGS"] = str(work / "machine.json")
    corpus = Corpus(messages)
    started = time.perf_counter()
    os.environ["LIAISON_PROFILE_ENCRYPTION"] = "off"
    plain = build_big_profile(work / "plain", corpus.count, corpus.raw)
    store = Store(plain.database, None)
    try:
        mail_index.index_pending(store)
    finally:
        store.close()
    shutil.copytree(plain.root, work / "encrypted")
    encrypted = ProfilePaths(work / "encrypted")
    convert.encrypt_profile(encrypted)
    print(f"{messages} messages built, indexed and converted in {time.perf_counter() - started:.0f} s "
          f"(plain {plain.database.stat().st_size / 1e6:.0f} MB, encrypted "
          f"{encrypted.database.stat().st_size / 1e6:.0f} MB)", flush=True)

    queries = pick_queries(corpus, queries_per_kind)
    stores = {"off": Store(plain.database, None), "driver": _plain_store_through_sqlcipher(plain.database),
              "on": Store(encrypted.database)}
    wall: dict[str, dict[str, list[float]]] = {mode: {} for mode in stores}
    cpu: dict[str, dict[str, list[float]]] = {mode: {} for mode in stores}
    try:
        for mode in stores:  # warm both files into the page cache alike
            for _kind, query, _ in queries:
                search_mail(stores[mode], query, 50)
        for run in range(runs):
            for kind, query, _ in queries:
                for mode in (("off", "driver", "on") if run % 2 == 0 else ("on", "driver", "off")):
                    c0, w0 = time.process_time(), time.perf_counter()
                    search_mail(stores[mode], query, 50)
                    wall[mode].setdefault(kind, []).append(time.perf_counter() - w0)
                    cpu[mode].setdefault(kind, []).append(time.process_time() - c0)
    finally:
        for store in stores.values():
            store.close()
    search = {}
    for mode in stores:
        every_wall = [t for ts in wall[mode].values() for t in ts]
        every_cpu = [t for ts in cpu[mode].values() for t in ts]
        search[mode] = {"p95_ms": _percentile(every_wall, 0.95) * 1000,
                        "median_ms": statistics.median(every_wall) * 1000,
                        "cpu_p95_ms": _percentile(every_cpu, 0.95) * 1000,
                        "cpu_total_s": sum(every_cpu),
                        "kinds_p95_ms": {k: _percentile(v, 0.95) * 1000 for k, v in wall[mode].items()}}
    search["p95_ratio"] = search["on"]["p95_ms"] / search["off"]["p95_ms"]
    search["cpu_ratio"] = search["on"]["cpu_total_s"] / search["off"]["cpu_total_s"]

    from app.profile import open_profile
    from app.store.mail_queries import latest_messages
    from app.store.mail_queries import find_folder  # noqa: F401  (the inbox below)
    from sqlalchemy import select

    from app.store.models import Folder

    opened: dict[str, list[tuple[float, float]]] = {"off": [], "on": []}
    for index in range(12):
        for mode in (("off", "on") if index % 2 == 0 else ("on", "off")):
            root = plain.root if mode == "off" else encrypted.root
            os.environ["LIAISON_PROFILE_ENCRYPTION"] = mode
            profile_key.clear_cache()  # the key read from the keyring, as at a start
            c0, w0 = time.process_time(), time.perf_counter()
            _paths, store = open_profile(str(root))
            with store.read() as session:
                inbox = session.scalar(select(Folder.id).where(Folder.name == "INBOX"))
            latest_messages(store, inbox, 50)
            spent = (time.perf_counter() - w0, time.process_time() - c0)
            store.close()
            if index >= 2:  # the first rounds warm the imports
                opened[mode].append(spent)
    startup = {mode: {"wall_ms": statistics.median(t[0] for t in runs) * 1000,
                      "cpu_ms": statistics.median(t[1] for t in runs) * 1000} for mode, runs in opened.items()}
    startup["added_wall_ms"] = startup["on"]["wall_ms"] - startup["off"]["wall_ms"]
    return {"messages": messages, "search": search, "startup": startup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sync-messages", type=int, default=2000)
    parser.add_argument("--search-messages", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=10, help="queries per kind")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="liaison-encryption-bench-"))
    result: dict = {}
    try:
        if not args.skip_sync:
            result["sync"] = bench_sync(args.sync_messages, args.rounds, work)
        if not args.skip_search:
            result.update(bench_search_and_startup(args.search_messages, args.queries, args.runs, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "encryption.json").write_text(json.dumps(result, indent=2))
    if "sync" in result:
        s = result["sync"]
        print(f"initial sync of {s['messages']} messages (searchable), medians: plain {s['off']['wall_s']:.2f} s "
              f"wall / {s['off']['cpu_s']:.2f} s CPU, encrypted {s['on']['wall_s']:.2f} s / {s['on']['cpu_s']:.2f} s "
              f"CPU: CPU {100 * (s['cpu_ratio'] - 1):+.1f} %, wall {100 * (s['wall_ratio'] - 1):+.1f} %")
    if "search" in result:
        q = result["search"]
        print(f"search, {result['messages']} messages, newest 50: p95 plain {q['off']['p95_ms']:.1f} ms, encrypted "
              f"{q['on']['p95_ms']:.1f} ms ({100 * (q['p95_ratio'] - 1):+.1f} %); CPU of all queries "
              f"{100 * (q['cpu_ratio'] - 1):+.1f} %; the plain file through sqlcipher3: p95 "
              f"{q['driver']['p95_ms']:.1f} ms")
        st = result["startup"]
        print(f"opening the profile + newest 50 of the Inbox: plain {st['off']['wall_ms']:.1f} ms, encrypted "
              f"{st['on']['wall_ms']:.1f} ms ({st['added_wall_ms']:+.1f} ms)")


if __name__ == "__main__":
    main()
