"""HTML pages: self-contained, no machine traces (pilot_eval.report.html)."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pilot_eval.report import html


def _nb():
    code = new_code_cell(
        "secret_code()",
        outputs=[
            new_output("display_data", data={"text/html": "<p>visible</p>"}),
            new_output("stream", name="stderr", text="warning from /tmp/x"),
        ],
    )
    params = new_code_cell(
        'data_dir = "/work/x"', outputs=[new_output("stream", name="stdout", text="/work/x")]
    )
    params.metadata["tags"] = ["injected-parameters"]
    return new_notebook(cells=[new_markdown_cell("# Titre"), params, code])


def test_body_has_no_code_no_stderr_no_parameters():
    body = html.notebook_body(_nb())
    assert "visible" in body and "Titre" in body
    assert "secret_code" not in body and "warning from" not in body and "/work/x" not in body
    assert "In&nbsp;[" not in body and "Out[" not in body


def test_page_is_self_contained_with_banner():
    page = html.page(
        "<p>x</p>", title="Bilan <test>", simulated=True, nav=[("a.html", "A")], current="a.html"
    )
    assert html.external_resources(page) == []
    assert "Données simulées" in page.split("<main>")[0]
    assert "<title>Bilan &lt;test&gt;</title>" in page
    assert 'lang="fr"' in page
    assert "Données simulées" not in html.page("<p>x</p>", title="t", simulated=False)


def test_external_resources_detected():
    assert html.external_resources('<script src="https://cdn.x/require.js"></script>')
    assert html.external_resources('<link rel="stylesheet" href="https://fonts.x/css">')
    assert html.external_resources('<img src="http://x.org/a.png">')
    assert html.external_resources("<style>@import url(https://x)</style>")
    assert html.external_resources('<a href="https://twitter.com/pnationale">x</a>') == []
    assert html.external_resources('<img src="data:image/png;base64,AAA">') == []


def test_machine_leaks():
    assert html.machine_leaks("<p>/home/analyst/data</p>") == ["/home/analyst"]
    assert html.machine_leaks("<p>C:\\Users\\analyst\\data</p>") == ["C:\\Users\\analyst"]
    assert html.machine_leaks('<a href="https://x.fr/home/jdoe/">x</a>') == []
    assert html.machine_leaks("<p>by jdoe-analyst</p>", extra=["jdoe-analyst"]) == ["jdoe-analyst"]


def test_machine_leaks_finds_the_login_only_inside_a_path(monkeypatch):
    """Tweets say "police" and "merci": a login that is an ordinary word is a leak only
    inside a home directory path, where it names the analyst's machine."""
    for login in ("police", "merci"):
        for var in ("USER", "LOGNAME", "USERNAME"):
            monkeypatch.setenv(var, login)
        text = "<p>Merci à la police ! La police vous dit merci.</p>"
        assert html.machine_leaks(text) == []
        assert html.machine_leaks(f"<p>lu dans /home/{login}/data</p>") == [f"/home/{login}"]
        assert html.machine_leaks(f"<p>C:\\Users\\{login}\\x</p>")


def test_machine_leaks_ignore_a_bare_home_in_a_tweet():
    assert html.machine_leaks("<blockquote>Retour à la maison /home/ ce soir</blockquote>") == []
    assert html.machine_leaks("<p>/home/ et /Users/ seuls</p>") == []


def test_machine_leaks_find_the_given_paths_anywhere():
    page = "<p>données lues dans /srv/analyses/data (run)</p>"
    assert html.machine_leaks(page, extra=["/srv/analyses/data"]) == ["/srv/analyses/data"]


def test_escaped_markup_in_text_is_not_an_external_resource():
    """A tweet shown as text (escaped) fetches nothing: only real elements count."""
    tweet = (
        "<blockquote>&lt;img src=http://x/y.png&gt; &lt;script src=//e.vil/a.js&gt;</blockquote>"
    )
    assert html.external_resources(tweet) == []
    assert html.external_resources('<p title="src=http://x/y.png">x</p>') == []


def test_raw_markup_and_fetches_in_the_structure_are_refused():
    assert html.external_resources("<img src=http://x/y.png>")
    assert html.external_resources('<img src="data:image/png;base64,AA" onerror="alert(1)">')
    assert html.external_resources('<a href="javascript:alert(1)">x</a>')
    assert html.external_resources('<div style="background:url(https://x/y.png)">x</div>')
    assert html.external_resources('<iframe src="//x.org/"></iframe>')
    assert html.external_resources('<meta http-equiv="refresh" content="0;url=https://x">')
    assert html.external_resources('<img srcset="https://x/a.png 2x">')


def test_export_notebook_writes_one_file(tmp_path):
    path = tmp_path / "in.ipynb"
    nbformat.write(_nb(), path)
    out = html.export_notebook(path, tmp_path / "out.html", title="T", simulated=True)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "visible" in text


def test_machine_paths_leave_out_top_level_directories(monkeypatch, tmp_path):
    monkeypatch.chdir("/tmp")
    paths = html.machine_paths(tmp_path / "data", None)
    assert str(tmp_path / "data") in paths and "/tmp" not in paths
    assert html.machine_leaks("<p>Voir /tmp/ ce soir</p>", extra=html.machine_paths()) == []


def test_leaks_and_fetches_the_old_login_check_caught_are_still_caught():
    """Review: a Windows path with slashes (a WindowsPath repr), a file:// URL to a home
    directory, a given path written with slashes, and an SVG xlink:href fetch."""
    assert html.machine_leaks("WindowsPath('C:/Users/jdoe/data')") == ["C:/Users/jdoe"]
    assert html.machine_leaks('<img alt="file:///home/jdoe/x.png">') == ["/home/jdoe"]
    assert html.machine_leaks("run in C:/data/run today", extra=[r"C:\data\run"]) == [
        r"C:\data\run"
    ]
    svg = '<svg><image xlink:href="https://evil.example/x.png"/></svg>'
    assert html.external_resources(svg) == ["href=https://evil.example/x.png"]
