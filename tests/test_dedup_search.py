"""Exact and near-duplicate detection, diacritic-insensitive search with accented snippets."""

from __future__ import annotations

from diemtin.config import Settings
from diemtin.model import Page
from diemtin.pipeline import ingest
from diemtin.store.sqlite import Store, snippet
from diemtin.vi.normalize import fold

BODY = (
    "Sáng 12/3, tại Đà Nẵng, Ủy ban nhân dân thành phố tổ chức lễ khởi công dự án cầu mới bắc "
    "qua sông Hàn với tổng vốn đầu tư hơn 1.000 tỷ đồng. Theo kế hoạch, công trình sẽ hoàn thành "
    "sau 30 tháng thi công và góp phần giảm ùn tắc giao thông ở khu vực trung tâm thành phố. "
    "Lãnh đạo thành phố yêu cầu các nhà thầu bảo đảm chất lượng, tiến độ và an toàn lao động "
    "trong suốt quá trình thi công, đồng thời hạn chế ảnh hưởng tới đời sống người dân."
)


def _page(i: int, body: str, outlet: str, title: str = "Khởi công cầu mới qua sông Hàn") -> Page:
    return Page(
        source="t.jsonl", locator=f"line:{i}", kind="body", text=body, title=title, outlet=outlet
    )


def test_exact_and_near_duplicates(tmp_path):
    pages = [
        _page(1, BODY, "Báo A"),
        _page(2, BODY.replace("Ủy", "Uỷ"), "Báo B"),  # exact after tone normalisation
        _page(3, BODY.replace("hơn 1.000 tỷ đồng", "khoảng 1.000 tỷ đồng"), "Báo C"),  # near
        _page(
            4,
            "Giá vàng trong nước hôm nay tăng mạnh theo đà của thị trường thế giới. " * 5,
            "D",
            "Giá vàng tăng",
        ),
    ]
    with Store(tmp_path / "d.db") as store:
        report = ingest([], store, Settings(errors="raise"), pages=pages)
        assert report.counts["stored"] == 2 and report.counts["duplicate"] == 2
        rows = {a["outlet"]: a for a in store.iter_articles()}
        assert rows["Báo B"]["duplicate_of"] == rows["Báo A"]["id"]
        assert rows["Báo B"]["duplicate_kind"] == "exact"
        assert rows["Báo C"]["duplicate_of"] == rows["Báo A"]["id"]
        assert rows["Báo C"]["duplicate_kind"] == "near"
        assert rows["D"]["duplicate_of"] is None
        # duplicates are not search results of their own
        hits = store.search("khoi cong cau song han")
        assert [h.article_id for h in hits] == [rows["Báo A"]["id"]]
        assert "[Đà Nẵng]" in store.search("da nang")[0].snippet


def test_snippet_maps_folded_offsets_to_original():
    original = "Hội đồng Bắc Cực họp ở Iceland"
    marked = fold(original).replace("bac cuc", "\x02bac\x03 \x02cuc\x03")
    assert snippet(original, marked) == "Hội đồng [Bắc Cực] họp ở Iceland"


def test_search_of_empty_query_is_empty(tmp_path):
    with Store(tmp_path / "e.db") as store:
        assert store.search("  !!! ") == []
