"""The directors' report: notebooks run by papermill, exported to self-contained HTML.

:func:`build_report` is what ``pilot-eval report`` calls. The notebooks call
:mod:`pilot_eval.report.sections` (tables, charts and sentences in French) which call
:mod:`pilot_eval.metrics`; formatting lives in :mod:`pilot_eval.report.fr`, escaping
and pseudonyms in :mod:`pilot_eval.report.privacy`, the HTML pages in
:mod:`pilot_eval.report.html`.

In JupyterLab (``make lab`` opens ``notebooks/``) every notebook runs top to bottom with
its default parameters: ``data_dir = "../data"`` is the repository's ``data/`` seen from
``notebooks/``; when it holds no processed tables the notebook ingests ``data/raw``, or
writes and ingests the simulated sample, as ``pilot-eval report`` does.
``pilot-eval report`` passes absolute paths, and ``kpis_file`` so that the KPIs and the
content categories are computed once per report rather than once per notebook.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


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
    """Run the notebooks and write the report; see :func:`pilot_eval.report.run.build_report`."""
    from pilot_eval.report.run import build_report as _build

    return _build(
        data_dir=data_dir, accounts=accounts, start=start, end=end,
        reports_dir=reports_dir, focus=focus, progress=progress,
    )  # fmt: skip


__all__ = ["build_report"]
