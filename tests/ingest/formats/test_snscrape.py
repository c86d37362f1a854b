"""snscrape JSON-lines reader: the real samples, edge cases and bad lines."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import detect
from pilot_eval.ingest.formats.snscrape import READER
from pilot_eval.schema import to_pandas


def _read(path: Path, registry, **ctx) -> tuple[pd.DataFrame, object]:
    result = READER.read(path, ReadContext(registry=registry, root=path.parent, **ctx))
    return to_pandas(result.tweets).set_index("tweet_id"), result


def test_real_sample(shared_fixtures, registry):
    path = shared_fixtures / "snscrape" / "snscrape_sample.jsonl"
    assert detect(path) is READER
    tweets, result = _read(path, registry)
    assert list(tweets.index) == [
        410336844182454273,
        415522484515766274,
        423399664251830275,
        430235578659766277,
        449607282062262278,
    ]
    assert set(tweets["handle"]) == {"PNationale44"}
    assert tweets.loc[423399664251830275, "kind"] == "reply"
    assert tweets.loc[423399664251830275, "reply_to"] == "un_nantais"
    assert tweets.loc[430235578659766277, "kind"] == "retweet"
    assert tweets.loc[430235578659766277, "retweet_of"] == "pnationale"
    assert tweets.loc[410336844182454273, "kind"] == "original"
    first = tweets.loc[410336844182454273]
    assert (first["retweet_count"], first["like_count"], first["reply_count"]) == (14, 6, 1)
    assert first["created_at"] == pd.Timestamp("2013-12-10 09:15:02", tz="UTC")
    assert list(first["hashtags"]) == ["Prévention"]
    assert list(first["urls"])[0].startswith("http://www.interieur.gouv.fr/")
    assert tweets.loc[415522484515766274, "media_count"] == 1
    assert list(tweets.loc[449607282062262278, "mentions"]) == ["pnationale"]
    assert (tweets["source"] == "snscrape").all()
    followers = result.followers
    assert list(followers["handle"]) == ["PNationale44"]
    assert (followers["followers"].iloc[0], followers["following"].iloc[0]) == (4210, 180)
    assert followers["tweets"].iloc[0] == 950
    assert result.rejects.empty
    assert "time source: file mtime" in result.notes


def test_real_edge_cases(shared_fixtures, registry):
    path = shared_fixtures / "snscrape" / "snscrape_sample_edgecases.jsonl"
    tweets, result = _read(path, registry)
    quote = tweets.loc[727090254443446274]
    assert quote["kind"] == "quote" and quote["quote_of"] == "policia"
    assert quote["media_count"] == 0  # the video belongs to the quoted tweet
    # the --jsonl-for-buggy-int-parser line (id.str)
    assert tweets.loc[410336844182454273, "retweet_count"] == 14
    reasons = dict(zip(result.rejects["line"], result.rejects["reason"], strict=True))
    assert "TweetRef" in reasons[2] and "Tombstone" in reasons[3]
    assert "UserRef" in reasons[4]
    assert 727090254443446277 not in tweets.index


def test_userref_author_from_handle_option(shared_fixtures, registry):
    path = shared_fixtures / "snscrape" / "snscrape_sample_edgecases.jsonl"
    tweets, result = _read(path, registry, handle="PNationale44")
    assert tweets.loc[727090254443446277, "handle"] == "PNationale44"
    assert 4 not in set(result.rejects["line"])


def test_header_collection_time_and_simulated(sns, snscrape_file, registry):
    when = datetime(2014, 3, 31, 20, 0, tzinfo=UTC)
    path = snscrape_file(
        "c.jsonl",
        [
            sns.header("PNationale44", when, simulated=True),
            sns.user("PNationale44", followers=777),
            sns.tweet(1, user=sns.tw.UserRef(id=5)),
        ],
    )
    tweets, result = _read(path, registry)
    assert result.simulated
    assert tweets.loc[1, "handle"] == "PNationale44"  # UserRef: handle from the header
    assert tweets.loc[1, "collected_at"] == pd.Timestamp(when)
    assert result.followers["followers"].tolist() == [777]
    assert result.followers["observed_at"].iloc[0] == pd.Timestamp(when)
    assert "time source: header" in result.notes
    assert result.rejects.empty


def test_collected_at_option(sns, snscrape_file, registry):
    path = snscrape_file("c.jsonl", [sns.tweet(1)])
    when = datetime(2014, 2, 1, tzinfo=UTC)
    tweets, result = _read(path, registry, collected_at=when)
    assert tweets.loc[1, "collected_at"] == pd.Timestamp(when)
    assert "time source: --collected-at" in result.notes
    assert not any("created after" in n for n in result.notes)


def test_a_collection_time_before_the_tweets_is_pointed_out(sns, snscrape_file, registry):
    """Counts cannot be observed before the tweet exists: a mistyped --collected-at
    is said in the notes (review: accepted without a word)."""
    path = snscrape_file("c.jsonl", [sns.tweet(1), sns.tweet(2)])
    _, result = _read(path, registry, collected_at=datetime(2010, 1, 1, tzinfo=UTC))
    assert any("2 tweets created after the collection time" in n for n in result.notes)


def test_kinds_and_quote_references(sns, snscrape_file, registry):
    orig = sns.tweet(10, "pnationale")
    path = snscrape_file(
        "k.jsonl",
        [
            sns.tweet(1, retweetedTweet=orig, inReplyToTweetId=5),  # retweet wins over reply
            sns.tweet(2, inReplyToTweetId=5, quotedTweet=orig),  # reply wins over quote
            sns.tweet(3, quotedTweet=sns.tw.TweetRef(id=99)),
            sns.tweet(4, quotedTweet=sns.tw.Tombstone(id=98, text="deleted", textLinks=None)),
            sns.tweet(5),
        ],
    )
    tweets, _ = _read(path, registry)
    assert tweets["kind"].to_dict() == {
        1: "retweet",
        2: "reply",
        3: "quote",
        4: "quote",
        5: "original",
    }
    assert pd.isna(tweets.loc[3, "quote_of"])
    assert tweets.loc[1, "retweet_of"] == "pnationale"


def test_bad_lines_are_rejected_with_line_numbers(sns, snscrape_file, registry):
    good = sns.tweet(1).json()
    path = snscrape_file(
        "bad.jsonl",
        [
            good,
            "",  # blank: skipped
            '{"hello": "world"}',  # JSON, not a snscrape item
            good[:200],  # truncated
            '{"_type": "snscrape.modules.twitter.Tweet", "id": 7, "date": "yesterday"}',
            '{"_type": "snscrape.modules.twitter.Tweet", "date": "2014-01-01T00:00:00+00:00"}',
            sns.tweet(2).json(),
        ],
    )
    tweets, result = _read(path, registry)
    assert sorted(tweets.index) == [1, 2]
    rejects = result.rejects.set_index("line")
    assert rejects.loc[3, "reason"].startswith("not a snscrape item")
    assert rejects.loc[4, "reason"].startswith("invalid JSON")
    assert rejects.loc[4, "raw"] == good[:200]
    assert rejects.loc[5, "reason"] == "bad date"
    assert rejects.loc[6, "reason"] == "tweet without id"
    assert set(rejects.index) == {3, 4, 5, 6}
    assert (result.rejects["file"] == "bad.jsonl").all()


def test_a_count_that_is_not_a_whole_number_is_a_reject(sns, snscrape_file, registry):
    """Not nulled in silence (review): in a file DuckDB reads strictly (negative) and in
    one it reads tolerantly (text), where the other lines are kept."""
    good = json.loads(sns.tweet(1).json())
    negative = snscrape_file(
        "neg.jsonl", [json.dumps(good | {"id": 2, "likeCount": -3}), sns.tweet(1).json()]
    )
    tweets, result = _read(negative, registry)
    assert sorted(tweets.index) == [1] and result.rejects["line"].tolist() == [1]
    assert result.rejects["reason"].iloc[0].startswith("count not a whole number")
    text = snscrape_file(
        "text.jsonl",
        [
            json.dumps(good | {"id": 2, "retweetCount": "many"}),
            sns.tweet(1).json(),
            "{cut",
            json.dumps(good | {"id": 4, "likeCount": 4.0}),  # whole: kept, as strictly
        ],
    )
    tweets, result = _read(text, registry)
    assert sorted(tweets.index) == [1, 4] and tweets.loc[1, "retweet_count"] == good["retweetCount"]
    assert tweets.loc[4, "like_count"] == 4
    reasons = dict(zip(result.rejects["line"], result.rejects["reason"], strict=True))
    assert reasons[1].startswith("count not a whole number") and 3 in reasons


def test_wrong_encoding_is_rejected(tmp_path, registry):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(
        b'{"_type": "snscrape.modules.twitter.Tweet", "id": 5, "rawContent": "caf\xe9"}\n'
    )
    tweets, result = _read(path, registry)
    assert tweets.empty
    assert result.rejects["reason"].tolist() == ["not UTF-8 text (wrong encoding)"]


def test_gzip_read_transparently(sns, tmp_path, registry):
    plain = sns.write(tmp_path / "x.jsonl", [sns.tweet(1), sns.tweet(2)])
    packed = tmp_path / "x.data"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert detect(packed) is READER
    tweets, _ = _read(packed, registry)
    assert sorted(tweets.index) == [1, 2]


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'{"_type": "snscrape.modules.twitter.Tweet", "id": 1}', True),
        (b'{"_type": "pilot_eval.collect.Collection", "handle": "x"}', True),
        (b'{"data": [{"id": "1"}]}', False),
        (b"handle,observed_at,followers\n", False),
        # snscrape's log lines first (stderr sent to the file too)
        (b'Scraping, 100 results so far\n\n{"_type": "snscrape.modules.twitter.Tweet"}', True),
        (b'a\nb\nc\nd\ne\n{"_type": "snscrape.modules.twitter.Tweet"}', False),
        (b'Scraping\n{"data": [{"id": "1"}]}\n{"_type": "snscrape.x"}', False),
    ],
)
def test_sniff(head, expected):
    assert READER.sniff(head, Path("x")) is expected


def test_strict_and_tolerant_parses_stage_the_same_rows(snscrape_file, sns, tmp_path, registry):
    """The strict parse (the fast path for files without a bad line) and the tolerant
    one (used when the strict one fails) give the same staged rows; a damaged line
    makes the strict one fail, so the reader falls back and rejects it."""
    import duckdb
    import pyarrow.parquet as pq

    from pilot_eval.ingest.formats.snscrape import stage_query

    rt = sns.tweet(5, "pnationale")
    items = [
        sns.header(),
        sns.user(),
        sns.tweet(1, rawContent="Bonjour &amp; bienvenue"),
        sns.tweet(2, inReplyToTweetId=1, inReplyToUser=sns.user("un_nantais")),
        sns.tweet(3, retweetedTweet=rt),
    ]
    clean = snscrape_file("clean.jsonl", items)
    when = datetime(2014, 4, 1, 6, tzinfo=UTC)
    staged = []
    for strict in (True, False):
        target = tmp_path / f"stage_{strict}.parquet"
        query = stage_query(clean, gzip=False, handle=None, collected_at=when, strict=strict)
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet)")
        con.close()
        staged.append(pq.read_table(target))
    assert staged[0].num_rows == 5
    assert staged[0].equals(staged[1])

    damaged = snscrape_file(
        "damaged.jsonl", items[:3] + ['{"_type": "snscrape.modules'] + items[3:]
    )
    query = stage_query(damaged, gzip=False, handle=None, collected_at=when, strict=True)
    with pytest.raises(duckdb.Error):
        duckdb.connect().execute(f"SELECT count(*) FROM ({query})").fetchall()
    tweets, result = _read(damaged, registry)
    assert sorted(tweets.index) == [1, 2, 3]
    assert list(result.rejects["line"]) == [4]


def test_text_of_old_snscrape_lines_comes_from_content(snscrape_file, sns, registry):
    """snscrape before 0.5 wrote the text as ``content`` only; it is read only when a
    tweet has no ``rawContent`` (a second parse), and then for every line."""
    import json

    old = json.loads(sns.tweet(2).json())
    old["content"] = old.pop("rawContent") + " (ancien format)"
    new = json.loads(sns.tweet(1).json())
    new["content"] = "ignored: rawContent wins"
    path = snscrape_file("mixed.jsonl", [new, old])
    tweets, result = _read(path, registry)
    assert tweets.loc[2, "text"].endswith(" (ancien format)")
    assert tweets.loc[1, "text"] == new["rawContent"]
    assert result.rejects.empty
    plain = snscrape_file("plain.jsonl", [new])
    assert _read(plain, registry)[0].loc[1, "text"] == new["rawContent"]


def test_old_snscrape_lines_beside_a_damaged_line(snscrape_file, sns, registry):
    """The legacy-text pass and the tolerant pass together: text from ``content``, the
    damaged line rejected with its own line number."""
    import json

    old = json.loads(sns.tweet(2).json())
    old["content"] = old.pop("rawContent")
    path = snscrape_file("old_damaged.jsonl", [sns.tweet(1), old, '{"_type": "snscrape.modul'])
    tweets, result = _read(path, registry)
    assert tweets.loc[2, "text"] == old["content"]
    assert result.rejects["line"].tolist() == [3]


def test_a_cut_gzip_keeps_its_whole_lines_and_rejects_the_rest(sns, tmp_path, registry):
    """A gzip cut short (an interrupted copy): the lines before the cut are read, one
    reject at the first line lost; ``read`` still returns tweets as a pyarrow table and
    the rest as pandas, as for any other file (review: all lines were lost)."""
    plain = sns.write(tmp_path / "x.jsonl", [sns.tweet(i) for i in range(1, 2001)])
    whole = gzip.compress(plain.read_bytes())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    assert detect(path) is READER
    tweets, result = _read(path, registry)
    kept = len(tweets)
    assert 0 < kept < 2000 and sorted(tweets.index) == list(range(1, kept + 1))
    assert result.followers.empty or isinstance(result.followers, pd.DataFrame)
    assert result.rejects["line"].tolist() == [kept + 1]
    assert result.rejects["reason"].iloc[0].startswith("gzip file cut or damaged")
    # cut inside its first line: detected by what decompresses, one reject at line 1
    path.write_bytes(whole[:400])
    assert 0 < len(read_head(path)) < len(plain.read_bytes().split(b"\n")[0])
    assert detect(path) is READER
    tweets, result = _read(path, registry)
    assert tweets.empty and isinstance(result.followers, pd.DataFrame)
    assert result.rejects["line"].tolist() == [1]


def test_null_list_elements_are_dropped_and_null_lists_are_empty(snscrape_file, sns, registry):
    """``hashtags``/``mentions``/``urls``: a null element (or a mention/link without its
    field) is dropped, the others keep their order; a null or missing list is ``[]``."""
    import json

    holes = json.loads(sns.tweet(1).json())
    holes["hashtags"] = ["Nantes", None, "Prévention"]
    holes["mentionedUsers"] = [{"username": "pnationale"}, {"username": None}, {"id": 5}]
    holes["links"] = [{"url": None}, {"url": "http://a.fr"}, {"url": "http://b.fr"}]
    empty = json.loads(sns.tweet(2).json())
    empty["hashtags"], empty["mentionedUsers"] = None, None
    empty.pop("links", None)
    whole = json.loads(sns.tweet(3).json())
    whole["hashtags"], whole["mentionedUsers"] = ["a", "b"], [{"username": "x"}]
    whole["links"] = [{"url": "http://c.fr"}]
    tweets, result = _read(snscrape_file("holes.jsonl", [holes, empty, whole]), registry)
    assert result.rejects.empty
    assert list(tweets.loc[1, "hashtags"]) == ["Nantes", "Prévention"]
    assert list(tweets.loc[1, "mentions"]) == ["pnationale"]
    assert list(tweets.loc[1, "urls"]) == ["http://a.fr", "http://b.fr"]
    for column in ("hashtags", "mentions", "urls"):
        assert list(tweets.loc[2, column]) == []
    assert list(tweets.loc[3, "hashtags"]) == ["a", "b"]
    assert list(tweets.loc[3, "mentions"]) == ["x"]
    assert list(tweets.loc[3, "urls"]) == ["http://c.fr"]
