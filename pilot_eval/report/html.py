"""Export executed notebooks to self-contained HTML pages for directors.

nbconvert's ``basic`` template renders the cells only (no page, no script, no
stylesheet); :func:`page` wraps them in a page of our own with inline CSS, the
"données simulées" banner when the data is the simulated sample, and a footer. Input
cells and prompts are excluded, stderr streams are dropped, figures stay embedded as
``data:image/png;base64``. Nothing is fetched from the network when the page opens:
:func:`external_resources` checks it (in the page's elements, not in its escaped text),
and :func:`machine_leaks` checks that no home directory or path of the analyst's machine
slipped in.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
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
  padding:.5rem .9rem; min-width:12rem; flex:1 1 12rem; background:#fbfcfd; }
.kpi-card .v { font-size:1.4rem; font-weight:bold; }
.kpi-card .l { color:var(--muted); font-size:.85rem; }
.kpi-card .caveat { color:#8a5a00; font-size:.78rem; margin-top:.25rem; max-width:15rem; }
table.wide { width:100%; font-size:.8rem; }
table.wide th { font-size:.76rem; }
table.wide td.num { white-space:normal; }
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

#: Attributes whose value the browser fetches or follows.
_URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "background", "srcset"}
#: Elements that fetch or run something by themselves, whatever their attributes.
_FETCHING_TAGS = {"script", "link", "iframe", "frame", "object", "embed", "base", "applet"}
_ALLOWED_LINK_HOSTS = ("twitter.com", "www.twitter.com", "mobile.twitter.com")
_REMOTE_CSS_RE = re.compile(r"@import|url\(\s*['\"]?\s*(https?:)?//", re.I)


class _Structure(HTMLParser):
    """Walks the elements of a page (not its text: escaped tweets are text) and
    collects what would be fetched, run or followed elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FETCHING_TAGS:
            self.problems.append(f"<{tag}> element")
        self._in_style = tag == "style"
        for name, value in attrs:
            name = name.rsplit(":", 1)[-1]  # xlink:href is an href
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{name}= event handler on <{tag}>")
            elif name == "style" and _REMOTE_CSS_RE.search(value):
                self.problems.append(f"remote url() in style of <{tag}>")
            elif name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")
            elif name in _URL_ATTRS:
                for url in value.split(",") if name == "srcset" else [value]:
                    url = url.strip().split(" ")[0]
                    if re.match(r"\s*(javascript|vbscript):", url, re.I):
                        self.problems.append(f"{name}={url[:80]}")
                    elif re.match(r"(https?:)?//", url, re.I):
                        host = re.sub(r"^(https?:)?//", "", url, flags=re.I).split("/")[0].lower()
                        if not (name == "href" and host in _ALLOWED_LINK_HOSTS):
                            self.problems.append(f"{name}={url[:80]}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS_RE.search(data):
            self.problems.append("CSS import or remote url()")


def external_resources(html: str) -> list[str]:
    """What a page would fetch, run or follow elsewhere: empty for a self-contained page.

    The page is parsed and only its elements count (text, where tweets are shown
    escaped, fetches nothing): ``<script>``, ``<link>``, ``<iframe>``, ``<object>``,
    ``<embed>`` and ``<base>`` elements; event-handler attributes (``onerror=`` ...);
    ``javascript:`` URLs; ``@import`` and remote ``url()`` in ``<style>`` and
    ``style=``; ``<meta http-equiv=refresh>``; and every ``src``/``href``/``srcset``/...
    attribute pointing to ``http(s)://`` or ``//``, except plain links (``href``) to
    twitter.com.
    """
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.problems


#: Home directories: ``/home/<login>``, ``/Users/<login>``, ``C:/Users/<login>``
#: (slashes, or one or two backslashes as in a repr), and ``/root``. A bare ``/home/``
#: (no login after it) names nobody. ``file://`` before them is taken off first.
_HOME_RE = re.compile(
    r"(?<![\w.:/\\-])(?:/(?:home|Users)/|[A-Za-z]:(?:\\{1,2}|/)Users(?:\\{1,2}|/))([\w.-]+)"
    r"|(?<![\w.:/-])/root(?=/)"
)
_FILE_URL_RE = re.compile(r"file:/*(?=/)", re.I)


def machine_paths(*paths: str | Path | None) -> list[str]:
    r"""The absolute paths of this machine a page must not show: the given ones (data
    and reports directories), the repository, the working directory and the home
    directory. Paths of fewer than two levels (``/``, ``/tmp``, ``C:\``) are left out:
    a tweet may say "/tmp/" (home directories are :data:`_HOME_RE`'s business)."""
    candidates = [*paths, Path(__file__).resolve().parents[2], Path.cwd(), Path.home()]
    out: list[str] = []
    for p in candidates:
        if p is None or len(Path(p).parts) < 3:
            continue
        text = str(p).rstrip("/\\")
        if text not in out:
            out.append(text)
    return out


def machine_leaks(html: str, extra: list[str] | None = None) -> list[str]:
    r"""Traces of the analyst's machine in ``html``.

    Looks, in the text as well as in the markup, for:

    - a home directory with a login after it (``/home/jdoe``, ``/Users/jdoe``,
      ``C:\Users\jdoe``, ``/root/``), whoever the login is: the analyst's login name
      is a leak there, and only there (a login such as "police" or "merci" is a
      word of every other tweet);
    - each string of ``extra`` as written (the data and reports directories of the
      run: :func:`machine_paths`), not preceded or followed by a path character.

    Returns what was found (the home directory up to the login, or the extra string).
    """
    leaks: list[str] = []
    for m in _HOME_RE.finditer(_FILE_URL_RE.sub(" ", html)):
        found = m.group(0).rstrip("/")
        if found not in leaks:
            leaks.append(found)
    for text in extra or []:
        for form in dict.fromkeys([text, text.replace("\\", "/")]):  # C:\x also as C:/x
            if form and re.search(rf"(?<![\w.-]){re.escape(form)}(?![\w-])", html):
                leaks.append(text)
                break
    return leaks
