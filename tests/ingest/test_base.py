"""Tests of pilot_eval.ingest.base: the DuckDB session of an ingest run."""

from __future__ import annotations

import pytest

from pilot_eval.ingest import base


def test_connect_inside_a_session_gives_cursors_of_one_database(tmp_path):
    spill = tmp_path / ".spill"
    with base.duckdb_session(spill):
        first = base.connect("300MB", tmp_path / "unused")
        first.execute("CREATE TABLE shared AS SELECT 42 AS x")
        second = base.connect("200MB", tmp_path / "unused")
        assert second.execute("SELECT x FROM shared").fetchall() == [(42,)]
        assert second.execute("SELECT current_setting('TimeZone')").fetchone() == ("UTC",)
        limit = second.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert limit.startswith("190") or limit.startswith("200")  # MiB as DuckDB prints it
        first.close()
        second.close()
        assert not (tmp_path / "unused").exists()
    assert base._SESSION.get() is None
    # outside a session, every connection is a database of its own
    alone = base.connect("100MB", tmp_path / "spill2")
    with pytest.raises(Exception, match="shared"):
        alone.execute("SELECT x FROM shared")
    alone.close()


def test_session_ends_and_removes_its_spill_directory_on_error(tmp_path):
    spill = tmp_path / ".spill"
    with pytest.raises(RuntimeError), base.duckdb_session(spill):
        spill.mkdir()
        (spill / "leftover.tmp").write_bytes(b"x")
        raise RuntimeError("boom")
    assert base._SESSION.get() is None
    assert not spill.exists()


def test_nested_sessions_and_other_threads_keep_their_own_database(tmp_path):
    import threading

    with base.duckdb_session(tmp_path / "outer"):
        outer = base.connect("100MB", tmp_path / "x")
        outer.execute("CREATE TABLE mark AS SELECT 'outer' AS who")
        with base.duckdb_session(tmp_path / "inner"):
            inner = base.connect("100MB", tmp_path / "x")
            with pytest.raises(Exception, match="mark"):
                inner.execute("SELECT who FROM mark")
            inner.close()
        again = base.connect("100MB", tmp_path / "x")  # the outer session again
        assert again.execute("SELECT who FROM mark").fetchall() == [("outer",)]
        again.close()
        seen = []

        def other_thread():
            con = base.connect("100MB", tmp_path / "thread")
            try:
                con.execute("SELECT who FROM mark")
                seen.append("outer database")
            except Exception:
                seen.append("own database")
            con.close()

        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        assert seen == ["own database"]
        outer.close()
    assert base._SESSION.get() is None
