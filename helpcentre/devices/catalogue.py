"""The device models editors list in `content/devices.yml`, read with the line of every problem."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from ..yamllines import line_of, yaml_problem

KEYS = ("id", "name", "warranty_months", "serial_pattern", "release_date")
MAX_WARRANTY_MONTHS = 120  # keeps warranty end dates far from date.max, and catches typos like 240
MAX_ID_LENGTH = 100  # the length of registered_devices.model_id
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class DeviceModel:
    """One device model members can register: its warranty length and serial number format."""

    id: str
    name: str
    warranty_months: int
    serial_pattern: re.Pattern[str]
    release_date: date


Catalogue = dict[str, DeviceModel]  # by id, in the file's order (the order of the form's choices)


def _slug(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        return None, f"`id` must be at most {MAX_ID_LENGTH} characters long"
    if isinstance(value, str) and SLUG.fullmatch(value):
        return value, None
    return None, "`id` must be a slug: lower-case letters, digits and dashes, like `speaker-s2`"


def _name(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, "`name` must be text, the model's name as readers know it"


def _months(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_WARRANTY_MONTHS:
        return value, None
    return None, f"`warranty_months` must be a whole number of months from 1 to {MAX_WARRANTY_MONTHS}"


def _pattern(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not value:
        return None, "`serial_pattern` must be a regular expression in single quotes, like '^S2[A-Z0-9]{8}$'"
    try:
        return re.compile(value), None
    except re.error as error:
        return None, f"`serial_pattern` is not a valid regular expression: {error}"


def _release(value: Any) -> tuple[Any, str | None]:
    # datetime is a date too, but a time of day here is a mistake, not a release date.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value, None
    return None, "`release_date` must be a date like 2024-03-01"


CHECKS: dict[str, Callable[[Any], tuple[Any, str | None]]] = {
    "id": _slug, "name": _name, "warranty_months": _months, "serial_pattern": _pattern, "release_date": _release,
}


def load_catalogue(path: Path, shown: str | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Read devices.yml; (None, problems) when it is broken, so registration must be unavailable.

    Unknown keys are reported but leave the catalogue usable; every other problem breaks it.
    `shown` is the path as problems should print it (default: `path` as given).
    """
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(shown, 1, f"cannot read the file: {error}")]
    try:
        loader = yaml.SafeLoader(text)  # refuses a text with a control character at once
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, text, shown)]
    try:
        return _catalogue(loader, loader.get_single_node(), shown)
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, text, shown)]
    finally:
        loader.dispose()


def _catalogue(loader: yaml.SafeLoader, root: yaml.Node | None,
               shown: str) -> tuple[Catalogue | None, list[Problem]]:
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        return None, [Problem(shown, line_of(root), "expected a list of device models, each starting with `- id: …`")]
    catalogue: Catalogue = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    broken = False
    for item in root.value:
        values, lines, item_problems, fatal = _fields(loader, item, shown)
        problems += item_problems
        model_id = values.get("id")
        if model_id in first_line:
            message = f"duplicate id `{model_id}`: line {first_line[model_id]} already uses it"
            problems.append(Problem(shown, lines["id"], message))
            fatal = True
        elif model_id:
            first_line[model_id] = lines["id"]
        if fatal:
            broken = True
        else:
            catalogue[values["id"]] = DeviceModel(**values)
    return (None if broken else catalogue), problems


def _fields(loader: yaml.SafeLoader, node: yaml.Node,
            shown: str) -> tuple[dict[str, Any], dict[str, int], list[Problem], bool]:
    """One list item: its checked values, its keys' lines, its problems, and whether any is fatal."""
    start = line_of(node)
    if not isinstance(node, yaml.MappingNode):
        return {}, {}, [Problem(shown, start, "each device model must be `key: value` lines under a `- `")], True
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    fatal = False
    for key_node, value_node in _pairs(loader, node):
        key, line = str(key_node.value), line_of(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(shown, line, f"each key must be a name like `name`, one of {', '.join(KEYS)}"))
            continue
        if key not in CHECKS:
            problems.append(Problem(shown, line, f"unknown key `{key}` (known: {', '.join(KEYS)})"))
            continue
        if key in lines:
            problems.append(Problem(shown, line, f"`{key}` is given twice in this model (first on line {lines[key]})"))
            fatal = True
            continue
        lines[key] = line
        try:
            raw = loader.construct_object(value_node, deep=True)
        except (ValueError, OverflowError) as error:  # 2024-02-30 is read as a date that doesn't exist
            _, message = CHECKS[key](None)
            problems.append(Problem(shown, line, f"{message} ({error})"))
            fatal = True
            continue
        value, message = CHECKS[key](raw)
        if message:
            problems.append(Problem(shown, line, message))
            fatal = True
        else:
            values[key] = value
    for key in KEYS:
        if key not in lines:
            which = f"model `{values['id']}`" if values.get("id") else "this model"
            problems.append(Problem(shown, start, f"{which} is missing `{key}`"))
            fatal = True
    return values, lines, problems, fatal


def _pairs(loader: yaml.SafeLoader, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """The model's own key/value nodes, after those a `<<: *shared` merge brings and it doesn't override."""
    own = [(k, v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"]
    loader.flatten_mapping(node)
    keys = {str(k.value) for k, _ in own}
    inherited = {str(k.value): (k, v) for k, v in node.value if str(k.value) not in keys}
    return [*inherited.values(), *own]
