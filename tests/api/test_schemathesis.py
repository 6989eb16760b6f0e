"""Property-based testing of the whole API with schemathesis, against a real server.

A bounded, deterministic run: the seed, the number of examples per operation and the
phases are fixed (``schemathesis.toml`` beside this file holds the seed and the few
per-operation allowances, each with its reason). Every check is on. The server is the
real app over real HTTP on loopback, on each store, loaded with the bundled data; the
run writes to it (POST /claims, DELETE /sources), so it has a store of its own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from tests.live import serving
from tests.support.datasets import API_KEY
from tests.support.stores import BACKENDS, backend_params, loaded_store

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 3  # per operation and phase; 22 operations: about 75 cases, 1-2 minutes a store
# Not `coverage`: it sends every boundary case the schema defines, whatever --max-examples
# says (2,144 cases, 10 minutes a store), past CI's time budget. Not `stateful`: it follows
# OpenAPI links, which the API has none of.
PHASES = "examples,fuzzing"


def schemathesis(base_url: str, work: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
        "run", f"{base_url}/openapi.json", "--checks", "all", "--phases", PHASES,
        "--max-examples", str(EXAMPLES), "--header", f"X-API-Key: {API_KEY}",
        "--report", "junit", "--report-dir", str(work / "report"),
    ]  # fmt: skip
    # In a folder of its own: schemathesis keeps a cache in the working directory.
    return subprocess.run(
        command, cwd=work, capture_output=True, text=True, timeout=900, check=False
    )


@pytest.mark.parametrize("kind", backend_params(BACKENDS))
def test_schemathesis_finds_no_failure(kind: str, real_dataset: Dataset, tmp_path: Path) -> None:
    settings = Settings(store=kind, api_key=SecretStr(API_KEY), query_timeout_s=5)
    with (
        loaded_store(kind, real_dataset, tmp_path / "store") as store,
        serving(create_app(settings, store=store)) as base_url,
    ):
        run = schemathesis(base_url, tmp_path)
    failures = run.stdout[run.stdout.find("FAILURES") :][-20_000:]
    assert run.returncode == 0, f"schemathesis on the {kind} store:\n{failures}\n{run.stderr}"
    # Every generated case passed (warnings, such as many 4xx for one operation, may remain).
    tally = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert tally and tally[1] == tally[2] and int(tally[1]) >= 50, run.stdout[-2000:]
