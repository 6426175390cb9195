"""Incremental story grouping: each new article joins the most similar recent story or
starts a new one, with all state in the store, so a later ingest continues the same stories.

Similarity is a weighted sum over the three views of :mod:`diemtin.stories.features`
(TF-IDF with sublinear term frequency, document frequencies counted in the store as
articles arrive), averaged over the story's members. Because the member vectors are unit
length, that average is one dot product with the story's summed vector (its centroid), so a
story is one record however large it grows. Candidates come from an inverted index of each
story's most distinctive terms, read only for stories active within the time window: the
cost of an article does not grow with the size of the store.

Time: inside ``window_days`` of a story's span the plain threshold applies; further apart,
only a near-identical text joins (``far_threshold``), so that a long-running topic is not
merged into one story while a late report of the same event still is. The same holds for an
article that reports a day the story does not speak of (:func:`days_apart`): the gold price
of 13/3 is not the story of the gold price of 12/3, however alike the two reports read.
"""

from __future__ import annotations

import heapq
import json
import math
import struct
import sys
import zlib
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import filterfalse
from operator import itemgetter
from typing import Any, Protocol

from diemtin.stories.features import Features
from diemtin.stories.vectors import Vector, dot, tfidf
from diemtin.vi.clock import parse_iso
from diemtin.vi.places import SITES, apart


@dataclass(frozen=True, slots=True)
class GroupingParams:
    """Tuned on vnmds-dev (BCubed F1); the plateau around these values is broad."""

    threshold: float = 0.35
    window_days: float = 3.0
    far_threshold: float = 0.6
    far_days: float = 180.0
    place_threshold: float = 0.7  # an article that names only other places than the story
    # (when either names several: places of two single-site events are never one story)
    weights: tuple[tuple[str, float], ...] = (("full", 1.0), ("title", 1.3), ("ent", 0.4))
    keep_terms: int = 300  # per view in a story's centroid
    query_terms: int = 30  # an article's most distinctive terms, to look up candidates
    index_terms: int = 30  # a story's most distinctive terms, in the inverted index
    candidates: int = 30
    common_share: float = 0.05  # terms in more of the articles than this are not looked up


TIE = 1e-9  # scores closer than this are equal
# Bags of the features that are not weighed but checked (days_apart, places_apart), and
# summed into a story's centroid like the weighed views.
CHECKED_VIEWS = ("days", "lead", "where")
# Memory bounds of a long run: decoded centroids of the stories most recently read or
# written (a big story's is ~50 KB) and document frequencies, in two generations of at most
# this many terms (the current one and the one before it).
CACHED_CENTROIDS = 2_000
KNOWN_TERMS = 300_000


class StoryStore(Protocol):
    def document_total(self) -> int: ...
    def document_frequencies(self, terms: list[str]) -> dict[str, int]: ...
    def add_document_counts(self, documents: int, term_counts: dict[str, int]) -> None: ...
    def story_candidates(self, terms: list[str], since: str, limit: int = 30) -> list[int]: ...
    def story_state(self, story_ids: list[int]) -> list[dict[str, Any]]: ...
    def save_story(self, state: dict[str, Any], index_terms: list[str]) -> int: ...


def weigh(raw: dict[str, float], df: Mapping[str, int], total: int, prefix: str) -> Vector:
    """Unit-length TF-IDF vector (sublinear tf, smoothed idf) of one view's term bag."""
    get = df.get
    counts = [get(key, 0) for key in map(prefix.__add__, raw)]
    # one logarithm per distinct frequency, not per term: most terms are rare
    by_count = {n: math.log((total + 1) / (n + 1)) + 1.0 for n in set(counts)}
    return tfidf(raw, dict(zip(raw, map(by_count.__getitem__, counts))))


def vector_terms(features: Features) -> list[str]:
    """The document-frequency keys of an article: the headline's terms are terms of the full
    text too (which counts it), so the two views share frequencies; names have their own."""
    return [
        *map("f:".__add__, features.get("full", {})),
        *map("e:".__add__, features.get("ent", {})),
    ]


def top_terms(vectors: dict[str, Vector], n: int) -> list[str]:
    """The ``n`` heaviest terms over all views, as ``view-initial:term`` keys."""
    weights = [w for vec in vectors.values() for w in vec.values()]
    if not weights or n <= 0:
        return []
    # only terms as heavy as the n-th heaviest can be among the n: build their keys alone
    least = heapq.nlargest(n, weights)[-1]
    scored = [
        (w, f"{view[0]}:{t}") for view, vec in vectors.items() for t, w in vec.items() if w >= least
    ]
    scored.sort(reverse=True)
    return list(dict.fromkeys(term for _, term in scored[:n]))


