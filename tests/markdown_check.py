"""Markdown as a reader sees it: rendered with markdown-it-py (CommonMark) or Python-Markdown
(what MkDocs uses), then read back."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field

from markdown_it import MarkdownIt


@dataclass
class Rendered:
    html: str
    text: str = ""
    hrefs: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)


class _Reader(html.parser.HTMLParser):
    def __init__(self, page: Rendered):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.page.tags.append(tag)
        self.page.hrefs.update(v for k, v in attrs if k in ("href", "src") and v)

    def handle_data(self, data):
        self.parts.append(data)


RENDERERS = ("commonmark", "python-markdown")


def rendered_markdown(md: str, renderer: str = "commonmark") -> Rendered:
    if renderer == "python-markdown":
        import markdown

        page = Rendered(markdown.markdown(md))
    else:
        page = Rendered(MarkdownIt("commonmark").render(md))
    reader = _Reader(page)
    reader.feed(page.html)
    page.text = " ".join("".join(reader.parts).split())
    return page
