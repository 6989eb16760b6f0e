"""A partner validates the export with our shapes and nothing else: `armsgraph export`, then
the `pyshacl` command with only that file and ``ontology/shapes.ttl``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from armsgraph.api.cli import app
from armsgraph.ontology.rdf_export import (
    EXPORT_FORMATS,
    SHAPES_FILE,
    SHAPES_GRAPH,
    VOCABULARY_GRAPH,
)

PYSHACL = Path(sys.executable).parent / "pyshacl"


def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, *flags: str) -> Path:
    monkeypatch.setenv("ARMSGRAPH_DATA_DIR", str(tmp_path / "state"))
    target = tmp_path / f"export.{fmt}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(target), *flags])
    assert result.exit_code == 0, result.output
    return target


def pyshacl(export: Path) -> subprocess.CompletedProcess[str]:
    """The partner's command: the export and the shapes, no ontology, no inference (the
    file's format is told by its extension)."""
    assert PYSHACL.exists(), "pyshacl (a dev dependency) provides the `pyshacl` command"
    return subprocess.run(
        [str(PYSHACL), "-s", str(SHAPES_FILE), str(export)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["nt", "trig"])
def test_the_export_alone_conforms_to_the_shapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    report = pyshacl(exported(tmp_path, monkeypatch, fmt))
    assert report.returncode == 0, report.stdout[-3000:] + report.stderr[-2000:]
    assert "Conforms: True" in report.stdout


def test_without_the_vocabulary_subclasses_are_violations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the vocabulary travels along: `sh:class ag:Statement` needs rdfs:subClassOf."""
    report = pyshacl(exported(tmp_path, monkeypatch, "nt", "--no-vocabulary"))
    assert report.returncode == 1
    assert "Conforms: False" in report.stdout
    assert "Value does not have class ag:Statement" in report.stdout


@pytest.mark.parametrize("fmt", sorted(set(EXPORT_FORMATS) - {"ttl", "nt"}))
def test_vocabulary_and_shapes_have_their_own_named_graphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    export = exported(tmp_path, monkeypatch, fmt, "--shapes")
    graphs: dict[str, set[str]] = {}
    for quad in pyoxigraph.parse(path=str(export), format=EXPORT_FORMATS[fmt]):
        graphs.setdefault(str(getattr(quad.graph_name, "value", "")), set()).add(
            str(getattr(quad.object, "value", ""))
        )
    owl_ontology = "http://www.w3.org/2002/07/owl#Ontology"
    assert owl_ontology in graphs[VOCABULARY_GRAPH.value]
    assert "http://www.w3.org/ns/shacl#NodeShape" in graphs[SHAPES_GRAPH.value]
    others = set(graphs) - {VOCABULARY_GRAPH.value, SHAPES_GRAPH.value}
    assert others and all(owl_ontology not in graphs[g] for g in others)
