"""The reader in a real browser: headless Chromium (Debian's package) driven by Playwright.
Opens the front page, follows a story, searches without diacritics, checks that no script
from a hostile page ever runs, and saves screenshots (phone and desktop widths) to
``$DIEMTIN_SCREENSHOTS`` or the test's temporary folder."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_store import build_store

CHROMIUM = next(
    (
        p
        for p in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium")
        if p and Path(p).exists()
    ),
    None,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from diemtin.web.app import create_app

    db = build_store(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("no chromium here; install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DIEMTIN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return context, page, dialogs, errors


@pytest.mark.parametrize("width,height,name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_read_follow_a_story_and_search(server, browser, shots, width, height, name):
    context, page, dialogs, errors = _page(browser, width, height)
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.title().startswith("Trang chủ")
    top = page.locator("section.stories article").first
    assert "Ngoại trưởng Nga và Mỹ" in top.inner_text()
    assert "2 báo đưa tin" in top.inner_text()
    # The stylesheet loaded (CSP allows our own file): the brand is coloured, not default.
    colour = page.locator(".brand").evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(179, 38, 30)"
    page.screenshot(path=str(shots / f"front-{name}.png"), full_page=True)

    top.locator("h2 a").click()
    page.wait_for_url("**/story/*")
    assert "Reykjavik" in page.locator("p.summary").inner_text()
    assert page.locator("ol.timeline li").count() == 2
    names = page.locator("ul.entities a").all_inner_texts()
    assert {"Antony Blinken", "Sergei Lavrov", "Ned Price"} <= set(names)
    page.screenshot(path=str(shots / f"story-{name}.png"), full_page=True)

    page.get_by_role("link", name="Sergei Lavrov").click()
    page.wait_for_url("**/entity/*")
    assert page.locator("h1").inner_text().startswith("Sergei Lavrov")

    box = page.get_by_role("searchbox")
    box.fill("ngoai truong lavrov")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    marks = page.locator("mark").all_inner_texts()
    assert "Ngoại trưởng" in marks and "Lavrov" in marks
    assert page.locator("section.hit-group").count() == 1
    page.screenshot(path=str(shots / f"search-{name}.png"), full_page=True)

    # The hostile article: its script and handlers are text, never run.
    page.goto(server + "/search?q=cho+dong+xuan")
    page.locator("ul.hits a", has_text="<script>").first.click()
    page.wait_for_url("**/article/*")
    assert "<script>" in page.locator("h1").inner_text()  # shown, as text
    page.mouse.move(10, 10)
    page.screenshot(path=str(shots / f"article-{name}.png"), full_page=True)
    assert dialogs == [], f"a page script ran: {dialogs}"
    assert not [e for e in errors if "Content Security Policy" not in e], errors
    # No horizontal scrolling on a phone: the layout fits the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()
