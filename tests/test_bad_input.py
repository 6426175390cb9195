"""Bad input is normal: each kind ends as a counted skip with a reason, never a crash, and
the good inputs beside it are stored."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil

from conftest import EXAMPLES
from diemtin.config import Settings
from diemtin.pipeline import ingest
from diemtin.sources.files import sniff
from diemtin.store.sqlite import Store
from helpers import article_html, fake_article, write_warc_gz


def test_bad_inputs_are_skipped_with_reasons(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in EXAMPLES.iterdir():
        shutil.copy(sample, inbox / sample.name)
    (inbox / "junk.bin").write_bytes(os.urandom(4096) + b"\x00" * 100)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "huge.txt").write_bytes(("Tin tức hôm nay. " * 10).encode() * 140_000)  # ~23 MB
    (inbox / "latin1.txt").write_bytes(
        ("Le président de la République a annoncé une réforme des retraites. " * 20).encode(
            "latin-1"
        )
    )
    (inbox / "nobody.html").write_bytes(b"<html><head><title>x</title></head></html>")
    (inbox / "broken.jsonl").write_bytes(b'{"id": 1, "body": "ok"}\n{not json\n')
    sample = (EXAMPLES / "000_edbff804db4a8219.txt").read_text(encoding="utf-8")
    syndicated = sample.replace("cuộc gặp", "cuộc hội kiến", 1).encode()
    warc = write_warc_gz(
        tmp_path / "crawl.warc.gz",
        [
            ("https://a.vn/1", syndicated, "text/plain; charset=utf-8"),
            ("https://a.vn/2", b"<html><body><p>" + b"x" * 3000 + b"</p></body></html>"),
        ],
    )
    data = warc.read_bytes()
    (inbox / "truncated.warc.gz").write_bytes(data[: len(data) - 200])

    with Store(tmp_path / "t.db") as store:
        report = ingest([str(inbox)], store, Settings(workers=1))
        counts = report.counts
        assert counts["stored"] == 2  # the two samples
        assert counts["skipped:binary"] == 1
        assert counts["skipped:empty"] == 1
        assert counts["skipped:too_large"] == 1
        assert counts["skipped:not_vietnamese"] >= 1
        assert counts["skipped:empty_body"] >= 2  # html without body, short jsonl body
        assert counts["skipped:bad_json"] == 1
        assert counts["skipped:truncated_warc"] == 1
        assert counts["duplicate"] == 1  # the WARC copy of a sample
        stored = store.counts()
        assert stored["stored"] == 2
        assert sum(v for k, v in stored.items() if k.startswith("skipped:")) == sum(
            v for k, v in counts.items() if k.startswith("skipped:")
        )


def test_time_budget_skips_a_slow_page(monkeypatch, tmp_path):
    import time

    import diemtin.pipeline as pipeline

    def slow(page, settings):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "extract", slow)
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(EXAMPLES)], store, Settings(workers=1, time_budget=0.2))
    assert report.counts["skipped:timeout"] == 2


def _records(n: int, seed: int, **fields: object) -> list[dict]:
    rng = random.Random(seed)
    return [
        {"id": f"{seed}-{i}", "title": f"Bản tin {seed}-{i}", "body": fake_article(rng)} | fields
        for i in range(n)
    ]


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_gzipped_jsonl_is_read_and_a_broken_gzip_is_a_skip(tmp_path):
    """Crawlers ship ``.jsonl.gz``: it is read through; a corrupt or cut gzip ends in a
    ``bad_gzip`` skip after the records before the damage, never in a crash of the run."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl.gz").write_bytes(gzip.compress(_jsonl(_records(3, 1))))
    cut = gzip.compress(_jsonl(_records(40, 2)))
    (inbox / "b.jsonl.gz").write_bytes(cut[: len(cut) * 2 // 3])
    (inbox / "c.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" * 100)  # a gzip header, then junk
    (inbox / "d.txt.gz").write_bytes(gzip.compress(gzip.compress(b"twice")))
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(inbox)], store, Settings(workers=1))
        again = ingest([str(inbox)], store, Settings(workers=1))
    counts = report.counts
    assert counts["stored"] >= 3 + 20  # all of a, the part of b before the cut
    assert counts["skipped:bad_gzip"] == 2  # b's cut, c's junk
    assert counts["skipped:unsupported"] == 1  # gzip inside gzip
    assert again.counts["unchanged"] == report.processed  # a re-run redoes nothing


