"""The team server's history made into versions, and a field's value at a version (no server:
entries shaped as ``GET /api/v1/records/{uuid}/history`` answers them)."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.sync.history import team_versions, values_at

ANN, BOB = "dev-ann-0000-0000", "dev-bob-1111-1111"
COMPANY = "0b6c2d1e-0000-4000-8000-000000000001"


def entry(revision, field, op, old, new, device=ANN, user="ann@x.test", outcome="applied"):
    return {"revision": revision, "field": field, "op": op, "old": old, "new": new,
            "hlc": f"1796025479257:00000:{device}", "user": user, "device_id": device,
            "at": "2026-11-30T10:00:00+00:00", "outcome": outcome}


HISTORY = [
    entry(1, "*", "create", None, None),
    entry(1, "name", "set", None, "王芳"),
    entry(1, "title", "set", None, "采购"),
    entry(1, "emails", "add", [], "wang@client.cn"),
    entry(2, "title", "set", "采购", "采购总监", BOB, "bob@x.test"),
    entry(2, "company", "set", None, COMPANY, BOB, "bob@x.test"),
    entry(3, "title", "set", "采购总监", "采购经理", outcome="lost"),
    entry(3, "emails", "add", ["wang@client.cn"], "fang@client.cn"),
    entry(4, "emails", "remove", ["wang@client.cn", "fang@client.cn"], "wang@client.cn", BOB, "bob@x.test"),
    entry(4, "loss_reason", "set", None, "not a contact field"),  # a field this client does not keep
]


def test_versions_are_grouped_by_revision_with_who_which_device_and_lost_values():
    versions = team_versions("contact", HISTORY, this_device=ANN)
    assert [(v.number, v.revision, v.user, v.this_device) for v in versions] == [
        (1, 1, "ann@x.test", True), (2, 2, "bob@x.test", False), (3, 3, "ann@x.test", True),
        (4, 4, "bob@x.test", False)]
    assert [c.field for c in versions[1].changes] == ["title", "company_id"]  # local names
    lost = versions[2].changes[0]
    assert (lost.field, lost.new, lost.lost) == ("title", "采购经理", True)
    assert not versions[2].all_lost and versions[2].changes[1].op == "add"
    assert [c.field for c in versions[3].changes] == ["emails"]  # loss_reason is not kept here
    assert versions[0].key == "team:1" and versions[0].as_json()["version"] == 1


def test_values_at_a_version():
    versions = team_versions("contact", HISTORY)
    assert values_at(versions, 1) == {"name": "王芳", "title": "采购", "emails": ["wang@client.cn"],
                                      "company_id": None}  # set only later: empty then
    assert values_at(versions, 2)["title"] == "采购总监"
    # The version whose value lost: restoring it brings that value back.
    assert values_at(versions, 3) == {"name": "王芳", "title": "采购经理", "company_id": COMPANY,
                                      "emails": ["wang@client.cn", "fang@client.cn"]}
    # A later version does not take an earlier lost value.
    assert values_at(versions, 4)["title"] == "采购总监"
    assert values_at(versions, 4)["emails"] == ["fang@client.cn"]
    with pytest.raises(UserFacingError):
        values_at(versions, 9)
