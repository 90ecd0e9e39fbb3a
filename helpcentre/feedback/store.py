"""Reading and writing answers: one row per (article, reader), written with an upsert.

Plain functions over Flask-SQLAlchemy's `db.session`; each write is a whole service call and
commits once, at its end.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..database import changed_rows, db
from .models import Feedback
from .report import Comment, Tally


@dataclass(frozen=True)
class Answer:
    """What one reader said about one article."""

    vote: str
    reason: str | None
    comment: str | None


def utc(moment: datetime) -> datetime:
    """A timezone-aware UTC datetime; SQLite hands back naive ones, which are UTC by convention."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _insert() -> Any:
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Feedback)


def record_vote(*, slug: str, reader: str, vote: str, revision: str, at: datetime) -> None:
    """Store the reader's vote, replacing an earlier one: never a second row, whatever runs at once."""
    at = utc(at)
    insert = _insert().values(article_slug=slug, reader_key=reader, vote=vote,
                                     article_revision=revision, created_at=at, updated_at=at)
    # A changed vote drops the reason and comment given for the old one; repeating it keeps them.
    same_vote = Feedback.vote == insert.excluded.vote
    statement = insert.on_conflict_do_update(
        index_elements=[Feedback.article_slug, Feedback.reader_key],
        set_={
            "vote": insert.excluded.vote,
            "article_revision": insert.excluded.article_revision,
            "updated_at": insert.excluded.updated_at,
            "reason": sa.case((same_vote, Feedback.reason), else_=sa.null()),
            "comment": sa.case((same_vote, Feedback.comment), else_=sa.null()),
        },
    )
    db.session.execute(statement)
    db.session.commit()


def adopt(*, anonymous: str, account: str) -> int:
    """Give an anonymous reader's answers to the account they signed in to; returns how many moved.

    One person, one answer per article: where the account has answered too, its own answer
    stands and the anonymous one is dropped.
    """
    theirs = sa.select(Feedback.article_slug).where(Feedback.reader_key == account)
    moved = changed_rows(
        sa.update(Feedback)
        .where(Feedback.reader_key == anonymous, Feedback.article_slug.not_in(theirs.scalar_subquery()))
        .values(reader_key=account)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(sa.delete(Feedback).where(Feedback.reader_key == anonymous))
    db.session.commit()
    return moved


def explain(*, slug: str, reader: str, reason: str | None, comment: str | None,
            at: datetime) -> bool:
    """Add the follow-up to the reader's "No"; False when there is no "No" to add it to."""
    changed = changed_rows(
        sa.update(Feedback)
        .where(Feedback.article_slug == slug, Feedback.reader_key == reader, Feedback.vote == "no")
        .values(reason=reason, comment=comment, updated_at=utc(at))
    )
    db.session.commit()
    return bool(changed)


def answer_of(slug: str, reader: str) -> Answer | None:
    """The reader's earlier answer for the article, if any."""
    row = db.session.execute(
        sa.select(Feedback.vote, Feedback.reason, Feedback.comment)
        .where(Feedback.article_slug == slug, Feedback.reader_key == reader)
    ).one_or_none()
    return Answer(row.vote, row.reason, row.comment) if row else None


def tallies(since: datetime | None = None) -> list[Tally]:
    """Counts of answers by article, revision, vote and reason (answers last changed since `since`)."""
    columns = (Feedback.article_slug, Feedback.article_revision, Feedback.vote, Feedback.reason)
    query = sa.select(*columns, sa.func.count()).group_by(*columns)
    if since is not None:
        query = query.where(Feedback.updated_at >= utc(since))
    return [Tally(slug, revision, vote, reason, count)
            for slug, revision, vote, reason, count in db.session.execute(query)]


def comments(since: datetime | None = None, limit: int = 5) -> list[Comment]:
    """The latest `limit` comments of each article and of each revision of it, newest first."""
    newest_first = (Feedback.updated_at.desc(), Feedback.id.desc())
    ranked = (
        sa.select(Feedback.id, Feedback.article_slug, Feedback.article_revision, Feedback.comment,
                  Feedback.updated_at,
                  sa.func.row_number().over(partition_by=Feedback.article_slug,
                                            order_by=newest_first).label("in_article"),
                  sa.func.row_number().over(partition_by=(Feedback.article_slug, Feedback.article_revision),
                                            order_by=newest_first).label("in_revision"))
        .where(Feedback.comment.is_not(None))
    )
    if since is not None:
        ranked = ranked.where(Feedback.updated_at >= utc(since))
    found = ranked.subquery()
    # Only the few shown per article leave the database, however many comments there are.
    query = (sa.select(found.c.article_slug, found.c.article_revision, found.c.comment, found.c.updated_at)
             .where(sa.or_(found.c.in_article <= limit, found.c.in_revision <= limit))
             .order_by(found.c.updated_at.desc(), found.c.id.desc()))
    return [Comment(slug, revision, text, utc(at)) for slug, revision, text, at in db.session.execute(query)]


def answers_of(reader: str) -> list[Feedback]:
    """Every answer a reader gave, oldest first."""
    return list(db.session.scalars(sa.select(Feedback).where(Feedback.reader_key == reader)
                                   .order_by(Feedback.created_at, Feedback.id)))


def anonymise(reader: str, replacement: str) -> int:
    """File a reader's answers under `replacement`, without comments: they stay in the counts
    (vote and reason) but no longer say who gave them or in their words; returns how many."""
    moved = changed_rows(
        sa.update(Feedback).where(Feedback.reader_key == reader)
        .values(reader_key=replacement, comment=None).execution_options(synchronize_session=False))
    db.session.commit()
    return moved
