"""The panel beside the reader: who wrote the selected message, and the history with them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.store.correspondence import correspondent, mail_with_organisation, mail_with_person
from app.store.database import Store

HISTORY_LIMIT = 200


class CustomerPanel(QWidget):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.address = QLabel()
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.organisation = QLabel()
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)
        self.person_title = QLabel()
        self.person_history = self._history_list()
        self.org_title = QLabel()
        self.org_history = self._history_list()
        layout = QVBoxLayout(self)
        for widget in (self.name, self.address, self.organisation, self.person_title):
            layout.addWidget(widget)
        layout.addWidget(self.person_history, 1)
        layout.addWidget(self.org_title)
        layout.addWidget(self.org_history, 1)
        self.show_sender(None, None)

    def show_sender(self, name: str | None, address: str | None, current_message: int | None = None) -> None:
        if not address:
            for label in (self.name, self.address, self.organisation, self.person_title, self.org_title):
                label.clear()
            self.person_history.clear()
            self.org_history.clear()
            self.org_title.hide()
            self.org_history.hide()
            return
        who = correspondent(name or "", address)
        self.name.setText(who.name or who.address)
        self.address.setText(who.address)
        self.organisation.setText(
            self.tr("Organisation: %1").replace("%1", who.organisation) if who.organisation
            else self.tr("Personal address (%1)").replace("%1", who.domain))
        person = [e for e in mail_with_person(self.store, who.address, HISTORY_LIMIT + 1)
                  if e.message_id != current_message]
        self.person_title.setText(self.tr("Other mail with this person: %1").replace("%1", str(len(person))))
        self._fill(self.person_history, person)
        if who.organisation:
            org = [e for e in mail_with_organisation(self.store, who.domain, HISTORY_LIMIT + 1)
                   if e.message_id != current_message]
            self.org_title.setText(self.tr("Mail with %1: %2").replace("%1", who.domain)
                                   .replace("%2", str(len(org))))
            self._fill(self.org_history, org)
        self.org_title.setVisible(bool(who.organisation))
        self.org_history.setVisible(bool(who.organisation))

    @staticmethod
    def _history_list() -> QListWidget:
        widget = QListWidget()
        # Two lines per entry (date and subject; sender and folder), each elided to the width.
        widget.setWordWrap(False)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.setUniformItemSizes(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return widget

    def _fill(self, widget: QListWidget, exchanges) -> None:
        widget.clear()
        for exchange in exchanges[:HISTORY_LIMIT]:
            when = datetime.fromtimestamp(exchange.date).strftime("%Y-%m-%d")
            sender = exchange.from_name or exchange.from_addr
            item = QListWidgetItem(f"{when}  {exchange.subject}\n{sender} · {exchange.folder}")
            item.setData(Qt.ItemDataRole.UserRole, exchange.message_id)
            widget.addItem(item)
