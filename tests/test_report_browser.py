"""The report in a real headless browser: Debian's chromium driven by Selenium.

Uses /usr/bin/chromium and /usr/bin/chromedriver (Debian packages ``chromium`` and
``chromium-driver``); nothing is downloaded. Checks what only a browser can: the page loads
from disk with no console errors (a CSP violation or a missing stylesheet would log one), the
scorecard shows every target, Chinese text is drawn with a real CJK font (no tofu boxes), and
hostile document text runs nothing. A screenshot is saved under ``reports/`` for people to look
at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.paths import REPORTS_DIR
from pipelines.report.build import build_report
from tests.report_helpers import SCRIPT, hostile_copy

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
CJK_FAMILIES = ("Noto Sans CJK", "Noto Serif CJK", "Noto Sans SC", "Source Han", "WenQuanYi")

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium: apt-get install chromium chromium-driver fonts-noto-cjk",
    ),
    pytest.mark.skipif(
        not CHROMEDRIVER.exists(),
        reason="no chromedriver: apt-get install chromium-driver",
    ),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium (dev extra)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--force-device-scale-factor=1",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report(warehouse, tmp_path_factory.mktemp("browser_report")).index


def _open(driver, page: Path) -> list[dict]:
    """Load ``page`` from disk; the console messages it logged."""
    driver.get_log("browser")  # drop anything from the previous page
    driver.get(page.resolve().as_uri())
    driver.execute_script("return document.fonts.ready.then(() => true)")
    return driver.get_log("browser")


def _platform_fonts(driver, selector: str) -> list[dict]:
    """The fonts Chromium actually drew ``selector``'s text with (DevTools CSS domain)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})
    assert node["nodeId"], f"nothing matches {selector}"
    return driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})[
        "fonts"
    ]


def test_loads_without_console_errors(browser, report: Path) -> None:
    messages = _open(browser, report)
    errors = [m for m in messages if m["level"] in {"SEVERE", "ERROR"}]
    assert errors == []
    assert "质量状况报告" in browser.title
    # The stylesheet loaded (CSP allows 'self'): the masthead is dark, not the default white.
    background = browser.execute_script(
        "return getComputedStyle(document.querySelector('.masthead')).backgroundColor"
    )
    assert background == "rgb(23, 50, 77)"


def test_scorecard_lists_every_target(browser, report: Path, warehouse: Path) -> None:
    _open(browser, report)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM v_target_scorecard").fetchone()[0]
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#scorecard-table tr.target'))"
        ".filter(r => r.getClientRects().length > 0).length"
    )
    assert rows == expected > 0


def test_chinese_text_renders_with_a_cjk_font(browser, report: Path) -> None:
    _open(browser, report)
    # The fonts Chromium really used (a missing CJK font shows up here as a fallback with no
    # CJK glyphs, i.e. tofu boxes), for HTML text and for the SVG chart labels.
    for selector in ("h1", "#scorecard-table tbody tr.target td:nth-child(2)", "svg.chart text"):
        fonts = _platform_fonts(browser, selector)
        cjk = [f for f in fonts if any(name in f["familyName"] for name in CJK_FAMILIES)]
        assert cjk, f"{selector} drawn with {fonts}, no CJK font"
        assert sum(f["glyphCount"] for f in cjk) > 0


def test_screenshot_is_saved_and_not_blank(browser, report: Path) -> None:
    from PIL import Image

    _open(browser, report)
    REPORTS_DIR.mkdir(parents=True, exist_ok=True)
    target = REPORTS_DIR / "report_screenshot.png"
    assert browser.save_screenshot(str(target))
    with Image.open(target) as image:
        assert image.size[0] >= 1000
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50


def test_hostile_document_text_runs_nothing(
    browser, warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("hostile_browser")
    page = build_report(hostile_copy(warehouse, root / "h.duckdb"), root / "report").index
    messages = _open(browser, page)
    assert [m for m in messages if m["level"] in {"SEVERE", "ERROR"}] == []
    # Hover every element that carries hostile text, so an injected onmouseover would fire.
    state = browser.execute_script(
        """
        for (const el of document.querySelectorAll('*')) {
            el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        }
        return {
            pwned: window.__pwned === undefined ? null : window.__pwned,
            title: document.title,
            scripts: document.scripts.length,
            images: document.images.length,
            handlers: Array.from(document.querySelectorAll('*'))
                .flatMap(el => Array.from(el.attributes).map(a => a.name))
                .filter(name => name.startsWith('on')).length,
            text: document.body.innerText,
        };
        """
    )
    assert state["pwned"] is None
    assert "pwned" not in state["title"]
    assert state["scripts"] == 0
    assert state["images"] == 0
    assert state["handlers"] == 0
    assert SCRIPT in state["text"]  # the reader sees the text as printed
