"""Passwords and tokens: in the operating system's keyring, or in the encrypted secrets file.

Which store is used is the machine setting ``secrets_store`` (IT can lock it by policy):

* ``keyring``: the OS keyring only (refused plainly when no secure one works);
* ``file``: the encrypted secrets file (:mod:`app.vault`), unlocked by the primary password
  once per session;
* ``auto`` (the default): the secrets file when one exists — so passwords kept there are never
  hidden because a keyring appeared later (``secrets move-to-keyring`` moves them and removes
  the file) — otherwise the OS keyring when a secure one works, otherwise the secrets file.

Security rules enforced here:

* A secret is never written to the database, settings, logs or crash reports; the database
  only knows an account's UUID, which is the keyring entry's user name.
* Nothing is ever written in plaintext: the secrets file is sealed with AES-256-GCM under a
  key derived from the primary password (Argon2id), see :mod:`app.vault.sealed`.
* Backends that are not secure stores are refused rather than used silently: the ``fail``
  and ``null`` backends (no keyring at all) and everything from ``keyrings.alt`` (which
  stores base64 plaintext on disk).  The user is told plainly how to fix it.
* A keyring call can block forever (an unlock prompt nobody answers), so every call runs on a
  helper thread with a timeout; callers in the GUI must still call from a worker thread.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from app.errors import KeyringUnavailable

KEYRING, FILE = "keyring", "file"

SERVICE = "Liaison"
KEYRING_TIMEOUT_SECONDS = 20.0

_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

NO_KEYRING_HELP = (
    "No secure password store is available, so Liaison cannot keep your password. "
    "On Linux install and unlock a Secret Service keyring (for example: "
    "sudo apt-get install gnome-keyring, then log in to a desktop session); "
    "or let Liaison keep passwords in its encrypted file instead (setting secrets_store: auto or file)."
)

T = TypeVar("T")


def _secret_key(account_uuid: str, kind: str) -> str:
    return f"{account_uuid}:{kind}"


def _backend_is_insecure(backend) -> bool:
    chained = getattr(backend, "backends", None)
    if chained is not None:  # keyring's ChainerBackend: usable only if some member is
        return not chained or all(_backend_is_insecure(b) for b in chained)
    module = type(backend).__module__
    return module.startswith(_INSECURE_MODULE_PREFIXES)


def _call_with_timeout(fn: Callable[[], T]) -> T:
    """Run one keyring call on a daemon thread so a hung unlock prompt cannot hang us."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # re-raised on the calling thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="liaison-keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT_SECONDS)
    if worker.is_alive():
        raise KeyringUnavailable("The system keyring did not answer within {seconds} seconds; unlock it and "
                                 "try again.", code="keyring.timeout", seconds=int(KEYRING_TIMEOUT_SECONDS))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def keyring_is_secure() -> bool:
    """Whether the OS keyring backend keyring chose is a secure store (no call is made to it)."""
    import keyring  # imported lazily: loading its backends costs start-up time

    return not _backend_is_insecure(keyring.get_keyring())


def store_in_use() -> str:
    """``"keyring"`` or ``"file"``: where secrets are read and written now (see the module doc)."""
    from app.settings.values import machine_value
    from app.vault.secrets_file import SecretsFile

    chosen = machine_value("secrets_store")
    if chosen in (KEYRING, FILE):
        return chosen
    if SecretsFile().exists():
        return FILE
    return KEYRING if keyring_is_secure() else FILE


class _KeyringBackend:
    """The OS keyring, every call on a helper thread with a timeout."""

    def _keyring(self):
        import keyring

        backend = keyring.get_keyring()
        if _backend_is_insecure(backend):
            raise KeyringUnavailable(NO_KEYRING_HELP, code="keyring.missing")
        return keyring

    def _guarded(self, fn: Callable[[], T]) -> T:
        from keyring.errors import KeyringError

        try:
            return _call_with_timeout(fn)
        except KeyringUnavailable:
            raise
        except KeyringError as exc:
            raise KeyringUnavailable("The system keyring refused the request: {reply}", code="keyring.refused",
                                     reply=str(exc) or type(exc).__name__) from None

    def ensure_available(self) -> None:
        self._keyring()

    def set(self, name: str, secret: str) -> None:
        keyring = self._keyring()
        self._guarded(lambda: keyring.set_password(SERVICE, name, secret))

    def get(self, name: str) -> str | None:
        keyring = self._keyring()
        return self._guarded(lambda: keyring.get_password(SERVICE, name))

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        keyring = self._keyring()

        def delete() -> None:
            try:
                keyring.delete_password(SERVICE, name)
            except PasswordDeleteError:
                pass  # already gone: deleting is idempotent

        self._guarded(delete)


class _FileBackend:
    """The encrypted secrets file, with the session's unlocked key (SecretsLocked when locked)."""

    def __init__(self):
        from app.vault.secrets_file import SecretsFile

        self.file = SecretsFile()

    def ensure_available(self) -> None:
        from app.vault import session

        session.key()

    def set(self, name: str, secret: str) -> None:
        from app.vault import session

        self.file.update(session.key(), lambda entries: entries.__setitem__(name, secret))

    def get(self, name: str) -> str | None:
        from app.vault import session

        return self.file.read(session.key()).get(name)

    def delete(self, name: str) -> None:
        from app.vault import session

        if self.file.exists():
            self.file.update(session.key(), lambda entries: entries.pop(name, None))


class SecretStore:
    """Reads and writes an account's secrets in the store :func:`store_in_use` names.

    The file store raises :class:`app.errors.SecretsLocked` while no primary password was
    entered this session; the keyring raises :class:`KeyringUnavailable` when none works.
    """

    def _backend(self):
        return _FileBackend() if store_in_use() == FILE else _KeyringBackend()

    def ensure_available(self) -> None:
        """Raise now, before anything depends on storing a secret."""
        self._backend().ensure_available()

    def set_password(self, account_uuid: str, secret: str, kind: str = "password") -> None:
        self._backend().set(_secret_key(account_uuid, kind), secret)

    def get_password(self, account_uuid: str, kind: str = "password") -> str | None:
        return self._backend().get(_secret_key(account_uuid, kind))

    def delete_password(self, account_uuid: str, kind: str = "password") -> None:
        self._backend().delete(_secret_key(account_uuid, kind))


def move_file_to_keyring() -> int:
    """Copy every entry of the (unlocked) secrets file into the OS keyring, check each, then
    remove the file; returns how many moved.  The file stays if any step fails."""
    from app.vault import session
    from app.vault.secrets_file import SecretsFile

    file = SecretsFile()
    entries = file.read(session.key())
    keyring = _KeyringBackend()
    keyring.ensure_available()
    for name, secret in entries.items():
        keyring.set(name, secret)
        if keyring.get(name) != secret:
            raise KeyringUnavailable("The system keyring did not keep a password; the secrets file is kept.",
                                     code="keyring.refused")
    file.remove()
    session.lock()
    return len(entries)


def _register_for_profile_keys() -> None:
    """Profile keys (app.store.profile_key) are kept where every secret is."""
    from app.store import profile_key

    profile_key.use_secret_store(SecretStore)


_register_for_profile_keys()
