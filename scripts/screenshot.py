"""Render the main window with English and Chinese mail to a PNG, for the README and review.

    .venv/bin/python scripts/screenshot.py docs/main-window.png

Builds a throwaway profile through the same store path sync uses (no network, no keyring),
then grabs the window.  Under Xvfb (DISPLAY set) it shows a real X window; otherwise Qt's
offscreen platform is used.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if not os.environ.get("DISPLAY"):
    screens = Path(tempfile.mkdtemp()) / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "s0", "x": 0, "y": 0, "width": 1280,
                                                "height": 800, "logicalDpi": 96,
                                                "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"


def build_profile(folder: Path):
    from app.mail.envelope import parse_envelope
    from app.mail.fetched import FetchedMessage
    from app.profile import open_profile
    from app.store import mail_cache
    from app.store.accounts import NewAccount, account_folders, create_account
    from app.store.mail_cache import ServerFolder
    from tests.support.message_factory import make_message

    paths, store = open_profile(str(folder))
    account = create_account(store, NewAccount(
        name="Work", email="sales@example.com", imap_host="imap.example.com", imap_port=993,
        imap_security="ssl", smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))
    mail_cache.reconcile_folders(store, account.id, [
        ServerFolder(name, "/", frozenset(), role, True) for name, role in
        [("INBOX", "inbox"), ("Sent", "sent"), ("Drafts", "drafts"), ("Archive", "archive"),
         ("Junk", "junk"), ("Trash", "trash"), ("客户/华信贸易", None)]])
    inbox = next(f for f in account_folders(store, account.id) if f.role == "inbox")
    batch = []
    for n in range(40):
        raw = make_message(n, seed=11)
        batch.append(FetchedMessage(uid=n + 1, raw=raw, flags={"\\Seen"} if n % 3 else set(),
                                    internal_date=None, size=len(raw), modseq=None,
                                    envelope=parse_envelope(raw)))
    mail_cache.store_messages(store, inbox.id, batch)
    return paths, store


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "main-window.png").resolve()
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.sync_service import SyncService

    app = QApplication(sys.argv)
    paths, store = build_profile(Path(tempfile.mkdtemp()) / "profile")
    service = SyncService(store, use_idle=False)
    window = MainWindow(paths, store, service)
    window.resize(1280, 800)
    window.show()
    window.list_view.selectRow(1)
    window.status_label.setText(window.tr("Work: up to date (last sync 09:41)"))
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out))
    print(f"saved {out}")
    service.stop()


if __name__ == "__main__":
    main()
