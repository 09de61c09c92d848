"""Pieces of the sync engine that need no server: UID sets, fetch parsing, roles, flags."""

from __future__ import annotations

from types import SimpleNamespace

from app.store.flags import columns_to_flags, flags_to_columns, normalise_flags
from app.mail.imap.folder_roles import assign_roles
from app.mail.imap.commands import _parse_body_response, uid_set_members


def test_uid_set_members_without_expanding_ranges():
    assert uid_set_members("1:3,7,10:4000000000", {2, 5, 7, 11, 99}) == {2, 7, 11, 99}
    assert uid_set_members("9:5", {4, 5, 9, 10}) == {5, 9}
    assert uid_set_members("", {1}) == set()


def test_body_response_fast_parser():
    prefix = (b'12 (UID 345 FLAGS (\\Seen $Forwarded) INTERNALDATE "03-Nov-2026 09:15:00 +0800" '
              b"RFC822.SIZE 5 MODSEQ (77) BODY[] {5}")
    parsed = _parse_body_response(prefix, b"hello", b")")
    assert (parsed.uid, parsed.raw, parsed.size, parsed.modseq) == (345, b"hello", 5, 77)
    assert parsed.flags == {"\\Seen", "$Forwarded"}
    assert parsed.internal_date == 1793668500
    assert _parse_body_response(b"12 (UID 1 BODY[HEADER] {5}", b"hello", b")") is None


def test_flags_round_trip_through_columns():
    flags = normalise_flags([b"\\SEEN", b"\\Flagged", b"$Label1", b"\\Recent"])
    assert flags == {"\\Seen", "\\Flagged", "$Label1"}
    columns = flags_to_columns(flags)
    assert columns["seen"] and columns["flagged"] and not columns["deleted"]
    assert columns_to_flags(SimpleNamespace(**columns)) == flags


def test_roles_from_special_use_and_from_names():
    roles = assign_roles([
        ("INBOX", set(), "/"), ("Sent Messages", set(), "/"), ("已发送", {"\\Sent"}, "/"),
        ("草稿箱", set(), "/"), ("Deleted Messages", set(), "/"), ("垃圾邮件", set(), "/"),
        ("[Gmail]/All Mail", {"\\All"}, "/"), ("Projects", set(), "/"),
    ])
    assert roles == {"INBOX": "inbox", "已发送": "sent", "Sent Messages": None,
                     "草稿箱": "drafts", "Deleted Messages": "trash", "垃圾邮件": "junk",
                     "[Gmail]/All Mail": "archive", "Projects": None}
