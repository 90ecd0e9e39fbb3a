"""Read content/support.yml into a Schedule, reporting every mistake as `path:line: message`.

A missing or broken file gives no Schedule to make claims from, only problems: the site then
makes no open/closed claim, because a wrong "chat is open" is worse than none. It still shows
the usual week as text when the timezone and hours were read cleanly (the mistake is in the
closures, special hours or contact), and only "See our contact options" otherwise. The lint
command prints the problems for editors.
The YAML is composed, not loaded, so that every problem can point at its exact line.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem
from ..yamllines import line_of, yaml_problem
from .hours import DEFAULT_TIMEZONE, WEEKDAYS, Schedule, TimeRange
from .values import contact_problem, parse_date, parse_range

__all__ = ["ScheduleReading", "load_schedule", "parse_date", "parse_range", "read_schedule"]

TOP_KEYS = ("timezone", "timezone_label", "hours", "closures", "special_hours", "contact")
CONTACT_KEYS = ("chat_url", "email", "phone")

T = TypeVar("T")
# Closures or special hours: each date with its entry's node, its ranges and its reason.
Dated = dict[date, tuple[Node, tuple[TimeRange, ...], str]]


@dataclass(frozen=True)
class ScheduleReading:
    """Everything one reading of support.yml gave, including what is usable from a broken file."""

    schedule: Schedule | None  # the whole file, only when it has no problems: safe for open/closed claims
    partial: Schedule | None  # whatever could be read despite problems; never for open/closed claims
    week_is_sound: bool  # the timezone and weekly hours were read without a problem
    problems: tuple[Problem, ...]


def read_schedule(path: str | os.PathLike[str], shown: str | None = None) -> ScheduleReading:
    """Read and check support.yml, keeping what a broken file still says reliably.

    `shown` is the path as problems should print it (default: `path` as given).
    """
    name = shown or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return _unreadable(Problem(name, 1, "file not found, so no live chat hours are configured"))
    except (OSError, UnicodeDecodeError) as exc:  # no line to point at
        return _unreadable(Problem(name, 1, f"cannot read the file: {exc}"))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return _unreadable(yaml_problem(exc, text, name))
    reader = _Reader(name)
    schedule = reader.schedule(root)
    problems = tuple(sorted(reader.problems, key=lambda problem: problem.line))  # read top to bottom
    return ScheduleReading(None if problems else schedule, schedule,
                           schedule is not None and reader.week_is_sound, problems)


def load_schedule(path: str | os.PathLike[str]) -> tuple[Schedule | None, list[Problem]]:
    """Load and check support.yml; the Schedule is None unless the file has no problems."""
    reading = read_schedule(path)
    return reading.schedule, list(reading.problems)


def _unreadable(problem: Problem) -> ScheduleReading:
    """The reading of a file that gave nothing at all."""
    return ScheduleReading(None, None, False, (problem,))


def _is_null(node: Node | None) -> bool:
    """Whether a node is absent or an empty value such as `monday:` or `~`."""
    return node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null"))


class _Reader:
    """Walks the composed YAML, building the schedule and collecting every problem on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.week_is_sound = False

    def bad(self, node: Node | None, message: str) -> None:
        """Record a problem at the node's line."""
        self.problems.append(Problem(self.path, line_of(node), message))

    def ok(self, node: Node, result: T | str) -> T | None:
        """A parser's value, or None after recording the message it returned instead."""
        if isinstance(result, str):
            self.bad(node, result)
            return None
        return result

    def is_value(self, node: Node) -> bool:
        """Whether a node is a single value like "08:00-22:00"; a list or mapping there is a problem."""
        if not isinstance(node, ScalarNode):
            self.bad(node, "expected a single value here, not a list or mapping")
        return isinstance(node, ScalarNode)

    def text(self, node: Node | None) -> str:
        """A single value, stripped; "" when absent or empty, or after reporting a list or mapping."""
        if node is None or _is_null(node) or not self.is_value(node):
            return ""
        return str(node.value).strip()

    def pairs(self, node: Node | None, what: str, allowed: tuple[str, ...],
              noun: str = "key") -> dict[str, tuple[Node, Node]]:
        """A mapping's entries as lower-cased name -> (key node, value node); strays are problems."""
        if not isinstance(node, MappingNode):
            if node is not None:  # an absent or empty section is simply empty
                self.bad(node, f"{what} should be `name: value` lines")
            return {}
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value.lower() if isinstance(key, ScalarNode) else ""
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)  # not "holiday" -> "monday"
                hint = f' (did you mean "{close[0]}"?)' if close else f"; expected one of: {', '.join(allowed)}"
                self.bad(key, f'unknown {noun} "{key.value if name else "?"}" in {what}{hint}')
            elif name in found:
                self.bad(key, f'"{key.value}" is given twice in {what} (first on line {line_of(found[name][0])})')
            else:
                found[name] = (key, value)
        return found

    def schedule(self, root: Node | None) -> Schedule | None:
        """The whole file; a Schedule is built even with problems so that all of them get found."""
        if not isinstance(root, MappingNode):
            self.bad(root, "support.yml should be `name: value` lines, starting with timezone: and hours:")
            return None
        top = self.pairs(root, "support.yml", TOP_KEYS)
        section = {name: None if _is_null(value) else value for name, (_, value) in top.items()}
        if "hours" not in top:
            self.bad(root, 'no "hours:" section, so live chat would never show as open')
        tz_name = self.text(section.get("timezone")) or DEFAULT_TIMEZONE
        try:
            tz = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            tz = ZoneInfo(DEFAULT_TIMEZONE)
            self.bad(section["timezone"], f'unknown timezone "{tz_name}"; use an IANA name such as Europe/London')
        label = self.text(section.get("timezone_label"))
        days = self.pairs(section.get("hours"), "hours", WEEKDAYS, noun="weekday")
        weekly = {WEEKDAYS.index(name): self.ranges(value) for name, (_, value) in days.items()}
        # Only the top-level keys, the timezone and the hours have been read so far: with no
        # problem among them the usual week can still be shown as text if later sections fail.
        self.week_is_sound = not self.problems
        closures = self.dated(section.get("closures"), "closures", ("date", "reason"), {})
        special = self.dated(section.get("special_hours"), "special_hours", ("date", "hours", "reason"), closures)
        contact = self.pairs(section.get("contact"), "contact", CONTACT_KEYS)
        return Schedule(
            tz, label, weekly=weekly,
            closures={day: reason for day, (_, _, reason) in closures.items()},
            special={day: ranges for day, (_, ranges, _) in special.items()},
            special_reasons={day: reason for day, (_, _, reason) in special.items()},
            contact={name: self.contact(name, value) for name, (_, value) in contact.items()},
        )

    def contact(self, name: str, node: Node) -> str:
        """One contact option; the site prints it as a link, so an odd one is a problem, not a link."""
        value = self.text(node)
        problem = contact_problem(name, value) if value else None
        if problem:
            self.bad(node, problem)
            return ""
        return value

    def dated(self, node: Node | None, what: str, keys: tuple[str, ...], taken: Dated) -> Dated:
        """Closures or special hours as date -> (entry node, ranges, reason); `taken` dates clash."""
        found: Dated = {}
        if node is not None and not isinstance(node, SequenceNode):
            self.bad(node, f"{what} should be a list of entries, each starting with `- date:`")
            return found
        for item in node.value if node is not None else []:
            fields = self.pairs(item, what, keys) if isinstance(item, MappingNode) else {}
            if "date" not in fields or ("hours" in keys and "hours" not in fields):
                need = '"date:" and "hours:" (a day without chat is a closure)' if "hours" in keys else '"date:"'
                self.bad(item, f"each entry in {what} needs {need}")
                continue
            day_node = fields["date"][1]
            day = self.ok(day_node, parse_date(day_node.value.strip())) if self.is_value(day_node) else None
            if day in found or day in taken:
                first = line_of((found.get(day) or taken[day])[0])
                self.bad(item, f"{day} is already listed on line {first}; give each date once")
            elif day is not None:
                ranges = self.ranges(fields["hours"][1]) if "hours" in fields else ()
                found[day] = (item, ranges, self.text(fields["reason"][1]) if "reason" in fields else "")
        return found

    def ranges(self, node: Node) -> tuple[TimeRange, ...]:
        """A day's ranges: a list, one range, or empty or "closed" for no chat; overlaps are problems."""
        if _is_null(node) or (isinstance(node, ScalarNode) and node.value.strip().lower() == "closed"):
            return ()
        kept: list[tuple[Node, TimeRange]] = []
        for item in node.value if isinstance(node, SequenceNode) else [node]:
            new = self.ok(item, parse_range(item.value)) if self.is_value(item) else None
            clash = next((n for n, r in kept if new and new.start_minutes < r.end_minutes
                          and r.start_minutes < new.end_minutes), None)
            if clash is not None:
                self.bad(item, f'"{item.value}" overlaps "{clash.value}" (line {line_of(clash)})')
            elif new:
                kept.append((item, new))
        return tuple(sorted(r for _, r in kept))
