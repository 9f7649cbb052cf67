"""`dateline eval timex`: TimeML reading, TempEval-3 scoring and prediction writing, on invented files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluate.timex import Counts, GoldTimex, evaluate, read_timeml, score_document, write_prediction
from dateline.records import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-28" functionInDocument="CREATION_TIME">20200128</TIMEX3></DCT>
<TEXT>
Envoys met <TIMEX3 tid="t1" type="DATE" value="2020-01-28">Tuesday</TIMEX3> and will meet again
<TIMEX3 tid="t2" type="DATE" value="2020-02">next month</TIMEX3> after <TIMEX3 tid="t3" type="DURATION"
value="P3Y">three years</TIMEX3> of <EVENT eid="e1">talks</EVENT> &amp; delays.
</TEXT>
</TimeML>
"""


def _write(tmp_path: Path, name: str = "x1.tml", body: str = TML) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def timex(start: int, end: int, kind: str = "DATE", value: str = "2020-01-28") -> Timex:
    return Timex(article_id="x", start=start, end=end, text="", type=kind, value=value)  # type: ignore[arg-type]


def test_reader_strips_tags_and_keeps_offsets_into_plain_text(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path))
    assert doc.dct == date(2020, 1, 28)
    assert [doc.text[g.start : g.end] for g in doc.gold] == ["Tuesday", "next month", "three years"]
    assert "<" not in doc.text and "& delays" in doc.text


def test_reader_leaves_the_creation_time_out_of_the_gold(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path))
    assert len(doc.gold) == 3 and "20200128" not in doc.text


def test_reader_rejects_a_file_without_dct(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no DCT"):
        read_timeml(_write(tmp_path, body="<TimeML><TEXT>x</TEXT></TimeML>"))


def test_reader_rejects_broken_xml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid TimeML"):
        read_timeml(_write(tmp_path, body="<TimeML><TEXT>x</TimeML>"))


def test_scorer_counts_strict_relaxed_type_and_value() -> None:
    gold = [
        GoldTimex(0, 10, "DATE", "2020-01"),
        GoldTimex(20, 30, "DURATION", "P3Y"),
        GoldTimex(40, 45, "DATE", "2019"),
    ]
    predicted = [timex(0, 10, value="2020-01"), timex(22, 30, "DURATION", "P2Y"), timex(50, 55)]
    counts = score_document(gold, predicted)
    assert (counts.strict, counts.relaxed, counts.type_ok, counts.value_ok) == (1, 2, 2, 1)


def test_scorer_matches_each_gold_tag_once() -> None:
    counts = score_document([GoldTimex(0, 20, "DATE", "2020")], [timex(0, 5), timex(6, 20)])
    assert (counts.relaxed, counts.system) == (1, 2)


def test_scores_follow_the_tempeval3_definitions() -> None:
    scores = Counts(gold=10, system=8, strict=6, relaxed=8, type_ok=8, value_ok=6).scores()
    relaxed_f1 = 2 * 1.0 * 0.8 / 1.8
    assert scores["relaxed_f1"] == round(100 * relaxed_f1, 2)
    assert scores["value_f1"] == round(100 * relaxed_f1 * 6 / 8, 2)
    assert scores["strict_p"] == 75.0 and scores["strict_r"] == 60.0


def test_written_prediction_reads_back_with_the_same_spans(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path))
    predicted = [timex(g.start, g.end, g.type, g.value).model_copy(update={"text": doc.text[g.start : g.end]})
                 for g in doc.gold]  # fmt: skip
    out = tmp_path / "pred" / "x1.tml"
    write_prediction(out, doc, predicted)
    again = read_timeml(out)
    assert again.text == doc.text and again.gold == doc.gold


def test_evaluate_scores_a_folder_and_writes_predictions(tmp_path: Path) -> None:
    _write(tmp_path)
    report = evaluate(tmp_path, parse=False, write_tml=tmp_path / "out")
    assert report.total.gold == 3 and report.total.scores()["value_f1"] == 100.0
    assert (tmp_path / "out" / "x1.tml").is_file()


def test_evaluate_rejects_a_folder_without_timeml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.tml file"):
        evaluate(tmp_path, parse=False)
