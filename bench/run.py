"""``make bench``: speed and memory of pilot_eval against baselines measured in the same run.

Measures whole processes (wall time, and peak RSS of the process from ``wait4``):

* ``pilot-eval ingest`` of snscrape JSON lines (100k, 300k, 1M tweets; cold, then
  incremental: nothing changed, then one small file added) against DuckDB's bare
  ``read_json`` (columns declared) → Parquet of the same file, and ``cat`` (page cache);
* ``pilot-eval kpis --format json`` on the ingested tables;
* ``pilot-eval report`` on the bundled sample against the floor: executing and
  exporting the same number of notebooks that hold only a parameters cell, with the
  same papermill + nbconvert calls, in one process.

Each figure is the median of ``--repeat`` runs (at least :data:`RATIO_REPEAT` for cold
ingest against DuckDB) with its min-max spread; ratios compare
figures of the same run only (the machines are shared and noisy). Writes
``bench/RESULTS.md``. This is a measurement, not a test: nothing here fails on a slow
machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

from pilot_eval.ingest.base import COLLECTION_TYPE

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import snscrape_file  # noqa: E402

BIN = Path(sys.executable).parent
PILOT_EVAL = str(BIN / "pilot-eval")
#: When the tweets "collected again" were collected: after the ingest's --collected-at.
RECOLLECTED = datetime(2014, 4, 2, tzinfo=UTC)


@dataclass
class Measure:
    """Repeated runs of one command: wall seconds and peak RSS in MiB."""

    name: str
    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def spread(self) -> str:
        return f"{min(self.wall):.2f}–{max(self.wall):.2f}"

    @property
    def peak_mib(self) -> float:
        return max(self.rss)


def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak RSS MiB of that process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace")[-2000:]
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def measure(name: str, cmd: list[str], repeat: int, *, setup=None, **kw) -> Measure:
    return interleaved([(name, cmd, setup)], repeat, **kw)[0]


def interleaved(commands: list[tuple], repeat: int, **kw) -> list[Measure]:
    """``(name, cmd, setup)`` commands run in turn, ``repeat`` rounds: A B A B A B.

    A baseline and the command compared with it alternate, so that a slow spell of a
    shared machine falls on both rather than on one series.
    """
    measures = [Measure(name) for name, _, _ in commands]
    for _ in range(repeat):
        for m, (name, cmd, setup) in zip(measures, commands, strict=True):
            if setup:
                setup()
            wall, rss = run(cmd, **kw)
            m.wall.append(wall)
            m.rss.append(rss)
            print(f"  {name}: {wall:.2f} s, {rss:.0f} MiB", flush=True)
    return measures


#: Rounds of the cold ingest against DuckDB's bare read, whatever ``--repeat``: the
#: ratio the issue sets a target for, on a shared machine whose speed swings by a
#: quarter from one minute to the next (cheap: a few seconds per round below 1M).
RATIO_REPEAT = 5

DUCKDB_BARE = r"""
import sys, duckdb
src, dst = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET preserve_insertion_order=false")
con.execute(f'''
COPY (
  SELECT id AS tweet_id, "user".username AS handle, date AS created_at, rawContent AS text, lang,
         CASE WHEN retweetedTweet IS NOT NULL THEN 'retweet'
              WHEN inReplyToTweetId IS NOT NULL THEN 'reply'
              WHEN quotedTweet IS NOT NULL THEN 'quote' ELSE 'original' END AS kind,
         retweetCount AS retweet_count, likeCount AS like_count, replyCount AS reply_count,
         quoteCount AS quote_count, hashtags, json_array_length(media) AS media_count,
         'snscrape' AS source, inReplyToTweetId AS reply_to_id
  FROM read_json('{src}', format='newline_delimited', columns={{
      'id': 'BIGINT', 'user': 'STRUCT(username VARCHAR)', 'date': 'TIMESTAMPTZ',
      'rawContent': 'VARCHAR', 'lang': 'VARCHAR', 'retweetedTweet': 'JSON',
      'inReplyToTweetId': 'BIGINT', 'quotedTweet': 'JSON', 'retweetCount': 'BIGINT',
      'likeCount': 'BIGINT', 'replyCount': 'BIGINT', 'quoteCount': 'BIGINT',
      'hashtags': 'VARCHAR[]', 'media': 'JSON'}})
) TO '{dst}' (FORMAT parquet)''')
"""

#: The two DuckDB statements of a cold ingest that no merge rule adds: parse the file into
#: its part (:func:`pilot_eval.ingest.formats.snscrape.stage_query`, as ingest runs it),
#: then write the tweets table from the part. What ingest does beyond them (follower
#: snapshots, rejects, merge rules, digest, manifest) is its distance from this floor.
DESIGN_FLOOR = r"""
import sys
from datetime import UTC, datetime
from pathlib import Path
import duckdb
from pilot_eval.ingest.base import PARQUET, STAGE_PARQUET, sql_literal
from pilot_eval.ingest.formats.snscrape import MEMORY_LIMIT, stage_query
from pilot_eval.schema import names
src, work = Path(sys.argv[1]), Path(sys.argv[2])
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
when = datetime(2014, 4, 1, 6, tzinfo=UTC)
query = stage_query(src, gzip=False, handle=None, collected_at=when, strict=True, legacy_text=False)
part, table = work / "floor_part.parquet", work / "floor_table.parquet"
con.execute(f"COPY ({query}) TO {sql_literal(part)} ({STAGE_PARQUET})")
columns = ", ".join(names("tweets"))
con.execute(
    f"COPY (SELECT {columns} FROM read_parquet({sql_literal(part)}) WHERE _status = 'tweet') "
    f"TO {sql_literal(table)} ({PARQUET})"
)
"""

EMPTY_FLOOR = r"""
import sys, tempfile
from pathlib import Path
import nbformat, papermill
from nbconvert import HTMLExporter
n = int(sys.argv[1]); out = Path(sys.argv[2])
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
cell = nbformat.v4.new_code_cell('start: str = "2013-12-23"  # first day')
cell.metadata["tags"] = ["parameters"]
nb.cells = [cell]
src = out / "empty.ipynb"
nbformat.write(nb, src)
exporter = HTMLExporter(); exporter.exclude_input = True
for i in range(n):
    dst = out / f"empty_{i}.ipynb"
    papermill.execute_notebook(str(src), str(dst), parameters={"start": "2014-01-01"}, progress_bar=False)
    body, _ = exporter.from_filename(str(dst))
    (out / f"empty_{i}.html").write_text(body, encoding="utf-8")
