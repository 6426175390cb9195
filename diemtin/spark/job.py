"""The batch pipeline on Apache Spark: the in-process steps, distributed.

Inputs are listed on the driver and spread over the executors, as Common Crawl's
cc-pyspark does with WARC paths: local files are opened where the task runs, Hadoop and
S3 URLs are read through Spark. Every page gets an order key (the input's place in the
listing, then the record's place in the input), the order ``diemtin ingest`` would read
them in; the order decides which copy is the original and in which order stories grow.

1. Per document (``mapPartitions`` over the pages, after a shuffle that drops repeated
   inputs as a re-run of ingest would): :func:`diemtin.pipeline.process_page`, the very
   function the process pool runs.
2. Near-duplicates: articles that share an LSH band are linked (a star per band bucket);
   in each connected block :func:`diemtin.batch.resolve_duplicates` decides in key order.
3. Stories: each article's document frequencies are counted as the incremental grouper
   counts them (articles before it, itself included), giving its weighted views. Articles
   sharing a distinctive term within ``far_days`` are candidate pairs; pairs that score at
   least the join threshold link articles into blocks, and inside each block
   :func:`diemtin.batch.group_block` files them in key order with the grouper's own code.
   An article joins a story only if it scores the threshold against the story's mean,
   so against one member at least: no join crosses a block.
4. Digests per story, then Parquet: ``articles``, ``stories``, ``skips``.

Key tables small enough for the driver (block labels union-find found there, the copies,
each article's story) are broadcast and looked up, as Spark SQL's broadcast joins do; larger
ones are joined on the cluster (``spark.diemtin.localEdges``, ``spark.diemtin.localKeys``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import time
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from pyspark import RDD, StorageLevel
from pyspark.broadcast import Broadcast
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from diemtin import dedup
from diemtin.batch import BlockArticle, BlockStory, group_block, resolve_duplicates
from diemtin.config import Settings
from diemtin.model import Article, Page, Skip
from diemtin.pipeline import input_hash, process_page, skipped_summary
from diemtin.sources.files import expand, iter_pages, pages_from_handle
from diemtin.stories.digest import Source, story_digest
from diemtin.stories.grouping import (
    GroupingParams,
    article_vectors,
    parse_time,
    vector_terms,
)
from diemtin.stories.vectors import Vector
from diemtin.vi.clock import vietnam_now

SEQ_BITS = 32  # an order key is (input index << SEQ_BITS) | record index
NEIGHBOURS = 200  # per shared term, the articles nearest in time an article is paired with
MAX_ITERATIONS = 100  # label propagation rounds (the longest path in a block)
LOCAL_EDGES = 5_000_000  # edge lists up to this size are joined on the driver
LOCAL_KEYS = 5_000_000  # key tables up to this size are broadcast instead of joined
RANKS_HELD = 2_000_000  # document frequencies a task gathers per article before sending
# Candidate pairs are scored on packed views (float32 weights): a pair links its articles'
# blocks at the join threshold less this, so a block is never smaller than exact scores make it.
PACKED_SLACK = 1e-5
# What the story steps read of an article, and what a digest reads: only these are shuffled.
DIGEST_FIELDS = ("id", "title", "published", "outlet", "body", "mentions")
STORY_FIELDS = (*DIGEST_FIELDS, "features")


def order_key(input_index: int, record: int) -> int:
    return (input_index << SEQ_BITS) | record


@dataclass
class JobReport:
    counts: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    largest_block: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        c = self.counts
        parts = [f"stored {c['stored']}", f"duplicate {c['duplicate']}"]
        if c["unchanged"]:
            parts.append(f"repeated input {c['unchanged']}")
        if skipped := skipped_summary(c):
            parts.append(skipped)
        return (
            f"{', '.join(parts)}; {self.stories} stories (largest block {self.largest_block})"
            f" in {self.seconds:.1f}s"
        )


def session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session (``local[*]`` unless a master is given or spark-submit set one)."""
    # Local executors run this very interpreter (the one diemtin is installed in); a
    # cluster's executors need diemtin in theirs (see the README).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("diemtin")
    if master:
        builder = builder.master(master)
    elif not SparkSession.getActiveSession():
        builder = builder.config("spark.master", "local[*]")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- inputs --------------------------------------------------------------------------------
def _is_url(path: str) -> bool:
    scheme = urlparse(path).scheme
    return len(scheme) > 1  # "C:\\..." is a drive, not a scheme


