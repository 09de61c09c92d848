"""Signing in to a team server, syncing with it, and what a revocation does.

``sync_once`` is one full round: push the local queue (in batches), pull every page since the
cursor (each page applied and the cursor stored in one transaction, so a sync killed mid-pull
resumes with nothing applied twice; the next page downloads on a thread of its own while the
writer applies this one, :mod:`app.sync.prefetch`), re-read records whose change the server
refused. Network and keyring calls run on the calling thread (a services job, or the CLI) and
the pull's fetch thread, database writes on the writer thread; nothing here waits on the GUI.

A revoked device or person (401) is told so in one sentence; the profile then writes every
local change the server never received to a file (nothing typed is lost), removes every
record it got from the team (its own mail stays) and forgets the session.
"""

from __future__ import annotations

import json
import logging
import platform
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app import switch_interval
from app.crm import records
from app.errors import NetworkError, ServerError, UserFacingError
from app.mail.tls_trust import checked_ca_file
from app.secrets import SecretStore
from app.store import profile_key
from app.settings.guards import team_server
from app.store.automation_models import Rule
from app.store.crm_models import Change, CustomField
from app.store.database import Store
from app.store.team_models import (
    SharedMessage,
    TeamConflict,
    TeamPoolRequest,
    TeamRecord,
    TeamTimelineEntry,
)
from app.sync import apply, push, shared_timeline, state, team_rules
from app.sync.fields import TO_LOCAL, local_field
from app.sync.pool import queue_return_to_pool
from app.sync.prefetch import PagePrefetch
from app.sync.transport import TeamServer, TeamSignedOut

log = logging.getLogger("liaison.team")

TOKEN_KIND = "team-token"
PULL_PAGE = 500  # records per pull request
MAX_SHARE_BATCHES = 50  # shared-timeline batches per round (10,000 messages; the rest next round)


@dataclass
class SyncSummary:
    pushed: int
    pulled: int
    gone: int
    conflicts: int
    pending: int
    seconds: float

    def line(self) -> str:
        return (f"team sync: {self.pushed} changes sent, {self.pulled} records received, "
                f"{self.gone} removed, {self.conflicts} new conflicts, {self.pending} waiting "
                f"({self.seconds:.2f} s)")


