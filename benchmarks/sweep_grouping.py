"""Story grouping quality over a grid of GroupingParams, on seven arrival orders at once.

    python benchmarks/sweep_grouping.py [GOLD] [--pool K] \
        --grid threshold=0.3,0.35,0.4 --grid w.title=0.8,1.3 --grid window_days=2,3

Tuning on the order a gold set happens to be in overfits that order, so every setting is
scored on seven: time order, arrival shuffled inside each day (seeds 0-2) and the dense
stream where every story starts inside one 48-hour window (seeds 0-2), as ``diemtin eval
stories`` scores them one at a time. ``w.VIEW`` sets a view's weight (full, title, ent);
any other key is a GroupingParams field. Features are computed once per article, so a
setting costs about three seconds on vnmds-dev. Prints one row per setting, best mean
BCubed F1 first; the defaults are always a row, marked ``*``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diemtin.eval.metrics import bcubed  # noqa: E402
from diemtin.eval.stories import (  # noqa: E402
    GoldArticle,
    arrival_order,
    compress_time,
    group_articles,
    load_gold,
    pool_copies,
)
from diemtin.stories.features import Features, story_features  # noqa: E402
from diemtin.stories.grouping import GroupingParams  # noqa: E402

ORDERS = ["time", "shuffle 0", "shuffle 1", "shuffle 2", "dense 0", "dense 1", "dense 2"]


def orders(articles: list[GoldArticle]) -> list[list[GoldArticle]]:
    """The seven arrival orders of ``ORDERS``."""
    out = [arrival_order(articles, None)]
    out += [arrival_order(articles, seed) for seed in (0, 1, 2)]
    out += [arrival_order(compress_time(articles, seed), None) for seed in (0, 1, 2)]
    return out


def settings(grid: list[str]) -> list[GroupingParams]:
    """Every combination of the ``key=v1,v2`` axes, as GroupingParams."""
    base = GroupingParams()
    kinds = {f.name: type(getattr(base, f.name)) for f in fields(GroupingParams)}
    axes: list[list[tuple[str, float]]] = []
    for axis in grid:
        key, _, values = axis.partition("=")
        if not key.startswith("w.") and key not in kinds:
            raise SystemExit(f"sweep: no GroupingParams field {key!r}")
        axes.append([(key, float(v)) for v in values.split(",") if v])
    out = []
    for combo in itertools.product(*axes):
        weights = dict(base.weights)
        changes: dict[str, object] = {}
        for key, value in combo:
            if key.startswith("w."):
                weights[key[2:]] = value
            else:
                changes[key] = kinds[key](value)
        out.append(replace(base, weights=tuple(weights.items()), **changes))
    return out


def stream_features(streams: list[list[GoldArticle]]) -> list[dict[str, Features]]:
    """Each stream's features by article id, computed once per article and publish time (a
    dense stream moves an article's time and the days its text writes out)."""
    cache: dict[tuple[str, str | None], Features] = {}
    out = []
    for stream in streams:
        for a in stream:
            if (a.id, a.published) not in cache:
                cache[a.id, a.published] = story_features(a.title, a.body, published=a.published)
        out.append({a.id: cache[a.id, a.published] for a in stream})
    return out


def score(
    streams: list[list[GoldArticle]],
    params: GroupingParams,
    features: list[dict[str, Features]],
) -> list[float]:
    """BCubed F1 of each stream grouped with ``params``."""
    out = []
    for stream, given in zip(streams, features, strict=True):
        assigned = group_articles(stream, params, given)
        out.append(bcubed([assigned[a.id] for a in stream], [a.group for a in stream]).f1)
    return out


def label(params: GroupingParams) -> str:
    base = GroupingParams()
    parts = [
        f"{f.name}={getattr(params, f.name)}"
        for f in fields(GroupingParams)
        if f.name != "weights" and getattr(params, f.name) != getattr(base, f.name)
    ]
    parts += [f"w.{view}={w}" for view, w in params.weights if (view, w) not in base.weights]
    return " ".join(parts) or "defaults"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared/data/vnmds-dev"))
    parser.add_argument("--grid", action="append", default=[], help="key=v1,v2,…")
    parser.add_argument("--pool", type=int, default=0, help="mix in K re-written copies")
    args = parser.parse_args()
    articles = load_gold(args.gold)
    if args.pool:
        articles += pool_copies(articles, args.pool)
    streams = orders(articles)
    features = stream_features(streams)
    candidates = list(dict.fromkeys([GroupingParams(), *settings(args.grid)]))
    rows = []
    for n, params in enumerate(candidates):
        scores = score(streams, params, features)
        rows.append((sum(scores) / len(scores), n == 0, label(params), scores))
        print(f"  {len(rows)}/{len(candidates)} {label(params)}", file=sys.stderr)
    print("| setting | mean | " + " | ".join(ORDERS) + " |")
    print("|---" * (len(ORDERS) + 2) + "|")
    for mean, default, name, scores in sorted(rows, key=lambda r: -r[0]):
        cells = " | ".join(f"{s:.3f}" for s in scores)
        print(f"| {name}{' *' if default else ''} | {mean:.4f} | {cells} |")


if __name__ == "__main__":
    main()
