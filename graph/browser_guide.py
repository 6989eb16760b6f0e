"""A Neo4j Browser guide over ``browser/saved-queries.cypher``: one slide per saved query.

Browser 5 shows a remote guide (``:guide URL``) in its sidebar: every ``<slide>`` of the
HTML is one page, and a ``<pre class="code runnable">`` gets a play icon that runs the
query with one click (clicking the text only copies it into the editor). Browser fetches
the page itself, so the host must be in ``browser.remote_content_hostname_whitelist`` and
the answer must allow its origin (CORS).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

SAVED_QUERIES = Path(__file__).resolve().parent / "browser" / "saved-queries.cypher"
STYLE = Path(__file__).resolve().parent / "browser" / "style.grass"
GUIDE_PATH = "/browser-guide"  # where the API serves it


@dataclass(frozen=True)
class SavedQuery:
    title: str
    cypher: str


def saved_queries(path: Path = SAVED_QUERIES) -> list[SavedQuery]:
    """The blocks of the file: a ``//`` title line, the query, a closing semicolon. The
    file's header (the comment lines before the first title) is skipped."""
    found = []
    for chunk in path.read_text(encoding="utf-8").split(";\n"):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        while len(lines) > 1 and lines[0].startswith("//") and lines[1].startswith("//"):
            lines.pop(0)
        if len(lines) > 1 and lines[0].startswith("//"):
            found.append(SavedQuery(lines[0].removeprefix("//").strip(), "\n".join(lines[1:])))
    return found


def _slide(title: str, body: str) -> str:
    return f'<slide class="row-fluid">\n<h3>{html.escape(title)}</h3>\n{body}\n</slide>'


def _runnable(cypher: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(cypher)}</pre>'


def guide_html(queries: list[SavedQuery] | None = None) -> str:
    """The guide: an introduction, one slide per saved query, and where to go next."""
    queries = saved_queries() if queries is None else queries
    intro = _slide(
        "armsgraph: arms transfers with their sources",
        "<p>Every transfer here rests on claims, and every claim quotes its source document. "
        "Each of the next slides holds one saved query: press the play icon beside it to run "
        "it, or click the text to copy it into the editor first.</p>"
        "<p>States are ISO 3166-1 alpha-3 ids: <code>PRK</code> is the DPRK, <code>RUS</code> "
        "is Russia. For the captions and colours of this project, run the style below "
        "(it only changes how Browser draws nodes).</p>"
        + _runnable(":style " + " ".join(STYLE.read_text(encoding="utf-8").split())),
    )
    slides = [intro]
    for n, query in enumerate(queries, start=1):
        body = f"<p>Query {n} of {len(queries)}.</p>\n{_runnable(query.cypher)}"
        slides.append(_slide(query.title, body))
    slides.append(
        _slide(
            "Next",
            "<p>The same questions over HTTP, with citations: <code>/paths</code>, "
            "<code>/breaches</code>, <code>/claims/{id}</code> (OpenAPI at <code>/docs</code>). "
            "The queries are in <code>graph/browser/saved-queries.cypher</code>.</p>",
        )
    )
    return '<article class="guide">\n' + "\n".join(slides) + "\n</article>\n"
