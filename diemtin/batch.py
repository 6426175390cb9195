"""The cross-document steps over one block of articles held in memory, for the batch job.

The Spark job cuts a corpus into blocks that no decision crosses (connected components of
candidate pairs) and runs, inside each block and in input order, the very code the
in-process pipeline runs against the store: :func:`diemtin.dedup.find_duplicate` and
:class:`diemtin.stories.grouping.StoryGrouper`, here over in-memory indexes that answer as
the store does (same candidate order, same tie-breaks). Articles are keyed by their input
order, which is also the order of the ids the store would give them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from diemtin import dedup
from diemtin.stories.grouping import GroupingParams, StoryGrouper
from diemtin.stories.vectors import Vector


class MemoryDedupIndex:
    """The dedup index of :mod:`diemtin.dedup` (exact hashes, LSH bands) for one block."""

    def __init__(self) -> None:
        self._hashes: dict[str, int] = {}
        self._bands: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._signatures: dict[int, bytes] = {}

    def add(self, key: int, body_hash: str, signature: list[int]) -> None:
        self._hashes.setdefault(body_hash, key)
        self._signatures[key] = dedup.pack(signature)
        for band in enumerate(dedup.bands(signature)):
            self._bands[band].append(key)

    def article_by_body_hash(self, digest: str) -> int | None:
        return self._hashes.get(digest)

    def band_candidates(self, band_hashes: list[int]) -> list[tuple[int, bytes]]:
        keys = sorted({k for band in enumerate(band_hashes) for k in self._bands.get(band, ())})
        return [(k, self._signatures[k]) for k in keys[:200]]


def resolve_duplicates(
    members: list[tuple[int, str, list[int]]], threshold: float
) -> dict[int, tuple[int | None, str]]:
    """(duplicate_of, kind) for each (key, body hash, signature) of a block, in key order:
    a copy points at its first original, as :func:`diemtin.dedup.find_duplicate` decides
    when the articles arrive one by one."""
    index = MemoryDedupIndex()
    out: dict[int, tuple[int | None, str]] = {}
    for key, body_hash, signature in sorted(members, key=lambda m: m[0]):
        verdict = dedup.find_duplicate(index, body_hash, signature, threshold)
        out[key] = (verdict.duplicate_of, verdict.kind)
        if verdict.duplicate_of is None:
            index.add(key, body_hash, signature)
    return out


class MemoryStoryIndex:
    """The story state a :class:`StoryGrouper` keeps in the store, for one block. (The batch
    job counts document frequencies over the whole corpus and files articles with their
    weighted views, so a block's own counts stay empty.)"""

    def __init__(self) -> None:
        self.stories: dict[int, dict[str, Any]] = {}
        self._terms: dict[str, dict[int, str]] = defaultdict(dict)  # term -> story -> last
        self._story_terms: dict[int, list[str]] = {}
        self._documents = 0
        self._df: dict[str, int] = defaultdict(int)

    def document_total(self) -> int:
        return self._documents

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        return {t: self._df[t] for t in terms if t in self._df}

    def add_document_counts(self, documents: int, term_counts: dict[str, int]) -> None:
        self._documents += documents
        for term, count in term_counts.items():
            self._df[term] += count

    def story_candidates(self, terms: list[str], since: str, limit: int = 30) -> list[int]:
        shared: dict[int, int] = defaultdict(int)
        for term in set(terms):
            for story_id, last in self._terms.get(term, {}).items():
                if last >= since:
                    shared[story_id] += 1
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        return [story_id for story_id, _ in ranked[:limit]]

    def story_state(self, story_ids: list[int]) -> list[dict[str, Any]]:
        return [dict(self.stories[i]) for i in sorted(set(story_ids)) if i in self.stories]

    def save_story(self, state: dict[str, Any], index_terms: list[str]) -> int:
        story_id = state.get("id") or len(self.stories) + 1
        self.stories[story_id] = dict(state) | {"id": story_id}
        for term in self._story_terms.pop(story_id, []):
            self._terms[term].pop(story_id, None)
        for term in index_terms:
            self._terms[term][story_id] = state["last_published"]
        self._story_terms[story_id] = list(index_terms)
        return story_id


@dataclass(slots=True)
class BlockArticle:
    """An original article as grouping needs it: its weighted views and lookup terms."""

    key: int
    title: str
    published: str | None
    vectors: dict[str, Vector]
    query: list[str]


@dataclass(slots=True)
class BlockStory:
    """A story as the grouper left it: what the store would hold besides its articles."""

    title: str
    first_published: str
    last_published: str
    size: int


def group_block(
    articles: list[BlockArticle], now: datetime, params: GroupingParams | None = None
) -> tuple[dict[int, int], dict[int, BlockStory]]:
    """The story of each article of a block, named by the key of the story's first article
    (filed one by one in key order, as the incremental grouper files them), and the stories."""
    index = MemoryStoryIndex()
    grouper = StoryGrouper(index, params)
    first: dict[int, int] = {}
    out: dict[int, int] = {}
    for article in sorted(articles, key=lambda a: a.key):
        story = grouper.file(article.title, article.vectors, article.query, article.published, now)
        out[article.key] = first.setdefault(story, article.key)
    stories = {
        first[i]: BlockStory(s["title"], s["first_published"], s["last_published"], s["size"])
        for i, s in index.stories.items()
    }
    return out, stories
