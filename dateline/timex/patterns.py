"""Regular expressions that find temporal expressions (the extent, not the value).

Each entry of ``PATTERNS`` is one family of expressions; its named groups are read by the
normaliser of the same name. A group named ``t`` narrows the extent (the match may carry context
that is not part of the expression). Extents follow the TimeML guidelines: determiners and
modifiers ("the", "early", "more than") are in, prepositions ("on", "since") are out.
Why not dateparser: it finds no extents in running text without false positives ("may", "second")
and costs about 30 ms a string here (search_dates: seconds a text); these patterns tag a whole
article in a few milliseconds. All patterns are compiled case-insensitive; normalisers check case.
"""

from __future__ import annotations

import re

from dateline.timex.firstchar import guarded
from dateline.timex.holidays import HOLIDAY_RE
from dateline.timex.numerals import NUMBER_RE


def _alt(*words: str) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


MONTH_FULL = _alt(
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", r"Jan\.", r"Feb\.", r"Mar\.", r"Apr\.", r"Jun\.", r"Jul\.", r"Aug\.",
    r"Sept\.", r"Sep\.", r"Oct\.", r"Nov\.", r"Dec\.",
)  # fmt: skip
MONTH_ANY = _alt(MONTH_FULL, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
WEEKDAY = _alt("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", r"Tues?\.",
               r"Wed\.", r"Thu(?:rs?)?\.", r"Fri\.", r"Mon\.")  # fmt: skip
ORDINAL = _alt("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
               "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
               "eighteenth", "nineteenth", "twentieth", r"twenty-first", r"\d{1,2}(?:st|nd|rd|th)")  # fmt: skip
DAY = r"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?![\d:.,]\d|\s*%)"
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d%]|,\d|\.\d|-\d)"
SHORT_YEAR = r"(?P<yy>'\d\d)(?!\w)"
UNIT = _alt("second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month", "quarter",
            "year", "decade", "centur(?:y|ie)", "millenni(?:um|a)", "semester", "season")  # fmt: skip
PART_OF_DAY = _alt("morning", "afternoon", "evening", "night")
DAY_MOD = _alt("early", "late", "earlier", "later", r"mid-?", "overnight")
PERIOD_MOD = _alt(
    "early", "late", r"mid-?", "earlier", "later", r"the\s+end\s+of", r"the\s+start\s+of", r"the\s+beginning\s+of",
    r"the\s+middle\s+of", r"the\s+rest\s+of", r"the\s+remainder\s+of", r"the\s+close\s+of", r"the\s+turn\s+of",
    r"the\s+first\s+half\s+of", r"the\s+second\s+half\s+of", r"the\s+early\s+part\s+of", r"the\s+latter\s+part\s+of",
)  # fmt: skip
REL = _alt("this", "last", "next", "past", "coming", "previous", "current", "following", "prior", "same",
           "that", "latest", "recent", "upcoming", r"the\s+past", r"the\s+last", r"the\s+next", r"the\s+coming",
           r"the\s+previous", r"the\s+current", r"the\s+following", r"the\s+prior", r"the\s+same", r"the\s+latest",
           r"the\s+most\s+recent", r"the\s+present", r"the\s+preceding", r"this\s+past", r"this\s+coming")  # fmt: skip
QUANT = rf"(?P<num>{NUMBER_RE}|several|a\s+few|few|many|some|numerous|a\s+couple\s+of|a\s+half|half\s+an?)"
APPROX = (
    r"(?:(?P<approx>about|nearly|almost|around|roughly|approximately|some|more\s+than|less\s+than|fewer\s+than|"
    r"no\s+more\s+than|at\s+least|at\s+most|up\s+to|upwards\s+of|close\s+to|well\s+over|just\s+over)\s+)?"
)
WEEKDAY_OPT = rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?"
YEAR_REL = r"(?:,?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)"
SPOKEN_YEAR = (
    r"(?:nineteen[\s-](?:ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty|hundred)(?:[\s-](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten))?)"
)
# "the year ended Sept. 30": a fiscal year, which TimeML reads as a duration.
ENDED = r"(?=\s+end(?:ed|ing)\b)"

