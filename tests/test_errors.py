"""pilot_eval.errors: what counts as the user's Ctrl-C."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import duckdb

from pilot_eval.errors import is_interrupt


def test_duckdb_interrupt_from_another_thread_is_an_interrupt():
    con = duckdb.connect()
    done = threading.Event()

    def interrupt_until_done():  # an interrupt before the query starts is lost
        while not done.wait(0.2):
            con.interrupt()

    threading.Thread(target=interrupt_until_done, daemon=True).start()
    try:
        con.execute("SELECT max(md5(i::VARCHAR)) FROM range(1000000000) t(i)").fetchall()
    except Exception as exc:
        assert is_interrupt(exc)
    else:  # pragma: no cover - the query takes minutes
        raise AssertionError("the query was not interrupted")
    finally:
        done.set()
        con.close()


def test_ctrl_c_during_a_duckdb_query_is_an_interrupt():
    """A real SIGINT during a query: duckdb 2.0 raises RuntimeError("Query interrupted"),
    which is no duckdb.Error (review: Ctrl-C became an unreadable file). In a process of
    its own, so that a signal arriving late cannot stop the test run."""
    code = textwrap.dedent(
        """
        import os, signal, threading, duckdb
        from pilot_eval.errors import is_interrupt
        # a job started in the background inherits an ignored SIGINT: Python then
        # installs no handler of its own
        signal.signal(signal.SIGINT, signal.default_int_handler)
        con = duckdb.connect()
        done = threading.Event()
        def ctrl_c_until_done():  # one sent before the query starts may be lost
            while not done.wait(0.2):
                os.kill(os.getpid(), signal.SIGINT)
        threading.Thread(target=ctrl_c_until_done, daemon=True).start()
        try:
            con.execute("SELECT max(md5(i::VARCHAR)) FROM range(1000000000) t(i)").fetchall()
        except BaseException as exc:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            done.set()
            print(type(exc).__name__, is_interrupt(exc))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    ).stdout.split()
    assert out[1] == "True", out


def test_other_errors_are_not_interrupts():
    assert not is_interrupt(RuntimeError("something else"))
    assert not is_interrupt(duckdb.IOException("IO Error: No space left on device"))
    assert is_interrupt(KeyboardInterrupt())
