"""Settings set by the organisation (policies.json, read as at start): the Settings window shows a
locked setting disabled with "Set by your organisation", keeps a preset editable, writes only
what the user may change; the team server is fixed on the Team page; reports cannot be exported."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.settings import effective, get
from app.settings.policy_file import install_machine_policy
from tests.ui.test_settings_dialog import click, machine_file, open_dialog, retype, show_page  # noqa: F401
from tests.ui.waiting import wait_for
from tests.unit.test_reports import sales as sales_deals  # noqa: F401


@pytest.fixture
def managed(tmp_path):
    """What Liaison does at start with IT's file: read it and obey it."""
    path = tmp_path / "policies.json"
    path.write_text(json.dumps({"policies": {
        "remote_content": {"value": "always", "locked": True},
        "allow_export": {"value": False, "locked": True},
        "default_currency": {"value": "EUR"},
        "team_server_url": {"value": "https://crm.huaxin-trade.cn", "locked": True},
    }}), encoding="utf-8")
    loaded = install_machine_policy(path)
    assert loaded.warning is None
    return loaded


def test_locked_settings_are_disabled_and_say_who_set_them(qtbot, store, managed, open_dialog):  # noqa: F811
    dialog = open_dialog()
    fields = dialog.fields

    show_page(qtbot, dialog, 1)  # Reading
    remote = fields["remote_content"]
    assert remote.value() == "always"
    assert not remote.editor.isEnabled() and remote.editor.toolTip() == "Set by your organisation"
    assert remote.lock_note.isVisible() and "Set by your organisation" in remote.lock_note.text()
    qtbot.mouseClick(remote.editor, Qt.MouseButton.LeftButton)  # a click on it does nothing
    qtbot.keyClick(remote.editor, Qt.Key.Key_Up)
    assert remote.value() == "always"

    show_page(qtbot, dialog, 2)  # Customers: a locked switch, a preset that stays editable
    export = fields["allow_export"]
    assert not export.editor.isEnabled() and not export.editor.isChecked()
    assert export.editor.toolTip() == "Set by your organisation"
    currency = fields["default_currency"]
    assert currency.editor.isEnabled() and currency.value() == "EUR" and not currency.lock_note.isVisible()
    assert currency.editor.toolTip() != "Set by your organisation"
    retype(qtbot, currency.editor, "USD")

    show_page(qtbot, dialog, 4)  # Team: the server is the organisation's
    server = fields["team_server_url"]
    assert not server.editor.isEnabled() and server.value() == "https://crm.huaxin-trade.cn"
    wait_for(lambda: dialog.team_page.server.text() == "https://crm.huaxin-trade.cn")
    assert dialog.team_page.server.isReadOnly()
    assert dialog.team_page.server.toolTip() == "Set by your organisation"

    assert [key for key, _account, _value in dialog.pending_changes()] == ["default_currency"]
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        click(qtbot, dialog.ok_button)
    assert get(store, "default_currency") == "USD"
    assert effective(store, "remote_content").locked and get(store, "remote_content") == "always"


def test_unlocked_settings_stay_editable_without_a_policy(qtbot, store, open_dialog):  # noqa: F811
    dialog = open_dialog()
    show_page(qtbot, dialog, 2)
    export = dialog.fields["allow_export"]
    assert export.editor.isEnabled() and export.editor.isChecked() and not export.lock_note.isVisible()
    assert export.editor.toolTip() != "Set by your organisation"


def test_reports_cannot_be_exported_when_the_organisation_says_so(qtbot, sales_deals, managed):  # noqa: F811
    from app.ui.reports_view import ReportsView

    store = sales_deals
    store.writer.never_wait_on()
    view = ReportsView(store)
    qtbot.addWidget(view)
    view.show()
    wait_for(lambda: view.report is not None and view.report.rows)
    for button in (view.export_csv, view.export_xlsx, view.export_pdf):
        assert not button.isEnabled()
        assert "Set by your organisation" in button.toolTip()


def test_an_account_without_encryption_cannot_be_added_from_the_window(qtbot, store, tmp_path):
    from app.mail.accounts.providers import ServerSettings
    from app.mail.accounts.setup import Discovery
    from app.store.accounts import list_accounts
    from app.ui.account_setup_dialog import AccountSetupDialog

    path = tmp_path / "policies.json"
    path.write_text(json.dumps({"policies": {"allow_plaintext_mail": {"value": False, "locked": True}}}))
    install_machine_policy(path)
    plain = ServerSettings("mail.corp.example", 143, "none", "mail.corp.example", 25, "none")
    dialog = AccountSetupDialog(store, discover_settings=lambda email: Discovery(plain, "autoconfig", None, "x"))
    qtbot.addWidget(dialog)
    dialog.show()
    for combo in (dialog.imap_security, dialog.smtp_security):
        unencrypted = combo.model().item(combo.findData("none"))
        assert not unencrypted.isEnabled() and unencrypted.toolTip() == "Set by your organisation"
    dialog.email.setText("it@corp.example")
    dialog.password.setText("x")
    click(qtbot, dialog.next)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    click(qtbot, dialog.next)  # what the domain published: unencrypted, refused in one sentence
    qtbot.waitUntil(lambda: "Unencrypted connections are not allowed" in dialog.status.text(), timeout=5000)
    assert "mail.corp.example" in dialog.status.text() and list_accounts(store) == []


def test_a_locked_schedule_is_what_the_sync_service_follows(qtbot, store, tmp_path):
    from app.store.accounts import NewAccount, create_account
    from app.ui.sync_service import SyncService

    account = create_account(store, NewAccount(
        name="work", email="sales@example.com", imap_host="127.0.0.1", imap_port=1, imap_security="ssl",
        smtp_host="127.0.0.1", smtp_port=1, smtp_security="ssl"))  # stored as "push"
    path = tmp_path / "policies.json"
    path.write_text(json.dumps({"policies": {"sync_mode": {"value": "manual", "locked": True}}}))
    install_machine_policy(path)
    service = SyncService(store, use_idle=True)
    states = []
    service.account_state_changed.connect(lambda *args: states.append(args))
    service.start()
    try:
        qtbot.wait(400)
        assert states == [] and account.id not in service.services._watchers  # neither a pass nor IDLE
    finally:
        service.stop()
