"""Composes the steps: read -> extract/normalise/fingerprint (pure, in workers) -> deduplicate
-> store, in batches that commit atomically.

A batch is the unit of resume: its inputs, articles, LSH bands and search rows are written
in one transaction, so a run killed at any point leaves the store as it was after the last
whole batch, and a re-run skips every input already recorded. Each document gets a time
budget; a page that exceeds it or is bad in any way becomes a counted skip.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice

from diemtin import dedup
from diemtin.config import Settings
from diemtin.extract import extract, page_hash
from diemtin.model import Article, Page, Skip, SkipPage
from diemtin.sources.files import iter_pages
from diemtin.store.sqlite import Store
from diemtin.stories.digest import Source, entity_mentions, story_digest
from diemtin.stories.features import body_entities, entity_text, story_features
from diemtin.stories.grouping import StoryGrouper
from diemtin.vi.clock import vietnam_now
from diemtin.vi.entities import find_entities
from diemtin.vi.normalize import storable

# Batches the workers may process ahead of the writer: with two, the pool still has a
# batch to work on when it finishes one before the writer has stored the one before.
AHEAD = 2
# How often a worker looks whether the ingest that started it is still there.
PARENT_POLL_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """Pool initializer: a worker whose ingest was killed (SIGKILL gives it no time to stop
    its pool) exits, instead of waiting for ever on a task queue nobody writes to."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _Timeout(Exception):
    pass


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread of a process only; else no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def input_hash(page: Page) -> str:
    """The identity of an input for resume; reader-made skips are keyed by their place."""
    if page.kind.startswith("skip:"):
        key = f"{page.source}\x00{page.locator}\x00{page.kind}".encode()
        return hashlib.sha1(key + (page.content or b"")).hexdigest()
    return page_hash(page)


def process_page(page: Page, settings: Settings, with_entities: bool = True) -> Article | Skip:
    """The per-document steps, a pure function of the page: the same in a pool or in Spark.
    ``with_entities``: keep the body's entities with their offsets (the Spark job's and
    ``extract``'s output); ingest stores only their counts and leaves them behind, which
    spares building and sending them between processes (0.2 ms of an article's ~10)."""
    raw = input_hash(page)
    if page.kind.startswith("skip:"):
        detail = (page.text or "")[:300]
        return Skip(page.source, page.locator, page.kind[5:], detail, raw)
    try:
        with time_budget(settings.time_budget):
            article = extract(page, settings)
            article.body_hash, article.signature = dedup.fingerprint(
                article.body, settings.num_perm, settings.shingle_size
            )
            # One pass of the entity finder serves grouping and the digest.
            entities = find_entities(entity_text(article.title, article.body))
            article.story_features = story_features(
                article.title, article.body, entities, article.published
            )
            article.mentions = entity_mentions(article.title, article.body, entities)
            if with_entities:
                article.entities = body_entities(article.title, article.body, entities)
    except SkipPage as exc:
        return Skip(page.source, page.locator, exc.reason, exc.detail, raw)
    except _Timeout:
        return Skip(page.source, page.locator, "timeout", f"over {settings.time_budget}s", raw)
    except Exception as exc:
        if settings.errors == "raise":
            raise
        return Skip(page.source, page.locator, "error", f"{type(exc).__name__}: {exc}", raw)
    article.raw_hash = raw
    return article


def ingest_page(page: Page, settings: Settings) -> Article | Skip:
    """:func:`process_page` as ingest runs it: without the body's entities."""
    return process_page(page, settings, with_entities=False)


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    failed_inputs: list[str] = field(default_factory=list)
    run_id: int = 0
    seconds: float = 0.0
    # Seconds spent in the writer's cross-document steps (what the workers cannot share).
    timings: Counter[str] = field(default_factory=Counter)

    @property
    def processed(self) -> int:
        return sum(v for k, v in self.counts.items() if k != "unchanged")

    def summary(self) -> str:
        order = ["stored", "duplicate", "unchanged"]
        parts = [f"{k} {self.counts[k]}" for k in order if self.counts.get(k)]
        if skipped := skipped_summary(self.counts):
            parts.append(skipped)
        done = f"{', '.join(parts) or 'nothing to do'} in {self.seconds:.1f}s"
        if not self.processed or self.seconds <= 0:  # a re-run that had nothing new
            return done
        return f"{done} ({self.processed / self.seconds:.0f} pages/s)"


def skip_line(skip: Skip) -> str:
    """A skip as one line a user reads: "skipped SOURCE LOCATOR: reason (detail)"."""
    where = f"{skip.source} {skip.locator}".strip()
    return f"skipped {where}: {skip.reason}" + (f" ({skip.detail})" if skip.detail else "")


# What ``ingest`` tells a ``log`` at each level (the CLI's ``-v``, ``-vv``).
SKIPS, ARTICLES = 1, 2
Log = Callable[[int, str], None]


