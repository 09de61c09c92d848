"""Parse the command line and hand over to the GUI (no command) or the CLI (a command)."""

from __future__ import annotations


def main(argv: list[str]) -> int:
    from app.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.application import run_gui

        return run_gui(args.profile)
    from app.cli.runner import run_command

    return run_command(args)
