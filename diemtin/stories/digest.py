"""A story's digest: a multi-source extractive summary and a timeline.

Summary: every sentence of every article (captions, credits and trailing bylines removed,
the lead's outlet tag cut) is scored by three signals, equally weighted on vnmds-dev where
the plateau is broad: its position in its article (editors put the key facts first, which
is why taking leads is a strong baseline), its agreement with the *other* outlets'
articles (TF-IDF cosine with each other article's centroid: what several outlets report
is what happened), and its likeness to the headlines. Sentences are taken best first,
skipping any that says again what a chosen one said (cosine over syllable unigrams and
bigrams), until the word budget is met, then put back in reading order: by position, the
earliest article first.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from diemtin.extract.dump import lead_tag
from diemtin.stories.vectors import Vector, add_grams, add_up, dot, dot_within, tfidf, unit
from diemtin.vi.clock import parse_moment
from diemtin.vi.days import mentioned_days
from diemtin.vi.normalize import line_syllables, syllables
from diemtin.vi.sentences import content_sentences

if TYPE_CHECKING:
    from diemtin.vi.entities import Entity

POSITION_WEIGHT = 1.0
AGREEMENT_WEIGHT = 1.0
HEADLINE_WEIGHT = 1.0
REDUNDANCY = 0.4  # a sentence this similar to a chosen one says nothing new
MIN_WORDS = 8  # shorter sentences are datelines, labels or fragments
_BYLINE = re.compile(r"^[A-ZĐÂĂÊÔƠƯÀ-ÝẠ-Ỹ\s.,-]{3,40}$")  # "NGUYỆT PHƯƠNG", "PV."
_TAG = re.compile(r"^\s*(?:\([^()]{2,30}\)\s*[-–—:]?|[A-ZĐ][\w.]{1,24}\s*[-–—:])\s*")
# What opens a sentence without being part of it: a section's tag ("( Tin tức thời sự ) - "),
# a bullet ("* ", "• ").
_OPENING = re.compile(r"^(?:\([^()]{2,40}\)\s*[-–—]\s+|[*•+]\s+)")


@dataclass(frozen=True, slots=True)
class Source:
    """One article of a story, as the digest needs it."""

    title: str
    body: str
    published: str | None = None
    outlet: str | None = None
    mentions: dict[str, int] | None = None  # from entity_mentions, when already known

    @classmethod
    def of(cls, article: Mapping[str, Any]) -> Source:
        """From a stored article's row."""
        mentions = article.get("mentions")
        return cls(
            article["title"],
            article["body"],
            article["published"],
            article["outlet"],
            None if mentions is None else json.loads(mentions),
        )


@dataclass(slots=True)
class _Sentence:
    article: int
    position: int
    text: str
    words: list[str]
    vector: Vector
    score: float = 0.0


def _bag(words: list[str]) -> Counter[str]:
    return add_grams(words, 1, Counter())


def article_sentences(body: str) -> list[str]:
    """The sentences a summary may use: no captions, credits or links, no trailing byline,
    the lead without its outlet tag ("TTO - ", "(CLO) ") and none with a section's tag or a
    bullet before it."""
    sentences = content_sentences(body)
    if sentences and _BYLINE.match(sentences[-1]):
        sentences.pop()
    if sentences and lead_tag(sentences[0]):
        sentences[0] = _TAG.sub("", sentences[0], count=1)
    return [t for t in (_OPENING.sub("", s, count=1) for s in sentences) if t]


def summarize(sources: list[Source], words: int = 100) -> list[str]:
    """About ``words`` syllables of the story's most representative, non-redundant
    sentences, in reading order (see the module docstring)."""
    ordered = sorted(sources, key=lambda s: (s.published is None, s.published or ""))
    placed = [
        (a, k, text)
        for a, source in enumerate(ordered)
        for k, text in enumerate(article_sentences(source.body))
    ]
    if not placed:
        return []
    sentences = [
        _Sentence(a, k, text, words, {})
        for (a, k, text), words in zip(placed, line_syllables([t for _, _, t in placed]))
    ]
    bags = [_bag(s.words) for s in sentences]
    df = Counter(chain.from_iterable(bags))
    # one logarithm per distinct count, not per term: most terms occur once or twice
    by_count = {n: math.log((len(bags) + 1) / (n + 1)) + 1.0 for n in set(df.values())}
    idf = {t: by_count[n] for t, n in df.items()}
    for sentence, bag in zip(sentences, bags):
        sentence.vector = tfidf(bag, idf)
    members: dict[int, list[Vector]] = {}
    for s in sentences:
        members.setdefault(s.article, []).append(s.vector)
    units = {a: unit(add_up(vectors)) for a, vectors in members.items()}
    headlines = [tfidf(_bag(syllables(s.title)), idf) for s in ordered if s.title]
    # Sums of dot products as dot products with sums: linear in the story's sentences, not
    # in sentences times articles.
    everyone = add_up(units.values())
    all_headlines = add_up(headlines)
    others = len(units) - 1
    for s in sentences:
        own = dot_within(s.vector, units[s.article])
        agreement = (dot_within(s.vector, everyone) - own) / others if others else own
        headline = dot(s.vector, all_headlines) / len(headlines) if headlines else 0.0
        s.score = (
            POSITION_WEIGHT / (1 + s.position)
            + AGREEMENT_WEIGHT * agreement
            + HEADLINE_WEIGHT * headline
        )
    chosen: list[_Sentence] = []
    total = 0
    for s in sorted(sentences, key=lambda s: (-s.score, s.article, s.position)):
        if total >= words:
            break
        if len(s.words) < MIN_WORDS or any(dot(s.vector, c.vector) >= REDUNDANCY for c in chosen):
            continue
        chosen.append(s)
        total += len(s.words)
    chosen.sort(key=lambda s: (s.position, s.article))
    return [s.text for s in chosen]


