"""What story grouping compares, computed per article (a pure function, run in the workers).

Three views of an article, each a bag of weighted terms over tone-normalised, lowercased
syllables: ``full`` (syllable unigrams and bigrams of the body's first words, the title
counted three times), ``title`` (the headline alone: outlets covering one event write near-identical
headlines even when their bodies differ) and ``ent`` (the people, organisations and places
of :mod:`diemtin.vi.entities`: who and where, which separates two events of one kind, such
as two traffic accidents; measured better than plain capitalised runs). Word
segmentation measured no gain over syllable bigrams, so there is none.

Three more bags are not compared but checked: ``days``, the days the text names, and
``lead``, the one day the report is of, when it names one (:mod:`diemtin.vi.days`); and
``where``, the provinces of Vietnam and the districts, communes, wards and venues its
headline and lead name, and the storms (:mod:`diemtin.vi.places`): a local event's
identity, which sets apart two accidents or fires of one day in two provinces, or in two
wards of one city, while one storm's reports from each airport it closed stay one story.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from diemtin.stories.vectors import add_grams
from diemtin.vi.clock import parse_moment
from diemtin.vi.days import LEAD_WORDS, report_days
from diemtin.vi.entities import Entity, find_entities
from diemtin.vi.normalize import match_text
from diemtin.vi.places import lead_sites, province_key

Features = dict[str, dict[str, float]]

TITLE_REPEAT = 3
# The body's first words only: the lead and the main facts, which is where outlets covering
# one event agree (measured on vnmds-dev: 200 words group as well as whole bodies), and a
# bound on the cost of a gigantic article.
BODY_WORDS = 200
# the headline and the lead's first words: where a report says where and when it is
_LEAD = re.compile(rf"\s*(?:\S+\s+){{0,{LEAD_WORDS - 1}}}\S*")


# Terms: syllables, with numbers kept whole ("5,3", "782,6", "13.000") and codes joined
# ("U-21" = "U21", "F-16" = "F16"), so that two outlets writing one figure share its term.
_TERM = re.compile(r"\d+(?:[.,]\d+)*|\w+")
_CODE_DASH = re.compile(r"(?<=[^\W\d_])-(?=\d)")


# An entity's matching form, remembered: a stream names the same people and places again
# and again (about 30 mentions an article).
_name_form = lru_cache(maxsize=1 << 16)(match_text)


def terms(text: str) -> list[str]:
    """Lowercased, tone-normalised syllables and whole numbers of ``text``."""
    return _TERM.findall(_CODE_DASH.sub("", match_text(text)))


def entity_text(title: str, body: str) -> str:
    """The text whose entities an article has: its title as a sentence, then its body."""
    return title + ".\n" + body


def body_entities(title: str, body: str, entities: list[Entity] | None = None) -> list[Entity]:
    """The body's entities, with offsets into the body, as found in :func:`entity_text`
    (``entities``, when already found): the title is context a type decision uses (a
    headline's "MTV EMA" types the body's), and one pass serves grouping, the digest and
    the export."""
    if entities is None:
        entities = find_entities(entity_text(title, body))
    skip = len(title) + 2
    return [replace(e, start=e.start - skip, end=e.end - skip) for e in entities if e.start >= skip]


def story_features(
    title: str, body: str, entities: list[Entity] | None = None, published: str | None = None
) -> Features:
    """The bags of an article (see the module docstring); ``entities`` are those of
    :func:`entity_text`, when already found; days are read only when ``published`` is an
    ISO time (relative days need it)."""
    title_words = terms(title)
    opening = " ".join(body.split(None, BODY_WORDS)[:BODY_WORDS])  # not the whole body split
    full = add_grams(title_words, TITLE_REPEAT, Counter())
    add_grams(terms(opening), 1.0, full)
    head = add_grams(title_words, 1.0, Counter())
    if entities is None:
        entities = find_entities(entity_text(title, body))
    ent = Counter(_name_form(e.text) for e in entities)
    moment = parse_moment(published)
    on = None if moment is None else moment.date()
    lead = entity_text(title, body[: _LEAD.match(body).end()])  # as the entities' offsets
    where = {
        key: 1.0
        for key in (
            province_key(e.text, on) for e in entities if e.start < len(lead) and e.type == "LOC"
        )
        if key
    }
    where.update(dict.fromkeys(lead_sites(lead), 1.0))
    out: Features = {
        "full": dict(full),
        "title": dict(head),
        "ent": {k: float(v) for k, v in ent.items()},
        "where": where,
    }
    if moment is not None:
        named, lead_day = report_days(title, opening, moment)
        out["days"] = {k: float(v) for k, v in Counter(d.isoformat() for d in named).items()}
        out["lead"] = {} if lead_day is None else {lead_day.isoformat(): 1.0}
    return out
