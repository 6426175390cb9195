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
