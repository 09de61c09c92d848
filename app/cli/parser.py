"""The command-line grammar, kept free of heavy imports so `--help` is instant."""

from __future__ import annotations

import argparse

from app import __version__
from app.cli.automation_parser import add_automation_commands
from app.cli.crm_parser import add_crm_commands
from app.cli.import_command import add_import_command
from app.cli.report_command import add_report_command
from app.cli.secrets_commands import add_secrets_commands
from app.cli.team_parser import add_team_commands


class OneLineErrorParser(argparse.ArgumentParser):
    """Usage mistakes are reported like every other error: one line, exit code 2."""

    def error(self, message: str):
        self.exit(2, f"liaison: {message} (see: {self.prog} --help)\n")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"port {value} is outside 1-65535")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _add_account_commands(commands) -> None:
    account = commands.add_parser("account", help="add, list or remove mail accounts")
    actions = account.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="add an account (the password is read from stdin, or --oauth signs in in the browser)",
        description="Server settings are found from the address (provider table, the domain's "
        "autoconfig, its MX host) unless given; any --imap-*/--smtp-* option overrides them.")
    add.add_argument("--email", required=True)
    add.add_argument("--name", help="the account's name in Liaison (default: the address)")
    add.add_argument("--display-name", default="")
    add.add_argument("--username", help="login name, if not the email address")
    add.add_argument("--imap-host")
    add.add_argument("--imap-port", type=_port)
    add.add_argument("--imap-security", choices=("ssl", "starttls", "none"))
    add.add_argument("--smtp-host")
    add.add_argument("--smtp-port", type=_port)
    add.add_argument("--smtp-security", choices=("ssl", "starttls", "none"))
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (never from the command line)")
    add.add_argument("--oauth", choices=("google", "microsoft"), metavar="PROVIDER",
                     help="sign in through the browser instead of a password (OAuth2): google or microsoft")
    add.add_argument("--oauth-authorize-url", metavar="URL",
                     help="the provider's authorization endpoint, if not its usual one (a tenant's own)")
    add.add_argument("--oauth-token-url", metavar="URL",
                     help="the provider's token endpoint, if not its usual one")
    add.add_argument("--ca-file", help="a PEM file with the certificate authority to trust")
    add.add_argument("--insecure-skip-verify", action="store_true",
                     help="accept any TLS certificate (dangerous; for test servers only)")
    add.add_argument("--no-check", action="store_true",
                     help="save without logging in first (for example while offline)")
    listing = actions.add_parser("list", help="list accounts")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="remove an account and its cached mail")
    remove.add_argument("name")
    schedule = actions.add_parser("set-sync", help="how the desktop app keeps an account current")
    schedule.add_argument("name")
    schedule.add_argument("mode", choices=("push", "5", "15", "30", "manual"),
                          help="push (IDLE), every 5/15/30 minutes, or manual")
    signature = actions.add_parser("set-signature", help="the signature added to new messages (Markdown)")
    signature.add_argument("name")
    signature.add_argument("--file", required=True, metavar="FILE.md", help="an empty file removes it")
    sign_in = actions.add_parser("sign-in", help="sign an OAuth2 account in again through the browser")
    sign_in.add_argument("name")
    password = actions.add_parser("set-password", help="replace an account's stored password")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", required=True)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="liaison", description="Liaison mail and customer client. Without a command, "
        "starts the desktop application.")
    parser.add_argument("--profile", metavar="DIR",
                        help="profile directory (default: $LIAISON_PROFILE or the user data dir)")
    parser.add_argument("--version", action="version", version=f"Liaison {__version__}")
    parser.add_argument("--primary-password-stdin", action="store_true",
                        help="unlock the encrypted secrets file with the first line of standard input")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=OneLineErrorParser)
    _add_account_commands(commands)

    sync = commands.add_parser("sync", help="one complete sync pass")
    sync.add_argument("--account", help="only this account")
    sync.add_argument("--folder", help="only this folder (needs --account when there are several)")
    sync.add_argument("--no-index", action="store_true",
                      help="store new mail without indexing it for search (indexed by the next sync)")

    profile = commands.add_parser("profile", help="the profile itself: encrypt its database")
    profile_actions = profile.add_subparsers(dest="action", required=True, metavar="ACTION")
    profile_actions.add_parser("encrypt", help="convert a plain profile to an encrypted one (AES-256, the key in "
                               "the system keyring), verified before the plain file is removed")
    profile_actions.add_parser("status", help="whether the profile is encrypted and where its key is")

    commands.add_parser("repair", help="rebuild a damaged database: mail again from the server, your records "
                        "from the damaged file and the newest good backup (says what was restored)")

    search = commands.add_parser("search", help="search mail and customers (from: to: cc: subject: has: is: "
                                 "before: after: in: customer: deal: \"phrases\" -exclude)")
    search.add_argument("query", nargs="*", help="the search, e.g. 'from:anna 合同 after:2026-01'")
    search.add_argument("--limit", type=_positive, default=50, help="at most this many messages (and customers)")
    search.add_argument("--json", action="store_true", help="one JSON object per line, messages first")
    search.add_argument("--rebuild", action="store_true", help="rebuild the search index from the stored mail")

    messages = commands.add_parser("messages", help="list stored messages, newest first")
    messages.add_argument("--account")
    messages.add_argument("--folder", help="folder name (default: the Inbox)")
    messages.add_argument("--limit", type=_positive, default=50)
    messages.add_argument("--json", action="store_true", help="one JSON object per line")

    flag = commands.add_parser("flag", help="set or clear a flag on a stored message")
    flag.add_argument("--account", required=True)
    flag.add_argument("--folder", default="INBOX")
    flag.add_argument("--uid", type=_positive, required=True, action="append")
    flag.add_argument("flag", choices=("read", "flagged", "answered", "deleted"))
    flag.add_argument("state", choices=("on", "off"))

    move = commands.add_parser("move", help="move stored messages (queued for the server)")
    move.add_argument("--account", required=True)
    move.add_argument("--folder", default="INBOX")
    move.add_argument("--uid", type=_positive, required=True, action="append")
    move.add_argument("--to", required=True, metavar="FOLDER",
                      help="a folder name, or trash, archive or junk")
    _add_reading_commands(commands)
    _add_send_commands(commands)
    add_crm_commands(commands, _positive)
    add_team_commands(commands, _positive)
    add_report_command(commands, _positive)
    add_automation_commands(commands, _positive)
    add_import_command(commands)
    add_secrets_commands(commands)
    return parser


