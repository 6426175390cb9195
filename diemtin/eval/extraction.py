"""Extraction quality on gold data: ``gold.jsonl`` lines of file, title, published, author,
body beside the page files. Macro token F1 of bodies, exact-match rates of the fields."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from diemtin.config import Settings
from diemtin.eval.metrics import same_text, token_prf
from diemtin.extract import extract
from diemtin.model import Page, SkipPage


@dataclass
class ExtractionScores:
    documents: int = 0
    body_f1: float = 0.0
    body_precision: float = 0.0
    body_recall: float = 0.0
    title_exact: float = 0.0
    published_exact: float = 0.0
    author_exact: float = 0.0
    per_file: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "per_file"}


def evaluate_extraction(
    gold_file: str | Path, settings: Settings | None = None
) -> ExtractionScores:
    """Score :func:`diemtin.extract.extract` on every page listed in ``gold_file``."""
    settings = settings or Settings(min_body_chars=0, min_vietnamese=0.0)
    gold_path = Path(gold_file)
    rows = [
        json.loads(line)
        for line in gold_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    scores = ExtractionScores(documents=len(rows))
    for row in rows:
        page = Page(source=row["file"], content=(gold_path.parent / row["file"]).read_bytes())
        try:
            art = extract(page, settings)
            title, body, published, author = art.title, art.body, art.published, art.author
        except SkipPage:
            title, body, published, author = "", "", None, None
        prf = token_prf(body, row.get("body") or "")
        scores.per_file[row["file"]] = prf.f1
        scores.body_f1 += prf.f1
        scores.body_precision += prf.precision
        scores.body_recall += prf.recall
        scores.title_exact += same_text(title, row.get("title"))
        gold_pub = (row.get("published") or "")[:16]
        scores.published_exact += (published or "")[:16] == gold_pub
        scores.author_exact += same_text(author, row.get("author"))
    n = max(1, len(rows))
    for name in (
        "body_f1",
        "body_precision",
        "body_recall",
        "title_exact",
        "published_exact",
        "author_exact",
    ):
        setattr(scores, name, getattr(scores, name) / n)
    return scores
