"""``python -m server admin …``: every command is one audited transaction on the database,
acting as ``admin-cli`` (the person at the server's console)."""

from __future__ import annotations

from sqlalchemy import select

from server.admin import ops
from server.admin.views import device_json, user_json
from server.audit import audit_json, audit_rows
from server.cli.main import CliError, parse_since, print_json, read_password
from server.db.database import Database
from server.db.migrate import upgrade
from server.db.models import Device, User
from server.policy.principal import Principal


def add_admin_commands(commands) -> None:
    team = commands.add_parser("create-team", help="create a team")
    team.add_argument("name")
    team.add_argument("--sharing", default="read", choices=("private", "read", "edit"),
                      help="what members see of each other's records (default: read)")

    user = commands.add_parser("create-user", help="create a user")
    user.add_argument("email")
    user.add_argument("--team", required=True)
    user.add_argument("--role", required=True, choices=("admin", "manager", "rep"))
    user.add_argument("--name", default="")
    user.add_argument("--password-stdin", action="store_true",
                      help="read the password from standard input")

    role = commands.add_parser("set-role", help="change a user's role (and team, managed teams)")
    role.add_argument("email")
    role.add_argument("role", choices=("admin", "manager", "rep"))
    role.add_argument("--team", help="move the user to this team")
    role.add_argument("--manages", action="append", metavar="TEAM",
                      help="a further team a manager manages (repeat)")

    users = commands.add_parser("list-users", help="list users")
    users.add_argument("--json", action="store_true")

    devices = commands.add_parser("list-devices", help="list signed-in devices")
    devices.add_argument("--user", metavar="EMAIL")
    devices.add_argument("--json", action="store_true")

    commands.add_parser("revoke-user", help="revoke a user and all their devices").add_argument(
        "email")
    commands.add_parser("revoke-device", help="revoke one device").add_argument("device_id")

    hand = commands.add_parser("hand-over", help="离职继承: pass every record of one user to "
                               "another")
    hand.add_argument("--from", dest="from_email", required=True, metavar="EMAIL")
    hand.add_argument("--to", dest="to_email", required=True, metavar="EMAIL")

    policy = commands.add_parser("set-policy", help="a team's default sharing, or a field rule")
    policy.add_argument("--team", help="with --sharing: the team whose default changes")
    policy.add_argument("--sharing", choices=("private", "read", "edit"))
    policy.add_argument("--role", choices=("manager", "rep"), help="with --field: who the rule "
                        "applies to")
    policy.add_argument("--record-type")
    policy.add_argument("--field")
    policy.add_argument("--rule", choices=("hidden", "read_only", "none"))
    policy.add_argument("--scope", default="all", choices=("all", "other_teams"))
    policy.add_argument("--mail-bodies", choices=("share", "withhold"), help="with --team: whether "
                        "mail filed on customers is shared with its body (default: withhold)")

    audit = commands.add_parser("audit", help="read the audit log, newest first")
    audit.add_argument("--record", metavar="UUID")
    audit.add_argument("--user", metavar="EMAIL")
    audit.add_argument("--since", metavar="DATE")
    audit.add_argument("--limit", type=int, default=100)
    audit.add_argument("--json", action="store_true")


def run_admin(args, url: str) -> int:
    upgrade(url)
    db = Database(url)
    try:
        return _run(args, db, Principal.server_admin())
    finally:
        db.dispose()


def _run(args, db: Database, actor: Principal) -> int:
    command = args.admin_command
    if command == "create-team":
        with db.write() as tx:
            team = ops.create_team(tx, actor, args.name, args.sharing)
        print(f"team {team.name} created ({team.id})")
    elif command == "create-user":
        password = read_password(args.password_stdin)
        with db.write() as tx:
            user = ops.create_user(tx, actor, args.email, args.team, args.role, password,
                                   args.name)
        print(f"user {user.email} created ({user.role})")
    elif command == "set-role":
        with db.write() as tx:
            user = ops.set_role(tx, actor, args.email, args.role, args.team, args.manages)
        print(f"{user.email} is now {user.role}")
    elif command == "list-users":
        with db.read() as session:
            users = [user_json(session, u) for u in session.scalars(select(User)
                                                                     .order_by(User.email))]
        if args.json:
            print_json(users)
        for u in [] if args.json else users:
            state = "" if u["active"] else "  (revoked)"
            print(f"{u['email']:<40} {u['role']:<8} {u['team']['name']}{state}")
    elif command == "list-devices":
        with db.read() as session:
            query = select(Device, User.email).join(User, User.id == Device.user_id)
            if args.user:
                if session.scalar(select(User.id).where(User.email == args.user.strip().lower())) is None:
                    raise CliError(f"there is no user {args.user!r}")
                query = query.where(User.email == args.user.strip().lower())
            devices = [device_json(d, e) for d, e in session.execute(
                query.order_by(Device.created_at))]
        if args.json:
            print_json(devices)
        for d in [] if args.json else devices:
            state = "revoked" if d["revoked"] else f"last seen {d['last_seen_at'] or 'never'}"
            print(f"{d['id']}  {d['user']:<32} {d['name']:<24} {state}")
    elif command == "revoke-user":
        with db.write() as tx:
            user = ops.revoke_user(tx, actor, args.email)
        print(f"{user.email} revoked: every device of theirs is refused from now on")
    elif command == "revoke-device":
        with db.write() as tx:
            ops.revoke_device(tx, actor, args.device_id)
        print(f"device {args.device_id} revoked")
    elif command == "hand-over":
        with db.write() as tx:
            count = ops.hand_over(tx, actor, args.from_email, args.to_email)
        print(f"{count} records passed from {args.from_email} to {args.to_email}")
    elif command == "set-policy":
        return _set_policy(args, db, actor)
    elif command == "audit":
        since = parse_since(args.since)
        if not 1 <= args.limit <= 100_000:
            raise CliError("--limit is between 1 and 100000")
        with db.read() as session:
            rows = [audit_json(e) for e in audit_rows(
                session, record_uuid=args.record, user_email=args.user, since_ms=since,
                limit=args.limit)]
        if args.json:
            print_json(rows)
        for r in [] if args.json else rows:
            what = " ".join(str(x) for x in (r["record_type"], r["record"], r["field"]) if x)
            print(f"{r['at']}  {r['user']:<28} {r['action']:<12} {what}  "
                  f"{r['old']!r} → {r['new']!r}")
    return 0


def _set_policy(args, db: Database, actor: Principal) -> int:
    if args.mail_bodies and args.team and not (args.sharing or args.field):
        with db.write() as tx:
            team = ops.set_mail_bodies(tx, actor, args.team, args.mail_bodies == "share")
        print(f"team {team.name}: mail filed on customers is shared "
              + ("with its body" if team.share_mail_bodies else "as metadata and first words only"))
        return 0
    if args.sharing and args.team and not args.field:
        with db.write() as tx:
            team = ops.set_team_sharing(tx, actor, args.team, args.sharing)
        print(f"team {team.name}: members' records are {team.sharing} to the team by default")
        return 0
    if args.field and args.role and args.record_type and args.rule and not args.sharing:
        with db.write() as tx:
            ops.set_field_rule(tx, actor, args.role, args.record_type, args.field, args.rule,
                               args.scope)
        print(f"{args.record_type}.{args.field} for {args.role}s ({args.scope}): {args.rule}")
        return 0
    raise CliError("set-policy takes --team T --sharing S, --team T --mail-bodies share|withhold, or "
                   "--role R --record-type T --field F --rule hidden|read_only|none "
                   "[--scope all|other_teams]")