def representative_title(sources: list[Source]) -> str:
    """The headline that shares most with the other headlines (the story's own title)."""
    titles = [s.title for s in sources if s.title]
    if not titles:
        return ""
    bags = [_bag(syllables(t)) for t in titles]
    vectors = [tfidf(b, {}) for b in bags]
    scores = [sum(dot(v, w) for w in vectors) for v in vectors]
    return titles[max(range(len(titles)), key=lambda i: (scores[i], -i))]


def story_entities(sources: list[Source], limit: int = 30) -> list[dict[str, object]]:
    """The story's people, organisations and places with their mention counts, most
    mentioned first; one entry per entity across all its articles, its other names listed
    ("Mỹ" with "Hoa Kỳ", "Antony Blinken" with "Blinken")."""
    from diemtin.vi.aliases import group_names

    counts: Counter[tuple[str, str]] = Counter()
    for source in sources:
        mentions = source.mentions
        if mentions is None:
            mentions = entity_mentions(source.title, source.body)
        for key, count in mentions.items():
            kind, _, text = key.partition("\t")
            counts[(kind, text)] += count
    return [group.as_dict() for group in group_names(counts)[:limit]]


def story_dates(sources: list[Source], limit: int = 8) -> list[dict[str, object]]:
    """The days the story's articles name (:mod:`diemtin.vi.days`, each article read against
    its own publish time), with how many of its articles name each, the most named first
    (then the latest): when the events it reports happened or are to happen, which the
    timeline of publish times does not say ("thứ Sáu (14/5)", "trưa mai")."""
    counts: Counter[str] = Counter()
    for source in sources:
        moment = parse_moment(source.published)
        if moment is not None:
            named = mentioned_days(source.title + "\n" + source.body, moment)
            counts.update({day.isoformat() for day in named})
    best = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)[:limit]
    return [{"day": day, "articles": n} for day, n in best]


def entity_mentions(title: str, body: str, entities: list[Entity] | None = None) -> dict[str, int]:
    """How often each entity ("TYPE\ttext") is mentioned in an article: a per-document step,
    run where the article is extracted (``entities``: those of ``entity_text``, if found)."""
    if entities is None:
        from diemtin.stories.features import entity_text
        from diemtin.vi.entities import find_entities

        entities = find_entities(entity_text(title, body))
    counts: Counter[str] = Counter()
    for entity in entities:
        counts[f"{entity.type}\t{entity.text}"] += 1
    return dict(counts)


SUMMARY_WORDS = 90  # the reader's default: 60-120 words
DIGEST_ARTICLES = (20, 40)  # a huge story is digested from its first and latest articles


def story_digest(sources: list[Source], words: int = SUMMARY_WORDS) -> dict[str, object]:
    """What the store keeps per story and the reader shows: summary, entities, the days
    its articles name, outlets.

    Computed for the stories an ingest changed (in bulk, at ingest), never at read time. A
    story of hundreds of articles is digested from its first and its latest ones, which
    bounds the cost of each update; its outlets are counted over all of them."""
    outlets = sorted({s.outlet for s in sources if s.outlet})
    first, latest = DIGEST_ARTICLES
    ordered = sorted(sources, key=lambda s: (s.published is None, s.published or ""))
    if len(ordered) > first + latest:
        ordered = ordered[:first] + ordered[-latest:]
    return {
        "summary": " ".join(summarize(ordered, words)),
        "entities": story_entities(ordered),
        "dates": story_dates(ordered),
        "outlets": outlets,
    }
