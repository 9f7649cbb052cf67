"""Timeline text shortcuts: tokens and dateline furniture are found as by the straightforward patterns."""

from __future__ import annotations

import re

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dateline.timeline import candidates, vectors

SENTENCES = [
    "NEW YORK | Fri Feb 25 , 2011 5:08 pm EST NEW YORK -LRB- Reuters -RRB- - Brent oil rose on Friday.",
    "TRIPOLI , March 2 (Reuters) - Rebels seized the port of Brega, officials said.",
    "(CNN) -- The ferry strike in Halden ended after 3.5 days of talks.",
    "Thursday 6 May 2010 17.53 BST The Vessa accord was signed.",
    "The water ministers' talks: a_b, x1 2031-03-04 and Öresund İstanbul ÉTÉ are words too.",
    "No furniture here, only a ratio of 3:1 and a (parenthesis) later on.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES, ids=[f"sentence-{n}" for n in range(len(SENTENCES))])
def test_stemmed_tokens_equal_the_token_pattern_stop_words_and_stems(text: str) -> None:
    words = [w for w in re.findall(r"(?u)\b\w\w+\b", text.lower()) if w not in ENGLISH_STOP_WORDS]
    expected = [str(vectors._STEMMER.stemWord(w)) for w in words]
    assert vectors.stemmed_tokens(text) == expected
    assert vectors.stemmed_tokens(text) == expected  # from the cache


@pytest.mark.parametrize("text", SENTENCES, ids=[f"sentence-{n}" for n in range(len(SENTENCES))])
def test_furniture_is_cut_where_the_full_pattern_ends(text: str) -> None:
    ends = [m.end() for m in candidates._FURNITURE_END.finditer(text, 0, candidates.DATELINE_CHARS)]
    assert candidates._without_furniture(text) == (text[ends[-1] :] if ends else text)
