"""Editing the pipeline's stages from Settings: add, rename, reorder, outcome, remove, as one plan."""

from __future__ import annotations

import pytest

from app.crm import pipeline_settings as ps
from app.crm.deals import add_deal, list_deals, pipeline_stages
from app.settings import InvalidSetting


def names(store) -> list[str]:
    return [f"{s.name} ({s.outcome})" for s in pipeline_stages(store)]


def test_a_plan_adds_renames_reorders_and_changes_outcomes(store):
    current = ps.stage_overview(store)
    lead, qualified, proposal, negotiation, won, lost = current
    plan = [lead._replace(name=" 线索 "), ps.StageInfo(None, "谈判", "open"), proposal, qualified,
            negotiation._replace(outcome="won"), won, lost]
    assert ps.apply_plan(store, plan) is True
    assert names(store) == ["线索 (open)", "谈判 (open)", "Proposal (open)", "Qualified (open)",
                            "Negotiation (won)", "Won (won)", "Lost (lost)"]
    assert ps.apply_plan(store, ps.stage_overview(store)) is False  # the same list again: nothing to do


def test_deals_follow_their_stage_outcome(store):
    add_deal(store, "年度合同", stage="Negotiation")
    assert ps.stage_overview(store)[3].deals == 1
    negotiation = ps.stage_overview(store)[3]
    ps.set_stage_outcome(store, negotiation.uuid, "lost")
    assert [d["status"] for d in list_deals(store)] == ["lost"]


def test_a_stage_holding_deals_or_the_last_stage_cannot_be_removed(store):
    add_deal(store, "年度合同", stage="Lead")
    current = ps.stage_overview(store)
    with pytest.raises(InvalidSetting, match="Stage 'Lead' still holds 1 deal"):
        ps.apply_plan(store, current[1:])
    ps.apply_plan(store, current[:1])  # every empty stage removed
    assert names(store) == ["Lead (open)"]
    with pytest.raises(InvalidSetting, match="needs at least one stage"):
        ps.check_plan([s._replace(deals=0) for s in ps.stage_overview(store)], [])


@pytest.mark.parametrize("name, phrase", [("  ", "A stage needs a name."),
                                          ("lead", "There is already a stage called 'lead'.")])
def test_stage_names_must_be_there_and_distinct(store, name, phrase):
    current = ps.stage_overview(store)
    with pytest.raises(InvalidSetting) as refused:
        ps.apply_plan(store, current + [ps.StageInfo(None, name, "open")])
    assert str(refused.value) == phrase
    assert len(pipeline_stages(store)) == len(current)


def test_move_and_remove_one_stage(store):
    current = ps.stage_overview(store)
    ps.move_stage(store, current[-1].uuid, 0)
    assert names(store)[0] == "Lost (lost)"
    ps.remove_stage(store, current[-1].uuid)
    assert names(store) == ["Lead (open)", "Qualified (open)", "Proposal (open)", "Negotiation (open)", "Won (won)"]
    assert [s.name for s in ps.stage_overview(store)] == [s.name for s in pipeline_stages(store)]
    with pytest.raises(InvalidSetting, match="not an outcome"):
        ps.set_stage_outcome(store, current[0].uuid, "maybe")
