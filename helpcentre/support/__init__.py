"""Live-chat support: opening hours and the support.yml content file."""
