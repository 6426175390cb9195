"""JSONL input per the CLI contract: one object a line with ``id``, ``url``, ``outlet``,
``title``, ``published`` and one of ``html`` (a raw page), ``text`` (a flattened dump) or
``body`` (an already clean article body)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from diemtin.model import Page
from diemtin.vi.normalize import storable

_KINDS = (("html", "html"), ("text", "dump"), ("body", "body"))
_CHUNK = 1 << 20


def _str(value: object) -> str | None:
    return None if value is None else storable(str(value))


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``handle``, None for each longer than ``limit`` bytes: its rest is read
    through in chunks and dropped, so one endless line costs no more memory than the limit."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line if len(line) <= limit else None
            continue
        while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def iter_jsonl(lines: Iterable[bytes | None], source: str) -> Iterator[Page]:
    """Pages from JSONL lines; a line that is not a valid record becomes a ``bad_json`` skip
    and one that :func:`bounded_lines` found too long (None) a ``too_large`` skip."""
    for number, raw in enumerate(lines, start=1):
        locator = f"line:{number}"
        if raw is None:
            yield Page(source=source, locator=locator, kind="skip:too_large", content=b"")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Page(
                source=source,
                locator=locator,
                kind="skip:bad_json",
                content=raw[:200],
                text=str(exc),
            )
            continue
        if not isinstance(record, dict):
            yield Page(source=source, locator=locator, kind="skip:bad_json", content=raw[:200])
            continue
        found = next(((k, kind) for k, kind in _KINDS if isinstance(record.get(k), str)), None)
        if found is None:
            yield Page(
                source=source,
                locator=locator,
                kind="skip:bad_json",
                content=raw[:200],
                text="no html, text or body field",
            )
            continue
        key, kind = found
        yield Page(
            source=source,
            locator=locator,
            kind=kind,
            text=storable(record[key]),  # JSON may escape half a UTF-16 pair alone
            url=_str(record.get("url")),
            external_id=_str(record.get("id")),
            outlet=_str(record.get("outlet")),
            title=_str(record.get("title")),
            published=_str(record.get("published")),
            author=_str(record.get("author")),
        )
