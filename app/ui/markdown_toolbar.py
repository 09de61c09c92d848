"""A formatting bar that writes the Markdown, for people who have never heard of it.

Each button edits the text of a :class:`QPlainTextEdit` the way the preview (and the sent
HTML) understands it:

* **Bold**, **Italic** wrap the selection in ``**``/``*`` (per line when it spans several),
  or unwrap it when it is already wrapped; without a selection they take the word under the
  cursor, or leave the cursor between a fresh pair of markers.
* **Bulleted list**, **Numbered list**, **Quote** prefix the lines of the selection (or the
  cursor's line) with ``- ``, ``1. ``, ``> ``, or take the prefix away when every line has
  it.  Python-Markdown only sees a list or a table after a blank line, so one is added
  before and after the block where the neighbouring text would swallow it.
* **Link** asks for the address and uses the selection as the link's text.
* **Table** asks for rows and columns and inserts a table with a header row.
* **Image** (when the owner can attach files) asks for a picture, attaches it and shows it in
  the text as ``![name](cid:…)``.

Every action is one step for Undo (one edit block), whatever it changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog, QPlainTextEdit,
                               QSpinBox, QToolBar, QWidget)

from app.ui.icons import icon

_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_NUMBER = re.compile(r"^(\s*)\d+[.)]\s+")
_QUOTE = re.compile(r"^(\s*)>\s?")
_LINK = re.compile(r"^\[(.*)\]\((.*)\)$", re.DOTALL)
_WORD = re.compile(r"[A-Za-z0-9_\-'À-ɏ]")  # a word in a script that has spaces (CJK has none)
IMAGE_FILTER = "*.png *.jpg *.jpeg *.gif *.webp *.bmp"


def link_target(address: str) -> str:
    """What a person types as an address, made into a link target: ``www.x.cn`` → ``https://www.x.cn``,
    ``a@b.cn`` → ``mailto:a@b.cn``; spaces and parentheses escaped so Markdown keeps it whole."""
    address = address.strip()
    if re.match(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$", address):
        address = "mailto:" + address
    elif not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", address):
        address = "https://" + address
    return address.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def escape_label(text: str) -> str:
    """Text inside ``[…]`` (a link's text, an image's name) with its brackets escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def table_skeleton(rows: int, columns: int, header: Callable[[int], str]) -> str:
    """A Markdown table: a header row named by ``header(n)``, then ``rows`` empty rows."""
    head = "| " + " | ".join(header(n + 1) for n in range(columns)) + " |"
    rule = "| " + " | ".join("---" for _ in range(columns)) + " |"
    body = ["|" + "   |" * columns for _ in range(rows)]
    return "\n".join([head, rule, *body])


