"""The ``diemtin`` command. Thin: parses arguments, calls the library, prints.

Data goes to stdout, progress and logs to stderr. Exit codes: 0 all good, 1 some inputs
failed (missing or unreadable), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from diemtin import __version__
from diemtin.config import Settings, load_settings
from diemtin.model import Skip
from diemtin.store.schema import StoreError
from diemtin.store.sqlite import Store
from diemtin.stories.digest import SUMMARY_WORDS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _settings(args: argparse.Namespace) -> Settings:
    try:
        return load_settings(
            getattr(args, "config", None),
            db=getattr(args, "db", None),
            workers=getattr(args, "workers", None),
        )
    except (ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def cmd_ingest(args: argparse.Namespace) -> int:
    from diemtin.pipeline import ingest, progress_printer

    settings = _settings(args)
    with Store(settings.db, timeout=settings.query_timeout) as store:
        report = ingest(args.paths, store, settings, progress=progress_printer())
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for name in report.failed_inputs:
        print(f"diemtin: cannot read {name}", file=sys.stderr)
    print(f"ingest: {report.summary()} -> {settings.db}", file=sys.stderr)
    return EXIT_FAILED if report.failed_inputs else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from diemtin.pipeline import process_page
    from diemtin.sources.files import iter_pages

    settings = _settings(args)
    failed = False
    for page in iter_pages(args.paths, settings.max_bytes):
        result = process_page(page, settings)
        if isinstance(result, Skip):
            failed = failed or result.reason in {"not_found", "unreadable"}
            print(
                f"diemtin: skipped {result.source} {result.locator}: {result.reason}"
                f"{' (' + result.detail + ')' if result.detail else ''}",
                file=sys.stderr,
            )
            continue
        record = result.to_dict()
        record.pop("signature", None)
        if args.json:
            print(_dump(record))
        else:
            print(
                f"# {result.title}\n{result.outlet or ''} {result.published or ''}"
                f" {result.author or ''}\n\n{result.body}\n"
            )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}; run 'diemtin ingest' first")
    with Store(settings.db, readonly=True, timeout=settings.query_timeout) as store:
        hits = store.search(args.query, limit=args.limit, offset=args.offset)
    for hit in hits:
        if args.json:
            print(_dump(asdict(hit)))
        else:
            print(
                f"[{hit.article_id}] {hit.title}\n    {hit.outlet or '-'} · "
                f"{_minute(hit.published)}\n    {hit.snippet}"
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
    settings = _settings(args)
    if not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}")
    with Store(settings.db, readonly=True) as store:
        rows: Iterator[dict[str, Any]]
        if args.what == "stories":
            rows = (_story_row(_digest(store, story)) for story in store.iter_stories())
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
                    out.write(_dump(row) + "\n")
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


def _open_existing(settings: Settings) -> Store:
    if not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}; run 'diemtin ingest' first")
    return Store(settings.db, readonly=True, timeout=settings.query_timeout)


def _digest(store: Store, story: dict[str, Any]) -> dict[str, Any]:
    """The story with its digest: the stored one, or for a store written before digests
    were stored (or a story changed since), one computed now (not written: a read stays a
    read)."""
    if story.get("digest_size") == story["size"]:
        return story
    from diemtin.stories.digest import Source, story_digest

    articles = story.get("articles") or store.story_articles(story["id"])
    sources = [Source.of(a) for a in articles]
    return story | story_digest(sources)


def _article_entities(title: str, body: str) -> list[dict[str, Any]]:
    from diemtin.stories.features import body_entities

    return [asdict(e) for e in body_entities(title, body)]


def cmd_stories(args: argparse.Namespace) -> int:
    with _open_existing(_settings(args)) as store:
        stories = [_digest(store, story) for story in store.stories(limit=args.limit)]
    for story in stories:
        if args.json:
            print(_dump(story))
        else:
            span = _minute(story["first_published"])
            outlets = ", ".join(story["outlets"]) or "-"
            print(f"[{story['id']}] {story['title']}\n    {story['size']} bài · {outlets} · {span}")
            print(f"    {story['summary']}")
    if not stories:
        print("diemtin: no stories yet; run 'diemtin ingest' first", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the reader; ``DIEMTIN_TOKEN`` in the environment enables ``POST /api/ingest``."""
    import os

    try:
        import uvicorn

        from diemtin.web.app import create_app
    except ImportError as exc:
        print(
            f"diemtin: serve needs the web extra ({exc.name} is missing):"
            " pip install 'diemtin[web]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    settings = _settings(args)
    print(f"diemtin: serving {settings.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    if args.workers > 1:  # each worker builds its app from the environment
        create_app(settings.db)  # creates the store once, before the workers start
        os.environ["DIEMTIN_DB"] = settings.db
        uvicorn.run(
            "diemtin.web.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="warning",
        )
    else:
        app = create_app(settings.db, os.environ.get("DIEMTIN_TOKEN"), settings.query_timeout)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from diemtin.sources.feeds import read_feeds_file, require_feeds

    require_feeds()
    from diemtin.watch import watch

    settings = _settings(args)
    try:
        specs = read_feeds_file(args.feeds_file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read the feeds file: {exc}") from None
    if not specs:
        raise UsageError(f"no feed URL in {args.feeds_file}")
    interval = args.interval if args.interval is not None else settings.feed_interval
    print(f"diemtin: watching {len(specs)} feeds into {settings.db}", file=sys.stderr)
    with Store(settings.db, timeout=settings.query_timeout) as store:
        try:
            report = watch(specs, store, settings, once=args.once, interval=interval)
        except KeyboardInterrupt:  # state is committed item by item: nothing to undo
            print("diemtin: watch stopped", file=sys.stderr)
            return EXIT_OK
    return EXIT_FAILED if report.feeds.get("failed") == len(specs) else EXIT_OK


def cmd_spark(args: argparse.Namespace) -> int:
    try:
        import numpy  # noqa: F401  (both come with the spark extra)
        import pyspark  # noqa: F401
    except ImportError:
        from diemtin.spark import INSTALL_HINT

        print(f"diemtin: {INSTALL_HINT}", file=sys.stderr)
        return EXIT_USAGE
    from diemtin.spark.job import run, session

    settings = _settings(args)
    conf = {"spark.ui.showConsoleProgress": "false"}
    for item in args.conf or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--conf takes KEY=VALUE, not {item!r}")
        conf[key] = value
    spark = session(args.master, conf)
    try:
        report = run(spark, args.paths, args.out, settings, partitions=args.partitions)
    finally:
        spark.stop()
    print(f"spark: {report.summary()} -> {args.out}", file=sys.stderr)
    return EXIT_FAILED if report.counts.get("skipped:not_found") else EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("diemtin: load needs pyarrow: pip install 'diemtin[parquet]'", file=sys.stderr)
        return EXIT_USAGE
    from diemtin.load import check_output, load
    from diemtin.pipeline import progress_printer

    settings = _settings(args)
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


def cmd_story(args: argparse.Namespace) -> int:
    with _open_existing(_settings(args)) as store:
        story = store.story(args.id)
        if story is not None:
            story = _digest(store, story)
    if story is None:
        print(f"diemtin: no story {args.id}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(_dump(story))
        return EXIT_OK
    print(f"[{story['id']}] {story['title']}")
    print(
        f"    {story['size']} bài, {len(story['outlets'])} nguồn · "
        f"{_minute(story['first_published'])} → {_minute(story['last_published'])}"
    )
    print(f"\n{story['summary']}\n")
    names = ", ".join(f"{e['text']} ({e['type']} {e['count']})" for e in story["entities"][:15])
    print(f"    {names}\n")
    if story.get("dates"):
        from diemtin.vi.days import day_text

        days = ", ".join(f"{day_text(d['day'])} ({d['articles']} bài)" for d in story["dates"])
        print(f"    Ngày trong tin: {days}\n")
    for article in story["articles"]:  # the timeline
        when = _minute(article["published"])
        print(f"  {when:16s}  {article['outlet'] or '-':24s} [{article['id']}] {article['title']}")
    return EXIT_OK


def _minute(published: str | None) -> str:
    """A time as the timeline shows it, "2021-05-15 06:45" ("-" when unknown)."""
    return (published or "-")[:16].replace("T", " ")


def _jsonl_objects(file: str, required: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
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


def cmd_entities(args: argparse.Namespace) -> int:
    from diemtin.vi.entities import find_entities

    failed = False
    for n, row in _jsonl_objects(args.file, "text"):
        if row is None:
            failed = True
            continue
        found = [asdict(e) for e in find_entities(str(row["text"]))]
        print(_dump({"id": row.get("id", n), "entities": found}))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_summarize(args: argparse.Namespace) -> int:
    from diemtin.stories.digest import Source, summarize

    if args.words < 1:
        raise UsageError("--words must be positive")
    groups: dict[str, list[Source]] = {}
    for _, row in _jsonl_objects(args.file, "group"):
        if row is None:
            return EXIT_FAILED
        body = row.get("body") or row.get("text") or ""
        groups.setdefault(str(row["group"]), []).append(
            Source(row.get("title") or "", body, row.get("published"), row.get("outlet"))
        )
    for group, sources in groups.items():
        print(_dump({"group": group, "summary": " ".join(summarize(sources, args.words))}))
    return EXIT_OK


def _evaluate(
    what: str,
    gold: str,
    shuffle: int | None,
    dense: int | None = None,
    pool: int = 0,
    single: bool = False,
    mix: str | None = None,
) -> dict[str, Any]:
    """One gold set's scores for ``diemtin eval WHAT``."""
    path = Path(gold)
    if what == "extraction":
        from diemtin.eval.extraction import evaluate_extraction

        path = path / "gold.jsonl" if path.is_dir() else path
        if not path.is_file():
            raise UsageError(f"no gold file at {gold}")
        return {"gold": str(path), **evaluate_extraction(path).as_dict()}
    if what == "stories":
        from diemtin.eval.stories import evaluate_stories

        if not path.exists():
            raise UsageError(f"no gold data at {gold}")
        if mix is not None and not Path(mix).exists():
            raise UsageError(f"no gold data at {mix}")
        scores = evaluate_stories(gold, shuffle_seed=shuffle, dense_seed=dense, pool=pool, mix=mix)
        if not scores["articles"]:
            raise UsageError(f"no gold articles under {gold} (cluster_N/ folders or JSONL)")
        settings = {"shuffle": shuffle, "dense": dense, "pool": pool, "mix": mix}
        return {"gold": gold, **settings, **scores}
    if what == "summaries":
        from diemtin.eval.summaries import evaluate_summaries

        if not path.is_dir():
            raise UsageError(f"no gold folder at {gold}")
        scores = evaluate_summaries(gold, single=single)
        if not scores["stories"]:
            raise UsageError(f"no clusters with reference summaries under {gold}")
        return {"gold": gold, "single": single, **scores}
    raise AssertionError(f"unknown evaluation {what}")  # argparse allows no other


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        if args.what == "entities":
            return _eval_entities(args.gold)
        for gold in args.gold:
            scores = _evaluate(
                args.what, gold, args.shuffle, args.dense, args.pool, args.single, args.mix
            )
            print(_dump(scores))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        # a file that is not gold data in the documented format (data/README.md)
        raise UsageError(f"not {args.what} gold data: {type(exc).__name__}: {exc}") from None
    return EXIT_OK


def _eval_entities(golds: list[str]) -> int:
    """Each gold file's scores, then (for several) all of them as one set, each file's
    mentions recognised once."""
    from collections import Counter

    from diemtin.eval.entities import entity_counts, entity_scores

    total: Counter[str] = Counter()
    for gold in golds:
        if not Path(gold).is_file():
            raise UsageError(f"no gold file at {gold}")
        counts = entity_counts(gold)
        total += counts
        print(_dump({"gold": gold, **entity_scores(counts)}))
    if len(golds) > 1:
        print(_dump({"gold": "all", **entity_scores(total)}))
    return EXIT_OK


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
    p.add_argument("--workers", type=_at_least(0), help="worker processes (0 = one per core)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="extraction only: print the articles found")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON record a line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("search", help="diacritic-insensitive full-text search")
    p.add_argument("query")
    p.add_argument("--db")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stories", help="the most recently active stories")
    p.add_argument("--db")
    p.add_argument("--limit", type=int, default=20)
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
    p.add_argument("--workers", type=_at_least(1), default=1, help="server processes")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds, fetch new articles and ingest them")
    p.add_argument("feeds_file", help="one feed URL a line, optionally followed by its outlet")
    p.add_argument("--db")
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    p.add_argument("--interval", type=float, help="seconds between rounds (feed_interval)")
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


def _at_least(least: int) -> Callable[[str], int]:
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
