"""The investigator's page in a real browser (Debian's Chromium through Playwright), served
by the real API over the embedded store holding the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from armsgraph.core.dataset import Dataset
from bench.page_driver import InvestigatorPage
from tests.support.browser import api_serving


@pytest.fixture(scope="module")
def base_url(real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with api_serving("embedded", real_dataset, tmp_path_factory.mktemp("browser")) as url:
        yield url


@pytest.fixture
def page(browser_page: Page, base_url: str) -> InvestigatorPage:
    driver = InvestigatorPage(browser_page, base_url)
    driver.open()
    return driver


def _corroboration(breach: dict[str, Any]) -> str:
    n, names = breach["independent_authorities"], breach["authorities"]
    if n > 1:
        return f"{n} independent authorities"
    return "one independent authority" if len(names) > 1 else f"{names[0]} only"


def test_ask_click_the_edge_and_read_its_evidence(page: InvestigatorPage) -> None:
    page.ask("Pyongyang", "Moscow")
    assert page.has_edge("PRK", "RUS")
    page.click_edge("PRK", "RUS")
    page.wait_for_evidence("PRK", "RUS")
    panel = page.page.locator("#evidence")
    assert "Democratic People's Republic of Korea" in panel.locator("h2").inner_text()
    quotes = panel.locator(".claim q").all_inner_texts()
    assert quotes and all(q.strip() for q in quotes)
    sources = panel.locator(".claim .source a")
    assert sources.count() > 0 and sources.first.get_attribute("href", timeout=5000)
    breaches = panel.locator(".breach").all_inner_texts()
    assert any("S/RES/1718 (2006)" in b for b in breaches)
    # each breach says how many independent authorities it rests on, as the API counts them
    answer = httpx.get(f"{page.base}/transfers", params={"supplier": "PRK", "recipient": "RUS"})
    counted = answer.json()["breaches"]
    shown = panel.locator(".breach[data-breach]")
    assert shown.count() > 0
    for i in range(shown.count()):
        ident = shown.nth(i).get_attribute("data-breach")
        assert ident in counted
        said = shown.nth(i).locator(".authorities").inner_text()
        assert _corroboration(counted[ident]) in said, (said, counted[ident])
    text = panel.inner_text()
    assert "_" not in text.replace("clm-", ""), "labels, not identifiers, on the page"
    assert not page.errors


def test_minimum_grade_filters_the_network_and_shows_the_grade(page: InvestigatorPage) -> None:
    everything = page.edges()
    assert len(everything) > 1
    # one bundled claim is graded (credibility 1: its source says another source confirms it)
    page.filter("min_credibility", "1")
    assert page.edges() == {"PRK->RUS": 1}
    page.click_edge("PRK", "RUS")
    page.wait_for_evidence("PRK", "RUS")
    panel = page.page.locator("#evidence")
    assert panel.locator(".transfer").count() == 1
    assert "graded credibility 1" in panel.locator(".claim").inner_text()
    assert "14,000 soldiers" in panel.locator(".claim q").inner_text()
    title = panel.locator("abbr.grade").get_attribute("title") or ""
    assert "confirmed by other sources" in title and "intelligence services" in title
    # no bundled claim has a reliability grade: ungraded claims never pass a minimum
    page.filter("min_reliability", "F")
    assert page.edges() == {}
    page.filter("min_reliability", "")
    page.filter("min_credibility", "")
    assert page.edges() == everything
    assert not page.errors


def test_conflicts_view_puts_the_container_figures_side_by_side(page: InvestigatorPage) -> None:
    page.click_edge("PRK", "RUS")
    page.wait_for_evidence("PRK", "RUS")
    page.view("conflicts")
    flow = page.page.locator("section[data-flow=prk-rus-munitions-containers]")
    rows = flow.locator("tbody tr")
    figures = set(flow.locator("td.figure").all_inner_texts()) - {"no figure given"}
    assert len(figures) >= 3, figures
    assert {"more than 20,000 containers", "more than 13,000 containers"} <= figures
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert cells[1].strip() and cells[4].strip(), "each figure names who said it and where"


def test_path_timeline_and_breach_views(page: InvestigatorPage) -> None:
    page.ask("Moscow", "Pyongyang")
    page.view("path")
    hops = page.page.locator("#view-path .hop")
    assert hops.count() > 0
    hops.first.click()
    page.page.wait_for_selector("#evidence .transfer .claim")
    page.click_edge("RUS", "PRK")
    page.wait_for_evidence("RUS", "PRK")
    page.view("timeline")
    assert page.page.locator("#view-timeline svg rect.bar").count() > 0
    page.view("breaches")
    page.page.wait_for_selector("#view-breaches tbody tr")
    provisions = page.page.locator("#view-breaches tbody tr summary").all_inner_texts()
    assert any(p.startswith("S/RES/2397 (2017)") for p in provisions)
    page.page.locator("#view-breaches tbody tr summary").first.click()
    said = page.page.locator("#view-breaches details[open] .breach .authorities").all_inner_texts()
    assert said and all("independent authorit" in s or " only" in s for s in said), said
    assert not page.errors


def test_the_page_loads_nothing_from_elsewhere(browser_page: Page, base_url: str) -> None:
    requested: list[str] = []
    browser_page.on("request", lambda r: requested.append(r.url))
    InvestigatorPage(browser_page, base_url).open()
    assert requested and all(u.startswith(base_url) or u.startswith("data:") for u in requested)


def test_vendored_javascript_matches_the_npm_lock() -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "web" / "vendor.py"
    spec = importlib.util.spec_from_file_location("vendor", script)
    assert spec and spec.loader
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    assert vendor.check() == []
