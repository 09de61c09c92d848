"""The short switch interval is shared: nested and concurrent spans keep it short until the
last ends, then the process's own interval comes back."""

from __future__ import annotations

import sys
import threading

import pytest

from app import switch_interval
from app.switch_interval import SHORT_SWITCH_INTERVAL


@pytest.fixture(autouse=True)
def own_interval():
    saved = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    yield
    sys.setswitchinterval(saved)


def test_nested_spans_keep_it_short_until_the_last_ends():
    switch_interval.begin()  # a team pull
    assert sys.getswitchinterval() == pytest.approx(SHORT_SWITCH_INTERVAL)
    switch_interval.begin()  # a mail pipeline starting meanwhile
    switch_interval.end()
    assert sys.getswitchinterval() == pytest.approx(SHORT_SWITCH_INTERVAL)
    switch_interval.end()
    assert sys.getswitchinterval() == pytest.approx(0.004)


def test_spans_from_many_threads_end_with_the_process_interval():
    started = threading.Barrier(8)
    seen: list[float] = []

    def span():
        switch_interval.begin()
        try:
            started.wait(timeout=10)  # all eight inside at once
            seen.append(sys.getswitchinterval())
        finally:
            switch_interval.end()
    threads = [threading.Thread(target=span) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [pytest.approx(SHORT_SWITCH_INTERVAL)] * 8
    assert sys.getswitchinterval() == pytest.approx(0.004)


def test_a_failed_team_pull_gives_the_interval_back(store, monkeypatch):
    from app.errors import NetworkError
    from app.sync import team as team_module
    from app.sync.team import Team

    def unreachable(server, path, **query):
        raise NetworkError("The team server {server} cannot be reached ({reason}).", code="team.offline",
                           server="http://127.0.0.1:9", reason="refused")
    monkeypatch.setattr(team_module.TeamServer, "get", unreachable)
    with pytest.raises(NetworkError):
        Team(store)._pull(team_module.TeamServer("http://127.0.0.1:9"))
    assert sys.getswitchinterval() == pytest.approx(0.004)
