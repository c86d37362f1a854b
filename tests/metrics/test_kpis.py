import json
from datetime import date

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pilot_eval.errors import UserError
from pilot_eval.metrics.content import CATEGORIES
from pilot_eval.metrics.kpis import (
    compute_kpis,
    kpis_command,
    kpis_frame,
)
from pilot_eval.schema import conform
from pilot_eval.tables import accounts_without_data

from .conftest import make_table, tweet

START, END = date(2013, 12, 23), date(2014, 3, 31)
H = 3600.0


def tiny_tweets() -> pd.DataFrame:
    rows = [
        tweet(1, "PNationale44", "2013-12-22T22:59Z", like_count=50),  # 23:59 Paris, 22 Dec: out
        tweet(2, "PNationale44", "2013-12-22T23:00Z", retweet_count=1, like_count=2),  # opening
        tweet(
            3,
            "PNationale44",
            "2014-03-31T21:59Z",
            "reply",
            retweet_count=1,
            like_count=1,
            reply_count=1,
            quote_count=1,
        ),  # 23:59 Paris summer time: in
        tweet(4, "PNationale44", "2014-03-31T23:30Z", like_count=9),  # 1 April in Paris: out
        tweet(5, "PNationale44", "2014-02-01T10:00Z", "retweet", retweet_count=100, like_count=100),
        tweet(
            6,
            "PNationale44",
            "2014-02-01T11:00Z",
            "quote",
            retweet_count=2,
            like_count=5,
            reply_count=None,
            quote_count=None,
            impressions=200,
            interactions=10,
        ),  # archive-like
        tweet(7, "pnationale44", "2014-01-10T12:00Z"),  # handle in another case
        tweet(8, "pnationale", "2014-01-05T12:00Z", like_count=10),
        tweet(9, "pnationale", "2014-01-06T12:00Z", like_count=20),
        tweet(10, "pnationale86", "2014-01-06T12:00Z", like_count=20),  # impostor
    ]
    frame = make_table("tweets", rows)
    categories = {
        2: "prevention",
        3: "traffic",
        5: "appeal_witness",
        6: "prevention",
        7: "other",
        8: "institutional",
        9: "institutional",
    }
    return frame.assign(category=frame["tweet_id"].map(categories).astype("string"))


def tiny_followers() -> pd.DataFrame:
    points = [
        ("PNationale44", "2014-01-10T11:00Z", 100),
        ("PNationale44", "2014-02-01T10:00Z", 300),
        ("PNationale44", "2014-03-20T23:00Z", 900),
        ("PNationale44", "2014-04-02T22:00Z", 1000),
        ("pnationale06", "2014-01-14T08:00Z", 285),
        ("pnationale06", "2014-01-14T11:00Z", 326),
        ("pnationale", "2013-12-21T12:00Z", 6000),
        ("pnationale", "2014-01-15T12:00Z", 7000),
        ("pnationale", "2014-02-04T12:00Z", 9486),
        ("pnationale", "2014-03-30T12:00Z", 12000),
    ]
    return make_table(
        "followers", [{"handle": h, "observed_at": t, "followers": v} for h, t, v in points]
    )


@pytest.fixture
def kpis(tiny_registry):
    return compute_kpis(tiny_tweets(), tiny_followers(), tiny_registry, START, END)


def test_every_measured_account_in_registry_order_and_no_nan(kpis):
    assert list(kpis["accounts"]) == ["PNationale44", "pnationale06", "pnationale", "policia"]
    json.dumps(kpis, allow_nan=False)  # raises on NaN or inf
    assert kpis["period"] == {
        "start": "2013-12-23",
        "end": "2014-03-31",
        "timezone": "Europe/Paris",
    }
    keys = [
        "role",
        "days",
        "followers_start",
        "followers_end",
        "follower_gain",
        "follower_gain_pct",
        "daily_follower_gain",
        "tweets",
        "originals",
        "replies",
        "quotes",
        "retweets",
        "tweets_per_day",
        "median_engagement",
        "median_engagement_ci95",
        "mean_engagement",
        "median_engagement_rate_pct",
        "median_impression_rate_pct",
        "median_impression_rate_ci95",
        "category_share",
    ]
    for values in kpis["accounts"].values():
        assert set(keys) <= set(values)


