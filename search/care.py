"""Searches that suggest someone may be at risk: the results page shows the crisis box first.

The one list of such terms. A query matches when, read as lower-case words (punctuation and
apostrophes dropped, "self-harm" read as "self harm"), it contains one of PHRASES as whole
words, or a word beginning with one of STEMS (which covers "suicidal", "overdosing" and common
misspellings). Err on the side of showing the box: it costs a visitor nothing.
"""

import re
import unicodedata

STEMS = (
    "suicid",  # suicide, suicidal, suicidality
    "sucid",
    "suicd",
    "suisid",
    "suiced",
    "overdos",  # overdose, overdosed, overdosing
    "selfharm",
    "slefharm",
)

PHRASES = (
    # Suicide, in people's own words.
    "kill myself",
    "killing myself",
    "kill my self",
    "kms",
    "end my life",
    "ending my life",
    "end it all",
    "ending it all",
    "take my own life",
    "taking my own life",
    "take my life",
    "want to die",
    "wanting to die",
    "wanna die",
    "going to die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "dont want to live",
    "dont want to be alive",
    "do not want to live",
    "no reason to live",
    "nothing to live for",
    "not want to be here",
    "dont want to be here",
    # Self-harm.
    "self harm",
    "self harming",
    "self injury",
    "harm myself",
    "harming myself",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "cutting",
    "od",
    "took too many pills",
    "take too many pills",
)

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NOT_LETTERS = re.compile(r"[^\w]+|_")


def words_of(text):
    """The text as plain lower-case words: 'Don't self-harm!' -> 'dont self harm'."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


_PHRASE_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in PHRASES) + r")\b")
_STEM_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in STEMS) + r")")


def suggests_risk(text):
    """True if a search for `text` may come from someone at risk of harming themselves."""
    plain = words_of(text)
    if not plain:
        return False
    return bool(_PHRASE_PATTERN.search(plain) or _STEM_PATTERN.search(plain))