def article_vectors(
    features: Features, df: Mapping[str, int], total: int, params: GroupingParams
) -> tuple[dict[str, Vector], list[str]]:
    """An article's weighted views and the distinctive terms to look its story up by, given
    the document frequencies (keys of :func:`vector_terms`) with this article counted in.

    A term in more than a few percent of all articles has a long posting list and says
    little about which event this is, so it is not a lookup term."""
    vectors = {
        "full": weigh(features.get("full", {}), df, total, "f:"),
        "title": weigh(features.get("title", {}), df, total, "f:"),
        "ent": weigh(features.get("ent", {}), df, total, "e:"),
    }
    common = max(20, params.common_share * total)
    query = [
        t
        for t in top_terms(vectors, 3 * params.query_terms)
        if df.get(t if t[0] != "t" else "f" + t[1:], 0) <= common
    ][: params.query_terms]
    for view in CHECKED_VIEWS:
        if view in features:
            vectors[view] = dict(features[view])
    return vectors, query


def places_apart(vectors: dict[str, Vector], story: dict[str, Vector]) -> str | None:
    """Whether an article's headline and lead name places that its story's do not, at a
    level at which both name some, and how (:func:`diemtin.vi.places.apart`): two
    accidents of one morning, one in Bình Thuận and one in Nghệ An, or two fires of one
    evening in two wards of Hà Nội, are two single-site events (``SITES``); an article
    elsewhere than a story that spans places is ``SPREAD``. Provinces count only between
    reports that name a site below them (a storm's reports name a province each), and an
    article that names the city alone is not apart from one that names its district."""
    return apart(vectors.get("where", ()), story.get("where", ()))


def days_apart(
    vectors: dict[str, Vector], story: dict[str, Vector], first: str, last: str, moment: datetime
) -> bool:
    """Whether an article and a story report different days (the bags of
    :mod:`diemtin.stories.features`): of the two, the later one is of a day after the
    earlier one's last publish day that the earlier one, which names days, does not name.
    A forecast of 6/9 that names "trưa mai" speaks of the landing of 7/9; the gold price of
    13/3 is not the story of 12/3, even when it names "hôm qua"; a late report of yesterday's
    event, or a story whose text names no day, is never apart."""
    day = moment.date().isoformat()
    if day >= first[:10]:  # the story is the earlier side
        named, until, later = story.get("days"), last[:10], vectors.get("lead")
    else:
        named, until, later = vectors.get("days"), day, story.get("lead")
    if not named or not later:
        return False
    return all(key > until and key not in named for key in later)


def pair_score(a: dict[str, Vector], b: dict[str, Vector], params: GroupingParams) -> float:
    """Weighted similarity of two articles' views; against a story's summed views, the
    story's score times its size (the members are unit length)."""
    return sum(weight * dot(a.get(view, {}), b.get(view, {})) for view, weight in params.weights)


def parse_time(value: str | None) -> datetime | None:
    """A stored publish time (Vietnam's clock, see diemtin.extract) as a naive datetime, or None."""
    parsed = parse_iso(value)
    return None if parsed is None else parsed.replace(tzinfo=None)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


# A stored centroid: this byte, then zlib of the lengths of two parts, the views' names
# and sizes (JSON), the terms joined by _SEP, and then the weights as little-endian
# doubles. Writing the weights as bytes rather than as JSON numbers (a float's repr for
# each term) makes the writer's per-article save about three times cheaper. Blobs without
# the byte are zlib'd JSON, as stores made before it hold them.
_BINARY = b"\x01"
_SEP = "\x1f"


def pack_centroid(centroid: dict[str, Vector]) -> bytes:
    terms = [t for vec in centroid.values() for t in vec]
    joined = _SEP.join(terms)
    if joined.count(_SEP) > max(0, len(terms) - 1):  # a term holds the separator: JSON
        return zlib.compress(json.dumps(centroid, ensure_ascii=False).encode("utf-8"), 1)
    head = json.dumps([[view, len(vec)] for view, vec in centroid.items()]).encode()
    text = joined.encode("utf-8")
    weights = array("d", [w for vec in centroid.values() for w in vec.values()])
    if sys.byteorder == "big":
        weights.byteswap()
    sizes = struct.pack("<II", len(head), len(text))
    return _BINARY + zlib.compress(sizes + head + text + weights.tobytes(), 1)


