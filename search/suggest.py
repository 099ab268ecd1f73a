"""'Did you mean …?': the closest name to what was typed, by plain edit distance.

The names are those of visible approaches, concerns, topics and therapists (a few hundred), so
difflib over all of them is quick; it works the same on both engines.
"""

import difflib
import re

_WORD = re.compile(r"[^\W_]+")

WHOLE_CUTOFF = 0.75
WORD_CUTOFF = 0.75


def did_you_mean(text, names):
    """A suggestion for `text` among `names` (strings), or None."""
    typed = " ".join(text.casefold().split())
    if not typed or not names:
        return None
    by_folded = {}
    for name in names:
        by_folded.setdefault(" ".join(name.casefold().split()), name)
    whole = difflib.get_close_matches(typed, list(by_folded), n=1, cutoff=WHOLE_CUTOFF)
    if whole and whole[0] != typed:
        return by_folded[whole[0]]
    # Word by word: "mindfullness therapy" -> "mindfulness therapy"; a corrected word is
    # spelt as in the name it comes from ("okafr" -> "Okafor", not "okafor").
    spelling = {}
    for name in by_folded.values():
        for word in _WORD.findall(name):
            if len(word) > 2:
                spelling.setdefault(word.casefold(), word)
    vocabulary = sorted(spelling)
    corrected, changed = [], False
    for word in typed.split():
        if word in vocabulary or len(word) < 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=WORD_CUTOFF)
        if close:
            corrected.append(spelling[close[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
