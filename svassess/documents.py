"""Safe building blocks for HTML and Markdown documents (exports, worksheets, group reports).

Every piece of user or bank text goes through `esc` (HTML) or `md_escape` (Markdown); links are
written only for plain https URLs.
"""

from __future__ import annotations

import html
import re

from svassess.text import clean_line, clean_text

_SAFE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?:[/?#][^\s<>\"'`\\]*)?$")


def safe_url(url: str) -> str | None:
    """The URL if it is a plain https link that cannot break out of an attribute or a link."""
    return url if _SAFE_URL.match(url) else None


CSS = """
body { font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1d4f91; padding-bottom: 0.2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.provisional { border-left: 4px solid #b35900; padding: 0.3rem 0.8rem; background: #fff4e5; }
.score { font-size: 1.4rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ccc;
         vertical-align: top; }
svg.bar { width: 10rem; height: 0.8rem; vertical-align: middle; }
body { -webkit-print-color-adjust: exact; }
.section-of { color: #555; font-style: italic; margin-top: 0; }
.resources { margin-top: 0.4rem; }
.resources li { margin-bottom: 0.4rem; }
.url { word-break: break-all; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #444; }
@page { size: A4; margin: 18mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; margin-top: 1.2rem; }
  h3 { break-after: avoid; }
  th, td { padding: 0.15rem 0.4rem; }
  #plan, #answers { break-before: page; }
  .resources li, tr, dt { break-inside: avoid; }
  a { color: inherit; }
}
"""


def esc(text: str) -> str:
    return html.escape(clean_line(text), quote=True)


def paragraphs(text: str) -> str:
    """Plain text with blank lines between paragraphs, as escaped <p> elements."""
    parts = [p for p in re.split(r"\n\s*\n", clean_text(text).strip()) if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in parts)


def link(url: str) -> str:
    checked = safe_url(clean_line(url))
    if checked is None:
        return f'<span class="url">{esc(url)}</span>'
    return f'<a class="url" href="{html.escape(checked, quote=True)}">{esc(checked)}</a>'


def svg_bar(score: float | None) -> str:
    """A 0-100 bar as inline SVG: its fill prints even when a browser leaves out backgrounds."""
    width = 0.0 if score is None else max(0.0, min(float(score), 100.0))
    return ('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
            'aria-hidden="true"><rect x="0.5" y="0.5" width="99" height="9" fill="#ffffff" '
            f'stroke="#1d4f91"/><rect x="0" y="0" width="{width:.1f}" height="10" '
            'fill="#1d4f91"/></svg>')


def html_page(title: str, body: list[str], extra_css: str = "") -> str:
    """A complete HTML5 document: no scripts, nothing fetched, printable on A4."""
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>", f"<style>{CSS}{extra_css}</style>", "</head>", "<body>",
        *body, "</body>", "</html>", ""])


_MD_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])"      # a backslash that would escape what follows it
    r"|[*`\[]"                       # emphasis, code, links and images
    r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"   # underscores that can open or close emphasis
    r"|<(?=[A-Za-z/!?])"              # raw HTML and autolinks
    r"|&(?=#?[A-Za-z0-9]+;)"          # character references
)
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s|$)")
_MD_AUTOLINK = re.compile(r"(?i)\b(https?|ftp)(:)(?=//)|\b(www)(\.)")
_MD_REPLACE = {"<": "&lt;", "&": "&amp;"}


def md_escape(text: str, cell: bool = False) -> str:
    """Text from a user or a bank, made to read literally in Markdown (CommonMark, GitHub and
    Python-Markdown alike) while escaping only what would change its meaning: emphasis, code,
    links, raw HTML, entities, a list or heading marker at the start, a bare web address (which
    some renderers turn into a link) and, in a table cell, the cell separator."""
    line = clean_line(text)
    line = _MD_INLINE.sub(lambda m: _MD_REPLACE.get(m.group(), "\\" + m.group()), line)
    line = _MD_AUTOLINK.sub(
        lambda m: f"{m.group(1)}&#58;" if m.group(1) else f"{m.group(3)}&#46;", line)
    line = _MD_LINE_START.sub(
        lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), line, count=1)
    return line.replace("|", "\\|") if cell else line


def md_link(url: str) -> str:
    checked = safe_url(clean_line(url))
    return f"<{checked}>" if checked else md_escape(url)


