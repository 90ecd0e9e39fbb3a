"""Tests of the content store: Markdown rendering, front matter, the checker and reloading on change."""
