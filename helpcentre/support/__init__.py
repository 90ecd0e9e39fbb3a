"""Live chat hours and the support page."""
