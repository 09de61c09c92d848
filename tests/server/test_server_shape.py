"""The server stands alone: it never imports the desktop client or Qt, and several app
processes over one PostgreSQL behave as one server (nothing kept in process memory)."""

from __future__ import annotations

import ast
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.team_server import TeamServer

REPO = Path(__file__).resolve().parents[2]


def test_server_imports_neither_the_client_nor_qt():
    offenders = []
    for path in (REPO / "server").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(REPO)}: {n}" for n in names
                          if n.split(".")[0] in ("app", "PySide6", "shiboken6")]
    assert offenders == []
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, server.api.app, server.cli.main; "
                               "print(sorted(m for m in sys.modules if m.split('.')[0] in "
                               "('app', 'PySide6')))"],
        cwd=REPO, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


@pytest.mark.integration
def test_several_workers_share_one_database(postgres_server, tmp_path):
    url = postgres_server.create_database(f"workers_{uuid.uuid4().hex}")
    with TeamServer(url, tmp_path / "server.log", workers=3) as server:
        server.team("Many")
        server.user("rep@many.test", "Many", "rep")
        server.user("root@many.test", "Many", "admin")
        rep, admin = server.sign_in("rep@many.test"), server.sign_in("root@many.test")
        made = [rep.post("/api/v1/records", json={"type": "company", "fields": {"name": f"C{i}"}})
                for i in range(30)]
        assert {m.status_code for m in made} == {201}
        # Whichever process answers, everyone sees the same state.
        seen = {len(rep.get("/api/v1/records").json()["records"]) for _ in range(20)}
        assert seen == {30}
        assert admin.post(f"/api/v1/admin/devices/{rep.device_id}/revoke").status_code == 204
        # The revocation holds in every process at once: no request gets through.
        assert {rep.get("/api/v1/me").status_code for _ in range(30)} == {401}
        pids = {line for line in server.log_path.read_text().splitlines() if "Started server process" in line}
        assert len(pids) == 3


def test_schema_head_constant_matches_the_migrations():
    from alembic.script import ScriptDirectory

    from server.db.migrate import SCHEMA_HEAD, _config

    assert ScriptDirectory.from_config(_config("sqlite://")).get_heads() == [SCHEMA_HEAD]


def test_a_database_from_a_newer_server_is_refused_untouched(tmp_path):
    import sqlite3

    from server.db.migrate import SchemaTooNew, upgrade

    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer Liaison server"):
        upgrade(f"sqlite:///{path}")
    assert path.read_bytes() == before
