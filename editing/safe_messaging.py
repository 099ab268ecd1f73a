"""Safe messaging about suicide and self-harm, after the Samaritans' media guidelines.

The terms that make an article "about" suicide or self-harm, and the phrases the guidelines ask
writers to avoid with a suggested wording, are listed here and nowhere else. The article and page editors
shows a panel built from them, and an article that mentions suicide or self-harm cannot be
published without its support box (the crisis numbers straight after the text).
"""

import re
from dataclasses import dataclass

# Words that mean the article touches on suicide or self-harm.
TERMS = [
    r"suicid\w*",
    r"self[- ]?harm\w*",
    r"self[- ]?injur\w*",
    r"kill(?:ed|ing|s)? (?:myself|yourself|himself|herself|themselves|themself)",
    r"(?:end|ended|ending|take|took|taking|taken) (?:my|your|his|her|their) own life",
    r"(?:end|ended|ending) (?:my|your|his|her|their) life",
    r"overdos\w*",
]
_TERMS = re.compile(r"\b(?:" + "|".join(TERMS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    pattern: str
    suggestion: str


# Phrases to avoid, each with what to write instead.
PHRASES = [
    Phrase(r"commit(?:s|ted|ting)? suicide", "“died by suicide” or “took their own life”"),
    Phrase(r"completed suicides?", "“died by suicide”"),
    Phrase(
        r"successful (?:suicide(?: attempt)?|attempt)",
        "“died by suicide” (a death is never a success)",
    ),
    Phrase(
        r"(?:failed|unsuccessful) (?:suicide )?attempts?",
        "“attempted suicide” or “survived a suicide attempt”",
    ),
    Phrase(r"suicide bids?", "“suicide attempt”"),
    Phrase(r"suicide victims?", "“person who died by suicide”"),
    Phrase(r"(?:suicide )?epidemic", "“a rise in” or “an increase in the rate of suicide”"),
    Phrase(
        r"(?:suicide )?hot ?spots?",
        "leave the place unnamed: naming a location can lead others to it",
    ),
    Phrase(r"cry for help", "“a sign of distress” (a need to be taken seriously)"),
    Phrase(r"attention[- ]seeking", "“a way of coping with distress”"),
    Phrase(r"self[- ]mutilat\w*", "“self-harm”"),
    Phrase(
        r"(?:quick|painless|easy) (?:and (?:quick|painless|easy) )?(?:death|way out|method)",
        "leave it out: never describe a method as quick, easy or painless",
    ),
]
_PHRASES = [(re.compile(r"\b" + p.pattern + r"\b", re.IGNORECASE), p) for p in PHRASES]

REMINDERS = [
    "Do not describe methods or give details of how someone died or harmed themselves.",
    "Do not name or describe places where people have taken their own lives.",
    "Avoid presenting suicide as a solution, or as caused by a single event.",
    "Tell readers where to find help: switch on the support box.",
]


def mentions_suicide_or_self_harm(text):
    return bool(_TERMS.search(text or ""))


def phrases_to_avoid(text):
    """[(the words as written, the suggested wording)] in the order they first appear; each
    wording once."""
    found = {}
    for pattern, phrase in _PHRASES:
        for match in pattern.finditer(text or ""):
            words = match.group(0)
            found.setdefault(words.lower(), (match.start(), words, phrase.suggestion))
    return [(words, suggestion) for _, words, suggestion in sorted(found.values())]
