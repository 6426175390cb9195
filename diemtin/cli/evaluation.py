"""``diemtin eval``: the standard metrics of extraction, stories, summaries and entities
on gold data in the formats of ``data/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from diemtin.cli.common import EXIT_OK, UsageError, to_json


def _evaluate(
    what: str,
    gold: str,
    shuffle: int | None,
    dense: int | None = None,
    pool: int = 0,
    single: bool = False,
    mix: str | None = None,
) -> dict[str, Any]:
    """One gold set's scores for ``diemtin eval WHAT``."""
    path = Path(gold)
    if what == "extraction":
        from diemtin.eval.extraction import evaluate_extraction

        path = path / "gold.jsonl" if path.is_dir() else path
        if not path.is_file():
            raise UsageError(f"no gold file at {gold}")
        return {"gold": str(path), **evaluate_extraction(path).as_dict()}
    if what == "stories":
        from diemtin.eval.stories import evaluate_stories

        if not path.exists():
            raise UsageError(f"no gold data at {gold}")
        if mix is not None and not Path(mix).exists():
            raise UsageError(f"no gold data at {mix}")
        scores = evaluate_stories(gold, shuffle_seed=shuffle, dense_seed=dense, pool=pool, mix=mix)
        if not scores["articles"]:
            raise UsageError(f"no gold articles under {gold} (cluster_N/ folders or JSONL)")
        settings = {"shuffle": shuffle, "dense": dense, "pool": pool, "mix": mix}
        return {"gold": gold, **settings, **scores}
    if what == "summaries":
        from diemtin.eval.summaries import evaluate_summaries

        if not path.is_dir():
            raise UsageError(f"no gold folder at {gold}")
        scores = evaluate_summaries(gold, single=single)
        if not scores["stories"]:
            raise UsageError(f"no clusters with reference summaries under {gold}")
        return {"gold": gold, "single": single, **scores}
    raise AssertionError(f"unknown evaluation {what}")  # argparse allows no other


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        if args.what == "entities":
            return _eval_entities(args.gold)
        for gold in args.gold:
            scores = _evaluate(
                args.what, gold, args.shuffle, args.dense, args.pool, args.single, args.mix
            )
            print(to_json(scores))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        # a file that is not gold data in the documented format (data/README.md)
        raise UsageError(f"not {args.what} gold data: {type(exc).__name__}: {exc}") from None
    return EXIT_OK


def _eval_entities(golds: list[str]) -> int:
    """Each gold file's scores, then (for several) all of them as one set, each file's
    mentions recognised once."""
    from collections import Counter

    from diemtin.eval.entities import entity_counts, entity_scores

    total: Counter[str] = Counter()
    for gold in golds:
        if not Path(gold).is_file():
            raise UsageError(f"no gold file at {gold}")
        counts = entity_counts(gold)
        total += counts
        print(to_json({"gold": gold, **entity_scores(counts)}))
    if len(golds) > 1:
        print(to_json({"gold": "all", **entity_scores(total)}))
    return EXIT_OK
