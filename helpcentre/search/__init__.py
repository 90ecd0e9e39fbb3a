"""Full-text search over the help centre's published articles (SQLite FTS5, no Flask)."""
