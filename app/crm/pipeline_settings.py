"""Editing the pipeline's stages as a whole: reorder, outcome, remove, and a plan applied at once.

:mod:`app.crm.deals` adds and renames stages; the Settings window edits a copy of the list
(add, rename, move, outcome, remove) and hands the finished list over as a *plan*:
:func:`check_plan` says what is wrong with it in one sentence, :func:`apply_plan` makes the
pipeline look like it.  Deals follow their stage: a stage that becomes "won" or "lost"
closes its deals that way (recorded in each deal's history), and a stage that still holds
deals cannot be removed.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select

from app.crm.deals import DEAL, STAGE, add_stage, pipeline_stages, rename_stage, stages
from app.crm.records import apply_changes, soft_delete
from app.settings.checks import QT_TRANSLATE_NOOP, InvalidSetting
from app.store.crm_models import Deal, Stage
from app.store.database import Store
from app.store.writer import writes

OUTCOMES = ("open", "won", "lost")
OUTCOME_LABELS = {
    "open": QT_TRANSLATE_NOOP("settings", "Open"),
    "won": QT_TRANSLATE_NOOP("settings", "Won"),
    "lost": QT_TRANSLATE_NOOP("settings", "Lost"),
}

NAME_EMPTY = QT_TRANSLATE_NOOP("errors", "A stage needs a name.")
NAME_TAKEN = QT_TRANSLATE_NOOP("errors", "There is already a stage called '{name}'.")
NOT_AN_OUTCOME = QT_TRANSLATE_NOOP("errors", "'{value}' is not an outcome (open, won or lost).")
HAS_DEALS = QT_TRANSLATE_NOOP("errors", "Stage '{name}' still holds {count} deal(s): move them to another "
                                          "stage first.")
LAST_STAGE = QT_TRANSLATE_NOOP("errors", "The pipeline needs at least one stage.")
UNKNOWN_STAGE = QT_TRANSLATE_NOOP("errors", "The stage '{name}' no longer exists; open Settings again.")


class StageInfo(NamedTuple):
    """A stage as the editor shows it; ``uuid`` is ``None`` for one not added yet."""

    uuid: str | None
    name: str
    outcome: str
    deals: int = 0  # live deals in it


@writes
def stage_overview(store: Store) -> list[StageInfo]:
    """The default pipeline's stages in order with their live deals counted (made on first use)."""
    rows = pipeline_stages(store)
    with store.read() as session:
        counts = dict(session.execute(select(Deal.stage_id, func.count()).where(Deal.deleted_at.is_(None))
                                      .group_by(Deal.stage_id)).all())
    return [StageInfo(row.uuid, row.name, row.outcome, counts.get(row.id, 0)) for row in rows]