def test_counts_by_kind_with_local_period_boundaries(kpis):
    a = kpis["accounts"]["PNationale44"]
    assert (a["tweets"], a["originals"], a["replies"], a["quotes"], a["retweets"]) == (
        5,
        2,
        1,
        1,
        1,
    )
    assert a["days"] == 99
    assert a["tweets_per_day"] == pytest.approx(5 / 99)
    assert a["conversation_rate"] == pytest.approx(1 / 5)


def test_followers_start_at_opening_and_end_interpolated(kpis):
    a = kpis["accounts"]["PNationale44"]
    end = 900 + 100 * (263 * H) / (311 * H)
    assert a["followers_start"] == 0.0
    assert a["followers_end"] == pytest.approx(end, rel=1e-12)
    assert a["follower_gain"] == pytest.approx(end, rel=1e-12)
    assert a["follower_gain_pct"] is None  # start is 0
    assert a["daily_follower_gain"] == pytest.approx(end / 99, rel=1e-12)


def test_established_account_interpolated_start_and_nearest_end(kpis):
    a = kpis["accounts"]["pnationale"]
    start = 6000 + 1000 * 35 / 600
    assert a["followers_start"] == pytest.approx(start, rel=1e-12)
    assert a["followers_end"] == 12000.0  # 54-day gap: nearest point, 34 h away
    assert a["follower_gain_pct"] == pytest.approx(100 * (12000 - start) / start, rel=1e-12)


def test_no_snapshot_near_the_end_and_no_tweets(kpis):
    a = kpis["accounts"]["pnationale06"]
    assert a["days"] == 78  # start = opening day, 13 January
    assert a["followers_start"] == 0.0
    assert a["followers_end"] is None and a["follower_gain"] is None
    assert a["daily_follower_gain"] is None
    assert (a["tweets"], a["retweets"], a["n_engagement_set"]) == (0, 0, 0)
    assert a["median_engagement"] is None and a["median_engagement_ci95"] is None
    assert a["mean_engagement"] is None and a["median_engagement_rate_pct"] is None
    assert a["category_share"] == {c: None for c in CATEGORIES}
    p = kpis["accounts"]["policia"]
    assert p["followers_start"] is None and p["tweets"] == 0


def test_engagement_leaves_out_missing_counts_and_retweets(kpis):
    a = kpis["accounts"]["PNationale44"]
    # engagement set: tweets 2 (3), 3 (4), 6 (2 + 5, reply/quote unknown), 7 (0)
    assert a["n_engagement_set"] == 4
    assert a["median_engagement"] == 3.5
    assert a["mean_engagement"] == pytest.approx(14 / 4)
    assert a["missing_counts"] == {"reply_count": 1, "quote_count": 1}
    low, high = a["median_engagement_ci95"]
    assert 0 <= low <= 3.5 <= high <= 7


def test_engagement_rate_per_follower_at_posting_time(kpis):
    a = kpis["accounts"]["PNationale44"]
    # tweet 2 at the opening instant: 0 followers, no rate; tweet 7: rate 0
    f3 = 900 + 100 * (263 * H - 60) / (311 * H)  # 23:59 Paris on 31 March
    rates = sorted([0.0, 100 * 7 / 300, 100 * 4 / f3])  # tweet 6: 47-day gap, nearest 1 h away
    assert a["n_engagement_rate"] == 3
    assert a["median_engagement_rate_pct"] == pytest.approx(rates[1], rel=1e-12)


