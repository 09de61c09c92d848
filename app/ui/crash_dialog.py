"""The crash dialog: a bug in Liaison, said plainly, with a report the user can pass on.

It says what happened in one sentence, shows the exception and, folded under "Details", the
traceback and the tail of the log; "Copy Report" puts the whole report (versions, platform,
traceback, log tail) on the clipboard.  Everything in it has been through
:func:`app.ui.crash_handling.scrub_secrets`.  Non-blocking: the window stays usable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.crash_handling import CrashReport


class CrashDialog(QDialog):
    """One bug report; later bugs while it is open are counted in it (see CrashHandler)."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.later = 0
        self.setWindowTitle(self.tr("Liaison — Something Went Wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        if report.previous_run:
            self.headline = QLabel(self.tr("Liaison stopped unexpectedly the last time it ran. "
                                           "What was already saved is safe."))
        else:
            self.headline = QLabel(self.tr("Liaison ran into a bug and could not finish what it was doing. "
                                           "What was already saved is safe."))
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = QLabel(report.summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.advice = QLabel(self.tr("Please send the report to whoever looks after Liaison for you: "
                                     "“Copy Report” puts it on the clipboard. Passwords are removed from it."))
        self.advice.setWordWrap(True)
        self.more = QLabel()
        self.more.setWordWrap(True)
        self.more.hide()

        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Details"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText(self._details_text())
        self.details.setMinimumHeight(220)
        self.details.hide()

        self.copy_button = QPushButton(self.tr("Copy Report"))
        self.copy_button.clicked.connect(lambda: self.copy_report())
        self.copied = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.summary)
        text.addWidget(self.advice)
        text.addWidget(self.more)
        top.addLayout(text, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copied, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        layout.addLayout(bottom)
        self.resize(620, self.sizeHint().height())
        self.copy_button.setFocus()

    def _details_text(self) -> str:
        text = self.report.traceback or self.report.summary
        if self.report.log_tail:
            text += "\n\n" + self.tr("Last lines of the log (%1):").replace("%1", self.report.log_file) \
                + "\n" + self.report.log_tail
        return text

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.layout().activate()
        self.resize(self.width(), 560 if shown else self.minimumSizeHint().height())

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text())
        self.copied.setText(self.tr("The report is on the clipboard."))
        QTimer.singleShot(6000, self.copied, self.copied.clear)

    def add_later_report(self, report: CrashReport) -> None:
        """Another bug while this dialog is open: counted here, its details in the log."""
        self.later += 1
        self.more.setText(self.tr("%n more error(s) happened since; they are in the log.", "", self.later))
        self.more.show()
