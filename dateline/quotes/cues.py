"""Speech cues: the verbs, nouns and phrases that introduce what somebody said.

Hand-written lexicon (no maintained English list of reporting verbs ships with spaCy or its plug-ins); the
lemmas come from the usual reporting-verb classes (VerbNet say-37.7, tell-37.2, complain-37.8, PARC 3.0
cue lists) and were checked against the cues of the PolNeAR train split. Known limit: English only.
"""

from __future__ import annotations

from spacy.tokens import Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string (easier to read and edit than a list)."""
    return frozenset(words.split())


# Verbs of saying, writing and announcing (lemmas). Checked against PolNeAR train cues; re-run
# `dateline eval quotes .../dev` after a change.
SPEECH_VERBS: frozenset[str] = lexicon(
    """
    say tell add state claim argue announce explain note write tweet post report reply respond
    answer ask insist declare warn promise vow pledge admit acknowledge concede deny confirm reveal
    predict recall suggest urge complain joke boast contend assert maintain remark comment observe
    mention conclude repeat reiterate emphasize emphasise stress testify allege charge counter
    retort quip lament shout scream whisper muse wonder recount caution assure inform disclose
    proclaim estimate speculate question demand propose recommend continue describe call accuse
    criticize criticise praise blame threaten affirm advise brag concur clarify dispute interject
    posit protest rebut reckon reassure snap stipulate swear sigh thunder underscore underline
    admonish agree disagree counsel hint imply indicate opine point tout speak talk cite demur chant
    yell cry exclaim vent plead read blast slam bemoan decry lambaste mock ridicule scoff sing label
    defend
    """
)

# Nouns that head a speech act: "in a statement", "his remarks that ...", "the claim that ...".
SPEECH_NOUNS: frozenset[str] = lexicon(
    """
    statement remark comment claim announcement interview speech tweet testimony assertion argument
    warning promise pledge admission allegation accusation suggestion insistence message declaration
    charge contention complaint prediction report word
    """
)

# Pronouns a speaker may be given as; resolved to a named mention of the article.
PERSONAL_PRONOUNS: frozenset[str] = frozenset(
    ["he", "she", "him", "her", "his", "hers", "i", "me", "we", "us", "they", "them", "who", "it"]
)
MALE_PRONOUNS: frozenset[str] = frozenset(["he", "him", "his", "himself"])
FEMALE_PRONOUNS: frozenset[str] = frozenset(["she", "her", "hers", "herself"])
PLURAL_PRONOUNS: frozenset[str] = frozenset(["they", "them", "their", "we", "us"])

# Double quote marks (straight, curly, low-9, guillemets, primes used as quotes by some feeds).
OPEN_QUOTES = "“„«‟"
CLOSE_QUOTES = "”»"
AMBIGUOUS_QUOTES = '"″'
DOUBLE_QUOTES = OPEN_QUOTES + CLOSE_QUOTES + AMBIGUOUS_QUOTES


def is_speech_verb(token: Token) -> bool:
    """True for a verb of saying (any tense), e.g. the token "said" or "telling".

    Args:
        token: a parsed token.

    Returns:
        Whether its lemma is a speech verb and it is used as a verb.
    """
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        return False
    return token.lemma_.lower() in SPEECH_VERBS


def has_quote_mark(text: str) -> bool:
    """True when ``text`` holds a double quote mark (straight, curly, or two apostrophes '')."""
    return "''" in text or any(ch in DOUBLE_QUOTES for ch in text)
