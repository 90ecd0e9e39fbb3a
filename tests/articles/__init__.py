"""Tests of the articles feature: the help pages, 404s, sitemap, ETags and their headers."""
