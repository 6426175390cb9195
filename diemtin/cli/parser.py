"""The ``diemtin`` command. Thin: parses arguments, calls the library, prints.

Data goes to stdout, progress and logs to stderr. Exit codes: 0 all good, 1 some inputs
failed (missing or unreadable), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from diemtin import __version__
from diemtin.cli.articles import cmd_export, cmd_extract, cmd_ingest, cmd_load, cmd_search
from diemtin.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, at_least
from diemtin.cli.evaluation import cmd_eval
from diemtin.cli.services import cmd_serve, cmd_spark, cmd_watch
from diemtin.cli.stories import cmd_entities, cmd_stories, cmd_story, cmd_summarize
from diemtin.store.schema import StoreError
from diemtin.stories.digest import SUMMARY_WORDS

VERBOSE = "-v: each skipped page and why; -vv: each stored article and its story too"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diemtin", description="Vietnamese news pages in, clean searchable articles out."
    )
    parser.add_argument("--version", action="version", version=f"diemtin {__version__}")
    parser.add_argument("--config", help="a diemtin.toml settings file")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read, extract, deduplicate and store pages")
    p.add_argument("paths", nargs="+", help="files, folders, globs, *.warc(.gz), *.jsonl or -")
    p.add_argument("--db", help="the SQLite store (default diemtin.db)")
    p.add_argument("--workers", type=at_least(0), help="worker processes (0 = one per core)")
    p.add_argument("-v", "--verbose", action="count", default=0, help=VERBOSE)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="extraction only: print the articles found")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON record a line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("search", help="diacritic-insensitive full-text search")
    p.add_argument("query")
    p.add_argument("--db")
    p.add_argument("--limit", type=at_least(1), default=10)
    p.add_argument("--offset", type=at_least(0), default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stories", help="the most recently active stories")
    p.add_argument("--db")
    p.add_argument("--limit", type=at_least(1), default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("story", help="one story: its articles in time order")
    p.add_argument("id", type=int)
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_story)

    p = sub.add_parser("serve", help="the web reader and JSON API over the store")
    p.add_argument("--db")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=at_least(1), default=1, help="server processes")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds, fetch new articles and ingest them")
    p.add_argument("feeds_file", help="one feed URL a line, optionally followed by its outlet")
    p.add_argument("--db")
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    p.add_argument("--interval", type=float, help="seconds between rounds (feed_interval)")
    p.add_argument("-v", "--verbose", action="count", default=0, help=VERBOSE)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("spark", help="the batch pipeline on Apache Spark, Parquet out")
    p.add_argument("paths", nargs="+", help="files, folders, WARC; or hdfs://, s3a:// URLs")
    p.add_argument("--out", required=True, help="folder for articles/, stories/, skips/")
    p.add_argument("--master", help="Spark master URL (default local[*])")
    p.add_argument("--partitions", type=int, help="shuffle partitions (default 2 x cores)")
    p.add_argument("--conf", action="append", metavar="KEY=VALUE", help="a Spark setting")
    p.set_defaults(func=cmd_spark)

    p = sub.add_parser("load", help="load the Parquet output of 'diemtin spark' into the store")
    p.add_argument("folder", help="the --out folder of 'diemtin spark'")
    p.add_argument("--db")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("summarize", help="summarise each 'group' of articles in a JSONL file")
    p.add_argument("file", help="JSONL lines with group, title, body (or text), published")
    p.add_argument("--words", type=int, default=SUMMARY_WORDS)
    p.set_defaults(func=cmd_summarize)

    p = sub.add_parser("entities", help="people, organisations, places in JSONL texts")
    p.add_argument("file", help='JSONL lines {"id", "text"} (or - for stdin)')
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("export", help="export the store as JSONL or Parquet")
    p.add_argument("--db")
    p.add_argument("--what", choices=["articles", "stories"], default="articles")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--output", "-o", help="output file (default: stdout for jsonl)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("eval", help="standard metrics on gold data")
    p.add_argument("what", choices=["extraction", "stories", "summaries", "entities"])
    p.add_argument("gold", nargs="+", help="gold file or folder holding gold.jsonl")
    p.add_argument("--shuffle", type=int, help="stories: shuffle arrival inside each day (seed)")
    p.add_argument(
        "--dense",
        type=int,
        help="stories: start every story inside one 48-hour window (seed), a denser stream",
    )
    p.add_argument(
        "--pool",
        type=int,
        default=0,
        metavar="K",
        help="stories: mix in K copies re-written in vocabularies of their own (other stories"
        " of the same days), a larger pool; scores all and the gold set's own articles",
    )
    p.add_argument(
        "--mix",
        metavar="GOLD",
        help="stories: mix in the articles of another gold set (a background for a small"
        " set); scores all and the gold set's own articles",
    )
    p.add_argument(
        "--single",
        action="store_true",
        help="summaries: summarise each article alone against its cluster's references",
    )
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"diemtin: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"diemtin: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("diemtin: interrupted; committed batches are kept, re-run to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
