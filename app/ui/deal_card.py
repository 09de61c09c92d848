"""A deal drawn as a card on the board: title, who it is with, value, expected close.

::

    ┌──────────────────────────────────┐
    │ 华信贸易 年度采购合同          ✓ │   title, bold, up to two lines; won ✓ / lost ✕
    │ ▣ 华信贸易 · 张伟                │   company · contact, muted
    │ ¥772,000              ▦ Dec 15   │   value, prominent; expected close (red when overdue)
    │ Lost: price too high             │   a lost deal's reason
    └──────────────────────────────────┘

Colours come from the palette (cards a little lighter than their column in dark themes,
white on grey in light ones), so light and dark both work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.crm.deals import DealCard
from app.ui.icons import icon
from app.ui.money import format_money

CARD_ROLE = Qt.ItemDataRole.UserRole + 1  # the DealCard
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # its CardText, made off the GUI thread
MARGIN_X, MARGIN_Y, PAD, RADIUS, ICON = 6, 4, 10, 7, 14


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(status: str, palette: QPalette) -> QColor:
    dark = is_dark(palette)
    if status == "won":
        return QColor("#4cc26a" if dark else "#23903f")
    if status == "lost":
        return QColor("#ff6b6b" if dark else "#d13438")
    return palette.color(QPalette.ColorRole.Highlight)


def muted(palette: QPalette) -> QColor:
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor((text.red() * 58 + base.red() * 42) // 100, (text.green() * 58 + base.green() * 42) // 100,
                  (text.blue() * 58 + base.blue() * 42) // 100)


def card_colour(palette: QPalette) -> QColor:
    window = palette.color(QPalette.ColorRole.Window)
    return window.lighter(135) if is_dark(palette) else palette.color(QPalette.ColorRole.Base)


def column_colour(palette: QPalette) -> QColor:
    window = palette.color(QPalette.ColorRole.Window)
    return window.darker(125) if is_dark(palette) else window.darker(104)


def short_date(iso: str, locale: QLocale | None = None, today: date | None = None) -> str:
    """"Dec 15" / "15 Dec" / "12月15日" this year, with the year otherwise."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    locale = locale if locale is not None else QLocale()
    this_year = day.year == (today or date.today()).year
    qdate = QDate(day.year, day.month, day.day)
    if locale.language() in (QLocale.Language.Chinese, QLocale.Language.Japanese):
        return locale.toString(qdate, "M月d日" if this_year else "yyyy年M月d日")
    if locale.language() == QLocale.Language.C:
        locale = QLocale("en_US")
    month_first = locale.dateFormat(QLocale.FormatType.ShortFormat).lstrip().upper().startswith("M")
    pattern = "MMM d" if month_first else "d MMM"
    return locale.toString(qdate, pattern if this_year else pattern + (", yyyy" if month_first else " yyyy"))


def overdue(card: DealCard, today: date | None = None) -> bool:
    if card.status != "open" or not card.expected_close:
        return False
    try:
        return date.fromisoformat(card.expected_close) < (today or date.today())
    except ValueError:
        return False


def party_line(card: DealCard) -> str:
    return " · ".join(p for p in (card.company, card.contact) if p)


# Written out as translate("Context", "text") at every call: pyside6-lupdate finds only that
# spelling, so a helper such as _t("text") would hide its strings from the translation.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class CardText:
    """A card's words, made once per read (on a reader thread: QLocale is reentrant)."""

    money: str
    close: str
    late: bool
    tooltip: str


def card_text(card: DealCard, locale: QLocale | None = None, today: date | None = None) -> CardText:
    money = format_money(card.amount, card.currency, locale) if card.amount else ""
    close = short_date(card.expected_close, locale, today) if card.expected_close else ""
    rows = [card.title]
    if party_line(card):
        rows.append(party_line(card))
    if money:
        rows.append(money)
    if close:
        rows.append(translate("DealCard", "Expected close: {date}").format(date=close))
    if card.owner:
        rows.append(translate("DealCard", "Owner: {owner}").format(owner=card.owner))
    if card.status == "lost" and card.lost_reason:
        rows.append(translate("DealCard", "Lost: {reason}").format(reason=card.lost_reason))
    return CardText(money, close, overdue(card, today), "\n".join(rows))


