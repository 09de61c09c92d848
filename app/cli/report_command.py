"""``liaison report NAME``: the same reports as the window, as a table, JSON lines, CSV or .xlsx."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal

from app.errors import UserFacingError

# Named here, not imported: every command parses the command line, and the reports' modules
# load only when a report runs (a test keeps this list equal to app.reports.catalogue).
REPORT_NAMES = ("activity", "forecast", "funnel", "pipeline", "response-time", "stale-customers", "stuck-deals", "won-lost")
DASHBOARD = "dashboard"  # every report, a page each, as one PDF (--pdf FILE)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-30") from None


def add_report_command(commands, positive) -> None:
    report = commands.add_parser("report", help="pipeline, funnel, forecast, won-lost, stuck-deals, "
                                                "response-time, stale-customers, activity")
    report.add_argument("name", choices=(*REPORT_NAMES, DASHBOARD))
    report.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day of the period")
    report.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day of the period")
    report.add_argument("--owner", help="only this owner's deals and customers")
    report.add_argument("--team", help="only this team's deals and customers (from the team server)")
    report.add_argument("--tag", help="only customers with this tag, and their deals")
    report.add_argument("--days", type=positive, default=30, help="stuck-deals, stale-customers: longer than N days")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one object per row (numbers as numbers, "
                                                            "durations in seconds)")
    output.add_argument("--csv", metavar="FILE", help="UTF-8 with BOM (Excel opens it)")
    output.add_argument("--xlsx", metavar="FILE", help="a spreadsheet with numbers as numbers")
    output.add_argument("--pdf", metavar="FILE", help="dashboard: every report with its chart, as one PDF")


def _cell(value) -> str:
    if value is None:
        return "-"
    return format(value, ",.2f") if isinstance(value, Decimal) else str(value)


def run(args, store) -> int:
    from app.reports import export
    from app.reports.catalogue import REPORTS
    from app.reports.table import Filters

    filters = Filters(start=args.start, end=args.end, owner=args.owner, team=args.team, tag=args.tag, days=args.days)
    if (args.name == DASHBOARD) != bool(args.pdf):
        raise UserFacingError("The dashboard is written as a PDF: liaison report dashboard --pdf FILE "
                              "(a single report takes --json, --csv or --xlsx).", code="report.pdf")
    if args.name == DASHBOARD:
        # Drawing needs Qt, which the command line never imports: app.entry hands the renderer over.
        pages = args.render_pdf([compute(store, filters) for compute in REPORTS.values()], filters, args.pdf)
        print(f"{pages} pages written to {args.pdf}")
        return 0
    report = REPORTS[args.name](store, filters)
    if args.json:
        sys.stdout.write(export.json_lines(report))
    elif args.csv:
        export.write_csv(report, args.csv)
        print(f"{len(report.rows)} rows written to {args.csv}")
    elif args.xlsx:
        export.write_xlsx(report, args.xlsx)
        print(f"{len(report.rows)} rows written to {args.xlsx}")
    else:
        table = [[c.title for c in report.columns]] + [[_cell(row.get(k)) for k in report.keys()]
                                                       for row in report.rows]
        widths = [max(len(line[i]) for line in table) for i in range(len(report.columns))]
        for line in table:
            print("  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip())
    return 0
