"""The command line of rules and cases (parsing only: the work is in automation_commands)."""

from __future__ import annotations


def add_automation_commands(commands, positive) -> None:
    rules = commands.add_parser("rules", help="automation rules: list, import, export, test, log, run")
    actions = rules.add_subparsers(dest="rules_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the rules in the order they run")
    listing.add_argument("--json", action="store_true", help="one rule per line, in the import format")
    imported = actions.add_parser("import", help="add or replace rules from a JSON file ({\"rules\": [...]})")
    imported.add_argument("file", help="the JSON file ('-' reads standard input)")
    imported.add_argument("--team", action="store_true", help="as the team's rules, on the team server "
                                                               "(managers and admins; as \"scope\": \"team\")")
    exported = actions.add_parser("export", help="write every rule as JSON (what import takes)")
    exported.add_argument("file", help="the file to write ('-' writes standard output)")
    tested = actions.add_parser("test", help="what a rule would match among the stored mail and records "
                                             "(nothing is done)")
    tested.add_argument("name")
    tested.add_argument("--limit", type=positive, default=50, help="list at most this many matches")
    tested.add_argument("--json", action="store_true")
    log = actions.add_parser("log", help="the latest runs: trigger, what matched, what was done, skipped, failed")
    log.add_argument("--limit", type=positive, default=20)
    log.add_argument("--rule", help="only this rule's runs")
    log.add_argument("--json", action="store_true", help="one run per line")
    for name, help_text in (("enable", "let a rule run (from now on: older events are not evaluated)"),
                            ("disable", "stop a rule"), ("delete", "remove a rule (its run log stays)")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("name")
    ran = actions.add_parser("run", help="evaluate the rules now (a sync and the app do this by themselves)")
    ran.add_argument("--json", action="store_true")

    cases = commands.add_parser("cases", help="service cases: list, show, open, update")
    case_actions = cases.add_subparsers(dest="cases_action", required=True, metavar="ACTION")
    listing = case_actions.add_parser("list", help="cases, open ones and the most urgent first")
    listing.add_argument("--status", choices=("new", "open", "waiting", "solved", "closed"))
    listing.add_argument("--open", action="store_true", help="only new, open and waiting cases")
    listing.add_argument("--json", action="store_true", help="one case per line")
    show = case_actions.add_parser("show", help="one case with its messages")
    show.add_argument("id", help="the case's id (or its first characters)")
    show.add_argument("--json", action="store_true")
    opened = case_actions.add_parser("open", help="open a case")
    opened.add_argument("title")
    opened.add_argument("--contact", metavar="EMAIL", help="the customer's contact")
    opened.add_argument("--priority", choices=("low", "normal", "high", "urgent"), default="normal")
    opened.add_argument("--assignee", metavar="EMAIL", default="")
    opened.add_argument("--description", default="")
    changed = case_actions.add_parser("set", help="change a case's status, priority or assignee")
    changed.add_argument("id")
    changed.add_argument("--status", choices=("new", "open", "waiting", "solved", "closed"))
    changed.add_argument("--priority", choices=("low", "normal", "high", "urgent"))
    changed.add_argument("--assignee", metavar="EMAIL")
    changed.add_argument("--title")
