"""Push: apply a batch of mutations from one device.

Each mutation is keyed by (device id, mutation id). The answer to a mutation is stored with
it, so re-sending a batch (the connection dropped before the answer arrived) returns the same
answers and changes nothing. Answers that may change later (``not_found``: a record not there
yet, or not visible) are not stored, so a retry can succeed.

Concurrency: a push locks the records its batch names (in uuid order) and merges under those
locks; only at the end does it take the next server revision (``RecordWriter.finish``), whose
row lock is held to commit. Pushes on different records therefore merge in parallel and queue
only for that short last step, which is what keeps commits in revision order for pulls
(``server.db.database``).

Two pushes can still collide on a row neither had locked: the same batch re-sent while the
first attempt is still running (both insert the same ``applied_mutations`` keys, or create the
same record), or, rarely, a deadlock with an administrative change. Those are unique
violations or deadlocks, not answers: the transaction is rolled back and run again, and the
second run sees what the first committed (the stored answers, the created record).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from server.db.database import Database, now_ms
from server.db.models import AppliedMutation
from server.policy.permissions import FieldRules
from server.policy.principal import Principal, PrincipalSource
from server.records.writer import Mutation, RecordWriter

MAX_BATCH = 1000
ATTEMPTS = 3
# unique_violation, deadlock_detected, serialization_failure
_RETRYABLE = {"23505", "40P01", "40001"}


def push(db: Database, who: Principal | PrincipalSource, mutations: list[Mutation]) -> list[dict]:
    """Apply ``mutations`` for ``who``: a principal, or a function that reads it in the push's
    own transaction (a request authenticates where it works: one transaction per request)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _push_once(db, who, mutations)
        except DBAPIError as exc:
            if attempt == ATTEMPTS or _sqlstate(exc) not in _RETRYABLE:
                raise
    raise AssertionError("unreachable")


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)  # psycopg; SQLite serialises writes instead


def _push_once(db: Database, who: Principal | PrincipalSource,
               mutations: list[Mutation]) -> list[dict]:
    with db.write() as tx:
        session = tx.session
        principal = who(session) if callable(who) else who
        ids = list({m.id for m in mutations})
        answered: dict[str, dict] = {}
        for chunk in range(0, len(ids), 500):
            answered.update(session.execute(select(
                AppliedMutation.mutation_id, AppliedMutation.result).where(
                AppliedMutation.device_id == principal.device_id,
                AppliedMutation.mutation_id.in_(ids[chunk:chunk + 500]))).all())
        writer = RecordWriter(tx, principal, FieldRules.load(session, principal))
        writer.preload([m.record for m in mutations if m.id not in answered])
        # One outcome per position; a mutation id repeated in the batch after a final answer
        # gets that answer (None here), as it would from a re-sent batch.
        outcomes, final = [], set()
        for mutation in mutations:
            if mutation.id in answered or mutation.id in final:
                outcomes.append(None)
                continue
            outcome = writer.apply(mutation)
            if outcome.final:
                final.add(mutation.id)
            outcomes.append(outcome)
        revision = writer.finish()  # takes the revision lock (held to commit) if anything changed
        results, remembered = [], []
        for mutation, outcome in zip(mutations, outcomes):
            if outcome is None:
                results.append(answered[mutation.id])
                continue
            answer = outcome.as_json(mutation.id, revision)
            if outcome.final:
                answered[mutation.id] = answer
                remembered.append({"device_id": principal.device_id,
                                   "mutation_id": mutation.id, "result": answer, "at": now_ms()})
            results.append(answer)
        if remembered:
            session.execute(AppliedMutation.__table__.insert(), remembered)
    return results
