"""Deals and their pipeline (stages are user data: added, renamed, reordered per profile).

Every change to a deal goes through one door, :func:`update_deal` (creation through
:func:`new_deal`): the caller says which fields change (``title``, ``stage``, ``amount``,
``currency``, ``expected_close``, ``contact``, ``company``, ``owner``, ``status``,
``lost_reason``) and which the user emptied on purpose (``cleared``); the values are
checked first (one sentence naming what is wrong), then written through
:func:`app.crm.records.apply_changes`, so each field's old → new value is in the deal's
history and an empty value never wipes a filled field by accident.

Stage and status go together: a deal in a won or lost stage is won or lost; marking it
won or lost puts it in that stage; reopening puts it back in the open stage it was in.
The loss reason is kept with the deal (``custom.lost_reason``, versioned like any field).

Reading (the board, one deal, completion lists, the suggested currency) never writes; the
default pipeline is made once by :func:`ensure_pipeline`, a write of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.crm.currencies import (
    currency_of_domain,
    currency_of_phone,
    normalise_currency,
)
from app.crm.customers import company_by_name, contact_by_email
from app.crm.history import Version, restore, versions
from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, create, new_uuid, now, record_event, soft_delete
from app.crm.validation import InvalidValue
from app.errors import UserFacingError
from app.settings.checks import QT_TRANSLATE_NOOP
from app.store.crm_models import (
    Change,
    Company,
    CompanyDomain,
    Contact,
    ContactEmail,
    ContactPhone,
    Deal,
    Pipeline,
    Stage,
)
from app.store.database import Store
from app.store.writer import writes

DEAL = RECORD_TYPES["deal"]
COMPANY = RECORD_TYPES["company"]
PIPELINE, STAGE = RECORD_TYPES["pipeline"], RECORD_TYPES["stage"]
# Stored in English, the same on every laptop of a team; the window shows these names in the
# user's language (context "Stages", app.ui.stage_names) until someone renames a stage.
DEFAULT_STAGES = ((QT_TRANSLATE_NOOP("Stages", "Lead"), "open"), (QT_TRANSLATE_NOOP("Stages", "Qualified"), "open"),
                  (QT_TRANSLATE_NOOP("Stages", "Proposal"), "open"), (QT_TRANSLATE_NOOP("Stages", "Negotiation"), "open"),
                  (QT_TRANSLATE_NOOP("Stages", "Won"), "won"), (QT_TRANSLATE_NOOP("Stages", "Lost"), "lost"))
# The default pipeline has the same UUIDs on every device (so do its first six stages), so
# deals synced through the team server land in the same stages everywhere (migration 0010).
DEFAULT_PIPELINE_UUID = "3229011d-e98c-5623-9267-f8dc29affaf8"
DEFAULT_STAGE_UUIDS = ("c885ad53-f35d-5df8-8481-77735367fd80", "86287595-336a-5f69-b29a-dc7493784831",
                       "925f8ac2-b3af-56a8-a69a-0aa245681924", "89314f05-a25d-5985-8c19-50294811d977",
                       "315929f2-0ec9-574b-9c35-9e4991b1d16c", "2ec45935-1179-50f0-8c49-8e410e8365e9")
STATUSES = ("open", "won", "lost")
LOST_REASON = "custom.lost_reason"
# What is wrong, in words (lower case: the command line says "Not saved: …").
NO_TITLE = QT_TRANSLATE_NOOP("errors", "a deal needs a title")
NOT_AN_AMOUNT = QT_TRANSLATE_NOOP("errors", "'{text}' is not an amount: use digits, like 12000 or 12,000.50")
NEGATIVE_AMOUNT = QT_TRANSLATE_NOOP("errors", "an amount cannot be negative")
HUGE_AMOUNT = QT_TRANSLATE_NOOP("errors", "'{text}' is too large for an amount")
NO_CURRENCY = QT_TRANSLATE_NOOP("errors", "choose the currency of the amount")
NOT_A_STATUS = QT_TRANSLATE_NOOP("errors", "'{value}' is not a deal status (open, won or lost)")
NO_STAGE_CALLED = QT_TRANSLATE_NOOP("errors", "no stage called '{name}' (stages: {names})")
NO_STAGE = QT_TRANSLATE_NOOP("errors", "there is no stage '{stage}' in the pipeline")
NO_CONTACT = QT_TRANSLATE_NOOP("errors", "no contact has the address {address}")
NO_COMPANY = QT_TRANSLATE_NOOP("errors", "no company is called {name}")
NO_SUCH_FIELD = QT_TRANSLATE_NOOP("errors", "A deal has no field '{field}'.")
DELETED = QT_TRANSLATE_NOOP("errors", "This deal was deleted.")
# The fields update_deal takes, and the record field each one is kept in.
EDITABLE = {"title": "title", "stage": "stage_id", "amount": "amount", "currency": "currency",
            "expected_close": "expected_close", "contact": "contact_id", "company": "company_id",
            "owner": "owner", "status": "status", "lost_reason": LOST_REASON}


# -- the pipeline ------------------------------------------------------------------------------
def find_pipeline(session: Session) -> Pipeline | None:
    """The default (first) pipeline, or None before deals were ever used (never writes)."""
    return session.scalar(select(Pipeline).where(Pipeline.deleted_at.is_(None))
                          .order_by(Pipeline.position, Pipeline.id).limit(1))


def default_pipeline(session: Session) -> Pipeline:
    """The first pipeline, created with the usual stages the first time (in a write session).

    Its history has origin ``default``: every laptop makes the same records with the same
    UUIDs, and the team sync sends them only as a creation with initial values, which the
    server applies only if it has no such record yet (docs/sync-protocol.md)."""
    pipeline = find_pipeline(session)
    if pipeline is None:
        batch = new_uuid()
        pipeline = create(session, PIPELINE, {"name": "Sales", "position": 0}, origin="default",
                          batch=batch, record_uuid=DEFAULT_PIPELINE_UUID)
        for position, ((name, outcome), stage_uuid) in enumerate(zip(DEFAULT_STAGES, DEFAULT_STAGE_UUIDS)):
            create(session, STAGE, {"pipeline_id": pipeline.id, "name": name, "position": position,
                                    "outcome": outcome}, origin="default", batch=batch, record_uuid=stage_uuid)
        session.flush()
    return pipeline


def _stages_of(session: Session, pipeline: Pipeline | None) -> list[Stage]:
    if pipeline is None:
        return []
    return list(session.scalars(select(Stage).where(Stage.pipeline_id == pipeline.id, Stage.deleted_at.is_(None))
                                .order_by(Stage.position, Stage.id)))


def live_stages(session: Session) -> list[Stage]:
    """The default pipeline's stages in order; [] before it exists (never writes)."""
    return _stages_of(session, find_pipeline(session))