def _hadoop_files(spark: SparkSession, url: str) -> list[str]:
    """The files a Hadoop/S3 URL or glob names (folders recursively), sorted."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(url)
    fs = path.getFileSystem(conf)
    found: list[str] = []
    for status in fs.globStatus(path) or []:
        if status.isDirectory():
            files = fs.listFiles(status.getPath(), True)
            while files.hasNext():
                found.append(files.next().getPath().toString())
        else:
            found.append(status.getPath().toString())
    return sorted(f for f in found if not Path(urlparse(f).path).name.startswith((".", "_")))


def _local_pages(items: Iterable[tuple[int, str]], max_bytes: int) -> Iterator[tuple[int, Page]]:
    for index, name in items:
        for record, page in enumerate(iter_pages([name], max_bytes)):
            yield order_key(index, record), page


def _remote_pages(
    item: tuple[str, bytes], indexes: dict[str, int], max_bytes: int
) -> Iterator[tuple[int, Page]]:
    name, data = item
    handle = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    for record, page in enumerate(pages_from_handle(handle, name, max_bytes)):
        yield order_key(indexes[name], record), page


def read_pages(spark: SparkSession, paths: list[str], max_bytes: int) -> RDD:
    """(order key, Page) for every page of the inputs, spread over the cluster."""
    sc = spark.sparkContext
    local = [name for name, _ in expand([p for p in paths if not _is_url(p)])]
    remote = [f for p in paths if _is_url(p) for f in _hadoop_files(spark, p)]
    parts: list[RDD] = []
    if local:
        listed = list(enumerate(local))
        rdd = sc.parallelize(listed, max(1, len(listed)))
        parts.append(rdd.mapPartitions(lambda items: _local_pages(items, max_bytes)))
    if remote:
        indexes = {name: len(local) + i for i, name in enumerate(remote)}
        files = sc.binaryFiles(",".join(remote), minPartitions=len(remote))
        parts.append(files.flatMap(lambda item: _remote_pages(item, indexes, max_bytes)))
    if not parts:
        return sc.emptyRDD()
    return parts[0] if len(parts) == 1 else sc.union(parts)


# -- per document --------------------------------------------------------------------------
def _record(key: int, result: Article | Skip) -> dict[str, Any]:
    if isinstance(result, Skip):
        return {"id": key, "skip": True} | asdict(result)
    a = result
    return {
        "id": key,
        "skip": False,
        "external_id": a.external_id,
        "source": a.source,
        "locator": a.locator,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "author": a.author,
        "body": a.body,
        "captions": list(a.captions),
        "kind": a.kind,
        "raw_hash": a.raw_hash,
        "body_hash": a.body_hash,
        "signature": a.signature,
        "features": a.story_features,
        "mentions": a.mentions,
        "entities": [asdict(e) for e in a.entities],
    }


def _process(items: Iterable[tuple[int, Page]], settings: Settings) -> Iterator[dict[str, Any]]:
    for key, page in items:
        yield _record(key, process_page(page, settings))


# -- blocks --------------------------------------------------------------------------------
def union_find(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """(node -> smallest node of its connected component) for an undirected edge list."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


def components(edges: RDD, partitions: int, local_limit: int = LOCAL_EDGES) -> RDD | dict[int, int]:
    """(node, block label) for every node of an undirected edge list: the smallest node of
    its connected component. Up to ``local_limit`` edges (tens of MB) are joined on the
    driver in one pass, giving a dict; more by min-label propagation on the cluster, a few
    shuffles per round for as many rounds as the longest path in a block, giving an RDD."""
    edges = edges.persist(StorageLevel.MEMORY_AND_DISK)
    if edges.count() <= local_limit:
        labels = union_find(edges.toLocalIterator())
        edges.unpersist()
        return labels
    adjacent = (
        edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])])
        .distinct(partitions)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    edges.unpersist()
    labels = adjacent.keys().distinct(partitions).map(lambda n: (n, n))
    for _ in range(MAX_ITERATIONS):
        offers = adjacent.join(labels, partitions).map(lambda x: (x[1][0], x[1][1]))
        updated = labels.union(offers).reduceByKey(min, partitions)
        updated.localCheckpoint()  # cut the lineage that grows by a join each round
        changed = updated.join(labels, partitions).filter(lambda x: x[1][0] != x[1][1]).count()
        labels = updated
        if not changed:
            break
    adjacent.unpersist()
    return labels


