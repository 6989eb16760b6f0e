"""Request bodies the handlers read themselves, documented with the domain model's schema.

``POST /claims`` takes a claim file as JSON and validates it like a file on disk (names
resolved against the store, problems located by field), so FastAPI sees only a mapping.
Its OpenAPI body is still the authoring format's JSON Schema, generated from
``core.model.ClaimFile``: clients and schemathesis see what the endpoint accepts.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, WithJsonSchema

from armsgraph.core.model import ClaimFile

# Input schemas get FastAPI's own "-Input" suffix: the response models' Period or Quantity
# (serialisation mode) differ from the authoring ones and keep their names.
_SUFFIX = "-Input"
REQUEST_MODELS: dict[str, type[BaseModel]] = {"ClaimFile": ClaimFile}


def schema_of(name: str) -> WithJsonSchema:
    """Annotate a body parameter read as a mapping: its schema is ``REQUEST_MODELS[name]``."""
    return WithJsonSchema({"$ref": f"#/components/schemas/{name}{_SUFFIX}"})


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            template = "#/components/schemas/{model}" + _SUFFIX
            for name, model in REQUEST_MODELS.items():
                body = model.model_json_schema(ref_template=template)
                for def_name, definition in body.pop("$defs", {}).items():
                    components[def_name + _SUFFIX] = definition
                components[name + _SUFFIX] = body
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
