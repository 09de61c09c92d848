"""Email address syntax: strict enough to catch real mistakes, never rejecting valid addresses.

Catches a missing ``@``, spaces, two ``@``, a domain without a dot, a trailing dot; accepts
plus tags, subdomains and internationalised domains.  The reason is said in words
(:class:`app.errors.InvalidValue`).
"""

from __future__ import annotations

import re

from app.errors import InvalidValue

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u0080-\U0010ffff-]+$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def normalise_email(text: str) -> str:
    """The address lower-cased and trimmed; raises :class:`InvalidValue` with the reason."""
    value = (text or "").strip().strip("<>").strip()
    if not value:
        raise InvalidValue("the email address is empty")
    if "@" not in value:
        raise InvalidValue("'{value}' has no @ (an email address looks like name@example.com)", value=value)
    if value.count("@") > 1:
        raise InvalidValue("'{value}' has more than one @", value=value)
    if any(ch.isspace() for ch in value):
        raise InvalidValue("'{value}' contains a space", value=value)
    local, domain = value.rsplit("@", 1)
    if not local or not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidValue("the part before @ in '{value}' is not valid", value=value)
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidValue("the domain of '{value}' is not valid", value=value) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise InvalidValue("the domain of '{value}' is not valid (it needs a dot, like example.com)", value=value)
    return f"{local}@{domain}".lower()
