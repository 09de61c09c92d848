"""The window over a 100,000-message profile: opens at once, loads only what is shown.

Timings live in bench/ui_bench.py; this test checks the behaviour that makes them possible.
"""

from __future__ import annotations

import pytest

from app.crm.timeline import PAGE
from app.paths import ProfilePaths
from app.store.database import Store
from app.ui import message_list_model
from app.ui.main_window import MainWindow
from app.ui.message_list_model import Roles
from app.ui.sync_service import SyncService
from tests.support.big_profile import build_big_profile
from tests.ui.waiting import wait_shown

COUNT = 100_000


@pytest.fixture(scope="module")
def big_profile(tmp_path_factory):
    return build_big_profile(tmp_path_factory.mktemp("big") / "profile", COUNT)


def test_a_100k_folder_opens_loads_rows_lazily_and_shows_any_message(qtbot, big_profile):
    store = Store(big_profile.database)
    service = SyncService(store, use_idle=False)  # never started: the account has no server
    window = MainWindow(ProfilePaths(big_profile.root), store, service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        model = window.messages
        assert model.rowCount() == COUNT
        # only the rows the view painted were read, a page at a time
        qtbot.waitUntil(lambda: bool(model._rows), timeout=5000)
        assert len(model._rows) <= 2 * message_list_model.PAGE_SIZE
        assert str(COUNT - 1) in model.index(0, 1).data()  # newest first
        oldest = model.index(COUNT - 1, 1).data()
        window.list_view.scrollToBottom()
        window.list_view.setCurrentIndex(model.index(COUNT - 1, 0))
        wait_shown(window)
        assert oldest in window.reader.header_text()
        assert window.body.toPlainText().startswith("Message 0")
        panel = window.customer  # the mail with the sender: its first page, and how much there is
        assert panel.address.text() and panel.timeline.count() == PAGE and panel.timeline.has_more
        assert int(panel.timeline_title.count.text().replace(",", "")) > PAGE
        assert len(model._rows) <= 4 * message_list_model.PAGE_SIZE
        # opening it marked it read (an op: written off the GUI thread, then the row repainted)
        qtbot.waitUntil(lambda: model.index(COUNT - 1, 0).data(Roles.Unread) is False, timeout=5000)
    finally:
        window.close()
        store.close()
