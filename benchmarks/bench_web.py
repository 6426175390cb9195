"""Reader latency under load: p50/p95/p99 of the front page, a story page and a search at
20 concurrent clients, against a store of at least 10,000 stories.

    python benchmarks/bench_web.py [--stories 10000] [--db benchmarks/.web.db]
                                   [--clients 20] [--seconds 15] [--workers 2]

Needs ``wrk`` (Debian: ``apt-get install wrk``) and the web extra. The store is synthetic
but real in shape: the vnmds-dev articles (100 stories, 316 articles) copied with their
dates shifted by 400 days per copy and the copy number in every title, grouped into stories
and digested by the real code (duplicate detection is skipped: each copy is meant to be new
text), so 100 copies give 10,000 stories and 31,600 articles with their search index. It is
built once and reused. The server is ``diemtin serve`` with ``--workers`` processes; wrk
runs on the same 2-core machine, so the figures include the load generator's share. The
"uncached" rows add a never-seen query string to every request, so the page cache cannot
answer: every request computes its page. ``--only TEXT`` runs the rows whose name holds TEXT.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diemtin.eval.stories import arrival_order, load_vnmds  # noqa: E402
from diemtin.model import Article  # noqa: E402
from diemtin.pipeline import refresh_digest  # noqa: E402
from diemtin.store.sqlite import Store  # noqa: E402
from diemtin.stories.features import story_features  # noqa: E402
from diemtin.stories.grouping import StoryGrouper  # noqa: E402
from diemtin.vi.normalize import fold  # noqa: E402

# Beyond the far window (180 days) plus the longest gold story's span (4 months), so that no
# copy joins the stories of the one before.
SHIFT_DAYS = 400
LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
local bust = os.getenv("BENCH_BUST") == "1"
request = function()
  i = i % #paths + 1
  if bust then  -- a query string never seen before: the page cache cannot answer
    local sep = paths[i]:find("?", 1, true) and "&" or "?"
    return wrk.format("GET", paths[i] .. sep .. "_=" .. math.random(1000000000))
  end
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.2f %.2f %.2f\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def build(db: Path, data: Path, stories: int) -> None:
    base = arrival_order(load_vnmds(data), None)
    features = {a.id: story_features(a.title, a.body) for a in base}
    copies = -(-stories // len({a.group for a in base}))
    with Store(db) as store:
        grouper = StoryGrouper(store)
        run = store.start_run("bench_web build")
        now = datetime(2000, 1, 1)
        for copy in range(copies):
            touched: set[int] = set()
            with store.transaction():
                for a in base:
                    when = datetime.fromisoformat(a.published or "2013-10-01T00:00")
                    published = (when + timedelta(days=SHIFT_DAYS * copy)).isoformat()
                    title = f"{a.title} ({copy + 1})"
                    article = Article(
                        title=title,
                        body=a.body,
                        source="bench",
                        locator=f"{copy}/{a.id}",
                        outlet=a.outlet,
                        published=published,
                        external_id=f"{copy}-{a.id}",
                        url=f"https://example.org/{copy}/{a.id}",
                        kind="body",
                        raw_hash=f"{copy}-{a.id}",
                        body_hash=f"{copy}-{a.id}",
                    )
                    article_id = store.add_article(article, run)
                    sid = grouper.add(title, features[a.id], published, now)
                    store.set_article_story(article_id, sid)
                    touched.add(sid)
                grouper.flush()
                for sid in touched:
                    refresh_digest(store, sid)
            print(f"\r  built copy {copy + 1}/{copies}", end="", file=sys.stderr)
        store.finish_run(run, {})
    print(file=sys.stderr)


def paths_for(db: Path, rng: random.Random) -> dict[str, list[str]]:
    with Store(db, readonly=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM stories")]
        titles = [r[0] for r in store.conn.execute("SELECT title FROM stories LIMIT 2000")]
    queries = []
    for title in rng.sample(titles, min(300, len(titles))):
        words = re.findall(r"\w+", fold(title).lower())
        words = [w for w in words if not w.isdigit()]
        if len(words) >= 2:
            k = rng.randint(0, len(words) - 2)
            queries.append("+".join(words[k : k + 2]))
    return {
        "front page /": ["/"],
        "story /story/{id}": (stories := [f"/story/{i}" for i in rng.sample(ids, 2000)]),
        "story, uncached": stories,
        "search /search?q=": [f"/search?q={q}" for q in queries],
        "search, uncached": [f"/search?q={q}" for q in queries],
        "API /api/stories": ["/api/stories"],
    }


def wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not answer")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--db", default=str(ROOT / "benchmarks/.web.db"))
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/vnmds-dev"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="", help="run the rows whose name holds this text")
    args = parser.parse_args()
    if subprocess.run(["which", "wrk"], capture_output=True).returncode:
        raise SystemExit("bench_web needs wrk: apt-get install wrk")
    db = Path(args.db)
    have = 0
    if db.exists():
        with Store(db, readonly=True) as store:
            have = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    if have < args.stories:
        db.unlink(missing_ok=True)
        started = time.monotonic()
        build(db, Path(args.data), args.stories)
        print(f"  store built in {time.monotonic() - started:.0f}s", file=sys.stderr)
    with Store(db, readonly=True) as store:
        stories, articles = (
            store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
            store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "diemtin",
            "serve",
            "--db",
            str(db),
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
        ],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        wait(base + "/healthz")
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "bench.lua"
            script.write_text(LUA)
            for name, paths in paths_for(db, random.Random(7)).items():
                if args.only not in name:
                    continue
                listing = Path(tmp) / "paths.txt"
                listing.write_text("\n".join(paths) + "\n")
                for path in paths[:50]:  # warm the caches as a running server would be
                    urllib.request.urlopen(base + path, timeout=10).read()
                out = subprocess.run(
                    [
                        "wrk",
                        "-t2",
                        f"-c{args.clients}",
                        f"-d{args.seconds}s",
                        "--timeout",
                        "5s",
                        "-s",
                        str(script),
                        base,
                    ],
                    capture_output=True,
                    text=True,
                    env=os.environ
                    | {"BENCH_PATHS": str(listing), "BENCH_BUST": str(int("uncached" in name))},
                ).stdout
                found = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
                if not found:
                    raise SystemExit(f"wrk gave no result:\n{out}")
                n, errors, bad, p50, p95, p99 = found.groups()
                size = len(urllib.request.urlopen(base + paths[0], timeout=10).read())
                rows.append(
                    (
                        name,
                        int(n) / args.seconds,
                        float(p50),
                        float(p95),
                        float(p99),
                        int(errors) + int(bad),
                        size,
                    )
                )
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"store: {stories} stories, {articles} articles; {args.clients} concurrent clients,"
        f" {args.seconds}s each, server workers {args.workers}, wrk on the same 2 cores"
    )
    print(
        f"{'page':<20s} {'req/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} {'p99 ms':>7s}"
        f" {'errors':>7s} {'bytes':>7s}"
    )
    for name, rate, p50, p95, p99, errors, size in rows:
        print(f"{name:<20s} {rate:7.0f} {p50:7.1f} {p95:7.1f} {p99:7.1f} {errors:7d} {size:7d}")


if __name__ == "__main__":
    main()
