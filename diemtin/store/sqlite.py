"""The SQLite store: schema, migrations, writes, FTS5 search. The only module that speaks SQL.

One file, WAL mode (one writer, many readers), a versioned schema migrated forward on open
(``PRAGMA user_version``). Every input the pipeline has seen is recorded in ``inputs`` by the
hash of its raw bytes, with its outcome, so that a re-run skips it and a run killed midway
resumes where its last committed batch ended. Search runs over a shadow copy of title and
body folded for search (lowercase, no diacritics, đ -> d) in an FTS5 table, its rows keyed
by publish time so that a match list reads newest first (:func:`search_key`); because folding
keeps one character per character, match offsets in the folded text are offsets in the
original, and snippets are cut from the original accented text.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from diemtin.dedup import pack
from diemtin.model import Article, Skip
from diemtin.vi.clock import parse_moment
from diemtin.vi.normalize import fold, key_form

MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: articles, inputs, runs, LSH bands, search index
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        command TEXT,
        counts TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        external_id TEXT,
        source TEXT,
        locator TEXT,
        url TEXT,
        outlet TEXT,
        title TEXT NOT NULL,
        published TEXT,
        author TEXT,
        body TEXT NOT NULL,
        captions TEXT NOT NULL DEFAULT '[]',
        kind TEXT,
        body_hash TEXT NOT NULL,
        signature BLOB,
        duplicate_of INTEGER REFERENCES articles(id),
        duplicate_kind TEXT,
        story_id INTEGER,
        run_id INTEGER REFERENCES runs(id),
        created TEXT NOT NULL
    );
    CREATE INDEX articles_body_hash ON articles(body_hash) WHERE duplicate_of IS NULL;
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE inputs (
        raw_hash TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        locator TEXT NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT,
        detail TEXT,
        article_id INTEGER REFERENCES articles(id),
        run_id INTEGER REFERENCES runs(id),
        seen_at TEXT NOT NULL
    );
    CREATE INDEX inputs_outcome ON inputs(outcome, reason);
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    CREATE INDEX lsh_bands_lookup ON lsh_bands(band, hash);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: stories, their term index, and document frequencies for story grouping
    """
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        title_score REAL NOT NULL DEFAULT 0,
        size INTEGER NOT NULL,
        first_published TEXT NOT NULL,
        last_published TEXT NOT NULL,
        centroid BLOB NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX stories_last ON stories(last_published);
    CREATE TABLE story_terms (
        term TEXT NOT NULL,
        last_published TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        PRIMARY KEY (term, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_terms_recent ON story_terms(term, last_published);
    CREATE INDEX story_terms_story ON story_terms(story_id);
    CREATE INDEX articles_story ON articles(story_id);
    """,
    # 3: stored digests (written at ingest, so a reader never computes one) and the
    # entity index behind entity pages and related stories
    """
    ALTER TABLE stories ADD COLUMN summary TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN outlet_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN digest_size INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE story_entities (
        key TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        count INTEGER NOT NULL,
        last_published TEXT NOT NULL,
        PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_entities_story ON story_entities(story_id);
    CREATE INDEX story_entities_recent ON story_entities(key, last_published);
    """,
    # 4: a search index of titles alone: a title level of search then reads short posting
    # lists, where a column filter on articles_fts walks every body holding the word
    """
    CREATE VIRTUAL TABLE titles_fts USING fts5(
        title, tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO titles_fts(rowid, title) SELECT rowid, title FROM articles_fts;
    """,
    # 5: what `diemtin watch` knows of each feed (conditional GET validators, health) and
    # of each item it has seen (pending until its page is ingested, then done or failed)
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        checked TEXT,
        status INTEGER,
        error TEXT,
        failures INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_items (
        feed TEXT NOT NULL,
        key TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT,
        published TEXT,
        seen TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        detail TEXT,
        PRIMARY KEY (feed, key)
    );
    CREATE INDEX feed_items_state ON feed_items(state, seen);
    """,
    # 6: each article's entity mentions, found at extraction (NULL: not known, count anew)
    """
    ALTER TABLE articles ADD COLUMN mentions TEXT;
    """,
    # 7: stories whose digest is behind their articles (digests are refreshed in bulk at the
    # end of an ingest; a run killed before that leaves them here for the next run)
    """
    CREATE INDEX stories_stale ON stories(id) WHERE digest_size != size;
    """,
    # 8: writes that stay local as the store grows. A batch's frequencies go to a small
    # table folded into the large one now and then (upserts spread over the large table
    # dirtied most of its pages every batch); the story-term key serves the time-range
    # lookup itself, one tree fewer to write than with a separate index.
    """
    CREATE TABLE term_df_recent (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE story_terms_keyed (
        term TEXT NOT NULL,
        last_published TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        PRIMARY KEY (term, last_published, story_id)
    ) WITHOUT ROWID;
    INSERT INTO story_terms_keyed SELECT term, last_published, story_id FROM story_terms;
    DROP TABLE story_terms;
    ALTER TABLE story_terms_keyed RENAME TO story_terms;
    CREATE INDEX story_terms_story ON story_terms(story_id);
    """,
    # 9: search rows keyed by publish time (see search_key), so that a search lists each
    # level's matches newest first whatever order they were stored in
    lambda conn: _key_search_rows(conn),
    # 10: the days a story's articles name, with its digest (an older digest has none until
    # its story grows or is digested again)
    """
    ALTER TABLE stories ADD COLUMN dates TEXT NOT NULL DEFAULT '[]';
    """,
]

_QUERY_TOKEN = re.compile(r"\w+")
FUTURE_CHECKED = 50  # newest stories checked for a publish time after they were stored
SEARCH_RECENT = 250  # BM25 ranks this many of the latest matches when no level matched
READER_MMAP_BYTES = 1 << 30
WRITER_CACHE_KIB = 131072  # 128 MiB of page cache for the ingest writer (SQLite's default: 2 MiB)
FOLD_DOCUMENTS = 2_000  # documents counted into term_df_recent between folds
WAL_CHECKPOINT_PAGES = 16384  # 64 MiB of WAL between checkpoints (default 1,000 pages)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


ID_BITS = 32  # an article id is the low bits of its search key
ID_MASK = (1 << ID_BITS) - 1
_MINUTES = 1 << (63 - ID_BITS)  # publish minutes either side of 1970 a key can hold
_EPOCH = datetime(1970, 1, 1)


def search_key(article_id: int, published: str | None) -> int:
    """An article's rowid in the search tables: its publish minute (Vietnam's clock, as
    story spans use) above its id; an undated article below every dated one, so that a
    newest-first list shows what is known to be recent before what may be of any age.

    FTS5 reads a match list in rowid order at no cost and sorting by anything else means
    reading all of it; with this key, each level's newest-first scan is newest by publish
    time, however the articles arrived (a backfill after a live feed, a Spark load)."""
    if not 0 < article_id <= ID_MASK:
        raise StoreError(f"article id {article_id} is beyond the {ID_MASK:,} a search key holds")
    minutes = -_MINUTES  # undated
    moment = parse_moment(published)
    if moment is not None:
        minutes = (moment - _EPOCH) // timedelta(minutes=1)
        minutes = max(1 - _MINUTES, min(_MINUTES - 1, minutes))
    return (minutes << ID_BITS) | article_id


def _key_search_rows(conn: sqlite3.Connection, chunk: int = 2_000) -> None:
    """Migration 9: re-key the search rows, stored until then under the article's id (so
    every old rowid is at most ``ID_MASK`` and no new key, a minute since 1970 above it, is
    one of them), a chunk of ids at a time to bound memory."""
    last = conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
    for low in range(1, last + 1, chunk):
        high = min(low + chunk - 1, ID_MASK)
        keys = {
            row[0]: search_key(*row)
            for row in conn.execute(
                "SELECT id, published FROM articles WHERE id BETWEEN ? AND ?",
                (low, high),
            )
        }
        for table, columns in (("articles_fts", "title, body"), ("titles_fts", "title")):
            rows = conn.execute(
                f"SELECT rowid, {columns} FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high)
            ).fetchall()
            conn.execute(f"DELETE FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high))
            marks = ", ".join("?" * (len(columns.split(",")) + 1))
            conn.executemany(
                f"INSERT INTO {table}(rowid, {columns}) VALUES ({marks})",
                [(keys[row[0]], *row[1:]) for row in rows if row[0] in keys],
            )


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str
    score: float
    story_id: int | None = None
    story_title: str | None = None
    story_size: int = 0


class StoreError(Exception):
    """A store that cannot be opened or queried as asked (bad path, newer schema, timeout)."""


def _upgrade(path: str) -> None:
    """Bring an older store's schema up to date before a read-only open (reads would
    otherwise fail on tables the older diemtin did not have)."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    if 0 < version < len(MIGRATIONS):
        try:
            Store(path).close()  # a writable open migrates
        except (sqlite3.Error, StoreError) as exc:
            raise StoreError(
                f"{path} has schema version {version}, older than this diemtin's "
                f"{len(MIGRATIONS)}, and cannot be upgraded here: {exc}"
            ) from None


class Store:
    """An open diemtin database; use as a context manager or call close()."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 2.0) -> None:
        self.path = str(path)
        self.query_timeout = timeout
        if readonly and Path(self.path).exists():
            _upgrade(self.path)
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self._configure(readonly)
        except sqlite3.DatabaseError as exc:  # not a database, a locked or a full disk
            self.conn.close()
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None

    def _configure(self, readonly: bool) -> None:
        self.conn.execute("PRAGMA busy_timeout = 10000")
        if readonly:
            # Readers (one per server thread) share the OS page cache through the mapping
            # instead of each copying pages into a private cache: searches ~20% faster.
            self.conn.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
        else:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # The writer's indexes (term frequencies, story terms, search rows) take random
            # writes all over a growing file: a larger page cache keeps their upper levels,
            # and rarer checkpoints write a hot page once per many batches, not once each.
            self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this diemtin knows "
                f"({len(MIGRATIONS)}); upgrade diemtin"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            if callable(script):
                with self.transaction():
                    script(self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number}")
                continue
            with self.conn:
                self.conn.executescript(
                    f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes of one batch commit together or not at all (the unit of resume)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    @contextmanager
    def _time_limit(self) -> Iterator[None]:
        deadline = time.monotonic() + self.query_timeout
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreError(f"query took longer than {self.query_timeout}s") from None
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    # -- runs and inputs -----------------------------------------------------------------
    def start_run(self, command: str) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs(started, command) VALUES (?, ?)", (_now(), command)
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                (_now(), json.dumps(counts, sort_keys=True), run_id),
            )

    def seen(self, raw_hashes: list[str]) -> set[str]:
        """Which of these raw inputs a previous (committed) run has already handled."""
        return set(self.input_articles(raw_hashes))

    def input_articles(self, raw_hashes: list[str]) -> dict[str, int | None]:
        """The article each of these raw inputs became (None for a skip), if handled."""
        found: dict[str, int | None] = {}
        for i in range(0, len(raw_hashes), 500):
            chunk = raw_hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT raw_hash, article_id FROM inputs WHERE raw_hash IN ({marks})", chunk
            )
            found.update((r[0], r[1]) for r in rows)
        return found

    def stale_stories(self) -> list[int]:
        """Stories whose stored digest was computed from fewer articles than they have."""
        rows = self.conn.execute("SELECT id FROM stories WHERE digest_size != size ORDER BY id")
        return [int(r[0]) for r in rows]

    def story_size(self, story_id: int) -> int:
        row = self.conn.execute("SELECT size FROM stories WHERE id = ?", (story_id,)).fetchone()
        return int(row[0]) if row else 0

    def add_skip(self, skip: Skip, run_id: int) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO inputs(raw_hash, source, locator, outcome, reason, detail,"
            " run_id, seen_at) VALUES (?, ?, ?, 'skipped', ?, ?, ?, ?)",
            (
                skip.raw_hash,
                skip.source,
                skip.locator,
                skip.reason,
                skip.detail[:500],
                run_id,
                _now(),
            ),
        )

    # -- articles ------------------------------------------------------------------------
    def add_article(self, article: Article, run_id: int, duplicate_kind: str | None = None) -> int:
        """Store an article (and its input record); index it unless it is a duplicate."""
        mentions = article.mentions
        mentions = None if mentions is None else json.dumps(mentions, ensure_ascii=False)
        now = _now()
        cur = self.conn.execute(
            "INSERT INTO articles(external_id, source, locator, url, outlet, title, published,"
            " author, body, captions, kind, body_hash, signature, duplicate_of, duplicate_kind,"
            " run_id, created, mentions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.external_id,
                article.source,
                article.locator,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.author,
                article.body,
                json.dumps(article.captions, ensure_ascii=False),
                article.kind,
                article.body_hash,
                pack(article.signature) if article.signature else None,
                article.duplicate_of,
                duplicate_kind,
                run_id,
                now,
                mentions,
            ),
        )
        article_id = int(cur.lastrowid or 0)
        outcome = "duplicate" if article.duplicate_of is not None else "stored"
        self.conn.execute(
            "INSERT OR IGNORE INTO inputs(raw_hash, source, locator, outcome, reason, article_id,"
            " run_id, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.raw_hash,
                article.source,
                article.locator,
                outcome,
                duplicate_kind,
                article_id,
                run_id,
                now,
            ),
        )
        if article.duplicate_of is None:
            title = fold(article.title)
            key = search_key(article_id, article.published)
            self.conn.execute(
                "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                (key, title, fold(article.body)),
            )
            self.conn.execute("INSERT INTO titles_fts(rowid, title) VALUES (?, ?)", (key, title))
        return article_id

    def add_bands(self, article_id: int, band_hashes: list[int]) -> None:
        self.conn.executemany(
            "INSERT INTO lsh_bands(band, hash, article_id) VALUES (?, ?, ?)",
            [(i, h, article_id) for i, h in enumerate(band_hashes)],
        )

    def article_by_body_hash(self, digest: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE body_hash = ? AND duplicate_of IS NULL"
            " ORDER BY id LIMIT 1",
            (digest,),
        ).fetchone()
        return int(row[0]) if row else None

    def band_candidates(self, band_hashes: list[int]) -> list[tuple[int, bytes]]:
        if not band_hashes:
            return []
        clauses = " OR ".join("(band = ? AND hash = ?)" for _ in band_hashes)
        params: list[int] = [x for i, h in enumerate(band_hashes) for x in (i, h)]
        rows = self.conn.execute(
            f"SELECT DISTINCT a.id, a.signature FROM lsh_bands b JOIN articles a"
            f" ON a.id = b.article_id WHERE {clauses} LIMIT 200",
            params,
        )
        return [(int(r[0]), bytes(r[1])) for r in rows if r[1] is not None]

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self._time_limit():
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article_dict(row) if row else None

    def iter_articles(self, include_duplicates: bool = True) -> Iterator[dict[str, Any]]:
        sql = "SELECT * FROM articles"
        if not include_duplicates:
            sql += " WHERE duplicate_of IS NULL"
        for row in self.conn.execute(sql + " ORDER BY id"):
            yield _article_dict(row)

    def counts(self) -> dict[str, int]:
        """Inputs by outcome and skip reason, over the whole store."""
        out: dict[str, int] = {}
        rows = self.conn.execute(
            "SELECT outcome, reason, COUNT(*) FROM inputs GROUP BY outcome, reason"
        )
        for outcome, reason, n in rows:
            key = outcome if outcome != "skipped" else f"skipped:{reason}"
            out[key] = out.get(key, 0) + n
        return out

    # -- story grouping state ------------------------------------------------------------
    def document_total(self) -> int:
        row = self.conn.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone()
        return int(row[0]) if row else 0

    def add_document_counts(self, documents: int, term_counts: dict[str, int]) -> None:
        """Add ``documents`` to the document total and each term's count to its frequency.

        The counts go to ``term_df_recent``, which stays small, so a batch dirties few
        pages; every ``FOLD_DOCUMENTS`` documents it is folded into ``term_df`` in key
        order. Upserting each batch straight into ``term_df`` (4 million terms at 100k
        articles) dirtied most of its pages every batch: at 100k articles a batch of 200
        wrote 90 MB of log, half of it ``term_df`` pages; 30 MB now."""
        self.conn.executemany(
            "INSERT INTO counters(name, value) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            [("documents", documents), ("documents_unfolded", documents)],
        )
        self.conn.executemany(
            "INSERT INTO term_df_recent(term, df) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            list(term_counts.items()),
        )
        row = self.conn.execute(
            "SELECT value FROM counters WHERE name = 'documents_unfolded'"
        ).fetchone()
        if row and row[0] >= FOLD_DOCUMENTS:
            self.fold_document_counts()

    def fold_document_counts(self) -> None:
        """Move the recent frequencies into ``term_df`` (inside the caller's transaction)."""
        self.conn.execute(
            "INSERT INTO term_df(term, df) SELECT term, df FROM term_df_recent WHERE true"
            " ORDER BY term ON CONFLICT(term) DO UPDATE SET df = df + excluded.df"
        )
        self.conn.execute("DELETE FROM term_df_recent")
        self.conn.execute("UPDATE counters SET value = 0 WHERE name = 'documents_unfolded'")

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(terms), 500):
            chunk = terms[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for term, df in self.conn.execute(
                f"SELECT term, df FROM term_df WHERE term IN ({marks}) UNION ALL"
                f" SELECT term, df FROM term_df_recent WHERE term IN ({marks})",
                chunk + chunk,
            ):
                out[term] = out.get(term, 0) + int(df)
        return out

    def story_candidates(self, terms: list[str], since: str, limit: int = 30) -> list[int]:
        """Stories indexed under any of ``terms`` and active since ``since`` (ISO time), most
        shared terms first; the index range on (term, last_published) keeps this cheap."""
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        sql = (
            "SELECT t.story_id, COUNT(*) AS shared FROM story_terms t"
            f" WHERE t.term IN ({marks}) AND t.last_published >= ?"
        )
        params: list[Any] = [*terms, since]
        sql += " GROUP BY t.story_id ORDER BY shared DESC, t.story_id LIMIT ?"
        params.append(limit)
        return [int(r[0]) for r in self.conn.execute(sql, params)]

    def story_state(self, story_ids: list[int]) -> list[dict[str, Any]]:
        if not story_ids:
            return []
        marks = ",".join("?" * len(story_ids))
        rows = self.conn.execute(f"SELECT * FROM stories WHERE id IN ({marks})", story_ids)
        return [dict(r) for r in rows]

    def save_story(self, state: dict[str, Any], index_terms: list[str]) -> int:
        """Insert or update a story's state and replace its entries in the term index."""
        values = (
            state["title"],
            state["title_score"],
            state["size"],
            state["first_published"],
            state["last_published"],
            state["centroid"],
            _now(),
        )
        if state.get("id") is None:
            cur = self.conn.execute(
                "INSERT INTO stories(title, title_score, size, first_published, last_published,"
                " centroid, updated) VALUES (?,?,?,?,?,?,?)",
                values,
            )
            story_id = int(cur.lastrowid or 0)
        else:
            story_id = int(state["id"])
            self.conn.execute(
                "UPDATE stories SET title = ?, title_score = ?, size = ?, first_published = ?,"
                " last_published = ?, centroid = ?, updated = ? WHERE id = ?",
                (*values, story_id),
            )
            self.conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_terms(term, last_published, story_id) VALUES (?, ?, ?)",
            [(t, state["last_published"], story_id) for t in index_terms],
        )
        return story_id

    def article_story(self, article_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def set_article_story(self, article_id: int, story_id: int) -> None:
        self.conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))

    def save_digest(self, story_id: int, digest: dict[str, Any], size: int) -> None:
        """Store a story's digest (summary, entities, days, outlets), computed from its first
        ``size`` articles, and index its entities by name and alias for entity pages."""
        entities = digest.get("entities", [])
        outlets = digest.get("outlets", [])
        self.conn.execute(
            "UPDATE stories SET summary = ?, entities = ?, dates = ?, outlets = ?,"
            " outlet_count = ?, digest_size = ? WHERE id = ?",
            (
                digest.get("summary", ""),
                json.dumps(entities, ensure_ascii=False),
                json.dumps(digest.get("dates") or [], ensure_ascii=False),
                json.dumps(outlets, ensure_ascii=False),
                len(outlets),
                size,
                story_id,
            ),
        )
        last = self.conn.execute(
            "SELECT last_published FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        self.conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
        rows: dict[str, tuple[Any, ...]] = {}
        for entity in entities:
            for name in [entity["text"], *entity.get("aliases", [])]:
                rows.setdefault(
                    entity_key(name),
                    (
                        entity_key(name),
                        story_id,
                        entity["text"],
                        entity["type"],
                        entity["count"],
                        last[0] if last else "",
                    ),
                )
        self.conn.executemany(
            "INSERT INTO story_entities(key, story_id, name, type, count, last_published)"
            " VALUES (?,?,?,?,?,?)",
            list(rows.values()),
        )

    def _stories(
        self, where: str, params: list[Any], order: str, limit: int, offset: int, extra: str = ""
    ) -> list[dict[str, Any]]:
        with self._time_limit():
            rows = self.conn.execute(
                f"SELECT {_STORY_FIELDS}{extra} FROM stories s {where} ORDER BY {order}"
                " LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        out = [_story_dict(r) for r in rows]
        for story in out:
            if story["digest_size"] != story["size"]:  # a store from before stored digests
                story["outlets"] = self.story_outlets(story["id"])
        return out

    def stories(self, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, most recently active first, with their outlets."""
        return self._stories("", [], "s.last_published DESC, s.size DESC, s.id DESC", limit, offset)

    def newest_published(self) -> str | None:
        """The latest publish time in the store: "now" for an archive being read later.

        A story whose latest article claims a time more than a day after the story was
        stored (a clock can be a day off, a page not) carries a wrong date and is passed
        over, so one mis-dated page cannot move the front page's clock years ahead; if the
        newest ``FUTURE_CHECKED`` all do, the stream is dated ahead as a whole (a synthetic
        one) and the newest counts."""
        rows = self.conn.execute(
            "SELECT last_published, updated FROM stories ORDER BY last_published DESC LIMIT ?",
            (FUTURE_CHECKED,),
        ).fetchall()
        for last, updated in rows:
            stored = datetime.fromisoformat(updated).replace(tzinfo=None)
            if datetime.fromisoformat(last) <= stored + timedelta(days=1):
                return last
        return rows[0][0] if rows else None

    def top_stories(
        self,
        now: str | None = None,
        *,
        days: float = 7.0,
        day: str | None = None,
        outlet: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stories ranked by coverage and freshness: (2 x outlets + articles) divided by the
        hours since the story's last article plus six. Active within ``days`` of ``now``,
        or on ``day`` (YYYY-MM-DD); only those ``outlet`` covered, if given. ``now``
        defaults to the newest publish time in the store."""
        now = now or self.newest_published()
        if now is None:  # an empty store
            return []
        where, params = [], []
        if day:
            end = _next_day(day)
            where.append("s.last_published >= ? AND s.first_published < ?")
            params += [day, end]
            now = end
        else:  # a story dated after "now" (see newest_published) is no front-page news
            moment = datetime.fromisoformat(now)
            where.append("s.last_published >= ? AND s.last_published <= ?")
            params += [
                (moment - timedelta(days=days)).isoformat(timespec="seconds"),
                (moment + timedelta(days=1)).isoformat(timespec="seconds"),
            ]
        if outlet:
            where.append(
                "s.id IN (SELECT story_id FROM articles WHERE outlet = ? AND story_id IS NOT NULL)"
            )
            params.append(outlet)
        rank = (
            ", (2.0 * max(s.outlet_count, 1) + s.size)"
            " / (max(julianday(?) - julianday(s.last_published), 0) * 24 + 6.0) AS rank"
        )
        return self._stories(
            "WHERE " + " AND ".join(where),
            [now, *params],
            "rank DESC, s.id DESC",
            limit,
            offset,
            extra=rank,
        )

    def latest_articles(
        self, limit: int = 20, *, day: str | None = None, outlet: str | None = None
    ) -> list[dict[str, Any]]:
        """The newest articles (no copies), optionally of one day or one outlet."""
        where, params = ["duplicate_of IS NULL", "published IS NOT NULL"], []
        if day:
            where.append("published >= ? AND published < ?")
            params += [day, _next_day(day)]
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT id, title, outlet, published, url, story_id FROM articles"
                f" WHERE {' AND '.join(where)} ORDER BY published DESC, id DESC LIMIT ?",
                [*params, limit],
            ).fetchall()
        return [dict(r) for r in rows]

    def outlets(self, limit: int = 200) -> list[tuple[str, int]]:
        """Outlets with their article counts, most prolific first."""
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL"
                " AND duplicate_of IS NULL GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?",
                (limit,),
            ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def entity_stories(self, name: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Stories naming ``name`` (or one of its aliases), most recent first."""
        return self._stories(
            "JOIN story_entities e ON e.story_id = s.id WHERE e.key = ?",
            [entity_key(name)],
            "e.last_published DESC, s.id DESC",
            limit,
            offset,
            extra=", e.name AS entity_name, e.type AS entity_type, e.count AS mentions",
        )

    def entity_daily(self, name: str) -> list[tuple[str, int]]:
        """Articles per day in the stories naming ``name``."""
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT substr(a.published, 1, 10) AS d, COUNT(*) FROM story_entities e"
                " JOIN articles a ON a.story_id = e.story_id"
                " WHERE e.key = ? AND a.duplicate_of IS NULL AND a.published IS NOT NULL"
                " GROUP BY d ORDER BY d",
                (entity_key(name),),
            ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def outlet_stories(self, outlet: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Stories ``outlet`` covered, most recently active first."""
        return self._stories(
            "WHERE s.id IN (SELECT story_id FROM articles WHERE outlet = ?)",
            [outlet],
            "s.last_published DESC, s.id DESC",
            limit,
            offset,
        )

    def outlet_daily(self, outlet: str) -> list[tuple[str, int]]:
        """Articles per day of ``outlet``."""
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT substr(published, 1, 10) AS d, COUNT(*) FROM articles"
                " WHERE outlet = ? AND duplicate_of IS NULL AND published IS NOT NULL"
                " GROUP BY d ORDER BY d",
                (outlet,),
            ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def related_stories(
        self, story_id: int, limit: int = 6, days: int = 60
    ) -> list[dict[str, Any]]:
        """Other stories within ``days`` sharing this one's most mentioned entities, most
        shared first: earlier and later developments of a long-running subject."""
        story = self.conn.execute(
            "SELECT first_published, last_published FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if story is None:
            return []
        since = (datetime.fromisoformat(story[0]) - timedelta(days=days)).isoformat()
        until = (datetime.fromisoformat(story[1]) + timedelta(days=days)).isoformat()
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT o.story_id, SUM(min(m.count, o.count)) AS shared"
                " FROM (SELECT key, count FROM story_entities WHERE story_id = ?"
                "       ORDER BY count DESC LIMIT 8) m"
                " JOIN story_entities o ON o.key = m.key AND o.last_published BETWEEN ? AND ?"
                " WHERE o.story_id != ? GROUP BY o.story_id HAVING COUNT(*) >= 2"
                " ORDER BY shared DESC, o.story_id DESC LIMIT ?",
                (story_id, since, until, story_id, limit),
            ).fetchall()
        ids = [int(r[0]) for r in rows]
        found = self.stories_by_id(ids)
        return [found[i] for i in ids if i in found]

    def stories_by_id(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """Several stories' stored fields and digests in one query."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._stories(f"WHERE s.id IN ({marks})", ids, "s.id", len(ids), 0)
        return {s["id"]: s for s in rows}

    def story(self, story_id: int) -> dict[str, Any] | None:
        rows = self._stories("WHERE s.id = ?", [story_id], "s.id", 1, 0)
        if not rows:
            return None
        story = rows[0]
        story["articles"] = self.story_articles(story_id)
        story["outlets"] = sorted({a["outlet"] for a in story["articles"] if a["outlet"]})
        return story

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        """A story's articles in time order (its timeline)."""
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE story_id = ? AND duplicate_of IS NULL"
            " ORDER BY published IS NULL, published, id",
            (story_id,),
        )
        return [_article_dict(r) for r in rows]

    def story_timeline(self, story_id: int, limit: int = 150) -> list[dict[str, Any]]:
        """A story's articles in time order, without their bodies (what a page lists)."""
        with self._time_limit():
            rows = self.conn.execute(
                "SELECT id, title, outlet, published, url FROM articles"
                " WHERE story_id = ? AND duplicate_of IS NULL"
                " ORDER BY published IS NULL, published, id LIMIT ?",
                (story_id, limit),
            ).fetchall()
        return [dict(r) for r in rows]

    def story_summary(self, story_id: int) -> dict[str, Any] | None:
        """A story's stored fields and digest, without its articles."""
        rows = self._stories("WHERE s.id = ?", [story_id], "s.id", 1, 0)
        return rows[0] if rows else None

    def story_outlets(self, story_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT outlet FROM articles WHERE story_id = ? AND outlet IS NOT NULL"
            " ORDER BY outlet",
            (story_id,),
        )
        return [r[0] for r in rows]

    def iter_stories(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute(f"SELECT {_STORY_FIELDS} FROM stories s ORDER BY id"):
            story = _story_dict(row)
            story["article_ids"] = [
                int(r[0])
                for r in self.conn.execute(
                    "SELECT id FROM articles WHERE story_id = ? AND duplicate_of IS NULL"
                    " ORDER BY published IS NULL, published, id",
                    (story["id"],),
                )
            ]
            yield story

    def data_version(self) -> int:
        """Moves whenever another connection commits (a reader's cache key)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- search --------------------------------------------------------------------------
    def search(
        self, query: str, limit: int = 10, offset: int = 0, marks: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Diacritic-insensitive search, ranked in levels and newest first within a level.

        The levels: the words as a phrase in the title, all of them in the title, the
        phrase anywhere, all words anywhere; only when no article has all
        the words, any of them (BM25 over the latest matches). Measured on vnmds-dev copied
        100 times (31,600 articles; the hits that are the query's own story count): P@10
        0.73 / MRR 0.80 for words from titles and 0.48 / 0.53 for words from leads, where
        BM25 over the latest 250 matches scored 0.50 / 0.58 and 0.29 / 0.32, and was 6x
        slower: FTS5's bm25() reads the whole posting list of every word to count its
        documents, a cost that grows with the store. Each level is a newest-first FTS5
        scan (rows keyed by publish time) that stops at the page's end."""
        words = _QUERY_TOKEN.findall(fold(query))
        if not words:
            return []
        want = offset + limit
        with self._time_limit():
            page = list(self._ranked_keys(words, want).items())[offset:want]
            keys = [key for key, _ in page]
            marks_sql = ",".join("?" * len(keys))
            found = {
                int(r["key"]): r
                for r in self.conn.execute(
                    "SELECT f.rowid AS key, a.id, a.title, a.body, f.body AS folded, a.outlet,"
                    " a.published, a.url, a.story_id, s.title AS story_title,"
                    " s.size AS story_size FROM articles_fts f"
                    f" JOIN articles a ON a.id = f.rowid & {ID_MASK}"
                    " LEFT JOIN stories s ON s.id = a.story_id"
                    f" WHERE f.rowid IN ({marks_sql})",
                    keys,
                )
            }
        rows = [(found[key], score) for key, score in page if key in found]
        return [
            SearchHit(
                article_id=int(r["id"]),
                title=r["title"],
                outlet=r["outlet"],
                published=r["published"],
                url=r["url"],
                snippet=snippet(r["body"], r["folded"], words, marks=marks),
                score=score,
                story_id=r["story_id"],
                story_title=r["story_title"],
                story_size=r["story_size"] or 0,
            )
            for r, score in rows
        ]

    def ranked_ids(self, words: list[str], want: int) -> dict[int, float]:
        """The first ``want`` article ids for folded query ``words`` with their level
        scores, best first: the ranking of :meth:`search`, which bounds its time."""
        return {key & ID_MASK: score for key, score in self._ranked_keys(words, want).items()}

    def _ranked_keys(self, words: list[str], want: int) -> dict[int, float]:
        """:meth:`ranked_ids` as search keys (:func:`search_key`)."""
        ranked: dict[int, float] = {}
        phrase = '"' + " ".join(words) + '"'
        every = " ".join(f'"{w}"' for w in words)
        levels = [
            ("titles_fts", phrase, 4.0),
            ("titles_fts", every, 3.0),
            ("articles_fts", phrase, 2.0),
            ("articles_fts", every, 1.0),
        ]
        for table, match, score in levels if len(words) > 1 else levels[::2]:
            for (rowid,) in self.conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?",
                (match, want),
            ):
                ranked.setdefault(int(rowid), score)
            if len(ranked) >= want:
                break
        if not ranked and len(words) > 1:  # no article has every word: any of them
            for rowid, bm25 in self.conn.execute(
                "SELECT id, score FROM (SELECT rowid AS id, bm25(articles_fts, 4.0, 1.0)"
                " AS score FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT ?",
                (" OR ".join(f'"{w}"' for w in words), max(SEARCH_RECENT, want), want),
            ):
                ranked[int(rowid)] = -float(bm25) / (1.0 - float(bm25))  # in (0, 1)
        return ranked


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` not followed by a letter or digit; :func:`_word_matches` checks the
    start (a look-behind first in the pattern made each scan three times slower)."""
    alternatives = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives})(?![^\W_])")


_WORD_CHAR = re.compile(r"[^\W_]")  # letters and digits; "_" separates, as in FTS5


def _word_matches(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """The matches of a :func:`_words_pattern` in ``text`` that are whole tokens."""
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start == 0 or not _WORD_CHAR.match(text, start - 1):
            yield m
            pos = m.end()
        else:
            pos = start + 1  # inside a longer token: a whole one may start further on


SNIPPET_MATCHES = 500  # a snippet looks for its place among this many first matches


def _beside(text: str, end: int, start: int) -> bool:
    """Whether two words, one ending at ``end`` and the next starting at ``start``, stand
    side by side: spaces between them, no line break (a headline's last word and the lead's
    first are no phrase)."""
    gap = text[end:start]
    return not gap.strip() and "\n" not in gap


def _best_place(folded: str, pattern: re.Pattern[str], words: list[str], width: int) -> int | None:
    """Where the match that opens the best window starts (see :func:`snippet`), or None.
    Matches are read only as far as the windows need: a window with every word in the
    query's order cannot be beaten by a later one, and is usually the first."""
    matches = islice(_word_matches(pattern, folded), SNIPPET_MATCHES)
    first = next(matches, None)
    if first is None or len(set(words)) < 2:
        return None if first is None else first.start()
    follows = set(zip(words, words[1:]))
    spans, names = [first.span()], [first.group()]
    run = [1]  # run[k]: matches in the query's order, each after only spaces, ending at k
    reach = width - width // 3  # the window opens a third of its width before its match
    perfect = (len(set(words)), len(words))
    best, best_key = 0, (0, 0)
    seen: dict[str, int] = {}
    hi = 0  # matches before this one are counted in ``seen``
    lo = 0
    while lo < len(spans):
        start = spans[lo][0]
        while True:
            if hi == len(spans):
                m = next(matches, None)
                if m is None:
                    break
                joined = (names[-1], m.group()) in follows and _beside(
                    folded, spans[-1][1], m.start()
                )
                spans.append(m.span())
                names.append(m.group())
                run.append(run[-1] + 1 if joined else 1)
            if hi > lo and spans[hi][1] - start > reach:
                break
            seen[names[hi]] = seen.get(names[hi], 0) + 1
            hi += 1
        if len(seen) >= best_key[0]:
            # a run counts from this match on only: its earlier part is outside the window
            longest = max(min(run[k], k - lo + 1) for k in range(lo, hi))
            if (len(seen), longest) > best_key:
                best, best_key = lo, (len(seen), longest)
                if best_key == perfect:
                    break  # every word, in the query's order: nothing later is better
        left = seen[names[lo]] - 1
        if left:
            seen[names[lo]] = left
        else:
            del seen[names[lo]]
        lo += 1
    return spans[best][0]


def snippet(
    original: str,
    folded: str,
    words: list[str],
    width: int = 160,
    marks: tuple[str, str] = ("[", "]"),
) -> str:
    """Cut a window of ``original`` where the query ``words`` are: the place holding the
    most of them, then the longest run of them in the query's order (the phrase), earliest
    first; not merely the first word found, which in a news text is often a part of another
    name ("Bộ [Ngoại] giao" for "ngoai truong lavrov").

    The folded query words are found as whole tokens in ``folded``, the indexed copy of the
    text; folding keeps length, so their offsets hold in the original. Matches are wrapped in
    ``marks``. Done here rather than by FTS5 ``highlight()``, which marks the whole body of
    every hit: that was most of the cost of a search page.
    """
    pattern = _words_pattern(tuple(words))
    place = _best_place(folded, pattern, words, width)
    if place is None:
        return original[:width].replace("\n", " ")
    lo = max(0, place - width // 3)
    hi = min(len(original), lo + width)
    spans: list[tuple[int, int]] = []
    for m in _word_matches(pattern, folded, lo):
        a, b = m.span()
        if b > hi:
            break
        if spans and _beside(original, spans[-1][1], a):
            spans[-1] = (spans[-1][0], b)  # "[Ngoại trưởng]" rather than "[Ngoại] [trưởng]"
        else:
            spans.append((a, b))
    if lo > 0:
        space = original.find(" ", lo)
        lo = space + 1 if 0 <= space < (spans[0][0] if spans else place) else lo
    out = []
    cursor = lo
    for a, b in spans:
        out.append(original[cursor:a])
        out.append(marks[0] + original[a:b] + marks[1])
        cursor = b
    out.append(original[cursor:hi])
    text = "".join(out).replace("\n", " ")
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(original) else "")


_STORY_FIELDS = (
    "s.id, s.title, s.size, s.first_published, s.last_published, s.summary, s.entities,"
    " s.dates, s.outlets, s.outlet_count, s.digest_size"
)


def entity_key(name: str) -> str:
    """How entity names are looked up: case and tone placement do not matter."""
    return " ".join(key_form(name).split())


def _next_day(day: str) -> str:
    """The bound after ``day`` in ISO order; after the calendar's last day, a string that
    sorts after any of its times (a date past 9999 has no ISO form)."""
    try:
        return (datetime.fromisoformat(day[:10]) + timedelta(days=1)).date().isoformat()
    except OverflowError:
        return day[:10] + "U"


def _story_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["entities"] = json.loads(data.get("entities") or "[]")
    data["dates"] = json.loads(data.get("dates") or "[]")
    data["outlets"] = json.loads(data.get("outlets") or "[]")
    return data


def _article_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data.pop("signature", None)
    data["captions"] = json.loads(data.get("captions") or "[]")
    return data
