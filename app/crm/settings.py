"""Customer-record settings, read through the one settings schema (:mod:`app.settings`).

The free-mail list decides which domains never identify a company: an address at qq.com or
gmail.com says nothing about where a person works.  The default country reads phone numbers
written without a country code.  These are declared in :mod:`app.settings.schema` with the
keys earlier versions used in the profile's ``crm_settings`` table, so old profiles keep
their values; the functions here are thin readers kept for the code that calls them.

The same table also keeps the linker's bookkeeping (``linked_through_message_id``), which
is no setting: nobody edits it, so it is not in the schema.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from app.settings import values
from app.settings.checks import UnknownSetting
from app.settings.schema import DEFAULT_FREE_MAIL, setting
from app.store.crm_models import CrmSetting
from app.store.database import Store
from app.store.writer import writes

__all__ = ["DEFAULT_FREE_MAIL", "DEFAULTS", "after_change", "free_mail_domains", "get_setting", "set_setting"]

# Bookkeeping kept in the profile's settings table, outside the schema.
_INTERNAL: dict[str, Any] = {
    "linked_through_message_id": 0,  # the newest message id already linked (link_new_mail starts after it)
}
DEFAULTS: dict[str, Any] = {
    **{key: setting(key).default for key in ("free_mail_domains", "default_country", "default_currency",
                                             "ignored_senders", "internal_domains")},
    **_INTERNAL,
}

# Changing one of these changes which company a message belongs to.
RELINK_AFTER = frozenset({"free_mail_domains"})


def get_setting(store: Store, key: str) -> Any:
    """The value the program uses (``KeyError`` for a key that is neither setting nor bookkeeping)."""
    if key in _INTERNAL:
        with store.read() as session:
            row = session.get(CrmSetting, key)
            return json.loads(row.value) if row is not None else _INTERNAL[key]
    try:
        return values.get(store, key)
    except UnknownSetting:
        raise KeyError(key) from None


@writes
def set_setting(store: Store, key: str, value: Any) -> None:
    if key in _INTERNAL:
        with store.write() as session:
            row = session.get(CrmSetting, key)
            encoded = json.dumps(value, ensure_ascii=False)
            if row is None:
                session.add(CrmSetting(key=key, value=encoded))
            else:
                row.value = encoded
        return
    try:
        setting(key)
    except UnknownSetting:
        raise KeyError(key) from None
    values.set_value(store, key, value)


def free_mail_domains(store: Store) -> frozenset[str]:
    return frozenset(d.lower() for d in get_setting(store, "free_mail_domains"))


def after_change(store: Store, keys: Iterable[str]) -> bool:
    """Bring customer data in line with changed settings; True when links were rebuilt.

    The relinking is one big write (on the writer thread, like every write); call this from
    a worker thread (an op), not from the writer's own work, so other writes can go between.
    """
    if RELINK_AFTER.isdisjoint(keys):
        return False
    from app.crm import linking  # linking reads these settings: imported late, no cycle

    linking.relink_all(store)  # companies gain or lose the mail of those domains
    return True
