"""Exact and near-duplicate detection: syndicated copies are stored as ``duplicate_of`` their
first copy instead of as new articles.

The fingerprint (a hash of the normalised body and a MinHash signature over syllable
shingles, computed with rensa) is a pure function of the body, so it runs in the worker
processes. The index is banded LSH whose bands live in the store, so that it survives
restarts and never needs to be loaded into memory: a lookup is 16 indexed queries, whatever
the size of the store.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Protocol

from rensa import RMinHash

from diemtin.vi.normalize import syllables

SEED = 42
ROWS_PER_BAND = 8


def fingerprint(body: str, num_perm: int = 128, shingle: int = 3) -> tuple[str, list[int]]:
    """Exact hash and MinHash signature of a body, from one pass of syllable splitting."""
    words = syllables(body)
    return _hash(words), _signature(words, num_perm, shingle)


def body_hash(body: str) -> str:
    """Hash of the body in its matching form (one tone placement, lowercase, single spaces)."""
    return _hash(syllables(body))


def signature(body: str, num_perm: int = 128, shingle: int = 3) -> list[int]:
    """MinHash signature over ``shingle``-syllable shingles of the body."""
    return _signature(syllables(body), num_perm, shingle)


def _hash(words: list[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def _signature(words: list[str], num_perm: int, shingle: int) -> list[int]:
    if len(words) > shingle:
        grams = list(map(" ".join, zip(*(words[k:] for k in range(shingle)))))
    else:
        grams = [" ".join(words)]
    mh = RMinHash(num_perm=num_perm, seed=SEED)
    mh.update(grams)
    return [int(x) for x in mh.digest()]


def bands(sig: list[int], rows: int = ROWS_PER_BAND) -> list[int]:
    """One signed 63-bit hash per band of ``rows`` signature values (fits an SQLite INTEGER)."""
    out = []
    for b in range(0, len(sig) - rows + 1, rows):
        digest = hashlib.blake2b(struct.pack(f"<{rows}Q", *sig[b : b + rows]), digest_size=8)
        out.append(int.from_bytes(digest.digest(), "little", signed=True) >> 1)
    return out


def jaccard(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def pack(sig: list[int]) -> bytes:
    return struct.pack(f"<{len(sig)}Q", *sig)


def unpack(blob: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(blob) // 8}Q", blob))


class DedupStore(Protocol):
    def article_by_body_hash(self, digest: str) -> int | None: ...
    def band_candidates(self, band_hashes: list[int]) -> list[tuple[int, bytes]]: ...


@dataclass(frozen=True, slots=True)
class Verdict:
    duplicate_of: int | None
    kind: str  # "new", "exact" or "near"
    similarity: float = 0.0


def find_duplicate(store: DedupStore, digest: str, sig: list[int], threshold: float) -> Verdict:
    """The first stored copy of this body, exact or near, if any."""
    exact = store.article_by_body_hash(digest)
    if exact is not None:
        return Verdict(exact, "exact", 1.0)
    best_id, best = None, 0.0
    for article_id, blob in store.band_candidates(bands(sig)):
        sim = jaccard(sig, unpack(blob))
        if sim > best or (sim == best and best_id is not None and article_id < best_id):
            best_id, best = article_id, sim
    if best_id is not None and best >= threshold:
        return Verdict(best_id, "near", best)
    return Verdict(None, "new", best)
