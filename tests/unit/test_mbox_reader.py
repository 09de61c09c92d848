"""The mbox reader: From-escaping (mboxo, mboxrd), CRLF files, envelope dates, cut-off files."""

from __future__ import annotations

from datetime import datetime, timezone

from app.mail.importing.mail_state import mail_state
from app.mail.importing.mbox_reader import MboxReader, crlf, envelope_time
from app.mail.reading.envelope import parse_envelope, split_header_block


def message(n: int, body: str = "Hello.\n", extra: str = "") -> str:
    return (f"From: Anna <anna{n}@example.com>\nTo: me@example.com\nSubject: Message {n}\n"
            f"Message-ID: <m{n}@example.com>\nDate: Mon, 2 Mar 2015 10:0{n}:00 +0000\n{extra}\n{body}")


def mbox(*messages: str, envelope: str = "From anna@example.com Mon Mar  2 10:00:00 2015\n") -> bytes:
    return "".join(f"{envelope}{m}\n" for m in messages).encode("utf-8")


def read(tmp_path, data: bytes, name: str = "Inbox") -> tuple[list, MboxReader]:
    path = tmp_path / name
    path.write_bytes(data)
    reader = MboxReader(path)
    return list(reader), reader


def test_messages_are_split_on_envelope_lines_and_come_out_crlf(tmp_path):
    found, reader = read(tmp_path, mbox(message(1), message(2), message(3)))
    assert [parse_envelope(m.raw).subject for m in found] == ["Message 1", "Message 2", "Message 3"]
    for m in found:
        assert b"\n" not in m.raw.replace(b"\r\n", b"")
        assert m.raw.endswith(b"Hello.\r\n")  # the separating blank line is not part of the message
    assert reader.truncated == reader.malformed == 0


def test_mboxrd_and_mboxo_from_escapes_are_undone(tmp_path):
    body = "First line\n>From the start of a line\n>>From quoted twice\n> From a quote\nFrom here on, unescaped\n"
    found, _ = read(tmp_path, mbox(message(1, body), message(2)))
    assert len(found) == 2  # the unescaped "From here on" inside a paragraph does not split
    text = found[0].raw.decode()
    assert "\r\nFrom the start of a line\r\n" in text
    assert "\r\n>From quoted twice\r\n" in text
    assert "\r\n> From a quote\r\n" in text
    assert "\r\nFrom here on, unescaped\r\n" in text


def test_an_envelope_line_without_a_blank_line_before_it_still_splits(tmp_path):
    data = (b"From a@example.com Mon Mar  2 10:00:00 2015\n" + message(1).encode()
            + b"From b@example.com Tue Mar  3 11:00:00 2015\n" + message(2).encode())
    found, _ = read(tmp_path, data)
    assert [parse_envelope(m.raw).subject for m in found] == ["Message 1", "Message 2"]


def test_a_crlf_mbox_from_windows(tmp_path):
    data = mbox(message(1), message(2), envelope="From - Mon Mar 02 10:00:00 2015\n").replace(b"\n", b"\r\n")
    found, reader = read(tmp_path, data)
    assert len(found) == 2
    assert all(b"\r\r" not in m.raw for m in found)
    assert parse_envelope(found[1].raw).message_id == "<m2@example.com>"
    assert reader.truncated == 0


def test_envelope_dates_are_read_in_every_common_form():
    expected = int(datetime(2015, 3, 2, 10, 0, tzinfo=timezone.utc).timestamp())
    assert envelope_time(b"From anna@example.com Mon Mar  2 10:00:00 2015\n") == expected
    assert envelope_time(b"From - Mon Mar 02 10:00:00 2015\r\n") == expected  # Thunderbird
    assert envelope_time(b"From MAILER-DAEMON Mon Mar  2 10:00 2015\n") == expected
    assert envelope_time(b"From someone\n") is None


def test_a_message_without_message_id_is_kept(tmp_path):
    without = "From: a@example.com\nSubject: No id\n\nBody\n"
    found, _ = read(tmp_path, mbox(without, message(2)))
    assert parse_envelope(found[0].raw).message_id is None
    assert parse_envelope(found[0].raw).subject == "No id"


def test_a_truncated_last_message_is_counted_not_yielded(tmp_path):
    data = mbox(message(1), message(2)) + b"From x Mon Mar  2 10:00:00 2015\nFrom: c@example.com\nSubject: cut"
    found, reader = read(tmp_path, data)
    assert len(found) == 2
    assert reader.truncated == 1


