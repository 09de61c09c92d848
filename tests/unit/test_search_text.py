"""The index form of text and of query words: CJK bigrams, full-width folding, safety."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.search.index_text import _CJK_CLASS, index_form, query_terms
from app.search.query import QueryError, parse


def test_cjk_runs_become_bigrams_and_latin_is_left_to_the_tokenizer():
    assert index_form("采购合同已签署").split() == ["采购", "购合", "合同", "同已", "已签", "签署", "署"]
    assert index_form("合同v2 Draft").split() == ["合同", "同", "v2", "Draft"]
    assert index_form("Résumé café") == "Résumé café"
    assert index_form("見積書").split() == ["見積", "積書", "書"]
    assert index_form("계약서").split() == ["계약", "약서", "서"]


def _index_form_a_run_at_a_time(text: str) -> str:
    """The plain statement of the rewrite that index_form builds all at once."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    if re.search("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", text):  # full-width punctuation alone stays
        text = text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20})

    def bigrams(match: re.Match) -> str:
        run = match.group()
        return " " + " ".join([run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]) + " "
    return re.sub(f"[{_CJK_CLASS}]+", bigrams, text)


# Text where CJK runs of every length meet Latin words, digits, punctuation, full-width forms,
# control characters, astral ideographs and the ideographic space.
_MIXED = st.text(st.sampled_from(list("采购合同已签署見積書계약서同") + ["\U00020000", "\U0002A6D6", "\u3000",
                                  "Ａ", "１", "，", "。", "a", "Z", "7", " ", "-", "\n", "\x00", "\x1f", "é"]),
                 max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_the_runs_built_together_are_exactly_each_run_built_alone(text):
    assert index_form(text) == _index_form_a_run_at_a_time(text)


def test_full_width_forms_and_control_characters_are_folded():
    assert index_form("ＡＢＣ１２３\u3000x").split() == ["ABC123", "x"]
    assert "\x00" not in index_form("a\x00b") and index_form("a\x00b").split() == ["a", "b"]


@pytest.mark.parametrize("word, terms, prefix", [
    ("合同", ["合同"], False),
    ("采购合同", ["采购", "购合", "合同"], False),
    ("同", ["同"], True),
    ("合同v2", ["合同", "同", "v2"], False),
    ("报价单-2026", ["报价", "价单", "单", "2026"], False),
    ("合同。", ["合同", "同"], False),
    ("v2合同", ["v2", "合同"], False),
    ("zhang.wei@huaxin-trade.cn", ["zhang", "wei", "huaxin", "trade", "cn"], False),
    ("snake_case", ["snake", "case"], False),
    ("!!!", [], False),
])
def test_query_words_use_the_same_terms_as_the_index(word, terms, prefix):
    assert query_terms(word) == (terms, prefix)


def test_operators_phrases_and_exclusions_are_parsed():
    query = parse('合同 from:anna@acme.com -subject:"price list" is:unread has:attachment in:inbox '
                  'customer:华信 deal:"Q3 renewal" after:2026-01 before:2026-02-15')
    fields = [(c.field, c.value, c.phrase, c.negated) for c in query.clauses]
    assert fields[:3] == [(None, "合同", False, False), ("from", "anna@acme.com", False, False),
                          ("subject", "price list", True, True)]
    assert ("is", "unread", False, False) in fields and ("has", "attachment", False, False) in fields
    assert ("customer", "华信", False, False) in fields and ("deal", "Q3 renewal", True, False) in fields
    after = next(c for c in query.clauses if c.field == "after")
    before = next(c for c in query.clauses if c.field == "before")
    assert int(after.value) < int(before.value)


def test_chinese_input_method_punctuation_works_like_ascii():
    query = parse("from：张伟 “采购 合同”")
    assert [(c.field, c.value, c.phrase) for c in query.clauses] == [("from", "张伟", False),
                                                                     (None, "采购 合同", True)]


@pytest.mark.parametrize("text, message", [
    ("before:2026-13-01", "is not a date"),
    ("after:someday", "is not a date"),
    ("is:maybe", "use is:unread"),
    ("has:pdf", "use has:attachment"),
    ("from:", "needs a value"),
    ("subject: x", "needs a value"),
    ("", "Type a word"),
    ("!!! ??? ...", "Type a word"),
    ("x" * 1001, "too long"),
    (" ".join(f"w{i}" for i in range(41)), "at most 40"),
])
def test_malformed_queries_say_what_to_change(text, message):
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_near_misses_of_operators_are_hinted_and_searched_as_text():
    query = parse("form:anna Re: 合同 10:30")
    assert any("did you mean 'from:'" in w for w in query.warnings)
    assert [c.field for c in query.clauses] == [None, None, None, None]


def test_an_unclosed_quote_runs_to_the_end_with_a_warning():
    query = parse('"price list')
    assert query.clauses[0].phrase and query.clauses[0].value == "price list"
    assert query.warnings
