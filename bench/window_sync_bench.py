"""The window during a first sync: does the GUI thread stall, and does a sent message wait?

    .venv/bin/python -m bench.window_sync_bench [--messages 10000] [--selections 200] [--in-process]
    .venv/bin/python -m bench.window_sync_bench --team-records 100000

``--team-records N`` measures the window during a first *team* sync instead: a team server
on a private PostgreSQL is seeded with N customer records (as bench.team_sync_bench does), a
new profile signs in, the main window opens (offscreen) and the app's background services run
the first team round. A 5 ms heartbeat on the GUI thread records every gap until the round is
``ok`` and two seconds after (the views reload then); the customers tab is shown and switched
to and from every 500 ms so the views work while records arrive. Writes
bench/results/window_team_sync.json.

Seeds a private Dovecot with a generated Inbox and starts a real SMTP server (aiosmtpd, in a
process of its own as a provider's is: ``bench/smtp_process.py``), opens the main window
(offscreen) on a new profile with that account, and starts the initial sync (in the sync
process, as the app does; ``--in-process`` runs it in the window's process, for comparison).
While it runs:

* a 5 ms heartbeat timer on the GUI thread records every gap: the longest one, less the 5 ms,
  is the longest stall of the GUI thread; its own CPU time across each stall tells how much
  of the stall was its own work and how much waiting (for the interpreter lock or a core);
* every 100 ms a random stored message is selected, until ``--selections`` were: selecting →
  body shown (``ReaderPane.message_shown``) is timed for each;
* two seconds in, a message is written in the composer and sent with its Send button: the time
  until the SMTP server has it is measured (it must not wait for the sync).

Prints a table and writes bench/results/window_sync.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.dovecot import DovecotServer  # noqa: E402
from tests.support.maildir_seed import seed_maildir  # noqa: E402
from tests.support.message_factory import make_message  # noqa: E402

PASSWORD = "bench-pass"
HEARTBEAT_MS = 5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def main() -> None:
    faulthandler.enable()  # a crash of Qt or an extension prints every thread's Python stack
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--selections", type=int, default=200)
    parser.add_argument("--team-records", type=int, default=0,
                        help="measure a first team sync of this many records instead")
    parser.add_argument("--in-process", action="store_true",
                        help="run the passes in the window's process (before the sync process, for comparison)")
    args = parser.parse_args()
    if args.team_records:
        team_main(args.team_records)
        return

    import keyring

    from bench.smtp_process import SmtpProcess
    from tests.support.test_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="liaison-window-bench-"))
    server = DovecotServer()
    server.add_user("sales", PASSWORD)
    server.start()
    smtp = SmtpProcess(work / "smtp", {"sales": PASSWORD}).start()
    try:
        base = time.time() - args.messages * 420
        seed_maildir(server.maildir("sales"), ((make_message(n, attachment_every=10), base + n * 420)
                                               for n in range(args.messages)), server.uid, server.gid)
        result = run_window(work, server, smtp, args.selections, separate_sync_process=not args.in_process)
    finally:
        smtp.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)  # a 10,000-message profile is 360 MB
    result["messages"] = args.messages
    result["sync_process"] = not args.in_process
    print_table(result)
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "window_sync.json").write_text(json.dumps(result, indent=2))


class Heartbeat:
    """A timer on the GUI thread every ``HEARTBEAT_MS``: each gap beyond that is a stall. For
    every stall over 50 ms it keeps the GUI thread's own CPU time across it: what the thread
    did itself; the rest of the gap it waited (for the interpreter lock, or for a core)."""

    def __init__(self, started: float, phase=lambda: ""):
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.stalls: list = []  # (seconds since ``started``, gap ms, phase(), own CPU ms)
        self._started, self._phase = started, phase
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer = QTimer(interval=HEARTBEAT_MS, timeout=self._beat)

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()  # building the window is no stall
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000 - HEARTBEAT_MS
        self.gaps.append(gap)
        if gap > 50:
            self.stalls.append((round(now - self._started, 2), round(gap, 1), self._phase(),
                                round((cpu - self._last_cpu) * 1000, 1)))
        self._last, self._last_cpu = now, cpu

    @staticmethod
    def own_cpu_share(stalls: list) -> float:
        return sum(s[3] for s in stalls) / sum(s[1] for s in stalls) if stalls else 0.0


class CollectionLog:
    """Garbage collections over 20 ms while it runs — (seconds since ``started``, generation,
    ms) — which hold the interpreter lock throughout, so every other thread waits."""

    def __init__(self):
        self.started = time.perf_counter()
        self.collections: list = []
        self._began = 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        elif (took := (time.perf_counter() - self._began) * 1000) > 20:
            self.collections.append((round(time.perf_counter() - self.started, 2), info["generation"],
                                     round(took, 1)))

    def stop(self) -> list:
        gc.callbacks.remove(self._observe)
        return self.collections


def run_window(work: Path, server, smtp, selections: int, separate_sync_process: bool = True) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.profile import open_profile
    from app.secrets import SecretStore
    from app.store.accounts import NewAccount, create_account
    from app.ui.application import WindowHost
    from app.ui.message_list_model import Roles

    app = QApplication.instance() or QApplication([])
    paths, store = open_profile(str(work / "profile"))
    account = create_account(store, NewAccount(
        name="work", email="sales@example.com", display_name="Li Lei", username="sales",
        imap_host="localhost", imap_port=server.ssl_port, imap_security="ssl", smtp_host="localhost",
        smtp_port=smtp.port, smtp_security="starttls", ca_file=str(server.ca_file)))
    SecretStore().set_password(account.uuid, PASSWORD)
    host = WindowHost(paths, store, separate_sync_process=separate_sync_process)
    collections = CollectionLog()
    started = collections.started
    host.show()
    window = host.window
    result: dict = {}
    latencies: list[float] = []
    pending: dict = {}
    rng = random.Random(7)
    sent_at: list[float] = []
    timeouts: list[int] = []

    def shown(message_id: int) -> None:
        if pending.get("id") == message_id:
            latencies.append((time.perf_counter() - pending["at"]) * 1000)
            pending.clear()

    def select() -> None:
        model = window.messages
        if pending and time.perf_counter() - pending["at"] > 5:
            timeouts.append(pending.pop("id"))  # never shown: counted, then the next selection
            pending.clear()
        if len(latencies) >= selections or not model.rowCount() or pending:
            return
        row = rng.randrange(model.rowCount())
        index = model.index(row, 0)
        pending.update(id=index.data(Roles.MessageId), at=time.perf_counter())
        window.list_view.setCurrentIndex(index)

    def send() -> None:
        composer = window.compose()
        composer.to.setText("anna@example.org")
        composer.subject.setText("Sent during the first sync")
        composer.editor.setPlainText("Hello,\n\nthis left while 10,000 messages were arriving.")
        sent_at.append(time.perf_counter())
        composer.send_button.click()

    window.reader.message_shown.connect(shown)
    heartbeat = Heartbeat(started)
    selector = QTimer(interval=100, timeout=select)
    heartbeat.start()
    selector.start()
    QTimer.singleShot(2000, send)
    deadline = time.perf_counter() + 600
    done = False
    state: list[str] = []
    host.sync.account_state_changed.connect(lambda _id, s, _d: state.append(s))
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
        if sent_at and "smtp_seconds" not in result and smtp.received:
            result["smtp_seconds"] = time.perf_counter() - sent_at[0]
        if "ok" in state and not done:
            done = True
            result["sync_seconds"] = time.perf_counter() - started
        if done and len(latencies) >= selections and "smtp_seconds" in result:
            break
    heartbeat.stop()
    selector.stop()
    result["collections_over_20ms"] = collections.stop()
    gaps, stalls = heartbeat.gaps or [0.0], heartbeat.stalls
    result.update(
        selections=len(latencies), selections_never_shown=len(timeouts),
        select_p95_ms=percentile(latencies, 0.95), select_median_ms=statistics.median(latencies) if latencies else None,
        select_max_ms=max(latencies) if latencies else None,
        gui_longest_stall_ms=max(gaps), gui_stalls_over_50ms=sum(1 for g in gaps if g > 50),
        gui_p99_stall_ms=percentile(gaps, 0.99),
        gui_own_cpu_share_of_stalls=Heartbeat.own_cpu_share(stalls),
        gui_median_own_cpu_per_stall_ms=statistics.median(s[3] for s in stalls) if stalls else 0.0)
    host.close()
    return result


def team_main(count: int) -> None:
    import keyring

    from bench.server_bench import Seeder, crm_rows
    from server.db.migrate import upgrade
    from tests.support.postgres import PostgresServer
    from tests.support.team_server import TeamServer
    from tests.support.test_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="liaison-window-team-bench-"))
    with PostgresServer(durable=True) as pg:
        url = pg.create_database("window_team_bench")
        upgrade(url)
        with TeamServer(url, work / "server.log", workers=2) as server:
            seeder = Seeder(pg, "window_team_bench", url)
            people = seeder.teams_and_users(server, [("Sales", "edit", 20, "rep")])["Sales"]
            seeder.records(crm_rows(random.Random(7), people, contacts=count - count // 10,
                                    companies=count // 10))
            try:
                result = run_team_window(work, server, people[0]["email"])
            finally:
                shutil.rmtree(work / "profile", ignore_errors=True)
    result["records"] = count
    print(f"{count:,} team records, first team sync in the window: {result['sync_seconds']:.1f} s "
          f"({result['pulled']} pulled)")
    print(f"  GUI thread: longest stall {result['gui_longest_stall_ms']:.1f} ms, "
          f"p99 {result['gui_p99_stall_ms']:.1f} ms, {result['gui_stalls_over_50ms']} stalls over 50 ms")
    if result["stalls_over_50ms"]:
        print(f"    in those stalls the GUI thread ran {result['gui_own_cpu_share_of_stalls'] * 100:.0f} % "
              f"of the time; it waited the rest")
    print(f"  garbage collections over 20 ms (lock held throughout): {len(result['collections_over_20ms'])}")
    print(f"  the same window idle afterwards: longest {result['idle_longest_stall_ms']:.1f} ms, "
          f"p99 {result['idle_p99_stall_ms']:.1f} ms")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "window_team_sync.json").write_text(json.dumps(result, indent=2))


def run_team_window(work: Path, server, email: str) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from app.profile import open_profile
    from app.store.team_models import TeamRecord
    from app.sync.team import Team
    from app.ui.application import WindowHost
    from tests.support.team_server import PASSWORD

    app = QApplication.instance() or QApplication([])
    paths, store = open_profile(str(work / "profile"))
    Team(store).login(server.base_url, email, PASSWORD, device_name="window bench")
    host = WindowHost(paths, store)
    states: list = []

    def switch() -> None:  # the customers tab and back: its views read while records arrive
        sections = host.window.sections
        sections.setCurrentIndex(1 - sections.currentIndex() if sections.currentIndex() < 2 else 1)

    collections = CollectionLog()
    result: dict = {}
    started = collections.started
    host.show()  # the services start; being signed in, the schedule starts a team round
    host.sync.team_state_changed.connect(lambda event: states.append(event))
    heartbeat = Heartbeat(started, lambda: "after" if "sync_seconds" in result else "during")
    switcher = QTimer(interval=500, timeout=switch)
    heartbeat.start()
    switcher.start()
    settle_until = 0.0
    deadline = time.perf_counter() + 900
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
        finished = [e for e in states if e.state in ("ok", "error", "offline", "signed_out")]
        if finished and "sync_seconds" not in result:
            result["sync_seconds"] = time.perf_counter() - started
            result["state"] = finished[0].state
            settle_until = time.perf_counter() + 2  # the views reload after the round
        if "sync_seconds" in result and time.perf_counter() > settle_until:
            break
    # The same heartbeat with the window idle, on the same (shared, noisy) machine: what the
    # operating system's scheduling alone costs, for comparison.
    gaps = heartbeat.gaps
    during = len(gaps)
    idle_until = time.perf_counter() + 5
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.001)
    idle, gaps[during:] = gaps[during:], []
    heartbeat.stop()
    switcher.stop()
    with store.read() as session:
        result["pulled"] = session.scalar(select(func.count()).select_from(TeamRecord))
    result["collections_over_20ms"] = collections.stop()
    stalls = [s for s in heartbeat.stalls if s[0] <= result["sync_seconds"] + 2]
    result.update(gui_own_cpu_share_of_stalls=Heartbeat.own_cpu_share(stalls))
    result.update(gui_longest_stall_ms=max(gaps), gui_stalls_over_50ms=sum(1 for g in gaps if g > 50),
                  gui_p99_stall_ms=percentile(gaps, 0.99), heartbeats=len(gaps),
                  stalls_over_50ms=stalls,
                  idle_longest_stall_ms=max(idle), idle_p99_stall_ms=percentile(idle, 0.99))
    host.close()
    return result


def print_table(r: dict) -> None:
    print(f"{r['messages']:,} messages, initial sync in the window: {r.get('sync_seconds', float('nan')):.1f} s")
    print(f"  GUI thread: longest stall {r['gui_longest_stall_ms']:.1f} ms, p99 {r['gui_p99_stall_ms']:.1f} ms, "
          f"{r['gui_stalls_over_50ms']} stalls over 50 ms")
    if r["gui_stalls_over_50ms"]:
        print(f"    in those stalls the GUI thread ran {r['gui_own_cpu_share_of_stalls'] * 100:.0f} % of the time "
              f"(median {r['gui_median_own_cpu_per_stall_ms']:.0f} ms of work a stall); it waited the rest")
    print(f"  garbage collections over 20 ms (lock held throughout): {len(r['collections_over_20ms'])}")
    print(f"  select → body shown ({r['selections']}): p95 {r['select_p95_ms']:.1f} ms, "
          f"median {r['select_median_ms']:.1f} ms, max {r['select_max_ms']:.1f} ms")
    print(f"  sent from the composer two seconds in: at the SMTP server after {r.get('smtp_seconds', float('nan')):.2f} s")


if __name__ == "__main__":
    main()
