"""Grades as a filter and corroboration by independent authority, in Python alone."""

from __future__ import annotations

import pytest

from armsgraph.core.grading import GradeFilter, independent_authorities, origin
from armsgraph.core.model import Claim, Credibility, Reliability, Source, SourceKind


def _source(ident: str, reports_on: str | None = None) -> Source:
    return Source(
        id=ident,
        title=ident,
        publisher=ident,
        date="2025",
        kind=SourceKind.NEWS,
        url="https://example.org/" + ident,
        reports_on=reports_on,
    )


def _claim(source: str, by: str, **grades: object) -> Claim:
    return Claim.model_validate(
        {
            "source": source,
            "quote": f"{by} says so",
            "asserted_by": by,
            "confidence": "high",
            "reported": "2025",
            "breach": {"states": ["PRK"]},
            **grades,
        }
    )


SOURCES = {
    s.id: s
    for s in (
        _source("report"),
        _source("wire", reports_on="report"),
        _source("paper", reports_on="wire"),  # a chain: paper -> wire -> report
        _source("other"),
        _source("loop-a", reports_on="loop-b"),
        _source("loop-b", reports_on="loop-a"),
    )
}


def test_origin_follows_the_chain_and_stops_at_a_loop() -> None:
    assert origin("paper", SOURCES) == "report"
    assert origin("other", SOURCES) == "other"
    assert origin("unknown", SOURCES) == "unknown"
    assert origin("loop-a", SOURCES) in {"loop-a", "loop-b"}


def test_five_outlets_repeating_one_report_count_once() -> None:
    outlets = [_claim("paper", f"Outlet {i}") for i in range(5)]
    assert independent_authorities(outlets, SOURCES) == 1
    assert independent_authorities([*outlets, _claim("report", "MSMT")], SOURCES) == 1
    assert independent_authorities([*outlets, _claim("other", "US State Dept")], SOURCES) == 2
    # one authority in two of its own sources is one; two authorities in one source are two
    both = [_claim("report", "MSMT"), _claim("other", "MSMT"), _claim("other", "Ukraine")]
    assert independent_authorities(both, SOURCES) == 2
    assert independent_authorities([], SOURCES) == 0


GRADED = {
    "B2": _claim("report", "x", grade_basis="t", reliability="B", credibility=2),
    "F6": _claim("report", "x", grade_basis="t", reliability="F", credibility=6),
    "C": _claim("report", "x", grade_basis="t", reliability="C"),
    "none": _claim("report", "x"),
}


@pytest.mark.parametrize(
    ("grades", "admitted"),
    [
        (GradeFilter(), {"B2", "F6", "C", "none"}),
        (GradeFilter(Reliability.A), set()),
        (GradeFilter(Reliability.B), {"B2"}),
        (GradeFilter(Reliability.C), {"B2", "C"}),
        (GradeFilter(Reliability.E), {"B2", "C"}),
        (GradeFilter(Reliability.F), {"B2", "C", "F6"}),
        (GradeFilter(min_credibility=Credibility.CONFIRMED), set()),
        (GradeFilter(min_credibility=Credibility.POSSIBLY_TRUE), {"B2"}),
        (GradeFilter(min_credibility=Credibility.CANNOT_BE_JUDGED), {"B2", "F6"}),
        (GradeFilter(Reliability.C, Credibility.CANNOT_BE_JUDGED), {"B2"}),
    ],
    ids=str,
)
def test_a_minimum_admits_grades_at_or_above_it_and_never_ungraded(
    grades: GradeFilter, admitted: set[str]
) -> None:
    assert {name for name, c in GRADED.items() if grades.admits(c)} == admitted


def test_a_grade_needs_its_basis_and_a_basis_needs_a_grade() -> None:
    with pytest.raises(ValueError, match="a grade needs grade_basis"):
        _claim("report", "x", credibility=2)
    with pytest.raises(ValueError, match="neither reliability nor credibility"):
        _claim("report", "x", grade_basis="an analyst")
    # a grade is content: grading a claim gives it a new id, as any edit does
    assert GRADED["B2"].id != GRADED["none"].id