"""


def bench_ingest(
    sizes: list[int], repeat: int, work: Path, *, repeat_large: int | None = None
) -> tuple[list[str], list[str]]:
    """Ingest, incremental ingest, DuckDB bare read, cat and kpis for each size.

    Sizes of 1M tweets and more are repeated ``repeat_large`` times (default ``repeat``).
    """
    rows, notes = [], []
    base_repeat = repeat
    for n in sizes:
        repeat = repeat_large if (repeat_large and n >= 1_000_000) else base_repeat
        print(f"== {n:,} tweets", flush=True)
        src = snscrape_file(n)
        size_gb = src.stat().st_size / 1e9
        data = work / f"data_{n}"
        raw = data / "raw"

        def fresh(data=data, raw=raw, src=src):
            shutil.rmtree(data, ignore_errors=True)
            raw.mkdir(parents=True)
            os.link(src, raw / src.name)

        cat = measure("cat", ["cat", str(src)], repeat)
        ingest_cmd = [
            PILOT_EVAL,
            "ingest",
            "--data-dir",
            str(data),
            "--quiet",
            "--collected-at",
            "2014-04-01T06:00:00Z",
        ]
        bare_cmd = [sys.executable, "-c", DUCKDB_BARE, str(src), str(work / "bare.parquet")]
        floor_cmd = [sys.executable, "-c", DESIGN_FLOOR, str(src), str(work)]
        bare, cold, floor = interleaved(
            [
                ("duckdb", bare_cmd, None),
                ("ingest cold", ingest_cmd, fresh),
                ("duckdb: part, then table (ingest's floor)", floor_cmd, None),
            ],
            max(repeat, RATIO_REPEAT),
        )
        again = measure(
            "ingest unchanged",
            ingest_cmd,
            repeat,
        )
        target = raw / "added.jsonl"
        rounds = iter(range(1, 1000))

        def add_new(target=target, rounds=rounds):
            """A new collection: 1,000 tweets never seen (another seed each round)."""
            shutil.copy(snscrape_file(1000, seed=3000 + next(rounds)), target)

        def add_recollected(target=target, src=src, rounds=rounds):
            """The file's first 1,000 tweets collected again, later, each with more likes.

            The collection header dates the new file after the others (a header wins
            over ``--collected-at``), so that its counts win the merge: 1,000 updates.
            """
            more = next(rounds)
            header = {
                "_type": COLLECTION_TYPE,
                "collected_at": (RECOLLECTED + timedelta(minutes=more)).isoformat(),
            }
            with open(src, "rb") as fh, open(target, "wb") as out:
                out.write(json.dumps(header).encode() + b"\n")
                for _, line in zip(range(1000), fh, strict=False):
                    out.write(
                        re.sub(
                            rb'"likeCount": (\d+)',
                            lambda hit: b'"likeCount": %d' % (int(hit[1]) + more),
                            line,
                        )
                    )

        added = measure("ingest +1k new tweets", ingest_cmd, repeat, setup=add_new)
        again_1k = measure(
            "ingest +1k tweets collected again", ingest_cmd, repeat, setup=add_recollected
        )
        kpis_cmd = [PILOT_EVAL, "kpis", "--data-dir", str(data), "--format", "json"]
        # the first run classifies every distinct text and caches the categories in
        # DIR/processed/cache; later runs read the cache
        shutil.rmtree(data / "processed" / "cache", ignore_errors=True)
        kpis_first = measure("kpis (first, classifies)", kpis_cmd, 1)
        kpis = measure("kpis (categories cached)", kpis_cmd, repeat)
        for m, base in (
            (cat, None),
            (bare, None),
            (cold, bare),
            (floor, bare),
            (again, bare),
            (added, bare),
            (again_1k, bare),
            (kpis_first, None),
            (kpis, None),
        ):
            ratio = f"{m.median / base.median:.2f} × DuckDB" if base else ""
            rows.append(
                f"| {n:,} ({size_gb:.2f} GB) | {m.name} | {m.median:.2f} | {m.spread} | "
                f"{m.peak_mib:,.0f} | {ratio} |"
            )
        notes.append(
            f"- {n:,} tweets: ingest cold = **{cold.median / bare.median:.2f} × DuckDB's bare read**, "
            f"peak {cold.peak_mib:,.0f} MiB ({'under' if cold.peak_mib < 1024 else 'OVER'} 1 GiB); "
            f"its floor (the part, then the table) = {floor.median / bare.median:.2f} × DuckDB; "
            f"kpis {kpis.median:.2f} s with categories cached, {kpis_first.median:.1f} s on "
            "the first run (which classifies every text)."
        )
        shutil.rmtree(data, ignore_errors=True)
    return rows, notes


def bench_report(repeat: int, work: Path) -> tuple[list[str], list[str]]:
    """``pilot-eval report`` on the sample against the empty-notebook floor."""
    print("== report on the sample", flush=True)
    data = work / "sample_data"
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run(
        [PILOT_EVAL, "sample", "--data-dir", str(data)], check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [PILOT_EVAL, "ingest", "--data-dir", str(data), "--quiet"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    n = len(notebooks)
    reports = work / "reports"
    report_cmd = [
        PILOT_EVAL, "report", "--data-dir", str(data), "--reports-dir", str(reports), "--quiet"
    ]  # fmt: skip
    floor_dir = work / "floor"

    def fresh_floor():
        shutil.rmtree(floor_dir, ignore_errors=True)
        floor_dir.mkdir()

    floor_cmd = [sys.executable, "-c", EMPTY_FLOOR, str(n), str(floor_dir)]
    floor, report = interleaved(
        [(f"{n} empty notebooks", floor_cmd, fresh_floor), ("report", report_cmd, None)], repeat
    )
    rows = [
        f"| sample | {floor.name} (floor) | {floor.median:.2f} | {floor.spread} | {floor.peak_mib:,.0f} | |",
        f"| sample | report ({n} notebooks) | {report.median:.2f} | {report.spread} | "
        f"{report.peak_mib:,.0f} | {report.median / floor.median:.2f} × floor |",
    ]
    notes = [
        f"- report on the sample = **{report.median / floor.median:.2f} × the floor** "
        f"of executing and exporting {n} empty notebooks."
    ]
    return rows, notes


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(
        f"{p} {metadata.version(p)}"
        for p in ("pilot-eval", "duckdb", "pyarrow", "pandas", "papermill", "nbconvert")
    )
    return [
        f"- machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB",
        f"- Python {platform.python_version()}; {versions}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=None,
        help="repetitions for 1M tweets and more (default: --repeat)",
    )
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(
        prefix="pilot_eval_bench_", dir=HERE / "cache" if (HERE / "cache").exists() else None
    ) as tmp:
        work = Path(tmp)
        rows, notes = bench_ingest(args.sizes, args.repeat, work, repeat_large=args.repeat_large)
        if not args.skip_report:
            r2, n2 = bench_report(args.repeat, work)
            rows += r2
            notes += n2
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Measured by `make bench` (`bench/run.py`) on {started}; median of {args.repeat} "
            f"runs ({args.repeat_large or args.repeat} at 1M tweets; "
            f"{max(args.repeat, RATIO_REPEAT)} for cold ingest against DuckDB), min–max spread, peak RSS of the measured process (`wait4`). Ratios compare "
            "figures of this run only.",
            "",
            *machine(),
            "",
            "## Summary",
            "",
            *notes,
            "",
            "## All figures",
            "",
            "| input | what | median s | spread s | peak MiB | ratio |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            "Input: snscrape JSON lines built with snscrape's own classes and `.json()` "
            "(`bench/generate.py`), 8 accounts, Dec 2013 – Mar 2014, cached in `bench/cache/`. "
            "DuckDB bare read: `read_json` with the columns declared, flattened to a "
            "14-column Parquet file. Ingest's floor: the two DuckDB statements of a cold "
            "ingest that no merge rule adds, in a process of their own (the parse of the "
            "file into its 40-column part, as ingest runs it, then the tweets table written "
            "from the part; `DESIGN_FLOOR`). "
            "Each ratio's commands ran alternately (A B A B A B), "
            "so that a slow spell of the shared machine falls on both. The report's kernels "
            "are separate processes: its peak memory is the parent's. The report runs its "
            "5 notebooks in 2 kernels on this machine (the main page in one, the 4 detail "
            "pages one after the other in the other; `PILOT_EVAL_REPORT_JOBS`), while the "
            "floor executes 5 empty notebooks one after another, each in a kernel of its own, "
            "as papermill does by default.",
            "",
        ]
    )
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(json.dumps({"written": str(args.output)}))


if __name__ == "__main__":
    main()
