"""Entity name matching: the shortcuts taken before SequenceMatcher give its answers, role look-ups are cached."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from dateline import roles
from dateline.entities import NAME_SIMILARITY, EntityIndex, _Cluster, _similar

LETTERS = "aeinorst"


def _matcher_similar(a: str, b: str) -> bool:
    """The test as first written: SequenceMatcher's three ratios."""
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= NAME_SIMILARITY
        and matcher.quick_ratio() >= NAME_SIMILARITY
        and matcher.ratio() >= NAME_SIMILARITY
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [("", ""), ("jens", "jen"), ("dorsey", "dorsy"), ("ahmed", "ahmad"), ("holm", "holmes"), ("kors", "")],
    ids=["empty", "typo-short", "typo", "vowel", "longer", "one-empty"],
)
def test_similar_names_agree_with_sequence_matcher(a: str, b: str) -> None:
    assert _similar(a, b) == _matcher_similar(a, b)


def test_similar_agrees_with_sequence_matcher_on_random_names() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        a = "".join(rng.choice(LETTERS) for _ in range(rng.randint(0, 9)))
        b = list(a)
        for _ in range(rng.randint(0, 3)):  # a few edits, so that many pairs come close to the bound
            position = rng.randint(0, len(b))
            b[position : position + rng.randint(0, 1)] = rng.choice(["", rng.choice(LETTERS)])
        assert _similar(a, "".join(b)) == _matcher_similar(a, "".join(b)), (a, "".join(b))


def _person(name: str, held: dict[str, int]) -> _Cluster:
    cluster = _Cluster()
    cluster.forms[name] += 3
    cluster.labels["PERSON"] += 3
    cluster.roles.update(held)
    return cluster


@pytest.mark.parametrize(
    "phrase",
    ["the NATO chief", "the water minister", "a senior official", "the envoy", "the spokesman", "the king"],
    ids=["generic-head", "modifier", "soft-modifier", "head", "unheld", "no-holder"],
)
def test_role_resolution_matches_every_held_role_as_scanned_one_by_one(phrase: str) -> None:
    index = EntityIndex(
        [
            _person("Jens Stoltenberg", {"NATO Secretary General": 2, "NATO chief": 1}),
            _person("Ilse Brannick", {"Water Minister": 4, "minister of water": 1}),
            _person("Ruben Holm", {"Special Envoy": 2, "US envoy": 1, "senior official": 1}),
        ]
    )
    query = roles.parse_role(phrase)
    assert query is not None
    expected = {eid: count for held, eid, count in index._roles if roles.matches(query, held)}
    for _ in range(2):  # the second time from the cache
        assert dict(index._role_fits(query)) == expected
