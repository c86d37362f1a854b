"""snscrape objects of the sample: snowflake ids, tweets, retweets."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import snscrape.modules.twitter as sntwitter

from pilot_eval.sample.texts import Link
from pilot_eval.sample.twitter import (
    IdFactory,
    TweetParts,
    build_retweet,
    build_tweet,
    snowflake,
    snowflake_time_ms,
    tco,
)

T0 = datetime(2014, 1, 15, 10, 22, 1, tzinfo=UTC)


def test_snowflake_round_trip_matches_a_real_id() -> None:
    # a real 2014 tweet id: 423399664251830275 was created 2014-01-15T10:22:01Z
    assert snowflake_time_ms(423399664251830275) // 1000 == int(T0.timestamp())
    assert snowflake_time_ms(snowflake(1389781321123, 5, 1)) == 1389781321123


def test_id_factory_gives_unique_ids_within_the_second() -> None:
    ids = IdFactory(np.random.default_rng(0))
    got = [ids.new(T0) for _ in range(500)]
    assert len(set(got)) == 500
    assert all(snowflake_time_ms(i) // 1000 == int(T0.timestamp()) for i in got)


def test_tco_is_22_characters() -> None:
    assert len(tco(np.random.default_rng(0))) == 22


def _user() -> sntwitter.User:
    return sntwitter.User(username="PNationale44", id=2263874411, displayname="Police nationale 44")


def test_build_tweet_escapes_and_appends_links() -> None:
    known = {
        "pnationale": sntwitter.User(username="pnationale", id=1, displayname="Police nationale")
    }
    tweet = build_tweet(
        TweetParts(
            tweet_id=snowflake(int(T0.timestamp() * 1000), 1),
            created=T0,
            user=_user(),
            text="Police & population via @pnationale et @julie_nts44 #Nantes (*#06#)",
            lang="fr",
            source="Twitter Web Client",
            link=Link.of("http://www.interieur.gouv.fr/"),
            link_tco="http://t.co/AbCdEfGhIj",
            counts={"retweets": 3, "likes": 2, "replies": 1},
            known_users=known,
        )
    )
    line = json.loads(tweet.json())
    assert line["rawContent"].startswith("Police &amp; population")
    assert line["rawContent"].endswith(" http://t.co/AbCdEfGhIj")
    start, end = line["links"][0]["indices"]
    assert line["rawContent"][start:end] == "http://t.co/AbCdEfGhIj"
    assert line["renderedContent"].endswith("interieur.gouv.fr/")
    assert [u["username"] for u in line["mentionedUsers"]] == ["pnationale", "julie_nts44"]
    assert line["mentionedUsers"][0]["id"] == 1
    assert line["hashtags"] == ["Nantes"]
    assert (line["retweetCount"], line["likeCount"], line["replyCount"], line["quoteCount"]) == (
        3,
        2,
        1,
        0,
    )
    assert line["conversationId"] == line["id"]
    assert line["_snscrape"] == "0.7.0.20230622"


def test_build_retweet_wraps_the_original() -> None:
    original = build_tweet(
        TweetParts(
            tweet_id=snowflake(int(T0.timestamp() * 1000), 1),
            created=T0,
            user=_user(),
            text="x" * 130,
            lang="fr",
            source="TweetDeck",
            counts={"retweets": 12, "likes": 30},
        )
    )
    rt = build_retweet(
        snowflake(int(T0.timestamp() * 1000) + 60000, 2),
        T0,
        sntwitter.User(username="pnationale", id=1, displayname="Police nationale"),
        original,
        "Twitter Web Client",
        {},
    )
    line = json.loads(rt.json())
    assert line["rawContent"].startswith("RT @PNationale44: ") and line["rawContent"].endswith(
        "\u2026"
    )
    assert len(line["rawContent"]) == 140
    assert (line["retweetCount"], line["likeCount"]) == (12, 0)
    assert line["retweetedTweet"]["likeCount"] == 30
    assert line["mentionedUsers"][0]["username"] == "PNationale44"
