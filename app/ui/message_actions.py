"""The actions on selected messages: read/unread, flag, delete, archive, move, undo, and keep
private (never shared with the team).

Each action changes the local store at once (an op on the writer thread; the list updates as
soon as it is written, online or not) and queues the server half; a push is requested two
seconds after the last action, so a burst of actions goes out in one pass on the account's
IMAP lane.  The GUI thread never writes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from app.errors import LiaisonError
from app.store.flags import FLAGGED, SEEN
from app.mail.imap.actions import UndoableMove, mark_folder_read, queue_move, set_flag, undo_move
from app.store.database import Store
from app.sync.shared_timeline import make_private
from app.ui.case_parts import CasePicker, NewCaseDialog, case_write, file_messages, filing_choices
from app.ui.error_presenter import error_text
from app.ui.icons import icon
from app.ui.message_list_model import Roles
from app.ui.ops import Ops

PUSH_DELAY_MS = 2000
UNDO_RETRY_MS = 500
UNDO_RETRIES = 20


class MessageActions(QObject):
    # True when messages left the list (moves), False for flags; then the messages whose
    # flags changed (None: any of the folder's)
    changed = Signal(bool, object)
    failed = Signal(str)
    undone = Signal(list)  # ids of the messages an undo brought back (the window selects one)
    filed = Signal(str)  # the selected messages were filed on this case (its UUID)

    def __init__(self, store: Store, list_view, request_push, choose_folder, parent=None, ops: Ops | None = None):
        """``choose_folder()`` asks the user for a target folder name (None: cancelled)."""
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.view = list_view
        self.request_push = request_push
        self.choose_folder = choose_folder
        self._undo: list[list[UndoableMove]] = []
        self.case_picker: CasePicker | None = None  # open while File on Case asks (tests answer it)
        self.new_case_dialog: NewCaseDialog | None = None
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(PUSH_DELAY_MS)
        self._push_timer.timeout.connect(self.request_push)
        self.toggle_read = self._action(self.tr("Mark as &Read/Unread"), "M", self._toggle_read, "read")
        self.toggle_flag = self._action(self.tr("&Flag/Unflag"), "S", self._toggle_flag, "flag")
        self.delete = self._action(self.tr("&Delete"), QKeySequence.StandardKey.Delete,
                                   lambda: self._move("trash"), "delete")
        self.archive = self._action(self.tr("&Archive"), "A", lambda: self._move("archive"), "archive")
        self.move_to = self._action(self.tr("&Move to Folder…"), "V", self._move_to_chosen, "move")
        self.undo = self._action(self.tr("&Undo Delete/Move"), QKeySequence.StandardKey.Undo,
                                 lambda: self._undo_last(), "undo")
        self.undo.setEnabled(False)
        # Never shared with the team (withdrawn at the next team sync if it was): no shortcut,
        # it is a deliberate choice.
        self.keep_private = QAction(self.tr("Keep &Private (Not Shared with the Team)"), self)
        self.keep_private.triggered.connect(self._keep_private)
        self.file_on_case = QAction(icon("inbox"), self.tr("File on &Case…"), self)
        self.file_on_case.setToolTip(self.tr("Put the message on a customer's service case"))
        self.file_on_case.triggered.connect(lambda _checked=False: self._file_on_case())

    def _action(self, text, shortcut, slot, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def all(self) -> list[QAction]:
        return [self.toggle_read, self.toggle_flag, self.delete, self.archive, self.move_to, self.undo,
                self.keep_private, self.file_on_case]

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        return [index.data(Roles.MessageId) for index in rows]

    def mark_read(self, message_id: int) -> None:
        """Opening a message marks it read, like every mail client."""
        self.ops.write(set_flag, self.store, [message_id], SEEN, True).success(
            lambda changed: self._done(False, [message_id]) if changed else None).run()

    def _toggle_read(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            any_unread = any(index.data(Roles.Unread) for index in rows)
            self._apply(SEEN, any_unread)

    def _toggle_flag(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            any_unflagged = any(not index.data(Roles.Flagged) for index in rows)
            self._apply(FLAGGED, any_unflagged)

    def _apply(self, flag: str, on: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self.ops.write(set_flag, self.store, ids, flag, on).success(lambda _changed: self._done(False, ids)).run()

    def _keep_private(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ops.write(make_private, self.store, ids).run()

    def _file_on_case(self) -> None:
        """Ask which open case the selected messages are about (or open a new one) and file them."""
        ids = self.selected_ids()
        if ids:
            self.ops.read(filing_choices, self.store, ids[0]).owned_by(self).success(
                lambda filing: self._choose_case(filing, ids)).run()

    def _choose_case(self, filing, ids: list[int]) -> None:
        if not filing.key:
            self.failed.emit(self.tr("This message has no Message-ID: it cannot be filed on a case."))
            return
        # Opened, not exec'd: the answer of a read is no place for a nested event loop.
        self.case_picker = picker = CasePicker(filing.open_cases, self.view.window())
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.finished.connect(lambda answer: self._case_chosen(answer, picker.chosen(), filing, ids))
        picker.open()

    def _case_chosen(self, answer: int, chosen: str | None, filing, ids: list[int]) -> None:
        self.case_picker = None
        if answer == CasePicker.NEW_CASE:
            dialog = NewCaseDialog(self.store, self.ops, self.view.window(), contact_id=filing.contact_id,
                                   company_id=filing.company_id, customer=filing.customer, title=filing.subject,
                                   messages=[filing.key])
            dialog.created.connect(self.filed)
            dialog.created.connect(lambda uuid: self._file_rest(uuid, ids[1:]) if ids[1:] else None)
            self.new_case_dialog = dialog
            dialog.show()
        elif answer and chosen:
            case_write(self.ops, file_messages, self.store, chosen, ids, case_uuid=chosen) \
                .success(lambda _added: self.filed.emit(chosen)).run()

    def _file_rest(self, case_uuid: str, ids: list[int]) -> None:
        case_write(self.ops, file_messages, self.store, case_uuid, ids, case_uuid=case_uuid).run()

    def _move_to_chosen(self) -> None:
        if self.selected_ids():
            target = self.choose_folder()
            if target:
                self._move(target)

    def _move(self, target: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def moved(undo: list[UndoableMove]) -> None:
            if undo:
                self._undo.append(undo)
                self.undo.setEnabled(True)
            self._done(True)
        self.ops.write(queue_move, self.store, ids, target).success(moved).failure(
            lambda exc: self.failed.emit(error_text(exc)) if isinstance(exc, LiaisonError) else self.ops.present_error(exc)
        ).run()

    def _undo_last(self, retries_left: int = UNDO_RETRIES) -> None:
        if not self._undo:
            return
        moves = self._undo.pop()
        self.undo.setEnabled(bool(self._undo))

        def undo_all() -> list[UndoableMove]:
            return [move for move in moves if undo_move(self.store, move) == "in-flight"]

        def undone(waiting: list[UndoableMove]) -> None:
            if waiting:
                # The server is handling the move right now: undo it once that answer is in.
                self._undo.append(waiting)
                if retries_left:
                    QTimer.singleShot(UNDO_RETRY_MS, lambda: self._undo_last(retries_left - 1))
                else:
                    self.failed.emit(self.tr("The move is still being sent to the server; "
                                             "try Undo again in a moment."))
            self.undo.setEnabled(bool(self._undo))
            self.undone.emit([move.message_id for move in moves if move not in waiting])
            self._done(True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, LiaisonError):
                self.failed.emit(error_text(exc))
                self._done(True)
            else:
                self.ops.present_error(exc)
        self.ops.write(undo_all).success(undone).failure(failed).run()

    def update_enabled(self, has_selection: bool) -> None:
        for action in (self.toggle_read, self.toggle_flag, self.delete, self.archive, self.move_to,
                       self.keep_private, self.file_on_case):
            action.setEnabled(has_selection)

    def mark_folder_read(self, folder_id: int | None) -> None:
        """Folder → Mark All as Read: every unread message of the folder, one op."""
        if folder_id is None:
            return
        self.ops.write(mark_folder_read, self.store, folder_id).success(
            lambda changed: self._done(False) if changed else None).run()

    def _done(self, rows_changed: bool, message_ids: list[int] | None = None) -> None:
        self.changed.emit(rows_changed, message_ids)
        self._push_timer.start()
