"""``pilot-eval``: the command line (SPEC section 3).

Each sub-command parses its arguments here and calls one function of the package;
the work lives in the package so that notebooks and tests call the same code. A
:class:`~pilot_eval.errors.UserError` becomes one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from pilot_eval.config import (
    DEFAULT_DATA_DIR,
    DEFAULT_END,
    DEFAULT_REPORTS_DIR,
    DEFAULT_START,
    data_paths,
)
from pilot_eval.errors import UserError, is_interrupt

PROG = "pilot-eval"


# ---------------------------------------------------------------- parser class


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (no usage block), exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class CommandParser(OneLineParser):
    """A sub-command's parser: arguments it does not know are its own error, named
    ``pilot-eval COMMAND`` (argparse leaves them to the top-level parser)."""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


# ---------------------------------------------------------------- argument types


#: Years a date option may name: Twitter opened in 2006; far dates are typos (and a
#: year 9999 overflows the period arithmetic).
DATE_YEARS = (2006, 2100)


def iso_date(text: str) -> date:
    """argparse type: a date ``YYYY-MM-DD`` in the years :data:`DATE_YEARS`."""
    out_of_range = f"date {text} is out of range (years {DATE_YEARS[0]} to {DATE_YEARS[1]})"
    try:
        value = date.fromisoformat(text)
    except ValueError:
        parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if parts is None:
            raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None
        year, month, day = (int(p) for p in parts.groups())
        if not DATE_YEARS[0] <= year <= DATE_YEARS[1]:
            raise argparse.ArgumentTypeError(out_of_range) from None
        if not 1 <= month <= 12:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not a date: there is no month {month}"
            ) from None
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: {year}-{month:02d} has no day {day}"
        ) from None
    if not DATE_YEARS[0] <= value.year <= DATE_YEARS[1]:
        raise argparse.ArgumentTypeError(out_of_range)
    return value


def iso_datetime(text: str) -> datetime:
    """argparse type: an ISO 8601 instant with offset or ``Z`` (a bare date is UTC midnight)."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an ISO 8601 time such as 2014-03-31T18:00:00+02:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"'{text}' has no UTC offset: add Z or +01:00")
    return value


def check_period(start: date, end: date, names: tuple[str, str] = ("--start", "--end")) -> None:
    """A :class:`UserError` when ``start`` is after ``end`` (options named ``names``)."""
    if start > end:
        raise UserError(f"{names[0]} {start} is after {names[1]} {end}")


# ---------------------------------------------------------------- commands


def _registry(args: argparse.Namespace):
    from pilot_eval.registry import load_registry

    return load_registry(args.accounts)


