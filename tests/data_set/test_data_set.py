"""The real data set under data/: it loads, and it keeps its own honesty rules.

These tests check what a reviewer would otherwise check by hand: verbatim quotes from a
local document really are in it, every source can be found again, unverified paragraph
numbers are flagged, claims about one flow stay separate, and the legal scopes say what
the reference file says.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import UN_REGISTER_CATEGORIES, Category, QuoteKind, VerificationStatus
from armsgraph.core.reasoner import derive_breaches
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset

UN_REGISTER = UN_REGISTER_CATEGORIES


@pytest.fixture(scope="module")
def data() -> Dataset:
    return read_dataset([BUNDLED_DATA])[0]


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_loads_with_every_part(data: Dataset) -> None:
    counts = data.counts()
    for part in ("sources", "claims", "states", "weapon_systems", "resolutions", "provisions"):
        assert counts[part] > 0, part
    assert {"PRK", "RUS", "UKR", "KOR", "USA", "NLD", "CHN"} <= set(data.states)


def test_every_source_can_be_found_again(data: Dataset) -> None:
    for source in data.sources.values():
        assert source.url or source.document, source.id
        if source.document:
            assert (BUNDLED_DATA / source.document).is_file(), source.id


def test_verbatim_quotes_from_local_documents_are_in_them(data: Dataset) -> None:
    checked = 0
    for claim in data.claims.values():
        source = data.sources[claim.source]
        if claim.quote_kind is QuoteKind.VERBATIM and source.document:
            text = _squash((BUNDLED_DATA / source.document).read_text(encoding="utf-8"))
            assert _squash(claim.quote) in text, claim.key
            checked += 1
    assert checked > 0


def test_news_on_the_msmt_report_point_at_it(data: Dataset) -> None:
    msmt = data.sources["msmt-2025-1"]
    assert msmt.kind.value == "monitoring_report"
    assert msmt.date == "2025-05-29"
    reporters = [s for s in data.sources.values() if s.reports_on == "msmt-2025-1"]
    assert reporters and all(s.kind.value == "news" for s in reporters)
    msmt_claims = [c for c in data.claims.values() if c.asserted_by == "MSMT"]
    assert msmt_claims
    assert all(data.sources[c.source].reports_on == "msmt-2025-1" for c in msmt_claims)


def test_claim_keys_name_their_file_source(data: Dataset) -> None:
    for claim in data.claims.values():
        assert claim.key is not None
        assert claim.key.startswith(f"{claim.source}."), claim.key


def test_claims_are_reported_on_their_source_date(data: Dataset) -> None:
    for claim in data.claims.values():
        assert claim.reported == data.sources[claim.source].date, claim.key


def test_differing_figures_on_one_flow_stay_apart(data: Dataset) -> None:
    containers = defaultdict(set)
    for event in data.events.values():
        if event.statement.flow == "prk-rus-munitions-containers":
            for item in getattr(event.statement, "items", []):
                if item.quantity and item.quantity.unit == "container":
                    containers[item.quantity.value].add(event.id)
    assert {6700, 10000, 13000, 20000} <= set(containers)
    # The MSMT figure is stated alike by several outlets: one event, several claims.
    (msmt_event,) = containers[20000]
    assert len(data.events[msmt_event].claims) >= 4


def test_unverified_paragraphs_are_flagged(data: Dataset) -> None:
    expected_unverified = {
        "unscr-1695-op3",
        "unscr-1695-op4",
        "unscr-1874-op9",
        "unscr-2270-op6",
        "unscr-2270-op9",
        "unscr-2270-op10",
        "unscr-2321-op7",
        "unscr-2371-op11",
        "unscr-2375-op14",
        "unscr-2375-op17",
    }
    for ident in expected_unverified:
        assert data.provisions[ident].paragraph_status is VerificationStatus.UNVERIFIED, ident
    assert data.provisions["unscr-1718-op8b"].paragraph_status is VerificationStatus.VERIFIED


def test_weapon_systems_explain_their_category(data: Dataset) -> None:
    for weapon in data.weapon_systems.values():
        assert weapon.category_basis, weapon.id
        assert weapon.wikidata is None, weapon.id  # no weapon QID is verified


def test_arms_embargo_scopes(data: Dataset) -> None:
    op8a = data.provisions["unscr-1718-op8ai"].scope
    assert op8a is not None
    assert set(op8a.categories) == UN_REGISTER | {Category.RELATED_MATERIEL}
    assert op8a.effective_from == dt.date(2006, 10, 14)

    op10 = data.provisions["unscr-1874-op10"].scope
    assert op10 is not None
    (salw,) = op10.exceptions
    assert salw.categories == [Category.SALW]
    assert salw.until == dt.date(2016, 3, 1)
    assert salw.closed_by in data.provisions

    op5 = data.provisions["unscr-2397-op5"].scope
    assert op5 is not None and op5.cap is not None
    assert (op5.cap.limit, op5.cap.unit) == (500000, "barrel")
    assert op5.effective_from == dt.date(2018, 1, 1)

    # Superseded by 2397 OP5: no scope, said so in the note.
    superseded = data.provisions["unscr-2375-op14"]
    assert superseded.scope is None and "2397 OP5" in (superseded.note or "")


def test_reasoner_finds_the_expected_breaches(data: Dataset) -> None:
    breaches = derive_breaches(data).values()
    rules = {b.rule for b in breaches if b.rule}
    assert "cap/unscr-2397-op5" in rules
    assert "scope/unscr-1718-op8ai" in rules  # Pantsir to the DPRK
    assert "scope/unscr-1718-op8b" in rules  # missiles and artillery from the DPRK
    assert "scope/unscr-2397-op8" in rules  # DPRK workers hosted in Russia
    cap = next(b for b in breaches if b.rule == "cap/unscr-2397-op5")
    assert cap.states == ["RUS"] and cap.matched["year"] == 2024
    # No inferred petroleum breach for years where only reported, in-cap figures exist.
    assert all(b.matched.get("year") != 2023 for b in breaches if b.rule == cap.rule)
