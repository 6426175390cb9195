"""Sparse term vectors shared by story grouping and digests: syllable unigram+bigram bags,
sublinear TF-IDF weighting, unit length, dot products."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

Vector = dict[str, float]


def add_grams(words: list[str], weight: float, into: Counter[str]) -> Counter[str]:
    """Count each syllable and each pair of adjacent syllables ``weight`` times into ``into``."""
    for w in words:
        into[w] += weight
    for a, b in zip(words, words[1:]):
        into[f"{a} {b}"] += weight
    return into


def unit(weights: Mapping[str, float]) -> Vector:
    """``weights`` scaled to length 1 (an empty or zero vector stays as it is)."""
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {t: x / norm for t, x in weights.items()}


def tfidf(bag: Mapping[str, float], idf: Mapping[str, float], default: float = 1.0) -> Vector:
    """Unit-length vector with sublinear term frequency (1 + log tf) times idf."""
    return unit(
        {t: (1.0 + math.log(n)) * idf.get(t, default) if n > 0 else 0.0 for t, n in bag.items()}
    )


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product over the shared terms only (the key intersection is one C-level step).

    The intersection's order follows the process's string hashing, so the sum is exact
    (``fsum``): the same in every process, as the Spark job's equality with ingest needs."""
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])
