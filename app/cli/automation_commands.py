"""``liaison rules …`` and ``liaison cases …``: the same core as the window's Rules and Cases."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from app.errors import UserFacingError


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False))


def _read_json(path: str):
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserFacingError("There is no file {path}.", code="rules.no_file", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError("{path} cannot be read: {reason}.", code="rules.unreadable", path=path,
                              reason=getattr(exc, "strerror", None) or type(exc).__name__) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserFacingError("{path} is not JSON (line {line}: {reason}).", code="rules.not_json", path=path,
                              line=exc.lineno, reason=exc.msg) from None


def _when(at: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


def run_rules_command(args, store) -> int:
    from app.automation import rule_book

    action = args.rules_action
    if action == "list":
        specs = rule_book.list_rules(store)
        for spec in specs:
            if args.json:
                _print_json(spec.as_json())
            else:
                state = "on " if spec.enabled else "off"
                print(f"{state}  {spec.name}  (when {spec.event}, {len(spec.then)} action(s){', team' if spec.scope == 'team' else ''})")
        if not specs and not args.json:
            print("No rules yet: add them with 'liaison rules import FILE.json'.")
        return 0
    if action == "import":
        from app.services import rule_changes

        names = rule_changes.import_rules(store, _read_json(args.file), as_team=args.team)
        print(f"Imported {len(names)} rule(s): {', '.join(names)}" if names else "The file has no rules.")
        return 0
    if action == "export":
        text = json.dumps(rule_book.export_rules(store), ensure_ascii=False, indent=2) + "\n"
        if args.file == "-":
            sys.stdout.write(text)
        else:
            try:
                Path(args.file).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UserFacingError("{path} cannot be written: {reason}.", code="rules.unwritable", path=args.file,
                                      reason=exc.strerror or type(exc).__name__) from None
        return 0
    if action == "test":
        trial = rule_book.try_rule(store, rule_book.rule_named(store, args.name), limit=args.limit)
        if args.json:
            _print_json(trial.as_json())
            return 0
        matched = trial.as_json()["matched"]
        print(f"Rule '{trial.rule}' would have matched {matched} of {trial.examined} examined.")
        for hit in trial.hits:
            print(f"  {_when(hit.at)}  {hit.kind} {hit.key}  {hit.label}")
        return 0
    if action == "log":
        for entry in rule_book.run_log(store, args.limit, args.rule):
            if args.json:
                _print_json(entry.as_json())
                continue
            data = entry.as_json()
            print(f"{_when(entry.at)}  {entry.rule}  {entry.event}: {entry.matched}  → {entry.status}"
                  + (f" ({entry.skipped})" if entry.skipped else ""))
            for step in data["steps"]:
                print(f"    {step['action']}: {step['status']}, {step['note']}")
        return 0
    if action in ("enable", "disable", "delete"):
        from app.services import rule_changes

        if action == "delete":
            rule_changes.delete_rule(store, args.name)
        else:
            rule_changes.set_enabled(store, args.name, action == "enable")
        return 0
    if action == "run":
        from app.automation.engine import run_rules
        from app.sync.team import Team

        report = run_rules(store, claim=Team(store).claim_rule_run)
        summary = {"events": report.events, "matched": report.matched, "done": report.done,
                   "skipped": report.skipped, "failed": report.failed, "cases_updated": len(report.cases_updated),
                   "mail_queued": report.mail_queued}
        if args.json:
            _print_json(summary)
        else:
            print(f"{report.matched} rule run(s): {report.done} done, {report.skipped} skipped, {report.failed} "
                  f"failed; {report.mail_queued} message(s) queued; {len(report.cases_updated)} case(s) got replies.")
        return 1 if report.failed else 0
    raise AssertionError(action)


def run_cases_command(args, store) -> int:
    from app.crm import cases

    action = args.cases_action
    if action == "list":
        found = cases.list_cases(store, args.status, open_only=args.open)
        for case in found:
            if args.json:
                _print_json(case.as_json())
            else:
                print(f"{case.uuid[:8]}  {case.status:<7} {case.priority:<7} {case.customer or '-'}  {case.title}")
        if not found and not args.json:
            print("No cases.")
        return 0
    if action == "show":
        detail = cases.case_detail(store, cases.resolve_case(store, args.id))
        if args.json:
            _print_json({**detail.case.as_json(), "description": detail.description, "deal": detail.deal_title,
                         "timeline": [{"message_id": m.key, "id": m.pk, "subject": m.subject, "from": m.from_addr,
                                       "date": m.date} for m in detail.messages]})
            return 0
        case = detail.case
        print(f"{case.title}\n{case.status}, {case.priority}, assigned to {case.assignee or 'nobody'}"
              f"{', due ' + _when(case.due_at) if case.due_at else ''}; customer: {case.customer or '-'}")
        if detail.description:
            print(f"\n{detail.description}")
        for message in detail.messages:
            when = _when(message.date) if message.date else "not stored here"
            print(f"  {when}  {message.from_addr}  {message.subject or message.key}")
        return 0
    if action == "open":
        contact_id = None
        if args.contact:
            from app.crm.customers import require_contact
            with store.read() as session:
                contact_id = require_contact(session, args.contact).id
        print(cases.open_case(store, args.title, priority=args.priority, assignee=args.assignee,
                              description=args.description, contact_id=contact_id))
        return 0
    if action == "set":
        changes = {name: getattr(args, name) for name in ("status", "priority", "assignee", "title")
                   if getattr(args, name) is not None}
        if not changes:
            raise UserFacingError("Say what to change: --status, --priority, --assignee or --title.")
        cases.update_case(store, cases.resolve_case(store, args.id), changes)
        return 0
    raise AssertionError(action)
