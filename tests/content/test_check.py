"""`flask content check`: one `path:line: message` per problem, one fixture tree per rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpcentre.content.store import ContentStore
from tests.helpers.content import REPOSITORY, write_tree

CATEGORY = "title: Guides\norder: 1\n"
GOOD = "---\ntitle: Good\n---\n## Question?\nAnswer.\n"


def problems(root: Path) -> list[str]:
    store = ContentStore(root, lambda slug: f"/articles/{slug}", interval=0)
    return [str(p) for p in store.library().problems]


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_tree(tmp_path / "content", {"guides/_category.yml": CATEGORY, **files})


def test_clean_tree_has_no_problems(tmp_path: Path) -> None:
    assert problems(tree(tmp_path, {"guides/good.md": GOOD})) == []


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/bad.md": "---\ntitle: Bad\nsummary: [unclosed\n---\nBody\n"})
    assert problems(root) == [
        f"{root}/guides/bad.md:3: invalid YAML: expected ',' or ']', but got '<stream end>'"]


def test_invalid_yaml_line_number_is_the_file_line(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/bad.md": "---\ntitle: Bad\norder: 1\nsummary: : :\n---\nBody\n"})
    assert problems(root) == [f"{root}/guides/bad.md:4: invalid YAML: mapping values are not allowed here"]


def test_missing_title(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/untitled.md": "---\nsummary: No title\n---\nBody\n"})
    assert problems(root) == [f"{root}/guides/untitled.md:1: missing `title` in the front matter"]


def test_missing_front_matter(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/plain.md": "Just text\n"})
    assert problems(root)[0].startswith(f"{root}/guides/plain.md:1: missing front matter")


def test_duplicate_slug_across_categories(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/same.md": GOOD, "orders/_category.yml": "title: Orders\n", "orders/same.md": GOOD})
    assert problems(root) == [
        f"{root}/orders/same.md:1: duplicate slug `same`: {root}/guides/same.md already uses it"]


def test_unknown_related_slug_points_at_the_related_line(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/a.md": "---\ntitle: A\nrelated:\n  - nowhere\n---\nBody\n"})
    assert problems(root) == [f"{root}/guides/a.md:3: unknown related slug `nowhere`"]


def test_broken_md_link(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/a.md": "---\ntitle: A\n---\nIntro\n\nSee [x](missing.md).\n"})
    assert problems(root) == [f"{root}/guides/a.md:6: broken link `missing.md`: no article at guides/missing.md"]


def test_broken_anchor(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/good.md": GOOD,
                           "guides/a.md": "---\ntitle: A\n---\nSee [x](good.md#nope) and [y](good.md#question).\n"})
    assert problems(root) == [f"{root}/guides/a.md:4: broken link `good.md#nope`: no heading `#nope` there"]


def test_category_folder_without_category_file(tmp_path: Path) -> None:
    root = tree(tmp_path, {"loose/a.md": GOOD})
    assert problems(root) == [
        f"{root}/loose/_category.yml:1: missing: every category folder needs a _category.yml with its title"]


def test_empty_body(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/empty.md": "---\ntitle: Empty\n---\n\n  \n"})
    assert problems(root) == [
        f"{root}/guides/empty.md:4: the article has no body: write its text below the front matter"]


def test_wrong_types_and_unknown_keys(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/a.md": "---\ntitle: A\norder: first\ndraft: maybe\ncolour: red\n---\nBody\n"})
    assert problems(root) == [
        f"{root}/guides/a.md:3: `order` must be a whole number",
        f"{root}/guides/a.md:4: `draft` must be true or false",
        f"{root}/guides/a.md:5: unknown front matter key `colour` (known: title, summary, order, related, draft, updated)",
    ]


def test_link_from_published_article_to_a_draft(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/hidden.md": "---\ntitle: H\ndraft: true\n---\nBody\n",
                           "guides/a.md": "---\ntitle: A\n---\nSee [h](hidden.md).\n"})
    assert problems(root) == [f"{root}/guides/a.md:4: link `hidden.md` points at a draft, which readers cannot open"]


@pytest.fixture
def cli_app(tmp_path: Path, make_app):
    def make(files: dict[str, str]):
        root = tree(tmp_path, files)
        return make_app(CONTENT_DIR=str(root)), root
    return make


def test_cli_exits_zero_and_counts_on_a_clean_tree(cli_app) -> None:
    app, _ = cli_app({"guides/good.md": GOOD})
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0
    assert "Checked 1 articles in 1 categories: no problems." in result.output


def test_cli_exits_non_zero_with_one_line_per_problem(cli_app) -> None:
    app, root = cli_app({"guides/untitled.md": "---\nsummary: x\n---\nBody\n", "guides/a.md": "---\ntitle: A\n---\n[x](gone.md)\n"})
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [f"{root}/guides/a.md:4: broken link `gone.md`: no article at guides/gone.md",
                     f"{root}/guides/untitled.md:1: missing `title` in the front matter"]


def test_shipped_content_is_clean(make_app) -> None:
    app = make_app(CONTENT_DIR=str(REPOSITORY / "content"))
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_impossible_date_is_reported_on_its_line(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/good.md": GOOD,
                           "guides/a.md": "---\ntitle: A\nupdated: 2024-02-30\n---\nBody\n"})
    assert problems(root) == [f"{root}/guides/a.md:3: invalid value: day is out of range for month"]


def test_control_character_is_reported_not_raised(tmp_path: Path) -> None:
    root = tree(tmp_path, {"guides/good.md": GOOD,
                           "guides/a.md": "---\ntitle: A\nsummary: bell \x07 here\n---\nBody\n"})
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(f"{root}/guides/a.md:3: invalid YAML")
