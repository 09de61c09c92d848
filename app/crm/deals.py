"""Deals and their pipeline (stages are user data: added, renamed, reordered per profile)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crm.customers import company_by_name, contact_by_email
from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, create, new_uuid
from app.crm.validation import InvalidValue
from app.errors import UserFacingError
from app.store.crm_models import Company, Contact, Deal, Pipeline, Stage
from app.store.database import Store
from app.store.writer import writes

DEAL = RECORD_TYPES["deal"]
DEFAULT_STAGES = (("Lead", "open"), ("Qualified", "open"), ("Proposal", "open"), ("Negotiation", "open"),
                  ("Won", "won"), ("Lost", "lost"))


def default_pipeline(session: Session) -> Pipeline:
    """The first pipeline, created with the usual stages the first time deals are used."""
    pipeline = session.scalar(select(Pipeline).order_by(Pipeline.position, Pipeline.id).limit(1))
    if pipeline is None:
        pipeline = Pipeline(uuid=new_uuid(), name="Sales", position=0)
        session.add(pipeline)
        session.flush()
        for position, (name, outcome) in enumerate(DEFAULT_STAGES):
            session.add(Stage(uuid=new_uuid(), pipeline_id=pipeline.id, name=name, position=position,
                              outcome=outcome))
        session.flush()
    return pipeline


def stages(session: Session, pipeline: Pipeline | None = None) -> list[Stage]:
    pipeline = pipeline or default_pipeline(session)
    return list(session.scalars(select(Stage).where(Stage.pipeline_id == pipeline.id)
                                .order_by(Stage.position, Stage.id)))


def stage_named(session: Session, name: str) -> Stage:
    for stage in stages(session):
        if stage.name.lower() == name.strip().lower():
            return stage
    names = ", ".join(s.name for s in stages(session))
    raise InvalidValue(f"no stage called '{name}' (stages: {names})")


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


@writes
def pipeline_stages(store: Store) -> list[StageRow]:
    """The default pipeline's stages in order; the pipeline is made on first use."""
    with store.write() as session:
        return [StageRow(s.id, s.uuid, s.name, s.outcome) for s in stages(session)]


def board(store: Store) -> list[tuple[StageRow, list[dict]]]:
    """Every stage of the default pipeline with its live deals, most recently changed first."""
    columns = []
    for stage in pipeline_stages(store):
        with store.read() as session:
            columns.append((stage, [deal_json(session, d) for d in session.scalars(
                select(Deal).where(Deal.stage_id == stage[0], Deal.deleted_at.is_(None))
                .order_by(Deal.updated_at.desc()))]))
    return columns


@writes
def add_stage(store: Store, name: str, outcome: str = "open", position: int | None = None) -> str:
    with store.write() as session:
        existing = stages(session)
        pipeline_id = existing[0].pipeline_id if existing else default_pipeline(session).id
        index = len(existing) if position is None else max(0, min(position, len(existing)))
        for stage in existing[index:]:
            stage.position += 1
        stage = Stage(uuid=new_uuid(), pipeline_id=pipeline_id, name=name.strip(), position=index,
                      outcome=outcome)
        session.add(stage)
        return stage.uuid


@writes
def rename_stage(store: Store, stage_uuid: str, name: str) -> None:
    with store.write() as session:
        session.scalar(select(Stage).where(Stage.uuid == stage_uuid)).name = name.strip()


def normalise_amount(text: str) -> str:
    """A decimal string ("12000.50"); thousands separators and currency signs are removed."""
    cleaned = (text or "").strip().replace(",", "").replace("，", "").lstrip("¥$€£ ").strip()
    if not cleaned:
        return ""
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(f"'{text}' is not an amount") from None
    if value < 0:
        raise InvalidValue("an amount cannot be negative")
    return format(value.normalize(), "f")


@writes
def add_deal(store: Store, title: str, contact_email: str = "", company: str = "", amount: str = "",
             currency: str = "", stage: str = "", expected_close: str = "", owner: str = "",
             origin: str = "local") -> str:
    from app.crm.settings import get_setting

    if not title.strip():
        raise InvalidValue("a deal needs a title")
    amount_value = normalise_amount(amount)
    with store.write() as session:
        contact = contact_by_email(session, contact_email) if contact_email else None
        if contact_email and contact is None:
            raise UserFacingError(f"No contact with the address {contact_email}.")
        company_row = company_by_name(session, company) if company else None
        if company and company_row is None:
            raise UserFacingError(f"No company called {company}.")
        if company_row is None and contact is not None and contact.company_id:
            company_row = session.get(Company, contact.company_id)
        chosen = stage_named(session, stage) if stage else stages(session)[0]
        deal = create(session, DEAL, {
            "title": title.strip(), "contact_id": contact.id if contact else None,
            "company_id": company_row.id if company_row else None, "stage_id": chosen.id,
            "amount": amount_value, "currency": (currency or get_setting(store, "default_currency")).upper(),
            "expected_close": expected_close, "owner": owner, "status": chosen.outcome}, origin)
        return deal.uuid


@writes
def move_deal(store: Store, deal_uuid: str, stage_uuid: str, origin: str = "local") -> None:
    """Put a deal in another stage; moving to a won/lost stage closes it that way."""
    with store.write() as session:
        deal = by_uuid(session, DEAL, deal_uuid)
        stage = session.scalar(select(Stage).where(Stage.uuid == stage_uuid))
        apply_changes(session, DEAL, deal, {"stage_id": stage.id, "status": stage.outcome}, origin)


def deal_json(session: Session, deal: Deal) -> dict:
    stage = session.get(Stage, deal.stage_id) if deal.stage_id else None
    company = session.get(Company, deal.company_id) if deal.company_id else None
    contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
    return {"uuid": deal.uuid, "title": deal.title, "amount": deal.amount, "currency": deal.currency,
            "stage": stage.name if stage else None, "status": deal.status,
            "expected_close": deal.expected_close or None, "owner": deal.owner,
            "company": company.name if company else None, "contact": contact.name if contact else None}


def list_deals(store: Store, status: str | None = None) -> list[dict]:
    with store.read() as session:
        query = select(Deal).where(Deal.deleted_at.is_(None))
        if status:
            query = query.where(Deal.status == status)
        return [deal_json(session, d) for d in session.scalars(query.order_by(Deal.updated_at.desc()))]
