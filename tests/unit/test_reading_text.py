"""HTML reduced to text, plain text made into reader HTML, and deceptive links."""

from __future__ import annotations

import pytest

from app.mail.reading.html_text import html_to_text
from app.mail.reading.link_check import deceptive_target, link_texts
from app.mail.reading.reader_html import plain_to_html


def test_html_to_text_drops_hidden_content_and_shows_link_targets():
    html = ('<html><head><title>t</title><style>p{}</style></head><body>'
            '<div style="display:none">preheader spam</div><p>Hello <a href="https://evil.example/x">'
            'https://bank.example</a> and <a href="https://shop.example">https://shop.example</a></p>'
            '<ul><li>one<li>two</ul><script>alert(1)</script><p>你好&nbsp;世界</p><img src=x alt=logo></body></html>')
    assert html_to_text(html) == ("Hello https://bank.example <https://evil.example/x> and https://shop.example\n\n"
                                  "• one\n• two\n\n你好 世界\n[logo]")


def test_blockquotes_become_quote_markers():
    html = ("<p>Agreed.</p><blockquote><p>Price is 386.</p><blockquote>older</blockquote></blockquote>"
            "<p>after</p>")
    assert html_to_text(html) == "Agreed.\n\n> Price is 386.\n>\n>> older\n\nafter"


def test_plain_text_is_escaped_linkified_and_long_quotes_collapse():
    text = "Hi <b>\nsee https://x.example/a?b=1&c=2\n" + "\n".join(f"> q{n}" for n in range(5)) + "\nbye"
    html = plain_to_html(text)
    assert "&lt;b&gt;" in html and '<a href="https://x.example/a?b=1&amp;c=2">' in html
    assert "q3" not in html and '<a href="liaison:quote/1">… 5 quoted lines</a>' in html
    assert "q3" in plain_to_html(text, expanded=frozenset({"1"}))


def test_short_quotes_stay_open():
    assert "q1" in plain_to_html("> q1\n> q2\nreply")


@pytest.mark.parametrize("text, href, expected", [
    ("https://www.icbc.com.cn/login", "https://icbc-secure.example.ru/x", "www.icbc.com.cn"),
    ("www.paypal.com", "http://paypal.com.evil.example/", "www.paypal.com"),
    ("mail.qq.com", "https://qq.com/", None),  # same site
    ("www.bank.com.cn", "https://online.bank.com.cn/", None),  # com.cn is not the site
    ("click here", "https://anything.example/", None),  # the text names no site
    ("https://shop.example", "mailto:a@b.c", None),  # not a web link
])
def test_deceptive_links(text, href, expected):
    assert deceptive_target(text, href) == expected


def test_link_texts_collects_every_text_for_a_target():
    html = '<a href="https://a.example">one</a> <a href="https://a.example">two <b>bold</b></a>'
    assert link_texts(html) == {"https://a.example": ["one", "two bold"]}
