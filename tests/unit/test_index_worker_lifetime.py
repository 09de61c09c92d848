"""Index worker processes die with the process that started them, whatever kills it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]

# The real worker pool of a sync or `search --rebuild`, kept busy the way a long batch does.
BUSY_POOL = """
import sys, time
from app.search.mail_index import IndexWorkers
workers = IndexWorkers(2)
workers.start()
busy = [workers._pool.submit(time.sleep, 60) for _ in range(2)]  # a long batch in each worker
while len(__import__("psutil").Process().children(recursive=True)) < 3:  # 2 workers + tracker
    time.sleep(0.05)
print("busy", flush=True)
time.sleep(60)
"""


def test_workers_and_resource_tracker_die_with_a_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", BUSY_POOL], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    children: list[psutil.Process] = []
    try:
        assert parent.stdout.readline().strip() == "busy"
        children = psutil.Process(parent.pid).children(recursive=True)
        assert len(children) >= 3
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(5)
        gone, alive = psutil.wait_procs(children, timeout=5)
        assert alive == [], f"still running after the parent was killed: {[p.cmdline() for p in alive]}"
    finally:
        _kill_leftovers(parent, children)


def test_a_search_rebuild_killed_mid_indexing_leaves_no_process_behind(tmp_path):
    from tests.support.big_profile import build_big_profile

    profile = build_big_profile(tmp_path / "profile", 8000)  # enough for worker processes
    command = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--profile", str(profile.root),
                                "search", "--rebuild"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while len(children) < 3 and command.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # until the workers and the resource tracker run: indexing is under way
            children = psutil.Process(command.pid).children(recursive=True)
        assert len(children) >= 3, "the rebuild never started its worker processes"
        os.kill(command.pid, signal.SIGKILL)
        command.wait(5)
        gone, alive = psutil.wait_procs(children, timeout=5)
        assert alive == [], f"still running after the rebuild was killed: {[p.cmdline() for p in alive]}"
    finally:
        _kill_leftovers(command, children)


def _kill_leftovers(parent: subprocess.Popen, children: list[psutil.Process]) -> None:
    """A failing run must not leave its processes behind (orphans are no longer our children)."""
    parent.kill()
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
