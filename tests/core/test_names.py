import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import UnknownNameError
from armsgraph.core.names import normalise_name, provision_id


def test_normalise_ignores_case_accents_punctuation() -> None:
    assert normalise_name("  Corée du Nord ") == "coree du nord"
    assert normalise_name("Noord-Korea") == "noord korea"


@pytest.mark.parametrize(
    "name",
    [
        "PRK",
        "KP",
        "North Korea",
        "DPRK",
        "Pyongyang",
        "noord-korea",
        "Democratic People's Republic of Korea",
    ],
)
def test_aliases_capitals_and_translations_resolve(fixture_dataset: Dataset, name: str) -> None:
    assert fixture_dataset.gazetteer.state(name).id == "PRK"


def test_unknown_name_suggests_closest(fixture_dataset: Dataset) -> None:
    with pytest.raises(UnknownNameError) as info:
        fixture_dataset.gazetteer.state("Pyongyan")
    assert info.value.suggestions[0] == "Pyongyang"
    assert "did you mean 'Pyongyang'" in str(info.value)


def test_resolution_and_provision_references(fixture_dataset: Dataset) -> None:
    gaz = fixture_dataset.gazetteer
    for ref in ("S/RES/1718 (2006)", "1718", "UNSCR 1718", "unscr-1718", "resolution 1718"):
        assert gaz.resolution(ref).id == "unscr-1718"
    for ref in ("S/RES/1718 (2006) OP8(b)", "1718 OP8(b)", "1718 8(b)", "unscr-1718-op8b"):
        assert gaz.provision(ref).id == "unscr-1718-op8b"
    with pytest.raises(UnknownNameError, match="OP8\\(b\\)"):
        gaz.provision("1718 OP9")


def test_provision_id_shape() -> None:
    assert provision_id(1718, "OP8(a)(i)") == "unscr-1718-op8ai"
    assert provision_id("2397", "5") == "unscr-2397-op5"
