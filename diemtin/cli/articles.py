"""The commands that move articles: ``ingest`` and ``load`` into the store, ``extract``
(extraction alone), ``search`` and ``export`` out of it (the export contract's columns).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from diemtin.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    cli_settings,
    minute,
    open_store,
    to_json,
    with_digest,
)
from diemtin.model import Skip
from diemtin.store.sqlite import Store


def cmd_ingest(args: argparse.Namespace) -> int:
    from diemtin.pipeline import ingest, log_printer, progress_printer

    settings = cli_settings(args)
    log = log_printer(args.verbose) if args.verbose else None
    with Store(settings.db, timeout=settings.query_timeout) as store:
        report = ingest(args.paths, store, settings, progress=progress_printer(), log=log)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for name in report.failed_inputs:
        print(f"diemtin: cannot read {name}", file=sys.stderr)
    print(f"ingest: {report.summary()} -> {settings.db}", file=sys.stderr)
    return EXIT_FAILED if report.failed_inputs else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from diemtin.pipeline import process_page, skip_line
    from diemtin.sources.files import iter_pages

    settings = cli_settings(args)
    failed = False
    for page in iter_pages(args.paths, settings.max_bytes):
        result = process_page(page, settings)
        if isinstance(result, Skip):
            failed = failed or result.reason in {"not_found", "unreadable"}
            print(f"diemtin: {skip_line(result)}", file=sys.stderr)
            continue
        record = result.to_dict()
        record.pop("signature", None)
        if args.json:
            print(to_json(record))
        else:
            print(
                f"# {result.title}\n{result.outlet or ''} {result.published or ''}"
                f" {result.author or ''}\n\n{result.body}\n"
            )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if not any(c.isalnum() for c in args.query):
        raise UsageError(f"no word to search for in {args.query!r}")
    with open_store(cli_settings(args)) as store:
        hits = store.search(args.query, limit=args.limit, offset=args.offset)
    for hit in hits:
        if args.json:
            print(to_json(asdict(hit)))
        else:
            print(
                f"[{hit.article_id}] {hit.title}\n    {hit.outlet or '-'} · "
                f"{minute(hit.published)}\n    {hit.snippet}"
            )
    if not hits:
        print(f"diemtin: no article matches {args.query!r}", file=sys.stderr)
    return EXIT_OK


EXPORT_COLUMNS = [
    "id",
    "external_id",
    "source",
    "url",
    "outlet",
    "title",
    "published",
    "author",
    "body",
    "captions",
    "story_id",
    "duplicate_of",
    "entities",
]


STORY_COLUMNS = [
    "id",
    "title",
    "summary",
    "article_ids",
    "entities",
    "dates",
    "first_published",
    "last_published",
]


def _story_row(story: dict[str, Any]) -> dict[str, Any]:
    # Summaries and entities come with the story digest; the columns are in the contract.
    row = {"summary": "", "entities": [], "dates": []} | story
    return {k: row.get(k) for k in STORY_COLUMNS}


def cmd_export(args: argparse.Namespace) -> int:
    settings = cli_settings(args)
    if not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}")
    with Store(settings.db, readonly=True) as store:  # no query time limit: it reads all
        rows: Iterator[dict[str, Any]]
        if args.what == "stories":
            rows = (_story_row(with_digest(store, story)) for story in store.iter_stories())
        else:
            rows = (
                {k: row.get(k) for k in EXPORT_COLUMNS if k != "entities"}
                | {"entities": _article_entities(row["title"], row["body"])}
                for row in store.iter_articles()
            )
        if args.format == "jsonl":
            try:
                out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
            except OSError as exc:
                raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
            try:
                for row in rows:
                    out.write(to_json(row) + "\n")
            finally:
                if args.output:
                    out.close()
        else:
            if not args.output:
                raise UsageError("--format parquet needs --output FILE")
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                print(
                    "diemtin: parquet export needs pyarrow: pip install 'diemtin[parquet]'",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            table = pa.Table.from_pylist(list(rows))
            pq.write_table(table, args.output)
    return EXIT_OK


def _article_entities(title: str, body: str) -> list[dict[str, Any]]:
    from diemtin.stories.features import body_entities

    return [asdict(e) for e in body_entities(title, body)]


def cmd_load(args: argparse.Namespace) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("diemtin: load needs pyarrow: pip install 'diemtin[parquet]'", file=sys.stderr)
        return EXIT_USAGE
    from diemtin.load import check_output, load
    from diemtin.pipeline import progress_printer

    settings = cli_settings(args)
    try:
        check_output(Path(args.folder))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with Store(settings.db, timeout=settings.query_timeout) as store:
        report = load(args.folder, store, settings, progress=progress_printer())
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(f"load: {report.summary()} -> {settings.db}", file=sys.stderr)
    return EXIT_OK