def by_block(items: RDD, labels: RDD | dict[int, int], partitions: int, alone: bool) -> RDD:
    """(block label, value) for each (key, value) of ``items``, so that the members of a
    block meet under its label. A key no edge touched is a block of its own (``alone``) or
    is dropped. Labels held on the driver are broadcast: a lookup instead of a join."""
    if isinstance(labels, dict):
        table = items.context.broadcast(labels)
        if alone:
            return items.map(lambda kv: (table.value.get(kv[0], kv[0]), kv[1]))
        return items.filter(lambda kv: kv[0] in table.value).map(
            lambda kv: (table.value[kv[0]], kv[1])
        )
    if alone:
        return items.leftOuterJoin(labels, partitions).map(
            lambda x: (x[1][1] if x[1][1] is not None else x[0], x[1][0])
        )
    return items.join(labels, partitions).map(lambda x: (x[1][1], x[1][0]))


def broadcast_if_small(pairs: RDD, limit: int) -> Broadcast | None:
    """A keyed RDD as a broadcast dict when it holds at most ``limit`` pairs (lookups then
    replace joins and their shuffles, as Spark SQL's broadcast joins do), else None."""
    if pairs.count() > limit:
        return None
    return pairs.context.broadcast(pairs.collectAsMap())


def _star(members: Iterable[int]) -> list[tuple[int, int]]:
    keys = sorted(set(members))
    return [(keys[0], k) for k in keys[1:]]


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


def _group(item: tuple[int, Iterable[BlockArticle]], now: datetime, params: GroupingParams):
    _, members = item
    members = list(members)
    assigned, stories = group_block(members, now, params)
    return [("a", key, story) for key, story in assigned.items()] + [
        ("s", key, asdict(story), len(members)) for key, story in stories.items()
    ]


def _digest(item: tuple[int, Iterable[dict[str, Any]]]) -> tuple[int, dict[str, Any]]:
    story_key, members = item
    ordered = sorted(members, key=lambda m: (m["published"] is None, m["published"] or "", m["id"]))
    sources = [
        Source(m["title"], m["body"], m["published"], m["outlet"], m["mentions"]) for m in ordered
    ]
    digest = story_digest(sources)
    digest["article_ids"] = [m["id"] for m in ordered]
    return story_key, digest


# -- output --------------------------------------------------------------------------------
_ARTICLE_ENTITY = T.StructType(
    [
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
        T.StructField("type", T.StringType()),
        T.StructField("text", T.StringType()),
    ]
)
_STORY_ENTITY = T.StructType(
    [
        T.StructField("text", T.StringType()),
        T.StructField("type", T.StringType()),
        T.StructField("count", T.LongType()),
        T.StructField("aliases", T.ArrayType(T.StringType())),
    ]
)


def _schema(fields: list[tuple[str, T.DataType]]) -> T.StructType:
    return T.StructType([T.StructField(name, kind) for name, kind in fields])


S, L = T.StringType(), T.LongType()
ARTICLES_SCHEMA = _schema(
    [
        ("id", L),
        ("external_id", S),
        ("source", S),
        ("locator", S),
        ("url", S),
        ("outlet", S),
        ("title", S),
        ("published", S),
        ("author", S),
        ("body", S),
        ("captions", T.ArrayType(S)),
        ("story_id", L),
        ("duplicate_of", L),
        ("duplicate_kind", S),
        ("entities", T.ArrayType(_ARTICLE_ENTITY)),
        ("kind", S),
        ("raw_hash", S),
        ("body_hash", S),
        ("signature", T.BinaryType()),
        ("features", S),
        ("mentions", S),
    ]
)
_STORY_DAY = T.StructType(
    [T.StructField("day", T.StringType()), T.StructField("articles", T.LongType())]
)
STORIES_SCHEMA = _schema(
    [
        ("id", L),
        ("title", S),
        ("summary", S),
        ("article_ids", T.ArrayType(L)),
        ("entities", T.ArrayType(_STORY_ENTITY)),
        ("dates", T.ArrayType(_STORY_DAY)),
        ("first_published", S),
        ("last_published", S),
        ("outlets", T.ArrayType(S)),
        ("size", L),
        ("last_article", L),
    ]
)
SKIPS_SCHEMA = _schema(
    [("id", L), ("source", S), ("locator", S), ("reason", S), ("detail", S), ("raw_hash", S)]
)


def _placed(key: int, story_table: Broadcast, copy_table: Broadcast) -> tuple | None:
    """(story, duplicate of, kind) of an article, from the broadcast tables."""
    stories, copies = story_table.value, copy_table.value
    if key in stories:
        return stories[key], None, None
    if key in copies:
        original, kind = copies[key]
        return stories[original], original, kind
    return None


