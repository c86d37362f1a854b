import errno
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
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "pilot-eval kpis: error: argument --start: '2014-02-30' is not a date: "
        "2014-02 has no day 30 (see pilot-eval kpis --help)"
    ]


@pytest.mark.parametrize(
    "text, why",
    [
        ("2014-13-01", "'2014-13-01' is not a date: there is no month 13"),
        ("2014-04-31", "'2014-04-31' is not a date: 2014-04 has no day 31"),
        ("2013-02-29", "'2013-02-29' is not a date: 2013-02 has no day 29"),
        ("31/03/2014", "'31/03/2014' is not a date YYYY-MM-DD"),
    ],
)
def test_a_day_that_does_not_exist_is_named(text, why):
    import argparse

    from pilot_eval.cli import iso_date

    with pytest.raises(argparse.ArgumentTypeError) as caught:
        iso_date(text)
    assert str(caught.value) == why


def test_start_after_end_is_one_clear_line(capsys, tmp_path):
    code = main(
        ["kpis", "--data-dir", str(tmp_path), "--start", "2014-03-01", "--end", "2014-02-01"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert err == ["pilot-eval kpis: error: --start 2014-03-01 is after --end 2014-02-01"]
    code = main(
        ["collect", "--data-dir", str(tmp_path), "--since", "2014-03-01", "--until", "2014-01-01"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert err == ["pilot-eval collect: error: --since 2014-03-01 is after --until 2014-01-01"]


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


def test_argument_errors_are_one_line():
    result = run("kpis", "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "pilot-eval kpis: error: argument --format: invalid choice: 'xml' "
        "(choose from 'json', 'csv', 'table') (see pilot-eval kpis --help)"
    ]


def test_unwritable_data_dir_is_one_clear_line(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = main(["sample", "--data-dir", str(blocker)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("pilot-eval sample: error:")


def test_registry_with_only_impostors(capsys, tmp_path):
    toml = tmp_path / "a.toml"
    toml.write_text('[[account]]\nhandle = "pnationale86"\nname = "X"\nrole = "impostor"\n')
    code = main(["kpis", "--data-dir", str(tmp_path), "--accounts", str(toml)])
    err = capsys.readouterr().err
    assert code == 2 and "no pilot, national or comparator account" in err


def test_subcommand_help_has_examples():
    for command in ("ingest", "kpis", "report", "collect", "classify"):
        assert "example" in run(command, "--help").stdout


def test_ingest_with_an_unknown_handle_is_refused(capsys, tmp_path):
    (tmp_path / "raw").mkdir()
    code = main(["ingest", "--data-dir", str(tmp_path), "--handle", "nobody"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "unknown handle 'nobody'" in err[0]


@pytest.mark.parametrize(
    "code, why", [(errno.EROFS, "Read-only file system"), (errno.ENOSPC, "No space left on device")]
)
@pytest.mark.parametrize("command", ["sample", "kpis", "report"])
def test_read_only_or_full_disk_is_one_clear_line(
    capsys, tmp_path, monkeypatch, command, code, why
):
    """Not only PermissionError: any OSError of the user's file system is one line, exit 2."""
    import pilot_eval.metrics.kpis
    import pilot_eval.report
    import pilot_eval.sample

    target = str(tmp_path / "out")

    def fail(*args, **kwargs):
        raise OSError(code, why, target)

    monkeypatch.setattr(pilot_eval.sample, "write_sample", fail)
    monkeypatch.setattr(pilot_eval.metrics.kpis, "kpis_command", fail)
    monkeypatch.setattr(pilot_eval.report, "build_report", fail)
    assert main([command, "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"pilot-eval {command}: error: {why}: {target}"]


def test_ctrl_c_during_a_duckdb_query_is_an_interruption(capsys, tmp_path, monkeypatch):
    """duckdb 2.0 turns Ctrl-C during a query into RuntimeError("Query interrupted")."""
    import pilot_eval.metrics.kpis

    def interrupted(*args, **kwargs):
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(pilot_eval.metrics.kpis, "kpis_command", interrupted)
    assert main(["kpis", "--data-dir", str(tmp_path)]) == 130
    assert capsys.readouterr().err.strip().splitlines() == ["pilot-eval kpis: interrupted"]


@pytest.mark.parametrize(
    "args, option, value",
    [
        (["kpis", "--start", "0001-01-01", "--end", "9999-12-31"], "--start", "0001-01-01"),
        (["kpis", "--end", "9999-12-31"], "--end", "9999-12-31"),
        (["collect", "--since", "2005-12-31"], "--since", "2005-12-31"),
        (["collect", "--until", "2101-01-01"], "--until", "2101-01-01"),
    ],
)
def test_date_out_of_range_is_one_clear_line(capsys, tmp_path, args, option, value):
    """Was an OverflowError traceback (end + 1 day past year 9999)."""
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--data-dir", str(tmp_path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"pilot-eval {args[0]}: error: argument {option}: date {value} is out of range "
        f"(years 2006 to 2100) (see pilot-eval {args[0]} --help)"
    ]


def test_kpis_warnings_are_stderr_lines_and_exit_0(capsys, tmp_path, monkeypatch):
    import pilot_eval.metrics.kpis

    def kpis_command(*args, warn=None, **kwargs):
        warn("no tweets and no follower snapshots at all for policia: its counts read 0")
        return "the table"

    monkeypatch.setattr(pilot_eval.metrics.kpis, "kpis_command", kpis_command)
    assert main(["kpis", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == "the table\n"
    assert err.splitlines() == [
        "pilot-eval kpis: warning: no tweets and no follower snapshots at all for policia: "
        "its counts read 0"
    ]


def _subparsers() -> dict:
    import argparse

    from pilot_eval.cli import build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_command_help_has_a_one_sentence_description():
    for name, sub in _subparsers().items():
        assert sub.description and sub.description.endswith("."), name
        assert "SPEC" not in sub.format_help(), name  # users do not have the SPEC


def test_kpis_help_says_what_it_prints():
    text = " ".join(_subparsers()["kpis"].format_help().split())
    for words in ("tweets per day", "engagement", "follower gain", "%"):
        assert words in text


def test_collect_help_gives_date_format_and_defaults():
    text = " ".join(_subparsers()["collect"].format_help().split())
    assert "--since YYYY-MM-DD" in text and "--until YYYY-MM-DD" in text
    assert "default 2013-12-23" in text and "default 2014-03-31" in text


def test_report_help_says_what_it_writes_and_what_focus_does():
    text = " ".join(_subparsers()["report"].format_help().split())
    for words in ("kpis.json", "kpis.csv", "HTML", "latest.txt", "a section each"):
        assert words in text


def test_classify_help_shows_no_options_it_ignores():
    text = _subparsers()["classify"].format_help()
    assert "--data-dir" not in text and "--accounts" not in text


def test_top_level_help_documents_the_exit_codes():
    from pilot_eval.cli import build_parser

    text = build_parser().format_help()
    assert "exit status:" in text
    for code in ("0 ", "1 ", "2 ", "130 "):
        assert f"\n  {code}" in text


def test_unknown_option_of_a_command_names_the_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["kpis", "--strat", "x"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "pilot-eval kpis: error: unrecognized arguments: --strat x (see pilot-eval kpis --help)"
    ]


def test_classify_takes_the_options_every_command_takes(tmp_path, capsys):
    """SPEC 3: every command takes --data-dir and --accounts (classify ignores them)."""
    src = tmp_path / "in.csv"
    src.write_text("text\nCambriolages : fermez vos portes\n", encoding="utf-8")
    code = main(["classify", "--data-dir", str(tmp_path), "--accounts", str(tmp_path / "x.toml"),
                 "--input", str(src), "--output", str(tmp_path / "out.csv")])  # fmt: skip
    assert code == 0 and (tmp_path / "out.csv").exists()


def test_sample_next_step_can_be_pasted_with_a_space_in_the_path(tmp_path, capsys):
    target = tmp_path / "my data"
    assert main(["sample", "--data-dir", str(target)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"next: pilot-eval ingest --data-dir '{target}'"
