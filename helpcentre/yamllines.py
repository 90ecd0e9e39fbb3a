"""Where in an editor's YAML file something is: the line of a node, of a syntax error, of a bad value.

Front matter, support.yml and devices.yml are composed into nodes rather than loaded, so every
problem can name the line to fix. `first_line` is the file line the YAML text starts on (front
matter starts on line 2, below its `---`).
"""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node

from .problems import Problem


def line_of(node: Node | None, first_line: int = 1) -> int:
    """The file line a node starts on; `first_line` for no node (an empty document)."""
    return first_line + node.start_mark.line if node is not None else first_line


def yaml_problem(error: yaml.YAMLError, text: str, path: str = "", first_line: int = 1) -> Problem:
    """The problem for YAML that cannot be parsed, on the line an editor should look at."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "stream end" in str(error.problem):
            mark = error.context_mark  # an unclosed bracket: point at where it opened
        line = first_line + (mark.line if mark else 0)
        return Problem(path, line, f"invalid YAML: {error.problem or error.context or error}")
    if isinstance(error, yaml.reader.ReaderError):  # a control character: YAML refuses the whole text
        line = first_line + text.count("\n", 0, error.position)
        return Problem(path, line, f"invalid YAML: {error.reason} (character #x{error.character:04x})")
    return Problem(path, first_line, f"invalid YAML: {error}")  # unmarked: it names no place in the file


def bad_value_line(node: Node | None, first_line: int = 1) -> int:
    """The line of the first mapping value PyYAML cannot turn into a Python value (such as 2024-02-30)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            try:
                yaml.SafeLoader("").construct_object(value, deep=True)
            except ValueError:
                return line_of(key, first_line)
    return first_line