def _article_row(item: tuple[int, tuple[dict[str, Any], tuple | None]]) -> tuple:
    _, (r, placed) = item
    story_id, duplicate_of, duplicate_kind = placed or (None, None, None)
    return (
        r["id"],
        r["external_id"],
        r["source"],
        r["locator"],
        r["url"],
        r["outlet"],
        r["title"],
        r["published"],
        r["author"],
        r["body"],
        r["captions"],
        story_id,
        duplicate_of,
        duplicate_kind,
        r["entities"],
        r["kind"],
        r["raw_hash"],
        r["body_hash"],
        dedup.pack(r["signature"]) if r["signature"] else None,
        json.dumps(r["features"], ensure_ascii=False),
        None if r["mentions"] is None else json.dumps(r["mentions"], ensure_ascii=False),
    )


def _story_row(item: tuple[int, tuple[dict[str, Any], dict[str, Any]]]) -> tuple:
    key, (story, digest) = item
    ids = digest["article_ids"]
    return (
        key,
        story["title"],
        digest["summary"],
        ids,
        digest["entities"],
        digest["dates"],
        story["first_published"],
        story["last_published"],
        digest["outlets"],
        len(ids),
        max(ids),
    )


# -- the job -------------------------------------------------------------------------------
def run(
    spark: SparkSession,
    paths: list[str],
    out: str,
    settings: Settings,
    params: GroupingParams | None = None,
    partitions: int | None = None,
) -> JobReport:
    """Run the batch pipeline over ``paths`` and write Parquet under ``out``."""
    started = time.monotonic()
    params = params or GroupingParams()
    sc = spark.sparkContext
    n = partitions or max(2, 2 * sc.defaultParallelism)
    now = vietnam_now()  # an undated article's time, as stored times are
    keep = StorageLevel.MEMORY_AND_DISK
    report = JobReport()
    local_edges = int(spark.conf.get("spark.diemtin.localEdges", str(LOCAL_EDGES)))
    local_keys = int(spark.conf.get("spark.diemtin.localKeys", str(LOCAL_KEYS)))

    # 1. Pages, each input once (the lowest key of a repeated one), then the pure steps.
    pages = read_pages(spark, paths, settings.max_bytes)
    read = sc.accumulator(0)

    def keyed(kp: tuple[int, Page]) -> tuple[str, tuple[int, Page]]:
        read.add(1)
        return input_hash(kp[1]), kp

    firsts = pages.map(keyed).reduceByKey(lambda a, b: a if a[0] <= b[0] else b, n)
    records = firsts.values().mapPartitions(lambda it: _process(it, settings)).persist(keep)
    report.counts["unchanged"] = -records.count()  # the pages read, less those processed
    report.counts["unchanged"] += read.value
    skips = records.filter(lambda r: r["skip"])
    articles = records.filter(lambda r: not r["skip"]).persist(keep)
    for reason, count in skips.map(lambda r: r["reason"]).countByValue().items():
        report.counts[f"skipped:{reason}"] = count

    # 2. Near-duplicates, decided inside blocks of articles that share an LSH band.
    buckets = articles.flatMap(
        lambda r: [((i, h), r["id"]) for i, h in enumerate(dedup.bands(r["signature"]))]
    )
    links = buckets.groupByKey(n).flatMap(lambda kv: _star(kv[1]))
    labels = components(links, n, local_edges)
    fingerprints = articles.map(lambda r: (r["id"], (r["id"], r["body_hash"], r["signature"])))
    threshold = settings.near_duplicate
    verdicts = (
        by_block(fingerprints, labels, n, alone=False)
        .groupByKey(n)
        .flatMap(lambda kv: resolve_duplicates(list(kv[1]), threshold).items())
        .filter(lambda kv: kv[1][0] is not None)
        .persist(keep)
    )  # (key, (duplicate_of, kind)) for the copies only
    copy_table = broadcast_if_small(verdicts, local_keys)
    by_key = articles.map(lambda r: (r["id"], r))
    if copy_table is None:
        story_fields = articles.map(lambda r: (r["id"], {k: r[k] for k in STORY_FIELDS}))
        originals = story_fields.subtractByKey(verdicts, n).values()
    else:
        originals = articles.filter(lambda r: r["id"] not in copy_table.value).map(
            lambda r: {k: r[k] for k in STORY_FIELDS}
        )
    originals = originals.persist(keep)

    # 3. Stories. Document frequencies as the incremental grouper counts them.
    postings = originals.flatMap(
        lambda r: [(t, (r["id"], i)) for i, t in enumerate(vector_terms(r["features"]))]
    )
    ranks = postings.groupByKey(n).mapPartitions(_rank_postings)  # (key, (0, codes))
    totals = originals.map(lambda r: r["id"]).sortBy(lambda k: k, numPartitions=n)
    totals = totals.zipWithIndex().map(lambda ki: (ki[0], (-2, ki[1] + 1)))
    views = originals.map(lambda r: (r["id"], (-1, (r["title"], r["published"], r["features"]))))
    block_articles = (  # one shuffle brings an article's total, fields and frequencies
        sc.union([totals, views, ranks])
        .groupByKey(n)
        .map(lambda item: _block_article(item, params))
        .persist(keep)
    )
    far = timedelta(days=params.far_days).total_seconds()
    stamps = block_articles.flatMap(
        lambda kv: [(t, (kv[0], _epoch(kv[1].published))) for t in kv[1].query]
    )
    pairs = stamps.groupByKey(n).flatMap(lambda kv: _posting_pairs(kv[1], far))
    packed = block_articles.mapValues(lambda a: pack_views(a.vectors, params)).persist(keep)
    offers = pairs.cogroup(packed, n).flatMap(_offers)
    scored = offers.cogroup(packed, n).flatMap(lambda item: _links(item, params))
    story_blocks = components(scored, n, local_edges)
    grouped = (
        by_block(block_articles, story_blocks, n, alone=True)
        .groupByKey(n)
        .flatMap(lambda kv: _group(kv, now, params))
        .persist(keep)
    )
    story_of = grouped.filter(lambda x: x[0] == "a").map(lambda x: (x[1], x[2])).persist(keep)
    stories = grouped.filter(lambda x: x[0] == "s").map(lambda x: (x[1], x[2]))
    report.largest_block = grouped.filter(lambda x: x[0] == "s").map(lambda x: x[3]).fold(0, max)

    # 4. Digests per story; every article placed; Parquet out.
    story_table = broadcast_if_small(story_of, local_keys) if copy_table is not None else None
    if story_table is None:
        members = (
            originals.map(lambda r: (r["id"], {k: r[k] for k in DIGEST_FIELDS}))
            .join(story_of, n)
            .map(lambda x: (x[1][1], x[1][0]))
        )
        copies = verdicts.map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        placed = story_of.map(lambda kv: (kv[0], (kv[1], None, None))).union(
            copies.join(story_of, n).map(lambda x: (x[1][0][0], (x[1][1], x[0], x[1][0][1])))
        )
        article_rows = by_key.leftOuterJoin(placed, n).map(_article_row)
    else:
        members = originals.map(
            lambda r: (story_table.value[r["id"]], {k: r[k] for k in DIGEST_FIELDS})
        )
        article_rows = by_key.map(
            lambda kv: _article_row((kv[0], (kv[1], _placed(kv[0], story_table, copy_table))))
        )
    digests = members.groupByKey(n).map(_digest)
    story_rows = stories.join(digests, n).map(_story_row)
    skip_rows = skips.map(
        lambda r: (r["id"], r["source"], r["locator"], r["reason"], r["detail"], r["raw_hash"])
    )
    target = out.rstrip("/")
    # Cached as columns: the sort's sampling pass fills the cache and the sort reads it, instead
    # of running the join and the rows' conversion twice.
    articles_frame = spark.createDataFrame(article_rows, ARTICLES_SCHEMA).persist(keep)
    articles_frame.orderBy("id").write.mode("overwrite").parquet(f"{target}/articles")
    stories_frame = spark.createDataFrame(story_rows, STORIES_SCHEMA).orderBy("last_article")
    stories_frame.write.mode("overwrite").parquet(f"{target}/stories")
    spark.createDataFrame(skip_rows, SKIPS_SCHEMA).orderBy("id").write.mode("overwrite").parquet(
        f"{target}/skips"
    )
    report.counts["duplicate"] = verdicts.count()
    report.counts["stored"] = originals.count()
    report.stories = spark.read.parquet(f"{target}/stories").count()
    articles_frame.unpersist()
    for rdd in (records, articles, verdicts, originals, block_articles, packed, grouped, story_of):
        rdd.unpersist()
    report.seconds = time.monotonic() - started
    return report


__all__ = ["BlockStory", "JobReport", "run", "session"]
