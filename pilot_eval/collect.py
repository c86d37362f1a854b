"""Collect tweets and a follower snapshot per account with snscrape (SPEC section 3).

``pilot-eval collect`` calls :func:`collect`. For each account it asks snscrape for the
account's profile (the ``User`` entity: a follower snapshot) and for its tweets, replies
and retweets included, with the search ``from:HANDLE include:nativeretweets since:SINCE
until:UNTIL+1`` (see :func:`search_query` for the retweets), and writes one file
``DIR/raw/snscrape/{handle}_{since}_{until}_{stamp}.jsonl``:

1. the collection header (:func:`pilot_eval.ingest.base.collection_header`): when the
   counts were observed (``collected_at``, UTC), the query, the period, snscrape's version
   (the query starts one UTC day before ``since``: see :func:`collect_account`);
2. the ``User`` entity, as ``User.json()``;
3. every item the search yields, as ``item.json()``: exactly what ``snscrape --jsonl``
   would print.

Files are written to a hidden temporary file in the same directory and renamed when the
account is complete: a failed or interrupted account (Ctrl-C, SIGTERM) leaves no file.

Resumption
    A new run for an account starts where the files already collected for it end (see
    :func:`resume_since`): from the UTC day of the latest tweet already collected,
    *inclusive*. Twitter's ``since:`` operator counts whole UTC days, so the tweets of that
    day are collected again; that one-day overlap is deliberate (no tweet can fall in a
    gap) and harmless (ingestion keeps one row per tweet id, with the counts of the latest
    collection). The follower snapshot is taken on every run.

Failure
    Twitter has blocked snscrape since June 2023, and a machine may have no network: failure
    is the normal case. Every snscrape error is caught per account and turned into one
    :class:`Failure` line on stderr. A failure that is not specific to the account (Twitter
    unreachable, refusing, not answering, or answering in a shape snscrape cannot read)
    stops the run at once, naming the accounts not tried, so that an offline run prints at
    most three lines and ends within seconds (DNS failure) or :data:`STALL_TIMEOUT` seconds
    (a network that hangs). snscrape's own log output is silenced; nothing is written to
    ``~/.cache/snscrape`` (the guest token stays in memory) or ``/tmp/snscrape_locals_*``
    (only snscrape's command line writes those, and it is not used).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests.adapters
import snscrape.base
import snscrape.modules.twitter as sntwitter
from tqdm import tqdm

from pilot_eval.config import DEFAULT_END, DEFAULT_START, DataPaths
from pilot_eval.errors import UserError
from pilot_eval.ingest.base import COLLECTION_TYPE, collection_header
from pilot_eval.registry import Registry

#: Seconds without any answer (an item, an error) after which an account is given up.
#: snscrape's requests time out after 10 s each, but name resolution and slow trickles
#: are not bounded by that timeout; this bound is.
STALL_TIMEOUT = 90.0

#: What the user can do instead when Twitter cannot be used.
INGEST_HINT = (
    "import tweets with 'pilot-eval ingest' from twarc2 pages, account archives "
    "or Twitter Analytics exports"
)

TWEET_TYPE = "snscrape.modules.twitter.Tweet"
PROG = "pilot-eval collect"


# ---------------------------------------------------------------- snscrape access


class TwitterSource:
    """Builds snscrape's Twitter scrapers for one run.

    Parameters
    ----------
    retries
        Passed to snscrape: how many times a failed request is retried (so ``retries + 1``
        attempts, with snscrape's back-off of 1, 2, 4... seconds between them).
    adapter
        A :class:`requests.adapters.BaseAdapter` mounted on the scrapers' HTTP session in
        place of snscrape's own transport. ``None`` (the default) talks to Twitter; tests
        pass an adapter that answers like Twitter's GraphQL API.

    All scrapers of a source share one in-memory guest token (snscrape's command line
    would cache it in ``~/.cache/snscrape``; the library does not).
    """

    def __init__(
        self, *, retries: int = 2, adapter: requests.adapters.BaseAdapter | None = None
    ) -> None:
        self.retries = max(0, int(retries))
        self.adapter = adapter
        self.tokens = sntwitter.GuestTokenManager()

    def _prepare(self, scraper: snscrape.base.Scraper) -> snscrape.base.Scraper:
        if self.adapter is not None:
            # snscrape sends everything through its requests session (``Scraper._session``).
            for prefix in ("https://", "http://", "https://twitter.com", "https://api.twitter.com"):
                scraper._session.mount(prefix, self.adapter)
        return scraper

    def user_scraper(self, handle: str) -> sntwitter.TwitterUserScraper:
        """snscrape's scraper whose ``entity`` is the account's ``User`` (profile)."""
        return self._prepare(
            sntwitter.TwitterUserScraper(
                handle, retries=self.retries, guestTokenManager=self.tokens
            )
        )

    def search_scraper(self, query: str) -> sntwitter.TwitterSearchScraper:
        """snscrape's search scraper (``Latest`` tweets, replies included)."""
        return self._prepare(
            sntwitter.TwitterSearchScraper(
                query, retries=self.retries, guestTokenManager=self.tokens
            )
        )


def search_query(handle: str, since: date, until: date) -> str:
    """The Twitter search for the tweets of ``handle`` from ``since`` to ``until`` inclusive.

    Twitter's ``until:`` is exclusive, hence ``until + 1 day``. Both operators count UTC
    days. ``from:`` returns the account's tweets and replies; its retweets only with
    ``include:nativeretweets``, and even then Twitter's search gave only those of about
    the last week (snscrape issue #8): the retweets of a collection are a lower bound,
    and an account archive has them all.

    >>> search_query("PNationale44", date(2013, 12, 23), date(2014, 3, 31))
    'from:PNationale44 include:nativeretweets since:2013-12-23 until:2014-04-01'
    """
    last = (until + timedelta(days=1)).isoformat()
    return f"from:{handle} include:nativeretweets since:{since.isoformat()} until:{last}"


class Stalled(Exception):
    """Twitter sent nothing (no item, no error) for ``seconds`` seconds."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")
        self.seconds = seconds


_DONE = object()


@dataclass(frozen=True)
class _Raised:
    exc: BaseException


def _produce(
    source: TwitterSource,
    handle: str,
    query: str | None,
    out: queue.Queue,
    stop: threading.Event,
) -> None:
    """Worker thread: put the entity, then each search item, then ``_DONE`` (or the error)."""
    try:
        out.put(source.user_scraper(handle).entity)
        if query is not None:
            for item in source.search_scraper(query).get_items():
                if stop.is_set():
                    return
                out.put(item)
        out.put(_DONE)
    except BaseException as exc:  # handed to the consumer, which classifies it
        out.put(_Raised(exc))


def scrape(
    source: TwitterSource, handle: str, query: str | None, *, stall: float = STALL_TIMEOUT
) -> Iterator[snscrape.base.Item]:
    """Yield the account's ``User`` entity, then every item of the search ``query``.

    snscrape runs in a daemon thread, so that a network that hangs (where no socket
    timeout applies, e.g. name resolution) cannot hold the run: after ``stall`` seconds
    without any answer, :class:`Stalled` is raised. snscrape's exceptions are re-raised
    as they are. ``query=None`` yields the entity only.
    """
    out: queue.Queue = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce,
        args=(source, handle, query, out, stop),
        name=f"snscrape-{handle}",
        daemon=True,
    )
    worker.start()
    try:
        while True:
            try:
                item = out.get(timeout=stall)
            except queue.Empty:
                raise Stalled(stall) from None
            if item is _DONE:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        stop.set()


# ---------------------------------------------------------------- failures


@dataclass(frozen=True)
class Failure:
    """Why an account could not be collected.

    ``kind`` is one of ``unreachable`` (no network, DNS, connection or timeout errors),
    ``stalled`` (no answer within :data:`STALL_TIMEOUT`), ``refused`` (Twitter answered
    but refused: blocked, non-200, no guest token), ``unreadable`` (an answer snscrape
    could not parse: ``KeyError``, invalid JSON, any other error) and ``unavailable``
    (the account is suspended, renamed or deleted). Every kind but ``unavailable`` is
    *systemic*: the next accounts would fail the same way.
    """

    handle: str
    kind: str
    detail: str

    @property
    def systemic(self) -> bool:
        """True when the failure is not specific to the account."""
        return self.kind != "unavailable"

    @property
    def reason(self) -> str:
        """The failure in words, without the handle."""
        return {
            "unreachable": f"Twitter could not be reached ({self.detail})",
            "stalled": f"Twitter sent {self.detail}",
            "refused": (
                f"Twitter refused snscrape's requests ({self.detail}); "
                "Twitter has blocked snscrape since June 2023"
            ),
            "unreadable": f"snscrape could not read Twitter's answer ({self.detail})",
            "unavailable": "the account is unavailable on Twitter (suspended, renamed or deleted)",
        }[self.kind]


_NETWORK_PATTERNS = (
    (
        r"NameResolutionError|Failed to resolve|Name or service not known|name resolution",
        "cannot resolve twitter.com: no network or no DNS",
    ),
    (r"Timeout|timed out", "the connection timed out"),
    (r"ProxyError", "the proxy failed"),
    (r"SSLError", "the TLS connection failed"),
    (
        r"ConnectionError|ConnectionRefused|RemoteDisconnected|ChunkedEncodingError",
        "the connection failed",
    ),
)
_REFUSAL_PATTERN = re.compile(
    r"blocked \(\d+\)|non-200[^,)]*\(\d+\)|content type is not JSON|"
    r"Twitter responded with an error[^,]*|invalid JSON"
)


def classify_failure(handle: str, exc: BaseException, log: Sequence[str] = ()) -> Failure:
    """Turn an exception raised while scraping ``handle`` into a :class:`Failure`.

    ``log`` holds snscrape's ERROR and CRITICAL log messages for the account: snscrape
    folds the reason of each failed attempt into them (``Errors: ConnectionError(...)``)
    and not into the exception, so they tell a network failure from a refusal.
    """
    if isinstance(exc, snscrape.base.EntityUnavailable):
        return Failure(handle, "unavailable", str(exc))
    if isinstance(exc, Stalled):
        return Failure(handle, "stalled", str(exc))
    if isinstance(exc, snscrape.base.ScraperException):
        text = " ".join(log) + " " + str(exc)
        match = re.match(r"(\d+) requests to ", str(exc))
        n = int(match.group(1)) if match else 0
        count = f"{n} request{'s' if n != 1 else ''} failed" if match else str(exc)
        for pattern, words in _NETWORK_PATTERNS:
            if re.search(pattern, text, flags=re.IGNORECASE):
                return Failure(handle, "unreachable", f"{count}: {words}")
        refusal = _REFUSAL_PATTERN.search(text)
        if match:
            return Failure(
                handle, "refused", f"{count}: {refusal.group(0) if refusal else 'no reason given'}"
            )
        return Failure(handle, "refused", str(exc))
    if isinstance(exc, requests.exceptions.RequestException):
        return Failure(handle, "unreachable", f"{type(exc).__name__}")
    message = str(exc).splitlines()[0] if str(exc) else ""
    name = type(exc).__name__
    return Failure(handle, "unreadable", f"{name}: {message}" if message else name)


class _Capture(logging.Handler):
    """Keeps the messages of snscrape's log records instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a record that cannot be formatted is not worth a crash
            pass


@contextmanager
def quiet_snscrape() -> Iterator[_Capture]:
    """Silence snscrape's loggers (they print stack-like ERROR/CRITICAL lines) and capture them."""
    logger = logging.getLogger("snscrape")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    capture = _Capture()
    logger.handlers = [capture]
    logger.propagate = False
    logger.setLevel(logging.ERROR)
    try:
        yield capture
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


# ---------------------------------------------------------------- files


class AtomicLines:
    """A JSON-lines file that appears under ``target`` only when :meth:`commit` is called.

    Lines go to a hidden temporary file in the same directory (created at the first line,
    so that an account that fails before answering creates nothing, not even the
    directory); :meth:`commit` renames it onto ``target``; :meth:`discard` removes it and
    the directories it created.
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.temp: Path | None = None
        self._fh = None
        self._created: list[Path] = []
        self.lines = 0

    def write(self, line: str) -> None:
        """Append one line (``line`` has no newline)."""
        if self._fh is None:
            self._open()
        self._fh.write(line)
        self._fh.write("\n")
        self.lines += 1

    def _open(self) -> None:
        missing = []
        parent = self.target.parent
        while not parent.exists():
            missing.append(parent)
            parent = parent.parent
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._created = missing  # deepest first
        fd, name = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part"
        )
        self.temp = Path(name)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def commit(self) -> Path:
        """Flush, sync and rename the temporary file onto ``target``."""
        if self._fh is None:
            self._open()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        self._fh = None
        os.replace(self.temp, self.target)
        self.temp = None
        return self.target

    def discard(self) -> None:
        """Remove the temporary file and the directories created for it (if still empty)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None
        for directory in self._created:
            try:
                directory.rmdir()
            except OSError:
                break


def collected_files(directory: Path, handle: str) -> list[tuple[Path, dict]]:
    """Files written by ``collect`` for ``handle`` (case-insensitive), with their header.

    Hidden files (temporary files of a run in progress) and files without a collection
    header are not considered.
    """
    found = []
    if not directory.is_dir():
        return found
    key = handle.casefold()
    for path in sorted(directory.glob("*.jsonl")):
        if path.name.startswith("."):
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                header = json.loads(fh.readline() or "null")
        except (OSError, ValueError):
            continue
        if (
            isinstance(header, dict)
            and header.get("_type") == COLLECTION_TYPE
            and str(header.get("handle", "")).casefold() == key
        ):
            found.append((path, header))
    return found


def latest_tweet_date(path: Path) -> datetime | None:
    """The ``date`` of the latest snscrape ``Tweet`` line of ``path`` (None if there is none)."""
    latest = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if TWEET_TYPE not in line[:80]:
                continue
            try:
                when = datetime.fromisoformat(json.loads(line)["date"])
            except (ValueError, KeyError, TypeError):
                continue
            if latest is None or when > latest:
                latest = when
    return latest


def resume_since(directory: Path, handle: str, since: date) -> date:
    """The day a collection of ``handle`` asked to start at ``since`` should start at.

    A file already collected for the handle, whose period starts on or before the
    current start, covers the days from its start to the UTC day of its latest tweet; the
    start moves to that day (inclusive: the one-day overlap described in the module
    docstring). Files are chained (a file starting inside the covered days extends them).
    A file without tweets covers nothing: the start does not move.
    """
    spans = []
    for path, header in collected_files(directory, handle):
        try:
            start = date.fromisoformat(str(header.get("since")))
        except ValueError:
            continue
        latest = latest_tweet_date(path)
        if latest is not None:
            spans.append((start, latest.astimezone(UTC).date()))
    point = since
    moved = True
    while moved:
        moved = False
        for start, end in spans:
            if start <= point < end:
                point, moved = end, True
    return point


def output_path(
    directory: Path, handle: str, since: date, until: date, collected_at: datetime
) -> Path:
    """``{handle}_{since}_{until}_{stamp}.jsonl``, stamp = collection time ``YYYYmmddTHHMMSSZ``."""
    stamp = collected_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"{handle}_{since.isoformat()}_{until.isoformat()}_{stamp}.jsonl"


# ---------------------------------------------------------------- one account


@dataclass
class Collected:
    """What one account gave: the file written, tweets (snscrape ``Tweet`` items), the snapshot."""

    handle: str
    path: Path
    since: date
    until: date
    tweets: int = 0
    items: int = 0
    followers: int | None = None


def collect_account(
    handle: str,
    *,
    source: TwitterSource,
    directory: Path,
    since: date,
    until: date,
    stall: float = STALL_TIMEOUT,
    progress: bool | None = None,
    now: datetime | None = None,
) -> Collected:
    """Collect one account into one file (see the module docstring); return what it gave.

    ``since`` is the requested first day (Europe/Paris); the search starts at
    :func:`resume_since`, one UTC day earlier when nothing was collected before.
    When that start is after ``until`` only the follower snapshot is taken. Any error
    propagates, after the temporary file has been removed. ``progress``: a tqdm bar on
    stderr (``None``: only when stderr is a terminal).
    """
    collected_at = (now or datetime.now(UTC)).astimezone(UTC)
    start = resume_since(directory, handle, since)
    # Twitter's search counts UTC days and Paris is ahead of UTC: the first local day of
    # the period begins on the previous UTC day, so a fresh collection asks from one day
    # earlier (the extra hours fall outside the period and the KPIs leave them out). A
    # resumed collection starts on a UTC day already (the latest tweet's).
    query_since = start - timedelta(days=1) if start == since else start
    query = search_query(handle, query_since, until) if start <= until else None
    header = collection_header(
        handle=handle,
        collected_at=collected_at,
        query=query,
        since=start.isoformat(),
        until=until.isoformat(),
        snscrape_version=snscrape.version.__version__,
    )
    out = AtomicLines(output_path(directory, handle, start, until, collected_at))
    result = Collected(handle=handle, path=out.target, since=start, until=until)
    bar = tqdm(
        desc=handle,
        unit=" tweets",
        file=sys.stderr,
        disable=None if progress is None else not progress,
        leave=True,
    )
    items = scrape(source, handle, query, stall=stall)
    try:
        entity = next(items)
        if not isinstance(entity, sntwitter.User):
            raise snscrape.base.EntityUnavailable(
                f"no profile for {handle} ({type(entity).__name__})"
            )
        out.write(json.dumps(header))
        out.write(entity.json())
        result.followers = entity.followersCount
        for item in items:
            out.write(item.json())
            result.items += 1
            if isinstance(item, sntwitter.Tweet):
                result.tweets += 1
                bar.update(1)
        out.commit()
    except BaseException:
        bar.leave = False
        out.discard()
        raise
    finally:
        items.close()
        bar.close()
    return result


# ---------------------------------------------------------------- the command


def _accounts(registry: Registry, handles: Sequence[str] | None) -> list[str]:
    """Registry spellings of ``handles`` (default: every measured account); checked offline."""
    if not handles:
        chosen = [a.handle for a in registry.measured()]
    else:
        chosen = [registry.require(h).handle for h in handles]
    for handle in chosen:
        if not sntwitter.TwitterUserScraper.is_valid_username(handle):
            raise UserError(f"'{handle}' is not a valid Twitter handle (letters, digits, _; 1-20)")
    return list(dict.fromkeys(chosen))


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt (so temporary files are removed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class RunResult:
    """Outcome of :func:`run`: files written, failures, accounts not tried."""

    collected: list[Collected] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    not_tried: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every account was collected, 1 otherwise."""
        return 0 if not self.failures and not self.not_tried else 1

    def error_lines(self) -> list[str]:
        """At most one line per distinct failure, plus one line saying what to do instead.

        Identical failures (same reason) are grouped on one line; when a systemic failure
        stopped the run, the accounts not tried are named on its line.
        """
        groups: dict[str, list[str]] = {}
        for failure in self.failures:
            groups.setdefault(failure.reason, []).append(failure.handle)
        lines = []
        for reason, handles in groups.items():
            line = f"{', '.join(handles)}: {reason}"
            if self.not_tried and any(f.systemic and f.reason == reason for f in self.failures):
                n = len(self.not_tried)
                line += (
                    f"; stopped, {n} other account{'s' if n > 1 else ''} not tried "
                    f"({', '.join(self.not_tried)})"
                )
            lines.append(line)
        if lines:
            if self.collected:
                done = ", ".join(c.handle for c in self.collected)
                lines.append(f"collected: {done}; for the others, {INGEST_HINT}")
            else:
                lines.append(f"nothing written; {INGEST_HINT}")
        return lines


def run(
    handles: Sequence[str],
    *,
    source: TwitterSource,
    directory: Path,
    since: date,
    until: date,
    delay: float = 1.0,
    stall: float = STALL_TIMEOUT,
    progress: bool | None = None,
) -> RunResult:
    """Collect ``handles`` one after the other (``delay`` seconds between accounts).

    A systemic :class:`Failure` stops the run; the remaining handles are ``not_tried``.
    ``KeyboardInterrupt`` propagates (the account in progress leaves no file).
    """
    result = RunResult()
    with quiet_snscrape() as capture:
        for i, handle in enumerate(handles):
            if i and delay > 0:
                time.sleep(delay)
            capture.messages.clear()
            try:
                result.collected.append(
                    collect_account(
                        handle,
                        source=source,
                        directory=directory,
                        since=since,
                        until=until,
                        stall=stall,
                        progress=progress,
                    )
                )
            except (KeyboardInterrupt, SystemExit, GeneratorExit):
                raise
            except BaseException as exc:  # every snscrape error, by design (FORMATS.md §1)
                failure = classify_failure(handle, exc, capture.messages)
                result.failures.append(failure)
                if failure.systemic:
                    result.not_tried = list(handles[i + 1 :])
                    break
    return result


def collect(
    *,
    registry: Registry,
    paths: DataPaths,
    handles: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    retries: int = 2,
    delay: float = 1.0,
    source: TwitterSource | None = None,
    stall: float = STALL_TIMEOUT,
    progress: bool | None = None,
) -> int:
    """``pilot-eval collect``: collect every account, print a summary, return the exit code.

    Parameters
    ----------
    registry, paths
        The account registry and the data layout; files go to ``paths.snscrape``.
    handles
        Accounts to collect (registry handles, case-insensitive); default: every measured
        account. An unknown handle is a :class:`UserError` raised before any request.
    since, until
        First and last day to collect, inclusive (defaults: the assessment period,
        2013-12-23 to 2014-03-31). Twitter's search counts UTC days.
    retries
        snscrape's retries per request (``retries + 1`` attempts).
    delay
        Polite pause between accounts, in seconds.
    source, stall, progress
        The snscrape access (tests pass one with a fake transport), the no-answer bound in
        seconds, and the progress bar (``None``: only on a terminal).

    Returns
    -------
    int
        0 when every account was collected; 1 when any failed (one line per distinct
        failure on stderr, then one line saying how to import data instead).
    """
    since = since or DEFAULT_START
    until = until or DEFAULT_END
    if since > until:
        raise UserError(f"--since {since} is after --until {until}")
    if retries < 0:
        raise UserError(f"--retries {retries} must be 0 or more")
    if delay < 0:
        raise UserError(f"--delay {delay} must be 0 or more")
    chosen = _accounts(registry, handles)
    source = source or TwitterSource(retries=retries)
    with _sigterm_as_interrupt():
        result = run(
            chosen,
            source=source,
            directory=paths.snscrape,
            since=since,
            until=until,
            delay=delay,
            stall=stall,
            progress=progress,
        )
    for c in result.collected:
        followers = "?" if c.followers is None else f"{c.followers}"
        print(
            f"{c.handle}: {c.tweets} tweets from {c.since} to {c.until}, {followers} followers -> {c.path}"
        )
    for line in result.error_lines():
        print(f"{PROG}: {line}", file=sys.stderr)
    if result.collected:
        print(f"next: pilot-eval ingest --data-dir {paths.root}")
    return result.exit_code