class Team:
    """The team-server side of one open profile."""

    def __init__(self, store: Store, secrets: SecretStore | None = None):
        self.store = store
        self.secrets = secrets or SecretStore()

    # -- signing in and out -----------------------------------------------------------------

    def login(self, server_url: str, email: str, password: str, ca_file: str | None = None,
              device_name: str | None = None) -> dict:
        server_url = team_server(server_url)  # the preset one when none is given; a locked one only
        if not server_url.startswith(("https://", "http://")):
            raise UserFacingError("The team server is an address like https://liaison.example.com.",
                                  code="team.url")
        ca_file = checked_ca_file(ca_file)  # named as bad input, stored absolute
        self.secrets.ensure_available()
        answer = TeamServer(server_url, ca_file=ca_file).sign_in(
            email, password, device_name or platform.node() or "Liaison")
        device_id = self.store.write_with(lambda s: state.device_id(s))
        self.secrets.set_password(device_id, answer["access_token"], TOKEN_KIND)

        def remember(session: Session) -> None:
            previous = state.get(session, "server")
            if previous and previous != server_url.rstrip("/"):
                _forget_team_data(session)  # another server: its records are not this one's
            for key, value in (("server", server_url.rstrip("/")), ("ca_file", ca_file),
                               ("email", answer["user"]["email"]),
                               ("user", answer["user"]["name"] or answer["user"]["email"]),
                               ("role", answer["user"]["role"]),
                               ("team", answer["user"]["team"]["name"]),
                               ("server_device_id", answer["device_id"]), ("last_error", None)):
                state.put(session, key, value)
        self.store.write_with(remember)
        return answer["user"]

    def logout(self) -> None:
        """Sign out here (the server ends the device's session when it can be reached)."""
        with self.store.read() as session:
            settings = state.everything(session)
        if settings.get("server"):
            token = self.secrets.get_password(settings["device_id"], TOKEN_KIND)
            if token:
                try:
                    TeamServer(settings["server"], token, settings.get("ca_file")).post(
                        "/api/v1/auth/logout")
                except (NetworkError, TeamSignedOut):
                    pass  # offline or already ended: signing out here is what matters
        self.secrets.delete_password(settings["device_id"], TOKEN_KIND)

        def forget(session: Session) -> None:
            session.execute(delete(Rule).where(Rule.scope == "team"))  # they need the team to run
            state.forget_session(session)
        self.store.write_with(forget)

    # -- status -------------------------------------------------------------------------------

    def status(self) -> dict:
        with self.store.read() as session:
            settings = state.everything(session)
            return {"server": settings.get("server"), "user": settings.get("email"),
                    "team": settings.get("team"), "last_sync": settings.get("last_sync"),
                    "pending": push.pending_count(session),
                    "conflicts": session.scalar(select(func.count()).select_from(TeamConflict)
                                                .where(TeamConflict.resolved_at.is_(None))),
                    "last_error": settings.get("last_error"),
                    "device_id": settings.get("device_id")}

    def _server(self) -> TeamServer:
        with self.store.read() as session:
            settings = state.everything(session)
        if not settings.get("server"):
            raise UserFacingError("This profile is not signed in to a team server; run: "
                                  "liaison team login --server URL --email EMAIL --password-stdin",
                                  code="team.not_signed_in")
        token = self.secrets.get_password(settings["device_id"], TOKEN_KIND)
        if not token:
            raise TeamSignedOut("The team server no longer accepts this device ({reply}); sign "
                                "in again.", code="team.signed_out", reply="no token stored")
        return TeamServer(settings["server"], token, settings.get("ca_file"))

    # -- one sync -----------------------------------------------------------------------------

    def sync_once(self) -> SyncSummary:
        started = time.monotonic()
        server = self._server()
        try:
            pushed, refetch = self._push(server)
            pushed += self._send_pool_requests(server)
            pulled, gone, conflicts = self._pull(server)
            rules = team_rules.fetch(server)
            self.store.write_with(lambda s: team_rules.store_team_rules(s, rules))
            # After the pull: a customer pushed a moment ago is now known to be the team's.
            pushed += self._share_timeline(server)
            for record_uuid in refetch:
                self._refetch(server, record_uuid)
        except TeamSignedOut as exc:
            folder = self.store.path.parent
            # An encrypted profile is wiped: its key leaves the keyring, so nothing left on the
            # disk (mail, customers, backups) can be read; no plain file of unsent changes is
            # written then.  A plain profile keeps its own mail and saves the unsent changes.
            wipe = profile_key.is_encrypted(folder)
            exported = self.store.write_with(lambda s: _revoked(s, None if wipe else folder))
            self.secrets.delete_password(self._device_id(), TOKEN_KIND)
            if wipe:
                profile_key.forget_key(folder, wiped=True)
                raise TeamSignedOut("{reason} This laptop removed the team's records and the key of its "
                                    "encrypted profile, so nothing in the profile can be read any more.",
                                    code="team.revoked", reason=exc.message, wiped=True) from None
            raise TeamSignedOut("{reason} This laptop removed the team's records; "
                                "{count} unsent changes were saved to {file}.",
                                code="team.revoked", reason=exc.message,
                                count=exported[0], file=str(exported[1])) from None
        except NetworkError as exc:
            message = exc.message
            self.store.write_with(lambda s: state.put(s, "last_error", message))
            raise

        def finished(session: Session) -> int:
            state.put(session, "last_sync", time.strftime("%Y-%m-%dT%H:%M:%S%z"))
            state.put(session, "last_error", None)
            return push.pending_count(session)
        pending = self.store.write_with(finished)
        return SyncSummary(pushed, pulled, gone, conflicts, pending, time.monotonic() - started)

    def _device_id(self) -> str:
        with self.store.read() as session:
            return state.device_id(session)

    def _push(self, server: TeamServer) -> tuple[int, set[str]]:
        sent, refetch, after = 0, set(), 0
        with self.store.read() as session:
            if not push.pending_count(session):
                return sent, refetch  # the common round: nothing to send, no write needed
        while True:
            batch = self.store.write_with(lambda s: push.build_batch(s, after))
            if not batch.mutations and not batch.silent:
                return sent, refetch
            results = server.post("/api/v1/sync/push", {"mutations": batch.mutations})["results"] \
                if batch.mutations else []
            refetch |= self.store.write_with(lambda s: push.record_answers(s, batch, results))
            sent += len(batch.mutations)
            after = batch.last_change_id

    def _share_timeline(self, server: TeamServer) -> int:
        """Send mail filed on team customers (metadata and first words; the body where the team
        shares bodies) and withdraw mail marked private; returns how many links were sent."""
        with self.store.read() as session:
            email = shared_timeline.signed_in_email(session)
            if state.get(session, "timeline_scanned") == shared_timeline.fingerprint(session):
                return 0  # nothing filed, shared, made private or brought by the team since
        sent, bodies = 0, None
        for _batch in range(MAX_SHARE_BATCHES):
            if not email:
                break
            shares, withdrawn = shared_timeline.candidates(self.store, email), shared_timeline.withdrawals(self.store)
            if shares and bodies is None:
                bodies = self._team_shares_bodies(server)  # the team's policy as it is now
            if shares and bodies:
                shared_timeline.add_bodies(self.store, shares)
            if not shares and not withdrawn:
                break
            made = self.store.write_with(lambda s: shared_timeline.mutations(s, shares, withdrawn))
            results = server.post("/api/v1/sync/push", {"mutations": made})["results"]
            self.store.write_with(lambda s: shared_timeline.record_answers(s, shares, results))
            sent += len(made)
            if len(shares) < shared_timeline.BATCH:
                break
        else:
            return sent  # more to share: the next round goes on (and scans again)
        self.store.write_with(lambda s: state.put(s, "timeline_scanned", shared_timeline.fingerprint(s)))
        return sent

    def _team_shares_bodies(self, server: TeamServer) -> bool:
        share = bool(server.get("/api/v1/me")["team"].get("share_mail_bodies"))
        self.store.write_with(lambda s: state.put(s, "share_mail_bodies", share))
        return share

    def _pull(self, server: TeamServer) -> tuple[int, int, int]:
        """Pull every page since the stored cursor; the next pages download while the writer
        applies this one, and pages already downloaded are applied together
        (:class:`~app.sync.prefetch.PagePrefetch`)."""
        pulled = gone = conflicts = 0
        deferred: list = []
        moved = True
        while moved:  # once, unless another process on this profile pulled meanwhile
            moved = False
            with self.store.read() as session:
                cursor = state.get(session, "cursor")
            pages = PagePrefetch(lambda after: server.get("/api/v1/sync/pull", cursor=after,
                                                          limit=PULL_PAGE), cursor)
            # The download and the writer keep a core busy in Python for the whole pull (a
            # first sync: a minute); other threads, the window's first, take the lock often.
            switch_interval.begin()
            try:
                for batch in pages.batches():
                    (asked, page), *_ = batch
                    if len(batch) == 1 and not (page["records"] or page["gone"] or page["conflicts"]) \
                            and page["cursor"] == asked:
                        break  # nothing new: no write transaction
                    applied = self.store.write_with(lambda s: self._apply_pages(s, batch, deferred))
                    for _asked, page in batch[:applied]:
                        pulled += len(page["records"])
                        gone += len(page["gone"])
                        conflicts += len(page["conflicts"])
                    if applied < len(batch):
                        moved = True  # go on from the cursor that process stored
                        break
            finally:
                pages.close()
                switch_interval.end()
        if deferred:
            self.store.write_with(lambda s: apply.resolve_references(s, deferred))
        return pulled, gone, conflicts

    def _apply_pages(self, session: Session, batch: list, deferred: list) -> int:
        """Downloaded pages in order, in the caller's transaction; how many were applied (fewer
        than given when the stored cursor moved under them)."""
        for applied, (asked, page) in enumerate(batch):
            if not self._apply_page(session, asked, page, deferred):
                return applied
        return len(batch)

    def _apply_page(self, session: Session, asked: str | None, page: dict, deferred: list) -> bool:
        """One page and its cursor, in the caller's transaction; False (nothing written) if
        the stored cursor is no longer the one the page was asked with."""
        if state.get(session, "cursor") != asked:
            return False
        apply.apply_page(session, page["records"], deferred)
        if page["gone"]:
            _export(session, self.store.path.parent,
                    select(Change).where(Change.record_uuid.in_(page["gone"]),
                                         Change.pushed_at.is_(None),
                                         Change.origin != "sync"))
        for record_uuid in page["gone"]:
            apply.remove_record(session, record_uuid)
        for conflict in page["conflicts"]:
            apply.remember_conflict(session, conflict)
        state.put(session, "cursor", page["cursor"])
        return True

    def _refetch(self, server: TeamServer, record_uuid: str) -> None:
        try:
            pulled = server.get(f"/api/v1/records/{record_uuid}")
        except ServerError:
            return  # no longer visible: the next pull says it is gone
        self.store.write_with(lambda s: apply.apply_record(s, pulled, []))

    # -- what the team knows ------------------------------------------------------------------

    def record_facts(self, record_uuid: str) -> dict | None:
        """Owner, team and sharing of a record the server knows (None for a local-only one)."""
        with self.store.read() as session:
            known = session.get(TeamRecord, record_uuid)
            if known is None:
                return None
            return {"owner": known.owner_name or known.owner_email, "owner_email": known.owner_email,
                    "team": known.team_name, "sharing": known.sharing, "can_edit": known.can_edit,
                    "can_manage": known.can_manage, "uuid": record_uuid, "pooled": known.pooled,
                    "pool_requested": session.get(TeamPoolRequest, record_uuid) is not None,
                    # open same-field collisions on it: the mark on the record
                    "conflicts": session.scalar(select(func.count()).select_from(TeamConflict).where(
                        TeamConflict.record_uuid == record_uuid, TeamConflict.resolved_at.is_(None)))}

    def share(self, record_uuid: str, sharing: str) -> dict:
        """Change who in the team sees a record (private, read, edit): the owner's, their
        manager's or an admin's decision, checked by the server. Online only: sharing is the
        server's fact, not a field merged offline. Returns the record's new facts."""
        if sharing not in ("private", "read", "edit"):
            raise UserFacingError("Sharing is private, read or edit.", code="team.sharing")
        server = self._server()
        try:
            pulled = server.post(f"/api/v1/records/{record_uuid}/share", {"sharing": sharing})
        except ServerError as exc:
            raise UserFacingError("Only the customer's owner, their manager or an admin may change "
                                  "its sharing ({reason}).", code="team.share_refused",
                                  reason=exc.message) from None
        self.store.write_with(lambda s: apply.apply_record(s, pulled, []))
        return self.record_facts(record_uuid)

    # -- team automation rules -----------------------------------------------------------
    def claim_rule_run(self, rule_uuid: str, event_key: str) -> tuple[bool, str]:
        """Ask the server whether this device runs a team rule for an event (the first asks
        wins); NetworkError when it cannot be asked now (the run waits and asks again)."""
        return team_rules.claim(self._server(), rule_uuid, event_key)

    def publish_rules(self, specs) -> list[str]:
        """Save rules as the team's (managers and admins; the server decides), then fetch the
        team's rules so this laptop has them at once."""
        server = self._server()
        # By name, as the server has them now: a rule of that name is replaced, not doubled.
        existing = {rule["name"]: rule["uuid"] for rule in team_rules.fetch(server)}
        for spec in specs:
            team_rules.publish(server, spec, existing.get(spec.name))
        rules = team_rules.fetch(server)
        self.store.write_with(lambda s: team_rules.store_team_rules(s, rules))
        return [spec.name for spec in specs]

    def remove_rule(self, name: str) -> None:
        server = self._server()
        rule_uuid = next((rule["uuid"] for rule in team_rules.fetch(server) if rule["name"] == name), None)
        if rule_uuid is None:
            raise UserFacingError("There is no team rule named '{name}'.", code="rules.unknown", name=name)
        team_rules.remove(server, rule_uuid, name)
        rules = team_rules.fetch(server)
        self.store.write_with(lambda s: team_rules.store_team_rules(s, rules))

    def record_history(self, record_uuid: str) -> list[dict]:
        """The server's history of one record: every version of every field from every device,
        values that lost a collision included (``app.sync.history`` makes versions of it)."""
        return self._server().get(f"/api/v1/records/{record_uuid}/history")

    def give(self, record_uuid: str, email: str) -> dict | None:
        """Give a record to a colleague (and their team): the owner's, their manager's or an
        admin's decision, checked by the server. Then a pull: if the record left this person's
        view, it leaves the laptop (unsent changes on it saved to a file first). Returns its
        facts now, or None once it is gone."""
        server = self._server()
        try:
            server.post(f"/api/v1/records/{record_uuid}/owner", {"email": email.strip()})
        except ServerError as exc:
            raise UserFacingError("The customer was not given to {email} ({reason}).", code="team.give_refused",
                                  email=email.strip(), reason=exc.message) from None
        self._pull(server)
        return self.record_facts(record_uuid)

    # -- the team's public pool (公海) -----------------------------------------------------

    def _send_pool_requests(self, server: TeamServer) -> int:
        """Tell the server of the customers returned to the pool here (offline, by a rule or a
        click), oldest first.  A refusal (no longer this person's to give back, gone) is final:
        the request is dropped and the next pull says what the record is now."""
        with self.store.read() as session:
            waiting = session.scalars(select(TeamPoolRequest.record_uuid)
                                      .order_by(TeamPoolRequest.requested_at)).all()
        sent = 0
        for record_uuid in waiting:
            try:
                self._send_pool_request(server, record_uuid)
                sent += 1
            except ServerError as exc:
                log.warning("the server refused to return %s to the pool: %s", record_uuid, exc.message)
        return sent

    def _send_pool_request(self, server: TeamServer, record_uuid: str) -> None:
        """Send one queued return.  Answered (yes or no: a refusal is final) it leaves the queue;
        a NetworkError leaves it queued for the next sync."""
        try:
            server.post(f"/api/v1/records/{record_uuid}/pool", None)
        except ServerError:
            self._forget_pool_request(record_uuid)
            raise
        self._forget_pool_request(record_uuid)

    def _forget_pool_request(self, record_uuid: str) -> None:
        self.store.write_with(lambda s: s.execute(
            delete(TeamPoolRequest).where(TeamPoolRequest.record_uuid == record_uuid)))

    def return_to_pool(self, record_uuid: str) -> dict | None:
        """Return a customer to the team's pool: queued at once (offline too), then sent and
        pulled back if the server can be reached now.  Returns its facts."""
        if not self.store.write_with(lambda s: queue_return_to_pool(s, record_uuid)):
            return self.record_facts(record_uuid)  # not the team's, or in the pool already
        try:
            server = self._server()
            self._send_pool_request(server, record_uuid)
        except NetworkError:
            return self.record_facts(record_uuid)  # offline: the next team sync sends it
        except ServerError as exc:
            raise UserFacingError("The customer was not returned to the team's pool ({reason}).",
                                  code="team.pool_refused", reason=exc.message) from None
        self._pull(server)
        return self.record_facts(record_uuid)

    def pooled_customers(self) -> list[dict]:
        """The records in the team's pool as of the last pull, with what a person picks by."""
        with self.store.read() as session:
            return [{"uuid": known.record_uuid, "type": known.record_type,
                     "name": _label(session, known.record_type, known.record_uuid),
                     "team": known.team_name, "last_owner": known.owner_name or known.owner_email}
                    for known in session.scalars(select(TeamRecord).where(TeamRecord.pooled.is_(True))
                                                 .order_by(TeamRecord.record_type, TeamRecord.record_uuid))]

    def pick_up(self, record_uuid: str) -> dict | None:
        """Take a customer from the team's pool as one's own (online: the first colleague to ask
        gets it, and the server decides who that is).  Returns its facts after a pull."""
        server = self._server()
        try:
            server.post(f"/api/v1/records/{record_uuid}/pick-up", None)
        except ServerError as exc:
            raise UserFacingError("The customer could not be picked up ({reason}); a colleague may "
                                  "have taken it first.", code="team.pick_up_refused", reason=exc.message) from None
        self._pull(server)
        return self.record_facts(record_uuid)

    def colleague_customer(self, email: str) -> dict | None:
        """查重 on the team server: whose customer this address is, if anyone's (without any
        field of a record this person may not see). None when not signed in or nobody's."""
        with self.store.read() as session:
            if not state.get(session, "server"):
                return None
        matches = self._server().get("/api/v1/duplicates", email=email.strip().lower())["matches"]
        contact = next((m for m in matches if m["record_type"] == "contact"), None)
        return None if contact is None else {"owner": contact["owner"], "team": contact["team"],
                                             "visible": contact["visible"]}

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts(self, include_resolved: bool = False) -> list[dict]:
        with self.store.read() as session:
            query = select(TeamConflict).order_by(TeamConflict.id)
            if not include_resolved:
                query = query.where(TeamConflict.resolved_at.is_(None))
            return [{"id": c.id, "record": c.record_uuid, "type": c.record_type,
                     "label": _label(session, c.record_type, c.record_uuid),
                     "field": c.field, "custom_label": _custom_label(session, c.record_type, c.field),
                     "kept": json.loads(c.kept or "null"),
                     "other": json.loads(c.lost or "null"), "kept_by": c.kept_by,
                     "by": c.lost_by, "at": c.at, "resolved": c.resolved_at is not None}
                    for c in session.scalars(query)]

    def keep_other(self, conflict_id: int) -> None:
        """Make the value that lost the collision the record's value: a new local change,
        pushed like any other."""
        def resolve(session: Session) -> None:
            conflict = session.get(TeamConflict, conflict_id)
            if conflict is None:
                raise UserFacingError("There is no conflict {id}.", code="team.no_conflict",
                                      id=conflict_id)
            kind, record = apply.find_local(session, conflict.record_type, conflict.record_uuid)
            name = local_field(conflict.record_type, conflict.field) if kind else None
            if record is None or name is None:
                raise UserFacingError("The record of conflict {id} is not on this laptop.",
                                      code="team.conflict_record", id=conflict_id)
            value = json.loads(conflict.lost or "null")
            if conflict.field in TO_LOCAL and value:
                value = records.local_value(session, name, value)
            records.apply_changes(session, kind, record, {name: value}, origin="local",
                                  cleared={name})
            conflict.resolved_at = int(time.time())
        self.store.write_with(resolve)


