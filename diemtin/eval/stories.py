"""Story grouping quality: feed gold-clustered articles in time order (or shuffled within
each day) through the incremental grouper and score the result with BCubed F1.

Gold comes as VietnameseMDS-style folders (``cluster_N/`` with ``*.info.txt`` and
``*.body.txt``, as in vnmds-dev) or as JSONL in the ingest contract with a ``group`` field.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from diemtin.eval.metrics import bcubed
from diemtin.eval.synthetic import Rewriter, vocabulary
from diemtin.store.sqlite import Store
from diemtin.stories.features import Features, story_features
from diemtin.stories.grouping import GroupingParams, StoryGrouper
from diemtin.vi.days import shift_written_days


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    group: str
    title: str
    body: str
    published: str | None
    outlet: str | None = None


def _vnmds_article(info: Path, group: str) -> GoldArticle:
    fields: dict[str, str] = {}
    for line in info.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().upper()] = value.strip()
    doc = info.name.removesuffix(".info.txt")
    body = (info.parent / f"{doc}.body.txt").read_text(encoding="utf-8").strip()
    published = None
    if fields.get("TIME"):
        try:
            published = datetime.strptime(fields["TIME"], "%d/%m/%Y %H:%M").isoformat()
        except ValueError:
            published = None
    link = fields.get("LINK", "").split("/")
    outlet = link[5] if len(link) > 5 and "." in link[5] else None
    title = " ".join(fields.get("TITLE", "").replace("_", " ").split())
    return GoldArticle(doc, group, title, body, published, outlet)


def load_vnmds(root: str | Path) -> list[GoldArticle]:
    """Articles of every ``cluster_*`` folder under ``root``, the folder as the gold group."""
    out = []
    for cluster in sorted(Path(root).glob("cluster_*")):
        for info in sorted(cluster.glob("*.info.txt")):
            if not info.name.startswith("cluster_"):
                out.append(_vnmds_article(info, cluster.name))
    return out


def load_grouped_jsonl(path: str | Path) -> list[GoldArticle]:
    """JSONL lines with ``group`` and ``title``/``body`` (or ``text``) and ``published``."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            out.append(
                GoldArticle(
                    str(row.get("id", n)),
                    str(row["group"]),
                    row.get("title") or "",
                    row.get("body") or row.get("text") or "",
                    row.get("published"),
                    row.get("outlet"),
                )
            )
    return out


def load_gold(path: str | Path) -> list[GoldArticle]:
    p = Path(path)
    return load_vnmds(p) if p.is_dir() else load_grouped_jsonl(p)


def arrival_order(articles: list[GoldArticle], shuffle_seed: int | None) -> list[GoldArticle]:
    """Time order; with a seed, a random order inside each day (arrival is never exact)."""
    rnd = random.Random(shuffle_seed)
    if shuffle_seed is None:
        return sorted(articles, key=lambda a: (a.published or "", a.id))
    return sorted(articles, key=lambda a: ((a.published or "")[:10], rnd.random()))


def compress_time(articles: list[GoldArticle], seed: int, hours: float = 48.0) -> list[GoldArticle]:
    """A denser stream from the same stories: each story keeps its own spacing but starts on
    a random day of one ``hours`` window, so every story is a time neighbour of every other
    and only the text can tell them apart (real streams are that dense). Stories move by
    whole days, at their own time of day, and the days their texts write out move with them
    (:func:`diemtin.vi.days.shift_written_days`), so that "hôm nay" and "8/11" still mean
    what they meant."""
    rnd = random.Random(seed)
    first: dict[str, datetime] = {}
    for a in articles:
        if a.published:
            moment = datetime.fromisoformat(a.published)
            first[a.group] = min(first.get(a.group, moment), moment)
    base = date(2000, 1, 3)
    days = max(1, round(hours / 24))
    shifts = {
        g: timedelta(days=(base - first[g].date()).days + rnd.randrange(days))
        for g in sorted(first)
    }
    out = []
    for a in articles:
        if not a.published:
            out.append(a)
            continue
        moment = datetime.fromisoformat(a.published)
        shift = shifts[a.group]
        out.append(
            replace(
                a,
                title=shift_written_days(a.title, moment, shift.days),
                body=shift_written_days(a.body, moment, shift.days),
                published=(moment + shift).isoformat(),
            )
        )
    return out


