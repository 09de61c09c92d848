"""Cutting long HTML into well-formed pieces for progressive display."""

from __future__ import annotations

import re

from app.mail.reading.html_chunks import TABLE_ROWS_PER_PIECE, split_html


def balanced(piece: str) -> bool:
    depth = 0
    for closing, name in re.findall(r"<(/?)([a-z0-9]+)[^>]*>", piece):
        if name in ("br", "img", "hr", "wbr", "col"):
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0


def test_short_html_is_one_piece():
    assert split_html("<p>hi</p>") == ["<p>hi</p>"]


def test_paragraphs_split_at_top_level_and_nothing_is_lost():
    html = "".join(f"<p>paragraph {n} <b>bold</b> 中文</p>" for n in range(20_000))
    pieces = split_html(html, piece_chars=16_000)
    assert len(pieces) > 10 and "".join(pieces) == html
    assert all(balanced(p) for p in pieces)


def test_a_huge_table_is_closed_and_reopened_with_its_own_attributes():
    rows = "".join(f"<tr><td>row {n}</td><td><table><tr><td>inner</td></tr></table></td></tr>"
                   for n in range(3000))
    html = f'<p>intro</p><table width="100%" cellspacing="0"><tbody>{rows}</tbody></table><p>end</p>'
    pieces = split_html(html, piece_chars=8_000)
    assert len(pieces) > 5 and all(balanced(p) for p in pieces)
    assert pieces[1].startswith('<table width="100%" cellspacing="0"><tbody>')
    joined = "".join(pieces)
    assert [int(n) for n in re.findall(r"row (\d+)", joined)] == list(range(3000))
    assert joined.count("inner") == 3000 and joined.endswith("<p>end</p>")
    assert max(p.count("row ") for p in pieces) <= TABLE_ROWS_PER_PIECE


def test_one_giant_nested_element_stays_whole():
    html = "<div>" + "<p>x</p>" * 50_000 + "</div>"
    assert split_html(html, piece_chars=1000) == [html]
