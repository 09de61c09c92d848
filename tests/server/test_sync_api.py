"""The sync API against a running server, on PostgreSQL and SQLite: replays, reordered and
partial batches, field-level merging, collisions, sets, tombstones, visibility changes,
schema versions and paging."""

from __future__ import annotations

import uuid

import httpx
import pytest

from server import SCHEMA_VERSION
from server.admin import ops
from server.policy.principal import Principal

pytestmark = pytest.mark.integration


def new_id() -> str:
    return str(uuid.uuid4())


def setter(client, record, field, value, base=None, hlc=None, record_type="contact"):
    return {"id": new_id(), "type": record_type, "record": record, "op": "set", "field": field,
            "value": value, "base": base, "hlc": hlc or client.hlc()}


@pytest.fixture(scope="module")
def people(team_server):
    team_server.team("Sync", "edit")
    team_server.team("Other", "read")
    for email, team, role in (("ann@sync.test", "Sync", "rep"), ("bob@sync.test", "Sync", "rep"),
                              ("cat@sync.test", "Other", "rep"),
                              ("admin@sync.test", "Sync", "admin")):
        team_server.user(email, team, role)
    clients = {name: team_server.sign_in(f"{name}@sync.test", device=f"{name}'s laptop")
               for name in ("ann", "bob", "cat", "admin")}
    clients["server"] = team_server
    yield clients
    for name in ("ann", "bob", "cat", "admin"):
        clients[name].close()


def fields_of(client, record) -> dict:
    return client.get(f"/api/v1/records/{record}").json()["fields"]


def test_a_replayed_batch_changes_nothing_and_gets_the_same_answers(people):
    ann = people["ann"]
    record = new_id()
    batch = [setter(ann, record, "name", "Li Na"), setter(ann, record, "title", "Buyer"),
             {"id": new_id(), "type": "contact", "record": record, "op": "add",
              "field": "tags", "value": "vip", "hlc": ann.hlc()}]
    first = ann.push(*batch)
    revision = ann.get(f"/api/v1/records/{record}").json()["revision"]
    history = ann.get(f"/api/v1/records/{record}/history").json()
    again = ann.push(*batch)
    assert again == first and [r["status"] for r in first] == ["applied"] * 3
    assert ann.get(f"/api/v1/records/{record}").json()["revision"] == revision
    assert ann.get(f"/api/v1/records/{record}/history").json() == history


def test_reordered_batches_land_the_same(people):
    """A field set before the record's explicit create (batches crossed on the wire) creates it;
    the late create changes nothing."""
    ann = people["ann"]
    record = new_id()
    create = {"id": new_id(), "type": "company", "record": record, "op": "create",
              "hlc": ann.hlc()}
    name = setter(ann, record, "name", "华为", record_type="company")
    assert ann.push(name)[0]["status"] == "applied"
    assert ann.push(create)[0]["status"] == "unchanged"
    assert fields_of(ann, record) == {"name": "华为"}


def test_a_partial_batch_then_the_whole_batch(people):
    """The connection dropped after the server applied the first half: re-sending all of it
    applies the rest once."""
    ann = people["ann"]
    record = new_id()
    batch = [setter(ann, record, f, v) for f, v in
             (("name", "Chen Jie"), ("first_name", "Jie"), ("last_name", "Chen"), ("title", "PM"))]
    ann.push(*batch[:2])
    results = ann.push(*batch)
    assert [r["status"] for r in results] == ["applied"] * 4
    assert fields_of(ann, record) == {"name": "Chen Jie", "first_name": "Jie",
                                      "last_name": "Chen", "title": "PM"}
    assert len(ann.get(f"/api/v1/records/{record}/history").json()) == 5  # create + 4 fields


