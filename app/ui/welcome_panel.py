"""What the window shows before there is any account: add one, or explore sample data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePanel(QWidget):
    add_account_requested = Signal()
    explore_sample_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to Liaison"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(self.tr("Your mail and your customers side by side. Add your mail account "
                              "to begin; Liaison finds the settings for QQ, 163, Exmail, Aliyun, "
                              "Gmail, Outlook and many more. Or look around with sample mail first."))
        text.setWordWrap(True)
        text.setFixedWidth(560)  # a wrapped label centred in a layout needs a width of its own
        self.add_account = QPushButton(self.tr("Add Account…"))
        self.add_account.setDefault(True)
        self.explore = QPushButton(self.tr("Explore Sample Data"))
        self.add_account.clicked.connect(self.add_account_requested)
        self.explore.clicked.connect(self.explore_sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_account)
        buttons.addWidget(self.explore)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row = QHBoxLayout()  # centred by stretches: an alignment flag would starve its height
            row.addStretch(1)
            row.addWidget(label)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