def _add_send_commands(commands) -> None:
    send = commands.add_parser("send", help="send a message (queued in the outbox; delivered at once if possible)")
    send.add_argument("--account", required=True)
    send.add_argument("--to", action="append", default=[], metavar="ADDRESSES")
    send.add_argument("--cc", action="append", default=[], metavar="ADDRESSES")
    send.add_argument("--bcc", action="append", default=[], metavar="ADDRESSES")
    send.add_argument("--subject", default="")
    send.add_argument("--body-file", metavar="FILE.md", help="the message in Markdown")
    send.add_argument("--attach", action="append", default=[], metavar="FILE")
    send.add_argument("--template", metavar="NAME", help="a template (see `templates`); needs --contact")
    send.add_argument("--contact", metavar="EMAIL", help="whose fields fill the template (also the recipient)")
    box = commands.add_parser("outbox", help="messages waiting to be sent, and their state")
    box_actions = box.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = box_actions.add_parser("list", help="list the outbox")
    listing.add_argument("--account")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    again = box_actions.add_parser("resend", help="send an unconfirmed or failed message again")
    again.add_argument("id")
    templates = commands.add_parser("templates", help="Markdown templates with {{ contact.first_name }} fields")
    template_actions = templates.add_subparsers(dest="action", required=True, metavar="ACTION")
    template_add = template_actions.add_parser("add", help="add or replace a template")
    template_add.add_argument("name")
    template_add.add_argument("--subject", required=True)
    template_add.add_argument("--body-file", required=True, metavar="FILE.md")
    template_actions.add_parser("list", help="list templates")
    preview = template_actions.add_parser("preview", help="the template filled in for one contact")
    preview.add_argument("name")
    preview.add_argument("--contact", required=True, metavar="EMAIL")
    preview.add_argument("--account", required=True)
    merge = commands.add_parser("merge", help="mail merge: one message per contact, throttled, resumable")
    merge.add_argument("--account", required=True)
    merge.add_argument("--template", required=True)
    merge.add_argument("--contact", action="append", default=[], metavar="EMAIL")
    merge.add_argument("--tag", help="every contact with this tag")
    merge.add_argument("--interval", type=float, default=2.0, help="seconds between messages (default 2)")
    merge.add_argument("--batch", help="resume this merge (its id is printed when it starts)")


def _add_reading_commands(commands) -> None:
    show = commands.add_parser("show", help="print a stored message decoded: headers, text, attachments")
    show.add_argument("--account", required=True)
    show.add_argument("--folder", default="INBOX")
    show.add_argument("--uid", type=_positive, required=True)
    output = show.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--source", action="store_true", help="the original bytes, unchanged")
    threads = commands.add_parser("threads", help="list conversations, newest activity first")
    threads.add_argument("--account")
    threads.add_argument("--folder", help="only conversations with a message in this folder")
    threads.add_argument("--json", action="store_true", help="one JSON object per conversation")
    save = commands.add_parser("save-attachment", help="save one attachment of a stored message")
    save.add_argument("--account", required=True)
    save.add_argument("--folder", default="INBOX")
    save.add_argument("--uid", type=_positive, required=True)
    save.add_argument("--index", type=_positive, required=True, help="the number 'show' lists")
    save.add_argument("--out", required=True, metavar="DIR", help="directory to save into")
