"""The job's inputs: files, folders and WARCs listed on the driver (Hadoop and S3 URLs through
Spark), read where each task runs, each page with its order key (the order ``diemtin ingest``
reads them in), and run through :func:`diemtin.pipeline.process_page` into plain records."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pyspark import RDD
from pyspark.sql import SparkSession

from diemtin.config import Settings
from diemtin.model import Article, Page, Skip
from diemtin.pipeline import process_page
from diemtin.sources.files import expand, iter_pages, pages_from_handle

SEQ_BITS = 32  # an order key is (input index << SEQ_BITS) | record index


def order_key(input_index: int, record: int) -> int:
    return (input_index << SEQ_BITS) | record


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
