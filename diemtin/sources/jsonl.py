"""JSONL input per the CLI contract: one object a line with ``id``, ``url``, ``outlet``,
``title``, ``published`` and one of ``html`` (a raw page), ``text`` (a flattened dump) or
``body`` (an already clean article body)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from diemtin.model import Page

_KINDS = (("html", "html"), ("text", "dump"), ("body", "body"))


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def iter_jsonl(lines: Iterable[bytes], source: str) -> Iterator[Page]:
    """Pages from JSONL lines; a line that is not a valid record becomes a ``bad_json`` skip."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        locator = f"line:{number}"
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
            text=record[key],
            url=_str(record.get("url")),
            external_id=_str(record.get("id")),
            outlet=_str(record.get("outlet")),
            title=_str(record.get("title")),
            published=_str(record.get("published")),
            author=_str(record.get("author")),
        )
