"""Reference data of the synthetic workload: states, weapon systems, resolutions with
provisions (scopes the reasoner matches), and sources. See bench/synth.py."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import (
    UN_REGISTER_CATEGORIES,
    Actor,
    AssistanceKind,
    Category,
    Direction,
    EventKind,
    InForce,
    PersonnelKind,
    Provision,
    ProvisionScope,
    Resolution,
    Role,
    ScopeException,
    Source,
    SourceKind,
    VerificationStatus,
    WeaponSystem,
)

N_STATES = 200
N_WEAPONS = 400
N_SOURCES = 2000

# Real states that anchor the headline queries (PRK -> RUS); the rest are synthetic.
REAL_STATES: tuple[tuple[str, str, str, str, str], ...] = (
    ("USA", "US", "840", "United States of America", "Washington"),
    ("RUS", "RU", "643", "Russian Federation", "Moscow"),
    ("FRA", "FR", "250", "France", "Paris"),
    ("CHN", "CN", "156", "China", "Beijing"),
    ("DEU", "DE", "276", "Germany", "Berlin"),
    ("GBR", "GB", "826", "United Kingdom", "London"),
    ("ISR", "IL", "376", "Israel", "Jerusalem"),
    ("IND", "IN", "356", "India", "New Delhi"),
    ("UKR", "UA", "804", "Ukraine", "Kyiv"),
    ("IRN", "IR", "364", "Iran", "Tehran"),
    ("PRK", "KP", "408", "Democratic People's Republic of Korea", "Pyongyang"),
    ("SYR", "SY", "760", "Syria", "Damascus"),
    ("BLR", "BY", "112", "Belarus", "Minsk"),
    ("KOR", "KR", "410", "Republic of Korea", "Seoul"),
    ("MMR", "MM", "104", "Myanmar", "Naypyidaw"),
)

CATEGORY_WEIGHTS: dict[Category, int] = {
    Category.AMMUNITION: 22,
    Category.SALW: 16,
    Category.MISSILES: 14,
    Category.LARGE_CALIBRE_ARTILLERY: 9,
    Category.ARMOURED_COMBAT_VEHICLES: 8,
    Category.BATTLE_TANKS: 5,
    Category.COMBAT_AIRCRAFT: 5,
    Category.ATTACK_HELICOPTERS: 3,
    Category.WARSHIPS: 2,
    Category.RELATED_MATERIEL: 8,
    Category.DUAL_USE: 4,
    Category.REFINED_PETROLEUM: 2,
    Category.CRUDE_OIL: 2,
}
FIRST_YEAR, LAST_YEAR = 1990, 2025


# --- reference data ------------------------------------------------------------------------


def _letters(i: int, width: int) -> str:
    out = ""
    for _ in range(width):
        out = chr(ord("A") + i % 26) + out
        i //= 26
    return out


def _states() -> dict[str, Actor]:
    states = {
        code: Actor(
            id=code,
            iso2=iso2,
            numeric=num,
            name=name,
            capital=capital,
            aliases={"en": [capital]},
        )
        for code, iso2, num, name, capital in REAL_STATES
    }
    # ISO 3166 leaves the Q* codes to user assignment, so synthetic ones never clash.
    iso2s = (_letters(i, 2) for i in range(26 * 26))
    numerics = (f"{i:03d}" for i in range(1000))
    used2 = {s.iso2 for s in states.values()}
    used_num = {s.numeric for s in states.values()}
    for i in range(N_STATES - len(states)):
        code = "Q" + _letters(i, 2)
        iso2 = next(x for x in iso2s if x not in used2)
        num = next(x for x in numerics if x not in used_num)
        states[code] = Actor(
            id=code,
            iso2=iso2,
            numeric=num,
            name=f"Synthetic State {code}",
            capital=f"Capital {code}",
            aliases={"en": [f"Capital {code}"], "fr": [f"Etat {code}"]},
        )
    return states


def _weapons(rng: random.Random) -> dict[str, WeaponSystem]:
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    out: dict[str, WeaponSystem] = {}
    for i in range(N_WEAPONS):
        category = categories[i] if i < len(categories) else rng.choices(categories, weights)[0]
        ident = f"ws-{i:04d}-{category.value.split('_')[-1].replace('_', '-')}"
        out[ident] = WeaponSystem(
            id=ident,
            name=f"System {i:04d}",
            category=category,
            aliases=[f"SYS-{i:04d}"],
        )
    return out


def _resolutions() -> dict[str, Resolution]:
    rows = [
        (1718, "2006-10-14"),
        (1747, "2007-03-24"),
        (1874, "2009-06-12"),
        (1929, "2010-06-09"),
        (2270, "2016-03-02"),
        (2397, "2017-12-22"),
    ]
    return {
        f"unscr-{n}": Resolution(
            id=f"unscr-{n}",
            symbol=f"S/RES/{n} ({date[:4]})",
            adopted=date,
            adopted_status=VerificationStatus.VERIFIED,
            summary=f"Resolution {n} (synthetic benchmark copy)",
            sources=[f"https://example.org/unscr/{n}"],
        )
        for n, date in rows
    }


ARMS = [c for c in Category if c in UN_REGISTER_CATEGORIES]  # the seven, in a fixed order


def _provision(
    resolution: int, paragraph: str, summary: str, **scope: Any
) -> tuple[str, Provision]:
    para = paragraph.lower().replace("(", "").replace(")", "")
    ident = f"unscr-{resolution}-{para}"
    start, end = scope.pop("effective_from"), scope.pop("effective_until", None)
    scope["targets"] = [scope.pop("target", "PRK")]
    scope["in_force"] = [
        InForce(
            start=start.isoformat(),
            end=end.isoformat() if end else None,
            status=VerificationStatus.VERIFIED,
        )
    ]
    provision = Provision(
        id=ident,
        resolution=f"unscr-{resolution}",
        paragraph=paragraph,
        paragraph_status=VerificationStatus.VERIFIED,
        summary=summary,
        scope=ProvisionScope(**scope),
        sources=[f"https://example.org/unscr/{resolution}"],
    )
    return ident, provision


def _provisions() -> dict[str, Provision]:
    d = dt.date
    salw_ammo = [Category.SALW, Category.AMMUNITION, Category.RELATED_MATERIEL]
    return dict(
        [
            _provision(
                1718,
                "OP8(a)",
                "no heavy arms to the DPRK",
                directions=[Direction.TO_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=ARMS,
                effective_from=d(2006, 10, 14),
                obligated=[Role.SUPPLIER],
            ),
            _provision(
                1718,
                "OP8(b)",
                "no arms from the DPRK",
                directions=[Direction.FROM_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=[*ARMS, Category.RELATED_MATERIEL],
                effective_from=d(2006, 10, 14),
                obligated=[Role.SUPPLIER, Role.RECIPIENT],
            ),
            _provision(
                1718,
                "OP8(c)",
                "no arms-related training or technical assistance either way",
                directions=[Direction.TO_TARGET, Direction.FROM_TARGET],
                event_kinds=[EventKind.ASSISTANCE],
                assistance_kinds=[AssistanceKind.TRAINING, AssistanceKind.TECHNICAL_DATA],
                effective_from=d(2006, 10, 14),
                obligated=[Role.SUPPLIER, Role.RECIPIENT],
            ),
            _provision(
                1874,
                "OP9",
                "no arms at all from the DPRK",
                directions=[Direction.FROM_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=salw_ammo,
                effective_from=d(2009, 6, 12),
                obligated=[Role.SUPPLIER, Role.RECIPIENT],
            ),
            _provision(
                1874,
                "OP10",
                "no arms to the DPRK except small arms",
                directions=[Direction.TO_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=salw_ammo,
                effective_from=d(2009, 6, 12),
                exceptions=[ScopeException(categories=[Category.SALW], until=d(2016, 3, 1))],
                obligated=[Role.SUPPLIER],
            ),
            _provision(
                2397,
                "OP8",
                "repatriate DPRK workers",
                directions=[Direction.FROM_TARGET],
                event_kinds=[EventKind.DEPLOYMENT],
                personnel_kinds=[PersonnelKind.WORKERS],
                effective_from=d(2019, 12, 23),
                obligated=[Role.RECIPIENT],
            ),
            _provision(
                1747,
                "OP5",
                "no arms from Iran",
                target="IRN",
                directions=[Direction.FROM_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=[*ARMS, *salw_ammo],
                effective_from=d(2007, 3, 24),
                effective_until=d(2020, 10, 18),
                obligated=[Role.SUPPLIER, Role.RECIPIENT],
            ),
            _provision(
                1929,
                "OP8",
                "no heavy arms to Iran",
                target="IRN",
                directions=[Direction.TO_TARGET],
                event_kinds=[EventKind.SHIPMENT],
                categories=ARMS,
                effective_from=d(2010, 6, 9),
                effective_until=d(2020, 10, 18),
                obligated=[Role.SUPPLIER],
            ),
        ]
    )


def sources(rng: random.Random) -> list[Source]:
    kinds = list(SourceKind)
    publishers = [f"Publisher {i:03d}" for i in range(120)]
    out = []
    for i in range(N_SOURCES):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        out.append(
            Source(
                id=f"src-{i:05d}",
                title=f"Synthetic report {i}",
                publisher=rng.choice(publishers),
                date=f"{year}-{rng.randint(1, 12):02d}",
                kind=kinds[i % len(kinds)],
                url=f"https://example.org/src/{i}",
            )
        )
    return out


def reference(seed: int = 7) -> Dataset:
    """States, weapon systems, resolutions and provisions (no sources, no claims)."""
    rng = random.Random(f"reference/{seed}")
    return Dataset(
        states=_states(),
        weapon_systems=_weapons(rng),
        resolutions=_resolutions(),
        provisions=_provisions(),
    )