_RAW: dict[str, str] = {
    "iso": r"\b(?P<year>(?:1[0-9]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b",
    "slash": r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])",
    "mdy": rf"\b{WEEKDAY_OPT}(?P<month>{MONTH_ANY})\s*{DAY},?\s+{YEAR}",
    "dmy": rf"\b{WEEKDAY_OPT}(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<month>{MONTH_ANY}),?\s+{YEAR}",
    "md": rf"\b{WEEKDAY_OPT}(?:(?P<mod>{DAY_MOD})\s+)?(?P<month>{MONTH_ANY})\s*{DAY}(?!\w){YEAR_REL}?",
    "dm": rf"\b{WEEKDAY_OPT}(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<month>{MONTH_FULL})(?!\w){YEAR_REL}?",
    "my": rf"\b(?:(?P<mod>{PERIOD_MOD})\s*)?(?P<month>{MONTH_FULL}),?\s+(?:of\s+)?(?:{YEAR}|{SHORT_YEAR}|"
    rf"(?P<spoken>{SPOKEN_YEAR}))",
    "month": rf"\b(?:(?P<mod>{PERIOD_MOD})\s*)?(?:(?P<rel>{REL})\s+)?(?P<month>{MONTH_FULL})(?!\w)(?!\s*\d){YEAR_REL}?",
    "weekday": rf"\b(?:(?P<rel>{REL})\s+)?(?P<weekday>{WEEKDAY})(?!\w)"
    rf"(?:\s+(?P<pod>{PART_OF_DAY}|night)s?)?(?:,?\s+(?P<month>{MONTH_ANY})\s*{DAY})?",
    "clock": rf"\b(?:(?P<around>around|about|at\s+about"
    rf"|approximately)\s+)?(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?"
    rf"\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|o'clock)(?:\s+(?P<tz>[A-Z]{{2,3}}T|GMT|UTC)\b)?"
    rf"(?:,?\s+(?P<when>today|yesterday|tomorrow|tonight|{WEEKDAY}|(?P<month>{MONTH_ANY})\s*{DAY}))?",
    "clock24": r"\b(?P<hour>[01]\d|2[0-3])[:.]?(?P<minute>[0-5]\d)\s*(?P<tz>(?-i:GMT|UTC|[A-Z]{2,3}T))\b"
    r"|\b(?:at|by|until|before|after)\s+(?P<t>(?P<hour2>[01]?\d|2[0-3]):(?P<minute2>[0-5]\d)"
    r"(?![\d:.,]\d)(?!\s*(?:[ap]\.?\s?m\b|o'clock|(?-i:GMT|UTC|[A-Z]{2,3}T)\b))(?:\s+local\s+time\b)?)",
    "noon": rf"\b(?:(?P<around>around|about)\s+)?(?P<word>noon|midnight|midday)(?:\s+(?P<when>today|yesterday|tomorrow"
    rf"|{WEEKDAY}))?",
    "deictic": rf"\b(?:(?P<mod>{DAY_MOD})\s+)?(?P<word>today|yesterday|tomorrow|tonight)(?!\w)"
    rf"(?:\s+(?P<pod>{PART_OF_DAY}))?",
    "day_part": rf"\b(?:(?P<mod>{DAY_MOD})\s+)?(?P<rel>this|last|tomorrow|yesterday|that"
    rf"|the\s+same)\s+(?P<pod>{PART_OF_DAY})\b"
    rf"|\b(?P<mid>mid-?\s?(?:morning|afternoon|day))(?:\s+(?P<when>today|yesterday|tomorrow|{WEEKDAY}))?\b"
    r"|\b(?P<over>overnight)\b",
    "ref_day": r"\b(?P<t>the\s+(?P<which>next|following|previous|same|prior|preceding)\s+(?P<unit>day|night|morning"
    r"|evening|"
    r"week|month|year)|(?:(?:earlier|later)\s+)?that\s+(?P<that>day|night|morning|week|month|year)"
    r"|the\s+(?P<unit2>day|week|month|year|night)\s+"
    r"(?P<dir>before|after|earlier|later)(?:\s+yesterday)?(?=\s*[,.;:)'\"]|\s*$|\s+(?:and|but|when|as|in|at|on)\b)"
    r"|the\s+(?P<unit3>day)(?=\s+(?:before|after)\s+(?:the|a|an|his|her|its|their)\s))",
    "rel_unit": rf"\b(?:(?P<mod>{PERIOD_MOD}|some\s?time)\s+)?(?P<rel>{REL})\s+(?:(?P<fiscal>fiscal|calendar|financial|"
    rf"school)\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century|half|spring|summer|fall|autumn|winter)(?!\w)"
    r"(?!-)(?:\s+or\s+so\b)?",
    "ago": rf"\b{APPROX}{QUANT}(?:\s+(?P<and>and\s+a\s+half))?[\s-]+(?P<unit>{UNIT})s?(?:\s+or\s+so)?\s+"
    r"(?P<dir>ago|earlier|from\s+now|hence|back)\b",
    "year_ago": r"\b(?P<rel>year|quarter|month|week)-(?P<dir>earlier|ago|before|previous|later)\b",
    # "the corresponding period last year", "the quarter a year ago", "last year's quarter": the period a year back.
    "period_year_back": r"\b(?:(?:the\s+)?(?:(?:same|corresponding|comparable)\s+)?(?P<unit>period|quarter)\s+"
    r"(?:last\s+year|a\s+year\s+(?:ago|earlier))|last\s+year's\s+(?:(?P<ord>first|second|third|fourth)\s+)?"
    r"(?P<unit2>quarter|period))\b",
    "year_ago_np": r"\b(?P<the>the\s+)(?P<rel>year|quarter|month|week)-(?P<dir>earlier|ago|before|previous|later)\s+"
    r"(?P<noun>period|quarter|year|month|week|nine\s+months|six\s+months|three\s+months|first\s+half|half)\b",
    "set": rf"\b(?P<every>every|each|per|a|an|twice\s+a|once\s+a"
    rf"|three\s+times\s+a)\s+(?:other\s+)?(?:(?P<num>{NUMBER_RE})"
    rf"\s+)?(?P<unit>{UNIT}|{WEEKDAY}|{MONTH_FULL}|morning|afternoon|evening|spring|summer|autumn|fall|winter)s?\b",
    "set_adverb": r"\b(?P<word>annually|yearly|daily|weekly|monthly|hourly|nightly|quarterly|biannually|biweekly)\b",
    "duration": rf"\b(?:(?P<pre>(?:the\s+)?(?:past|last|next|first|previous|coming|final|remaining|following|latest|"
    rf"initial|recent|same|other|prior)|the|another|an\s+additional"
    rf"|an\s+extra)\s+)?{APPROX}{QUANT}(?:\s+(?:to|or)\s+(?P<upper>{NUMBER_RE}))?(?:[\s-]+(?P<and>and\s+a"
    rf"\s+half))?(?:[\s-]+(?P<more>more|additional|straight|consecutive|full|long|trading|business))?[\s-]+(?P<unit>"
    rf"{UNIT})s?(?P<adj>-long)?(?:\s+(?P<half2>and\s+a\s+half))?(?P<orso>\s+or\s+(?:so|more|longer|two|less))?"
    r"(?![\w-])(?!\s+old\b)",
    "duration_adj": rf"\b{QUANT}-(?P<unit>{UNIT})(?:-long)?(?=\s+[a-z])",
    "fiscal_year": rf"\b(?P<t>the\s+(?:(?:fiscal|financial|calendar|latest|full)\s+)?(?P<unit>year|quarter|month|"
    rf"(?P<num>six|nine|three|twelve|\d+)\s+months|(?P<num2>\d+|\w+)\s+weeks|week|period)){ENDED}",
    "bare_unit": r"\b(?P<lead>for|in|over|within|during|take|took|takes|taking|after|lasted|last|spend|spent)\s+"
    r"(?P<t>(?P<unit>years|months|weeks|decades|days|hours|minutes|centuries))\b",
    # "over the years", "in the weeks ahead", "the first hours of the war": a vague stretch of time (PXY).
    "the_units": r"\b(?P<lead>over|through|across|during|throughout|in|for)\s+"
    r"(?P<t>the\s+(?:(?P<mod>early|final|first|last|intervening|ensuing)\s+)?"
    r"(?P<unit>years|decades|centuries|months|weeks|days|hours)(?P<ahead>\s+(?:ahead|to\s+come))?)\b"
    rf"(?=(?P<of>\s+of\s+(?P<date>(?:{WEEKDAY}|{MONTH_ANY}|today|yesterday|tomorrow|\d)(?!\w))?)?)",
    # "It's the second day of the offensive", "the strike entered its third day": the day of the writing (or the
    # day last mentioned, after a past verb).
    "nth_day": rf"\b(?P<lead>is|'s|was|enters|entered|entering|marks|marked|in)\s+(?P<t>(?:the|its|their)\s+"
    rf"(?P<ord>{ORDINAL})\s+(?:straight\s+|consecutive\s+|full\s+)?day)\b(?!-)",
    "recent_units": r"\b(?P<t>(?P<rel>recent|past|coming|next|last|previous)\s+"
    r"(?P<unit>years|months|weeks|days|decades))\b",
    "decade": r"\b(?:the\s+)?(?:(?P<mod>early|mid|late|mid-)[\s-]*)?(?:(?P<dec>(?:1[0-9]|20)\d0)'?s|'(?P<d2>\d0)'?s"
    r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    "century": rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late|mid-)[\s-]*)?(?P<ord>{ORDINAL})[\s-]+century\b",
    "year": rf"\b(?:(?P<pre>{PERIOD_MOD}|fiscal|calendar|FY|the\s+year|the\s+fiscal\s+year|the\s+"
    rf"(?:calendar|financial|school)\s+year|model\s+year)[\s-]*)?{YEAR}(?P<poss>'s)?",
    "year_period": rf"\bthe\s+{YEAR}\s+(?P<noun>period|quarter|fiscal\s+year|calendar\s+year|season)\b",
    "spoken_year": rf"\b(?:the\s+year\s+)?(?P<spoken>{SPOKEN_YEAR})\b",
    "quarter": rf"\b(?:(?P<the0>the)\s+)?(?:(?P<yr0>(?P<year0>(?:1[0-9]|20)\d\d)|this\s+year|last\s+year|next\s+year)"
    r"(?:'s)?\s+)?(?:(?P<the>the|a)\s+)?(?:(?P<rel>latest|current|previous|past|last|recent|most\s+recent|same|"
    r"year-earlier|year-ago|comparable|prior|prior-year|next|coming|first|second|third|fourth|1st|2nd|3rd|4th|final|"
    r"fiscal|calendar|june|march|september|december)\s+)*(?P<unit>quarter|"
    r"half|period)(?P<plural>s)?(?:\s+(?:of|in|for)\s+(?:(?P<fy>fiscal|calendar)\s+)?(?:"
    rf"{YEAR}|(?P<yrel>this|last|next|the\s+previous|the\s+current)\s+year))?(?!\w)(?!-\w)",
    "quarter_adj": r"\b(?:(?P<fiscal>fiscal)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd"
    r"|4th)-(?P<unit>quarter|"
    r"half)\b",
    "fin_period": r"\b(?P<t>the\s+(?P<rel>latest|current|previous|same|comparable|prior|fiscal|full|calendar|year-"
    r"earlier|year-ago|whole|entire)\s+(?:fiscal\s+)?(?P<unit>year|period|month|week))\b",
    "season": rf"\b(?:the\s+)?(?:(?P<mod>{PERIOD_MOD})\s+)?(?:(?P<rel>{REL})\s+)?(?P<the>the\s+)?(?P<season>spring"
    rf"|summer|"
    rf"autumn|fall|winter)(?P<plural>s)?(?!\w)(?:\s+(?:of\s+)?(?:{YEAR}|(?P<spoken>{SPOKEN_YEAR})))?",
    "year_end": r"\b(?P<t>(?:the\s+)?(?P<rel>year|month|quarter)(?:-|\s+|'s\s+)end)\b",
    "in_the_unit": r"\b(?:(?P<mod>earlier|later|early|late)\s+in|the\s+(?:end|start|beginning|middle|rest|remainder"
    r"|close"
    r"|balance)\s+of)\s+the\s+(?P<unit>year|month|week|day)\b(?!-)",
    "the_unit": r"(?:(?<=\bfor\s)|(?<=\bfrom\s)|(?<=\bof\s)|(?<=\bin\s))(?P<t>the\s+(?P<unit>year|month|week"
    r"|day))\b(?!\s+(?:before|after|ahead|that|"
    r"when|of|in|to|and|or|ended|ending|earlier|ago|'s)\b)(?![-'])",
    "holiday": rf"\b(?:(?P<rel>last|next|this|this\s+past"
    rf"|this\s+coming)\s+)?(?P<name>{HOLIDAY_RE})(?!\w)(?:,?\s+{YEAR})?",
    "ref": r"\b(?P<word>now|currently|current|nowadays|presently|at\s+present|these\s+days|recently(?!\s+as\b)"
    rf"|lately|formerly|the\s+past(?!\s+(?:{NUMBER_RE}|several|few|many)\s)|the\s+future|(?<!as\s)soon(?!\s+as\b)(?!\s+after\b)|the\s+present|the\s+near\s+future|the\s+distant\s+"
    r"future|the\s+foreseeable\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term"
    r"|(?<=\bat\s)the\s+time)\b",
    "weekday_plural": rf"\b(?P<weekday>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"
    rf"(?:\s+(?P<pod>{PART_OF_DAY})s?)?\b",
    "weekend": r"\b(?P<t>(?:(?P<rel>this|last|next|the\s+past|the\s+coming|that|the)\s+)weekend)\b",
    "week_of": rf"\b(?:the\s+)?week\s+of\s+(?P<month>{MONTH_ANY})\s*{DAY}(?!\w)(?:,?\s+{YEAR})?",
    # "April 24 and 25": the second day is a date of its own (the first is read by "md").
    "md_second_day": rf"\b(?P<month>{MONTH_ANY})\s*(?P<first>[12]?\d|3[01])\s+(?:and|or)\s+"
    rf"(?P<t>(?P<day>[12]\d|3[01]|0?[1-9]))(?![\d:.,]\d|\s*%)(?!\w)(?:,?\s+{YEAR})?",
    # "on 3 and 4 March": the first day is a date of its own (the second is read by "dm").
    "dm_first_day": r"\b(?P<t>(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s+(?:and|or)\s+"
    rf"(?P<second>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_FULL})(?!\w)(?:,?\s+{YEAR})?",
}  # fmt: skip

# Guarded (see ``firstchar``): the same matches, found in about half the time.
PATTERNS: dict[str, re.Pattern[str]] = {name: guarded(re.compile(rx, re.IGNORECASE)) for name, rx in _RAW.items()}

# Tie-break for candidates of the same length: earlier in this order wins.
PRIORITY: dict[str, int] = {name: rank for rank, name in enumerate(_RAW)}
