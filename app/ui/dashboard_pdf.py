"""The reports as one PDF dashboard: a page per report, its bar chart above its table, in the
user's language (Chinese drawn with the system's CJK font, the text stays text in the PDF).

Drawn with QPainter on a QPdfWriter (vector, A4 landscape), from reports already computed:
the window computes them off the GUI thread and draws here on it (painting is GUI-thread
work); ``liaison report dashboard --pdf FILE`` does the same headless, offscreen
(``app.entry`` hands this renderer to the command line, which itself never imports Qt).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from app.errors import UserFacingError
from app.reports.table import Filters, Report
from app.settings.guards import require_export_allowed
from app.ui.reports_view import TITLES, cell_text, report_bars

translate = QCoreApplication.translate
BARS_SHOWN = 12
ACCENT = QColor("#2f6fb3")


def ensure_gui_application():
    """A QGuiApplication for drawing text: the window's, or an offscreen one for the CLI."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["liaison"])
        from app.ui.translations import install_translations
        install_translations(app)  # the dashboard in the language the window speaks
    return app


def _period(filters: Filters) -> str:
    if filters.start or filters.end:
        return translate("Dashboard", "%1 to %2").replace("%1", str(filters.start or "…")).replace(
            "%2", str(filters.end or "…"))
    return translate("Dashboard", "All time")


def _subtitle(filters: Filters) -> str:
    parts = [_period(filters)]
    for label, value in ((translate("Dashboard", "Owner"), filters.owner), (translate("Dashboard", "Team"), filters.team),
                         (translate("Dashboard", "Tag"), filters.tag)):
        if value:
            parts.append(f"{label}: {value}")
    return " · ".join(parts)


def _draw_bars(painter: QPainter, area: QRectF, bars: list[tuple[str, float, str]]) -> float:
    """The chart in ``area``; returns the height used."""
    shown = bars[:BARS_SHOWN]
    if not shown:
        return 0.0
    row = 18.0
    label_width = area.width() * 0.32
    biggest = max((abs(value) for _l, value, _t in shown), default=0) or 1
    room = area.width() - label_width - 140  # the value's text after the bar
    for index, (label, value, text) in enumerate(shown):
        top = area.top() + index * (row + 4)
        painter.setPen(Qt.GlobalColor.black)
        label_box = QRectF(area.left(), top, label_width - 8, row)
        painter.drawText(label_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, int(label_box.width())))
        width = max(2.0, room * abs(value) / biggest)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ACCENT)
        painter.drawRoundedRect(QRectF(area.left() + label_width, top + 2, width, row - 4), 2, 2)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(QRectF(area.left() + label_width + width + 6, top, 134, row),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    return len(shown) * (row + 4)


def _draw_table(painter: QPainter, area: QRectF, report: Report, locale: QLocale) -> None:
    columns = report.columns
    widths = [1.0 for _ in columns]
    total = sum(widths)
    xs, x = [], area.left()
    for width in widths:
        xs.append(x)
        x += area.width() * width / total
    line = 17.0
    header = QFont(painter.font())
    header.setBold(True)
    plain = QFont(painter.font())
    painter.setFont(header)
    for column, left in zip(columns, xs):
        box = QRectF(left + 2, area.top(), area.width() / len(columns) - 4, line)
        align = Qt.AlignmentFlag.AlignLeft if column.kind == "text" else Qt.AlignmentFlag.AlignRight
        painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(translate("ReportsView", column.title),
                                                          Qt.TextElideMode.ElideRight, int(box.width())))
    painter.setFont(plain)
    painter.drawLine(int(area.left()), int(area.top() + line), int(area.right()), int(area.top() + line))
    fits = max(1, int((area.height() - 2 * line - 8) // line))  # the rows this page has room for
    for index, row in enumerate(report.rows[:fits]):
        top = area.top() + (index + 1) * line + 2
        for column, left in zip(columns, xs):
            box = QRectF(left + 2, top, area.width() / len(columns) - 4, line)
            align = Qt.AlignmentFlag.AlignLeft if column.kind == "text" else Qt.AlignmentFlag.AlignRight
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(cell_text(row, column, locale),
                                                              Qt.TextElideMode.ElideRight, int(box.width())))
    more = len(report.rows) - fits
    if more > 0:
        painter.drawText(QRectF(area.left(), area.top() + (fits + 1) * line + 6, area.width(), line),
                         Qt.AlignmentFlag.AlignLeft, translate("Dashboard", "… and %n more row(s)", "", more))


def compute_reports(store, filters: Filters) -> list[Report]:
    """Every report of the catalogue for ``filters`` (no Qt: run it off the GUI thread)."""
    from app.reports.catalogue import REPORTS

    return [compute(store, filters) for compute in REPORTS.values()]


def render_dashboard(reports: list[Report], filters: Filters, path: str, locale: QLocale | None = None) -> int:
    """Write ``reports`` to ``path`` as a PDF, a page each; returns the number of pages."""
    require_export_allowed()  # the window and `report dashboard --pdf` alike
    ensure_gui_application()
    locale = locale or QLocale()
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise UserFacingError("The folder {folder} does not exist.", code="report.no_folder", folder=str(target.parent))
    writer = QPdfWriter(str(target))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setResolution(96)
    writer.setTitle(translate("Dashboard", "Liaison dashboard"))
    writer.setCreator("Liaison")
    painter = QPainter()
    if not painter.begin(writer):
        raise UserFacingError("{path} cannot be written.", code="report.unwritable", path=str(target))
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
        page.moveTo(0, 0)
        for number, report in enumerate(reports):
            if number:
                writer.newPage()
            draw_page(painter, page, report, filters, locale, number, len(reports))
    finally:
        painter.end()
    return len(reports)


def draw_page(painter: QPainter, page: QRectF, report: Report, filters: Filters, locale: QLocale, number: int,
              total: int) -> None:
    """One report's page: its title, the filters, its bar chart and its table."""
    title = QFont(painter.font())
    title.setPointSizeF(16)
    title.setBold(True)
    body = QFont(painter.font())
    body.setPointSizeF(9)
    painter.setFont(title)
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(QRectF(page.left(), page.top(), page.width(), 28), Qt.AlignmentFlag.AlignLeft,
                     translate("ReportsView", TITLES[report.name]))
    painter.setFont(body)
    line = translate("Dashboard", "%1 · made %2 · page %3 of %4")
    for token, value in (("%1", _subtitle(filters)), ("%2", date.today().isoformat()), ("%3", str(number + 1)),
                         ("%4", str(total))):
        line = line.replace(token, value)
    painter.drawText(QRectF(page.left(), page.top() + 30, page.width(), 18), Qt.AlignmentFlag.AlignLeft, line)
    top = page.top() + 58
    if not report.rows:
        painter.drawText(QRectF(page.left(), top, page.width(), 20), Qt.AlignmentFlag.AlignLeft,
                         translate("Dashboard", "Nothing to show for this period."))
        return
    used = _draw_bars(painter, QRectF(page.left(), top, page.width(), page.height() * 0.45),
                      report_bars(report, locale))
    _draw_table(painter, QRectF(page.left(), top + used + 16, page.width(), page.bottom() - top - used - 16),
                report, locale)
