"""The sync API (docs/sync-protocol.md)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from server.api.deps import authenticate, client_schema, get_db, presented_token
from server.api.errors import AUTHED
from server.api.schemas import PullOut, PushIn, PushOut
from server.db.database import Database
from server.records.writer import Mutation
from server.sync.cursor import CursorError
from server.sync.pull import DEFAULT_PAGE, MAX_PAGE, page_json, pull
from server.sync.push import push

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


# Both routes read the principal inside the transaction that does their work
# (``authenticate``), not in a dependency's transaction of its own: they are most of a team
# server's requests.

@router.post("/push", response_model=PushOut, responses=AUTHED)
def push_mutations(body: PushIn, request: Request, token: str = Depends(presented_token),
                   schema: int = Depends(client_schema), db: Database = Depends(get_db)):
    """Apply a batch of field-level mutations. Each gets its own answer; re-sending a batch
    returns the same answers and changes nothing."""
    mutations = [Mutation(m.id, m.type, m.record, m.op, m.field, m.value, m.base, m.hlc)
                 for m in body.mutations]
    return {"results": push(db, lambda session: authenticate(session, request, token, schema),
                            mutations)}


@router.get("/pull", response_model=PullOut, responses=AUTHED)
def pull_changes(request: Request, cursor: str | None = Query(default=None, max_length=200),
                 limit: int = Query(default=DEFAULT_PAGE, ge=1, le=MAX_PAGE),
                 token: str = Depends(presented_token), schema: int = Depends(client_schema),
                 db: Database = Depends(get_db)):
    """Everything that changed since ``cursor`` (all you may see when absent), a page at a
    time: records, records gone from your view, and your conflicts."""
    try:
        # Serialised straight to JSON: re-validating hundreds of records against the response
        # model cost a fifth of a page; the model stays the contract.
        page = pull(db, lambda session: authenticate(session, request, token, schema), cursor,
                    limit)
        return Response(page_json(page), media_type="application/json")
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None
