"""Dates as mail clients show them in a list: "10:32", "Yesterday", "Mon", "3 Nov", "2025-11-03".

Locale-aware through QLocale (a Chinese desktop gets 周一 and 11月3日); computed once per row
when the row is loaded, not at every paint.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime


def list_date(timestamp: float, now: datetime | None = None, locale: QLocale | None = None) -> str:
    """The short form of a message's date relative to ``now`` (local time)."""
    locale = locale or QLocale()
    moment = datetime.fromtimestamp(timestamp)
    today = (now or datetime.now()).date()
    day = moment.date()
    if day == today:
        return locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    if day == today - timedelta(days=1):
        return QCoreApplication.translate("list_dates", "Yesterday")
    if today - timedelta(days=6) <= day < today:
        return locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    qdate = QDate(day.year, day.month, day.day)
    if day.year == today.year and day <= today:
        return locale.toString(qdate, _month_day_pattern(locale.name()))
    return locale.toString(qdate, QLocale.FormatType.ShortFormat)


@lru_cache(maxsize=16)
def _month_day_pattern(name: str) -> str:
    return _month_day_format(QLocale(name))


def _month_day_format(locale: QLocale) -> str:
    """The locale's short date without the year ("3 Nov", "Nov 3", "11月3日")."""
    if locale.language() in (QLocale.Language.Chinese, QLocale.Language.Japanese):
        return "M月d日"
    if locale.language() == QLocale.Language.Korean:
        return "M월 d일"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return "MMM d" if pattern.index("M") < pattern.index("d") else "d MMM"


def full_date(timestamp: float, locale: QLocale | None = None) -> str:
    """Date and time in the locale's long-ish form, for tooltips."""
    locale = locale or QLocale()
    moment = datetime.fromtimestamp(timestamp)
    return locale.toString(moment, QLocale.FormatType.LongFormat)

