"""Finding contacts that are the same person, and merging them without losing anything.

Duplicates are proposed, never merged by themselves: the same phone number, or names that
are alike within one company domain ("Zhang Wei" / "Wei Zhang" / "zhang wei" at
huaxin-trade.cn; "张伟" and "张 伟").  A merge moves every address, phone, tag, note, call,
task, deal, message link and manual link decision to the surviving contact, fills its empty
fields from the others (never overwriting a filled one), and keeps the merged contacts as
tombstones pointing at the survivor, so their history stays readable under the survivor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import select, update

from app.crm import linking
from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, is_empty, new_uuid, now, read_state, record_event
from app.crm.settings import free_mail_domains
from app.errors import UserFacingError
from app.store.crm_models import (
    Activity,
    Contact,
    ContactEmail,
    ContactPhone,
    Deal,
    LinkOverride,
    MessageLink,
    Note,
    Task,
)
from app.store.database import Store
from app.store.writer import writes

CONTACT = RECORD_TYPES["contact"]
SIMILARITY = 0.85


@dataclass
class DuplicateGroup:
    reason: str  # phone | name
    detail: str  # the phone number or the domain
    contacts: list[tuple[str, str]]  # (uuid, name)


def _name_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").lower()
    return re.sub(r"[\s.,'\-·]", "", text)


def _tokens(name: str) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFKC", name or "").lower().replace(",", " ").split())


def names_alike(a: str, b: str) -> bool:
    if not a.strip() or not b.strip():
        return False
    if _name_key(a) == _name_key(b) or (len(_tokens(a)) > 1 and _tokens(a) == _tokens(b)):
        return True
    return SequenceMatcher(None, _name_key(a), _name_key(b)).ratio() >= SIMILARITY


def find_duplicates(store: Store) -> list[DuplicateGroup]:
    groups: list[DuplicateGroup] = []
    free = free_mail_domains(store)
    with store.read() as session:
        live = {c.id: c for c in session.scalars(select(Contact).where(
            Contact.deleted_at.is_(None), Contact.merged_into_id.is_(None)))}
        by_phone: dict[str, set[int]] = {}
        for contact_id, phone in session.execute(select(ContactPhone.contact_id, ContactPhone.phone)):
            if contact_id in live:
                by_phone.setdefault(phone, set()).add(contact_id)
        for phone, ids in sorted(by_phone.items()):
            if len(ids) > 1:
                groups.append(DuplicateGroup("phone", phone, [(live[i].uuid, live[i].name) for i in sorted(ids)]))
        by_domain: dict[str, set[int]] = {}
        for contact_id, email in session.execute(select(ContactEmail.contact_id, ContactEmail.email)):
            domain = email.rpartition("@")[2]
            if contact_id in live and domain not in free:
                by_domain.setdefault(domain, set()).add(contact_id)
        for domain, ids in sorted(by_domain.items()):
            ordered = sorted(ids)
            parent = {i: i for i in ordered}

            def root(i: int) -> int:
                while parent[i] != i:
                    i = parent[i]
                return i

            for position, first in enumerate(ordered):
                for second in ordered[position + 1:]:
                    if names_alike(live[first].name, live[second].name):
                        parent[root(second)] = root(first)
            clusters: dict[int, list[int]] = {}
            for i in ordered:
                clusters.setdefault(root(i), []).append(i)
            for members in clusters.values():
                if len(members) > 1:
                    groups.append(DuplicateGroup("name", domain, [(live[i].uuid, live[i].name) for i in members]))
    return groups


@writes
def merge_contacts(store: Store, survivor_uuid: str, other_uuids: list[str]) -> None:
    """Merge ``other_uuids`` into the survivor; see the module docstring for what moves."""
    if survivor_uuid in other_uuids or not other_uuids:
        raise UserFacingError("Choose the contact to keep and at least one other contact to merge into it.")
    batch = new_uuid()
    with store.write() as session:
        survivor = by_uuid(session, CONTACT, survivor_uuid)
        for other_uuid in other_uuids:
            other = by_uuid(session, CONTACT, other_uuid)
            _merge_one(session, survivor, other, batch)
        survivor_id = survivor.id
    linking.relink_contact(store, survivor_id)


def _merge_one(session, survivor: Contact, other: Contact, batch: str) -> None:
    mine, theirs = read_state(session, CONTACT, survivor), read_state(session, CONTACT, other)
    # Fills the survivor's empty fields only: a filled field keeps the survivor's value.
    values = {field: theirs[field] for field in CONTACT.fields
              if field in theirs and is_empty(mine.get(field)) and not is_empty(theirs[field])}
    values["emails"] = mine["emails"] + [e for e in theirs["emails"] if e not in mine["emails"]]
    values["phones"] = mine["phones"] + [p for p in theirs["phones"] if p not in mine["phones"]]
    values["tags"] = mine["tags"] + [t for t in theirs["tags"] if t not in mine["tags"]]
    values.update({k: v for k, v in theirs.items() if k.startswith("custom.") and is_empty(mine.get(k))})
    # The other contact gives up its addresses first (addresses are unique).
    apply_changes(session, CONTACT, other, {"emails": [], "phones": []}, "merge", cleared={"emails", "phones"},
                  batch=batch)
    apply_changes(session, CONTACT, survivor, values, "merge", batch=batch)
    for model in (Note, Activity, Task, Deal):
        session.execute(update(model).where(model.contact_id == other.id).values(contact_id=survivor.id))
    session.execute(update(MessageLink).where(MessageLink.contact_id == other.id).values(contact_id=survivor.id))
    for override in session.scalars(select(LinkOverride).where(LinkOverride.record_type == "contact",
                                                               LinkOverride.record_uuid == other.uuid)):
        clash = session.scalar(select(LinkOverride).where(
            LinkOverride.message_key == override.message_key, LinkOverride.record_type == "contact",
            LinkOverride.record_uuid == survivor.uuid))
        if clash is None:
            override.record_uuid = survivor.uuid
        else:
            session.delete(override)  # the survivor's own decision on that message stands
    other.merged_into_id = survivor.id
    other.deleted_at = now()
    record_event(session, CONTACT, other, "merged_into", survivor.uuid, "merge", batch)
