"""``pilot-eval report``: run the notebooks with papermill and export them to HTML.

Everything happens in one Python process: papermill (one kernel per notebook, which
papermill needs) and nbconvert are imported once and called through their APIs. The
notebooks read ``data/processed`` only; when there is no processed data this module
ingests ``data/raw`` first, or, when there is no raw data either and the data directory
is the default ``./data``, writes and ingests the bundled simulated sample (a data
directory given that does not exist or holds no data is an error).

A run goes to ``reports/<start>_<end>_<YYYYmmdd-HHMMSS>/``::

    pilot_report.ipynb / .html   the assessment (main page)
    01_data … 04_content          the detailed pages (.ipynb executed, .html exported)
    kpis.json, kpis.csv           the KPIs of SPEC section 6
    index.html                    links to every page

and ``reports/latest.txt`` names the latest run directory. A run is written in a hidden
folder ``reports/.partial-<run>-<pid>/`` and renamed to ``reports/<run>/`` only when
every page passed :func:`check_page`; a failed or refused run leaves no HTML page (its
executed notebooks stay in the hidden folder for diagnosis, until the next run).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pilot_eval import __version__
from pilot_eval.config import DEFAULT_DATA_DIR, NOTEBOOKS_DIR, data_paths
from pilot_eval.errors import UserError
from pilot_eval.registry import Registry, load_registry
from pilot_eval.report import fr
from pilot_eval.report.privacy import escape

if TYPE_CHECKING:
    import pandas as pd

# nbconvert, papermill and tqdm are imported where used: the notebooks import this
# module (ensure_processed, compute_report_kpis) and must not pay for them.

#: Name of the file, in the reports directory, that names the latest run.
LATEST = "latest.txt"
#: Written beside ``kpis.json``: ``tweet_id``, ``category`` of the period's tweets,
#: classified once so that each notebook does not load the classifier again.
CATEGORIES_FILE = "categories.parquet"
#: Written beside ``kpis.json``: the classifier's committed evaluation
#: (``classify.evaluation_summary``), read once here so that no kernel imports scikit-learn.
EVALUATION_FILE = "classifier_evaluation.json"
#: The main page of a run.
MAIN = "pilot_report"
#: Given to every kernel: its own log lines (TCP warning, shutdown) are noise for the user.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


@dataclass(frozen=True)
class NotebookPage:
    """One notebook of the suite and the title of its page."""

    name: str  # file stem in notebooks/
    title: str  # French, shown to directors

    @property
    def html(self) -> str:
        """File name of the exported page."""
        return f"{self.name}.html"


#: The suite, main page first (the order of the navigation bar).
PAGES = (
    NotebookPage(MAIN, "Bilan de l'expérimentation Twitter"),
    NotebookPage("01_data", "Données, sources et couverture"),
    NotebookPage("02_engagement", "Engagement des publics"),
    NotebookPage("03_growth", "Croissance des abonnés"),
    NotebookPage("04_content", "Contenus publiés"),
)


def _has_raw_files(raw: Path) -> bool:
    if not raw.is_dir():
        return False
    ignored = {".gitkeep", "README.md", "README", ".DS_Store"}
    return any(p.is_file() and p.name not in ignored for p in raw.rglob("*"))


def sample_allowed(data_dir: Path) -> bool:
    """True for the default data directory (``./data``), the only one ``pilot-eval
    report`` fills with the simulated sample when it holds no data (README)."""
    return Path(data_dir).resolve() == DEFAULT_DATA_DIR.resolve()


def ensure_processed(
    data_dir: Path, registry: Registry, *, progress: bool = True, sample: bool = True
) -> str:
    """Make sure ``data_dir/processed`` holds tables; say on stderr what was done.

    Returns ``"processed"`` (already there), ``"ingested"`` (raw data ingested) or
    ``"sample"`` (no data at all: the bundled simulated sample written and ingested).
    With ``sample=False`` a directory without data is a :class:`UserError` instead.
    """
    from pilot_eval.tables import has_data

    if has_data(data_dir):
        return "processed"
    from pilot_eval.ingest import ingest

    paths = data_paths(data_dir)
    how = "ingested"
    if not _has_raw_files(paths.raw) and not sample:
        raise UserError(
            f"no data in {data_dir} (no tables in processed/, no files in raw/): "
            f"ingest data there first, or write the simulated sample with "
            f"'pilot-eval sample --data-dir {data_dir}'"
        )
    if not _has_raw_files(paths.raw):
        from pilot_eval.sample import write_sample

        write_sample(paths.sample, registry)
        how = "sample"
        print(
            f"no data in {data_dir}: wrote the bundled SIMULATED sample to {paths.sample} "
            "and ingesting it (the report will say the data is simulated)",
            file=sys.stderr,
        )
    else:
        print(
            f"no processed tables in {paths.processed}: ingesting {paths.raw} first",
            file=sys.stderr,
        )
    summary = ingest(
        inputs=None, data_dir=data_dir, registry=registry, handle=None, collected_at=None,
        progress=progress,
    )  # fmt: skip
    if not has_data(data_dir):
        raise UserError(f"ingesting {paths.raw} gave no tweets and no follower snapshots")
    if progress and hasattr(summary, "render"):
        print(summary.render(), file=sys.stderr)
    return how


def run_name(start: date, end: date, when: datetime) -> str:
    """Directory name of a run: ``2013-12-23_2014-03-31_20261123-141502``."""
    return f"{start.isoformat()}_{end.isoformat()}_{when:%Y%m%d-%H%M%S}"


def write_kpis(kpis: dict, run_dir: Path) -> None:
    """``kpis.json`` (the dict of SPEC section 6) and ``kpis.csv`` (one row per account)."""
    from pilot_eval.metrics.kpis import kpis_frame

    (run_dir / "kpis.json").write_text(
        json.dumps(kpis, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    kpis_frame(kpis).to_csv(run_dir / "kpis.csv", index=False)


def write_categories(period: pd.DataFrame, run_dir: Path) -> Path:
    """``categories.parquet``: the category of every tweet of the period, classified once
    (``metrics.kpis.with_categories``: the analyst's labels win) for all the notebooks.

    ``period`` is the second value of :func:`compute_report_kpis`.
    """
    import pandas as pd

    if "category" not in period.columns:
        period = period.assign(category=pd.Series(pd.NA, index=period.index, dtype="string"))
    target = run_dir / CATEGORIES_FILE
    period[["tweet_id", "category"]].to_parquet(target, index=False)
    return target


def write_evaluation_summary(run_dir: Path) -> Path:
    """``classifier_evaluation.json``: ``classify.evaluation_summary()`` ({} when absent)."""
    try:
        from pilot_eval.classify import evaluation_summary

        summary = evaluation_summary() or {}
    except ImportError:
        summary = {}
    target = run_dir / EVALUATION_FILE
    target.write_text(json.dumps(summary, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def compute_report_kpis(
    data_dir: Path, registry: Registry, start: date, end: date
) -> tuple[dict, pd.DataFrame]:
    """The KPIs of the period, exactly as ``pilot-eval kpis --format json`` prints them,
    and the period's tweets with their category (classified once for the whole report)."""
    from pilot_eval.metrics.kpis import period_kpis

    kpis, period = period_kpis(data_dir, registry, start, end)
    return json.loads(json.dumps(kpis, ensure_ascii=False)), period


def execute(page_: NotebookPage, run_dir: Path, parameters: dict, km=None) -> Path:
    """Execute one notebook of the suite into ``run_dir`` with papermill (in-process).

    ``km``: a running kernel (:func:`shared_kernel`) to execute in; without it papermill
    starts and stops a kernel for this notebook. A failing cell raises
    :class:`UserError` naming the notebook and the cell; the partially executed
    notebook is kept in ``run_dir`` for diagnosis.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    # papermill warns about parameters whose annotation (``str | None``) it cannot parse
    logging.getLogger("papermill").setLevel(logging.ERROR)

    source = NOTEBOOKS_DIR / f"{page_.name}.ipynb"
    if not source.exists():
        raise UserError(f"notebook not found: {source}")
    target = run_dir / f"{page_.name}.ipynb"
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            # no ``cwd``: papermill would chdir the whole process, which is not
            # thread-safe; the notebooks get absolute paths and need no working directory
            request_save_on_cell_execute=False,
            extra_arguments=KERNEL_ARGUMENTS,
            km=km,
        )
    except PapermillExecutionError as exc:
        raise UserError(
            f"notebook {page_.name}.ipynb failed in cell {exc.cell_index} "
            f"({exc.ename}: {str(exc.evalue).splitlines()[0] if exc.evalue else ''}); "
            f"the partial notebook is kept in {target} until the next report run"
        ) from None
    except Exception as exc:  # kernel death, missing kernel, bad notebook file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise UserError(
            f"notebook {page_.name}.ipynb could not be executed "
            f"({type(exc).__name__}: {first}); output in {target}"
        ) from None
    return target


def _footer(start: date, end: date, when: datetime) -> str:
    return (
        f"Rapport produit le {fr.long_date(when)} à {fr.clock(when)} par pilot_eval {__version__} — "
        f"période : {fr.period(start, end)} (heure de Paris)."
    )


def write_index(run_dir: Path, *, start: date, end: date, simulated: bool, footer: str) -> Path:
    """``index.html``: the pages of the run and the KPI files, self-contained."""
    from pilot_eval.report.html import page

    items = "".join(f'<li><a href="{escape(p.html)}">{escape(p.title)}</a></li>' for p in PAGES)
    body = (
        "<h1>Rapport d'évaluation</h1>"
        f"<p>Période : {escape(fr.period(start, end))}.</p>"
        f"<h2>Pages</h2><ul>{items}</ul>"
        "<h2>Indicateurs bruts</h2><ul>"
        '<li><a href="kpis.json">kpis.json</a> (indicateurs de la section 6 de la spécification)</li>'
        '<li><a href="kpis.csv">kpis.csv</a> (une ligne par compte)</li></ul>'
    )
    html = page(
        body,
        title="Rapport d'évaluation — sommaire",
        subtitle=fr.period(start, end).capitalize(),
        simulated=simulated,
        nav=[(p.html, p.title) for p in PAGES],
        footer=footer,
    )
    target = run_dir / "index.html"
    target.write_text(html, encoding="utf-8")
    return target


def check_page(path: Path, machine: list[str] | None = None) -> None:
    """Refuse to ship a page that fetches resources or leaks the analyst's machine.

    ``machine``: absolute paths of this machine the page must not show
    (:func:`pilot_eval.report.html.machine_paths`).
    """
    from pilot_eval.report.html import external_resources, machine_leaks

    html = path.read_text(encoding="utf-8")
    problems = external_resources(html) + machine_leaks(html, extra=machine)
    if problems:
        raise UserError(f"{path.name} is not safe to send: {', '.join(problems[:5])}")


def _run_page(
    page_: NotebookPage, run_dir: Path, parameters: dict, page_kwargs: dict, km=None,
    machine: list[str] | None = None,
) -> Path:  # fmt: skip
    from pilot_eval.report.html import export_notebook

    executed = execute(page_, run_dir, parameters, km)
    target = export_notebook(
        executed, run_dir / page_.html, title=page_.title, current=page_.html, **page_kwargs
    )
    check_page(target, machine)
    return target


def jobs() -> int:
    """Kernels run at once: ``PILOT_EVAL_REPORT_JOBS``, else the CPU count (max 3)."""
    env = os.environ.get("PILOT_EVAL_REPORT_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(3, os.cpu_count() or 1))


def kernel_groups(pages: tuple[NotebookPage, ...] = PAGES, n: int | None = None) -> list[list]:
    """The pages each kernel executes, in order: ``n`` (default :func:`jobs`) kernels.

    The main page, the longest, has a kernel of its own; the detail pages share the
    others. One kernel runs several notebooks one after the other, so that its start
    and its imports (pandas, matplotlib: about 2 s) are paid once per kernel, not once
    per notebook (issue 8), and the notebooks of one kernel share their computations
    (:func:`pilot_eval.report.sections.load_context`).
    """
    n = jobs() if n is None else n
    if n <= 1 or len(pages) <= 1:
        return [list(pages)]
    main, rest = [pages[0]], list(pages[1:])
    return [main] + [g for g in (rest[i :: n - 1] for i in range(n - 1)) if g]


@contextmanager
def shared_kernel():
    """A Jupyter kernel (``python3``) for several notebooks, started and shut down here.

    Start, use and shut it down in one thread: its sockets belong to that thread's
    event loop.
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    try:
        run_sync(km.start_kernel)(extra_arguments=KERNEL_ARGUMENTS)
    except Exception as exc:  # no such kernel, cannot spawn
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise UserError(f"cannot start a Jupyter kernel ({type(exc).__name__}: {first})") from None
    try:
        yield km
    finally:
        try:
            run_sync(km.shutdown_kernel)(now=False)
        except Exception:  # already dead: nothing left to stop
            pass


class PageRunner:
    """Kernels started at once, each waiting for :meth:`run` to execute its pages.

    ``pilot-eval report`` creates it before computing the KPIs, so that the kernels
    start while the parent works; :meth:`close` stops kernels that were never used.
    """

    def __init__(self, groups: list[list]) -> None:
        self.groups = groups
        self._go = threading.Event()
        self._job: tuple | None = None
        self._pool = ThreadPoolExecutor(max_workers=len(groups), thread_name_prefix="kernel")
        self._futures = [self._pool.submit(self._work, g) for g in groups]

    def _work(self, pages: list) -> None:
        with shared_kernel() as km:
            self._go.wait()
            if self._job is None:  # closed before run: nothing to execute
                return
            run_dir, parameters, page_kwargs, machine, done = self._job
            for page_ in pages:
                if self._job is None:
                    return
                _run_page(page_, run_dir, parameters, page_kwargs, km, machine)
                done(page_)

    def run(
        self, run_dir: Path, parameters: dict, page_kwargs: dict, *, progress: bool,
        machine: list[str] | None = None,
    ) -> None:  # fmt: skip
        """Execute, export and check every page; the first error stops the report.

        ``machine``: the paths of this machine no page may show (:func:`check_page`).
        """
        from tqdm import tqdm

        total = sum(len(g) for g in self.groups)
        bar = tqdm(
            total=total, desc="report", unit="notebook", disable=not progress, file=sys.stderr
        )
        lock = threading.Lock()

        def done(page_: NotebookPage) -> None:
            with lock:
                bar.set_postfix_str(page_.name)
                bar.update(1)

        self._job = (run_dir, parameters, page_kwargs, machine, done)
        self._go.set()
        with bar:
            try:
                for future in as_completed(self._futures):
                    future.result()  # a UserError from a notebook stops the report here
            except BaseException:
                self._job = None  # the other kernels stop after their current page
                raise

    def close(self) -> None:
        """Stop every kernel (those still waiting are released without work)."""
        self._go.set()
        self._pool.shutdown(wait=True)


def skip_iri_grammar() -> None:
    """Let jsonschema run as if the optional ``rfc3987_syntax`` were not installed.

    nbformat, nbconvert and papermill import jsonschema, whose format checkers import
    rfc3987_syntax when it is installed (jupyterlab brings it, through jupyter-events)
    only to check "iri" strings; building its grammar takes about 1.4 s per process,
    the largest single cost of starting a report (issue 8). The report validates no
    IRI, and jsonschema supports the package's absence (``suppress(ImportError)``).
    Called by :func:`build_report` only, before anything imports jsonschema; a
    process that already imported it keeps its checkers.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]


def build_report(
    *,
    data_dir: Path,
    accounts: str | None,
    start: date,
    end: date,
    reports_dir: Path,
    focus: list[str] | None,
    progress: bool = True,
) -> Path:
    """Run the notebook suite and write the HTML report; return the main page's path.

    Parameters
    ----------
    data_dir
        Data directory (``raw/`` and ``processed/``). Without processed tables, raw data
        is ingested first; without any data, the simulated sample is written and
        ingested if ``data_dir`` is the default ``./data`` (:func:`sample_allowed`),
        else :class:`UserError` (as for a directory that does not exist).
    accounts
        Registry TOML file, or None for the registry shipped in the package.
    start, end
        The period, local dates (Europe/Paris), inclusive.
    reports_dir
        Where run directories are created; ``reports_dir/latest.txt`` names the last one.
    focus
        Handles of the accounts given a section each (default: every pilot).
    progress
        Show a progress bar over the notebooks on stderr.

    Returns
    -------
    pathlib.Path
        ``reports_dir/<run>/pilot_report.html``.
    """
    from pilot_eval.report.html import machine_paths

    skip_iri_grammar()
    data_dir = Path(data_dir).resolve()
    reports_dir = Path(reports_dir).resolve()
    if reports_dir.exists() and not reports_dir.is_dir():  # before any work, not after it
        raise UserError(f"reports directory {reports_dir} is a file, not a directory")
    registry = load_registry(accounts)
    if focus:
        focus = [registry.require(h).handle for h in focus]
    # the simulated sample stands in for the default ./data only: a directory named by
    # the user that does not exist, or holds no data, is a mistake to report
    sample = sample_allowed(data_dir)
    if not sample and not data_dir.is_dir():
        raise UserError(f"data directory not found: {data_dir}")
    ensure_processed(data_dir, registry, progress=progress, sample=sample)
    from pilot_eval.tables import read_manifest

    simulated = bool(read_manifest(data_paths(data_dir).processed).get("simulated", False))
    # the kernels start (about 1 s each) while the KPIs are computed
    runner = PageRunner(kernel_groups())
    try:
        kpis, period = compute_report_kpis(data_dir, registry, start, end)
        simulated = simulated or bool(kpis.get("simulated"))

        when = datetime.now()
        name = run_name(start, end, when)
        reports_dir.mkdir(parents=True, exist_ok=True)
        clear_stale_partials(reports_dir)
        # the run is written in a hidden folder and published (renamed) only when every
        # page passed its checks: a refused or failed run leaves no report to send
        run_dir = reports_dir / f"{PARTIAL_PREFIX}{name}-{os.getpid()}"
        run_dir.mkdir(exist_ok=False)
        write_kpis(kpis, run_dir)
        write_categories(period, run_dir)
        write_evaluation_summary(run_dir)
        parameters = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "data_dir": str(data_dir),
            "accounts": None if accounts is None else str(Path(accounts).resolve()),
            "focus": list(focus) if focus else None,
        }
        parameters["kpis_file"] = str((run_dir / "kpis.json").resolve())
        footer = _footer(start, end, when)
        page_kwargs = {
            "subtitle": fr.period(start, end).capitalize(),
            "simulated": simulated,
            "nav": [(p.html, p.title) for p in PAGES],
            "footer": footer,
        }
        machine = machine_paths(data_dir, reports_dir, run_dir)
        try:
            runner.run(run_dir, parameters, page_kwargs, progress=progress, machine=machine)
            check_page(
                write_index(run_dir, start=start, end=end, simulated=simulated, footer=footer),
                machine,
            )
        except BaseException:
            runner.close()  # the other kernels finish their current page first (review)
            _unpublish(run_dir)
            raise
    finally:
        runner.close()
    final = publish(run_dir, reports_dir / name)
    return final / f"{MAIN}.html"


#: Prefix of the hidden folder a run is written in before it is published.
PARTIAL_PREFIX = ".partial-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by another user
        return True
    return True


def clear_stale_partials(reports_dir: Path) -> list[str]:
    """Remove the hidden folders of earlier runs that failed (their process has
    exited); returns their names. A failed run's notebooks are kept for diagnosis
    until the next report run; the folder of a run still going is left alone."""
    removed = []
    if not reports_dir.is_dir():
        return removed
    for folder in sorted(reports_dir.glob(f"{PARTIAL_PREFIX}*")):
        pid = folder.name.rsplit("-", 1)[-1]
        if folder.is_dir() and pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _unpublish(run_dir: Path) -> None:
    """After a failed or refused run: remove its HTML pages (nothing there may be sent),
    keep the executed notebooks of the hidden folder for diagnosis."""
    for page_ in run_dir.glob("*.html"):
        page_.unlink(missing_ok=True)


def publish(run_dir: Path, target: Path) -> Path:
    """Rename the finished run folder to ``target`` and name it in ``latest.txt``."""
    if target.exists():
        raise UserError(f"{target} already exists: run the report again")
    os.replace(run_dir, target)
    (target.parent / LATEST).write_text(target.name + "\n", encoding="utf-8")
    return target
