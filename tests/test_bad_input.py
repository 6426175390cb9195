"""Bad input is normal: each kind ends as a counted skip with a reason, never a crash, and
the good inputs beside it are stored."""

from __future__ import annotations

import os
import shutil

from conftest import EXAMPLES
from diemtin.config import Settings
from diemtin.pipeline import ingest
from diemtin.store.sqlite import Store
from helpers import write_warc_gz


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
