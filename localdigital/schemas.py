"""JSON Schema checking of loaded records: the schemas in schemas/ are the only field list.

Every scalar arrives as a string; the schema says where a whole number or true/false is
wanted, and only there is a string turned into one. Valid records pass a compiled
fastjsonschema check (fast); a record that fails it is explained by jsonschema, which
finds every error with its path, and each error becomes a plain-English finding.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema
import jsonschema

from .content import CONTENT_TYPES, ContentType
from .loader import Loaded

_INTEGER = re.compile(r"^(0|[1-9][0-9]*)$")
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STAR = "*"


@dataclass(frozen=True)
class CompiledSchema:
    ctype: ContentType
    schema: dict
    fast: object  # a fastjsonschema validate function
    full: jsonschema.protocols.Validator
    integers: tuple[tuple, ...]  # paths (with "*" for list items) whose values are whole numbers
    booleans: tuple[tuple, ...]


class SchemaError(Exception):
    """A schema file is missing or broken (a maintainer's problem, reported in words)."""


def load_schemas(root: Path) -> dict[str, CompiledSchema]:
    """The compiled schemas of the repository at root.

    Compiling takes a good part of a second, so it is cached by the schema texts themselves:
    an edited schema is compiled afresh, and another checkout with the same schemas is not.
    """
    texts = []
    for ctype in CONTENT_TYPES:
        try:
            texts.append((root / ctype.schema_file).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"{ctype.schema_file} is missing: restore it with 'git checkout -- schemas/'") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemaError(f"{ctype.schema_file} cannot be read ({exc}): restore it with 'git checkout -- schemas/'") from None
    return _compile(tuple(texts))


@functools.lru_cache(maxsize=8)
def _compile(texts: tuple[str, ...]) -> dict[str, CompiledSchema]:
    compiled = {}
    for ctype, text in zip(CONTENT_TYPES, texts, strict=True):
        try:
            schema = json.loads(text)
            jsonschema.Draft202012Validator.check_schema(schema)
            integers: list[tuple] = []
            booleans: list[tuple] = []
            _typed_paths(schema, schema, (), integers, booleans, 0)
            fast = fastjsonschema.compile(copy.deepcopy(schema), use_formats=False)  # it rewrites $refs in place
        except (ValueError, jsonschema.SchemaError, fastjsonschema.JsonSchemaDefinitionException) as exc:
            raise SchemaError(f"{ctype.schema_file} is not a valid JSON Schema: {exc}") from None
        compiled[ctype.name] = CompiledSchema(ctype, schema, fast, jsonschema.Draft202012Validator(schema),
                                              tuple(integers), tuple(booleans))
    return compiled


def _resolve(root: dict, node: dict) -> dict:
    while "$ref" in node:
        ref = node["$ref"]
        target = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _typed_paths(root: dict, node: dict, path: tuple, integers: list, booleans: list, depth: int) -> None:
    """Collect the paths where the schema wants a whole number or true/false."""
    if depth > 12:
        return
    node = _resolve(root, node)
    kind = node.get("type")
    if kind == "integer":
        integers.append(path)
    elif kind == "boolean":
        booleans.append(path)
    for name, child in node.get("properties", {}).items():
        _typed_paths(root, child, path + (name,), integers, booleans, depth + 1)
    if "items" in node:
        _typed_paths(root, node["items"], path + (_STAR,), integers, booleans, depth + 1)


def _coerce(value: object, pattern: tuple, convert) -> object:
    if not pattern:
        return convert(value)
    head, rest = pattern[0], pattern[1:]
    if head == _STAR:
        if isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = _coerce(item, rest, convert)
    elif isinstance(value, dict) and head in value:
        value[head] = _coerce(value[head], rest, convert)
    return value


def _to_integer(value: object) -> object:
    if isinstance(value, str) and _INTEGER.match(value) and len(value) < 16:
        return int(value)
    return value


def _to_boolean(value: object) -> object:
    return _BOOLEANS.get(value, value) if isinstance(value, str) else value


def check_record(loaded: Loaded, compiled: CompiledSchema) -> bool:
    """Type the record's data by its schema and check it; add findings. True if valid."""
    data = loaded.data
    for pattern in compiled.integers:
        _coerce(data, pattern, _to_integer)
    for pattern in compiled.booleans:
        _coerce(data, pattern, _to_boolean)
    try:
        compiled.fast(data)
        return True
    except fastjsonschema.JsonSchemaValueException:
        pass
    errors = list(compiled.full.iter_errors(data))
    for error in errors:
        _explain(loaded, compiled, error)
    return not errors


# ---- turning jsonschema errors into words ---------------------------------------

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (one '- ' line per entry)",
    "object": "a group of fields (name: value lines, indented below it)",
    "null": "empty",
}


