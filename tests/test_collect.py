"""Tests of :mod:`pilot_eval.collect`, without network.

snscrape runs for real (its scrapers, retries, guest token handling and GraphQL parsing):
only the transport is replaced, by :class:`FakeTwitter`, a ``requests`` adapter mounted on
the scrapers' session that answers like Twitter's GraphQL API did in 2023.
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
import urllib.parse
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests
import requests.adapters
import snscrape.base
import snscrape.modules.twitter as sntwitter

from pilot_eval import collect as col
from pilot_eval.cli import main
from pilot_eval.config import data_paths
from pilot_eval.ingest.base import COLLECTION_TYPE

JSON_TYPE = "application/json;charset=utf-8"


# ---------------------------------------------------------------- a fake Twitter


def _user_result(handle: str, user_id: int, followers: int) -> dict:
    return {
        "__typename": "User",
        "rest_id": str(user_id),
        "is_blue_verified": False,
        "affiliates_highlighted_label": {},
        "legacy": {
            "screen_name": handle,
            "name": f"Police nationale {handle[-2:]}",
            "description": "Compte officiel. Urgence : composez le 17.",
            "entities": {"description": {"urls": []}},
            "created_at": "Mon Sep 02 08:30:11 +0000 2013",
            "followers_count": followers,
            "friends_count": 180,
            "statuses_count": 950,
            "favourites_count": 120,
            "listed_count": 75,
            "media_count": 21,
            "location": "Nantes, France",
            "protected": False,
            "verified": False,
            "profile_image_url_https": "https://pbs.twimg.com/profile_images/1/a_normal.jpg",
        },
    }


def _tweet_entry(tweet: dict, user: dict) -> dict:
    mentions = [
        {"screen_name": m, "id_str": str(9000 + i), "name": m, "indices": [0, len(m) + 1]}
        for i, m in enumerate(tweet.get("mentions", ()))
    ]
    legacy = {
        "id_str": str(tweet["id"]),
        "user_id_str": user["rest_id"],
        "created_at": email.utils.format_datetime(tweet["date"]),
        "full_text": tweet["text"],
        "entities": {"hashtags": [], "symbols": [], "user_mentions": mentions, "urls": []},
        "reply_count": 1,
        "retweet_count": 2,
        "favorite_count": 3,
        "quote_count": 0,
        "conversation_id_str": str(tweet["id"]),
        "lang": "fr",
    }
    if tweet.get("reply_to"):
        legacy.update(
            in_reply_to_status_id_str="1",
            in_reply_to_user_id_str="9999",
            in_reply_to_screen_name=tweet["reply_to"],
        )
    return {
        "entryId": f"tweet-{tweet['id']}",
        "sortIndex": str(tweet["id"]),
        "content": {
            "entryType": "TimelineTimelineItem",
            "itemContent": {
                "itemType": "TimelineTweet",
                "tweet_results": {
                    "result": {
                        "__typename": "Tweet",
                        "rest_id": str(tweet["id"]),
                        "core": {"user_results": {"result": user}},
                        "legacy": legacy,
                    }
                },
            },
        },
    }


class FakeTwitter(requests.adapters.BaseAdapter):
    """Answers snscrape's requests like Twitter: guest token page, UserByScreenName, SearchTimeline.

    ``tweets``: dicts ``id``, ``date`` (aware datetime), ``text``, optional ``mentions``,
    ``reply_to``; the search returns those inside the query's ``since:``/``until:`` days,
    newest first, ``page_size`` per page. ``mode``: ``ok``, ``refuse`` (404 everywhere),
    ``unavailable`` (the user is suspended), ``keyerror`` (search answers without data),
    ``network`` (every request raises a connection error), ``hang`` (never answers until
    :attr:`release` is set).
    """

    def __init__(self, tweets=(), *, handle="PNationale44", followers=4210, mode="ok", page_size=2):
        super().__init__()
        self.tweets = list(tweets)
        self.user = _user_result(handle, 1234567001, followers)
        self.mode = mode
        self.page_size = page_size
        self.requests: list[str] = []
        self.queries: list[str] = []
        self.release = threading.Event()

    def close(self) -> None:
        pass

    def _response(self, request, status: int, body: str, content_type: str) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response.headers["content-type"] = content_type
        response._content = body.encode("utf-8")
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def send(self, request, **kwargs) -> requests.Response:
        self.requests.append(request.url)
        if self.mode == "network":
            raise requests.exceptions.ConnectionError(
                "HTTPSConnectionPool(host='twitter.com', port=443): Max retries exceeded "
                "(Caused by NameResolutionError(\"Failed to resolve 'twitter.com'\"))"
            )
        if self.mode == "hang":
            self.release.wait(30)
            raise requests.exceptions.ConnectionError("released")
        if self.mode == "refuse":
            return self._response(request, 404, "not found", "text/html")
        url = urllib.parse.urlsplit(request.url)
        if "/graphql/" not in url.path:  # the page snscrape reads its guest token from
            html = 'document.cookie = decodeURIComponent("gt=1234567890123456789; Max-Age=10800; Domain=.twitter.com; Path=/; Secure");'
            return self._response(request, 200, html, "text/html")
        variables = json.loads(urllib.parse.parse_qs(url.query)["variables"][0])
        if url.path.endswith("/UserByScreenName"):
            if self.mode == "unavailable":
                body = {"data": {"user": {"result": {"__typename": "UserUnavailable"}}}}
            else:
                body = {"data": {"user": {"result": self.user}}}
            return self._response(request, 200, json.dumps(body), JSON_TYPE)
        if url.path.endswith("/SearchTimeline"):
            if self.mode == "keyerror":
                return self._response(request, 200, json.dumps({"data": {}}), JSON_TYPE)
            return self._response(request, 200, json.dumps(self._page(variables)), JSON_TYPE)
        return self._response(request, 404, "unknown endpoint", "text/html")

    def _page(self, variables: dict) -> dict:
        query = variables["rawQuery"]
        self.queries.append(query)
        since = date.fromisoformat(query.split("since:")[1].split()[0])
        until = date.fromisoformat(query.split("until:")[1].split()[0])
        chosen = sorted(
            (t for t in self.tweets if since <= t["date"].date() < until),
            key=lambda t: t["date"],
            reverse=True,
        )
        offset = int(variables.get("cursor") or 0)
        page = chosen[offset : offset + self.page_size]
        entries = [_tweet_entry(t, self.user) for t in page]
        if offset + self.page_size < len(chosen):
            entries.append(
                {
                    "entryId": "cursor-bottom-0",
                    "content": {
                        "entryType": "TimelineTimelineCursor",
                        "value": str(offset + self.page_size),
                        "cursorType": "Bottom",
                    },
                }
            )
        instructions = [{"type": "TimelineAddEntries", "entries": entries}]
        return {
            "data": {
                "search_by_raw_query": {
                    "search_timeline": {"timeline": {"instructions": instructions}}
                }
            }
        }


def tweet(i: int, day: str, text: str = "Conseil de prévention", **extra) -> dict:
    when = datetime.fromisoformat(f"{day}T09:{i % 60:02d}:00+00:00")
    return {"id": 410336844182454000 + i, "date": when, "text": f"{text} {i}", **extra}


TWEETS = [
    tweet(1, "2013-12-23"),
    tweet(2, "2013-12-24", mentions=["pnationale86"]),
    tweet(3, "2014-01-05", "@PNationale05 ce compte n'est pas officiel", reply_to="PNationale05"),
    tweet(4, "2014-01-10"),
    tweet(5, "2014-02-01"),
]


@pytest.fixture
def paths(tmp_path: Path):
    return data_paths(tmp_path / "data")


def run_collect(
    registry, paths, fake, *, handles=("PNationale44",), since=None, until=None, stall=30.0
):
    return col.collect(
        registry=registry,
        paths=paths,
        handles=list(handles) if handles else None,
        since=since or date(2013, 12, 23),
        until=until or date(2014, 3, 31),
        retries=0,
        delay=0,
        source=col.TwitterSource(retries=0, adapter=fake),
        stall=stall,
        progress=False,
    )


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def files(paths) -> list[Path]:
    directory = paths.snscrape
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


# ---------------------------------------------------------------- pure helpers


def test_search_query_includes_the_last_day():
    assert (
        col.search_query("PNationale44", date(2013, 12, 23), date(2014, 3, 31))
        == "from:PNationale44 include:nativeretweets since:2013-12-23 until:2014-04-01"
    )


def test_output_path_names_handle_period_and_utc_stamp(tmp_path):
    when = datetime(2014, 4, 1, 8, 0, 5, tzinfo=UTC)
    path = col.output_path(tmp_path, "PNationale44", date(2013, 12, 23), date(2014, 3, 31), when)
    assert path.name == "PNationale44_2013-12-23_2014-03-31_20140401T080005Z.jsonl"


@pytest.mark.parametrize(
    ("exc", "log", "kind", "words"),
    [
        (
            snscrape.base.ScraperException(
                "3 requests to https://twitter.com/x failed, giving up."
            ),
            [
                "Errors: ConnectionError(MaxRetryError(NameResolutionError(\"Failed to resolve 'twitter.com'\")))"
            ],
            "unreachable",
            "3 requests failed: cannot resolve twitter.com",
        ),
        (
            snscrape.base.ScraperException(
                "2 requests to https://twitter.com/x failed, giving up."
            ),
            ["Errors: ReadTimeout(ReadTimeoutError('read timed out'))"],
            "unreachable",
            "timed out",
        ),
        (
            snscrape.base.ScraperException(
                "4 requests to https://twitter.com/x failed, giving up."
            ),
            ["Errors: blocked (404), blocked (404)"],
            "refused",
            "4 requests failed: blocked (404)",
        ),
        (snscrape.base.EntityUnavailable("User unavailable"), [], "unavailable", "suspended"),
        (KeyError("name"), [], "unreadable", "KeyError: 'name'"),
        (json.JSONDecodeError("Expecting value", "", 0), [], "unreadable", "JSONDecodeError"),
        (col.Stalled(90.0), [], "stalled", "no answer within 90 s"),
    ],
)
def test_classify_failure(exc, log, kind, words):
    failure = col.classify_failure("PNationale44", exc, log)
    assert failure.kind == kind
    assert words in failure.reason
    assert failure.systemic == (kind != "unavailable")
    assert "\n" not in failure.reason


def test_resume_since_chains_files_and_ignores_other_handles(tmp_path):
    def write(name, handle, since, dates):
        header = {"_type": COLLECTION_TYPE, "handle": handle, "since": since}
        rows = [json.dumps(header)] + [
            json.dumps({"_type": col.TWEET_TYPE, "date": d}) for d in dates
        ]
        (tmp_path / name).write_text("\n".join(rows) + "\n", encoding="utf-8")

    write("a.jsonl", "PNationale44", "2013-12-23", ["2014-01-10T09:00:00+00:00"])
    write("b.jsonl", "pnationale44", "2014-01-10", ["2014-02-01T23:30:00+00:00"])
    write("c.jsonl", "pnationale35", "2013-12-23", ["2014-03-30T09:00:00+00:00"])
    write(
        ".d.jsonl", "PNationale44", "2013-12-23", ["2014-03-30T09:00:00+00:00"]
    )  # hidden: in progress
    assert col.resume_since(tmp_path, "PNationale44", date(2013, 12, 23)) == date(2014, 2, 1)
    # a request starting before every file is not resumed (those days were never collected)
    assert col.resume_since(tmp_path, "PNationale44", date(2013, 12, 1)) == date(2013, 12, 1)
    assert col.resume_since(tmp_path, "pnationale62", date(2013, 12, 23)) == date(2013, 12, 23)


def test_quiet_snscrape_swallows_and_captures_snscrape_logs(capsys):
    logger = logging.getLogger("snscrape.base")
    with col.quiet_snscrape() as capture:
        logger.critical("1 requests to https://twitter.com/x failed, giving up.")
    assert capture.messages == ["1 requests to https://twitter.com/x failed, giving up."]
    assert capsys.readouterr().err == ""
    assert logging.getLogger("snscrape").handlers == []


# ---------------------------------------------------------------- collection


def test_file_is_header_then_exactly_what_snscrape_yields(registry, paths):
    fake = FakeTwitter(TWEETS)
    assert run_collect(registry, paths, fake) == 0
    [path] = files(paths)
    assert path.name.startswith("PNationale44_2013-12-23_2014-03-31_")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["_type"] == COLLECTION_TYPE
    assert header["handle"] == "PNationale44"
    # one UTC day before the first Paris day: 00:00 Paris on 23 December is 23:00 UTC on the 22nd
    assert (
        header["query"]
        == "from:PNationale44 include:nativeretweets since:2013-12-22 until:2014-04-01"
    )
    assert (header["since"], header["until"]) == ("2013-12-23", "2014-03-31")
    assert header["snscrape"] == snscrape.version.__version__
    assert header["simulated"] is False
    collected_at = datetime.fromisoformat(header["collected_at"])
    assert collected_at.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - collected_at).total_seconds()) < 60

    # the same scrape, done directly with snscrape against the same fake Twitter
    source = col.TwitterSource(retries=0, adapter=FakeTwitter(TWEETS))
    entity = source.user_scraper("PNationale44").entity
    items = list(source.search_scraper(header["query"]).get_items())
    assert len(items) == 5 and all(isinstance(t, sntwitter.Tweet) for t in items)
    assert lines[1:] == [entity.json()] + [t.json() for t in items]


def test_snapshot_is_the_user_entity(registry, paths):
    run_collect(registry, paths, FakeTwitter(TWEETS, followers=2150))
    [path] = files(paths)
    entity = lines_of(path)[1]
    assert entity["_type"] == "snscrape.modules.twitter.User"
    assert entity["username"] == "PNationale44"
    assert entity["followersCount"] == 2150


def test_success_summary_on_stdout(registry, paths, capsys):
    run_collect(registry, paths, FakeTwitter(TWEETS))
    out, err = capsys.readouterr()
    assert "PNationale44: 5 tweets from 2013-12-23 to 2014-03-31, 4210 followers" in out
    assert "pilot-eval ingest" in out
    assert err == ""


def test_second_run_collects_only_what_is_newer(registry, paths):
    fake = FakeTwitter(TWEETS[:4])
    run_collect(registry, paths, fake)
    fake.tweets = TWEETS  # tweet 5 (2014-02-01) appeared since
    run_collect(registry, paths, fake)
    first, second = sorted(files(paths), key=lambda p: p.stat().st_mtime_ns)
    assert (
        fake.queries[-1]
        == "from:PNationale44 include:nativeretweets since:2014-01-10 until:2014-04-01"
    )
    ids = [row["id"] for row in lines_of(second)[2:]]
    # tweet 4 (2014-01-10) again: the documented one-day overlap; nothing older
    assert ids == [TWEETS[4]["id"], TWEETS[3]["id"]]
    assert lines_of(second)[0]["since"] == "2014-01-10"
    assert "2014-01-10" in second.name
    assert len(lines_of(first)) == 2 + 4


def test_nothing_new_still_takes_a_snapshot(registry, paths):
    run_collect(registry, paths, FakeTwitter(TWEETS), until=date(2014, 2, 1))
    fake = FakeTwitter(TWEETS, followers=5000)
    run_collect(registry, paths, fake, until=date(2014, 2, 1))
    newest = max(files(paths), key=lambda p: p.stat().st_mtime_ns)
    rows = lines_of(newest)
    assert rows[1]["followersCount"] == 5000
    assert [r["id"] for r in rows[2:]] == [TWEETS[4]["id"]]  # the overlap day only


def test_every_measured_account_by_default(registry, paths):
    fake = FakeTwitter([])
    assert run_collect(registry, paths, fake, handles=None) == 0
    handles = {lines_of(p)[0]["handle"] for p in files(paths)}
    assert handles == {a.handle for a in registry.measured()}


def test_handles_are_matched_case_insensitively_and_written_as_the_registry(registry, paths):
    run_collect(registry, paths, FakeTwitter([]), handles=["pnationale44"])
    [path] = files(paths)
    assert path.name.startswith("PNationale44_")


def test_unknown_handle_is_a_user_error_before_any_request(registry, paths):
    fake = FakeTwitter(TWEETS)
    with pytest.raises(col.UserError, match="unknown handle 'nobody'.*PNationale44"):
        run_collect(registry, paths, fake, handles=["PNationale44", "nobody"])
    assert fake.requests == []


def test_since_after_until_is_a_user_error(registry, paths):
    with pytest.raises(col.UserError, match="after"):
        run_collect(registry, paths, FakeTwitter(), since=date(2014, 4, 2), until=date(2014, 4, 1))


# ---------------------------------------------------------------- failures


def _no_trace(paths, tmp_path):
    assert files(paths) == []
    assert not paths.root.exists(), "no directory may be left behind"


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("network", "Twitter could not be reached (1 request failed: cannot resolve twitter.com"),
        ("refuse", "Twitter refused snscrape's requests (1 request failed: blocked (404))"),
        ("keyerror", "snscrape could not read Twitter's answer (KeyError: 'search_by_raw_query')"),
    ],
)
def test_systemic_failure_stops_early_in_two_lines(registry, paths, tmp_path, capsys, mode, words):
    fake = FakeTwitter(TWEETS, mode=mode)
    assert run_collect(registry, paths, fake, handles=None) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith("pilot-eval collect: PNationale44: ") and words in err[0]
    assert "6 other accounts not tried (pnationale35," in err[0]
    assert "nothing written" in err[1] and "pilot-eval ingest" in err[1]
    _no_trace(paths, tmp_path)
    assert not any("pnationale35" in url for url in fake.requests)


def test_unavailable_account_does_not_stop_the_others(registry, paths, capsys):
    class OneSuspended(FakeTwitter):
        def send(self, request, **kwargs):
            self.mode = (
                "unavailable" if "pnationale35" in urllib.parse.unquote(request.url) else "ok"
            )
            return super().send(request, **kwargs)

    code = run_collect(
        registry, paths, OneSuspended(TWEETS), handles=["pnationale35", "PNationale44"]
    )
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0] == (
        "pilot-eval collect: pnationale35: the account is unavailable on Twitter "
        "(suspended, renamed or deleted)"
    )
    assert err[1].startswith("pilot-eval collect: collected: PNationale44")
    assert [lines_of(p)[0]["handle"] for p in files(paths)] == ["PNationale44"]


def test_failure_mid_search_leaves_no_partial_file(registry, paths, tmp_path):
    class BreaksOnPage2(FakeTwitter):
        def _page(self, variables):
            if variables.get("cursor"):
                raise KeyError("name")
            return super()._page(variables)

    assert run_collect(registry, paths, BreaksOnPage2(TWEETS)) == 1
    _no_trace(paths, tmp_path)


def test_hanging_network_is_given_up(registry, paths, tmp_path, capsys):
    fake = FakeTwitter(TWEETS, mode="hang")
    try:
        assert run_collect(registry, paths, fake, handles=None, stall=0.3) == 1
    finally:
        fake.release.set()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "Twitter sent no answer within 0.3 s" in err[0]
    _no_trace(paths, tmp_path)


def test_keyboard_interrupt_mid_file_leaves_no_partial_file(registry, paths, tmp_path, monkeypatch):
    real_write = col.AtomicLines.write

    def write(self, line):
        if self.lines == 3:
            raise KeyboardInterrupt
        real_write(self, line)

    monkeypatch.setattr(col.AtomicLines, "write", write)
    with pytest.raises(KeyboardInterrupt):
        run_collect(registry, paths, FakeTwitter(TWEETS))
    _no_trace(paths, tmp_path)


def test_keyboard_interrupt_keeps_accounts_already_complete(registry, paths, monkeypatch):
    real = col.collect_account

    def second_interrupted(handle, **kwargs):
        if handle != "PNationale44":
            raise KeyboardInterrupt
        return real(handle, **kwargs)

    monkeypatch.setattr(col, "collect_account", second_interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_collect(registry, paths, FakeTwitter(TWEETS), handles=["PNationale44", "pnationale35"])
    assert [p.name.split("_")[0] for p in files(paths)] == ["PNationale44"]


def test_real_dns_failure_is_fast_and_clean(registry, paths, tmp_path, capsys, monkeypatch):
    """Real requests transport, sent to a host that cannot resolve (``.invalid``)."""

    class Unresolvable(requests.adapters.HTTPAdapter):
        def send(self, request, **kwargs):
            request.url = request.url.replace("twitter.com", "twitter.invalid")
            return super().send(request, **kwargs)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = set(Path("/tmp").glob("snscrape_locals_*"))
    start = datetime.now(UTC)
    code = run_collect(registry, paths, Unresolvable(), handles=None)
    seconds = (datetime.now(UTC) - start).total_seconds()
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 2 and seconds < 30
    assert "Twitter could not be reached" in err[0]
    _no_trace(paths, tmp_path)
    assert set(Path("/tmp").glob("snscrape_locals_*")) == before
    assert not (tmp_path / "cache").exists()


def test_cli_collect_offline_exit_code_and_lines(paths, tmp_path, capsys, monkeypatch):
    real_source = col.TwitterSource
    monkeypatch.setattr(
        col,
        "TwitterSource",
        lambda retries: real_source(retries=0, adapter=FakeTwitter(mode="network")),
    )
    code = main(["collect", "--data-dir", str(paths.root), "--delay", "0"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 2
    assert "Traceback" not in "\n".join(err)
    _no_trace(paths, tmp_path)


def test_cli_collect_keyboard_interrupt_exits_130(paths, tmp_path, capsys, monkeypatch):
    real_source = col.TwitterSource
    monkeypatch.setattr(
        col, "TwitterSource", lambda retries: real_source(retries=0, adapter=FakeTwitter(TWEETS))
    )
    monkeypatch.setattr(
        col.AtomicLines, "commit", lambda self: (_ for _ in ()).throw(KeyboardInterrupt)
    )
    code = main(["collect", "--data-dir", str(paths.root), "--handles", "PNationale44"])
    assert code == 130
    assert capsys.readouterr().err.strip() == "pilot-eval collect: interrupted"
    _no_trace(paths, tmp_path)


# ---------------------------------------------------------------- read back


def test_ingest_reads_the_collected_files(registry, paths):
    """collect -> ingest -> tables: tweets, kinds, the snapshot; a resumed run adds no duplicate."""
    from pilot_eval.ingest import ingest
    from pilot_eval.tables import load

    fake = FakeTwitter(TWEETS[:4], followers=2150)
    run_collect(registry, paths, fake)
    fake.tweets, fake.user["legacy"]["followers_count"] = TWEETS, 2300
    run_collect(registry, paths, fake)
    try:
        ingest(inputs=None, data_dir=paths.root, registry=registry, progress=False)
    except NotImplementedError:
        pytest.skip("the snscrape reader is not written yet")
    tables = load(paths.root)
    tweets = tables.tweets.set_index("tweet_id")
    assert sorted(tweets.index) == [t["id"] for t in TWEETS]  # tweet 4 was collected twice
    assert set(tweets["handle"]) == {"PNationale44"}
    assert tweets.loc[TWEETS[2]["id"], "kind"] == "reply"
    assert "pnationale86" in list(tweets.loc[TWEETS[1]["id"], "mentions"])
    headers = sorted(lines_of(p)[0]["collected_at"] for p in files(paths))
    followers = tables.followers.sort_values("observed_at")
    assert followers["followers"].tolist() == [2150, 2300]
    assert [t.isoformat() for t in followers["observed_at"]] == headers

    from pilot_eval.audit import audit_handles

    audit = audit_handles(registry, tables.tweets).set_index("department")
    assert "@pnationale86 seen in 1 collected tweet (mentioned)" in audit.loc["86", "evidence"]
    assert "@PNationale05 seen in 1 collected tweet (replied to)" in (audit.loc["05", "evidence"])


def test_first_paris_day_is_collected_whole(registry, paths):
    # 00:30 in Paris on 23 December 2013 is 23:30 UTC on the 22nd
    early = {
        "id": 410000000000000001,
        "date": datetime(2013, 12, 22, 23, 30, tzinfo=UTC),
        "text": "Bonsoir",
    }
    older = {
        "id": 410000000000000000,
        "date": datetime(2013, 12, 21, 12, 0, tzinfo=UTC),
        "text": "Avant",
    }
    run_collect(registry, paths, FakeTwitter([early, older, *TWEETS]))
    [path] = files(paths)
    ids = {row["id"] for row in lines_of(path)[2:]}
    assert early["id"] in ids
    assert older["id"] not in ids
