"""Other stories built from gold ones: a copy of a set of articles re-written in a
vocabulary of its own, for measuring how grouping holds up as the pool of articles grows,
and for synthetic benchmark streams.

Every syllable but the ``keep`` most frequent of the set (the grammar words that make text
Vietnamese) is mapped to another syllable of the set by a permutation that is the same for
every article of one copy, and digits by a permutation of the ten (each permutation one
cycle, so nothing maps to itself): a copy's stories are as tight as the originals and share
their shape, while their names, topics and figures are other ones. The replacement keeps the
case of the word it replaces ("ACBS" stays all capitals, "Mexico" capitalised), so the
entity finder sees names where the original has them.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]+")
DIGITS = "0123456789"


def vocabulary(texts: Iterable[str], keep: int) -> list[str]:
    """The lowercased words of ``texts`` but the ``keep`` most frequent, in a stable order."""
    counts = Counter(w.lower() for text in texts for w in WORD.findall(text))
    common = {w for w, _ in counts.most_common(keep)}
    return sorted(set(counts) - common)


class Rewriter:
    """One copy's vocabulary: each word of ``words`` to another of them, and, with
    ``digits``, each digit to another."""

    def __init__(self, words: list[str], seed: int, digits: bool = True) -> None:
        rng = random.Random(seed)
        # One cycle through a shuffled order: no word (or digit) is left as itself.
        order = rng.sample(words, len(words))
        self.swap = dict(zip(order, order[1:] + order[:1], strict=True))
        ten = "".join(rng.sample(DIGITS, len(DIGITS))) if digits else ""
        self.digits = str.maketrans(ten, ten[1:] + ten[:1])  # empty: digits stay

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        new = self.swap.get(word.lower())
        if new is None:
            return word
        if len(word) > 1 and word.isupper():
            return new.upper()
        return new.capitalize() if word[0].isupper() else new

    def __call__(self, text: str) -> str:
        text = WORD.sub(self._word, text)
        return text.translate(self.digits) if self.digits else text