def _lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines of ``width`` pixels, the last one elided."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    found: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        found.append((line.textStart(), line.textLength()))
    layout.endLayout()
    pieces = [text[start:start + length].rstrip() for start, length in found] or [""]
    if len(pieces) > most:
        rest = text[found[most - 1][0]:]
        pieces = pieces[:most - 1] + [QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return pieces


class CardDelegate(QStyledItemDelegate):
    """Paints each item of a stage column as a card (the item's ``CARD_ROLE`` is a DealCard)."""

    def __init__(self, view, locale: QLocale | None = None):
        super().__init__(view)
        self.view = view
        self.locale = locale
        self._measures: dict[tuple[str, int], tuple[QSize, list[str], bool]] = {}
        self._font_key = ""
        self._font_set: tuple[QFont, QFont, QFont, QFont] = ()

    def forget(self) -> None:
        """Drop the measured cards (their words changed: the board was read again)."""
        self._measures.clear()

    def _text(self, index) -> CardText:
        text = index.data(TEXT_ROLE)
        return text if text is not None else card_text(index.data(CARD_ROLE), self.locale)

    def _measure(self, option: QStyleOptionViewItem, index) -> tuple[QSize, list[str], bool]:
        """(size, title lines, value and date on separate lines) for a card, cached per width."""
        card: DealCard = index.data(CARD_ROLE)
        width = self._inner_width()
        key = (card.uuid, width)
        found = self._measures.get(key)
        if found is not None:
            return found
        base, title, amount, small = self._fonts(option.font)
        text = self._text(index)
        lines = self._title_lines(card, title, width)
        split = self._value_split(text, width, amount, small)
        height = PAD + len(lines) * QFontMetrics(title).lineSpacing()
        if party_line(card):
            height += 4 + QFontMetrics(small).lineSpacing()
        if text.money or text.close:
            height += 6 + QFontMetrics(amount).lineSpacing() + (2 + QFontMetrics(small).lineSpacing() if split else 0)
        if card.status == "lost" and card.lost_reason:
            height += 3 + QFontMetrics(small).lineSpacing()
        found = (QSize(width + 2 * PAD + 2 * MARGIN_X, height + PAD + 2 * MARGIN_Y), lines, split)
        self._measures[key] = found
        return found

    # -- fonts and measures ----------------------------------------------------------------------
    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont, QFont]:
        key = base.key()
        if self._font_key != key:
            self._font_key, self._font_set = key, self._make_fonts(base)
        return self._font_set

    @staticmethod
    def _make_fonts(base: QFont) -> tuple[QFont, QFont, QFont, QFont]:
        title = QFont(base)
        title.setWeight(QFont.Weight.Bold)  # Bold, not DemiBold: CJK fonts are made bold only at Bold
        amount = QFont(base)
        amount.setWeight(QFont.Weight.Bold)
        amount.setPointSizeF(base.pointSizeF() * 1.08)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        return base, title, amount, small

    def palette(self) -> QPalette:
        """The column's surroundings' palette (the list itself is see-through)."""
        holder = self.view.parentWidget()
        return holder.palette() if holder is not None else self.view.palette()

    def _inner_width(self) -> int:
        return max(120, self.view.viewport().width() - 2 * MARGIN_X - 2 * PAD)

    def _title_lines(self, card: DealCard, font: QFont, width: int) -> list[str]:
        room = width - (ICON + 6 if card.status != "open" else 0)
        return _lines(card.title, font, room, 2)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        return self._measure(option, index)[0]

    # -- painting ---------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        card: DealCard = index.data(CARD_ROLE)
        palette = self.palette()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        self._paint_frame(painter, rect, palette, selected, hovered)
        base, title_font, amount_font, small = self._fonts(option.font)
        _size, lines, split = self._measure(option, index)
        text = self._text(index)
        x, width = rect.left() + PAD, rect.width() - 2 * PAD
        y = rect.top() + PAD
        text_colour = palette.color(QPalette.ColorRole.Text)
        quiet = muted(palette)
        if card.status != "open":
            icon_rect = QRect(int(rect.right() - PAD - ICON), int(y + 1), ICON, ICON)
            icon("won" if card.status == "won" else "lost", status_colour(card.status, palette).name()) \
                .paint(painter, icon_rect)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        spacing = QFontMetrics(title_font).lineSpacing()
        for line in lines:
            painter.drawText(QRectF(x, y, width, spacing), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             line)
            y += spacing
        party = party_line(card)
        if party:
            y += 4
            spacing = QFontMetrics(small).lineSpacing()
            glyph = "company" if card.company else "contact"
            icon(glyph, quiet.name()).paint(painter, QRect(int(x), int(y + (spacing - 12) / 2), 12, 12))
            painter.setFont(small)
            painter.setPen(quiet)
            painter.drawText(QRectF(x + 17, y, width - 17, spacing), Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(small).elidedText(party, Qt.TextElideMode.ElideRight, int(width - 17)))
            y += spacing
        if text.money or text.close:
            self._paint_value_line(painter, text, split, x, y, width, amount_font, small, palette)
            y += 6 + QFontMetrics(amount_font).lineSpacing() + (2 + QFontMetrics(small).lineSpacing() if split else 0)
        if card.status == "lost" and card.lost_reason:
            y += 3
            spacing = QFontMetrics(small).lineSpacing()
            painter.setFont(small)
            painter.setPen(status_colour("lost", palette))
            text = translate("DealCard", "Lost: {reason}").format(reason=card.lost_reason)
            painter.drawText(QRectF(x, y, width, spacing), Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(small).elidedText(text, Qt.TextElideMode.ElideRight, int(width)))
        painter.restore()

    def _paint_frame(self, painter: QPainter, rect: QRectF, palette: QPalette, selected: bool, hovered: bool) -> None:
        dark = is_dark(palette)
        if not dark:  # a soft shadow under the card
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 16))
            painter.drawRoundedRect(rect.translated(0, 1.5), RADIUS, RADIUS)
        border = QColor(255, 255, 255, 34) if dark else QColor(0, 0, 0, 38)
        if hovered:
            border = QColor(255, 255, 255, 70) if dark else QColor(0, 0, 0, 70)
        pen_width = 1.0
        if selected:
            border, pen_width = palette.color(QPalette.ColorRole.Highlight), 2.0
        painter.setBrush(card_colour(palette))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        pen = painter.pen()
        pen.setStyle(Qt.PenStyle.SolidLine)
        pen.setColor(border)
        pen.setWidthF(pen_width)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = pen_width / 2
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS)

    def _value_split(self, text: CardText, width: float, amount_font: QFont, small: QFont) -> bool:
        """Whether the value and the close date need a line each (a narrow column, a long value)."""
        if not (text.money and text.close):
            return False
        money = QFontMetrics(amount_font).horizontalAdvance(text.money)
        day = QFontMetrics(small).horizontalAdvance(text.close) + 17
        return money + day + 10 > width

    def _paint_value_line(self, painter: QPainter, text: CardText, split: bool, x: float, y: float, width: float,
                          amount_font: QFont, small: QFont, palette: QPalette) -> None:
        y += 6
        line = QRectF(x, y, width, QFontMetrics(amount_font).lineSpacing())
        date_width = 0.0
        if text.close:
            colour = status_colour("lost", palette) if text.late else muted(palette)
            date_width = QFontMetrics(small).horizontalAdvance(text.close) + 17
            if split:
                row = QRectF(x, line.bottom() + 2, width, QFontMetrics(small).lineSpacing())
                left = x
            else:
                row, left = line, line.right() - date_width
            icon("calendar", colour.name()).paint(painter, QRect(int(left), int(row.center().y() - 6), 12, 12))
            painter.setFont(small)
            painter.setPen(colour)
            painter.drawText(QRectF(left + 17, row.top(), date_width - 17, row.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text.close)
        if text.money:
            painter.setFont(amount_font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            room = line.width() - (0 if split else date_width + 8)
            shown = QFontMetrics(amount_font).elidedText(text.money, Qt.TextElideMode.ElideRight, int(room))
            painter.drawText(QRectF(line.left(), line.top(), room, line.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)


def card_tooltip(card: DealCard, locale: QLocale | None = None) -> str:
    """Everything on the card, in full (titles and names may be elided on it)."""
    return card_text(card, locale).tooltip
