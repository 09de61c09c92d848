"""View reads: one thread, the message body first, a panel's superseded read never run."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from app.ui.ops import Ops
from tests.ui.waiting import wait_for


@pytest.fixture
def ops(qtbot, store):
    """Ops owned by a widget, as a window's are (they go when it goes, after their answers)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    yield Ops.standalone(store, owner)


def test_view_reads_run_urgent_first_and_a_replaced_one_never(qtbot, ops):
    gate, gate_running, ran, answered = threading.Event(), threading.Event(), [], []

    def read(name):
        if name == "gate":  # holds the thread while the others queue up
            gate_running.set()
            gate.wait(10)
        ran.append((name, threading.current_thread().name))
        return name

    def start(name, op=None):
        op = op or ops.view_read(read, name)
        op.success(answered.append).run()

    start("gate")
    assert gate_running.wait(10)
    start("page")
    start("panel 1", ops.view_read(read, "panel 1").replacing("panel"))
    start("panel 2", ops.view_read(read, "panel 2").replacing("panel"))
    start("body", ops.view_read(read, "body").urgent())
    gate.set()
    wait_for(lambda: ops.in_flight == 0, what="every view read answered or dropped")
    assert [name for name, _thread in ran] == ["gate", "body", "page", "panel 2"]
    assert {thread for _name, thread in ran} == {"liaison-view-reader"}
    assert sorted(answered) == sorted(["gate", "body", "page", "panel 2"])
    ops.shutdown()


def test_a_failed_view_read_reaches_its_failure_handler(qtbot, ops):
    failures = []

    def broken():
        raise ValueError("unreadable")
    ops.view_read(broken).failure(failures.append).run()
    wait_for(lambda: failures, what="the failure")
    assert isinstance(failures[0], ValueError) and ops.in_flight == 0
    ops.shutdown()


def test_the_view_reader_thread_ends_when_idle_and_starts_again(qtbot, ops, monkeypatch):
    from app.ui.ops import ViewReader

    monkeypatch.setattr(ViewReader, "IDLE_SECONDS", 0.05)
    answered = []
    ops.view_read(threading.current_thread).success(answered.append).run()
    wait_for(lambda: answered, what="the first read")
    first = answered[0]
    first.join(5)  # idle for longer than IDLE_SECONDS: the thread ended
    assert not first.is_alive()
    ops.view_read(threading.current_thread).success(answered.append).run()
    wait_for(lambda: len(answered) == 2, what="a read after the thread ended")
    assert answered[1].name == "liaison-view-reader" and answered[1] is not first
