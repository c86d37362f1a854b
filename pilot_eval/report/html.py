"""Export executed notebooks to self-contained HTML pages for directors.

nbconvert's ``basic`` template renders the cells only (no page, no script, no
stylesheet); :func:`page` wraps them in a page of our own with inline CSS, the
"données simulées" banner when the data is the simulated sample, and a footer. Input
cells and prompts are excluded, stderr streams are dropped, figures stay embedded as
``data:image/png;base64``. Nothing is fetched from the network when the page opens:
:func:`external_resources` checks it, and :func:`machine_leaks` checks that no local
path or user name of the analyst's machine slipped in.
"""

from __future__ import annotations

import getpass
import html as _html
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from pilot_eval.report.privacy import escape

#: Text of the banner shown at the top of every page when the data is simulated.
SIMULATED_BANNER = (
    "Données simulées — ce rapport est produit sur l'échantillon simulé fourni avec "
    "pilot_eval : les chiffres illustrent la méthode et ne décrivent pas les comptes réels."
)

CSS = """
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --accent:#1f4e79; --bg:#ffffff; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin:0; background:#f4f6f8; color:var(--ink);
  font-family: "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height:1.5; }
.banner { background:#fff4ce; border-bottom:3px solid #e0a800; color:#5c4400; padding:.7rem 1.5rem;
  font-weight:bold; text-align:center; }
header.top { background:var(--accent); color:#fff; padding:1rem 1.5rem; }
header.top .kicker { font-size:.85rem; opacity:.85; text-transform:uppercase; letter-spacing:.05em; }
header.top .title { font-size:1.5rem; font-weight:bold; }
nav.pages { background:#e8eef4; padding:.4rem 1.5rem; font-size:.9rem; }
nav.pages a { color:var(--accent); margin-right:1.2rem; text-decoration:none; }
nav.pages a.current { font-weight:bold; text-decoration:underline; }
main { overflow-x:auto; max-width:1100px; margin:1.5rem auto; background:var(--bg); padding:1.5rem 2.5rem 2.5rem;
  border:1px solid var(--line); border-radius:6px; }
h1 { color:var(--accent); font-size:1.9rem; margin-top:.5rem; }
h2 { color:var(--accent); border-bottom:2px solid var(--line); padding-bottom:.2rem; margin-top:2.2rem; }
h3 { color:#334e68; margin-top:1.6rem; }
a.anchor-link { display:none; }
p, li { max-width: 60rem; }
table { border-collapse:collapse; margin:.8rem 0 1.2rem; font-size:.88rem; }
th, td { border:1px solid var(--line); padding:.3rem .55rem; vertical-align:top; }
thead th { background:#e8eef4; text-align:center; }
td.num, th.num { text-align:right; white-space:nowrap; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background:#f8fafc; }
caption { caption-side:bottom; text-align:left; color:var(--muted); font-size:.8rem; padding-top:.3rem; }
img { max-width:100%; height:auto; display:block; margin:.6rem 0; }
.output_stream pre, pre { background:#f8fafc; padding:.6rem; overflow-x:auto; font-size:.85rem; }
.source { color:var(--muted); font-size:.8rem; margin-top:-.3rem; }
.finding { margin:.35rem 0; }
.kpi-cards { display:flex; flex-wrap:wrap; gap:.8rem; margin:1rem 0; }
.kpi-card { border:1px solid var(--line); border-left:5px solid var(--accent); border-radius:4px;
  padding:.5rem .9rem; min-width:12rem; background:#fbfcfd; }
.kpi-card .v { font-size:1.4rem; font-weight:bold; }
.kpi-card .l { color:var(--muted); font-size:.85rem; }
blockquote.tweet { border-left:4px solid #9fb3c8; margin:.5rem 0; padding:.3rem .8rem; background:#f8fafc; }
blockquote.tweet .meta { color:var(--muted); font-size:.8rem; }
.note { color:var(--muted); font-size:.9rem; }
footer { max-width:1100px; margin:0 auto 2rem; color:var(--muted); font-size:.8rem; padding:0 .5rem; }
@media print { body { background:#fff; } main { border:none; } nav.pages { display:none; } }
"""


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` fit for export: stderr streams and parameter cells' outputs dropped."""
    out = nbformat.from_dict(nb)
    for cell in out.cells:
        if cell.get("cell_type") != "code":
            continue
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"parameters", "injected-parameters", "hide-output"}:
            cell["outputs"] = []
            continue
        cell["outputs"] = [
            o for o in cell.get("outputs", [])
            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
        ]  # fmt: skip
    return out


def notebook_body(nb: nbformat.NotebookNode) -> str:
    """The HTML of the cells of ``nb``: outputs and Markdown only, no code, no prompts."""
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(clean_notebook(nb))
    return body


def page(
    body: str,
    *,
    title: str,
    simulated: bool,
    subtitle: str = "",
    nav: list[tuple[str, str]] | None = None,
    current: str | None = None,
    footer: str = "",
) -> str:
    """A complete, self-contained HTML page around ``body``.

    Parameters
    ----------
    body
        HTML of the content (trusted: produced by nbconvert or by our escaping helpers).
    title, subtitle
        Plain text (escaped here) for ``<title>`` and the header.
    simulated
        Adds :data:`SIMULATED_BANNER` at the very top of the page.
    nav
        ``(file name, label)`` links to the sibling pages (relative links).
    """
    banner = (
        f'<div class="banner" role="alert">{escape(SIMULATED_BANNER)}</div>' if simulated else ""
    )
    links = ""
    if nav:
        mark = ' class="current"'
        items = "".join(
            f'<a href="{escape(href)}"{mark if href == current else ""}>{escape(label)}</a>'
            for href, label in nav
        )
        links = f'<nav class="pages">{items}</nav>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{banner}\n"
        '<header class="top"><div class="kicker">Police nationale — expérimentation Twitter</div>'
        f"<div>{escape(subtitle)}</div></header>\n"
        f"{links}\n<main>\n{body}\n</main>\n"
        f"<footer>{escape(footer)}</footer>\n</body>\n</html>\n"
    )


def export_notebook(notebook: Path | nbformat.NotebookNode, target: Path, **page_kwargs) -> Path:
    """Export an executed notebook to one self-contained HTML page at ``target``."""
    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, Path) else notebook
    target.write_text(page(notebook_body(nb), **page_kwargs), encoding="utf-8")
    return target


# ---------------------------------------------------------------- checks

_ATTR_RE = re.compile(r"""\b(src|href|action|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.I)
_ALLOWED_LINK_HOSTS = ("twitter.com", "www.twitter.com", "mobile.twitter.com")


def external_resources(html: str) -> list[str]:
    """What a page would fetch or run from elsewhere: empty for a self-contained page.

    Reports ``<script>`` and ``<link>`` elements, ``@import`` and ``url(http…)`` in
    CSS, and every ``src``/``href``/... attribute pointing to ``http(s)://`` or ``//``,
    except plain links (``href``) to twitter.com.
    """
    problems = []
    if re.search(r"<script\b", html, re.I):
        problems.append("<script> element")
    if re.search(r"<link\b", html, re.I):
        problems.append("<link> element")
    if re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I):
        problems.append("CSS import or remote url()")
    for attr, value in _ATTR_RE.findall(html):
        value = _html.unescape(value)
        if not re.match(r"(https?:)?//", value, re.I):
            continue
        host = re.sub(r"^(https?:)?//", "", value, flags=re.I).split("/")[0].lower()
        if attr.lower() == "href" and host in _ALLOWED_LINK_HOSTS:
            continue
        problems.append(f"{attr}={value[:80]}")
    return problems


def machine_leaks(html: str, extra: list[str] | None = None) -> list[str]:
    """Traces of the analyst's machine in ``html``: local paths and the user name."""
    leaks = []
    # a local path, not a URL path: "/tmp/" not preceded by a host or path character
    for pattern in (r"/work/", r"/tmp/", r"/home/", r"/Users/", r"/root/", r"[A-Z]:\\\\Users"):
        if re.search(r"(?<![\w.:/-])" + pattern, html):
            leaks.append(pattern)
    names = list(extra or [])
    try:
        user = getpass.getuser()
    except Exception:  # no user name available: nothing to look for
        user = ""
    if user and len(user) >= 4 and user not in {"root", "user", "runner"}:
        names.append(user)
    for name in names:
        if name and re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", html):
            leaks.append(name)
    return leaks
