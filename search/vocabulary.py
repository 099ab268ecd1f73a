"""The words a visitor may use for what the site offers, applied to every search at query time.

The site keeps its vocabulary in a text file named by the setting SEARCH_VOCABULARY (this
site's: smarttherapy/search_vocabulary.txt). Each line is one entry:

    counselling, counseling, therapy             # the same thing: a search for any finds all
    bereavement, losing someone > grief, loss    # one way: the left finds the right too

Words and phrases are read as plain lower-case words ("Person-centred" -> "person centred"); a
trailing "s" is ignored when looking them up ("panic attacks" finds the entry "panic attack").
Lines starting with "#" are comments. The file is read again when it changes.

STOP_WORDS never decide a result: "a therapist who speaks polish" looks for therapist,
speaks and polish.
"""

import difflib
import functools
from pathlib import Path

from django.conf import settings

from search.care import words_of

_STOP_WORDS = """
    a an the and or of to in on at by for from with without into about as is are was were be
    been being am do does did doing have has had having i im ive id me my mine myself we us our
    you your yours he him his she her hers they them their it its this that these those there
    here what which who whom whose when where why how can could would should will shall may
    might must not no nor so than too very just also any some all each every more most other
    such only own same both either if then else because while until up down out over under
    again further once get got getting need needs needed want wants wanted looking look find
    finding someone somebody anyone anybody something anything help please near nearby local
    best good really like feel feels felt
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
LONGEST = 4  # words in the longest entry looked up
CLOSE_CUTOFF = 0.85  # how alike a misspelled word and a vocabulary word must be (difflib)


def key_of(words):
    """The lookup key of a word sequence: its last word without a trailing 's'."""
    words = tuple(words)
    if not words:
        return words
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return (*words[:-1], last)


class Vocabulary:
    def __init__(self, text=""):
        self.entries = {}  # key -> set of word tuples it also looks for
        self.words = set()  # every word of every entry (for spelling corrections)
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            left, arrow, right = line.partition(">")
            sources = self._terms(left)
            targets = self._terms(right) if arrow else sources
            for source in sources:
                also = self.entries.setdefault(key_of(source), set())
                also.update(target for target in targets if target != source)
            for term in sources + targets:
                self.words.update(term)

    @staticmethod
    def _terms(text):
        return [tuple(plain.split()) for part in text.split(",") if (plain := words_of(part))]

    def also(self, words):
        """The terms (word tuples) a search for `words` also looks for, in a stable order."""
        return sorted(self.entries.get(key_of(words), ()))

    def known(self, words):
        return key_of(words) in self.entries

    def closest(self, word):
        """The vocabulary's word a longer typed word misspells ("bereavment" -> "bereavement"),
        or None: its entry then applies as if the word were spelled right."""
        if len(word) < 5 or (word,) in self.entries:
            return None
        close = difflib.get_close_matches(word, self._single, n=1, cutoff=CLOSE_CUTOFF)
        return close[0] if close else None

    @functools.cached_property
    def _single(self):
        return sorted(key[0] for key in self.entries if len(key) == 1)


@functools.cache
def _load(path, modified):
    return Vocabulary(Path(path).read_text(encoding="utf-8"))


def vocabulary():
    """The site's Vocabulary (empty when SEARCH_VOCABULARY names no file)."""
    path = getattr(settings, "SEARCH_VOCABULARY", "")
    if not path:
        return Vocabulary()
    try:
        modified = Path(path).stat().st_mtime_ns
    except OSError:
        return Vocabulary()
    return _load(str(path), modified)
