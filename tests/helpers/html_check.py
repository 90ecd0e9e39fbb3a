"""A structural check of our HTML with the standard library: what a validator would catch in our templates."""
from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: list[str] = []
        self.references: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "a" in self.open:
            self.problems.append("a link inside a link")
        if "id" in values:
            self.ids.append(values["id"])
        for name in ("aria-labelledby", "aria-describedby", "for"):
            self.references.extend(values.get(name, "").split())
        if tag == "a" and values.get("href", "").startswith("#") and len(values["href"]) > 1:
            self.references.append(values["href"][1:])
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> while <{self.open[-1] if self.open else 'nothing'}> is open")
        else:
            self.open.pop()


def html_problems(html: str) -> list[str]:
    """Unbalanced or misnested tags, duplicate ids, references to missing ids, nested links."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    problems = list(checker.problems)
    if not html.startswith("<!doctype html>"):
        problems.append("no doctype")
    if checker.open:
        problems.append(f"never closed: {checker.open}")
    problems += [f"duplicate id {i!r}" for i in sorted({i for i in checker.ids if checker.ids.count(i) > 1})]
    problems += [f"reference to missing id {r!r}" for r in checker.references if r not in checker.ids]
    return problems
