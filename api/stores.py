"""Open the configured store; the only place that knows both backends."""

from __future__ import annotations

from armsgraph.core.settings import Settings, StoreKind
from armsgraph.core.store import Store


def open_store(settings: Settings, kind: StoreKind | None = None) -> Store:
    kind = kind or settings.store
    if kind == "neo4j":
        from armsgraph.graph.neo4j_store import Neo4jStore

        user, password = settings.neo4j_auth() or (None, None)  # production: refuses None
        return Neo4jStore(
            settings.neo4j_uri,
            user,
            password,
            database=settings.neo4j_database,
            batch_size=settings.neo4j_batch_size,
            read_timeout_s=settings.query_timeout_s,
            atomic_rows=settings.neo4j_atomic_rows,
        )
    from armsgraph.ontology.rdf_store import RdfStore

    settings.embedded_path.mkdir(parents=True, exist_ok=True)
    return RdfStore(settings.embedded_path, base=settings.base_iri)


def memory_store() -> Store:
    """An embedded store in memory (answers as of a date are built in one)."""
    from armsgraph.ontology.rdf_store import RdfStore

    return RdfStore(None)