def test_impression_rate(kpis):
    a = kpis["accounts"]["PNationale44"]
    assert a["median_impression_rate_pct"] == 5.0
    assert kpis["accounts"]["pnationale"]["median_impression_rate_pct"] is None
    # every median has its interval (SPEC 6), this one too; but one tweet with
    # impressions has no spread to resample: no interval, not a zero-width one
    assert a["n_impressions"] == 1 and a["median_impression_rate_ci95"] is None
    assert kpis["accounts"]["pnationale"]["median_impression_rate_ci95"] is None


def test_impression_rate_interval(tiny_registry):
    tweets = tiny_tweets()
    more = make_table(
        "tweets",
        [
            tweet(20, "PNationale44", "2014-02-02T10:00Z", impressions=100, interactions=3),
            tweet(21, "PNationale44", "2014-02-03T10:00Z", impressions=100, interactions=4),
        ],
    ).assign(category="prevention")
    tweets = pd.concat([tweets, more], ignore_index=True)
    a = compute_kpis(tweets, tiny_followers(), tiny_registry, START, END)["accounts"]
    p44 = a["PNationale44"]
    assert p44["n_impressions"] == 3 and p44["median_impression_rate_pct"] == 4.0
    low, high = p44["median_impression_rate_ci95"]
    assert 3.0 <= low <= 4.0 <= high <= 5.0  # within the values 3, 4, 5 %


def test_category_shares_sum_to_one_over_the_engagement_set(kpis):
    share = kpis["accounts"]["PNationale44"]["category_share"]
    assert list(share) == list(CATEGORIES)
    assert share["prevention"] == 0.5 and share["traffic"] == 0.25 and share["other"] == 0.25
    assert share["appeal_witness"] == 0.0  # only a retweet
    assert sum(share.values()) == pytest.approx(1.0)


def test_tests_and_frame(kpis):
    mw = kpis["tests"]["mann_whitney"]
    assert [r["handle"] for r in mw] == ["PNationale44", "pnationale06"]
    assert mw[1]["reason"] is not None
    frame = kpis_frame(kpis)
    assert list(frame["handle"]) == list(kpis["accounts"])
    assert {"median_engagement_ci95_low", "share_prevention", "missing_reply_count"} <= set(frame)


def write_tables(data_dir, tweets, followers):
    processed = data_dir / "processed"
    pq.write_table(conform(tweets, "tweets"), processed / "tweets.parquet")
    pq.write_table(conform(followers, "followers"), processed / "followers.parquet")


def test_kpis_command_formats_and_errors(data_dir, tiny_registry):
    with pytest.raises(UserError, match="no data in .*processed: run pilot-eval ingest"):
        kpis_command(data_dir, tiny_registry, START, END, "json")
    write_tables(data_dir, tiny_tweets().drop(columns="category"), tiny_followers())
    out = json.loads(kpis_command(data_dir, tiny_registry, START, END, "json"))
    assert out["accounts"]["PNationale44"]["tweets"] == 5
    assert out["data"]["tweets"] == 10
    csv = kpis_command(data_dir, tiny_registry, START, END, "csv")
    assert csv.splitlines()[0].startswith("handle,role,days")
    table = kpis_command(data_dir, tiny_registry, START, END, "table")
    assert "PNationale44" in table and "followers_end" in table
    with pytest.raises(UserError, match="no tweets or follower snapshots between 2015-01-01"):
        kpis_command(data_dir, tiny_registry, date(2015, 1, 1), date(2015, 1, 31), "json")