def test_concurrent_edits_of_different_fields_both_survive(people):
    ann, bob = people["ann"], people["bob"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Wu Fang"), setter(ann, record, "title", "Buyer"))
    versions = ann.get(f"/api/v1/records/{record}").json()["versions"]
    ann.push(setter(ann, record, "title", "Head buyer", base=versions["title"]["v"]))
    [bob_result] = bob.push(setter(bob, record, "name", "Wu Fang (吴芳)",
                                   base=versions["name"]["v"]))
    assert bob_result["status"] == "applied"
    assert fields_of(ann, record) == {"name": "Wu Fang (吴芳)", "title": "Head buyer"}


@pytest.mark.parametrize("order", ["ann first", "bob first"])
def test_a_collision_resolves_the_same_in_any_order_and_loses_nothing(people, order):
    ann, bob = people["ann"], people["bob"]
    record = new_id()
    ann.push(setter(ann, record, "title", "Buyer"))
    ann_edit = setter(ann, record, "title", "Ann's title", base=1, hlc=ann.hlc(2_000_000_000_000))
    bob_edit = setter(bob, record, "title", "Bob's title", base=1, hlc=bob.hlc(2_000_000_000_001))
    first, second = (ann, ann_edit), (bob, bob_edit)
    if order == "bob first":
        first, second = second, first
    assert first[0].push(first[1])[0]["status"] == "applied"
    assert second[0].push(second[1])[0]["status"] == "conflict"
    assert fields_of(ann, record)["title"] == "Bob's title"  # the later clock, either way
    lost = [h for h in ann.get(f"/api/v1/records/{record}/history").json()
            if h["new"] == "Ann's title"]
    assert lost, "the losing value is kept in the record's history"
    for client in (ann, bob):  # both people involved are told
        mine = [c for c in client.get("/api/v1/conflicts").json() if c["record"] == record]
        assert [(c["kept"], c["lost"]) for c in mine] == [("Bob's title", "Ann's title")]
        assert mine[0]["kept_by"] == "bob@sync.test" and mine[0]["lost_by"] == "ann@sync.test"


def test_conflicts_arrive_in_the_pull_of_both_people(people):
    ann, bob = people["ann"], people["bob"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Zhou"))
    cursors = {c.email: c.pull_all()["cursor"] for c in (ann, bob)}
    ann.push(setter(ann, record, "name", "Zhou Min", base=1))
    bob.push(setter(bob, record, "name", "Zhou Ming", base=1))
    for client in (ann, bob):
        conflicts = client.pull_all(cursors[client.email])["conflicts"]
        assert [(c["record"], c["field"]) for c in conflicts] == [(record, "name")]
    assert people["cat"].pull_all()["conflicts"] == []


def test_a_device_editing_its_own_field_twice_offline_is_no_collision(people):
    ann = people["ann"]
    record = new_id()
    ann.push(setter(ann, record, "title", "A"))
    results = ann.push(setter(ann, record, "title", "B", base=1),
                       setter(ann, record, "title", "C", base=1))
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert fields_of(ann, record)["title"] == "C"


def test_a_person_may_clear_a_field(people):
    ann = people["ann"]
    record = new_id()
    ann.push(setter(ann, record, "title", "Buyer"))
    ann.push(setter(ann, record, "title", None, base=1))
    assert "title" not in fields_of(ann, record) or fields_of(ann, record)["title"] is None


def test_sets_merge_adds_and_removes_from_two_devices(people):
    ann, bob = people["ann"], people["bob"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Sun Li"),
             *[{"id": new_id(), "type": "contact", "record": record, "op": "add",
                "field": "emails", "value": e, "hlc": ann.hlc()}
               for e in ("sun@a.cn", "sun.li@b.cn")])
    ann.push({"id": new_id(), "type": "contact", "record": record, "op": "remove",
              "field": "emails", "value": "sun@a.cn", "hlc": ann.hlc()})
    bob.push({"id": new_id(), "type": "contact", "record": record, "op": "add",
              "field": "emails", "value": "Li.Sun@C.cn", "hlc": bob.hlc()})
    assert sorted(fields_of(bob, record)["emails"]) == ["li.sun@c.cn", "sun.li@b.cn"]


def test_delete_is_a_tombstone_an_admin_can_undo(people):
    ann, bob, admin = people["ann"], people["bob"], people["admin"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Gone Soon"))
    cursor = bob.pull_all()["cursor"]
    ann.push({"id": new_id(), "type": "contact", "record": record, "op": "delete",
              "hlc": ann.hlc()})
    pulled = bob.pull_all(cursor)["records"][record]
    assert pulled["deleted"] is True
    # An edit that crossed the delete is kept with the tombstone, not thrown away.
    [late] = bob.push(setter(bob, record, "title", "edited offline"))
    assert late["status"] == "deleted"
    assert admin.post(f"/api/v1/admin/records/{record}/restore").status_code == 200
    assert fields_of(ann, record) == {"name": "Gone Soon", "title": "edited offline"}


def test_records_that_leave_ones_view_are_reported_gone(people):
    ann, bob = people["ann"], people["bob"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Private soon"))
    cursor = bob.pull_all()["cursor"]
    assert ann.post(f"/api/v1/records/{record}/share",
                    json={"sharing": "private"}).status_code == 200
    after = bob.pull_all(cursor)
    assert record in after["gone"] and record not in after["records"]
    # Someone who never had it is not told it exists.
    assert record not in people["cat"].pull_all()["gone"]
    ann.post(f"/api/v1/records/{record}/share", json={"sharing": "team"})
    assert record in bob.pull_all(after["cursor"])["records"]


def test_hand_over_moves_records_to_the_colleague(people):
    ann, cat, server = people["ann"], people["cat"], people["server"]
    server.user("leaver@sync.test", "Sync", "rep")
    leaver = server.sign_in("leaver@sync.test")
    records = [new_id() for _ in range(3)]
    leaver.push(*[setter(leaver, r, "name", f"Leaver's customer {i}")
                  for i, r in enumerate(records)])
    cat_cursor = cat.pull_all()["cursor"]
    ann_cursor = ann.pull_all()["cursor"]
    with server.db.write() as tx:
        ops.revoke_user(tx, Principal.server_admin(), "leaver@sync.test")
        assert ops.hand_over(tx, Principal.server_admin(), "leaver@sync.test",
                             "cat@sync.test") == 3
    assert leaver.get("/api/v1/me").status_code == 401
    got = cat.pull_all(cat_cursor)["records"]
    assert set(records) <= set(got)
    assert {got[r]["owner"]["email"] for r in records} == {"cat@sync.test"}
    # They moved to cat's team (read-only to others there), out of ann's.
    assert set(records) <= set(ann.pull_all(ann_cursor)["gone"])


def test_one_schema_version_behind_keeps_working_older_is_told_to_update(people):
    server, ann = people["server"], people["ann"]
    record = new_id()
    ann.push(setter(ann, record, "title", "Rollout", record_type="deal"),
             setter(ann, record, "loss_reason", "price", record_type="deal"))
    old = server.sign_in("ann@sync.test", device="old laptop", schema=SCHEMA_VERSION - 1)
    assert "loss_reason" not in old.pull_all()["records"][record]["fields"]
    [refused] = old.push(setter(old, record, "loss_reason", "timing", record_type="deal"))
    assert refused["status"] == "invalid"
    assert old.push(setter(old, record, "title", "Rollout 2", base=1,
                           record_type="deal"))[0]["status"] == "applied"
    assert fields_of(ann, record)["loss_reason"] == "price"  # the old client cleared nothing
    too_old = httpx.get(f"{server.base_url}/api/v1/sync/pull", headers={
        "Authorization": f"Bearer {ann.token}", "X-Liaison-Schema": str(SCHEMA_VERSION - 2)})
    assert too_old.status_code == 426 and "update" in too_old.json()["detail"]


def test_paging_delivers_every_record_once(people, team_server):
    team_server.team("Pages", "read")  # alone in it: sees only their own records
    team_server.user("pager@sync.test", "Pages", "rep")
    pager = team_server.sign_in("pager@sync.test")
    records = [new_id() for _ in range(1000)]
    pager.push(*[setter(pager, r, "name", f"Paged {i}") for i, r in enumerate(records)])
    seen, cursor, pages = [], None, 0
    while True:
        page = pager.get("/api/v1/sync/pull", params={"limit": 300,
                                                      **({"cursor": cursor} if cursor else {})}
                         ).json()
        seen += [r["uuid"] for r in page["records"]]
        cursor, pages = page["cursor"], pages + 1
        if not page["more"]:
            break
    assert pages == 4 and sorted(seen) == sorted(records)
    empty = pager.get("/api/v1/sync/pull", params={"cursor": cursor}).json()
    assert empty["records"] == [] and empty["cursor"] == cursor
    bad = pager.get("/api/v1/sync/pull", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 400


def test_bad_mutations_get_one_clear_answer_each(people):
    ann = people["ann"]
    record = new_id()
    results = ann.push(
        setter(ann, record, "name", "Fine"),
        setter(ann, record, "amount", "12"),  # a contact has no amount
        setter(ann, record, "title", "X", hlc="yesterday"),
        setter(ann, record, "title", "X", base=99),
        {"id": new_id(), "type": "deal", "record": record, "op": "set", "field": "title",
         "value": "type mismatch", "hlc": ann.hlc()},
        setter(ann, new_id(), "emails", "x@y.cn"))  # a set field takes add/remove
    assert [r["status"] for r in results] == ["applied"] + ["invalid"] * 5
    assert all(r.get("message") for r in results[1:])
    assert fields_of(ann, record) == {"name": "Fine"}


def test_a_create_carries_initial_values_only_when_it_makes_the_record(people):
    """Records every device makes alike (the default pipeline, a custom field keyed by name):
    the first create fills them; a later one, from anyone, resets nothing and raises no conflict."""
    ann, bob = people["ann"], people["bob"]
    stage = new_id()
    first = ann.push({"id": new_id(), "type": "stage", "record": stage, "op": "create",
                      "value": {"name": "Qualified", "position": 1, "outcome": "open"}, "hlc": ann.hlc()})
    assert [r["status"] for r in first] == ["applied"]
    assert fields_of(ann, stage) == {"name": "Qualified", "position": 1, "outcome": "open"}
    # Renaming it before ever pulling it (base 0) overwrites a default, nobody's words: no conflict.
    assert [r["status"] for r in bob.push(setter(bob, stage, "name", "Qualified lead", base=0,
                                                 record_type="stage"))] == ["applied"]
    assert [r["status"] for r in ann.push(setter(ann, stage, "name", "已确认", base=2,
                                                 record_type="stage"))] == ["applied"]
    late = bob.push({"id": new_id(), "type": "stage", "record": stage, "op": "create",
                     "value": {"name": "Qualified", "position": 1, "outcome": "open"}, "hlc": bob.hlc()})
    assert [r["status"] for r in late] == ["unchanged"]
    assert fields_of(bob, stage)["name"] == "已确认"
    assert not [c for c in bob.get("/api/v1/conflicts").json() if c["record"] == stage]
    bad = ann.push({"id": new_id(), "type": "stage", "record": new_id(), "op": "create",
                    "value": {"outcome": "maybe"}, "hlc": ann.hlc()})
    assert bad[0]["status"] == "invalid" and "outcome" in bad[0]["message"]


def test_definitions_are_everyones_to_see_and_edit_but_not_to_delete(people):
    """A stage made by ann (team Sync) is seen and renamed by cat (team Other, a rep), who may not
    delete it; a contact of ann's stays invisible to cat."""
    ann, cat = people["ann"], people["cat"]
    stage, contact = new_id(), new_id()
    ann.push(setter(ann, stage, "name", "Trial", record_type="stage"), setter(ann, contact, "name", "Hidden"))
    assert cat.get(f"/api/v1/records/{contact}").status_code == 404
    seen = cat.get(f"/api/v1/records/{stage}").json()
    assert seen["fields"]["name"] == "Trial" and seen["can_edit"] and not seen["can_manage"]
    assert cat.push(setter(cat, stage, "name", "试用", base=1, record_type="stage"))[0]["status"] == "applied"
    refused = cat.push({"id": new_id(), "type": "stage", "record": stage, "op": "delete", "hlc": cat.hlc()})
    assert refused[0]["status"] == "read_only"
    assert fields_of(ann, stage)["name"] == "试用"


def test_a_mail_body_is_refused_where_the_team_does_not_share_bodies(people):
    """The team policy is the server's to enforce: a client that sends a body anyway stores
    metadata only (a create's body is dropped, a set answers read_only)."""
    ann = people["ann"]
    link = new_id()
    ann.push({"id": new_id(), "type": "message_link", "record": link, "op": "create",
              "value": {"message_key": "<x@y>", "subject": "报价", "body": "全文"}, "hlc": ann.hlc()})
    assert fields_of(ann, link) == {"message_key": "<x@y>", "subject": "报价"}
    refused = ann.push(setter(ann, link, "body", "全文", base=0, record_type="message_link"))
    assert refused[0]["status"] == "read_only" and "policy" in refused[0]["message"]
    history = ann.get(f"/api/v1/records/{link}/history").json()
    assert "全文" not in str(history)


def test_a_record_given_to_a_colleague_changes_owner_and_team(people):
    ann, bob, cat = people["ann"], people["bob"], people["cat"]
    record = new_id()
    ann.push(setter(ann, record, "name", "Given away"))
    assert bob.post(f"/api/v1/records/{record}/owner", json={"email": "cat@sync.test"}).status_code == 403
    assert ann.post(f"/api/v1/records/{record}/owner", json={"email": "nobody@sync.test"}).status_code == 400
    assert ann.post(f"/api/v1/records/{record}/owner", json={"email": "Cat@Sync.test"}).status_code == 204
    seen = cat.get(f"/api/v1/records/{record}").json()
    assert (seen["owner"]["email"], seen["team"]["name"], seen["can_manage"]) == ("cat@sync.test", "Other", True)
    assert ann.get(f"/api/v1/records/{record}").status_code == 404  # team Other shares read with its own only
    audit = people["admin"].get("/api/v1/admin/audit", params={"record": record}).json()
    assert any(row["action"] == "owner" for row in audit)
