"""schema.org structured data for an article: FAQPage when its questions are questions."""
from __future__ import annotations

from typing import Any

from .model import Article


def is_faq(article: Article) -> bool:
    """Whether every H2 of the article is a question (and there is at least one)."""
    questions = article.questions
    return bool(questions) and all(q.heading.rstrip().endswith("?") for q in questions)


def structured_data(article: Article, url: str, brand: str) -> dict[str, Any]:
    """The JSON-LD object describing this article at this absolute URL."""
    if is_faq(article):
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "url": url,
            "name": article.title,
            "mainEntity": [
                {"@type": "Question", "name": q.heading,
                 "acceptedAnswer": {"@type": "Answer", "text": q.text}}
                for q in article.questions
            ],
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "url": url,
        "headline": article.title,
        "description": article.summary,
        "publisher": {"@type": "Organization", "name": brand},
    }
    if article.last_modified:
        data["dateModified"] = article.last_modified.isoformat()
    return data
