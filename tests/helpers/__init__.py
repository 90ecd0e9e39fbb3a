"""Helpers shared by the test suite: plain functions and constants (fixtures live in conftest.py files)."""
