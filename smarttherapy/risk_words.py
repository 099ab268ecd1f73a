"""This site's words for a search that may come from someone at risk of harming themselves.

Handed to the site search by the setting SEARCH_RISK_WORDS (search/care.py matches them, also
misspelled: an edit or two, a missing space, two letters swapped). Err on the side of
showing the crisis box: it costs a visitor nothing. Whole phrases are read as plain lower-case
words, apostrophes dropped and hyphens read as spaces ("don't self-harm" -> "dont self harm").
"""

# Any word beginning with one of these (or with one letter off) counts.
STEMS = (
    "suicid",  # suicide, suicidal, suicidality
    "sucid",
    "suisid",
    "suiced",
    "overdos",  # overdose, overdosed, overdosing
    "selfharm",
)

PHRASES = (
    # Suicide, in people's own words.
    "kill myself",
    "killing myself",
    "kill me",
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
    "want to be dead",
    "going to die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "dont want to live",
    "dont want to be alive",
    "do not want to live",
    "dont want to exist",
    "no reason to live",
    "nothing to live for",
    "no point living",
    "no point in living",
    "not want to be here",
    "dont want to be here",
    "cant go on",
    "cannot go on",
    "hang myself",
    "jump off a bridge",
    "jump in front of a train",
    # Self-harm.
    "self harm",
    "self harming",
    "self injury",
    "self injuring",
    "self mutilation",
    "harm myself",
    "harming myself",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "cutting my arms",
    "cutting my wrists",
    "cut my wrists",
    "burn myself",
    "burning myself",
    "od",
    "took too many pills",
    "take too many pills",
    "taking too many pills",
)

# Everyday words a letter away from a risk word: never read as its misspelling (typed exactly,
# inside a risk phrase, they still count).
ORDINARY = (
    "overdo",
    "overdoing",
    "overdone",
    "overdid",
    "suited",
    "putting",
    "skill",
    "skilling",
    "harmony",
    "selfish",
    "care",
    "hate",
    "help",
)