def describe(path: tuple) -> str:
    """A path as people read it: 'commitment → updates → entry 2 → date'."""
    if not path:
        return "the file"
    parts = [f"entry {p + 1}" if isinstance(p, int) else str(p) for p in path]
    return "'" + " → ".join(parts) + "'"


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a group of fields" if isinstance(value, dict) else "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _explain(loaded: Loaded, compiled: CompiledSchema, error: jsonschema.ValidationError) -> None:
    path = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint") or ""
    where = describe(path)
    value = error.instance
    if keyword == "required":
        missing = [name for name in error.validator_value if not isinstance(value, dict) or name not in value]
        for name in missing:
            prop = _resolve(compiled.schema, schema.get("properties", {}).get(name, {}))
            about = prop.get("description", "")
            inside = "" if not path else f" in {where}"
            loaded.error("schema-required", f"the required field '{name}' is missing{inside}",
                         f"add a line '{name}: ...'" + (f" ({about})" if about else ""), path)
        return
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in value:
            if name in allowed:
                continue
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            if close:
                fix = f"did you mean '{close[0]}'? Field names are lower case, with underscores"
            else:
                fix = "remove it; the fields allowed here are: " + ", ".join(allowed)
            loaded.error("schema-unknown-field", f"'{name}' is not a field of a {compiled.ctype.label}"
                         + ("" if not path else f" here ({where})"), fix, path + (name,))
        return
    if keyword == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        if value is None:
            loaded.error("schema-empty", f"{where} is empty",
                         f"fill it in with {words}, or delete the line if you do not know it", path)
            return
        if "integer" in wanted and isinstance(value, str):
            hint = hint or "write digits only, e.g. 3"
        elif "boolean" in wanted:
            hint = "write true or false"
        loaded.error("schema-type", f"{where} must be {words}, not {_shown(value)}", hint or f"write {words}", path)
        return
    if keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(value).lower(), [str(o) for o in options], n=1, cutoff=0.5)
        fix = (f"did you mean '{close[0]}'? " if close else "") + "write one of: " + ", ".join(str(o) for o in options)
        loaded.error("schema-enum", f"{where} cannot be {_shown(value)}", fix, path)
        return
    if keyword in ("anyOf", "oneOf"):
        message = schema.get("x-message") or "this value does not have any of the allowed forms"
        loaded.error("schema-form", f"{where} is not in an allowed form", message, path)
        return
    if keyword == "pattern":
        loaded.error("schema-format", f"{where} is not in the right form: {_shown(value)}",
                     hint or "check the template for an example", path)
        return
    if keyword in ("minimum", "maximum"):
        loaded.error("schema-range", f"{where} cannot be {_shown(value)}",
                     hint or f"the {'smallest' if keyword == 'minimum' else 'largest'} allowed is {error.validator_value}", path)
        return
    if keyword in ("minLength", "maxLength"):
        if keyword == "minLength":
            message = f"{where} is too short"
            fix = f"write at least {error.validator_value} characters"
        else:
            message = f"{where} is too long ({len(value)} characters)"
            fix = f"shorten it to at most {error.validator_value} characters"
        loaded.error("schema-length", message, fix, path)
        return
    if keyword in ("minItems", "maxItems"):
        loaded.error("schema-length", f"{where} has {'too few' if keyword == 'minItems' else 'too many'} entries",
                     f"give {'at least' if keyword == 'minItems' else 'at most'} {error.validator_value}", path)
        return
    if keyword == "uniqueItems":
        loaded.error("schema-duplicate", f"{where} lists the same entry twice", "remove the repeated entry", path)
        return
    loaded.error("schema-invalid", f"{where} is not valid here", hint or "compare it with the template", path)
