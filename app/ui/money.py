"""Amounts of money as people of the user's locale write them.

``format_money("1234567.5", "EUR", QLocale("de_DE"))`` → ``1.234.567,50 €``;
``format_money("772000", "CNY", QLocale("zh_CN"))`` → ``¥772,000``;
``format_money("1234567.5", "USD", QLocale("en_US"))`` → ``$1,234,567.50``.

The digits, group and decimal separators and where the sign goes come from the locale
(``QLocale.toCurrencyString``'s own pattern); the sign is the currency's, shown the way the
locale's people read it: ``¥`` is the yuan unless the locale's own currency is the yen
(then the yuan is ``CN¥``), ``$`` is the US dollar unless the locale has another dollar.
Amounts are decimal strings, formatted without ever becoming a float.  Whole amounts are
shown without decimals (``¥772,000``), others with the currency's two (``€24,900.50``).
Totals are kept per currency and never added across currencies.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QLocale

from app.crm.currencies import minor_digits

_MARK = "¤"
# currency → (sign, sign when the locale's own currency shares it)
_SIGNS = {
    "CNY": ("¥", "CN¥"), "JPY": ("¥", "JP¥"), "USD": ("$", "US$"), "EUR": ("€", "€"), "GBP": ("£", "£"),
    "HKD": ("HK$", "HK$"), "SGD": ("S$", "S$"), "TWD": ("NT$", "NT$"), "AUD": ("A$", "A$"),
    "CAD": ("CA$", "CA$"), "NZD": ("NZ$", "NZ$"), "MXN": ("MX$", "MX$"), "KRW": ("₩", "₩"),
    "INR": ("₹", "₹"), "RUB": ("₽", "₽"), "VND": ("₫", "₫"), "THB": ("฿", "฿"), "PHP": ("₱", "₱"),
    "ILS": ("₪", "₪"), "TRY": ("₺", "₺"), "BRL": ("R$", "R$"), "MOP": ("MOP$", "MOP$"),
}
# Signs that more than one currency uses: whose it is depends on the locale.
_SHARED = {"¥": ("CNY", "JPY"), "$": ("USD", "AUD", "CAD", "HKD", "SGD", "TWD", "NZD", "MXN")}


def _effective(locale: QLocale | None) -> QLocale:
    locale = locale if locale is not None else QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale("en_US")
    return locale


def currency_sign(currency: str, locale: QLocale | None = None) -> str:
    """The sign people of ``locale`` read as ``currency`` (the ISO code when it has none)."""
    code = (currency or "").upper()
    locale = _effective(locale)
    own = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode).upper()
    if code == own and code not in ("CNY", "JPY"):
        sign = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
        return "¥" if sign == "￥" else sign
    signs = _SIGNS.get(code)
    if signs is None:
        return code
    plain, distinct = signs
    sharers = _SHARED.get(plain, ())
    if code not in sharers:
        return plain
    if own in sharers and own != code:
        return distinct  # the locale's own currency has this sign: name the other one clearly
    if code == "JPY" and own != "JPY":
        return distinct  # ¥ alone means the yuan, except where the yen is at home
    return plain


def _digits(value: Decimal, places: int, locale: QLocale) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, fraction = format(abs(rounded), "f").partition(".")
    group = locale.groupSeparator()
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = group.join(groups)
    if places:
        text += locale.decimalPoint() + fraction.ljust(places, "0")
    return ("-" if rounded < 0 else "") + text


def format_money(amount: str | Decimal, currency: str, locale: QLocale | None = None) -> str:
    """``amount`` (a decimal string) in ``currency``, written for ``locale`` (default: the user's)."""
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount).strip() or "0")
    except InvalidOperation:
        return f"{amount} {currency}".strip()
    locale = _effective(locale)
    code = (currency or "").upper()
    places = 0 if value == value.to_integral_value() else minor_digits(code)
    number = _digits(value, places, locale)
    if not code:
        return number
    sign = currency_sign(code, locale)
    pattern = locale.toCurrencyString(1.0, _MARK)  # e.g. "¤1.00", "1,00 ¤"
    before = pattern.startswith(_MARK)
    gap = pattern[1:2] if before else pattern[-2:-1]
    gap = gap if gap.isspace() else ""
    if sign == code or (sign[-1:].isalpha() and before):
        gap = gap or "\u00a0"  # "CHF 1,200", "SGD 5,000": a code is never glued to the digits
    return f"{sign}{gap}{number}" if before else f"{number}{gap}{sign}"


def format_totals(sums: dict[str, Decimal], locale: QLocale | None = None, separator: str = " · ") -> str:
    """Per-currency totals side by side (``¥772,000 · €24,900``), never added together."""
    return separator.join(format_money(value, code, locale) for code, value in sums.items())
