"""User actions on mail: the local half at once, the remote half queued.

Marking a message read, flagged, answered or deleted changes the cached row immediately (the
user sees it whether online or not) and records a :class:`PendingMailAction`.  Moving a
message (to a folder, to Trash, to the Archive) marks it ``moving``, which hides it from its
folder at once; the server half is a UID MOVE, after which the cached row is re-keyed to its
new folder and UID from the server's COPYUID answer (nothing is downloaded again).  A move
is undone locally while it is still queued, or by a move back once it reached the server.

The queue is pushed at the start of every sync, before anything is pulled, so the server
converges on what the user did; a push that fails for lack of network leaves the queue as it
was.  Only what the server accepted counts as pushed.

Some actions can never be applied, and retrying them would only hide the problem: a move
whose target folder is gone (checked first, and the server's ``[TRYCREATE]`` or
``[NONEXISTENT]`` answer if it vanished in between), any action in a folder that is gone or
was renumbered (UIDVALIDITY changed).  Those are given up at once: a message that was being
moved is shown again where the server still has it, and the push reports one sentence per
such group, which the sync shows once (the action is gone, so it is not told again).  An
action on a message deleted elsewhere is simply dropped: the message is gone either way.
Any other refusal is retried at the next few syncs, then given up and reported the same way.

Local Folders (:mod:`app.store.local_folders`) have no server: there the local half is the
whole action, nothing is queued, and a move re-files the message at once under the target
folder's next UID (undone by moving it back).
"""

from __future__ import annotations

import imaplib
import logging
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import delete, select, update

from app.errors import LiaisonError, Phrase, ServerError, UserFacingError
from app.mail.imap.session import server_reply
from app.store.flags import COLUMN_FOR_FLAG, DELETED, SEEN
from app.store.database import Store
from app.store.mail_cache import now
from app.store.local_folders import LOCAL_AUTH, next_uid
from app.store.models import Account, Folder, Message, PendingMailAction
from app.store.writer import writes

log = logging.getLogger("liaison.sync")


@writes
def set_flag(store: Store, message_ids: list[int], flag: str, on: bool) -> list[int]:
    """Apply a system flag locally and queue it for the server; returns the changed ids."""
    column = COLUMN_FOR_FLAG.get(flag)
    if column is None:
        raise UserFacingError("Unsupported flag: {flag}", flag=flag)
    kind = "add_flags" if on else "remove_flags"
    with store.write() as session:
        rows = session.execute(
            select(Message.id, Message.uid, Folder.account_id, Folder.name, Folder.uidvalidity)
            .join(Folder, Folder.id == Message.folder_id)
            .where(Message.id.in_(message_ids), getattr(Message, column) != on)).all()
        if not rows:
            return []
        session.execute(update(Message).where(Message.id.in_([r.id for r in rows]))
                        .values({column: on}))
        local = _local_account_ids(session)  # Local Folders: the local half is the whole action
        session.add_all(PendingMailAction(
            account_id=r.account_id, folder_name=r.name, uidvalidity=r.uidvalidity, uid=r.uid,
            kind=kind, flags=flag, created_at=now(), attempts=0) for r in rows if r.account_id not in local)
    return [r.id for r in rows]


def _local_account_ids(session) -> set[int]:
    return set(session.scalars(select(Account.id).where(Account.auth_method == LOCAL_AUTH)))


@writes
def mark_folder_read(store: Store, folder_id: int) -> list[int]:
    """Every unread message of a folder marked read (locally now, queued for the server)."""
    with store.read() as session:
        ids = list(session.scalars(select(Message.id).where(
            Message.folder_id == folder_id, Message.seen.is_(False), Message.moving.is_(False))))
    return set_flag(store, ids, SEEN, True) if ids else []


