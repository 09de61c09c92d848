"""``liaison team …`` and ``liaison conflicts …``: the same core as the window's team sync."""

from __future__ import annotations

import getpass
import json
import sys

from app.errors import UserFacingError
from app.settings.guards import team_server
from app.sync.team import Team


def _password(from_stdin: bool) -> str:
    password = sys.stdin.readline().rstrip("\r\n") if from_stdin else getpass.getpass("Password: ")
    if not password:
        raise UserFacingError("No password given (pass it on standard input with --password-stdin).",
                              code="team.no_password")
    return password


def _make_private(args, store) -> int:
    from app.store.accounts import get_account
    from app.store.mail_queries import find_folder, messages_by_uid
    from app.sync.shared_timeline import mark_private

    account = get_account(store, args.account)
    folder = find_folder(store, account.id, args.folder)
    found = messages_by_uid(store, folder.id, [args.uid])
    if not found:
        raise UserFacingError(f"No stored message with UID {args.uid} in {folder.name}.", code="message.not_found")
    key = found[0].message_id
    if not key:
        raise UserFacingError("This message has no Message-ID, so it is never shared with the team.",
                              code="message.no_key")
    newly = store.write_with(lambda session: mark_private(session, key))
    print("private: never shared with the team" + ("" if newly else " (it already was)")
          + "; if it was shared, it is withdrawn at the next team sync")
    return 0


def _record(store, customer: str) -> str:
    """A record named on the command line: a contact's email address, or a record's UUID."""
    import uuid as uuid_module

    from app.crm.customers import contact_by_email

    try:
        return str(uuid_module.UUID(customer.strip()))
    except ValueError:
        pass
    with store.read() as session:
        contact = contact_by_email(session, customer.strip().lower())
        if contact is None:
            raise UserFacingError("No contact with the address {address}.", code="contact.not_found",
                                  address=customer.strip())
        return contact.uuid


def _pool(args, team: Team, store) -> int:
    if args.action == "pooled":
        for entry in team.pooled_customers():
            if args.json:
                print(json.dumps(entry, ensure_ascii=False))
            else:
                print(f"{entry['uuid']}  {entry['type']}  {entry['name']}  (team {entry['team']}, "
                      f"last owner {entry['last_owner']})")
        return 0
    record = _record(store, args.customer)
    if args.action == "pool":
        facts = team.return_to_pool(record)
        if facts is None:
            raise UserFacingError("This customer is not shared with the team, so it has no pool to go to.",
                                  code="team.not_shared")
        print("in the team's pool" if facts["pooled"] else "returning to the team's pool at the next team sync")
        return 0
    facts = team.pick_up(record)
    print(f"picked up: yours now (team {facts['team']})" if facts else "picked up")
    return 0


def run(args, store) -> int:
    if args.command == "message":
        return _make_private(args, store)
    team = Team(store)
    if args.command == "conflicts":
        if args.action == "list":
            for conflict in team.conflicts():
                if args.json:
                    print(json.dumps({k: conflict[k] for k in ("id", "record", "type", "field", "kept",
                                                               "other", "by", "at")}, ensure_ascii=False))
                else:
                    print(f"{conflict['id']}  {conflict['type']} {conflict['record']} {conflict['field']}: "
                          f"kept {conflict['kept']!r} ({conflict['kept_by']}), other "
                          f"{conflict['other']!r} ({conflict['by']}, {conflict['at']})")
            return 0
        team.keep_other(args.id)
        print(f"conflict {args.id}: the other value is kept; it reaches the team at the next sync")
        return 0
    if args.action in ("pool", "pick-up", "pooled"):
        return _pool(args, team, store)
    if args.action == "login":
        server = team_server(args.server)  # refused before the password is asked for
        user = team.login(server, args.email, _password(args.password_stdin), args.ca_file,
                          args.device_name)
        print(f"signed in to {server} as {user['email']} ({user['role']}, team {user['team']['name']})")
        return 0
    if args.action == "logout":
        team.logout()
        print("signed out of the team server; the records on this laptop stay")
        return 0
    if args.action == "status":
        status = team.status()
        if args.json:
            print(json.dumps({k: status[k] for k in ("server", "user", "last_sync", "pending", "conflicts",
                                                     "last_error")}, ensure_ascii=False))
        else:
            print(f"server: {status['server'] or 'not signed in'}")
            print(f"user: {status['user'] or '-'}  team: {status['team'] or '-'}")
            print(f"last sync: {status['last_sync'] or 'never'}  waiting: {status['pending']}  "
                  f"conflicts: {status['conflicts']}")
            if status["last_error"]:
                print(f"last error: {status['last_error']}")
        return 0
    print(team.sync_once().line())
    return 0
