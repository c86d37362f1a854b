"""snscrape objects of the simulated sample, built with snscrape's own dataclasses.

Lines are what ``snscrape --jsonl --with-entity twitter-user HANDLE`` prints: each is
``item.json()`` of a ``snscrape.modules.twitter`` dataclass. Ids are Twitter snowflakes
computed from the creation time, so they are unique and increase with time.
"""

from __future__ import annotations

import re
import string
import zlib
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import snscrape.modules.twitter as sntwitter

from pilot_eval.sample.texts import Link, twitter_escape

#: Twitter's snowflake epoch (2010-11-04T01:42:54.657Z), in milliseconds.
TWEPOCH_MS = 1288834974657
_ALNUM = np.array(list(string.ascii_letters + string.digits))
_MENTION = re.compile(r"(?<![\w@])@(\w{1,20})")
#: A hashtag needs a letter (``*#06#`` is not one), as on Twitter.
_HASHTAG = re.compile(r"(?<![\w&])#(\w*[^\W\d_]\w*)")

SOURCES = {
    "Twitter Web Client": "https://twitter.com",
    "TweetDeck": "https://about.twitter.com/products/tweetdeck",
    "Twitter for iPhone": "http://twitter.com/download/iphone",
    "Twitter for Android": "http://twitter.com/download/android",
}


def snowflake(ms: int, worker: int, sequence: int = 0) -> int:
    """Tweet id of a tweet created at Unix time ``ms`` (milliseconds) by ``worker`` (0-1023)."""
    return ((ms - TWEPOCH_MS) << 22) | ((worker & 0x3FF) << 12) | (sequence & 0xFFF)


def snowflake_time_ms(tweet_id: int) -> int:
    """Unix time in milliseconds encoded in a snowflake id."""
    return (tweet_id >> 22) + TWEPOCH_MS


