"""Opening composers from the window: a new message, a reply or forward, a saved draft.

Preparing a reply reads and parses the original and a forward writes its attachments to a
temporary folder: both happen in a read op, and the composer opens when they are done.
In sample data the composer opens too, and says that sending is off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog
from shiboken6 import isValid  # a composer deleted on close is no longer valid

from app.mail.reading.attachment_files import write_new_file
from app.mail.reading.message_view import build_view
from app.mail.sending.drafts import DraftData, list_drafts, load_draft
from app.mail.sending.reply import forward, reply
from app.store.accounts import list_accounts
from app.store.mail_cache import raw_message
from app.ui.temporary_files import private_folder


@dataclass
class PreparedReply:
    draft: DraftData
    attachments: list[Path] = field(default_factory=list)


def prepare_reply(store, message_pk: int, account, kind: str) -> PreparedReply | None:
    """The draft of a reply, reply-all or forward (runs on a reader thread)."""
    raw = raw_message(store, message_pk)
    if raw is None:
        return None
    me = (account.display_name, account.email)
    view = build_view(raw)
    outgoing = forward(view, me) if kind == "forward" else reply(view, me, everyone=kind == "all")

    def people(pairs):
        return ", ".join(f"{n} <{a}>" if n else a for n, a in pairs)

    draft = DraftData(account_id=account.id, to=people(outgoing.to), cc=people(outgoing.cc),
                      subject=outgoing.subject, body=outgoing.body, in_reply_to=outgoing.in_reply_to,
                      references=" ".join(outgoing.references) or None)
    prepared = PreparedReply(draft)
    if kind == "forward" and outgoing.attachments:
        folder = private_folder("liaison-forward-")
        for attachment in outgoing.attachments:
            path = folder / attachment.filename
            write_new_file(path, attachment.data)
            prepared.attachments.append(path)
    return prepared


class ComposeLauncher(QObject):
    """Opens composers for the window and keeps them alive while they are open."""

    opened = Signal(object)  # the Composer

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._composers: list = []

    def compose(self, draft: DraftData | None = None):
        from app.ui.composer import Composer

        w = self.window
        composer = Composer(w.store, draft, w, ops=w.ops, sync=w.sync)
        composer.sent.connect(w.message_queued)
        composer.show()
        self._composers = [c for c in self._composers if isValid(c) and c.isVisible()] + [composer]
        self.opened.emit(composer)
        return composer

    def close_all(self) -> bool:
        """Close every open composer, each keeping its draft (the window is closing; the user
        finds them in Message → Open Draft…); False if one stays open."""
        for composer in [c for c in self._composers if isValid(c) and c.isVisible()]:
            if not composer.keep_and_close():
                return False
        return True

    def compose_to(self, address: str):
        accounts = list_accounts(self.window.store)
        account_id = self.window.folders.current_account_id() or (accounts[0].id if accounts else 0)
        return self.compose(DraftData(account_id=account_id, to=address))

    def open_draft(self, draft_uuid: str | None = None):
        """Reopen a saved draft (the local copy: it survives a crash of the app)."""
        w = self.window
        drafts = list_drafts(w.store)
        if not drafts:
            w.statusBar().showMessage(self.tr("There are no saved drafts."), 5000)
            return None
        if draft_uuid is None:
            labels = [f"{d.subject or self.tr('(no subject)')} — {d.to}" for d in drafts]
            label, ok = QInputDialog.getItem(w, self.tr("Open Draft"), self.tr("Draft:"), labels, 0, False)
            if not ok:
                return None
            draft_uuid = drafts[labels.index(label)].uuid
        return self.compose(load_draft(w.store, draft_uuid))

    def reply(self, message_pk: int, kind: str) -> None:
        """Prepare the reply off the GUI thread, then open the composer with it."""
        w = self.window
        account_id = w.folders.current_account_id()
        account = next((a for a in list_accounts(w.store) if a.id == account_id), None)
        if account is None:
            return

        def open_prepared(prepared: PreparedReply | None) -> None:
            if prepared is None:
                w.statusBar().showMessage(self.tr("The message is not stored yet; sync first."), 6000)
                return
            composer = self.compose(prepared.draft)
            for path in prepared.attachments:
                composer.add_attachment(path)
        w.ops.read(prepare_reply, w.store, message_pk, account, kind).success(open_prepared).run()