def stages(session: Session, pipeline: Pipeline | None = None) -> list[Stage]:
    """The pipeline's stages in order, the pipeline made first if there is none (write sessions)."""
    return _stages_of(session, pipeline or default_pipeline(session))


def stage_named(session: Session, name: str) -> Stage:
    for stage in stages(session):
        if stage.name.lower() == name.strip().lower():
            return stage
    names = ", ".join(s.name for s in stages(session))
    raise InvalidValue(NO_STAGE_CALLED, code="deal.no_stage", name=name, names=names)


@writes
def ensure_pipeline(store: Store) -> bool:
    """Make the default pipeline with its stages if there is none; True when it was made."""
    with store.write() as session:
        if find_pipeline(session) is not None:
            return False
        default_pipeline(session)
        return True


@writes
def stage_uuid_named(store: Store, name: str) -> str:
    """The UUID of the default pipeline's stage called ``name`` (the pipeline is made on first use)."""
    with store.write() as session:
        return stage_named(session, name).uuid


class StageRow(NamedTuple):
    id: int
    uuid: str
    name: str
    outcome: str


def _rows(found: Iterable[Stage]) -> list[StageRow]:
    return [StageRow(s.id, s.uuid, s.name, s.outcome) for s in found]


@writes
def pipeline_stages(store: Store) -> list[StageRow]:
    """The default pipeline's stages in order; the pipeline is made on first use."""
    with store.write() as session:
        return _rows(stages(session))


def read_stages(store: Store) -> list[StageRow]:
    """The default pipeline's stages in order; [] when there is no pipeline yet (never writes)."""
    with store.read() as session:
        return _rows(live_stages(session))


