"""`messages` (list stored mail) and `flag` (set a flag locally, queued for the server)."""

from __future__ import annotations

import json

from app.errors import UserFacingError
from app.store.flags import FLAG_FOR_NAME
from app.mail.imap.actions import queue_move, set_flag
from app.store.accounts import get_account, list_accounts
from app.store.mail_queries import MessageRow, find_folder, folder_owners, latest_messages, messages_by_uid


def _address(pair: tuple[str, str]) -> dict:
    return {"name": pair[0], "address": pair[1]}


def message_json(account: str, folder: str, m: MessageRow) -> str:
    return json.dumps({
        "account": account, "folder": folder, "uid": m.uid, "message_id": m.message_id,
        "from": _address((m.from_name, m.from_addr)), "to": [_address(p) for p in m.to],
        "cc": [_address(p) for p in m.cc], "subject": m.subject, "date": m.date_iso,
        "flags": sorted(m.flags), "has_attachments": m.has_attachments, "size": m.size,
    }, ensure_ascii=False)


def one_account(store, name: str | None, folder: str | None = None):
    """The account named, or the only one; or the only one with ``folder`` (an imported
    folder in Local Folders is found without naming the account)."""
    if name:
        return get_account(store, name)
    accounts = list_accounts(store)
    if folder and len(accounts) > 1:
        holding = [a for a in accounts if a.id in folder_owners(store, folder)]
        if len(holding) == 1:
            return holding[0]
    if len(accounts) != 1:
        raise UserFacingError("Name the account with --account." if accounts
                              else "No accounts yet: add one with 'liaison account add'.")
    return accounts[0]


def _list(args, store) -> int:
    account = one_account(store, args.account, args.folder)
    folder = find_folder(store, account.id, args.folder)
    for m in latest_messages(store, folder.id, args.limit):
        if args.json:
            print(message_json(account.name, folder.name, m))
        else:
            unread = " " if "\\Seen" in m.flags else "*"
            sender = m.from_name or m.from_addr
            print(f"{unread} {m.uid:>7}  {m.date_iso[:16]}  {sender[:28]:<28}  {m.subject}")
    return 0


def _selected(args, store) -> list[MessageRow]:
    account = get_account(store, args.account)
    folder = find_folder(store, account.id, args.folder)
    found = messages_by_uid(store, folder.id, args.uid)
    missing = sorted(set(args.uid) - {m.uid for m in found})
    if missing:
        raise UserFacingError(f"No stored message with UID {', '.join(map(str, missing))} in {folder.name}.")
    return found


def _flag(args, store) -> int:
    found = _selected(args, store)
    changed = set_flag(store, [m.id for m in found], FLAG_FOR_NAME[args.flag], args.state == "on")
    print(f"{len(changed)} message(s) changed; the server is updated at the next sync")
    return 0


def _move(args, store) -> int:
    found = _selected(args, store)
    moved = queue_move(store, [m.id for m in found], args.to)
    print(f"{len(moved)} message(s) moved; the server is updated at the next sync")
    return 0


def run(args, store) -> int:
    handlers = {"messages": _list, "flag": _flag, "move": _move}
    return handlers[args.command](args, store)
