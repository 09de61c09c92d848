"""Fixtures for the team server's tests: every test that takes ``backend`` runs twice, on
PostgreSQL (a private cluster) and on SQLite, against a real ``python -m server run``."""

from __future__ import annotations

import uuid

import pytest

from tests.support.team_server import TeamServer


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def backend_url(request, tmp_path_factory):
    """A fresh database for one test module, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('server-db')}/server.sqlite3"
        return
    postgres = request.getfixturevalue("postgres_server")
    name = f"server_{uuid.uuid4().hex}"
    yield postgres.create_database(name)
    postgres.drop_database(name)


@pytest.fixture(scope="module")
def team_server(backend_url, tmp_path_factory):
    """A running team server over this module's database."""
    with TeamServer(backend_url, tmp_path_factory.mktemp("server-log") / "server.log") as server:
        yield server
