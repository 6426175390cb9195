"""Builders for test inputs: WARC archives and JSONL streams of generated articles."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

SYLLABLES = [
    "người",
    "dân",
    "thành",
    "phố",
    "tỉnh",
    "huyện",
    "xã",
    "công",
    "an",
    "kinh",
    "tế",
    "giáo",
    "dục",
    "bệnh",
    "viện",
    "giao",
    "thông",
    "chính",
    "phủ",
    "quốc",
    "hội",
    "đại",
    "biểu",
    "doanh",
    "nghiệp",
    "ngân",
    "hàng",
    "thị",
    "trường",
    "giá",
    "vàng",
    "xăng",
    "dầu",
    "mưa",
    "bão",
    "lũ",
    "lụt",
    "học",
    "sinh",
    "sinh",
    "viên",
    "nhà",
    "trường",
    "bóng",
    "đá",
    "đội",
    "tuyển",
    "trận",
    "đấu",
    "bàn",
    "thắng",
    "huấn",
    "luyện",
    "viên",
    "nông",
    "dân",
    "lúa",
    "gạo",
    "xuất",
    "khẩu",
    "đầu",
    "tư",
    "dự",
    "án",
    "đường",
    "cao",
    "tốc",
    "cầu",
    "cảng",
    "sân",
    "bay",
    "du",
    "lịch",
    "văn",
    "hóa",
]


def response_record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    record.set_bytes_content(http)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def write_warc_gz(path: Path, pages: list[tuple]) -> Path:
    """A .warc.gz with one gzip member per record, as crawlers write them.

    ``pages`` holds (url, body) or (url, body, content type) tuples."""
    path.write_bytes(b"".join(gzip.compress(response_record(*page)) for page in pages))
    return path


def fake_article(rng: random.Random, paragraphs: int = 4) -> str:
    paras = []
    for _ in range(paragraphs):
        words = [rng.choice(SYLLABLES) for _ in range(rng.randint(30, 60))]
        words[0] = words[0].capitalize()
        paras.append(" ".join(words) + ".")
    return "\n".join(paras)


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {
                "id": f"doc-{i}",
                "url": f"https://example.vn/{i}",
                "outlet": "example.vn",
                "title": f"Bản tin số {i} về kinh tế và xã hội",
                "published": f"2024-01-{1 + i % 28:02d}T08:00",
                "body": f"Bài {i}. " + fake_article(rng),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
