"""SQLite FTS5 against tantivy on one store: search latency with the same queries.

    python benchmarks/bench_search_engines.py [--sizes 100000,1000000] [--queries 300]

Runs on the stores ``bench_throughput.py --search-sizes`` builds (synthetic vnmds-dev
streams, 100k and 1M articles; built there, not here). tantivy (``pip install tantivy``, a
benchmark-only dependency) indexes the same folded title and body that FTS5 holds, with a
fast ``rowid`` field holding the store's search key (publish minute, then article id), once,
into ``benchmarks/.throughput/tantivy-keyed-N/``. Four rankers:

- ``fts5 levels``: diemtin's own ``Store.search`` (phrase in title, all words in title,
  phrase anywhere, all words anywhere, newest first within a level; BM25 over the latest
  matches only when no article has every word), snippets and story fields included;
- ``fts5 levels, ids only``: the same without snippets and story fields;
- ``tantivy levels``: the same levels as tantivy queries ordered by ``rowid`` (ids only);
- ``tantivy bm25``: tantivy's own ranking, any of the words, title boosted 4 (ids only).

Queries are those of ``bench_throughput.py``: two or three consecutive words of random
titles, as the reader's search box gets them. Prints p50/p95/max ms per ranker and the share
of fts5's top 10 that tantivy's levels return too (1.0: the comparison is like for like).
Each ranker answers every query twice and the second pass is timed: warm caches (a cold
8 GB store measures the disk, not the engine).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_throughput import CACHE, STREAM, search_queries  # noqa: E402

from diemtin.store.schema import ID_MASK  # noqa: E402
from diemtin.store.sqlite import Store  # noqa: E402
from diemtin.vi.normalize import fold  # noqa: E402


def build_tantivy(db: Path, target: Path):
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("rowid", stored=True, indexed=True, fast=True)
    builder.add_text_field("title")
    builder.add_text_field("body")
    schema = builder.build()
    if target.exists():
        return tantivy.Index(schema, path=str(target)), schema
    part = target.with_suffix(".part")
    part.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(part))
    writer = index.writer(heap_size=1_000_000_000, num_threads=2)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    started = time.perf_counter()
    for rowid, title, body in conn.execute("SELECT rowid, title, body FROM articles_fts"):
        writer.add_document(tantivy.Document(rowid=rowid, title=title, body=body))
    writer.commit()
    writer.wait_merging_threads()
    print(f"tantivy: indexed {db.name} in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    conn.close()
    part.rename(target)
    return tantivy.Index(schema, path=str(target)), schema


def tantivy_levels(index, schema):
    import tantivy

    searcher = index.searcher()
    must = tantivy.Occur.Must

    def every(field: str, words: list[str]):
        terms = [(must, tantivy.Query.term_query(schema, field, w)) for w in words]
        return tantivy.Query.boolean_query(terms)

    def phrase(field: str, words: list[str]):
        return tantivy.Query.phrase_query(schema, field, words)

    def search(words: list[str], limit: int = 10) -> list[int]:
        if not words:
            return []
        if len(words) == 1:
            levels = [every("title", words), every("body", words)]
        else:
            levels = [phrase("title", words), every("title", words)]
            levels += [phrase("body", words), every("body", words)]
        found: dict[int, None] = {}
        for query in levels:
            result = searcher.search(query, limit, count=False, order_by_field="rowid")
            for rowid, _ in result.hits:
                found.setdefault(int(rowid) & ID_MASK, None)
            if len(found) >= limit:
                break
        if not found and len(words) > 1:
            for _, address in searcher.search(bm25_query(schema, words), limit).hits:
                found.setdefault(int(searcher.doc(address)["rowid"][0]) & ID_MASK, None)
        return list(found)[:limit]

    return search


def bm25_query(schema, words: list[str]):
    import tantivy

    should = tantivy.Occur.Should
    parts = []
    for w in words:
        parts.append(
            (should, tantivy.Query.boost_query(tantivy.Query.term_query(schema, "title", w), 4.0))
        )
        parts.append((should, tantivy.Query.term_query(schema, "body", w)))
    return tantivy.Query.boolean_query(parts)


def tantivy_bm25(index, schema):
    searcher = index.searcher()

    def search(words: list[str], limit: int = 10) -> list[int]:
        hits = searcher.search(bm25_query(schema, words), limit, count=False).hits
        return [int(searcher.doc(address)["rowid"][0]) & ID_MASK for _, address in hits]

    return search


def timed(fn, queries: list) -> tuple[list[float], list]:
    times, results = [], []
    for q in queries:
        began = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - began) * 1000)
    return times, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    print("| articles | ranker | p50 ms | p95 ms | max ms | top-10 shared with fts5 |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for n in [int(s) for s in args.sizes.split(",") if s]:
        db = CACHE / f"search-{n}-{STREAM}.db"
        if not db.exists():
            raise SystemExit(f"no {db}: run bench_throughput.py --search-sizes {n} first")
        index, schema = build_tantivy(db, CACHE / f"tantivy-keyed-{n}")
        queries = search_queries(n, args.queries)
        words = [re.findall(r"\w+", fold(q)) for q in queries]  # the store's query terms
        with Store(db, readonly=True) as store:
            fts5 = lambda w: [h.article_id for h in store.search(" ".join(w), limit=10)]  # noqa: E731
            ids = lambda w: list(store.ranked_ids(w, 10)) if w else []  # noqa: E731
            rankers = {"fts5 levels": fts5, "fts5 levels, ids only": ids}
            rankers["tantivy levels"] = tantivy_levels(index, schema)
            rankers["tantivy bm25"] = tantivy_bm25(index, schema)
            rows = {}
            for name, ranker in rankers.items():
                timed(ranker, words)  # a first pass warms the page cache: warm figures only
                rows[name] = timed(ranker, words)
        reference = rows["fts5 levels"][1]
        for name, (times, results) in rows.items():
            shared = [len(set(a) & set(b)) / max(1, len(a)) for a, b in zip(reference, results)]
            times.sort()
            p95 = times[int(0.95 * len(times)) - 1]
            print(
                f"| {n:,} | {name} | {statistics.median(times):.1f} | {p95:.1f} |"
                f" {times[-1]:.1f} | {statistics.mean(shared):.2f} |"
            )


if __name__ == "__main__":
    main()
