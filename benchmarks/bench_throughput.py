"""Throughput and growth: ingest speed, memory and grouping cost by stream size, search
latency by store size, and the Spark job against one in-process worker.

    python benchmarks/bench_throughput.py [--sizes 1000,10000,100000] [--formats jsonl,dump,html]
        [--workers 2] [--growth-sizes 1000,10000,100000] [--search-sizes 100000,1000000]
        [--spark-pages 10000] [--no-spark]

Streams are synthetic, built from vnmds-dev (100 clusters, 2013): copy k of the corpus is
shifted 40 days later and written in its own vocabulary (``diemtin.eval.synthetic``: each
word but the 300 most frequent mapped to another by a permutation of its own, the same for
every article of the copy, so a cluster's articles stay as alike as they were, while copies
are neither duplicates nor one story: the stories column shows about 100 per copy of 316
articles). JSONL lines carry an already clean ``body``, a flattened page dump (``text``:
menus, date, listings, footer) or a whole HTML page (``html``). Each ingest runs in its own
process (peak RSS is that of its largest process: the writer or a worker). Search stores
are filled by direct inserts (no grouping) and queried with two or three words of random
titles, as the reader does (10 hits). Inputs are cached in ``benchmarks/.throughput/``.

Grouping cost per stored article is given twice: wall time in the writer (which also counts
the moments the writer waits for a core the workers share) and the writer's CPU time in the
grouper (its own work, whatever else runs). The digest column is the writer's time for
digests (reading stories, saving them, waiting for the last ones); the pool computes them.
Growth is measured again with the writer alone (``growth_rows``), since the ingest's own
columns mix in the workers' load. The Spark job's memory is each process's high-water mark:
its Python driver, its JVM and the largest of its Python workers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diemtin.eval.stories import load_vnmds  # noqa: E402
from diemtin.eval.synthetic import Rewriter, vocabulary  # noqa: E402

VNMDS = ROOT.parent / "shared" / "data" / "vnmds-dev"
CACHE = ROOT / "benchmarks" / ".throughput"
SHIFT_DAYS = 40
MENU = "Trang chủ | Thời sự | Thế giới | Kinh tế | Giáo dục | Thể thao | Giải trí"


KEEP_WORDS = 300  # the most frequent words (what makes text Vietnamese) are never swapped
STREAM = "v2"  # in the cached files' names: v2 swaps title words and keeps acronyms' case


def stream(n: int, seed: int = 1):
    """``n`` synthetic articles (dicts of the JSONL contract, with ``body``)."""
    base = sorted(load_vnmds(VNMDS), key=lambda a: (a.published or "", a.id))
    words = vocabulary((t for a in base for t in (a.title, a.body)), KEEP_WORDS)
    rewrite: Callable[[str], str] = str
    for i in range(n):
        copy, j = divmod(i, len(base))
        if j == 0 and copy:
            rewrite = Rewriter(words, seed * 1_000_003 + copy, digits=False)
        a = base[j]

        published = None
        if a.published:
            moment = datetime.fromisoformat(a.published) + timedelta(days=SHIFT_DAYS * copy)
            published = moment.isoformat(timespec="minutes")
        yield {
            "id": f"c{copy}-{a.id}",
            "url": f"https://{a.outlet or 'bao.vn'}/c{copy}/{a.id}.html",
            "outlet": a.outlet,
            "title": rewrite(a.title),
            "published": published,
            "body": rewrite(a.body),
        }


def as_dump(r: dict, others: list[str]) -> dict:
    when = datetime.fromisoformat(r["published"]).strftime("%d/%m/%Y %H:%M")
    lines = [MENU, r["title"], when, *r["body"].split("\n"), "Tin liên quan"]
    lines += [f"- {t}" for t in others] + ["Đọc nhiều", *others[::-1], f"© {r['outlet']}"]
    return {k: r[k] for k in ("id", "url", "outlet")} | {"text": "\n".join(lines)}


def as_html(r: dict, others: list[str]) -> dict:
    paras = "".join(f"<p>{escape(p)}</p>" for p in r["body"].split("\n") if p.strip())
    related = "".join(f"<li><a href='/x'>{escape(t)}</a></li>" for t in others)
    page = (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>"
        f"{escape(r['title'])}</title><meta property='article:published_time' content="
        f"'{r['published']}'></head><body><nav>{escape(MENU)}</nav><article><h1>"
        f"{escape(r['title'])}</h1>{paras}</article><aside><h3>Tin liên quan</h3><ul>"
        f"{related}</ul></aside><footer>© {escape(r['outlet'] or '')}</footer></body></html>"
    )
    return {k: r[k] for k in ("id", "url", "outlet")} | {"html": page}


def stream_file(fmt: str, n: int) -> Path:
    path = CACHE / f"{fmt}-{n}-{STREAM}.jsonl"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    titles: list[str] = []
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        for r in stream(n):
            others = titles[-4:]
            titles.append(r["title"])
            line = r if fmt == "jsonl" else (as_dump if fmt == "dump" else as_html)(r, others)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


_INGEST = """
import json, sys
from diemtin.config import Settings
from diemtin.pipeline import ingest
from diemtin.store.sqlite import Store
db, src, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Store(db) as store:
    r = ingest([src], store, Settings(db=db, workers=workers))
    stories = store.conn.execute("SELECT COUNT(*), MAX(size) FROM stories").fetchone()
