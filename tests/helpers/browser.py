"""Helpers shared by the chromium tests."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_axe = Axe()


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the current page, as readable lines."""
    results = _axe.run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
