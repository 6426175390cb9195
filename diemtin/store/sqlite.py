"""The SQLite store: opening, transactions, the writes of ingest and story grouping. With
its package's other modules (:mod:`.schema`, :mod:`.reading`), the only code that speaks SQL.

One file, WAL mode (one writer, many readers), a versioned schema migrated forward on open
(:mod:`.schema`). Every input the pipeline has seen is recorded in ``inputs`` by the
hash of its raw bytes, with its outcome, so that a re-run skips it and a run killed midway
resumes where its last committed batch ended. Search runs over a shadow copy of title and
body folded for search (lowercase, no diacritics, đ -> d) in an FTS5 table, its rows keyed
by publish time so that a match list reads newest first (:func:`.schema.search_key`); the
reader's queries and search are in :mod:`.reading`, snippets in :mod:`.snippets`."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diemtin.dedup import pack
from diemtin.model import Article, Skip
from diemtin.store.reading import StoryReading, _article_dict, entity_key
from diemtin.store.schema import MIGRATIONS, StoreError, search_key
from diemtin.vi.normalize import fold

READER_MMAP_BYTES = 1 << 30
WRITER_CACHE_KIB = 131072  # 128 MiB of page cache for the ingest writer (SQLite's default: 2 MiB)
FOLD_DOCUMENTS = 2_000  # documents counted into term_df_recent between folds
WAL_CHECKPOINT_PAGES = 16384  # 64 MiB of WAL between checkpoints (default 1,000 pages)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


class Store(StoryReading):
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
