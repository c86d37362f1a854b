import subprocess
import sys

import pytest

from pilot_eval.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pilot_eval", *args], capture_output=True, text=True, timeout=120
    )


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("sample", "collect", "ingest", "kpis", "classify", "report", "audit-handles"):
        assert command in result.stdout


def test_bad_date_is_one_clear_line():
    result = run("kpis", "--start", "2014-02-30")
    assert result.returncode != 0
    assert "is not a date YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_after_end_is_one_clear_line(capsys, tmp_path):
    code = main(["kpis", "--data-dir", str(tmp_path), "--start", "2014-03-01", "--end", "2014-02-01"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert err == ["pilot-eval kpis: error: --start 2014-03-01 is after --end 2014-02-01"]


def test_missing_registry_file_is_one_clear_line(capsys, tmp_path):
    code = main(["kpis", "--data-dir", str(tmp_path), "--accounts", str(tmp_path / "none.toml")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert len(err) == 1 and "account registry not found" in err[0]


@pytest.mark.parametrize("command", ["frobnicate"])
def test_unknown_command(command):
    result = run(command)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
