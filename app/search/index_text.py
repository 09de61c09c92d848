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
sides.  This module is pure string work, done in C: regular expressions and array slices.
"""

from __future__ import annotations

import re
import sys
from array import array

# Han (with extensions A and B-G and compatibility ideographs), Hiragana and Katakana (without
# the ・ middle dot, which is punctuation), Hangul syllables and jamo.
_CJK_CLASS = ("\u1100-\u11ff\u3041-\u30fa\u30fc-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
              "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_CJK_SPLIT = re.compile(f"([{_CJK_CLASS}]+)")
# Full-width letters and digits (ＡＢＣ１２３) must become ASCII to match; full-width punctuation
# (，。：) already separates words, so text that has only that is left as it is.
_WIDE_CLASS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_HAS_WIDE = re.compile(f"[{_WIDE_CLASS}]")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
# Characters that can never be part of a term and would confuse FTS5 if they reached it.
_CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_NEEDS_FOLDING = re.compile(f"[{_CONTROL_CLASS}{_WIDE_CLASS}]")  # either of the two above


def is_cjk(character: str) -> bool:
    return bool(_CJK_RUN.fullmatch(character))


# Separates the runs while their bigrams are built together; never in a run, and never in
# indexed text at all (_CONTROL turns it into a space first).
_RUN_END = "\x00"
_SPACE = ord(" ")
_CODE_POINTS = next(code for code in "IL" if array(code).itemsize == 4)  # an array of 32-bit units
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # the units in native order
# A "pair" that starts at a run's end: the separator and the next run's first character.
_ACROSS_RUNS = re.compile(f" {_RUN_END}[^ ]* ")
_padded = " {} ".format


def _bigrams_of_runs(runs: list[str]) -> list[str]:
    """Each run as ``" 采购 购合 合同 同 "``: its bigrams, then its last character alone.

    The bigrams of every run are built at once, in C, on the code points: the runs are joined
    with ``_RUN_END`` after each, and every position's character is followed by the next one
    and a space.  A pair ending in ``_RUN_END`` is a run's last character alone (which is
    wanted); a pair starting with it spans two runs and is cut out; splitting at
    ``_RUN_END`` gives each run's terms.  Built a run at a time in Python, this cost about
    twice as much: it was the largest single part of building a message's search document.
    """
    code_points = array(_CODE_POINTS, (_RUN_END.join(runs) + _RUN_END).encode(_UTF32))
    pairs = len(code_points) - 1
    interleaved = array(_CODE_POINTS, bytes(12 * pairs))
    interleaved[0::3] = code_points[:pairs]
    interleaved[1::3] = code_points[1:]
    interleaved[2::3] = array(_CODE_POINTS, [_SPACE]) * pairs
    text = _ACROSS_RUNS.sub("", interleaved.tobytes().decode(_UTF32))
    return list(map(_padded, text.split(_RUN_END)[:len(runs)]))


def index_form(text: str) -> str:
    """``text`` as it is stored in the index: CJK runs as bigrams, full-width folded."""
    if not text:
        return ""
    if _NEEDS_FOLDING.search(text):  # rare: one scan decides for both foldings
        if _CONTROL.search(text):
            text = _CONTROL.sub(" ", text)
        if _HAS_WIDE.search(text):
            text = text.translate(_FULL_WIDTH)
    # split() with a group alternates other text and CJK runs (the odd items); text without
    # CJK comes back whole, having cost one scan.
    parts = _CJK_SPLIT.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = _bigrams_of_runs(parts[1::2])
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
