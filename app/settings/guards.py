"""What IT may forbid, asked where the forbidden thing happens (no Qt).

Security: these are the checks behind the settings ``allow_plaintext_mail``, ``allow_export``
and ``team_server_url``, which a machine policy may lock (:mod:`app.settings.policy_file`).
They are called by the core at the point of no return — opening an IMAP or SMTP
connection, writing an export file, signing in to a team server — rather than only by the
window or the CLI, so that no path (a rule, a script, an older account, a new button)
slips past them.  Each refusal is one sentence (a :class:`PolicyRefused`, exit code 2).

The three are machine settings: read without a profile, through
:func:`app.settings.values.machine_value`, so the policy check stays in ``effective``.
"""

from __future__ import annotations

from app.errors import UserFacingError
from app.settings.checks import QT_TRANSLATE_NOOP
from app.settings.values import machine_effective, machine_value


class PolicyRefused(UserFacingError):
    """Something this computer's settings (usually IT's policy) do not allow."""


PLAINTEXT_REFUSED = QT_TRANSLATE_NOOP(
    "errors", "Unencrypted connections are not allowed on this computer, so {host} cannot be used "
              "with security 'none': choose ssl or starttls.")
EXPORT_REFUSED = QT_TRANSLATE_NOOP(
    "errors", "Exporting customer data is not allowed on this computer.")
SERVER_REFUSED = QT_TRANSLATE_NOOP(
    "errors", "Only the team server {allowed} may be used on this computer, not {server}.")
NO_SERVER = QT_TRANSLATE_NOOP(
    "errors", "Name the team server to sign in to (for example https://liaison.example.com).")

# The pseudo-account of Local Folders has security "none" but never connects anywhere.
_NO_CONNECTION = ""


def require_encryption(security: str, host: str) -> None:
    """Refuse a connection (or an account) with ``security`` "none" when plaintext is off."""
    if security == "none" and host != _NO_CONNECTION and not machine_value("allow_plaintext_mail"):
        raise PolicyRefused(PLAINTEXT_REFUSED, code="policy.plaintext", host=host)


def plaintext_allowed() -> bool:
    return bool(machine_value("allow_plaintext_mail"))


def export_allowed() -> bool:
    return bool(machine_value("allow_export"))


def require_export_allowed() -> None:
    """Refuse to write customer data to a file when exports are off."""
    if not export_allowed():
        raise PolicyRefused(EXPORT_REFUSED, code="policy.export")


def team_server(given: str | None) -> str:
    """The team server to sign in to: ``given``, or the preset one; a locked one allows no other.

    Addresses are compared without a trailing slash and with the scheme and host in lower case.
    """
    preset = machine_effective("team_server_url")
    given = (given or "").strip()
    if not given:
        if not preset.value:
            raise PolicyRefused(NO_SERVER, code="team.no_server")
        return preset.value
    if preset.locked and preset.value and not _same_server(given, preset.value):
        raise PolicyRefused(SERVER_REFUSED, code="policy.team_server", allowed=preset.value, server=given)
    return given


def _same_server(a: str, b: str) -> bool:
    def norm(url: str) -> str:
        url = url.strip().rstrip("/")
        scheme, sep, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}"

    return norm(a) == norm(b)
