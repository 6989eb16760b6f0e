import pytest
from pydantic import ValidationError

from armsgraph.core.model import Claim, Period, Qualifier, Quantity, Source


def test_quantity_keeps_qualifier_and_normalises_numbers() -> None:
    q = Quantity(value=9_000_000.0, qualifier=Qualifier.AROUND, unit="round", text="~9 million")
    assert q.value == 9_000_000 and isinstance(q.value, int)
    assert q.qualifier is Qualifier.AROUND
    assert q.lower_bound is None  # "around" commits to no minimum
    assert q.describe() == "around 9,000,000 round"


@pytest.mark.parametrize(
    ("qualifier", "lower"),
    [("more than", 20000), ("at least", 20000), ("exactly", 20000), ("as many as", None)],
)
def test_lower_bound_depends_on_wording(qualifier: str, lower: int | None) -> None:
    q = Quantity.model_validate({"value": 20000, "qualifier": qualifier, "unit": "container"})
    assert q.lower_bound == lower


def test_between_needs_ordered_bounds() -> None:
    q = Quantity(qualifier=Qualifier.BETWEEN, low=10, high=20, unit="t")
    assert q.lower_bound == 10 and q.describe() == "between 10 and 20 t"
    with pytest.raises(ValidationError, match="low \\(900\\) is greater than high \\(100\\)"):
        Quantity(qualifier=Qualifier.BETWEEN, low=900, high=100, unit="t")
    with pytest.raises(ValidationError, match="needs both low and high"):
        Quantity(qualifier=Qualifier.BETWEEN, low=1, unit="t")


def test_negative_quantity_rejected() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Quantity(value=-1, unit="t")


def test_period_precision_and_order() -> None:
    p = Period(start="2023-09", text="since September 2023")
    assert p.earliest is not None and p.earliest.isoformat() == "2023-09-01"
    assert p.latest is None  # open end: ongoing as of the report
    with pytest.raises(ValidationError, match="after end"):
        Period(start="2024-05", end="2024-01")
    with pytest.raises(ValidationError, match="needs a start"):
        Period()


def test_claim_states_exactly_one_thing() -> None:
    base = {
        "source": "s",
        "quote": "q",
        "asserted_by": "x",
        "confidence": "high",
        "reported": "2025",
    }
    with pytest.raises(ValidationError, match="exactly one of"):
        Claim.model_validate(base)
    with pytest.raises(ValidationError, match="found shipment, breach"):
        Claim.model_validate(
            {
                **base,
                "shipment": {"supplier": "PRK", "recipient": "RUS", "items": [{"weapon": "x"}]},
                "breach": {"states": ["PRK"]},
            }
        )


def test_extra_fields_are_errors() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Source.model_validate(
            {
                "id": "s",
                "title": "t",
                "publisher": "p",
                "date": "2025",
                "kind": "news",
                "url": "https://e.org",
                "colour": "red",
            }
        )


def test_source_must_be_locatable() -> None:
    with pytest.raises(ValidationError, match="url or a local document"):
        Source.model_validate(
            {"id": "s", "title": "t", "publisher": "p", "date": "2025", "kind": "news"}
        )
