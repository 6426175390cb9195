"""Sparse term vectors shared by story grouping and digests: syllable unigram+bigram bags,
sublinear TF-IDF weighting, unit length, dot products."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]


def grams(words: list[str]) -> list[str]:
    """Each syllable and each pair of adjacent syllables, in that order."""
    return [*words, *map(" ".join, zip(words, words[1:]))]


def add_grams(words: list[str], weight: float, into: Counter[str]) -> Counter[str]:
    """Count each syllable and each pair of adjacent syllables ``weight`` times into ``into``."""
    if weight == 1:
        into.update(grams(words))  # counted at C speed
    else:
        for gram, n in Counter(grams(words)).items():
            into[gram] += n * weight
    return into


def unit(weights: Mapping[str, float]) -> Vector:
    """``weights`` scaled to length 1 (an empty or zero vector stays as it is)."""
    norm = math.hypot(*weights.values()) or 1.0
    return {t: x / norm for t, x in weights.items()}


# 1 + log(n) for the small whole counts that nearly every term has.
_SUBLINEAR = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def _sublinear(n: float) -> float:
    return 1.0 + math.log(n) if n > 0 else 0.0


def tfidf(bag: Mapping[str, float], idf: Mapping[str, float], default: float = 1.0) -> Vector:
    """Unit-length vector with sublinear term frequency (1 + log tf) times idf."""
    get = idf.get
    table = _SUBLINEAR
    weights = [
        (table[n] if type(n) is int and 0 < n < 64 else _sublinear(n)) * get(t, default)
        for t, n in bag.items()
    ]
    norm = math.hypot(*weights) or 1.0
    return dict(zip(bag, [w / norm for w in weights]))  # as unit(), without a dict between


def add_up(vectors: Iterable[Mapping[str, float]]) -> Vector:
    """The sum of sparse vectors."""
    them = iter(vectors)
    out: Vector = dict(next(them, {}))  # the first as it is: 0.0 + x is x
    get = out.get
    for vector in them:
        for t, x in vector.items():
            out[t] = get(t, 0.0) + x
    return out


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product over the shared terms only (the key intersection is one C-level step).

    The intersection's order follows the process's string hashing, so the sum is exact
    (``fsum``): the same in every process, as the Spark job's equality with ingest needs."""
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])


def dot_within(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """:func:`dot` when every term of ``a`` is in ``b`` (a sentence against its article's or
    its story's sum): no intersection to build, and the same exact sum."""
    return math.fsum([x * b[t] for t, x in a.items()])
