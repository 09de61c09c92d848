"""Record permissions: one place that every route, search and pull goes through.

* admins see and edit everything;
* managers see and edit the records of the teams they manage (their own included) and their own;
* reps see and edit their own records, and those of their team as its sharing allows
  (``private``, ``read`` or ``edit``: the team's default, or the record's own if it was shared
  differently);
* a record in its team's public pool (公海, ``pooled_at`` set) is seen by every member of that
  team, whatever its sharing, so that one of them can pick it up; editing it still follows
  its sharing until then;
* definitions (pipelines, stages, custom fields: ``DEFINITION_TYPES``) are everyone's to see
  and edit; deleting one is for its owner, a manager or an admin.

Field rules (hidden, read-only) apply per role and record type, to everyone or only to viewers
from other teams; admins are exempt. A record someone may not see does not exist for them: the
routes answer 404, never 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from server.db.models import FieldRule, Record, Team
from server.policy.principal import Principal
from server.records.schema import DEFINITION_TYPES

SHARING = ("private", "read", "edit")


def effective_sharing():
    """SQL for a record's sharing (its own, else its team's default); needs Team joined."""
    return func.coalesce(Record.sharing, Team.sharing)


def visible_clause(principal: Principal):
    """SQL condition: records ``principal`` may see (Team must be joined on Record.team_id)."""
    if principal.role == "admin":
        return true()
    own = or_(Record.owner_id == principal.user_id, Record.type.in_(DEFINITION_TYPES))
    if principal.role == "manager":
        return or_(own, Record.team_id.in_(principal.teams)) if principal.teams else own
    if principal.team_id is None:
        return own
    return or_(own, and_(Record.team_id == principal.team_id,
                         or_(effective_sharing().in_(("read", "edit")), Record.pooled_at.is_not(None))))


def visible_clause_for(session: Session, principal: Principal):
    """The same condition on the record's own columns, without joining Team: the rep's team
    default is read here. The planner then estimates it from the records' statistics and walks
    the (revision, uuid) index for a pull page instead of sorting everything after the cursor."""
    if principal.role != "rep" or principal.team_id is None:
        return visible_clause(principal)
    return rep_visible_clause(principal, session.get(Team, principal.team_id).sharing)


def rep_visible_clause(principal: Principal, team_sharing: str):
    """``visible_clause_for`` a rep whose team's default sharing is ``team_sharing``."""
    shared = or_(Record.sharing.in_(("read", "edit")), Record.pooled_at.is_not(None))
    if team_sharing in ("read", "edit"):
        shared = or_(Record.sharing.is_(None), shared)
    return or_(Record.owner_id == principal.user_id, Record.type.in_(DEFINITION_TYPES),
               and_(Record.team_id == principal.team_id, shared))


def visible_records(principal: Principal):
    """A SELECT of the records ``principal`` may see, tombstones included."""
    return select(Record).join(Team, Team.id == Record.team_id).where(visible_clause(principal))


@dataclass(frozen=True)
class Access:
    see: bool
    edit: bool
    manage: bool  # share, delete, restore: the owner, the team's manager, an admin


# Access is immutable: the few possible answers are made once (a pull page asks for each of
# its hundreds of records).
_ACCESS = {(see, edit, manage): Access(see, edit, manage)
           for see in (False, True) for edit in (False, True) for manage in (False, True)}
_FULL = _ACCESS[True, True, True]


def access(principal: Principal, record: Record, team_sharing: str) -> Access:
    """What ``principal`` may do with ``record`` (whose team's default is ``team_sharing``)."""
    if principal.role == "admin":
        return _FULL
    own = record.owner_id == principal.user_id
    if principal.role == "manager" and (own or record.team_id in principal.teams):
        return _FULL
    if own:
        return _FULL
    if record.type in DEFINITION_TYPES:
        return _ACCESS[True, True, principal.role == "manager"]
    if principal.role == "rep" and record.team_id == principal.team_id:
        sharing = record.sharing or team_sharing
        return _ACCESS[sharing in ("read", "edit") or record.pooled_at is not None,
                       sharing == "edit", False]
    return _ACCESS[False, False, False]


def may_pick_up(principal: Principal, record: Record) -> bool:
    """Whether ``principal`` may take a pooled record as theirs: a member or manager of its team,
    or an admin."""
    return principal.role == "admin" or record.team_id in principal.teams


def load_access(session: Session, principal: Principal, record: Record) -> Access:
    team_sharing = session.get(Team, record.team_id).sharing
    return access(principal, record, team_sharing)


class FieldRules:
    """The field rules that apply to one principal, loaded once per request."""

    def __init__(self, principal: Principal, rules: list[FieldRule]):
        self._principal = principal
        self._rules = [] if principal.role == "admin" else [
            r for r in rules if r.role == principal.role]

    @classmethod
    def load(cls, session: Session, principal: Principal) -> "FieldRules":
        if principal.role == "admin":
            return cls(principal, [])
        rules = session.scalars(select(FieldRule).where(FieldRule.role == principal.role)).all()
        return cls(principal, list(rules))

    def _applies(self, rule: FieldRule, record: Record) -> bool:
        return rule.scope == "all" or record.team_id not in self._principal.teams

    def hidden(self, record: Record) -> set[str]:
        return {r.field for r in self._rules if r.rule == "hidden"
                and r.record_type == record.type and self._applies(r, record)}

    def read_only(self, record: Record) -> set[str]:
        return {r.field for r in self._rules if r.rule in ("read_only", "hidden")
                and r.record_type == record.type and self._applies(r, record)}

    def hides_any(self, record_type: str, field: str) -> bool:
        """Whether the field may be hidden from this principal for some record (search must
        then not match on it, or a match would reveal the hidden value)."""
        return any(r.rule == "hidden" and r.record_type == record_type and r.field == field
                   for r in self._rules)
