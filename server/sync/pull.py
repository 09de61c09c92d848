"""Pull: everything that changed since the device's cursor, as that person may see it.

Pages are ordered by (revision, uuid). The revision ceiling is read first; because writes
commit in revision order (see ``server.db.database``), every revision up to it is committed,
so a page never skips a change that commits later.

"Gone": a record the device was sent before and may no longer see (hand-over, a sharing or role
change, a field rule) is reported by uuid so the client can drop it. Which records a device
has been sent is kept in ``device_records``, so other devices learn nothing of records they
never saw. Permission changes bump the revision of the records they affect, which is what
brings those records back into a pull.
"""

from __future__ import annotations

import json

import orjson
from sqlalchemy import (String, Text, and_, any_, bindparam, cast, delete, false, func,
                        not_, or_, select, text, tuple_)
from sqlalchemy.dialects import sqlite

from server import SCHEMA_VERSION
from server.db.database import Database, json_loads
from server.db.models import Conflict, DeviceRecord, Record, ServerState, User
from server.policy.permissions import visible_clause_for
from server.policy.principal import Principal, PrincipalSource
from server.records.views import RecordViews, StoredJSON, iso
from server.sync.cursor import decode, encode

DEFAULT_PAGE = 500
MAX_PAGE = 2000


def _after(revision: int, last_uuid: str | None):
    if last_uuid is None:
        return Record.revision > revision
    return tuple_(Record.revision, Record.uuid) > tuple_(revision, last_uuid)


def _upto(revision: int, last_uuid: str | None):
    if last_uuid is None:
        return Record.revision <= revision
    return tuple_(Record.revision, Record.uuid) <= tuple_(revision, last_uuid)


def page_query(visible, revision: int, last_uuid: str | None, ceiling: int, limit: int):
    """A page of the records ``visible`` selects after the cursor, one more than ``limit``
    (to know whether more follow), each with its owner's email and name."""
    # The owners come with their records (an index lookup per row) rather than in a query of
    # their own. Plain rows of the table's columns, not ORM objects: a page is only read and
    # turned into JSON, and building (and tracking) hundreds of instances cost more than that.
    # Not the full versions: what a client is told of them comes as the stored JSON text, to
    # be sent as it is (RecordViews.record_json).
    columns = [c for c in Record.__table__.c if c.key not in ("versions", "client_versions")]
    return (select(*columns, cast(Record.client_versions, Text).label("client_versions"),
                   User.email.label("owner_email"), User.name.label("owner_name"))
            .join(User, User.id == Record.owner_id)
            .where(visible, _after(revision, last_uuid), Record.revision <= ceiling)
            .order_by(Record.revision, Record.uuid).limit(limit + 1))


def hidden_query(visible, window):
    """The records in ``window`` that ``visible`` does not select."""
    # coalesce: the visibility condition is NULL, not false, for a record whose own sharing
    # is NULL in a private team (SQL's three values), and NOT NULL would hide it from "gone".
    return select(Record.uuid).where(window, not_(func.coalesce(visible, false())))


def _as_one_text(uuids: list[str]) -> str:
    """Record uuids as the one PostgreSQL parameter that ``string_to_array(…, ',')`` splits:
    psycopg writes a list parameter element by element, with a regular expression each (a
    page's 500 cost a twentieth of the page). Record uuids are canonical UUIDs, made so by the
    writer: never a comma in one."""
    return ",".join(uuids)


def forget_sent(dialect: str, device_id: str, uuids: list[str]):
    """DELETE ... RETURNING of the records among ``uuids`` that ``device_id`` was sent."""
    table = DeviceRecord.__table__
    if dialect == "postgresql":
        # One parameter, whatever the number of records: the statement's text (and so its
        # prepared plan) stays the same, and each uuid is a probe of the primary key.
        among = table.c.record_uuid == any_(func.string_to_array(
            bindparam("uuids", _as_one_text(uuids), type_=String), ","))
    else:
        among = table.c.record_uuid.in_(uuids)
    return (delete(table).where(table.c.device_id == device_id, among)
            .returning(table.c.record_uuid))


def _forget_gone(session, dialect: str, visible, window, device_id: str) -> list[str]:
    """Records in the window that this device was sent and may no longer see: forgotten, and
    returned to be reported as gone.

    Driven from the window's records (the revision index), not from everything the device was
    ever sent, so a page's cost does not grow with the pull. Two statements, not one DELETE
    with the hidden records as a subquery: while a device's first pull fills its
    device_records the table's statistics lag far behind, and PostgreSQL then joined the two
    by scanning all of them for every hidden record (a first pull of 100,000 records took 60 s
    instead of 25)."""
    hidden = session.scalars(hidden_query(visible, window)).all()
    if not hidden:
        return []
    if dialect == "postgresql":  # one statement, whatever the number (see forget_sent)
        return sorted(session.scalars(forget_sent(dialect, device_id, hidden)))
    gone = []  # SQLite: a parameter per uuid, and at most 32,766 of them in a statement
    for start in range(0, len(hidden), 1000):
        gone += session.scalars(forget_sent(dialect, device_id, hidden[start:start + 1000]))
    return sorted(gone)


