"""Hostile claim files: each is refused quickly with a located error, never a traceback."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from armsgraph.loaders import safe_yaml
from tests.support.datasets import FIXTURES, load_fixture, problems_of

GOOD = (FIXTURES / "good" / "report.yaml").read_text(encoding="utf-8")


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    assert old in GOOD
    path = tmp_path / "hostile.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return path


def billion_laughs() -> str:
    """Ten lines that expand to 9**9 strings in a naive YAML loader."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghi"
    for before, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join(['*' + before] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs())
    [problem] = problems_of(path)
    assert "aliases expand to more than" in problem.message
    assert problem.line is not None and problem.column is not None


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = GOOD.replace("supplier: DPRK", "supplier: &prk DPRK").replace(
        "states: [North Korea, Russia]", "states: [*prk, Russia]"
    )
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    dataset = load_fixture(path)
    assert {s for c in dataset.claims.values() if c.breach for s in c.breach.states} == {
        "PRK",
        "RUS",
    }


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [1, *a]\n")
    [problem] = problems_of(path)
    assert "refers to itself" in problem.message and problem.line == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("p. 7" if "p. 7" in GOOD else "since September 2023}", "[" * 5000 + "]" * 5000 + "}",
         "nested deeper than"),
        ("value: 20000", "value: " + "9" * 5000, "a number of more than"),
        ("value: 20000", "value: 1" + "0" * 5000 + ".5", "a number of more than"),
    ],
)  # fmt: skip
def test_deep_nesting_and_huge_numbers_are_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    [problem] = problems_of(_variant(tmp_path, old, new))
    assert message in problem.message and problem.line is not None


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_yaml, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr("armsgraph.loaders.yaml_reader.MAX_FILE_BYTES", 100)
    problems = problems_of(FIXTURES / "good" / "report.yaml")
    assert any(
        p.file.endswith("report.yaml") and "files of at most 100 bytes" in p.message
        for p in problems
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("value: 20000", "value: .inf", "quantity.value", "finite number"),
        ("value: 20000", "value: 1e400", "quantity.value", "finite number"),
        ("value: 20000", "value: .nan", "quantity.value", "finite number"),
        ("reported: 2025-05-29\n    shipment:\n      supplier: Pyongyang",
         'reported: "2025\\n"\n    shipment:\n      supplier: Pyongyang', "reported", "not a date"),
        ("reported: 2025-05-29\n    shipment:\n      supplier: Pyongyang",
         'reported: "٢٠٢٥-05-29"\n    shipment:\n      supplier: Pyongyang', "reported",
         "not a date"),
        ("start: 2023-09,", "start: \"２０２３-09\",", "period.start", "not a date"),
    ],
)  # fmt: skip
def test_values_that_are_not_numbers_or_dates(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    [problem] = problems_of(_variant(tmp_path, old, new))
    assert problem.field.endswith(field) and message in problem.message


def test_control_characters_are_located(tmp_path: Path) -> None:
    [problem] = problems_of(_variant(tmp_path, "publisher: Test", "publisher: \x7fTest"))
    assert "not allowed in YAML" in problem.message
    assert (problem.line, problem.column) == (4, 14)
