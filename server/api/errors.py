"""Error answers every route may give, declared once so /openapi.json documents them."""

from server.api.schemas import BaseModel


class ErrorOut(BaseModel):
    detail: str


# A 422 is either FastAPI's (the request does not fit its schema: a list of problems) or a
# record edit's (a field or value the record cannot hold: one sentence, as ErrorOut).
_UNPROCESSABLE = {"description": "the request does not fit its schema (a list of problems), "
                                 "or a field or value the record cannot hold (one sentence)",
                  "content": {"application/json": {"schema": {"anyOf": [
                      {"$ref": "#/components/schemas/HTTPValidationError"},
                      {"$ref": "#/components/schemas/ErrorOut"}]}}}}


def answers(*codes: int) -> dict:
    text = {400: "bad input", 401: "not signed in, or the device was revoked",
            403: "not allowed", 404: "no such record (or not one you may see)",
            409: "conflicts with the record's state (exists already, deleted, or taken)", 413: "too large",
            426: "the client must be updated", 429: "too many failed sign-ins"}
    return {code: _UNPROCESSABLE if code == 422 else {"model": ErrorOut, "description": text[code]}
            for code in codes}


AUTHED = answers(400, 401, 426)
