"""`show` (a message decoded for reading) and `save-attachment` (one attachment to a directory)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.errors import UserFacingError
from app.mail.reading.attachment_files import human_size, unused_path, write_new_file
from app.mail.reading.attachment_names import safe_filename
from app.mail.reading.message_view import MessageView, attachment_by_number, build_view
from app.store.accounts import get_account
from app.store.mail_cache import raw_message
from app.store.mail_queries import MessageRow, find_folder, messages_by_uid

WARNING_TEXT = {
    "bidi": "the name contains direction-changing characters",
    "padding": "padding hides the end of the name",
    "double-extension": "the name has two extensions",
    "executable": "runs code when opened",
}


def warning_text(code: str) -> str:
    if code.startswith("content-mismatch:"):
        return f"the content is really {code.split(':', 1)[1].upper()}, not what the name says"
    return WARNING_TEXT.get(code, code)


def _stored_message(args, store) -> tuple[MessageRow, bytes]:
    account = get_account(store, args.account)
    folder = find_folder(store, account.id, args.folder)
    found = messages_by_uid(store, folder.id, [args.uid])
    if not found:
        raise UserFacingError(f"No stored message with UID {args.uid} in {folder.name}.")
    raw = raw_message(store, found[0].id)
    if raw is None:
        raise UserFacingError(f"The body of UID {args.uid} is not stored yet; run 'liaison sync' first.")
    return found[0], raw


def _address_text(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} <{addr}>" if name else addr for name, addr in pairs)


def view_json(row: MessageRow, view: MessageView) -> dict:
    envelope = view.envelope
    return {
        "uid": row.uid, "message_id": envelope.message_id, "in_reply_to": envelope.in_reply_to,
        "references": envelope.references.split() if envelope.references else [],
        "from": {"name": envelope.from_name, "address": envelope.from_addr},
        "to": [{"name": n, "address": a} for n, a in envelope.to],
        "cc": [{"name": n, "address": a} for n, a in envelope.cc],
        "reply_to": [{"name": n, "address": a} for n, a in envelope.reply_to],
        "date": row.date_iso, "subject": envelope.subject, "text": view.text,
        "attachments": [{
            "index": a.number, "name": a.name, "shown_name": a.shown_name,
            "content_type": a.content_type, "size": a.size, "inline": a.inline,
            "warnings": a.warnings} for a in view.attachments],
        "problems": view.problems,
    }


def _show(args, store) -> int:
    row, raw = _stored_message(args, store)
    if args.source:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        return 0
    view = build_view(raw)
    if args.json:
        print(json.dumps(view_json(row, view), ensure_ascii=False))
        return 0
    envelope = view.envelope
    lines = [f"From: {_address_text([(envelope.from_name, envelope.from_addr)])}"]
    lines += [f"{label}: {_address_text(pairs)}" for label, pairs in
              (("To", envelope.to), ("Cc", envelope.cc), ("Reply-To", envelope.reply_to)) if pairs]
    lines += [f"Date: {row.date_iso[:16].replace('T', ' ')}", f"Subject: {envelope.subject}", "", view.text]
    if view.attachments:
        lines += ["", "Attachments:"]
        for a in view.attachments:
            notes = "; ".join(warning_text(w) for w in a.warnings)
            inline = " (inline)" if a.inline else ""
            lines.append(f"  {a.number}. {a.shown_name or '(no name)'}{inline}  {a.content_type}  "
                         f"{human_size(a.size)}" + (f"  WARNING: {notes}" if notes else ""))
    if view.problems:
        lines += ["", "Note: the message could not be parsed; shown as raw text."]
    print("\n".join(lines))
    return 0


def _save_attachment(args, store) -> int:
    _row, raw = _stored_message(args, store)
    view = build_view(raw)
    attachment = attachment_by_number(view, args.index)
    if attachment is None:
        count = len(view.attachments)
        raise UserFacingError(f"The message has {count} attachment(s); --index must be 1 to {count}."
                              if count else "The message has no attachments.")
    directory = Path(args.out).expanduser()
    if not directory.is_dir():
        raise UserFacingError(f"{directory} is not a directory.")
    target = unused_path(directory, safe_filename(attachment.name))
    try:
        write_new_file(target, attachment.data())
    except OSError as exc:
        raise UserFacingError(f"Could not write {target}: {exc.strerror or exc}.") from None
    print(target)
    for code in attachment.warnings:
        print(f"warning: {warning_text(code)}", file=sys.stderr)
    return 0


def run(args, store) -> int:
    return {"show": _show, "save-attachment": _save_attachment}[args.command](args, store)
