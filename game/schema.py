"""Structural checks of YAML files with JSON Schema (jsonschema), reported as file:line problems.

jsonschema already knows types, required keys, enums and ranges; we only translate its
errors into words an author understands and point at the line. Before that, `read_as_meant`
reads each unquoted value the way the schema means it (`title: 1999` is text, `gold: yes` is
true), refuses numbers the game cannot use (.nan, .inf) and names the line of anything YAML
tools disagree on (YAML 1.1 reads on/off/yes/no as true/false and 1:30 as 90)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import yaml

from game.problems import Problem, did_you_mean
from game.yamlio import line_of, plain_text, read_scalar

# An id (member, pose): letters of any script, digits, - and _; no capitals, no spaces.
ID_PATTERN = r"^(?!.*[A-Z])[^\W_][\w-]*$"
ID = {"type": "string", "pattern": ID_PATTERN, "maxLength": 64,
      "description": "lower-case letters (any language), digits, - and _, like ari or 지우"}
YAML11_BOOLS = {"y", "yes", "n", "no", "on", "off"}  # compared lower-case
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")


def yaml_reads_unquoted(text: str) -> str | None:
    """What some YAML reader (1.1, as PyYAML and many editors, or 1.2) makes of `text` written
    without quotes when it is not the text itself ('false', 'the number 90', 'nothing'), else None.
    An id for which this is not None can only be used quoted in a chart."""
    if text.lower() in YAML11_BOOLS:
        return f"{'true' if text.lower() in ('y', 'yes', 'on') else 'false'} (YAML reads on/off/yes/no as true/false)"
    try:
        values = [yaml.safe_load(f"- {text}")[0], read_scalar(text)]  # YAML 1.1 (PyYAML, many tools), and ours
    except (yaml.YAMLError, TypeError, IndexError):
        return "something other than text"
    value = next((v for v in values if not isinstance(v, str)), text)
    if isinstance(value, str):
        return None
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    return f"the number {value:g}" if isinstance(value, (int, float)) else f"a {type(value).__name__}"


def _types(schema: Mapping | None) -> set[str]:
    if not schema:
        return set()
    kinds = schema.get("type", [])
    kinds = {kinds} if isinstance(kinds, str) else set(kinds)
    for alt in [*schema.get("oneOf", ()), *schema.get("anyOf", ())]:
        kinds |= _types(alt)
    if "enum" in schema:
        kinds |= {"string" if isinstance(v, str) else "other" for v in schema["enum"]}
    return kinds


@dataclass
class Validation:
    """What validate() found: errors (the file cannot be used), warnings, and the paths of the errors."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    bad_paths: list[tuple] = field(default_factory=list)


def read_as_meant(data: Any, schema: Mapping | None, path: Path, found: Validation, where: tuple = ()) -> None:
    """Walk data beside its schema, in place: unquoted values become what the schema wants where
    that is what was typed; non-finite numbers and base-60 look-alikes are errors; YAML 1.1 booleans
    kept as text are warnings. Linear in the size of data."""
    if isinstance(data, dict):
        props = (schema or {}).get("properties", {})
        extra = (schema or {}).get("additionalProperties")
        children = [(k, props.get(k, extra if isinstance(extra, dict) else None)) for k in list(data)]
    elif isinstance(data, list):
        children = [(i, (schema or {}).get("items")) for i in range(len(data))]
    else:
        return
    for key, sub in children:
        data[key] = _read_value(data, key, sub, path, found, where + (key,))
        read_as_meant(data[key], sub, path, found, where + (key,))