@writes
def add_stage(store: Store, name: str, outcome: str = "open", position: int | None = None) -> str:
    with store.write() as session:
        existing = stages(session)
        pipeline_id = existing[0].pipeline_id if existing else default_pipeline(session).id
        index = len(existing) if position is None else max(0, min(position, len(existing)))
        for stage in existing[index:]:
            apply_changes(session, STAGE, stage, {"position": stage.position + 1}, "local")
        return create(session, STAGE, {"pipeline_id": pipeline_id, "name": name.strip(), "position": index,
                                       "outcome": outcome}).uuid


@writes
def rename_stage(store: Store, stage_uuid: str, name: str) -> None:
    with store.write() as session:
        apply_changes(session, STAGE, session.scalar(select(Stage).where(Stage.uuid == stage_uuid)),
                      {"name": name.strip()}, "local")


# -- checking what was typed --------------------------------------------------------------------
def normalise_amount(text: str) -> str:
    """A decimal string ("12000.50"); thousands separators and currency signs are removed."""
    cleaned = (text or "").strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.lstrip("¥￥$€£").strip()
    if not cleaned:
        return ""
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(NOT_AN_AMOUNT, code="deal.amount", text=text) from None
    if not value.is_finite():
        raise InvalidValue(NOT_AN_AMOUNT, code="deal.amount", text=text)
    if value < 0:
        raise InvalidValue(NEGATIVE_AMOUNT, code="deal.amount_negative")
    if value >= Decimal("1e15"):
        raise InvalidValue(HUGE_AMOUNT, code="deal.amount_too_large", text=text)
    return format(value.normalize(), "f")


def _checked(changes: dict[str, Any], cleared: Iterable[str]) -> tuple[dict[str, Any], set[str]]:
    """The changes in their stored form, or InvalidValue naming what is wrong (one sentence)."""
    from app.crm.custom_fields import parse_date

    cleared = set(cleared)
    unknown = (set(changes) | cleared) - set(EDITABLE)
    if unknown:
        raise UserFacingError(NO_SUCH_FIELD, code="deal.no_field", field=sorted(unknown)[0])
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        text = "" if value is None else str(value).strip()
        if name == "title" and not text and name in cleared:
            raise InvalidValue(NO_TITLE, code="deal.no_title")
        if name == "amount":
            text = normalise_amount(text)
        elif name == "currency":
            text = normalise_currency(text)
        elif name == "expected_close" and text:
            text = parse_date(text)
        elif name == "status" and text not in STATUSES:
            raise InvalidValue(NOT_A_STATUS, code="deal.status", value=text)
        elif name == "contact" and text:
            text = text.rpartition("<")[2].rstrip(">").strip().lower() if "<" in text else text.lower()
        clean[name] = text
    return clean, cleared


# -- resolving references in one write transaction -----------------------------------------------
def _stage(session: Session, key: str) -> Stage:
    for stage in stages(session):
        if stage.uuid == key or stage.name.lower() == key.lower():
            return stage
    raise InvalidValue(NO_STAGE, code="deal.no_stage", stage=key)


def _stage_for_status(session: Session, deal: Deal | None, status: str) -> Stage | None:
    """Where a deal goes when it is marked ``status``: the stage of that outcome; for reopening,
    the open stage it was in before (its history says), else the last open stage."""
    pipeline_stages_ = stages(session)
    if status in ("won", "lost"):
        return next((s for s in pipeline_stages_ if s.outcome == status), None)
    open_stages = [s for s in pipeline_stages_ if s.outcome == "open"]
    if deal is not None:
        earlier = session.scalars(select(Change.old).where(Change.record_type == "deal",
                                                           Change.record_uuid == deal.uuid,
                                                           Change.field == "stage_id")
                                  .order_by(Change.id.desc()))
        for old in earlier:
            match = next((s for s in open_stages if old and json.loads(old) == s.uuid), None)
            if match is not None:
                return match
    return open_stages[-1] if open_stages else None


