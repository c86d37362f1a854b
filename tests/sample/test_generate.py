"""The bundled simulated sample as written on disk (SPEC section 9)."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pilot_eval.ingest.base import COLLECTION_TYPE
from pilot_eval.registry import load_registry
from pilot_eval.sample import PARAMS_TYPE, SEED, write_sample
from pilot_eval.sample.profiles import CATEGORIES, PARIS
from pilot_eval.sample.twitter import snowflake_time_ms

SNS = "snscrape.modules.twitter."
MEASURED = [
    "PNationale44",
    "pnationale35",
    "pnationale62",
    "pnationale67",
    "pnationale06",
    "pnationale",
    "policia",
]


def _date(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def _snapshots(sample_dir: Path) -> dict[str, list[dict]]:
    with open(sample_dir / "followers_snapshots.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = defaultdict(list)
    for r in rows:
        out[r["handle"].casefold()].append(r)
    return out


# ---------------------------------------------------------------- files and determinism


def test_files_written(sample_dir: Path) -> None:
    names = sorted(p.name for p in sample_dir.iterdir())
    assert names == sorted(
        [f"snscrape_{h}.jsonl" for h in MEASURED if h != "policia"]
        + [
            "snscrape_policia.jsonl.gz",
            "followers_snapshots.csv",
            "generating_parameters.json",
            "README.md",
        ]
    )


def test_two_runs_give_identical_bytes(sample_dir: Path, tmp_path: Path) -> None:
    files = write_sample(tmp_path / "again", load_registry())
    assert len(files) == 10
    for path in files:
        assert path.read_bytes() == (sample_dir / path.name).read_bytes(), path.name


def test_rewrite_replaces_a_previous_sample(tmp_path: Path) -> None:
    custom = tmp_path / "accounts.toml"
    custom.write_text(
        '[[account]]\nhandle = "pnationale13"\nname = "DDSP 13"\nrole = "pilot"\n'
        'department = "13"\nopened = 2014-02-03\n'
        '[[account]]\nhandle = "policia"\nname = "Policía"\nrole = "comparator"\nlang = "es"\n'
        'timezone = "Europe/Madrid"\n',
        encoding="utf-8",
    )
    target = tmp_path / "sample"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    first = write_sample(target, load_registry(custom))
    assert (target / "snscrape_pnationale13.jsonl").exists()
    second = write_sample(target, load_registry())
    assert not (target / "snscrape_pnationale13.jsonl").exists()
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert {p.name for p in second} > {"snscrape_PNationale44.jsonl"}
    assert len(first) == 5  # two snscrape files, the CSV, the parameters, the README


# ---------------------------------------------------------------- snscrape lines


def test_every_line_is_json_with_snscrape_types(sample_files) -> None:
    for name, lines in sample_files.items():
        header, user, *tweets = lines
        assert header["_type"] == COLLECTION_TYPE
        assert header["simulated"] is True
        assert header["collected_at"] == "2014-04-01T06:00:00+00:00"
        assert user["_type"] == SNS + "User" and user["_snscrape"] == "0.7.0.20230622"
        assert name == f"snscrape_{header['handle']}.jsonl" + (
            ".gz" if name.endswith(".gz") else ""
        )
        assert user["username"] == header["handle"]
        assert tweets and all(t["_type"] == SNS + "Tweet" for t in tweets)
        assert all(t["user"]["username"] == user["username"] for t in tweets)
        dates = [_date(t["date"]) for t in tweets]
        assert dates == sorted(dates, reverse=True), "tweets must be newest first"


def test_lines_have_the_keys_snscrape_writes(sample_tweets, shared_fixtures: Path) -> None:
    path = shared_fixtures / "snscrape" / "snscrape_sample.jsonl"
    real = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    real_tweet_keys = next(list(o) for o in real if o["_type"] == SNS + "Tweet")
    assert list(sample_tweets[0]) == real_tweet_keys
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", sample_tweets[0]["date"])


def test_ids_are_unique_snowflakes_increasing_with_time(sample_tweets) -> None:
    everything = sample_tweets + [t["retweetedTweet"] for t in sample_tweets if t["retweetedTweet"]]
    by_id = {t["id"]: t for t in everything}
    assert len({t["id"] for t in sample_tweets}) == len(sample_tweets)
    for tid, t in by_id.items():
        created_ms = _date(t["date"]).timestamp() * 1000
        assert 0 <= snowflake_time_ms(tid) - created_ms < 1000
        assert t["url"].endswith(f"/status/{tid}")
    ordered = sorted(by_id.values(), key=lambda t: t["id"])
    dates = [_date(t["date"]) for t in ordered]
    assert dates == sorted(dates)


def test_retweets_nest_the_original_with_its_counts(sample_tweets) -> None:
    rts = [t for t in sample_tweets if t["retweetedTweet"]]
    assert rts
    for t in rts:
        orig = t["retweetedTweet"]
        assert t["rawContent"].startswith(f"RT @{orig['user']['username']}: ")
        assert t["likeCount"] == 0 and t["replyCount"] == 0 and t["quoteCount"] == 0
        assert t["retweetCount"] == orig["retweetCount"]
        assert len(t["rawContent"]) <= 140
    # a retweet of a sample account nests the very tweet of that account's file
    by_id = {t["id"]: t for t in sample_tweets}
    inner = [t["retweetedTweet"] for t in rts if t["retweetedTweet"]["id"] in by_id]
    assert inner and all(by_id[o["id"]]["rawContent"] == o["rawContent"] for o in inner)


def test_replies_point_to_earlier_tweets(sample_tweets) -> None:
    replies = [t for t in sample_tweets if t["inReplyToTweetId"]]
    private = [
        t
        for t in replies
        if not t["inReplyToUser"]["username"].lower().startswith("pnationale")
        and t["inReplyToUser"]["username"] != "policia"
    ]
    assert private, "replies to private persons are expected"
    for t in replies:
        assert t["rawContent"].startswith("@" + t["inReplyToUser"]["username"] + " ")
        assert snowflake_time_ms(t["inReplyToTweetId"]) < snowflake_time_ms(t["id"])
        assert t["conversationId"] == t["inReplyToTweetId"]


def test_no_quotes_and_photos_on_about_a_quarter(sample_tweets) -> None:
    assert not any(t["quotedTweet"] for t in sample_tweets)
    originals = [t for t in sample_tweets if not t["retweetedTweet"] and not t["inReplyToTweetId"]]
    share = sum(bool(t["media"]) for t in originals) / len(originals)
    assert 0.2 < share < 0.4
    photos = [m for t in originals if t["media"] for m in t["media"]]
    assert all(
        m["_type"] == SNS + "Photo" and "pbs.twimg.com/media/" in m["fullUrl"] for m in photos
    )


# ---------------------------------------------------------------- texts


def test_texts_cover_all_categories_in_both_languages(sample_tweets, sample_params) -> None:
    labels = sample_params["labels"]
    seen = defaultdict(set)
    for t in sample_tweets:
        seen[t["lang"]].add(labels[str(t["id"])])
    assert seen["fr"] == set(CATEGORIES)
    assert seen["es"] == set(CATEGORIES)
    assert {t["lang"] for t in sample_tweets if t["user"]["username"] == "policia"} == {"es"}


def test_no_two_tweets_have_the_same_text(sample_tweets) -> None:
    texts = [t["rawContent"] for t in sample_tweets if not t["retweetedTweet"]]
    assert len(set(texts)) == len(texts)


def test_edge_cases_are_present(sample_tweets) -> None:
    raw = [t["rawContent"] for t in sample_tweets]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in r for r in raw)
    assert any("&amp;" in r for r in raw)
    assert any("&gt;" in r or "&lt;" in r for r in raw if "script" not in r)
    assert not any(re.search(r"&(?!amp;|lt;|gt;)", r) for r in raw), "raw text keeps entities"
    at = {(t["user"]["username"], t["date"]) for t in sample_tweets}
    assert ("PNationale44", "2014-03-31T23:30:00+00:00") in at
    assert ("pnationale06", "2014-03-29T22:30:00+00:00") in at
    assert any("@julie_nts44" in r for r in raw)


def test_texts_fit_in_140_characters_and_have_no_open_slots(sample_tweets) -> None:
    for t in sample_tweets:
        shown = t["rawContent"].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert len(shown) <= 140, shown
        assert "{" not in shown and "}" not in shown


def test_local_posting_hours(sample_tweets) -> None:
    hours = Counter(_date(t["date"]).astimezone(PARIS).hour for t in sample_tweets)
    outside = sum(n for h, n in hours.items() if not 7 <= h <= 22)
    assert outside <= 2  # the two hand-placed late tweets
    weekday = Counter(_date(t["date"]).astimezone(PARIS).weekday() for t in sample_tweets)
    assert weekday[6] < weekday[1]


# ---------------------------------------------------------------- follower snapshots


def test_snapshot_csv_format(sample_dir: Path) -> None:
    header = (sample_dir / "followers_snapshots.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "handle,observed_at,followers,following,tweets"
    snaps = _snapshots(sample_dir)
    assert set(snaps) == {h.casefold() for h in MEASURED}
    for rows in snaps.values():
        for r in rows:
            assert re.search(r"(Z|[+-]\d\d:\d\d)$", r["observed_at"])
            int(r["followers"]), int(r["following"]), int(r["tweets"])
    assert any(r["handle"] == "pnationale44" for r in snaps["pnationale44"])


def test_reported_figures_are_exact_snapshots(sample_dir: Path) -> None:
    snaps = _snapshots(sample_dir)
    at = {
        h: {(_date(r["observed_at"]), int(r["followers"])) for r in rows}
        for h, rows in snaps.items()
    }
    assert (datetime(2014, 1, 14, 9, tzinfo=PARIS), 285) in at["pnationale06"]
    assert (datetime(2014, 1, 14, 12, tzinfo=PARIS), 326) in at["pnationale06"]
    assert (datetime(2014, 2, 4, 12, tzinfo=PARIS), 9486) in at["pnationale"]
    assert (datetime(2014, 2, 4, 12, tzinfo=PARIS), 732000) in at["policia"]


def test_snapshots_are_irregular_dense_and_increasing(sample_dir: Path) -> None:
    for handle, rows in _snapshots(sample_dir).items():
        times = [_date(r["observed_at"]) for r in rows]
        values = [int(r["followers"]) for r in rows]
        assert times == sorted(times)
        assert values == sorted(values), handle
        gaps = [(b - a) for a, b in zip(times, times[1:], strict=False)]
        assert max(gaps) <= timedelta(days=6), handle
        days = Counter(t.astimezone(PARIS).date() for t in times)
        assert max(days.values()) >= 2, f"{handle}: some days have two snapshots"
        assert len(set(gaps)) > 5, "irregular"


def test_last_snapshots(sample_dir: Path) -> None:
    snaps = _snapshots(sample_dir)
    last = {h: _date(rows[-1]["observed_at"]).astimezone(PARIS) for h, rows in snaps.items()}
    assert last.pop("pnationale62").date().isoformat() == "2014-04-02"
    assert all(t.date().isoformat() == "2014-03-31" for t in last.values())


def test_calibration_of_follower_levels(sample_dir: Path, sample_files, sample_params) -> None:
    snaps = _snapshots(sample_dir)
    end = {h: int(rows[-1]["followers"]) for h, rows in snaps.items()}
    for h in ("pnationale44", "pnationale35", "pnationale62", "pnationale67", "pnationale06"):
        assert 1000 <= end[h] <= 2500
    assert 12000 <= end["pnationale"] <= 14000
    assert 760000 <= end["policia"] <= 780000
    first = {h: rows[0] for h, rows in snaps.items()}
    assert 650000 <= int(first["policia"]["followers"]) <= 700000
    mid_jan = [r for r in snaps["pnationale"] if "2014-01-1" in r["observed_at"]]
    assert all(6500 <= int(r["followers"]) <= 7600 for r in mid_jan)
    # the User entity is a snapshot at the collection time, on the same curve
    for lines in sample_files.values():
        user = lines[1]
        acc = sample_params["accounts"][user["username"]]
        assert user["followersCount"] == acc["growth"]["followers_at_collection"]


def test_new_accounts_grow_concavely(sample_params) -> None:
    for handle in ("PNationale44", "pnationale35", "pnationale62", "pnationale67"):
        f = sample_params["accounts"][handle]["growth"]["followers_at"]
        values = list(f.values())
        gains = [b - a for a, b in zip(values, values[1:], strict=False)]
        assert gains[0] > 2 * gains[-2], handle


# ---------------------------------------------------------------- generating parameters


def test_parameters_file(sample_params) -> None:
    assert sample_params["_type"] == PARAMS_TYPE
    assert sample_params["simulated"] is True
    assert sample_params["seed"] == SEED
    assert list(sample_params["accounts"]) == MEASURED
    for acc in sample_params["accounts"].values():
        mix = acc["category_mix"]["originals"]
        assert set(mix) == set(CATEGORIES) and math.isclose(sum(mix.values()), 1, abs_tol=1e-5)
        eng = acc["engagement"]
        assert eng["theoretical_median_engagement"] >= 0
        assert 0 < eng["theoretical_median_engagement_rate_pct"] < 5
        g = acc["growth"]
        assert g["followers_at_period_end"] > g["followers_at_period_start"]
        for target in g["targets"]:
            assert math.isclose(target["model"], target["followers"], rel_tol=1e-4)


def test_generated_counts_match_the_parameters(sample_params) -> None:
    for handle, acc in sample_params["accounts"].items():
        t = acc["tweets"]
        n = t["generated_in_period"]["tweets"]
        expected = t["expected_tweets_in_period"]
        assert abs(n - expected) < 4 * math.sqrt(expected) + 3, handle
        for kind in ("reply", "retweet"):
            p = t["kind_shares"][kind]
            share = t["generated_in_period"][kind] / n
            assert abs(share - p) < 4 * math.sqrt(p * (1 - p) / n) + 0.01, (handle, kind)
        assert t["generated_in_period"]["quote"] == 0


def test_generated_medians_are_near_the_theoretical_ones(sample_params) -> None:
    for handle, acc in sample_params["accounts"].items():
        eng = acc["engagement"]
        theo, got = eng["theoretical_median_engagement"], eng["generated_median_engagement"]
        assert abs(got - theo) <= max(1.0, 0.25 * theo), handle


def test_category_labels_follow_the_mix(sample_tweets, sample_params) -> None:
    labels = sample_params["labels"]
    by_handle = defaultdict(Counter)
    for t in sample_tweets:
        if not t["retweetedTweet"] and not t["inReplyToTweetId"]:
            by_handle[t["user"]["username"]][labels[str(t["id"])]] += 1
    for handle, counts in by_handle.items():
        n = sum(counts.values())
        for cat, p in sample_params["accounts"][handle]["category_mix"]["originals"].items():
            assert abs(counts[cat] / n - p) < 4 * math.sqrt(p * (1 - p) / n) + 0.02, (handle, cat)
    community = {h: c["community"] / sum(c.values()) for h, c in by_handle.items()}
    assert community["pnationale67"] == max(community.values())


def test_readme_says_simulated(sample_dir: Path) -> None:
    text = (sample_dir / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# SIMULATED DATA — données simulées")
    assert str(SEED) in text


@pytest.mark.parametrize("handle", ["PNationale44", "policia"])
def test_theoretical_median_rate_is_close_to_the_generated_rates(
    sample_tweets, sample_params, handle
) -> None:
    acc = sample_params["accounts"][handle]
    theo = acc["engagement"]["theoretical_median_engagement_rate_pct"]
    assert theo > 0
    # order of magnitude check against raw counts and the collection-time followers
    tweets = [
        t for t in sample_tweets if t["user"]["username"] == handle and not t["retweetedTweet"]
    ]
    eng = sorted(t["retweetCount"] + t["likeCount"] + t["replyCount"] for t in tweets)
    median = eng[len(eng) // 2]
    end_followers = acc["growth"]["followers_at_period_end"]
    assert median / end_followers * 100 < theo * 3
