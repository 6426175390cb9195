"""End to end, as a user runs it: the real command in a subprocess."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from conftest import EXAMPLES, run_cli


def test_ingest_search_export(tmp_path):
    db = str(tmp_path / "d.db")
    first = run_cli("ingest", str(EXAMPLES), "--db", db)
    assert first.returncode == 0, first.stderr
    assert b"stored 2" in first.stderr

    found = run_cli("search", "ngoai truong nga", "--db", db)
    assert found.returncode == 0
    out = found.stdout.decode()
    assert out.splitlines()[0].startswith("[1] Ngoại trưởng Nga và Mỹ đối thoại")  # in the title
    assert "[Ngoại trưởng" in out and "CLO · 2021-05-15 06:45" in out  # as timelines show it

    both = run_cli("search", "bac cuc", "--db", db, "--json")
    titles = {json.loads(line)["title"] for line in both.stdout.decode().splitlines()}
    assert "Washington hy vọng sẽ hợp tác với Moscow ở khu vực Bắc Cực" in titles
    assert len(titles) == 2

    again = run_cli("ingest", str(EXAMPLES), "--db", db)
    assert again.returncode == 0 and b"unchanged 2" in again.stderr
    assert b"pages/s" not in again.stderr  # no rate of nothing ("0 pages/s")

    exported = run_cli("export", "--db", db, "--what", "articles")
    rows = [json.loads(line) for line in exported.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [1, 2]
    for key in (
        "external_id",
        "source",
        "url",
        "outlet",
        "title",
        "published",
        "body",
        "story_id",
        "duplicate_of",
        "entities",
    ):
        assert key in rows[0]

    parquet = tmp_path / "a.parquet"
    assert run_cli("export", "--db", db, "--format", "parquet", "-o", str(parquet)).returncode == 0
    assert pq.read_table(parquet).num_rows == 2


def test_stdin_jsonl_and_extract(tmp_path):
    body = (EXAMPLES / "000_edbff804db4a8219.txt").read_text(encoding="utf-8")
    line = json.dumps(
        {"id": "x1", "text": body, "url": "https://congluan.vn/a"}, ensure_ascii=False
    )
    done = run_cli("ingest", "-", "--db", str(tmp_path / "s.db"), input=line.encode() + b"\n")
    assert done.returncode == 0 and b"stored 1" in done.stderr
    shown = run_cli("extract", str(EXAMPLES / "004_603e59300321139f.txt"), "--json")
    record = json.loads(shown.stdout)
    assert record["title"] == "Washington hy vọng sẽ hợp tác với Moscow ở khu vực Bắc Cực"


def test_exit_codes(tmp_path):
    missing = run_cli("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "e.db"))
    assert missing.returncode == 1 and b"cannot read" in missing.stderr
    assert run_cli("ingest").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    no_store = run_cli("search", "x", "--db", str(tmp_path / "none.db"))
    assert no_store.returncode == 2 and b"no store" in no_store.stderr


def test_bad_files_and_arguments_get_one_line_never_a_traceback(tmp_path, capsys):
    """What a user can get wrong: a junk file where JSONL or a store is expected, an output
    in a folder that does not exist, gold data that is not gold, a negative count."""
    from diemtin.cli import main

    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty").mkdir()
    db = tmp_path / "s.db"
    assert main(["ingest", str(EXAMPLES), "--db", str(db)]) == 0
    capsys.readouterr()
    cases = [
        (
            ["export", "--db", str(db), "--output", str(tmp_path / "no" / "x.jsonl")],
            2,
            "cannot write",
        ),
        (["summarize", str(junk)], 2, "not UTF-8 JSONL"),
        (["entities", str(junk)], 2, "not UTF-8 JSONL"),
        (["eval", "stories", str(junk)], 2, "not stories gold data"),
        (["eval", "stories", str(tmp_path / "empty")], 2, "no gold articles"),
        (["eval", "entities", str(junk)], 2, "not entities gold data"),
        (["eval", "summaries", str(tmp_path / "empty")], 2, "no clusters"),
        (["ingest", str(EXAMPLES), "--db", str(junk)], 1, "file is not a database"),
        (["stories", "--db", str(junk)], 1, "file is not a database"),
        (["ingest", str(EXAMPLES), "--workers", "-3", "--db", str(db)], 2, "must be 0 or more"),
        (["search", "lavrov", "--limit", "0", "--db", str(db)], 2, "must be 1 or more"),
        (["search", "lavrov", "--limit", "-1", "--db", str(db)], 2, "must be 1 or more"),
        (["search", "lavrov", "--offset", "-3", "--db", str(db)], 2, "must be 0 or more"),
        (["stories", "--limit", "-1", "--db", str(db)], 2, "must be 1 or more"),
        (["search", " ", "--db", str(db)], 2, "no word to search for"),
        (["search", '"*', "--db", str(db)], 2, "no word to search for"),
    ]
    for argv, code, message in cases:
        assert main(argv) == code, argv
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err, (argv, err)


def test_verbose_ingest_says_why_each_page_was_skipped(tmp_path):
    """``-v`` lists each skip with its reason as it is stored; ``-vv`` each stored article
    with its story; without it, only the counts."""
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 10)
    english = tmp_path / "en.txt"
    english.write_text(
        "Cats in the garden\n\n"
        + " ".join(
            f"On day {n} the {animal} walked slowly across the quiet garden, looked at the"
            f" old {thing} for a while and then went back inside to sleep until evening."
            for n, (animal, thing) in enumerate(
                [("cat", "wall"), ("dog", "gate"), ("fox", "tree"), ("hen", "shed")] * 3
            )
        ),
        encoding="utf-8",
    )
    quiet = run_cli(
        "ingest", str(EXAMPLES), str(junk), str(english), "--db", str(tmp_path / "q.db")
    )
    assert quiet.returncode == 0 and b"skipped 2 (binary 1, not_vietnamese 1)" in quiet.stderr
    assert b"skipped " + str(junk).encode() not in quiet.stderr

    loud = run_cli(
        "ingest", "-v", str(EXAMPLES), str(junk), str(english), "--db", str(tmp_path / "v.db")
    )
    lines = loud.stderr.decode().splitlines()
    assert f"diemtin: skipped {junk}: binary (the input is not text)" in lines
    assert any(line.startswith(f"diemtin: skipped {english}: not_vietnamese") for line in lines)
    assert not any(line.startswith("diemtin: stored [") for line in lines)

    louder = run_cli("ingest", "-vv", str(EXAMPLES), "--db", str(tmp_path / "vv.db"))
    lines = louder.stderr.decode().splitlines()
    first = "Ngoại trưởng Nga và Mỹ đối thoại về mối quan hệ giữa hai nước"
    assert f"diemtin: stored [1] in story 1: {first}" in lines
    assert (
        "diemtin: stored [2] in story 1: Washington hy vọng sẽ hợp tác với Moscow ở khu vực Bắc Cực"
        in lines
    )
