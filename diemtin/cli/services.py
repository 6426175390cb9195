"""The long-running and optional engines: ``serve`` (the web extra), ``watch`` (feeds)
and ``spark`` (the spark extra); a missing extra is a one-line "install X" message.
"""

from __future__ import annotations

import argparse
import sys

from diemtin.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, cli_settings
from diemtin.store.sqlite import Store


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
    settings = cli_settings(args)
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
    from diemtin.pipeline import log_printer
    from diemtin.watch import watch

    settings = cli_settings(args)
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
            details = log_printer(args.verbose) if args.verbose else None
            report = watch(
                specs, store, settings, once=args.once, interval=interval, details=details
            )
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

    settings = cli_settings(args)
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
