"""What a visitor typed, made safe and understood the same way by both engines.

`clean()` keeps at most MAX_LENGTH characters of printable text. `parse()` reads it like a web
search box: words (a word also finds longer words it begins: "mindful" finds "mindfulness"),
phrases in double quotes, `-word` or `-"a phrase"` to leave out, and `or` between
alternatives. Words are runs of letters and digits, so punctuation, operators of either
engine's query language (`*`, `:`, `NEAR(`, `&`, `!`...), `%` and `_` are never passed on as
syntax.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 200

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    phrase: bool = False  # typed in quotes: matched as typed, no prefix
    negated: bool = False


@dataclass
class Alternative:
    """Terms that must all match (or, if negated, not match)."""

    terms: list[Term] = field(default_factory=list)

    @property
    def required(self):
        return [term for term in self.terms if not term.negated]

    @property
    def excluded(self):
        return [term for term in self.terms if term.negated]


@dataclass
class ParsedQuery:
    text: str
    alternatives: list[Alternative]

    @property
    def searchable(self):
        """At least one alternative has a word to look for."""
        return any(alternative.required for alternative in self.alternatives)

    @property
    def has_exclusions(self):
        return any(alternative.excluded for alternative in self.alternatives)

    @property
    def plain_words(self):
        """The words to look for, without operators: for typo tolerance and suggestions."""
        return [
            word
            for alternative in self.alternatives
            for term in alternative.required
            for word in term.words
        ]


def clean(raw):
    """(text, was_cut): printable text, spaces collapsed, at most MAX_LENGTH characters.

    Control and format characters (NUL, direction marks, zero-width joiners) are dropped;
    compatibility forms are folded (full-width letters, ligatures).
    """
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(
        " " if char.isspace() else char for char in text if char.isprintable() or char.isspace()
    )
    text = " ".join(text.split())
    if len(text) <= MAX_LENGTH:
        return text, False
    cut = text[:MAX_LENGTH]
    # Cut at a space when there is one near the end, not in the middle of a word.
    if " " in cut[MAX_LENGTH - 30 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(), True


def parse(text):
    alternatives = [Alternative()]
    for match in _TOKEN.finditer(text):
        quoted_minus, quoted, bare = match.groups()
        if bare is not None:
            if bare.casefold() == "or":
                if alternatives[-1].terms:
                    alternatives.append(Alternative())
                continue
            negated = bare.startswith("-") and len(bare) > 1
            words = tuple(_WORD.findall(bare.casefold()))
            # "self-harm" or "don't" are one term: their words next to each other.
            term = Term(words, phrase=False, negated=negated)
        else:
            words = tuple(_WORD.findall(quoted.casefold()))
            term = Term(words, phrase=True, negated=bool(quoted_minus))
        if words:
            alternatives[-1].terms.append(term)
    alternatives = [alternative for alternative in alternatives if alternative.required]
    return ParsedQuery(text, alternatives)
