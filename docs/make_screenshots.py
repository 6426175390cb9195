"""Screenshots of the reader for the README, built from the bundled samples only.

    python docs/make_screenshots.py   # needs the test extra and Debian's chromium

Ingests ``examples/`` into a temporary store, serves it, and saves the front page and the
story page at desktop and phone widths into ``docs/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from diemtin.config import Settings
    from diemtin.pipeline import ingest
    from diemtin.store.sqlite import Store
    from diemtin.web.app import create_app

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.db"
        with Store(db) as store:
            ingest([str(ROOT / "examples")], store, Settings(db=str(db)))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for name, width, height in [("desktop", 1200, 800), ("phone", 390, 844)]:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + "/")
                page.screenshot(path=str(out / f"front-{name}.png"), full_page=True)
                page.locator("section.stories article h2 a").first.click()
                page.wait_for_url("**/story/*")
                page.screenshot(path=str(out / f"story-{name}.png"), full_page=True)
                page.close()
            browser.close()
        server.should_exit = True
    print("\n".join(str(p.relative_to(ROOT)) for p in sorted(out.glob("*.png"))))


if __name__ == "__main__":
    main()
