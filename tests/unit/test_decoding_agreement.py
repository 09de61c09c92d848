"""Decoding that must agree with established parsers on the corpus (issue 23, item 8).

The expectations are what the Hunnysoft samples and Dovecot's MIME set obviously say (the
German text of "Die Hasen und die Frösche", the names Jürgen Schmürgen and Heinz Müller),
which is also what zbateson/mail-mime-parser's own test suite expects of them.
"""

from __future__ import annotations

from pathlib import Path

from app.mail.reading.envelope import parse_addresses, parse_envelope
from app.mail.reading.message_view import build_view

CORPUS = Path(__file__).resolve().parent.parent / "data" / "mime"
HUNNYSOFT = CORPUS / "zbateson-mail-mime-parser" / "emails"
DOVECOT = CORPUS / "stalwart-mail-parser" / "eml"


def _view(path: Path):
    return build_view(path.read_bytes())


def test_display_name_mixing_plain_and_encoded_words_is_decoded_once():
    # m2007: "To: Heinz =?iso-8859-1?Q?M\xfcller?=" (a raw 8-bit byte inside the encoded word)
    assert _view(HUNNYSOFT / "m2007.txt").envelope.to == [("Heinz Müller", "mueller@example.com")]
    assert parse_addresses(b"Heinz =?iso-8859-1?Q?M=FCller?= <m@x.de>") == [("Heinz Müller", "m@x.de")]
    assert parse_addresses("Zhang =?utf-8?b?5byg5LiJ?= <z@a.cn>".encode()) == [("Zhang 张三", "z@a.cn")]
