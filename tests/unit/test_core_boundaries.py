"""Architecture rules that must hold: the core never imports Qt; no secret reaches disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import KeyringUnavailable

REPO = Path(__file__).resolve().parent.parent.parent
CORE_PACKAGES = ["app.mail", "app.store", "app.cli", "app.crm", "app.search", "app.services", "app.settings",
                 "app.automation", "app.vault",
                 "app.sync", "app.reports"]


def test_core_packages_do_not_import_qt():
    modules = []
    for package in CORE_PACKAGES:
        folder = REPO / package.replace(".", "/")
        modules += [f"{package}.{'.'.join(p.relative_to(folder).with_suffix('').parts)}"
                    for p in folder.rglob("*.py") if p.stem != "__init__"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
            "print(','.join(bad))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("backend_module", ["keyring.backends.fail", "keyring.backends.null",
                                            "keyrings.alt.file"])
def test_insecure_keyring_backends_are_refused(monkeypatch, backend_module):
    import keyring

    from app.secrets import SecretStore

    from app.errors import SecretsLocked
    from app.settings import machine

    fake = type("Backend", (), {"__module__": backend_module})()  # any call to it would fail
    monkeypatch.setattr(keyring, "get_keyring", lambda: fake)
    # Automatic choice: never the insecure backend, the encrypted secrets file (locked) instead.
    with pytest.raises(SecretsLocked):
        SecretStore().set_password("uuid", "pw")
    machine.write("secrets_store", "keyring")  # the keyring only: refused with a plain sentence
    with pytest.raises(KeyringUnavailable, match="No secure password store"):
        SecretStore().set_password("uuid", "pw")


def test_hung_keyring_times_out(monkeypatch, memory_keyring):
    import threading

    from app import secrets

    monkeypatch.setattr(secrets, "KEYRING_TIMEOUT_SECONDS", 0.2)
    release = threading.Event()
    monkeypatch.setattr(memory_keyring, "get_password", lambda *a: release.wait(5))
    with pytest.raises(KeyringUnavailable, match="did not answer"):
        secrets.SecretStore().get_password("uuid")
    release.set()


def test_password_credential_never_shows_the_password():
    from app.mail.imap.session import PasswordCredential

    assert "hunter2" not in repr(PasswordCredential("hunter2"))
