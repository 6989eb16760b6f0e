"""A versioned write to the embedded store killed midway (SIGKILL) is atomic per source as seen
by anyone who opens the store next.

A child process (``killed_write``) loads a new version of one source, or removes one, and
kills itself right after its Nth write to Oxigraph: after its first write, halfway, and after
its last (before the ledger records it). Then, in real processes:

- the store holds a pending journal, and a SPARQL worker (read-only) refuses to answer;
- opening the store read-write rolls the change forward: everything a reader sees (counts,
  claims, events, breaches, the full N-Quads export) equals one clean load of the final files,
  and no source is left unfinished;
- a load of a *different* source after the kill ends as one clean load of all final files;
- a child killed again inside the roll-forward still leaves a store the next open completes;
- ``armsgraph serve`` started on the killed store answers with the final state;
- in a running process, a write that fails midway (an OSError from Oxigraph) is written
  again; failing twice, the store stops answering until it is reopened, which completes it.
"""

from __future__ import annotations

import gc
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from armsgraph.core.change import VersionedStore, versioned
from armsgraph.core.errors import StoreError
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.ontology.rdf_journal import pending_in
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.sparql_workers import SparqlWorkers
from armsgraph.ontology.terms import AGT
from tests.support.api_process import serve_process
from tests.support.documents import assert_documents_exact
from tests.support.stores import free_ports
from tests.versions.killed_write import FaultyStore
from tests.versions.versions_support import (
    breach_statement,
    missiles,
    petroleum,
    read,
    source,
    store_state,
    write_file,
)

