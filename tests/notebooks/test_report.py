"""The notebook suite and ``pilot-eval report`` end to end (papermill, nbconvert, Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import nbformat
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from report.tiny import MARKUP, PRIVATE, write_tiny

from pilot_eval.config import NOTEBOOKS_DIR, data_paths
from pilot_eval.errors import UserError
from pilot_eval.report import run
from pilot_eval.report.html import SIMULATED_BANNER, external_resources, machine_leaks
from pilot_eval.schema import conform

PARAMETERS = ("start", "end", "data_dir", "accounts", "focus")


# ---------------------------------------------------------------- committed notebooks


@pytest.mark.parametrize("page", run.PAGES, ids=lambda p: p.name)
def test_notebook_committed_without_outputs_with_parameters(page):
    nb = nbformat.read(NOTEBOOKS_DIR / f"{page.name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for name in PARAMETERS:
        assert re.search(rf"^{name}: .+ = .+  # ", params[0].source, re.M), name
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


# ---------------------------------------------------------------- one report on the sample


def _hostile_tweet(data_dir: Path) -> None:
    """Add a tweet with markup replying to a private person to the processed tweets."""
    path = data_paths(data_dir).table("tweets")
    table = pq.read_table(path)
    row = pd.DataFrame(
        [{
            "tweet_id": 999_999_999_999_999_999, "handle": "pnationale67",
            "created_at": pd.Timestamp("2014-02-10 10:00", tz="UTC"), "text": f"@{PRIVATE} {MARKUP}",
            "lang": "fr", "kind": "reply", "retweet_count": 5000, "like_count": 5000,
            "reply_count": 10, "quote_count": 0, "hashtags": [], "mentions": [PRIVATE], "urls": [],
            "media_count": 0, "source": "snscrape", "collected_at": pd.Timestamp("2014-04-01", tz="UTC"),
            "reply_to": PRIVATE, "in_registry": True,
        }]
    )  # fmt: skip
    pq.write_table(pa.concat_tables([table, conform(row, "tweets").cast(table.schema)]), path)


@pytest.fixture(scope="session")
def report_data(tmp_path_factory, registry) -> Path:
    """The simulated sample, written and ingested once, plus a hostile tweet."""
    data = tmp_path_factory.mktemp("report") / "data"
    try:
        from pilot_eval.ingest import ingest
        from pilot_eval.sample import write_sample
    except ImportError:  # while the sample or ingest is not there: a tiny processed dataset
        write_tiny(data)
    else:
        write_sample(data_paths(data).sample, registry)
        ingest(inputs=None, data_dir=data, registry=registry, handle=None, collected_at=None,
               progress=False)  # fmt: skip
    _hostile_tweet(data)
    return data


@pytest.fixture(scope="session")
def report_run(report_data, tmp_path_factory) -> Path:
    reports = tmp_path_factory.mktemp("reports")
    return run.build_report(
        data_dir=report_data, accounts=None, start=date(2013, 12, 23), end=date(2014, 3, 31),
        reports_dir=reports, focus=None, progress=False,
    )  # fmt: skip


def _pages(main: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(main.parent.glob("*.html"))}


@pytest.mark.notebooks
@pytest.mark.slow
def test_report_files(report_run):
    run_dir = report_run.parent
    assert report_run.name == "pilot_report.html" and report_run.exists()
    assert re.fullmatch(r"2013-12-23_2014-03-31_\d{8}-\d{6}", run_dir.name)
    for name in ("kpis.json", "kpis.csv", "index.html", *(p.html for p in run.PAGES)):
        assert (run_dir / name).exists(), name
    assert (run_dir.parent / "latest.txt").read_text().strip() == run_dir.name
    kpis = pd.read_json(run_dir / "kpis.json", typ="series")
    assert set(kpis["accounts"]) >= {"PNationale44", "pnationale", "policia"}
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert all(p.html in index for p in run.PAGES)


@pytest.mark.notebooks
@pytest.mark.slow
def test_pages_have_no_code_and_are_self_contained(report_run, report_data):
    for name, html in _pages(report_run).items():
        assert "S.load_context" not in html and "import " not in html, name
        assert "In&nbsp;[" not in html and "Traceback" not in html, name
        assert external_resources(html) == [], name
        assert machine_leaks(html, extra=[str(report_data)]) == [], name


@pytest.mark.notebooks
@pytest.mark.slow
def test_simulated_banner_on_every_page(report_run):
    banner = SIMULATED_BANNER.split(" — ")[0]
    for name, html in _pages(report_run).items():
        assert banner in html.split("<main>")[0], name


@pytest.mark.notebooks
@pytest.mark.slow
def test_figures_embedded_and_french_numbers(report_run):
    html = report_run.read_text(encoding="utf-8")
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', html)) >= 6
    assert re.search(r"\d\u202f\d{3}", html)  # 12 345
    assert re.search(r"\d,\d+\u00a0%", html)  # 3,4 %
    assert "décembre 2013" in html and "mars 2014" in html


@pytest.mark.notebooks
@pytest.mark.slow
def test_tweet_markup_escaped_and_private_handles_pseudonymised(report_run):
    pages = _pages(report_run)
    for name, html in pages.items():
        assert PRIVATE not in html, name
        assert "<script" not in html.lower(), name
    assert any("&lt;script&gt;" in html for html in pages.values())
    assert any("@utilisateur_" in html for html in pages.values())


@pytest.mark.notebooks
@pytest.mark.slow
def test_failing_notebook_names_notebook_and_cell(tmp_path, monkeypatch, report_data):
    bad = tmp_path / "nb"
    bad.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "01_data.ipynb", bad / "01_data.ipynb")
    nb = nbformat.read(bad / "01_data.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('boom')"))
    nbformat.write(nb, bad / "01_data.ipynb")
    monkeypatch.setattr(run, "NOTEBOOKS_DIR", bad)
    page = next(p for p in run.PAGES if p.name == "01_data")
    params = {"start": "2013-12-23", "end": "2014-03-31", "data_dir": str(report_data),
              "accounts": None, "focus": None}  # fmt: skip
    with pytest.raises(UserError, match=r"01_data\.ipynb failed in cell \d+ \(ValueError: boom\)"):
        run.execute(page, tmp_path, params)
    assert (tmp_path / "01_data.ipynb").exists()  # partial notebook kept


def test_kernel_groups_give_the_main_page_a_kernel_and_every_page_once():
    names = lambda groups: [[p.name for p in g] for g in groups]  # noqa: E731
    assert names(run.kernel_groups(run.PAGES, 1)) == [[p.name for p in run.PAGES]]
    two = names(run.kernel_groups(run.PAGES, 2))
    assert two == [["pilot_report"], ["01_data", "02_engagement", "03_growth", "04_content"]]
    for n in (1, 2, 3, 4, 9):
        flat = [p for g in run.kernel_groups(run.PAGES, n) for p in g]
        assert sorted(p.name for p in flat) == sorted(p.name for p in run.PAGES)
        assert len(run.kernel_groups(run.PAGES, n)) <= max(1, n)


@pytest.mark.notebooks
@pytest.mark.slow
def test_notebooks_share_one_kernel_and_a_failure_still_names_the_cell(tmp_path, monkeypatch):
    """Several notebooks run in one kernel (one start, one set of imports); a failing
    cell there gives the same one-line error, and the kernel is shut down."""
    src = tmp_path / "nb"
    src.mkdir()
    for name, code in (
        ("first", "import os\nprint(os.getpid())"),
        ("second", "import os\nprint(os.getpid())"),
        ("third", "raise ValueError('boom')"),
    ):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        params = nbformat.v4.new_code_cell('start: str = "2013-12-23"  # first day')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(code)]
        nbformat.write(nb, src / f"{name}.ipynb")
    monkeypatch.setattr(run, "NOTEBOOKS_DIR", src)
    out = tmp_path / "out"
    out.mkdir()
    page = lambda name: run.NotebookPage(name, name)  # noqa: E731
    with run.shared_kernel() as km:
        pids = []
        for name in ("first", "second"):
            executed = nbformat.read(run.execute(page(name), out, {"start": "2014-01-01"}, km), 4)
            pids.append(executed.cells[-1].outputs[0]["text"].strip())
        with pytest.raises(
            UserError, match=r"third\.ipynb failed in cell \d+ \(ValueError: boom\)"
        ):
            run.execute(page("third"), out, {"start": "2014-01-01"}, km)
    assert pids[0] == pids[1]  # the same kernel process ran both notebooks
    from jupyter_core.utils import run_sync

    assert not run_sync(km.is_alive)()


def test_report_process_skips_the_iri_grammar_and_still_validates_notebooks():
    """skip_iri_grammar makes jsonschema behave as without rfc3987_syntax: nbformat
    still validates notebooks (a fresh process, as ``pilot-eval report`` is)."""
    import sys

    code = (
        "import sys\n"
        "from pilot_eval.report.run import skip_iri_grammar\n"
        "skip_iri_grammar()\n"
        "import nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')]))\n"
        "bad = nbformat.v4.new_notebook(); bad['cells'] = [{'cell_type': 'nope'}]\n"
        "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n    print('invalid')\n"
        "print(sys.modules['rfc3987_syntax'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["invalid", "None"]


# ---------------------------------------------------------------- browser


def _png_colours(path: Path) -> int:
    """Distinct pixel rows' checksums of a PNG (pure decode of its IDAT stream)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw[i : i + 4096] for i in range(0, len(raw), 4096)))


