"""The days a text names (diemtin.vi.days): resolution against the publish day, the lead's
day, and moving a text's days with its publish time (the dense evaluation stream)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from diemtin.vi.days import (
    LOOK_AHEAD,
    LOOK_BACK,
    mentioned_days,
    report_days,
    shift_written_days,
)

PUBLISHED = datetime(2024, 3, 13, 9, 0)


def test_days_as_news_writes_them():
    cases = {
        "Sáng 13/3, SJC niêm yết": [date(2024, 3, 13)],
        "Giá vàng hôm nay 13-3: tăng": [date(2024, 3, 13)],
        "ngày 12 tháng 3 năm 2024": [date(2024, 3, 12)],
        "tăng so với chiều qua": [date(2024, 3, 12)],
        "Dự báo trưa mai bão đổ bộ, ngày mai mưa lớn": [date(2024, 3, 14)] * 2,
        "hôm 10-3 và thứ Sáu (8/3)": [date(2024, 3, 10), date(2024, 3, 8)],
        "ngày 14/3/2024 và 12/03/24": [date(2024, 3, 14), date(2024, 3, 12)],
        "TỐI NAY công bố": [date(2024, 3, 13)],
        # not days: the past days, a score, a number, history, an impossible date
        "những ngày qua, tuần qua": [],
        "U-21 thắng 3-1, chỉ số 5.3 điểm": [],
        "ngày 30/4/1975": [],
        "31/2": [],
    }
    for text, days in cases.items():
        assert mentioned_days(text, PUBLISHED) == days, text


def test_weekdays_are_days_when_their_words_make_them_days():
    """PUBLISHED is a Wednesday (13/3/2024)."""
    cases = {
        "Hôm thứ Hai, ông nói": [date(2024, 3, 11)],  # "hôm": the last one
        "hôm thứ Sáu": [date(2024, 3, 8)],
        "sáng thứ Năm": [date(2024, 3, 14)],  # nothing says which: the nearest
        "chiều Chủ nhật": [date(2024, 3, 10)],
        "vào thứ Hai tuần tới": [date(2024, 3, 18)],
        "tối thứ 2 tuần trước": [date(2024, 3, 4)],
        "Thứ Sáu tuần này": [date(2024, 3, 15)],
        "thứ Bảy này": [date(2024, 3, 16)],
        "thứ Hai vừa qua": [date(2024, 3, 11)],
        "ngày thứ Tư": [date(2024, 3, 13)],
        "hôm thứ Sáu (8/3)": [date(2024, 3, 8)],  # the date says it, once
        # ordinals and every week's days are no days
        "lần thứ hai": [],
        "Thứ hai, giá vàng tăng": [],
        "ngày thứ hai của hội nghị": [],
        "kỳ họp thứ 5 vừa qua": [],
        "người thứ hai tới": [],
        "lần thứ Ba": [],
        "vào các ngày thứ Tư và thứ Sáu": [],
        "ông chủ Nhật Bản của Thủ Đức": [],
    }
    for text, days in cases.items():
        assert mentioned_days(text, PUBLISHED) == days, text


def test_a_day_without_a_year_is_the_nearest_one():
    new_year = datetime(2025, 1, 2)
    assert mentioned_days("Đêm 31/12, pháo hoa", new_year) == [date(2024, 12, 31)]
    assert mentioned_days("sáng 3/1", datetime(2024, 12, 30)) == [date(2025, 1, 3)]
    assert mentioned_days("29/2", datetime(2024, 3, 1)) == [date(2024, 2, 29)]
    assert mentioned_days("29/2", datetime(2023, 3, 1)) == []  # no such day near


def lead_day(title: str, body: str, published: datetime) -> date | None:
    return report_days(title, body, published)[1]


def test_the_lead_day_is_the_named_day_nearest_publication():
    # a report of 13/3 that compares with yesterday is of 13/3
    body = "Sau phiên lập đỉnh hôm qua, giá vàng miếng sáng nay 13-3 đảo chiều giảm."
    assert lead_day("Vàng miếng đảo chiều", body, PUBLISHED) == date(2024, 3, 13)
    # a forecast: of today, though it names tomorrow
    storm = "Tối 6/9, bão cách Quảng Ninh 230 km. Dự báo trưa mai bão đổ bộ."
    assert lead_day("Bão áp sát", storm, datetime(2024, 9, 6, 18)) == date(2024, 9, 6)
    assert lead_day("Bão áp sát", "Bão mạnh cấp 14.", PUBLISHED) is None
    # only the lead counts: a day named after its first words does not
    late = " ".join(["chữ"] * 60) + " ngày 12/3"
    assert report_days("Tin", late, PUBLISHED) == ([date(2024, 3, 12)], None)


_FRAGMENTS = st.sampled_from(
    [
        "Sáng 12/3,", "ngày 5-3", "hôm nay", "chiều qua", "trưa mai", "ngày 3 tháng 3 năm 2024",
        "1/3 dân số", "12/03/24", "30/4/1975", "hôm 28-2", "U-21 3-1", "giá vàng", "tăng", ".",
        "31/12", "ngày mai", "tối nay", "ngày 10/3/2024", "5.000", "\n", "hôm thứ Năm",
        "sáng thứ Hai", "Chủ nhật tới", "thứ Bảy vừa qua", "vào thứ 3", "lần thứ hai",
        "thứ Sáu (8/3)",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.datetimes())
def test_any_text_gives_days_in_range(text: str, published: datetime):
    for day in mentioned_days(text + " ngày mai, hôm qua, 1/1", published):
        assert published.date() - LOOK_BACK <= day <= published.date() + LOOK_AHEAD


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_FRAGMENTS, max_size=12),
    st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)),
    st.integers(-6000, 6000),
)
def test_moved_text_names_the_moved_days(fragments, published, days):
    """A text moved with its publish time names the same days, moved (the fragments' written
    days are days in any year: "29/2" is not, and may become one when moved)."""
    text = " ".join(fragments)
    moved = shift_written_days(text, published, days)
    later = published + timedelta(days=days)
    expected = [d + timedelta(days=days) for d in mentioned_days(text, published)]
    assert mentioned_days(moved, later) == expected
