"""The Spark job against the in-process pipeline: on one WARC of real articles (vnmds-dev
clusters as HTML pages, the sample dumps, an exact and a near copy, a junk record),
``diemtin spark`` in ``local[2]`` must give the same articles, duplicates and stories as
``diemtin ingest``, and ``diemtin load`` must turn its output into the same store.

Two Spark runs for the whole module (a JVM start and a job cost tens of seconds): one
with ``spark.diemtin.localEdges=0`` and ``spark.diemtin.localKeys=0``, so that blocks are
found by label propagation and tables are joined on the cluster, the path a corpus too big
for the driver takes; one with the defaults, where a corpus this small has its blocks
found by union-find on the driver and its key tables broadcast.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED_DATA, run_cli
from diemtin.stories.features import body_entities
from helpers import vnmds_warc

pytest.importorskip("pyspark", reason="the spark extra is not installed")
pq = pytest.importorskip("pyarrow.parquet")

VNMDS = SHARED_DATA / "vnmds-dev"
pytestmark = pytest.mark.skipif(not VNMDS.is_dir(), reason="needs ../shared/data/vnmds-dev")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One WARC, ingested in-process."""
    work = tmp_path_factory.mktemp("spark")
    warc = vnmds_warc(work / "news.warc.gz", VNMDS, clusters=10, examples=EXAMPLES)
    done = run_cli("ingest", str(warc), "--db", str(work / "ingest.db"))
    assert done.returncode == 0, done.stderr.decode()
    return warc, work / "ingest.db"


CLUSTER_PATH = ["spark.diemtin.localEdges=0", "spark.diemtin.localKeys=0"]


@pytest.fixture(scope="module", params=["cluster", "driver"])
def runs(request, ingested, tmp_path_factory):
    """The WARC run through the Spark job, then loaded: on the cluster's path and on the
    driver's."""
    warc, ingest_db = ingested
    work = tmp_path_factory.mktemp(request.param)
    settings = CLUSTER_PATH if request.param == "cluster" else []
    out = work / "out"
    job = run_cli(
        "spark",
        str(warc),
        warc.resolve().as_uri(),  # the same file again, through Hadoop's file system
        "--out",
        str(out),
        "--master",
        "local[2]",
        *(arg for setting in settings for arg in ("--conf", setting)),
        "--conf",
        "spark.ui.enabled=false",
    )
    assert job.returncode == 0, job.stderr.decode()[-3000:]
    loaded = run_cli("load", str(out), "--db", str(work / "load.db"))
    assert loaded.returncode == 0, loaded.stderr.decode()
    return {
        "work": work,
        "out": out,
        "ingest": ingest_db,
        "load": work / "load.db",
        "job": job.stderr.decode(),
        "load_log": loaded.stderr.decode(),
    }


def _parquet(folder: Path) -> list[dict]:
    return pq.read_table(folder).to_pylist()


def _db(path: Path, sql: str) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql)]
    finally:
        con.close()


def _place(row: dict) -> tuple[str, str]:
    return row["source"], row["locator"]


def _partition(rows: list[dict]) -> list[list[tuple[str, str]]]:
    groups: dict[int, list] = defaultdict(list)
    for row in rows:
        groups[row["story_id"]].append(_place(row))
    return sorted(sorted(g) for g in groups.values())


def test_the_job_reports_what_it_did(runs):
    log = runs["job"]
    assert "stored " in log and "duplicate 2" in log and "skipped 1 (binary 1)" in log
    # The file:// copy of the archive was read through Hadoop and recognised page by page.
    assert "repeated input" in log


