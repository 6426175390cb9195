"""The commands that read stories and their digests: ``stories``, ``story``, and the
digest's parts on JSONL input, ``summarize`` and ``entities``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from diemtin.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    cli_settings,
    jsonl_objects,
    minute,
    open_store,
    to_json,
    with_digest,
)


def cmd_stories(args: argparse.Namespace) -> int:
    with open_store(cli_settings(args)) as store:
        stories = [with_digest(store, story) for story in store.stories(limit=args.limit)]
    for story in stories:
        if args.json:
            print(to_json(story))
        else:
            span = minute(story["first_published"])
            outlets = ", ".join(story["outlets"]) or "-"
            print(f"[{story['id']}] {story['title']}\n    {story['size']} bài · {outlets} · {span}")
            print(f"    {story['summary']}")
    if not stories:
        print("diemtin: no stories yet; run 'diemtin ingest' first", file=sys.stderr)
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    with open_store(cli_settings(args)) as store:
        story = store.story(args.id)
        if story is not None:
            story = with_digest(store, story)
    if story is None:
        print(f"diemtin: no story {args.id}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(to_json(story))
        return EXIT_OK
    print(f"[{story['id']}] {story['title']}")
    print(
        f"    {story['size']} bài, {len(story['outlets'])} nguồn · "
        f"{minute(story['first_published'])} → {minute(story['last_published'])}"
    )
    print(f"\n{story['summary']}\n")
    names = ", ".join(f"{e['text']} ({e['type']} {e['count']})" for e in story["entities"][:15])
    print(f"    {names}\n")
    if story.get("dates"):
        from diemtin.vi.days import day_text

        days = ", ".join(f"{day_text(d['day'])} ({d['articles']} bài)" for d in story["dates"])
        print(f"    Ngày trong tin: {days}\n")
    for article in story["articles"]:  # the timeline
        when = minute(article["published"])
        print(f"  {when:16s}  {article['outlet'] or '-':24s} [{article['id']}] {article['title']}")
    return EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    from diemtin.vi.entities import find_entities

    failed = False
    for n, row in jsonl_objects(args.file, "text"):
        if row is None:
            failed = True
            continue
        found = [asdict(e) for e in find_entities(str(row["text"]))]
        print(to_json({"id": row.get("id", n), "entities": found}))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_summarize(args: argparse.Namespace) -> int:
    from diemtin.stories.digest import Source, summarize

    if args.words < 1:
        raise UsageError("--words must be positive")
    groups: dict[str, list[Source]] = {}
    for _, row in jsonl_objects(args.file, "group"):
        if row is None:
            return EXIT_FAILED
        body = row.get("body") or row.get("text") or ""
        groups.setdefault(str(row["group"]), []).append(
            Source(row.get("title") or "", body, row.get("published"), row.get("outlet"))
        )
    for group, sources in groups.items():
        print(to_json({"group": group, "summary": " ".join(summarize(sources, args.words))}))
    return EXIT_OK
