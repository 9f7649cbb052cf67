"""Timeline metrics against hand-computed values, the gold readers, and `dateline eval tls` end to end."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluate import tls, tls_data, tls_metrics
from dateline.evaluate.tls_metrics import PRF, TimelineScores
from dateline.records import Timex

D1, D2, D3 = date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3)


def _perl_rouge_available() -> bool:
    if shutil.which("perl") is None:
        return False
    return subprocess.run(["perl", "-MXML::Parser", "-e1"], capture_output=True).returncode == 0


ROUGE_KINDS = [
    pytest.param("reimpl", id="reimpl"),
    pytest.param(
        "perl", id="perl",
        marks=pytest.mark.skipif(not _perl_rouge_available(), reason="perl XML::Parser (libxml-parser-perl) missing"),
    ),
]

# (predicted, gold, (R1 P, R1 R), (R2 P, R2 R)); every word here survives ROUGE's stop list, none stems
# to another. Hand computation in the ids' comments below.
CASES = [
    # identical: every n-gram matched on the same day
    pytest.param({D1: ["cat ate fish"]}, {D1: ["cat ate fish"]}, (1.0, 1.0), (1.0, 1.0), id="identical"),
    # gold day D3 unmatched in content: recall counts D1's 3 of 6 unigrams, 2 of 4 bigrams
    pytest.param({D1: ["cat ate fish"]}, {D1: ["cat ate fish"], D3: ["dog barked loudly"]},
                 (1.0, 0.5), (1.0, 0.5), id="missing-day-halves-recall"),
    # one day off: every match is weighted 1 / (|D2 - D1| + 1) = 1/2
    pytest.param({D2: ["cat ate fish"]}, {D1: ["cat ate fish"]}, (0.5, 0.5), (0.5, 0.5), id="one-day-off-halves"),
    # exact date match has cost 0 and wins the alignment over content: precision 0; recall: D2's
    # 3 unigrams reach predicted D1 at weight 1/2 -> 1.5 / 6; bigrams 1 / 4
    pytest.param({D1: ["dog barked loudly"]}, {D1: ["cat ate fish"], D2: ["dog barked loudly"]},
                 (0.0, 0.25), (0.0, 0.25), id="exact-day-wins-alignment"),
]


@pytest.mark.parametrize("kind", ROUGE_KINDS)
@pytest.mark.parametrize(("predicted", "gold", "rouge1", "rouge2"), CASES)
def test_alignment_rouge_matches_hand_computed_values(kind, predicted, gold, rouge1, rouge2) -> None:
    r1, r2 = tls_metrics.alignment_rouge(predicted, gold, kind)
    assert (r1.precision, r1.recall) == pytest.approx(rouge1, abs=1e-6)
    assert (r2.precision, r2.recall) == pytest.approx(rouge2, abs=1e-6)


def test_empty_prediction_scores_zero() -> None:
    scores = tls_metrics.score_timeline({}, {D1: ["cat ate fish"]}, "reimpl")
    assert scores.rouge1.f1 == scores.rouge2.f1 == scores.dates.f1 == 0.0


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        pytest.param({D1, D2}, {D1, D3}, (0.5, 0.5), id="one-of-two"),
        pytest.param({D1}, {D1, D2, D3}, (1.0, 1 / 3), id="subset"),
        pytest.param({D2}, {D1}, (0.0, 0.0), id="near-miss-is-a-miss"),
    ],
)
def test_date_prf_counts_exact_days(predicted, gold, expected) -> None:
    prf = tls_metrics.date_prf(predicted, gold)
    assert (prf.precision, prf.recall) == pytest.approx(expected)


def test_average_takes_f1_of_mean_precision_and_mean_recall() -> None:
    a = TimelineScores(PRF(1.0, 0.5), PRF(1.0, 0.5), PRF(1.0, 0.5))
    b = TimelineScores(PRF(0.5, 0.5), PRF(0.5, 0.5), PRF(0.5, 0.5))
    avg = tls_metrics.average_scores([a, b])
    assert avg.rouge1.f1 == pytest.approx(0.6)  # F1(0.75, 0.5), not the mean of F1s (0.5833)


def test_timeline_text_round_trips_and_skips_bad_date_blocks() -> None:
    text = "2020-01-02\nB happened .\n-----\n2020-01-0\nbroken block .\n-----\n2020-01-01\nA happened .\nA2 .\n-----\n"
    days = tls_data.parse_timeline_text(text)
    assert days == {D2: ["B happened ."], D1: ["A happened .", "A2 ."]}
    assert tls_data.parse_timeline_text(tls_data.format_timeline(days)) == days


def test_gold_mean_sentences_rounds_like_news_tls() -> None:
    gold = tls_data.GoldTimeline("g", {D1: ["a"], D2: ["a", "b"], D3: ["a", "b", "c", "d"]})
    assert gold.mean_sentences == 2  # 7/3 = 2.33


# --- end to end on tiny invented datasets ----------------------------------------------------------

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_tagger(article_id: str, text: str, anchor: date) -> list[Timex]:
    """A test tagger: ISO dates written in the text are DATE timexes (injected instead of dateline.timex)."""
    return [Timex(article_id=article_id, start=m.start(), end=m.end(), text=m.group(), type="DATE", value=m.group())
            for m in _ISO.finditer(text)]


ARTICLES = {
    "2020-01-02": ["Rebels seized the northern town of Arden on 2020-01-01 after heavy fighting in the hills .",
                   "The army said on 2020-01-01 that rebels seized Arden and thousands of civilians fled ."],
    "2020-01-05": ["Peace talks between the rebels and the government opened in Brill on 2020-01-04 with mediators .",
                   "Delegates from both sides arrived in Brill for peace talks on 2020-01-04 amid tight security ."],
}


def _write_t17(root: Path) -> Path:
    topic = root / "arden_war"
    for day, lines in ARTICLES.items():
        folder = topic / "InputDocs" / day
        folder.mkdir(parents=True)
        for n, line in enumerate(lines):
            (folder / f"{n}.htm.txt").write_text(line + "\nA filler sentence without any date at all here .\n")
    (topic / "timelines").mkdir()
    (topic / "timelines" / "tl1.txt").write_text(
        "2020-01-01\nRebels seize the town of Arden .\n-----\n2020-01-04\nPeace talks open in Brill .\n-----\n")
    (topic / "keywords.json").write_text(json.dumps(["rebels"]))
    return root


def _write_newstls(root: Path) -> Path:
    topic = root / "arden"
    topic.mkdir(parents=True)
    with gzip.open(topic / "articles.preprocessed.jsonl.gz", "wt", encoding="utf-8") as handle:
        for n, (day, lines) in enumerate(ARTICLES.items()):
            record = {"id": f"a{n}", "title": "Arden", "text": " ".join(lines), "time": f"{day}T08:00:00"}
            handle.write(json.dumps(record) + "\n")
    gold = [["2020-01-01 00:00:00", ["Rebels seize the town of Arden ."]],
            ["2020-01-04 00:00:00", ["Peace talks open in Brill ."]]]
    (topic / "timelines.jsonl").write_text("\n[]\n" + json.dumps(gold) + "\n")
    (topic / "keywords.json").write_text(json.dumps(["rebels", "talks"]))
    return root


@pytest.mark.parametrize(
    ("writer", "expected_file"),
    [
        pytest.param(_write_t17, "arden_war/tl1.txt", id="t17"),
        pytest.param(_write_newstls, "arden/0.txt", id="newstls"),
    ],
)
def test_eval_writes_predictions_and_scores_per_gold_timeline(tmp_path: Path, writer, expected_file) -> None:
    dataset = writer(tmp_path / "data")
    out = tmp_path / "pred"
    result = tls.evaluate(dataset, out, rouge="reimpl", tagger=iso_tagger)
    predicted = tls_data.parse_timeline_text((out / expected_file).read_text())
    assert sorted(predicted) == [D1, date(2020, 1, 4)]  # both gold days found from mentions
    assert all(len(s) == 1 for s in predicted.values())  # the gold's mean sentences per date
    saved = json.loads((out / "scores.json").read_text())
    assert len(saved["timelines"]) == 1
    assert saved["average"]["date"]["f1"] == pytest.approx(1.0)
    assert result["average"]["ar1"]["f1"] > 0.2


def test_eval_rejects_a_folder_without_topics(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        tls.evaluate(tmp_path, tmp_path / "pred", rouge="reimpl", tagger=iso_tagger)