def test_same_articles_and_duplicates_as_ingest(runs):
    job = _parquet(runs["out"] / "articles")
    ingested = _db(runs["ingest"], "SELECT * FROM articles")
    assert len(job) == len(ingested) >= 30
    by_place = {_place(r): r for r in ingested}
    assert set(by_place) == {_place(r) for r in job}
    job_place = {r["id"]: _place(r) for r in job}
    ingest_place = {r["id"]: _place(r) for r in ingested}
    for row in job:
        twin = by_place[_place(row)]
        for column in ("title", "body", "published", "outlet", "url", "author", "body_hash"):
            assert row[column] == twin[column], column
        assert job_place.get(row["duplicate_of"]) == ingest_place.get(twin["duplicate_of"])
        # the export's entities: those of the body, found with the title in view
        assert row["entities"] == [asdict(e) for e in body_entities(twin["title"], twin["body"])]
        assert row["entities"] or len(row["body"]) < 200
    assert sum(r["duplicate_of"] is not None for r in job) == 2
    story_of = {r["id"]: r["story_id"] for r in job}
    for row in job:  # a copy is in its original's story, one that an earlier page started
        if row["duplicate_of"] is not None:
            assert row["story_id"] == story_of[row["duplicate_of"]] != row["duplicate_of"]


def test_same_stories_as_ingest(runs):
    job = _parquet(runs["out"] / "articles")
    ingested = _db(runs["ingest"], "SELECT * FROM articles")
    assert _partition(job) == _partition(ingested)
    assert len(_partition(job)) == 11  # ten clusters and the two samples' meeting
    stories = {s["id"]: s for s in _parquet(runs["out"] / "stories")}
    ingest_stories = {s["id"]: s for s in _db(runs["ingest"], "SELECT * FROM stories")}
    by_place = {_place(r): r for r in ingested}
    for row in job:
        if row["duplicate_of"] is None:
            mine, theirs = (
                stories[row["story_id"]],
                ingest_stories[by_place[_place(row)]["story_id"]],
            )
            for column in ("title", "summary", "first_published", "last_published", "size"):
                assert mine[column] == theirs[column], column
            assert mine["summary"] and mine["entities"]
            assert row["id"] in mine["article_ids"]


def test_load_gives_the_ingested_store(runs):
    sql = (
        "SELECT a.source, a.locator, a.title, a.duplicate_kind, d.locator AS copy_of, s.title"
        " AS story, s.summary, s.size, s.centroid, s.entities, s.first_published"
        " FROM articles a LEFT JOIN articles d ON d.id = a.duplicate_of"
        " JOIN stories s ON s.id = a.story_id ORDER BY a.source, a.locator"
    )
    assert _db(runs["load"], sql) == _db(runs["ingest"], sql)
    for table in ("story_terms", "lsh_bands"):
        count = f"SELECT COUNT(*) AS n FROM {table}"
        assert _db(runs["load"], count) == _db(runs["ingest"], count)
    frequencies = (  # wherever a run left them, recent or folded
        "SELECT term, SUM(df) AS df FROM (SELECT * FROM term_df UNION ALL"
        " SELECT * FROM term_df_recent) GROUP BY term ORDER BY term"
    )
    assert _db(runs["load"], frequencies) == _db(runs["ingest"], frequencies)
    hits = run_cli("search", "ngoai truong lavrov", "--db", str(runs["load"]))
    assert "Lavrov" in hits.stdout.decode()


def test_load_again_changes_nothing(runs):
    before = _db(runs["load"], "SELECT COUNT(*) AS n FROM articles")
    again = run_cli("load", str(runs["out"]), "--db", str(runs["load"]))
    assert again.returncode == 0
    assert "unchanged" in again.stderr.decode() and "stored" not in again.stderr.decode()
    assert _db(runs["load"], "SELECT COUNT(*) AS n FROM articles") == before


