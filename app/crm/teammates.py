"""Who "we" are: your own addresses, and teammates on your own company's domain (no Qt).

Your own addresses (every account's address) are never a customer: never a contact
candidate, never an unknown sender, never offered with Create Contact or Create Company.
Colleagues are not customers either.  A colleague is anyone at one of the *internal
domains*: the profile setting ``internal_domains`` when it lists any, otherwise the domains
of your account addresses, except free-mail domains (a qq.com account says nothing about
who your colleagues are).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.crm.settings import free_mail_domains, get_setting
from app.store.database import Store
from app.store.models import Account

SELF, TEAMMATE, EXTERNAL = "self", "teammate", "external"


def own_addresses(store: Store) -> frozenset[str]:
    """Every account's address, lower-cased."""
    with store.read() as session:
        return frozenset(a for (a,) in session.execute(select(func.lower(Account.email))) if a)


def _configured_internal_domains(store: Store) -> list[str]:
    try:
        value = get_setting(store, "internal_domains")
    except KeyError:  # a profile (or code) from before the setting existed
        return []
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return [d.strip().lower().lstrip("@") for d in value or [] if d and d.strip()]


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


@dataclass(frozen=True)
class Us:
    """Your addresses and your company's domains, read once for a screenful of classifying."""

    addresses: frozenset[str]
    domains: frozenset[str]
    free: frozenset[str] = frozenset()  # free-mail domains (they say nothing about a company)

    def kind_of(self, address: str) -> str:
        """``self``, ``teammate`` or ``external``."""
        address = (address or "").strip().lower()
        if address in self.addresses:
            return SELF
        if _domain(address) in self.domains:
            return TEAMMATE
        return EXTERNAL

    def is_own(self, address: str) -> bool:
        return (address or "").strip().lower() in self.addresses

    def is_us(self, address: str) -> bool:
        """You or a colleague: never a customer."""
        return self.kind_of(address) != EXTERNAL


def internal_domains(store: Store, addresses: frozenset[str] | None = None,
                     free: frozenset[str] | None = None) -> frozenset[str]:
    configured = _configured_internal_domains(store)
    if configured:
        return frozenset(configured)
    free = free if free is not None else free_mail_domains(store)
    own = addresses if addresses is not None else own_addresses(store)
    return frozenset(d for d in (_domain(a) for a in own) if d and d not in free)


def us(store: Store) -> Us:
    """Read once per screenful: your addresses, your teammates' domains, the free-mail domains."""
    addresses = own_addresses(store)
    free = free_mail_domains(store)
    return Us(addresses, internal_domains(store, addresses, free), free)
