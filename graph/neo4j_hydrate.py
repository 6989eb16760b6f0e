"""Domain models to Neo4j rows and back, losslessly.

``*_row`` functions turn a model into the ``{"id", "props"}`` row an ``UNWIND`` batch
writes; ``*_from`` functions rebuild the exact model from what the ``GET_*`` queries of
``graph.cypher`` return. Flat values become properties; nested values become
relationships (items are ``CARRIED`` edges, breach states are ``BY`` edges ...) or, where
there is no graph shape for them (a provision's scope, a breach's ``matched`` dict, a
state's aliases by language), a ``*_json`` property. Properties such as ``caption`` or
``period_earliest`` are derived for Cypher users and never read back.

A node never holds an empty list: an empty list is written as null, so the property is
absent (``SET n += row.props`` removes it on a reload). ``neo4j-admin database import``
cannot store an empty array (neo4j/neo4j#13566), so this keeps the bulk-imported graph
equal to the online one without a pass after the import; readers take absent as ``[]``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import neo4j.time
from neo4j.graph import Node, Path, Relationship

from armsgraph.core.model import (
    Actor,
    AssistanceStatement,
    Breach,
    BreachStatement,
    Claim,
    DeploymentStatement,
    EventKind,
    EventStatement,
    Period,
    Provision,
    ProvisionScope,
    Quantity,
    RegisterRecord,
    Resolution,
    ShipmentStatement,
    Source,
    TransferEvent,
    WeaponSystem,
)

Row = dict[str, Any]
Props = Mapping[str, Any]

_QUANTITY_FIELDS = ("value", "low", "high", "qualifier", "unit", "text", "uncertain")


def _dump(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", exclude=exclude)
    return data


def _one(values: Sequence[Any]) -> Any:
    return values[0] if values else None


def _node_row(node_id: str, props: dict[str, Any]) -> Row:
    """An ``{"id", "props"}`` row whose empty lists are null (absent in the graph)."""
    return {"id": node_id, "props": {k: None if v == [] else v for k, v in props.items()}}


def _lists(props: Props, *names: str) -> dict[str, list[Any]]:
    """List properties as the model wants them: absent is empty."""
    return {name: props.get(name) or [] for name in names}


def _caption(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --- reference data --------------------------------------------------------------------------


def state_row(state: Actor) -> Row:
    props = _dump(state)
    props["aliases"] = [name for names in state.aliases.values() for name in names]
    props["aliases_json"] = json.dumps(state.aliases, ensure_ascii=False)
    return _node_row(state.id, props)


def state_from(props: Props) -> Actor:
    data = {k: props[k] for k in Actor.model_fields if k != "aliases" and k in props}
    return Actor.model_validate({**data, "aliases": json.loads(props["aliases_json"])})


def weapon_row(weapon: WeaponSystem) -> Row:
    return _node_row(weapon.id, _dump(weapon))


def weapon_from(props: Props) -> WeaponSystem:
    data = {k: props.get(k) for k in WeaponSystem.model_fields}
    return WeaponSystem.model_validate(data | _lists(props, "aliases", "sources"))


def resolution_row(resolution: Resolution) -> Row:
    return _node_row(resolution.id, {**_dump(resolution), "number": resolution.number})


def resolution_from(props: Props) -> Resolution:
    return Resolution.model_validate({k: props.get(k) for k in Resolution.model_fields})


def provision_row(provision: Provision) -> Row:
    props = _dump(provision, exclude={"scope", "resolution"})
    scope = provision.scope
    props["scope_json"] = scope.model_dump_json() if scope else None
    props["effective_from"] = scope.effective_from if scope else None
    props["effective_until"] = scope.effective_until if scope else None
    props["categories"] = [c.value for c in scope.categories] if scope else []
    props["targets"] = list(scope.targets) if scope else []
    return _node_row(provision.id, props)


def provision_from(props: Props, resolution: Sequence[str]) -> Provision:
    data = {k: props.get(k) for k in Provision.model_fields if k not in ("scope", "resolution")}
    scope = props.get("scope_json")
    data["scope"] = ProvisionScope.model_validate_json(scope) if scope else None
    data["resolution"] = _one(resolution)
    return Provision.model_validate(data)


def source_row(source: Source) -> Row:
    return _node_row(source.id, _dump(source, exclude={"reports_on"}))


def source_from(props: Props, reports_on: Sequence[str]) -> Source:
    data = {k: props.get(k) for k in Source.model_fields if k != "reports_on"}
    return Source.model_validate({**data, "reports_on": _one(reports_on)})


# --- events -----------------------------------------------------------------------------------


def _period_props(period: Period | None) -> dict[str, Any]:
    return {
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "period_text": period.text if period else None,
        "period_earliest": period.earliest if period else None,
        "period_latest": period.latest if period else None,
    }


def _period_from(props: Props) -> Period | None:
    start, end, text = props.get("period_start"), props.get("period_end"), props.get("period_text")
    if start is None and end is None and text is None:
        return None
    return Period(start=start, end=end, text=text)


def _quantity_props(quantity: Quantity | None, prefix: str = "") -> dict[str, Any]:
    data = _dump(quantity) if quantity else {}
    return {prefix + k: data.get(k) for k in _QUANTITY_FIELDS}


def _quantity_from(props: Props, prefix: str = "") -> Quantity | None:
    if props.get(prefix + "unit") is None:
        return None
    # absent (None) values take the model's defaults: edges written before ``uncertain``
    # existed have none
    data = {k: props.get(prefix + k) for k in _QUANTITY_FIELDS}
    return Quantity.model_validate({k: v for k, v in data.items() if v is not None})


def event_row(event: TransferEvent) -> Row:
    statement = event.statement
    data = _dump(statement, exclude={"supplier", "recipient", "period", "items", "quantity"})
    data.pop("related_weapon", None)  # a CONCERNS edge
    route = f"{event.supplier} → {event.recipient}"
    period = statement.period
    when = (period.start or period.text) if period else None
    caption = f"{route} {event.kind.value}" + (f" {when}" if when else "")
    props = {
        "kind": event.kind.value,
        "caption": caption,
        # Copies of the SENT/TO ends, for the (supplier, id) indexes the path search reads.
        "supplier_id": event.supplier,
        "recipient_id": event.recipient,
        **data,
        **_period_props(statement.period),
    }
    if isinstance(statement, DeploymentStatement):
        props |= _quantity_props(statement.quantity, "quantity_")
    return _node_row(event.id, props)


def item_rows(event: TransferEvent) -> list[Row]:
    statement = event.statement
    if not isinstance(statement, ShipmentStatement):
        return []
    return [
        {
            "start": event.id,
            "end": item.weapon,
            "props": {"position": i, "description": item.description}
            | _quantity_props(item.quantity),
        }
        for i, item in enumerate(statement.items)
    ]


def event_from(record: Mapping[str, Any]) -> TransferEvent:
    props = record["props"]
    kind = EventKind(props["kind"])
    common: dict[str, Any] = {
        "supplier": _one(record["supplier"]),
        "recipient": _one(record["recipient"]),
        "period": _period_from(props),
        "flow": props.get("flow"),
    }
    statement: EventStatement
    if kind is EventKind.SHIPMENT:
        items = sorted(record["items"], key=lambda c: c["position"])
        lines = [
            {
                "weapon": c["weapon"],
                "quantity": _quantity_from(c),
                "description": c.get("description"),
            }
            for c in items
        ]
        statement = ShipmentStatement.model_validate(
            {
                **common,
                "items": lines,
                **_lists(props, "transport", "ports", "vessels"),
            }
        )
    elif kind is EventKind.DEPLOYMENT:
        statement = DeploymentStatement.model_validate(
            {
                **common,
                "personnel": props["personnel"],
                "quantity": _quantity_from(props, "quantity_"),
                "role": props.get("role"),
            }
        )
    else:
        statement = AssistanceStatement.model_validate(
            {
                **common,
                **{k: props.get(k) for k in ("assistance", "subject", "related_category")},
                "related_weapon": _one(record["related_weapon"]),
            }
        )
    return TransferEvent(
        id=props["id"], kind=kind, statement=statement, claims=sorted(record["claims"])
    )


# --- claims -----------------------------------------------------------------------------------

_CLAIM_SCALARS = (
    "key",
    "source",
    "locator",
    "quote",
    "quote_kind",
    "asserted_by",
    "confidence",
    "grade_basis",
    "reliability",
    "credibility",
    "reported",
    "note",
)


def claim_row(claim: Claim) -> Row:
    # only the scalars: dumping the whole claim (statement, record) cost a 30,000-row
    # register's write seconds of Python for fields read from the model below
    props: dict[str, Any] = claim.model_dump(mode="json", include=set(_CLAIM_SCALARS))
    kind = claim.event_kind
    props["statement"] = kind.value if kind else "breach"
    props["caption"] = claim.key or _caption(claim.quote)
    breach = claim.breach
    for name in ("states", "resolutions", "provisions", "flows"):
        props[f"breach_{name}"] = list(getattr(breach, name)) if breach else None
    props |= _record_props(claim.record)
    return _node_row(claim.id, props)


def _record_props(record: RegisterRecord | None) -> dict[str, Any]:
    """A register row is read back from its JSON; the flat copies are for Cypher users."""
    if record is None:
        return dict.fromkeys(_RECORD_PROPS)
    return {
        "record_json": record.model_dump_json(),
        "record_register": record.register_name,
        "record_file": record.file,
        "record_line": record.line,
        "record_status": record.status.value if record.status else None,
        "record_uncertain": record.uncertain,
    }


_RECORD_PROPS = (
    "record_json",
    "record_register",
    "record_file",
    "record_line",
    "record_status",
    "record_uncertain",
)


def supports_row(claim: Claim, event: TransferEvent) -> Row:
    """The SUPPORTS edge keeps the claim's own statement only where it differs from the
    event's (statements that differ in white space alone share an event id)."""
    own = claim.event
    differs = own is not None and own != event.statement
    return {
        "start": claim.id,
        "end": event.id,
        "props": {"statement_json": own.model_dump_json() if differs and own else None},
    }


