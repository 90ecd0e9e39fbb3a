"""Tests of the devices feature: the catalogue file, warranty rules, registration and replacement requests."""
