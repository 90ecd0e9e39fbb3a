"""Searching the articles: the FTS5 index, the results pages and the search report."""
