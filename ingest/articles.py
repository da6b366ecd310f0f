"""Read the long-form articles LinkedIn exports as one HTML page each under `Articles/`."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser


class _ArticlePage(HTMLParser):
    """Collects the title link, the created/published paragraphs and the body text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.url, self.created, self.published = "", None, None, None
        self.body: list[str] = []
        self._in: list[str] = []
        self._p_class: str | None = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "style":
            self._in_style = True
        if tag == "a" and "h1" in self._in and self.url is None:
            self.url = a.get("href")
        if tag == "p":
            self._p_class = a.get("class")
        if tag in ("p", "br", "li", "h2", "h3", "blockquote") and self.body and not self._p_class:
            self.body.append("\n")
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag == "p":
            self._p_class = None
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag)]

    def handle_data(self, data):
        if self._in_style:
            return
        if "h1" in self._in:
            self.title += data
        elif self._p_class == "created":
            self.created = (self.created or "") + data
        elif self._p_class == "published":
            self.published = (self.published or "") + data
        elif "div" in self._in or "body" in self._in:
            self.body.append(data)


def _when(text: str | None, prefix: str) -> datetime | None:
    m = re.search(rf"{prefix} on (\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}})", text or "")
    return datetime.strptime(m.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=UTC) if m else None


def parse_article(html_text: str, file_name: str) -> dict:
    """Return one article row: title, link, created/published times (no zone given), text, word count."""
    page = _ArticlePage()
    page.feed(html_text)
    text = re.sub(r"[ \t]+\n", "\n", "".join(page.body))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    published_at = _when(page.published, "Published")
    return {
        "file_name": file_name,
        "title": page.title.strip() or None,
        "article_url": page.url,
        "created_at": _when(page.created, "Created"),
        "published_at": published_at,
        "is_published": published_at is not None,
        "body_text": text,
        "word_count": len(text.split()),
    }
