"""A record as one person may see it: hidden fields left out (also from versions), read-only
fields named, fields newer than the client's schema left out."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.database import json_loads
from server.db.models import Record, Team, User
from server.policy.permissions import FieldRules, access
from server.policy.principal import Principal
from server.records.schema import visible_in_schema


class StoredJSON:
    """JSON text read from the database, to be written into an answer as it is."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def iso(ms: int | None) -> str | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, timezone.utc).isoformat()


class RecordViews:
    """Serialises records for one principal; caches people and teams for one request.
    A "record" here is a ``Record`` or a row of the records table's columns (a pull page,
    ``server.sync.pull.page_query``)."""

    def __init__(self, session: Session, principal: Principal, rules: FieldRules | None = None):
        self.session = session
        self.principal = principal
        self.rules = rules or FieldRules.load(session, principal)
        self._users: dict[str, tuple[str, str]] = {}
        self._teams: dict[str, tuple[str, str, bool]] = {}
        self._all_teams_read = False
        # A pull page serialises hundreds of records of a few types: the rules and the schema
        # check depend only on the record's type (and whether its team is the viewer's), so
        # they are worked out once per kind of record, not once per record and field.
        self._rules_by_kind: dict[tuple[str, bool, bool], tuple[set[str], list[str]]] = {}
        self._in_schema: dict[str, set[str]] = {}  # per record type: fields known to be shown

    def _user(self, user_id: str) -> tuple[str, str]:
        if user_id not in self._users:
            user = self.session.get(User, user_id)
            self._users[user_id] = (user.email, user.name) if user else ("", "")
        return self._users[user_id]

    def team(self, team_id: str) -> tuple[str, str]:
        """(name, default sharing)"""
        return self._team(team_id)[:2]

    def know_users(self, users: dict[str, tuple[str, str]]) -> None:
        """Owners read with a page of records ({id: (email, name)})."""
        self._users.update(users)

    def _team(self, team_id: str) -> tuple[str, str, bool]:
        if team_id not in self._teams:
            # The viewer's own team is usually in the session already (read with the token);
            # the first other team reads them all (a manager's or an admin's page).
            team = self.session.identity_map.get(self.session.identity_key(Team, team_id))
            if team is None and not self._all_teams_read:
                self._all_teams_read = True
                self._teams.update((t.id, (t.name, t.sharing, t.share_mail_bodies))
                                   for t in self.session.scalars(select(Team)))
            if team_id not in self._teams:
                team = team or self.session.get(Team, team_id)
                self._teams[team_id] = (team.name, team.sharing, team.share_mail_bodies)
        return self._teams[team_id]

    def _rules_for(self, record: Record) -> tuple[set[str], list[str]]:
        """(hidden fields, sorted read-only fields that are not hidden) for this record: field
        rules, and fields the record's team policy withholds (a mail body where the team does
        not share bodies: one stored before the policy was turned off stays unseen)."""
        withheld = record.type == "message_link" and not self._team(record.team_id)[2]
        kind = (record.type, record.team_id in self.principal.teams, withheld)  # what decides
        found = self._rules_by_kind.get(kind)
        if found is None:
            hidden = self.rules.hidden(record) | ({"body"} if withheld else set())
            read_only = sorted(f for f in self.rules.read_only(record) if f not in hidden)
            found = self._rules_by_kind[kind] = (hidden, read_only)
        return found

    def hidden(self, record: Record) -> set[str]:
        return self._rules_for(record)[0]

    def _all_in_schema(self, record_type: str, names) -> bool:
        """Whether every field named is in the client's schema (a set comparison once the
        type's fields have been seen)."""
        shown = self._in_schema.setdefault(record_type, set())
        if names <= shown:
            return True
        for name in names - shown:
            if not visible_in_schema(record_type, name, self.principal.schema):
                return False
            shown.add(name)
        return True

    def fields_for(self, record: Record) -> tuple[dict, dict | StoredJSON, list[str]]:
        """(fields shown, their versions, read-only fields). A pull page's row carries its
        ``client_versions`` as the stored JSON text: when every field is shown, the versions
        are that text, to be written as it is (``StoredJSON``: see
        ``server.sync.pull.page_json``)."""
        hidden, read_only = self._rules_for(record)
        record_type, stored = record.type, record.fields or {}
        shown = record.client_versions
        if not hidden and self._all_in_schema(record_type, stored.keys()):
            fields = dict(stored)  # the common case: everything shown
            if isinstance(shown, str):
                # The stored versions are those of the stored fields (the writer keeps them
                # so), and every one of those is shown.
                return fields, StoredJSON(shown), list(read_only)
        else:
            schema = self.principal.schema
            fields = {k: v for k, v in stored.items()
                      if k not in hidden and visible_in_schema(record_type, k, schema)}
        if isinstance(shown, str):
            shown = json_loads(shown)
        versions = {k: meta for k, meta in (shown or {}).items() if k in fields}
        return fields, versions, list(read_only)

    def record_json(self, record: Record) -> dict:
        fields, versions, read_only = self.fields_for(record)
        email, name = self._user(record.owner_id)
        team_name, team_sharing = self.team(record.team_id)
        allowed = access(self.principal, record, team_sharing)
        return {
            "uuid": record.uuid, "type": record.type,
            "owner": {"id": record.owner_id, "email": email, "name": name},
            "team": {"id": record.team_id, "name": team_name},
            "sharing": record.sharing or team_sharing,
            "revision": record.revision, "created_at": iso(record.created_at),
            "updated_at": iso(record.updated_at), "deleted": record.deleted_at is not None,
            "fields": fields, "versions": versions, "read_only_fields": read_only,
            "can_edit": allowed.edit, "can_manage": allowed.manage,
            "pooled": record.pooled_at is not None,
        }
