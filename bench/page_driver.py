"""The investigator's page as a person uses it, through Playwright: the browser tests, the
screenshots in docs/ and the page benchmark all drive it through this one class."""

from __future__ import annotations

from playwright.sync_api import Page


class InvestigatorPage:
    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, timeout_ms: float = 30_000) -> None:
        """Load the page and wait until the network is drawn (``body[data-ready]``)."""
        self.page.goto(self.base + "/")
        self.page.wait_for_selector("body[data-ready=network]", timeout=timeout_ms)

    def ask(self, source: str, target: str, max_hops: int = 1) -> None:
        self.page.fill("input[name=from]", source)
        self.page.fill("input[name=to]", target)
        self.page.select_option("select[name=max_hops]", str(max_hops))
        self.page.click("#go")
        self.page.wait_for_selector("#view-path[data-answer]", state="attached")

    def filter(self, name: str, value: str, timeout_ms: float = 30_000) -> None:
        """Choose ``value`` in the network filter ``name`` and wait until it is redrawn."""
        self.page.evaluate("() => { document.body.dataset.ready = ''; }")
        self.page.select_option(f"select[name={name}]", value)
        self.page.wait_for_selector("body[data-ready=network]", timeout=timeout_ms)

    def edges(self) -> dict[str, int]:
        """The network's edges, ``supplier->recipient``: number of transfers."""
        found = self.page.evaluate(
            "() => Object.fromEntries(state.cy.edges().map(e => [e.id(), e.data('events')]))"
        )
        return dict(found)

    def has_edge(self, supplier: str, recipient: str) -> bool:
        found = self.page.evaluate(
            "id => state.cy.getElementById(id).nonempty()", f"{supplier}->{recipient}"
        )
        return bool(found)

    def click_edge(self, supplier: str, recipient: str) -> None:
        """A real mouse click on the edge's midpoint, where a person would click."""
        self.view("network")
        point = self.page.evaluate(
            "id => state.cy.getElementById(id).renderedMidpoint()", f"{supplier}->{recipient}"
        )
        box = self.page.locator("#cy").bounding_box()
        assert box is not None, "the network is not on the page"
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def click_listed_edge(self, supplier: str, recipient: str) -> None:
        """A click on the edge's button under the network (the busiest 8 pairs): in a dense
        network the canvas midpoint of an edge may lie under another edge."""
        self.view("network")
        self.page.click(f"#edge-list button[data-s={supplier}][data-r={recipient}]")

    def wait_for_evidence(self, supplier: str, recipient: str, timeout_ms: float = 30_000) -> None:
        self.page.wait_for_function(
            "pair => state.pair && state.pair.join('->') === pair"
            " && document.querySelector('#evidence .transfer')",
            arg=f"{supplier}->{recipient}",
            timeout=timeout_ms,
        )

    def view(self, name: str) -> None:
        self.page.click(f"#views button[data-view={name}]")
        self.page.wait_for_selector(f"#view-{name}:not([hidden])")