def unpack_centroid(blob: bytes) -> dict[str, Vector]:
    if blob[:1] != _BINARY:
        return json.loads(zlib.decompress(blob).decode("utf-8"))
    data = zlib.decompress(blob[1:])
    n_head, n_text = struct.unpack_from("<II", data)
    head = json.loads(data[8 : 8 + n_head])
    text = data[8 + n_head : 8 + n_head + n_text].decode("utf-8")
    weights = array("d")
    weights.frombytes(data[8 + n_head + n_text :])
    if sys.byteorder == "big":
        weights.byteswap()
    terms = text.split(_SEP) if sum(size for _, size in head) else []
    out: dict[str, Vector] = {}
    start = 0
    for view, size in head:
        out[view] = dict(zip(terms[start : start + size], weights[start : start + size]))
        start += size
    return out


class StoryGrouper:
    """Assigns articles to stories; the store holds every bit of state between calls."""

    def __init__(self, store: StoryStore, params: GroupingParams | None = None) -> None:
        self.store = store
        self.params = params or GroupingParams()
        # Decoded centroids of the stories this grouper wrote or read, by id and size: the
        # store has one writer, so a cached state with the stored size is current.
        self._centroids: OrderedDict[int, tuple[int, dict[str, Vector]]] = OrderedDict()
        self._total: int | None = None
        self._known: Counter[str] = Counter()
        # the generation before ``_known``: counts as of the flush that retired it, which
        # stay exact because a term is moved back to ``_known`` before it is counted again
        self._retired: dict[str, int] = {}
        self._pending: Counter[str] = Counter()
        self._documents = 0
        # terms of the batch's articles read ahead by :meth:`prefetch`, by id of features
        self._prefetched: dict[int, list[str]] = {}

    def _centroid(self, state: dict[str, Any]) -> dict[str, Vector]:
        """A story's summed views, read-only (the cached copy when it is current)."""
        cached = self._centroids.get(state["id"])
        if cached is not None and cached[0] == state["size"]:
            self._centroids.move_to_end(state["id"])
            return cached[1]
        return unpack_centroid(state["centroid"])

    def _count(self, terms: list[str], in_memory: bool = False) -> tuple[int, dict[str, int]]:
        """Count one more document with ``terms``; return the total and their frequencies.
        Frequencies are cached and written back by :meth:`flush` (one statement a batch):
        this process is the store's only writer while it groups. ``in_memory``: the terms
        were read ahead by :meth:`prefetch` and are all in ``_known``."""
        if self._total is None:
            self._total = self.store.document_total()
        if len(self._known) > KNOWN_TERMS:  # bound memory on a long run: the counts so far
            self.flush()  # go to the store; the terms in use again come back from the
            self._retired, self._known = self._known, Counter()  # retired generation
            in_memory = False
        missing = [] if in_memory else list(filterfalse(self._known.__contains__, terms))
        if missing:
            retired = self._retired
            unknown = [t for t in missing if t not in retired]
            found = self.store.document_frequencies(unknown) if unknown else {}
            for t in missing:
                self._known[t] = retired[t] if t in retired else found.get(t, 0)
        self._total += 1
        self._documents += 1
        self._known.update(terms)  # one more document for each (distinct) term, at C speed
        self._pending.update(terms)
        return self._total, self._known

    def prefetch(self, batch: Iterable[Features]) -> None:
        """Read at once the stored frequencies of a batch's terms that are not in memory, in
        key order, rather than an article's at a time as :meth:`_count` meets them: at 100k
        articles, one sweep of ``term_df`` a batch costs less than scattered probes. Counts
        are as exact as before: the store changes only at :meth:`flush`, and a term read here
        holds what a probe would have read when its article came. Each article's terms are
        kept, all in memory, for :meth:`vectors` (until the next flush), so that it neither
        builds nor checks them again."""
        known, retired = self._known, self._retired
        missing: set[str] = set()
        for features in batch:
            terms = vector_terms(features)
            self._prefetched[id(features)] = terms
            missing.update(filterfalse(known.__contains__, terms))
        unknown = sorted(t for t in missing if t not in retired)
        found = self.store.document_frequencies(unknown) if unknown else {}
        for t in missing:
            known[t] = retired[t] if t in retired else found.get(t, 0)

    def flush(self) -> None:
        """Write the counted document frequencies to the store (inside the caller's batch)."""
        self._prefetched.clear()  # a batch's read-ahead holds until its frequencies are written
        if self._documents:
            self.store.add_document_counts(self._documents, self._pending)
        self._documents, self._pending = 0, Counter()

    def vectors(self, features: Features) -> tuple[dict[str, Vector], list[str]]:
        """Count the article into the document frequencies; its views and lookup terms."""
        terms = self._prefetched.pop(id(features), None)
        if terms is None:
            total, df = self._count(vector_terms(features))
        else:
            total, df = self._count(terms, in_memory=True)
        return article_vectors(features, df, total, self.params)

    def _score(self, vectors: dict[str, Vector], centroid: dict[str, Vector], size: int) -> float:
        return pair_score(vectors, centroid, self.params) / max(1, size)

    def add(self, title: str, features: Features, published: str | None, now: datetime) -> int:
        """File one article; return the id of the story it joined or started."""
        vectors, query = self.vectors(features)
        return self.file(title, vectors, query, published, now)

    def file(
        self,
        title: str,
        vectors: dict[str, Vector],
        query: list[str],
        published: str | None,
        now: datetime,
        into: int | None = None,
    ) -> int:
        """File an article given its weighted views and lookup terms (from
        :func:`article_vectors`); ``into`` puts it in that story (or a new one when 0)
        instead of choosing, as when loading a partition decided elsewhere."""
        p = self.params
        dated = parse_time(published)
        moment = dated or now
        window, far = timedelta(days=p.window_days), timedelta(days=p.far_days)
        if into is not None:
            near, distant = ([into] if into else []), []
        elif dated is None:  # no time to go by: the text alone decides, against any story
            near = self.store.story_candidates(query, "", p.candidates)
            distant: list[int] = []
        else:
            near = self.store.story_candidates(query, _iso(moment - window), p.candidates)
            distant = self.store.story_candidates(query[:10], _iso(moment - far), 10)
        best: dict[str, Any] | None = None
        best_score = -1.0
        for state in self.store.story_state(list(dict.fromkeys(near + distant))):
            centroid = self._centroid(state)
            score = self._score(vectors, centroid, state["size"])
            first = parse_time(state["first_published"]) or moment
            last = parse_time(state["last_published"]) or moment
            gap = max(first - moment, moment - last, timedelta(0)) if dated else timedelta(0)
            if dated and days_apart(
                vectors, centroid, state["first_published"], state["last_published"], moment
            ):
                need = math.inf  # reports of two days are two stories, however alike
            elif gap > window:
                need = p.far_threshold
            elif (where := places_apart(vectors, centroid)) is not None:
                # single-site events in two places are two stories, however alike
                need = math.inf if where == SITES else p.place_threshold
            else:
                need = p.threshold
            if (into is not None or score >= need) and score > best_score:
                best, best_score = state | {"parsed": centroid}, score
        if best is None:
            state: dict[str, Any] = {
                "id": None,
                "title": title,
                "title_score": 1.0,
                "size": 0,
                "first_published": _iso(moment),
                "last_published": _iso(moment),
            }
            centroid = {}
        else:  # the chosen story's views are copied before they change
            state = best
            centroid = {view: dict(vec) for view, vec in best.pop("parsed").items()}
        for view, vec in vectors.items():
            summed = centroid.setdefault(view, {})
            get = summed.get
            summed.update({term: get(term, 0.0) + weight for term, weight in vec.items()})
            if len(summed) > p.keep_terms:
                kept = sorted(summed.items(), key=itemgetter(1), reverse=True)[: p.keep_terms]
                centroid[view] = dict(kept)
        state["size"] += 1
        if dated is not None or best is None:  # an undated article does not move the span
            state["first_published"] = min(state["first_published"], _iso(moment))
            state["last_published"] = max(state["last_published"], _iso(moment))
        # The headline most like the story's headlines stands for the story. Two headlines
        # alone tie exactly (1 + a.b both ways): the margin keeps the first whatever the
        # rounding of their norms.
        headlines = centroid.get("title", {})
        incumbent = centroid.pop("headline", vectors["title"])
        if (
            best is not None
            and title
            and dot(vectors["title"], headlines) > dot(incumbent, headlines) + TIE
        ):
            state["title"], incumbent = title, vectors["title"]
        state["title_score"] = dot(incumbent, headlines) / state["size"]
        state["centroid"] = pack_centroid(centroid | {"headline": incumbent})
        # the story's mean views rank their terms as its summed views do
        weighed = {view: centroid[view] for view, _ in p.weights if view in centroid}
        index_terms = top_terms(weighed, p.index_terms)
        story_id = self.store.save_story(state, index_terms)
        self._centroids[story_id] = (state["size"], centroid | {"headline": incumbent})
        self._centroids.move_to_end(story_id)
        if len(self._centroids) > CACHED_CENTROIDS:  # the least recently used goes
            self._centroids.popitem(last=False)
        return story_id
