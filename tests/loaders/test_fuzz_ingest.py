"""Validation is exactly what the writers accept (hypothesis, bounded to stay fast).

Claim files are drawn around a valid one, with hostile values in every field: odd text,
dates in other digits or with trailing characters, infinite, huge and negative numbers,
bad periods and keys. Each goes through the YAML reader (as a file) and the JSON path (as
``POST /claims`` takes it), then into a real store: whatever validates loads, and whatever
does not writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.core.errors import DataError
from armsgraph.core.names import Gazetteer
from armsgraph.core.store import Store
from armsgraph.loaders.ingest import ingest_document, store_gazetteer
from armsgraph.loaders.yaml_files import YamlFile
from tests.support.datasets import CLAIM_FILE

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30
) | st.sampled_from(["", " ", "\n", "a\x00b", "<x>", '"', "{}", "Pyongyang", "é" * 3])
DATES = st.sampled_from(
    ["2024", "2024-02", "2024-02-29", "2023-02-29", "2024-13", "0000", "2025\n", "٢٠٢٥",
     "２０２４-01", "2024-1-1", " 2024", "99999", ""]
) | TEXT  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2.5, 1e308, -0.0]),
)
QUANTITY = st.fixed_dictionaries(
    {},
    optional={
        "value": NUMBERS,
        "low": NUMBERS,
        "high": NUMBERS,
        "unit": TEXT,
        "qualifier": st.sampled_from(["exactly", "at least", "more than", "about", "nonsense"]),
        "text": TEXT,
    },
)
SHIPMENT = st.fixed_dictionaries(
    {
        "supplier": st.sampled_from(["Pyongyang", "RUS", "Moscow", "Atlantis", ""]),
        "recipient": st.sampled_from(["Russia", "DPRK", "KP", "Nowhere"]),
        "items": st.lists(
            st.fixed_dictionaries(
                {"weapon": st.sampled_from(["munitions", "refined-petroleum", "laser sword"])},
                optional={"quantity": QUANTITY, "description": TEXT},
            ),
            min_size=0,
            max_size=2,
        ),
    },
    optional={
        "period": st.fixed_dictionaries({}, optional={"start": DATES, "end": DATES, "text": TEXT}),
        "ports": st.lists(TEXT, max_size=2),
        "flow": TEXT,
    },
)
CLAIM = st.fixed_dictionaries(
    {
        "quote": TEXT,
        "asserted_by": TEXT,
        "confidence": st.sampled_from(["high", "medium", "low", "certain"]),
        "reported": DATES,
        "shipment": SHIPMENT,
    },
    optional={"key": st.sampled_from(["k.one", "k.two", "Bad Key", "k-1"]), "locator": TEXT},
)
SOURCE = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["fuzz-a", "fuzz-b", "Fuzz A", "fuzz a", "fuzz-é"]),
        "title": TEXT,
        "publisher": TEXT,
        "date": DATES,
        "kind": st.sampled_from(["news", "research", "rumour"]),
    },
    optional={
        "url": st.sampled_from(["https://example.org/a", "https://ex ample.org/<b>", "ftp://x"])
    },
)
CLAIM_FILES = st.fixed_dictionaries({"source": SOURCE, "claims": st.lists(CLAIM, max_size=3)})


@pytest.fixture(scope="module")
def store(real_store: Store) -> Store:
    """The real data set on each backend (tests/conftest.py), for this module alone."""
    return real_store


@pytest.fixture(scope="module")
def gazetteer(store: Store) -> Gazetteer:
    """The store's names, read once per store as the API keeps them across posts (no
    drawn document can change them: its weapons are known names or refused ones)."""
    return store_gazetteer(store)


def _write_or_refuse(store: Store, gazetteer: Gazetteer, document: YamlFile) -> None:
    before = store.counts()
    try:
        ingest_document(document, store, gazetteer)
    except DataError as exc:
        assert exc.problems and all(p.field is not None for p in exc.problems)
        assert store.counts() == before, "a refused document wrote nothing"


FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(CLAIM_FILES)
def test_json_documents_validate_exactly_as_stores_write(
    store: Store, gazetteer: Gazetteer, data: dict[str, Any]
) -> None:
    _write_or_refuse(
        store, gazetteer, YamlFile.from_data(json.loads(json.dumps(data)), "request body")
    )


@FUZZ
@given(CLAIM_FILES)
def test_yaml_files_validate_exactly_as_stores_write(
    store: Store,
    gazetteer: Gazetteer,
    tmp_path_factory: pytest.TempPathFactory,
    data: dict[str, Any],
) -> None:
    path = Path(tmp_path_factory.mktemp("yaml")) / "claims.yaml"
    # JSON is YAML; non-finite numbers become YAML's .inf / .nan.
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("-Infinity", "-.inf").replace("Infinity", ".inf").replace("NaN", ".nan")
    path.write_text(text, encoding="utf-8")
    try:
        document = YamlFile.read(path, str(path))
    except DataError as exc:
        assert exc.problems[0].file == str(path)
        return
    _write_or_refuse(store, gazetteer, document)


def test_the_valid_base_loads(store: Store, gazetteer: Gazetteer) -> None:
    before = store.counts()["claims"]
    _write_or_refuse(
        store, gazetteer, YamlFile.from_data(json.loads(json.dumps(CLAIM_FILE)), "base")
    )
    assert store.counts()["claims"] >= before
