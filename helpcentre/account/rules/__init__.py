"""Account rules as plain functions over plain data, kept free of Flask so they test in isolation."""