class TableSizeDialog(QDialog):
    """Rows × columns for a new table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert Table"))
        self.rows = QSpinBox(minimum=1, maximum=50, value=2)
        self.columns = QSpinBox(minimum=1, maximum=12, value=3)
        form = QFormLayout(self)
        form.addRow(self.tr("Rows (below the header)"), self.rows)
        form.addRow(self.tr("Columns"), self.columns)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class MarkdownToolbar(QToolBar):
    """The formatting bar over ``editor``.  ``attach_image(path) -> content id`` enables Image."""

    formatted = Signal()  # the text was changed by a button

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None,
                 attach_image: Callable[[Path], str] | None = None):
        super().__init__(parent)
        self.editor = editor
        self._attach_image = attach_image
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setFloatable(False)
        self.setMovable(False)
        self.bold = self._action("format-bold", self.tr("Bold"), self.tr("Bold (Ctrl+B)"), "Ctrl+B",
                                 lambda: self.toggle_inline("**"))
        self.italic = self._action("format-italic", self.tr("Italic"), self.tr("Italic (Ctrl+I)"), "Ctrl+I",
                                   lambda: self.toggle_inline("*"))
        self.addSeparator()
        self.bullets = self._action("format-list-bulleted", self.tr("Bulleted List"), self.tr("Bulleted list"),
                                    None, lambda: self.toggle_prefix("bullet"))
        self.numbers = self._action("format-list-numbered", self.tr("Numbered List"), self.tr("Numbered list"),
                                    None, lambda: self.toggle_prefix("number"))
        self.quote = self._action("format-quote", self.tr("Quote"), self.tr("Quote"), None,
                                  lambda: self.toggle_prefix("quote"))
        self.addSeparator()
        self.link = self._action("format-link", self.tr("Link…"), self.tr("Link (Ctrl+K)"), "Ctrl+K",
                                 lambda: self.insert_link())
        self.table = self._action("format-table", self.tr("Table…"), self.tr("Table"), None,
                                  lambda: self.insert_table())
        self.image = self._action("format-image", self.tr("Image…"), self.tr("Picture in the text"), None,
                                  lambda: self.insert_image())
        self.image.setVisible(attach_image is not None)

    def _action(self, icon_name: str, text: str, tip: str, keys: str | None, slot: Callable[[], None]) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setToolTip(tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # clicked(bool) never reaches the slot
        self.addAction(action)
        return action

    def refresh_icons(self) -> None:
        """Redraw the icons in the palette's colours (after a light/dark switch)."""
        names = {self.bold: "format-bold", self.italic: "format-italic", self.bullets: "format-list-bulleted",
                 self.numbers: "format-list-numbered", self.quote: "format-quote", self.link: "format-link",
                 self.table: "format-table", self.image: "format-image"}
        for action, name in names.items():
            action.setIcon(icon(name))

    def _done(self, cursor: QTextCursor) -> None:
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        self.formatted.emit()

    # -- bold, italic ----------------------------------------------------------------------------
    def toggle_inline(self, marker: str) -> None:
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        if not cursor.hasSelection():
            self._select_word(cursor)
        if not cursor.hasSelection():
            self._empty_pair(cursor, marker)
        elif cursor.selectedText().find("\u2029") >= 0:  # several lines: each line on its own
            self._toggle_lines(cursor, marker)
        else:
            self._toggle_span(cursor, marker)
        self._done(cursor)

    def _select_word(self, cursor: QTextCursor) -> None:
        block = cursor.block().text()
        at = cursor.positionInBlock()
        start = at
        while start > 0 and _WORD.match(block[start - 1]):
            start -= 1
        end = at
        while end < len(block) and _WORD.match(block[end]):
            end += 1
        if start < at < end:  # inside a word (at its edge the markers wait for what is typed next)
            base = cursor.block().position()
            cursor.setPosition(base + start)
            cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)

    def _empty_pair(self, cursor: QTextCursor, marker: str) -> None:
        block, at, size = cursor.block().text(), cursor.positionInBlock(), len(marker)
        before, after = block[:at], block[at:]
        if _stars_before(before) == len(marker) and _stars_after(after) == len(marker):
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, size)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, size * 2)
            cursor.removeSelectedText()
            return
        cursor.insertText(marker + marker)
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, size)

    def _toggle_span(self, cursor: QTextCursor, marker: str) -> None:
        """One line's selection: trimmed of spaces (``** x**`` is not bold), then (un)wrapped."""
        start, end = sorted((cursor.anchor(), cursor.position()))
        text = cursor.selectedText()
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        if end <= start:
            return
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        text = cursor.selectedText()
        block = cursor.block().text()
        base = cursor.block().position()
        before, after = block[:start - base], block[end - base:]
        size = len(marker)
        lead, trail = _stars_after(text), _stars_before(text)
        if _has(marker, lead) and _has(marker, trail) and text.strip("*"):
            inner = text[1 if size == 1 else 2:len(text) - (1 if size == 1 else 2)]
            cursor.insertText(inner)
            cursor.setPosition(start)
            cursor.setPosition(start + len(inner), QTextCursor.MoveMode.KeepAnchor)
        elif _has(marker, _stars_before(before)) and _has(marker, _stars_after(after)):
            cursor.setPosition(end)
            cursor.setPosition(end + size, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setPosition(start - size)
            cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setPosition(start - size)
            cursor.setPosition(end - size, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.insertText(marker + text + marker)
            cursor.setPosition(start + size)
            cursor.setPosition(end + size, QTextCursor.MoveMode.KeepAnchor)

    def _toggle_lines(self, cursor: QTextCursor, marker: str) -> None:
        first, last = _block_range(cursor)
        lines = [_split_prefix(line) for line in _lines(self.editor, first, last)]
        filled = [(prefix, body.strip()) for prefix, body in lines if body.strip()]
        wrapped = bool(filled) and all(_has(marker, _stars_after(body)) and _has(marker, _stars_before(body))
                                       and len(body) > 2 * len(marker) for _p, body in filled)
        size = len(marker)
        new = []
        for prefix, body in lines:
            text = body.strip()
            if not text:
                new.append(prefix + body)
            elif wrapped:
                new.append(prefix + text[size:len(text) - size])
            else:
                new.append(prefix + marker + text + marker)
        _replace_blocks(cursor, self.editor, first, last, "\n".join(new))

    # -- lists and quotes ------------------------------------------------------------------------
    def toggle_prefix(self, kind: str) -> None:
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        first, last = _block_range(cursor)
        lines = _lines(self.editor, first, last)
        pattern = {"bullet": _BULLET, "number": _NUMBER, "quote": _QUOTE}[kind]
        filled = [line for line in lines if line.strip()]
        remove = bool(filled) and all(pattern.match(line) for line in filled)
        new: list[str] = []
        number = 0
        for line in lines:
            if remove:
                new.append(pattern.sub(r"\1", line, count=1))
                continue
            if not line.strip() and len(lines) > 1:
                new.append(">" if kind == "quote" else line)  # a quote keeps its paragraphs together
                continue
            if kind == "quote":
                new.append("> " + line)
                continue
            indent, body = re.match(r"^(\s*)(.*)$", line).groups()
            body = _NUMBER.sub("", _BULLET.sub("", body, count=1), count=1)
            number += 1
            new.append(f"{indent}- {body}" if kind == "bullet" else f"{indent}{number}. {body}")
        text = "\n".join(new)
        if not remove:
            before = first.previous().text() if first.previous().isValid() else ""
            after = last.next().text() if last.next().isValid() else ""
            if before.strip() and not pattern.match(before):
                text = "\n" + text
            if after.strip() and not pattern.match(after):
                text += "\n"
        start = first.position()
        _replace_blocks(cursor, self.editor, first, last, text, select=len(lines) > 1)
        if len(lines) == 1:  # one line: the cursor at its end, ready to go on typing
            cursor.setPosition(start + len(text.rstrip("\n")))
        self._done(cursor)

    # -- link, table, image ----------------------------------------------------------------------
    def insert_link(self) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText().replace("\u2029", " ")
        existing = _LINK.match(selected)
        if existing:  # the selection is a link: take the link away, keep its text
            cursor.beginEditBlock()
            cursor.insertText(existing.group(1).replace("\\]", "]").replace("\\[", "["))
            self._done(cursor)
            return
        address, ok = QInputDialog.getText(self, self.tr("Link"), self.tr("Address (web page or e-mail):"),
                                           text="https://")
        address = address.strip()
        if not ok or not address or address == "https://":
            return
        target = link_target(address)
        label = selected.strip() or address
        cursor.beginEditBlock()
        cursor.insertText(f"[{escape_label(label)}]({target})")
        self._done(cursor)

    def insert_table(self) -> None:
        dialog = TableSizeDialog(self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        rows, columns = dialog.rows.value(), dialog.columns.value()
        header = self.tr("Column %1")
        text = table_skeleton(rows, columns, lambda n: header.replace("%1", str(n)))
        self._insert_block(text, select_first=header.replace("%1", "1"))

    def insert_image(self) -> None:
        if self._attach_image is None:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Picture in the Text"), str(Path.home()),
            self.tr("Pictures (%1)").replace("%1", IMAGE_FILTER))
        if not name:
            return
        path = Path(name)
        content_id = self._attach_image(path)
        if not content_id:
            return
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(f"![{escape_label(path.name)}](cid:{content_id})")
        self._done(cursor)

    def _insert_block(self, text: str, select_first: str = "") -> None:
        """``text`` as a block of its own: after the cursor's line, with blank lines around it."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        block = cursor.block()
        if block.text().strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            prefix = "\n\n"
        else:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            previous = block.previous()
            prefix = "\n" if previous.isValid() and previous.text().strip() else ""
        following = cursor.block().next() if block.text().strip() else block.next()
        suffix = "\n" if following.isValid() and following.text().strip() else ""
        start = cursor.position() + len(prefix)
        if not block.text().strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(prefix + text + suffix)
        if select_first:
            offset = text.find(select_first)
            cursor.setPosition(start + offset)
            cursor.setPosition(start + offset + len(select_first), QTextCursor.MoveMode.KeepAnchor)
        self._done(cursor)


def _has(marker: str, stars: int) -> bool:
    """Whether a run of ``stars`` asterisks holds this marker (``***`` holds both)."""
    return stars in ((1, 3) if marker == "*" else (2, 3))


def _stars_before(text: str) -> int:
    return len(text) - len(text.rstrip("*"))


def _stars_after(text: str) -> int:
    return len(text) - len(text.lstrip("*"))


def _split_prefix(line: str) -> tuple[str, str]:
    """A line's list or quote prefix (kept outside the emphasis) and the rest."""
    for pattern in (_QUOTE, _BULLET, _NUMBER):
        match = pattern.match(line)
        if match:
            return line[:match.end()], line[match.end():]
    return "", line


def _block_range(cursor: QTextCursor):
    """The blocks a selection covers (a selection ending at the start of a line leaves that line out)."""
    document = cursor.document()
    start, end = sorted((cursor.anchor(), cursor.position()))
    first = document.findBlock(start)
    last = document.findBlock(end)
    if end > start and last.position() == end and last.blockNumber() > first.blockNumber():
        last = last.previous()
    return first, last


def _lines(editor: QPlainTextEdit, first, last) -> list[str]:
    lines, block = [], first
    while block.isValid():
        lines.append(block.text())
        if block == last:
            break
        block = block.next()
    return lines


def _replace_blocks(cursor: QTextCursor, editor: QPlainTextEdit, first, last, text: str,
                    select: bool = True) -> None:
    """Replace the text of the blocks ``first``..``last`` and select what replaced it."""
    start = first.position()
    cursor.setPosition(start)
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    if select:
        body_start = start + (len(text) - len(text.lstrip("\n")))
        cursor.setPosition(body_start)
        cursor.setPosition(start + len(text.rstrip("\n")), QTextCursor.MoveMode.KeepAnchor)
