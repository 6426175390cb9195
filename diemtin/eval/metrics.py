"""Standard metrics: bag-of-tokens F1 for extraction (as in trafilatura's and CLEANEVAL-style
evaluations), exact-match rate for titles."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from diemtin.vi.normalize import nfc

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens of NFC text (Vietnamese syllables, numbers, Latin words)."""
    return _TOKEN.findall(nfc(text).lower())


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def token_prf(predicted: str, gold: str) -> PRF:
    """Precision, recall and F1 over the multiset of tokens; two empty texts score 1."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    overlap = sum((pred & ref).values())
    if overlap == 0:
        return PRF(0.0, 0.0, 0.0)
    p = overlap / sum(pred.values())
    r = overlap / sum(ref.values())
    return PRF(p, r, 2 * p * r / (p + r))


def same_text(a: str | None, b: str | None) -> bool:
    """Exact match up to Unicode form and white space."""
    return " ".join(nfc(a or "").split()) == " ".join(nfc(b or "").split())


def bcubed(predicted: list[object], gold: list[object]) -> PRF:
    """BCubed precision, recall and F1 of a clustering (Amigó et al. 2009): per item, the
    share of its predicted cluster that shares its gold cluster, and the reverse."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not predicted:
        return PRF(1.0, 1.0, 1.0)
    pred_members: dict[object, set[int]] = {}
    gold_members: dict[object, set[int]] = {}
    for i, (p, g) in enumerate(zip(predicted, gold)):
        pred_members.setdefault(p, set()).add(i)
        gold_members.setdefault(g, set()).add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold):
        both = len(pred_members[p] & gold_members[g])
        precision += both / len(pred_members[p])
        recall += both / len(gold_members[g])
    precision /= len(predicted)
    recall /= len(predicted)
    return PRF(precision, recall, 2 * precision * recall / (precision + recall))


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def rouge_n(candidate: str, reference: str, n: int) -> PRF:
    """ROUGE-N (Lin 2004) over lowercased syllable tokens: clipped n-gram overlap."""
    cand, ref = _ngrams(tokens(candidate), n), _ngrams(tokens(reference), n)
    overlap = sum((cand & ref).values())
    if not overlap:
        return PRF(0.0, 0.0, 0.0)
    p, r = overlap / sum(cand.values()), overlap / sum(ref.values())
    return PRF(p, r, 2 * p * r / (p + r))


def rouge_l(candidate: str, reference: str) -> PRF:
    """ROUGE-L: longest common subsequence of the token sequences, as F1."""
    a, b = tokens(candidate), tokens(reference)
    if not a or not b:
        return PRF(0.0, 0.0, 0.0)
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return PRF(0.0, 0.0, 0.0)
    p, r = lcs / len(a), lcs / len(b)
    return PRF(p, r, 2 * p * r / (p + r))