def _remember(session, dialect: str, device_id: str, uuids: list[str]) -> None:
    """Note what this device has been sent (one statement per page)."""
    if not uuids:
        return
    if dialect == "postgresql":
        session.execute(text("INSERT INTO device_records (device_id, record_uuid) "
                             "SELECT :device, unnest(string_to_array(:uuids, ',')) "
                             "ON CONFLICT DO NOTHING"),
                        {"device": device_id, "uuids": _as_one_text(uuids)})
        return
    for start in range(0, len(uuids), 1000):
        rows = [{"device_id": device_id, "record_uuid": u} for u in uuids[start:start + 1000]]
        session.execute(sqlite.insert(DeviceRecord).values(rows).on_conflict_do_nothing())


def pull(db: Database, who: Principal | PrincipalSource, cursor: str | None, limit: int) -> dict:
    """A page for ``who``: a principal, or a function that reads it in the pull's own
    transaction (a request authenticates where it works: one transaction per request)."""
    limit = max(1, min(limit, MAX_PAGE))
    with db.write() as tx:  # writes only device_records; never takes the revision lock
        session = tx.session
        principal = who(session) if callable(who) else who
        revision, last_uuid = decode(cursor)  # after: a stranger learns nothing, not even this
        ceiling = session.scalar(select(ServerState.revision).where(ServerState.id == 1))
        if revision >= ceiling and last_uuid is None:
            # Nothing committed since the cursor: no record, gone record or conflict can be
            # in an empty window (the most common pull, and the cheapest).
            return {"records": [], "gone": [], "conflicts": [], "cursor": encode(ceiling, None),
                    "more": False, "schema_version": SCHEMA_VERSION}
        visible = visible_clause_for(session, principal)
        rows = session.execute(page_query(visible, revision, last_uuid, ceiling, limit)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        end = (rows[-1].revision, rows[-1].uuid) if more else (ceiling, None)
        window = and_(_after(revision, last_uuid), _upto(*end))

        gone = _forget_gone(session, db.dialect, visible, window, principal.device_id)
        _remember(session, db.dialect, principal.device_id, [r.uuid for r in rows])

        views = RecordViews(session, principal)
        views.know_users({r.owner_id: (r.owner_email, r.owner_name) for r in rows})
        conflicts = _conflicts(session, principal, views, revision, end[0], visible)
        return {"records": [views.record_json(r) for r in rows], "gone": gone,
                "conflicts": conflicts, "cursor": encode(*end), "more": more,
                "schema_version": SCHEMA_VERSION}


def page_json(page: dict) -> bytes:
    """A pull page as JSON, a record's stored versions text written as it is (see
    ``RecordViews.fields_for``). A value orjson refuses (a string with a lone surrogate, which
    json.loads accepts in a stored record) is written by the standard library instead, escaped
    as it always was."""
    try:
        return orjson.dumps(page, default=_as_fragment)
    except orjson.JSONEncodeError:
        return json.dumps(page, default=_as_value).encode()


def _as_fragment(value):
    if isinstance(value, StoredJSON):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _as_value(value):
    if isinstance(value, StoredJSON):
        return json_loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _conflicts(session, principal: Principal, views: RecordViews, after: int, upto: int,
               visible) -> list[dict]:
    """Collisions in the revision window that involve this person, on records and fields they
    may still see."""
    if upto <= after:
        return []
    rows = session.execute(
        select(Conflict, Record).join(Record, Record.uuid == Conflict.record_uuid)
        .where(Conflict.revision > after, Conflict.revision <= upto, visible,
               or_(Conflict.kept_user_id == principal.user_id,
                   Conflict.lost_user_id == principal.user_id))
        .order_by(Conflict.id)).all()
    emails = {}
    answer = []
    for conflict, record in rows:
        if conflict.field in views.hidden(record):
            continue
        for user_id in (conflict.kept_user_id, conflict.lost_user_id):
            if user_id and user_id not in emails:
                emails[user_id] = session.scalar(select(User.email).where(User.id == user_id))
        answer.append(conflict_json(conflict, emails))
    return answer


def conflict_json(conflict: Conflict, emails: dict) -> dict:
    return {"id": conflict.id, "record": conflict.record_uuid, "field": conflict.field,
            "kept": conflict.kept, "lost": conflict.lost,
            "kept_by": emails.get(conflict.kept_user_id, ""), "kept_hlc": conflict.kept_hlc,
            "lost_by": emails.get(conflict.lost_user_id, ""), "lost_hlc": conflict.lost_hlc,
            "at": iso(conflict.at)}