def _record_values(session: Session, deal: Deal | None, clean: dict[str, Any], cleared: set[str],
                   new_company: bool, origin: str, batch: str) -> tuple[dict[str, Any], set[str]]:
    values: dict[str, Any] = {}
    for name in ("title", "amount", "currency", "expected_close", "owner"):
        if clean.get(name) or name in cleared:  # an empty value counts only when cleared on purpose
            values[name] = clean.get(name, "")
    if clean.get("contact"):
        contact = contact_by_email(session, clean["contact"])
        if contact is None:
            raise InvalidValue(NO_CONTACT, code="deal.no_contact", address=clean["contact"])
        values["contact_id"] = contact.id
    elif "contact" in clean:
        values["contact_id"] = None
    if clean.get("company"):
        company = company_by_name(session, clean["company"])
        if company is None:
            if not new_company:
                raise InvalidValue(NO_COMPANY, code="deal.no_company", name=clean["company"])
            company = create(session, COMPANY, {"name": clean["company"]}, origin, batch)
        values["company_id"] = company.id
    elif "company" in clean:
        values["company_id"] = None
    has_company = values.get("company_id") or (deal is not None and deal.company_id)
    if values.get("contact_id") and not has_company and "company" not in cleared:
        contact_company = session.get(Contact, values["contact_id"]).company_id
        if contact_company:
            values["company_id"] = contact_company
    status = clean.get("status") or None
    stage = _stage(session, clean["stage"]) if clean.get("stage") else None
    if stage is None and status is not None:
        current = session.get(Stage, deal.stage_id) if deal is not None and deal.stage_id else None
        if current is None or current.outcome != status:
            stage = _stage_for_status(session, deal, status)
    if stage is None and deal is None:
        stage = stages(session)[0]
    if stage is not None:
        values["stage_id"] = stage.id
        status = status or stage.outcome
    if status is not None:
        values["status"] = status
    final_status = status or (deal.status if deal is not None else "open")
    if final_status == "lost":
        if clean.get("lost_reason"):
            values[LOST_REASON] = clean["lost_reason"]
        elif "lost_reason" in cleared:
            values[LOST_REASON] = ""
    elif deal is not None and json.loads(deal.custom or "{}").get("lost_reason"):
        values[LOST_REASON] = ""  # reopened or won: the old reason stays in the history only
        cleared = cleared | {"lost_reason"}
    record_cleared = {EDITABLE[name] for name in cleared}
    return values, record_cleared


def _require_currency(session: Session, deal: Deal | None, values: dict[str, Any]) -> None:
    amount = values.get("amount", deal.amount if deal is not None else "")
    currency = values["currency"] if "currency" in values else (deal.currency if deal is not None else "")
    if amount and not currency:
        raise InvalidValue(NO_CURRENCY, code="deal.no_currency")


def _live_deal(session: Session, deal_uuid: str) -> Deal:
    deal = by_uuid(session, DEAL, deal_uuid)
    if deal.deleted_at is not None:
        raise UserFacingError(DELETED, code="deal.deleted")
    return deal


# -- the one door ----------------------------------------------------------------------------------
def update_deal(store: Store, deal_uuid: str, changes: dict[str, Any], cleared: Iterable[str] = (),
                origin: str = "local", new_company: bool = False) -> dict[str, tuple]:
    """Change a deal's fields (see the module's docstring); returns field → (old, new) of what changed.

    The values are checked here, on the caller's thread; the write runs on the writer thread.
    ``new_company`` lets a company name not known yet create that company.
    """
    clean, cleared_set = _checked(changes, cleared)
    return _write_update(store, deal_uuid, clean, cleared_set, origin, new_company)


@writes
def _write_update(store: Store, deal_uuid: str, clean: dict[str, Any], cleared: set[str], origin: str,
                  new_company: bool) -> dict[str, tuple]:
    with store.write() as session:
        deal = _live_deal(session, deal_uuid)
        batch = new_uuid()
        values, record_cleared = _record_values(session, deal, clean, cleared, new_company, origin, batch)
        _require_currency(session, deal, values)
        return apply_changes(session, DEAL, deal, values, origin, cleared=record_cleared, batch=batch)


def new_deal(store: Store, values: dict[str, Any], origin: str = "local", new_company: bool = False) -> str:
    """A new deal with ``values`` (the fields of :func:`update_deal`); returns its UUID."""
    clean, _cleared = _checked(values, ())
    if not clean.get("title"):
        raise InvalidValue(NO_TITLE, code="deal.no_title")
    return _write_new(store, clean, origin, new_company)


@writes
def _write_new(store: Store, clean: dict[str, Any], origin: str, new_company: bool) -> str:
    with store.write() as session:
        batch = new_uuid()
        record_values, _ = _record_values(session, None, clean, set(), new_company, origin, batch)
        _require_currency(session, None, record_values)
        record_values.setdefault("status", "open")
        deal = create(session, DEAL, record_values, origin, batch)
        return deal.uuid


