"""Search ranking quality and cost: diemtin's levels against FTS5 BM25.

    python benchmarks/bench_search.py [--db benchmarks/.web.db]

Runs on the store ``bench_web.py`` builds (vnmds-dev copied 100 times, 31,600 articles; built
here if missing). Queries are 1-3 consecutive words cut from each vnmds-dev article's title
(what readers type after seeing a headline) or from its lead sentence (a name or a phrase
from the text), folded as a user would type them. A hit is relevant when it belongs to the
query's own gold story, in any copy. Prints P@10 and MRR with the mean time per query.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diemtin.eval.stories import load_vnmds  # noqa: E402
from diemtin.store.schema import ID_MASK  # noqa: E402
from diemtin.store.sqlite import Store  # noqa: E402
from diemtin.vi.normalize import fold  # noqa: E402

Ranker = Callable[[list[str]], list[int]]


def bm25(conn: sqlite3.Connection, recent: int | None) -> Ranker:
    """FTS5 BM25 (title weighted 4), over every match or over the latest ``recent``."""

    def rank(words: list[str]) -> list[int]:
        match = " ".join(f'"{w}"' for w in words)
        if recent is None:
            sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT 10"
            )
            return [r[0] & ID_MASK for r in conn.execute(sql, (match,))]
        sql = (
            "SELECT id FROM (SELECT rowid AS id, bm25(articles_fts, 4.0, 1.0) AS score"
            " FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
            " ORDER BY score LIMIT 10"
        )
        return [r[0] & ID_MASK for r in conn.execute(sql, (match, recent))]

    return rank


def queries(data: Path, source: str, seed: int = 5) -> list[tuple[list[str], str]]:
    rng = random.Random(seed)
    out = []
    for article in load_vnmds(data):
        text = article.title if source == "title" else article.body.split(".")[0]
        words = [w for w in re.findall(r"\w+", fold(text)) if not w.isdigit()]
        n = rng.choice([1, 2, 3])
        if len(words) > n:
            k = rng.randint(0, len(words) - n)
            out.append((words[k : k + n], article.group))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "benchmarks/.web.db"))
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/vnmds-dev"))
    args = parser.parse_args()
    db, data = Path(args.db), Path(args.data)
    if not db.exists():
        from bench_web import build

        build(db, data, 10_000)
    group = {a.id: a.group for a in load_vnmds(data)}
    with Store(db, readonly=True) as store:
        story_of = {
            int(r[0]): group[r[1].split("-", 1)[1]]
            for r in store.conn.execute("SELECT id, external_id FROM articles")
        }
        rankers: dict[str, Ranker] = {
            "diemtin levels": lambda w: [h.article_id for h in store.search(" ".join(w))],
            "BM25, latest 250 matches": bm25(store.conn, 250),
            "BM25, all matches": bm25(store.conn, None),
        }
        print(f"store: {len(story_of)} articles; relevant = the query's own story")
        print(f"{'queries from':<13s} {'ranking':<26s} {'P@10':>6s} {'MRR':>6s} {'ms/query':>9s}")
        for source in ("title", "lead"):
            qs = queries(data, source)
            for name, rank in rankers.items():
                precision = reciprocal = 0.0
                started = time.perf_counter()
                for words, story in qs:
                    relevant = [story_of.get(i) == story for i in rank(words)[:10]]
                    precision += sum(relevant) / 10
                    reciprocal += next((1 / (k + 1) for k, r in enumerate(relevant) if r), 0.0)
                ms = (time.perf_counter() - started) / len(qs) * 1000
                print(
                    f"{source:<13s} {name:<26s} {precision / len(qs):6.3f}"
                    f" {reciprocal / len(qs):6.3f} {ms:9.2f}"
                )


if __name__ == "__main__":
    main()
