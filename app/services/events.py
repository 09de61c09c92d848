"""What happened, told to whoever listens: change sets, account states, progress (no Qt).

An operation or a job returns a :class:`ChangeSet` saying what it changed (message ids,
folders, accounts, customer records by kind and UUID, and coarse kinds such as
``"outbox"``); :class:`EventBus` hands every event to its listeners *on the thread that
published it*.  The GUI's bridge (``app.ui.app_events``) moves them to the GUI thread and
coalesces change sets, so a panel refreshes once per burst, not once per item.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger("liaison.events")

# Coarse kinds of change a panel may care about.
MAIL = "mail"            # messages stored, removed, flags changed
FOLDERS = "folders"      # folder list or unread counts
RECORDS = "records"      # customer records (contacts, companies, deals, notes, tasks...)
OUTBOX = "outbox"        # outbox messages queued, sent, failed
DRAFTS = "drafts"
TEMPLATES = "templates"
SETTINGS = "settings"
ACCOUNTS = "accounts"
LINKS = "links"          # which messages are linked to which records
RULES = "rules"          # automation rules, their run log, cases they opened


@dataclass
class ChangeSet:
    """What one operation changed.  Empty means nothing visible changed."""

    kinds: set[str] = field(default_factory=set)
    messages: set[int] = field(default_factory=set)
    folders: set[int] = field(default_factory=set)
    accounts: set[int] = field(default_factory=set)
    records: set[tuple[str, str]] = field(default_factory=set)  # (record kind, uuid)

    @classmethod
    def of(cls, *kinds: str, messages=(), folders=(), accounts=(), records=()) -> "ChangeSet":
        return cls(set(kinds), set(messages), set(folders), set(accounts), set(records))

    def merge(self, other: "ChangeSet | None") -> "ChangeSet":
        if other is not None:
            self.kinds |= other.kinds
            self.messages |= other.messages
            self.folders |= other.folders
            self.accounts |= other.accounts
            self.records |= other.records
        return self

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __bool__(self) -> bool:
        return bool(self.kinds or self.messages or self.folders or self.accounts or self.records)


@dataclass(frozen=True)
class AccountState:
    """An account's sync state, told truthfully: syncing, ok, offline, error or auth (password refused).

    ``error`` is the :class:`~app.errors.LiaisonError` behind offline/error/auth (its text is
    made where it is shown); ``finished_at`` the wall-clock time of the last complete pass.
    """

    account_id: int
    state: str
    error: Any = None
    finished_at: float | None = None
    folder_errors: tuple = ()


@dataclass(frozen=True)
class Progress:
    """A folder's progress in a pass (``folder`` is ``""`` while indexing for search)."""

    account_id: int
    folder: str
    done: int
    total: int


@dataclass(frozen=True)
class OutboxResult:
    account_id: int
    sent: int
    queued: int
    failed: int
    error: Any = None  # what stopped the delivery before any message was tried


@dataclass(frozen=True)
class TeamState:
    """The team sync's state, told truthfully: ``off`` (not signed in), ``syncing``, ``ok``,
    ``offline``, ``signed_out`` (revoked) or ``error``, with the changes still waiting to be
    sent and the open conflicts."""

    state: str
    error: Any = None
    finished_at: float | None = None
    pending: int = 0
    conflicts: int = 0


@dataclass(frozen=True)
class RuleNotice:
    """A rule's "notify me" (or a rule that failed for good): shown once, as a desktop notification."""

    title: str
    body: str


class EventBus:
    """Listeners called in order, on the publishing thread; a failing listener is logged, not fatal."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[object], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Callable[[object], None]) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return unsubscribe

    def publish(self, event: object) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - one broken listener must not stop the others
                log.exception("event listener failed on %r", type(event).__name__)