def add_deal(store: Store, title: str, contact_email: str = "", company: str = "", amount: str = "",
             currency: str = "", stage: str = "", expected_close: str = "", owner: str = "",
             origin: str = "local") -> str:
    """A new deal from the command line's words: the stage by name; without a currency, the
    one the customer's country suggests, else the last used, else the profile's default."""
    from app.crm.settings import get_setting

    if not (title or "").strip():
        raise InvalidValue(NO_TITLE, code="deal.no_title")
    if normalise_amount(amount) and not (currency or "").strip():
        currency = suggest_currency(store, company, contact_email) or get_setting(store, "default_currency")
    values = {"title": title, "contact": contact_email, "company": company, "amount": amount,
              "currency": currency, "stage": stage, "expected_close": expected_close, "owner": owner}
    return new_deal(store, {k: v for k, v in values.items() if v}, origin)


def move_deal(store: Store, deal_uuid: str, stage_uuid: str, origin: str = "local",
              lost_reason: str = "") -> dict[str, tuple]:
    """Put a deal in another stage; moving to a won/lost stage closes it that way."""
    changes = {"stage": stage_uuid}
    if lost_reason:
        changes["lost_reason"] = lost_reason
    return update_deal(store, deal_uuid, changes, origin=origin)


def set_status(store: Store, deal_uuid: str, status: str, lost_reason: str = "",
               origin: str = "local") -> dict[str, tuple]:
    """Mark a deal won, lost (with the reason) or open again."""
    changes = {"status": status}
    if lost_reason:
        changes["lost_reason"] = lost_reason
    return update_deal(store, deal_uuid, changes, origin=origin)


@writes
def delete_deal(store: Store, deal_uuid: str, origin: str = "local") -> None:
    """Delete a deal (a tombstone: the row and its history stay, and it can be brought back)."""
    with store.write() as session:
        soft_delete(session, DEAL, by_uuid(session, DEAL, deal_uuid), origin)


@writes
def undelete_deal(store: Store, deal_uuid: str, origin: str = "local") -> None:
    """Bring a deleted deal back (Undo); the return is a version of its own."""
    with store.write() as session:
        deal = by_uuid(session, DEAL, deal_uuid)
        if deal.deleted_at is not None:
            deal.deleted_at = None
            deal.updated_at = now()
            record_event(session, DEAL, deal, "restored", "live", origin)


@writes
def restore_deal_version(store: Store, deal_uuid: str, number: int) -> dict[str, tuple]:
    """Bring a deal's fields back to how they were right after version ``number``."""
    with store.write() as session:
        return restore(session, DEAL, _live_deal(session, deal_uuid), number)


# -- reading: the board ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DealCard:
    """What a deal's card on the board shows."""

    id: int
    uuid: str
    title: str
    amount: str
    currency: str
    status: str
    expected_close: str
    owner: str
    company: str
    contact: str
    stage_uuid: str
    lost_reason: str = ""


@dataclass
class BoardColumn:
    stage: StageRow
    deals: list[DealCard] = field(default_factory=list)
    older: int = 0  # closed deals not on the board (see ``board``'s ``closed_since``)

    @property
    def totals(self) -> dict[str, Decimal]:
        return totals(self.deals)


def totals(cards: Iterable[DealCard]) -> dict[str, Decimal]:
    """Sum of the amounts per currency (amounts in different currencies are never added)."""
    sums: dict[str, Decimal] = {}
    for card in cards:
        if card.amount:
            sums[card.currency] = sums.get(card.currency, Decimal(0)) + Decimal(card.amount)
    return dict(sorted(sums.items(), key=lambda item: (-item[1], item[0])))


