"""The HTML report in a real headless browser (Debian chromium, driven by Playwright).

Skipped when no chromium is installed, unless ZHIBIAO_REQUIRE_BROWSER=1 (set by .ci/run), which
turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import scorer
from scorer.report.html_report import write_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM:
    if os.environ.get("ZHIBIAO_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is required (ZHIBIAO_REQUIRE_BROWSER=1) but not installed", pytrace=False)
    pytest.skip("chromium not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture(scope="module")
def report_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(scorer.score(ROOT / "samples"), path)
    return path


def _open(playwright, report_path: Path, width: int, problems: list[str], requests: list[str]):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_path.as_uri())
    page.wait_for_load_state("load")
    return browser, page


@pytest.mark.slow
def test_point9_report_in_headless_chromium(report_path, tmp_path):
    """Worst first, a ranking link opens its card, search finds projects, codes and categories, nothing
    runs off a 400 px screen, print puts one project a page; screenshots at 1300 and 400 px."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, report_path, 1300, problems, requests)
        ranking = page.locator("#ranking-table tbody tr")
        assert ranking.count() == 56
        scores = [
            float(v)
            for v in page.eval_on_selector_all(
                "#ranking-table tbody tr td:nth-child(8)", "cells => cells.map(c => c.textContent)"
            )
        ]
        assert scores == sorted(scores) and scores[0] < scores[-1]  # worst first
        first = ranking.first.inner_text()
        assert "视察议政业务费" in first and "承德市人民代表大会常务委员会办公室" in first and "2024" in first
        cards = page.locator("details.project summary")
        assert "视察议政业务费" in cards.first.inner_text()

        link = page.locator("#ranking-table tbody tr").nth(10).locator("a")
        target = link.get_attribute("href")[1:]
        assert page.locator(f"details#{target}").get_attribute("open") is None
        link.click()
        assert page.locator(f"details#{target}").get_attribute("open") is not None
        assert page.locator(f"details#{target} table").is_visible()

        page.fill("#search", "订阅杂志价格")
        card = page.locator("details.project:not(.hidden)").first
        assert "视察议政业务费" in card.locator("summary").inner_text()
        reason = card.locator("tr.indicator.error:not(.hidden) td.reason").first
        assert reason.is_visible() and "要求多花钱" in reason.inner_text()

        for term, expected in (("视察议政", "视察议政业务费"), ("L101", None), ("含糊", None), ("vague", None)):
            page.fill("#search", term)
            shown = page.locator("details.project:not(.hidden)")
            assert shown.count() > 0, term
            if expected:
                assert expected in shown.first.locator("summary").inner_text()
            assert page.locator("#ranking-table tbody tr:not(.hidden)").count() == shown.count(), term
        page.fill("#search", "V001")
        with_code = page.locator("details.project:not(.hidden)").count()
        page.fill("#search", "没有这样的东西")
        assert page.locator("details.project:not(.hidden)").count() == 0 and with_code > 0
        page.fill("#search", "")

        page.click("#ranking-table th:nth-child(8)")  # sort by score: ascending, then again descending
        page.click("#ranking-table th:nth-child(8)")
        assert "视察议政业务费" not in page.locator("#ranking-table tbody tr").first.inner_text()
        wide = tmp_path / "report-1300.png"
        page.screenshot(path=str(wide), full_page=False)

        page.emulate_media(media="print")
        breaks = page.eval_on_selector_all("details.project", "cards => cards.map(c => getComputedStyle(c).breakBefore)")
        assert set(breaks) == {"page"}
        assert not page.locator("#ranking").is_visible() and not page.locator("#search").is_visible()
        browser.close()

        browser, page = _open(playwright, report_path, 400, problems, requests)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page runs {overflow}px off a 400px screen"
        page.locator("details.project summary").first.click()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"an open card runs {overflow}px off a 400px screen"
        narrow = tmp_path / "report-400.png"
        page.screenshot(path=str(narrow), full_page=False)
        browser.close()
    print(f"screenshots: {wide} {narrow}")
    assert wide.stat().st_size > 10_000 and narrow.stat().st_size > 5_000
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests


def test_point9_printed_report_gives_each_project_its_own_page(tmp_path):
    import logging
    import re

    import pdfplumber
    from playwright.sync_api import sync_playwright

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    seed = ROOT / "samples" / "003_e894add5ed61165e.txt"
    result = scorer.score(seed, use_model=False)
    path = tmp_path / "report.html"
    write_html(result, path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
        page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
        browser.close()
    with pdfplumber.open(tmp_path / "report.pdf") as pdf:
        tops = ["".join((p.extract_text() or "").split())[:80] for p in pdf.pages]
    # each project starts a page, worst first, its summary line (name, unit, score) at the top
    scores = [f"{score:.1f}分" for score in sorted(result.projects["score"])]
    assert tops[0].startswith("概况") and len(tops) == 1 + len(scores)
    assert [re.search(r"\d+\.\d分", top)[0] for top in tops[1:]] == scores


@pytest.mark.slow
def test_point8_search_count_speaks_the_language_of_the_report(tmp_path):
    """The count under the search box is filled in by the page's script from the report's own words."""
    from playwright.sync_api import sync_playwright

    from scorer.messages import set_language

    result = scorer.score(ROOT / "samples" / "003_e894add5ed61165e.txt", use_model=False)
    counts = {}
    with sync_playwright() as playwright:
        for language in ("en", "zh"):
            set_language(language)
            path = tmp_path / f"report-{language}.html"
            write_html(result, path)
            problems: list[str] = []
            browser, page = _open(playwright, path, 1300, problems, [])
            page.fill("#search", "V001")
            counts[language] = page.locator("#search-count").inner_text()
            browser.close()
            assert problems == [], problems
    set_language("zh")
    assert re.fullmatch(r"[1-9]\d* projects, [1-9]\d* indicators found", counts["en"]), counts
    assert re.fullmatch(r"找到 [1-9]\d* 个项目，[1-9]\d* 条指标", counts["zh"]), counts
