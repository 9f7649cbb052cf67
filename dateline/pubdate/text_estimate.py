"""Publication date estimated from an article's text: a point estimate inside an honest interval.

Input: TextClues (dateline.pubdate.clues) and a window of candidate days. Output: a day-by-day
log-likelihood over the window and, from it, a DateEstimate (point, earliest, latest, evidence).
Each clue scores every candidate day: a date reported as past is usually a few days before
publication and rarely after it; a weekday named "on Tuesday" is usually the last few days; a date
"January 25" without a year is resolved against each candidate day. Heavy lifting: numpy.
Known limits: with no year stated and no window given (no collection, no crawl date), no estimate.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from dateline.pubdate.clues import TextClues
from dateline.records import Article, DateMethod

FloatArray = NDArray[np.float64]

# Shapes of the gap between a stated date and the publication day. Tuned on the dated half of
# Timeline17 (gaps between folder dates and the dates articles state); re-run
# `dateline eval text-dates` after a change.
PAST_NEAR_SHARE = 0.55  # share of past mentions that are about the last days (geometric part)
PAST_NEAR_DECAY = 0.55  # geometric ratio per day of that part
FUTURE_NEAR_SHARE = 0.35
FUTURE_NEAR_DECAY = 0.8
TAIL_OFFSET = 3.0  # heavy tail 1/(gap + offset) for older events
TAIL_SPAN = 3650.0  # days over which the tail is normalised
WRONG_SIDE = 0.01  # probability mass of a past date lying after publication (misread tense, typo)
WRONG_SIDE_DECAY = 0.5  # ... falling off by this ratio per day
# Days since the weekday named "on Tuesday" (0 = the publication day itself), past and future readings.
WEEKDAY_PAST = (0.22, 0.30, 0.14, 0.10, 0.09, 0.08, 0.07)
WEEKDAY_FUTURE = (0.12, 0.30, 0.18, 0.13, 0.10, 0.09, 0.08)
WEEKDAY_NOISE = 0.15  # share of weekday mentions unrelated to the publication week
FUTURE_MONTH_DAY = 0.8  # P(a "January 25" in a future-tense sentence is ahead of publication)
PAST_MONTH_DAY_FUTURE = 0.03  # P(a "January 25" in another sentence is ahead of publication)
# P(a year named in a sentence about the past = the publication year / an earlier year / a later one).
YEAR_SAME = 0.55
YEAR_EARLIER = 0.4  # spread over earlier years, halving per year
YEAR_LATER = 0.05  # spread over later years, falling by 0.3 per year
YEAR_WINDOW_LOG = 6.0  # candidate years: within this log-likelihood of the best year
# Mass of the reported earliest..latest interval (shortest interval holding it). Tuned for >= 90%
# coverage on the dated half of Timeline17.
INTERVAL_MASS = 0.9
DENSITY_FLOOR = 1e-200  # keeps log() finite for clues far on the wrong side


@dataclass(frozen=True)
class Window:
    """Candidate publication days: ``start`` and the ``days`` following it (inclusive of start)."""

    start: dt.date
    days: int

    @property
    def end(self) -> dt.date:
        """The last candidate day."""
        return self.start + dt.timedelta(days=self.days - 1)

    def ordinals(self) -> NDArray[np.int64]:
        """Proleptic Gregorian ordinals of every candidate day."""
        return np.arange(self.start.toordinal(), self.start.toordinal() + self.days, dtype=np.int64)

    def day(self, index: int) -> dt.date:
        """The candidate day at ``index``."""
        return self.start + dt.timedelta(days=int(index))

    def years(self) -> NDArray[np.int64]:
        """Calendar year of every candidate day."""
        days = np.arange(np.datetime64(self.start, "D"), np.datetime64(self.start, "D") + self.days)
        return days.astype("datetime64[Y]").astype(np.int64) + 1970


@dataclass
class DateEstimate:
    """A publication date with its interval and the reasons for it."""

    published: dt.date
    earliest: dt.date
    latest: dt.date
    evidence: list[str] = field(default_factory=list)


def _near_or_tail(gap: FloatArray, near_share: float, decay: float) -> FloatArray:
    """Density of a non-negative gap in days: a geometric near part plus a heavy 1/(gap+c) tail."""
    tail_norm = math.log((TAIL_SPAN + TAIL_OFFSET) / TAIL_OFFSET)
    safe = np.maximum(gap, 0.0)
    near = near_share * (1 - decay) * np.power(decay, safe)
    tail = (1 - near_share) / ((safe + TAIL_OFFSET) * tail_norm)
    wrong = WRONG_SIDE * (1 - WRONG_SIDE_DECAY) * np.power(WRONG_SIDE_DECAY, np.maximum(-gap - 1, 0.0))
    return np.maximum(np.where(gap >= 0, (1 - WRONG_SIDE) * (near + tail), wrong), DENSITY_FLOOR)


def past_density(gap: FloatArray) -> FloatArray:
    """P(publication day - stated past date = gap), gap in days."""
    return _near_or_tail(gap, PAST_NEAR_SHARE, PAST_NEAR_DECAY)


def future_density(gap: FloatArray) -> FloatArray:
    """P(stated future date - publication day = gap), gap in days."""
    return _near_or_tail(gap, FUTURE_NEAR_SHARE, FUTURE_NEAR_DECAY)


def log_likelihood(clues: TextClues, window: Window) -> FloatArray:
    """Log-likelihood of each candidate day of ``window`` given the clues (0 everywhere if none).

    Args:
        clues: the text's date clues.
        window: candidate days.

    Returns:
        An array of ``window.days`` natural-log scores.
    """
    days = window.ordinals().astype(np.float64)
    score = np.zeros(window.days)
    for stated in clues.dates:
        gap = days - stated.date.toordinal()
        if stated.stamp:  # a post or comment time: at or after publication
            score += np.log(future_density(-gap))
        elif stated.future:
            score += np.log(0.3 * past_density(gap) + 0.7 * future_density(-gap))
        else:
            score += np.log(past_density(gap))
    score += _month_day_scores(clues, window)
    score += _weekday_scores(clues, window)
    score += _year_scores(clues, window)
    return score


def _month_day_scores(clues: TextClues, window: Window) -> FloatArray:
    days = window.ordinals()
    score = np.zeros(window.days)
    years = range(window.start.year - 1, window.end.year + 2)
    for mention in clues.month_days:
        resolved = np.array(
            sorted(_ordinal(y, mention.month, mention.day) for y in years if _ordinal(y, mention.month, mention.day)),
            dtype=np.int64,
        )
        if resolved.size == 0:
            continue
        before = resolved[np.clip(np.searchsorted(resolved, days, side="right") - 1, 0, resolved.size - 1)]
        after = resolved[np.clip(np.searchsorted(resolved, days, side="left"), 0, resolved.size - 1)]
        past_gap = np.where(before <= days, days - before, 10_000).astype(np.float64)
        future_gap = np.where(after >= days, after - days, 10_000).astype(np.float64)
        ahead = FUTURE_MONTH_DAY if mention.future else PAST_MONTH_DAY_FUTURE
        score += np.log((1 - ahead) * past_density(past_gap) + ahead * future_density(future_gap) + 1e-12)
    return score


def _ordinal(year: int, month: int, day: int) -> int:
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        return 0


def _weekday_scores(clues: TextClues, window: Window) -> FloatArray:
    weekdays = (window.ordinals() - 1) % 7  # date.fromordinal(1) is a Monday
    past = np.array(WEEKDAY_PAST)
    future = np.array(WEEKDAY_FUTURE)
    score = np.zeros(window.days)
    for mention in clues.weekdays:
        if mention.future:
            probs = future[(mention.weekday - weekdays) % 7]
        else:
            since = (weekdays - mention.weekday) % 7
            if mention.modifier == "last":
                since = np.where(since == 0, 6, since)  # "last Friday" said on a Friday: a week ago
            probs = past[since]
        score += np.log((1 - WEEKDAY_NOISE) * probs + WEEKDAY_NOISE / 7)
    return score


def year_log_likelihood(clues: TextClues, year: int) -> float:
    """Log-likelihood of publication in ``year`` from the years the text names (past and future).

    A year named in a sentence about the past is mostly the publication year or an earlier one, rarely
    a later one (a typo, a page furniture line); a year in a sentence about the future mostly the same
    or a later one. Every mention counts, so one stray year cannot veto the rest.
    """
    total = 0.0
    for named in reported_years(clues):
        total += math.log(_year_gap_probability(year - named))
    for named in clues.future_years:
        total += math.log(_year_gap_probability(named - year))
    return total


def _year_gap_probability(gap: int) -> float:
    """P(gap) for gap = later year - earlier year of a pair expected in that order."""
    if gap == 0:
        return YEAR_SAME
    if gap > 0:
        return YEAR_EARLIER * 0.5**gap
    return YEAR_LATER * 0.3 ** (-gap)


def _year_scores(clues: TextClues, window: Window) -> FloatArray:
    if not reported_years(clues) and not clues.future_years:
        return np.zeros(window.days)
    first = window.start.year
    by_year = np.array([year_log_likelihood(clues, y) for y in range(first, window.end.year + 1)])
    scores: FloatArray = by_year[window.years() - first]
    return scores


def reported_years(clues: TextClues) -> list[int]:
    """Years named in sentences about the past or present, full dates included (stamps excluded)."""
    return list(clues.years) + [d.date.year for d in clues.past_dates]


def likely_year(clues: TextClues) -> int | None:
    """The most likely publication year from the years the text names, or None when it names none."""
    named = set(reported_years(clues)) | set(clues.future_years)
    if not named:
        return None
    candidates = range(min(named), max(named) + 2)
    return max(candidates, key=lambda y: (year_log_likelihood(clues, y), -y))


def text_window(clues: TextClues, fetched: dt.date | None = None) -> Window | None:
    """Candidate days from the text alone: the likely years it names (None when it names no year).

    Args:
        clues: the text's clues.
        fetched: crawl date, an upper bound, when known.
    """
    named = set(reported_years(clues)) | set(clues.future_years)
    if not named:
        return None
    scores = {y: year_log_likelihood(clues, y) for y in range(min(named), max(named) + 2)}
    best = max(scores.values())
    kept = [y for y, v in scores.items() if v >= best - YEAR_WINDOW_LOG]
    start, end = dt.date(min(kept), 1, 1), dt.date(max(kept), 12, 31)
    if fetched is not None:
        end = min(end, fetched)
        start = min(start, end)
    return Window(start, (end - start).days + 1)


def bounded(score: FloatArray, window: Window, lower_bound: dt.date | None) -> FloatArray:
    """``score`` with every day before ``lower_bound`` ruled out (-inf)."""
    if lower_bound is None or not window.start < lower_bound <= window.end:
        return score
    out = score.copy()
    out[: (lower_bound - window.start).days] = -np.inf
    return out


def _probabilities(score: FloatArray) -> FloatArray:
    if not np.isfinite(score.max()):
        return np.full(score.size, 1.0 / score.size)
    prob: FloatArray = np.exp(score - score.max())
    return prob / float(prob.sum())


def shortest_interval(score: FloatArray, mass: float) -> tuple[int, int]:
    """Indices (first, last, inclusive) of the shortest run of days holding ``mass`` of the probability."""
    prob = _probabilities(score)
    cum = np.concatenate([[0.0], np.cumsum(prob)])
    ends = np.searchsorted(cum, cum[:-1] + mass - 1e-9)
    widths = np.where(ends <= prob.size, ends - np.arange(prob.size), prob.size * 2)
    first = int(np.argmin(widths))
    return first, min(int(ends[first]) - 1, prob.size - 1)


def point_index(score: FloatArray) -> int:
    """Index of the day with the most probability within +-3 days around it."""
    return int(np.argmax(np.convolve(_probabilities(score), np.ones(7), mode="same")))


def summarise(
    score: FloatArray, window: Window, lower_bound: dt.date | None = None, mass: float = INTERVAL_MASS
) -> DateEstimate:
    """Point estimate (most mass within +-3 days) and the shortest interval holding ``mass``.

    Args:
        score: log-likelihood (plus log prior) per candidate day.
        window: the candidate days.
        lower_bound: a hard lower bound (the latest date reported as past): nothing is placed before it.
        mass: probability the interval holds (calibrated by the collection when it can).
    """
    score = bounded(score, window, lower_bound)
    point = point_index(score)
    first, last = shortest_interval(score, mass)
    first, last = min(first, point), max(last, point)
    return DateEstimate(window.day(point), window.day(first), window.day(last))


def estimate_from_clues(
    clues: TextClues,
    window: Window,
    prior: FloatArray | None = None,
    lower_bound: dt.date | None = None,
    mass: float = INTERVAL_MASS,
) -> DateEstimate:
    """Estimate the publication date over ``window`` from the clues (and an optional log prior).

    Args:
        clues: the text's clues.
        window: candidate days.
        prior: log prior per candidate day (from the collection), added to the text's scores.
        lower_bound: nothing is placed before this day (the latest date the text reports as past).
        mass: probability the reported interval holds.

    Returns:
        The estimate, its ``evidence`` naming the clues used.
    """
    score = log_likelihood(clues, window)
    if prior is not None:
        score = score + prior
    estimate = summarise(score, window, lower_bound, mass)
    estimate.evidence = describe(clues, window, lower_bound, mass)
    return estimate


def describe(clues: TextClues, window: Window, lower_bound: dt.date | None, mass: float) -> list[str]:
    """Human-readable reasons behind an estimate."""
    reasons = [f"candidate days {window.start.isoformat()}..{window.end.isoformat()}"]
    if lower_bound is not None:
        reasons.append(f"not before {lower_bound.isoformat()}, the latest date the text reports as past")
    later = [d for d in clues.dates if d.future]
    if later:
        reasons.append("dates ahead: " + ", ".join(sorted({d.text for d in later})[:4]))
    stamps = [d for d in clues.dates if d.stamp]
    if stamps:
        reasons.append(f"time-stamped comments from {min(d.date for d in stamps).isoformat()} (upper bound)")
    if clues.month_days:
        reasons.append("dates without a year: " + ", ".join(sorted({m.text for m in clues.month_days})[:5]))
    if clues.weekdays:
        names = sorted({w.text for w in clues.weekdays})
        reasons.append("weekdays named: " + ", ".join(names[:5]))
    year = likely_year(clues)
    if year is not None:
        reasons.append(f"likely year from the years named: {year}")
    reasons.append(f"interval holds {mass:.1%} of the estimate's probability")
    return reasons


def estimated_copy(article: Article, estimate: DateEstimate, method: DateMethod, max_days: int) -> Article:
    """The article with the estimate's dates; no point estimate when the interval exceeds ``max_days``.

    Args:
        article: the article being dated.
        estimate: the estimate, its evidence already set.
        method: ``text-estimate`` or ``collection-estimate``.
        max_days: widest interval (days) that still gets a point estimate (DateSettings.max_estimate_days).
    """
    evidence = list(estimate.evidence)
    published: dt.date | None = estimate.published
    if (estimate.latest - estimate.earliest).days > max_days:
        published = None
        evidence.append(f"interval wider than {max_days} days: no point estimate, only the interval")
    return article.model_copy(
        update={"published": published, "published_earliest": estimate.earliest,
                "published_latest": estimate.latest, "date_method": method, "date_evidence": evidence}
    )  # fmt: skip
