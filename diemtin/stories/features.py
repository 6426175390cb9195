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
``where``, the provinces and cities of Vietnam and the districts its headline and lead name:
a local event's identity, which sets apart two accidents or fires of one day in two
provinces, or in two districts of one city.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from diemtin.stories.vectors import add_grams
from diemtin.vi.aliases import name_key
from diemtin.vi.clock import parse_moment
from diemtin.vi.days import LEAD_WORDS, report_days
from diemtin.vi.entities import PROVINCES, Entity, find_entities
from diemtin.vi.normalize import key_form, match_text

Features = dict[str, dict[str, float]]

TITLE_REPEAT = 3
# The body's first words only: the lead and the main facts, which is where outlets covering
# one event agree (measured on vnmds-dev: 200 words group as well as whole bodies), and a
# bound on the cost of a gigantic article.
BODY_WORDS = 200
# the headline and the lead's first words: where a report says where and when it is
_LEAD = re.compile(rf"\s*(?:\S+\s+){{0,{LEAD_WORDS - 1}}}\S*")
_NOT_LETTERS = re.compile(r"[\W_]+")
_DISTRICT_CUE = re.compile(r"(?<!\w)(?:quận|huyện|thị xã)\s+$", re.IGNORECASE)
DISTRICT = "~"  # the prefix of a district's key in the ``where`` bag


# Terms: syllables, with numbers kept whole ("5,3", "782,6", "13.000") and codes joined
# ("U-21" = "U21", "F-16" = "F16"), so that two outlets writing one figure share its term.
_TERM = re.compile(r"\d+(?:[.,]\d+)*|\w+")
_CODE_DASH = re.compile(r"(?<=[^\W\d_])-(?=\d)")


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


def _where(name: str, before: str) -> str | None:
    """A place's key in the ``where`` bag: a province or city of Vietnam, one key whatever
    its spelling ("Sài Gòn" = "TP HCM", "Thừa Thiên - Huế" = "Thừa Thiên Huế"), or a district
    after its cue ("quận Cầu Giấy", "huyện Hàm Thuận Bắc"), keyed ``DISTRICT`` + its name;
    None for any other place."""
    key = name_key(name)
    if _DISTRICT_CUE.search(before):
        return DISTRICT + _NOT_LETTERS.sub("", key)
    if key in PROVINCES or key_form(name) in PROVINCES:
        return _NOT_LETTERS.sub("", key)
    return None


def story_features(
    title: str, body: str, entities: list[Entity] | None = None, published: str | None = None
) -> Features:
    """The bags of an article (see the module docstring); ``entities`` are those of
    :func:`entity_text`, when already found; days are read only when ``published`` is an
    ISO time (relative days need it)."""
    title_words = terms(title)
    opening = " ".join(body.split()[:BODY_WORDS])
    full = add_grams(title_words, TITLE_REPEAT, Counter())
    add_grams(terms(opening), 1.0, full)
    head = add_grams(title_words, 1.0, Counter())
    if entities is None:
        entities = find_entities(entity_text(title, body))
    ent = Counter(match_text(e.text) for e in entities)
    lead = entity_text(title, body[: _LEAD.match(body).end()])  # as the entities' offsets
    where = {
        key: 1.0
        for key in (
            _where(e.text, lead[max(0, e.start - 12) : e.start])
            for e in entities
            if e.start < len(lead) and e.type == "LOC"
        )
        if key
    }
    out: Features = {
        "full": dict(full),
        "title": dict(head),
        "ent": {k: float(v) for k, v in ent.items()},
        "where": where,
    }
    moment = parse_moment(published)
    if moment is not None:
        named, lead = report_days(title, opening, moment)
        out["days"] = {k: float(v) for k, v in Counter(d.isoformat() for d in named).items()}
        out["lead"] = {} if lead is None else {lead.isoformat(): 1.0}
    return out