def test_a_short_period_between_snapshots_has_its_follower_kpis(data_dir, tiny_registry):
    """No tweet and no snapshot inside 24-25 March, but snapshots on each side: SPEC
    section 6 interpolates followers_at, so the period has data (review)."""
    tweets = tiny_tweets().drop(columns="category")
    write_tables(data_dir, tweets, tiny_followers())
    start, end = date(2014, 3, 24), date(2014, 3, 25)
    out = json.loads(kpis_command(data_dir, tiny_registry, start, end, "json"))
    account = out["accounts"]["PNationale44"]
    assert account["tweets"] == 0 and account["followers_end"] is not None
    # 20 March 23:00 UTC (900) to 2 April 22:00 UTC (1000), at 26 March 00:00 Paris
    t0, t1 = pd.Timestamp("2014-03-20T23:00Z"), pd.Timestamp("2014-04-02T22:00Z")
    at = pd.Timestamp("2014-03-25T23:00Z")
    assert account["followers_end"] == pytest.approx(900 + 100 * (at - t0) / (t1 - t0))


def test_with_categories_labels_win_and_retweets_stay_null(data_dir):
    pytest.importorskip("pilot_eval.classify", reason="classifier not there")
    from pilot_eval.metrics.kpis import with_categories

    text = "Appel à témoins : vous étiez rue Crébillon samedi vers 22h ? Contactez le 17"
    t = make_table(
        "tweets",
        [
            tweet(1, "pnationale", "2014-01-15T12:00Z", text=text, lang="fr"),
            tweet(2, "pnationale", "2014-01-15T13:00Z", text=text, lang="fr"),
            tweet(3, "pnationale", "2014-01-15T14:00Z", "retweet", text="RT @x: " + text),
        ],
    )
    (data_dir / "labels.csv").write_text("tweet_id,category\n2,community\n", encoding="utf-8")
    out, note = with_categories(t, data_dir)
    assert note == "classifier and 1 manual labels"
    assert out["category"].iloc[0] in CATEGORIES
    assert out["category"].iloc[1] == "community"
    assert pd.isna(out["category"].iloc[2])
    assert list(out["tweet_id"]) == [1, 2, 3]


def test_keyed_tweets_classify_like_texts_and_read_only_what_the_cache_lacks(data_dir, monkeypatch):
    """period_kpis reads text_hash instead of text: same categories, and the texts of
    tweets already in the classifier's cache are never read back."""
    pytest.importorskip("pilot_eval.classify", reason="classifier not there")
    from pilot_eval.classify import core
    from pilot_eval.metrics import kpis as K

    texts = [
        "Appel à témoins : vous étiez rue Crébillon samedi vers 22h ? Contactez le 17",
        "Attention aux cambriolages pendant les fêtes : fermez portes et fenêtres",
        None,
    ]
    t = make_table(
        "tweets",
        [
            tweet(i + 1, "pnationale", f"2014-01-15T1{i}:00Z", text=x, lang="fr")
            for i, x in enumerate(texts)
        ]
        + [tweet(9, "pnationale", "2014-01-16T10:00Z", text=texts[0], lang="fr")],
    )
    processed = data_dir / "processed"
    processed.mkdir(parents=True, exist_ok=True)
    path = processed / "tweets.parquet"
    pq.write_table(conform(t, "tweets"), path)

    keyed = K.read_keyed_tweets(path)
    assert "text" not in keyed.columns
    assert list(keyed["text_hash"]) == list(core.text_hash(t["text"]))
    assert keyed["text_hash"].iloc[0] == keyed["text_hash"].iloc[3]  # same text, same key

    by_text, _ = K.with_categories(t, data_dir)  # fills the cache
    asked: list[int] = []
    real = K.texts_by_id

    def spy(p, ids):
        asked.extend(ids)
        return real(p, ids)

    monkeypatch.setattr(K, "texts_by_id", spy)
    by_key, _ = K.with_categories(keyed, data_dir)
    assert list(by_key["category"]) == list(by_text["category"])
    assert asked == []  # everything came from the cache
    (processed / "cache" / core.CACHE_FILE).unlink()
    again, _ = K.with_categories(keyed, data_dir)
    assert list(again["category"]) == list(by_text["category"])
    assert sorted(asked) == [1, 2, 3]  # one tweet per distinct text
    found = real(path, pd.Series([3, 1, 42], index=[7, 8, 9]))
    assert list(found.index) == [7, 8, 9]
    assert pd.isna(found[7]) and found[8] == texts[0] and pd.isna(found[9])


