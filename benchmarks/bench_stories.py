"""Story grouping cost as the store grows: per-article time at 1k, 10k and 100k articles.

    python benchmarks/bench_stories.py [--sizes 1000,10000,100000] [--data ../shared/data/vnmds-dev]

The stream is synthetic but shaped like news: the vnmds-dev articles (100 stories, 316
articles) repeated with their dates shifted by 200 days per copy (beyond the longest span a
story may join across), so that every copy is a new set of stories arriving in time order
while the term index and document frequencies keep growing. Grouping
runs against an on-disk store exactly as in ``ingest`` (features included). Prints, for
each size, the mean milliseconds per article over the last 300 articles before that size,
the articles per second of the grouping step, and the store's story count; a flat column
means the cost does not grow with the store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diemtin.eval.stories import arrival_order, load_vnmds  # noqa: E402
from diemtin.store.sqlite import Store  # noqa: E402
from diemtin.stories.features import story_features  # noqa: E402
from diemtin.stories.grouping import StoryGrouper  # noqa: E402

WINDOW = 300


def stream(data: Path, total: int):
    """Articles in time order, one shifted copy of the set after another."""
    base = arrival_order(load_vnmds(data), None)
    copy = 0
    while True:
        for article in base:
            if total <= 0:
                return
            when = datetime.fromisoformat(article.published or "2013-10-01T00:00")
            shifted = (when + timedelta(days=200 * copy)).isoformat()
            yield replace(article, id=f"{copy}-{article.id}", published=shifted)
            total -= 1
        copy += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/vnmds-dev"))
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        grouper = StoryGrouper(store)
        now = datetime(2000, 1, 1)
        timings: list[float] = []
        store.conn.execute("BEGIN")
        for n, article in enumerate(stream(Path(args.data), sizes[-1]), start=1):
            start = time.perf_counter()
            features = story_features(article.title, article.body, published=article.published)
            grouper.add(article.title, features, article.published, now)
            timings.append(time.perf_counter() - start)
            if n % 200 == 0:  # commit in batches, as ingest does
                grouper.flush()
                store.conn.execute("COMMIT")
                store.conn.execute("BEGIN")
            if n in sizes:
                recent = timings[-WINDOW:]
                ms = 1000 * sum(recent) / len(recent)
                stories = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
                rows.append((n, ms, 1000 / ms, stories))
                print(f"  {n} articles grouped", file=sys.stderr)
        grouper.flush()
        store.conn.execute("COMMIT")
    print(f"{'articles in store':>18s} {'ms/article':>11s} {'articles/s':>11s} {'stories':>8s}")
    for n, ms, rate, stories in rows:
        print(f"{n:18,d} {ms:11.2f} {rate:11.0f} {stories:8,d}")


if __name__ == "__main__":
    main()
