"""The HTML report in a real headless browser (Debian chromium, driven by Playwright).

Skipped when no chromium is installed, unless ZHIBIAO_REQUIRE_BROWSER=1 (set by .ci/run), which
turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import scorer
from scorer.report.html_report import write_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM:
    if os.environ.get("ZHIBIAO_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is required (ZHIBIAO_REQUIRE_BROWSER=1) but not installed", pytrace=False)
    pytest.skip("chromium not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture(scope="module")
def report_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(scorer.score(ROOT / "samples"), path)
    return path


@pytest.mark.slow
def test_report_in_headless_chromium(report_path, tmp_path):
    from playwright.sync_api import sync_playwright

    console_errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1600})
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console_errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report_path.as_uri())
        page.wait_for_load_state("load")

        assert page.locator("#ranking-table tbody tr").count() == 56
        first = page.locator("#ranking-table tbody tr").first.inner_text()
        assert "选举、任免工作经费" in first
        assert page.locator("#ranking-table").is_visible()

        page.fill("#search", "订阅杂志价格")
        card = page.locator("details.project:not(.hidden)").first
        assert "视察议政业务费" in card.locator("summary").inner_text()
        reason = card.locator("tr.indicator.error:not(.hidden) td.reason").first
        assert reason.is_visible() and "要求多花钱" in reason.inner_text()

        page.click("#ranking-table th:nth-child(7)")  # sort by score, ascending
        assert "视察议政业务费" in page.locator("#ranking-table tbody tr").first.inner_text()

        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert console_errors == []
    assert all(url.startswith("file://") for url in requests), requests
