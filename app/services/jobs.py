"""Job lanes: each account's IMAP work and SMTP work on threads of their own, requests coalesced.

**Threads.**  A lane is one daemon thread running its jobs in order.  Every account has an
``imap`` lane (sync passes) and an ``smtp`` lane (outbox delivery), so sending never waits
behind a pass, and one account's long first sync never delays another account.  Jobs do
their network work on the lane's thread; their database writes run on the store's writer
thread (:mod:`app.store.writer`).

**Coalescing.**  A request whose key matches a job still waiting in the lane is merged into
it and shares its future: ten "sync now" clicks make one pass, a folder request waiting
behind a whole-account pass is covered by it, and "deliver, forced" upgrades a waiting
unforced delivery.  A job that is already running is never merged into: the new request
runs after it (it may have come for mail that arrived meanwhile).

:meth:`JobLanes.stop` asks every lane to finish the job it is running and joins the
threads; ``should_stop`` lets a long job notice.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

log = logging.getLogger("liaison.jobs")


@dataclass
class Job:
    key: Hashable
    run: Callable[[dict], Any]
    params: dict = field(default_factory=dict)
    future: Future = field(default_factory=Future)


# merge(waiting params, new params) -> merged params
Merge = Callable[[dict, dict], dict]


class Lane:
    """One thread, jobs in order, waiting jobs coalesced by key."""

    def __init__(self, name: str, stopping: threading.Event):
        self.name = name
        self._stopping = stopping
        self._waiting: "OrderedDict[Hashable, Job]" = OrderedDict()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self.running: Job | None = None

    def request(self, key: Hashable, run: Callable[[dict], Any], params: dict,
                merge: Merge | None = None, covered_by: Hashable | None = None) -> Future:
        with self._condition:
            if covered_by is not None and covered_by in self._waiting:
                return self._waiting[covered_by].future
            waiting = self._waiting.get(key)
            if waiting is not None:
                waiting.params = merge(waiting.params, params) if merge else waiting.params
                return waiting.future
            job = Job(key, run, dict(params))
            self._waiting[key] = job
            self._start()
            self._condition.notify()
            return job.future

    def drop_waiting(self, key: Hashable) -> None:
        """A waiting job is no longer wanted (e.g. superseded): its future gets None."""
        with self._condition:
            job = self._waiting.pop(key, None)
        if job is not None:
            job.future.set_result(None)

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=f"liaison-{self.name}", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._condition:
                while not self._waiting and not self._stopping.is_set():
                    self._condition.wait()
                if self._stopping.is_set():
                    for job in self._waiting.values():
                        job.future.cancel()
                    self._waiting.clear()
                    return
                _key, job = self._waiting.popitem(last=False)
                self.running = job
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                job.future.set_result(job.run(job.params))
            except BaseException as exc:  # handed to whoever waits on the future
                job.future.set_exception(exc)
            finally:
                self.running = None

    def wake(self) -> None:
        with self._condition:
            self._condition.notify_all()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("job lane %s did not stop within %.0f s", self.name, timeout)


class JobLanes:
    """The lanes of every account, made on first use."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self._lanes: dict[tuple[int, str], Lane] = {}
        self._lock = threading.Lock()

    def lane(self, account_id: int, kind: str) -> Lane:
        with self._lock:
            lane = self._lanes.get((account_id, kind))
            if lane is None:
                lane = self._lanes[(account_id, kind)] = Lane(f"{kind}-{account_id}", self.stopping)
            return lane

    def busy(self, account_id: int, kind: str) -> bool:
        lane = self._lanes.get((account_id, kind))
        return lane is not None and (lane.running is not None or bool(lane._waiting))

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        with self._lock:
            lanes = list(self._lanes.values())
        for lane in lanes:
            lane.wake()
        for lane in lanes:
            lane.join(timeout)
