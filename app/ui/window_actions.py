"""The main window's menus, toolbar and message context menu, built from one list of actions.

Every action is a QAction with its icon, shortcut and slot, added to the window as well, so
its shortcut works wherever the focus is.  Slots are connected without parameters (a
``triggered(bool)`` never reaches a slot as an argument).  Actions that need a selected
message are enabled only when there is one (:meth:`WindowActions.update_enabled`).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.ui.icons import icon

# A mnemonic written the Chinese way, after the word: "回复(&R)".  Qt drops only the "&" for a
# toolbar button ("回复(R)"); the bracket means nothing without the menu's underline.
_TRAILING_MNEMONIC = re.compile(r"\s*\(&?[A-Za-z0-9]\)")


def button_text(text: str) -> str:
    """A menu text as a toolbar button shows it: no mnemonic, in either way of writing it."""
    return _TRAILING_MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


class WindowActions(QObject):
    """Creates and owns the window's actions; the window provides the slots."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        w = window
        self.write = self._action(self.tr("&New Message"), "Ctrl+N", lambda: w.compose(), "write",
                                  self.tr("Write"))
        self.open_draft = self._action(self.tr("Open &Draft…"), "Ctrl+Shift+O", lambda: w.open_draft())
        self.reply = self._action(self.tr("&Reply"), "Ctrl+R", lambda: w.compose_reply("reply"), "reply")
        self.reply_all = self._action(self.tr("Reply &All"), "Ctrl+Shift+R", lambda: w.compose_reply("all"),
                                      "reply-all")
        self.forward = self._action(self.tr("&Forward"), "Ctrl+L", lambda: w.compose_reply("forward"), "forward")
        self.templates = self._action(self.tr("&Templates…"), None, lambda: w.show_templates(), "template")
        self.new_deal = self._action(self.tr("New &Deal…"), None, lambda: w.deals_view.new_deal(), "deal")
        self.new_case = self._action(self.tr("New &Case…"), None, lambda: w.cases_view.new_case(), "inbox")
        self.follow_up = self._action(self.tr("Remind Me If No Reply…"), "Ctrl+Shift+F",
                                      lambda: w.remind_if_no_reply(), "reminder")
        self.add_account = self._action(self.tr("&Add Account…"), None, lambda: w.add_account(), "add")
        self.import_mail = self._action(self.tr("&Import Mail…"), None, lambda: w.import_mail(), "import")
        self.sync_now = self._action(self.tr("&Sync Now"), QKeySequence.StandardKey.Refresh, lambda: w.sync.sync_all(),
                                     "sync", self.tr("Sync"))
        self.outbox = self._action(self.tr("&Outbox…"), None, lambda: w.show_outbox(), "outbox")
        self.team_conflicts = self._action(self.tr("Team &Conflicts…"), None, lambda: w.show_conflicts(),
                                           "sync")
        self.settings = self._action(self.tr("&Settings…"), "Ctrl+,", lambda: w.show_settings(), "settings")
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, lambda: w.close())
        self.conversations = self._action(self.tr("Group by &Conversation"), "Ctrl+T", None, "conversation")
        self.conversations.setCheckable(True)
        self.conversations.toggled.connect(lambda on: w.set_conversation_mode(on))
        self.two_line = self._action(self.tr("&Two-Line Rows"), "Ctrl+Shift+T", None)
        self.two_line.setCheckable(True)
        self.two_line.toggled.connect(lambda on: w.set_two_line_rows(on))
        self.source = self._action(self.tr("Message &Source"), "Ctrl+U", lambda: w.view_source())
        self.sort_group = QActionGroup(self)
        self.sort_by = {}
        for key, text in (("date", self.tr("&Date")), ("from", self.tr("&Sender or Recipients")),
                          ("subject", self.tr("S&ubject"))):
            action = QAction(text, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, k=key: w.sort_messages(k, None))
            self.sort_group.addAction(action)
            self.sort_by[key] = action
        self.sort_descending = QAction(self.tr("&Newest or Z First"), self)
        self.sort_descending.setCheckable(True)
        self.sort_descending.triggered.connect(lambda checked=False: w.sort_messages(None, checked))
        self.next_unread = self._action(self.tr("&Next Unread Message"), "N", lambda: w.select_next_unread())
        self.go_folders = self._action(self.tr("&Folders"), "Ctrl+1", lambda: w.folders.setFocus())
        self.go_list = self._action(self.tr("&Message List"), "Ctrl+2", lambda: w.list_view.setFocus())
        self.go_reader = self._action(self.tr("&Reader"), "Ctrl+3", lambda: w.body.setFocus())
        self.go_mail = self._action(self.tr("&Mail"), "Ctrl+Shift+M", lambda: w.sections.setCurrentIndex(0), "mail")
        self.go_customers = self._action(self.tr("&Customers"), "Ctrl+Shift+C", lambda: w.sections.setCurrentIndex(1),
                                         "contact")
        self.go_deals = self._action(self.tr("&Deals"), "Ctrl+Shift+D", lambda: w.sections.setCurrentIndex(2), "deal")
        self.go_cases = self._action(self.tr("C&ases"), "Ctrl+Shift+E", lambda: w.show_cases(), "inbox")
        self.go_reports = self._action(self.tr("&Reports"), "Ctrl+Shift+P", lambda: w.show_reports())
        self.go_rules = self._action(self.tr("Ru&les"), "Ctrl+Shift+L", lambda: w.show_rules())
        self.go_search = self._action(self.tr("&Search"), "Ctrl+K", lambda: w.focus_search(), "search")
        self.shortcuts = self._action(self.tr("&Keyboard Shortcuts"), "F1", lambda: w.show_shortcuts())
        self.about = self._action(self.tr("&About Liaison"), None, lambda: w.show_about(), "info")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        # Need a selected message (the message actions of MessageActions manage themselves).
        self.on_message = [self.reply, self.reply_all, self.forward, self.follow_up, self.source]

    def _action(self, text: str, keys, slot, icon_name: str | None = None, short: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        if icon_name:
            action.setIcon(icon(icon_name))
        if short:
            action.setIconText(short)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # its shortcut works wherever the focus is
        return action

    # -- menus and toolbar ----------------------------------------------------------------
    def build_menus(self, message_actions) -> dict[str, QMenu]:
        bar = self.window.menuBar()
        mail = bar.addMenu(self.tr("&Mail", "menu"))  # the account menu; Go → Mail is the section
        mail.addAction(self.add_account)
        mail.addAction(self.import_mail)
        self.window.schedule_menu = mail.addMenu(self.tr("Sync S&chedule"))
        mail.addAction(self.sync_now)
        mail.addAction(self.outbox)
        mail.addAction(self.team_conflicts)
        mail.addSeparator()
        mail.addAction(self.settings)
        mail.addSeparator()
        mail.addAction(self.quit)
        message = bar.addMenu(self.tr("Me&ssage"))
        for action in (self.write, self.open_draft, self.reply, self.reply_all, self.forward):
            message.addAction(action)
        message.addSeparator()
        for action in message_actions.all():
            message.addAction(action)
            self.window.addAction(action)
        message.addSeparator()
        message.addAction(self.follow_up)
        message.addAction(self.templates)
        message.addAction(self.new_deal)
        message.addAction(self.new_case)
        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.conversations)
        view.addAction(self.two_line)
        sort = view.addMenu(self.tr("Sort &By"))
        for action in self.sort_by.values():
            sort.addAction(action)
        sort.addSeparator()
        sort.addAction(self.sort_descending)
        view.addSeparator()
        view.addAction(self.source)
        go = bar.addMenu(self.tr("&Go"))
        for action in (self.next_unread, self.go_folders, self.go_list, self.go_reader, self.go_mail,
                       self.go_customers, self.go_deals, self.go_cases, self.go_reports, self.go_rules, self.go_search):
            go.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts)
        help_menu.addAction(self.about)
        return {"mail": mail, "message": message, "view": view, "go": go, "help": help_menu, "sort": sort}

    def build_toolbar(self, message_actions) -> QToolBar:
        bar = QToolBar(self.tr("Main Toolbar"), self.window)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize().scaled(20, 20, Qt.AspectRatioMode.KeepAspectRatio))
        for action in (self.write, None, self.reply, self.reply_all, self.forward, None,
                       message_actions.delete, message_actions.archive, None, self.sync_now):
            if action is None:
                bar.addSeparator()
            else:
                button = button_text(action.iconText())
                if button != action.iconText():
                    action.setIconText(button)
                bar.addAction(action)
        return bar

    def message_menu(self, message_actions) -> QMenu:
        """The right-click menu of the message list (acts on the selection)."""
        menu = QMenu(self.window)
        for action in (self.reply, self.reply_all, self.forward):
            menu.addAction(action)
        menu.addSeparator()
        for action in (message_actions.toggle_read, message_actions.toggle_flag, message_actions.move_to,
                       message_actions.archive, message_actions.delete):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.follow_up)
        menu.addAction(message_actions.file_on_case)
        menu.addAction(message_actions.keep_private)
        menu.addAction(self.source)
        return menu

    def update_enabled(self, has_message: bool, sending_possible: bool) -> None:
        for action in self.on_message:
            action.setEnabled(has_message)
        for action in (self.reply, self.reply_all, self.forward):
            action.setEnabled(has_message)
        self.sync_now.setEnabled(sending_possible)
