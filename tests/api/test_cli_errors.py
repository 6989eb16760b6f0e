"""The installed `armsgraph` command never shows a traceback and never prints a secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ARMSGRAPH = Path(sys.executable).with_name("armsgraph")
SECRET = "hunter2-not-long"  # 16 characters: long enough, so only the password is missing


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("ARMSGRAPH_") or "PORT" in k
    }
    environment.update(ARMSGRAPH_DATA_DIR=str(tmp_path / "state"), **env)
    return subprocess.run(
        [str(ARMSGRAPH), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_hostile_files_are_one_line_each(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("claims: " + "[" * 5000 + "]" * 5000 + "\n")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
    )
    result = run(["validate", str(deep), str(bomb)], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{deep}:1:" in result.stderr and "nested deeper than 64 levels" in result.stderr
    assert f"{bomb}:" in result.stderr and "aliases expand to more than" in result.stderr


@pytest.mark.parametrize("store", [["--store", "neo4j"], []])
def test_production_start_is_refused_without_printing_secrets(
    tmp_path: Path, store: list[str]
) -> None:
    env = {"ARMSGRAPH_ENVIRONMENT": "production", "ARMSGRAPH_API_KEY": SECRET}
    if not store:
        env["ARMSGRAPH_API_KEY"] = "hunter2"  # too short
    result = run(["serve", *store], tmp_path, **env)
    assert result.returncode == 78, result.stderr
    output = result.stderr + result.stdout
    assert "Traceback" not in output and "hunter2" not in output
    expected = "ARMSGRAPH_NEO4J_PASSWORD must be set" if store else "ARMSGRAPH_API_KEY of 16+"
    assert expected in output


def test_bad_setting_names_the_variable(tmp_path: Path) -> None:
    result = run(["paths", "PRK", "RUS"], tmp_path, ARMSGRAPH_QUERY_TIMEOUT_S="soon")
    assert result.returncode == 78
    assert "ARMSGRAPH_QUERY_TIMEOUT_S" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_neo4j_is_exit_69(tmp_path: Path) -> None:
    result = run(["load", "--store", "neo4j", "--uri", "bolt://127.0.0.1:9"], tmp_path)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 69, result.stderr
    assert "error: Neo4j at bolt://127.0.0.1:9" in result.stderr