def shared_statement_events(claim_records: Iterable[Mapping[str, Any]]) -> set[str]:
    """The events whose statement a claim (a ``cypher.GET_CLAIMS`` record) shares: those
    claims keep no statement of their own, so ``claim_from`` needs the event."""
    return {
        link["event"]
        for r in claim_records
        for link in r["supports"]
        if link["statement_json"] is None
    }


def claim_from(record: Mapping[str, Any], events: Mapping[str, TransferEvent]) -> Claim:
    props = record["props"]
    data: dict[str, Any] = {k: props.get(k) for k in _CLAIM_SCALARS}
    row_json = props.get("record_json")  # a register row (``record`` is the query's)
    data["record"] = RegisterRecord.model_validate_json(row_json) if row_json else None
    kind = props["statement"]
    if kind == "breach":
        names = ("states", "resolutions", "provisions", "flows")
        lists = _lists(props, *(f"breach_{name}" for name in names))
        data["breach"] = BreachStatement.model_validate(
            {name: lists[f"breach_{name}"] for name in names}
        )
    else:
        link = _one(record["supports"])
        if link["statement_json"] is not None:
            data[kind] = json.loads(link["statement_json"])
        else:
            data[kind] = events[link["event"]].statement
    # the node is keyed by the hash of this content (``claim_row``): 8 % of a cold /paths
    return Claim.model_validate(data).stored_as(props["id"])


