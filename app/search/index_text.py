"""Turning text into the form the SQLite FTS5 index stores, and query words into index terms.

FTS5's ``unicode61`` tokenizer splits on spaces and punctuation, folds case and (with
``remove_diacritics 2``) accents — right for Latin, Greek and Cyrillic text.  Chinese,
Japanese and Korean are written without spaces, so ``unicode61`` would make a whole run such
as ``采购合同已签署`` one token, and ``合同`` could never match inside it.

So before text reaches the index every CJK run is rewritten as overlapping character pairs
(bigrams) followed by its last character alone::

    采购合同已签署  ->  采购 购合 合同 同已 已签 签署 署

* a two-character word is one term (``合同``): one index lookup, no matter how long the run;
* a longer word is a phrase of its bigrams (``采购合同`` -> "采购 购合 合同"), whose positions
  are consecutive exactly when the characters are;
* a single character is the prefix query ``同*``: a bigram starting with it, or the lone
  last character of a run;
* CJK runs are also cut loose from adjacent Latin letters and digits (``合同v2`` -> ``合同 同 v2``).

The query side (:func:`query_terms`) applies the same rewrite, except that a run ending at the
end of the query text drops its lone last character, because in a document the run may go on.
Full-width forms (``ＡＢＣ１２３``, the ideographic space) are folded to ASCII first on both
sides.  This module is pure string work; the two regular expressions do it in C.
"""

from __future__ import annotations

import re

# Han (with extensions A and B-G and compatibility ideographs), Hiragana and Katakana (without
# the ・ middle dot, which is punctuation), Hangul syllables and jamo.
_CJK_CLASS = ("\u1100-\u11ff\u3041-\u30fa\u30fc-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
              "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_CJK_SPLIT = re.compile(f"([{_CJK_CLASS}]+)")
_HAS_CJK = re.compile(f"[{_CJK_CLASS}]")
# Full-width letters and digits (ＡＢＣ１２３) must become ASCII to match; full-width punctuation
# (，。：) already separates words, so text that has only that is left as it is.
_HAS_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
# Characters that can never be part of a term and would confuse FTS5 if they reached it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_cjk(character: str) -> bool:
    return bool(_CJK_RUN.fullmatch(character))


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return f" {run} "
    return f" {' '.join(map(str.__add__, run, run[1:]))} {run[-1]} "


def index_form(text: str) -> str:
    """``text`` as it is stored in the index: CJK runs as bigrams, full-width folded."""
    if not text:
        return ""
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if _HAS_WIDE.search(text):
        text = text.translate(_FULL_WIDTH)
    if _HAS_CJK.search(text) is None:
        return text  # Latin-only text costs two scans
    # split() with a group alternates other text and CJK runs; this is twice as fast as sub()
    # with a callback, which builds a match object per run (Chinese mail has hundreds).
    parts = _CJK_SPLIT.split(text)
    for position in range(1, len(parts), 2):
        parts[position] = _bigrams(parts[position])
    return "".join(parts)


_TOKEN = re.compile(r"\w+", re.UNICODE)


def query_terms(word: str) -> tuple[list[str], bool]:
    """(index terms in order, prefix?) for one query word or phrase.

    ``prefix`` is True when the word is a single CJK character, which is searched as the start
    of a bigram.  Latin words come back as they are (case and accents are the tokenizer's job).
    """
    text = _CONTROL.sub(" ", word).translate(_FULL_WIDTH)
    terms: list[str] = []
    position = 0
    for match in _CJK_RUN.finditer(text):
        terms += _TOKEN.findall(text[position:match.start()])
        run = match.group()
        # Anything after the run inside the query means the run ends there in the text too.
        followed = match.end() < len(text)
        if len(run) == 1:
            terms.append(run)
        else:
            terms += [run[i:i + 2] for i in range(len(run) - 1)]
            if followed:
                terms.append(run[-1])
        position = match.end()
    terms += _TOKEN.findall(text[position:])
    # ``\w`` also matches "_", which unicode61 treats as a separator: split on it too.
    terms = [piece for term in terms for piece in term.split("_") if piece]
    single_cjk = len(terms) == 1 and len(terms[0]) == 1 and is_cjk(terms[0])
    return terms, single_cjk
