"""The Parquet output: the ``articles``, ``stories`` and ``skips`` schemas (the export's
columns) and the rows built from each article's record, its story and its copy."""

from __future__ import annotations

import json
from typing import Any

from pyspark.broadcast import Broadcast
from pyspark.sql import types as T

from diemtin import dedup

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
