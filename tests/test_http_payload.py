"""Archived HTTP bodies as their crawler stored them: chunked, compressed, or with headers
that lie; every record decoded or skipped, and none lost after a bad one."""

from __future__ import annotations

import gzip
import io
import random
import zlib

import brotli
from hypothesis import given
from hypothesis import strategies as st

from diemtin.sources.http_payload import PayloadError, dechunk, decode_body
from diemtin.sources.warc import iter_warc
from helpers import article_html, fake_article, response_record


def chunked(data: bytes, sizes: list[int]) -> bytes:
    out, pos = [], 0
    for size in sizes:
        if pos >= len(data):
            break
        part = data[pos : pos + max(1, size)]
        out.append(b"%x\r\n%s\r\n" % (len(part), part))
        pos += len(part)
    if pos < len(data):
        out.append(b"%x\r\n%s\r\n" % (len(data) - pos, data[pos:]))
    return b"".join(out) + b"0\r\n\r\n"


@given(st.binary(max_size=3000), st.lists(st.integers(1, 500), max_size=20))
def test_dechunk_undoes_any_chunking(data, sizes):
    assert dechunk(chunked(data, sizes)) == data


@given(st.binary(max_size=3000))
def test_each_content_coding_is_undone(data):
    for coding, packed in [
        ("gzip", gzip.compress(data)),
        ("deflate", zlib.compress(data)),
        ("deflate", zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
        ("br", brotli.compress(data)),
    ]:
        assert decode_body(packed, None, coding, 10_000) == data


def test_a_compression_bomb_inflates_no_further_than_the_limit():
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    assert len(decode_body(bomb, None, "gzip", 1000)) == 1001  # then skipped as too_large


def test_headers_that_lie_leave_a_plain_body_as_it_is():
    text = "<p>Tin tức hôm nay</p>".encode()
    assert decode_body(text, "chunked", "gzip", 10_000) == text
    try:
        decode_body(bytes(range(256)) * 4, None, "gzip", 10_000)
    except PayloadError as exc:
        assert "gzip" in str(exc)
    else:
        raise AssertionError("binary junk under a gzip header must be refused")


def test_every_record_of_an_archive_is_read_as_sent(tmp_path):
    """One WARC with a page in each coding, and a plain page after each: every page is
    decoded; junk under a gzip header is one ``undecodable`` skip and loses nothing else."""
    rng = random.Random(3)
    pages = [article_html(f"Tin {i}", fake_article(rng), None, "a.vn") for i in range(7)]
    wire = [
        (gzip.compress(pages[0]), ("Content-Encoding: gzip",)),
        (zlib.compress(pages[1]), ("Content-Encoding: deflate",)),
        (brotli.compress(pages[2]), ("Content-Encoding: br",)),
        (chunked(pages[3], [300] * 50), ("Transfer-Encoding: chunked",)),
        (
            chunked(gzip.compress(pages[4]), [64] * 100),
            ("Transfer-Encoding: chunked", "Content-Encoding: gzip"),
        ),
        (pages[5], ("Content-Encoding: gzip", "Transfer-Encoding: chunked")),  # both lie
        (bytes(range(256)) * 8, ("Content-Encoding: gzip",)),  # junk
    ]
    plain = article_html("Tin thường", fake_article(rng), None, "a.vn")
    records = []
    for i, (body, headers) in enumerate(wire):
        records.append(response_record(f"https://a.vn/{i}", body, headers=headers))
        records.append(response_record(f"https://a.vn/plain{i}", plain))
    found = list(iter_warc(io.BytesIO(b"".join(records)), "t.warc", 5_000_000))
    assert [p.url for p in found] == [
        u for i in range(7) for u in (f"https://a.vn/{i}", f"https://a.vn/plain{i}")
    ]
    assert [p.content for p in found[:12:2]] == pages[:6]
    assert all(p.content == plain for p in found[1::2])
    assert found[12].kind == "skip:undecodable" and "gzip" in found[12].text


def test_a_page_archived_as_a_resource_record_is_read():
    """Pages saved from a browser or archived from files are resource records: no HTTP, the
    record's own content type; images beside them are passed over."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    def resource(uri: str, body: bytes, ctype: str) -> bytes:
        record = WarcRecord()
        record.init_headers(WarcRecordType.resource)
        record.headers["WARC-Target-URI"] = uri
        record.headers["Content-Type"] = ctype
        record.set_bytes_content(body)
        out = io.BytesIO()
        record.write(out)
        return out.getvalue()

    page = article_html("Tin lưu", fake_article(random.Random(4)), None, "a.vn")
    archive = resource("file:///luu/tin.html", page, "text/html; charset=windows-1258")
    archive += resource("file:///luu/anh.png", b"\x89PNG\r\n\x1a\n" + bytes(500), "image/png")
    found = list(iter_warc(io.BytesIO(archive), "t.warc", 5_000_000))
    assert [(p.url, p.kind, p.charset) for p in found] == [
        ("file:///luu/tin.html", "html", "windows-1258")
    ]
    assert found[0].content == page