@writes
def queue_move(store: Store, message_ids: list[int], target_role_or_name: str) -> list[UndoableMove]:
    """Hide the messages from their folder now and queue the move; returns how to undo each.

    ``target_role_or_name`` is a folder role (``trash``, ``archive``...) or a folder name.
    """
    with store.write() as session:
        rows = session.execute(
            select(Message.id, Message.uid, Folder.account_id, Folder.name, Folder.uidvalidity)
            .join(Folder, Folder.id == Message.folder_id)
            .where(Message.id.in_(message_ids), Message.moving.is_(False))).all()
        undo: list[UndoableMove] = []
        local = _local_account_ids(session)
        for row in rows:
            target = _target_folder(session, row.account_id, target_role_or_name)
            if target.name == row.name:
                continue
            if row.account_id in local:  # no server: the message moves now, undone by moving back
                session.execute(update(Message).where(Message.id == row.id).values(
                    folder_id=target.id, uid=next_uid(session, target.id)))
                undo.append(UndoableMove(NO_ACTION, row.id, row.name))
                continue
            action = PendingMailAction(
                account_id=row.account_id, folder_name=row.name, uidvalidity=row.uidvalidity,
                uid=row.uid, kind="move", flags="", target_folder=target.name, created_at=now(),
                attempts=0)
            session.add(action)
            session.flush()
            undo.append(UndoableMove(action.id, row.id, row.name))
        session.execute(update(Message).where(Message.id.in_(
            [u.message_id for u in undo if u.action_id != NO_ACTION])).values(moving=True))
    return undo


def _target_folder(session, account_id: int, role_or_name: str) -> Folder:
    folders = session.scalars(select(Folder).where(Folder.account_id == account_id)).all()
    for folder in folders:
        if folder.role == role_or_name or folder.name == role_or_name:
            return folder
    if role_or_name in ("trash", "archive", "junk", "sent", "drafts"):
        raise UserFacingError("This account has no {role_or_name} folder.", role_or_name=role_or_name)
    raise UserFacingError("No folder '{role_or_name}' in this account.", role_or_name=role_or_name)


NO_ACTION = 0  # the action id of a move in Local Folders: done at once, nothing queued


@dataclass(frozen=True)
class UndoableMove:
    """What the UI keeps to undo one move."""

    action_id: int
    message_id: int
    origin_folder: str


@writes
def undo_move(store: Store, move: UndoableMove) -> str:
    """Cancel the move if it is still queued, otherwise queue a move back to the origin.

    Returns ``"cancelled"``, ``"moved-back"``, or ``"in-flight"`` when a push has sent the
    move and not heard back yet: nothing is changed then, and the caller tries again once
    the push is done (cancelling now would be overtaken by the server's answer).
    """
    with store.write() as session:  # the same lock the push takes to mark actions sent
        action = session.get(PendingMailAction, move.action_id)
        if action is not None and action.sent_at is not None:
            return "in-flight"
        if action is not None:
            session.delete(action)
            session.execute(update(Message).where(Message.id == move.message_id).values(moving=False))
            return "cancelled"
        if session.get(Message, move.message_id) is None:
            raise UserFacingError("That message is no longer stored, so the move cannot be undone.")
    queue_move(store, [move.message_id], move.origin_folder)
    return "moved-back"


@dataclass
class PushOutcome:
    """What a push did: how many actions the server accepted, and the ones given up for good
    (one sentence each, for the user to see once; those actions are no longer queued)."""

    pushed: int = 0
    given_up: list[Phrase] = field(default_factory=list)


def push_pending(client, store: Store, account_id: int) -> PushOutcome:
    """Send queued changes to the server in the order they were made.

    Network failures propagate (the queue stays); see the module docstring for refusals.
    """
    with store.read() as session:
        actions = session.scalars(select(PendingMailAction)
                                  .where(PendingMailAction.account_id == account_id)
                                  .order_by(PendingMailAction.folder_name, PendingMailAction.id)).all()
    outcome = PushOutcome()
    for folder_name, group in groupby(actions, key=lambda a: a.folder_name):
        _push_folder(client, store, folder_name, list(group), outcome)
    return outcome


# Response codes (RFC 3501, RFC 5530) saying a mailbox named in the command does not exist.
_NO_SUCH_FOLDER = ("[TRYCREATE]", "[NONEXISTENT]")


