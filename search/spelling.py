"""Typo tolerance on both engines: words that matched nothing, corrected from the index's own
vocabulary.

The candidates are the words of the names of visible approaches, concerns and topics (and the
site's vocabulary, search/vocabulary.py), found by engine.names(); people's names only when the
query looks like a name: another of its words is part of a person's name ("Amelia Hrt"), or a
word is typed with a capital ("Hrt"), or the whole query is close to one ("Amelai Hratt").
So "self harn" is never corrected to a therapist's surname. The service then searches again
with the corrections and keeps them only when they lead to results.
"""

import difflib
import re

_WORD = re.compile(r"[^\W_]+")

WHOLE_CUTOFF = 0.75
WORD_CUTOFF = 0.75


def _words(titles):
    return sorted({word for title in titles for word in _WORD.findall(title.casefold())})


def corrections(text, plan, unmatched, names, extra_words=()):
    """{typed word: correction} for the words of `unmatched` groups, or {}.

    `names` are (title, is_person) pairs; `extra_words` more words to correct to."""
    terms = [title for title, person in names if not person]
    people = [title for title, person in names if person]
    term_words = sorted(set(_words(terms)) | set(extra_words))
    person_words = _words(people)
    typed_words = [word for group in plan.groups for word in group.typed]
    wanted = {word for group in unmatched if group.correctable for word in group.typed}
    if not wanted:
        return {}

    found = {}
    whole = " ".join(typed_words)
    close = difflib.get_close_matches(
        whole, [" ".join(_WORD.findall(p.casefold())) for p in people], n=1, cutoff=WHOLE_CUTOFF
    )
    if close and len(close[0].split()) == len(typed_words):
        found = {
            typed: meant
            for typed, meant in zip(typed_words, close[0].split(), strict=True)
            if typed in wanted and typed != meant
        }
        if found:
            return found

    capitalised = {word.casefold() for word in _WORD.findall(text) if word[:1].isupper()}
    name_like = bool(set(typed_words) & set(person_words) or capitalised & wanted)
    for word in sorted(wanted):
        if word in term_words or (name_like and word in person_words):
            continue
        candidates = difflib.get_close_matches(word, term_words, n=1, cutoff=WORD_CUTOFF)
        if not candidates and name_like:
            candidates = difflib.get_close_matches(word, person_words, n=1, cutoff=WORD_CUTOFF)
        if candidates and candidates[0] != word:
            found[word] = candidates[0]
    return found
