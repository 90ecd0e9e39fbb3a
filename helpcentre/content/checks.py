"""Problems that span files: duplicate slugs, unknown related slugs, broken links, missing categories."""
from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path

from .model import Article, Problem
from .parsed import Parsed


def _line_of(text_lines: list[str], needle: str, default: int) -> int:
    return next((n for n, line in enumerate(text_lines, start=1) if needle in line), default)


def cross_file_problems(root: Path, parsed: Mapping[Path, Parsed], articles: Mapping[str, Article],
                        display: Callable[[Path], str]) -> list[Problem]:
    """Every problem that needs more than one file to see, in path order."""
    problems: list[Problem] = []
    # Plain strings, not pathlib, in this loop over every file: it runs on each change to the tree.
    prefix = len(root.as_posix()) + 1
    anchors = {p.as_posix()[prefix:]: r.rendered.anchors for p, r in parsed.items() if r.rendered is not None}
    folders_with_category = {p.parent for p, r in parsed.items() if r.category is not None}
    missing_reported: set[Path] = set()
    for path, result in sorted(parsed.items()):
        article = result.article
        if article is None:
            continue
        shown, parent = article.path, path.parent
        if parent == root:
            problems.append(Problem(shown, 1,
                                    "articles belong in a category folder, e.g. content/<category>/<slug>.md"))
        elif parent not in folders_with_category and parent not in missing_reported:
            missing_reported.add(parent)
            problems.append(Problem(display(parent / "_category.yml"), 1,
                                    "missing: every category folder needs a _category.yml with its title"))
        owner = articles.get(article.slug)
        if owner is not None and owner is not article:
            problems.append(Problem(shown, 1, f"duplicate slug `{article.slug}`: {owner.path} already uses it"))
        for slug in article.related:
            if slug not in articles:
                problems.append(Problem(shown, result.lines.get("related", 1), f"unknown related slug `{slug}`"))
        problems += _link_problems(path, shown, result, anchors, articles)
    return problems


def _link_problems(path: Path, shown: str, result: Parsed, anchors: Mapping[str, frozenset[str]],
                   articles: Mapping[str, Article]) -> list[Problem]:
    assert result.rendered is not None and result.article is not None
    problems = []
    text_lines: list[str] = []

    def line(written: str) -> int:
        # The file is read again only for a link with a problem: most articles have none.
        if not text_lines:
            try:
                text_lines.extend(path.read_text(encoding="utf-8").splitlines() or [""])
            except (OSError, UnicodeDecodeError):  # gone or changed since it was parsed: line 1 will do
                text_lines.append("")
        return _line_of(text_lines, f"({written}", _line_of(text_lines, written, 1))

    for link in result.rendered.links:
        if link.target not in anchors:
            problems.append(Problem(shown, line(link.written),
                                    f"broken link `{link.written}`: no article at {link.target}"))
        elif link.anchor and link.anchor not in anchors[link.target]:
            problems.append(Problem(shown, line(link.written),
                                    f"broken link `{link.written}`: no heading `#{link.anchor}` there"))
        else:
            target = articles.get(posixpath.splitext(posixpath.basename(link.target))[0])
            if target is not None and target.draft and not result.article.draft:
                problems.append(Problem(shown, line(link.written),
                                        f"link `{link.written}` points at a draft, which readers cannot open"))
    return problems