def _push_folder(client, store: Store, folder_name: str, actions: list[PendingMailAction],
                 outcome: PushOutcome) -> None:
    if not client.folder_exists(folder_name):
        log.warning("giving up %d queued changes: folder %r no longer exists", len(actions), folder_name)
        _give_up(store, actions)
        outcome.given_up.append(Phrase(
            "{count} change(s) made in {folder} could not reach the server: the folder no longer exists there.",
            code="imap.action_folder_gone", count=len(actions), folder=folder_name))
        return
    status = client.select_folder(folder_name)
    uidvalidity = int(status[b"UIDVALIDITY"])
    stale = [a for a in actions if a.uidvalidity != uidvalidity]
    if stale:
        log.warning("giving up %d queued changes in %r: the folder was renumbered", len(stale), folder_name)
        _give_up(store, stale)
        outcome.given_up.append(Phrase(
            "{count} change(s) made in {folder} could not reach the server: the server renumbered the folder.",
            code="imap.action_folder_renumbered", count=len(stale), folder=folder_name))
    live = [a for a in actions if a.uidvalidity == uidvalidity]
    present = _present_uids(client, {a.uid for a in live})
    vanished = [a for a in live if a.uid not in present]
    if vanished:  # deleted elsewhere: nothing left to change, and the sync removes the row
        log.info("dropping %d queued changes in %r: their messages are gone", len(vanished), folder_name)
        _forget(store, vanished)
    live = [a for a in live if a.uid in present]
    # Consecutive actions of the same kind go out as one command; order is kept, so "read,
    # then unread" ends unread on the server as it did locally.
    for (kind, flags, target), run in groupby(live, key=lambda a: (a.kind, a.flags, a.target_folder)):
        run = list(run)
        uids = sorted({a.uid for a in run})
        if kind == "move" and not client.folder_exists(target):
            _move_target_gone(store, run, folder_name, target, outcome)
            continue
        _mark_sent(store, run)
        try:
            if kind == "move":
                new_uids = _move_on_server(client, uids, target)
                _rekey_moved(store, run[0].account_id, folder_name, target, uids, new_uids)
            elif kind == "add_flags":
                client.add_flags(uids, flags.split(), silent=True)
            else:
                client.remove_flags(uids, flags.split(), silent=True)
        except imaplib.IMAP4.abort:
            raise  # the connection is gone: keep the queue for the next sync
        except imaplib.IMAP4.error as exc:
            reply = server_reply(exc)
            if kind == "move" and any(code in reply.upper() for code in _NO_SUCH_FOLDER):
                _move_target_gone(store, run, folder_name, target, outcome)
                continue
            error = ServerError("The server refused a change in {folder}: {reply}",
                                code="imap.action_refused", folder=folder_name, reply=reply)
            if _refused(store, run, error):
                outcome.given_up.append(Phrase(
                    "{count} change(s) made in {folder} were given up after {attempts} refusals: {error}",
                    code="imap.action_given_up", count=len(run), folder=folder_name,
                    attempts=MAX_ATTEMPTS, error=error))
            continue
        _forget(store, run)
        outcome.pushed += len(run)


def _move_target_gone(store: Store, run: list[PendingMailAction], folder_name: str, target: str,
                      outcome: PushOutcome) -> None:
    log.warning("giving up %d queued move(s) to %r: the folder no longer exists", len(run), target)
    _give_up(store, run)
    outcome.given_up.append(Phrase(
        "{count} message(s) could not be moved to {target}: that folder no longer exists on the server; "
        "they are back in {folder}.", code="imap.move_target_gone", count=len(run), target=target,
        folder=folder_name))


def _present_uids(client, uids: set[int]) -> set[int]:
    """Which of these UIDs the selected folder still has (one UID SEARCH)."""
    if not uids:
        return set()
    return set(client.search(["UID", _uid_set(sorted(uids))]))


def _uid_set(uids: list[int]) -> str:
    """Sorted UIDs as a compact IMAP set ("3:5,9"), so a long queue stays a short command."""
    ranges: list[list[int]] = []
    for uid in uids:
        if ranges and uid == ranges[-1][1] + 1:
            ranges[-1][1] = uid
        else:
            ranges.append([uid, uid])
    return ",".join(str(a) if a == b else f"{a}:{b}" for a, b in ranges)


def _expand(uid_set: str) -> list[int]:
    """An IMAP UID set in its written order (COPYUID pairs source and target by position)."""
    result = []
    for piece in uid_set.split(","):
        low, _, high = piece.partition(":")
        start, end = int(low), int(high or low)
        step = 1 if end >= start else -1
        result.extend(range(start, end + step, step))
    return result


