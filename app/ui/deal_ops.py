"""The work behind the Deals view and the deal editor, run as ops (no widget is touched here).

Each write returns a :class:`ChangeSet` naming the deals it changed, so every panel that
shows deals refreshes from ``ops.events`` (the board, the customer panel, search).  Reads
gather what one screen needs in one go, on a reader thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from PySide6.QtCore import QLocale

from app.crm import activities, deals
from app.crm.timeline import Entry, timeline
from app.services.events import RECORDS, ChangeSet
from app.store.database import Store
from app.ui.deal_card import CardText, card_text
from app.ui.money import format_totals

CLOSED_DAYS = 90  # won and lost deals stay on the board this long after their last change


def _changed(*uuids: str, extra: Iterable[tuple[str, str]] = ()) -> ChangeSet:
    return ChangeSet.of(RECORDS, records={("deal", u) for u in uuids} | set(extra))


# -- writes (run on the writer thread through ops.write) -------------------------------------------
def ensure_pipeline(store: Store) -> ChangeSet:
    """The default pipeline, made the first time deals are used."""
    return ChangeSet.of(RECORDS) if deals.ensure_pipeline(store) else ChangeSet()


def save_deal(store: Store, deal_uuid: str, changes: dict[str, Any], cleared: Iterable[str] = ()) -> ChangeSet:
    applied = deals.update_deal(store, deal_uuid, changes, cleared=cleared, new_company=True)
    return _changed(deal_uuid) if applied else ChangeSet()


def create_deal(store: Store, values: dict[str, Any]):
    from app.ui.ops import OpResult

    uuid = deals.new_deal(store, values, new_company=True)
    return OpResult(uuid, _changed(uuid))


def move_deals(store: Store, deal_uuids: list[str], stage_uuid: str, lost_reason: str = "") -> ChangeSet:
    for uuid in deal_uuids:
        deals.move_deal(store, uuid, stage_uuid, lost_reason=lost_reason)
    return _changed(*deal_uuids)


def mark_deal(store: Store, deal_uuid: str, status: str, lost_reason: str = "") -> ChangeSet:
    deals.set_status(store, deal_uuid, status, lost_reason=lost_reason)
    return _changed(deal_uuid)


def delete_deal(store: Store, deal_uuid: str) -> ChangeSet:
    deals.delete_deal(store, deal_uuid)
    return _changed(deal_uuid)


def undelete_deal(store: Store, deal_uuid: str) -> ChangeSet:
    deals.undelete_deal(store, deal_uuid)
    return _changed(deal_uuid)


def add_note(store: Store, deal_uuid: str, deal_id: int, body: str) -> ChangeSet:
    note = activities.add_note(store, body, deal_id=deal_id)
    return _changed(deal_uuid, extra={("note", note)})


# -- reads (reader threads, through ops.read) -----------------------------------------------------------
@dataclass
class BoardData:
    """The board as read, with every card's words and every column's totals already written."""

    columns: list[deals.BoardColumn]
    texts: dict[str, CardText] = field(default_factory=dict)
    totals: dict[str, str] = field(default_factory=dict)  # stage uuid → "¥772,000 · €24,900"
    open_count: int = 0
    open_totals: str = ""


def read_board(store: Store, locale: QLocale | None = None, closed_days: int = CLOSED_DAYS) -> BoardData:
    """:func:`app.crm.deals.board` plus the text of its cards, made here rather than on the GUI thread."""
    columns = deals.board(store, closed_since=int(time.time()) - closed_days * 86400)
    today = date.today()
    data = BoardData(columns)
    open_cards = []
    for column in columns:
        data.totals[column.stage.uuid] = format_totals(column.totals, locale)
        for card in column.deals:
            data.texts[card.uuid] = card_text(card, locale, today)
            if card.status == "open":
                open_cards.append(card)
    data.open_count = len(open_cards)
    data.open_totals = format_totals(deals.totals(open_cards), locale)
    return data


@dataclass
class EditorData:
    """What the deal editor shows: the deal, its notes and mail, and the completion lists."""

    detail: deals.DealDetail
    entries: list[Entry] = field(default_factory=list)
    parties: deals.Parties = field(default_factory=deals.Parties)


def load_editor(store: Store, deal_uuid: str) -> EditorData:
    detail = deals.deal_detail(store, deal_uuid)
    return EditorData(detail, timeline(store, deal_id=detail.id, limit=200), deals.parties(store))


@dataclass
class NewDealData:
    stages: list[deals.StageRow]
    parties: deals.Parties
    currency: str
    contact_email: str = ""  # the contact and company it is for, when opened from one
    company: str = ""


def load_new_deal(store: Store, contact_email: str = "", company: str = "", contact_id: int | None = None,
                  company_id: int | None = None) -> NewDealData:
    found_email, found_company = deals.party_of(store, contact_id, company_id)
    contact_email = contact_email or found_email
    company = company or found_company
    return NewDealData(deals.read_stages(store), deals.parties(store),
                       deals.suggest_currency(store, company, contact_email), contact_email, company)
