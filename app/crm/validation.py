"""Validating and normalising what people type or import: email addresses and phone numbers.

Email syntax lives with mail (:mod:`app.mail.sending.address_syntax`).  Phone numbers are normalised
to E.164 with the ``phonenumbers`` library; a number written without a country code is read
in the default country (a setting, China by default).
"""

from __future__ import annotations

from app.errors import InvalidValue
from app.mail.sending.address_syntax import normalise_email

__all__ = ["InvalidValue", "display_phone", "normalise_email", "normalise_phone"]


def normalise_phone(text: str, default_country: str = "CN") -> str:
    """E.164 (``+8613812345678``); raises :class:`InvalidValue` when it is not a phone number."""
    import phonenumbers

    value = (text or "").strip()
    if not value:
        raise InvalidValue("the phone number is empty")
    try:
        parsed = phonenumbers.parse(value, default_country.upper())
    except phonenumbers.NumberParseException:
        raise InvalidValue("'{value}' is not a phone number", value=value) from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidValue("'{value}' has the wrong number of digits for a phone number", value=value)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """An E.164 number in the international format people read (``+86 138 1234 5678``)."""
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None),
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164
