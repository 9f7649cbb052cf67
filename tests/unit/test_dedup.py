"""Dedup stage: copies point at one canonical article; nothing is deleted."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from pydantic import ValidationError

from dateline import resume
from dateline.config import DedupSettings, Settings
from dateline.dedup import _WORD, BandIndex, _shingles, jaccard, lsh_banding, mark_duplicates, shingles, signature
from dateline.dedup.bands import text_key
from dateline.records import Article
from dateline.store import Store

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


# -- the band index on disk, the stream from the store, builds in two steps ---------------------------
def _story_variants(rng: random.Random, stories: int, copies: int, most_changes: int = 30) -> list[str]:
    vocabulary = [f"word{n}" for n in range(3000)]
    texts = []
    for _ in range(stories):
        words = [rng.choice(vocabulary) for _ in range(120)]
        texts += [" ".join(words)] + [_variant(words, rng, rng.randint(1, most_changes)) for _ in range(copies)]
    return texts


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.99], ids=["loose", "default", "two-band-fallback"])
def test_band_index_on_disk_gives_the_candidates_of_datasketch_in_memory(tmp_path: Path, threshold: float) -> None:
    settings = DedupSettings(threshold=threshold)
    texts = _story_variants(random.Random(11), stories=12, copies=5)
    signatures = [signature(text, settings) for text in texts]
    in_memory = lsh_banding(settings)
    with BandIndex(settings, folder=tmp_path) as index:
        assert (index.bands, index.rows) == (in_memory.b, in_memory.r)
        pairs = 0
        for n, minhash in enumerate(signatures):
            found = index.candidates(index.band_keys(minhash))
            assert found == sorted(in_memory.query(minhash))
            pairs += len(found)
            if n % 2 == 0:  # half of them indexed, so some queries find nothing
                in_memory.insert(f"t{n:03d}", minhash)
                index.insert(f"t{n:03d}", text_key(texts[n].split()), index.band_keys(minhash))
        assert pairs > 0
        assert list(tmp_path.glob(".dedup-*.sqlite"))
    assert not list(tmp_path.glob(".dedup-*.sqlite"))  # the index file goes with the index


def _stored(articles: list[Article], store: Store, first_seq: int = 0) -> None:
    store.put_processed([(first_seq + n, a, None) for n, a in enumerate(articles)], dated=True)


def test_dedup_streamed_from_the_store_marks_what_the_in_memory_run_marks(tmp_path: Path) -> None:
    rng = random.Random(5)
    methods = ["metadata", "dateline", "none", "text-estimate"]
    articles = [
        _article(text, f"{n:02d}.txt", date_method=rng.choice(methods))
        for n, text in enumerate(_story_variants(rng, stories=6, copies=4, most_changes=4))
    ]
    articles.append(_article(articles[0].text.upper() + "!", "shouted.txt"))  # the same words: an exact copy
    store = Store.open(tmp_path)
    _stored(articles, store)
    copies = resume.mark_duplicates(store, Settings())
    streamed = {a.id: a.duplicate_of for batch in store.article_batches() for a in batch}
    in_memory = {a.id: a.duplicate_of for a in mark_duplicates(articles, DedupSettings())}
    assert streamed == in_memory
    assert copies == sum(target is not None for target in in_memory.values()) >= 10
    assert not list(tmp_path.glob(".dedup-*.sqlite"))


def test_copy_added_in_a_later_build_points_at_the_canonical_article_of_the_first(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    original = _article(STORY, "wire.txt", date_method="metadata")
    _stored([original, _article("An unrelated note on the ferry timetable for the spring season.", "note.txt")], store)
    assert resume.mark_duplicates(store, Settings()) == 0
    later_copy = _article("Talks resume in Halden. " + STORY, "paper.txt", date_method="none")
    better_dated = _article(STORY + " Officials declined to comment.", "agency.txt", date_method="metadata")
    _stored([later_copy, better_dated], store, first_seq=2)
    assert resume.mark_duplicates(store, Settings()) == 2
    marked = {a.source: a.duplicate_of for batch in store.article_batches() for a in batch}
    # the longer, as well dated text of the second build is now the canonical one: the first build's copy follows
    assert marked == {"wire.txt": better_dated.id, "note.txt": None, "paper.txt": better_dated.id, "agency.txt": None}


def test_index_file_left_by_a_killed_build_is_removed_by_the_next_dedup(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    _stored([_article(STORY, "wire.txt", date_method="metadata")], store)
    leftover = tmp_path / ".dedup-killed.sqlite"
    leftover.write_bytes(b"partial index")
    unrelated = tmp_path / "notes.sqlite"
    unrelated.write_bytes(b"keep me")
    resume.mark_duplicates(store, Settings())
    assert not leftover.exists() and unrelated.exists()


def _plain_shingles(words: list[str], size: int) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board voted on Monday to reopen the quay after the storm",
        "Le comité a voté lundi: la jetée rouvre après la tempête, dit-il à Zürich",
        "東京 港 は 月曜日 に 再開 した と 発表 した",
        "one two",
        "",
    ],
    ids=["ascii", "accents", "cjk", "shorter-than-a-shingle", "empty"],
)
@pytest.mark.parametrize("size", [1, 3, 5])
def test_shingles_sliced_from_the_encoded_text_equal_joined_word_runs(text: str, size: int) -> None:
    words = _WORD.findall(text.lower())
    assert _shingles(words, size) == _plain_shingles(words, size)
