"""Customer-record commands: contacts, companies, customer, deals, history, link, followup."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.crm import customers, deals, duplicates, linking
from app.crm.csv_import import import_file
from app.crm.customer_view import company_json, contact_json, customer_json
from app.crm.unknown_senders import unknown_senders
from app.crm.validation import InvalidValue
from app.crm.vcard import export_vcards
from app.errors import UserFacingError
from app.store.accounts import get_account
from app.store.crm_models import Company, Contact, Deal
from app.store.mail_queries import find_folder, messages_by_uid


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False))


def _read_file(path: str) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise UserFacingError(f"Could not read {path}: {exc.strerror or exc}.") from None


def _import(args, store) -> int:
    data = _read_file(args.file)
    mapping = {}
    for item in args.map:
        column, sep, target = item.rpartition("=")
        if not sep or not column:
            raise UserFacingError(f"--map wants COLUMN=FIELD, not '{item}'.")
        mapping[column] = target
    # CSV, vCard or LDIF, told apart by the name or the first line
    report = import_file(store, data, args.file, args.dry_run, mapping)
    problems = [{"row": p.row, "field": p.field, "problem": p.problem} for p in report.problems]
    if args.json:
        _print_json({"rows": report.rows, "created": report.created, "updated": report.updated,
                     "unchanged": report.unchanged, "encoding": report.encoding, "mapping": report.mapping,
                     "problems": problems, "written": report.written})
    else:
        if report.mapping:
            print("columns: " + ", ".join(f"{c} → {f}" for c, f in report.mapping.items()))
        for p in problems:
            print(f"row {p['row']}, {p['field']}: {p['problem']}")
        verb = "would create" if not report.written else "created"
        print(f"{report.rows} rows ({report.encoding}): {verb} {report.created}, "
              f"{'would update' if not report.written else 'updated'} {report.updated}, "
              f"unchanged {report.unchanged}, {len(problems)} problem(s)")
    if problems:
        print(f"liaison: {len(problems)} problem(s) found; nothing was imported.", file=sys.stderr)
        return 1
    if not report.written and not args.dry_run:
        return 1
    return 0


def _add(args, store) -> int:
    uuid = customers.add_contact(store, customers.ContactInput(
        name=args.name, emails=args.email, phones=args.phone, company=args.company, title=args.title))
    print(uuid)
    return 0


_SETTABLE = {"name", "first_name", "last_name", "title", "owner", "company", "phone", "email", "tags"}


def _set(args, store) -> int:
    data = customers.ContactInput()
    cleared: set[str] = set()
    for assignment in args.assignments:
        field, sep, value = assignment.partition("=")
        field = field.strip()
        if not sep or (field not in _SETTABLE and not field.startswith("custom.")):
            raise UserFacingError(f"'{assignment}' is not FIELD=VALUE with a field among "
                                  f"{', '.join(sorted(_SETTABLE))}, custom.<key>.")
        if field == "email":
            data.emails.append(value)
        elif field == "phone":
            data.phones.append(value)
            cleared |= {"phones"} if not value else set()
        elif field == "tags":
            data.tags = [t.strip() for t in value.split(",") if t.strip()]
        elif field.startswith("custom."):
            data.custom[field[7:]] = value
        else:
            setattr(data, field, value)
        if not value:
            cleared.add({"phone": "phones", "email": "emails"}.get(field, field))
    changed = customers.update_contact(store, args.email, data, cleared)
    for field, (old, new) in changed.items():
        print(f"{field}: {json.dumps(old, ensure_ascii=False)} → {json.dumps(new, ensure_ascii=False)}")
    if not changed:
        print("nothing changed")
    return 0


def _list(args, store) -> int:
    with store.read() as session:
        contacts = session.scalars(select(Contact).where(Contact.deleted_at.is_(None),
                                                         Contact.merged_into_id.is_(None)).order_by(Contact.name))
        for contact in contacts:
            record = contact_json(session, contact)
            if args.json:
                _print_json(record)
            else:
                print(f"{record['name']:<24} {', '.join(record['emails']):<40} {record['company'] or ''}")
    return 0


def _export(args, store) -> int:
    text = export_vcards(store, args.vcard_version)
    if args.out:
        Path(args.out).expanduser().write_text(text, encoding="utf-8", newline="")
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


def _duplicates(args, store) -> int:
    for group in duplicates.find_duplicates(store):
        if args.json:
            _print_json({"reason": group.reason, "detail": group.detail,
                         "contacts": [{"uuid": u, "name": n} for u, n in group.contacts]})
        else:
            print(f"{group.reason} {group.detail}: " + "; ".join(n or u for u, n in group.contacts))
    return 0


def _merge(args, store) -> int:
    with store.read() as session:
        keep = customers.require_contact(session, args.keep).uuid
        others = [customers.require_contact(session, e).uuid for e in args.others]
    duplicates.merge_contacts(store, keep, others)
    print(f"merged {len(others)} contact(s) into {args.keep}")
    return 0


def _export_data(args, store) -> int:
    from app.crm.subject_requests import export_customer

    directory = Path(args.out).expanduser()
    if not directory.is_dir():
        raise UserFacingError(f"{directory} is not a directory.")
    print(export_customer(store, args.email, directory))
    return 0


def _erase(args, store) -> int:
    from app.crm.subject_requests import erase_customer

    if not args.yes:
        raise UserFacingError("Erasing cannot be undone; add --yes to erase this customer's data.")
    erase_customer(store, args.email)
    print(f"erased the customer data of {args.email} (mail stays in the mailbox)")
    return 0


def _unknown(args, store) -> int:
    for sender in unknown_senders(store):
        if args.json:
            _print_json({"address": sender.address, "name": sender.name, "messages": sender.messages})
        else:
            print(f"{sender.messages:>5}  {sender.name or '-':<24} {sender.address}")
    return 0


def _companies(args, store) -> int:
    if args.action == "add":
        print(customers.add_company(store, args.name, args.domain, args.industry))
        return 0
    with store.read() as session:
        for company in session.scalars(select(Company).where(Company.deleted_at.is_(None)).order_by(Company.name)):
            record = company_json(session, company)
            _print_json(record) if args.json else print(f"{record['name']:<30} {', '.join(record['domains'])}")
    return 0


def _customer(args, store) -> int:
    data = customer_json(store, args.email)
    if args.json:
        _print_json(data)
        return 0
    contact = data["contact"]
    print(f"{contact['name']}  {', '.join(contact['emails'])}  {contact['title']}")
    if data["company"]:
        print(f"company: {data['company']['name']} ({', '.join(data['company']['domains'])})")
    for deal in data["deals"]:
        print(f"deal: {deal['title']} · {deal['stage']} · {deal['amount']} {deal['currency']}")
    for entry in data["timeline"]:
        print(f"{entry['at'][:16].replace('T', ' ')}  {entry['kind']:<7} {entry['title']}")
    return 0


def _deals(args, store) -> int:
    if args.action == "add":
        print(deals.add_deal(store, args.title, args.contact, args.company, args.amount, args.currency, args.stage,
                             args.expected_close))
    elif args.action == "move":
        with store.read() as session:
            session.scalar(select(Deal).where(Deal.uuid == args.deal)) or _no_deal(args.deal)
        deals.move_deal(store, args.deal, deals.stage_uuid_named(store, args.stage))
    elif args.action == "stages":
        if args.add:
            deals.add_stage(store, args.add, args.outcome, args.position)
        if args.rename:
            # Through the writer: on a new profile this makes the default pipeline first.
            deals.rename_stage(store, deals.stage_uuid_named(store, args.rename[0]), args.rename[1])
        for _id, _uuid, name, outcome in deals.pipeline_stages(store):
            print(f"{name} ({outcome})")
    else:
        for deal in deals.list_deals(store, args.status):
            _print_json(deal) if args.json else print(
                f"{deal['title']:<30} {deal['stage'] or '':<12} {deal['amount']} {deal['currency']}")
    return 0


def _no_deal(uuid: str):
    raise UserFacingError(f"No deal with id {uuid}.")


def _history_subject(args, store) -> tuple[str, str, str]:
    """(record type, uuid, what to call it) of the record ``history`` is about."""
    chosen = [name for name in ("email", "company", "deal") if getattr(args, name)]
    if len(chosen) != 1:
        raise UserFacingError("Name one record: a contact's address, --company NAME or --deal DEAL_UUID.")
    with store.read() as session:
        if args.company:
            company = customers.company_by_name(session, args.company)
            if company is None:
                raise UserFacingError(f"No company called '{args.company}'.")
            return "company", company.uuid, company.name
        if args.deal:
            deal = session.scalar(select(Deal).where(Deal.uuid == args.deal))
            if deal is None:
                _no_deal(args.deal)
            return "deal", deal.uuid, deal.title
        contact = customers.require_contact(session, args.email)
        return "contact", contact.uuid, args.email


def _history(args, store) -> int:
    from app.sync import history

    record_type, record_uuid, label = _history_subject(args, store)
    if args.local:
        found = history.local_record_history(store, record_type, record_uuid)
    else:
        found = history.record_history(store, record_type, record_uuid, team_only=args.team)
    if found.reason in (history.OFFLINE, history.SIGNED_OUT, history.REFUSED):
        # On standard error: --json output stays one version per line.
        print(f"showing this laptop's history only: {found.detail}", file=sys.stderr)
    if args.restore:
        if args.local:
            changed = history.restore_version(store, record_type, record_uuid, found.by_number(args.restore).key)
        else:
            found, changed = history.restore_by_number(store, record_type, record_uuid, args.restore, args.team)
        where = "; it reaches the team at the next sync" if found.source == history.TEAM else ""
        print(f"restored version {args.restore} of {label}: {len(changed)} field(s) changed{where}")
        return 0
    for version in found.versions:
        if args.json:
            _print_json({**version.as_json(), "history": found.source, "record": record_uuid})
        else:
            print(_version_line(version, found.names))
    return 0


def _version_line(version, names: dict[str, str]) -> str:
    """``  3  2026-11-30 10:43  bob@field.test (device 1a2b3c4d)  title: 'A' → 'B' (lost)``"""
    when = datetime.fromtimestamp(version.at).strftime("%Y-%m-%d %H:%M")
    if version.source == "team":
        device = "this device" if version.this_device else f"device {version.device_name or version.device_id[:8]}"
        who = f"{version.user or 'the server'} ({device})"
    elif version.source == "pending":
        who = "not sent yet"
    else:
        who = version.origin
    changes = []
    for change in version.changes:
        if change.field == "*":
            event = change.new if isinstance(change.new, str) else next(iter(change.new or {"changed": 0}))
            changes.append(change.op if change.op not in ("*", "set") else event)
            continue
        old, new = (names.get(v, v) if isinstance(v, str) else v for v in (change.old, change.new))
        text = (f"{change.field} {'+' if change.op == 'add' else '-'}{new!r}" if change.op in ("add", "remove")
                else f"{change.field}: {old!r} → {new!r}")
        changes.append(text + (" (lost)" if change.lost else ""))
    return f"{version.number:>3}  {when}  {who:<8}  {'; '.join(changes)}"


def _link(args, store) -> int:
    account = get_account(store, args.account)
    folder = find_folder(store, account.id, args.folder)
    found = messages_by_uid(store, folder.id, [args.uid])
    if not found:
        raise UserFacingError(f"No stored message with UID {args.uid} in {folder.name}.")
    message_pk = found[0].id
    if args.explain:
        for reason in linking.explain(store, message_pk):
            state = "linked" if reason.linked else "not linked"
            what = f"{reason.record_type} {reason.record_name}".strip() if reason.record_type != "none" else "-"
            print(f"{state:<11} {what:<30} {reason.why:<10} {reason.detail}")
        return 0
    with store.read() as session:
        if args.contact:
            record_type, uuid = "contact", customers.require_contact(session, args.contact).uuid
        elif args.company:
            company = customers.company_by_name(session, args.company)
            if company is None:
                raise UserFacingError(f"No company called {args.company}.")
            record_type, uuid = "company", company.uuid
        else:
            deal = session.scalar(select(Deal).where(Deal.uuid == args.deal)) or _no_deal(args.deal)
            record_type, uuid = "deal", deal.uuid
    linking.set_override(store, message_pk, record_type, uuid, "unlink" if args.remove else "link")
    print("unlinked" if args.remove else "linked")
    return 0


def _followup(args, store) -> int:
    from app.crm.followups import remind_if_no_reply

    account = get_account(store, args.account)
    folder = find_folder(store, account.id, args.folder)
    found = messages_by_uid(store, folder.id, [args.uid])
    if not found:
        raise UserFacingError(f"No stored message with UID {args.uid} in {folder.name}.")
    remind_if_no_reply(store, found[0].id, args.days)
    print(f"a task will appear if nobody replies within {args.days} day(s)")
    return 0


def _fields(args, store) -> int:
    from app.crm.custom_fields import define_field, fields_of

    if args.action == "add":
        if args.field_type == "choice" and not args.choice:
            raise UserFacingError("A choice field needs its values: --choice A --choice B.")
        define_field(store, args.record_type, args.key, args.label, args.field_type, args.choice)
        print(f"custom.{args.key}")
        return 0
    for key, field in fields_of(store, args.record_type).items():
        choices = json.loads(field.choices)
        print(f"custom.{key:<20} {field.field_type:<7} {field.label}" + (f"  ({', '.join(choices)})" if choices else ""))
    return 0


def _settings(args, store) -> int:
    """`settings show|set|free-mail|country`: the one settings schema (app.settings), as the window has it."""
    from app.crm.settings import after_change
    from app.settings import get, set_value

    if args.action == "set":
        return _set_setting(args, store)
    if args.action == "free-mail":
        domains = list(get(store, "free_mail_domains"))
        removed = {d.strip().lower().lstrip("@") for d in args.remove}
        set_value(store, "free_mail_domains", [d for d in domains if d not in removed] + list(args.add))
        after_change(store, ["free_mail_domains"])
    elif args.action == "country":
        set_value(store, "default_country", args.code)
    if args.action == "show" and args.json:
        _print_json(_settings_json(store))
        return 0
    _print_settings(store)
    return 0


def _account_names(store) -> dict[int, str]:
    from app.store.accounts import list_accounts

    return {account.id: account.name for account in list_accounts(store)}


def _settings_json(store) -> list[dict]:
    from app.settings import describe_all

    names = _account_names(store)
    return [{"key": e.key, "account": names.get(e.account_id) if e.account_id is not None else None,
             "value": e.value, "default": e.setting.default, "source": e.source, "locked": e.locked,
             "scope": e.setting.scope, "type": e.setting.type, "section": e.setting.section,
             "choices": list(e.setting.choice_values) or None, "label": e.setting.label}
            for e in describe_all(store)]


def _print_settings(store) -> None:
    from app.settings import describe_all

    names = _account_names(store)
    shown_account = None
    for entry in describe_all(store):
        line = f"{entry.key}: {entry.setting.format(entry.value)}" + (" (locked)" if entry.locked else "")
        if entry.account_id is None:
            print(line)
            continue
        if entry.account_id != shown_account:
            shown_account = entry.account_id
            print(f"account {names[entry.account_id]}:")
        print(f"  {line}")


def _set_setting(args, store) -> int:
    from app.crm.settings import after_change
    from app.settings import schema, set_value
    from app.settings.schema import ACCOUNT

    setting = schema.setting(args.key)
    account_id = None
    if args.account is not None:
        account_id = get_account(store, args.account).id
    elif setting.scope == ACCOUNT:
        known = ", ".join(_account_names(store).values()) or "none yet"
        raise UserFacingError("'{key}' is set for each account: add --account NAME (accounts: {accounts}).",
                              key=args.key, accounts=known)
    stored = set_value(store, args.key, setting.parse(args.value), account_id)
    after_change(store, [args.key])
    where = f" ({args.account})" if args.account is not None else ""
    print(f"{args.key}{where}: {setting.format(stored)}")
    return 0


_CONTACT_ACTIONS = {"import": _import, "add": _add, "set": _set, "list": _list, "export": _export,
                    "duplicates": _duplicates, "merge": _merge, "export-data": _export_data, "erase": _erase,
                    "unknown": _unknown}


def run(args, store) -> int:
    try:
        if args.command == "contacts":
            return _CONTACT_ACTIONS[args.action](args, store)
        handler = {"companies": _companies, "customer": _customer, "deals": _deals, "history": _history,
                   "link": _link, "followup": _followup, "fields": _fields, "settings": _settings}[args.command]
        return handler(args, store)
    except InvalidValue as exc:
        raise UserFacingError(f"Not saved: {exc}.") from None