def board(store: Store, closed_since: int | None = None) -> list[BoardColumn]:
    """Every stage of the default pipeline with its live deals, most recently changed first.

    With ``closed_since`` (a time), won and lost deals last changed before it are only counted
    (``BoardColumn.older``): years of closed deals would bury the pipeline.  Reads only: before
    the pipeline exists (nobody used deals yet) the board is empty; make it with
    :func:`ensure_pipeline`.
    """
    with store.read() as session:
        columns = {s.id: BoardColumn(s) for s in _rows(live_stages(session))}
        if not columns:
            return []
        company, contact = aliased(Company), aliased(Contact)
        live = [Deal.deleted_at.is_(None), Deal.stage_id.in_(list(columns))]
        shown = live + ([or_(Deal.status == "open", Deal.updated_at >= closed_since)] if closed_since else [])
        rows = session.execute(
            select(Deal, company.name, contact.name, Stage.uuid)
            .join(Stage, Stage.id == Deal.stage_id)
            .outerjoin(company, company.id == Deal.company_id)
            .outerjoin(contact, contact.id == Deal.contact_id)
            .where(*shown)
            .order_by(Deal.updated_at.desc(), Deal.id.desc()))
        for deal, company_name, contact_name, stage_uuid in rows:
            columns[deal.stage_id].deals.append(_card(deal, company_name, contact_name, stage_uuid))
        if closed_since:
            older = session.execute(select(Deal.stage_id, func.count()).where(
                *live, Deal.status != "open", Deal.updated_at < closed_since).group_by(Deal.stage_id))
            for stage_id, count in older:
                columns[stage_id].older = count
        return list(columns.values())


def _card(deal: Deal, company_name: str | None, contact_name: str | None, stage_uuid: str) -> DealCard:
    reason = json.loads(deal.custom or "{}").get("lost_reason", "") if deal.status == "lost" else ""
    return DealCard(deal.id, deal.uuid, deal.title, deal.amount or "", deal.currency or "", deal.status,
                    deal.expected_close or "", deal.owner or "", company_name or "", contact_name or "",
                    stage_uuid, reason)


def deal_uuid_of(store: Store, deal_id: int) -> str | None:
    """The UUID of the live deal with local id ``deal_id`` (search results carry ids)."""
    with store.read() as session:
        return session.scalar(select(Deal.uuid).where(Deal.id == deal_id, Deal.deleted_at.is_(None)))


# -- reading: one deal -------------------------------------------------------------------------------
@dataclass
class DealDetail:
    """One deal as its editor shows it, with the pipeline's stages to choose from."""

    id: int
    uuid: str
    title: str
    stage_uuid: str
    status: str
    amount: str
    currency: str
    expected_close: str
    owner: str
    contact_name: str
    contact_email: str
    company: str
    lost_reason: str
    created_at: int
    updated_at: int
    stages: list[StageRow]
    history: list[Version] = field(default_factory=list)


def _first_email(session: Session, contact_id: int | None) -> str:
    if not contact_id:
        return ""
    return session.scalar(select(ContactEmail.email).where(ContactEmail.contact_id == contact_id)
                          .order_by(ContactEmail.position, ContactEmail.id).limit(1)) or ""


def deal_detail(store: Store, deal_uuid: str) -> DealDetail:
    """Everything the deal's editor shows, its history included (never writes)."""
    with store.read() as session:
        deal = _live_deal(session, deal_uuid)
        stage = session.get(Stage, deal.stage_id) if deal.stage_id else None
        company = session.get(Company, deal.company_id) if deal.company_id else None
        contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
        return DealDetail(
            deal.id, deal.uuid, deal.title, stage.uuid if stage else "", deal.status, deal.amount or "",
            deal.currency or "", deal.expected_close or "", deal.owner or "", contact.name if contact else "",
            _first_email(session, deal.contact_id), company.name if company else "",
            json.loads(deal.custom or "{}").get("lost_reason", ""), deal.created_at, deal.updated_at,
            _rows(live_stages(session)), _readable_history(session, deal))


_REFERENCE_LABELS = {"stage_id": (Stage, "name"), "company_id": (Company, "name"), "contact_id": (Contact, "name")}


def _readable_history(session: Session, deal: Deal) -> list[Version]:
    """The deal's versions, newest first, references shown by name (a stage, company, contact)."""
    found = versions(session, DEAL, deal)
    names: dict[tuple[str, str], str] = {}
    for version in found:
        for change in version.changes:
            target = _REFERENCE_LABELS.get(change["field"])
            if target is None:
                continue
            model, column = target
            for key in ("old", "new"):
                value = change[key]
                if isinstance(value, str):
                    if (change["field"], value) not in names:
                        names[(change["field"], value)] = session.scalar(
                            select(getattr(model, column)).where(model.uuid == value)) or value
                    change[key] = names[(change["field"], value)]
    return list(reversed(found))


