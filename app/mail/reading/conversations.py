"""Grouping messages into conversations (JWZ threading, https://www.jwz.org/doc/threading.html).

1. Every Message-ID in a message's ``References`` (and ``In-Reply-To``) becomes a container,
   linked parent → child in order, unless that would make a loop; the message itself hangs
   under its last reference.  Containers for messages we do not have (deleted, never
   received) hold the tree together.
2. Each tree is one conversation.  Trees whose root message is a reply (``Re:``, ``Fwd:``,
   ``回复:``, ``答复:``, ``转发:``… was stripped from its subject) and that share a base subject
   with another tree within ``SUBJECT_WINDOW_DAYS`` are joined: that is how replies from
   clients that drop ``References`` (many webmail and mobile clients in China) still land
   in their conversation.  Two unrelated messages both titled "Meeting" are never joined,
   because neither is a reply.

Duplicates (the same Message-ID in Inbox and Archive, or a copy in Sent) stay in the same
conversation.  Pure functions, no I/O: the store (:mod:`app.store.threads`) feeds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUBJECT_WINDOW_DAYS = 90

_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:re|fwd?|aw|wg|sv|vs|antw|antwort|tr|rif|res|enc|odp|ynt|r)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]"
    r"|(?:回复|回覆|答复|答覆|转发|轉發|转寄|轉寄|回信)\s*[:：]"
    r"|\[[^\]\[]{0,60}\]"  # list tags: [sales], [外部邮件]
    r")\s*", re.IGNORECASE)


def base_subject(subject: str) -> tuple[str, bool]:
    """(subject without reply/forward prefixes and list tags, whether any reply prefix was there)."""
    text = " ".join((subject or "").split())
    is_reply = False
    while True:
        match = _PREFIX.match(text)
        if not match or match.end() == 0:
            break
        if not match.group(0).lstrip().startswith("["):
            is_reply = True
        text = text[match.end():]
    text = re.sub(r"\s*\((?:fwd|fw)\)\s*$", "", text, flags=re.IGNORECASE)
    return text.strip().lower(), is_reply


@dataclass
class ThreadItem:
    key: int  # the store's message id
    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    subject: str
    date: int


@dataclass
class Conversation:
    items: list[ThreadItem]  # oldest first
    parents: dict[int, int | None]  # key → key of the message it replies to (None at the root)

    @property
    def key(self) -> int:
        return min(item.key for item in self.items)

    @property
    def latest(self) -> ThreadItem:
        return self.items[-1]


@dataclass(eq=False)
class _Container:
    item: ThreadItem | None = None
    parent: _Container | None = None
    children: list[_Container] = field(default_factory=list)

    def is_ancestor_of(self, other: _Container) -> bool:
        node = other
        steps = 0
        while node is not None and steps < 10_000:
            if node is self:
                return True
            node = node.parent
            steps += 1
        return False

    def set_parent(self, parent: _Container | None) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
        self.parent = parent
        if parent is not None:
            parent.children.append(self)


def _reference_chain(item: ThreadItem) -> list[str]:
    chain = list(item.references)
    if item.in_reply_to and item.in_reply_to not in chain[-1:]:
        chain.append(item.in_reply_to)
    return chain


def _link(items: list[ThreadItem]) -> list[_Container]:
    by_id: dict[str, _Container] = {}
    own: list[_Container] = []
    for item in items:
        container = by_id.get(item.message_id) if item.message_id else None
        duplicate_of = None
        if container is not None and container.item is not None:
            duplicate_of, container = container, None  # the same message stored twice
        if container is None:
            container = _Container()
            if item.message_id and duplicate_of is None:
                by_id[item.message_id] = container
        container.item = item
        own.append(container)
        if duplicate_of is not None:
            container.set_parent(duplicate_of)
            continue
        previous: _Container | None = None
        for reference in _reference_chain(item):
            if reference == item.message_id:
                continue
            ref = by_id.setdefault(reference, _Container())
            if previous is not None and ref.parent is None and not ref.is_ancestor_of(previous):
                ref.set_parent(previous)
            previous = ref
        if previous is not None and not container.is_ancestor_of(previous):
            container.set_parent(previous)
    roots = {id(c): c for c in by_id.values() if c.parent is None}
    for container in own:
        if container.parent is None:
            roots[id(container)] = container
    return list(roots.values())


def _tree_items(root: _Container) -> tuple[list[ThreadItem], dict[int, int | None]]:
    items: list[ThreadItem] = []
    parents: dict[int, int | None] = {}
    stack: list[tuple[_Container, int | None]] = [(root, None)]
    while stack:
        node, parent_key = stack.pop()
        if node.item is not None:
            items.append(node.item)
            parents[node.item.key] = parent_key
            parent_key = node.item.key
        stack.extend((child, parent_key) for child in node.children)
    return items, parents


def thread_messages(items: list[ThreadItem]) -> list[Conversation]:
    """Every message in exactly one conversation; conversations newest-activity first."""
    ordered = sorted(items, key=lambda i: (i.date, i.key))
    trees = []
    for root in _link(ordered):
        tree_items, parents = _tree_items(root)
        if tree_items:
            tree_items.sort(key=lambda i: (i.date, i.key))
            trees.append(Conversation(tree_items, parents))

    # Subject fallback, oldest trees first so a reply joins the conversation it answers.
    trees.sort(key=lambda c: (c.items[0].date, c.items[0].key))
    window = SUBJECT_WINDOW_DAYS * 86400
    by_subject: dict[str, Conversation] = {}
    merged: list[Conversation] = []
    for tree in trees:
        first = tree.items[0]
        subject, is_reply = base_subject(first.subject)
        earlier = by_subject.get(subject) if subject else None
        if earlier is not None and is_reply and first.date - earlier.latest.date <= window:
            earlier.items.extend(tree.items)
            earlier.items.sort(key=lambda i: (i.date, i.key))
            earlier.parents.update(tree.parents)
            continue
        if subject:
            by_subject[subject] = tree
        merged.append(tree)
    merged.sort(key=lambda c: (c.latest.date, c.latest.key), reverse=True)
    return merged
