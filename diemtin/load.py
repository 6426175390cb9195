"""``diemtin load``: the Parquet output of the Spark job into the SQLite store.

The batch job has decided everything; loading keeps its decisions and builds what the
store needs to go on incrementally afterwards: search rows, LSH bands, document
frequencies and story centroids, filed in the job's order (its article ids) with the
grouper's own code, each article into the story the job chose. A story's digest comes
from the job once all its articles are in. Batches commit atomically and inputs already
in the store are passed over, so a load is idempotent and an interrupted load resumes;
an original that copies an article the store held before is stored as its duplicate.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from diemtin import dedup
from diemtin.config import Settings
from diemtin.model import Article, Skip
from diemtin.pipeline import IngestReport, refresh_digest
from diemtin.store.sqlite import Store
from diemtin.stories.grouping import StoryGrouper
from diemtin.vi.clock import vietnam_now
from diemtin.vi.normalize import storable


def _rows(folder: Path, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """Row batches of a Parquet folder, file by file in name order (the job wrote each
    folder sorted, so this is its order)."""
    import pyarrow.parquet as pq

    for part in sorted(folder.glob("*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=batch_size):
            yield batch.to_pylist()


def _article(row: dict[str, Any]) -> Article:
    return Article(
        title=row["title"] or "",
        body=row["body"] or "",
        source=row["source"] or "",
        locator=row["locator"] or "",
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        author=row["author"],
        captions=list(row["captions"] or []),
        external_id=row["external_id"],
        kind=row["kind"] or "",
        raw_hash=row["raw_hash"],
        body_hash=row["body_hash"] or "",
        signature=dedup.unpack(row["signature"]) if row["signature"] else [],
        story_features=json.loads(row["features"] or "{}"),
        mentions=None if row["mentions"] is None else json.loads(row["mentions"]),
    )


def check_output(folder: Path) -> None:
    """Raise ValueError unless ``folder`` holds the job's three Parquet folders."""
    missing = [n for n in ("articles", "stories", "skips") if not (folder / n).is_dir()]
    if missing:
        raise ValueError(f"{folder} is not the output of 'diemtin spark' (no {missing[0]}/)")


class _Digests:
    """The job's stories in the order they complete (their last article id)."""

    def __init__(self, folder: Path, batch_size: int) -> None:
        self._batches = _rows(folder, batch_size)
        self._queue: list[dict[str, Any]] = []

    def completed(self, last_id: int) -> Iterator[dict[str, Any]]:
        while True:
            if not self._queue:
                self._queue = next(self._batches, [])[::-1]
                if not self._queue:
                    return
            if self._queue[-1]["last_article"] > last_id:
                return
            yield self._queue.pop()


def load(
    folder: str | Path,
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Load the job's output under ``folder`` into ``store``."""
    folder = Path(folder)
    check_output(folder)
    report = IngestReport()
    report.run_id = store.start_run(f"load {storable(str(folder))}")
    started = time.monotonic()
    now = vietnam_now()  # an undated article's time, as stored times are
    grouper = StoryGrouper(store)
    placed: dict[int, int] = {}  # job article id -> store article id
    stories: dict[int, int] = {}  # job story id (its first article's id) -> store story id
    open_stories: set[int] = set()  # store stories whose job digest is still to come
    digests = _Digests(folder / "stories", settings.batch_size)
    try:
        for rows in _rows(folder / "skips", settings.batch_size):
            done = store.input_articles([r["raw_hash"] for r in rows])
            with store.transaction():
                for r in rows:
                    if r["raw_hash"] in done:
                        report.counts["unchanged"] += 1
                        continue
                    skip = Skip(
                        r["source"], r["locator"], r["reason"], r["detail"] or "", r["raw_hash"]
                    )
                    store.add_skip(skip, report.run_id)
                    report.counts[f"skipped:{r['reason']}"] += 1
        for rows in _rows(folder / "articles", settings.batch_size):
            done = store.input_articles([r["raw_hash"] for r in rows])
            with store.transaction():
                touched: set[int] = set()
                for row in rows:
                    known = done.get(row["raw_hash"])
                    if known is not None:
                        placed[row["id"]] = known
                        report.counts["unchanged"] += 1
                        continue
                    story_id = _file(row, store, settings, grouper, placed, stories, now, report)
                    if stories.get(row["story_id"]) == story_id:
                        open_stories.add(story_id)
                    touched.add(story_id)
                grouper.flush()
                for story in digests.completed(rows[-1]["id"]):
                    story_id = stories.get(story["id"])
                    if story_id is None:
                        continue
                    open_stories.discard(story_id)
                    size = store.story_size(story_id)
                    if story_id in touched and size == story["size"]:
                        store.save_digest(story_id, story, size)
                        touched.discard(story_id)
                for story_id in sorted(touched - open_stories):
                    refresh_digest(store, story_id)
            report.seconds = time.monotonic() - started
            if progress is not None:
                progress(report)
    finally:
        report.seconds = time.monotonic() - started
        store.finish_run(report.run_id, dict(report.counts))
    return report


def _file(
    row: dict[str, Any],
    store: Store,
    settings: Settings,
    grouper: StoryGrouper,
    placed: dict[int, int],
    stories: dict[int, int],
    now: datetime,
    report: IngestReport,
) -> int:
    """Store one article of the job's output; return its store story."""
    article = _article(row)
    copy_of = placed.get(row["duplicate_of"]) if row["duplicate_of"] is not None else None
    kind = row["duplicate_kind"]
    if copy_of is None:  # the job's original may copy what the store held before
        verdict = dedup.find_duplicate(
            store, article.body_hash, article.signature, settings.near_duplicate
        )
        copy_of, kind = verdict.duplicate_of, verdict.kind
    if copy_of is not None:
        article.duplicate_of = copy_of
        article_id = store.add_article(article, report.run_id, kind)
        story_id = store.article_story(copy_of)
        report.counts["duplicate"] += 1
    else:
        article_id = store.add_article(article, report.run_id, None)
        store.add_bands(article_id, dedup.bands(article.signature))
        into = stories.get(row["story_id"])
        if into is None and row["story_id"] in placed:  # a resumed load: its first article
            into = store.article_story(placed[row["story_id"]])
        vectors, query = grouper.vectors(article.story_features)
        story_id = grouper.file(article.title, vectors, query, article.published, now, into or 0)
        stories[row["story_id"]] = story_id
        report.counts["stored"] += 1
    placed[row["id"]] = article_id
    if story_id is not None:
        store.set_article_story(article_id, story_id)
    return story_id  # type: ignore[return-value]
