"""Splitting a long listing into numbered pages, and which page numbers a reader is offered."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pages:
    """Where one page sits among the pages of a listing (numbered from 1)."""

    number: int
    count: int

    @property
    def previous(self) -> int | None:
        """The page before this one, if any."""
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        """The page after this one, if any."""
        return self.number + 1 if self.number < self.count else None

    def window(self, around: int = 2) -> list[int | None]:
        """The numbers to link to: first, last and a few either side of this one; None marks a gap.

        A category of 5,000 articles has 100 pages; linking every one would make each page's
        navigation as long as the listing, so far-away pages are reached through the nearer ones.
        """
        shown = sorted({1, self.count, *range(max(1, self.number - around),
                                              min(self.count, self.number + around) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - (numbers[-1] or 0) == 2:
                numbers.append(number - 1)  # a gap of one page is shown as that page, not as "…"
            elif numbers and number - (numbers[-1] or 0) > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers


def page_count(total: int, size: int) -> int:
    """How many pages `total` items fill at `size` a page; an empty listing still has page 1."""
    return max(1, -(-total // size))


def page_of(items: Sequence[T], number: int, size: int) -> tuple[Pages, Sequence[T]] | None:
    """Page `number` of `items` with its place among the pages, or None when there is no such page."""
    count = page_count(len(items), size)
    if not 1 <= number <= count:
        return None
    start = (number - 1) * size
    return Pages(number, count), items[start:start + size]
