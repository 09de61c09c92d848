"""Running one CLI command, and the single presenter for its errors.

Every expected failure is a :class:`LiaisonError`: printed as one line on stderr (made with
:func:`app.errors.describe`), with the error class's exit code.  The core's sentences name no
command; where the command line has its own way to fix something, a hint is added here: a
missing password gets a second line naming ``account set-password``.  Anything else is a bug:
the traceback goes to the log file only, and the user gets one line saying where it is.  A
traceback never reaches the terminal.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys

from app.errors import AuthError, Cancelled, LiaisonError, StoreError, TlsError, describe, visible

log = logging.getLogger("liaison.cli")

INTERNAL_ERROR_EXIT = 70

# What the command line adds to an error the core describes without naming an option.
_SAME_LINE_HINTS = {
    "imap.tls_untrusted": "(give it with --ca-file FILE)",
    "smtp.tls_untrusted": "(give it with --ca-file FILE)",
    "db.damaged": "(run: liaison repair)",
    "secrets.locked": "(give it with --primary-password-stdin)",
    "secrets.no_primary_password": "(run: liaison secrets set-primary-password)",
}


def error_lines(exc: LiaisonError) -> list[str]:
    """The error as the CLI prints it: one line, and a hint line where the CLI has a fix."""
    line = describe(exc)
    hint = _SAME_LINE_HINTS.get(exc.code)
    if hint is None and isinstance(exc, TlsError):  # a setup explanation wrapping a TLS failure
        inner = exc.params.get("detail")
        hint = _SAME_LINE_HINTS.get(getattr(inner, "code", None))
    if hint:
        line = f"{line} {hint}"
    lines = [f"liaison: {visible(line)}"]  # a value with a line break must not split the line
    if exc.code in ("auth.oauth_revoked", "auth.oauth_missing"):
        name = shlex.quote(str(exc.params.get("account") or "NAME"))
        lines.append(f"Sign in again: liaison account sign-in {name}")
    elif isinstance(exc, AuthError) and exc.missing:
        name = shlex.quote(str(exc.params.get("account") or "NAME"))
        lines.append(f"run: liaison account set-password {name} --password-stdin")
    return lines


def _dispatch(args: argparse.Namespace, paths, store) -> int:
    if args.command == "account":
        from app.cli import account_commands

        return account_commands.run(args, store)
    if args.command == "sync":
        from app.cli import sync_command

        return sync_command.run(args, store)
    if args.command in ("messages", "flag", "move"):
        from app.cli import message_commands

        return message_commands.run(args, store)
    if args.command in ("contacts", "companies", "customer", "deals", "history", "link", "followup", "fields",
                        "settings"):
        from app.cli import crm_commands

        return crm_commands.run(args, store)
    if args.command in ("send", "outbox", "templates", "merge"):
        from app.cli import send_command

        return send_command.run(args, store)
    if args.command == "search":
        from app.cli import search_command

        return search_command.run(args, store)
    if args.command == "threads":
        from app.cli import threads_command

        return threads_command.run(args, store)
    if args.command in ("team", "conflicts", "message"):
        from app.cli import team_commands

        return team_commands.run(args, store)
    if args.command == "report":
        from app.cli import report_command

        return report_command.run(args, store)
    if args.command in ("rules", "cases"):
        from app.cli import automation_commands

        if args.command == "rules":
            return automation_commands.run_rules_command(args, store)
        return automation_commands.run_cases_command(args, store)
    if args.command == "import-mail":
        from app.cli import import_command

        return import_command.run(args, store)
    if args.command in ("show", "save-attachment"):
        from app.cli import reading_commands

        return reading_commands.run(args, store)
    raise AssertionError(f"unhandled command {args.command}")


def install_policy():
    """Read the machine's policy file (IT's preset and locked settings) before anything else;
    what is wrong with it is one warning line, and the command goes on with what is usable."""
    from app.settings.policy_file import install_machine_policy

    loaded = install_machine_policy()
    if loaded.warning is not None:
        print(f"liaison: warning: {visible(describe(loaded.warning))}", file=sys.stderr)
    return loaded


def run_command(args: argparse.Namespace) -> int:
    paths = None
    policies = install_policy()
    try:
        if getattr(args, "primary_password_stdin", False):
            from app.cli.secrets_commands import unlock_from_stdin

            unlock_from_stdin()
        if args.command == "secrets":  # machine-wide, like the keyring: no profile needed
            from app.cli import secrets_commands

            return secrets_commands.run(args)
        if args.command == "repair":  # works on a database that cannot be opened
            from app.cli import repair_command

            return repair_command.run(args)
        if args.command == "profile":  # converts the file before any store is opened
            from app.cli import profile_command

            return profile_command.run(args)
        from app.profile import open_profile

        paths, store = open_profile(args.profile)
        policies.log_problems()  # the log is set up with the profile
        try:
            return _dispatch(args, paths, store)
        finally:
            store.close()
    except Cancelled:
        return Cancelled.exit_code
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a message.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("liaison: interrupted; what was already stored is kept.", file=sys.stderr)
        return 130
    except LiaisonError as exc:
        print("\n".join(error_lines(exc)), file=sys.stderr)
        return exc.exit_code
    except Exception as exc:
        from app.store.database import classify_sqlite_error, is_storage_failure

        if is_storage_failure(exc):  # a raw SQLite failure outside the store's sessions
            print("\n".join(error_lines(classify_sqlite_error(exc))), file=sys.stderr)
            return StoreError.exit_code
        log.exception("internal error in command %s", args.command)
        from app.logging_setup import writing_log_file

        where = f" (details in {paths.log_file})" if paths and writing_log_file() else ""
        print(f"liaison: internal error{where}; please report it.", file=sys.stderr)
        return INTERNAL_ERROR_EXIT