def test_load_refuses_a_folder_that_is_not_job_output(tmp_path):
    result = run_cli("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert b"not the output of 'diemtin spark'" in result.stderr


def test_union_find_matches_a_graph_search():
    from diemtin.spark.blocks import union_find

    rng = random.Random(5)
    edges = [(rng.randrange(300), rng.randrange(300)) for _ in range(200)]
    labels = union_find(edges)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for start in neighbours:
        seen, todo = {start}, [start]
        while todo:
            for nxt in neighbours[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert labels[start] == min(seen)


def test_packed_pair_scores_never_lose_a_link():
    """Pairs are scored on packed views, one article against all its partners at once: to
    float32 precision of the exact score, and every pair at the join threshold is still
    linked (blocks may only grow)."""
    from collections import Counter

    from diemtin.eval.stories import load_vnmds
    from diemtin.spark.pairs import PACKED_SLACK, pack_views, packed_scores
    from diemtin.stories.features import story_features
    from diemtin.stories.grouping import (
        GroupingParams,
        article_vectors,
        pair_score,
        vector_terms,
    )

    params = GroupingParams()
    gold = load_vnmds(VNMDS)[:60]
    features = [story_features(a.title, a.body) for a in gold]
    features.append({})  # an article without terms scores 0 against everything
    df = Counter(t for f in features for t in vector_terms(f))
    vectors = [article_vectors(f, df, len(features), params)[0] for f in features]
    packed = [pack_views(v, params) for v in vectors]
    linked = 0
    for i in range(len(vectors)):
        partners = list(range(i)) + list(range(i + 1, len(vectors)))
        scores = packed_scores(packed[i], [packed[j] for j in partners], params)
        assert len(scores) == len(partners)
        for j, approx in zip(partners, scores, strict=True):
            exact = pair_score(vectors[i], vectors[j], params)
            assert abs(exact - approx) < 1e-6
            if exact >= params.threshold:
                linked += 1
                assert approx >= params.threshold - PACKED_SLACK
    assert linked >= 100
    assert packed_scores(packed[0], [], params) == []


@pytest.mark.parametrize("held", [1, 3, 2_000_000])
def test_document_frequencies_as_the_grouper_counts_them(monkeypatch, held):
    """Each article's terms get the number of articles up to it (in key order) that hold
    them, whether a task sends its codes at once or in many parts."""
    from array import array

    from diemtin.spark import pairs

    monkeypatch.setattr(pairs, "RANKS_HELD", held)
    rng = random.Random(7)
    terms = {key: rng.sample("abcdefgh", rng.randint(1, 6)) for key in rng.sample(range(99), 30)}
    postings: dict[str, list] = defaultdict(list)
    for key, held_terms in terms.items():
        for place, term in enumerate(held_terms):
            postings[term].append((key, place))
    groups = list(postings.items())
    rng.shuffle(groups)
    codes: dict[int, array] = defaultdict(lambda: array("Q"))
    parts = 0
    for key, (tag, blob) in pairs._rank_postings(iter(groups)):
        assert tag == 0
        codes[key].frombytes(blob)
        parts += 1
    assert (parts > len(terms)) == (held < 100)
    for key, held_terms in terms.items():
        expected = [sum(1 for k, ts in terms.items() if k <= key and t in ts) for t in held_terms]
        assert [c & 0xFFFFFFFF for c in sorted(codes[key])] == expected


def test_spark_without_the_extra_says_what_to_install(tmp_path):
    (tmp_path / "pyspark.py").write_text("raise ImportError('no pyspark here')\n")
    import subprocess

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from diemtin.cli import main; sys.exit(main(['spark', 'x', '--out', 'y']))",
            str(tmp_path),
        ],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "diemtin: the Spark job needs PySpark: pip install 'diemtin[spark]'"
    )


def test_an_interrupted_load_resumes_to_the_same_store(runs, tmp_path):
    from diemtin.config import Settings
    from diemtin.load import load
    from diemtin.store.sqlite import Store

    db = tmp_path / "resumed.db"
    settings = Settings(db=str(db), batch_size=4)
    batches = []

    def stop_after_two(report):
        batches.append(report.counts["stored"])
        if len(batches) == 2:
            raise KeyboardInterrupt

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        load(runs["out"], store, settings, progress=stop_after_two)
    partial = _db(db, "SELECT COUNT(*) AS n FROM articles")[0]["n"]
    assert 0 < partial < 33
    with Store(db) as store:
        report = load(runs["out"], store, settings)
    assert report.counts["unchanged"] >= partial
    sql = (
        "SELECT a.source, a.locator, a.title, d.locator AS copy_of, s.title AS story,"
        " s.summary, s.size, s.centroid, s.entities FROM articles a"
        " LEFT JOIN articles d ON d.id = a.duplicate_of JOIN stories s ON s.id = a.story_id"
        " ORDER BY a.source, a.locator"
    )
    assert _db(db, sql) == _db(runs["ingest"], sql)