# -- reading: choices and suggestions ----------------------------------------------------------------
@dataclass
class Parties:
    """What the deal editor completes: contacts (name, email, company), companies, owners."""

    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


def parties(store: Store) -> Parties:
    with store.read() as session:
        contacts = session.execute(
            select(Contact.name, ContactEmail.email, Company.name)
            .join(ContactEmail, ContactEmail.contact_id == Contact.id)
            .outerjoin(Company, Company.id == Contact.company_id)
            .where(Contact.deleted_at.is_(None), Contact.merged_into_id.is_(None))
            .order_by(Contact.name, ContactEmail.position))
        companies = session.scalars(select(Company.name).where(Company.deleted_at.is_(None))
                                    .order_by(Company.name))
        owners = session.scalars(select(Deal.owner).where(Deal.owner != "").distinct().order_by(Deal.owner))
        return Parties([(n or "", e, c or "") for n, e, c in contacts], list(companies), list(owners))


def party_of(store: Store, contact_id: int | None = None, company_id: int | None = None) -> tuple[str, str]:
    """(the contact's first address, the company's name) for local ids; "" for none or gone.

    Without a company, the contact's company is given."""
    with store.read() as session:
        contact = session.get(Contact, contact_id) if contact_id else None
        if contact is not None and contact.deleted_at is not None:
            contact = None
        company = session.get(Company, company_id) if company_id else None
        if company is None and contact is not None and contact.company_id:
            company = session.get(Company, contact.company_id)
        if company is not None and company.deleted_at is not None:
            company = None
        return (_first_email(session, contact.id) if contact else "", company.name if company else "")


def _company_currency(session: Session, company: Company | None) -> str:
    if company is None:
        return ""
    for domain in session.scalars(select(CompanyDomain.domain).where(CompanyDomain.company_id == company.id)):
        found = currency_of_domain(domain)
        if found:
            return found
    return ""


def _contact_currency(session: Session, contact: Contact) -> str:
    company = session.get(Company, contact.company_id) if contact.company_id else None
    found = _company_currency(session, company)
    if found:
        return found
    for phone in session.scalars(select(ContactPhone.phone).where(ContactPhone.contact_id == contact.id)
                                 .order_by(ContactPhone.position)):
        found = currency_of_phone(phone)
        if found:
            return found
    for email in session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == contact.id)):
        found = currency_of_domain(email.rpartition("@")[2])
        if found:
            return found
    return ""


def last_used_currency(session: Session) -> str:
    return session.scalar(select(Deal.currency).where(Deal.currency != "")
                          .order_by(Deal.created_at.desc(), Deal.id.desc()).limit(1)) or ""


def suggest_currency(store: Store, company: str = "", contact_email: str = "") -> str:
    """The currency a new deal most likely has: the company's country (its domains' TLD), the
    contact's (their company, phone country, address TLD), else the one used last; "" if none."""
    with store.read() as session:
        found = _company_currency(session, company_by_name(session, company) if company.strip() else None)
        if not found and contact_email.strip():
            contact = contact_by_email(session, contact_email)
            found = _contact_currency(session, contact) if contact is not None else ""
        if not found and company.strip():
            found = currency_of_domain(company.strip())  # a company named by its domain
        return found or last_used_currency(session)


# -- JSON for the CLI and exports ----------------------------------------------------------------------
def deal_json(session: Session, deal: Deal) -> dict:
    stage = session.get(Stage, deal.stage_id) if deal.stage_id else None
    company = session.get(Company, deal.company_id) if deal.company_id else None
    contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
    return {"uuid": deal.uuid, "title": deal.title, "amount": deal.amount, "currency": deal.currency,
            "stage": stage.name if stage else None, "status": deal.status,
            "expected_close": deal.expected_close or None, "owner": deal.owner,
            "company": company.name if company else None, "contact": contact.name if contact else None,
            "lost_reason": json.loads(deal.custom or "{}").get("lost_reason") or None}


def list_deals(store: Store, status: str | None = None) -> list[dict]:
    with store.read() as session:
        query = select(Deal).where(Deal.deleted_at.is_(None))
        if status:
            query = query.where(Deal.status == status)
        return [deal_json(session, d) for d in session.scalars(query.order_by(Deal.updated_at.desc()))]


def count_deals(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Deal).where(Deal.deleted_at.is_(None))) or 0
