"""Equal parts of register claims built once and shared: a row's memory is what is its own.

A validated claim of a register row is about 25 pydantic models (16 of them its cells), and
each model costs some 500 bytes besides its values (its ``__dict__`` and its fields-set),
so the claims of a 30,000-row file took about 480 MiB while the planner held them
(BENCHMARKS.md, "Register import memory bounded per row"). Most of those models recur: a
cell ``status: New``, a quantity ``12 fighter aircraft``, a delivery in 2004. Models are
frozen, so one instance can stand in every claim that has an equal one; pydantic keeps a
model instance given for a field of its class as it is (``revalidate_instances`` is
"never").

``Shared.model`` builds a model from its fields once and hands out the same instance
afterwards; values the model rejects are handed back as data, so the claim's validation
reports them at their place in the claim, as before. The table is bounded: when it is full
it starts again (a file's rare values are not worth keeping; a server importing many files
does not grow). ``Shared.fields_sets`` gives the models a claim has of its own the
fields-set their equals have (pydantic keeps one set per instance).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from armsgraph.core.model_records import RegisterCell

M = TypeVar("M", bound=BaseModel)

LIMIT = 50_000  # entries; each costs its model (~0.5 KiB) and a key


class Shared:
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._made: dict[tuple[Any, ...], BaseModel] = {}
        self._cells: dict[tuple[str, str], RegisterCell] = {}
        # a few dozen: one per model class and combination of fields given
        self._sets: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}
        self._set_ids: set[int] = set()  # of the sets in ``_sets``, which keeps them alive

    def model(self, cls: type[M], **fields: Any) -> M | dict[str, Any]:
        """The one ``cls`` instance with these fields (hashable values), or ``fields``
        themselves when the model refuses them."""
        # the types too: 1, 1.0 and True are equal keys but not equal fields
        key = (cls, *fields, *fields.values(), *map(type, fields.values()))
        found = self._made.get(key)
        if found is None:
            try:
                found = cls.model_validate(fields)
            except ValidationError:
                return fields
            if len(self._made) >= self.limit:
                self._made.clear()
            self._made[key] = found
        return found  # type: ignore[return-value]  # the key starts with cls

    def cell(self, header: str, value: str) -> RegisterCell:
        """``model(RegisterCell, ...)`` for the 16 cells of every row, keyed by the two
        strings alone (a cell takes any strings)."""
        key = (header, value)
        found = self._cells.get(key)
        if found is None:
            if len(self._cells) >= self.limit:
                self._cells.clear()
            found = self._cells[key] = RegisterCell(header=header, value=value)
        return found

    def fields_sets(self, model: BaseModel) -> None:
        """Give ``model`` and the models in it the one fields-set of their class with those
        fields (a claim's is a 728-byte set; 2.7 KiB a register claim in all). Safe for
        frozen models only, which every domain model is: pydantic reads the set (for
        ``exclude_unset``) and copies it before changing it (``model_copy``)."""
        if id(model.__pydantic_fields_set__) in self._set_ids:
            return  # done before (a shared model): so are the models in it
        key = (type(model), frozenset(model.__pydantic_fields_set__))
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = model.__pydantic_fields_set__
            self._set_ids.add(id(found))
        object.__setattr__(model, "__pydantic_fields_set__", found)
        done = self._set_ids
        for value in model.__dict__.values():
            if isinstance(value, BaseModel):
                if id(value.__pydantic_fields_set__) not in done:
                    self.fields_sets(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel) and id(item.__pydantic_fields_set__) not in done:
                        self.fields_sets(item)

    def __len__(self) -> int:
        return len(self._made) + len(self._cells)


SHARED = Shared()  # one per process: its models are immutable, so imports may share them
