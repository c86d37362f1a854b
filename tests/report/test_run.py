"""Unit tests of :mod:`pilot_eval.report.run` that need no kernel (the whole report
runs in ``tests/notebooks/test_report.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from pilot_eval.errors import UserError
from pilot_eval.report.run import PARTIAL_PREFIX, build_report, clear_stale_partials


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_partial_folders_of_finished_runs_are_removed(tmp_path):
    dead = tmp_path / f"{PARTIAL_PREFIX}2013-12-23_2014-03-31_20140401-060000-{_dead_pid()}"
    running = tmp_path / f"{PARTIAL_PREFIX}2013-12-23_2014-03-31_20140401-060001-{os.getpid()}"
    for folder in (dead, running):
        folder.mkdir()
        (folder / "01_data.ipynb").write_text("{}", encoding="utf-8")
    published = tmp_path / "2013-12-23_2014-03-31_20140401-050000"
    published.mkdir()
    odd = tmp_path / f"{PARTIAL_PREFIX}not-a-pid"  # not ours to judge: left alone
    odd.mkdir()

    removed = clear_stale_partials(tmp_path)

    assert removed == [dead.name]
    assert not dead.exists()
    assert running.is_dir() and published.is_dir() and odd.is_dir()


def test_no_reports_folder_yet(tmp_path):
    assert clear_stale_partials(tmp_path / "reports") == []


def test_reports_dir_that_is_a_file_is_refused_before_any_work(tmp_path):
    """--reports-dir naming a regular file: one clear line (was a FileExistsError
    traceback once the KPIs were computed), checked before the data directory."""
    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build_report(
            data_dir=tmp_path / "nonexistent",
            accounts=None,
            start=date(2013, 12, 23),
            end=date(2014, 3, 31),
            reports_dir=afile,
            focus=None,
            progress=False,
        )
    assert str(caught.value) == f"reports directory {afile} is a file, not a directory"
