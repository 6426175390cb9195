"""Idempotency and resume: a re-run adds nothing; a run killed with SIGKILL leaves a consistent
store and a re-run completes it to exactly what one clean run gives."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from conftest import ROOT, SHARED_DATA
from diemtin.config import Settings
from diemtin.pipeline import ingest
from diemtin.store.sqlite import Store
from helpers import article_html, write_jsonl, write_warc_gz


def _state(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": q("SELECT COUNT(*) FROM articles"),
            "inputs": q("SELECT COUNT(*) FROM inputs"),
            "fts": q("SELECT COUNT(*) FROM articles_fts"),
            "stored_inputs": q("SELECT COUNT(*) FROM inputs WHERE outcome != 'skipped'"),
            "originals": q("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL"),
            "distinct_external": q("SELECT COUNT(DISTINCT external_id) FROM articles"),
            "stories": q("SELECT COUNT(*) FROM stories"),
            "story_members": q("SELECT COALESCE(SUM(size), 0) FROM stories"),
            # digests are refreshed at the end of a run: none left behind by a complete one
            "stale_digests": q("SELECT COUNT(*) FROM stories WHERE digest_size != size"),
            "ungrouped": q(
                "SELECT COUNT(*) FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL"
            ),
        }
    finally:
        conn.close()


def _digests(db) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT title, summary, entities FROM stories").fetchall()
    finally:
        conn.close()
    return sorted(rows)


def _ingest(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "diemtin", "ingest", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _processes_using(db) -> list[int]:
    """Live processes whose command line names ``db`` (forked workers keep their parent's)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if (
                proc.name.isdigit()
                and str(db).encode() in (proc / "cmdline").read_bytes()
                and b"\nState:\tZ" not in (proc / "status").read_bytes()  # not a zombie
            ):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_kill_and_resume(tmp_path):
    data = write_jsonl(tmp_path / "many.jsonl", 1500)
    reference = tmp_path / "ref.db"
    assert _ingest(str(data), "--db", str(reference)).wait(timeout=600) == 0
    expected = _state(reference)
    assert expected["articles"] == 1500
    assert expected["ungrouped"] == 0 and expected["story_members"] == expected["originals"]

    db = tmp_path / "killed.db"
    proc = _ingest(str(data), "--db", str(db))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some batches are committed
        time.sleep(0.2)
        try:
            if _state(db)["articles"] >= 400:
                break
        except sqlite3.Error:
            continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20  # its workers see it gone and exit too
    while _processes_using(db) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_using(db)
    partial = _state(db)
    assert 0 < partial["articles"] < 1500
    assert partial["articles"] == partial["stored_inputs"] == partial["inputs"]
    assert partial["fts"] == partial["originals"]

    assert _ingest(str(data), "--db", str(db)).wait(timeout=600) == 0
    assert _state(db) == expected
    assert _digests(db) == _digests(reference)
    rerun = _ingest(str(data), "--db", str(db))
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0 and b"unchanged 1500" in err
    assert _state(db) == expected


def _partition(db) -> set[frozenset[str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT story_id, url FROM articles ORDER BY story_id").fetchall()
    finally:
        conn.close()
    stories: dict[int, set[str]] = {}
    for story, url in rows:
        stories.setdefault(story, set()).add(url)
    return {frozenset(urls) for urls in stories.values()}


def test_worker_pool_gives_the_one_process_store(tmp_path):
    """With workers, the next batch is processed while one is written and digests are
    refreshed in the pool during the run: the store must be exactly what one process makes,
    and an input repeated in a batch still in flight is done once."""
    from diemtin.eval.stories import load_vnmds

    gold = load_vnmds(SHARED_DATA / "vnmds-dev")
    wanted = sorted({a.group for a in gold}, key=lambda g: int(g.split("_")[-1]))[:12]
    pages = [
        (
            f"https://{a.outlet or 'bao.vn'}/{a.id}.html",
            article_html(a.title, a.body, a.published, a.outlet or "bao.vn"),
        )
        for a in gold
        if a.group in wanted
    ]
    pages.insert(9, pages[5])  # batches of 4: the repeat comes while its first is in flight
    warc = write_warc_gz(tmp_path / "news.warc.gz", pages)
    runs = {
        "one": Settings(workers=1),
        "pool": Settings(workers=2, batch_size=4, digest_every=3),
    }
    results = {}
    for name, settings in runs.items():
        db = tmp_path / f"{name}.db"
        with Store(db) as store:
            report = ingest([str(warc)], store, replace(settings, db=str(db), errors="raise"))
        results[name] = (dict(report.counts), _partition(db), _digests(db), _state(db))
    one, pool = results["one"], results["pool"]
    assert one[0]["unchanged"] == 1 and one[0]["stored"] == len(pages) - 1
    assert pool == one
    assert one[3]["stale_digests"] == 0 and len(one[1]) >= 10


def test_workers_start_only_for_an_input_of_more_than_one_batch(tmp_path, monkeypatch):
    """The default is one worker per core, but the two samples (one batch) are done in this
    process: starting a pool would cost more than the pages. A second batch starts it."""
    import diemtin.pipeline as pipeline

    started = []

    class Pool(pipeline.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **options)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    assert Settings().workers == 0  # one per core
    samples = [str(p) for p in sorted((ROOT / "examples").iterdir())]
    settings = Settings(workers=2, batch_size=2, errors="raise")
    with Store(tmp_path / "one.db") as store:
        report = ingest(samples, store, settings)
    assert started == [] and report.counts["stored"] == 2
    with Store(tmp_path / "two.db") as store:
        report = ingest(samples, store, replace(settings, batch_size=1))
    assert started == [2] and report.counts["stored"] == 2


def test_a_digest_of_a_story_that_grew_since_leaves_it_stale(tmp_path):
    """Digests are computed in the pool while the writer goes on: one that comes back after
    its story took in another article is saved, but the story stays stale, so that a run
    stopped before its final refresh gets it digested again by the next one."""
    from concurrent.futures import ThreadPoolExecutor

    from diemtin.pipeline import DigestQueue

    first, second = sorted((ROOT / "examples").iterdir())
    settings = Settings(workers=1, db=str(tmp_path / "s.db"), errors="raise")
    with Store(tmp_path / "s.db") as store, ThreadPoolExecutor(1) as pool:
        ingest([str(first)], store, settings)
        (story,) = [r[0] for r in store.conn.execute("SELECT id FROM stories")]
        assert store.stale_stories() == []
        queue = DigestQueue(store, pool)
        queue.submit([story])
        queue._waiting[0][2].result()  # done, not saved yet
        ingest([str(second)], store, settings)  # the other outlet joins the story
        assert store.story_size(story) == 2 and store.stale_stories() == []
        queue.save_done()
        assert store.stale_stories() == [story]  # digested from one article of two
        row = store.conn.execute(
            "SELECT digest_size, outlet_count FROM stories WHERE id = ?", (story,)
        ).fetchone()
        assert tuple(row) == (1, 1)
        queue.submit([story])
        queue.save_done(wait=True)
        assert store.stale_stories() == []
        assert (
            store.conn.execute(
                "SELECT outlet_count FROM stories WHERE id = ?", (story,)
            ).fetchone()[0]
            == 2
        )
