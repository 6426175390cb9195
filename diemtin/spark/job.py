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

The parts: :mod:`.inputs` (pages and per-document records), :mod:`.blocks` (connected
blocks), :mod:`.pairs` (document frequencies and candidate pairs), :mod:`.rows` (Parquet);
this module drives them."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import SparkSession

from diemtin import dedup
from diemtin.batch import BlockArticle, BlockStory, group_block, resolve_duplicates
from diemtin.config import Settings
from diemtin.model import Page
from diemtin.pipeline import input_hash, skipped_summary
from diemtin.spark.blocks import (
    LOCAL_EDGES,
    LOCAL_KEYS,
    _star,
    broadcast_if_small,
    by_block,
    components,
)
from diemtin.spark.inputs import _process, read_pages
from diemtin.spark.pairs import (
    _block_article,
    _epoch,
    _links,
    _offers,
    _posting_pairs,
    _rank_postings,
    pack_views,
)
from diemtin.spark.rows import (
    ARTICLES_SCHEMA,
    SKIPS_SCHEMA,
    STORIES_SCHEMA,
    _article_row,
    _placed,
    _story_row,
)
from diemtin.stories.digest import Source, story_digest
from diemtin.stories.grouping import (
    GroupingParams,
    vector_terms,
)
from diemtin.vi.clock import vietnam_now

# What the story steps read of an article, and what a digest reads: only these are shuffled.
DIGEST_FIELDS = ("id", "title", "published", "outlet", "body", "mentions")
STORY_FIELDS = (*DIGEST_FIELDS, "features")


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
