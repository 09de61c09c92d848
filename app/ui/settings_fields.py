"""One editor per setting type, for the Settings window (built from :mod:`app.settings.schema`).

A :class:`FieldEditor` shows a setting's label, its control, its help as a small grey line
(and as the control's tooltip), a one-sentence error when a value is refused, and a note
when the machine's policy locks it.  The value is read and written with :meth:`value` /
:meth:`set_value`; ``changed`` fires on every edit.  Nothing here reads or writes the
store: the dialog does, through ops.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import describe
from app.settings import InvalidSetting, schema
from app.settings.schema import Setting
from app.ui.icons import icon


def tr_settings(text: str) -> str:
    """A label, help text or choice of the schema in the user's language."""
    return QCoreApplication.translate("settings", text) if text else ""


def error_sentence(error: BaseException) -> str:
    """A refused value's sentence in the user's language (error templates live in ``errors``)."""
    return describe(error, lambda template: QCoreApplication.translate("errors", template))


def error_colour(widget: QWidget) -> QColor:
    """A red that reads on the widget's background, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(255, 138, 128) if dark else QColor(198, 40, 40)


class HintLabel(QLabel):
    """A small, muted line of text under a control (help, notes)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


class ErrorLabel(QLabel):
    """One sentence saying why a value was refused; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()
        self._paint()

    def _paint(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(self))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and not getattr(self, "_painting", False):
            self._painting = True
            try:
                self._paint()
            finally:
                self._painting = False
        super().changeEvent(event)

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class EnterLineEdit(QLineEdit):
    """A line edit whose Enter acts on the field (``returnPressed``), not on the dialog's OK."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class ListEditor(QWidget):
    """A list of text items: each removable, new ones added through a checked field."""

    changed = Signal()

    def __init__(self, setting: Setting, report_error, parent: QWidget | None = None):
        super().__init__(parent)
        self.setting = setting
        self._report_error = report_error
        self.items = QListWidget()
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._fit_height()
        self.new_item = EnterLineEdit()
        self.new_item.setPlaceholderText(tr_settings(setting.placeholder))
        self.add_button = QPushButton(icon("add"), self.tr("Add"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.remove_button.setEnabled(False)
        self.add_button.clicked.connect(lambda _checked=False: self.add_typed())
        self.new_item.returnPressed.connect(self.add_typed)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_selected())
        self.items.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.items.selectedItems()) and self.isEnabled()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_item, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.items)
        layout.addLayout(row)

    def value(self) -> list[str]:
        return [self.items.item(row).text() for row in range(self.items.count())]

    def set_value(self, value: list[str]) -> None:
        self.items.clear()
        self.items.addItems(list(value))
        self._fit_height()

    def _fit_height(self) -> None:
        """Room for the items and one more, between three and seven rows (then it scrolls)."""
        rows = max(3, min(7, self.items.count() + 1))
        row_height = max(self.items.sizeHintForRow(0), self.items.fontMetrics().height() + 2)
        self.items.setFixedHeight(rows * row_height + 2 * self.items.frameWidth() + 4)

    def add_typed(self) -> None:
        text = self.new_item.text().strip()
        if not text:
            return
        try:
            combined = self.setting.check(self.value() + [text])
        except InvalidSetting as refused:
            self._report_error(error_sentence(refused))
            return
        self._report_error("")
        added = self.setting.check([text])[0]
        self.set_value(combined)
        found = self.items.findItems(added, Qt.MatchFlag.MatchExactly)
        if found:
            self.items.setCurrentItem(found[0])
            self.items.scrollToItem(found[0])
        self.new_item.clear()
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.items.selectedItems():
            self.items.takeItem(self.items.row(item))
        self._fit_height()
        self._report_error("")
        self.changed.emit()