# --- breaches ---------------------------------------------------------------------------------


def breach_row(breach: Breach) -> Row:
    data = _dump(breach)
    caption = breach.rule or breach.basis.value
    props = {
        "basis": data["basis"],
        "rule": data["rule"],
        "explanation": data["explanation"],
        "matched_json": json.dumps(data["matched"], sort_keys=True, ensure_ascii=False),
        "caption": f"{caption}: {breach.provision or breach.resolution or ''}".rstrip(": "),
    }
    return _node_row(breach.id, props)


def _by_position(pairs: Sequence[Sequence[Any]]) -> list[str]:
    return [ident for _, ident in sorted(pairs, key=lambda p: p[0])]


def breach_from(record: Mapping[str, Any]) -> Breach:
    props = record["props"]
    return Breach.model_validate(
        {
            "id": props["id"],
            "basis": props["basis"],
            "states": _by_position(record["states"]),
            "provision": _one(record["provision"]),
            "resolution": _one(record["resolution"]),
            "events": _by_position(record["events"]),
            "claims": _by_position(record["claims"]),
            "rule": props.get("rule"),
            "explanation": props["explanation"],
            "matched": json.loads(props["matched_json"]),
        }
    )


# --- plain values for the read-only Cypher endpoint -------------------------------------------


def plain(value: Any) -> Any:
    """A Neo4j result value as JSON-ready Python (nodes and edges as property maps)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "_type": value.type,
            "_start": start.get("id") if start is not None else None,
            "_end": end.get("id") if end is not None else None,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.iso_format()
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value
