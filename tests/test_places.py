"""Where a report is (diemtin.vi.places): province keys on the map of the report's day,
local units read after their cues, and how two reports' places differ."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from diemtin.vi.entities import PROVINCES
from diemtin.vi.places import (
    COMMUNE,
    DISTRICT,
    LEVELS,
    REFORM,
    SITES,
    SPREAD,
    STORM,
    VENUE,
    apart,
    level,
    local_units,
    province_key,
    storms,
    venues,
)


def test_the_63_provinces_become_34_on_the_reform_day():
    before = {province_key(name, REFORM - timedelta(days=1)) for name in PROVINCES}
    after = {province_key(name, REFORM) for name in PROVINCES}
    assert len(before) == 63 and len(after) == 34
    assert after < before  # the merged provinces kept the names of the ones that took in
    assert province_key("Bình Thuận", REFORM) == province_key("Lâm Đồng") == "lâmđồng"
    assert province_key("Bà Rịa - Vũng Tàu", REFORM) == province_key("Sài Gòn") == "tphcm"
    assert province_key("Bình Thuận") == province_key("Bình Thuận", None) == "bìnhthuận"
    assert province_key("Huế") == province_key("Thừa Thiên - Huế") == "thừathiênhuế"
    assert province_key("Cầu Giấy") is None and province_key("Mỹ", REFORM) is None


def test_local_units_after_their_cues():
    text = (
        "ngụ Phường Chánh Nghĩa, TP Thủ Dầu Một; UBND phường Phú Hòa, Huyện Mê Linh, thị xã "
        "Sơn Tây, Thị trấn Phùng, đặc khu Phú Quốc, phường 12 quận Gò Vấp, Quận 07, phường "
        "Yên Nghĩa quận Hà Đông"
    )
    assert list(local_units(text)) == [
        "@chánhnghĩa", "@phúhòa", "~mêlinh", "~sơntây", "@phùng", "@phúquốc", "@12",
        "~gòvấp", "~7", "@yênnghĩa", "~hàđông",
    ]  # fmt: skip
    # words that are no unit: common nouns after a cue, fractions and figures
    assert list(local_units("xã hội, Huyện ủy, quận 1/2 dân số, xã 5.000 người, phường")) == []


@given(st.text())
def test_local_units_take_any_text(text: str):
    for key in local_units(text):
        assert level(key) in (DISTRICT, COMMUNE) and len(key) > 1


places = st.lists(
    st.sampled_from(
        ["hànội", "tphcm", "nghệan", "~cầugiấy", "~7", "@yênhòa", "@12", "#cồn", "#đôngba", "*3"]
    ),
    max_size=5,
)


@given(places, places)
def test_apart_is_symmetric_and_needs_places_on_both_sides(here: list[str], there: list[str]):
    assert apart(here, there) == apart(there, here)
    if not here or not there:
        assert apart(here, there) is None
    assert apart(here, here) is None
    if {k for k in here if level(k) == STORM} & set(there):
        assert apart(here, there) is None  # reports of one storm
    # apart only at a level where both name places and share none
    if apart(here, there) is not None:
        assert any(
            {k for k in here if level(k) == lv}.isdisjoint(there)
            and any(level(k) == lv for k in here)
            and any(level(k) == lv for k in there)
            for lv in LEVELS
        )


def test_one_place_each_is_two_sites_several_a_spread():
    assert apart(["hànội", "~cầugiấy"], ["tphcm", "~7"]) == SITES
    assert apart(["hànội", "~cầugiấy"], ["hànội", "~7"]) == SITES
    assert apart(["hànội", "~cầugiấy", "~hàđông"], ["hànội", "~7"]) == SPREAD
    assert apart(["hànội", "~cầugiấy"], ["hànội"]) is None
    assert apart(["hànội", "@yênhòa"], ["hànội", "~cầugiấy"]) is None  # two levels


def test_provinces_count_only_between_reports_that_name_a_site():
    assert apart(["hànội"], ["tphcm"]) is None  # a school day, a cold spell: one story
    assert apart(["quảngninh", "hảiphòng"], ["tháibình"]) is None  # a storm moving on
    assert apart(["hànội", "~cầugiấy"], ["tphcm"]) is None
    assert apart(["hànội", "~cầugiấy"], ["tphcm", "@12"]) == SITES  # two incidents


def test_venues_after_their_cues():
    text = (
        "Cháy lớn tại chợ Cồn (TP Đà Nẵng); qua đèo Hải Vân và sân bay Nội Bài, KCN Tân Tạo,"
        " bến xe Miền Đông. Chợ Rẫy, huyện Chợ Gạo, chợ đen, nhu cầu Tết"
    )
    assert list(venues(text)) == ["#cồn", "#hảivân", "#nộibài", "#tântạo", "#miềnđông"]


@given(st.text())
def test_venues_take_any_text(text: str):
    for key in venues(text):
        assert level(key) == VENUE and len(key) > 1


def test_venues_localise_reports_but_are_not_compared():
    # two market fires of one night in two cities: named sites, so the provinces count
    assert apart(["thừathiênhuế", "#đôngba"], ["đànẵng", "#cồn"]) == SITES
    assert apart(["thừathiênhuế", "#đôngba"], ["đànẵng"]) is None  # a storm's reports
    # one flood's market and pass in one province: venues alone tell nothing apart
    assert apart(["quảngnam", "#hộian"], ["quảngnam", "#hảivân"]) is None


def test_storms_by_number_and_by_name():
    text = (
        "Bão số 3 (Yagi) đổ bộ; cơn bão số 11 và siêu bão Haiyan, BÃO SỐ 9, bão Son-Tinh."
        " Cơn bão giá, bão Quảng Ninh, bão số 123, do bão Trong đó, 3 cơn bão\nSau"
    )
    assert list(storms(text)) == ["*3", "*yagi", "*11", "*haiyan", "*9", "*son-tinh"]


@given(st.text())
def test_storms_take_any_text(text: str):
    for key in storms(text):
        assert level(key) == STORM and len(key) > 1


def test_reports_of_one_storm_are_not_apart_by_their_sites():
    # the airports of two provinces that one storm closes: one story
    vandon, catbi = ["quảngninh", "#vânđồn", "*3", "*yagi"], ["hảiphòng", "#cátbi", "*3"]
    assert apart(vandon, catbi) is None
    # two storms' sites, or one storm's and an incident's, are as before
    assert apart(vandon, ["hảiphòng", "#cátbi", "*4"]) == SITES
    assert apart(vandon, ["hảiphòng", "#cátbi"]) == SITES


def test_a_report_with_no_day_keeps_the_old_map():
    assert province_key("Phú Yên", None) == "phúyên"
    assert province_key("Phú Yên", date(2026, 1, 1)) == "đắklắk"
