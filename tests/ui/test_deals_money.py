"""Amounts of money written for the user's locale; close dates on cards; card geometry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from app.crm.deals import DealCard
from app.ui.deal_card import overdue, short_date
from app.ui.money import currency_sign, format_money, format_totals


@pytest.mark.parametrize("amount, currency, locale, shown", [
    ("1234567.5", "USD", "en_US", "$1,234,567.50"),
    ("1234567.5", "EUR", "de_DE", "1.234.567,50\u00a0€"),
    ("1234567", "JPY", "ja_JP", "¥1,234,567"),
    ("772000", "CNY", "zh_CN", "¥772,000"),
    ("772000", "CNY", "en_US", "¥772,000"),
    ("772000", "CNY", "ja_JP", "CN¥772,000"),  # where ¥ is the yen, the yuan says so
    ("1234567", "JPY", "zh_CN", "JP¥1,234,567"),
    ("24900.5", "EUR", "en_US", "€24,900.50"),
    ("24900.5", "EUR", "fr_FR", "24\u202f900,50\u00a0€"),
    ("5000", "SGD", "en_US", "S$5,000"),
    ("5000", "SGD", "en_SG", "$5,000"),
    ("5000", "USD", "en_SG", "US$5,000"),
    ("1200", "CHF", "en_US", "CHF\u00a01,200"),
    ("0.5", "HKD", "zh_HK", "HK$0.50"),
    ("10", "GBP", "en_GB", "£10"),
    ("99.999", "CNY", "zh_CN", "¥100.00"),
    ("12.5", "JPY", "ja_JP", "¥13"),  # the yen has no decimals
    ("1000", "", "en_US", "1,000"),
    ("1234.5", "USD", "C", "$1,234.50"),  # the C locale reads as en_US
])
def test_amounts_by_locale(amount, currency, locale, shown):
    assert format_money(amount, currency, QLocale(locale)) == shown


def test_money_is_never_a_float():
    assert format_money("12345678901234.05", "USD", QLocale("en_US")) == "$12,345,678,901,234.05"
    assert format_money(Decimal("0.1") + Decimal("0.2"), "EUR", QLocale("en_US")) == "€0.30"
    assert format_money("abc", "EUR", QLocale("en_US")) == "abc EUR"


def test_totals_stay_per_currency():
    sums = {"CNY": Decimal("773000"), "EUR": Decimal("24900.50")}
    assert format_totals(sums, QLocale("en_US")) == "¥773,000 · €24,900.50"
    assert format_totals({}, QLocale("en_US")) == ""
    assert currency_sign("XYZ", QLocale("en_US")) == "XYZ"


def test_close_dates_on_cards():
    today = date(2026, 11, 30)
    assert short_date("2026-12-15", QLocale("en_US"), today) == "Dec 15"
    assert short_date("2027-02-01", QLocale("en_US"), today) == "Feb 1, 2027"
    assert short_date("2026-12-15", QLocale("en_GB"), today) == "15 Dec"
    assert short_date("2026-12-15", QLocale("zh_CN"), today) == "12月15日"
    assert short_date("2027-02-01", QLocale("zh_CN"), today) == "2027年2月1日"
    assert short_date("not a date", QLocale("en_US"), today) == "not a date"
    late = DealCard(1, "u", "LED", "1", "CNY", "open", "2026-11-01", "", "", "", "s")
    assert overdue(late, today)
    assert not overdue(replace(late, status="won"), today)  # a closed deal is never late
    assert not overdue(replace(late, expected_close="2026-12-01"), today)
    assert not overdue(replace(late, expected_close=""), today)
