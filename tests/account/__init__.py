"""Tests of the account feature: sign-up, verification, sign-in, reset, the menu island and the pure account rules."""
