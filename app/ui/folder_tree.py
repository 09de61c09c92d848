"""The folder tree: accounts with their folders, role icons, unread counts, a context menu."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPoint, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.store.accounts import account_folders, list_accounts, unread_counts
from app.store.database import Store
from app.ui.icons import icon

FOLDER_ID_ROLE = Qt.ItemDataRole.UserRole + 10
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 11
FOLDER_NAME_ROLE = Qt.ItemDataRole.UserRole + 12
TOP_ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 13
FOLDER_ROLE_ROLE = Qt.ItemDataRole.UserRole + 14
ROLE_ORDER = {"inbox": 0, "sent": 1, "drafts": 2, "archive": 3, "junk": 4, "trash": 5}
ROLE_ICONS = {"inbox": "inbox", "sent": "send", "drafts": "write", "archive": "archive", "junk": "junk",
              "trash": "delete"}
# What a folder with a special use is called in the user's language.  Servers name them in
# their own language ("INBOX", "Sent Messages", "已发送"); a translated window shows its own word
# for the role instead, as Foxmail does.  In English the server's name stays.
ROLE_NAMES = {"inbox": QT_TRANSLATE_NOOP("FolderTree", "Inbox"), "sent": QT_TRANSLATE_NOOP("FolderTree", "Sent"),
              "drafts": QT_TRANSLATE_NOOP("FolderTree", "Drafts"), "archive": QT_TRANSLATE_NOOP("FolderTree", "Archive"),
              "junk": QT_TRANSLATE_NOOP("FolderTree", "Junk"), "trash": QT_TRANSLATE_NOOP("FolderTree", "Trash")}


def folder_label(name: str, role: str | None = None) -> str:
    """A folder's name as the window shows it: the role's translated word, else the server's name.

    Without a role (a search hit, a timeline entry name only the folder), the IMAP name INBOX
    and the usual English names ("Sent", "Drafts", …) count as their role."""
    english = ROLE_NAMES.get(role or (name or "").lower())
    if english is None:
        return name
    shown = QCoreApplication.translate("FolderTree", english)
    return shown if shown != english else name


# Folders whose mail you wrote: the list shows recipients there, the panel the customer you wrote to.
OUTGOING_ROLES = ("sent", "drafts")


class FolderTree(QTreeWidget):
    """Fill it with :meth:`reload`; it keeps the selected folder across reloads."""

    context_menu_requested = Signal(object, object, QPoint)  # account id, folder name (or None), global pos

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def show_tree(self, tree: list) -> None:
        """Show what :func:`read_folder_tree` read, keeping the selected folder selected."""
        current = self.currentItem()
        selected_id = current.data(0, FOLDER_ID_ROLE) if current else None
        self.blockSignals(True)  # the selection is restored below; no folder change in between
        self.clear()
        keep, inbox = None, None
        for account, folders, counts in tree:
            top = QTreeWidgetItem([account.name])
            top.setToolTip(0, account.email)
            top.setData(0, TOP_ACCOUNT_ROLE, account.id)
            top.setIcon(0, icon("contact" if account.is_sample else "mail"))
            self.addTopLevelItem(top)
            for folder in folders:
                item = self._folder_item(account.id, folder, counts)
                top.addChild(item)
                if folder.id == selected_id:
                    keep = item
                if inbox is None and folder.role == "inbox":
                    inbox = item
            top.setExpanded(True)
        self.blockSignals(False)
        chosen = keep or inbox
        if chosen is not None:
            if chosen.data(0, FOLDER_ID_ROLE) == selected_id:
                self.blockSignals(True)
                self.setCurrentItem(chosen)
                self.blockSignals(False)
            else:
                self.setCurrentItem(chosen)

    def _folder_item(self, account_id: int, folder, counts: dict[int, int]) -> QTreeWidgetItem:
        unread = counts.get(folder.id, 0) if folder.role not in ("trash", "junk") else 0
        name = folder_label(folder.name, folder.role)
        label = self.tr("%1 (%2)").replace("%1", name).replace("%2", str(unread)) if unread else name
        item = QTreeWidgetItem([label])
        item.setData(0, FOLDER_ID_ROLE, folder.id)
        item.setData(0, ACCOUNT_ID_ROLE, account_id)
        item.setData(0, FOLDER_NAME_ROLE, folder.name)
        item.setData(0, FOLDER_ROLE_ROLE, folder.role)
        item.setIcon(0, icon(ROLE_ICONS.get(folder.role or "", "folder")))
        if unread:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        if folder.last_error:
            item.setToolTip(0, folder_error_text(folder.last_error))
        return item

    # -- what is selected ---------------------------------------------------------------
    def current_account_id(self) -> int | None:
        item = self.currentItem()
        if item is None:
            return None
        if item.data(0, ACCOUNT_ID_ROLE) is not None:
            return item.data(0, ACCOUNT_ID_ROLE)
        return item.data(0, TOP_ACCOUNT_ROLE)

    def current_folder(self) -> tuple[int | None, str | None, str | None]:
        """(folder id, name, role) of the selected folder, or Nones for an account row."""
        item = self.currentItem()
        if item is None:
            return None, None, None
        return item.data(0, FOLDER_ID_ROLE), item.data(0, FOLDER_NAME_ROLE), item.data(0, FOLDER_ROLE_ROLE)

    def select_folder(self, folder_id: int) -> bool:
        for top in range(self.topLevelItemCount()):
            account = self.topLevelItem(top)
            for child in range(account.childCount()):
                if account.child(child).data(0, FOLDER_ID_ROLE) == folder_id:
                    self.setCurrentItem(account.child(child))
                    return True
        return False

    def folder_names(self, account_id: int) -> list[str]:
        for top in range(self.topLevelItemCount()):
            account = self.topLevelItem(top)
            if account.data(0, TOP_ACCOUNT_ROLE) == account_id:
                return [account.child(c).data(0, FOLDER_NAME_ROLE) for c in range(account.childCount())]
        return []

    def _menu(self, position) -> None:
        item = self.itemAt(position)
        if item is not None:
            self.setCurrentItem(item)
            self.context_menu_requested.emit(item.data(0, ACCOUNT_ID_ROLE) or item.data(0, TOP_ACCOUNT_ROLE),
                                             item.data(0, FOLDER_NAME_ROLE), self.viewport().mapToGlobal(position))


def read_folder_tree(store: Store, accounts=None) -> list:
    """Each account with its folders (in display order) and unread counts: the folder tree's
    contents, read on a reader thread while a sync runs (the counts are an aggregate over
    every message, too slow for the GUI thread)."""
    accounts = list_accounts(store) if accounts is None else accounts
    return [(account,
             sorted(account_folders(store, account.id),
                    key=lambda f: (ROLE_ORDER.get(f.role or "", 9), f.name.lower())),
             unread_counts(store, account.id))
            for account in accounts]


def folder_error_text(stored: str) -> str:
    """A folder's last error as stored (an error code with parameters, or older plain text), translated."""
    from app.ui.error_presenter import error_text

    return error_text(stored)
