"""``python -m server``: run, migrate, admin.

Bad input gets one line on stderr and a non-zero exit, never a traceback, and nothing half
done: every admin command is one transaction.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging.config
import os
import sys
from datetime import datetime, timezone

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError

DEFAULT_DATABASE = "sqlite:///liaison-server.sqlite3"
EXIT_BAD_INPUT, EXIT_DATABASE = 1, 3


class CliError(Exception):
    pass


def database_url(args) -> str:
    """The database to use; a URL SQLAlchemy cannot parse, or whose driver is not installed,
    is bad input (one line, never echoed: it may hold a password)."""
    from server.db.database import DATABASE_URL_ENV
    url = args.database_url or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CliError("the database URL is not one of sqlite:///PATH or "
                       "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE") from None
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise CliError(f"no database driver for {parsed.drivername!r} is installed (use "
                       f"sqlite:///PATH or postgresql+psycopg://…)") from None
    return url


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server",
                                     description="The Liaison team server.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command")

    run = commands.add_parser("run", help="migrate the database and serve the API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8470)
    run.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the current "
                     "folder; production: postgresql+psycopg://…)")
    run.add_argument("--workers", type=int, default=1, help="app processes (default 1)")
    run.add_argument("--db-connections", type=int, default=10, metavar="N",
                     help="database connections per app process (default 10; PostgreSQL's "
                          "max_connections must exceed workers × N)")
    run.add_argument("--threads", type=int, default=None, metavar="N",
                     help="request threads per app process (default 4: more only wait longer "
                          "for Python's lock; add workers for more cores)")
    run.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                     help="reverse proxies whose X-Forwarded-For is trusted")
    run.add_argument("--log-level", default="info")

    commands.add_parser("openapi", help="print the OpenAPI document (kept in "
                        "docs/openapi.json; a test fails when it drifts)")

    migrate = commands.add_parser("migrate", help="bring the database to this version's schema")
    migrate.add_argument("--database-url")

    admin = commands.add_parser("admin", help="administer teams, users, devices, policies")
    admin.add_argument("--database-url")
    from server.cli.admin import add_admin_commands
    add_admin_commands(admin.add_subparsers(dest="admin_command", required=True))
    return parser


def _serve(args) -> int:
    import uvicorn

    from server.api.app import THREADS_ENV
    from server.db.database import DATABASE_POOL_ENV, DATABASE_URL_ENV
    from server.db.migrate import upgrade
    from server.logs import log_config
    url = database_url(args)
    upgrade(url)
    os.environ[DATABASE_URL_ENV] = url  # the workers build their app from it
    os.environ[DATABASE_POOL_ENV] = str(max(1, args.db_connections))
    if args.threads is not None:
        os.environ[THREADS_ENV] = str(max(1, args.threads))
    uvicorn.run("server.api.app:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_config=log_config(args.log_level.upper()),
                proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips,
                server_header=False, http="server.api.http_protocol:NoDelayH11Protocol",
                # Clients poll every few seconds: a 5 s idle timeout races their next request.
                timeout_keep_alive=65)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.version:
        from server import __version__
        print(__version__)
        return 0
    if args.command is None:
        _parser().print_help()
        return EXIT_BAD_INPUT
    logging.config.dictConfig(__import__("server.logs", fromlist=["x"]).log_config("WARNING"))
    from server.admin.ops import AdminError
    from server.db.migrate import SchemaTooNew
    try:
        if args.command == "run":
            return _serve(args)
        if args.command == "openapi":
            from server.api.app import create_app
            print_json(create_app("sqlite://").openapi())
            return 0
        if args.command == "migrate":
            from server.db.migrate import upgrade
            upgrade(database_url(args))
            return 0
        from server.cli.admin import run_admin
        return run_admin(args, database_url(args))
    except (AdminError, CliError, SchemaTooNew) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeError:  # bytes that are not UTF-8 in an argument or the password
        print("error: the arguments and the password must be UTF-8 text", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DatabaseError as exc:  # cannot connect, not a database, …
        shown = make_url(database_url(args)).render_as_string(hide_password=True)
        reason = (str(exc.orig).strip().splitlines() or ["no answer"])[0]
        print(f"error: cannot use the database {shown}: {reason}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return 130


def read_password(stdin: bool) -> str:
    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
    if not password:
        raise CliError("no password given (pass it on standard input with --password-stdin)")
    return password


def parse_since(value: str | None) -> int | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--since takes a date like 2026-11-30 or 2026-11-30T09:00, not "
                       f"{value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))