def skipped_summary(counts: Counter[str]) -> str:
    """``skipped N (reason n, ...)`` for the skip counts, or "" when nothing was skipped."""
    skips = sorted((k[8:], v) for k, v in counts.items() if k.startswith("skipped:"))
    if not skips:
        return ""
    return f"skipped {sum(v for _, v in skips)} (" + ", ".join(f"{k} {v}" for k, v in skips) + ")"


def _batches(items: Iterable[Page], size: int) -> Iterator[list[Page]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _store_results(
    store: Store,
    results: list[Article | Skip],
    settings: Settings,
    run_id: int,
    report: IngestReport,
    grouper: StoryGrouper,
    log: Log | None = None,
) -> set[int]:
    """Write one batch in one transaction; return the stories it changed. ``log`` hears of
    each skip (level ``SKIPS``) and of each article stored, with its story (``ARTICLES``)."""
    now = vietnam_now()  # an undated article's time, as stored times are
    touched: set[int] = set()
    with store.transaction():
        started, cpu = time.perf_counter(), time.thread_time()
        grouper.prefetch(r.story_features for r in results if isinstance(r, Article))
        report.timings["group"] += time.perf_counter() - started
        report.timings["group_cpu"] += time.thread_time() - cpu
        for result in results:
            if isinstance(result, Skip):
                store.add_skip(result, run_id)
                report.counts[f"skipped:{result.reason}"] += 1
                if log is not None:
                    log(SKIPS, skip_line(result))
                if result.reason in {"not_found", "unreadable"}:
                    report.failed_inputs.append(result.source)
                continue
            verdict = dedup.find_duplicate(
                store, result.body_hash, result.signature, settings.near_duplicate
            )
            result.duplicate_of = verdict.duplicate_of
            kind = None if verdict.duplicate_of is None else verdict.kind
            article_id = store.add_article(result, run_id, kind)
            if verdict.duplicate_of is None:
                store.add_bands(article_id, dedup.bands(result.signature))
                started, cpu = time.perf_counter(), time.thread_time()
                story_id = grouper.add(result.title, result.story_features, result.published, now)
                report.timings["group"] += time.perf_counter() - started
                report.timings["group_cpu"] += time.thread_time() - cpu
                report.counts["stored"] += 1
            else:  # a syndicated copy belongs to the story of its original
                story_id = store.article_story(verdict.duplicate_of)
                report.counts["duplicate"] += 1
            if story_id is not None:
                store.set_article_story(article_id, story_id)
                touched.add(story_id)
            if log is not None:
                copy = "" if kind is None else f", {kind} copy of [{verdict.duplicate_of}],"
                story = "" if story_id is None else f" in story {story_id}"
                log(ARTICLES, f"stored [{article_id}]{copy}{story}: {result.title}")
        grouper.flush()  # document frequencies commit with the batch
    return touched


def story_sources(store: Store, story_id: int) -> list[Source]:
    """A story's articles as its digest reads them."""
    return [Source.of(a) for a in store.story_articles(story_id)]


def refresh_digest(store: Store, story_id: int) -> None:
    """Recompute and store one story's digest from its articles."""
    sources = story_sources(store, story_id)
    store.save_digest(story_id, story_digest(sources), len(sources))


def refresh_digests(
    store: Store, story_ids: Iterable[int], pool: Executor | None = None, chunk: int = 256
) -> None:
    """Recompute the digests of these stories, in the pool when there is one (a digest is a
    pure function of the story's articles); each chunk commits on its own.

    Digests are refreshed in bulk rather than after every batch: a story that grows over
    many batches is summarised once, and the work runs beside the next pages'."""
    ids = sorted(set(story_ids))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        sources = [story_sources(store, i) for i in part]
        if pool is not None:
            digests = list(pool.map(story_digest, sources, chunksize=4))
        else:
            digests = [story_digest(s) for s in sources]
        with store.transaction():
            for story_id, source, digest in zip(part, sources, digests, strict=True):
                store.save_digest(story_id, digest, len(source))


def _digests(story_sources: list[list[Source]]) -> list[dict[str, object]]:
    return [story_digest(s) for s in story_sources]


class DigestQueue:
    """Story digests computed in the pool while the writer goes on storing pages, and
    saved in the order they were asked for once done (so an older digest never overwrites
    a newer one). A digest of fewer articles than its story has by then leaves the story
    stale, to be refreshed again; one cancelled by an interruption leaves it stale too."""

    def __init__(self, store: Store, pool: Executor, chunk: int = 8) -> None:
        self.store, self.pool, self.chunk = store, pool, chunk
        self._waiting: deque[tuple[list[int], list[int], Future[list[dict[str, object]]]]] = deque()

    def submit(self, story_ids: Iterable[int]) -> None:
        ids = sorted(set(story_ids))
        for start in range(0, len(ids), self.chunk):
            part = ids[start : start + self.chunk]
            sources = [story_sources(self.store, i) for i in part]
            future = self.pool.submit(_digests, sources)
            self._waiting.append((part, [len(s) for s in sources], future))

    def save_done(self, wait: bool = False) -> None:
        """Save the digests that are ready (all of them with ``wait``), in one transaction."""
        ready = []
        while self._waiting and (wait or self._waiting[0][2].done()):
            ready.append(self._waiting.popleft())
        if ready:
            with self.store.transaction():
                for part, sizes, future in ready:
                    for story_id, size, digest in zip(part, sizes, future.result(), strict=True):
                        self.store.save_digest(story_id, digest, size)


def ingest(
    paths: list[str],
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
    pages: Iterable[Page] | None = None,
    log: Log | None = None,
) -> IngestReport:
    """Ingest every page under ``paths`` (or the given ``pages``) into ``store``.

    With workers, the next ``AHEAD`` batches are being processed while the writer stores
    the current one (the writer is the one step that cannot be shared), and stories changed
    by the run get their digests computed in the pool, beside the pages, every
    ``digest_every`` stories, and at the end. Stories an interrupted run left behind are
    refreshed first. ``log`` hears of each skip and each article as they are stored."""
    report = IngestReport()
    report.run_id = store.start_run("ingest " + " ".join(map(storable, paths)))
    started = time.monotonic()
    workers = settings.workers or len(os.sched_getaffinity(0)) or 1
    source = pages if pages is not None else iter_pages(paths, settings.max_bytes)
    batches = _batches(source, settings.batch_size)
    pool: ProcessPoolExecutor | None = None
    queue: DigestQueue | None = None
    grouper = StoryGrouper(store)
    stale: set[int] = set(store.stale_stories())
    inflight: deque[tuple[set[str], Iterator[Article | Skip]]] = deque()
    pending: set[str] = set()  # inputs of batches in flight, so a repeat is not done twice

    def write_oldest() -> None:
        keys, results = inflight.popleft()
        touched = _store_results(
            store, list(results), settings, report.run_id, report, grouper, log
        )
        pending.difference_update(keys)
        stale.update(touched)
        if queue is not None:
            begun = time.perf_counter()
            queue.save_done()
            if len(stale) >= settings.digest_every:
                queue.submit(stale)
                stale.clear()
            report.timings["digest"] += time.perf_counter() - begun
        elif len(stale) >= settings.digest_every:
            digest(stale)
        report.seconds = time.monotonic() - started
        if progress is not None:
            progress(report)

    def digest(story_ids: set[int]) -> None:
        begun = time.perf_counter()
        if queue is not None:
            # first what was asked before; a story that grew since is in ``story_ids`` again
            queue.save_done(wait=True)
        refresh_digests(store, story_ids, pool)
        story_ids.clear()
        report.timings["digest"] += time.perf_counter() - begun

    try:
        # An input of one batch is done in this process: starting workers would cost more.
        ahead = list(islice(batches, 2))
        if workers > 1 and len(ahead) > 1:
            pool = ProcessPoolExecutor(
                max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
            )
            queue = DigestQueue(store, pool)
        for batch in chain(ahead, batches):
            keyed = [(input_hash(p), p) for p in batch]
            done = store.seen([k for k, _ in keyed])
            todo: list[Page] = []
            keys: set[str] = set()
            for key, page in keyed:
                if key in done or key in pending:
                    report.counts["unchanged"] += 1
                else:
                    pending.add(key)
                    keys.add(key)
                    todo.append(page)
            if pool is not None:
                results = pool.map(ingest_page, todo, [settings] * len(todo), chunksize=4)
            else:
                results = iter([ingest_page(p, settings) for p in todo])
            inflight.append((keys, results))
            if len(inflight) > AHEAD:
                write_oldest()
        while inflight:
            write_oldest()
        digest(stale)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        report.seconds = time.monotonic() - started
        store.finish_run(report.run_id, dict(report.counts))
    return report


def log_printer(verbosity: int, stream=sys.stderr) -> Log:
    """Print what ``ingest`` logs up to ``verbosity`` (the CLI's ``-v`` count), each line
    over the progress display when there is one."""

    def show(level: int, line: str) -> None:
        if level <= verbosity:
            stream.write(("\r\x1b[K" if stream.isatty() else "") + f"diemtin: {line}\n")

    return show


def progress_printer(stream=sys.stderr, every: float = 0.5) -> Callable[[IngestReport], None]:
    """A one-line progress display on a terminal: counts and rate, redrawn in place."""
    last = [0.0]
    tty = stream.isatty()

    def show(report: IngestReport) -> None:
        now = time.monotonic()
        if not tty or now - last[0] < every:
            return
        last[0] = now
        rate = report.processed / report.seconds if report.seconds else 0.0
        c = report.counts
        skipped = sum(v for k, v in c.items() if k.startswith("skipped:"))
        stream.write(
            f"\r[ingest] {report.processed + c['unchanged']} pages | stored {c['stored']}"
            f" | duplicate {c['duplicate']} | skipped {skipped} | unchanged {c['unchanged']}"
            f" | {rate:.0f}/s "
        )
        stream.flush()

    return show
