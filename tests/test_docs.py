"""The README documents every setting, and its commands are the ones CI runs."""

from __future__ import annotations

from dataclasses import fields

from conftest import ROOT
from diemtin.config import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    for f in fields(Settings):
        assert f"`{f.name}`" in README, f"README lacks the setting {f.name}"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ".venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    assert test_command in README
    assert test_command in ci


def test_code_is_ruff_clean():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "diemtin", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