def check_name(name: str, others: list[str]) -> str:
    """``name`` trimmed, or :class:`InvalidSetting` if it is empty or another stage has it."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidSetting(NAME_EMPTY, key="pipeline_stages", code="settings.stage_name_empty")
    if name.casefold() in {other.casefold() for other in others}:
        raise InvalidSetting(NAME_TAKEN, key="pipeline_stages", code="settings.stage_name_taken", name=name)
    return name


def check_removal(stage: StageInfo, remaining: int) -> None:
    """Refuse to remove a stage that holds deals, or the last one."""
    if stage.deals:
        raise InvalidSetting(HAS_DEALS, key="pipeline_stages", code="settings.stage_has_deals",
                             name=stage.name, count=stage.deals)
    if remaining < 1:
        raise InvalidSetting(LAST_STAGE, key="pipeline_stages", code="settings.last_stage")


def check_plan(current: list[StageInfo], plan: list[StageInfo]) -> list[StageInfo]:
    """The plan with names trimmed; :class:`InvalidSetting` for the first thing wrong with it."""
    checked: list[StageInfo] = []
    for stage in plan:
        if stage.outcome not in OUTCOMES:
            raise InvalidSetting(NOT_AN_OUTCOME, key="pipeline_stages", code="settings.not_an_outcome",
                                 value=stage.outcome)
        name = check_name(stage.name, [s.name for s in checked])
        checked.append(stage._replace(name=name))
    kept = {s.uuid for s in checked if s.uuid}
    for stage in current:
        if stage.uuid not in kept:
            check_removal(stage, len(checked))
    return checked


@writes
def apply_plan(store: Store, plan: list[StageInfo]) -> bool:
    """Make the default pipeline's stages those of ``plan``, in its order; True if anything changed.

    Stages with a UUID are kept (renamed, moved, outcome changed), those without are added,
    stages missing from the plan are removed.  Runs on the writer thread, so nothing else
    writes between its steps.
    """
    current = stage_overview(store)
    plan = check_plan(current, plan)
    known = {s.uuid: s for s in current}
    for stage in plan:
        if stage.uuid and stage.uuid not in known:
            raise InvalidSetting(UNKNOWN_STAGE, key="pipeline_stages", code="settings.unknown_stage", name=stage.name)
    changed = False
    for stage in current:
        if stage.uuid not in {s.uuid for s in plan}:
            remove_stage(store, stage.uuid)
            changed = True
    order: list[str] = []
    for stage in plan:
        before = known.get(stage.uuid) if stage.uuid else None
        if before is None:
            order.append(add_stage(store, stage.name, stage.outcome))
            changed = True
            continue
        if before.name != stage.name:
            rename_stage(store, stage.uuid, stage.name)
            changed = True
        if before.outcome != stage.outcome:
            set_stage_outcome(store, stage.uuid, stage.outcome)
            changed = True
        order.append(stage.uuid)
    return reorder_stages(store, order) or changed


@writes
def reorder_stages(store: Store, uuids: list[str]) -> bool:
    """Put the stages in the order of ``uuids`` (stages not named keep their place after them)."""
    with store.write() as session:
        existing = stages(session)
        by_uuid = {s.uuid: s for s in existing}
        ordered = [by_uuid[u] for u in uuids if u in by_uuid]
        ordered += [s for s in existing if s.uuid not in set(uuids)]
        changed = False
        for position, stage in enumerate(ordered):
            changed |= bool(apply_changes(session, STAGE, stage, {"position": position}, "local"))
        return changed


@writes
def move_stage(store: Store, stage_uuid: str, index: int) -> None:
    """Move one stage to ``index`` (0 is first)."""
    order = [s.uuid for s in pipeline_stages(store)]
    order.remove(stage_uuid)
    order.insert(max(0, min(index, len(order))), stage_uuid)
    reorder_stages(store, order)


@writes
def set_stage_outcome(store: Store, stage_uuid: str, outcome: str, origin: str = "local") -> None:
    """Whether a stage means open, won or lost; its live deals follow (each change in their history)."""
    if outcome not in OUTCOMES:
        raise InvalidSetting(NOT_AN_OUTCOME, key="pipeline_stages", code="settings.not_an_outcome", value=outcome)
    with store.write() as session:
        stage = session.scalar(select(Stage).where(Stage.uuid == stage_uuid))
        apply_changes(session, STAGE, stage, {"outcome": outcome}, origin)
        for deal in session.scalars(select(Deal).where(Deal.stage_id == stage.id, Deal.deleted_at.is_(None))):
            apply_changes(session, DEAL, deal, {"status": outcome}, origin)


@writes
def remove_stage(store: Store, stage_uuid: str) -> None:
    """Remove an empty stage; one that holds deals, or the last one, is refused."""
    current = stage_overview(store)
    stage = next((s for s in current if s.uuid == stage_uuid), None)
    if stage is None:
        return
    check_removal(stage, len(current) - 1)
    with store.write() as session:
        # A tombstone, not a removal: the team sync pushes the delete, and old deals' history
        # still names the stage.
        soft_delete(session, STAGE, session.scalar(select(Stage).where(Stage.uuid == stage_uuid)))
        for position, other in enumerate(stages(session)):
            apply_changes(session, STAGE, other, {"position": position}, "local")
