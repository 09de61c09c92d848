"""The certificate authority file an account trusts, checked as input rather than as a network fault.

``--ca-file`` (and the account dialog's field) names a PEM file on this machine.  A missing,
unreadable or non-PEM file is the user's input to correct, so it is a
:class:`~app.errors.UserFacingError` naming the file, raised before any connection, and
never "Could not talk to the server: No such file" (which sends the user to check the
network).  The same check guards every later connection, because the file can disappear
after the account was saved.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from app.errors import UserFacingError


def checked_ca_file(path: str | None) -> str | None:
    """The absolute path of a usable CA file (None when none is given); raises UserFacingError.

    Absolute, because the account is used later from wherever the app or a script runs.
    """
    if path is None or not str(path).strip():
        return None
    resolved = Path(str(path).strip()).expanduser().absolute()
    trust_context(str(resolved))
    return str(resolved)


def trust_context(ca_file: str | None) -> ssl.SSLContext:
    """A default TLS context that also trusts ``ca_file``; a bad file raises UserFacingError."""
    if not ca_file:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=ca_file)
    except FileNotFoundError:
        raise UserFacingError("The certificate authority file {path} does not exist.",
                              code="tls.ca_missing", path=ca_file) from None
    except IsADirectoryError:
        raise UserFacingError("The certificate authority file {path} is a folder, not a PEM file.",
                              code="tls.ca_folder", path=ca_file) from None
    except ssl.SSLError:
        raise UserFacingError("The certificate authority file {path} holds no certificate Liaison "
                              "can use: give a PEM file (text starting with -----BEGIN CERTIFICATE-----).",
                              code="tls.ca_unusable", path=ca_file) from None
    except OSError as exc:
        raise UserFacingError("The certificate authority file {path} could not be read ({reason}).",
                              code="tls.ca_unreadable", path=ca_file,
                              reason=exc.strerror or type(exc).__name__) from None
