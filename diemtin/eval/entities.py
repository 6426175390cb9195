"""Entity quality: strict span-level P/R/F1 (exact start, end and type, micro-averaged over
mentions, as CoNLL scores NER) on JSONL gold lines ``{"id", "text", "entities": [{"start",
"end", "type"}]}``; per-type F1 too."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from diemtin.vi.entities import find_entities


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def entity_counts(path: str | Path) -> Counter[str]:
    """Matched, predicted and gold mentions (in all and per type) of one gold file; files
    add up with ``+`` into one set."""
    counts: Counter[str] = Counter()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        want = {(e["start"], e["end"], e["type"]) for e in row["entities"]}
        got = {(e.start, e.end, e.type) for e in find_entities(row["text"])}
        counts["documents"] += 1
        counts["words"] += len(row["text"].split())
        for name, spans in (("tp", want & got), ("predicted", got), ("gold", want)):
            counts[name] += len(spans)
            for *_, kind in spans:
                counts[f"{kind}:{name}"] += 1
    return counts


def entity_scores(counts: Counter[str]) -> dict[str, object]:
    p, r, f = _prf(counts["tp"], counts["predicted"], counts["gold"])
    kinds = sorted({key.split(":")[0] for key in counts if ":" in key})
    return {
        "documents": counts["documents"],
        "words": counts["words"],
        "gold_mentions": counts["gold"],
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "f1_by_type": {
            k: round(_prf(counts[f"{k}:tp"], counts[f"{k}:predicted"], counts[f"{k}:gold"])[2], 4)
            for k in kinds
        },
    }


def evaluate_entities(paths: str | Path | list[str | Path]) -> dict[str, object]:
    """Scores over one gold file, or micro-averaged over the mentions of several."""
    return entity_scores(
        sum((entity_counts(p) for p in (paths if isinstance(paths, list) else [paths])), Counter())
    )