def _read_value(parent: Any, key: Any, schema: Mapping | None, path: Path, found: Validation, where: tuple) -> Any:
    value = parent[key]
    line = line_of(parent, key)
    if isinstance(value, float) and not math.isfinite(value):
        found.errors.append(Problem(path, line, f"'{_where(list(where))}': {plain_text(parent, key)} is not a number the "
                                                "game can use; write an ordinary number like 1.5"))
        found.bad_paths.append(where)
        return value
    text = plain_text(parent, key)
    kinds = _types(schema)
    if text is None or not kinds:
        return value
    field_name = _where(list(where))
    if value is None and text == "" and "string" in kinds:
        found.errors.append(Problem(path, line, f"'{field_name}' has no value: write one (a value starting with # must be "
                                                f"in quotes, like \"#ff5fa2\", or YAML reads it as a comment)"))
        found.bad_paths.append(where)
        return value
    if kinds == {"string"} and isinstance(value, (bool, int, float, type(None))):
        value = text  # `title: 1999`, `id: true`: the schema wants text, so the typed text it is
    if isinstance(value, str) and value.lower() in YAML11_BOOLS:
        if "boolean" in kinds and "string" not in kinds:
            meant = value.lower() in ("y", "yes", "on")
            found.warnings.append(Problem(path, line, f"'{field_name}': {value} is read as {str(meant).lower()}, but YAML "
                                                      f"tools disagree on on/off/yes/no; write {str(meant).lower()}", "warning"))
            return meant
        found.warnings.append(Problem(path, line, f"'{field_name}': {value} is read as the text '{value}' here, but YAML "
                                                  f"1.1 tools read on/off/yes/no without quotes as true/false; "
                                                  f"put it in quotes: \"{value}\"", "warning"))
    elif isinstance(value, str) and _SEXAGESIMAL.match(value) and kinds & {"number", "integer"} and "string" not in kinds:
        sixties = yaml.safe_load(value)
        found.errors.append(Problem(path, line, f"'{field_name}': {value} is not a number here (YAML 1.1 would read it "
                                                f"as {sixties:g}, in base 60); write the number of seconds or beats "
                                                f"itself, like {sixties:g} for {value.replace(':', ' min ', 1)} s"))
        found.bad_paths.append(where)
    elif isinstance(value, int) and re.fullmatch(r"[-+]?0[0-9]+", text):
        found.warnings.append(Problem(path, line, f"'{field_name}': {text} is read as {value}, but YAML 1.1 tools read a "
                                                  f"leading 0 as octal; write {value}", "warning"))
    return value


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
        return _range_words(field, error)
    if error.validator == "pattern":
        return f"{prefix}{error.instance!r} has the wrong form ({error.schema.get('description', 'see the docs')})"
    if error.validator == "maxLength":
        return f"{prefix}{len(error.instance):,} characters; at most {error.validator_value} fit on screen, shorten it"
    if error.validator == "minLength":
        return f"{prefix}is empty; write something"
    if error.validator == "maxItems":
        return f"{prefix}{len(error.instance):,} items; at most {error.validator_value:,}"
    if error.validator == "minItems":
        return f"{prefix}needs at least {error.validator_value} item(s)"
    if error.validator == "oneOf":
        return f"{prefix}{error.schema.get('description', error.message)}"
    return f"{prefix}{error.message}"


_BOUND = {"minimum": "{} or more", "exclusiveMinimum": "more than {}", "maximum": "{} or less",
          "exclusiveMaximum": "less than {}"}


def _range_words(field: str, error: jsonschema.ValidationError) -> str:
    """"'cues[2].hold' must be more than 0 (beats); it is -2": the allowed range in plain words,
    with the schema's `unit` (an annotation jsonschema ignores) when it gives one."""
    schema = error.schema
    bounds = [_BOUND[k].format(f"{schema[k]:g}") for k in _BOUND if k in schema]
    both = "minimum" in schema and "maximum" in schema
    allowed = f"from {schema['minimum']:g} to {schema['maximum']:g}" if both else " and ".join(bounds)
    unit = f" ({schema['unit']})" if schema.get("unit") else ""
    name = f"'{field}'" if field else "the value"
    return f"{name} must be {allowed}{unit}; it is {error.instance!r}"


def _a(kind: Any) -> str:
    names = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
             "object": "a mapping of keys (key: value)", "array": "a list (lines starting with '-')"}
    kinds = kind if isinstance(kind, list) else [kind]
    return " or ".join(names.get(k, k) for k in kinds)


def validate(data: Any, schema: Mapping, path: Path) -> Validation:
    """Read data as meant (in place, see read_as_meant), then every structural problem of it
    against schema: errors and warnings as file:line problems in line order, with their paths."""
    found = Validation()
    read_as_meant(data, schema, path, found)
    validator = jsonschema.Draft202012Validator(schema)
    already = set(found.bad_paths)  # named by read_as_meant in the author's words; jsonschema would repeat it
    for error in validator.iter_errors(data):
        if tuple(error.absolute_path) in already:
            continue
        found.errors.append(Problem(path, _line_for(data, _error_path(error)) or 1, _words(error)))
        found.bad_paths.append(tuple(error.absolute_path))
    found.errors.sort(key=lambda p: p.line or 0)
    found.warnings.sort(key=lambda p: p.line or 0)
    return found


def check(data: Any, schema: Mapping, path: Path) -> list[Problem]:
    """Every structural error of data against schema, as file:line problems, in line order."""
    return validate(data, schema, path).errors
