"""The published contract: docs/openapi.json is what the code builds and what the running
server serves, and the running server keeps it.

Schemathesis generates requests for every operation of the live ``/openapi.json``, on
PostgreSQL and on SQLite, signed in once as an admin and once as a rep, positive and negative
cases, and checks every answer: no 5xx, and no status code, content type, header or body the
document does not declare. The run is bounded and reproducible: EXAMPLES cases per
operation and mode, each from a fixed seed, no example database. (Schemathesis' own pytest
plugin does not run under pytest 9.2, so each operation is a plain hypothesis test over
``operation.as_strategy()``.)

Generated values are mixed with schemathesis dictionaries: ids that exist (records, teams,
people, devices, valid clocks), a schema version the server speaks, and hostile text (NUL,
which PostgreSQL refuses; text that lower-casing lengthens). What generation cannot reach (a
valid clock in a valid mutation, NUL in a path) is sent by hand at the end.

The people and records are this module's own (the team server is per module). Nothing that
ends a session reaches the ones the run signs in with: sign-out gets a fresh device for every
request, and the ids the run fills in point revocations, role changes and hand-overs only at
two bystanders (the manager and the victim) and the victim's devices.
"""

from __future__ import annotations

import difflib
import json
import time
import uuid
import zlib
from pathlib import Path

import httpx
import hypothesis
import pytest
import requests
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_headers_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)
from sqlalchemy import select

from server import OLDEST_SUPPORTED_SCHEMA, SCHEMA_VERSION
from server.api.app import create_app
from server.auth.devices import new_device
from server.db.models import User

pytestmark = pytest.mark.integration

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REGENERATE = ("run `python -m server openapi > docs/openapi.json` and review the diff "
              "before committing it")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
# Cases per operation, role and mode. Negative cases cost the most to generate and mostly stop
# at request validation (422).
EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10}
SEED = 20260611

ADMIN = "fuzz.admin@fuzz.test"  # the run signs in as these two
REP = "fuzz.rep@fuzz.test"
ROLES = {ADMIN: "admin", REP: "rep"}
# Bystanders: the only people (and devices) the run may revoke, demote or hand over.
MANAGER = "fuzz.manager@fuzz.test"
VICTIM = "fuzz.victim@fuzz.test"

_PATHS = json.loads(DOCUMENT.read_text(encoding="utf-8"))["paths"]
# Negative cases need something to get wrong: operations without parameters or a body get
# positive ones only.
RUNS = [(fuzzer, method.upper(), path, mode)
        for fuzzer in (ADMIN, REP)
        for path, item in _PATHS.items() for method, operation in item.items()
        for mode in GenerationMode
        if mode.is_positive or operation.get("parameters") or operation.get("requestBody")]
SIGN_OUT = ("POST", "/api/v1/auth/logout")
# Values generated text seldom hits but a server must survive: NUL (PostgreSQL refuses it in
# text) and text that lower-casing lengthens (İ is two characters in lower case).
HOSTILE = ["\x00", "fuzz\x00@fuzz.test", "İ" * 320]


