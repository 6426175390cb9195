"""A store for the reader's tests: the two samples plus articles written to attack the
pages (script tags, event handlers, javascript: links) and a second story for entities."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES

HOSTILE_TITLE = '<script>alert("tiêu đề")</script> Cháy lớn tại chợ Đồng Xuân'
HOSTILE_BODY = (
    "Hà Nội - Rạng sáng nay, một vụ cháy lớn đã xảy ra tại chợ Đồng Xuân, quận Hoàn Kiếm. "
    '<img src=x onerror="alert(1)"> Lực lượng cảnh sát phòng cháy chữa cháy đã có mặt kịp thời '
    'và khống chế đám cháy sau hai giờ. <a href="javascript:alert(2)">Xem thêm</a>\n'
    "Theo ông Nguyễn Văn An, Giám đốc Công an thành phố Hà Nội, nguyên nhân vụ cháy đang được "
    "điều tra làm rõ. Không có thiệt hại về người nhưng nhiều gian hàng bị thiêu rụi hoàn toàn. "
    "Các tiểu thương cho biết họ mất trắng hàng hóa chuẩn bị cho dịp cuối năm."
)


def hostile_lines() -> list[str]:
    rows = [
        {
            "id": "attack-1",
            "url": "javascript:alert(document.cookie)",
            "outlet": '<b onmouseover="alert(3)">Báo Lạ</b>',
            "title": HOSTILE_TITLE,
            "published": "2021-05-14T08:00:00",
            "body": HOSTILE_BODY,
        },
        {
            "id": "attack-2",
            "url": "https://example.org/chay-cho-dong-xuan",
            "outlet": "Tuổi Trẻ",
            "title": "Hà Nội: cháy chợ Đồng Xuân, nhiều gian hàng bị thiêu rụi",
            "published": "2021-05-14T09:30:00",
            "body": (
                "Vụ cháy chợ Đồng Xuân ở quận Hoàn Kiếm, Hà Nội bùng phát khoảng 3 giờ sáng."
                " Hàng chục xe chữa cháy được điều đến, đám cháy được dập tắt sau hai giờ."
                " Công an thành phố Hà Nội cho biết không có thương vong; nhiều gian hàng quần"
                " áo, vải vóc ở tầng một bị thiêu rụi. Tiểu thương chợ Đồng Xuân lo lắng vì hàng"
                " hóa nhập về cho dịp cuối năm đã cháy hết. Chợ Đồng Xuân là khu chợ lâu đời"
                " nhất của Hà Nội, từng bị cháy lớn năm 1994."
            ),
        },
    ]
    return [json.dumps(r, ensure_ascii=False) for r in rows]


def build_store(folder: Path) -> Path:
    """Ingest the samples and the hostile articles into ``folder/reader.db``."""
    from diemtin.config import Settings
    from diemtin.pipeline import ingest
    from diemtin.store.sqlite import Store

    db = folder / "reader.db"
    attack = folder / "attack.jsonl"
    attack.write_text("\n".join(hostile_lines()) + "\n", encoding="utf-8")
    with Store(db) as store:
        ingest([str(EXAMPLES), str(attack)], store, Settings(db=str(db), errors="raise"))
    return db
