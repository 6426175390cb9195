"""Candidate pairs for story grouping: each article's document frequencies counted as the
incremental grouper counts them, articles sharing a distinctive term within the far window
paired with their nearest in time, and pairs scored on packed views; those at the join
threshold link the articles' blocks."""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC
from typing import Any

import numpy as np

from diemtin.batch import BlockArticle
from diemtin.stories.grouping import (
    GroupingParams,
    article_vectors,
    parse_time,
    vector_terms,
)
from diemtin.stories.vectors import Vector

NEIGHBOURS = 200  # per shared term, the articles nearest in time an article is paired with
RANKS_HELD = 2_000_000  # document frequencies a task gathers per article before sending
# Candidate pairs are scored on packed views (float32 weights): a pair links its articles'
# blocks at the join threshold less this, so a block is never smaller than exact scores make it.
PACKED_SLACK = 1e-5


def _epoch(published: str | None) -> float | None:
    moment = parse_time(published)
    return None if moment is None else moment.replace(tzinfo=UTC).timestamp()


def _posting_pairs(postings: Iterable[tuple[int, float | None]], far: float) -> list[tuple]:
    """Candidate pairs among the articles sharing one term: each with its nearest
    predecessors in time within ``far`` seconds (undated ones with their nearest keys)."""
    postings = list(postings)
    dated = sorted((t, k) for k, t in postings if t is not None)
    undated = sorted(k for k, t in postings if t is None)
    pairs = []
    for i, (moment, key) in enumerate(dated):
        for earlier, other in reversed(dated[max(0, i - NEIGHBOURS) : i]):
            if moment - earlier > far:
                break
            pairs.append((min(key, other), max(key, other)))
    keys = sorted(k for k, _ in postings)
    for key in undated:  # the nearest keys lie within NEIGHBOURS places either side
        at = bisect_left(keys, key)
        around = [k for k in keys[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1] if k != key]
        around.sort(key=lambda k: abs(k - key))
        pairs.extend((min(key, k), max(key, k)) for k in around[:NEIGHBOURS])
    return pairs


def _block_article(
    item: tuple[int, Iterable[tuple[int, Any]]], params: GroupingParams
) -> tuple[int, BlockArticle]:
    """An article's weighted views from its grouped records: its total (tag -2), its view
    fields (tag -1) and blobs of its terms' document frequencies (tag 0)."""
    key, records = item
    records = sorted(records, key=lambda r: r[0])
    (_, total), (_, (title, published, features)) = records[:2]
    codes = array("Q")
    for _, blob in records[2:]:
        codes.frombytes(blob)
    ranks = [code & 0xFFFFFFFF for code in sorted(codes)]  # in the order of the places
    df = dict(zip(vector_terms(features), ranks, strict=True)) if ranks else {}
    vectors, query = article_vectors(features, df, total, params)
    return key, BlockArticle(key, title, published, vectors, query)


def pack_views(vectors: dict[str, Vector], params: GroupingParams) -> list[bytes]:
    """An article's views for scoring candidate pairs: 64-bit term hashes then float32
    weights, one blob per weighted view. Each pair ships one article's views, and a blob
    pickles as a copy of bytes: a quarter of the dictionaries' cost, half their size."""
    blobs = []
    for view, _ in params.weights:
        vec = vectors.get(view, {})
        keys = array("Q", (_term_hash(t) for t in vec))
        blobs.append(keys.tobytes() + array("f", vec.values()).tobytes())
    return blobs


def _term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


def packed_scores(
    mine: list[bytes], partners: list[list[bytes]], params: GroupingParams
) -> list[float]:
    """:func:`pair_score` of one article against each of its partners, on packed views, to
    float32 precision. One vectorised pass per view over all the partners' terms (a
    search in the article's sorted hashes): per pair, a Python loop over a few hundred
    terms cost 50 µs, and an article has hundreds of partners."""
    totals = np.zeros(len(partners))
    for v, (_, weight) in enumerate(params.weights):
        keys, weights = _arrays(mine[v])
        lengths = [len(p[v]) // 12 for p in partners]
        if not len(keys) or not any(lengths):
            continue
        order = np.argsort(keys)
        keys, weights = keys[order], weights[order]
        theirs, their_weights = _arrays(
            b"".join(p[v][: 8 * n] for p, n in zip(partners, lengths, strict=True))
            + b"".join(p[v][8 * n :] for p, n in zip(partners, lengths, strict=True))
        )
        at = np.minimum(np.searchsorted(keys, theirs), len(keys) - 1)
        hit = keys[at] == theirs
        owner = np.repeat(np.arange(len(partners)), lengths)[hit]
        products = their_weights[hit].astype(np.float64) * weights[at[hit]]
        totals += weight * np.bincount(owner, weights=products, minlength=len(partners))
    return totals.tolist()


def _arrays(blob: bytes) -> tuple[Any, Any]:
    """A packed view as (uint64 hashes, float32 weights), without copying."""
    n = len(blob) // 12
    return np.frombuffer(blob, np.uint64, n), np.frombuffer(blob, np.float32, n, 8 * n)


def _offers(
    item: tuple[int, tuple[Iterable[int], Iterable[list[bytes]]]],
) -> Iterator[tuple[int, tuple[int, list[bytes]]]]:
    """An article's packed views, sent to each later partner of its candidate pairs (each
    partner once, however many terms they share)."""
    key, (partners, own) = item
    later = sorted(set(partners))
    if later:
        blobs = next(iter(own))
        for other in later:
            yield other, (key, blobs)


def _links(
    item: tuple[int, tuple[Iterable, Iterable]], params: GroupingParams
) -> Iterator[tuple[int, int]]:
    """The candidate pairs of one article (its packed views and those of each earlier
    partner) that score at least the join threshold, less the packing's slack."""
    key, (offers, own) = item
    offers = list(offers)
    if not offers:
        return
    scores = packed_scores(next(iter(own)), [blobs for _, blobs in offers], params)
    at = params.threshold - PACKED_SLACK
    for (other, _), score in zip(offers, scores, strict=True):
        if score >= at:
            yield other, key


def _rank_postings(
    groups: Iterable[tuple[str, Iterable[tuple[int, int]]]],
) -> Iterator[tuple[int, tuple[int, bytes]]]:
    """For each article holding a term, the term's place among the article's terms and the
    number of articles up to this one that hold it, coded as ``place << 32 | count``. A task
    sends each article one blob of the codes it found for it (``RANKS_HELD`` at most held at
    a time), not a record per term: pickling millions of small tuples cost more than the
    counting."""
    held: dict[int, array] = defaultdict(lambda: array("Q"))
    size = 0
    for _, holders in groups:
        ranked = sorted(holders)
        for rank, (key, place) in enumerate(ranked, start=1):
            held[key].append(place << 32 | rank)
        size += len(ranked)
        if size >= RANKS_HELD:
            yield from ((key, (0, codes.tobytes())) for key, codes in held.items())
            held.clear()
            size = 0
    yield from ((key, (0, codes.tobytes())) for key, codes in held.items())
