"""Conversation threading: references, missing parents, loops, duplicates, subject fallback."""

from __future__ import annotations

import pytest

from app.mail.reading.conversations import ThreadItem, base_subject, thread_messages

DAY = 86400


def item(key, mid, subject="Quote", date=None, reply_to=None, refs=()):
    return ThreadItem(key, mid, reply_to, list(refs), subject, date if date is not None else key * 60)


def groups(items):
    return sorted(sorted(i.key for i in c.items) for c in thread_messages(items))


@pytest.mark.parametrize("subject, expected", [
    ("Re: Quote", ("quote", True)),
    ("RE: Fwd: re: Quote", ("quote", True)),
    ("回复: 报价单", ("报价单", True)),
    ("回复：报价单", ("报价单", True)),
    ("答复: 合同", ("合同", True)),
    ("转发: 合同", ("合同", True)),
    ("Re[2]: Quote", ("quote", True)),
    ("AW: Angebot", ("angebot", True)),
    ("[sales] Re: Quote", ("quote", True)),
    ("[外部邮件] 报价", ("报价", False)),
    ("Quote", ("quote", False)),
    ("Reply needed", ("reply needed", False)),
    ("", ("", False)),
])
def test_base_subject(subject, expected):
    assert base_subject(subject) == expected


def test_references_build_one_conversation_with_parents():
    items = [item(1, "<a>"), item(2, "<b>", "Re: Quote", reply_to="<a>", refs=["<a>"]),
             item(3, "<c>", "Re: Quote", reply_to="<b>", refs=["<a>", "<b>"]),
             item(4, "<d>", "Other")]
    conversations = thread_messages(items)
    assert groups(items) == [[1, 2, 3], [4]]
    quote = next(c for c in conversations if len(c.items) == 3)
    assert quote.parents == {1: None, 2: 1, 3: 2}
    assert [i.key for i in quote.items] == [1, 2, 3]


def test_missing_parent_still_holds_the_conversation_together():
    # <a> was deleted; both replies reference it.
    items = [item(2, "<b>", "Re: Quote", refs=["<a>"]), item(3, "<c>", "Re: Quote", refs=["<a>"])]
    assert groups(items) == [[2, 3]]


def test_child_arriving_before_parent():
    items = [item(1, "<b>", "Re: x", date=200, refs=["<a>"]), item(2, "<a>", "x", date=100)]
    assert groups(items) == [[1, 2]]


def test_reference_loops_do_not_hang_or_lose_messages():
    items = [item(1, "<a>", refs=["<b>"]), item(2, "<b>", refs=["<a>"]), item(3, "<c>", refs=["<c>"])]
    found = groups(items)
    assert sorted(k for g in found for k in g) == [1, 2, 3]


def test_duplicates_stay_together():
    items = [item(1, "<a>"), item(2, "<a>"), item(3, "<x>", "Re: Quote", refs=["<a>"])]
    assert groups(items) == [[1, 2, 3]]


def test_subject_fallback_for_replies_without_references():
    items = [item(1, "<a>", "报价单", date=0), item(2, "<b>", "回复: 报价单", date=DAY),
             item(3, "<c>", "答复：报价单", date=2 * DAY)]
    assert groups(items) == [[1, 2, 3]]


def test_same_subject_without_reply_prefix_is_not_joined():
    items = [item(1, "<a>", "Weekly report", date=0), item(2, "<b>", "Weekly report", date=7 * DAY)]
    assert groups(items) == [[1], [2]]


def test_subject_fallback_has_a_time_window():
    items = [item(1, "<a>", "Hello", date=0), item(2, "<b>", "Re: Hello", date=400 * DAY)]
    assert groups(items) == [[1], [2]]


def test_messages_without_message_id():
    items = [item(1, None, "a"), item(2, None, "b")]
    assert groups(items) == [[1], [2]]


def test_conversations_are_ordered_by_latest_activity():
    items = [item(1, "<a>", "old", date=0), item(2, "<b>", "new", date=10),
             item(3, "<c>", "Re: old", date=20, refs=["<a>"])]
    assert [c.key for c in thread_messages(items)] == [1, 2]
