"""Account archive reader: the shared RTIatMLA archive and small archives of our own."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.ingest import formats
from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import analytics, archive, datecount, twarc2, twarc_csv


def _ctx(registry, root: Path, **kw) -> ReadContext:
    return ReadContext(registry=registry, root=root, **kw)


def _ytd(path: Path, name: str, payload) -> Path:
    path.write_text(f"window.YTD.{name}.part0 = {json.dumps(payload, indent=2)}", encoding="utf-8")
    return path


def _element_lines(path: Path) -> list[int]:
    """File lines where the elements of a list written by :func:`_ytd` start."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, start=1) if re.match(r'  [{"\[]', line)]


def _tweet(tid: str, text: str, **extra) -> dict:
    tweet = {
        "id": tid,
        "id_str": tid,
        "created_at": "Tue Jan 14 09:30:00 +0000 2014",
        "full_text": text,
        "favorite_count": "4",
        "retweet_count": "2",
        "lang": "fr",
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
    }
    tweet.update(extra)
    return {"tweet": tweet}


TWEETS = [
    _tweet(
        "100",
        "Conseils #cambriolage https://t.co/x",
        entities={
            "hashtags": [{"text": "cambriolage", "indices": ["9", "21"]}],
            "user_mentions": [],
            "urls": [{"url": "https://t.co/x", "expanded_url": "https://www.interieur.gouv.fr"}],
        },
        extended_entities={"media": [{"id": "1"}, {"id": "2"}]},
    ),
    _tweet(
        "101",
        "@someone merci",
        in_reply_to_status_id="99",
        in_reply_to_status_id_str="99",
        in_reply_to_screen_name="someone",
        entities={"hashtags": [], "user_mentions": [{"screen_name": "someone"}], "urls": []},
    ),
    _tweet(
        "102", "RT @pnationale: Attention aux faux policiers", favorite_count="0", retweet_count="0"
    ),
]


def _archive(root: Path, *, account: bool = True, manifest: bool = True) -> Path:
    data = root / "data"
    data.mkdir(parents=True)
    if account:
        _ytd(
            data / "account.js",
            "account",
            [{"account": {"username": "pnationale06", "accountId": "6"}}],
        )
    if manifest:
        config = {
            "userInfo": {"accountId": "6", "userName": "pnationale06"},
            "archiveInfo": {"generationDate": "2014-04-02T08:00:00.000Z"},
        }
        (data / "manifest.js").write_text(f"window.__THAR_CONFIG = {json.dumps(config)}")
    _ytd(data / "follower.js", "follower", [{"follower": {"accountId": "1"}}])
    return _ytd(data / "tweets.js", "tweets", TWEETS)


# ---------------------------------------------------------------- shared fixture


def test_rtiatmla_tweet_js(shared_fixtures, registry):
    path = shared_fixtures / "archive" / "RTIatMLA_tweet.js"
    result = archive.READER.read(path, _ctx(registry, shared_fixtures))
    tweets = result.tweets.set_index("tweet_id")
    assert len(tweets) == 70 and result.rejects.empty
    # no account.js beside it: the archive's README names the account
    assert set(tweets.handle) == {"RTIatMLA"}
    assert tweets.kind.value_counts().to_dict() == {"original": 44, "reply": 14, "retweet": 12}
    first = tweets.loc[1359562777325563904]
    assert first.created_at == pd.Timestamp("2021-02-10 18:00:00", tz="UTC")
    assert (first.like_count, first.retweet_count) == (5, 1)
    assert pd.isna(first.reply_count) and pd.isna(first.quote_count)
    assert list(first.mentions) == ["esuelzer", "ScienceMagazine"]
    assert first.urls[0].startswith("https://www.sciencemag.org/news/2021/01/")
    rt = tweets.loc[1328684846042976256]
    assert rt.kind == "retweet" and rt.retweet_of == "nylaelis"
    assert (tweets[tweets.kind == "retweet"].like_count == 0).all()
    reply = tweets.loc[1393189978138550275]
    assert reply.kind == "reply" and reply.reply_to == "RTIatMLA"
    assert (tweets.source == "archive").all()


def test_rtiatmla_readme_is_a_side_file(shared_fixtures, registry):
    path = shared_fixtures / "archive" / "RTIatMLA_archive_README.txt"
    assert formats.detect(path) is archive.READER
    result = archive.READER.read(path, _ctx(registry, shared_fixtures))
    assert result.tweets.empty and result.rejects.empty and result.notes


@pytest.mark.parametrize("name", ["RTIatMLA_tweet.js", "RTIatMLA_archive_README.txt"])
def test_detect_picks_archive(shared_fixtures, name):
    path = shared_fixtures / "archive" / name
    assert formats.detect(path) is archive.READER
    head = read_head(path)
    assert not any(m.READER.sniff(head, path) for m in (twarc2, twarc_csv, analytics, datecount))


