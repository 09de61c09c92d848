"""A report to JSON lines, CSV and .xlsx, with numbers as numbers.

* JSON: one object per row; money as a JSON number, durations in seconds.
* CSV: UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it as UTF-8 and not
  as GBK; the header row is the columns' titles.
* .xlsx: a real spreadsheet (openpyxl): counts and money are numeric cells, so a manager can
  sum them; money keeps two decimals as its display format.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from app.errors import UserFacingError
from app.settings.guards import require_export_allowed
from app.reports.table import MONEY, PERCENT, SECONDS, Report


def _json_value(value):
    # A float's shortest repr gives back the decimal's value for any amount of up to 15
    # significant digits (3000.50 is written 3000.5: the same number).
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_lines(report: Report) -> str:
    require_export_allowed()  # customer names leave the program: IT may forbid it
    return "".join(json.dumps({k: _json_value(row.get(k)) for k in report.keys()}, ensure_ascii=False) + "\n"
                   for row in report.rows)


def csv_text(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in report.columns])
    for row in report.rows:
        writer.writerow(["" if row.get(k) is None else
                         format(row[k], "f") if isinstance(row[k], Decimal) else row[k] for k in report.keys()])
    return "\ufeff" + out.getvalue()


def write_csv(report: Report, path: str) -> None:
    require_export_allowed()
    _write(path, lambda p: Path(p).write_text(csv_text(report), encoding="utf-8", newline=""))


def write_xlsx(report: Report, path: str) -> None:
    require_export_allowed()
    from openpyxl import Workbook  # only when exporting: the app starts without it

    book = Workbook()
    sheet = book.active
    sheet.title = report.name[:31]
    sheet.append([c.title for c in report.columns])
    for row in report.rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in (row.get(k) for k in report.keys())])
    for number, column in enumerate(report.columns, start=1):
        if column.kind in (MONEY, PERCENT, SECONDS):
            for cell in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell[0].number_format = "#,##0.00" if column.kind == MONEY else "0"
    _write(path, book.save)


def _write(path: str, save) -> None:
    try:
        save(path)
    except OSError as exc:
        raise UserFacingError("Could not write {path}: {reason}.", code="report.write", path=path,
                              reason=exc.strerror or str(exc)) from None
