"""A real team server for tests: ``python -m server run`` in a subprocess on a free loopback
port, over a database the test chose (SQLite file or a PostgreSQL database), with helpers to
seed people and to sign in.

Seeding goes straight through ``server.admin.ops`` on the same database (the server keeps no
state of its own, so what the fixture writes is what the running server reads); requests go
over HTTP with httpx, as a client's would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from server import SCHEMA_VERSION
from server.admin import ops
from server.db.database import Database
from server.db.migrate import upgrade
from server.policy.principal import Principal
from tests.support.ports import free_port

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


class TeamServer:
    def __init__(self, database_url: str, log_path: Path, workers: int = 1):
        self.database_url = database_url
        self.log_path = log_path
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        upgrade(database_url)
        self.db = Database(database_url)

    def start(self) -> "TeamServer":
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "run", "--port", str(self.port),
             "--database-url", self.database_url, "--workers", str(self.workers)],
            cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the team server exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the team server did not answer: {self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self._log.close()
        self.db.dispose()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- seeding (as the admin command line would) ---------------------------------------

    def team(self, name: str, sharing: str = "read") -> str:
        with self.db.write() as tx:
            return ops.create_team(tx, Principal.server_admin(), name, sharing).id

    def user(self, email: str, team: str, role: str, manages: list[str] | None = None) -> None:
        with self.db.write() as tx:
            ops.create_user(tx, Principal.server_admin(), email, team, role, PASSWORD,
                            name=email.split("@")[0])
        if manages:
            with self.db.write() as tx:
                ops.set_role(tx, Principal.server_admin(), email, role, manages=manages)

    # -- clients --------------------------------------------------------------------------

    def sign_in(self, email: str, device: str = "test laptop",
                schema: int = SCHEMA_VERSION) -> "ApiClient":
        answer = httpx.post(f"{self.base_url}/api/v1/auth/token",
                            data={"username": email, "password": PASSWORD, "device_name": device})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return ApiClient(self.base_url, body["access_token"], body["device_id"], email, schema)


class ApiClient(httpx.Client):
    """An httpx client signed in as one device."""

    def __init__(self, base_url: str, token: str, device_id: str, email: str, schema: int):
        super().__init__(base_url=base_url, timeout=30, headers={
            "Authorization": f"Bearer {token}", "X-Liaison-Schema": str(schema)})
        self.token = token
        self.device_id = device_id
        self.email = email
        self._counter = 0

    def hlc(self, millis: int | None = None) -> str:
        self._counter += 1
        return f"{millis or int(time.time() * 1000):013d}:{self._counter:05d}:{self.device_id}"

    def push(self, *mutations: dict) -> list[dict]:
        answer = self.post("/api/v1/sync/push", json={"mutations": list(mutations)})
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def pull_all(self, cursor: str | None = None, limit: int = 500) -> dict:
        """Every page from ``cursor``: records (by uuid, last wins), gone, conflicts, cursor."""
        records, gone, conflicts = {}, [], []
        while True:
            params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            answer = self.get("/api/v1/sync/pull", params=params)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            for record in page["records"]:
                records[record["uuid"]] = record
            gone += page["gone"]
            conflicts += page["conflicts"]
            cursor = page["cursor"]
            if not page["more"]:
                return {"records": records, "gone": gone, "conflicts": conflicts,
                        "cursor": cursor}