def test_text_no_utf8_can_hold_is_cleaned_not_fatal(tmp_path):
    """A lone surrogate escaped in JSON ("\\ud800") and a file name that is not UTF-8 once
    stopped the whole run at the store; now the article and the file are stored."""
    records = _records(2, 3)
    records[0]["body"] += " \ud800 hết."
    records[1]["title"] = "Bản tin \udfff"
    (tmp_path / "s.jsonl").write_bytes(
        "".join(json.dumps(r) + "\n" for r in records).encode()  # ASCII escapes
    )
    odd = tmp_path / os.fsdecode(b"b\xe1o.txt")  # Latin-1 "á": not UTF-8
    shutil.copy(EXAMPLES / "004_603e59300321139f.txt", odd)
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(tmp_path / "s.jsonl"), str(odd)], store, Settings(workers=1))
        assert report.counts["stored"] == 3
        rows = store.conn.execute("SELECT source, title, body FROM articles").fetchall()
    assert not any(0xD800 <= ord(c) <= 0xDFFF for row in rows for c in "".join(row))
    assert any(row[0].endswith("b\ufffdo.txt") for row in rows)
    assert any(row[2].endswith("hết.") for row in rows)


def test_an_endless_jsonl_line_is_a_skip_and_the_next_line_is_read(tmp_path):
    records = _records(2, 4)
    records[0]["body"] = "Rất dài. " * 200_000  # 1.8 MB on one line
    (tmp_path / "l.jsonl").write_bytes(_jsonl(records))
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(tmp_path / "l.jsonl")], store, Settings(workers=1, max_bytes=100_000))
    assert report.counts["skipped:too_large"] == 1
    assert report.counts["stored"] == 1


def test_impossible_publish_times_are_dropped():
    from diemtin.extract import _iso

    assert _iso("2021-02-30T10:00") is None  # no such day
    assert _iso("2021-13-01") is None
    assert _iso("0001-01-01T00:00:00") is None  # exporters' "unknown"
    assert _iso("9999-12-31T23:59:59") is None
    assert _iso("2021-05-15T25:00") == "2021-05-15"  # the day stands, the time does not
    assert _iso("2021-05-15 06:45") == "2021-05-15T06:45"
    assert _iso("31/12/2020") == "2020-12-31"


def test_publish_times_are_stored_on_vietnams_clock():
    """A feed's UTC time and a page's +07:00 time of one moment are one stored time; before,
    the offset was dropped and a watched article stood seven hours early."""
    from diemtin.extract import _iso

    same = ["2021-05-15T06:45:00+07:00", "2021-05-14T23:45:00Z", "2021-05-14T23:45:00+00:00"]
    assert {_iso(v) for v in same} == {"2021-05-15T06:45:00"}
    assert _iso("2021-05-14T18:45:00.250-05:00") == "2021-05-15T06:45:00"
    assert _iso("2021-05-14T23:45Z") == "2021-05-15T06:45"
    assert _iso("2021-12-31T20:00:00 GMT") == "2022-01-01T03:00:00"
    assert _iso("2021-05-15T06:45") == "2021-05-15T06:45"  # no offset: Vietnam's already
    assert _iso("2021-05-15T06:45:00+25:00") == "2021-05-15T06:45:00"  # no real offset


