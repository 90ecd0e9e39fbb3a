"""Tests of the search feature: the index, queries and their cache, the pages and the search log."""
