"""Summary quality: ROUGE-1/2/L F1 (syllable tokens) of each story's summary against its
human references, at the references' mean length, averaged over references and stories.

Gold: VietnameseMDS-style folders (``cluster_N/`` with ``cluster_N.ref1.txt`` and
``cluster_N.ref2.txt`` beside the articles, as in vnmds-dev). The Lead baseline (first
sentences of each article in turn) is scored alongside, since it is the one to beat.
"""

from __future__ import annotations

from pathlib import Path

from diemtin.eval.metrics import rouge_l, rouge_n, tokens
from diemtin.eval.stories import load_vnmds
from diemtin.stories.digest import Source, article_sentences, summarize


def lead_baseline(sources: list[Source], words: int) -> list[str]:
    """First sentences of each article in turn (in time order) until ``words`` is met."""
    per_article = [
        article_sentences(s.body) for s in sorted(sources, key=lambda s: s.published or "")
    ]
    out: list[str] = []
    total, k = 0, 0
    while total < words and any(k < len(s) for s in per_article):
        for sentences in per_article:
            if k < len(sentences) and total < words:
                out.append(sentences[k])
                total += len(tokens(sentences[k]))
        k += 1
    return out


def evaluate_summaries(root: str | Path, single: bool = False) -> dict[str, float | int]:
    """Scores over the clusters; with ``single``, over each article summarised alone against
    its cluster's references (a proxy for the one-article stories most of a stream is)."""
    articles = load_vnmds(root)
    groups: dict[tuple[str, str], list[Source]] = {}
    for a in articles:
        key = (a.group, a.id if single else "")
        groups.setdefault(key, []).append(Source(a.title, a.body, a.published, a.outlet))
    totals = {f"{system}_{m}": 0.0 for system in ("diemtin", "lead") for m in ("r1", "r2", "rl")}
    scored = 0
    for (group, _), sources in sorted(groups.items()):
        refs = [
            p.read_text(encoding="utf-8")
            for p in sorted((Path(root) / group).glob(f"{group}.ref[0-9].txt"))
        ]
        if not refs:
            continue
        budget = round(sum(len(tokens(r)) for r in refs) / len(refs))
        scored += 1
        for system, summary in (
            ("diemtin", " ".join(summarize(sources, budget))),
            ("lead", " ".join(lead_baseline(sources, budget))),
        ):
            totals[f"{system}_r1"] += sum(rouge_n(summary, r, 1).f1 for r in refs) / len(refs)
            totals[f"{system}_r2"] += sum(rouge_n(summary, r, 2).f1 for r in refs) / len(refs)
            totals[f"{system}_rl"] += sum(rouge_l(summary, r).f1 for r in refs) / len(refs)
    return {"stories": scored} | {k: round(100 * v / max(1, scored), 2) for k, v in totals.items()}