class FieldEditor(QWidget):
    """A setting's label, control, help, error and lock note, in one column."""

    changed = Signal()

    def __init__(self, setting: Setting, parent: QWidget | None = None):
        super().__init__(parent)
        self.setting = setting
        self.label = QLabel(tr_settings(setting.label))
        font = self.label.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.label.setFont(font)
        self.label.setWordWrap(True)
        self.help = HintLabel(tr_settings(setting.help))
        self.error = ErrorLabel()
        self.lock_note = HintLabel()
        self.lock_note.hide()
        self.editor = self._make_editor()
        self.editor.setToolTip(tr_settings(setting.help))
        self.label.setBuddy(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if setting.type != schema.BOOL:  # a check box carries its own label
            layout.addWidget(self.label)
        else:
            self.label.hide()
        if setting.type == schema.LIST:  # what the list is for, before its items and buttons
            layout.addWidget(self.help)
        layout.addWidget(self.editor)
        if setting.type != schema.LIST:
            layout.addWidget(self.help)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.error)

    def _make_editor(self) -> QWidget:
        s = self.setting
        if s.type == schema.BOOL:
            editor = QCheckBox(tr_settings(s.label))
            editor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # as wide as its words
            editor.toggled.connect(lambda _on: self._edited())
        elif s.type == schema.INT:
            editor = QSpinBox()
            editor.setRange(s.minimum if s.minimum is not None else -2 ** 31,
                            s.maximum if s.maximum is not None else 2 ** 31 - 1)
            editor.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            editor.valueChanged.connect(lambda _v: self._edited())
        elif s.type == schema.CHOICE:
            editor = QComboBox()
            for value, label in s.choices or ():
                editor.addItem(tr_settings(label), value)
            editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            editor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            editor.currentIndexChanged.connect(lambda _i: self._edited())
        elif s.type == schema.MARKDOWN:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 14)
            editor.textChanged.connect(self._edited)
        elif s.type == schema.LIST:
            editor = ListEditor(s, self.show_error)
            editor.changed.connect(self._edited)
        else:  # one line of text: Enter is the dialog's OK, as in any form
            editor = QLineEdit()
            editor.setPlaceholderText(tr_settings(s.placeholder))
            editor.textEdited.connect(lambda _t: self._edited())
            if s.placeholder and len(s.placeholder) <= 4:  # a code (CN, CNY): a short field
                editor.setFixedWidth(editor.fontMetrics().horizontalAdvance("MMMMMMMM") + 16)
        return editor

    def _edited(self) -> None:
        if self.setting.type != schema.LIST:
            self.show_error("")
        self.changed.emit()

    # -- value -------------------------------------------------------------------------------
    def value(self) -> Any:
        t, editor = self.setting.type, self.editor
        if t == schema.BOOL:
            return editor.isChecked()
        if t == schema.INT:
            return editor.value()
        if t == schema.CHOICE:
            return editor.currentData()
        if t == schema.MARKDOWN:
            return editor.toPlainText()
        if t == schema.LIST:
            return editor.value()
        return editor.text()

    def set_value(self, value: Any) -> None:
        t, editor = self.setting.type, self.editor
        blocked = editor.blockSignals(True)
        try:
            if t == schema.BOOL:
                editor.setChecked(bool(value))
            elif t == schema.INT:
                editor.setValue(int(value))
            elif t == schema.CHOICE:
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif t == schema.MARKDOWN:
                editor.setPlainText(str(value))
            elif t == schema.LIST:
                editor.set_value(value)
            else:
                editor.setText(str(value))
        finally:
            editor.blockSignals(blocked)
        self.show_error("")

    # -- state -------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error.say(text)

    def set_locked(self, locked: bool, note: str = "") -> None:
        """Shown but not editable: locked by policy (the default note) or not applicable here.

        A policy lock also says so on the control itself (its tooltip), where the eye goes
        when a click does nothing; unlocked, the tooltip is the setting's help again."""
        self.editor.setEnabled(not locked)
        self.lock_note.setText(note or self.tr("Set by your organisation; it cannot be changed here."))
        self.lock_note.setVisible(locked)
        policy_lock = locked and not note
        self.editor.setToolTip(self.tr("Set by your organisation") if policy_lock else tr_settings(self.setting.help))
