"""A small validator for the subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that
api/openapi.py writes (jsonschema is not installed). An unknown keyword fails, so the document
cannot use a feature this validator would silently skip."""

import re
from datetime import datetime

KNOWN = {
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "oneOf",
    "format",
    "description",
    "default",
}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def errors(value, schema: dict, doc: dict, where: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (refs resolved in `doc`), as readable lines."""
    unknown = set(schema) - KNOWN
    if unknown:
        return [f"{where}: keyword(s) the validator does not know: {sorted(unknown)}"]
    if "$ref" in schema:
        node = doc
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        return errors(value, node, doc, where)
    if "oneOf" in schema:
        passing = [s for s in schema["oneOf"] if not errors(value, s, doc, where)]
        return [] if len(passing) == 1 else [f"{where}: {len(passing)} of oneOf match {value!r}"]
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(TYPES[t](value) for t in types):
            return [f"{where}: {value!r} is not {types}"]
    out = [f"{where}: {value!r} not in {schema['enum']}"] if "enum" in schema and value not in schema["enum"] else []
    if isinstance(value, str):
        out += _string(value, schema, where)
    if isinstance(value, int | float) and not isinstance(value, bool):
        out += _number(value, schema, where)
    if isinstance(value, dict):
        out += _object(value, schema, doc, where)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += errors(v, schema["items"], doc, f"{where}[{i}]")
    return out


def _number(value, schema: dict, where: str) -> list[str]:
    out = []
    if "minimum" in schema and value < schema["minimum"]:
        out.append(f"{where}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        out.append(f"{where}: {value} > {schema['maximum']}")
    return out


def _string(value: str, schema: dict, where: str) -> list[str]:
    out = []
    if "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if schema.get("format") == "date-time":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            out.append(f"{where}: {value!r} is no date-time")
    return out


def _object(value: dict, schema: dict, doc: dict, where: str) -> list[str]:
    props = schema.get("properties", {})
    out = [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
    if schema.get("additionalProperties") is False:
        out += [f"{where}: unexpected {k}" for k in value if k not in props]
    for k, v in value.items():
        if k in props:
            out += errors(v, props[k], doc, f"{where}.{k}")
    return out
