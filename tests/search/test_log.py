"""Searches are counted per day by normalised query, anonymously, and reported to editors."""
from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from helpcentre.database import db
from helpcentre.search.models import SearchCount
from helpcentre.search.store import log_text
from tests.helpers.htmx import HX


def set_day(app: Flask, day: date) -> None:
    """Make the app's clock say 23:30 UTC on `day`."""
    moment = datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC)
    app.config["CLOCK"] = lambda: moment


def search(client: FlaskClient, query: str, **headers: str) -> None:
    """Search as a server would: the response is sent and closed, which is when the count is written."""
    response = client.get("/search", query_string={"q": query}, headers=headers, buffered=True)
    assert response.status_code == 200


def rows(app: Flask) -> list[tuple[date, str, int, int]]:
    with app.app_context():
        found = db.session.execute(sa.select(SearchCount.day, SearchCount.query, SearchCount.searches,
                                             SearchCount.results).order_by(SearchCount.day, SearchCount.query))
        return [tuple(row) for row in found]


def test_searches_are_counted_by_normalised_text_per_day(app: Flask, client: FlaskClient) -> None:
    set_day(app, date(2026, 11, 20))
    for query in ("Password", "  password ", "PASSWORD", "zzqx"):
        search(client, query)
    set_day(app, date(2026, 11, 21))
    search(client, "password", **HX)
    # The fixture content has two articles about passwords.
    assert rows(app) == [(date(2026, 11, 20), "password", 3, 2), (date(2026, 11, 20), "zzqx", 1, 0),
                         (date(2026, 11, 21), "password", 1, 2)]


def test_the_count_is_written_once_the_response_is_done(app: Flask, client: FlaskClient) -> None:
    response = client.get("/search?q=password")
    assert response.status_code == 200 and rows(app) == []
    response.close()  # what the WSGI server does once the reader has the page
    assert [row[1:] for row in rows(app)] == [("password", 1, 2)]


def test_the_day_is_the_utc_date(app: Flask, client: FlaskClient) -> None:
    # 20:00 in New York on the 20th (UTC-5) is already the 21st in UTC.
    app.config["CLOCK"] = lambda: datetime(2026, 11, 20, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    search(client, "password")
    assert rows(app)[0][0] == date(2026, 11, 21)


def test_queries_that_run_no_search_are_not_counted(app: Flask, client: FlaskClient) -> None:
    for query in ("", " ", "p"):
        search(client, query)
    assert rows(app) == []


def test_the_log_keeps_nothing_about_the_reader(app: Flask, client: FlaskClient) -> None:
    client.set_cookie("session", "reader-cookie-123")
    response = client.get("/search?q=password", environ_base={"REMOTE_ADDR": "203.0.113.77"}, buffered=True)
    assert "Set-Cookie" not in response.headers
    with app.app_context():
        columns = {column["name"] for column in sa.inspect(db.engine).get_columns("search_counts")}
    assert columns == {"id", "day", "query", "searches", "results"}
    stored = repr(rows(app))
    assert "203.0.113.77" not in stored and "reader-cookie-123" not in stored


def test_a_failing_log_never_fails_the_search(make_app, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A database without the search_counts table: every write fails.
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}")
    with caplog.at_level(logging.ERROR, logger="helpcentre.search.views"):
        response = app.test_client().get("/search?q=password", buffered=True)
    assert response.status_code == 200 and "result-title" in response.get_data(as_text=True)
    assert "could not count a search" in caplog.text


def test_log_text_is_lower_case_collapsed_and_at_most_200_characters() -> None:
    assert log_text("  Reset\t MY   Password ") == "reset my password"
    assert len(log_text("İ" * 200)) == 200  # lower-casing "İ" makes two characters


def test_report_lists_the_most_frequent_and_the_ones_that_found_nothing(
        app: Flask, client: FlaskClient, runner: FlaskCliRunner) -> None:
    set_day(app, date(2026, 11, 1))
    for query in ["password"] * 3 + ["zzqx"] * 2 + ["track"] + ["qqqq"]:
        search(client, query)
    result = runner.invoke(args=["search", "report"])
    assert result.exit_code == 0, result.output
    frequent, nothing = result.output.split("\n\n")
    assert frequent.splitlines() == [
        "Most frequent searches (all recorded days):",
        "  searches  results  query",
        "         3        2  password",
        "         2        0  zzqx",
        "         1        0  qqqq",
        "         1        2  track",
    ]
    assert nothing.splitlines() == [
        "Most frequent searches that found nothing (all recorded days):",
        "  searches  query",
        "         2  zzqx",
        "         1  qqqq",
    ]


def test_report_since_a_day_and_limited(app: Flask, client: FlaskClient, runner: FlaskCliRunner) -> None:
    set_day(app, date(2026, 10, 31))
    for query in ["password"] * 5 + ["zzqx"] * 5:
        search(client, query)
    set_day(app, date(2026, 11, 1))
    for query in ["track", "track", "password", "qqqq"]:
        search(client, query)
    output = runner.invoke(args=["search", "report", "--since", "2026-11-01", "--limit", "1"]).output
    assert output.splitlines() == [
        "Most frequent searches (since 2026-11-01):",
        "  searches  results  query",
        "         2        2  track",
        "",
        "Most frequent searches that found nothing (since 2026-11-01):",
        "  searches  query",
        "         1  qqqq",
    ]


def test_report_with_nothing_recorded(runner: FlaskCliRunner) -> None:
    output = runner.invoke(args=["search", "report"]).output
    assert output.count("  (none)") == 2


def test_report_rejects_a_bad_date(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["search", "report", "--since", "last week"])
    assert result.exit_code == 2 and "--since" in result.output
