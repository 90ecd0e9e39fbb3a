"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from helpcentre import create_app

app = create_app()
