"""Screenshots of the page's views for the README (docs/page-*.png), from the bundled data.

    python -m bench.page_screenshots

Serves the API over a fresh embedded store in a temporary folder and drives the page in
Debian's Chromium exactly as the browser tests do.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from armsgraph.api.app import create_app
from armsgraph.core.settings import Settings
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset
from armsgraph.ontology.rdf_store import RdfStore
from bench.browser import chromium, serve
from bench.page_driver import InvestigatorPage

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = RdfStore(Path(tmp) / "oxigraph")
        store.load(read_dataset([BUNDLED_DATA])[0])
        app = create_app(Settings(store="embedded", data_dir=Path(tmp)), store=store)
        with serve(app) as base, chromium(1400, 900) as browser:
            page = InvestigatorPage(browser.new_page(), base)
            page.open()
            page.ask("Pyongyang", "Moscow")
            page.click_edge("PRK", "RUS")
            page.wait_for_evidence("PRK", "RUS")
            shots = {"network": "network", "path": "path", "conflicts": "conflicts"}
            for view, name in shots.items():
                page.view(view)
                page.page.screenshot(path=DOCS / f"page-{name}.png")
            page.view("timeline")
            page.page.screenshot(path=DOCS / "page-timeline.png")
            page.view("breaches")
            page.page.wait_for_selector("#view-breaches tbody tr")
            page.page.locator("#view-breaches details").first.evaluate("d => d.open = true")
            page.page.screenshot(path=DOCS / "page-breaches.png")
            if page.errors:
                raise SystemExit(f"the page reported errors: {page.errors}")
        store.close()
    print(f"wrote {', '.join(f'page-{n}.png' for n in [*shots, 'timeline', 'breaches'])} in {DOCS}")


if __name__ == "__main__":
    main()
