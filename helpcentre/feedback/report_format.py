"""The report as text for a terminal and as CSV for a spreadsheet."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from .report import ArticleFigures, Comment, Figures, reason_counts

SCOPES = (("current", "this revision"), ("all", "all time"))


def plain(text: str) -> str:
    """Reader text on one line with no control characters (no terminal escapes, no line breaks)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def spreadsheet_cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading =, +, - or @ would make it a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _percent(figures: Figures) -> str:
    return "" if figures.helpful_percent is None else f"{figures.helpful_percent}%"


def _comment_line(comment: Comment) -> str:
    return f'{comment.at:%Y-%m-%d} "{plain(comment.text)}"'


def _scope_lines(label: str, figures: Figures) -> list[str]:
    if not figures.total:
        return [f"   {label}: no votes"]
    reasons = " · ".join(f"{reason} {count}" for reason, count in reason_counts(figures))
    lines = [f"   {label}: {figures.yes} yes · {figures.no} no · {_percent(figures)} helpful"]
    if figures.no:
        lines.append(f"     reasons for no: {reasons}")
    lines += [f"     {_comment_line(c)}" for c in figures.comments]
    return lines


def text(report: Iterable[ArticleFigures], since: datetime | None) -> str:
    """The report for a terminal: one block per article, worst first."""
    window = f"votes since {since:%Y-%m-%d}" if since else "all votes"
    entries = list(report)
    lines = [f"Feedback report, worst first ({window}; {len(entries)} articles)"]
    for place, entry in enumerate(entries, 1):
        status = "" if entry.status == "published" else f" [{entry.status}]"
        lines.append(f"{place}. {entry.slug}: {plain(entry.title)}{status}")
        if not entry.all_time.total:
            lines.append("   no votes yet")
            continue
        if entry.status != "removed":
            lines += _scope_lines(f"this revision ({entry.revision})", entry.current)
        lines += _scope_lines("all time", entry.all_time)
    return "\n".join(lines) + "\n"


def header() -> list[str]:
    """The CSV header row."""
    columns = ["rank", "slug", "title", "status", "revision"]
    for scope, _label in SCOPES:
        columns += [f"{scope}_yes", f"{scope}_no", f"{scope}_helpful_percent"]
        columns += [f"{scope}_reason_{reason}" for reason, _count in reason_counts(Figures())]
        columns.append(f"{scope}_latest_comments")
    return columns + ["failing_score"]


def _scope_cells(figures: Figures) -> list[str | int]:
    percent = "" if figures.helpful_percent is None else figures.helpful_percent
    comments = " | ".join(_comment_line(c) for c in figures.comments)
    return [figures.yes, figures.no, percent, *(count for _reason, count in reason_counts(figures)),
            spreadsheet_cell(comments)]


def write_csv(report: Iterable[ArticleFigures], out: TextIO) -> None:
    """The report as CSV with a header row, worst first."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header())
    for place, entry in enumerate(report, 1):
        writer.writerow([place, entry.slug, spreadsheet_cell(plain(entry.title)), entry.status, entry.revision,
                         *_scope_cells(entry.current), *_scope_cells(entry.all_time), f"{entry.rank:.4f}"])
