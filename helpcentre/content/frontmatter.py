"""Reading one content file: YAML front matter, its line numbers, and the Markdown body."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from ..yamllines import bad_value_line, line_of, yaml_problem
from .model import Problem

FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str, "summary": str, "order": int, "related": list, "draft": bool, "updated": date,
}
REQUIRED = ("title",)
STRING_TAG = "tag:yaml.org,2002:str"
# libyaml when PyYAML was built with it (about ten times faster), else the pure-Python loader.
FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """A content file split into validated front matter and body."""

    meta: dict[str, Any]
    lines: dict[str, int]  # front-matter key -> its line in the file
    body: str
    body_line: int  # the file line the body starts on


class ContentError(Exception):
    """A problem that stops a file from being published."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message

    def __reduce__(self) -> tuple[type[ContentError], tuple[int, str]]:
        # Pickled back from the processes that render a cold library in parallel.
        return ContentError, (self.line, self.message)


def yaml_mapping(text: str, first_line: int = 1) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML that must be a mapping; return it with each key's line number."""
    try:
        # One pass with libyaml composes the nodes (they carry the lines) and builds the values.
        return _mapping(text, first_line, FAST_LOADER)
    except ContentError:
        if FAST_LOADER is yaml.SafeLoader:
            raise
    # A problem: ask the pure-Python loader again, so messages and lines are PyYAML's own
    # wherever libyaml words them differently (and it has the last word on what is valid).
    return _mapping(text, first_line, yaml.SafeLoader)


def _mapping(text: str, first_line: int, loader_class: type[Any]) -> tuple[dict[str, Any], dict[str, int]]:
    node = None
    try:
        loader = loader_class(text)  # the pure-Python reader refuses control characters right here
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        problem = yaml_problem(error, text, first_line=first_line)
        raise ContentError(problem.line, problem.message) from None
    except ValueError as error:  # a well-formed but impossible value, such as 2024-02-30
        raise ContentError(bad_value_line(node, first_line), f"invalid value: {error}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(first_line, "expected `key: value` lines")
    lines = {str(k.value): line_of(k, first_line) for k, _ in node.value}
    odd = [k for k, _ in node.value if not (isinstance(k, yaml.ScalarNode) and k.tag == STRING_TAG)]
    if odd or not all(isinstance(key, str) and key in lines for key in data):
        raise ContentError(line_of(odd[0] if odd else None, first_line), "each key must be a plain word, like `title:`")
    return data, lines


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split `---` fenced front matter from the body; return (yaml, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(1, "missing front matter: start the file with a `---` line, then `title: …`, then `---`")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    raise ContentError(1, "front matter is not closed: add a `---` line after it")


def _check_field(key: str, value: Any, line: int) -> list[Problem]:
    expected = FIELDS[key]
    if isinstance(value, bool) and expected is int:
        return [Problem("", line, f"`{key}` must be a whole number")]
    if not isinstance(value, expected):
        names = {str: "text", int: "a whole number", list: "a list of article slugs",
                 bool: "true or false", date: "a date like 2026-11-29"}
        return [Problem("", line, f"`{key}` must be {names[expected]}")]  # type: ignore[index]
    if isinstance(value, list) and not all(isinstance(s, str) for s in value):
        return [Problem("", line, "`related` must be a list of article slugs")]
    if isinstance(value, str) and key == "title" and not value.strip():
        return [Problem("", line, "`title` must not be empty")]
    return []


def parse_document(text: str) -> tuple[Document, list[Problem]]:
    """Parse an article file; raise ContentError when it cannot be published at all.

    Problems that leave the article publishable (an unknown key, say) come back as a
    list, with an empty path for the caller to fill in.
    """
    front, body, body_line = split_front_matter(text)
    meta, lines = yaml_mapping(front, first_line=2)
    problems: list[Problem] = []
    for key in list(meta):
        if key not in FIELDS:
            problems.append(Problem("", lines[key], f"unknown front matter key `{key}` (known: {', '.join(FIELDS)})"))
            del meta[key]
        elif errors := _check_field(key, meta[key], lines[key]):
            if key in REQUIRED:
                raise ContentError(errors[0].line, errors[0].message)
            problems.extend(errors)
            del meta[key]
    for key in REQUIRED:
        if key not in meta:
            raise ContentError(1, f"missing `{key}` in the front matter")
    if not body.strip():
        raise ContentError(body_line, "the article has no body: write its text below the front matter")
    return Document(meta, lines, body, body_line), problems
