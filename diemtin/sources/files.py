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
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from diemtin.model import Page
from diemtin.sources.jsonl import iter_jsonl
from diemtin.sources.warc import iter_warc

GZIP_MAGIC = b"\x1f\x8b"


def sniff(head: bytes) -> str:
    """warc, jsonl or page, from the first bytes of an input."""
    if head.startswith(GZIP_MAGIC):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError):
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if first.startswith(b"{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
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
        elif path.is_file():
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
            yield Page(source=name, kind="skip:not_found", content=b"", text=None)
            continue
        try:
            handle = _open(name, path)
        except OSError as exc:
            yield Page(source=name, kind="skip:unreadable", content=str(exc).encode())
            continue
        with handle:
            source = name if path is None else str(path.resolve())
            yield from pages_from_handle(handle, source, max_bytes)


def pages_from_handle(handle: BinaryIO, source: str, max_bytes: int) -> Iterator[Page]:
    """The Pages of one open input (a file, stdin, a remote file's bytes), by its sniffed
    format."""
    head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    kind = sniff(head)
    if kind == "warc":
        yield from iter_warc(handle, source, max_bytes)
    elif kind == "jsonl":
        yield from iter_jsonl(handle, source)
    elif kind == "gzip":
        yield Page(source=source, kind="skip:unsupported", content=head[:64])
    else:
        data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield Page(source=source, kind="skip:too_large", content=data[:64])
            return
        yield Page(source=source, content=data)
