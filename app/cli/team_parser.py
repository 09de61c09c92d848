"""The command-line grammar of the team server: team login/sync/status/logout, the team's pool
(pool, pick-up, pooled), conflicts, message private."""

from __future__ import annotations


def add_team_commands(commands, positive) -> None:
    team = commands.add_parser("team", help="sign in to the team server and sync customer records")
    actions = team.add_subparsers(dest="action", required=True, metavar="ACTION")
    login = actions.add_parser("login", help="sign this profile in to a team server")
    login.add_argument("--server", metavar="URL",
                       help="the team server (default: the team_server_url setting, which IT may preset)")
    login.add_argument("--email", required=True)
    login.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    login.add_argument("--ca-file", metavar="PEM", help="trust this CA for the server (a private CA)")
    login.add_argument("--device-name", help="how this laptop is listed (default: its host name)")
    actions.add_parser("sync", help="push local changes and pull the team's (one line)")
    status = actions.add_parser("status", help="server, person, last sync, changes waiting, conflicts")
    status.add_argument("--json", action="store_true")
    actions.add_parser("logout", help="sign out (local records stay)")
    pool = actions.add_parser("pool", help="return a customer to the team's pool (公海; sent at the next sync "
                                           "if offline)")
    pool.add_argument("customer", help="the contact's email address or the record's UUID")
    pick_up = actions.add_parser("pick-up", help="take a customer from the team's pool as your own (online)")
    pick_up.add_argument("customer", help="the contact's email address or the record's UUID")
    pooled = actions.add_parser("pooled", help="the customers in the team's pool, as of the last sync")
    pooled.add_argument("--json", action="store_true", help="one JSON object per line")

    conflicts = commands.add_parser("conflicts", help="same-field collisions the team server reported")
    conflict_actions = conflicts.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = conflict_actions.add_parser("list", help="open conflicts")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    resolve = conflict_actions.add_parser("resolve", help="keep the other value (a new, synced change)")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--keep", required=True, choices=("other",))

    message = commands.add_parser("message", help="what the team may see of one message")
    message_actions = message.add_subparsers(dest="action", required=True, metavar="ACTION")
    private = message_actions.add_parser(
        "private", help="never share this message with the team (withdrawn at the next sync if it was)")
    private.add_argument("--account", required=True)
    private.add_argument("--folder", default="INBOX")
    private.add_argument("--uid", type=positive, required=True)

