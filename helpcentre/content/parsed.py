"""What the store keeps of one content file between rescans."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Article, Category, Problem
from .render import Rendered


@dataclass
class Parsed:
    """What one file yielded, kept until the file's mtime or size changes."""

    stamp: tuple[int, int]
    problems: list[Problem]
    article: Article | None = None
    category: Category | None = None
    rendered: Rendered | None = None
    lines: dict[str, int] = field(default_factory=dict)