def cmd_sample(args: argparse.Namespace) -> int:
    from pilot_eval.sample import write_sample

    target = data_paths(args.data_dir).sample
    files = write_sample(target, _registry(args))
    print(f"wrote the simulated sample ({len(files)} files) to {target}")
    print(f"next: {PROG} ingest --data-dir {shlex.quote(str(args.data_dir))}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from pilot_eval.collect import collect

    if args.since and args.until:
        check_period(args.since, args.until, ("--since", "--until"))
    return collect(
        registry=_registry(args),
        paths=data_paths(args.data_dir),
        handles=args.handles,
        since=args.since,
        until=args.until,
        retries=args.retries,
        delay=args.delay,
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from pilot_eval.ingest import ingest

    registry = _registry(args)
    if args.handle is not None:
        if not args.handle.strip().lstrip("@"):
            raise UserError("--handle is empty: give the account's handle")
        registry.require(args.handle)  # a typo would file a whole archive under a stranger
    summary = ingest(
        inputs=[Path(p) for p in args.paths] or None,
        data_dir=Path(args.data_dir),
        registry=registry,
        handle=args.handle,
        collected_at=args.collected_at,
        progress=not args.quiet,
    )
    print(summary.render())
    if summary.unreadable:
        print(
            f"{PROG} ingest: error: cannot read {_first_and_more(summary.unreadable)}: "
            "the tables hold the other files",
            file=sys.stderr,
        )
    if summary.named_unrecognised:
        names = ", ".join(summary.named_unrecognised[:3])
        more = " ..." if len(summary.named_unrecognised) > 3 else ""
        print(
            f"{PROG} ingest: error: not a format pilot-eval reads: {names}{more} "
            "(see the formats in README.md)",
            file=sys.stderr,
        )
    if summary.needs_handle:
        files = summary.needs_handle
        first = next(iter(files))
        more = f" and {len(files) - 1} more files" if len(files) > 1 else ""
        print(
            f"{PROG} ingest: error: {sum(files.values())} records need --handle (their file "
            f"does not name its account): {first}{more}; run ingest again with "
            "--handle HANDLE and the file",
            file=sys.stderr,
        )
    if summary.failed:
        print(
            f"{PROG} ingest: error: nothing could be read from "
            f"{_first_and_more(summary.failed)}: fix it and run ingest again (it will be "
            "read again)",
            file=sys.stderr,
        )
    return summary.exit_code


def _first_and_more(reasons: dict[str, str]) -> str:
    """``name (reason)`` of the first file, ``and N more`` when there are others."""
    name, why = next(iter(reasons.items()))
    more = f" and {len(reasons) - 1} more" if len(reasons) > 1 else ""
    return f"{name} ({why}){more}"


def cmd_kpis(args: argparse.Namespace) -> int:
    check_period(args.start, args.end)
    registry = _registry(args)
    registry.require_measured()
    from pilot_eval.metrics.kpis import kpis_command

    def warn(line: str) -> None:
        print(f"{PROG} kpis: warning: {line}", file=sys.stderr)

    print(kpis_command(args.data_dir, registry, args.start, args.end, args.format, warn=warn))
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from pilot_eval.classify import classify_csv

    n = classify_csv(
        args.input,
        args.output,
        text_column=args.text_column,
        lang_column=args.lang_column,
        labels=args.labels,
    )
    print(f"classified {n} rows into {args.output}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    check_period(args.start, args.end)
    _registry(args).require_measured()  # a bad registry is reported before any notebook runs
    from pilot_eval.report import build_report

    main_html = build_report(
        data_dir=Path(args.data_dir),
        accounts=args.accounts,
        start=args.start,
        end=args.end,
        reports_dir=Path(args.reports_dir),
        focus=args.focus,
        progress=not args.quiet,
    )
    print(main_html)
    return 0


def cmd_audit_handles(args: argparse.Namespace) -> int:
    from pilot_eval.audit import audit_command

    text, online_failed = audit_command(
        args.data_dir, _registry(args), args.format, online=args.online
    )
    print(text)
    return 1 if online_failed else 0  # as collect: the lookup asked for did not happen


# ---------------------------------------------------------------- parser

#: The exit codes :func:`main` returns, for the top-level help.
EXIT_STATUS = """exit status:
  0    done
  1    done in part, act on the data: ingest could not use some files or some
       records need --handle, collect could not collect some accounts,
       audit-handles --online could not reach Twitter (stderr says which)
  2    error: bad arguments, a file or folder that cannot be used, no data for the
       period, a notebook that failed (one line on stderr)
  130  interrupted (Ctrl-C)"""


def _paragraph(text: str) -> str:
    """A help description wrapped for the terminal (the formatter keeps line breaks)."""
    return textwrap.fill(text, width=79)


def _data_options(parser: argparse.ArgumentParser, *, shown: bool = True) -> None:
    """``--data-dir`` and ``--accounts``, which every command takes (SPEC section 3)."""
    parser.add_argument(
        "--data-dir",
        default=str(DEFAULT_DATA_DIR),
        metavar="DIR",
        help="data directory: raw inputs under DIR/raw, tables under DIR/processed (default: ./data)"
        if shown
        else argparse.SUPPRESS,
    )
    parser.add_argument(
        "--accounts",
        default=None,
        metavar="FILE",
        help="account registry (TOML); default: the registry shipped with pilot_eval"
        if shown
        else argparse.SUPPRESS,
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``pilot-eval`` argument parser with every sub-command."""
    common = OneLineParser(add_help=False)
    _data_options(common)
    period = OneLineParser(add_help=False)
    period.add_argument(
        "--start",
        type=iso_date,
        default=DEFAULT_START,
        metavar="YYYY-MM-DD",
        help=f"first day, Europe/Paris (default {DEFAULT_START})",
    )
    period.add_argument(
        "--end",
        type=iso_date,
        default=DEFAULT_END,
        metavar="YYYY-MM-DD",
        help=f"last day, inclusive, Europe/Paris (default {DEFAULT_END})",
    )

    parser = OneLineParser(
        prog=PROG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Evaluation suite for the Police nationale Twitter pilot (Dec 2013 - Mar 2014): "
            "collect and ingest tweets and follower counts, compute the KPIs, classify "
            "content, and produce the assessment report."
        ),
        epilog=f"Quick start: {PROG} sample && {PROG} ingest && {PROG} report\n"
        f"Each command has its own help: {PROG} COMMAND --help\n\n{EXIT_STATUS}",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=CommandParser
    )

    p = sub.add_parser(
        "sample",
        epilog=f"example: {PROG} sample --data-dir data",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
        help="write the bundled simulated dataset into DIR/raw/sample/",
        description=_paragraph(
            "Write the bundled simulated dataset (the registry's accounts, in the real raw "
            "formats) into DIR/raw/sample/, to try the suite without collected data."
        ),
    )
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser(
        "collect",
        epilog=f"example: {PROG} collect --handles PNationale44 pnationale67 --since 2013-12-23 --until 2014-03-31",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
        help="collect tweets and follower snapshots with snscrape",
        description=_paragraph(
            "Collect the tweets of each account and a follower snapshot with snscrape into "
            "DIR/raw/snscrape/, resuming after the days already collected (then run ingest)."
        ),
    )
    p.add_argument(
        "--handles",
        nargs="+",
        metavar="H",
        help="handles to collect (default: every measured account)",
    )
    p.add_argument(
        "--since",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=f"first day to collect, Europe/Paris (default {DEFAULT_START})",
    )
    p.add_argument(
        "--until",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=f"last day to collect, inclusive (default {DEFAULT_END})",
    )
    p.add_argument(
        "--retries",
        type=int,
        default=2,
        metavar="N",
        help="retries of a failed request, after the first attempt (default 2)",
    )
    p.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="S",
        help="polite pause between accounts, in seconds (default 1)",
    )
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser(
        "ingest",
        epilog=f"examples:\n  {PROG} ingest\n  {PROG} ingest exports/archive_67/ --handle pnationale67\n  {PROG} ingest dumps/*.jsonl --collected-at 2014-04-01T08:00:00+02:00",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
        help="detect, validate and merge raw files into DIR/processed",
        description=_paragraph(
            "Detect the format of every file under PATH (default DIR/raw) by its content, "
            "validate it, and merge it into the canonical Parquet tables of DIR/processed. "
            "Files are read where they are, never copied: a file given outside DIR/raw stays in "
            "the tables while it exists, and its rows leave them once it is gone (copy it into "
            "DIR/raw to keep it). Re-running reads only new or changed files. Exit 1 when the "
            "data needs you: a file that cannot be read, records that need --handle, a named "
            "file of no known format."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: DIR/raw)"
    )
    p.add_argument(
        "--handle",
        metavar="H",
        help="account of files that do not name it (archives, date,count files)",
    )
    p.add_argument(
        "--collected-at",
        type=iso_datetime,
        metavar="T",
        help="when snscrape files not written by 'collect' were collected (ISO 8601)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "kpis",
        epilog=f"examples:\n  {PROG} kpis\n  {PROG} kpis --start 2014-01-13 --end 2014-02-28 --format json > kpis.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common, period],
        help="print the KPIs of each account for the period",
        description=_paragraph(
            "Print the KPIs of each measured account for the period, from DIR/processed: "
            "followers at start and end, follower gain (count, %, per day, weekly growth "
            "%), tweets by kind and tweets per day, median and mean engagement per tweet "
            "(retweets + likes + replies + quotes, retweets left out; median with a 95% "
            "interval), median engagement rate (% of followers), impression rate (%), and "
            "the share (0-1) of each content category. Days are Europe/Paris days; "
            "--format json adds the comparison tests between accounts."
        ),
    )
    p.add_argument(
        "--format",
        choices=["json", "csv", "table"],
        default="table",
        help="table: one column per account; csv: one row per account; json: everything "
        "(default: table)",
    )
    p.set_defaults(func=cmd_kpis)

    p = sub.add_parser(
        "classify",
        epilog=f"example: {PROG} classify --input tweets.csv --output coded.csv --text-column text --lang-column lang",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="add a content category to every row of a CSV of texts",
        description=_paragraph(
            "Add a content category, with the cues and confidence behind it, to every row "
            "of a CSV of French or Spanish texts."
        ),
    )
    p.add_argument("--input", required=True, metavar="CSV", help="CSV with a text column")
    p.add_argument(
        "--output",
        required=True,
        metavar="CSV",
        help="where to write the CSV with category, cues, confidence",
    )
    p.add_argument(
        "--text-column",
        default="text",
        metavar="NAME",
        help="column holding the text (default: text)",
    )
    p.add_argument(
        "--lang-column",
        default=None,
        metavar="NAME",
        help="column holding the language, fr or es (default: detected)",
    )
    p.add_argument(
        "--labels",
        default=None,
        metavar="CSV",
        help="manual labels (tweet_id,category) that win over the classifier",
    )
    # SPEC 3: every command takes --data-dir and --accounts; classify needs neither,
    # so they are accepted and left out of its help
    _data_options(p, shown=False)
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser(
        "report",
        epilog=f"examples:\n  {PROG} report\n  {PROG} report --start 2014-01-13 --end 2014-03-31 --focus pnationale67",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common, period],
        help="run the notebooks and write the HTML assessment report",
        description=_paragraph(
            "Run the analysis notebooks and write the assessment report (in French) in a "
            "new run folder REPORTS_DIR/START_END_TIME/: the HTML pages "
            "(pilot_report.html, whose path is printed, and its annexes), kpis.json and "
            "kpis.csv; REPORTS_DIR/latest.txt names the last run. Without tables in "
            "DIR/processed, the raw data is ingested first."
        ),
    )
    p.add_argument(
        "--reports-dir",
        default=str(DEFAULT_REPORTS_DIR),
        metavar="REPORTS_DIR",
        help="where report runs go (default: ./reports)",
    )
    p.add_argument(
        "--focus",
        nargs="+",
        metavar="H",
        help="accounts given a section each, with their best tweets, on the main page "
        "(default: every pilot)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "audit-handles",
        epilog=f"example: {PROG} audit-handles --format csv > handles.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
        help="which pnationaleNN handles are official, impostors or unreserved",
        description=_paragraph(
            "List one pnationaleNN handle per department with its status (official, "
            "impostor, unreserved, unknown) and the evidence, from the registry, the "
            "collected data and, with --online, Twitter."
        ),
    )
    p.add_argument(
        "--format", choices=["table", "csv"], default="table", help="output format (default: table)"
    )
    p.add_argument(
        "--online", action="store_true", help="also look the handles up on Twitter with snscrape"
    )
    p.set_defaults(func=cmd_audit_handles)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pilot-eval`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted(args)
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # the user's file system: a folder that cannot be created, read or written, a
        # read-only file system, a full disk
        where = f": {exc.filename}" if exc.filename else ""
        print(f"{PROG} {args.command}: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except Exception as exc:
        if is_interrupt(exc):  # Ctrl-C during a DuckDB query
            return _interrupted(args)
        raise


def _interrupted(args: argparse.Namespace) -> int:
    print(f"{PROG} {args.command}: interrupted", file=sys.stderr)
    return 130


if __name__ == "__main__":
    sys.exit(main())
