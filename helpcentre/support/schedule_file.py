"""Read content/support.yml into a Schedule, reporting every mistake as `path:line: message`.

A missing or broken file gives no Schedule at all, only problems: the site then makes no
open/closed claim and shows its generic "See our contact options" text instead, because a
wrong "chat is open" is worse than none. The lint command prints the problems for editors.
The YAML is composed, not loaded, so that every problem can point at its exact line.
"""
from __future__ import annotations

import difflib
import os
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from helpcentre.content.model import Problem
from helpcentre.support.hours import DEFAULT_TIMEZONE, WEEKDAYS, Schedule, TimeRange

TOP_KEYS = ("timezone", "timezone_label", "hours", "closures", "special_hours", "contact")
CONTACT_KEYS = ("chat_url", "email", "phone")
_TIME = re.compile(r"(\d{2}):(\d{2})")  # two-digit hours, so "5:00" cannot be meant as 5pm
_DASH = re.compile(r"\s*[-–—]\s*")  # editors paste en and em dashes too


def load_schedule(path: str | os.PathLike[str]) -> tuple[Schedule | None, list[Problem]]:
    """Load and check support.yml; the Schedule is None unless the file has no problems."""
    name = str(path)
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except FileNotFoundError:
        return None, [Problem(name, 1, "file not found, so no live chat hours are configured")]
    except yaml.MarkedYAMLError as exc:
        line = getattr(exc.problem_mark or exc.context_mark, "line", 0) + 1
        return None, [Problem(name, line, f"invalid YAML: {exc.problem or exc.context}")]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:  # no line to point at
        return None, [Problem(name, 1, f"cannot read the file: {exc}")]
    reader = _Reader(name)
    schedule = reader.schedule(root)
    problems = sorted(reader.problems, key=lambda problem: problem.line)  # read top to bottom
    return (None if problems else schedule), problems


def parse_range(text: str) -> TimeRange | str:
    """An "HH:MM-HH:MM" range ending after it starts, or the message saying what is wrong."""
    parts = _DASH.split(text.strip())
    if len(parts) != 2:
        return f'"{text}" is not a time range; write it as "08:00-22:00"'
    start, end = _minutes(parts[0], False), _minutes(parts[1], True)
    if isinstance(start, str) or isinstance(end, str):
        return start if isinstance(start, str) else end
    if end <= start:
        return (f'"{text}" does not end after it starts; split overnight hours over two days, '
                'e.g. "22:00-24:00" then "00:00-02:00"')
    return TimeRange(start, end)


def parse_date(text: str) -> date | str:
    """A YYYY-MM-DD date, or the message saying what is wrong."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # fromisoformat alone also takes "20261225"
            return date.fromisoformat(text)
    except ValueError:  # 2026-02-30 and the like
        pass
    return f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25'


def _minutes(text: str, is_end: bool) -> int | str:
    """An "HH:MM" time as minutes after midnight ("24:00" only as an end), or a message."""
    match = _TIME.fullmatch(text)
    if match and (int(match[1]) < 24 and int(match[2]) < 60 or is_end and text == "24:00"):
        return int(match[1]) * 60 + int(match[2])
    if text == "24:00":
        return '"24:00" can only end a range; a day starts at "00:00"'
    return f'"{text}" is not a time; use HH:MM on the 24-hour clock, e.g. "08:00" for 8am, "22:00" for 10pm'


def _line(node: Node | None) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1 if node is not None else 1


def _is_null(node: Node | None) -> bool:
    """Whether a node is absent or an empty value such as `monday:` or `~`."""
    return node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null"))


class _Reader:
    """Walks the composed YAML, building the schedule and collecting every problem on the way."""

    def __init__(self, path: str) -> None:
        self.path, self.problems = path, []

    def bad(self, node: Node | None, message: str) -> None:
        """Record a problem at the node's line."""
        self.problems.append(Problem(self.path, _line(node), message))

    def ok(self, node: Node, result: TimeRange | date | str) -> TimeRange | date | None:
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
        return node.value.strip() if not _is_null(node) and self.is_value(node) else ""

    def pairs(self, node: Node | None, what: str, allowed: tuple[str, ...], noun: str = "key") -> dict:
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
                self.bad(key, f'"{key.value}" is given twice in {what} (first on line {_line(found[name][0])})')
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
        days = self.pairs(section.get("hours"), "hours", WEEKDAYS, noun="weekday")
        closures = self.dated(section.get("closures"), "closures", ("date", "reason"), {})
        special = self.dated(section.get("special_hours"), "special_hours", ("date", "hours", "reason"), closures)
        contact = self.pairs(section.get("contact"), "contact", CONTACT_KEYS)
        return Schedule(
            tz, self.text(section.get("timezone_label")),
            weekly={WEEKDAYS.index(name): self.ranges(value) for name, (_, value) in days.items()},
            closures={day: reason for day, (_, _, reason) in closures.items()},
            special={day: ranges for day, (_, ranges, _) in special.items()},
            special_reasons={day: reason for day, (_, _, reason) in special.items()},
            contact={name: self.text(value) for name, (_, value) in contact.items()},
        )

    def dated(self, node: Node | None, what: str, keys: tuple[str, ...], taken: dict) -> dict:
        """Closures or special hours as date -> (entry node, ranges, reason); `taken` dates clash."""
        found: dict[date, tuple[Node, tuple[TimeRange, ...], str]] = {}
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
                first = _line((found.get(day) or taken[day])[0])
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
                self.bad(item, f'"{item.value}" overlaps "{clash.value}" (line {_line(clash)})')
            elif new:
                kept.append((item, new))
        return tuple(sorted(r for _, r in kept))
