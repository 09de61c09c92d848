"""Render the Cases tab over the bundled sample data, with a few service cases, to docs/cases.png.

    .venv/bin/python scripts/screenshot_cases.py docs        # cases.png
    .venv/bin/python scripts/screenshot_cases.py docs --zh   # cases-zh.png and mail-import-zh.png, in Chinese

The sample profile has no cases: this opens some on its customers and files sample messages on
them (a throwaway copy; no network, no keyring), then shows the window as run_gui does.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import settle, wait  # (also sets up the 1280×800 offscreen screen)


def open_sample_cases(store) -> str:
    """A few cases on the sample customers; returns the one to show."""
    from sqlalchemy import select

    from app.crm import cases
    from app.crm.customers import ContactInput, add_contact, contact_by_email
    from app.store.models import Message

    add_contact(store, ContactInput(name="王芳", emails=["wangfang@163.com"]))  # the sample leaves her unknown
    with store.read() as session:
        keys = dict(session.execute(select(Message.subject, Message.message_id)).all())
        people = {address: contact_by_email(session, address).id for address in (
            "zhang.wei@huaxin-trade.cn", "chen.jing@huaxin-trade.cn", "anna.schmidt@nordwind-handel.de",
            "wangfang@163.com")}
    now = int(time.time())
    shown = cases.open_case(
        store, "交货期：1 月 15 日前能否到货", priority="urgent",
        contact_id=people["zhang.wei@huaxin-trade.cn"], assignee="li.lei@liaison-demo.example", due_at=now - 6 * 3600,
        description="张经理要求 1 月 15 日前交货 2000 台；工厂确认产能后回复。",
        messages=[keys["询价：LED 面板 2000 台"], keys["回复：询价：LED 面板 2000 台"]])
    cases.update_case(store, shown, {"status": "waiting"})
    cases.open_case(store, "合同第 5 条付款方式", priority="high",
                    contact_id=people["chen.jing@huaxin-trade.cn"], due_at=now + 2 * 86400,
                    messages=[keys["合同草案 — 华信贸易 / LED 面板"]])
    cases.open_case(store, "CE declaration and pallet dimensions",
                    contact_id=people["anna.schmidt@nordwind-handel.de"], due_at=now + 4 * 86400,
                    messages=[keys["Re: Quote for 500 units, delivery to Hamburg"]])
    cases.open_case(store, "10 台样品的运费", priority="low", contact_id=people["wangfang@163.com"],
                    messages=[keys["样品咨询"]])
    solved = cases.open_case(store, "Samples for testing", contact_id=people["anna.schmidt@nordwind-handel.de"],
                             messages=[keys["Samples received"]])
    cases.update_case(store, solved, {"status": "solved"})
    return shown


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "docs").resolve()
    chinese = "--zh" in sys.argv
    suffix = "-zh" if chinese else ""
    from PySide6.QtWidgets import QApplication

    from app.paths import ProfilePaths
    from app.sample_data import build_sample_profile
    from app.store.database import Store
    from app.ui.main_window import MainWindow
    from app.ui.plurals import install_english_plurals
    from app.ui.sync_service import SyncService
    from app.ui.theme import SystemColorScheme

    app = QApplication(sys.argv)
    scheme = SystemColorScheme(app)  # noqa: F841  (as run_gui does)
    install_english_plurals(app)
    if chinese:
        from app.ui.translations import CHINESE, install_translations

        install_translations(app, CHINESE)
    paths = ProfilePaths(build_sample_profile(Path(tempfile.mkdtemp()) / "sample"))
    store = Store(paths.database)
    shown = open_sample_cases(store)
    service = SyncService(store, use_idle=False)
    window = MainWindow(paths, store, service)
    window.resize(1400, 820)
    window.show()
    settle(app)
    window.show_cases()
    view = window.cases_view
    wait(app, lambda: view.loaded)
    view.filter.setCurrentIndex(view.filter.findData("all"))
    window.open_case(shown)
    wait(app, lambda: view.detail.detail is not None and view.detail.detail.case.uuid == shown)
    settle(app)
    window.grab().save(str(out_dir / f"cases{suffix}.png"))
    if chinese:  # and the Import Mail dialog, for a translator's review
        from app.ui.mail_import_dialog import MailImportDialog

        dialog = MailImportDialog(window.store, window.ops, window, services=window.sync.services)
        dialog.show()
        settle(app)
        dialog.grab().save(str(out_dir / "mail-import-zh.png"))
        dialog.close()
    window.close()
    service.stop()
    store.close()


if __name__ == "__main__":
    main()
