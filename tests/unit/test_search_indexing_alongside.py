"""Indexing alongside a sync pass: worker processes fill the index while mail is being stored."""

from __future__ import annotations

import time

from app.search import mail_index
from app.search.indexing_alongside import IndexingAlongside
from app.search.mail_search import search_mail
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
ME = "Me <sales@example.com>"


def wait_for(condition, seconds: float = 60.0) -> bool:
    """Poll until ``condition()``; the bound only keeps a broken build from hanging the suite."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_mail_stored_during_the_pass_is_indexed_before_the_pass_ends(store):
    box = MailStore(store)
    workers = mail_index.IndexWorkers(2)
    alongside = IndexingAlongside(store, workers, interval=0.05, minimum=5)
    alongside.start()
    try:
        box.add(*(mail(ZHANG, ME, f"采购合同 {n}", day=1 + n % 28, message_id=f"<c{n}@test>") for n in range(12)))
        assert wait_for(lambda: mail_index.pending_count(store) == 0)
        box.add(*(mail(ZHANG, ME, f"报价单 {n}", day=1 + n % 28, message_id=f"<q{n}@test>") for n in range(3)))
        time.sleep(0.3)  # a few looks at the queue: 3 waiting is below the minimum
        assert mail_index.pending_count(store) == 3
    finally:
        alongside.stop()
        workers.close()
    assert alongside.indexed == 12
    assert len(search_mail(store, "合同", 50).hits) == 12
    assert search_mail(store, "报价", 50).hits == []


def test_without_a_second_core_nothing_runs_alongside(store):
    MailStore(store).add(*(mail(ZHANG, ME, f"合同 {n}", day=1, message_id=f"<s{n}@test>") for n in range(6)))
    alongside = IndexingAlongside(store, mail_index.IndexWorkers(0), interval=0.01, minimum=1)
    alongside.start()
    time.sleep(0.2)
    alongside.stop()
    assert alongside.indexed == 0 and mail_index.pending_count(store) == 6


def test_stopping_leaves_what_is_not_written_queued_and_the_workers_reusable(store, monkeypatch):
    monkeypatch.setattr(mail_index, "BATCH", 3)
    MailStore(store).add(*(mail(ZHANG, ME, f"合同 {n}", day=1 + n % 28, message_id=f"<t{n}@test>") for n in range(9)))
    workers = mail_index.IndexWorkers(2)
    workers.start()

    def not_here(*_args):
        raise AssertionError("documents were built in this process")

    monkeypatch.setattr(mail_index, "_load", not_here)  # the spawned workers import their own
    try:
        stops = iter([False, True])
        written = mail_index.index_pending(store, workers=workers, should_stop=lambda: next(stops, True))
        assert 0 < written < 9 and mail_index.pending_count(store) == 9 - written
        assert mail_index.index_pending(store, workers=workers) == 9 - written
    finally:
        workers.close()
    assert mail_index.pending_count(store) == 0
    assert len(search_mail(store, "合同", 50).hits) == 9


def test_it_writes_only_when_storing_has_paused(store):
    box = MailStore(store)
    box.add(*(mail(ZHANG, ME, f"合同 {n}", day=1 + n % 28, message_id=f"<p{n}@test>") for n in range(8)))
    workers = mail_index.IndexWorkers(2)
    alongside = IndexingAlongside(store, workers, interval=0.02, minimum=1, quiet=2.0)
    alongside.start()
    try:
        for n in range(15):  # a store thread busy with new mail: a write every 40 ms
            box.add(mail(ZHANG, ME, f"报价 {n}", day=1, message_id=f"<busy{n}@test>"))
            time.sleep(0.04)
        assert alongside.indexed == 0 and mail_index.pending_count(store) == 23
        assert wait_for(lambda: mail_index.pending_count(store) == 0)  # then the first quiet moment
    finally:
        alongside.stop()
        workers.close()
    assert alongside.indexed == 23


def test_workers_that_break_alongside_leave_the_queue_for_the_end_of_the_pass(store, monkeypatch):
    MailStore(store).add(*(mail(ZHANG, ME, f"合同 {n}", day=1, message_id=f"<b{n}@test>") for n in range(4)))

    def broken(*_args):
        raise mail_index.BrokenProcessPool("killed")

    monkeypatch.setattr(mail_index, "_index_in_workers", broken)
    workers = mail_index.IndexWorkers(2)
    workers.start()
    try:
        assert mail_index.index_pending(store, workers=workers, in_process=False) == 0
    finally:
        workers.close()
    assert workers.broken and mail_index.pending_count(store) == 4
    assert mail_index.index_pending(store) == 4  # the end of the pass, in this process