def test_text_that_is_not_a_message_is_counted_as_malformed(tmp_path):
    data = mbox(message(1), "this is not a header\njust some text\n", message(3))
    found, reader = read(tmp_path, data)
    assert len(found) == 2
    assert reader.malformed == 1


def test_gbk_and_big5_messages_decode(tmp_path):
    gbk = ("From: =?gbk?b?" + __import__("base64").b64encode("张伟".encode("gbk")).decode() + "?= <zw@example.cn>\n"
           "Subject: 报价单\nContent-Type: text/plain; charset=gbk\n\n您好\n").encode("gbk")
    big5 = ("From: 陳靜 <cj@example.tw>\nSubject: 合約草案\nContent-Type: text/plain; charset=big5\n\n您好\n").encode("big5")
    data = b"From x Mon Mar  2 10:00:00 2015\n" + gbk + b"\nFrom y Mon Mar  2 10:00:00 2015\n" + big5 + b"\n"
    found, _ = read(tmp_path, data)
    first, second = (parse_envelope(m.raw) for m in found)
    assert (first.from_name, first.subject) == ("张伟", "报价单")
    assert (second.from_name, second.subject) == ("陳靜", "合約草案")


def test_reading_is_line_by_line_with_a_small_buffer(tmp_path, monkeypatch):
    from app.mail.importing import mbox_reader

    monkeypatch.setattr(mbox_reader, "READ_BUFFER", 64)  # works whatever the buffer size
    found, _ = read(tmp_path, mbox(*(message(n % 10) for n in range(50))))
    assert len(found) == 50
    assert found[-1].end == (tmp_path / "Inbox").stat().st_size


def test_read_and_deleted_state_from_thunderbird_and_unix_headers():
    def state(headers: str):
        return mail_state(split_header_block(headers.encode() + b"\r\n\r\n"))

    assert state("X-Mozilla-Status: 0001").flags == {"\\Seen"}
    assert state("X-Mozilla-Status: 0000").flags == frozenset()
    assert state("X-Mozilla-Status: 0005").flags == {"\\Seen", "\\Flagged"}
    assert state("X-Mozilla-Status: 0009").deleted
    assert state("Status: RO").flags == {"\\Seen"}
    assert state("Status: O").flags == frozenset()
    assert state("Status: RO\r\nX-Status: AF").flags == {"\\Seen", "\\Answered", "\\Flagged"}
    assert state("X-Status: D").deleted
    assert state("Subject: no state recorded").flags == {"\\Seen"}  # old mail moving in: read


def test_crlf_leaves_crlf_lines_alone():
    assert crlf(b"a\nb\r\nc\n") == b"a\r\nb\r\nc\r\n"


def test_every_block_size_reads_the_same_messages(tmp_path, monkeypatch):
    """Envelope lines, escapes and blank lines falling across the reader's block boundaries."""
    from app.mail.importing import mbox_reader

    body = "x" * 300 + "\n>From a\n\n>>From b\nFrom here on\n" + "y" * 5000 + "\n"
    data = (mbox(message(1, body), message(2), message(3, "\n\n\n"))
            + b"From c@example.com Wed Mar  4 12:00:00 2015\r\n" + message(4).replace("\n", "\r\n").encode()
            + b"From d@example.com Wed Mar  4 12:00:00 2015\n" + message(5).encode() + b"\n"
            + b"From e Wed Mar  4 12:00:00 2015\nFrom: cut@example.com\nSubject: cut")
    path = tmp_path / "Inbox"
    path.write_bytes(data)
    expected = None
    for size in (1, 7, 64, 333, 1 << 20):
        monkeypatch.setattr(mbox_reader, "READ_BUFFER", size)
        reader = MboxReader(path)
        found = [(m.raw, m.envelope_time, m.offset, m.end) for m in reader]
        assert (len(found), reader.truncated) == (5, 1), size
        expected = expected or found
        assert found == expected, size
    first = expected[0][0].decode()
    assert "\r\nFrom a\r\n\r\n>From b\r\nFrom here on\r\n" in first
    assert expected[2][0].endswith(b"+0000\r\n\r\n\r\n\r\n\r\n")  # blank lines of its own are kept
