"""Entity quality: strict span-level P/R/F1 (exact start, end and type, micro-averaged over
mentions, as CoNLL scores NER) on JSONL gold lines ``{"id", "text", "entities": [{"start",
"end", "type"}]}``; per-type F1 too."""

from __future__ import annotations

import json
from pathlib import Path

from diemtin.vi.entities import find_entities


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_entities(paths: str | Path | list[str | Path]) -> dict[str, object]:
    """Scores over one gold file, or micro-averaged over the mentions of several."""
    rows = [
        json.loads(x)
        for path in (paths if isinstance(paths, list) else [paths])
        for x in Path(path).read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    tp = predicted = gold = 0
    by_type: dict[str, list[int]] = {}
    words = 0
    for row in rows:
        want = {(e["start"], e["end"], e["type"]) for e in row["entities"]}
        got = {(e.start, e.end, e.type) for e in find_entities(row["text"])}
        words += len(row["text"].split())
        tp += len(want & got)
        predicted += len(got)
        gold += len(want)
        for kind in {t for *_, t in want | got}:
            counts = by_type.setdefault(kind, [0, 0, 0])
            counts[0] += len({x for x in want & got if x[2] == kind})
            counts[1] += len({x for x in got if x[2] == kind})
            counts[2] += len({x for x in want if x[2] == kind})
    p, r, f = _prf(tp, predicted, gold)
    return {
        "documents": len(rows),
        "words": words,
        "gold_mentions": gold,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "f1_by_type": {k: round(_prf(*v)[2], 4) for k, v in sorted(by_type.items())},
    }
