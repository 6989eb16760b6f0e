"""The Browser guide, opened in Neo4j Browser in real Chromium (Debian's, driven by Playwright),
served by the real API; one of its queries runs with one click against the real data in the
shared local Neo4j (whose neo4j.conf whitelists 127.0.0.1 for guides)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from neo4j import GraphDatabase
from playwright.sync_api import Page

from armsgraph.core.dataset import Dataset
from armsgraph.graph.browser_guide import GUIDE_PATH, guide_html, saved_queries
from armsgraph.graph.neo4j_server import Neo4jServerConfig, status
from tests.support.browser import api_serving
from tests.support.stores import NEO4J_AUTH, NEO4J_URI

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def api_url(real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API over the shared Neo4j, holding the real data."""
    with api_serving("neo4j", real_dataset, tmp_path_factory.mktemp("guide")) as url:
        yield url


def test_the_guide_has_one_runnable_slide_per_saved_query() -> None:
    queries = saved_queries()
    page = guide_html()
    assert len(queries) >= 5
    assert page.count("<slide") == len(queries) + 2  # an introduction and a last word
    assert page.count('class="pre-scrollable code runnable"') == len(queries) + 1  # + :style
    for query in queries:
        assert query.title.replace("&", "&amp;").replace(">", "&gt;") in page


def test_the_api_serves_the_guide_to_another_origin(api_url: str) -> None:
    origin = {"Origin": "http://127.0.0.1:7474"}
    asked = httpx.options(
        api_url + GUIDE_PATH,
        headers={**origin, "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "cache-control,pragma"},
    )  # fmt: skip
    assert asked.status_code == 204 and asked.headers["access-control-allow-origin"] == "*"
    got = httpx.get(api_url + GUIDE_PATH, headers=origin)
    assert got.status_code == 200 and got.headers["access-control-allow-origin"] == "*"
    assert got.text == guide_html()


def _rows(cypher: str) -> int:
    with GraphDatabase.driver(NEO4J_URI, auth=NEO4J_AUTH) as driver:
        records, _, _ = driver.execute_query(cypher)
    return len(records)


def test_the_guide_runs_a_saved_query_in_neo4j_browser(api_url: str, browser_page: Page) -> None:
    server = status(Neo4jServerConfig())
    assert server.running, "the shared local Neo4j (`armsgraph neo4j start`) must be up"
    conf = (Neo4jServerConfig().conf_dir / "neo4j.conf").read_text()
    assert "browser.remote_content_hostname_whitelist=" in conf and "127.0.0.1" in conf, (
        "restart the local server (`armsgraph neo4j stop && armsgraph neo4j start`): its "
        "neo4j.conf predates the guide whitelist"
    )
    page = browser_page
    bolt = server.bolt_uri
    page.goto(f"{server.http_url}/browser/?dbms={bolt}&preselectAuthMethod=NO_AUTH")
    page.get_by_text("You have a working connection").wait_for(timeout=90_000)
    page.locator(".monaco-editor").first.click()
    page.keyboard.type(f":guide {api_url}{GUIDE_PATH}")
    page.keyboard.press("Control+Enter")
    drawer = page.get_by_test_id("guidesDrawer")
    drawer.get_by_text("armsgraph: arms transfers with their sources").first.wait_for()

    first = saved_queries()[0]  # DPRK -> Russia
    drawer.get_by_test_id("guideNextSlide").click()
    drawer.locator("h3", has_text=first.title).wait_for()
    drawer.locator("pre.runnable i.fa-play-circle-o").first.click()  # the one click

    frame = page.get_by_test_id("frame").filter(
        has=page.get_by_test_id("frameCommand").filter(has_text="MATCH (supplier:State")
    )
    status_bar = frame.first.get_by_test_id("frameStatusbar")
    frame.first.get_by_text("Table", exact=True).click(timeout=60_000)  # the graph has drawn
    status_bar.filter(has_text="Started streaming").wait_for(timeout=60_000)
    streamed = re.search(r"Started streaming (\d+) record", status_bar.inner_text())
    assert streamed, status_bar.inner_text()
    expected = _rows(first.cypher)
    assert expected > 0
    assert int(streamed.group(1)) == expected
