"""Passes over the whole text once the walk has typed each mention: a name cut short takes
its whole form, people met before split a run of their names, names beside a score are
teams, a weakly typed name takes the type of its firmer mentions and of the list it is in,
and places joined by a hyphen are two."""

from __future__ import annotations

from collections import Counter
from collections.abc import Set as AbstractSet

from diemtin.vi.entities.lexicon import (
    _CLUB_SUFFIXES,
    _LIST_GAPS,
    _SCORE,
    ORG_HEADS,
    PERSON_TITLES,
    PLACES,
)
from diemtin.vi.entities.runs import _PLACE_WORDS
from diemtin.vi.entities.tokens import Entity, _acronym
from diemtin.vi.normalize import key_form as _low


def _met_people(
    run: list[tuple[int, int, str]], met: set[str]
) -> list[list[tuple[int, int, str]]] | None:
    """A run that is two or more names of people met before, written one after the other
    (captions flattened into a line: "Hồ Quỳnh Hương Thu Minh"), cut into those names."""
    words = [t for _, _, t in run]
    parts, k = [], 0
    while k < len(run):
        m = next((m for m in range(len(run), k + 1, -1) if " ".join(words[k:m]) in met), 0)
        if not m:
            return None
        parts.append(run[k:m])
        k = m
    return parts if len(parts) > 1 else None


def _name_part(word: str, after: str) -> bool:
    """``word after`` can go on an organisation's name after "và": it opens no other
    organisation, place or title ("và Môi trường", not "và Bộ Tài chính", "và Hà Nội")."""
    low = _low(word)
    return (
        low not in ORG_HEADS
        and _low(f"{word} {after}") not in ORG_HEADS
        and low not in _PLACE_WORDS
        and low not in PERSON_TITLES
    )


def _whole_names(text: str, found: list[Entity]) -> list[Entity]:
    """An organisation's name cut short where its own capitals were dropped takes the whole
    name the text gave it elsewhere: "Cục Nghệ thuật biểu diễn" after "Cục Nghệ thuật Biểu
    diễn" (a lowercase syllable after a capitalised part may end a name)."""
    # longest first: of two names the text holds at one place ("Hội Sinh viên TP" and "Hội
    # Sinh viên TP.Hà Nội"), the whole one wins, not whichever a set's order gave last
    names = sorted(
        {e.text.lower() for e in found if e.type == "ORG" and e.text.count(" ") >= 2},
        key=lambda name: (-len(name), name),
    )
    if not names:
        return found
    out = []
    for e in found:
        if e.type == "ORG":
            low = e.text.lower()
            for name in names:
                end = e.start + len(name)
                if (
                    name.startswith(low + " ")
                    and text[e.start : end].lower() == name
                    and not text[end : end + 1].isalnum()
                ):
                    e = Entity(e.start, end, "ORG", text[e.start : end])
                    break
        out.append(e)
    return out


def _scores(text: str) -> dict[int, int]:
    """Start -> end of each score in ``text`` ("0 - 3", "1-2"), not ranges ("1 - 2 ngày")."""
    found: dict[int, int] = {}
    at = text.find("-")
    while at >= 0:  # from each dash back to its digits: cheaper than a scan of the text
        start = at - 1 if at and text[at - 1] == " " else at
        while start > max(0, at - 4) and text[start - 1].isdigit():
            start -= 1
        m = _SCORE.match(text, start) if start < at else None
        if m and not text[m.end() : m.end() + 2].lstrip()[:1].islower():
            found[m.start()] = m.end()
        at = text.find("-", at + 1)
    return found


def _teams(text: str, found: list[Entity], weak: set[int], scores: dict[int, int]) -> list[Entity]:
    """Names on either side of a score ("Schalke 0 - 3 Chelsea", "Arsenal 1-2 Borussia
    Dortmund") are teams: organisations, whatever a gazetteer or a guess said, and strong
    evidence for the name's other mentions. A person found on firm evidence (a title) stays
    one: players meet in tennis."""
    sides = set(scores) | set(scores.values())
    out = []
    for e in found:
        beside = (e.end + 1 in sides and text[e.end] == " ") or (
            e.start - 1 in sides and text[e.start - 1] == " "
        )
        if beside:
            if e.type != "ORG" and (e.type != "PER" or e.start in weak):
                e = Entity(e.start, e.end, "ORG", e.text)
            weak.discard(e.start)
            first, _, rest = e.text.partition(" ")
            if rest and (len(first) == 1 or first in ("FT", "HT")):
                # a results table's group letter or "full time" before the team: "F Arsenal"
                e = Entity(e.start + len(first) + 1, e.end, e.type, rest)
        out.append(e)
    return out


