"""The seed articles (read from ../shared, skipped when absent): every direct quote of the NATO chief and
the US envoy carries its speaker, including those given only as "he said" / "he added"."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dateline import quotes
from dateline.config import QuoteSettings
from dateline.nlp import mentions_of
from dateline.records import Article, Quote


def _quotes_of(nlp: Language, path: Path) -> list[Quote]:
    text = path.read_text(encoding="utf-8")
    article = Article(id=path.stem, source=str(path), text=text)
    doc = nlp(text)
    return quotes.extract_quotes(article, doc, mentions_of(path.stem, doc, nlp), [], QuoteSettings())


def _seed(seeds_dir: Path, prefix: str) -> Path:
    matches = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is absent")
    return matches[0]


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_seed_direct_quotes_carry_their_speaker(nlp: Language, seeds_dir: Path, prefix: str) -> None:
    direct = [q for q in _quotes_of(nlp, _seed(seeds_dir, prefix)) if q.kind == "direct"]
    assert direct
    for quote in direct:
        assert quote.speaker_name is not None, quote.text
        assert "Stoltenberg" in quote.speaker_name or "Khalilzad" in quote.speaker_name, quote.text


@pytest.mark.parametrize(
    ("prefix", "opening", "speaker"),
    [
        ("001", "We strongly support", "Stoltenberg"),
        ("001", "Peace will require", "Khalilzad"),
        ("002", "So we are doing", "Stoltenberg"),
        ("002", "To have Afghan", "Stoltenberg"),
        ("003", "Unfortunately, what", "Stoltenberg"),
        ("003", "And it proves", "Stoltenberg"),
    ],
)
def test_seed_pronoun_speakers_resolve(nlp: Language, seeds_dir: Path, prefix: str, opening: str, speaker: str) -> None:
    found = [q for q in _quotes_of(nlp, _seed(seeds_dir, prefix)) if q.text.startswith(opening)]
    assert found
    for quote in found:
        assert quote.speaker_text in ("he", "He") and speaker in (quote.speaker_name or "")


def test_seed_inverted_quote_names_the_minister(nlp: Language, seeds_dir: Path) -> None:
    inverted = [q for q in _quotes_of(nlp, _seed(seeds_dir, "004")) if q.kind == "direct" and q.verb == "said"]
    assert [q.speaker_name for q in inverted] == ["Sadat Mansoor Naderi"]
