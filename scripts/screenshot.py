"""Render the window (welcome screen, then the sample data in Chinese and English) to PNGs.

    xvfb-run -a .venv/bin/python scripts/screenshot.py docs [--dark]

Uses a throwaway profile and the bundled sample profile (no network, no keyring).  Under
Xvfb (DISPLAY set) it shows a real X window; otherwise Qt's offscreen platform is used.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if not os.environ.get("DISPLAY"):
    screens = Path(tempfile.mkdtemp()) / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "s0", "x": 0, "y": 0, "width": 1280,
                                                "height": 800, "logicalDpi": 96,
                                                "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"


def select_subject(app, window, subject: str) -> None:
    """Select a sample message and wait until the reader and the panel show it (both are
    read off the GUI thread)."""
    from app.ui.message_list_model import Roles

    model = window.messages
    for row in range(model.rowCount()):
        if model.index(row, 1).data().removeprefix("★ ") == subject:  # flagged ones carry a star
            window.list_view.setCurrentIndex(model.index(row, 0))
            wanted = model.index(row, 0).data(Roles.MessageId)
            wait(app, lambda: window.reader.shown_pk == wanted)
            settle(app)
            return
    raise SystemExit(f"no sample message '{subject}'")


def wait(app, done, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("the window did not settle in time")
        app.processEvents()
        time.sleep(0.01)


def show_search(app, window, text: str) -> None:
    """Type a search and wait for the background answer to be listed."""
    box = window.search_box
    box.setFocus()
    box.last_answer = None
    box.setText(text)
    box.search_now()
    for _ in range(500):
        app.processEvents()
        if box.last_answer is not None:
            break
        time.sleep(0.01)
    settle(app)


def settle(app) -> None:
    """Let every read and write started so far come back, then paint."""
    from app.ui.ops import Ops

    for _ in range(3):
        wait(app, Ops.all_settled)
        for _ in range(30):
            app.processEvents()
            time.sleep(0.005)


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.profile import open_profile
    from app.ui.application import WindowHost

    from app.ui.plurals import install_english_plurals
    from app.ui.theme import SystemColorScheme

    app = QApplication(sys.argv)
    scheme = SystemColorScheme(app)  # as run_gui does
    install_english_plurals(app)  # as run_gui does: "4 contacts"
    paths, store = open_profile(str(Path(tempfile.mkdtemp()) / "profile"))
    host = WindowHost(paths, store)
    host.show()
    host.window.resize(1280, 800)
    settle(app)
    host.window.grab().save(str(out_dir / "welcome.png"))
    first = host.window
    host.explore_sample()  # the bundled sample data: English and Chinese customers and mail
    wait(app, lambda: host.window is not first, seconds=60)  # built off the GUI thread
    window = host.window
    settle(app)
    window.resize(1400, 820)
    shots = [("main-window.png", "合同草案 — 华信贸易 / LED 面板"),
             ("main-window-en.png", "Re: Quote for 500 units, delivery to Hamburg")]
    for name, subject in shots:
        select_subject(app, window, subject)
        window.grab().save(str(out_dir / name))
    select_subject(app, window, "参展确认：展位 B12")  # HTML with a blocked remote image
    window.grab().save(str(out_dir / "reader-html.png"))
    window.set_conversation_mode(True)
    select_subject(app, window, "回复：询价：LED 面板 2000 台  (3)")
    window.grab().save(str(out_dir / "conversation.png"))
    window.set_conversation_mode(False)
    window.sections.setCurrentIndex(1)  # Customers
    settle(app)  # the lists are read off the GUI thread
    window.customers_view.contacts.selectRow(0)
    settle(app)
    window.grab().save(str(out_dir / "customers.png"))
    window.sections.setCurrentIndex(2)  # Deals
    settle(app)
    window.grab().save(str(out_dir / "deals.png"))
    window.sections.setCurrentIndex(0)
    for name, text in (("search.png", "华信"), ("search-en.png", "quote")):
        show_search(app, window, text)
        window.grab().save(str(out_dir / name))
    window.search_box.clear()  # the later shots show the window as it is without a search
    window.search_box.clearFocus()
    settle(app)
    window.search_box.results.hide()
    from app.ui.composer import Composer

    composer = Composer(window.store)  # the sample account sends nothing; this is only its look
    composer.to.setText("张伟 <zhang.wei@huaxin-trade.cn>")
    composer.subject.setText("回复：询价：LED 面板 2000 台")
    composer.editor.setPlainText("张经理您好：\n\n附件是更新后的**报价单**：\n\n| 型号 | 数量 | 含税单价 |\n|---|---|---|\n"
                                 "| 60x60 LED 面板 | 2000 | ¥386 |\n\n- 交货期：4 周\n- 质保：3 年\n\n李雷")
    composer.update_preview()
    composer.show()
    settle(app)
    composer.grab().save(str(out_dir / "composer.png"))
    composer._autosave.stop()
    composer.hide()
    if len(sys.argv) > 2 and sys.argv[2] == "--dark":
        # What a desktop switched to dark reports (Xvfb has no desktop to ask).
        scheme.apply(Qt.ColorScheme.Dark)
        settle(app)
        window.grab().save(str(out_dir / "main-window-dark.png"))
    print(f"saved screenshots in {out_dir}")
    host.close()
    os._exit(0)  # skip interpreter teardown of Qt objects: the files are written


if __name__ == "__main__":
    main()
