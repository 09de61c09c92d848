"""HTML sanitising: nothing executable survives, remote references are found, layout stays."""

from __future__ import annotations

import pytest

from app.mail.reading.html_sanitise import sanitise_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example"><input name=p type=password></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<svg onload=alert(1)><image href="https://evil.example/s.png"/></svg>',
    '<div style="width: expression(alert(1))">x</div>',
    '<div style="behavior: url(x.htc)">x</div>',
    '<div style="-moz-binding: url(x.xml#a)">x</div>',
    '<style>a{background:url("javascript:alert(1)")}</style>',
    '<style></style><script>alert(1)</script>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:text/html;base64,PHNjcmlwdD4=">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<div onclick="alert(1)" onmouseover="alert(1)">x</div>',
    '<style>x{}</style></style><script>alert(1)</script>',
    '<a href="https://ok.example" target="_blank">ok</a>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_executable_survives(html):
    safe = sanitise_html(html).document.lower()
    for marker in ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:",
                   "vbscript:", "<iframe", "<object", "<embed", "<form", "<input", "<meta",
                   "<base", "<svg", "expression(", "behavior", "-moz-binding", "data:text",
                   "target=", "<math"):
        assert marker not in safe, (marker, safe)


def test_remote_references_are_listed_and_local_ones_are_not():
    html = ('<style>@import url(https://t.example/a.css); p{background:url(//t.example/b.png)}</style>'
            '<p style="background-image:url(\'http://t.example/c.png\')">x</p>'
            '<img src="https://t.example/pixel.gif"><img src="cid:logo@x">'
            '<img src="data:image/png;base64,AAAA"><table background="http://t.example/t.png"></table>')
    assert set(sanitise_html(html).remote) == {
        "https://t.example/a.css", "//t.example/b.png", "http://t.example/c.png",
        "https://t.example/pixel.gif", "http://t.example/t.png"}


# Each trick keeps a remote URL in the sanitised HTML (where a CSS or URL parser reads it as
# remote) and must still be listed, so "N remote images blocked" is true.
REMOTE_TRICKS = [
    (r'<img src="\\t.example\a.png">', "//t.example/a.png"),  # backslashes are slashes
    (r'<img src="https:\\t.example\b.png">', "https://t.example/b.png"),
    (r'<img src="/\t.example/c.png">', "//t.example/c.png"),  # "/\" is "//"
    ('<p style="background:url(&quot;https://t.example/d.png&quot;)">x</p>', "https://t.example/d.png"),
    (r'<p style="background:u\rl(https://t.example/e.png)">x</p>', "https://t.example/e.png"),
    (r'<style>p{background:u\rl(https://t.example/f.png)}</style><p>x</p>', "https://t.example/f.png"),
    # sanitised to "url(\68ttps:…)" and "url(h\74tps:…)": CSS hex escapes for "h" and "t"
    (r'<p style="background:url(\\668ttps://t.example/g.png)">x</p>', "https://t.example/g.png"),
    (r'<style>p{background:url(h\\774tps://t.example/h.png)}</style>', "https://t.example/h.png"),
    ('<p style="background-image:image-set(\'https://t.example/i.png\' 1x)">x</p>', "https://t.example/i.png"),
    ('<style>p{background:-webkit-image-set("https://t.example/j.png" 1x, "//t.example/k.png" 2x)}</style>',
     "https://t.example/j.png"),
]


@pytest.mark.parametrize("html, url", REMOTE_TRICKS)
def test_remote_tricks_are_still_listed(html, url):
    assert url in sanitise_html(html).remote


def test_image_set_lists_every_candidate_and_text_mentioning_url_is_not_content():
    safe = sanitise_html('<style>p{background:image-set("https://t.example/1.png" 1x, '
                         '"https://t.example/2.png" 2x)}</style><p>write url(https://t.example/n.png)</p>')
    assert set(safe.remote) == {"https://t.example/1.png", "https://t.example/2.png"}


def test_layout_survives():
    html = ('<table width="600" cellpadding="4" bgcolor="#eeeeee"><tr><td colspan="2" '
            'style="color:#333;font-size:14px">报价 <b>¥12,000</b></td></tr></table>'
            '<p><a href="https://shop.example/x">link</a> <font color="red">red</font></p>')
    safe = sanitise_html(html).document
    for kept in ('width="600"', 'cellpadding="4"', 'colspan="2"', "font-size:14px", "<b>¥12,000</b>",
                 'href="https://shop.example/x"', 'color="red"'):
        assert kept in safe
