"""The short switch interval is shared: nested and concurrent spans keep it short until the
last ends, then the process's own interval comes back; an error inside a span ends it."""

from __future__ import annotations

import sys
import threading

import pytest

from app import switch_interval
from app.switch_interval import SHORT_SWITCH_INTERVAL, short_switch_interval


@pytest.fixture(autouse=True)
def own_interval():
    saved = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    yield
    sys.setswitchinterval(saved)


def test_nested_spans_keep_it_short_until_the_last_ends():
    with short_switch_interval():
        assert sys.getswitchinterval() == pytest.approx(SHORT_SWITCH_INTERVAL)
        switch_interval.begin()  # a mail pipeline starting during a team pull
        with short_switch_interval():
            assert sys.getswitchinterval() == pytest.approx(SHORT_SWITCH_INTERVAL)
        switch_interval.end()
        assert sys.getswitchinterval() == pytest.approx(SHORT_SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(0.004)


def test_an_error_ends_the_span():
    with pytest.raises(RuntimeError), short_switch_interval():
        raise RuntimeError("the pull failed")
    assert sys.getswitchinterval() == pytest.approx(0.004)


def test_spans_from_many_threads_end_with_the_process_interval():
    started = threading.Barrier(8)

    def span():
        with short_switch_interval():
            started.wait(timeout=10)
    threads = [threading.Thread(target=span) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sys.getswitchinterval() == pytest.approx(0.004)
