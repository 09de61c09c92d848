"""Customer-record settings, stored in the profile (``crm_settings``, JSON values).

The free-mail list decides which domains never identify a company: an address at qq.com or
gmail.com says nothing about where a person works.  The default country reads phone numbers
written without a country code.
"""

from __future__ import annotations

import json
from typing import Any

from app.store.crm_models import CrmSetting
from app.store.database import Store
from app.store.writer import writes

DEFAULT_FREE_MAIL = (
    "qq.com", "foxmail.com", "vip.qq.com", "163.com", "126.com", "yeah.net", "vip.163.com", "188.com",
    "sina.com", "sina.cn", "sohu.com", "139.com", "aliyun.com", "tom.com", "21cn.com",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "yahoo.co.jp", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "web.de",
    "mail.ru", "yandex.ru", "proton.me", "protonmail.com", "zoho.com", "naver.com", "daum.net",
)
DEFAULTS: dict[str, Any] = {
    "free_mail_domains": sorted(DEFAULT_FREE_MAIL),
    "default_country": "CN",
    "default_currency": "CNY",
    "ignored_senders": [],  # addresses left out of "unknown senders"
    # Internal: the newest message id already linked (link_new_mail starts after it).
    "linked_through_message_id": 0,
}


def get_setting(store: Store, key: str) -> Any:
    with store.read() as session:
        row = session.get(CrmSetting, key)
        return json.loads(row.value) if row is not None else DEFAULTS[key]


@writes
def set_setting(store: Store, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    with store.write() as session:
        row = session.get(CrmSetting, key)
        encoded = json.dumps(value, ensure_ascii=False)
        if row is None:
            session.add(CrmSetting(key=key, value=encoded))
        else:
            row.value = encoded


def free_mail_domains(store: Store) -> frozenset[str]:
    return frozenset(d.lower() for d in get_setting(store, "free_mail_domains"))
