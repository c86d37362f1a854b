"""``ingest()`` end to end: detection, merge, summary, idempotence, increments, atomicity."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval import cli
from pilot_eval.errors import UserError
from pilot_eval.ingest import ingest
from pilot_eval.tables import load

FEB = datetime(2014, 2, 1, tzinfo=UTC)
MAR = datetime(2014, 3, 1, tzinfo=UTC)
TABLES = ("tweets.parquet", "followers.parquet", "rejects.parquet", "manifest.json")


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def raw_mix(data_dir: Path, sns) -> Path:
    """A raw directory mixing formats, bad files and the same tweet twice."""
    raw = data_dir / "raw"
    sns.write(
        raw / "a" / "feb.jsonl",
        [
            sns.header("PNationale44", FEB),
            sns.user("PNationale44", followers=100),
            sns.tweet(1, retweetCount=5, rawContent="Vols &amp; cambriolages"),
            sns.tweet(2, "someone_else"),
            sns.tweet(2, "someone_else"),  # duplicated line
        ],
    )
    sns.write(
        raw / "b" / "mar.jsonl",
        [
            sns.header("PNationale44", MAR),
            sns.user("PNationale44", followers=150),
            sns.tweet(1, retweetCount=9),
            "{truncated",
        ],
    )
    (raw / "followers.csv").write_text(
        "handle,observed_at,followers\npnationale06,2014-01-14T09:00:00+01:00,285\n"
        "pnationale06,2014-01-14,300\n",
        encoding="utf-8",
    )
    (raw / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (raw / "cities.csv").write_text("city,population\nNantes,300000\n", encoding="utf-8")
    (raw / "README.md").write_text("# raw inputs\n", encoding="utf-8")
    (raw / ".hidden.jsonl").write_text("not read\n", encoding="utf-8")
    return raw


def test_mixed_directory(data_dir, raw_mix, registry):
    summary = ingest(None, data_dir, registry, progress=False)
    tables = load(data_dir)
    tweets = tables.tweets.set_index("tweet_id")
    assert sorted(tweets.index) == [1, 2]
    assert tweets.loc[1, "retweet_count"] == 9  # March collection wins
    assert tweets.loc[1, "collected_at"] == pd.Timestamp(MAR)
    assert tweets.loc[1, "text"] == "tweet 1"
    assert not bool(tweets.loc[2, "in_registry"])
    f = tables.followers.set_index(["handle", "observed_at"])["followers"]
    assert f[("PNationale44", pd.Timestamp(FEB))] == 100
    assert f[("PNationale44", pd.Timestamp(MAR))] == 150
    assert f[("pnationale06", pd.Timestamp("2014-01-14 08:00", tz="UTC"))] == 285
    reasons = tables.rejects.set_index("file")["reason"]
    assert reasons["followers.csv"] == "bad date"
    assert reasons[str(Path("b") / "mar.jsonl")].startswith("invalid JSON")
    assert sorted(summary.unrecognised) == ["cities.csv", "picture.png"]
    assert summary.files_by_format == {"snscrape": 2, "followers_csv": 1}
    assert summary.unknown_accounts == ["someone_else"]
    assert summary.time_sources == {"header": 2}
    assert tables.manifest["sources"] == ["followers_csv", "snscrape"]
    assert not tables.simulated
    text = summary.render()
    for expected in (
        "picture.png",
        "cities.csv",
        "someone_else",
        "bad date",
        "2 new",
        "follower snapshots: 4",
        "header (2 files)",
    ):
        assert expected in text


def test_second_run_changes_nothing(data_dir, raw_mix, registry):
    ingest(None, data_dir, registry, progress=False)
    before = _hashes(data_dir / "processed")
    summary = ingest(None, data_dir, registry, progress=False)
    assert _hashes(data_dir / "processed") == before
    assert not summary.changed and summary.reread == []
    assert (summary.tweets_new, summary.tweets_updated, summary.tweets_unchanged) == (0, 0, 2)
    assert "unchanged" in summary.render()


def test_new_file_is_the_only_one_read_and_equals_cold_rebuild(
    data_dir, raw_mix, registry, sns, tmp_path
):
    ingest(None, data_dir, registry, progress=False)
    sns.write(
        raw_mix / "c" / "apr.jsonl",
        [
            sns.header("PNationale44", datetime(2014, 4, 1, tzinfo=UTC)),
            sns.tweet(1, retweetCount=12),
            sns.tweet(3),
        ],
    )
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.reread == [str(Path("c") / "apr.jsonl")]
    assert (summary.tweets_new, summary.tweets_updated, summary.tweets_unchanged) == (1, 1, 1)
    cold = tmp_path / "cold"
    shutil.copytree(raw_mix, cold / "raw")
    ingest(None, cold, registry, progress=False)
    warm_t, cold_t = load(data_dir), load(cold)
    pd.testing.assert_frame_equal(warm_t.tweets, cold_t.tweets)
    pd.testing.assert_frame_equal(warm_t.followers, cold_t.followers)
    pd.testing.assert_frame_equal(warm_t.rejects, cold_t.rejects)


def test_changed_and_removed_files(data_dir, raw_mix, registry, sns):
    ingest(None, data_dir, registry, progress=False)
    sns.write(
        raw_mix / "b" / "mar.jsonl",
        [sns.header("PNationale44", MAR), sns.tweet(1, retweetCount=11)],
    )
    (raw_mix / "a" / "feb.jsonl").unlink()
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.reread == [str(Path("b") / "mar.jsonl")]
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert list(tweets.index) == [1] and tweets.loc[1, "retweet_count"] == 11
    assert summary.tweets_removed == 1 and summary.tweets_updated == 1


def test_tie_goes_to_later_path(data_dir, registry, sns):
    raw = data_dir / "raw"
    sns.write(raw / "x1.jsonl", [sns.header("PNationale44", FEB), sns.tweet(1, likeCount=1)])
    sns.write(raw / "x2.jsonl", [sns.header("PNationale44", FEB), sns.tweet(1, likeCount=2)])
    ingest(None, data_dir, registry, progress=False)
    assert load(data_dir).tweets["like_count"].tolist() == [2]


def test_raw_files_never_modified(data_dir, raw_mix, registry):
    before = _hashes(raw_mix)
    mtimes = {p: p.stat().st_mtime_ns for p in raw_mix.rglob("*") if p.is_file()}
    ingest(None, data_dir, registry, progress=False)
    ingest(None, data_dir, registry, progress=False)
    assert _hashes(raw_mix) == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_explicit_paths_and_kept_files(data_dir, raw_mix, registry, sns, tmp_path):
    ingest(None, data_dir, registry, progress=False)
    extra = sns.write(tmp_path / "elsewhere" / "more.jsonl", [sns.tweet(4)])
    summary = ingest([extra], data_dir, registry, collected_at=MAR, progress=False)
    assert summary.kept == 3 and summary.time_sources["--collected-at"] == 1
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1, 2, 4]


def test_gzip_file_in_directory(data_dir, registry, sns, tmp_path):
    import gzip

    plain = sns.write(tmp_path / "p.jsonl", [sns.tweet(1), sns.tweet(2)])
    (data_dir / "raw" / "p.jsonl.gz").write_bytes(gzip.compress(plain.read_bytes()))
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.tweets_total == 2 and summary.time_sources == {"file mtime": 1}


def test_user_errors(data_dir, registry, tmp_path):
    with pytest.raises(UserError, match="no such file"):
        ingest([tmp_path / "missing.jsonl"], data_dir, registry, progress=False)
    with pytest.raises(UserError, match="no raw data directory"):
        ingest(None, tmp_path / "nodata", registry, progress=False)
    (data_dir / "raw" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(UserError, match="nothing could be read"):
        ingest(None, data_dir, registry, progress=False)


def test_cli_prints_summary(data_dir, raw_mix, capsys):
    code = cli.main(["ingest", "--data-dir", str(data_dir), "--quiet"])
    assert code == 0
    assert "tweets: 2" in capsys.readouterr().out
    code = cli.main(["ingest", str(data_dir / "nope"), "--data-dir", str(data_dir)])
    assert code != 0
    assert "no such file" in capsys.readouterr().err


_SLOW_MERGE = """
import sys, time
from pathlib import Path
from pilot_eval.ingest import pipeline
from pilot_eval.registry import load_registry
real = pipeline.compare_tweets
def slow(old, new):
    result = real(old, new)
    Path(sys.argv[2]).write_text("merged")
    time.sleep(60)
    return result
