"""Shared fixtures: paths to the bundled samples and to ../shared data (present in CI)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def strict_settings():
    from diemtin.config import Settings

    return Settings(errors="raise", workers=1)


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None):
    """Run the real ``diemtin`` command in a subprocess, as a user would."""
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "diemtin", *args],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        timeout=300,
    )
