"""Dedup stage: exact and near-duplicate articles (syndicated copies, re-scrapes).

Input: cleaned Articles. Output: the same Articles, copies pointing at their canonical one through
``duplicate_of``; nothing is deleted. Heavy lifting: datasketch MinHash + MinHashLSH over word
shingles, so candidate pairs come from LSH bands rather than an all-pairs comparison; each candidate
is then checked by the exact Jaccard of the two shingle sets.
Known limits: a copy that adds or cuts more than about a fifth of the text is not caught at 0.8.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial

import mmh3
import numpy as np
from datasketch import MinHash, MinHashLSH

from dateline.config import DedupSettings
from dateline.records import Article

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# datasketch's (false positive, false negative) weights when it picks the bands: a missed copy cannot be
# recovered later, while a false candidate only costs an exact Jaccard check. At 0.8 and 128 permutations
# these give 17 bands of 7 rows: a pair at a true Jaccard of 0.85 is missed 0.14% of the time (the default
# (0.5, 0.5) banding misses a third), one at 0.3 becomes a candidate 0.4% of the time.
LSH_WEIGHTS = (0.02, 0.98)
# Reliable dates make the better canonical copy: the others then inherit the date through the collection.
_DATE_RANK = {"metadata": 0, "html": 0, "folder": 0, "warc": 1, "dateline": 1}


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the lower-cased text (the whole text when shorter than ``size`` words)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


# Canonical articles whose shingle sets are kept for the exact check of LSH candidates: copies of one story
# arrive close together, and a miss only costs re-shingling one text (~0.3 ms).
CANDIDATE_SHINGLE_CACHE = 2048
# MurmurHash3 instead of datasketch's default SHA-1 for the shingles: the same quality for MinHash, at a third
# of the cost (with the permutations made once, 1.0 -> 0.3 ms per article).
_SHINGLE_HASH = partial(mmh3.hash, signed=False)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[tuple[np.ndarray, np.ndarray], str]:
    """datasketch's random permutations for ``num_perm`` (seed 1), drawn once per process."""
    template = MinHash(num_perm=num_perm, seed=1)
    return template.permutations, template.scheme


def signature(text: str, settings: DedupSettings, shingled: set[bytes] | None = None) -> MinHash:
    """MinHash signature of a text's shingles (``shingled``: the shingles, when already made)."""
    permutations, scheme = _permutations(settings.num_perm)
    minhash = MinHash(
        num_perm=settings.num_perm, seed=1, hashfunc=_SHINGLE_HASH, permutations=permutations, scheme=scheme
    )
    minhash.update_batch(list(shingles(text, settings.shingle_size) if shingled is None else shingled))
    return minhash


def jaccard(a: AbstractSet[bytes], b: AbstractSet[bytes]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def mark_duplicates(articles: Sequence[Article], settings: DedupSettings) -> list[Article]:
    """Return the articles with ``duplicate_of`` set on every copy of a canonical article.

    The canonical copy of a group is the one with the most reliable date, then the longest text,
    then the smallest id (so the result does not depend on input order). LSH bands over MinHash
    signatures give the candidate pairs; their exact shingle Jaccard decides, so a copy is not lost
    to the estimate's noise (about ±0.03 at 128 permutations).
    """
    ordered = sorted(articles, key=_canonical_rank)
    texts = {a.id: a.text for a in ordered}
    lsh = _lsh_index(settings)

    @lru_cache(maxsize=CANDIDATE_SHINGLE_CACHE)
    def shingles_of(article_id: str) -> frozenset[bytes]:
        return frozenset(shingles(texts[article_id], settings.shingle_size))

    exact: dict[str, str] = {}
    canonical_of: dict[str, str] = {}
    for article in ordered:
        key = " ".join(_WORD.findall(article.text.lower()))
        if key in exact:
            canonical_of[article.id] = exact[key]
            continue
        own = shingles(article.text, settings.shingle_size)
        minhash = signature(article.text, settings, own)
        matches = sorted(m for m in lsh.query(minhash) if jaccard(own, shingles_of(m)) >= settings.threshold)
        if matches:
            canonical_of[article.id] = matches[0]
            continue
        exact[key] = article.id
        lsh.insert(article.id, minhash)
    if canonical_of:
        logger.info("%d of %d articles are copies", len(canonical_of), len(articles))
    return [a.model_copy(update={"duplicate_of": canonical_of.get(a.id)}) for a in articles]


def _lsh_index(settings: DedupSettings) -> MinHashLSH:
    try:
        return MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm, weights=LSH_WEIGHTS)
    except ValueError:
        # datasketch's optimal banding needs two bands or more; near 1.0 (e.g. 0.99 at 128 permutations)
        # it finds one. Two bands of half the permutations each is the strictest banding it accepts.
        logger.info("dedup threshold %.3f is stricter than LSH banding allows; using 2 bands", settings.threshold)
        return MinHashLSH(num_perm=settings.num_perm, params=(2, settings.num_perm // 2))


def _canonical_rank(article: Article) -> tuple[int, int, str]:
    return (_DATE_RANK.get(article.date_method, 2), -len(article.text), article.id)
