"""Render the Rules tab (a few rules, the run log after they ran) and the rule editor to PNGs.

    .venv/bin/python scripts/rules_screenshot.py docs        # rules.png, rule-editor.png
    .venv/bin/python scripts/rules_screenshot.py docs --zh   # rules-zh.png, rule-editor-zh.png, in Chinese

A throwaway profile with one account and a little mail arriving now; the rules run once
(``run_rules``) before the window opens, so the log has something to show.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if not os.environ.get("DISPLAY"):
    screens = Path(tempfile.mkdtemp()) / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "s0", "x": 0, "y": 0, "width": 1280, "height": 800,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"

RULES = [
    {"name": "Complaints become cases", "when": {"event": "message_received", "folder": "inbox"},
     "if": {"any": [{"field": "subject", "op": "contains", "value": "投诉"},
                    {"field": "body", "op": "matches", "value": "complain(t|ed)"}]},
     "then": [{"action": "create_case", "priority": "high", "assignee": "me", "due_in": "1d"},
              {"action": "notify", "title": "New complaint", "body": "{subject}"}]},
    {"name": "Thank new enquiries", "when": {"event": "message_received"},
     "if": {"all": [{"field": "subject", "op": "matches", "value": "询价|quote"},
                    {"field": "has_attachment", "op": "is", "value": False}]},
     "then": [{"action": "send_template", "template": "Thanks for your enquiry", "to": "sender"},
              {"action": "create_task", "title": "Quote for {from_name}", "due_in": "2d"}]},
    {"name": "Won deals", "when": {"event": "field_changed", "record": "deal", "field": "stage", "to": "Won"},
     "then": [{"action": "add_tag", "record": "deal", "tag": "won"}, {"action": "notify", "title": "Won!"}]},
    {"name": "Silent customers", "when": {"event": "no_activity", "days": 30},
     "then": [{"action": "create_task", "title": "Call {customer.name}"}]},
    {"name": "Monday pipeline review", "enabled": False,
     "when": {"event": "schedule", "every": "week", "at": "08:30", "day": "monday"},
     "then": [{"action": "notify", "title": "Review the pipeline"}]},
]


def now_dated(raw: bytes) -> bytes:
    head, _, body = raw.partition(b"\n\n")
    lines = [line for line in head.split(b"\n") if not line.startswith(b"Date:")]
    return b"\n".join([*lines, f"Date: {formatdate(time.time())}".encode()]) + b"\n\n" + body


def wait(app, done, seconds: float = 20) -> None:
    from app.ui.ops import Ops

    deadline = time.monotonic() + seconds
    while not (done() and Ops.all_settled()):
        if time.monotonic() > deadline:
            raise SystemExit("the window did not settle in time")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "docs").resolve()
    chinese = "--zh" in sys.argv
    suffix = "-zh" if chinese else ""
    from PySide6.QtWidgets import QApplication

    from app.automation import rule_book
    from app.automation.engine import run_rules
    from app.mail.sending.templates import save_template
    from app.paths import ProfilePaths
    from app.profile import open_profile
    from app.ui.main_window import MainWindow
    from app.ui.plurals import install_english_plurals
    from app.ui.sync_service import SyncService
    from tests.support.mail_store import MailStore, mail

    app = QApplication(sys.argv)
    install_english_plurals(app)
    if chinese:
        from app.ui.translations import CHINESE, install_translations

        install_translations(app, CHINESE)
    root = Path(tempfile.mkdtemp()) / "profile"
    _paths, store = open_profile(str(root))
    mails = MailStore(store)
    save_template(store, "Thanks for your enquiry", "Re: {{contact.name}}",
                  "Thank you, we are preparing your quote.")
    rule_book.import_rules(store, {"rules": RULES})
    mails.add(*(now_dated(mail(sender, "sales@example.com", subject, body=body)) for sender, subject, body in (
        ("王磊 <wang.lei@huaxin.cn>", "投诉：交货延迟两周", "货还没到。"),
        ("Anna Berg <anna@nordlicht.de>", "Request for quote: 500 LED panels", "Please send a quote."),
        ("李娜 <li.na@dongfang.com>", "询价：LED 面板 2000 台", "请报价。"),
        ("Tom Reed <tom@reedco.uk>", "Invoice 2026-118", "We complained last month about the invoice."),
        ("Ops <noreply@shop.example>", "Your order has shipped", "Tracking number inside."))))
    run_rules(store)
    service = SyncService(store, use_idle=False)
    window = MainWindow(ProfilePaths(root), store, service)
    window.resize(1280, 800)
    window.show()
    window.show_rules()
    view = window.rules_view
    wait(app, lambda: view.loaded)
    view.list.setCurrentRow(0)
    view.log.expandItem(view.log.topLevelItem(0))
    wait(app, lambda: True)
    window.grab().save(str(out_dir / f"rules{suffix}.png"))
    editor = view.edit_rule()
    wait(app, lambda: bool(editor.lists))
    editor.test_button.click()
    wait(app, lambda: editor.trial is not None)
    editor.grab().save(str(out_dir / f"rule-editor{suffix}.png"))
    editor.close()
    window.close()
    service.stop()
    store.close()


if __name__ == "__main__":
    main()
