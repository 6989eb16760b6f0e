from armsgraph.core.model import Claim

BASE = {
    "source": "msmt-2025-1",
    "quote": "more than 20,000 containers",
    "asserted_by": "MSMT",
    "confidence": "high",
    "reported": "2025-05-29",
    "shipment": {
        "supplier": "PRK",
        "recipient": "RUS",
        "items": [
            {
                "weapon": "munitions",
                "quantity": {"qualifier": "more than", "value": 20000, "unit": "container"},
            }
        ],
    },
}


def claim(**changes: object) -> Claim:
    return Claim.model_validate({**BASE, **changes})


def test_same_content_same_id() -> None:
    assert claim().id == claim().id
    assert claim().id.startswith("clm-")


def test_invisible_differences_do_not_change_the_id() -> None:
    assert claim(quote="more than  20,000\ncontainers").id == claim().id
    as_float = {**BASE["shipment"]}  # type: ignore[dict-item]
    as_float["items"] = [
        {
            "weapon": "munitions",
            "quantity": {"qualifier": "more than", "value": 20000.0, "unit": "container"},
        }
    ]
    assert claim(shipment=as_float).id == claim().id


def test_any_change_gives_a_new_id() -> None:
    ids = {
        claim().id,
        claim(quote="more than 20,001 containers").id,
        claim(confidence="medium").id,
        claim(reported="2025-05-30").id,
        claim(source="other").id,
        claim(locator="p. 3").id,
        claim(asserted_by="US").id,
        claim(shipment={**BASE["shipment"], "recipient": "UKR"}).id,  # type: ignore[dict-item]
    }
    assert len(ids) == 8


def test_author_key_is_a_handle_not_content() -> None:
    assert claim(key="a.b").id == claim().id


def test_id_is_cached_but_never_stale() -> None:
    original = claim()
    assert original.id is original.id  # computed once
    changed = original.model_copy(update={"quote": "another quote"})
    assert changed.id == claim(quote="another quote").id != original.id
