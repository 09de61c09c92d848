"""Currency codes for deals, and the currency a customer most likely pays in (no Qt).

A deal's amount is a decimal string with an ISO 4217 code beside it.  When a deal is made
for a company, the company's country usually says the currency: its web domain's country
TLD (``huaxin-trade.cn`` → CNY, ``nordwind.de`` → EUR, ``acme.co.uk`` → GBP) or, for a
contact, the country of their phone number (+65 → SGD).  A generic TLD (``.com``,
``.net``) says nothing; the caller then falls back to the currency used last.
"""

from __future__ import annotations

import re

from app.errors import InvalidValue
from app.settings.checks import QT_TRANSLATE_NOOP

NOT_A_CURRENCY = QT_TRANSLATE_NOOP("errors", "'{text}' is not a currency code: use three letters, like CNY, USD or EUR")

# The codes offered first when a currency is chosen (the rest are typed).
COMMON = ("CNY", "USD", "EUR", "HKD", "SGD", "JPY", "GBP", "TWD", "KRW", "AUD", "CAD", "CHF", "INR", "MYR",
          "THB", "VND", "IDR", "PHP", "AED", "RUB", "BRL", "MXN", "SEK", "NOK", "DKK", "PLN", "NZD", "ZAR", "TRY")

# Names people type instead of the code.
ALIASES = {"RMB": "CNY", "YUAN": "CNY", "元": "CNY", "人民币": "CNY", "¥": "CNY", "￥": "CNY", "US$": "USD",
           "$": "USD", "美元": "USD", "€": "EUR", "欧元": "EUR", "£": "GBP", "英镑": "GBP", "HK$": "HKD",
           "港币": "HKD", "港元": "HKD", "S$": "SGD", "新元": "SGD", "日元": "JPY", "円": "JPY", "NT$": "TWD"}

# Amounts in these currencies have no minor unit in everyday use.
NO_DECIMALS = frozenset({"JPY", "KRW", "VND", "IDR", "CLP", "ISK", "HUF", "TWD"})

_EURO = ("AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT",
         "NL", "PT", "SI", "SK", "MC", "SM", "VA", "AD", "ME", "XK")
COUNTRY_CURRENCY = {
    **{country: "EUR" for country in _EURO},
    "CN": "CNY", "HK": "HKD", "MO": "MOP", "TW": "TWD", "SG": "SGD", "JP": "JPY", "KR": "KRW", "IN": "INR",
    "GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "LI": "CHF", "SE": "SEK",
    "NO": "NOK", "DK": "DKK", "IS": "ISK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "BG": "BGN",
    "RU": "RUB", "UA": "UAH", "TR": "TRY", "IL": "ILS", "AE": "AED", "SA": "SAR", "QA": "QAR", "KW": "KWD",
    "EG": "EGP", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "MY": "MYR", "TH": "THB", "VN": "VND", "ID": "IDR",
    "PH": "PHP", "PK": "PKR", "BD": "BDT", "LK": "LKR", "BR": "BRL", "MX": "MXN", "AR": "ARS", "CL": "CLP",
    "CO": "COP", "PE": "PEN",
}
# Country-code TLDs that are not the country's ISO code.
_TLD_COUNTRY = {"uk": "GB", "eu": "DE"}
_CODE = re.compile(r"[A-Z]{3}")


def normalise_currency(text: str) -> str:
    """An ISO 4217 code from what was typed ("cny", "RMB", "¥" → "CNY"); "" stays "".

    Raises :class:`InvalidValue` for anything that is not three letters or a known alias.
    """
    value = (text or "").strip()
    if not value:
        return ""
    alias = ALIASES.get(value.upper()) or ALIASES.get(value)
    if alias:
        return alias
    if not _CODE.fullmatch(value.upper()):
        raise InvalidValue(NOT_A_CURRENCY, code="deal.currency", text=text)
    return value.upper()


def currency_of_country(country: str | None) -> str:
    """The currency of an ISO 3166 country code ("" when unknown)."""
    return COUNTRY_CURRENCY.get((country or "").upper(), "")


def currency_of_domain(domain: str | None) -> str:
    """The currency a web or mail domain's country TLD implies; "" for .com, .net, .org…"""
    labels = (domain or "").strip().lower().rstrip(".").split(".")
    if len(labels) < 2:
        return ""
    tld = labels[-1]
    if len(tld) != 2:
        return ""  # a generic TLD says nothing about the country
    return currency_of_country(_TLD_COUNTRY.get(tld, tld.upper()))


def currency_of_phone(e164: str | None) -> str:
    """The currency of the country a phone number (E.164) belongs to ("" when unknown)."""
    if not e164 or not e164.startswith("+"):
        return ""
    import phonenumbers

    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return ""
    return currency_of_country(region)


def minor_digits(currency: str) -> int:
    """How many decimals an amount in ``currency`` is shown with when it has a fraction."""
    return 0 if currency.upper() in NO_DECIMALS else 2
