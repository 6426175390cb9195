"""What every command shares: exit codes, the usage error, settings from the flags, JSON
output, the store opened for reading, a story with its digest, JSONL input read line by line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from diemtin.config import Settings, load_settings
from diemtin.store.sqlite import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as given: printed, exit code 2."""


def cli_settings(args: argparse.Namespace) -> Settings:
    """The settings: defaults, then ``--config``'s file and the environment, then flags."""
    try:
        return load_settings(
            getattr(args, "config", None),
            db=getattr(args, "db", None),
            workers=getattr(args, "workers", None),
        )
    except (ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None


def to_json(obj: Any) -> str:
    """One JSON line, Vietnamese kept readable (not ``\\u`` escapes)."""
    return json.dumps(obj, ensure_ascii=False, default=str)


def open_store(settings: Settings) -> Store:
    """The store, read-only, for a command that reads: a missing store is a usage error,
    not a new empty file."""
    if not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}; run 'diemtin ingest' first")
    return Store(settings.db, readonly=True, timeout=settings.query_timeout)


def with_digest(store: Store, story: dict[str, Any]) -> dict[str, Any]:
    """The story with its digest: the stored one, or for a store written before digests
    were stored (or a story changed since), one computed now (not written: a read stays a
    read)."""
    if story.get("digest_size") == story["size"]:
        return story
    from diemtin.stories.digest import Source, story_digest

    articles = story.get("articles") or store.story_articles(story["id"])
    sources = [Source.of(a) for a in articles]
    return story | story_digest(sources)


def minute(published: str | None) -> str:
    """A time as the timeline shows it, "2021-05-15 06:45" ("-" when unknown)."""
    return (published or "-")[:16].replace("T", " ")


def jsonl_objects(file: str, required: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, object) for each non-blank line of ``file`` ('-': stdin); None, with a
    message on stderr, for a line that is not a JSON object holding ``required``."""
    path = Path(file)
    if file != "-" and not path.is_file():
        raise UsageError(f"no such file: {file}")
    try:
        text = sys.stdin.read() if file == "-" else path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{file} is not UTF-8 JSONL text ({exc.reason} at byte {exc.start})"
        ) from None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            ok = isinstance(row, dict) and required in row
        except json.JSONDecodeError:
            ok = False
        if not ok:
            print(f"diemtin: line {n}: not a JSON object with a {required!r}", file=sys.stderr)
        yield n, row if ok else None


def at_least(least: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``least``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more: {value}")
        return value

    return parse
