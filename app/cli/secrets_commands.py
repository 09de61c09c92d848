"""``liaison secrets …``: which store keeps passwords, and the secrets file's primary password.

Passwords are read from standard input, one per line, never from the command line (where
``ps`` and shell history would show them).  Failures are :class:`app.errors.SecretsLocked`
(exit code 7, one sentence).  The global ``--primary-password-stdin`` (read by
:func:`unlock_from_stdin` before any command) unlocks the file for scripted runs.
"""

from __future__ import annotations

import json
import sys

from app.errors import SecretsLocked, UserFacingError

NO_PASSWORD = "No primary password on standard input."
TOO_SHORT = "A primary password needs at least {count} characters."
MIN_LENGTH = 8


def add_secrets_commands(commands) -> None:
    secrets = commands.add_parser("secrets", help="where passwords are kept; the secrets file's primary password")
    actions = secrets.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="which store is in use, and whether the secrets file is locked")
    status.add_argument("--json", action="store_true")
    actions.add_parser("set-primary-password",
                       help="create the encrypted secrets file; the password is read from standard input")
    actions.add_parser("change-primary-password",
                       help="two lines on standard input: the current primary password, then the new one")
    actions.add_parser("move-to-keyring", help="move every password from the secrets file into the system "
                       "keyring and remove the file (unlock with --primary-password-stdin)")


def _read_line(template: str = NO_PASSWORD) -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserFacingError(template)
    return line


def _new_password() -> str:
    password = _read_line()
    if len(password) < MIN_LENGTH:
        raise UserFacingError(TOO_SHORT, count=MIN_LENGTH)
    return password


def unlock_from_stdin() -> None:
    """``--primary-password-stdin``: unlock the secrets file with the first line of input."""
    from app.vault import session

    session.unlock(_read_line())


def status() -> dict:
    from app.secrets import keyring_is_secure, store_in_use
    from app.settings.values import machine_effective
    from app.vault import session
    from app.vault.secrets_file import SecretsFile

    chosen = machine_effective("secrets_store")
    file = SecretsFile()
    store = store_in_use()
    return {"store": store, "setting": chosen.value, "setting_from": chosen.source,
            "keyring_available": keyring_is_secure(), "file": str(file.path),
            "primary_password_set": file.exists(),
            "unlocked": session.is_unlocked() if store == "file" else None}


def _print_status(args) -> int:
    state = status()
    if args.json:
        print(json.dumps(state, ensure_ascii=False))
        return 0
    if state["store"] == "keyring":
        print("passwords are kept in: the system keyring")
    else:
        lock = "unlocked" if state["unlocked"] else "locked"
        made = "" if state["primary_password_set"] else " (no primary password set yet)"
        print(f"passwords are kept in: the encrypted secrets file {state['file']}{made}, {lock}")
    print(f"setting secrets_store: {state['setting']} ({state['setting_from']})")
    print(f"system keyring: {'available' if state['keyring_available'] else 'not available'}")
    return 0


def run(args) -> int:
    from app.vault import session
    from app.vault.secrets_file import SecretsFile

    if args.action == "status":
        return _print_status(args)
    if args.action == "set-primary-password":
        from app.secrets import store_in_use

        if store_in_use() != "file" and not SecretsFile().exists():
            raise SecretsLocked("The system keyring keeps your passwords, so no primary password is needed "
                                "(set secrets_store to file to use the encrypted file).",
                                code="secrets.keyring_in_use")
        session.create(_new_password())
        print(f"primary password set; passwords are kept in {SecretsFile().path}")
        return 0
    if args.action == "change-primary-password":
        current = _read_line()
        session.change_password(current, _new_password())
        print("primary password changed")
        return 0
    if args.action == "move-to-keyring":
        from app.secrets import move_file_to_keyring

        moved = move_file_to_keyring()
        print(f"moved {moved} password(s) to the system keyring; the secrets file was removed")
        return 0
    raise AssertionError(args.action)
