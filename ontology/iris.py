"""The IRI scheme: one deterministic IRI per id, one named graph per source document.

With the default base ``https://w3id.org/armsgraph/``:

- a resource with an id (state, weapon system, resolution, provision, source, claim,
  transfer, breach) is ``<base>id/<id>``, e.g. ``.../id/PRK``, ``.../id/clm-0a1b...``;
- a structured value belongs to its owner as a fragment, e.g. ``.../id/clm-...#statement``,
  ``.../id/shp-...#item/0/quantity``, ``.../id/brc-...#inference``;
- an agent (who asserts a claim, who publishes a source) is ``<base>id/agent/<name>``, the
  name percent-encoded, so the IRI is exact and reversible;
- named graphs: ``<base>graph/<source-id>`` per source document (the source, its claims and
  what they state), ``<base>graph/reference`` (states, weapon systems, resolutions,
  provisions) and ``<base>graph/derived`` (transfer events and breaches).

The vocabulary itself lives at ``https://w3id.org/armsgraph/ontology#`` whatever the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from pyoxigraph import NamedNode

DEFAULT_BASE = "https://w3id.org/armsgraph/"
RESERVED_GRAPHS = frozenset({"reference", "derived"})


@dataclass(frozen=True)
class IriScheme:
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith("/") or "://" not in self.base:
            raise ValueError(f"the base IRI must be absolute and end with '/', got {self.base!r}")

    @property
    def id_prefix(self) -> str:
        return f"{self.base}id/"

    def entity(self, ident: str) -> NamedNode:
        return NamedNode(self.id_prefix + ident)

    def part(self, owner: NamedNode, *path: str | int) -> NamedNode:
        """A structured value of ``owner``: ``<owner>#a/b/0``."""
        return NamedNode(owner.value + "#" + "/".join(str(p) for p in path))

    def agent(self, name: str) -> NamedNode:
        return NamedNode(f"{self.id_prefix}agent/{quote(name, safe='')}")

    def source_graph(self, source_id: str) -> NamedNode:
        if source_id in RESERVED_GRAPHS:
            raise ValueError(f"source id {source_id!r} is reserved for a named graph")
        return NamedNode(f"{self.base}graph/{source_id}")

    @property
    def reference_graph(self) -> NamedNode:
        return NamedNode(f"{self.base}graph/reference")

    @property
    def derived_graph(self) -> NamedNode:
        return NamedNode(f"{self.base}graph/derived")

    @property
    def reasoner(self) -> NamedNode:
        return self.agent("armsgraph reasoner")

    def ident(self, node: NamedNode) -> str:
        """The id of ``<base>id/<id>``; anything else is an error."""
        value = node.value
        if not value.startswith(self.id_prefix) or "#" in value:
            raise ValueError(f"{value} is not an armsgraph resource IRI")
        return value[len(self.id_prefix) :]

    def agent_name(self, node: NamedNode) -> str:
        prefix = f"{self.id_prefix}agent/"
        if not node.value.startswith(prefix):
            raise ValueError(f"{node.value} is not an armsgraph agent IRI")
        return unquote(node.value[len(prefix) :])
