"""Idempotency and resume: a re-run adds nothing; a run killed with SIGKILL leaves a consistent
store and a re-run completes it to exactly what one clean run gives."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from conftest import ROOT
from helpers import write_jsonl


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
            "ungrouped": q(
                "SELECT COUNT(*) FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL"
            ),
        }
    finally:
        conn.close()


def _ingest(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "diemtin", "ingest", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


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
    partial = _state(db)
    assert 0 < partial["articles"] < 1500
    assert partial["articles"] == partial["stored_inputs"] == partial["inputs"]
    assert partial["fts"] == partial["originals"]

    assert _ingest(str(data), "--db", str(db)).wait(timeout=600) == 0
    assert _state(db) == expected
    rerun = _ingest(str(data), "--db", str(db))
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0 and b"unchanged 1500" in err
    assert _state(db) == expected
