"""Where in Vietnam a report is: its provinces and the local units under them, keyed so
that two spellings of one place meet and two places do not, on the map of the report's day.

Three levels, each compared only with itself (an article that names the city alone is not
elsewhere than one that names its district): provinces and centrally run cities, districts
("quận Cầu Giấy", "huyện Hàm Thuận Bắc", "Quận 7"), and communes, wards and special zones
("xã Hòa Thịnh", "phường Yên Hòa", "phường 12", "đặc khu Phú Quốc"). Provinces tell two
reports apart only when both also name such a site (:func:`apart`), or a named venue ("chợ
Đông Ba", "đèo Hải Vân", "sân bay Nội Bài"): an incident's report names where it happened.
A storm ("bão số 3", "bão Yagi") is one event at many sites: its reports are never apart.

On 1 July 2025 (Resolution 202/2025/QH15) the 63 provinces became 34 and districts were
abolished: communes and wards now sit right under the province, so news names a fire's ward
("phường Kiến Hưng, Hà Nội") where it named its district. A report of that day or later that
names a former province ("Tuy Hòa (Phú Yên cũ)") speaks of the merged one (Đắk Lắk).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import takewhile

from diemtin.vi.aliases import name_key
from diemtin.vi.entities import PROVINCES
from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import key_form

DISTRICT = "~"  # the prefix of a district's key
COMMUNE = "@"  # the prefix of a commune's, a ward's or a special zone's key
VENUE = "#"  # the prefix of a named venue's key: it localises a report, is not compared
STORM = "*"  # the prefix of a storm's key: the one event of reports from many sites
LEVELS = ("", DISTRICT, COMMUNE)  # provinces' keys have none
REFORM = date(2025, 7, 1)
# How two reports' places differ (:func:`apart`).
SITES = "sites"
SPREAD = "spread"

# The provinces that took others in on REFORM, and those they took in.
_MERGED = {
    "Tuyên Quang": "Hà Giang",
    "Lào Cai": "Yên Bái",
    "Thái Nguyên": "Bắc Kạn",
    "Phú Thọ": "Vĩnh Phúc|Hòa Bình",
    "Bắc Ninh": "Bắc Giang",
    "Hưng Yên": "Thái Bình",
    "Hải Phòng": "Hải Dương",
    "Ninh Bình": "Hà Nam|Nam Định",
    "Quảng Trị": "Quảng Bình",
    "Đà Nẵng": "Quảng Nam",
    "Quảng Ngãi": "Kon Tum",
    "Gia Lai": "Bình Định",
    "Khánh Hòa": "Ninh Thuận",
    "Lâm Đồng": "Đắk Nông|Bình Thuận",
    "Đắk Lắk": "Phú Yên",
    "TP.HCM": "Bình Dương|Bà Rịa - Vũng Tàu",
    "Đồng Nai": "Bình Phước",
    "Tây Ninh": "Long An",
    "Cần Thơ": "Sóc Trăng|Hậu Giang",
    "Vĩnh Long": "Bến Tre|Trà Vinh",
    "Đồng Tháp": "Tiền Giang",
    "Cà Mau": "Bạc Liêu",
    "An Giang": "Kiên Giang",
}
# Names of a province that the gazetteer of entity types does not list as one: "Huế" is
# the city that gave Thừa Thiên Huế its name, and the province's own name since 2025.
_ALSO = dict.fromkeys(("huế", "tp huế", "tp. huế", "tp.huế", "thành phố huế"), "Thừa Thiên Huế")
_NOT_LETTERS = re.compile(r"[\W_]+")
# A local unit's cue, and what may follow it: its number, or words of which the capitalised
# ones that open it are its name ("phường Yên Hòa, Hà Nội", "Quận 7", "Phường 12 quận Gò
# Vấp"). Read from the text rather than from the entity finder, whose spans may take the cue
# in ("Phường Chánh Nghĩa") or type a unit as its authority ("Quận Cầu Giấy").
_LOCAL_CUE = re.compile(r"(?<!\w)(quận|huyện|thị xã|phường|xã|thị trấn|đặc khu)\s+", re.IGNORECASE)
_DISTRICT_CUES = frozenset({"quận", "huyện", "thị xã"})
# A venue's cue and its name, the capitalised words after it ("chợ Đông Ba", "KCN Tân Tạo"):
# kinds of place where one incident happens. A cue in lowercase only: "Chợ Rẫy" is a
# hospital, "Chợ Gạo" a district.
_VENUE = re.compile(
    r"(?<!\w)(?:chợ|đèo|sân bay|bến xe|bến phà|khu công nghiệp|KCN|khu chung cư|chung cư)"
    r"\s+(?=([^\W\d_][^\W_]*(?:[ ][^\W\d_][^\W_]*){0,3}))",  # only the cue is consumed
)
# A storm by its number or by its name ("bão số 3", "Bão số 3 (Yagi)", "siêu bão Haiyan"):
# typhoons' names are written in plain Latin letters, and are no Vietnamese syllable
# ("bão Trong" is a storm's sentence and the next one's first word).
_STORM = re.compile(
    r"(?<!\w)(?i:bão)[ ]+(?:(?i:số)[ ]+(\d{1,2})(?!\d)|([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)\b)"
    r"(?:[ ]*\(([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)\))?"
)
_AFTER_CUE = re.compile(r"\d{1,2}(?![\d/.,-]?\d)|[^\W\d_]+(?:[ ][^\W\d_]+){0,3}")


def _key(name: str) -> str:
    return _NOT_LETTERS.sub("", name_key(name))


# province keys of the map before REFORM -> of the map after it
_AFTER_REFORM = {_key(old): _key(new) for new, olds in _MERGED.items() for old in olds.split("|")}


def province_key(name: str, on: date | None = None) -> str | None:
    """One key per province whatever its spelling ("Sài Gòn" = "TP HCM", "Thừa Thiên -
    Huế" = "Huế"), the merged province's for a report ``on`` or after REFORM; None for a
    name that is no province."""
    key = name_key(name)
    if key in _ALSO:
        key = _key(_ALSO[key])
    elif key in PROVINCES or key_form(name) in PROVINCES:
        key = _NOT_LETTERS.sub("", key)  # as _key, from the name_key already taken
    else:
        return None
    return _AFTER_REFORM.get(key, key) if on is not None and on >= REFORM else key


def _opening_name(words: str) -> str:
    """The capitalised words that open ``words``: a place's name after its cue."""
    return " ".join(takewhile(lambda w: w[0].isupper(), words.split()))


def local_units(text: str) -> Iterator[str]:
    """Keys of the districts, communes, wards and special zones ``text`` names after their
    cue, by name or by number, each prefixed with its level."""
    for m in _LOCAL_CUE.finditer(text):
        after = _AFTER_CUE.match(text, m.end())
        if after is None:
            continue
        name = after[0].lstrip("0") if after[0][0].isdigit() else _opening_name(after[0])
        if name:
            prefix = DISTRICT if m[1].lower() in _DISTRICT_CUES else COMMUNE
            yield prefix + _key(name)


def venues(text: str) -> Iterator[str]:
    """Keys of the venues ``text`` names after their cue ("chợ Cồn", "đèo Hải Vân"),
    prefixed with VENUE."""
    for m in _VENUE.finditer(text):
        if name := _opening_name(m[1]):
            yield VENUE + _key(name)


def storms(text: str) -> Iterator[str]:
    """Keys of the storms ``text`` names, by number and by name, prefixed with STORM."""
    for m in _STORM.finditer(text):
        for name in filter(None, m.groups()):
            key = name.lower()
            if key[0].isdigit() or "-" in key or not is_syllable(key):
                yield STORM + key


def lead_sites(text: str) -> Iterator[str]:
    """The keys a headline and lead give below the provinces: local units, venues, storms."""
    yield from local_units(text)
    yield from venues(text)
    yield from storms(text)


def level(key: str) -> str:
    """The level of a place's key: its prefix, or "" for a province."""
    return key[0] if key[:1] in (DISTRICT, COMMUNE, VENUE, STORM) else ""


def apart(here: Iterable[str], there: Iterable[str]) -> str | None:
    """How two sets of place keys differ: None when at each level at which both name
    places they share one ("hànội" alone and "hànội", "~cầugiấy" are not apart); SITES when
    at some level each names one place, not the other's (two single-site events: two fires
    in two wards, two crashes in two provinces); else SPREAD (a side names several places
    there and the other none of them).

    Provinces count only when both also name a district, a ward or a venue: an incident's
    report names its site below the province, while a storm's, a cold spell's or a school
    year's reports each name a province of their own and tell one story. Venues only say
    that: two of one event are as often two ("chợ" and "cầu" of one flood). Reports of one
    storm are never apart by place: each airport, pass or market it closes is its site."""
    mine, theirs = _by_level(here), _by_level(there)
    if not mine.pop(STORM, set()).isdisjoint(theirs.pop(STORM, ())):
        return None
    localized = mine.keys() - {""} and theirs.keys() - {""}
    found = None
    for lv in LEVELS if localized else LEVELS[1:]:
        at, other = mine.get(lv), theirs.get(lv)
        if at and other and at.isdisjoint(other):
            if len(at) == 1 and len(other) == 1:
                return SITES
            found = SPREAD
    return found


def _by_level(keys: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in keys:
        out.setdefault(level(key), set()).add(key)
    return out
