"""What the engines look for: a parsed query turned into groups of alternatives.

Each meaningful word (or quoted phrase, or run of words the vocabulary knows, like "low mood")
is one *group*; a group matches an entry when any of its alternatives does: the words as typed
(a word also finds longer words it begins), or what the vocabulary says they also mean
("bereavement" -> "grief", "loss"), as whole words: a prefix of a common word ("therapy*")
costs FTS5 a read of every word it begins, and the vocabulary lists the forms it means.
Results are ranked by how many groups an entry matches, then by how strongly (field weights),
so "my GP suggested counselling" finds the pages about counselling even though no page says
"suggested". Stop words never make a group, unless the query has nothing else. `-word` and
`-"a phrase"` leave entries out, whatever else they match.
"""

from dataclasses import dataclass, field
from functools import cached_property

from search.vocabulary import LONGEST, STOP_WORDS, vocabulary

MAX_GROUPS = 10  # words or phrases counted in a ranking; the rest are left out


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]
    prefix: bool = True  # the last word also finds longer words it begins

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class Group:
    typed: tuple[str, ...]  # the words as typed (folded)
    alternatives: list[Alternative]
    quoted: bool = False

    @property
    def correctable(self):
        """A typed word that a spelling correction may replace."""
        return not self.quoted and len(self.typed) == 1 and len(self.typed[0]) >= 3

    @property
    def text(self):
        return " ".join(self.typed)

    @cached_property
    def matching(self):
        """The alternatives the engines look for: those no other alternative of the group
        already finds. "talking therapy" adds nothing beside "therapy" but a phrase match,
        which both engines check word position by word position, in every entry with both
        words (on 10,000 items, 40% of a search's time). What was typed is always kept."""
        kept = []
        for index, alternative in enumerate(self.alternatives):
            others = self.alternatives[:index] + self.alternatives[index + 1 :]
            if index == 0 or not any(_finds_all_of(other, alternative) for other in others):
                kept.append(alternative)
        return kept


def _plain(word):
    """A word without its plural ending, so that "therapies" reads as "therapy" (both engines
    stem words; this only decides which alternative is redundant)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _finds_all_of(shorter, longer):
    """Whether every entry `longer` finds is found by `shorter`: its words are a run within
    the longer's (the last one may begin a word when `shorter` is a prefix), and it is shorter."""
    size = len(shorter.words)
    if size >= len(longer.words):
        return False
    short = [_plain(word) for word in shorter.words]
    for start in range(len(longer.words) - size + 1):
        run = [_plain(word) for word in longer.words[start : start + size]]
        if run[:-1] == short[:-1] and (
            run[-1] == short[-1] or (shorter.prefix and run[-1].startswith(short[-1]))
        ):
            return True
    return False


@dataclass
class Plan:
    groups: list[Group] = field(default_factory=list)
    excluded: list[Alternative] = field(default_factory=list)

    @property
    def searchable(self):
        return bool(self.groups)

    @property
    def text(self):
        return " ".join(group.text for group in self.groups)

    def expanded_texts(self):
        """What the vocabulary added, each alternative on its own: the forms the risk check
        reads as well as what was typed (and the plan's own text, once corrected)."""
        texts = []
        for group in self.groups:
            for alternative in group.alternatives:
                if alternative.words != group.typed and alternative.text not in texts:
                    texts.append(alternative.text)
        return texts

    def replaced(self, corrections):
        """A new Plan with the words in `corrections` ({typed: corrected}) replaced."""
        words = []
        for group in self.groups:
            if group.quoted:
                words.append(group)
            else:
                words.extend(corrections.get(word, word) for word in group.typed)
        return _build(words, self.excluded)


def plan(parsed):
    """The Plan of a ParsedQuery (search/query.py)."""
    items, excluded = [], []
    for alternative in parsed.alternatives:
        for term in alternative.terms:
            if term.negated:
                excluded.append(Alternative(term.words, prefix=not term.phrase))
            elif term.phrase:
                items.append(Group(term.words, [Alternative(term.words, prefix=False)], True))
            elif len(term.words) > 1:  # "self-esteem", "don't": one run of words
                items.append(term.words)
            else:
                items.append(term.words[0])
    meaningful = [
        item for item in items if not (isinstance(item, str) and item in STOP_WORDS)
    ] or items
    return _build(meaningful, excluded)


def _build(items, excluded):
    """Groups from items: a Group kept as it is, a tuple (a hyphenated run) or single words,
    runs of which the vocabulary may know ("low mood")."""
    known = vocabulary()
    groups, index = [], 0
    while index < len(items) and len(groups) < MAX_GROUPS:
        item = items[index]
        if isinstance(item, Group):
            groups.append(item)
            index += 1
            continue
        if isinstance(item, tuple):
            groups.append(_group(item, known))
            index += 1
            continue
        # The longest run of single words the vocabulary knows, from here.
        for size in range(LONGEST, 0, -1):
            run = items[index : index + size]
            single_words = len(run) == size and all(isinstance(word, str) for word in run)
            if single_words and (size == 1 or known.known(run)):
                groups.append(_group(tuple(run), known))
                index += size
                break
    return Plan(groups, list(excluded))


def _group(words, known):
    alternatives = [Alternative(words)]
    lookup = words
    if len(words) == 1 and not known.known(words) and (close := known.closest(words[0])):
        lookup = (close,)
        alternatives.append(Alternative(lookup))
    for also in known.also(lookup):
        if Alternative(also, prefix=False) not in alternatives:
            alternatives.append(Alternative(also, prefix=False))
    return Group(words, alternatives)
