"""The one place settings are read and written (no Qt).

* :func:`effective` — a setting's value and where it came from; the policy check lives here
  and nowhere else: a locked policy value wins over everything, a preset one replaces the
  default, then comes what the user stored, then the schema's default.
* :func:`get` — just the value.
* :func:`set_value` — check and store a value (``@writes``: it runs on the writer thread,
  which also keeps writes of the machine file in order).  A locked setting is refused.
* :func:`describe_all` — every setting with its effective value (account settings once per
  account), for the Settings window and ``settings show``.

Values stored by older versions, or by hand, that no longer pass their check are not
trusted: a list keeps its valid items, anything else falls back to the default.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.settings import machine
from app.settings.checks import QT_TRANSLATE_NOOP, InvalidSetting, SettingLocked
from app.settings.policy import policy_for
from app.settings import schema
from app.settings.schema import ACCOUNT, LIST, MACHINE, PROFILE, Setting, setting
from app.store.accounts import list_accounts
from app.store.crm_models import CrmSetting
from app.store.database import Store
from app.store.models import Account, RemoteContentSender
from app.store.writer import writes

log = logging.getLogger("liaison.settings")

LOCKED = QT_TRANSLATE_NOOP("errors", "'{key}' is set by your organisation and cannot be changed here.")
NEEDS_ACCOUNT = QT_TRANSLATE_NOOP("errors", "'{key}' is set for each account: say which account.")
NOT_PER_ACCOUNT = QT_TRANSLATE_NOOP("errors", "'{key}' is the same for every account: leave out the account.")
NO_SUCH_ACCOUNT = QT_TRANSLATE_NOOP("errors", "There is no account with id {account_id}.")

# Where a value came from
DEFAULT, POLICY = "default", "policy"


@dataclass(frozen=True)
class Effective:
    """A setting's value as the program uses it, where it came from, and whether it is locked."""

    setting: Setting
    value: Any
    source: str  # "default" | "policy" | the scope that holds it ("machine", "profile", "account")
    locked: bool = False
    account_id: int | None = None

    @property
    def key(self) -> str:
        return self.setting.key


# -- where values live ----------------------------------------------------------------------
class _MachineFile:
    @staticmethod
    def read(store: Store, s: Setting, account_id: int | None) -> tuple[bool, Any]:
        values = machine.read_all()
        return (s.key in values, values.get(s.key))

    @staticmethod
    def write(store: Store, s: Setting, value: Any, account_id: int | None) -> None:
        machine.write(s.key, value)


class _ProfileTable:
    """The ``crm_settings`` key/value table (JSON values), as earlier versions wrote it."""

    @staticmethod
    def read(store: Store, s: Setting, account_id: int | None) -> tuple[bool, Any]:
        with store.read() as session:
            row = session.get(CrmSetting, s.key)
        if row is None:
            return False, None
        try:
            return True, json.loads(row.value)
        except ValueError:
            log.warning("profile setting %s holds no JSON; the default applies", s.key)
            return False, None

    @staticmethod
    def write(store: Store, s: Setting, value: Any, account_id: int | None) -> None:
        encoded = json.dumps(value, ensure_ascii=False)
        with store.write() as session:
            row = session.get(CrmSetting, s.key)
            if row is None:
                session.add(CrmSetting(key=s.key, value=encoded))
            else:
                row.value = encoded


class _AccountColumns:
    """A column of ``accounts`` named like the setting."""

    @staticmethod
    def read(store: Store, s: Setting, account_id: int | None) -> tuple[bool, Any]:
        with store.read() as session:
            account = session.get(Account, _account_id(s, account_id))
            if account is None:
                raise InvalidSetting(NO_SUCH_ACCOUNT, key=s.key, code="settings.no_account", account_id=account_id)
            return True, getattr(account, s.key)

    @staticmethod
    def write(store: Store, s: Setting, value: Any, account_id: int | None) -> None:
        with store.write() as session:
            account = session.get(Account, _account_id(s, account_id))
            if account is None:
                raise InvalidSetting(NO_SUCH_ACCOUNT, key=s.key, code="settings.no_account", account_id=account_id)
            setattr(account, s.key, value)


class _TrustedSenders:
    """The senders allowed to load remote content (``remote_content_senders``, user data)."""

    @staticmethod
    def read(store: Store, s: Setting, account_id: int | None) -> tuple[bool, Any]:
        with store.read() as session:
            addresses = list(session.scalars(select(RemoteContentSender.addr).order_by(RemoteContentSender.addr)))
        return bool(addresses), addresses

    @staticmethod
    def write(store: Store, s: Setting, value: Any, account_id: int | None) -> None:
        wanted = set(value)
        with store.write() as session:
            rows = {row.addr: row for row in session.scalars(select(RemoteContentSender))}
            for addr, row in rows.items():
                if addr not in wanted:
                    session.delete(row)
            for addr in sorted(wanted - set(rows)):
                session.add(RemoteContentSender(addr=addr, allowed_at=int(time.time())))


