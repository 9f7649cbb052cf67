"""The PolNeAR reader and quote scorer on an invented brat file (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluate import quotes as ev
from dateline.records import Quote

TEXT = "“We will win,” Jane Roe said. He thinks the vote is close. Roe left, officials said."
#       0         1         2         3         4         5         6         7         8
ANN = "\n".join(
    [
        "T1\tContent 0 14\t“We will win,”",
        "T2\tSource 15 23\tJane Roe",
        "T3\tCue 24 28\tsaid",
        "T4\tAttribution 24 28\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "T5\tSource 30 32\tHe",
        "T6\tCue 33 39\tthinks",
        "T7\tContent 40 57\tthe vote is close",
        "T8\tAttribution 33 39\tthinks",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        "T9\tContent 59 67;68 68\tRoe left",
        "T10\tCue 79 83\tsaid",
        "T11\tAttribution-no-source 79 83\tsaid",
        "E3\tAttribution-no-source:T11 Content:T9 Cue:T10",
    ]
)


def _gold(tmp_path: Path) -> list[ev.GoldAttribution]:
    path = tmp_path / "a_x1.ann"
    path.write_text(ANN, encoding="utf-8")
    gold, _ = ev.read_ann(path)
    for item, speech in zip(gold, (True, False, True), strict=True):
        item.quoted = any(ch in "“”" for a, b in item.content for ch in TEXT[a:b])
        item.speech = speech
    return gold


def _pred(start: int, end: int, kind: str = "direct", speaker: tuple[int, int] | None = (15, 23)) -> Quote:
    return Quote(
        id="q",
        article_id="a",
        text=TEXT[start:end],
        start=start,
        end=end,
        kind=kind,  # type: ignore[arg-type]
        speaker_start=speaker[0] if speaker else None,
        speaker_end=speaker[1] if speaker else None,
        speaker_text=TEXT[speaker[0] : speaker[1]] if speaker else None,
    )


def test_reader_joins_discontinuous_spans_and_keeps_sourceless(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    assert [g.content for g in gold] == [[(0, 14)], [(40, 57)], [(59, 67), (68, 68)]]
    assert gold[2].source == []


def test_overlap_of_half_the_shorter_span_matches(tmp_path: Path) -> None:
    counts = ev.score_article([_pred(1, 12)], _gold(tmp_path), [], TEXT, "direct+partial")
    assert (counts.tp, counts.fp, counts.fn, counts.speaker_right) == (1, 0, 0, 1)


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        (_pred(1, 12, speaker=(30, 32)), {"wrong speaker": 1}),
        (_pred(1, 12, speaker=None), {"wrong speaker": 1}),
    ],
    ids=["other-mention", "no-speaker"],
)
def test_wrong_speaker_is_counted(tmp_path: Path, pred: Quote, expected: dict[str, int]) -> None:
    counts = ev.score_article([pred], _gold(tmp_path), [], TEXT, "direct+partial")
    assert {k: v for k, v in counts.errors.items() if v} == expected


def test_prediction_matching_gold_outside_the_block_is_not_counted(tmp_path: Path) -> None:
    counts = ev.score_article([_pred(40, 57, kind="indirect")], _gold(tmp_path), [], TEXT, "speech")
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 2)
    assert counts.errors["missed"] == 2


def test_error_classes(tmp_path: Path) -> None:
    preds = [_pred(10, 40, kind="indirect"), _pred(70, 78, kind="indirect")]
    counts = ev.score_article(preds, _gold(tmp_path), [], TEXT, "speech")
    assert counts.errors == {"missed": 1, "spurious": 1, "wrong span": 2, "wrong speaker": 0}


def test_split_averages_annotators(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("x1", "x2"):
        (tmp_path / "attributions" / f"a_{annotator}.ann").write_text(ANN, encoding="utf-8")
    ((name, text, anns),) = list(ev.iter_split(tmp_path))
    assert name == "a" and text == TEXT and len(anns) == 2


def test_split_without_annotations_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(ev.iter_split(tmp_path))
