"""Keyring backends for tests only; never shipped, never used by a user's install.

``MemoryKeyring`` serves in-process tests.  ``FileKeyring`` lets CLI subprocesses share
secrets through a JSON file named by ``LIAISON_TEST_KEYRING_FILE``; a subprocess selects it
with keyring's own ``PYTHON_KEYRING_BACKEND`` variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def _path(self) -> Path:
        return Path(os.environ["LIAISON_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        return json.loads(self._path.read_text()) if self._path.exists() else {}

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path.write_text(json.dumps(data))

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._path.write_text(json.dumps(data))
