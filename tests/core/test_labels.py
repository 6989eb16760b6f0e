"""Every vocabulary member has a label, so no identifier reaches a reader."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from armsgraph.core import model
from armsgraph.core.labels import LABELS, label, vocabularies


def test_every_member_of_every_vocabulary_has_a_label() -> None:
    enums = {
        v
        for v in vars(model).values()
        if isinstance(v, type) and issubclass(v, StrEnum | IntEnum) and v not in (StrEnum, IntEnum)
    }
    assert enums == set(LABELS)
    for enum in enums:
        for member in enum:
            text = label(member)
            assert text and "_" not in text, (enum.__name__, member)


def test_labels_read_as_words() -> None:
    assert label(model.Category.LARGE_CALIBRE_ARTILLERY) == (
        "large-calibre artillery, UN Register category III"
    )
    assert vocabularies()["AssistanceKind"]["technical_data"] == "technical data"