def test_a_page_dated_after_it_was_stored_does_not_move_the_front_page_clock(tmp_path):
    """The front page ranks by freshness from "now", the newest publish time; one page
    dated decades ahead (a typo, a bad time zone) must not become "now" and hide the rest."""
    records = [
        {"title": title, "body": body * 4, "published": "2024-03-01T08:00"}
        for title, body in [
            ("Giá vàng tăng", "Giá vàng miếng trong nước tăng mạnh theo đà thế giới. "),
            ("Mưa lớn ở Huế", "Mưa lớn kéo dài khiến nhiều tuyến phố ở Huế ngập sâu. "),
            ("Khai mạc hội chợ", "Hội chợ nông sản khai mạc tại công viên Thống Nhất. "),
        ]
    ]
    records[2]["published"] = "2090-01-01T00:00"
    (tmp_path / "f.jsonl").write_bytes(_jsonl(records))
    with Store(tmp_path / "t.db") as store:
        ingest([str(tmp_path / "f.jsonl")], store, Settings(workers=1))
        assert store.newest_published() == "2024-03-01T08:00:00"
        assert [s["title"] for s in store.top_stories()] == ["Mưa lớn ở Huế", "Giá vàng tăng"]


def test_jsonl_of_raw_pages_longer_than_the_sniffed_head_is_still_jsonl(tmp_path):
    """Real pages run to hundreds of KB, so a JSONL of ``html`` records has a first line far
    longer than the 8 KB a format is sniffed from; it was once taken for one text page."""
    rng = random.Random(6)
    lines = []
    for i in range(2):
        page = article_html(f"Bản tin dài {i}", fake_article(rng), "2024-03-01T08:00", "a.vn")
        padded = page.replace(b"<head>", b"<head><script>" + b"var x = 1;" * 3000 + b"</script>")
        lines.append({"id": str(i), "url": f"https://a.vn/{i}", "html": padded.decode()})
    (tmp_path / "p.jsonl").write_bytes(_jsonl(lines))
    assert len(_jsonl(lines[:1])) > 30_000
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(tmp_path / "p.jsonl")], store, Settings(workers=1))
    assert report.counts["stored"] == 2
    assert sniff(b'{"html": "<html>' + b"x" * 9000) == "jsonl"
    assert sniff(b"{{ a template, not JSON }}\nline two") == "page"


def test_a_fifo_and_a_link_loop_in_a_folder_are_skips_not_a_hang(tmp_path):
    """Opening a named pipe waits for a writer that never comes; a link to itself cannot
    be opened. Both are recorded as unreadable, named alone or found in a folder."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES / "004_603e59300321139f.txt", inbox / "a.txt")
    os.mkfifo(inbox / "pipe")
    (inbox / "loop").symlink_to(inbox / "loop")
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(inbox)], store, Settings(workers=1))
        alone = ingest([str(inbox / "pipe"), str(inbox / "loop")], store, Settings(workers=1))
    assert report.counts["stored"] == 1 and report.counts["skipped:unreadable"] == 2
    assert alone.counts["unchanged"] == 2  # the same inputs, the same skips


def test_long_runs_of_one_pattern_are_read_in_linear_time():
    # Each of these took from tens of seconds to minutes (a pattern rescanning a run from
    # each of its positions); quadratic again, they would exceed the page's time budget.
    from diemtin.model import Page
    from diemtin.pipeline import Skip, process_page
    from diemtin.stories.digest import Source, story_digest

    settings = Settings()
    pages = [
        Page("a.txt", "1", "dump", ("1." * 100_000).encode()),  # the outlet's site name
        Page("b.jsonl", "1", "body", None, "Nguyễn " * 30_000, title="Nguyễn"),  # a name run
        Page("c.jsonl", "1", "body", None, "Hết" + "." * 50_000 + " Sau đó.", title="Hết"),
    ]
    for page in pages:
        result = process_page(page, settings)
        assert not (isinstance(result, Skip) and result.reason == "timeout"), page.source
        if not isinstance(result, Skip):
            assert story_digest([Source(result.title, result.body)])["summary"] is not None
