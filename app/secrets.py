"""Passwords and tokens, kept only in the operating system's keyring.

Security rules enforced here:

* A secret is never written to the database, settings, logs or crash reports; the database
  only knows an account's UUID, which is the keyring entry's user name.
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

SERVICE = "Liaison"
KEYRING_TIMEOUT_SECONDS = 20.0

_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

NO_KEYRING_HELP = (
    "No secure password store is available, so Liaison cannot keep your password. "
    "On Linux install and unlock a Secret Service keyring (for example: "
    "sudo apt-get install gnome-keyring, then log in to a desktop session); "
    "Liaison never writes passwords to disk itself."
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


class SecretStore:
    """Reads and writes an account's secrets in the OS keyring."""

    def _keyring(self):
        import keyring  # imported lazily: loading its backends costs start-up time

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
        """Raise KeyringUnavailable now, before anything depends on storing a secret."""
        self._keyring()

    def set_password(self, account_uuid: str, secret: str, kind: str = "password") -> None:
        keyring = self._keyring()
        self._guarded(lambda: keyring.set_password(SERVICE, _secret_key(account_uuid, kind), secret))

    def get_password(self, account_uuid: str, kind: str = "password") -> str | None:
        keyring = self._keyring()
        return self._guarded(lambda: keyring.get_password(SERVICE, _secret_key(account_uuid, kind)))

    def delete_password(self, account_uuid: str, kind: str = "password") -> None:
        from keyring.errors import PasswordDeleteError

        keyring = self._keyring()

        def delete() -> None:
            try:
                keyring.delete_password(SERVICE, _secret_key(account_uuid, kind))
            except PasswordDeleteError:
                pass  # already gone: deleting is idempotent

        self._guarded(delete)
