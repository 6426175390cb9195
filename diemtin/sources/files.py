"""Paths to Pages: files, folders (recursive), globs and ``-`` for standard input.

The format is sniffed from the content, not trusted from the extension: WARC (plain or
gzipped) by its record header, JSONL by a first line that parses as a JSON object, HTML by
its tags, anything else as a flattened text/markdown dump. Unreadable or oversized files
become skips with a reason, never an exception that stops the run.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from diemtin.model import Page
from diemtin.sources.jsonl import bounded_lines, iter_jsonl
from diemtin.sources.warc import iter_warc
from diemtin.vi.normalize import storable

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192  # of an input's head, to tell its format
_OBJECT_START = re.compile(rb'\{\s*"[^"\\]{0,200}"\s*:')  # {"key":


def sniff(head: bytes) -> str:
    """warc, gzip (anything else gzipped), jsonl or page, from the first bytes of an input."""
    if head.startswith(GZIP_MAGIC):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError, zlib.error):
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    first, newline, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if first.startswith(b"{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            # a first record longer than the head (a raw HTML page in "html") is cut off
            if not newline and _OBJECT_START.match(first):
                return "jsonl"
    return "page"


def expand(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    """(display name, path) for every input file; path None for stdin or a missing input."""
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield str(Path(root) / name), Path(root) / name
        elif path.is_file() or os.path.lexists(path):  # a link loop or a FIFO is there too
            yield str(path), path
        else:
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if files:
                for f in files:
                    yield str(f), f
            else:
                yield raw, None


def _open(name: str, path: Path | None):
    if path is None:
        return sys.stdin.buffer
    return open(path, "rb")


def iter_pages(paths: list[str], max_bytes: int) -> Iterator[Page]:
    """Every Page in the given inputs, in a stable order (the basis of resume)."""
    for name, path in expand(paths):
        if path is None and name != "-":
            yield Page(source=storable(name), kind="skip:not_found", content=b"", text=None)
            continue
        if path is not None and not path.is_file():  # opening a FIFO would wait forever
            yield Page(source=storable(name), kind="skip:unreadable", content=b"not a regular file")
            continue
        try:
            handle = _open(name, path)
        except OSError as exc:
            yield Page(source=storable(name), kind="skip:unreadable", content=str(exc).encode())
            continue
        with handle:
            source = storable(name if path is None else str(path.resolve()))
            yield from pages_from_handle(handle, source, max_bytes)


def pages_from_handle(
    handle: BinaryIO, source: str, max_bytes: int, gzipped: bool = False
) -> Iterator[Page]:
    """The Pages of one open input (a file, stdin, a remote file's bytes), by its sniffed
    format; a gzipped JSONL or page is read through (``gzipped``: already unwrapped once)."""
    head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(handle, "peek") else b""
    kind = sniff(head)
    if kind == "warc":
        yield from iter_warc(handle, source, max_bytes)
    elif kind == "jsonl":
        yield from iter_jsonl(bounded_lines(handle, max_bytes), source)
    elif kind == "gzip" and not gzipped:
        yield from _gunzipped(handle, source, max_bytes)
    elif kind == "gzip":
        yield Page(source=source, kind="skip:unsupported", content=head[:64])
    else:
        data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield Page(source=source, kind="skip:too_large", content=data[:64])
            return
        yield Page(source=source, content=data)


def _gunzipped(handle: BinaryIO, source: str, max_bytes: int) -> Iterator[Page]:
    """The pages of a gzipped JSONL or page (``.jsonl.gz`` as crawlers ship them), read
    through the decompressor, so no more than ``max_bytes`` of a page is ever inflated. A
    corrupt or truncated stream ends in a ``bad_gzip`` skip; the pages before it are kept."""
    inner = gzip.GzipFile(fileobj=handle)
    try:
        yield from pages_from_handle(inner, source, max_bytes, gzipped=True)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:
        yield Page(source=source, locator="gzip", kind="skip:bad_gzip", content=str(exc).encode())
