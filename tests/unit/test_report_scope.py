"""What reports cover: an owner (the local label or the team's owner), a team, a customer's
tag, and for a rep signed in to a team only their own records."""

from __future__ import annotations

from datetime import date

from app.crm.customers import ContactInput, add_contact
from app.crm.deals import add_deal
from app.reports.catalogue import REPORTS
from app.reports.table import Filters
from app.store.team_models import TeamRecord
from app.sync import state


def _pipeline_titles(store, **filters) -> int:
    report = REPORTS["pipeline"](store, Filters(today=date(2026, 11, 30), **filters))
    return sum(row["deals"] for row in report.rows)


def _team_record(store, record_uuid: str, owner: str, team: str) -> None:
    def write(session):
        session.add(TeamRecord(record_uuid=record_uuid, record_type="deal", owner_email=owner, owner_name=owner,
                               team_name=team, sharing="read"))
    with store.writer.waiting_allowed():
        store.write_with(write)


def test_owner_team_and_tag_narrow_deal_reports(store):
    add_contact(store, ContactInput(name="王经理", emails=["wang@huaxin.cn"], tags=["VIP", "华东"]))
    add_contact(store, ContactInput(name="Anna", emails=["anna@nordwind.de"], tags=["EU"]))
    mine = add_deal(store, "华信", contact_email="wang@huaxin.cn", amount="100", currency="CNY", owner="me@x.cn")
    theirs = add_deal(store, "Nordwind", contact_email="anna@nordwind.de", amount="200", currency="EUR")
    _team_record(store, theirs, "amy@team.cn", "Europe")

    assert _pipeline_titles(store) == 2
    assert _pipeline_titles(store, tag="VIP") == 1 and _pipeline_titles(store, tag="华东") == 1
    assert _pipeline_titles(store, tag="V") == 0  # a whole tag, not part of one
    assert _pipeline_titles(store, team="Europe") == 1 and _pipeline_titles(store, team="Asia") == 0
    assert _pipeline_titles(store, owner="amy@team.cn") == 1 and _pipeline_titles(store, owner="me@x.cn") == 1
    stale = REPORTS["stale-customers"](store, Filters(today=date(2026, 11, 30), tag="EU"))
    assert [row["name"] for row in stale.rows] == ["Anna"]
    assert [(kind, label) for kind, _id, label in stale.behind(0)] == [("contact", "Anna")]
    pipeline = REPORTS["pipeline"](store, Filters(today=date(2026, 11, 30)))
    assert sorted(label for row in range(len(pipeline.rows)) for _k, _i, label in pipeline.behind(row)) == \
        ["Nordwind", "华信"]


def test_a_rep_sees_their_own_records_in_reports_a_manager_the_teams(store):
    add_contact(store, ContactInput(name="王经理", emails=["wang@huaxin.cn"]))
    own = add_deal(store, "Mine", contact_email="wang@huaxin.cn", amount="1", currency="CNY")
    colleague = add_deal(store, "Colleague's", contact_email="wang@huaxin.cn", amount="2", currency="CNY")
    _team_record(store, own, "rep@team.cn", "Sales")
    _team_record(store, colleague, "amy@team.cn", "Sales")

    def signed_in(role):
        with store.writer.waiting_allowed():
            store.write_with(lambda s: (state.put(s, "role", role), state.put(s, "email", "rep@team.cn")))

    signed_in("manager")
    assert _pipeline_titles(store) == 2
    signed_in("rep")
    assert _pipeline_titles(store) == 1
