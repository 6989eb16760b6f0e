"""Every setting is one environment variable (prefix ARMSGRAPH_); see README "Settings"."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from armsgraph.core.errors import ConfigError

# The two backends: the embedded RDF store (ontology/) and Neo4j (graph/).
StoreKind = Literal["embedded", "neo4j"]

# What the Neo4j driver speaks: bolt:// one server; neo4j:// routing (a cluster, Aura);
# +s verifies TLS against the system's CAs, +ssc accepts a self-signed certificate.
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARMSGRAPH_", extra="ignore")

    environment: Literal["development", "production"] = Field(
        default="development", description="'production' refuses unsafe defaults."
    )
    store: StoreKind = Field(
        default="embedded", description="Which store the API and `load` use by default."
    )
    data_dir: Path = Field(
        default=Path(".armsgraph"), description="Where the embedded store and Neo4j files live."
    )
    base_iri: str = Field(
        default="https://w3id.org/armsgraph/", description="Base of every RDF IRI."
    )
    neo4j_uri: str = Field(
        default_factory=lambda: (
            f"bolt://127.0.0.1:{os.environ.get('ARMSGRAPH_NEO4J_BOLT_PORT', '7687')}"
        ),
        description="Bolt URI of Neo4j (default: the local server's port).",
    )
    neo4j_user: str | None = Field(
        default=None, description="Neo4j user (default `neo4j` when a password is set)."
    )
    neo4j_password: SecretStr | None = Field(
        default=None, description="Neo4j password (none: no auth, the local dev server)."
    )
    neo4j_database: str = Field(
        default="neo4j",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]{2,62}$",
        description="Neo4j database name (Aura and clusters may name theirs differently).",
    )
    neo4j_batch_size: int = Field(
        default=5000, gt=0, description="Rows per UNWIND batch of a Neo4j write in batches."
    )
    neo4j_atomic_rows: int = Field(
        default=200_000,
        ge=0,
        description="A versioned Neo4j write of more rows goes in batches (heap: README).",
    )
    push_user: str | None = Field(
        default=None, description="User for HTTP basic auth at the `armsgraph push` endpoint."
    )
    push_password: SecretStr | None = Field(
        default=None, description="Password for HTTP basic auth at the `armsgraph push` endpoint."
    )
    api_key: SecretStr | None = Field(
        default=None, description="Key required by POST /claims (header X-API-Key)."
    )
    query_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="Time limit for /sparql and /cypher queries, and for every Neo4j read.",
    )

    max_heavy_queries: int = Field(
        default=4,
        gt=0,
        description="Path searches and SPARQL/Cypher queries served at once (503 beyond).",
    )
    answer_cache_mb: float = Field(
        default=64,
        ge=0,
        description="Memory for API answers kept per store state (0: off; ETags stay).",
    )
    read_wait_s: float = Field(
        default=120,
        gt=0,
        description="How long a read waits for another process's write to Neo4j to end "
        "(503 beyond).",
    )
    max_body_bytes: int = Field(
        default=16 * 1024 * 1024, gt=0, description="Largest request body read (413 beyond)."
    )
    max_url_bytes: int = Field(
        default=32 * 1024, gt=0, description="Longest request URL read (414 beyond)."
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _known_scheme(cls, uri: str) -> str:
        scheme = uri.split("://", 1)[0] if "://" in uri else ""
        if scheme not in NEO4J_SCHEMES:
            known = ", ".join(f"{s}://" for s in NEO4J_SCHEMES)
            raise ValueError(f"ARMSGRAPH_NEO4J_URI {uri!r}: the scheme must be one of {known}")
        return uri

    def neo4j_auth(self) -> tuple[str, str] | None:
        """(user, password) for the driver, or None (no auth). Production refuses None:
        a server that lets anyone in is only acceptable on a developer's loopback."""
        if self.neo4j_password is None:
            if self.neo4j_user:
                raise ConfigError("ARMSGRAPH_NEO4J_USER is set but ARMSGRAPH_NEO4J_PASSWORD is not")
            if self.environment == "production":
                raise ConfigError(
                    "ARMSGRAPH_ENVIRONMENT=production: refusing to connect to Neo4j at "
                    f"{self.neo4j_uri} without credentials; set ARMSGRAPH_NEO4J_USER and "
                    "ARMSGRAPH_NEO4J_PASSWORD"
                )
            return None
        return (self.neo4j_user or "neo4j", self.neo4j_password.get_secret_value())

    @property
    def embedded_path(self) -> Path:
        return self.data_dir / "oxigraph"

    @model_validator(mode="after")
    def _safe_in_production(self) -> Settings:
        if self.environment == "production":
            if self.store == "neo4j" and not self.neo4j_password:
                raise ValueError("ARMSGRAPH_NEO4J_PASSWORD must be set in production")
            if self.api_key is None or len(self.api_key.get_secret_value()) < 16:
                raise ValueError("ARMSGRAPH_API_KEY of 16+ characters must be set in production")
        return self


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and ``overrides``, checked together (production rules
    included), or ``ConfigError`` naming each bad setting but never its value."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False, include_input=False):
            name = "_".join(str(p) for p in error["loc"]).upper()
            where = f"ARMSGRAPH_{name}: " if name else ""
            lines.append(where + error["msg"].removeprefix("Value error, "))
        raise ConfigError("; ".join(lines)) from None
