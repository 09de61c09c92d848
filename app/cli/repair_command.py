"""`repair`: rebuild a profile whose database is damaged, and say exactly what was restored.

Runs without opening the profile's store (opening is what fails on a damaged file); the work
is :func:`app.services.profile_repair.repair_profile`.
"""

from __future__ import annotations

from app.logging_setup import configure_logging
from app.paths import ProfilePaths
from app.services.profile_repair import RepairReport, repair_profile


def run(args) -> int:
    paths = ProfilePaths.resolve(args.profile).ensure()
    configure_logging(paths)
    report = repair_profile(paths)
    for line in report_lines(report):
        print(line)
    return 0


def report_lines(report: RepairReport) -> list[str]:
    if report.sound:
        return ["The database is not damaged; nothing to repair."]
    lines = ["The database was damaged and has been rebuilt.",
             f"The damaged file is kept unchanged at {report.damaged_copy}."]
    if report.backup_used is not None:
        lines.append(f"Started from the newest good backup, {report.backup_used.name}.")
    else:
        lines.append("No good backup was found: started from an empty database.")
    restored = [f"{t.table} {t.read}" for t in report.tables if t.whole and t.read]
    if restored:
        lines.append("Read in full from the damaged file: " + ", ".join(restored) + ".")
    for table in report.incomplete:
        if table.read:
            lines.append(f"Read in part: {table.table}: {table.read} rows read; its other rows are as in the "
                         f"backup ({table.from_backup} rows there), newer ones among them are lost.")
        else:
            lines.append(f"Could not be read: {table.table}: kept as in the backup ({table.from_backup} rows), "
                         "changes since the backup are lost.")
    for table, count in report.orphans.items():
        lines.append(f"Left out: {table}: {count} rows whose record could not be read back.")
    if not report.incomplete and not report.orphans:
        lines.append("Every record of yours was read back.")
    if report.incomplete or report.orphans:
        lines.append(f"Everything not restored is still in {report.damaged_copy.name}.")
    if report.local_messages or not report.local_complete:
        whole = "" if report.local_complete else f" (part of it could not be read; it is in {report.damaged_copy.name})"
        lines.append(f"Local Folders: {report.local_messages} messages read back{whole}.")
    lines.append("Mail is fetched again from the server by the next sync.")
    return lines
