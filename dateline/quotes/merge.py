"""Story-level merging: the same quote reported by several articles becomes one Quote with every source.

Input: Quote records of many articles. Output: one Quote per distinct quote, ``sources`` listing the ids
of every article that reports it, the earliest report's fields kept. Blocking by normalised word
prefix and suffix, and comparing each quote with its block's groups rather than with every member, keeps
the work near-linear; candidates are compared with difflib (standard library).
Known limit: two copies that differ both in their first and last words are not compared.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from datetime import date as Date
from difflib import SequenceMatcher

from dateline.records import Quote

logger = logging.getLogger(__name__)

# Words in the prefix/suffix blocking keys. Set by hand (no gold for cross-article quotes): a syndicated
# copy that cuts or retouches a quote keeps one end intact.
BLOCK_WORDS = 5
# Fewest words a truncated copy must keep to count as the same quote (shorter are stock phrases). By hand.
MIN_CONTAINED_WORDS = 5
# difflib ratio above which two normalised quotes are the same wording (typos, quote-mark variants). By hand.
SAME_WORDING_RATIO = 0.9
_WORD = re.compile(r"[\w']+")


def normalise(text: str) -> str:
    """Lower case words only: quote marks, punctuation and whitespace differences vanish."""
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def merge_across_articles(quotes: list[Quote]) -> list[Quote]:
    """Merge the copies of each quote across (and within) articles.

    Args:
        quotes: quotes of any number of articles.

    Returns:
        One Quote per group, the canonical (earliest dated, then smallest article id, then longest) copy's
        fields kept, ``sources`` holding every reporting article id (canonical first); groups come in the
        order of their first quote in the input.
    """
    texts = [normalise(q.text) for q in quotes]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Identical wording by the same speaker merges at once; only the distinct ones are blocked.
    distinct: dict[tuple[str, str], int] = {}
    for i, quote in enumerate(quotes):
        key = (texts[i], quote.speaker_name or "")
        if key in distinct:
            parent[find(i)] = find(distinct[key])
        else:
            distinct[key] = i
    representatives = list(distinct.values())
    for block in _blocks([texts[i] for i in representatives]):
        # Each member is compared with the groups formed so far in its block, not with every other member:
        # a quote syndicated to thousands of articles costs one comparison per copy, not one per pair.
        leaders: list[int] = []
        for member in block:
            i = representatives[member]
            for leader in leaders:
                j = representatives[leader]
                if find(i) == find(j) or _same_quote(quotes[i], quotes[j], texts[i], texts[j]):
                    parent[find(i)] = find(j)
                    break
            else:
                leaders.append(member)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        groups[find(i)].append(i)
    merged = [_merge_group([quotes[i] for i in members]) for members in groups.values()]
    logger.info("merged %d quotes into %d", len(quotes), len(merged))
    return merged


def _blocks(texts: list[str]) -> list[list[int]]:
    """Groups of quotes sharing their first or last words (a quote is in two blocks)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        words = text.split()
        if not words:
            continue
        blocks["^" + " ".join(words[:BLOCK_WORDS])].append(i)
        blocks["$" + " ".join(words[-BLOCK_WORDS:])].append(i)
    return [members for members in blocks.values() if len(members) > 1]


def _same_quote(a: Quote, b: Quote, text_a: str, text_b: str) -> bool:
    if a.speaker_name and b.speaker_name and a.speaker_name != b.speaker_name:
        return False
    if text_a == text_b:
        return True
    shorter, longer = sorted((text_a, text_b), key=len)
    if len(shorter.split()) >= MIN_CONTAINED_WORDS and shorter in longer:
        return True
    matcher = SequenceMatcher(None, text_a, text_b, autojunk=False)
    # The cheap upper bounds reject most candidates before the quadratic ratio().
    return (
        matcher.real_quick_ratio() >= SAME_WORDING_RATIO
        and matcher.quick_ratio() >= SAME_WORDING_RATIO
        and matcher.ratio() >= SAME_WORDING_RATIO
    )


def _merge_group(group: list[Quote]) -> Quote:
    # Within one article the fullest copy wins: a headline often repeats the first words of a body quote.
    group = sorted(group, key=lambda q: (q.date or Date.max, q.article_id, -len(q.text), q.start))
    canonical = group[0]
    sources: list[str] = []
    for quote in group:
        for article_id in quote.sources or [quote.article_id]:
            if article_id not in sources:
                sources.append(article_id)
    return canonical.model_copy(update={"sources": sources})