def _rendered(document: dict) -> str:
    """As ``python -m server openapi`` prints it."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _drift(actual: str, where: str) -> str:
    committed = DOCUMENT.read_text(encoding="utf-8")
    diff = "".join(list(difflib.unified_diff(
        committed.splitlines(keepends=True), actual.splitlines(keepends=True),
        "docs/openapi.json", where))[:80])
    return f"docs/openapi.json differs from {where}: {REGENERATE}\n{diff}"


# -- drift ------------------------------------------------------------------------------------

def test_committed_document_is_what_the_code_builds():
    app = create_app("sqlite://")
    try:
        built = _rendered(app.openapi())
    finally:
        app.state.db.dispose()
    assert built == DOCUMENT.read_text(encoding="utf-8"), _drift(built, "the code")


def test_running_server_serves_the_committed_document(team_server):
    answer = httpx.get(f"{team_server.base_url}/openapi.json", timeout=30)
    assert answer.status_code == 200, answer.text
    served = _rendered(answer.json())
    assert served == DOCUMENT.read_text(encoding="utf-8"), _drift(served, "the running server")


# -- schemathesis -----------------------------------------------------------------------------

def _mint_token(team_server, email: str, device: str) -> str:
    """A fresh device for ``email``, straight in the database (sign-in is rate limited, and
    the run fuzzes it into refusing this address)."""
    with team_server.db.write() as tx:
        user = tx.session.scalar(select(User).where(User.email == email))
        _, token = new_device(tx.session, user, device, "127.0.0.1")
    return token


@pytest.fixture(scope="module")
def fuzz_world(team_server):
    """People and records of the fuzz run's own, with real data in every kind of answer."""
    team_server.team("Fuzz North", "read")
    team_server.team("Fuzz South", "edit")
    team_server.user(ADMIN, "Fuzz North", "admin")
    team_server.user(REP, "Fuzz North", "rep")
    team_server.user(MANAGER, "Fuzz South", "manager", manages=["Fuzz North"])
    team_server.user(VICTIM, "Fuzz South", "rep")
    admin, rep = team_server.sign_in(ADMIN), team_server.sign_in(REP)
    victim_devices = [team_server.sign_in(VICTIM, device=f"victim {n}").device_id
                      for n in range(3)]
    records = []
    for client in (admin, rep):
        company = client.post("/api/v1/records", json={"type": "company", "fields": {
            "name": "Acme Fuzz", "domains": ["acme.test"], "tags": ["fuzz"]}}).json()
        contact = client.post("/api/v1/records", json={"type": "contact", "fields": {
            "name": "Ada Fuzz", "emails": ["ada@acme.test"], "phones": ["+1 555 0100"],
            "company": company["record"]["uuid"]}}).json()
        deal = client.post("/api/v1/records", json={"type": "deal", "fields": {
            "title": "Fuzz deal", "amount": "1200.50", "currency": "EUR",
            "expected_close": "2026-12-31", "status": "open"}}).json()
        records += [company["record"]["uuid"], contact["record"]["uuid"], deal["record"]["uuid"]]
    # A collision (kept and lost values, in /conflicts and pull), a deleted record (gone),
    # a shared one and a field rule.
    contact = records[4]
    assert rep.patch(f"/api/v1/records/{contact}",
                     json={"fields": {"title": "CEO"}}).status_code == 200
    assert admin.patch(f"/api/v1/records/{contact}", json={
        "fields": {"title": "CTO"}, "base_versions": {"title": 0}}).status_code == 200
    assert rep.get("/api/v1/conflicts").json(), "no collision to report"
    assert rep.delete(f"/api/v1/records/{records[5]}").status_code == 204
    assert rep.post(f"/api/v1/records/{records[3]}/share",
                    json={"sharing": "private"}).status_code == 200
    assert admin.put("/api/v1/admin/field-rules", json={
        "role": "rep", "record_type": "deal", "field": "amount",
        "rule": "read_only"}).status_code == 200
    tokens = {ADMIN: admin.token, REP: rep.token}
    for client in (admin, rep):
        client.close()
    return {"tokens": tokens, "records": records, "victim_devices": victim_devices}


@pytest.fixture(scope="module")
def live_schema(team_server, fuzz_world):
    """The running server's own /openapi.json. Generated values are mixed with dictionaries:
    ids that exist (the people among them are the two bystanders) and values random text
    seldom hits but a server must survive."""
    ids = {"records": fuzz_world["records"], "teams": ["Fuzz North", "Fuzz South"],
           "people": [VICTIM, MANAGER], "devices": fuzz_world["victim_devices"],
           "newcomers": [VICTIM, *(f"fuzz.new{n}@fuzz.test" for n in range(8))],
           "clocks": _clocks()}
    bound = {"path.uuid": "records", "body.uuid": "records",
             "body.mutations[*].record": "records", "body.mutations[*].hlc": "clocks",
             "path.team": "teams", "body.team": "teams", "body.manages[*]": "teams",
             "path.email": "people", "body.from_email": "people", "body.to_email": "people",
             "body.email": "newcomers", "path.device_id": "devices"}
    # Strings of query parameters (which are optional: no "type" for the type-wide binding
    # to see) and of bodies.
    hostile_too = ["q", "email", "phone", "domain", "name", "user", "record", "cursor",
                   "body.username", "body.password", "body.device_name", "body.name",
                   "body.field", "body.mutations[*].id", "body.mutations[*].field",
                   "body.fields.name", "body.fields.emails[*]"]
    config = schemathesis.Config.from_dict({
        "dictionaries": {"hostile": {"values": HOSTILE},
                         "schemas": {"values": [SCHEMA_VERSION, OLDEST_SUPPORTED_SCHEMA]},
                         **{name: {"values": values + HOSTILE} for name, values in ids.items()}},
        "generation": {"dictionaries": {"string": {"dictionary": "hostile",
                                                   "probability": 0.2}}},
        "parameters": {**{key: {"dictionary": name, "probability": 0.5}
                          for key, name in bound.items()},
                       **{key: {"dictionary": "hostile", "probability": 0.2}
                          for key in hostile_too},
                       # Mostly a schema version the server speaks, or little gets past 400.
                       "header.x-liaison-schema": {"dictionary": "schemas",
                                                   "probability": 0.7}},
    })
    schema = schemathesis.openapi.from_url(f"{team_server.base_url}/openapi.json",
                                           config=config)
    schema.config.update(base_url=team_server.base_url)
    return schema


