"""Markdown rendering: .md links become article URLs; the sanitiser keeps only safe HTML."""
from __future__ import annotations

from helpcentre.content.render import md_link_target, render_markdown
from helpcentre.content.sanitise import sanitise


def render(body: str, path: str = "guides/page.md"):
    return render_markdown(body, path, lambda slug: f"/articles/{slug}")


def test_relative_md_link_in_same_folder_becomes_article_url() -> None:
    assert '<a href="/articles/sign-in"' in render("[sign in](sign-in.md)").html


def test_md_link_to_other_folder_keeps_its_anchor() -> None:
    result = render("[track](../orders/track-an-order.md#where-is-it)")
    assert 'href="/articles/track-an-order#where-is-it"' in result.html
    assert result.links[0].target == "orders/track-an-order.md"
    assert result.links[0].anchor == "where-is-it"


def test_absolute_and_external_links_are_left_alone() -> None:
    html = render("[a](https://example.com/x.md) [b](/support) [c](#here)").html
    assert 'href="https://example.com/x.md"' in html
    assert 'href="/support"' in html
    assert 'href="#here"' in html


def test_md_link_target_ignores_non_markdown_and_absolute_paths() -> None:
    assert md_link_target("picture.png", "guides") is None
    assert md_link_target("/articles/x.md", "guides") is None
    assert md_link_target("//evil.example/x.md", "guides") is None
    assert md_link_target("./x.md", "guides") == ("guides/x.md", "")


def test_h2_questions_get_stable_ids_and_sections() -> None:
    result = render("Intro.\n\n## How do I sign in?\nLike this.\n\n## Pinned {#pinned-id}\nText.")
    assert '<h2 id="how-do-i-sign-in">How do I sign in?</h2>' in result.html
    assert [(s.anchor, s.heading) for s in result.sections] == [
        ("", ""), ("how-do-i-sign-in", "How do I sign in?"), ("pinned-id", "Pinned")]
    assert result.sections[1].text == "Like this."


def test_footnotes_and_tables_render_without_style_attributes() -> None:
    html = render("Text[^1]\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[^1]: Note.").html
    assert 'class="footnote"' in html and 'href="#fn:1"' in html
    assert '<td align="right">2</td>' in html
    assert "style=" not in html


def test_sanitiser_removes_script_handlers_and_javascript_urls() -> None:
    html = sanitise('<p onclick="x()">a<script>alert(1)</script></p><img src="/i.png" onerror="alert(1)">'
                    '<a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a>')
    assert "<script" not in html and "alert(1)" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "data:" not in html
    assert '<img src="/i.png">' in html


def test_sanitiser_removes_frames_forms_svg_style_and_htmx_attributes() -> None:
    html = sanitise('<iframe src="https://x"></iframe><form action="/x"><input name="a"></form>'
                    '<svg><script>1</script></svg><div hx-get="/a" data-hx-post="/b" style="color:red">t</div>')
    for gone in ("<iframe", "<form", "<input", "<svg", "hx-get", "data-hx-post", "style="):
        assert gone not in html
    assert "<div>t</div>" in html


def test_sanitiser_keeps_safe_editor_html() -> None:
    source = ("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
              "<kbd>Ctrl</kbd><mark>m</mark><details><summary>More</summary>Hidden</details>")
    assert sanitise(source) == source


def test_links_keep_http_https_mailto_and_get_rel() -> None:
    html = sanitise('<a href="https://example.com">x</a><a href="mailto:a@example.com">m</a>')
    assert '<a href="https://example.com" rel="noopener noreferrer">' in html
    assert 'href="mailto:a@example.com"' in html


def test_section_text_leaves_out_footnote_numbers_and_arrows() -> None:
    result = render("Spills are not covered[^1].\n\n[^1]: See accidental damage.")
    assert result.sections[0].text == "Spills are not covered. See accidental damage."


def test_nothing_carries_over_from_one_article_to_the_next() -> None:
    # One converter per thread is reused between articles: footnotes, abbreviations, heading ids
    # and links of one must not appear in the next.
    first = "## Setup\n\nUse HTML.[^1] See [a](a.md).\n\n[^1]: A note.\n\n*[HTML]: HyperText Markup Language\n"
    second = "## Setup\n\nPlain HTML here.\n"
    fresh_second = render(second)
    render(first)
    after = render(second)
    assert after.html == fresh_second.html
    assert "<abbr" not in after.html and "footnote" not in after.html and 'id="setup"' in after.html
    assert after.links == []
    assert render(first, "orders/other.md").links[0].target == "orders/a.md"
