"""Build the hand-annotated entity gold files: tests/data/entities_{dev,dev2,test}.jsonl.

Mentions were read and typed by hand (CoNLL conventions: titles and cue words such as
"tỉnh", "ông" outside the span; products, events and generic "Chính phủ" not annotated)
and are listed in reading order; offsets are found in that order in title + "\n" + body of
the vnmds-dev article. dev and dev2 were used to develop the rules; test was annotated
afterwards and never tuned on.

    python tests/data/build_entity_gold.py dev|dev2|test
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from diemtin.eval.stories import load_vnmds  # noqa: E402

PER, ORG, LOC = "PER", "ORG", "LOC"

DEV = {
    "12236250": [
        ("VietinBank", ORG),
        ("Cả", LOC),
        ("Cả", LOC),
        ("VietinBank", ORG),
        ("Phú Yên", LOC),
        ("Khánh Hòa", LOC),
        ("miền Trung", LOC),
        ("Phú Yên", LOC),
        ("Vân Phong", LOC),
        ("Nha Trang", LOC),
        ("BẢO MINH", PER),
    ],
    "12236479": [
        ("Mexico", LOC),
        ("Mỹ", LOC),
        ("Der Spiegel", ORG),
        ("NSA", ORG),
        ("Mexico", LOC),
        ("Felipe Calderon", PER),
        ("CNN", ORG),
        ("Osorio Chong", PER),
        ("CISEN", ORG),
        ("Mexico", LOC),
        ("Osorio Chong", PER),
        ("Pena Nieto", PER),
        ("AFP", ORG),
    ],
    "12226016": [
        ("ĐBSCL", LOC),
        ("Hiệp hội lương thực Việt Nam", ORG),
        ("VFA", ORG),
        ("VFA", ORG),
        ("Bộ Công thương", ORG),
        ("Việt Nam", LOC),
        ("TCKD", ORG),
    ],
    "12210595": [
        ("Syria", LOC),
        ("Syria", LOC),
        ("Syria", LOC),
        ("Jama'a Jama'a", PER),
        ("Syria", LOC),
        ("Jama'a Jama'a", PER),
        ("Zama", LOC),
        ("Địa Trung Hải", LOC),
        ("Bashar al-Assad", PER),
        ("Liên minh châu Âu", ORG),
        ("Jama'a Jama'a", PER),
        ("Syria", LOC),
    ],
    "12313247": [
        ("Linh Đàm", LOC),
    ],
    "12313352": [
        ("Linh Đàm", LOC),
        ("Hồ Linh Đàm", LOC),
        ("Hồ Linh Đàm", LOC),
    ],
    "10307613": [
        ("Công ty Chứng khoán ACB", ORG),
        ("Công ty Chứng khoán ACB", ORG),
        ("Phạm Phú Khôi", PER),
        ("Khôi", PER),
        ("Hội đồng Thành viên ACBS", ORG),
        ("ACBS", ORG),
        ("Phạm Phú Khôi", PER),
        ("ACBS", ORG),
        ("Khôi", PER),
        ("Bank of America Merrill Lynch", ORG),
        ("Standard Chartered Bank-Singapore", ORG),
        ("Barclays Capital Asia", ORG),
        ("Khôi", PER),
        ("Vietnam Airlines", ORG),
        ("Đông Bắc Á", LOC),
        ("Hồng Kông", LOC),
    ],
    "12313315": [
        ("Nguyễn Hoàng Quốc", PER),
        ("Long Thạnh Mỹ", LOC),
        ("quận 9", LOC),
        ("Hiệp Bình Chánh", LOC),
        ("Nguyễn Thị Bích Hạnh", PER),
        ("Hiếu", PER),
        ("Trần Văn Chương", PER),
        ("Hạnh", PER),
        ("Anh Tuấn", PER),
    ],
}

DEV2 = {
    "12179281": [
        ("Yahoo", ORG),
        ("Google", ORG),
        ("Yahoo", ORG),
        ("Gizmodo", ORG),
        ("WashingtonPost", ORG),
    ],
    "12178159": [
        ("Yahoo", ORG),
        ("AFP", ORG),
        ("CNET", ORG),
        ("Google", ORG),
        ("Microsoft", ORG),
        ("Facebook", ORG),
        ("Twitter", ORG),
        ("Thành Luân", PER),
    ],
    "12298157": [
        ("Trường ĐH Nam Cần Thơ", ORG),
        ("Võ Tòng Xuân", PER),
        ("T. LŨY", PER),
    ],
    "8905298": [
        ("Tôn Đức Thắng", PER),
        ("đồng bằng sông Cửu Long", LOC),
        ("TP.HCM", LOC),
        ("Tôn", PER),
        ("Tôn Đức Thắng", PER),
        ("An Giang", LOC),
        ("Tôn Đức Thắng", PER),
        ("Tôn Đức Thắng", PER),
        ("Mỹ Hòa Hưng", LOC),
    ],
    "12321539": [
        ("Trường ĐH Công nghệ thông tin", ORG),
        ("ĐH Quốc gia TP.HCM", ORG),
        ("Trường ĐH Nguyễn Tất Thành", ORG),
        ("TP.HCM", LOC),
        ("Q.DŨNG", PER),
    ],
    "12310365": [
        ("Trường Đại học Nam Cần Thơ", ORG),
        ("Võ Tòng Xuân", PER),
        ("Hồng Cẩm", PER),
        ("Võ Tòng Xuân", PER),
    ],
}

TEST = {
    "12242710": [
        ("Biên Hòa", LOC),
        ("Tân Biên", LOC),
        ("N.T.Phúc", PER),
        ("Ban chỉ huy phòng chống lụt bão và tìm kiếm cứu nạn tỉnh Đồng Nai", ORG),
        ("Biên Hòa", LOC),
        ("Tân Biên", LOC),
        ("Tân Hòa", LOC),
        ("Hố Nai", LOC),
        ("NGÔ THIÊN PHÚC", PER),
    ],
    "12229385": [
        ("VAMC", ORG),
        ("Nguyễn Quốc Hùng", PER),
        ("Công ty quản lý tài sản VAMC", ORG),
        ("VAMC", ORG),
        ("Vinashin", ORG),
        ("VAMC", ORG),
        ("VAMC", ORG),
        ("VAMC", ORG),
        ("VAMC", ORG),
        ("VOV", ORG),
    ],
    "12288423": [
        ("Vinamilk", ORG),
        ("Vinamilk", ORG),
        ("Vinamilk", ORG),
        ("Lâm Đồng", LOC),
        ("Quỳnh Trang", PER),
        ("Vinamilk", ORG),
        ("Vinamilk", ORG),
        ("Vinamilk", ORG),
        ("Tuyên Quang", LOC),
        ("Lâm Đồng", LOC),
        ("Bình Định", LOC),
        ("Nghệ An", LOC),
        ("Thanh Hóa", LOC),
        ("Australia", LOC),
        ("Vinamilk", ORG),
        ("Tây Ninh", LOC),
        ("Hà Tĩnh", LOC),
        ("Thanh Hóa", LOC),
        ("HOÀNG HÀ", PER),
    ],
    "12362042": [
        ("Ngân hàng Nhà nước", ORG),
        ("NHNN", ORG),
        ("VBĐQ Sài Gòn", ORG),
        ("Tập đoàn DOJI", ORG),
        ("Thành Hưng", PER),
        ("Trí Thức Trẻ", ORG),
    ],
    "12311247": [
        ("Google", ORG),
        ("LG", ORG),
        ("Google", ORG),
        ("Google", ORG),
        ("Huy Đồng", PER),
        ("Vietnam+", ORG),
    ],
    "12210188": [
        ("Ấn Độ", LOC),
        ("Mỹ", LOC),
        ("BBC", ORG),
        ("Lực lượng Cảnh sát biển Ấn Độ", ORG),
        ("Tuticorin", LOC),
        ("Tamil Nadu", LOC),
        ("Ấn Độ", LOC),
        ("Anh", LOC),
        ("Ukraine", LOC),
        ("Estonia", LOC),
        ("AP", ORG),
        ("Ủy ban cấp cao Anh", ORG),
        ("New Delhi", LOC),
        ("AdvanFort", ORG),
        ("Sierra Leone", LOC),
        ("AdvanFort", ORG),
        ("Đại sứ quán Mỹ", ORG),
        ("New Delhi", LOC),
        ("B.Ngân", PER),
    ],
}

SETS = {"dev": DEV, "dev2": DEV2, "test": TEST}


def main(which: str) -> None:
    docs = {d.id: d for d in load_vnmds(HERE.parents[2] / "shared/data/vnmds-dev")}
    with open(HERE / f"entities_{which}.jsonl", "w", encoding="utf-8") as f:
        for doc_id, mentions in SETS[which].items():
            text = docs[doc_id].title + "\n" + docs[doc_id].body
            pos, entities = 0, []
            for surface, kind in mentions:
                start = text.find(surface, pos)
                if start < 0:
                    raise SystemExit(f"{doc_id}: {surface!r} not found after offset {pos}")
                entities.append(
                    {"start": start, "end": start + len(surface), "type": kind, "text": surface}
                )
                pos = start + len(surface)
            row = {"id": f"vnmds-{doc_id}", "text": text, "entities": entities}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test")
