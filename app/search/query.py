"""The search query language, parsed into clauses (no database needed).

Free words and ``"quoted phrases"`` are searched everywhere; ``-`` before any clause excludes
it.  Operators (value quoted when it has spaces: ``subject:"price list"``):

=================  ==============================================================
``from:``          sender name or address (``from:@acme.com`` a whole domain)
``to:``            To or Cc;  ``cc:`` Cc only
``subject:``       the subject
``has:``           ``attachment``
``is:``            ``unread``, ``read``, ``flagged`` (``starred``)
``before:``        sent before a date (``2026-03-01``, ``2026/03``, ``2026``, ``today``,
``after:``         ``yesterday``, or ``7d``/``2w``/``3m``/``1y`` ago); after: includes the day
``in:``            a folder by name or role (``inbox``, ``sent``, ``trash``…), or ``all``
``customer:``      mail linked to a contact or company of that name, address or domain
``deal:``          mail linked to a deal of that name
=================  ==============================================================

A query is never an exception: :func:`parse` raises :class:`QueryError` with one sentence
that says what to change.  Operator names are also accepted in full-width form (``from：``),
and “curly” quotes work like straight ones, since Chinese input methods produce them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.errors import Notice, UserFacingError
from app.search.index_text import query_terms

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 40

TEXT_FIELDS = ("from", "to", "cc", "subject")
OPERATORS = TEXT_FIELDS + ("has", "is", "before", "after", "in", "customer", "deal")
IS_VALUES = {"unread": "unread", "read": "read", "seen": "read", "flagged": "flagged",
             "starred": "flagged"}
HAS_VALUES = {"attachment": "attachment", "attachments": "attachment"}

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "＂": '"', "：": ":"})
_CLAUSE = re.compile(r'(?P<neg>-)?(?:(?P<op>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]+))')
_RELATIVE = re.compile(r"^(\d{1,4})([dwmy])$")
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


class QueryError(UserFacingError, ValueError):
    """A query that cannot be run, with a message that says how to fix it (a template and
    parameters, like every error, so the window can say it in the user's language)."""


@dataclass(frozen=True)
class Clause:
    field: str | None  # None: free text; otherwise one of OPERATORS
    value: str
    phrase: bool = False  # quoted: the words in this order, whole words
    negated: bool = False

    def terms(self) -> tuple[list[str], bool]:
        return query_terms(self.value)


@dataclass
class Query:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def free_text(self) -> list[Clause]:
        return [c for c in self.clauses if c.field is None]

    @property
    def only_free_text(self) -> bool:
        return all(c.field is None for c in self.clauses)


def _did_you_mean(name: str) -> str | None:
    from difflib import get_close_matches

    match = get_close_matches(name.lower(), OPERATORS, n=1, cutoff=0.6)
    return match[0] if match else None


def parse(text: str, today: date | None = None) -> Query:
    """The clauses of ``text``; raises :class:`QueryError` for a query that cannot be run."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError("The search is too long ({length} characters); keep it under {most}.", length=len(text),
                         most=MAX_QUERY_CHARS)
    cleaned = "".join(" " if (ord(c) < 32 or ord(c) == 127) else c for c in text.translate(_QUOTES))
    query = Query(text=text)
    if cleaned.count('"') % 2:
        query.warnings.append(Notice("A quotation mark was not closed; the phrase runs to the end of the search."))
    for match in _CLAUSE.finditer(cleaned):
        negated = bool(match.group("neg"))
        operator = (match.group("op") or "").lower() or None
        quoted = match.group("quoted")
        value = quoted if quoted is not None else (match.group("bare") or "")
        if operator is None and quoted is None and value.endswith(":") and value[:-1].lower() in OPERATORS:
            operator = value[:-1].lower()  # "from:" with nothing after it
            value = ""
        if operator and operator not in OPERATORS:
            # "Re:", "10:30", "http:" are text; a near miss of an operator is worth a hint.
            suggestion = _did_you_mean(operator)
            if suggestion and suggestion != operator:
                query.warnings.append(Notice("'{operator}:' is not a search operator (did you mean '{suggestion}:'?); "
                                             "searched as text.", operator=operator, suggestion=suggestion))
            value = f"{match.group('op')}:{value}"
            operator = None
        clause = _clause(operator, value.strip(), quoted is not None, negated, today)
        if clause is not None:
            query.clauses.append(clause)
    if len(query.clauses) > MAX_CLAUSES:
        raise QueryError("The search has {count} parts; use at most {most}.", count=len(query.clauses), most=MAX_CLAUSES)
    if not query.clauses:
        raise QueryError("Type a word to search for, or an operator such as from:anna or is:unread.")
    return query


def _clause(operator: str | None, value: str, quoted: bool, negated: bool, today: date | None) -> Clause | None:
    if operator is None:
        if not value:
            return None
        terms, _prefix = query_terms(value)
        if not terms:
            return None  # punctuation alone: nothing to look for
        return Clause(None, value, phrase=quoted, negated=negated)
    if not value:
        raise QueryError("'{operator}:' needs a value, for example {example}.", operator=operator,
                         example=_EXAMPLES[operator])
    if operator == "is":
        if value.lower() not in IS_VALUES:
            raise QueryError("'is:{value}' is not known; use is:unread, is:read or is:flagged.", value=value)
        return Clause("is", IS_VALUES[value.lower()], negated=negated)
    if operator == "has":
        if value.lower() not in HAS_VALUES:
            raise QueryError("'has:{value}' is not known; use has:attachment.", value=value)
        return Clause("has", "attachment", negated=negated)
    if operator in ("before", "after"):
        return Clause(operator, str(parse_date(operator, value, today)), negated=negated)
    if operator in TEXT_FIELDS or operator in ("customer", "deal"):
        terms, _prefix = query_terms(value)
        if not terms:
            raise QueryError("'{operator}:{value}' has no letters or digits to look for.", operator=operator, value=value)
    return Clause(operator, value, phrase=quoted, negated=negated)


_EXAMPLES = {"from": "from:anna@example.com", "to": "to:张伟", "cc": "cc:tom", "subject": 'subject:"price list"',
             "has": "has:attachment", "is": "is:unread", "before": "before:2026-03-01",
             "after": "after:2026-01-31", "in": "in:inbox", "customer": "customer:Acme",
             "deal": 'deal:"Q3 renewal"'}


def parse_date(operator: str, value: str, today: date | None = None) -> int:
    """The start of the named day (local time) as a Unix time."""
    today = today or date.today()
    lowered = value.lower()
    day: date | None = None
    if lowered == "today":
        day = today
    elif lowered == "yesterday":
        day = today - timedelta(days=1)
    elif match := _RELATIVE.match(lowered):
        count, unit = int(match.group(1)), match.group(2)
        days = {"d": 1, "w": 7, "m": 30, "y": 365}[unit] * count
        day = today - timedelta(days=min(days, 365 * 200))
    elif match := _DATE.match(value):
        year, month, dom = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
        try:
            day = date(year, month, dom)
        except ValueError:
            day = None
        if day is not None and not 1900 <= year <= 2200:
            day = None
    if day is None:
        raise QueryError("'{operator}:{value}' is not a date; write it like {operator}:2026-03-01, "
                         "{operator}:2026-03, {operator}:yesterday or {operator}:7d.", operator=operator, value=value)
    return int(time.mktime(datetime(day.year, day.month, day.day).timetuple()))
