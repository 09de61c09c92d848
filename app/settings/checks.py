"""What a setting may hold: value checks, and the errors that say why a value was refused.

Each check takes what the user gave and returns the value as it is stored (trimmed,
lower-cased, upper-cased…) or raises :class:`InvalidSetting`.  The sentence is a template
with ``{name}`` fields (see :mod:`app.errors`), marked for translation in the ``errors``
context like every error: the CLI prints the English sentence, the Settings window shows it
translated beside the field, the window's error presenter anywhere else.
"""

from __future__ import annotations

import re
from typing import Any

from app.errors import UserFacingError


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation in ``context`` without translating it (Qt-free)."""
    return text


class InvalidSetting(UserFacingError):
    """A value a setting cannot hold; ``key`` names the setting (``""`` when not one setting's)."""

    def __init__(self, template: str, /, *, key: str = "", code: str | None = None, **params: Any):
        super().__init__(template, code=code, key=key, **params)

    @property
    def key(self) -> str:
        return str(self.params.get("key") or "")


class UnknownSetting(UserFacingError):
    """No setting has this key."""


class SettingLocked(UserFacingError):
    """The setting is set and locked by the machine's policy: nobody here may change it."""


# -- the sentences (templates) ---------------------------------------------------------------
NOT_A_DOMAIN = QT_TRANSLATE_NOOP("errors", "'{value}' is not a domain name (for example example.com).")
NOT_AN_ADDRESS = QT_TRANSLATE_NOOP("errors", "'{value}' is not an email address (for example name@example.com).")
NOT_A_COUNTRY = QT_TRANSLATE_NOOP("errors", "'{value}' is not a country code (two letters, e.g. CN, DE, SG).")
NOT_A_CURRENCY = QT_TRANSLATE_NOOP("errors", "'{value}' is not a currency code (three letters, e.g. CNY, EUR, USD).")
NOT_A_CHOICE = QT_TRANSLATE_NOOP("errors", "'{value}' is not one of: {choices}.")
NOT_YES_NO = QT_TRANSLATE_NOOP("errors", "'{value}' is neither yes nor no (use true or false).")
NOT_A_NUMBER = QT_TRANSLATE_NOOP("errors", "'{value}' is not a whole number.")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("errors", "The number must be between {low} and {high}.")
NOT_TEXT = QT_TRANSLATE_NOOP("errors", "This setting holds text, not {value}.")
NOT_A_LIST = QT_TRANSLATE_NOOP("errors", "This setting holds a list, not {value}.")
ONE_LINE = QT_TRANSLATE_NOOP("errors", "This must fit on one line.")
NOT_A_SERVER_URL = QT_TRANSLATE_NOOP("errors", "'{value}' is not a server address (for example "
                                               "https://liaison.example.com).")

_DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u0080-\U0010ffff-]+$")


def domain(value: str, key: str = "") -> str:
    """A mail domain, lower-cased; ``@qq.com`` and ``qq.com.`` are taken as ``qq.com``."""
    text = str(value).strip().lower().lstrip("@").rstrip(".")
    try:
        ascii_form = text.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidSetting(NOT_A_DOMAIN, key=key, code="settings.not_a_domain", value=value) from None
    labels = ascii_form.split(".")
    if (len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels)
            or labels[-1].isdigit() or len(ascii_form) > 253):
        raise InvalidSetting(NOT_A_DOMAIN, key=key, code="settings.not_a_domain", value=value)
    return text


def address(value: str, key: str = "") -> str:
    """An email address, lower-cased (the domain checked as :func:`domain` does)."""
    text = str(value).strip().strip("<>").strip()
    local, at, host = text.rpartition("@")
    if not at or not local or not _LOCAL_PART.match(local) or any(ch.isspace() for ch in text):
        raise InvalidSetting(NOT_AN_ADDRESS, key=key, code="settings.not_an_address", value=value)
    try:
        host = domain(host)
    except InvalidSetting:
        raise InvalidSetting(NOT_AN_ADDRESS, key=key, code="settings.not_an_address", value=value) from None
    return f"{local}@{host}".lower()


def country_code(value: str, key: str = "") -> str:
    """A region phone numbers are read in (``CN``, ``DE``…), as :mod:`phonenumbers` knows them."""
    import phonenumbers  # only needed when a country is set

    code = str(value).strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidSetting(NOT_A_COUNTRY, key=key, code="settings.not_a_country", value=value)
    return code


def currency_code(value: str, key: str = "") -> str:
    """Three letters (ISO 4217 form), upper-cased."""
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise InvalidSetting(NOT_A_CURRENCY, key=key, code="settings.not_a_currency", value=value)
    return code


def server_url(value: str, key: str = "") -> str:
    """An http(s) address with a host (``""``: none), without a trailing slash."""
    text = str(value).strip()
    if not text:
        return ""
    scheme, sep, rest = text.partition("://")
    host = rest.split("/", 1)[0]
    if not sep or scheme.lower() not in ("https", "http") or not host or any(ch.isspace() for ch in text):
        raise InvalidSetting(NOT_A_SERVER_URL, key=key, code="settings.not_a_server_url", value=value)
    return text.rstrip("/")
