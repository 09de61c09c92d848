"""Parse the command line and hand over to the GUI (no command) or the CLI (a command).

``main`` is both what ``main.py`` calls and the installed ``liaison`` console script
(``[project.scripts]``), which calls it with no arguments.
"""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # search indexing workers in a frozen (installer) build
    if argv is None:
        argv = sys.argv[1:]
    from app.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.application import run_gui

        return run_gui(args.profile)
    if args.command == "report" and getattr(args, "pdf", None):
        # The dashboard is drawn with Qt; the command line stays Qt-free and is handed the renderer.
        from app.ui.dashboard_pdf import render_dashboard

        args.render_pdf = render_dashboard
    from app.cli.runner import run_command

    return run_command(args)
