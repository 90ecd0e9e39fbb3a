"""Whatever an editor saves, parsing ends in an article or a reported problem, never a crash."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpcentre.content.frontmatter import ContentError, parse_document

yaml_bits = st.sampled_from(["title: ", "summary: ", "order: ", "related: ", "draft: ", "updated: ",
                             "[", "]", "{", "}", ":", "- ", "'", '"', "2024-02-30", "2026-11-29", "\n",
                             "\t", "\x07", "&a", "*a", "!!python/object:os.system", "yes", "~", "#"])


@settings(max_examples=300, deadline=None)
@given(front=st.lists(st.one_of(yaml_bits, st.text(max_size=8)), max_size=20),
       body=st.text(max_size=40))
def test_any_front_matter_parses_or_reports(front: list[str], body: str) -> None:
    text = "---\n" + "".join(front) + "\n---\n" + body
    try:
        document, problems = parse_document(text)
    except ContentError as error:
        assert error.line >= 1 and error.message
    else:
        assert isinstance(document.meta.get("title"), str)
        assert all(p.line >= 1 for p in problems)