def _agree(
    text: str,
    found: list[Entity],
    weak: set[int],
    skipped: list[tuple[int, int, str]],
    cued: AbstractSet[int] = frozenset(),
    lone: AbstractSet[int] = frozenset(),
) -> list[Entity]:
    """One name, one type within a text: a mention typed on weak evidence, or left untyped,
    takes the type a strong mention of the same name has ("tại Consadole Sapporo" after
    "CLB Consadole Sapporo"; "Moyes" in a headline after "HLV David Moyes"), and "Mỹ-Nga",
    "Blinken-Lavrov" split into the names they join; a weakly typed name in a list takes the
    type of the name before it ("huyện Samba, Kathua và Jammu")."""
    known: dict[str, str] = {}
    for e in found:
        if e.start in weak:
            continue
        known.setdefault(e.text, e.type)
        words = e.text.split()
        if e.type == "PER" and len(words) >= 2 and not e.text.isupper():
            known.setdefault(" ".join(words[-2:]), "PER")
            known.setdefault(words[-1], "PER")
        if e.type == "ORG" and len(words) >= 2:
            for n in (1, 2, 3):
                head, rest = _low(" ".join(words[:n])), " ".join(words[n:])
                if (len(words) - n >= 2 or _acronym(rest)) and (
                    head in ORG_HEADS and rest[:1].isupper() and _low(rest) not in PLACES
                ):
                    known.setdefault(rest, "ORG")
    # A club named after its city ("Sydney FC") is what the city's bare name means in the
    # same report ("U21 Việt Nam hạ Sydney"), even where a gazetteer says place.
    clubs = {
        e.text.rsplit(" ", 1)[0]
        for e in found
        if e.type == "ORG" and " " in e.text and e.text.rsplit(" ", 1)[1] in _CLUB_SUFFIXES
    }
    for e in found:  # then places named after "tại", "ở": weaker, but above a bare guess
        if e.start in cued:
            known.setdefault(e.text, e.type)
    out = []
    for e in found:
        if e.start in weak and known.get(e.text, e.type) != e.type:
            e = Entity(e.start, e.end, known[e.text], e.text)
        elif e.type == "LOC" and e.text in clubs:
            e = Entity(e.start, e.end, "ORG", e.text)
        out.append(e)
    for s, end, word in skipped:
        parts = word.split("-")
        if word in known:
            out.append(Entity(s, end, known[word], word))
        elif len(parts) > 1 and all(p in known or _low(p) in PLACES for p in parts):
            out.extend(Entity(a, a + len(p), known.get(p, "LOC"), p) for a, p in _dashed(s, word))
    out.sort(key=lambda e: e.start)
    guesses = Counter((e.text, e.type) for e in out if e.start in weak)
    for n in range(1, len(out)):
        e, prev = out[n], out[n - 1]
        if (
            e.start in weak
            # a person guessed at every mention from a given name ("Mỹ Tâm") stays one,
            # and a name typed by a strong mention keeps that type
            and not (e.type == "PER" and guesses[(e.text, e.type)] >= 2)
            and known.get(e.text) != e.type
            and prev.start not in weak
            and prev.type != e.type
            and text[prev.end : e.start] in _LIST_GAPS
        ):
            out[n] = Entity(e.start, e.end, prev.type, e.text)
            weak.discard(e.start)
    return _people_in_lists(text, out, lone)


def _people_in_lists(text: str, found: list[Entity], lone: AbstractSet[int]) -> list[Entity]:
    """Lone foreign words typed ORG for want of a cue are people when the list they are in
    names people ("Beyonce, Adele, Britney Spears, Katy Perry, Rihanna"), and so are their
    other mentions in the text (the headline's "Beyonce , Adele")."""
    if not lone:
        return found
    out = list(found)
    people: set[str] = set()
    start = 0
    while start < len(out):
        end = start
        while end + 1 < len(out) and text[out[end].end : out[end + 1].start] in _LIST_GAPS:
            end += 1
        members = out[start : end + 1]
        if len(members) >= 3 and any(e.type == "PER" and e.start not in lone for e in members):
            for n in range(start, end + 1):
                if out[n].start in lone:
                    out[n] = Entity(out[n].start, out[n].end, "PER", out[n].text)
                    people.add(out[n].text)
        start = end + 1
    return [
        Entity(e.start, e.end, "PER", e.text) if e.start in lone and e.text in people else e
        for e in out
    ]


def _dashed(start: int, word: str) -> list[tuple[int, str]]:
    """(start, part) of each part of a hyphen-joined word that starts at ``start``."""
    out = []
    for part in word.split("-"):
        out.append((start, part))
        start += len(part) + 1
    return out


def _split_joined_places(found: list[Entity]) -> list[Entity]:
    """Places joined by a hyphen without spaces ("Việt Nam-Ấn Độ", "Mỹ-Nga") are two."""
    out: list[Entity] = []
    for e in found:
        parts = e.text.split("-")
        if e.type == "LOC" and len(parts) > 1 and all(_low(p) in PLACES for p in parts):
            out.extend(Entity(a, a + len(p), "LOC", p) for a, p in _dashed(e.start, e.text))
        else:
            out.append(e)
    return out