@pytest.mark.browser
@pytest.mark.notebooks
@pytest.mark.slow
def test_main_page_renders_in_chromium(report_run, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (make test installs it)")
    flags = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    shot = tmp_path / "shot.png"
    url = report_run.resolve().as_uri()
    subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1280,2000", url],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    assert shot.exists() and _png_colours(shot) > 50  # not one flat colour
    dom = subprocess.run([*flags, "--dump-dom", url], check=True, capture_output=True,
                         timeout=120, text=True).stdout  # fmt: skip
    assert "<title>Bilan de l'expérimentation Twitter</title>" in dom
    assert "Synthèse" in dom and "Données simulées" in dom


@pytest.mark.notebooks
@pytest.mark.slow
def test_notebook_runs_with_default_parameters_from_notebooks_dir(tmp_path):
    """As in JupyterLab (``make lab``): cwd notebooks/, data_dir "../data" (here empty:
    the notebook writes and ingests the simulated sample itself)."""
    import papermill

    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "03_growth.ipynb", nbdir / "03_growth.ipynb")
    papermill.execute_notebook(
        str(nbdir / "03_growth.ipynb"), str(nbdir / "out.ipynb"), progress_bar=False, cwd=str(nbdir)
    )
    assert data_paths(tmp_path / "data").table("tweets").exists()
    nb = nbformat.read(nbdir / "out.ipynb", as_version=4)
    images = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    assert len(images) >= 3


