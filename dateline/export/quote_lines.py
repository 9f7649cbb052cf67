"""How a quote reads outside its article: verbatim words in quote marks, reported speech without them.

Only a direct quote is the speaker's exact words. Indirect and partial quotes are the writer's report
("Officials said that the flow had fallen", with quoted fragments inside), so they are shown as a
reported sentence, never inside quote marks of their own.
"""

from __future__ import annotations

from dateline.records import Quote

UNKNOWN_SPEAKER = "unknown speaker"


def speaker_label(quote: Quote) -> str:
    """The canonical speaker, else the speaker as written, else "unknown speaker"."""
    return quote.speaker or quote.speaker_text or UNKNOWN_SPEAKER


def is_verbatim(quote: Quote) -> bool:
    """True for a quote that is the speaker's exact words (shown in quote marks)."""
    return quote.kind == "direct"


def quote_words(quote: Quote) -> str:
    """The quote's text on one line (a quote running over paragraphs keeps its words, not its breaks)."""
    return " ".join(quote.text.split())


def reported_sentence(quote: Quote) -> str:
    """Reported speech as one sentence: "Officials said that ...", "..., according to Officials"."""
    speaker = quote.speaker or quote.speaker_text or "Someone"
    words = quote_words(quote).rstrip(" .,;")
    verb = (quote.verb or "said").strip()
    if verb.lower().startswith("according"):
        return f"{words[:1].upper()}{words[1:]}, according to {speaker}."
    return f"{speaker} {verb} {words}."
