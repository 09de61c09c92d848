"""Mail → Settings…: every setting of :mod:`app.settings.schema`, one page per section.

Pages (Accounts, Reading, Customers, Search) are listed on the left and built from the
schema: one :class:`~app.ui.settings_fields.FieldEditor` per setting, the account settings
for the account chosen at the top of the Accounts page.  The Customers page adds the
pipeline's stages, the Search page two actions that run at once (forget recent searches,
rebuild the index with progress and Stop).

Edits wait until Apply or OK; Cancel drops them.  A refused value is said in one sentence
under its field and nothing is written.  Everything is read in a read op and written in one
write op (``app.settings.set_value`` and ``app.crm.pipeline_settings.apply_plan`` on the
writer thread); the op's change set (``SETTINGS``, with ``ACCOUNTS`` for account settings and
``RECORDS`` for stages) reaches every panel.  A changed sync schedule is applied at once
(``sync_service.apply_sync_mode``), a changed free-mail list relinks mail to companies.

Usage (the main window): ``SettingsDialog(store, ops, sync_service, parent).open()``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.crm.pipeline_settings import StageInfo, apply_plan, check_plan, stage_overview
from app.crm.settings import RELINK_AFTER, after_change
from app.search import crm_index, mail_index
from app.search.recent import forget_all
from app.services.events import ACCOUNTS as ACCOUNTS_CHANGED
from app.services.events import LINKS, RECORDS, SETTINGS, ChangeSet
from app.settings import Effective, InvalidSetting, SettingLocked, describe_all, schema, set_value, setting
from app.settings.schema import ACCOUNT, ACCOUNTS, CUSTOMERS, GENERAL, READING, SEARCH, SECTIONS, TEAM
from app.store.accounts import list_accounts
from app.store.database import Store
from app.ui.icons import icon
from app.ui.ops import OpResult
from app.ui.settings_fields import ErrorLabel, FieldEditor, HintLabel, error_sentence, tr_settings
from app.ui.settings_stages import StageEditor

log = logging.getLogger("liaison.ui.settings")

PAGES = ((ACCOUNTS, "mail"), (READING, "read"), (CUSTOMERS, "company"), (SEARCH, "search"), (TEAM, "sync"),
         (GENERAL, "settings"))


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    email: str
    is_sample: bool


@dataclass(frozen=True)
class Snapshot:
    """Everything the dialog shows, read in one go off the GUI thread."""

    entries: dict[tuple[str, int | None], Effective]
    accounts: list[AccountRow]
    stages: list[StageInfo]


def load_snapshot(store: Store) -> Snapshot:
    entries = {(e.key, e.account_id): e for e in describe_all(store)}
    accounts = [AccountRow(a.id, a.name, a.email, bool(a.is_sample)) for a in list_accounts(store)]
    return Snapshot(entries, accounts, stage_overview(store))


def write_settings(store: Store, changes: list[tuple[str, int | None, Any]],
                   plan: list[StageInfo] | None) -> OpResult:
    """The dialog's one write (on the writer thread): every changed setting, then the stages."""
    for key, account_id, value in changes:
        set_value(store, key, value, account_id)
    stages_changed = plan is not None and apply_plan(store, plan)
    accounts = {account_id for _key, account_id, _value in changes if account_id is not None}
    kinds = {SETTINGS} | ({ACCOUNTS_CHANGED} if accounts else set()) | ({RECORDS} if stages_changed else set())
    return OpResult(None, ChangeSet.of(*kinds, accounts=accounts))


def relink_after(store: Store, keys: set[str]) -> ChangeSet | None:
    return ChangeSet.of(LINKS, RECORDS) if after_change(store, keys) else None


class _Progress(QObject):
    """Carries the index rebuild's progress from its thread to the GUI thread."""

    moved = Signal(int, int)


