"""A message a colleague shared on a customer: what the team server holds of it (subject,
sender, participants, date, who shared it, and its text where their team shares bodies).

The mail itself stays in the colleague's mailbox; this is read-only plain text (never HTML),
so nothing in it can run or fetch anything.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout

from app.crm.timeline import Entry


class SharedMailDialog(QDialog):
    def __init__(self, entry: Entry, parent=None):
        super().__init__(parent)
        self.setWindowTitle(entry.title or self.tr("(no subject)"))
        self.resize(560, 420)
        form = QFormLayout()
        when = QLocale().toString(datetime.fromtimestamp(entry.at), QLocale.FormatType.LongFormat)
        for label, value in ((self.tr("Subject:"), entry.title or self.tr("(no subject)")),
                             (self.tr("To:") if entry.outgoing else self.tr("From:"), entry.who),
                             (self.tr("Date:"), when),
                             (self.tr("Shared by:"), entry.shared_by)):
            shown = QLabel(value)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        self.text = QPlainTextEdit(entry.body or entry.detail)
        self.text.setReadOnly(True)
        self.note = QLabel(self.tr("Only the first words are shared: the message itself is in %1's mailbox.")
                           .replace("%1", entry.shared_by) if not entry.body else
                           self.tr("%1's team shares the text of mail filed on customers.").replace("%1", entry.shared_by))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
