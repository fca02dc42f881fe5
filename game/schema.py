"""Structural checks of YAML files with JSON Schema (jsonschema), reported as file:line problems.

jsonschema already knows types, required keys, enums and ranges; we only translate its
errors into words an author understands and point at the line."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import jsonschema

from game.problems import Problem, did_you_mean
from game.yamlio import line_of


def _line_for(data: Any, path: list) -> int | None:
    node, line = data, line_of(data)
    for key in path:
        line = line_of(node, key) or line
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line


def _error_path(error: jsonschema.ValidationError) -> list:
    """Path to the offending node; for an unknown key, the key itself (its line is the useful one)."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        path += extras[:1]
    return path


def _where(path: list) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _words(error: jsonschema.ValidationError) -> str:
    field = _where(list(error.absolute_path))
    prefix = f"'{field}': " if field else ""
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = sorted(set(error.instance) - set(allowed))
        return "; ".join(f"unknown key '{k}'{did_you_mean(k, allowed)} (allowed: {', '.join(allowed)})" for k in extras)
    if error.validator == "required":
        return f"{prefix}missing required key {error.message.split(' is a required')[0]}"
    if error.validator == "type":
        return f"{prefix}{error.instance!r} should be {_a(error.validator_value)}"
    if error.validator == "enum":
        return f"{prefix}{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}{did_you_mean(error.instance, map(str, error.validator_value))}"
    if error.validator in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return f"{prefix}{error.instance!r} is out of range ({error.message.split(' is ', 1)[1]})"
    if error.validator == "pattern":
        return f"{prefix}{error.instance!r} has the wrong form ({error.schema.get('description', 'see the docs')})"
    if error.validator == "minItems":
        return f"{prefix}needs at least {error.validator_value} item(s)"
    if error.validator == "oneOf":
        return f"{prefix}{error.schema.get('description', error.message)}"
    return f"{prefix}{error.message}"


def _a(kind: Any) -> str:
    names = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
             "object": "a mapping of keys (key: value)", "array": "a list (lines starting with '-')"}
    kinds = kind if isinstance(kind, list) else [kind]
    return " or ".join(names.get(k, k) for k in kinds)


def check(data: Any, schema: Mapping, path: Path) -> list[Problem]:
    """Every structural problem of data against schema, as file:line problems, in line order."""
    validator = jsonschema.Draft202012Validator(schema)
    problems = [Problem(path, _line_for(data, _error_path(e)) or 1, _words(e)) for e in validator.iter_errors(data)]
    return sorted(problems, key=lambda p: p.line or 0)
