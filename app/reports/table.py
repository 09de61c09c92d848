"""A report's shape: columns that say what their values are, and rows of plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

TEXT, COUNT, MONEY, PERCENT, SECONDS, DATE = "text", "count", "money", "percent", "seconds", "date"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = TEXT


@dataclass
class Report:
    """Rows under columns; beside each row, what is behind it: the deals, customers or
    messages it counts, as (kind, local id, label), so a click on a bar can list them."""

    name: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    items: list[list[tuple[str, int, str]]] = field(default_factory=list)
    # A mail row's messages as bare references, by row: turned into items only when the row is
    # opened (app.reports.behind), so a report over 100,000 messages builds no item it won't show.
    later: dict[int, list] = field(default_factory=dict)

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def add(self, row: dict, items=()) -> None:
        self.rows.append(row)
        self.items.append(list(items))

    def behind(self, index: int) -> list[tuple[str, int, str]]:
        """What row ``index`` counts (empty for reports that only sum)."""
        return self.items[index] if 0 <= index < len(self.items) else []

    def sort(self, key) -> None:
        """Sort rows, keeping each row's items (and references) beside it."""
        order = sorted(range(len(self.rows)), key=lambda n: key(self.rows[n]))
        items = self.items or [[] for _ in self.rows]
        self.rows = [self.rows[n] for n in order]
        self.items = [items[n] for n in order]
        self.later = {new: self.later[old] for new, old in enumerate(order) if old in self.later}


@dataclass(frozen=True)
class Filters:
    """What a report covers: a period (dates, inclusive), one owner, one team, one tag (of the
    customer), and N days for reports about things that have waited (stuck deals, stale
    customers). ``today`` is fixed by tests."""

    start: date | None = None
    end: date | None = None
    owner: str | None = None
    team: str | None = None
    tag: str | None = None
    days: int = 30
    today: date | None = None

    def now(self) -> datetime:
        day = self.today or datetime.now().date()
        return datetime(day.year, day.month, day.day, 23, 59, 59)

    def bounds(self) -> tuple[int, int]:
        """The period as epoch seconds [first, last] (local time, whole days)."""
        first = datetime.combine(self.start, datetime.min.time()).timestamp() if self.start else 0
        last = (datetime.combine(self.end, datetime.min.time()) + timedelta(days=1)).timestamp() - 1 \
            if self.end else 2**62
        return int(first), int(last)


def money(value) -> Decimal:
    """A stored amount (a decimal string, never a float); empty is zero."""
    try:
        return Decimal(value) if value not in (None, "") else Decimal(0)
    except ArithmeticError:
        return Decimal(0)


def month_of(epoch: int) -> str:
    return datetime.fromtimestamp(epoch).strftime("%Y-%m")


def iso_day(epoch: int | None) -> str | None:
    return datetime.fromtimestamp(epoch, UTC).astimezone().date().isoformat() if epoch else None
