"""The store's schema: versioned DDL migrated forward on open (``PRAGMA user_version``; a
step is SQL or a function for data), and the key its search rows are kept under."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta

from diemtin.vi.clock import parse_moment


class StoreError(Exception):
    """A store that cannot be opened or queried as asked (bad path, newer schema, timeout)."""


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
