"""The first words of a message, for the two-line message list ("subject — first line").

Made from the stored raw bytes on a reader thread, a page of rows at a time, only when the
list shows two-line rows: quoted text, signatures' separators and blank lines are skipped,
whitespace is folded, and the result is cut at a word (or, for CJK text, a character) edge.
"""

from __future__ import annotations

import re

from app.mail.reading.message_view import build_view
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.raw_sql import fetch_all

MAX_CHARS = 160
_SPACE = re.compile(r"\s+")


def snippet_of_text(text: str, limit: int = MAX_CHARS) -> str:
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "--" or stripped == "-- ":
            break  # the signature starts
        if not stripped or stripped.startswith(">"):
            continue
        kept.append(stripped)
        if sum(len(k) for k in kept) > limit:
            break
    flat = _SPACE.sub(" ", " ".join(kept)).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip() + "…"


def snippets(store: Store, message_pks: list[int]) -> dict[int, str]:
    """``{id: first words}`` for the given messages (missing bodies give "")."""
    if not message_pks:
        return {}
    marks = ",".join("?" * len(message_pks))
    dates = dict(fetch_all(store, f"SELECT id, date FROM mail_messages WHERE id IN ({marks})", tuple(message_pks)))
    found = {}
    for pk in message_pks:
        raw = raw_message(store, pk)
        found[pk] = snippet_of_text(build_view(raw, dates.get(pk)).text) if raw else ""
    return found
