"""At 5,000 articles the home page stays under 30 KiB gzipped and category pages stay one page long.

Sizes are deterministic, so they are asserted; times are not (benchmarks print those).
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

ARTICLES = 5_000
HOME_LIMIT = 30 * 1024  # gzipped bytes: the bound
PER_PAGE_LIMIT = 30 * 1024  # a category page holds 50 articles whatever the category's size


def grow(content: Path, total: int) -> int:
    """Copy the fixture's published articles under new slugs until the tree holds `total` articles."""
    sources = sorted(p for p in content.glob("*/*.md") if "\ndraft: true" not in p.read_text(encoding="utf-8"))
    count = len(sources)
    while count < total:
        source = sources[count % len(sources)]
        (source.parent / f"{source.stem}-copy-{count}.md").write_text(source.read_text(encoding="utf-8"),
                                                                       encoding="utf-8")
        count += 1
    return count


def gzipped(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def test_pages_stay_small_at_5000_articles(make_app, content_copy: Path) -> None:
    assert grow(content_copy, ARTICLES) == ARTICLES
    per_category = {folder.name: len(list(folder.glob("*.md"))) for folder in content_copy.iterdir() if folder.is_dir()}
    client = make_app(CONTENT_DIR=str(content_copy)).test_client()

    home = client.get("/")
    assert home.status_code == 200
    assert gzipped(home.data) <= HOME_LIMIT, f"home page is {gzipped(home.data)} bytes gzipped"
    assert "See all 2,500 articles" in home.get_data(as_text=True)  # 5,000 split evenly over two categories

    page = client.get("/categories/orders/page/25")
    html = page.get_data(as_text=True)
    assert gzipped(page.data) <= PER_PAGE_LIMIT
    assert len(re.findall(r'class="article-link"', html)) == 50
    assert "page 25 of 50" in html
    # The navigation names a window of pages, not all fifty.
    assert len(re.findall(r'<li><a href="/categories/orders', html)) == 7  # 1, 23–27, 50
    assert client.get("/categories/orders/page/50").status_code == 200
    assert client.get("/categories/orders/page/51").status_code == 404

    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert sitemap.count("<url>") == 1 + len(per_category) + ARTICLES