def test_ctrl_c_while_reading_the_tweets_is_not_an_unreadable_table(data_dir, monkeypatch):
    """duckdb.InterruptException is a duckdb.Error: it must not become "cannot read table"."""
    import duckdb

    from pilot_eval.metrics.kpis import read_keyed_tweets

    path = data_dir / "processed" / "tweets.parquet"
    write_tables(data_dir, tiny_tweets().drop(columns="category"), tiny_followers())

    class Interrupted:
        def execute(self, *args, **kwargs):
            raise duckdb.InterruptException("Query interrupted")

        sql = execute

        def close(self):
            pass

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Interrupted())
    with pytest.raises(duckdb.InterruptException):
        read_keyed_tweets(path)


def test_accounts_without_any_data(tiny_registry):
    """No tweet at any date and no follower snapshot: policia only (pnationale06 has
    snapshots, PNationale44 tweets in another case); registry order, impostors left out."""
    assert accounts_without_data(tiny_tweets(), tiny_followers(), tiny_registry) == ["policia"]
    no_tweets = tiny_tweets().iloc[:0]
    assert accounts_without_data(no_tweets, tiny_followers(), tiny_registry) == ["policia"]
    assert accounts_without_data(no_tweets, tiny_followers().iloc[:0], tiny_registry) == [
        "PNationale44",
        "pnationale06",
        "pnationale",
        "policia",
    ]


def test_kpis_command_warns_about_accounts_without_data(data_dir, tiny_registry):
    """Their tweet counts print as 0: one warning line names them (the report says
    "pas de données" by the same rule)."""
    write_tables(data_dir, tiny_tweets().drop(columns="category"), tiny_followers())
    warnings: list[str] = []
    out = json.loads(
        kpis_command(data_dir, tiny_registry, START, END, "json", warn=warnings.append)
    )
    assert out["accounts"]["policia"]["tweets"] == 0
    assert warnings == ["no tweets and no follower snapshots at all for policia: its counts read 0"]


def test_kpis_command_warns_about_a_period_beyond_the_data(data_dir, tiny_registry):
    """Per-day rates divide by every day of the period: days before the first data or
    after the last collection count as days without tweets, so say so."""
    write_tables(data_dir, tiny_tweets().drop(columns="category"), tiny_followers())
    warnings: list[str] = []
    kpis_command(
        data_dir, tiny_registry, date(2013, 12, 1), date(2014, 4, 30), "csv", warn=warnings.append
    )
    # last: the snapshot of 2 April 22:00 UTC, midnight in Paris; first: 21 Dec snapshot
    assert warnings[1:] == [
        "the period starts before the first data (2013-12-21): "
        "per-day rates count days without data",
        "the period runs past the data collected (last collection 2014-04-03): "
        "per-day rates count days without data",
    ]
    warnings.clear()  # a last day collected in full is not past the data
    kpis_command(data_dir, tiny_registry, START, date(2014, 4, 2), "csv", warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("no tweets and no follower snapshots")
    warnings.clear()  # nor is a period ending on the day of the last collection (review)
    kpis_command(data_dir, tiny_registry, START, date(2014, 4, 3), "csv", warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("no tweets and no follower snapshots")


def test_table_numbers_are_written_the_english_way(kpis):
    """The CLI is English: thousands comma and decimal point ("6,058.33"), never the
    French thousands space with a decimal point ("6 058.33")."""
    import re

    from pilot_eval.metrics.kpis import render_table

    start = kpis["accounts"]["pnationale"]["followers_start"]
    assert start > 1000 and start != int(start)
    table = render_table(kpis)
    assert f"{start:,.2f}" in table
    assert not re.search(r"\d \d{3}\b", table)