def test_sniff_refuses_other_fixtures(shared_fixtures):
    for path in sorted(shared_fixtures.rglob("*")):
        if path.is_file() and path.parent.name != "archive":
            assert not archive.READER.sniff(read_head(path), path), path


# ---------------------------------------------------------------- our own archives


def test_archive_with_account_and_manifest(tmp_path, registry):
    path = _archive(tmp_path)
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    tweets = result.tweets.set_index("tweet_id")
    assert set(tweets.handle) == {"pnationale06"}  # account.js wins over --handle
    assert list(tweets.kind) == ["original", "reply", "retweet"]
    assert tweets.loc[100, "media_count"] == 2
    assert list(tweets.loc[100, "hashtags"]) == ["cambriolage"]
    assert list(tweets.loc[100, "urls"]) == ["https://www.interieur.gouv.fr"]
    assert tweets.loc[101, "reply_to"] == "someone"
    assert tweets.loc[102, "retweet_of"] == "pnationale"
    assert tweets.loc[100, "created_at"] == datetime(2014, 1, 14, 9, 30, tzinfo=UTC)
    assert (tweets.collected_at == datetime(2014, 4, 2, 8, tzinfo=UTC)).all()
    assert result.rejects.empty


def test_side_files_give_nothing(tmp_path, registry):
    _archive(tmp_path)
    for name in ("account.js", "manifest.js", "follower.js"):
        path = tmp_path / "data" / name
        assert formats.detect(path) is archive.READER, name
        result = archive.READER.read(path, _ctx(registry, tmp_path))
        assert result.tweets.empty and result.rejects.empty and result.notes


def test_missing_account_js_without_handle_rejects_every_tweet(tmp_path, registry):
    path = _archive(tmp_path, account=False, manifest=False)
    result = archive.READER.read(path, _ctx(registry, tmp_path))
    assert result.tweets.empty
    assert list(result.rejects.line) == _element_lines(path) and len(result.rejects) == 3
    assert set(result.rejects.reason) == {archive.NO_HANDLE}
    assert '"100"' in result.rejects.raw.iloc[0]


def test_missing_account_js_with_handle(tmp_path, registry):
    path = _archive(tmp_path, account=False, manifest=False)
    when = datetime(2014, 4, 3, tzinfo=UTC)
    result = archive.READER.read(
        path, _ctx(registry, tmp_path, handle="@pnationale06", collected_at=when)
    )
    assert set(result.tweets.handle) == {"pnationale06"}
    assert (result.tweets.collected_at == when).all()
    assert any("--collected-at" in n for n in result.notes)


def test_older_tweet_js_and_bad_elements(tmp_path, registry):
    elements = [_tweet("1", "ok"), _tweet("2", "bad date", created_at="yesterday"), "junk"]
    path = _ytd(tmp_path / "tweet.js", "tweet", elements)
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    assert list(result.tweets.tweet_id) == [1]
    # rejects give the file line where their element starts (review: the element number)
    starts = _element_lines(path)
    assert len(starts) == 3
    assert list(result.rejects.line) == starts[1:]
    assert result.rejects.raw.iloc[1] == '"junk"'
    assert json.loads(result.rejects.raw.iloc[0])["tweet"]["created_at"] == "yesterday"


def test_a_cut_archive_keeps_the_tweets_before_the_cut(tmp_path, registry):
    elements = [_tweet("1", "un"), _tweet("2", "deux"), _tweet("3", "trois")]
    path = _ytd(tmp_path / "tweet.js", "tweet", elements)
    text = path.read_text(encoding="utf-8")
    cut = text.index('"trois"')
    path.write_text(text[:cut], encoding="utf-8")
    third = text[:cut].count("\n", 0, text.rindex("\n  {", 0, cut) + 1) + 1
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    assert list(result.tweets.tweet_id) == [1, 2]
    assert list(result.rejects.line) == [third]
    assert "cut or damaged" in result.rejects.reason.iloc[0]


def test_truncated_archive_is_one_reject(tmp_path, registry):
    path = tmp_path / "tweets.js"
    path.write_text(f"window.YTD.tweets.part0 = {json.dumps(TWEETS)}"[:300])
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    assert result.tweets.empty
    assert len(result.rejects) == 1 and "cut or damaged" in result.rejects.reason.iloc[0]
    assert list(result.rejects.line) == [1]


def test_archive_time():
    assert archive.archive_time("Wed Feb 10 18:00:00 +0000 2021") == datetime(
        2021, 2, 10, 18, tzinfo=UTC
    )
    assert archive.archive_time("Tue Jan 14 10:30:00 +0100 2014") == datetime(
        2014, 1, 14, 9, 30, tzinfo=UTC
    )