def _move_on_server(client, uids: list[int], target: str) -> dict[int, int]:
    """UID MOVE (or COPY + delete); returns old UID -> new UID when the server says (UIDPLUS).

    imaplib files every bracketed response code, tagged or untagged, under its name, so the
    COPYUID of a MOVE (untagged OK) and of a COPY (tagged OK) are both found under COPYUID.
    """
    responses = client._imap.untagged_responses
    responses.pop("COPYUID", None)
    if client.has_capability("MOVE"):
        client.move(uids, target)
    else:
        client.copy(uids, target)
        client.add_flags(uids, [DELETED], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)  # only these messages, never other \\Deleted ones
    mapping: dict[int, int] = {}
    for code in responses.pop("COPYUID", []) or []:
        text = code.decode("ascii", "replace") if isinstance(code, bytes) else str(code)
        parts = text.split()
        if len(parts) == 3:
            mapping.update(zip(_expand(parts[1]), _expand(parts[2]), strict=False))
    return mapping


@writes
def _rekey_moved(store: Store, account_id: int, source: str, target: str, uids: list[int],
                 new_uids: dict[int, int]) -> None:
    """Give moved rows their new folder and UID; without COPYUID, drop them (sync refetches)."""
    with store.write() as session:
        folders = {f.name: f for f in session.scalars(select(Folder).where(
            Folder.account_id == account_id, Folder.name.in_([source, target])))}
        source_folder, target_folder = folders.get(source), folders.get(target)
        if source_folder is None:
            return
        for uid in uids:
            new_uid = new_uids.get(uid)
            query = update(Message).where(Message.folder_id == source_folder.id, Message.uid == uid)
            if new_uid is not None and target_folder is not None and target_folder.uidvalidity:
                session.execute(query.values(folder_id=target_folder.id, uid=new_uid, moving=False))
            else:
                session.execute(delete(Message).where(Message.folder_id == source_folder.id,
                                                      Message.uid == uid))


MAX_ATTEMPTS = 3


@writes
def _refused(store: Store, actions: list[PendingMailAction], error: LiaisonError) -> bool:
    """The server refused these actions: retry later; True when they are now given up.

    The reason is stored as the error's code and parameters (``error.to_json()``), never as
    a sentence; :func:`app.errors.describe` makes it into words where it is shown.
    """
    log.warning("server refused %d queued change(s): %s", len(actions), error)
    ids = [a.id for a in actions]
    with store.write() as session:
        session.execute(update(PendingMailAction).where(PendingMailAction.id.in_(ids)).values(
            attempts=PendingMailAction.attempts + 1, last_error=error.to_json(), sent_at=None))
        exhausted = session.scalars(select(PendingMailAction).where(
            PendingMailAction.id.in_(ids), PendingMailAction.attempts >= MAX_ATTEMPTS)).all()
    if exhausted:
        _give_up(store, exhausted)
    return bool(exhausted)


@writes
def _give_up(store: Store, actions: list[PendingMailAction]) -> None:
    """Unqueue actions that will never be applied; a message being moved is shown again.

    A flag change given up stays as the user set it locally; the sentence the push reports
    says that it did not reach the server.
    """
    with store.write() as session:
        for action in actions:
            if action.kind == "move":  # show the message again where it still is
                session.execute(update(Message).where(
                    Message.uid == action.uid, Message.folder_id == select(Folder.id).where(
                        Folder.account_id == action.account_id, Folder.name == action.folder_name)
                    .scalar_subquery()).values(moving=False))
        session.execute(delete(PendingMailAction).where(
            PendingMailAction.id.in_([a.id for a in actions])))


@writes
def _mark_sent(store: Store, actions: list[PendingMailAction]) -> None:
    with store.write() as session:
        session.execute(update(PendingMailAction).where(
            PendingMailAction.id.in_([a.id for a in actions])).values(sent_at=now()))


@writes
def _forget(store: Store, actions: list[PendingMailAction]) -> None:
    with store.write() as session:
        session.execute(delete(PendingMailAction).where(
            PendingMailAction.id.in_([a.id for a in actions])))