def _custom_label(session: Session, record_type: str, field: str) -> str | None:
    """A custom field's label from its definition (None for other fields)."""
    if not field.startswith("custom."):
        return None
    return session.scalar(select(CustomField.label).where(
        CustomField.record_type == record_type, CustomField.key == field[len("custom."):],
        CustomField.deleted_at.is_(None)).limit(1))


def _label(session: Session, record_type: str, record_uuid: str) -> str:
    """What a person calls the record (its name or title), for lists of conflicts."""
    kind, record = apply.find_local(session, record_type, record_uuid)
    if record is None:
        return record_uuid
    return str(getattr(record, kind.label_field()) or record_uuid)


def _export(session: Session, folder: Path, query) -> tuple[int, Path | None]:
    """Write local changes the server never received to a JSON file in the profile."""
    rows = session.scalars(query).all()
    if not rows:
        return 0, None
    path = folder / f"team-unsent-{time.strftime('%Y%m%d-%H%M%S')}.json"
    existing = json.loads(path.read_text()) if path.exists() else []
    existing += [{"record_type": c.record_type, "record": c.record_uuid, "field": c.field,
                  "old": json.loads(c.old) if c.old else None,
                  "new": json.loads(c.new) if c.new else None, "at": c.at} for c in rows]
    path.write_text(json.dumps(existing, ensure_ascii=False, indent=1))
    return len(rows), path


def _revoked(session: Session, folder: Path | None) -> tuple[int, Path | None]:
    """Forget the team's data; the unsent changes go to a file in ``folder`` (None: nowhere)."""
    exported = _export(session, folder, push.pending_query()) if folder is not None else (0, None)
    for known in session.scalars(select(TeamRecord)).all():
        apply.remove_record(session, known.record_uuid)
    _forget_team_data(session)
    state.forget_session(session)
    return exported


def _forget_team_data(session: Session) -> None:
    session.execute(delete(Rule).where(Rule.scope == "team"))  # the team's rules run for its members only
    session.execute(delete(TeamTimelineEntry))
    session.execute(delete(SharedMessage))
    session.execute(delete(TeamConflict))
    session.execute(delete(TeamRecord))
    session.execute(delete(TeamPoolRequest))
    state.put(session, "cursor", None)
