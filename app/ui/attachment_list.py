"""A message's attachments: listed with name, size and type; opened or saved only on request.

Nothing is ever opened automatically.  "Open" writes the file into a private temporary
directory and hands it to the desktop; programs and disguised files are never opened from
here (the user can save them and decide), and any warning is shown before opening.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QStyle,
)

from app.mail.reading.attachment_files import human_size, unused_path, write_new_file
from app.mail.reading.attachment_names import safe_filename
from app.mail.reading.message_view import ViewAttachment
from app.ui.temporary_files import private_folder

WARNED_ROLE = Qt.ItemDataRole.UserRole + 1
_NEVER_OPEN = {"executable", "bidi", "double-extension", "content-mismatch:exe", "padding"}


class AttachmentList(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(lambda item: self.open_attachment(self._attachment(item)))
        self._attachments: list[ViewAttachment] = []
        self._open_dir: Path | None = None
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hide()

    def show_attachments(self, attachments: list[ViewAttachment]) -> None:
        self.clear()
        self._attachments = [a for a in attachments if not a.inline or not a.content_type.startswith("image/")]
        for attachment in self._attachments:
            label = f"{attachment.shown_name or self.tr('(no name)')}  ({human_size(attachment.size)})"
            # Style icons, not emoji: emoji fonts are missing on many Linux desktops.
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning if attachment.warnings \
                else QStyle.StandardPixmap.SP_FileIcon
            item = QListWidgetItem(self.style().standardIcon(icon), label)
            item.setData(WARNED_ROLE, bool(attachment.warnings))
            item.setData(Qt.ItemDataRole.UserRole, attachment.number)
            tip = [attachment.content_type] + [self.warning_text(w) for w in attachment.warnings]
            item.setToolTip("\n".join(tip))
            if attachment.warnings:
                item.setForeground(QBrush(QColor("#c0392b")))
            item.setSizeHint(QSize(self.fontMetrics().horizontalAdvance(label) + 48,
                                   self.fontMetrics().height() + 10))
            self.addItem(item)
        self.setVisible(bool(self._attachments))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the rows the attachments need (at most three), never a box of empty space."""
        if not self._attachments:
            return
        row = self.fontMetrics().height() + 10 + 2 * self.spacing()
        width, rows, available = 0, 1, max(self.viewport().width(), 200)
        for index in range(self.count()):
            item_width = self.item(index).sizeHint().width() + 2 * self.spacing()
            if width and width + item_width > available:
                rows, width = rows + 1, 0
            width += item_width
        self.setFixedHeight(min(rows, 3) * row + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    @property
    def listed(self) -> list[ViewAttachment]:
        return self._attachments

    def warning_text(self, code: str) -> str:
        texts = {
            "bidi": self.tr("The name contains characters that reverse its direction."),
            "padding": self.tr("Padding in the name hides its real end."),
            "double-extension": self.tr("The name has two extensions; the last one counts."),
            "executable": self.tr("This is a program: it runs code when opened."),
        }
        if code.startswith("content-mismatch:"):
            return self.tr("The content is really %1, not what the name says.").replace(
                "%1", code.split(":", 1)[1].upper())
        return texts.get(code, code)

    def _attachment(self, item: QListWidgetItem | None) -> ViewAttachment | None:
        if item is None:
            return None
        number = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._attachments if a.number == number), None)

    def _menu(self, point) -> None:
        attachment = self._attachment(self.itemAt(point))
        menu = QMenu(self)
        if attachment is not None:
            open_action = QAction(self.tr("Open"), menu)
            open_action.triggered.connect(lambda: self.open_attachment(attachment))
            save_action = QAction(self.tr("Save As…"), menu)
            save_action.triggered.connect(lambda: self.save_attachment(attachment))
            menu.addActions([open_action, save_action])
        save_all = QAction(self.tr("Save All…"), menu)
        save_all.triggered.connect(self.save_all)
        menu.addAction(save_all)
        menu.exec(self.viewport().mapToGlobal(point))

    def save_attachment(self, attachment: ViewAttachment, target: str | None = None) -> Path | None:
        if target is None:
            target, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save Attachment"), str(Path.home() / safe_filename(attachment.name)))
        if not target:
            return None
        path = Path(target)
        try:
            path.write_bytes(attachment.data())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save Attachment"),
                                self.tr("Could not save %1: %2").replace("%1", str(path))
                                .replace("%2", exc.strerror or str(exc)))
            return None
        return path

    def save_all(self, directory: str | None = None) -> list[Path]:
        if directory is None:
            directory = QFileDialog.getExistingDirectory(self, self.tr("Save All Attachments"), str(Path.home()))
        if not directory:
            return []
        saved = []
        for attachment in self._attachments:
            path = self.save_attachment(attachment, str(unused_path(Path(directory), safe_filename(attachment.name))))
            if path is not None:
                saved.append(path)
        return saved

    def open_attachment(self, attachment: ViewAttachment | None) -> Path | None:
        """Hand the file to the desktop, unless it is a program or disguised; returns its path."""
        if attachment is None:
            return None
        if _NEVER_OPEN & set(attachment.warnings):
            QMessageBox.warning(self, self.tr("Not opened"), self.tr(
                "Liaison does not open this file because it could run code or hides what it is:\n%1\n\n"
                "Save it and check it before opening it.").replace(
                    "%1", "\n".join(self.warning_text(w) for w in attachment.warnings)))
            return None
        if self._open_dir is None:
            self._open_dir = private_folder("liaison-open-")  # mode 0700
        path = unused_path(self._open_dir, safe_filename(attachment.name))
        write_new_file(path, attachment.data(), mode=0o400)  # read-only: edits would be lost
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
