"""Articles from Markdown: loading, rendering, sanitising and checking the content tree."""