pipeline.compare_tweets = slow
pipeline.ingest(None, Path(sys.argv[1]), load_registry(), progress=False)
"""


@pytest.mark.slow
def test_interrupted_ingest_leaves_previous_tables(data_dir, raw_mix, registry, sns, tmp_path):
    ingest(None, data_dir, registry, progress=False)
    processed = data_dir / "processed"
    before = {n: (processed / n).read_bytes() for n in TABLES}
    sns.write(raw_mix / "c" / "new.jsonl", [sns.tweet(99)])
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_MERGE, str(data_dir), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the ingest subprocess never reached the merge"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert {n: (processed / n).read_bytes() for n in TABLES} == before
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1, 2]
    # and the next run completes the job
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.tweets_new == 1
    assert not list(processed.glob(".tmp-ingest-*"))


def test_a_failing_reader_becomes_a_reject(data_dir, registry, sns, monkeypatch):
    from pilot_eval.ingest.formats import snscrape

    sns.write(data_dir / "raw" / "x.jsonl", [sns.tweet(1)])

    def boom(*args, **kwargs):
        raise ValueError("unexpected structure")

    monkeypatch.setattr(snscrape.READER, "read_to_parquet", boom, raising=False)
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.rejects_by_reason == {
        "could not read as snscrape: ValueError: unexpected structure": 1
    }
    assert summary.failed == {
        "x.jsonl": "could not read as snscrape: ValueError: unexpected structure"
    }
    assert summary.exit_code == 1


def test_a_failed_read_is_not_kept_the_next_run_reads_the_file_again(
    data_dir, registry, sns, monkeypatch
):
    """A read that failed (disk full, a reader's error) is no result to keep: the next
    run reads the file again instead of calling it unchanged (review: tweets lost for
    good)."""
    import errno

    from pilot_eval.ingest.formats import snscrape

    sns.write(data_dir / "raw" / "x.jsonl", [sns.tweet(1), sns.tweet(2)])
    real = snscrape.READER.read_to_parquet

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(snscrape.READER, "read_to_parquet", full, raising=False)
    first = ingest(None, data_dir, registry, progress=False)
    assert first.exit_code == 1 and "No space left" in first.failed["x.jsonl"]
    again = ingest(None, data_dir, registry, progress=False)  # fails again: same tables
    assert again.failed and not again.changed
    monkeypatch.setattr(snscrape.READER, "read_to_parquet", real, raising=False)
    second = ingest(None, data_dir, registry, progress=False)
    assert second.reused == 0 and second.exit_code == 0 and not second.failed
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1, 2]
    # a file outside the next run's inputs is read again too (review)
    outside = sns.write(data_dir.parent / "elsewhere" / "y.jsonl", [sns.tweet(3)])
    monkeypatch.setattr(snscrape.READER, "read_to_parquet", full, raising=False)
    assert ingest([outside], data_dir, registry, progress=False).failed
    monkeypatch.setattr(snscrape.READER, "read_to_parquet", real, raising=False)
    third = ingest(None, data_dir, registry, progress=False)
    assert not third.failed and sorted(load(data_dir).tweets["tweet_id"]) == [1, 2, 3]


def test_an_interrupted_read_stops_the_run_and_keeps_the_tables(
    data_dir, registry, sns, monkeypatch
):
    """Ctrl-C inside DuckDB (``RuntimeError("Query interrupted")`` in duckdb 2.0, or
    ``InterruptException``) stops ingest like Ctrl-C elsewhere; it is not a reject of
    the file being read (review)."""
    import duckdb

    from pilot_eval.ingest.formats import snscrape

    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    ingest(None, data_dir, registry, progress=False)
    before = load(data_dir).tweets["tweet_id"].tolist()
    sns.write(raw / "b.jsonl", [sns.tweet(2)])

    for error in (RuntimeError("Query interrupted"), duckdb.InterruptException("Interrupted!")):

        def interrupted(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(snscrape.READER, "read_to_parquet", interrupted, raising=False)
        with pytest.raises(KeyboardInterrupt):
            ingest(None, data_dir, registry, progress=False)
    assert load(data_dir).tweets["tweet_id"].tolist() == before
    monkeypatch.undo()
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1]
    assert ingest(None, data_dir, registry, progress=False).tweets_total == 2


def test_a_second_ingest_at_once_is_refused(data_dir, registry, sns):
    """Two ingests of one data directory at once removed each other's parts (review):
    while one holds the lock, the other stops with one line."""
    import fcntl

    sns.write(data_dir / "raw" / "x.jsonl", [sns.tweet(1)])
    ingest(None, data_dir, registry, progress=False)
    with open(data_dir / "processed" / ".ingest.lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(UserError, match="another ingest is running"):
            ingest(None, data_dir, registry, progress=False)
    assert ingest(None, data_dir, registry, progress=False).tweets_total == 1


def test_rejects_that_ask_for_handle_and_a_named_unknown_file_exit_1(data_dir, registry, capsys):
    """Where the user must act, a non-zero exit (review: exit 0 with 112 rejects saying
    "pass --handle", and for a file named on the command line that is no known format)."""
    raw = data_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "counts.csv").write_text("date,count\n2014-01-20,120\n", encoding="utf-8")
    code = cli.main(["ingest", "--data-dir", str(data_dir), "--quiet"])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "1 records need --handle" in err[0] and "counts.csv" in err[0]
    # asked once: an unchanged re-run reports them in its summary, exit 0 (review)
    assert cli.main(["ingest", "--data-dir", str(data_dir), "--quiet"]) == 0
    capsys.readouterr()
    assert cli.main(["ingest", "--data-dir", str(data_dir), "--quiet", "--handle", "pnationale35",
                     str(raw / "counts.csv")]) == 0  # fmt: skip
    capsys.readouterr()
    notes = data_dir / "notes.txt"
    notes.write_text("not data\n", encoding="utf-8")
    assert cli.main(["ingest", "--data-dir", str(data_dir), "--quiet", str(notes)]) == 1
    err = capsys.readouterr().err
    assert "notes.txt" in err and "not a format pilot-eval reads" in err
    (raw / "other.txt").write_text("not data either\n", encoding="utf-8")
    assert cli.main(["ingest", "--data-dir", str(data_dir), "--quiet"]) == 0  # under raw: named


def test_the_data_directory_named_instead_of_raw_is_not_its_own_input(data_dir, registry, sns):
    sns.write(data_dir / "raw" / "x.jsonl", [sns.tweet(1)])
    ingest(None, data_dir, registry, progress=False)
    (data_dir / "pseudonym.key").write_text("k\n", encoding="utf-8")
    summary = ingest([data_dir], data_dir, registry, progress=False)
    assert not summary.unrecognised and summary.tweets_total == 1
    assert any("processed" in name for name in summary.skipped)


def test_snscrape_nested_original_is_a_sighting(data_dir: Path, sns, registry):
    """A retweet's nested original (full Tweet) updates @pnationale's own row when it was
    collected later, not when earlier; alone it creates no row."""
    raw = data_dir / "raw"
    jan = datetime(2014, 1, 20, tzinfo=UTC)
    original = sns.tweet(9, "pnationale", retweetCount=40, likeCount=50)
    retweet = sns.tweet(5, retweetCount=40, retweetedTweet=original, rawContent="RT @x: y")
    sns.write(raw / "pilot.jsonl", [sns.header("PNationale44", MAR), retweet])
    ingest(None, data_dir, registry, progress=False)
    alone = load(data_dir).tweets
    assert alone["tweet_id"].tolist() == [5]
    assert alone["kind"].tolist() == ["retweet"]

    own = sns.tweet(9, "pnationale", retweetCount=3, likeCount=4)
    sns.write(raw / "national_feb.jsonl", [sns.header("pnationale", FEB), own])
    ingest(None, data_dir, registry, progress=False)
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert sorted(tweets.index) == [5, 9]
    assert tweets.loc[9, "retweet_count"] == 40 and tweets.loc[9, "like_count"] == 50
    assert tweets.loc[9, "collected_at"] == pd.Timestamp(MAR)
    assert tweets.loc[9, "handle"] == "pnationale" and tweets.loc[9, "kind"] == "original"

    (raw / "pilot.jsonl").unlink()
    sns.write(raw / "pilot_jan.jsonl", [sns.header("PNationale44", jan), retweet])
    ingest(None, data_dir, registry, progress=False)
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert tweets.loc[9, "retweet_count"] == 3 and tweets.loc[9, "like_count"] == 4
    assert tweets.loc[9, "collected_at"] == pd.Timestamp(FEB)


def test_collected_at_does_not_redate_files_already_ingested(data_dir, registry, sns):
    """A later ``ingest --collected-at`` dates only the new dump (QA: counts were lost)."""
    raw = data_dir / "raw"
    old = sns.write(raw / "old.jsonl", [sns.tweet(1, retweetCount=3)])  # no header
    ingest(None, data_dir, registry, collected_at=FEB, progress=False)
    sns.write(raw / "new.jsonl", [sns.tweet(1, retweetCount=8), sns.tweet(5)])
    ingest(None, data_dir, registry, collected_at=MAR, progress=False)
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert tweets.loc[1, "retweet_count"] == 8 and tweets.loc[1, "collected_at"] == MAR
    # a third run stamping a much later time must not move either file
    summary = ingest(
        None, data_dir, registry, collected_at=datetime(2030, 1, 1, tzinfo=UTC), progress=False
    )
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert summary.reused == 2
    assert tweets.loc[1, "retweet_count"] == 8 and tweets.loc[1, "collected_at"] == MAR
    # naming the old file on its own re-dates it, as asked
    ingest([old], data_dir, registry, collected_at=datetime(2030, 1, 1, tzinfo=UTC), progress=False)
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert tweets.loc[1, "retweet_count"] == 3


def test_an_empty_file_is_named_as_empty_not_unrecognised(data_dir, registry, sns):
    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    (raw / "b.jsonl").write_bytes(b"")
    (raw / "c.csv").write_text("\n  \n", encoding="utf-8")
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.empty == ["b.jsonl", "c.csv"] and summary.unrecognised == []
    assert "empty files, nothing to read (2): b.jsonl, c.csv" in summary.render()
    (raw / "a.jsonl").unlink()
    with pytest.raises(UserError, match=r"\(2 empty\)"):
        ingest(None, data_dir, registry, progress=False)


def test_skipped_files_are_named_in_the_summary(data_dir, registry, sns):
    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    sns.write(raw / ".hidden.jsonl", [sns.tweet(2)])
    (raw / "README.md").write_text("# notes\n")
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.skipped == [".hidden.jsonl", "README.md"]
    assert (
        "skipped, not data (2: hidden files, README.md, pilot-eval's outputs): .hidden.jsonl, README.md"
        in (summary.render())
    )


def test_snscrape_ingest_imports_neither_pyarrow_pandas_nor_numpy(data_dir, sns):
    """DuckDB alone reads, merges and writes snscrape files: importing pyarrow, pandas or
    numpy would add 0.1-0.3 s to every ``pilot-eval ingest`` (issue 8). A rare HTML
    entity (decoded by a Python function) and a duplicated tweet (merged) may import
    them; plain files must not."""
    sns.write(
        data_dir / "raw" / "feb.jsonl",
        [
            sns.header("PNationale44", FEB),
            sns.user("PNationale44", followers=100),
            sns.tweet(1, rawContent="Vols &amp; cambriolages"),
            sns.tweet(2, "someone_else"),
        ],
    )
    script = (
        "import sys\n"
        "from pilot_eval import cli\n"
        f"code = cli.main(['ingest', '--data-dir', {str(data_dir)!r}, '--quiet'])\n"
        "print(sorted(m for m in ('pyarrow', 'pandas', 'numpy') if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]", done.stdout
    tweets = load(data_dir).tweets
    assert tweets["text"].tolist() == ["Vols & cambriolages", tweets["text"][1]]


def test_a_text_with_a_rare_entity_is_decoded_by_html_unescape(data_dir, registry, sns):
    """The tweets table is written once on the SQL path; a text with an entity SQL does
    not decode (``&eacute;``) makes it register html.unescape and write it again, for
    every text, merged ones included."""
    sns.write(
        data_dir / "raw" / "feb.jsonl",
        [
            sns.header("PNationale44", FEB),
            sns.tweet(1, rawContent="Vols &amp; cambriolages"),
            sns.tweet(2, rawContent="Caf&eacute; &lt;ferm&eacute;&gt;"),
            sns.tweet(3, rawContent="Appel &agrave; t&eacute;moins", likeCount=1),
            sns.tweet(3, rawContent="Appel &agrave; t&eacute;moins", likeCount=2),
        ],
    )
    ingest(None, data_dir, registry, progress=False)
    tweets = load(data_dir).tweets.set_index("tweet_id")
    assert tweets["text"].to_dict() == {
        1: "Vols & cambriolages",
        2: "Café <fermé>",
        3: "Appel à témoins",
    }
    assert tweets.loc[3, "like_count"] == 2


def test_a_data_directory_with_a_quote_in_its_path(tmp_path, registry, sns):
    """Paths go into DuckDB queries as string literals: ``/données/l'essai`` must work,
    and the second run must still see what changed."""
    data = tmp_path / "l'essai"
    sns.write(data / "raw" / "feb.jsonl", [sns.header("PNationale44", FEB), sns.tweet(1)])
    first = ingest(None, data, registry, progress=False)
    assert (first.tweets_new, first.tweets_total, first.exit_code) == (1, 1, 0)
    assert first.snapshots == 1
    sns.write(data / "raw" / "mar.jsonl", [sns.header("PNationale44", MAR), sns.tweet(2)])
    second = ingest(None, data, registry, progress=False)
    assert (second.tweets_new, second.tweets_unchanged, second.tweets_total) == (1, 1, 2)
    assert list(load(data).tweets["tweet_id"]) == [1, 2]


def _assert_equals_cold_rebuild(data_dir: Path, registry, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    shutil.copytree(data_dir / "raw", cold / "raw")  # copytree keeps modification times
    ingest(None, cold, registry, progress=False)
    warm_t, cold_t = load(data_dir), load(cold)
    pd.testing.assert_frame_equal(warm_t.tweets, cold_t.tweets)
    pd.testing.assert_frame_equal(warm_t.followers, cold_t.followers)
    pd.testing.assert_frame_equal(warm_t.rejects, cold_t.rejects)


def test_a_file_dated_by_its_mtime_is_read_again_when_only_the_mtime_moves(
    data_dir, registry, sns, tmp_path
):
    """Same content, later modification time: the counts it dates are newer (review)."""
    raw = data_dir / "raw"
    a = sns.write(raw / "a.jsonl", [sns.user(followers=100), sns.tweet(1, likeCount=6)])
    b = sns.write(raw / "b.jsonl", [sns.user(followers=150), sns.tweet(1, likeCount=10006)])
    os.utime(a, (FEB.timestamp() + 86400, FEB.timestamp() + 86400))
    os.utime(b, (FEB.timestamp(), FEB.timestamp()))
    ingest(None, data_dir, registry, progress=False)
    assert load(data_dir).tweets["like_count"].tolist() == [6]
    later = MAR.timestamp()
    os.utime(b, (later, later))
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.changed and summary.reread == ["b.jsonl"]
    tweets = load(data_dir).tweets
    assert tweets["like_count"].tolist() == [10006]
    assert tweets["collected_at"].tolist() == [MAR]
    _assert_equals_cold_rebuild(data_dir, registry, tmp_path)


def test_an_archive_is_read_again_when_its_account_file_appears(data_dir, registry, tmp_path):
    """Rejected for want of an account, then account.js added beside it (review)."""
    folder = data_dir / "raw" / "archive67" / "data"
    folder.mkdir(parents=True)
    tweet = {
        "tweet": {
            "id_str": "7",
            "full_text": "Bonjour",
            "created_at": "Mon Jan 13 10:00:00 +0000 2014",
            "retweet_count": "1",
            "favorite_count": "2",
        }
    }
    (folder / "tweet.js").write_text(
        "window.YTD.tweet.part0 = " + json.dumps([tweet]), encoding="utf-8"
    )
    summary = ingest(None, data_dir, registry, progress=False)
    assert sum(summary.rejects_by_reason.values()) == 1 and summary.tweets_total == 0
    account = [{"account": {"username": "pnationale67", "accountId": "1"}}]
    (folder / "account.js").write_text(
        "window.YTD.account.part0 = " + json.dumps(account), encoding="utf-8"
    )
    summary = ingest(None, data_dir, registry, progress=False)
    assert str(Path("archive67") / "data" / "tweet.js") in summary.reread
    assert load(data_dir).tweets["handle"].tolist() == ["pnationale67"]
    assert len(load(data_dir).rejects) == 0
    _assert_equals_cold_rebuild(data_dir, registry, tmp_path)


def test_handle_applies_to_a_named_directory_and_the_summary_names_files_it_skipped(
    data_dir, registry
):
    folder = data_dir / "raw" / "history"
    folder.mkdir(parents=True)
    (folder / "counts.csv").write_text("date,count\n2014-01-20,120\n", encoding="utf-8")
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.snapshots == 0 and sum(summary.rejects_by_reason.values()) == 1
    summary = ingest(None, data_dir, registry, handle="pnationale35", progress=False)
    assert summary.options_kept == [str(Path("history") / "counts.csv")]
    assert "--handle / --collected-at not applied to 1 files already ingested" in (summary.render())
    summary = ingest([folder], data_dir, registry, handle="pnationale35", progress=False)
    assert summary.snapshots == 1 and not summary.options_kept
    assert load(data_dir).followers["handle"].tolist() == ["pnationale35"]


def test_an_option_given_later_keeps_the_other_option_given_earlier(data_dir, registry, sns):
    """``--collected-at`` given for a folder does not undo the ``--handle`` its files
    were read with, and the other way round (review: 112 snapshots became rejects)."""
    folder = data_dir / "raw" / "mix"
    folder.mkdir(parents=True)
    (folder / "counts.csv").write_text("date,count\n2014-01-20,120\n", encoding="utf-8")
    sns.write(folder / "dump.jsonl", [sns.tweet(1)])  # no header: dated by --collected-at
    when = datetime(2014, 4, 1, 6, tzinfo=UTC)
    ingest([folder], data_dir, registry, handle="pnationale35", progress=False)
    ingest([folder], data_dir, registry, collected_at=when, progress=False)
    tables = load(data_dir)
    assert tables.followers.query("source == 'datecount'")["handle"].tolist() == ["pnationale35"]
    assert len(tables.rejects) == 0
    summary = ingest([folder], data_dir, registry, handle="pnationale35", progress=False)
    assert load(data_dir).tweets["collected_at"].tolist() == [pd.Timestamp(when)]
    assert summary.tweets_updated == 0 and not summary.options_kept


def test_a_file_that_cannot_be_opened_is_an_error_and_the_rest_is_ingested(
    data_dir, registry, sns, capsys
):
    """SPEC section 3: an unreadable file gives one clear line and a non-zero exit."""
    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    locked = sns.write(raw / "locked.jsonl", [sns.tweet(2)])
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: a gzip cut in its header
            locked.chmod(0o644)
            locked.write_bytes(gzip.compress(b"")[:12])  # stands in (nothing decompresses)
        code = cli.main(["ingest", "--data-dir", str(data_dir), "--quiet"])
    finally:
        locked.chmod(0o644)
    out, err = capsys.readouterr()
    assert code == 1
    assert "unreadable files, not ingested (1):" in out and "locked.jsonl" in out
    assert len(err.strip().splitlines()) == 1
    assert "error: cannot read locked.jsonl" in err
    assert load(data_dir).tweets["tweet_id"].tolist() == [1]


def test_when_nothing_can_be_read_the_previous_tables_are_kept_and_said_so(data_dir, registry, sns):
    raw = data_dir / "raw"
    only = sns.write(raw / "a.jsonl", [sns.tweet(1)])
    ingest(None, data_dir, registry, progress=False)
    only.unlink()
    with pytest.raises(UserError, match="no files.*tables in .* were left as they were"):
        ingest(None, data_dir, registry, progress=False)
    assert load(data_dir).tweets["tweet_id"].tolist() == [1]


def test_the_readers_notes_on_files_read_are_printed(data_dir, registry):
    """What a reader inferred (here the account, from the file's name) is said in the
    summary, not only in the manifest (review)."""
    raw = data_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "followers_pnationale35.csv").write_text(
        "date,count\n2014-01-20,120\n2014-01-21,NA\n", encoding="utf-8"
    )
    summary = ingest(None, data_dir, registry, progress=False)
    text = summary.render()
    assert "notes on the files read" in text
    assert "followers_pnationale35.csv: account @pnationale35 from the file name" in text
    assert "notes on" not in ingest(None, data_dir, registry, progress=False).render()


def test_parts_of_another_version_are_all_read_again(data_dir, registry, sns, tmp_path):
    """A data directory written by an older pilot_eval: no part is reused, not even of
    a file outside this run's inputs (review: unchanged files kept old parts)."""
    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    elsewhere = sns.write(tmp_path / "elsewhere" / "b.jsonl", [sns.tweet(2)])
    ingest(None, data_dir, registry, progress=False)
    ingest([elsewhere], data_dir, registry, progress=False)
    manifest = data_dir / "processed" / "manifest.json"
    old = json.loads(manifest.read_text())
    manifest.write_text(json.dumps(old | {"version": old["version"] - 1}))
    summary = ingest(None, data_dir, registry, progress=False)
    assert sorted(summary.reread) == sorted(["a.jsonl", str(elsewhere)])
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1, 2]


def test_an_empty_gzip_is_empty_and_a_file_gone_unreadable_keeps_its_rows(
    data_dir, registry, sns, monkeypatch
):
    from pilot_eval.ingest import pipeline

    raw = data_dir / "raw"
    sns.write(raw / "a.jsonl", [sns.tweet(1)])
    sns.write(raw / "b.jsonl", [sns.tweet(2)])
    (raw / "c.jsonl.gz").write_bytes(gzip.compress(b""))
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.empty == ["c.jsonl.gz"] and not summary.unreadable and summary.exit_code == 0
    real_open = open

    def refuse_b(path, *args, **kwargs):  # EACCES, which root never gets from chmod
        if str(path).endswith("b.jsonl"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "open", refuse_b, raising=False)
    summary = ingest(None, data_dir, registry, progress=False)
    assert summary.unreadable == {"b.jsonl": "Permission denied"} and summary.exit_code == 1
    assert sorted(load(data_dir).tweets["tweet_id"]) == [1, 2]  # its last read kept