# Grammar words a pool copy keeps; every other syllable is swapped (diemtin.eval.synthetic).
POOL_KEEP = 40
POOL_JITTER_HOURS = 12.0


def pool_copies(articles: list[GoldArticle], copies: int, seed: int = 0) -> list[GoldArticle]:
    """``copies`` re-written copies of ``articles`` (:mod:`diemtin.eval.synthetic`): other
    stories, as tight as the gold ones, published in the same days (each article moved up to
    12 hours either way), so that mixed with the gold set they make a pool ``copies + 1``
    times as dense, in which the gold stories must still be found. A copy's stories are
    gold stories of their own (group ``cK-`` and the original's)."""
    words = vocabulary((t for a in articles for t in (a.title, a.body)), POOL_KEEP)
    out = []
    for k in range(1, copies + 1):
        rewrite = Rewriter(words, seed * 1_000_003 + k)
        rnd = random.Random(seed * 1_000_003 + k)
        for a in articles:
            published = a.published
            if published:
                shift = timedelta(hours=rnd.uniform(-POOL_JITTER_HOURS, POOL_JITTER_HOURS))
                published = (datetime.fromisoformat(published) + shift).isoformat()
            out.append(
                replace(
                    a,
                    id=f"c{k}-{a.id}",
                    group=f"c{k}-{a.group}",
                    title=rewrite(a.title),
                    body=rewrite(a.body),
                    published=published,
                )
            )
    return out


def group_articles(
    articles: list[GoldArticle],
    params: GroupingParams | None = None,
    features: Mapping[str, Features] | None = None,
) -> dict[str, int]:
    """Story id per article id, from a fresh in-memory store, in the given order;
    ``features`` by article id, when already computed (a sweep reuses them)."""
    now = datetime(2000, 1, 1)
    given = features or {}
    out: dict[str, int] = {}
    with Store(":memory:") as store:
        grouper = StoryGrouper(store, params)
        for article in articles:
            bags = given.get(article.id) or story_features(
                article.title, article.body, published=article.published
            )
            out[article.id] = grouper.add(article.title, bags, article.published, now)
        grouper.flush()
    return out


def background(path: str | Path) -> list[GoldArticle]:
    """The articles of the gold set at ``path`` under ids and stories of their own, to mix
    with another set's."""
    return [replace(a, id=f"mix-{a.id}", group=f"mix-{a.group}") for a in load_gold(path)]


def evaluate_stories(
    path: str | Path,
    shuffle_seed: int | None = None,
    params: GroupingParams | None = None,
    dense_seed: int | None = None,
    pool: int = 0,
    mix: str | Path | None = None,
) -> dict[str, float | int]:
    """BCubed of the grouping of the gold set at ``path``; with ``pool``, of the gold set
    mixed with that many re-written copies (:func:`pool_copies`), and with ``mix``, with the
    articles of another gold set (a small set's background: document frequencies of a
    real pool, and neighbours), over all articles and over the gold set's own
    (``original_*``)."""
    articles = load_gold(path)
    originals = {a.id for a in articles}
    if pool:
        articles += pool_copies(articles, pool)
    if mix is not None:
        articles += background(mix)
    if dense_seed is not None:
        articles = compress_time(articles, dense_seed)
    assigned = group_articles(arrival_order(articles, shuffle_seed), params)
    scores: dict[str, float | int] = {}
    parts = [("", articles)]
    if pool or mix is not None:
        parts.append(("original_", [a for a in articles if a.id in originals]))
    for prefix, part in parts:
        score = bcubed([assigned[a.id] for a in part], [a.group for a in part])
        scores |= {
            f"{prefix}articles": len(part),
            f"{prefix}gold_stories": len({a.group for a in part}),
            f"{prefix}stories": len({assigned[a.id] for a in part}),
            f"{prefix}bcubed_precision": round(score.precision, 4),
            f"{prefix}bcubed_recall": round(score.recall, 4),
            f"{prefix}bcubed_f1": round(score.f1, 4),
        }
    return scores
