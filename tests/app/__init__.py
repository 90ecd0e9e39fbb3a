"""Tests of app-wide ground: settings, migrations, mail and the versioned cache."""
