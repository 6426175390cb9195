"""Entity recognition speed: words per second on the vnmds-dev articles, one process.

    python benchmarks/bench_entities.py [--repeat N]

Prints a table: articles, words, best and median seconds over the runs, words/s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from diemtin.eval.stories import load_vnmds
from diemtin.vi.entities import find_entities

DATA = Path(__file__).resolve().parents[2] / "shared/data/vnmds-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default=str(DATA))
    args = parser.parse_args()
    texts = [a.title + "\n" + a.body for a in load_vnmds(args.data)]
    words = sum(len(t.split()) for t in texts)
    find_entities(texts[0])  # warm the caches of the word-form lookups
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text in texts:
            find_entities(text)
        runs.append(time.perf_counter() - start)
    best, median = min(runs), statistics.median(runs)
    print("| articles | words | best s | median s | words/s (best) | words/s (median) |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(texts)} | {words:,} | {best:.3f} | {median:.3f} "
        f"| {words / best:,.0f} | {words / median:,.0f} |"
    )


if __name__ == "__main__":
    main()
