"""Helpers for ingestion tests: snscrape lines made with snscrape's own classes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import snscrape.modules.twitter as tw

from pilot_eval.ingest.base import collection_header


def make_user(username: str = "PNationale44", followers: int = 100) -> tw.User:
    """A full snscrape User (the --with-entity entity / a tweet's author)."""
    return tw.User(
        username=username,
        id=abs(hash(username)) % 10**9,
        displayname=username,
        followersCount=followers,
        friendsCount=10,
        statusesCount=50,
    )


def make_tweet(tweet_id: int, username: str = "PNationale44", **fields) -> tw.Tweet:
    """A snscrape Tweet with sensible defaults; ``fields`` override any attribute."""
    base = dict(
        url=f"https://twitter.com/{username}/status/{tweet_id}",
        date=datetime(2014, 1, 15, 10, 0, tzinfo=UTC),
        rawContent=f"tweet {tweet_id}",
        renderedContent=f"tweet {tweet_id}",
        id=tweet_id,
        user=make_user(username),
        replyCount=1,
        retweetCount=2,
        likeCount=3,
        quoteCount=0,
        conversationId=tweet_id,
        lang="fr",
    )
    base.update(fields)
    return tw.Tweet(**base)


def header_line(
    handle: str = "PNationale44", when: datetime | None = None, simulated: bool = False
) -> str:
    """The collection header line written by ``pilot-eval collect``."""
    when = when or datetime(2014, 4, 1, 6, 0, tzinfo=UTC)
    return json.dumps(collection_header(handle=handle, collected_at=when, simulated=simulated))


def write_lines(path: Path, lines: list) -> Path:
    """Write items (snscrape objects, dicts or raw strings) one per line."""
    out = []
    for item in lines:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.append(json.dumps(item))
        else:
            out.append(item.json())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def snscrape_file(tmp_path: Path):
    """Factory: ``snscrape_file(name, items)`` writes a JSON-lines file under tmp_path."""

    def _make(name: str, items: list) -> Path:
        return write_lines(tmp_path / name, items)

    return _make


@pytest.fixture
def sns():
    """The helpers above, as a namespace (tests do not import conftest modules)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        user=make_user, tweet=make_tweet, header=header_line, write=write_lines, tw=tw
    )
