"""Tests of the feedback feature: the widget, votes and reasons, limits, the report and most-helpful list."""
