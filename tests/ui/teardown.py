"""Closing what a test left open, without anyone to answer a question."""

from __future__ import annotations


def close_unattended(widget) -> None:
    """Close a window at a test's end.  A composer with text asks "Keep this draft?" in a modal
    box when closed, and in a teardown nobody answers (under load its last draft save may still
    be on its way): it keeps the draft and closes instead, as when the main window closes."""
    from app.ui.composer import Composer

    if isinstance(widget, Composer):
        widget.keep_and_close()
    else:
        widget.close()