class IdFactory:
    """Unique snowflake ids for instants, with random millisecond and worker bits."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.used: set[int] = set()

    def new(self, t: datetime) -> int:
        """A new id whose time lies within the second of ``t``."""
        base = int(t.timestamp()) * 1000
        while True:
            ms = base + int(self.rng.integers(0, 1000))
            tid = snowflake(ms, int(self.rng.integers(0, 1024)), int(self.rng.integers(0, 8)))
            if tid not in self.used:
                self.used.add(tid)
                return tid


def tco(rng: np.random.Generator) -> str:
    """A t.co short link of 2014 (``http://t.co/`` + 10 characters: 22 characters)."""
    return "http://t.co/" + "".join(rng.choice(_ALNUM, size=10))


def media_key(rng: np.random.Generator) -> str:
    """A 2014-style media key (15 characters starting with ``B``)."""
    return "B" + "".join(rng.choice(_ALNUM, size=14))


def private_user_id(handle: str) -> int:
    """A stable invented user id for a handle (private persons, external accounts)."""
    return 100000000 + zlib.crc32(handle.casefold().encode()) % 2000000000


def partial_user(username: str, user_id: int, displayname: str) -> sntwitter.User:
    """A mentioned or replied-to user, as snscrape gives it (only names and id)."""
    return sntwitter.User(username=username, id=user_id, displayname=displayname)


@dataclass
class TweetParts:
    """Everything needed to build one snscrape Tweet."""

    tweet_id: int
    created: datetime
    user: sntwitter.User
    text: str  # as displayed
    lang: str
    source: str
    link: Link | None = None
    link_tco: str | None = None
    media: list[sntwitter.Photo] | None = None
    media_tco: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    reply_to_id: int | None = None
    reply_to_user: sntwitter.User | None = None
    conversation_id: int | None = None
    known_users: dict[str, sntwitter.User] = field(default_factory=dict)


def build_tweet(p: TweetParts) -> sntwitter.Tweet:
    """The snscrape ``Tweet`` (raw text keeps ``&amp;``; t.co links appended)."""
    raw = twitter_escape(p.text)
    rendered = raw
    links = None
    if p.link is not None and p.link_tco is not None:
        start = len(raw) + 1
        raw = f"{raw} {p.link_tco}"
        rendered = f"{rendered} {p.link.display}"
        links = [
            sntwitter.TextLink(
                text=p.link.display,
                url=p.link.url,
                tcourl=p.link_tco,
                indices=(start, start + len(p.link_tco)),
            )
        ]
    if p.media_tco is not None:
        raw = f"{raw} {p.media_tco}"
        rendered = f"{rendered} {p.media_tco}"
    mentioned = _mentions(p.text, p.known_users)
    hashtags = _HASHTAG.findall(p.text) or None
    return sntwitter.Tweet(
        url=f"https://twitter.com/{p.user.username}/status/{p.tweet_id}",
        date=p.created,
        rawContent=raw,
        renderedContent=rendered,
        id=p.tweet_id,
        user=p.user,
        replyCount=p.counts.get("replies", 0),
        retweetCount=p.counts.get("retweets", 0),
        likeCount=p.counts.get("likes", 0),
        quoteCount=0,
        conversationId=p.conversation_id or p.tweet_id,
        lang=p.lang,
        source=f'<a href="{SOURCES[p.source]}" rel="nofollow">{p.source}</a>',
        sourceUrl=SOURCES[p.source],
        sourceLabel=p.source,
        links=links,
        media=p.media,
        inReplyToTweetId=p.reply_to_id,
        inReplyToUser=p.reply_to_user,
        mentionedUsers=mentioned,
        hashtags=hashtags,
        conversationControlPolicy=sntwitter.ConversationControlPolicy.EVERYONE,
    )


def build_retweet(
    tweet_id: int,
    created: datetime,
    user: sntwitter.User,
    original: sntwitter.Tweet,
    source: str,
    known_users: dict[str, sntwitter.User],
) -> sntwitter.Tweet:
    """A retweet wrapper as the v1.1 API gave it (FORMATS.md): ``RT @user: text``
    (cut to 140 characters with …), the original nested in ``retweetedTweet``, the
    original's retweet count, and 0 likes, replies and quotes."""
    prefix = f"RT @{original.user.username}: "
    raw = prefix + original.rawContent
    rendered = prefix + original.renderedContent
    if len(raw) > 140:
        raw = raw[:139] + "\u2026"
    if len(rendered) > 140:
        rendered = rendered[:139] + "\u2026"
    links = None
    if original.links:
        links = []
        for link in original.links:
            pos = raw.find(link.tcourl)
            if pos >= 0:
                links.append(
                    sntwitter.TextLink(
                        text=link.text,
                        url=link.url,
                        tcourl=link.tcourl,
                        indices=(pos, pos + len(link.tcourl)),
                    )
                )
        links = links or None
    mentioned = [partial_user(original.user.username, original.user.id, original.user.displayname)]
    mentioned += [u for u in original.mentionedUsers or [] if u.username != original.user.username]
    return sntwitter.Tweet(
        url=f"https://twitter.com/{user.username}/status/{tweet_id}",
        date=created,
        rawContent=raw,
        renderedContent=rendered,
        id=tweet_id,
        user=user,
        replyCount=0,
        retweetCount=original.retweetCount,
        likeCount=0,
        quoteCount=0,
        conversationId=tweet_id,
        lang=original.lang,
        source=f'<a href="{SOURCES[source]}" rel="nofollow">{source}</a>',
        sourceUrl=SOURCES[source],
        sourceLabel=source,
        links=links,
        media=original.media,
        retweetedTweet=original,
        mentionedUsers=mentioned,
        hashtags=original.hashtags,
        conversationControlPolicy=sntwitter.ConversationControlPolicy.EVERYONE,
    )


def _mentions(text: str, known: dict[str, sntwitter.User]) -> list[sntwitter.User] | None:
    users = []
    seen: set[str] = set()
    for name in _MENTION.findall(text):
        key = name.casefold()
        if key in seen:
            continue
        seen.add(key)
        ref = known.get(key)
        if ref is not None:
            users.append(partial_user(ref.username, ref.id, ref.displayname))
        else:
            users.append(partial_user(name, private_user_id(name), name.replace("_", " ").title()))
    return users or None


def photo(rng: np.random.Generator) -> sntwitter.Photo:
    """A photo attached to a tweet (the 2014 pbs.twimg.com URLs)."""
    key = media_key(rng)
    return sntwitter.Photo(
        previewUrl=f"https://pbs.twimg.com/media/{key}?format=jpg&name=small",
        fullUrl=f"https://pbs.twimg.com/media/{key}?format=jpg&name=orig",
    )
