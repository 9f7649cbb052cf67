"""Clean stage: boilerplate out of text dumps, repeated content collapsed, encoding fixed.

Input: raw Article records and line statistics over the whole collection. Output: Articles with
``text`` (cleaned), ``removed`` (every dropped line, for audit), ``title`` and ``author`` when found.
Heavy lifting: ftfy for mojibake; the rest is line heuristics (no library targets pasted page
dumps: trafilatura and jusText need the HTML tree) plus how often a line recurs across the
collection and across one outlet's articles. Known limits: boilerplate that reads like prose
and appears once is kept; a teaser block is recognised only after a "Check Also"-type marker.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import ftfy

from dateline.config import CleanSettings
from dateline.records import Article

logger = logging.getLogger(__name__)

# Site furniture seen in scraped news dumps (whole line, case-insensitive). Each pattern is a kind
# of line, not a particular site's string; checked on the seeds, the demo corpus and T17.
_FURNITURE_LINES = (
    r"skip to (main )?content|latest news|thumbnail|advertisement|sponsored( content)?|"
    r"(share|tweet|email|print|pin)( this( post| article| story)?)?|share on \w+.*|"
    r"google ?\+.*|(follow|like) us on .*|about (the )?(admin|author)|(posted|filed) (by|in|under) .{0,60}|"
    r"(read|see) (more|also)\b.{0,120}|related( posts| articles| stories| news| coverage)?:?|tags?:.{0,200}|"
    r"(sign up|subscribe)\b.{0,120}|all rights reserved.*|(copyright|©).{0,120}|click here.{0,120}|"
    r"(we|this (site|website)) uses? cookies.*|comments?( \(\d+\))?|"
    r"leave a (comment|reply)|you may also like|more from .{0,60}|loading\.*|menu|home|search"
)
# Furniture that may sit anywhere in a line, with a word each must contain. Why apart: the regex tries these at
# every position of every line (60% of its cost); an ASCII line without the word (case-insensitive matching of
# ASCII is plain lower-casing) is tested against the other kinds only.
_FURNITURE_ANYWHERE = {"whatsapp": r".*\bshare on whatsapp\b.*", "cookies": r".*\baccept (all )?cookies\b.*"}
FURNITURE = re.compile(rf"^({_FURNITURE_LINES}|{'|'.join(_FURNITURE_ANYWHERE.values())})\W*$", re.IGNORECASE)
_FURNITURE_AT_START = re.compile(rf"^({_FURNITURE_LINES})\W*$", re.IGNORECASE)
# A marker after which the rest of the page is teasers for other stories.
TAIL_MARKERS = re.compile(
    r"^(check also|related (posts|articles|stories|news|coverage)|you (may|might) also like|more stories|read next|"
    r"recommended( for you)?|most (read|popular)|also read|trending( now)?)\W*$",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^\s*home\s*(/|›|»|>)\s*.+", re.IGNORECASE)
# "Site Name | Section | Topic": short segments joined by separators, no sentence punctuation.
SECTION_PATH = re.compile(r"^[^.!?|/›»>]{1,40}(\s(\||/|›|»|>)\s[^.!?|/›»>]{1,40}){2,}$")
# Short byline-ish lines: "AT News Report", "By Jane Doe", "Staff Reporter", "AT Monitoring Desk".
BYLINE = re.compile(
    r"^((?i:by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(,.*)?|"
    r"([A-Z][\w&.-]*\s+){0,4}(?i:news( report)?|report|desk|staff|correspondent|bureau|reporter))$"
)
# Lines longer than this many words are never taken as boilerplate by frequency alone.
MAX_FREQUENT_LINE_WORDS = 12
MIN_REPEAT_PARAGRAPH_WORDS = 6
# A line this long that ends like a sentence is prose: syndicated copies share such lines, so it counts as
# boilerplate only when it recurs across one outlet's articles, not merely in a few articles anywhere.
MIN_PROSE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
# Keep curly quotes: they tell quote openings from closings.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False)
# A line of printable ASCII without "&" is one ftfy leaves as it is (no mojibake, entity, control
# character or odd line break can be in it); about 97% of the lines of scraped news are like this.
_LINES = re.compile(r"[^\n]*\n|[^\n]+")  # ftfy's segments: each line with its line break
_NOTHING_TO_FIX = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")
# Lines whose normalised form is cached: each line is normalised 3-4 times (line counts, frequency test,
# repeat test, clean key) and site furniture recurs across articles (bench/scale.py 1k corpus: 34k lines,
# 9k distinct). Bounds the cache (~2 MB).
NORMALISED_LINE_CACHE = 1 << 14


@dataclass
class LineStatistics:
    """How many articles (overall and per outlet) contain each normalised line."""

    articles: int = 0
    line_articles: Counter[str] = field(default_factory=Counter)
    outlet_articles: Counter[str] = field(default_factory=Counter)
    outlet_line_articles: Counter[tuple[str, str]] = field(default_factory=Counter)

    def is_frequent(self, line: str, outlet: str | None, settings: CleanSettings) -> bool:
        """True when a short line recurs in many articles of the collection or of its outlet."""
        key = normalise_line(line)
        words = key.count(" ") + 1  # normalised: single spaces
        if not key or words > MAX_FREQUENT_LINE_WORDS:
            return False
        prose = words >= MIN_PROSE_WORDS and _SENTENCE_END.search(line) is not None
        if not prose and self.line_articles[key] >= settings.min_repeat_articles:
            return True
        if outlet and self.outlet_articles[outlet] >= settings.min_repeat_articles:
            count = self.outlet_line_articles[(outlet, key)]
            # a line in one article only is that article's own, however few articles the outlet has
            return count >= 2 and count / self.outlet_articles[outlet] >= settings.min_repeat_share
        return False


@functools.lru_cache(maxsize=NORMALISED_LINE_CACHE)
def normalise_line(line: str) -> str:
    """Lower-case, single-spaced, punctuation-trimmed form of a line, for counting."""
    return " ".join(line.split()).strip(" \t\"'“”‘’.,:;-–—…|").lower()


def line_statistics(articles: Sequence[Article]) -> LineStatistics:
    """Count, for every distinct line, the articles containing it (collection-wide and per outlet)."""
    stats = LineStatistics(articles=len(articles))
    for article in articles:
        lines = {normalise_line(x) for x in article.raw_text.splitlines()} - {""}
        stats.line_articles.update(lines)
        if article.outlet:
            stats.outlet_articles[article.outlet] += 1
            stats.outlet_line_articles.update((article.outlet, x) for x in lines)
    return stats


def fix_text(text: str) -> str:
    """``ftfy.fix_text(text, FTFY_CONFIG)``, line by line as ftfy does it, skipping the lines it cannot change.

    Why: ftfy's per-line set-up costs about 30 µs, a millisecond per article, nearly all of it on lines
    of plain ASCII. Its one cross-line rule is kept: after a line with "<", HTML entities stay as they are.
    """
    config = FTFY_CONFIG
    out = []
    for line in _LINES.findall(text):
        if config.unescape_html == "auto" and "<" in line:
            config = config._replace(unescape_html=False)
        out.append(line if _NOTHING_TO_FIX.fullmatch(line) else ftfy.fix_text(line, config))
    return "".join(out)


def clean_article(article: Article, stats: LineStatistics, settings: CleanSettings) -> Article:
    """Return the article with boilerplate removed and repeated content collapsed.

    Args:
        article: a raw article (``raw_text`` as read).
        stats: line counts over the whole collection (``line_statistics``).
        settings: the clean section.

    Returns:
        A copy with ``text``, ``removed`` and, when found, ``title`` and ``author`` set.
    """
    lines = fix_text(article.raw_text).replace("\xa0", " ").split("\n")
    keep, removed, author = _drop_furniture(lines, article.outlet, stats, settings)
    keep, repeated = _drop_repeated(keep)
    removed += repeated
    title = article.title or _headline(keep)
    text = "\n\n".join(keep)
    update = {"text": text, "removed": removed, "title": title, "author": article.author or author}
    return article.model_copy(update=update)


def _drop_furniture(
    lines: list[str], outlet: str | None, stats: LineStatistics, settings: CleanSettings
) -> tuple[list[str], list[str], str | None]:
    keep: list[str] = []
    removed: list[str] = []
    author: str | None = None
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if TAIL_MARKERS.match(line) and number > len(lines) // 3:
            removed += [x.strip() for x in lines[number:] if x.strip()]
            break
        if _is_furniture(line) or stats.is_frequent(line, outlet, settings):
            removed.append(line)
        elif len(keep) <= 5 and BYLINE.match(line) and not line.endswith("."):
            removed.append(line)
            author = author or re.sub(r"^by\s+", "", line, flags=re.IGNORECASE)
        else:
            keep.append(line)
    return keep, removed, author


def _is_furniture(line: str) -> bool:
    return bool(_furniture_match(line) or BREADCRUMB.match(line) or SECTION_PATH.match(line))


def _furniture_match(line: str) -> bool:
    """``FURNITURE.match(line)``, skipping the patterns that match anywhere when the line cannot hold them."""
    if line.isascii():
        lowered = line.lower()
        if not any(word in lowered for word in _FURNITURE_ANYWHERE):
            return _FURNITURE_AT_START.match(line) is not None
    return FURNITURE.match(line) is not None


def _drop_repeated(lines: list[str]) -> tuple[list[str], list[str]]:
    """Collapse a body pasted twice and a lede repeated by the dateline paragraph."""
    keys = [normalise_line(x) for x in lines]
    removed: list[str] = []
    keep: list[str] = []
    seen: set[str] = set()
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if key in seen and ((index > 0 and len(key.split()) >= 3) or len(key.split()) >= MIN_REPEAT_PARAGRAPH_WORDS):
            removed.append(line)
            continue
        if _contained_later(key, keys[index + 1 : index + 3]):
            removed.append(line)  # a lede or summary that the next paragraph repeats in full
            continue
        seen.add(key)
        keep.append(line)
    return keep, removed


def _contained_later(key: str, following: list[str]) -> bool:
    if len(key.split()) < MIN_REPEAT_PARAGRAPH_WORDS:
        return False
    return any(key in later and len(later) > len(key) for later in following)


def _headline(lines: list[str]) -> str | None:
    """The first line that reads like a headline: short and without closing punctuation."""
    for line in lines[:3]:
        words = line.split()
        if 3 <= len(words) <= 25 and not line.endswith((".", "?\"", ".”", ":", ",")):
            return line
    return None
