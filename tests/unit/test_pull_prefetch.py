"""PagePrefetch: pages in order with the cursor each was asked with, a request's error raised in
its turn, and a caller that stops early does not leave the fetch thread blocked."""

from __future__ import annotations

import time

import pytest

from app.errors import NetworkError
from app.sync.prefetch import PagePrefetch


def server(pages: int, fail_at: int | None = None):
    asked = []

    def fetch(cursor):
        asked.append(cursor)
        n = 0 if cursor is None else int(cursor)
        if n == fail_at:
            raise NetworkError("connection lost", code="test.lost")
        return {"records": [n], "cursor": str(n + 1), "more": n + 1 < pages}
    return fetch, asked


def test_pages_arrive_in_order_with_the_cursor_they_were_asked_with():
    fetch, asked = server(5)
    got = list(PagePrefetch(fetch, None))
    assert [(cursor, page["records"]) for cursor, page in got] == \
        [(None, [0]), ("1", [1]), ("2", [2]), ("3", [3]), ("4", [4])]
    assert asked == [None, "1", "2", "3", "4"]


def test_an_error_comes_after_the_pages_before_it():
    fetch, _asked = server(5, fail_at=2)
    seen = []
    with pytest.raises(NetworkError):
        for _cursor, page in PagePrefetch(fetch, None):
            seen.append(page["records"][0])
    assert seen == [0, 1]


def test_a_cursor_that_does_not_move_ends_the_pull():
    pages = PagePrefetch(lambda cursor: {"records": [], "cursor": "same", "more": True}, "same")
    assert [cursor for cursor, _page in pages] == ["same"]


def test_stopping_early_lets_the_fetch_thread_end():
    fetch, asked = server(1000)
    pages = PagePrefetch(fetch, None, ahead=2)
    for _cursor, _page in pages:
        break
    pages.close()
    deadline = time.monotonic() + 5
    while pages._thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not pages._thread.is_alive()
    assert len(asked) <= 4  # never more than a few pages ahead of the caller


def test_batches_hand_over_the_pages_already_downloaded_without_waiting_for_more():
    fetch, _asked = server(9)
    pages = PagePrefetch(fetch, None, ahead=4)
    deadline = time.monotonic() + 5
    while pages._pages.qsize() < 4 and time.monotonic() < deadline:
        time.sleep(0.01)  # let four pages download before the caller asks
    batches = [[page["records"][0] for _cursor, page in batch] for batch in pages.batches(most=3)]
    assert batches[0] == [0, 1, 2]  # three waiting, at most three per batch
    assert sum(batches, []) == list(range(9))  # every page once, in order
    assert all(1 <= len(batch) <= 3 for batch in batches)


def test_batches_raise_an_error_after_the_pages_before_it():
    fetch, _asked = server(9, fail_at=3)
    pages = PagePrefetch(fetch, None, ahead=4)
    deadline = time.monotonic() + 5
    while pages._pages.qsize() < 4 and time.monotonic() < deadline:
        time.sleep(0.01)  # pages 0-2 and the error are waiting
    seen = []
    with pytest.raises(NetworkError):
        for batch in pages.batches(most=4):
            seen += [page["records"][0] for _cursor, page in batch]
    assert seen == [0, 1, 2]
