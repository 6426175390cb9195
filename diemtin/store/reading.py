"""What the reader and the API ask of the store: stories by recency, by entity, by outlet
and by relatedness, one story's articles and timeline, and search over the folded FTS5
rows (levels, then BM25 among the latest matches). Every query runs under the store's time
limit (:class:`StoryReading` is a part of :class:`diemtin.store.sqlite.Store`)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from diemtin.store.schema import ID_MASK
from diemtin.store.snippets import snippet
from diemtin.vi.normalize import fold, key_form

_QUERY_TOKEN = re.compile(r"\w+")
FUTURE_CHECKED = 50  # newest stories checked for a publish time after they were stored
SEARCH_RECENT = 250  # BM25 ranks this many of the latest matches when no level matched


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


class StoryReading:
    """The store's read queries; the connection and the time limit are the store's."""

    conn: sqlite3.Connection
    _time_limit: Callable[[], AbstractContextManager[None]]

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
