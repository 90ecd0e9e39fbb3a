"""Live chat hours and the support page."""
from .service import chat_status_now, init_app, site_today, site_zone

__all__ = ["chat_status_now", "init_app", "site_today", "site_zone"]
