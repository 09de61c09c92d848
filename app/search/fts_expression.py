"""Query clauses as FTS5 MATCH expressions.

User text never reaches FTS5's syntax: every term is quoted (terms are made of word
characters only, see :func:`app.search.index_text.query_terms`), so ``AND``, ``NEAR(``, ``*``,
``^`` or a stray quote in a search are just text.
"""

from __future__ import annotations

from app.search.index_text import is_cjk
from app.search.query import Clause

# The operator's columns in mail_fts; free text searches all of them.
MAIL_COLUMNS = {"from": "sender", "to": "{recipients cc}", "cc": "cc", "subject": "subject"}
MIN_PREFIX_CHARS = 2  # "a*" would read half the index


def phrase(clause: Clause) -> str | None:
    """One clause as a quoted FTS5 phrase, with ``*`` when it is matched as a prefix."""
    terms, single_cjk = clause.terms()
    if not terms:
        return None
    quoted = '"' + " ".join(terms) + '"'
    last = terms[-1]
    as_prefix = single_cjk or (not clause.phrase and len(last) >= MIN_PREFIX_CHARS and not is_cjk(last[0]))
    return quoted + " *" if as_prefix else quoted


def column_expression(clause: Clause, columns: dict[str, str]) -> str | None:
    text = phrase(clause)
    if text is None:
        return None
    column = columns.get(clause.field) if clause.field else None
    return f"{column} : {text}" if column else text


def all_of(expressions: list[str]) -> str:
    return " AND ".join(f"({e})" for e in expressions)


def any_of(expressions: list[str]) -> str:
    return " OR ".join(f"({e})" for e in expressions)
