"""`send` (into the outbox, delivered at once when the server answers) and `outbox`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.cli.services_session import running_services
from app.errors import AuthError, LiaisonError, OAuthSignInNeeded, UserFacingError, describe, from_json
from app.mail.reading.body_charset import decode_body
from app.mail.sending import outbox
from app.mail.sending.outgoing import BIG_ATTACHMENTS_BYTES, Outgoing, OutgoingAttachment, parse_recipients
from app.store.accounts import get_account, list_accounts
from app.store.models import OutboxMessage
from sqlalchemy import select


def _read(path: str) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise UserFacingError(f"Could not read {path}: {exc.strerror or exc}.") from None


def compose_from_args(args, store, account) -> Outgoing:
    body = decode_body(_read(args.body_file), None).text if args.body_file else ""
    subject = args.subject or ""
    if args.template:
        from app.crm.mail_merge import render_for_contact

        if not args.contact:
            raise UserFacingError("--template needs --contact EMAIL (whose fields fill it in).")
        subject, body = render_for_contact(store, args.template, args.contact, account)
    if account.signature:
        body = f"{body.rstrip()}\n\n-- \n{account.signature}"
    to = [pair for text in args.to for pair in parse_recipients(text, "recipient")]
    if args.template and not to:
        to = parse_recipients(args.contact, "recipient")
    attachments = [OutgoingAttachment(Path(path).name, _read(path)) for path in args.attach]
    message = Outgoing(from_name=account.display_name, from_addr=account.email, to=to, subject=subject, body=body,
                       cc=[p for text in args.cc for p in parse_recipients(text, "Cc address")],
                       bcc=[p for text in args.bcc for p in parse_recipients(text, "Bcc address")],
                       attachments=attachments)
    if message.attachment_bytes > BIG_ATTACHMENTS_BYTES:
        print(f"warning: the attachments total {message.attachment_bytes / 2**20:.1f} MB; many servers refuse "
              "more than 20 MB", file=sys.stderr)
    return message


def _deliver_now(store, account) -> None:
    """Try the SMTP server now, as the window does; the message stays queued (with the
    reason) if it cannot.  IMAP is needed only afterwards, to file the copy in Sent."""
    with running_services(store) as services:
        services.deliver(account.id, force=True).result()


def _send(args, store) -> int:
    account = get_account(store, args.account)
    message = compose_from_args(args, store, account)
    row = outbox.enqueue(store, account, message)
    try:
        _deliver_now(store, account)
    except LiaisonError as exc:  # no password stored, keyring locked…: queued, with the reason
        print(f"queued: {describe(exc)}")
        _hint(exc)
        return exc.exit_code if isinstance(exc, OAuthSignInNeeded) else 0
    line = _state_line(store, row.uuid)
    print(line)
    with store.read() as session:
        stored = from_json(session.scalar(select(OutboxMessage.last_error).where(OutboxMessage.uuid == row.uuid)))
    if isinstance(stored, OAuthSignInNeeded):  # queued until the account signs in again: say how
        _hint(stored)
        return stored.exit_code
    return 6 if line.startswith("failed") else 0


def _state_line(store, outbox_uuid: str) -> str:
    with store.read() as session:
        current = session.scalar(select(OutboxMessage).where(OutboxMessage.uuid == outbox_uuid))
        state, error = current.state, current.last_error
    if state == "sent":
        return "sent"
    reason = describe(error)
    if state in ("failed", "unconfirmed"):
        return f"{state}: {reason}"
    return f"queued: {reason or 'waiting'} (tried again at every sync; now: liaison outbox resend {outbox_uuid})"


def _hint(exc: LiaisonError) -> None:
    """A missing password: name the command that stores one (as the error presenter does)."""
    if isinstance(exc, AuthError) and (exc.missing or exc.code.startswith("auth.oauth_")):
        from app.cli.runner import error_lines

        for line in error_lines(exc)[1:]:
            print(line, file=sys.stderr)


def _outbox(args, store) -> int:
    if args.action == "resend":
        account_id = outbox.resend(store, args.id)
        account = next(a for a in list_accounts(store) if a.id == account_id)
        try:
            _deliver_now(store, account)
        except LiaisonError as exc:
            print(f"queued again: {describe(exc)}")
            _hint(exc)
            return 0
        print(_state_line(store, args.id))
        return 0
    account_id = get_account(store, args.account).id if args.account else None
    for info in outbox.list_outbox(store, account_id):
        if args.json:
            print(json.dumps(info.as_json(), ensure_ascii=False))
        else:
            reason = info.error_text() if info.state != "sent" else ""
            print(f"{info.state:<12} {info.subject[:40]:<40} {', '.join(info.recipients)[:40]}"
                  + (f"  — {reason}" if reason else ""))
    return 0


def _templates(args, store) -> int:
    from app.crm import mail_merge
    from app.mail.sending import templates

    if args.action == "add":
        body = decode_body(_read(args.body_file), None).text
        templates.save_template(store, args.name, args.subject, body)
        print(f"saved {args.name}")
    elif args.action == "list":
        for template in templates.list_templates(store):
            print(f"{template.name:<24} {template.subject}")
    else:
        account = get_account(store, args.account)
        subject, body = mail_merge.render_for_contact(store, args.name, args.contact, account)
        print(f"Subject: {subject}\n\n{body}")
    return 0


def _merge(args, store) -> int:
    from app.crm.mail_merge import mail_merge

    account = get_account(store, args.account)
    emails = list(args.contact)
    if args.tag:
        from app.crm.customer_view import contact_json
        from app.store.crm_models import Contact

        from sqlalchemy import select

        with store.read() as session:
            for contact in session.scalars(select(Contact).where(Contact.deleted_at.is_(None),
                                                                 Contact.merged_into_id.is_(None))):
                record = contact_json(session, contact)
                if args.tag in record["tags"] and record["emails"]:
                    emails.append(record["emails"][0])
    if not emails:
        raise UserFacingError("No recipients: give --contact EMAIL (repeatable) or --tag TAG.")
    report = mail_merge(store, account, args.template, emails, batch=args.batch, interval=args.interval)
    for email, problem in report.problems.items():
        print(f"not queued: {email}: {problem}", file=sys.stderr)
    print(f"merge {report.batch}: {len(report.queued)} queued, {len(report.skipped)} already queued, "
          f"{len(report.problems)} with problems; sent one every {args.interval:g} s by `sync` or the app")
    return 1 if report.problems else 0


def run(args, store) -> int:
    handlers = {"send": _send, "outbox": _outbox, "templates": _templates, "merge": _merge}
    return handlers[args.command](args, store)
