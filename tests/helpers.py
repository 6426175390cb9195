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


def response_record(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: tuple[str, ...] = (),
) -> bytes:
    """One WARC response record; ``headers``: more HTTP header lines ("Content-Encoding: br")."""
    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    head = "".join(f"{line}\r\n" for line in (f"Content-Type: {content_type}", *headers))
    http = f"HTTP/1.1 200 OK\r\n{head}\r\n".encode() + body
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


def article_html(title: str, body: str, published: str | None, outlet: str) -> bytes:
    """A plain news page around a real article body, as an outlet would serve it."""
    from html import escape

    paras = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} | {escape(outlet)}</title>{meta}</head><body>"
        f"<nav><a href='/'>Trang chủ</a> <a href='/the-gioi'>Thế giới</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paras}</article>"
        f"<footer>© {escape(outlet)}</footer></body></html>"
    ).encode()


def vnmds_warc(path: Path, vnmds: Path, clusters: int, examples: Path | None = None) -> Path:
    """A WARC.gz of the first ``clusters`` vnmds-dev clusters as HTML pages (and the sample
    dumps of ``examples`` as text pages), plus an exact and a near copy of one article: the
    last of the first cluster, so that a copy's story is not named after its original."""
    from diemtin.eval.stories import load_vnmds

    pages: list[tuple] = []
    gold = load_vnmds(vnmds)
    wanted = sorted({a.group for a in gold}, key=lambda g: int(g.split("_")[-1]))[:clusters]
    chosen = [a for a in gold if a.group in wanted]
    for a in chosen:
        outlet = a.outlet or "bao.vn"
        pages.append(
            (f"https://{outlet}/{a.id}.html", article_html(a.title, a.body, a.published, outlet))
        )
    first = [a for a in chosen if a.group == chosen[0].group][-1]
    copy = article_html(first.title, first.body, first.published, "baocopy.vn")
    pages.append(("https://baocopy.vn/copy.html", copy))
    near = first.body.replace(".", ". Theo nguồn tin riêng,", 1)
    pages.append(
        (
            "https://baocopy.vn/near.html",
            article_html(first.title, near, first.published, "baocopy.vn"),
        )
    )
    if examples is not None:
        for sample in sorted(examples.glob("*.txt")):
            pages.append(
                (f"https://mau.vn/{sample.stem}", sample.read_bytes(), "text/plain; charset=utf-8")
            )
    pages.append(("https://rac.vn/junk", bytes(range(256)) * 20, "text/html"))
    return write_warc_gz(path, pages)
