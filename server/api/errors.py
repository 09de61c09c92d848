"""Error answers every route may give, declared once so /openapi.json documents them."""

from server.api.schemas import BaseModel


class ErrorOut(BaseModel):
    detail: str


def answers(*codes: int) -> dict:
    text = {400: "bad input", 401: "not signed in, or the device was revoked",
            403: "not allowed", 404: "no such record (or not one you may see)",
            409: "already exists", 413: "too large",
            426: "the client must be updated", 429: "too many failed sign-ins"}
    return {code: {"model": ErrorOut, "description": text[code]} for code in codes}


AUTHED = answers(400, 401, 426)
