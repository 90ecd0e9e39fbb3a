"""Tests of the support feature: chat hours, support.yml, the status island and the support page."""
