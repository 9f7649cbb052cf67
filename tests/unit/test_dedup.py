"""Dedup stage: copies point at one canonical article; nothing is deleted."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from pydantic import ValidationError

from dateline.config import DedupSettings
from dateline.dedup import jaccard, mark_duplicates, shingles, signature
from dateline.records import Article

STORY = (
    "Negotiators from both river states met in the border town of Halden on Tuesday for a third round of talks "
    "on sharing the water of the Vessa dam. The envoy said the two delegations agreed on a schedule for joint "
    "inspections and would meet again next week to settle the question of summer releases. Farmers downstream "
    "have complained for months that the reservoir is being filled too fast, leaving their fields dry."
)


def _article(text: str, source: str, **fields: object) -> Article:
    return Article(id=Article.make_id(source, text), source=source, raw_text=text, text=text, **fields)  # type: ignore[arg-type]


def test_syndicated_near_copy_points_at_the_dated_original() -> None:
    original = _article(STORY, "wire.txt", published=dt.date(2031, 3, 4), date_method="metadata")
    copy = _article("Talks resume in Halden. " + STORY + " Officials declined to comment.", "paper.txt")
    result = {a.source: a for a in mark_duplicates([copy, original], DedupSettings())}
    assert result["paper.txt"].duplicate_of == original.id
    assert result["wire.txt"].duplicate_of is None
    assert len(result) == 2


def test_exact_copy_is_marked_whatever_the_input_order() -> None:
    a, b = _article(STORY, "a.txt"), _article(STORY, "b.txt")
    first = mark_duplicates([a, b], DedupSettings())
    second = mark_duplicates([b, a], DedupSettings())
    assert {x.source: x.duplicate_of for x in first} == {x.source: x.duplicate_of for x in second}
    assert sum(x.duplicate_of is not None for x in first) == 1


def test_different_stories_on_the_same_topic_stay_apart() -> None:
    other = (
        "Farmers downstream of the Vessa dam blocked the main road to Halden on Friday, demanding compensation for "
        "the dry spring. Police said the protest was peaceful and that traffic was diverted through the hills."
    )
    result = mark_duplicates([_article(STORY, "a.txt"), _article(other, "b.txt")], DedupSettings())
    assert all(a.duplicate_of is None for a in result)


def test_very_strict_threshold_still_runs_and_keeps_near_copies_apart() -> None:
    copy = _article(STORY.replace(". ", " [copy 1]. ", 1), "copy.txt")
    result = mark_duplicates([_article(STORY, "a.txt"), copy], DedupSettings(threshold=0.99))
    assert all(a.duplicate_of is None for a in result)


def test_threshold_outside_zero_one_is_a_config_error() -> None:
    with pytest.raises(ValidationError):
        DedupSettings(threshold=1.5)


def test_lightly_edited_copies_are_found_whatever_the_hash_luck() -> None:
    words = STORY.split()
    found = 0
    for n in range(20):
        edited = words.copy()
        edited[(7 * n) % len(words)] = "reportedly"  # one word changed: Jaccard about 0.85-0.9
        copy = _article(" ".join(edited), f"copy{n}.txt")
        result = mark_duplicates([_article(STORY, "wire.txt"), copy], DedupSettings())
        found += sum(a.duplicate_of is not None for a in result)
    assert found >= 19


def _variant(words: list[str], rng: random.Random, changes: int) -> str:
    out = list(words)
    for i in rng.sample(range(len(out)), changes):
        out[i] = f"edit{rng.randrange(10**6)}"
    return " ".join(out)


def test_copy_whose_minhash_estimate_falls_under_the_threshold_is_still_found() -> None:
    """The estimate wanders about ±0.03 around the true Jaccard; the exact check on candidates decides."""
    settings = DedupSettings()
    rng = random.Random(7)
    vocabulary = [f"word{n}" for n in range(5000)]
    for _ in range(400):  # search for a pair the estimate alone would drop
        words = [rng.choice(vocabulary) for _ in range(300)]
        original, copy = " ".join(words), _variant(words, rng, rng.randint(4, 9))
        a, b = shingles(original, settings.shingle_size), shingles(copy, settings.shingle_size)
        estimate = signature(original, settings).jaccard(signature(copy, settings))
        if jaccard(a, b) >= settings.threshold + 0.01 and estimate < settings.threshold:
            break
    else:
        pytest.fail("no pair with a low estimate found")
    first, second = _article(original, "wire.txt"), _article(copy, "paper.txt")
    marked = {a.source: a.duplicate_of for a in mark_duplicates([first, second], settings)}
    assert marked["paper.txt"] == first.id or marked["wire.txt"] == second.id
