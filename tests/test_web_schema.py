"""Schemathesis against the OpenAPI document: generated requests for every API operation
must get a documented status and a body matching the documented schema, never a 500."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from web_store import build_store  # noqa: E402


def _app():
    from diemtin.web.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="diemtin-schema-"))
    atexit.register(shutil.rmtree, folder, True)
    return create_app(str(build_store(folder)), token="t0ken")


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value) -> bytes:
    """The ingest body: generated text as it is; anything else (negative cases) as JSON."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return json.dumps(value).encode()


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # With the token, so that generated bodies go through the real ingest pipeline.
    case.call_and_validate(headers={"Authorization": "Bearer t0ken"})
