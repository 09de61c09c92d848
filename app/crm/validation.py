"""Validating and normalising what people type or import: email addresses and phone numbers.

Email syntax is checked strictly enough to catch real mistakes (a missing ``@``, spaces, two
``@``, a domain without a dot, a trailing dot) without rejecting valid unusual addresses
(plus tags, subdomains, internationalised domains).  Phone numbers are normalised to E.164
with the ``phonenumbers`` library; a number written without a country code is read in the
default country (a setting, China by default).
"""

from __future__ import annotations

import re

from app.errors import UserFacingError

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u0080-\U0010ffff-]+$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


class InvalidValue(UserFacingError):
    """A value a record cannot hold, with the reason in words."""


def normalise_email(text: str) -> str:
    """The address lower-cased and trimmed; raises :class:`InvalidValue` with the reason."""
    value = (text or "").strip().strip("<>").strip()
    if not value:
        raise InvalidValue("the email address is empty")
    if "@" not in value:
        raise InvalidValue(f"'{value}' has no @ (an email address looks like name@example.com)")
    if value.count("@") > 1:
        raise InvalidValue(f"'{value}' has more than one @")
    if any(ch.isspace() for ch in value):
        raise InvalidValue(f"'{value}' contains a space")
    local, domain = value.rsplit("@", 1)
    if not local or not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidValue(f"the part before @ in '{value}' is not valid")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidValue(f"the domain of '{value}' is not valid") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise InvalidValue(f"the domain of '{value}' is not valid (it needs a dot, like example.com)")
    return f"{local}@{domain}".lower()


def normalise_phone(text: str, default_country: str = "CN") -> str:
    """E.164 (``+8613812345678``); raises :class:`InvalidValue` when it is not a phone number."""
    import phonenumbers

    value = (text or "").strip()
    if not value:
        raise InvalidValue("the phone number is empty")
    try:
        parsed = phonenumbers.parse(value, default_country.upper())
    except phonenumbers.NumberParseException:
        raise InvalidValue(f"'{value}' is not a phone number") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidValue(f"'{value}' has the wrong number of digits for a phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """An E.164 number in the international format people read (``+86 138 1234 5678``)."""
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None),
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164
