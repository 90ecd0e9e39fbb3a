"""The help centre test suite."""