print(json.dumps({"counts": r.counts, "seconds": r.seconds, "timings": r.timings,
                  "stories": list(stories)}))
"""


def run_measured(argv: list[str]) -> tuple[str, float, float]:
    """Run a command; its stdout, wall seconds and peak RSS (MB, largest process)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}")
    return out, time.perf_counter() - started, usage.ru_maxrss / 1024


def _proc_field(pid: int, name: str) -> str:
    try:
        with open(f"/proc/{pid}/{name}", "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return ""


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_field(int(entry), "stat")
            if stat:
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    todo = [root]
    while todo:
        kids = [c for c in children.get(todo.pop(), []) if c not in found]
        found.update(kids)
        todo.extend(kids)
    return found


def run_tree_measured(argv: list[str]) -> tuple[float, dict[str, float]]:
    """Run a command; its wall seconds and the peak RSS (MB) of its own process, of its JVM
    and of the largest of its other Python processes, each from the kernel's high-water mark
    (``VmHWM``) read every 0.2 s. wait4's figure will not do for a Spark driver: it counts
    the JVM too once the driver has reaped it, and only then."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[str, float] = {"driver": 0.0, "jvm": 0.0, "python workers": 0.0}
    while proc.poll() is None:
        for pid in {proc.pid} | _descendants(proc.pid):
            status = _proc_field(pid, "status")
            hwm = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")]
            if not hwm:
                continue
            command = _proc_field(pid, "cmdline").split("\0")[0]
            kind = (
                "driver"
                if pid == proc.pid
                else "jvm"
                if command.endswith("java")
                else "python workers"
                if "python" in command
                else ""
            )
            if kind:
                peaks[kind] = max(peaks[kind], int(hwm[0]) / 1024)
        time.sleep(0.2)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}")
    return time.perf_counter() - started, peaks


def fresh_store(path: Path) -> Path:
    """``path`` with no SQLite store (nor its log files) left at it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def ingest_row(fmt: str, n: int, workers: int) -> list[str]:
    src = stream_file(fmt, n)
    db = fresh_store(CACHE / f"ingest-{fmt}-{n}.db")
    out, _, rss = run_measured([sys.executable, "-c", _INGEST, str(db), str(src), str(workers)])
    r = json.loads(out)
    stored = r["counts"].get("stored", 0)
    done = sum(v for k, v in r["counts"].items() if k != "unchanged")
    per = 1000 / max(1, stored)
    return [
        fmt,
        f"{n:,}",
        str(workers),
        f"{done / r['seconds']:.0f}",
        f"{r['timings'].get('group', 0) * per:.2f}",
        f"{r['timings'].get('group_cpu', 0) * per:.2f}",
        f"{r['timings'].get('digest', 0) * per:.2f}",
        f"{rss:.0f}",
        f"{stored:,} / {r['counts'].get('duplicate', 0):,}",
        f"{r['stories'][0]:,} ({r['stories'][1]})",
    ]


COPY = 316  # articles in one copy of the corpus (the stream repeats it, re-written)
TIMED_COPIES = 3


def growth_rows(
    sizes: list[int], workers: int, repeats: int = 3, chunk: int = 4000
) -> list[list[str]]:
    """Grouping and writer CPU per article, the writer alone, over the same content at
    each store size: the three copies of the corpus that start at the first copy boundary
    at or after each size (copies differ in words and dates only).

    One pass stores the stream with the ingest's own batch step (``_store_results``,
    without digests), the pool extracting a chunk of pages before the writer stores it.
    At each window's start the store and the grouper's caches are copied; then each window
    is stored again from its copy ``repeats`` times, the windows taking turns, and the
    least CPU of each counts. No other process runs while the writer is timed, its caches
    are warm as in one long ingest, and the turns spread this VM's slow and fast spells
    (±30% on the same run) over every size instead of one."""
    import copy
    from concurrent.futures import ProcessPoolExecutor

    from diemtin.config import Settings
    from diemtin.pipeline import IngestReport, _store_results, ingest_page
    from diemtin.sources.jsonl import iter_jsonl
    from diemtin.store.sqlite import Store
    from diemtin.stories.grouping import StoryGrouper

    starts = {-(-n // COPY) * COPY: n for n in sizes}
    span = TIMED_COPIES * COPY
    total = max(starts) + span
    edges = [e for w in starts for e in (w, w + span)]  # batches are cut at these
    db = fresh_store(CACHE / "growth.db")
    settings = Settings(db=str(db))
    windows: dict[int, list[object]] = {w: [] for w in starts}  # the window's results
    caches: dict[int, dict[str, object]] = {}  # the grouper's caches at the window's start
    rows = (json.dumps(r, ensure_ascii=False).encode() for r in stream(total))
    pages = iter_jsonl(rows, "growth.jsonl")
    done = 0
    with Store(str(db)) as store, ProcessPoolExecutor(workers) as pool:
        report = IngestReport()
        report.run_id = store.start_run("growth")
        grouper = StoryGrouper(store)
        while batch := list(itertools.islice(pages, chunk)):
            results = list(pool.map(ingest_page, batch, [settings] * len(batch), chunksize=16))
            i = 0
            while i < len(results):
                if done in starts:  # copy the state the window starts from
                    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    shutil.copyfile(db, CACHE / f"growth-{done}.db")
                    caches[done] = copy.deepcopy(
                        {k: v for k, v in vars(grouper).items() if k != "store"}
                    )
                cut = [e - done + i for e in edges if done < e < done + settings.batch_size]
                end = min([i + settings.batch_size, *cut])
                for w in starts:
                    if w <= done < w + span:
                        windows[w].extend(results[i:end])
                _store_results(store, results[i:end], settings, report.run_id, report, grouper)
                done += end - i
                i = end
    best: dict[int, tuple[float, float]] = {}
    for _ in range(repeats):
        for w in sorted(starts):
            trial = fresh_store(CACHE / "growth-trial.db")
            shutil.copyfile(CACHE / f"growth-{w}.db", trial)
            with Store(str(trial)) as store:
                report = IngestReport()
                report.run_id = store.start_run("growth trial")
                grouper = StoryGrouper(store)
                vars(grouper).update(copy.deepcopy(caches[w]))
                results = windows[w]
                cpu = time.process_time()
                for i in range(0, len(results), settings.batch_size):
                    part = results[i : i + settings.batch_size]
                    _store_results(store, part, settings, report.run_id, report, grouper)
                writer = time.process_time() - cpu
            group = report.timings["group_cpu"]
            old = best.get(w, (group, writer))
            best[w] = (min(old[0], group), min(old[1], writer))
    for w in starts:
        fresh_store(CACHE / f"growth-{w}.db")
    fresh_store(CACHE / "growth-trial.db")
    out = []
    base = None
    for w in sorted(starts):
        group, writer = best[w]
        n = len(windows[w])
        per = 1000 * group / n
        base = base or per
        out.append(
            [
                f"{starts[w]:,}",
                f"{w:,}",
                f"{n:,}",
                f"{per:.2f}",
                f"{1000 * writer / n:.2f}",
                f"{per / base:.2f}",
            ]
        )
    return out


def search_queries(n: int, count: int) -> list[str]:
    """Two or three consecutive words of random titles of the first ``n`` articles."""
    rng = random.Random(3)
    titles = [r["title"] for r in stream(min(n, 5000))]
    queries = []
    for _ in range(count):
        words = rng.choice(titles).lower().split()
        k = rng.randint(2, 3)
        start = rng.randrange(max(1, len(words) - k))
        queries.append(" ".join(words[start : start + k]))
    return queries


def _p95(times: list[float]) -> float:
    """The 95th percentile of sorted ``times``."""
    return times[int(0.95 * len(times)) - 1]


def search_rows(n: int, queries: int = 300) -> list[str]:
    from diemtin.model import Article
    from diemtin.store.sqlite import Store

    db = CACHE / f"search-{n}-{STREAM}.db"
    if not db.exists():
        part = fresh_store(Path(f"{db}.part"))
        with Store(part) as store:
            run = store.start_run("bench")
            batch = 5000
            with store.transaction():
                for i, r in enumerate(stream(n)):
                    article = Article(
                        title=r["title"], body=r["body"], source="bench", locator=str(i),
                        url=r["url"], outlet=r["outlet"], published=r["published"],
                        raw_hash=f"h{i}", body_hash=f"b{i}",
                    )  # fmt: skip
                    store.add_article(article, run)
                    if i % batch == batch - 1:
                        store.conn.commit()
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{part}{suffix}").exists():
                shutil.move(f"{part}{suffix}", f"{db}{suffix}")
    passes: list[list[float]] = [[], []]  # the first pass warms the caches; both are shown
    with Store(db, readonly=True) as store:
        asked = list(search_queries(n, queries))
        for times in passes:
            for query in asked:
                began = time.perf_counter()
                store.search(query, limit=10)
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
    first, warm = passes
    size_mb = db.stat().st_size / 2**20
    return [
        f"{n:,}",
        f"{statistics.median(warm):.1f}",
        f"{_p95(warm):.1f}",
        f"{_p95(first):.1f}",
        f"{size_mb:,.0f}",
    ]


def spark_rows(pages: int, files: int = 8) -> list[list[str]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import write_warc_gz

    folder = CACHE / f"warc-{pages}"
    if not folder.exists():
        part = folder.with_suffix(".part")
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        records = [json.loads(line) for line in stream_file("html", pages).open(encoding="utf-8")]
        per = -(-len(records) // files)
        for f in range(files):
            chunk = records[f * per : (f + 1) * per]
            pages_of = [(r["url"], r["html"].encode()) for r in chunk]
            write_warc_gz(part / f"part-{f:02d}.warc.gz", pages_of)
        part.rename(folder)
    db = fresh_store(CACHE / f"spark-ingest-{pages}.db")
    out, one, rss_one = run_measured([sys.executable, "-c", _INGEST, str(db), str(folder), "1"])
    counts = json.loads(out)["counts"]
    done = sum(v for k, v in counts.items() if k != "unchanged")
    target = CACHE / f"spark-out-{pages}"
    shutil.rmtree(target, ignore_errors=True)
    cmd = [sys.executable, "-m", "diemtin", "spark", str(folder), "--out", str(target)]
    cmd += ["--master", "local[2]", "--conf", "spark.ui.enabled=false"]
    job, peaks = run_tree_measured(cmd)
    return [
        [
            "ingest, 1 worker",
            f"{pages:,}",
            f"{one:.0f}",
            f"{done / one:.0f}",
            "1.0",
            f"{rss_one:.0f}",
        ],
        [
            "spark local[2]",
            f"{pages:,}",
            f"{job:.0f}",
            f"{done / job:.0f}",
            f"{one / job:.2f}",
            " / ".join(f"{peaks[k]:.0f} {k}" for k in ("driver", "jvm", "python workers")),
        ],
    ]


def table(header: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--formats", default="jsonl,dump,html")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--growth-sizes", default="1000,10000,100000")
    parser.add_argument("--search-sizes", default="100000,1000000")
    parser.add_argument("--spark-pages", type=int, default=10000)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if sizes:
        print(f"## ingest, {args.workers} workers (articles/s over all pages of the stream)\n")
        header = ["input", "articles", "workers", "articles/s", "group ms/article"]
        header += ["group CPU ms/article"]
        header += ["digest ms/article", "peak RSS MB", "stored / duplicate", "stories (largest)"]
        rows = []
        for fmt in args.formats.split(","):
            for n in sizes:
                rows.append(ingest_row(fmt, n, args.workers))
        table(header, rows)
    growth_sizes = [int(s) for s in args.growth_sizes.split(",") if s]
    if growth_sizes:
        print("## grouping growth, the writer alone (least CPU per article of 3 turns over")
        print("the same three copies of the corpus, stored onto a store of each size)\n")
        header = ["store size", "window starts at", "articles timed", "group CPU ms/article"]
        header += ["writer CPU ms/article", "group vs first"]
        table(header, growth_rows(growth_sizes, args.workers))
    search_sizes = [int(s) for s in args.search_sizes.split(",") if s]
    if search_sizes:
        print("## search (Store.search, 10 hits, 300 queries of 2-3 title words; the p50 and")
        print("p95 of the second pass, when the first has warmed the caches)\n")
        header = ["articles", "p50 ms", "p95 ms", "first pass p95 ms", "store MB"]
        table(header, [search_rows(n) for n in search_sizes])
    if not args.no_spark:
        print("## Spark job on a generated WARC (8 files of HTML pages) vs in-process ingest\n")
        header = ["run", "pages", "seconds", "pages/s", "speed-up", "peak RSS MB"]
        table(header, spark_rows(args.spark_pages))


if __name__ == "__main__":
    main()