class SettingsDialog(QDialog):
    """The Settings window; ``loaded`` fires when its values are shown, ``applied`` after a write."""

    loaded = Signal()
    applied = Signal()
    rebuild_finished = Signal(int)

    def __init__(self, store: Store, ops, sync_service=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.sync_service = sync_service
        self.setWindowTitle(self.tr("Settings"))
        self.fields: dict[str, FieldEditor] = {}
        self.pages: dict[str, QWidget] = {}
        self._snapshot: Snapshot | None = None
        self._account_values: dict[tuple[str, int], Any] = {}
        self._shown_account: int | None = None
        self._writing = False
        self._stop_rebuild: threading.Event | None = None
        self._progress = _Progress(self)
        self._progress.moved.connect(self._rebuild_moved)

        self.page_list = QListWidget()
        self.page_list.setIconSize(QSize(20, 20))
        self.page_list.setSpacing(2)
        self.stack = QStackedWidget()
        for section, icon_name in PAGES:
            self.stack.addWidget(self._scrolling(self._build_page(section)))
            QListWidgetItem(icon(icon_name), tr_settings(SECTIONS[section]), self.page_list)
        self.applied.connect(self.secrets_panel.refresh)  # the store in use may have changed
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        widest = max(self.page_list.fontMetrics().horizontalAdvance(self.page_list.item(i).text())
                     for i in range(self.page_list.count()))
        self.page_list.setFixedWidth(max(150, widest + 64))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.clicked.connect(lambda _checked=False: self.apply(close=True))
        self.apply_button.clicked.connect(lambda _checked=False: self.apply(close=False))
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 620)
        self._set_enabled(False)
        self.reload()

    # -- building ------------------------------------------------------------------------------
    @staticmethod
    def _scrolling(page: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(page)
        return area

    def _build_page(self, section: str) -> QWidget:
        page = QWidget()
        self.pages[section] = page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.setSpacing(18)
        title = QLabel(tr_settings(SECTIONS[section]))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        if section == ACCOUNTS:
            layout.addLayout(self._build_account_picker())
        for s in schema.in_section(section):
            editor = FieldEditor(s)
            editor.changed.connect(self._refresh_buttons)
            self.fields[s.key] = editor
            layout.addWidget(editor)
        if section == CUSTOMERS:
            self.stages = StageEditor()
            self.stages.changed.connect(self._refresh_buttons)
            layout.addWidget(self.stages)
        if section == TEAM:
            from app.ui.settings_team import TeamPage

            self.team_page = TeamPage(self.store, self.ops, self.sync_service)
            layout.addWidget(self.team_page)
        if section == SEARCH:
            layout.addWidget(self._build_search_actions())
        if section == GENERAL:
            from app.ui.settings_secrets import SecretsPanel

            self.secrets_panel = SecretsPanel(self.ops)
            layout.addWidget(self.secrets_panel)
        layout.addStretch(1)
        return page

    def _build_account_picker(self) -> QVBoxLayout:
        self.account_picker = QComboBox()
        self.account_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account_picker.currentIndexChanged.connect(lambda _i: self._account_chosen())
        self.account_address = HintLabel()
        self.no_account = HintLabel(self.tr("There is no mail account yet. Once you add one, its name, "
                                            "signature and schedule are set here."))
        self.no_account.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Account:")))
        row.addWidget(self.account_picker)
        row.addWidget(self.account_address, 1)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addLayout(row)
        column.addWidget(self.no_account)
        return column

    def _build_search_actions(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.forget_button = QPushButton(self.tr("Forget Recent Searches"))
        self.forget_button.clicked.connect(lambda _checked=False: self.forget_searches())
        forget_row = QHBoxLayout()
        forget_row.addWidget(self.forget_button)
        forget_row.addWidget(HintLabel(self.tr("Clears the search field's history now.")), 1)
        heading = QLabel(self.tr("Search index"))
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        explain = HintLabel(self.tr("Rebuilding reads every stored message and customer record again. Use it when "
                                    "a search misses mail you know is there; searching keeps working meanwhile."))
        self.rebuild_button = QPushButton(icon("sync"), self.tr("Rebuild Index"))
        self.rebuild_button.clicked.connect(lambda _checked=False: self.rebuild_index())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(lambda _checked=False: self.stop_rebuild())
        self.stop_button.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        rebuild_row = QHBoxLayout()
        rebuild_row.addWidget(self.rebuild_button)
        rebuild_row.addWidget(self.progress, 1)
        rebuild_row.addWidget(self.stop_button)
        rebuild_row.addStretch(0)
        self.search_status = HintLabel()
        self.search_error = ErrorLabel()
        layout.addLayout(forget_row)
        layout.addSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(rebuild_row)
        layout.addWidget(self.search_status)
        layout.addWidget(self.search_error)
        return box

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every value again (at start, and after Apply: new stages get their ids)."""
        self.ops.read(load_snapshot, self.store).owned_by(self).success(self._show_snapshot).run()

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._account_values.clear()
        for key, editor in self.fields.items():
            if editor.setting.scope == ACCOUNT:
                continue
            entry = snapshot.entries[(key, None)]
            editor.set_value(entry.value)
            editor.set_locked(entry.locked)
        keep = self._shown_account
        self._shown_account = None
        picker = self.account_picker
        picker.blockSignals(True)
        picker.clear()
        for account in snapshot.accounts:
            picker.addItem(account.name, account.id)
        picker.setCurrentIndex(max(0, picker.findData(keep)) if snapshot.accounts else -1)
        picker.blockSignals(False)
        self._account_chosen()
        self.stages.set_stages(snapshot.stages)
        self._set_enabled(True)
        self.loaded.emit()

    def _account_row(self, account_id: int | None) -> AccountRow | None:
        return next((a for a in self._snapshot.accounts if a.id == account_id), None) if self._snapshot else None

    def _account_fields(self) -> list[FieldEditor]:
        return [e for e in self.fields.values() if e.setting.scope == ACCOUNT]

    def _stash_account(self) -> None:
        if self._shown_account is not None:
            for editor in self._account_fields():
                self._account_values[(editor.setting.key, self._shown_account)] = editor.value()

    def _account_chosen(self) -> None:
        if self._snapshot is None:
            return
        self._stash_account()
        account = self._account_row(self.account_picker.currentData())
        self._shown_account = account.id if account else None
        self.no_account.setVisible(account is None)
        self.account_picker.setVisible(account is not None)
        self.account_address.setText(account.email if account else "")
        for editor in self._account_fields():
            editor.setVisible(account is not None)
            if account is None:
                continue
            key = editor.setting.key
            entry = self._snapshot.entries[(key, account.id)]
            editor.set_value(self._account_values.get((key, account.id), entry.value))
            if key == "sync_mode" and account.is_sample:
                editor.set_locked(True, self.tr("The sample account has no server: it is never synced."))
            else:
                editor.set_locked(entry.locked)
        self._refresh_buttons()

    # -- what changed --------------------------------------------------------------------------
    def pending_changes(self) -> list[tuple[str, int | None, Any]]:
        """(key, account id or None, new value) for every edit not written yet."""
        if self._snapshot is None:
            return []
        self._stash_account()
        entries = self._snapshot.entries
        changes = []
        for key, editor in self.fields.items():
            entry = entries.get((key, None))
            if editor.setting.scope != ACCOUNT and not entry.locked and editor.value() != entry.value:
                changes.append((key, None, editor.value()))
        for (key, account_id), value in self._account_values.items():
            entry = entries.get((key, account_id))
            if entry is not None and not entry.locked and value != entry.value:
                changes.append((key, account_id, value))
        return changes

    def _stage_plan(self) -> list[StageInfo] | None:
        if self._snapshot is None:
            return None
        plan = self.stages.plan()
        return plan if plan != self._snapshot.stages else None

    def _refresh_buttons(self) -> None:
        ready = self._snapshot is not None and not self._writing
        self.ok_button.setEnabled(ready)
        self.apply_button.setEnabled(ready and bool(self.pending_changes() or self._stage_plan() is not None))

    def _set_enabled(self, enabled: bool) -> None:
        self.stack.setEnabled(enabled)
        self._refresh_buttons()

    # -- applying ------------------------------------------------------------------------------
    def _show_field_error(self, key: str, account_id: int | None, text: str) -> None:
        editor = self.fields[key]
        if account_id is not None and account_id != self._shown_account:
            self.account_picker.setCurrentIndex(self.account_picker.findData(account_id))
        editor.show_error(text)
        self.go_to(editor.setting.section)
        editor.editor.setFocus()

    def go_to(self, section: str) -> None:
        """Show the page of ``section`` (accounts, reading, customers, search)."""
        self.page_list.setCurrentRow([name for name, _icon in PAGES].index(section))

    def apply(self, close: bool) -> None:
        """Check every edit; write them in one op; close afterwards when ``close`` (OK)."""
        if self._snapshot is None or self._writing:
            return
        changes = self.pending_changes()
        for key, account_id, value in changes:
            try:
                setting(key).check(value)
            except InvalidSetting as refused:
                self._show_field_error(key, account_id, error_sentence(refused))
                return
        plan = self._stage_plan()
        if plan is not None:
            try:
                check_plan(self._snapshot.stages, plan)
            except InvalidSetting as refused:
                self.stages._refuse(refused)
                self.go_to(CUSTOMERS)
                return
        if not changes and plan is None:
            if close:
                self.accept()
            return
        self._writing = True
        self._set_enabled(False)
        (self.ops.write(write_settings, self.store, changes, plan).owned_by(self)
         .success(lambda _value: self._written(changes, close))
         .failure(self._write_failed).run())

    def _written(self, changes: list[tuple[str, int | None, Any]], close: bool) -> None:
        self._writing = False
        keys = {key for key, _account, _value in changes}
        if keys & RELINK_AFTER:
            self.ops.call(relink_after, self.store, keys).run()  # may take a while: not tied to the dialog
        if self.sync_service is not None:
            for key, account_id, _value in changes:
                if key == "sync_mode":
                    self.sync_service.apply_sync_mode(account_id)
        self.applied.emit()
        if close:
            self.accept()
            return
        self.reload()

    def _write_failed(self, error: BaseException) -> None:
        self._writing = False
        self._set_enabled(True)
        key = error.params.get("key") if isinstance(error, (InvalidSetting, SettingLocked)) else None
        if key in self.fields:
            self._show_field_error(key, error.params.get("account_id"), error_sentence(error))
        elif key == "pipeline_stages":
            self.stages._refuse(error)
            self.go_to(CUSTOMERS)
        else:
            self.ops.present_error(error)

    # -- search actions (at once, not on Apply) ------------------------------------------------
    def forget_searches(self) -> None:
        self.forget_button.setEnabled(False)
        (self.ops.write(forget_all, self.store).owned_by(self)
         .success(lambda _value: self._searches_forgotten()).run())

    def _searches_forgotten(self) -> None:
        self.forget_button.setEnabled(True)
        self.search_status.setText(self.tr("Recent searches forgotten."))

    def rebuild_index(self) -> None:
        if self._stop_rebuild is not None:
            return
        stop = self._stop_rebuild = threading.Event()
        progress = self._progress

        def moved(done: int, total: int) -> None:
            try:
                progress.moved.emit(done, total)
            except RuntimeError:  # the dialog is gone; the rebuild is being stopped
                stop.set()

        def rebuild() -> tuple[int, bool]:
            count = mail_index.rebuild(self.store, progress=moved, should_stop=stop.is_set)
            if stop.is_set():
                return count, False
            crm_index.rebuild(self.store)
            return count, True

        self.rebuild_button.setEnabled(False)
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first batch says how many
        self.progress.show()
        self.search_error.say("")
        self.search_status.setText(self.tr("Rebuilding the search index…"))
        (self.ops.call(rebuild).owned_by(self)
         .success(self._rebuilt).failure(self._rebuild_failed).run())

    def _rebuild_moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.search_status.setText(self.tr("Indexed %1 of %n message(s)…", "", total).replace("%1", str(done)))

    def stop_rebuild(self) -> None:
        if self._stop_rebuild is not None:
            self._stop_rebuild.set()
            self.stop_button.setEnabled(False)
            self.search_status.setText(self.tr("Stopping…"))

    def _rebuild_done(self) -> None:
        self._stop_rebuild = None
        self.rebuild_button.setEnabled(True)
        self.stop_button.hide()
        self.progress.hide()

    def _rebuilt(self, result: tuple[int, bool]) -> None:
        count, finished = result
        self._rebuild_done()
        if finished:
            self.search_status.setText(self.tr("The search index was rebuilt: %n message(s).", "", count))
        else:
            self.search_status.setText(self.tr("Stopped. The messages not indexed yet are indexed at the next sync."))
        self.rebuild_finished.emit(count)

    def _rebuild_failed(self, error: BaseException) -> None:
        self._rebuild_done()
        self.search_status.setText("")
        self.ops.present_error(error)

    # -- closing -------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self._stop_rebuild is not None:
            self._stop_rebuild.set()  # what is not indexed stays queued for the next sync
        super().done(result)
