"""Team automation rules and their claims.

* ``GET /automation/rules``: the live rules of the teams you belong to or manage (admins: all).
* ``PUT /automation/rules/{uuid}``: create or replace one: managers of its team and admins
  (a rep may see a team rule, not change it: 403).  ``DELETE`` likewise.
* ``POST /automation/claims``: before a client runs a team rule for an event it claims the
  pair; the first claim wins and the others hear ``claimed: false`` with who won — one case
  for the team, not one per colleague who received the mail.  A rule you may not see is 404.

Every change and every winning claim is in the audit log.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from server.api.deps import current_principal, get_db, record_uuid
from server.api.errors import answers
from server.api.schemas import ClaimIn, ClaimOut, TeamRuleIn, TeamRuleOut
from server.audit import audit
from server.db.database import Database, now_ms
from server.db.models import AutomationClaim, Team, TeamRule, User
from server.policy.principal import Principal

router = APIRouter(prefix="/api/v1/automation", tags=["automation"])


def _json(rule: TeamRule, team: Team) -> dict:
    return {"uuid": rule.uuid, "team": {"id": team.id, "name": team.name}, "name": rule.name,
            "definition": rule.definition, "enabled": rule.enabled, "position": rule.position,
            "updated_at": datetime.fromtimestamp(rule.updated_at / 1000, UTC).isoformat()}


def _sees(principal: Principal, team_id: str) -> bool:
    return principal.role == "admin" or team_id in principal.teams


def _manages(principal: Principal, team_id: str) -> bool:
    return principal.role == "admin" or (principal.role == "manager" and team_id in principal.teams)


def _visible_rule(session, principal: Principal, uuid: str) -> TeamRule:
    rule = session.get(TeamRule, uuid)
    if rule is None or rule.deleted_at is not None or not _sees(principal, rule.team_id):
        raise HTTPException(404, "no such rule")
    return rule


@router.get("/rules", response_model=list[TeamRuleOut], responses=answers(400, 401, 426))
def list_rules(principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        query = select(TeamRule, Team).join(Team, Team.id == TeamRule.team_id).where(
            TeamRule.deleted_at.is_(None)).order_by(TeamRule.position, TeamRule.name)
        if principal.role != "admin":
            query = query.where(TeamRule.team_id.in_(principal.teams or {""}))
        return [_json(rule, team) for rule, team in session.execute(query)]


def _team_of(session, principal: Principal, given: str | None) -> Team:
    if given is None:
        team = session.get(Team, principal.team_id) if principal.team_id else None
    else:
        team = session.scalar(select(Team).where((Team.name == given) | (Team.id == given)))
    if team is None or not _sees(principal, team.id):
        raise HTTPException(404, "no such team")
    return team


@router.put("/rules/{uuid}", response_model=TeamRuleOut, responses=answers(400, 401, 403, 404, 409, 426))
def put_rule(uuid: str, body: TeamRuleIn, principal: Principal = Depends(current_principal),
             db: Database = Depends(get_db)):
    uuid = record_uuid(uuid)
    if not isinstance(body.definition.get("when"), dict) or not isinstance(body.definition.get("then"), list):
        raise HTTPException(400, "a rule's definition has 'when' (an object) and 'then' (a list)")
    with db.write() as tx:
        session = tx.session
        existing = session.get(TeamRule, uuid)
        if existing is not None and not _sees(principal, existing.team_id):
            raise HTTPException(404, "no such rule")
        team = _team_of(session, principal, body.team) if existing is None or body.team else \
            session.get(Team, existing.team_id)
        if not _manages(principal, team.id) or (existing is not None and not _manages(principal, existing.team_id)):
            raise HTTPException(403, "only the team's managers and admins change its rules")
        clash = session.scalar(select(TeamRule.uuid).where(TeamRule.team_id == team.id, TeamRule.name == body.name,
                                                           TeamRule.deleted_at.is_(None), TeamRule.uuid != uuid))
        if clash is not None:
            raise HTTPException(409, "the team has another rule of this name")
        old = None if existing is None or existing.deleted_at is not None else \
            {"name": existing.name, "definition": existing.definition, "enabled": existing.enabled}
        rule = existing or TeamRule(uuid=uuid)
        rule.team_id, rule.name, rule.definition = team.id, body.name, body.definition
        rule.enabled, rule.position = body.enabled, body.position
        rule.updated_by, rule.updated_at, rule.deleted_at = principal.user_id, now_ms(), None
        if existing is None:
            session.add(rule)
        audit(session, principal, "rule", record_type="rule", record_uuid=uuid, old=old,
              new={"name": body.name, "definition": body.definition, "enabled": body.enabled},
              detail={"team": team.name})
        session.flush()
        return _json(rule, team)


@router.delete("/rules/{uuid}", status_code=204, responses=answers(400, 401, 403, 404, 426))
def delete_rule(uuid: str, principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    uuid = record_uuid(uuid)
    with db.write() as tx:
        rule = _visible_rule(tx.session, principal, uuid)
        if not _manages(principal, rule.team_id):
            raise HTTPException(403, "only the team's managers and admins change its rules")
        rule.deleted_at = rule.updated_at = now_ms()
        rule.updated_by = principal.user_id
        audit(tx.session, principal, "rule", record_type="rule", record_uuid=uuid,
              old={"name": rule.name}, new=None, detail={"deleted": True})
    return Response(status_code=204)


@router.post("/claims", response_model=ClaimOut, responses=answers(400, 401, 404, 426))
def claim(body: ClaimIn, principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    rule_uuid = record_uuid(body.rule)
    key = f"{rule_uuid}|{body.event}"
    try:
        with db.write() as tx:
            rule = _visible_rule(tx.session, principal, rule_uuid)
            tx.session.add(AutomationClaim(key=key, rule_uuid=rule_uuid, user_id=principal.user_id,
                                           device_id=principal.device_id, at=now_ms()))
            audit(tx.session, principal, "rule_run", record_type="rule", record_uuid=rule_uuid,
                  detail={"rule": rule.name, "event": body.event})
            tx.session.flush()
        return {"claimed": True, "by": principal.email}
    except IntegrityError:
        pass
    with db.read() as session:
        _visible_rule(session, principal, rule_uuid)
        winner = session.get(AutomationClaim, key)
        email = session.scalar(select(User.email).where(User.id == winner.user_id)) if winner and winner.user_id \
            else ""
        return {"claimed": False, "by": email or ""}
