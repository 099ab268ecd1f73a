"""Searches that suggest someone may be at risk: the results page shows the crisis box first.

The words are the site's (the setting SEARCH_RISK_WORDS names a module with PHRASES, STEMS and
ORDINARY, see smarttherapy/risk_words.py); this module only matches them. A query matches when,
read as lower-case words (punctuation and apostrophes dropped, "self-harm" read as "self harm"):

- it contains one of PHRASES as whole words, or a word beginning with one of STEMS;
- or it does so with close misspellings: each word of a phrase an edit away ("kil myslef":
  an edit is a letter added, dropped, changed, or two letters swapped; two edits for words of
  eight letters or more, none for words of three or fewer), a space missing or too many
  ("killmyself", "over dose", "iwanttodie"), or a word beginning one edit away from a stem
  ("sucidal"). A word in ORDINARY is never taken for a misspelling ("overdone").

Err on the side of showing the box: it costs a visitor nothing.
"""

import functools
import importlib
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NOT_LETTERS = re.compile(r"[^\w]+|_")


def words_of(text):
    """The text as plain lower-case words: 'Don't self-harm!' -> 'dont self harm'."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


def edits(a, b, limit):
    """The number of edits from `a` to `b` (a letter added, dropped or changed, two neighbours
    swapped), or limit + 1 when it is more than `limit` (stops early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1] if row[-1] <= limit else limit + 1


def word_tolerance(word):
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def joined_tolerance(joined):
    return 0 if len(joined) <= 4 else 1 if len(joined) <= 9 else 2


@dataclass
class RiskWords:
    phrases: tuple
    stems: tuple
    ordinary: frozenset

    @classmethod
    def from_module(cls, module):
        return cls(
            phrases=tuple(tuple(words_of(p).split()) for p in module.PHRASES if words_of(p)),
            stems=tuple(words_of(s) for s in module.STEMS if words_of(s)),
            ordinary=frozenset(words_of(w) for w in getattr(module, "ORDINARY", ())),
        )

    @functools.cached_property
    def exact(self):
        patterns = [rf"\b{re.escape(' '.join(p))}\b" for p in self.phrases]
        patterns += [rf"\b{re.escape(s)}" for s in self.stems]
        return re.compile("|".join(patterns) or r"(?!)")

    def matches(self, words):
        if not words:
            return False
        if self.exact.search(" ".join(words)):
            return True
        # A stem's word typed in two: "over dose", "sui cide".
        pairs = [
            a + b
            for a, b in zip(words, words[1:], strict=False)
            if a not in self.ordinary and b not in self.ordinary
        ]
        return any(self._phrase_near(words, p) for p in self.phrases) or any(
            self._stem_near(word) for word in (*words, *pairs)
        )

    def _word_near(self, typed, wanted, long_phrase=False):
        if typed == wanted:
            return True
        if typed in self.ordinary:
            return False
        if len(wanted) == 3:
            # A dropped letter ("better of dead"), or in a phrase of three words or more a
            # changed one ("want to dye"); never an added one ("want to diet").
            allowed = len(typed) == 2 or (long_phrase and len(typed) == 3)
            return allowed and edits(typed, wanted, 1) == 1
        limit = word_tolerance(wanted)
        return edits(typed, wanted, limit) <= limit

    def _words_near(self, window, phrase, limit):
        if len(window) != len(phrase):
            return False
        pairs = list(zip(window, phrase, strict=True))
        long_phrase = len(phrase) >= 3
        if not all(self._word_near(typed, wanted, long_phrase) for typed, wanted in pairs):
            return False
        return sum(edits(typed, wanted, 2) for typed, wanted in pairs) <= max(1, limit)

    def _phrase_near(self, words, phrase):
        size, joined = len(phrase), "".join(phrase)
        limit = joined_tolerance(joined)
        for start in range(len(words)):
            window = words[start : start + size]
            # Word by word: "kil myslef".
            if size > 1 and self._words_near(window, phrase, limit):
                return True
            # A space missing or one too many: "killmyself", "over dose", "iwanttodie".
            for count in sorted({1, size - 1, size + 1} - {size}):
                window = words[start : start + count]
                if count < 1 or len(window) != count:
                    continue
                typed = "".join(window)
                if count == 1 and typed in self.ordinary:
                    continue
                if edits(typed, joined, limit) <= limit:
                    return True
                # One word holding the whole phrase and more: "iwanttokillmyself".
                if count == 1 and len(joined) >= 8 and joined in typed:
                    return True
        return False

    def _stem_near(self, word):
        if word in self.ordinary:
            return False
        for stem in self.stems:
            if len(stem) < 6 or len(word) < len(stem) - 1:
                continue
            size = len(stem)
            if any(edits(word[:n], stem, 1) <= 1 for n in (size - 1, size, size + 1)):
                return True
        return False


@functools.cache
def _risk_words(module_path):
    return RiskWords.from_module(importlib.import_module(module_path))


def risk_words():
    """The site's RiskWords, from the module named by settings.SEARCH_RISK_WORDS."""
    return _risk_words(settings.SEARCH_RISK_WORDS)


def suggests_risk(*texts):
    """True if a search for any of `texts` (what was typed, and any corrected or expanded form
    of it) may come from someone at risk of harming themselves."""
    words = risk_words()
    return any(words.matches(words_of(text).split()) for text in texts if text)
