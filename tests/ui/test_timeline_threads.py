"""The timeline model threads a conversation across pages: older messages of a conversation
already shown join its row (and repaint it) instead of adding rows."""

from __future__ import annotations

from app.crm.timeline import Entry
from app.ui.timeline_view import THREAD_ROLE, TimelineModel

DAY = 86400


def email(key: int, at: int, thread: int | None, outgoing: bool = False) -> Entry:
    return Entry("email", at, key, f"subject {key}", "", message_id=f"<{key}@x>", outgoing=outgoing,
                 thread_id=thread)


def test_a_conversation_is_one_row_across_pages(qtbot):
    model = TimelineModel()
    model.append([email(1, 10 * DAY, thread=7), email(2, 9 * DAY, thread=8), email(3, 8 * DAY, thread=7,
                                                                                  outgoing=True)])
    threads = [model.index(r, 0).data(THREAD_ROLE) for r in range(model.rowCount())
               if model.rows[r].entry is not None]
    assert [e.key for e in model.entries()] == [1, 2] and threads == [(2, True), (1, False)]

    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    rows_before = model.rowCount()
    model.append([email(4, 2 * DAY, thread=7), email(3, 8 * DAY, thread=7), email(5, DAY, thread=None)])
    first_row = next(r for r in range(model.rowCount()) if model.rows[r].entry is not None)
    assert model.index(first_row, 0).data(THREAD_ROLE) == (3, True)  # message 3 was already counted
    assert changed == [(first_row, first_row)]
    assert [e.key for e in model.entries()] == [1, 2, 5] and model.rowCount() == rows_before + 2  # day + row
