"""Settings, defined once: defaults < diemtin.toml < DIEMTIN_* environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of the pipeline. The README's settings table is checked against this."""

    db: str = "diemtin.db"  # the SQLite store
    workers: int = 0  # processes for the per-document steps; 0 = one per core
    batch_size: int = 200  # pages per store transaction (the unit of resume)
    digest_every: int = 2000  # changed stories whose digests are refreshed at once (and at the end)
    max_bytes: int = 5_000_000  # larger inputs are skipped as too_large
    time_budget: float = 10.0  # seconds of extraction per document before it is skipped
    min_body_chars: int = 200  # shorter bodies are skipped as empty_body
    min_vietnamese: float = 0.3  # language score below which a page is not_vietnamese
    near_duplicate: float = 0.7  # MinHash Jaccard at or above which a body is a near-duplicate
    shingle_size: int = 3  # syllables per shingle for near-duplicate detection
    num_perm: int = 128  # MinHash permutations (16 bands x 8 rows)
    query_timeout: float = 2.0  # seconds a search query may run
    errors: str = "skip"  # "skip": bad pages become counted skips; "raise": fail loudly (tests)
    feed_interval: float = 300.0  # seconds between two polls of the feeds (diemtin watch)
    host_delay: float = 1.0  # seconds between two requests to one host (longer if robots.txt asks)
    host_connections: int = 2  # requests at once to one host
    fetch_timeout: float = 20.0  # seconds an HTTP request may take
    fetch_retries: int = 3  # attempts for network errors, 429 and 5xx, with doubling backoff
    user_agent: str = "diemtin/0.1 (Vietnamese news digest; +https://github.com/diemtin/diemtin)"


ENV_PREFIX = "DIEMTIN_"


def _coerce(value: Any, like: Any) -> Any:
    if isinstance(like, bool):
        return str(value).lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    return str(value)


def load_settings(config_file: str | None = None, **overrides: Any) -> Settings:
    """Build Settings from the layers; unknown keys in the TOML file are an error."""
    settings = Settings()
    names = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    path = Path(config_file) if config_file else Path("diemtin.toml")
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data = data.get("diemtin", data)
        unknown = set(data) - set(names)
        if unknown:
            raise ValueError(f"unknown settings in {path}: {', '.join(sorted(unknown))}")
        settings = replace(settings, **{k: _coerce(v, names[k]) for k, v in data.items()})
    env = {
        name: _coerce(os.environ[ENV_PREFIX + name.upper()], default)
        for name, default in names.items()
        if ENV_PREFIX + name.upper() in os.environ
    }
    settings = replace(settings, **env)
    flags = {k: v for k, v in overrides.items() if v is not None and k in names}
    return replace(settings, **flags)
