"""Every state by its names: a sample of 60 across the UN languages, registers and capitals.

The gazetteer is the one ``armsgraph validate`` uses: the bundled reference data, the
generated world (data/world/world.json) and country_converter's register patterns.
"""

from __future__ import annotations

import pytest

from armsgraph.core.errors import AmbiguousNameError, UnknownNameError
from armsgraph.core.model import ActorKind
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.ingest import bundled_reference
from armsgraph.loaders.world import register_patterns, world_actors


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    reference = bundled_reference()
    return Gazetteer(
        reference.states.values(),
        world=world_actors(),
        ambiguous=reference.ambiguous_names,
        patterns=register_patterns(),
    )


SAMPLE = {
    "en": {
        "Iran": "IRN", "Syria": "SYR", "Germany": "DEU", "Brazil": "BRA", "India": "IND",
        "Pakistan": "PAK", "Israel": "ISR", "Egypt": "EGY", "Saudi Arabia": "SAU",
        "Nigeria": "NGA", "Mexico": "MEX", "Argentina": "ARG", "Indonesia": "IDN",
    },
    "fr": {
        "Allemagne": "DEU", "Égypte": "EGY", "Algérie": "DZA", "Arabie saoudite": "SAU",
        "Royaume-Uni": "GBR", "Chine": "CHN", "Biélorussie": "BLR", "Éthiopie": "ETH",
    },
    "ru": {
        "Иран": "IRN", "Сирия": "SYR", "Беларусь": "BLR", "Казахстан": "KAZ", "Индия": "IND",
        "Китай": "CHN", "Турция": "TUR", "Вьетнам": "VNM",
    },
    "zh": {
        "伊朗": "IRN", "叙利亚": "SYR", "日本": "JPN", "印度": "IND", "巴基斯坦": "PAK",
        "埃及": "EGY", "缅甸": "MMR",
    },
    "es": {
        "Perú": "PER", "Colombia": "COL", "Reino Unido": "GBR", "Alemania": "DEU",
        "Irán": "IRN", "Egipto": "EGY", "Etiopía": "ETH",
    },
    "ar": {
        "إيران": "IRN", "العراق": "IRQ", "ليبيا": "LBY", "اليمن": "YEM", "مصر": "EGY",
        "الجزائر": "DZA", "السودان": "SDN",
    },
    "register": {
        "Korea, North": "PRK", "Korea, South": "KOR", "Viet Nam": "VNM", "Türkiye": "TUR",
        "Turkey": "TUR", "UAE": "ARE", "Iran (Islamic Republic of)": "IRN",
        "Bosnia-Herzegovina": "BIH", "DR Congo": "COD", "Cote d'Ivoire": "CIV",
        "Syrian Arab Republic": "SYR", "Venezuela (Bolivarian Republic of)": "VEN",
        "Congo, Dem. Rep.": "COD", "Lao People's Democratic Republic": "LAO",
        "Cape Verde": "CPV", "Swaziland": "SWZ", "Burma": "MMR",
    },
    "capital": {
        "Pyongyang": "PRK", "Moscow": "RUS", "Tehran": "IRN", "Damascus": "SYR", "Kyiv": "UKR",
        "Beijing": "CHN", "Caracas": "VEN", "Minsk": "BLR", "Baghdad": "IRQ", "Riyadh": "SAU",
        "Ankara": "TUR", "Khartoum": "SDN", "Mogadishu": "SOM", "Kabul": "AFG",
        "Téhéran": "IRN", "Тегеран": "IRN", "德黑兰": "IRN", "طهران": "IRN",
    },
}  # fmt: skip
CASES = [(group, name, ident) for group, names in SAMPLE.items() for name, ident in names.items()]


def test_the_sample_covers_forty_states_in_every_language() -> None:
    assert len({ident for _, _, ident in CASES}) >= 40
    assert {"en", "fr", "ru", "zh", "es", "ar", "register", "capital"} <= set(SAMPLE)


@pytest.mark.parametrize(("group", "name", "ident"), CASES, ids=[f"{g}:{n}" for g, n, _ in CASES])
def test_a_state_by_any_of_its_names(
    gazetteer: Gazetteer, group: str, name: str, ident: str
) -> None:
    assert gazetteer.state(name).id == ident


@pytest.mark.parametrize(
    ("name", "candidates"),
    [("Congo", {"COG", "COD"}), ("Korea", {"PRK", "KOR"}), ("Kingston", {"JAM", "NFK"})],
)
def test_an_ambiguous_name_lists_its_candidates(
    gazetteer: Gazetteer, name: str, candidates: set[str]
) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        gazetteer.state(name)
    assert {c.split(" ")[0] for c in caught.value.candidates} == candidates
    assert "ambiguous" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "ident", "kind"),
    [
        ("Soviet Union", "SUN", ActorKind.HISTORICAL_STATE),
        ("USSR", "SUN", ActorKind.HISTORICAL_STATE),
        ("Yugoslavia", "YUG", ActorKind.HISTORICAL_STATE),
        ("Czechoslovakia", "CSK", ActorKind.HISTORICAL_STATE),
        ("East Germany (GDR)", "DDR", ActorKind.HISTORICAL_STATE),
        ("Hezbollah", "hezbollah", ActorKind.ARMED_GROUP),
        ("Houthi rebels (Yemen)", "ansar-allah", ActorKind.ARMED_GROUP),
        ("Ansar Allah", "ansar-allah", ActorKind.ARMED_GROUP),
        ("NATO", "nato", ActorKind.INTERNATIONAL_ORGANISATION),
        ("African Union", "african-union", ActorKind.INTERNATIONAL_ORGANISATION),
        ("UNIFIL", "unifil", ActorKind.INTERNATIONAL_ORGANISATION),
        ("unknown supplier(s)", "unknown-supplier", ActorKind.UNKNOWN),
        ("unknown recipient(s)", "unknown-recipient", ActorKind.UNKNOWN),
    ],
)
def test_historical_states_and_other_actors(
    gazetteer: Gazetteer, name: str, ident: str, kind: ActorKind
) -> None:
    actor = gazetteer.state(name)
    assert (actor.id, actor.kind) == (ident, kind)


def test_historical_states_carry_their_iso_3166_3_withdrawal_date(gazetteer: Gazetteer) -> None:
    soviet = gazetteer.state("SUN")
    assert soviet.valid_until == "1992-08-30"
    assert soviet.validity_basis and "ISO 3166-3" in soviet.validity_basis


def test_curated_names_win_over_generated_ones(gazetteer: Gazetteer) -> None:
    # states.yaml names the DPRK "Noord-Korea" (nl); the generated Dutch name stays too.
    assert gazetteer.state("Noord-Korea").id == "PRK"
    assert gazetteer.state("PRK").name == "Democratic People's Republic of Korea"


@pytest.mark.parametrize("name", ["Free Syrian Army", "Libya HoR", "Atlantis"])
def test_a_name_with_words_no_state_has_is_not_guessed(gazetteer: Gazetteer, name: str) -> None:
    with pytest.raises(UnknownNameError):
        gazetteer.state(name)
