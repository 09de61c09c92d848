"""Shared fixtures: a private Dovecot, a throwaway profile, a test keyring, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def machine_settings(tmp_path, monkeypatch):
    """No test reads or writes the developer's own machine settings (~/.config/Liaison)."""
    path = tmp_path / "machine-settings.json"
    monkeypatch.setenv("LIAISON_MACHINE_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def secrets_file(tmp_path, monkeypatch):
    """No test reads or writes a real secrets file; each starts with the secrets file locked
    (the CLI's subprocesses inherit the path)."""
    from app.vault import session

    path = tmp_path / "secrets.sealed"
    monkeypatch.setenv("LIAISON_SECRETS_FILE", str(path))
    session.lock()
    yield path
    session.lock()


FAST_KDF = {"name": "argon2id", "t": 1, "m": 8, "p": 1}


@pytest.fixture
def fast_kdf(monkeypatch):
    """Tests that are not about the cost derive keys cheaply (the format records the cost)."""
    from app.vault import sealed

    monkeypatch.setattr(sealed, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture
def no_keyring():
    """No OS keyring works (keyring's fail backend), as on a minimal desktop."""
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def machine_policies(tmp_path, monkeypatch):
    """No test obeys this machine's own /etc/liaison/policies.json: the policy file is a path
    that does not exist (a test writes it to apply a policy; the CLI's subprocesses inherit it).
    In-process, the machine's own file is out of sight too; a subprocess would still read it
    beside this one (the variable only adds), so a managed machine is no place to run the tests."""
    from app.settings import policy, policy_file

    path = tmp_path / "policies.json"
    monkeypatch.setenv("LIAISON_POLICIES", str(path))
    monkeypatch.setattr(policy_file, "machine_path", lambda: tmp_path / "machine-policies.json")
    yield path
    policy.install(None)


@pytest.fixture(autouse=True)
def profile_encryption(request, monkeypatch):
    """Profiles are plain in the tests (many read the profile's file with plain sqlite3), unless
    ``LIAISON_TEST_ENCRYPTED=1`` runs the suite encrypted, or a test is marked ``encrypted``
    (the CLI's subprocesses inherit the variable)."""
    if request.node.get_closest_marker("encrypted") or os.environ.get("LIAISON_TEST_ENCRYPTED") == "1":
        monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "on")
    else:
        monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "off")


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every in-process test gets a fresh in-memory keyring (and no key read before it)."""
    import keyring

    from app.store import profile_key
    from tests.support.test_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    profile_key.clear_cache()
    yield backend
    keyring.set_keyring(previous)
    profile_key.clear_cache()


@pytest.fixture(scope="session")
def dovecot_binary():
    if shutil.which("dovecot") is None:
        pytest.fail("dovecot is not installed: run the README's test command, which installs it")


@pytest.fixture
def dovecot(dovecot_binary):
    from tests.support.dovecot import DovecotServer

    server = DovecotServer()
    server.add_user("sales", "s3cret-pass")
    server.start()
    yield server
    server.remove()


@pytest.fixture
def smtp(tmp_path):
    """A real SMTP server (aiosmtpd, STARTTLS and AUTH) on loopback; user sales."""
    from tests.support.smtp_server import SmtpServer

    server = SmtpServer(tmp_path / "smtp", {"sales": "s3cret-pass"}).start()
    yield server
    server.stop()


# OAuth2 sign-in (tests/integration/test_oauth.py, tests/ui/test_oauth_sign_in.py): one local
# authorization server, one Dovecot with the oauth2 passdb and one XOAUTH2 SMTP server per module.
OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET = "liaison-test-client", "not-so-secret"
OAUTH_USERS = [f"u{n}" for n in range(1, 13)] + ["ui1@gmail.com", "ui2"]
OAUTH_ADMIN_PASSWORD = "admin-pass"


@pytest.fixture(scope="module")
def oauth(tmp_path_factory):
    from tests.support.oauth_server import OAuthServer

    server = OAuthServer(tmp_path_factory.mktemp("oauth"), {OAUTH_CLIENT_ID: OAUTH_CLIENT_SECRET}).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def oauth_dovecot(oauth, dovecot_binary):
    from tests.support.dovecot import DovecotServer

    server = DovecotServer(oauth2_introspection_url=oauth.introspection_url)
    for user in OAUTH_USERS:  # a password too, for the test's own seeding connection
        server.add_user(user, OAUTH_ADMIN_PASSWORD)
    server.start()
    yield server
    server.remove()


@pytest.fixture(scope="module")
def oauth_smtp(oauth, tmp_path_factory):
    from tests.support.smtp_server import SmtpServer

    server = SmtpServer(tmp_path_factory.mktemp("smtp"), {}).start()
    server.token_check = lambda user, token: oauth.active(token) == user
    yield server
    server.stop()


@pytest.fixture
def client_ids(machine_settings):
    """This computer's OAuth2 client id and secret for Google, as IT would preset them."""
    import json

    machine_settings.write_text(json.dumps({"settings": {"oauth_client_id_google": OAUTH_CLIENT_ID,
                                                         "oauth_client_secret_google": OAUTH_CLIENT_SECRET}}))


@pytest.fixture
def profile_dir(tmp_path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def store(profile_dir):
    from app.profile import open_profile

    _paths, opened = open_profile(str(profile_dir))
    yield opened
    opened.close()


class Cli:
    """Runs `python main.py --profile P ...` as a real subprocess, as a user would."""

    def __init__(self, profile: Path, keyring_file: Path):
        self.profile = profile
        self.env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.test_keyring.FileKeyring",
                    "LIAISON_TEST_KEYRING_FILE": str(keyring_file), "PYTHONPATH": str(REPO)}

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 120,
                 check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, str(REPO / "main.py"), "--profile", str(self.profile),
                                 *args], input=stdin, capture_output=True, text=True,
                                env=self.env, timeout=timeout, cwd=REPO)
        if check and result.returncode != 0:
            raise AssertionError(f"liaison {' '.join(args)} failed ({result.returncode}):\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(REPO / "main.py"), "--profile", str(self.profile),
                                 *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env, cwd=REPO)


@pytest.fixture
def cli(profile_dir, tmp_path) -> Cli:
    return Cli(profile_dir, tmp_path / "keyring.json")


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL cluster for the team server's tests, shared by the session."""
    from tests.support.postgres import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database for one test (SQLAlchemy URL); dropped afterwards."""
    import uuid

    name = f"test_{uuid.uuid4().hex}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def backend_url(request, tmp_path_factory):
    """A fresh team-server database for one test module, on each backend."""
    import uuid

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('server-db')}/server.sqlite3"
        return
    postgres = request.getfixturevalue("postgres_server")
    name = f"server_{uuid.uuid4().hex}"
    yield postgres.create_database(name)
    postgres.drop_database(name)


@pytest.fixture(scope="module")
def team_server(backend_url, tmp_path_factory):
    """A running team server (``python -m server run``) over this module's database."""
    from tests.support.team_server import TeamServer

    with TeamServer(backend_url, tmp_path_factory.mktemp("server-log") / "server.log") as server:
        yield server
