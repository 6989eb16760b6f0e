"""The embedded store's journal (``ontology.rdf_journal``) reads back the change it was given.

The change is a revised SIPRI export's (the hand-written fixture, a test file, not real
records): claims added, one changed and one retracted with its snapshot, events rewritten,
versions opened and closed, the claim-level difference. Format 2 journals the long lists one
item a line, in compressed parts; the format-1 journal (one JSON document) is still read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from pathlib import Path

import pytest

from armsgraph.core.change import Change
from armsgraph.core.errors import StoreError
from armsgraph.core.model import Claim
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.loaders.registers.importer import ImportOptions, import_register
from armsgraph.loaders.registers.sipri import SipriFormat
from armsgraph.ontology import rdf_journal as journal
from armsgraph.ontology.rdf_store import RdfStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "registers"
CURRENT = FIXTURES / "sipri-trade-register.csv"


def _revision_change(tmp_path: Path) -> Change:
    """The planned change of a revised export, a day later: the first row's count edited, the
    patrol-boat row gone (retracted)."""
    store = RdfStore(None)
    ingest([BUNDLED_DATA], store)
    import_register(SipriFormat(), CURRENT, store, name=CURRENT.name)
    lines = CURRENT.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,"))
    first, boat = header + 1, header + 4
    assert "Test-Boat D" in lines[boat]
    lines[first] = lines[first].replace(",6,?,2017; 2018,", ",5,?,2017; 2018,")
    revised = [line.replace("14 Mar 2026", "15 Mar 2026") for line in lines if line != lines[boat]]
    path = tmp_path / CURRENT.name
    path.write_text("\r\n".join(revised) + "\r\n", encoding="utf-8")
    options = ImportOptions(dry_run=True)
    result = import_register(SipriFormat(), path, store, options, name=CURRENT.name)
    assert result.load is not None
    return result.load.report.change


def _without_name_resolution(change: Change) -> Change:
    write = dataclasses.replace(change.write, world=(), ambiguous_names=[], register_patterns=())
    return dataclasses.replace(change, write=write)


def test_a_revision_reads_back_as_it_was_planned(tmp_path: Path) -> None:
    change = _revision_change(tmp_path)
    ops = sorted(line.op for d in change.diffs for line in d.changes)
    assert ops == ["changed", "changed", "changed", "retracted"]  # the date is in every claim
    assert change.write.claims and change.write.events and change.open
    snapshots = [c for c in change.close if c.snapshot is not None]
    assert len(snapshots) == 4 and sum(1 for c in snapshots if c.superseded_by) == 3
    parts = list(journal.encode(change))
    decoded = journal.decode(b"".join(parts))
    assert decoded == _without_name_resolution(change)
    assert list(decoded.write.claims) == list(change.write.claims)  # in order


def test_a_journal_of_many_items_is_handed_out_in_parts(tmp_path: Path) -> None:
    change = _revision_change(tmp_path)
    claim = next(iter(change.write.claims.values()))
    notes = (hashlib.sha256(str(i).encode()).hexdigest() * 4 for i in range(3000))
    data = claim.model_dump()
    copies = [Claim.model_validate(data | {"note": note}) for note in notes]
    many = {c.id: c for c in copies}
    assert len(many) == 3000
    big = dataclasses.replace(change, write=dataclasses.replace(change.write, claims=many))
    parts = list(journal.encode(big, part_size=1 << 12))
    assert len(parts) > 1  # handed out as encoded, not as one piece
    decoded = journal.decode(b"".join(parts))
    assert decoded.write.claims == many


def test_a_format_1_journal_is_still_read_and_a_cut_one_refused(tmp_path: Path) -> None:
    change = _without_name_resolution(_revision_change(tmp_path))
    old = zlib.compress(b"armsgraph-journal 1\n" + journal._CHANGE.dump_json(change), 1)
    assert journal.decode(old) == change
    whole = b"".join(journal.encode(change))
    with pytest.raises(StoreError, match="cannot be read"):
        journal.decode(whole[: len(whole) // 2])
