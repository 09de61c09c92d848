"""Render the window and its main dialogs in Simplified Chinese, to look for English left over
and for Chinese that does not fit.

    .venv/bin/python scripts/screenshot_zh.py docs          # the three shots the README shows
    .venv/bin/python scripts/screenshot_zh.py /tmp/zh --all  # every dialog, for a translator's review

Uses a throwaway profile and the bundled sample data (no network, no keyring), the same way
``scripts/screenshot.py`` does for the English pictures, with the Chinese translators installed
as ``run_gui`` installs them under ``LANG=zh_CN.UTF-8``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshot as shots  # noqa: E402  (sets up the 1280×800 offscreen screen first)


def grab_dialog(app, dialog, path: Path, size=None) -> None:
    if size:
        dialog.resize(*size)
    dialog.show()
    shots.settle(app)
    dialog.grab().save(str(path))
    dialog.hide()


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs").resolve()
    every = "--all" in sys.argv
    out_dir.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.profile import open_profile
    from app.ui.application import WindowHost
    from app.ui.plurals import install_english_plurals
    from app.ui.theme import SystemColorScheme
    from app.ui.translations import CHINESE, install_translations

    app = QApplication(sys.argv)
    scheme = SystemColorScheme(app)  # noqa: F841  (as run_gui does)
    install_english_plurals(app)
    install_translations(app, CHINESE)
    paths, store = open_profile(str(Path(tempfile.mkdtemp()) / "profile"))
    host = WindowHost(paths, store)
    host.show()
    host.window.resize(1280, 800)
    shots.settle(app)
    if every:
        host.window.grab().save(str(out_dir / "welcome-zh.png"))
    first = host.window
    host.explore_sample()
    shots.wait(app, lambda: host.window is not first, seconds=60)
    window = host.window
    shots.settle(app)
    window.resize(1400, 820)
    shots.select_subject(app, window, "合同草案 — 华信贸易 / LED 面板")
    window.grab().save(str(out_dir / "main-window-zh.png"))
    window.sections.setCurrentIndex(2)  # Deals
    shots.settle(app)
    window.grab().save(str(out_dir / "deals-zh.png"))
    from app.settings.schema import GENERAL
    from app.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(window.store, window.ops, window.sync, window)
    settings.go_to(GENERAL)
    grab_dialog(app, settings, out_dir / "settings-zh.png", (900, 560))
    if every:
        window.sections.setCurrentIndex(1)
        shots.settle(app)
        window.customers_view.contacts.selectRow(0)
        shots.settle(app)
        window.grab().save(str(out_dir / "customers-zh.png"))
        window.sections.setCurrentIndex(3)
        shots.settle(app)
        window.grab().save(str(out_dir / "reports-zh.png"))
        window.sections.setCurrentIndex(0)
        shots.show_search(app, window, "华信")
        window.grab().save(str(out_dir / "search-zh.png"))
        window.search_box.clear()
        window.search_box.results.hide()
        for section in ("accounts", "reading", "customers", "search", "team"):
            settings.go_to(section)
            grab_dialog(app, settings, out_dir / f"settings-{section}-zh.png", (900, 640))
        from app.ui.account_setup_dialog import AccountSetupDialog
        from app.ui.composer import Composer
        from app.ui.contact_dialog import ContactDialog
        from app.ui.deal_dialog import DealDialog
        from app.ui.shortcuts_dialog import ShortcutsDialog

        grab_dialog(app, AccountSetupDialog(window.store, window), out_dir / "account-setup-zh.png")
        grab_dialog(app, ContactDialog(window.store, window.ops, "", window), out_dir / "contact-zh.png")
        grab_dialog(app, DealDialog(window.store, window.ops, window), out_dir / "deal-zh.png")
        grab_dialog(app, ShortcutsDialog(window.menuBar(), window), out_dir / "shortcuts-zh.png")
        from app.ui.activity_dialog import ActivityDialog, TaskDialog
        from app.ui.crash_dialog import CrashDialog
        from app.ui.crash_handling import CrashReport
        from app.ui.outbox_view import OutboxDialog
        from app.ui.template_editor import TemplatesDialog

        grab_dialog(app, ActivityDialog("call", "华信贸易", ["张伟"], [], window), out_dir / "call-zh.png")
        grab_dialog(app, TaskDialog("张伟", window), out_dir / "task-zh.png")
        grab_dialog(app, OutboxDialog(window.store, window, ops=window.ops), out_dir / "outbox-zh.png", (700, 400))
        grab_dialog(app, TemplatesDialog(window.store, window.ops, window), out_dir / "templates-zh.png", (800, 500))
        report = CrashReport("ValueError: bad value", "Traceback …", "the main thread")
        grab_dialog(app, CrashDialog(report, window), out_dir / "crash-zh.png")
        composer = Composer(window.store)
        grab_dialog(app, composer, out_dir / "composer-zh.png", (900, 600))
        composer._autosave.stop()
        box = QMessageBox(QMessageBox.Icon.Question, "Liaison", QCoreApplication.translate("Composer", "Keep this draft?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, window)
        grab_dialog(app, box, out_dir / "message-box-zh.png")
    print(f"saved screenshots in {out_dir}")
    host.close()
    os._exit(0)  # skip interpreter teardown of Qt objects: the files are written


if __name__ == "__main__":
    main()
