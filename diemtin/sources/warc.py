"""WARC and WARC.gz archives (response and resource records) via fastwarc, the fast WARC
reader.

Each HTTP 200 response with an HTML or text payload becomes a Page carrying its URL and the
charset the server declared, its body decoded as it was sent (chunked, gzip, deflate,
brotli: :mod:`diemtin.sources.http_payload`); a resource record (a page archived from a
file or a browser's save, with no HTTP) likewise, by its record's own content type. A
truncated archive (a crawl cut short, a partial download) ends in a record with no target
URI or with less payload than it announces: that record is yielded as a ``truncated_warc``
skip and the records before it are kept.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from diemtin.model import Page
from diemtin.sources.http_payload import PayloadError, decode_body

_TEXT_TYPES = ("text/html", "application/xhtml", "text/plain", "text/markdown")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)")


def iter_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Page]:
    """Pages from the response and resource records of a (possibly gzipped) WARC stream."""
    last_pos = 0
    reported = False
    try:
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response | WarcRecordType.resource,
            parse_http=True,
            fsspec_args=False,
        )
        for record in records:
            last_pos = record.stream_pos
            locator = f"offset:{record.stream_pos}"
            url = record.headers.get("WARC-Target-URI")
            payload = record.reader.read(max_bytes + 1)
            short = len(payload) < min(record.content_length, max_bytes)
            if not url or short:
                reported = True
                yield Page(
                    source=source, locator=locator, kind="skip:truncated_warc", content=b"", url=url
                )
                continue
            http = record.http_headers
            status = http.status_code if http is not None else 200
            charset = record.http_charset
            if record.record_type == WarcRecordType.resource:  # a page saved as a file:
                ctype = (record.headers.get("Content-Type") or "").lower()  # no HTTP
                found = _CHARSET.search(ctype)
                charset = found.group(1) if found else None
            else:
                ctype = (record.http_content_type or "text/html").lower()
            if status != 200 or not ctype.startswith(_TEXT_TYPES):
                continue
            kind = "html" if "html" in ctype else "dump"
            if http is not None:
                try:
                    payload = decode_body(
                        payload,
                        http.get("Transfer-Encoding"),
                        http.get("Content-Encoding"),
                        max_bytes,
                    )
                except PayloadError as exc:
                    yield Page(
                        source=source,
                        locator=locator,
                        kind="skip:undecodable",
                        content=b"",
                        text=str(exc),
                        url=url,
                    )
                    continue
            yield Page(
                source=source,
                locator=locator,
                kind=kind,
                content=payload,
                url=url,
                charset=charset,
            )
    except Exception as exc:
        yield Page(
            source=source, locator="end", kind="skip:truncated_warc", content=str(exc).encode()
        )
        return
    if not reported and _gzip_tail_truncated(stream, last_pos):
        yield Page(source=source, locator=f"after:{last_pos}", kind="skip:truncated_warc")


def _gzip_tail_truncated(stream: BinaryIO, start: int) -> bool:
    """True when a gzipped archive ends inside a member after ``start``: a record fastwarc
    could not even begin to parse, which would otherwise vanish without a trace."""
    if not stream.seekable():
        return False
    stream.seek(start)
    if stream.read(2) != b"\x1f\x8b":
        return False
    stream.seek(start)
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    fed = False
    try:
        while chunk := stream.read(1 << 16):
            data = chunk
            while data:
                inflater.decompress(data)
                fed = True
                if not inflater.eof:
                    break
                data = inflater.unused_data
                inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
                fed = False
    except zlib.error:
        return True
    return fed and not inflater.eof
