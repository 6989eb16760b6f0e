"""For the tests that drive a browser: the real API serving a loaded store on loopback, and
a page of Debian's Chromium (``browser_page``, a fixture in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from bench.browser import chromium, serve
from tests.support.stores import loaded_store

if TYPE_CHECKING:
    from playwright.sync_api import Page


@contextmanager
def api_serving(kind: str, dataset: Dataset, tmp: Path) -> Iterator[str]:
    """The base URL of the API over a ``kind`` store holding ``dataset``."""
    with (
        loaded_store(kind, dataset, tmp) as store,
        serve(create_app(Settings(store=kind, data_dir=tmp), store=store)) as url,
    ):
        yield url


@contextmanager
def chromium_page() -> Iterator[Page]:
    with chromium() as context:
        yield context.new_page()