def test_archive_time_other_layouts_and_errors():
    assert archive.archive_time("Tue, 14 Jan 2014 09:30:00 +0000") == datetime(
        2014, 1, 14, 9, 30, tzinfo=UTC
    )
    assert archive.archive_time("Tue Jan 14 09:30:00 -0500 2014") == datetime(
        2014, 1, 14, 14, 30, tzinfo=UTC
    )
    with pytest.raises(ValueError):
        archive.archive_time("yesterday")


def test_duplicated_elements_count_once(tmp_path, registry):
    path = _ytd(tmp_path / "tweets.js", "tweets", [TWEETS[0], TWEETS[0], TWEETS[1]])
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    assert sorted(result.tweets.tweet_id) == [100, 101]


# ---------------------------------------------------------------- legacy (Grailbird) archives


def _legacy_tweet(tid: int, text: str, **extra) -> dict:
    tweet = {
        "id": tid,
        "id_str": str(tid),
        "created_at": "2014-01-14 09:30:00 +0000",
        "text": text,
        "source": "web",
        "entities": {"hashtags": [], "user_mentions": [], "urls": [], "media": []},
        "user": {"screen_name": "PNationale44", "id": 44, "id_str": "44"},
    }
    tweet.update(extra)
    return tweet


def _legacy_archive(root: Path, *, embed_user: bool = True) -> Path:
    js = root / "data" / "js"
    (js / "tweets").mkdir(parents=True)
    (js / "user_details.js").write_text(
        'var user_details =  {"screen_name" : "PNationale44", "id" : "44"}'
    )
    (js / "payload_details.js").write_text(
        'var payload_details =  {"tweets" : 3, "created_at" : "2014-04-02 08:00:00 +0000", "lang" : "fr"}'
    )
    (js / "tweet_index.js").write_text(
        'var tweet_index =  [ {"file_name" : "data/js/tweets/2014_01.js"} ]'
    )
    (root / "tweets.csv").write_text(
        '"tweet_id","in_reply_to_status_id","in_reply_to_user_id","timestamp","source","text"\n'
        '"1","","","2014-01-14 09:30:00 +0000","web","Conseils"\n'
    )
    tweets = [
        _legacy_tweet(1, "Conseils #cambriolage"),
        _legacy_tweet(
            2, "@someone merci", in_reply_to_status_id=9, in_reply_to_screen_name="someone"
        ),
        _legacy_tweet(
            3,
            "RT @pnationale: Attention",
            retweeted_status=_legacy_tweet(4, "Attention", user={"screen_name": "pnationale"}),
        ),
    ]
    if not embed_user:
        for tweet in tweets:
            tweet.pop("user")
    path = js / "tweets" / "2014_01.js"
    path.write_text("Grailbird.data.tweets_2014_01 = \n" + json.dumps(tweets, indent=1))
    return path


def test_legacy_monthly_file(tmp_path, registry):
    path = _legacy_archive(tmp_path)
    assert formats.detect(path) is archive.READER
    result = archive.READER.read(path, _ctx(registry, tmp_path))
    tweets = result.tweets.set_index("tweet_id")
    assert list(tweets.kind) == ["original", "reply", "retweet"]
    assert set(tweets.handle) == {"PNationale44"}
    assert tweets.loc[3, "retweet_of"] == "pnationale" and tweets.loc[2, "reply_to"] == "someone"
    assert tweets.loc[1, "created_at"] == datetime(2014, 1, 14, 9, 30, tzinfo=UTC)
    assert (tweets.collected_at == datetime(2014, 4, 2, 8, tzinfo=UTC)).all()  # payload_details.js
    assert tweets.like_count.isna().all() and tweets.reply_count.isna().all()
    assert result.rejects.empty


def test_legacy_handle_from_user_details(tmp_path, registry):
    path = _legacy_archive(tmp_path, embed_user=False)
    result = archive.READER.read(path, _ctx(registry, tmp_path))
    assert set(result.tweets.handle) == {"PNationale44"} and result.rejects.empty


def test_legacy_side_files(tmp_path, registry):
    _legacy_archive(tmp_path)
    js = tmp_path / "data" / "js"
    for path in (
        js / "user_details.js",
        js / "payload_details.js",
        js / "tweet_index.js",
        tmp_path / "tweets.csv",
    ):
        assert formats.detect(path) is archive.READER, path
        result = archive.READER.read(path, _ctx(registry, tmp_path))
        assert result.tweets.empty and result.rejects.empty and result.notes


def test_an_archive_file_that_assigns_no_list_is_one_reject(tmp_path, registry):
    path = tmp_path / "tweets.js"
    path.write_text('window.YTD.tweets.part0 = {"tweet": {}}', encoding="utf-8")
    result = archive.READER.read(path, _ctx(registry, tmp_path, handle="policia"))
    assert result.tweets.empty
    assert result.rejects.reason.tolist() == ["archive tweets file does not hold a list"]