_BY_SCOPE = {MACHINE: _MachineFile, PROFILE: _ProfileTable, ACCOUNT: _AccountColumns}
_BY_KEY = {"trusted_senders": _TrustedSenders}


def _backend(s: Setting):
    return _BY_KEY.get(s.key) or _BY_SCOPE[s.scope]


def _account_id(s: Setting, account_id: int | None) -> int:
    if account_id is None:
        raise InvalidSetting(NEEDS_ACCOUNT, key=s.key, code="settings.needs_account")
    return account_id


def _trusted(s: Setting, value: Any, where: str) -> tuple[bool, Any]:
    """A value read from ``where`` checked again: (usable, value as the program uses it)."""
    try:
        return True, s.check(value)
    except InvalidSetting:
        if s.type == LIST and isinstance(value, (list, tuple)):
            kept = []
            for item in value:
                try:
                    kept.append(s.check([item])[0])
                except (InvalidSetting, IndexError):
                    log.warning("setting %s from %s: %r dropped (not valid)", s.key, where, item)
            return True, s.check(kept)
        log.warning("setting %s from %s holds %r, which is not valid; ignored", s.key, where, value)
        return False, None


# -- reading -------------------------------------------------------------------------------
def effective(store: Store, key: str, account_id: int | None = None) -> Effective:
    """The value of ``key`` (for ``account_id`` when it is set per account), and its source.

    **The policy check.**  A locked policy value is the value, whatever is stored; a preset
    (unlocked) one takes the default's place.  Nothing else reads a policy.
    """
    s = setting(key)
    if s.scope != ACCOUNT:
        account_id = None
    policy = policy_for(key)
    if policy is not None:
        usable, value = _trusted(s, policy.value, "policy")
        if usable and policy.locked:
            if s.scope == ACCOUNT:
                _account_id(s, account_id)
            return Effective(s, value, POLICY, True, account_id)
        if not usable:
            policy = None
    found, stored = _backend(s).read(store, s, account_id)
    if found:
        usable, value = _trusted(s, stored, s.scope)
        if usable:
            return Effective(s, value, s.scope, False, account_id)
    if policy is not None:
        return Effective(s, _trusted(s, policy.value, "policy")[1], POLICY, False, account_id)
    return Effective(s, _copy(s.default), DEFAULT, False, account_id)


def get(store: Store, key: str, account_id: int | None = None) -> Any:
    """The value the program uses for ``key``."""
    return effective(store, key, account_id).value


def machine_effective(key: str) -> Effective:
    """:func:`effective` for a machine setting, which needs no profile (the guards of
    :mod:`app.settings.guards` ask before a profile's store is at hand)."""
    if setting(key).scope != MACHINE:
        raise ValueError(f"{key} is not a machine setting")
    return effective(None, key)  # type: ignore[arg-type]  # the machine file reads no store


def machine_value(key: str) -> Any:
    return machine_effective(key).value


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def describe_all(store: Store) -> list[Effective]:
    """Every setting in schema order; a per-account setting once for each account."""
    accounts = list_accounts(store)
    described = []
    for s in schema.SCHEMA:
        if s.scope == ACCOUNT:
            described += [effective(store, s.key, account.id) for account in accounts]
        else:
            described.append(effective(store, s.key))
    return described


# -- writing -------------------------------------------------------------------------------
@writes
def set_value(store: Store, key: str, value: Any, account_id: int | None = None) -> Any:
    """Check ``value`` and store it where ``key`` lives; returns it as stored.

    Raises :class:`UnknownSetting`, :class:`InvalidSetting` (one sentence saying why) or
    :class:`SettingLocked`.
    """
    s = setting(key)
    if s.scope != ACCOUNT and account_id is not None:
        raise InvalidSetting(NOT_PER_ACCOUNT, key=key, code="settings.not_per_account")
    if s.scope == ACCOUNT:
        _account_id(s, account_id)
    policy = policy_for(key)
    if policy is not None and policy.locked:
        raise SettingLocked(LOCKED, code="settings.locked", key=key)
    checked = s.check(value)
    _backend(s).write(store, s, checked, account_id)
    log.info("setting %s%s changed", key, f" of account {account_id}" if account_id is not None else "")
    return checked
