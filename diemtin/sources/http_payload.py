"""An archived HTTP body as the server meant it: chunked transfer coding and gzip, deflate or
brotli content coding undone.

Common Crawl stores bodies already decoded (keeping the original headers as
``X-Crawler-*``), but other crawlers (Heritrix, warcprox, wget with compression) store
them as they came over the wire; read raw, such a page is binary junk, or, when chunked,
an article with chunk sizes cut into its words. FastWARC's own ``auto_decode`` handles the
codings, but measured on broken records (a ``Content-Encoding: gzip`` header over a plain
body, a chunked header over unchunked text) it raises on the record and then loses the
rest of the archive or silently drops the next record; here a header that lies leaves the
body as it is, and a body that cannot be decoded becomes one skip.

Every step is bounded: at most ``limit`` + 1 bytes are ever inflated, so a compression bomb
costs no more than an oversized page (which the extractor then skips as ``too_large``).
"""

from __future__ import annotations

import zlib

from diemtin.vi.encoding import looks_binary


class PayloadError(ValueError):
    """A body in a content coding this reader cannot undo (named in the message)."""


def dechunk(data: bytes) -> bytes | None:
    """The body of a chunked transfer coding, or None when ``data`` is not one (a crawler
    that decoded the body but kept the header). A body cut short keeps its whole chunks."""
    out: list[bytes] = []
    pos = 0
    while True:
        end = data.find(b"\n", pos)
        if end < 0:
            return b"".join(out) if out else None
        size_text = data[pos:end].split(b";", 1)[0].strip()
        if not size_text.isalnum():  # int() would take "+1f" or "1_f"
            return None
        try:
            size = int(size_text, 16)
        except ValueError:
            return None
        if size == 0:
            return b"".join(out)
        start = end + 1
        out.append(data[start : start + size])
        pos = start + size
        if pos >= len(data):
            return b"".join(out)
        pos += 2 if data.startswith(b"\r\n", pos) else 1 if data.startswith(b"\n", pos) else 0


def _inflate(data: bytes, coding: str, limit: int) -> bytes:
    if coding in {"gzip", "x-gzip", "deflate"}:
        # gzip or zlib wrapper (47 detects either), then the raw deflate some servers send
        for wbits in (47, -zlib.MAX_WBITS):
            try:
                return zlib.decompressobj(wbits).decompress(data, limit + 1)
            except zlib.error:
                continue
        raise PayloadError(f"Content-Encoding {coding}: the body does not inflate")
    if coding == "br":
        import brotli  # a dependency of fastwarc

        try:
            return brotli.Decompressor().process(data, output_buffer_limit=limit + 1)
        except brotli.error:
            raise PayloadError("Content-Encoding br: the body does not decompress") from None
    raise PayloadError(f"Content-Encoding {coding} is not supported")


def decode_body(
    data: bytes, transfer_encoding: str | None, content_encoding: str | None, limit: int
) -> bytes:
    """``data`` with its transfer and content codings undone (see the module docstring);
    raises PayloadError when a coding is real but cannot be undone."""
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        data = dechunk(data) or data
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    for coding in reversed(codings):  # the last applied is undone first
        try:
            data = _inflate(data, coding, limit)
        except PayloadError:
            if looks_binary(data):
                raise
            return data  # the header lies: the body is plain text already
    return data