def _clocks() -> list[str]:
    """Valid hybrid clocks (MILLIS:COUNTER:NODE), which generated text never is: a device's
    and one with the longest NODE the clock pattern allows."""
    millis = int(time.time() * 1000)
    return [f"{millis:013d}:00001:{uuid.uuid4()}", f"{millis + 1:013d}:00000:{'f' * 64}"]


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


@pytest.mark.parametrize("fuzzer,method,path,mode", RUNS,
                         ids=[f"{ROLES[who]}-{m} {p}-{g}" for who, m, p, g in RUNS])
def test_api_conforms_to_its_document(fuzzer, method, path, mode, live_schema, team_server,
                                      fuzz_world, http):
    operation = live_schema[path][method]
    token = fuzz_world["tokens"][fuzzer]

    @hypothesis.seed(zlib.crc32(f"{SEED} {fuzzer} {method} {path} {mode}".encode()))
    @hypothesis.settings(max_examples=EXAMPLES[mode], deadline=None, database=None,
                         phases=[hypothesis.Phase.generate, hypothesis.Phase.shrink],
                         suppress_health_check=[hypothesis.HealthCheck.too_slow,
                                                hypothesis.HealthCheck.filter_too_much,
                                                hypothesis.HealthCheck.data_too_large],
                         print_blob=False)
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # Signing out ends the session it is sent with: each gets a device of its own.
        own = _mint_token(team_server, fuzzer, "sign-out") if (method, path) == SIGN_OUT else token
        case.call_and_validate(session=http, headers={"Authorization": f"Bearer {own}"},
                               checks=CHECKS)

    run()


# -- edges generation does not reach ----------------------------------------------------------

def _edge_cases() -> dict[str, tuple[str, str, dict]]:
    """Requests random generation reaches seldom or never (a valid clock in a valid mutation,
    text that lower-casing lengthens), checked against the document like generated ones."""
    longest = f"{int(time.time() * 1000):013d}:00000:{'f' * 64}"
    record = str(uuid.uuid4())
    return {
        "longest clock": ("POST", "/api/v1/sync/push", {"body": {"mutations": [
            {"id": "edge-1", "type": "contact", "record": record, "op": "create",
             "hlc": longest},
            {"id": "edge-2", "type": "contact", "record": record, "op": "set",
             "field": "name", "value": "Edge", "hlc": longest}]}}),
        "lengthening email": ("POST", "/api/v1/auth/token",
                              {"body": {"username": "İ" * 320, "password": "x" * 8}}),
    }


@pytest.mark.parametrize("edge", _edge_cases())
@pytest.mark.parametrize("fuzzer", ROLES, ids=ROLES.get)
def test_edges_conform_to_the_document(edge, fuzzer, live_schema, team_server):
    method, path, values = _edge_cases()[edge]
    case = live_schema[path][method].Case(**values)
    token = _mint_token(team_server, fuzzer, f"edge {edge}")
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


# Schemathesis never puts control characters in a path (it replaces them, as strict URL
# decoders reject them before routing), so NUL is sent by hand in each place text arrives.
NUL_REQUESTS = {
    "path": ("PUT", "/api/v1/admin/users/fuzz%00@fuzz.test/role", {"json": {"role": "rep"}}),
    "query": ("GET", "/api/v1/duplicates", {"params": {"email": "fuzz\x00@fuzz.test"}}),
    "form": ("POST", "/api/v1/auth/token",
             {"data": {"username": "fuzz\x00@fuzz.test", "password": "x" * 8}}),
    "json": ("POST", "/api/v1/records",
             {"json": {"type": "contact", "fields": {"name": "Ada\x00"}}}),
}


@pytest.mark.parametrize("where", NUL_REQUESTS)
def test_nul_is_refused_wherever_it_arrives(where, team_server, fuzz_world):
    method, path, content = NUL_REQUESTS[where]
    token = _mint_token(team_server, ADMIN, f"nul {where}")
    answer = httpx.request(method, f"{team_server.base_url}{path}", timeout=30,
                           headers={"Authorization": f"Bearer {token}"}, **content)
    assert (answer.status_code, answer.json()) == (
        400, {"detail": "text may not contain NUL (U+0000) characters"}), answer.text


def test_an_escaped_backslash_before_u0000_is_text_not_nul(team_server, fuzz_world):
    token = _mint_token(team_server, ADMIN, "not nul")
    answer = httpx.post(f"{team_server.base_url}/api/v1/records", timeout=30,
                        headers={"Authorization": f"Bearer {token}"},
                        json={"type": "note", "fields": {"body": "C:\\u0000 and %00"}})
    assert answer.status_code == 201, answer.text
    assert answer.json()["record"]["fields"]["body"] == "C:\\u0000 and %00"
