"""The editors' report: figures per revision and all time, Wilson ranking, text, CSV and --since."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from helpcentre.content.model import Article
from helpcentre.feedback import report, report_format, store
from helpcentre.feedback.report import Comment, Tally


def day(number: int) -> datetime:
    return datetime(2026, 11, number, 12, tzinfo=UTC)


def article(slug: str, revision: str = "rev-now", draft: bool = False) -> Article:
    return Article(slug=slug, category="c", title=slug.replace("-", " ").title(), html="", revision=revision,
                   draft=draft)


def tallies(slug: str, yes: int, no: int, revision: str = "rev-now") -> list[Tally]:
    return [Tally(slug, revision, "yes", None, yes), Tally(slug, revision, "no", None, no)]


def test_wilson_lower_bound_grows_with_the_evidence() -> None:
    assert report.wilson_lower_bound(0, 0) == 0.0
    assert report.wilson_lower_bound(1, 1) == pytest.approx(0.2065, abs=1e-4)
    assert report.wilson_lower_bound(40, 100) == pytest.approx(0.3094, abs=1e-4)
    assert report.wilson_lower_bound(0, 50) == 0.0


def test_one_no_of_one_does_not_outrank_forty_of_a_hundred() -> None:
    articles = {a.slug: a for a in (article("one-of-one"), article("forty-of-hundred"), article("quiet"))}
    ranked = report.build(articles, tallies("one-of-one", 0, 1) + tallies("forty-of-hundred", 60, 40), [])
    assert [e.slug for e in ranked] == ["forty-of-hundred", "one-of-one", "quiet"]
    assert ranked[0].current.helpful_percent == 60 and ranked[1].current.helpful_percent == 0
    assert ranked[2].all_time.total == 0 and ranked[2].current.helpful_percent is None


def test_figures_split_the_current_revision_from_all_time() -> None:
    rows = [*tallies("guide", 1, 9, "rev-old"), *tallies("guide", 3, 1, "rev-now"),
            Tally("guide", "rev-old", "no", "wrong", 4), Tally("guide", "rev-now", "no", "unclear", 1)]
    [entry] = report.build({"guide": article("guide")}, rows, [])
    assert (entry.current.yes, entry.current.no, entry.current.helpful_percent) == (3, 2, 60)
    assert (entry.all_time.yes, entry.all_time.no, entry.all_time.helpful_percent) == (4, 15, 21)
    assert report.reason_counts(entry.current) == [("unclear", 1), ("wrong", 0), ("unanswered", 0), ("other", 0)]
    assert dict(report.reason_counts(entry.all_time))["wrong"] == 4


def test_votes_for_a_deleted_article_are_reported_and_ranked_by_all_time() -> None:
    ranked = report.build({"kept": article("kept")}, tallies("kept", 5, 1) + tallies("gone", 0, 8, "rev-x"), [])
    gone = next(e for e in ranked if e.slug == "gone")
    assert (gone.status, gone.title, gone.revision, gone.all_time.no) == ("removed", "gone", "", 8)
    assert ranked[0] is gone


def test_drafts_without_votes_are_left_out_and_with_votes_are_kept() -> None:
    articles = {"draft": article("draft", draft=True), "voted-draft": article("voted-draft", draft=True)}
    ranked = report.build(articles, tallies("voted-draft", 1, 0), [])
    assert [(e.slug, e.status) for e in ranked] == [("voted-draft", "draft")]


def test_latest_comments_newest_first_per_revision_and_all_time() -> None:
    comments = [Comment("guide", "rev-old" if n < 4 else "rev-now", f"comment {n}", day(n + 1)) for n in range(7)]
    [entry] = report.build({"guide": article("guide")}, tallies("guide", 0, 7), comments, comments_shown=5)
    assert [c.text for c in entry.all_time.comments] == ["comment 6", "comment 5", "comment 4", "comment 3",
                                                        "comment 2"]
    assert [c.text for c in entry.current.comments] == ["comment 6", "comment 5", "comment 4"]


def test_reader_text_cannot_drive_a_terminal_or_a_spreadsheet() -> None:
    assert report_format.plain("line one\nline two\x1b[31m red\tend") == "line one line two [31m red end"
    assert report_format.spreadsheet_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert report_format.spreadsheet_cell("fine") == "fine"


@pytest.fixture
def seeded(app: Flask) -> Flask:
    """Votes on the fixture articles: an old and a new revision, a deleted article, dates 1–5 Nov."""
    with app.app_context():
        current = app.extensions["content_store"].library().articles["sign-in"].revision
        votes = [
            ("sign-in", "r1", "no", "old-rev", day(1)), ("sign-in", "r2", "no", "old-rev", day(1)),
            ("sign-in", "r3", "yes", current, day(4)), ("sign-in", "r4", "no", current, day(5)),
            ("renamed-away", "r1", "no", "gone-rev", day(2)),
            ("track-an-order", "r1", "yes", "whatever", day(3)),
        ]
        for slug, who, value, revision, at in votes:
            store.record_vote(slug=slug, reader=who, vote=value, revision=revision, at=at)
        store.explain(slug="sign-in", reader="r4", reason="unclear", comment="Which button?\nNo idea",
                      at=day(5))
        store.explain(slug="sign-in", reader="r1", reason="wrong", comment="Old screenshots", at=day(1))
    return app


def test_report_text_lists_every_article_worst_first_with_both_scopes(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["feedback", "report"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Feedback report, worst first (all votes; 5 articles)"
    # The deleted article's 1 No of 1 outranks sign-in's current 1 No of 2.
    assert lines[1] == "1. renamed-away: renamed-away [removed]"
    assert lines[2] == "   all time: 0 yes · 1 no · 0% helpful"
    sign_in = lines.index("2. sign-in: Signing in")
    block = "\n".join(lines[sign_in:sign_in + 9])
    assert "this revision (" in block and ": 1 yes · 1 no · 50% helpful" in block
    assert "     reasons for no: unclear 1 · wrong 0 · unanswered 0 · other 0" in block
    assert '     2026-11-05 "Which button? No idea"' in block
    assert "   all time: 1 yes · 3 no · 25% helpful" in block
    assert '     2026-11-01 "Old screenshots"' in block
    assert any(line.endswith("reset-password: Resetting your password") for line in lines)
    assert lines[-1] == "   no votes yet"


def test_report_csv_has_a_header_and_one_row_per_article(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["feedback", "report", "--csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert list(table[0]) == report_format.header()
    assert report_format.header()[:8] == ["rank", "slug", "title", "status", "revision", "current_yes",
                                          "current_no", "current_helpful_percent"]
    by_slug = {row["slug"]: row for row in table}
    assert set(by_slug) == {"sign-in", "renamed-away", "track-an-order", "reset-password", "unsafe-markup"}
    sign_in = by_slug["sign-in"]
    assert (sign_in["rank"], sign_in["status"], sign_in["current_yes"], sign_in["current_no"]) == ("2", "published", "1", "1")
    assert (sign_in["all_yes"], sign_in["all_no"], sign_in["all_helpful_percent"]) == ("1", "3", "25")
    assert (sign_in["current_reason_unclear"], sign_in["all_reason_wrong"]) == ("1", "1")
    assert sign_in["all_latest_comments"] == '2026-11-05 "Which button? No idea" | 2026-11-01 "Old screenshots"'
    assert [by_slug["renamed-away"][k] for k in ("rank", "status", "all_no", "current_no")] == ["1", "removed", "1", "0"]
    assert by_slug["reset-password"]["all_helpful_percent"] == "" and by_slug["reset-password"]["all_yes"] == "0"


def test_report_since_counts_only_answers_from_that_date(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["feedback", "report", "--since", "2026-11-03"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Feedback report, worst first (votes since 2026-11-03; 4 articles)")
    assert "   all time: 1 yes · 1 no · 50% helpful" in result.output
    assert "renamed-away" not in result.output and "Old screenshots" not in result.output
    table = {r["slug"]: r for r in csv.DictReader(io.StringIO(
        runner.invoke(args=["feedback", "report", "--since", "2026-11-03", "--csv"]).output))}
    assert (table["track-an-order"]["all_yes"], table["sign-in"]["all_no"]) == ("1", "1")


def test_report_refuses_a_malformed_date(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["feedback", "report", "--since", "3 November"])
    assert result.exit_code == 2 and "'3 November' does not match the format '%Y-%m-%d'" in result.output


def test_store_reads_answers_back_as_utc_aware_times(seeded: Flask) -> None:
    with seeded.app_context():
        found = store.comments()
        assert [c.at for c in found] == [day(5), day(1)]
        assert all(c.at.tzinfo is not None for c in found)
        assert store.answer_of("sign-in", "r4") == store.Answer("no", "unclear", "Which button?\nNo idea")
        assert store.answer_of("sign-in", "nobody") is None
