"""One name per entity across a story: "Mỹ" = "Hoa Kỳ", "TP.HCM" = "Sài Gòn", "Blinken" =
"Antony Blinken" = "Anthony Blinken", "Hội đồng Bắc cực" = "Hội đồng Bắc Cực".

Mentions are merged in three steps: a gazetteer of alternative names of one place or body;
one spelling of case and tone placement; and, for people, a short mention joins the one full
name it can only belong to (the full name ending with it, or a foreign family name shared by
spelling variants of the given name). The most mentioned full form names the group.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from diemtin.vi.entities import foreign_word
from diemtin.vi.normalize import key_form as _key

# Alternative names of one place or organisation; the first is the canonical key.
_GROUPS = (
    "Mỹ|Hoa Kỳ|Hợp chủng quốc Hoa Kỳ|USA",
    "TP.HCM|TPHCM|TP HCM|TP. HCM|HCM|TP. Hồ Chí Minh|TP Hồ Chí Minh|TP.Hồ Chí Minh|"
    "Thành phố Hồ Chí Minh|thành phố Hồ Chí Minh|Sài Gòn",
    "Anh|Vương quốc Anh|Anh Quốc|Liên hiệp Vương quốc Anh",
    "Nga|Liên bang Nga|Russia",
    "Trung Quốc|TQ|Trung Hoa",
    "Hàn Quốc|Nam Triều Tiên",
    "Triều Tiên|Bắc Triều Tiên|CHDCND Triều Tiên",
    "Liên Hợp Quốc|Liên hợp quốc|Liên Hiệp Quốc|LHQ",
    "Ả Rập Xê Út|Ả Rập Saudi|Saudi Arabia",
    "Úc|Australia",
    "Moscow|Mát-xcơ-va|Matxcơva",
    "Đồng bằng sông Cửu Long|ĐBSCL",
    "Việt Nam|VN",
    "Hà Nội|Thủ đô Hà Nội|TP.Hà Nội|TP Hà Nội|TP. Hà Nội|Thành phố Hà Nội|thành phố Hà Nội",
    "Nhật Bản|Nhật",
    "Đức|CHLB Đức",
    "Thụy Sĩ|Thụy Sỹ",
    "Campuchia|Cam-pu-chia",
    "Lào|CHDCND Lào",
)


_CANONICAL = {_key(name): group.split("|")[0] for group in _GROUPS for name in group.split("|")}
# alternative names inside longer names: "Bộ Ngoại giao Hoa Kỳ" is "Bộ Ngoại giao Mỹ"
_INSIDE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _CANONICAL), key=len, reverse=True)) + r")(?!\w)"
)


def name_key(text: str) -> str:
    """The key under which all names of one entity meet."""
    key = _key(text)
    if key in _CANONICAL:
        return _key(_CANONICAL[key])
    return _INSIDE.sub(lambda m: _key(_CANONICAL[m.group(1)]), key)


@dataclass
class NameGroup:
    type: str
    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)

    @property
    def text(self) -> str:
        """The most mentioned form; for a person, of the full names: "Antony Blinken", not
        "Blinken"."""
        full = self.type == "PER"
        return max(self.surfaces, key=lambda s: (full and len(s.split()) > 1, self.surfaces[s], s))

    def as_dict(self) -> dict[str, object]:
        name = self.text
        others = sorted(s for s in self.surfaces if s != name)
        return {"text": name, "type": self.type, "count": self.count, "aliases": others}


def group_names(mentions: Counter[tuple[str, str]]) -> list[NameGroup]:
    """Merge ``(type, surface) -> count`` into name groups, most mentioned first."""
    groups: dict[tuple[str, str], NameGroup] = {}
    for (kind, surface), n in mentions.items():
        key = name_key(surface)
        group = groups.setdefault((kind, key), NameGroup(kind))
        group.count += n
        group.surfaces[surface] += n
    # people: a short mention joins the one full name it can belong to
    full_by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, key in groups:
        words = key.split()
        if kind == "PER" and len(words) >= 2:
            full_by_last[words[-1]].append((kind, key))
    for last, fulls in full_by_last.items():
        # spelling variants of one foreign person ("Antony"/"Anthony Blinken") are one name
        if len(fulls) > 1 and foreign_word(last) and all(len(k.split()) == 2 for _, k in fulls):
            target = max(fulls, key=lambda k: groups[k].count)
            for other in fulls:
                if other != target:
                    _merge(groups, other, target)
            fulls = [target]
        if len(fulls) == 1 and ("PER", last) in groups:
            _merge(groups, ("PER", last), fulls[0])
    return sorted(groups.values(), key=lambda g: (-g.count, g.text))


def _merge(
    groups: dict[tuple[str, str], NameGroup], source: tuple[str, str], target: tuple[str, str]
) -> None:
    moved = groups.pop(source)
    groups[target].count += moved.count
    groups[target].surfaces.update(moved.surfaces)