ROOT = Path(__file__).resolve().parents[2]
COUNT_CLAIMS = f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{AGT.Claim.value}> }} }}"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two versions of source ``a`` (an edit, a retraction, an addition, a breach statement
    that loses its flow) and of source ``b``."""
    folder = tmp_path_factory.mktemp("files")
    a1 = [
        petroleum("RUS", 300_000, 2024, key="a.rus"),
        missiles("PRK", 20),
        breach_statement(),
        petroleum("CHN", 100_000, 2025),
    ]
    a2 = [
        petroleum("RUS", 450_000, 2024, key="a.rus"),
        petroleum("CHN", 100_000, 2025),
        petroleum("UKR", 300_000, 2024),
    ]
    return {
        "a1": write_file(folder / "v1", source("a"), a1),
        "a2": write_file(folder / "v2", source("a"), a2),
        "b1": write_file(folder / "v1", source("b"), [petroleum("CHN", 300_000, 2024)]),
        "b2": write_file(folder / "v2", source("b"), [missiles("PRK", 10)]),
    }


def _store(path: Path) -> VersionedStore:
    return versioned(RdfStore(path))


_CLEAN: dict[tuple[Path, ...], dict[str, Any]] = {}
_WRITE_COUNTS: dict[tuple[str, ...], int] = {}


def _clean_state(tmp: Path, *paths: Path) -> dict[str, Any]:
    """What one clean load of ``paths`` shows a reader (loaded once per set of files: the
    files and so the state never change within a run)."""
    if paths not in _CLEAN:
        store = _store(tmp)
        try:
            write_version(store, read(*paths))
            _CLEAN[paths] = store_state(store)
        finally:
            store.close()
    return _CLEAN[paths]


def _child(path: Path, kill_after: int, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tests.versions.killed_write", str(path), str(kill_after)]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]) -> Path:
    """A store that holds the first versions of both sources (copied for each case)."""
    path = tmp_path_factory.mktemp("before") / "oxigraph"
    store = _store(path)
    write_version(store, read(files["a1"], files["b1"]))
    store.close()
    return path


def _writes(before: Path, tmp: Path, *args: str) -> int:
    """How many Oxigraph writes the whole change makes (a child that is not killed; counted
    once per change, as ``before`` and the files stay the same for the whole module)."""
    if args not in _WRITE_COUNTS:
        shutil.copytree(before, tmp / "counted")
        done = _child(tmp / "counted", 0, *args)
        assert done.returncode == 0, done.stderr
        _WRITE_COUNTS[args] = int(done.stdout.split()[-1])
    return _WRITE_COUNTS[args]


def _killed(before: Path, tmp: Path, point: str, *args: str) -> Path:
    """A copy of ``before`` whose change was killed at ``point`` (first, half, last write)."""
    total = _writes(before, tmp, *args)
    assert total > 2
    kill_after = {"first": 1, "half": total // 2, "last": total}[point]
    path = tmp / "killed" / "oxigraph"  # as the server's data directory holds it
    shutil.copytree(before, path)
    done = _child(path, kill_after, *args)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert pending_in(path)
    return path


def _assert_finished(store: VersionedStore, path: Path) -> None:
    assert not pending_in(path)
    records = store.source_records().values()
    assert all(r.digest is not None or r.removed_at is not None for r in records)


def _assert_opens_finished(path: Path, clean: Path, *paths: Path) -> None:
    """Opening the store at ``path`` finishes the killed write: it then holds what one clean
    load of ``paths`` holds."""
    store = _store(path)
    try:
        _assert_finished(store, path)
        assert store_state(store) == _clean_state(clean, *paths)
        assert isinstance(store, RdfStore)
        assert_documents_exact(store)  # the roll-forward wrote those the write forgot
    finally:
        store.close()


@pytest.mark.parametrize("point", ["first", "half", "last"])
def test_killed_load_is_rolled_forward_when_the_store_opens(
    point: str, files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path = _killed(before, tmp_path, point, "load", str(files["a2"]))
    workers = SparqlWorkers(path, size=1)
    try:
        with pytest.raises(StoreError, match="did not finish"):
            workers.run(COUNT_CLAIMS, "application/sparql-results+json", 60)
    finally:
        workers.close()
    _assert_opens_finished(path, tmp_path / "clean", files["a2"], files["b1"])


@pytest.mark.parametrize("point", ["first", "last"])
def test_killed_removal_is_rolled_forward(
    point: str, files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path = _killed(before, tmp_path, point, "remove", "a")
    _assert_opens_finished(path, tmp_path / "clean", files["b1"])


def test_load_of_another_source_after_a_kill(
    files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path = _killed(before, tmp_path, "half", "load", str(files["a2"]))
    store = _store(path)
    try:
        write_version(store, read(files["b2"]))
        _assert_finished(store, path)
        expected = _clean_state(tmp_path / "clean", files["a2"], files["b2"])
        assert store_state(store) == expected
        remove_sources(store, ["b"])  # and the store goes on as usual
        assert store.counts() == _clean_state(tmp_path / "clean-a", files["a2"])["counts"]
    finally:
        store.close()


def test_killed_again_inside_the_roll_forward(
    files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path = _killed(before, tmp_path, "last", "load", str(files["a2"]))
    again = _child(path, 2, "open")
    assert again.returncode == -signal.SIGKILL, again.stderr
    assert pending_in(path)
    _assert_opens_finished(path, tmp_path / "clean", files["a2"], files["b1"])


def test_server_started_on_a_killed_store_serves_the_final_state(
    files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path = _killed(before, tmp_path, "half", "load", str(files["a2"]))
    expected = _clean_state(tmp_path / "clean", files["a2"], files["b1"])
    (port,) = free_ports(1)
    log = tmp_path / "serve.log"
    env = {"ARMSGRAPH_DATA_DIR": str(path.parent)}
    with serve_process(port, log, ["--store", "embedded"], env) as url:
        answer = httpx.get(f"{url}/sparql", params={"query": COUNT_CLAIMS}, timeout=60)
        assert answer.status_code == 200, answer.text
        count = json.loads(answer.text)["results"]["bindings"][0]["n"]["value"]
        assert int(count) == len(expected["claims"])
        assert "completing a versioned write" in log.read_text()


class _DiskFailure:
    """Raises OSError at its first ``times`` calls, then lets writes through."""

    def __init__(self, times: int) -> None:
        self.left = times

    def __call__(self) -> None:
        if self.left:
            self.left -= 1
            raise OSError(28, "No space left on device (test)")


def _failing_midway(before: Path, tmp: Path, load: Path, failures: int) -> tuple[Path, FaultyStore]:
    """A copy of ``before`` whose disk fails ``failures`` times halfway through loading ``load``."""
    total = _writes(before, tmp, "load", str(load))
    path = tmp / "store"
    shutil.copytree(before, path)
    return path, FaultyStore(path, total // 2, _DiskFailure(failures))


def test_write_failing_once_in_process_is_written_again(
    files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path, store = _failing_midway(before, tmp_path, files["a2"], failures=1)
    try:
        write_version(versioned(store), read(files["a2"]))
        _assert_finished(versioned(store), path)
        expected = _clean_state(tmp_path / "clean", files["a2"], files["b1"])
        assert store_state(versioned(store)) == expected
    finally:
        store.close()


def test_write_failing_twice_in_process_stops_answering_until_reopened(
    files: dict[str, Path], before: Path, tmp_path: Path
) -> None:
    path, store = _failing_midway(before, tmp_path, files["a2"], failures=2)
    try:
        with pytest.raises(OSError, match="No space left"):
            write_version(versioned(store), read(files["a2"]))
        assert pending_in(path)
        with pytest.raises(StoreError, match=r"write failed midway.*reopen the store"):
            store.counts()
        with pytest.raises(StoreError, match="reopen the store"):
            store.sparql(COUNT_CLAIMS, "application/sparql-results+json", 60)
    finally:
        store.close()
    gc.collect()  # the exception's frames held Oxigraph's handle, and so RocksDB's lock
    reopened = _store(path)
    try:
        _assert_finished(reopened, path)
        expected = _clean_state(tmp_path / "clean", files["a2"], files["b1"])
        assert store_state(reopened) == expected
    finally:
        reopened.close()
