"""Tests of account."""