# ---------------------------------------------------------------- publishing


def _fake_runs(monkeypatch, unsafe: str | None = None) -> None:
    """Kernels and notebooks replaced by a one-cell notebook per page (no kernel): the
    page named ``unsafe`` shows a home directory, which the safety check refuses."""
    from contextlib import contextmanager

    @contextmanager
    def no_kernel():
        yield None

    def fake_execute(page_, run_dir, parameters, km=None):
        text = "/home/jdoe/notes" if page_.name == unsafe else "merci à la police"
        cell = nbformat.v4.new_code_cell(
            "x", outputs=[nbformat.v4.new_output("display_data", data={"text/html": text})]
        )
        target = run_dir / f"{page_.name}.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), target)
        return target

    monkeypatch.setattr(run, "shared_kernel", no_kernel)
    monkeypatch.setattr(run, "execute", fake_execute)


def _build(data: Path, reports: Path) -> Path:
    return run.build_report(
        data_dir=data, accounts=None, start=date(2013, 12, 23), end=date(2014, 3, 31),
        reports_dir=reports, focus=None, progress=False,
    )  # fmt: skip


def test_refused_run_publishes_nothing(tmp_path, monkeypatch):
    """A page refused by the safety check: no run directory, no HTML page anywhere in
    the reports directory, latest.txt still names the previous run."""
    data = write_tiny(tmp_path / "data")
    reports = tmp_path / "reports"
    _fake_runs(monkeypatch)
    first = _build(data, reports)
    published = sorted(p.name for p in reports.iterdir())
    _fake_runs(monkeypatch, unsafe="03_growth")
    with pytest.raises(UserError, match=r"03_growth\.html is not safe to send: /home/jdoe"):
        _build(data, reports)
    assert sorted(p.name for p in reports.iterdir() if not p.name.startswith(".")) == published
    assert sorted(reports.rglob("*.html")) == sorted(first.parent.glob("*.html"))
    assert (reports / "latest.txt").read_text().strip() == first.parent.name


def test_login_that_is_a_word_does_not_refuse_the_report(tmp_path, monkeypatch):
    for var in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.setenv(var, "police")
    data = write_tiny(tmp_path / "data")
    _fake_runs(monkeypatch)
    main = _build(data, tmp_path / "reports")
    assert "merci à la police" in main.read_text(encoding="utf-8")
    assert (main.parent / "index.html").exists()


# ---------------------------------------------------------------- data directory


def test_report_on_a_missing_data_dir_is_one_line_and_creates_nothing(tmp_path, capsys):
    """SPEC section 3: a user mistake is one line and a non-zero exit; the simulated
    sample stands in only for the default ./data (README), not for a directory given."""
    from pilot_eval.cli import main

    missing = tmp_path / "nonexistent"
    code = main(["report", "--data-dir", str(missing), "--reports-dir", str(tmp_path / "r")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1 and "data directory not found" in err[0], err
    assert not missing.exists() and not (tmp_path / "r").exists()


def test_report_on_an_empty_data_dir_given_does_not_use_the_sample(tmp_path, capsys):
    from pilot_eval.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["report", "--data-dir", str(empty), "--reports-dir", str(tmp_path / "r")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1 and "no data in" in err[0], err
    assert not (empty / "raw" / "sample").exists()


def test_default_data_dir_still_falls_back_to_the_sample(tmp_path, monkeypatch):
    """Run from an empty working directory: ./data is written with the sample."""
    monkeypatch.chdir(tmp_path)
    registry = run.load_registry(None)
    assert run.ensure_processed(Path("data"), registry, progress=False, sample=True) == "sample"
    assert run.sample_allowed(Path("data")) and run.sample_allowed(tmp_path / "data")
    assert not run.sample_allowed(tmp_path / "elsewhere")
