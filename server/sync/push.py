"""Push: apply a batch of mutations from one device.

Each mutation is keyed by (device id, mutation id). The answer to a mutation is stored with
it, so re-sending a batch (the connection dropped before the answer arrived) returns the same
answers and changes nothing. Answers that may change later (``not_found``: a record not there
yet, or not visible) are not stored, so a retry can succeed.

Every push takes the next server revision first: pushes are serialised by the revision row
lock, which both orders commits for pulls and rules out deadlocks between batches that touch
the same records in different orders.
"""

from __future__ import annotations

from sqlalchemy import select

from server.db.database import Database, now_ms
from server.db.models import AppliedMutation
from server.policy.permissions import FieldRules
from server.policy.principal import Principal
from server.records.writer import Mutation, RecordWriter

MAX_BATCH = 1000


def push(db: Database, principal: Principal, mutations: list[Mutation]) -> list[dict]:
    with db.write() as tx:
        session = tx.session
        ids = list({m.id for m in mutations})
        answered: dict[str, dict] = {}
        for chunk in range(0, len(ids), 500):
            answered.update(session.execute(select(
                AppliedMutation.mutation_id, AppliedMutation.result).where(
                AppliedMutation.device_id == principal.device_id,
                AppliedMutation.mutation_id.in_(ids[chunk:chunk + 500]))).all())
        if any(m.id not in answered for m in mutations):
            tx.revision  # take the revision lock before any record lock (see above)
        writer = RecordWriter(tx, principal, FieldRules.load(session, principal))
        writer.preload([m.record for m in mutations if m.id not in answered])
        results, remembered = [], []
        for mutation in mutations:
            if mutation.id in answered:
                results.append(answered[mutation.id])
                continue
            outcome = writer.apply(mutation)
            answer = outcome.as_json(mutation.id, tx.revision)
            if outcome.final:
                answered[mutation.id] = answer
                remembered.append({"device_id": principal.device_id,
                                   "mutation_id": mutation.id, "result": answer, "at": now_ms()})
            results.append(answer)
        writer.finish()
        if remembered:
            session.execute(AppliedMutation.__table__.insert(), remembered)
    return results
