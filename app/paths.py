"""Every on-disk location of one user's profile, in one place.

A profile is a directory holding the database, its backups and the logs.  It is chosen, in
order, by ``--profile DIR``, the ``LIAISON_PROFILE`` environment variable, or the platform's
user data directory.  Nothing secret is ever written below it in plaintext: passwords live in
the OS keyring or in the encrypted secrets file (:mod:`app.vault`), whose place is
:func:`secrets_file` — one for every profile, like the keyring.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROFILE_ENV = "LIAISON_PROFILE"


def default_profile_dir() -> Path:
    # platformdirs is imported lazily: it is only needed when no profile was named.
    from platformdirs import user_data_dir

    return Path(user_data_dir("Liaison", appauthor=False))


SECRETS_FILE_ENV = "LIAISON_SECRETS_FILE"


def secrets_file() -> Path:
    """The encrypted secrets file: ``LIAISON_SECRETS_FILE``, or ``secrets.sealed`` in the user
    data directory (beside the default profile's database)."""
    if os.environ.get(SECRETS_FILE_ENV):
        return Path(os.environ[SECRETS_FILE_ENV]).expanduser()
    return default_profile_dir() / "secrets.sealed"


@dataclass(frozen=True)
class ProfilePaths:
    """The files and folders of one profile."""

    root: Path

    @classmethod
    def resolve(cls, explicit: str | os.PathLike | None = None) -> "ProfilePaths":
        chosen = explicit or os.environ.get(PROFILE_ENV) or default_profile_dir()
        return cls(Path(chosen).expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.root / "liaison.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def locks(self) -> Path:
        """Lock files of work one process at a time may do (an account's sync)."""
        return self.root / "locks"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "liaison.log"

    @property
    def ui_state(self) -> Path:
        return self.root / "ui-state.ini"

    @property
    def sample_profile(self) -> Path:
        """The bundled sample data lives in a profile of its own, never mixed with real mail."""
        return self.root / "sample-profile"

    def ensure(self) -> "ProfilePaths":
        """Create the profile folders, readable by the owner only."""
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
            try:
                folder.chmod(0o700)
            except OSError:  # e.g. a profile on a file system without permissions
                pass
        return self
