"""The site's timezone, from support.yml's `timezone` (default Europe/London): the age rule's "today"."""
from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

DEFAULT_ZONE = "Europe/London"
log = logging.getLogger(__name__)
_cache: dict[Path, tuple[float, ZoneInfo]] = {}


def site_timezone(content_dir: Path) -> ZoneInfo:
    """The zone named in content_dir/support.yml, re-read when the file changes; the default otherwise."""
    path = content_dir / "support.yml"
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return ZoneInfo(DEFAULT_ZONE)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    zone = _read_zone(path)
    _cache[path] = (stamp, zone)
    return zone


def _read_zone(path: Path) -> ZoneInfo:
    # A broken support.yml is the content checker's to report; the age rule keeps working meanwhile.
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        name = data.get("timezone") if isinstance(data, dict) else None
        return ZoneInfo(str(name)) if name else ZoneInfo(DEFAULT_ZONE)
    except (OSError, yaml.YAMLError, ZoneInfoNotFoundError, ValueError):
        log.warning("%s: cannot read the timezone; using %s", path, DEFAULT_ZONE)
        return ZoneInfo(DEFAULT_ZONE)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The calendar date at `now` in `zone`."""
    return now.astimezone(zone).date()
