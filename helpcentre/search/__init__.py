"""Searching the articles."""
