"""Request and response models: the contract published at /openapi.json.

Request models forbid unknown keys, so an attempt to set an owner, a team, an id, a time or a
revision through the body is refused (mass assignment), not silently ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RecordType = Literal["company", "contact", "deal", "task", "note", "case", "activity", "message_link",
                     "pipeline", "stage", "custom_field"]
Role = Literal["admin", "manager", "rep"]
Sharing = Literal["private", "read", "edit"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TeamRef(BaseModel):
    id: str
    name: str


class UserTeam(TeamRef):
    share_mail_bodies: bool = Field(description="whether mail its members file on customers is "
                                    "shared with its body (else metadata and first words only)")


class UserOut(BaseModel):
    id: str
    email: str
    name: str
    role: Role
    team: UserTeam
    managed_teams: list[TeamRef]
    active: bool


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"]
    device_id: str
    user: UserOut
    schema_version: int


class DeviceOut(BaseModel):
    id: str
    user: str
    name: str
    created_at: str
    last_seen_at: str | None
    revoked: bool


class Owner(BaseModel):
    id: str
    email: str
    name: str


class FieldVersion(BaseModel):
    v: int
    hlc: str


class RecordOut(BaseModel):
    uuid: str
    type: RecordType
    owner: Owner
    team: TeamRef
    sharing: Sharing
    revision: int
    created_at: str
    updated_at: str
    deleted: bool
    fields: dict[str, Any]
    versions: dict[str, FieldVersion]
    read_only_fields: list[str]
    can_edit: bool
    can_manage: bool
    pooled: bool = Field(False, description="in its team's public pool: any member may pick it up")


class RecordPage(BaseModel):
    records: list[RecordOut]
    next_offset: int | None


class RecordCreate(Strict):
    type: RecordType
    uuid: str | None = Field(default=None, description="chosen by the client; new if absent")
    fields: dict[str, Any] = Field(default_factory=dict)


class RecordPatch(Strict):
    fields: dict[str, Any]
    base_versions: dict[str, int] = Field(
        default_factory=dict, description="the version of each field the editor saw; a field "
        "changed since then is a collision, resolved and reported like a pushed one")


class EditResult(BaseModel):
    record: RecordOut
    results: list["MutationResult"]


class OwnerIn(Strict):
    email: str = Field(max_length=320, description="the active user who takes the record over")


class ShareIn(Strict):
    sharing: Sharing | Literal["team"] = Field(
        description="'team' returns the record to its team's default")


class HistoryEntry(BaseModel):
    revision: int
    field: str
    op: str
    old: Any
    new: Any
    hlc: str
    user: str
    device_id: str | None
    device_name: str = Field(description="how the device is listed (its sign-in's device_name)")
    at: str
    outcome: Literal["applied", "lost"]


class DuplicateMatch(BaseModel):
    record_type: RecordType
    matched_on: Literal["email", "phone", "domain", "name"]
    owner: str
    team: str
    visible: bool
    uuid: str | None = Field(description="only when you may see the record")


class DuplicatesOut(BaseModel):
    matches: list[DuplicateMatch]


class MutationIn(Strict):
    id: str = Field(min_length=1, max_length=64, description="unique per device")
    type: RecordType
    record: str = Field(description="the record's UUID")
    op: Literal["create", "set", "add", "remove", "delete"]
    field: str | None = None
    value: Any = Field(default=None, description="set: the new value; add/remove: the "
                       "element; create: optional initial values {field: value, set field: "
                       "[elements]}, applied only if this create makes the record")
    base: int | None = Field(default=None, ge=0, description="the field version the change "
                             "was based on (set only)")
    hlc: str = Field(max_length=64, description="MILLIS(13):COUNTER(5):NODE")


class PushIn(Strict):
    mutations: list[MutationIn] = Field(max_length=1000)


class MutationResult(BaseModel):
    id: str
    status: Literal["applied", "unchanged", "conflict", "not_found", "deleted", "read_only",
                    "invalid"]
    message: str | None = None
    revision: int | None = None


class PushOut(BaseModel):
    results: list[MutationResult]


class ConflictOut(BaseModel):
    id: int
    record: str
    field: str
    kept: Any
    lost: Any
    kept_by: str
    kept_hlc: str
    lost_by: str
    lost_hlc: str
    at: str


class PullOut(BaseModel):
    records: list[RecordOut]
    gone: list[str]
    conflicts: list[ConflictOut]
    cursor: str
    more: bool
    schema_version: int


class TeamIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    sharing: Sharing = "read"


class TeamOut(BaseModel):
    id: str
    name: str
    sharing: Sharing
    share_mail_bodies: bool


class UserIn(Strict):
    email: str = Field(max_length=320)
    name: str = Field(default="", max_length=200)
    team: str
    role: Role
    password: str = Field(min_length=8, max_length=1000)


class RoleIn(Strict):
    role: Role
    team: str | None = None
    manages: list[str] | None = None


class HandOverIn(Strict):
    from_email: str
    to_email: str


class HandOverOut(BaseModel):
    records: int


class SharingIn(Strict):
    sharing: Sharing


class MailBodiesIn(Strict):
    share: bool


class FieldRuleIn(Strict):
    role: Literal["manager", "rep"]
    record_type: RecordType
    field: str = Field(max_length=100)
    rule: Literal["hidden", "read_only", "none"]
    scope: Literal["all", "other_teams"] = "all"


class FieldRuleOut(BaseModel):
    role: str
    record_type: str
    field: str
    rule: str
    scope: str


class AuditOut(BaseModel):
    id: int
    at: str
    user: str
    user_id: str | None
    device_id: str | None
    address: str
    action: str
    record_type: str | None
    record: str | None
    field: str | None
    old: Any
    new: Any
    detail: dict[str, Any] | None


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: int


class TeamRuleIn(Strict):
    team: str | None = Field(default=None, max_length=200,
                             description="the team's name or id (default: your own team)")
    name: str = Field(min_length=1, max_length=120)
    definition: dict[str, Any] = Field(description="the rule as the client's rule format: "
                                       "when, if, then (checked by the clients)")
    enabled: bool = True
    position: int = Field(default=0, ge=0, le=100_000)


class TeamRuleOut(BaseModel):
    uuid: str
    team: TeamRef
    name: str
    definition: dict[str, Any]
    enabled: bool
    position: int
    updated_at: str


class ClaimIn(Strict):
    rule: str = Field(min_length=36, max_length=36, description="the team rule's UUID")
    event: str = Field(min_length=1, max_length=300,
                       description="what happened, as every client names it (a Message-ID…)")


class ClaimOut(BaseModel):
    claimed: bool = Field(description="true: this device runs the rule for this event; false: "
                          "another device already does")
    by: str = Field(description="who claimed it first (an email address)")
