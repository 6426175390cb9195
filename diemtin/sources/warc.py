"""WARC and WARC.gz archives (response records) via fastwarc, the fast WARC reader.

Each HTTP 200 response with an HTML or text payload becomes a Page carrying its URL and the
charset the server declared. A truncated archive (a crawl cut short, a partial download)
ends in a record with no target URI or with less payload than it announces: that record is
yielded as a ``truncated_warc`` skip and the records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from diemtin.model import Page

_TEXT_TYPES = ("text/html", "application/xhtml", "text/plain", "text/markdown")


def iter_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Page]:
    """Pages from the response records of a (possibly gzipped) WARC stream."""
    try:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, fsspec_args=False
        )
        for record in records:
            locator = f"offset:{record.stream_pos}"
            url = record.headers.get("WARC-Target-URI")
            payload = record.reader.read(max_bytes + 1)
            if not url or (not payload and record.content_length):
                yield Page(source=source, locator=locator, kind="skip:truncated_warc",
                           content=b"", url=url)
                continue
            http = record.http_headers
            status = http.status_code if http is not None else 200
            ctype = (record.http_content_type or "text/html").lower()
            if status != 200 or not ctype.startswith(_TEXT_TYPES):
                continue
            kind = "html" if "html" in ctype else "dump"
            yield Page(source=source, locator=locator, kind=kind, content=payload, url=url,
                       charset=record.http_charset)
    except Exception as exc:  # noqa: BLE001 - a corrupt archive is bad data, not a bug
        yield Page(source=source, locator="end", kind="skip:truncated_warc",
                   content=str(exc).encode())
