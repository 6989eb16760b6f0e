"""Smoke test of the load's phase timer (bench/load_phases.py): every phase is reached."""

from __future__ import annotations

from bench.load_phases import PHASES, measure


def test_every_phase_of_a_small_load_is_timed_and_undone() -> None:
    originals = [getattr(owner, name) for _, owner, name in PHASES]
    run = measure(claims=300, per_file=100, seed=15)
    assert run.files == 3
    assert all(phase.wall > 0 and phase.process_cpu >= 0 for phase in run.phases.values())
    assert sum(phase.wall for phase in run.phases.values()) <= run.wall
    assert [getattr(owner, name) for _, owner, name in PHASES] == originals
