"""Dedup stage: exact and near-duplicate articles (syndicated copies, re-scrapes).

Input: cleaned Articles, in canonical rank order (a stream: see ``find_copies``). Output: the
``duplicate_of`` of each (its canonical article, or None); nothing is deleted. Heavy lifting:
datasketch MinHash over word shingles and its LSH banding, so candidate pairs come from shared bands
rather than an all-pairs comparison; each candidate is then checked by the exact Jaccard of the two
shingle sets. The band index is on disk (``dedup.bands``): memory does not grow with the collection.
Known limits: a copy that adds or cuts more than about a fifth of the text is not caught at 0.8.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial
from itertools import accumulate
from pathlib import Path

import mmh3
import numpy as np
from datasketch import MinHash

from dateline.config import DedupSettings
from dateline.dedup.bands import LSH_WEIGHTS, BandIndex, lsh_banding, remove_leftover_indexes, text_key
from dateline.records import Article

__all__ = [
    "CANDIDATE_SHINGLE_CACHE",
    "DATE_RANK",
    "LSH_WEIGHTS",
    "UNRANKED_DATE",
    "BandIndex",
    "canonical_rank",
    "find_copies",
    "jaccard",
    "lsh_banding",
    "mark_duplicates",
    "remove_leftover_indexes",
    "shingles",
    "signature",
]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# Reliable dates make the better canonical copy: the others then inherit the date through the collection.
# Every other date method ranks after these (2). The store sorts by the same table (dateline.store_dedup).
DATE_RANK = {"metadata": 0, "html": 0, "folder": 0, "warc": 1, "dateline": 1}
UNRANKED_DATE = 2
# Canonical articles whose shingle sets are kept for the exact check of LSH candidates (each ~30 KB). In canonical
# rank order the copies of one story do not arrive together: on the bench/scale.py 5k corpus 2,048 entries saved
# 143 of 974 re-reads (~0.05 s) for 24 MiB; a miss costs reading one text back and re-shingling it (~0.3 ms).
CANDIDATE_SHINGLE_CACHE = 128
# MurmurHash3 instead of datasketch's default SHA-1 for the shingles: the same quality for MinHash, at a third
# of the cost (with the permutations made once, 1.0 -> 0.3 ms per article).
_SHINGLE_HASH = partial(mmh3.hash, signed=False)

TextLookup = Callable[[str], str]  # the cleaned text of a canonical article already decided, by id


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the lower-cased text (the whole text when shorter than ``size`` words)."""
    return _shingles(_WORD.findall(text.lower()), size)


def _shingles(words: Sequence[str], size: int) -> set[bytes]:
    """``{" ".join(words[i : i + size]).encode() for each i}``, as slices of the whole text encoded once.

    Why: one bytes slice per shingle instead of a list slice, a join and an encode (a fifth of the stage).
    """
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    joined = " ".join(words)
    lengths = map(len, words) if joined.isascii() else (len(w.encode()) for w in words)
    starts = list(accumulate((n + 1 for n in lengths), initial=0))  # byte offset of each word, then end + 1
    data = joined.encode()
    return {data[starts[i] : starts[i + size] - 1] for i in range(len(words) - size + 1)}


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


def canonical_rank(article: Article) -> tuple[int, int, str]:
    """Sort key of the canonical choice: reliable date first, then the longest text, then the smallest id."""
    return (DATE_RANK.get(article.date_method, UNRANKED_DATE), -len(article.text), article.id)


def find_copies(
    ordered: Iterable[tuple[str, str]], texts_of: TextLookup, settings: DedupSettings, index: BandIndex
) -> Iterator[tuple[str, str | None]]:
    """Decide each article in turn: yield ``(id, canonical id)`` for a copy, ``(id, None)`` for a canonical one.

    The first article of a group in ``ordered`` is its canonical copy, so the stream must come in
    canonical rank order (``canonical_rank``; ``dateline.store_dedup.CanonicalOrder`` reads a store
    in it). A copy points at the smallest id among the canonical articles whose exact shingle Jaccard
    with it reaches the threshold; LSH bands only propose the candidates, so a copy is not lost to
    the estimate's noise (about ±0.03 at 128 permutations). Memory: the stream, ``index`` (on disk)
    and at most ``CANDIDATE_SHINGLE_CACHE`` candidates' shingle sets.

    Args:
        ordered: ``(id, cleaned text)`` in canonical rank order.
        texts_of: the cleaned text of a canonical article already yielded, by id.
        settings: threshold, permutations and shingle size.
        index: an empty index with the banding of ``settings``; filled with the canonical articles.

    Yields:
        ``(id, canonical id or None)`` for each article of ``ordered``, in its order, once decided.
    """

    @lru_cache(maxsize=CANDIDATE_SHINGLE_CACHE)
    def shingles_of(article_id: str) -> frozenset[bytes]:
        return frozenset(shingles(texts_of(article_id), settings.shingle_size))

    for article_id, text in ordered:
        words = _WORD.findall(text.lower())
        key = text_key(words)
        same = index.same_text(key)
        if same is not None:
            yield article_id, same
            continue
        own = _shingles(words, settings.shingle_size)
        bands = index.band_keys(signature(text, settings, own))
        match = next((m for m in index.candidates(bands) if jaccard(own, shingles_of(m)) >= settings.threshold), None)
        if match is None:
            index.insert(article_id, key, bands)
        yield article_id, match


def mark_duplicates(articles: Sequence[Article], settings: DedupSettings, folder: Path | None = None) -> list[Article]:
    """Return the articles with ``duplicate_of`` set on every copy of a canonical article (all in memory).

    The canonical copy of a group is the one with the most reliable date, then the longest text,
    then the smallest id (so the result does not depend on input order). ``find_copies`` decides;
    a store's articles go through ``dateline.resume.mark_duplicates``, which streams them instead.

    Args:
        articles: cleaned, dated articles.
        settings: the dedup settings.
        folder: where the band index file goes (None: SQLite's temporary database).

    Returns:
        Copies of ``articles`` in their order, ``duplicate_of`` set (None on canonical articles).
    """
    ordered = sorted(articles, key=canonical_rank)
    texts = {a.id: a.text for a in ordered}
    with BandIndex(settings, folder) as index:
        canonical_of = {
            i: m
            for i, m in find_copies(((a.id, a.text) for a in ordered), texts.__getitem__, settings, index)
            if m is not None
        }
    if canonical_of:
        logger.info("%d of %d articles are copies", len(canonical_of), len(articles))
    return [a.model_copy(update={"duplicate_of": canonical_of.get(a.id)}) for a in articles]
