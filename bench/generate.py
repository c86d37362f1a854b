"""Generate large snscrape JSON lines files for the benchmark.

Every line is built with snscrape's own classes (``snscrape.modules.twitter.Tweet`` and
``User``) and serialised with their ``.json()``, as ``snscrape --jsonl`` writes it: eight
accounts, December 2013 to March 2014, a full ``User`` embedded in every tweet, some
replies, retweets (with the nested original) and photos. Files are cached under
``bench/cache/`` (git-ignored) and reused when present.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "cache"
HANDLES = [
    "PNationale44",
    "pnationale35",
    "pnationale62",
    "pnationale67",
    "pnationale06",
    "pnationale",
    "policia",
    "Gendarmerie",
]
START = dt.datetime(2013, 12, 1, tzinfo=dt.UTC)
SPAN_S = int((dt.datetime(2014, 4, 1, tzinfo=dt.UTC) - START).total_seconds())
WORDS = (
    "prévention cambriolage vigilance appel témoins contactez le 17 disparition inquiétante "
    "interpellation saisie stupéfiants circulation déviation accident neige recrutement "
    "concours cérémonie préfet merci abonnés police nationale consejos estafa detenidos "
    "colabora desaparecido tráfico oposiciones"
).split()


def _user(tw, handle: str, uid: int):
    return tw.User(
        username=handle,
        id=uid,
        displayname=f"Police {handle}",
        rawDescription="Compte officiel. Pas de dépôt de plainte ici. Urgence : composez le 17.",
        renderedDescription="Compte officiel. Pas de dépôt de plainte ici. Urgence : composez le 17.",
        descriptionLinks=None,
        verified=False,
        created=dt.datetime(2013, 9, 2, 8, 30, tzinfo=dt.UTC),
        followersCount=1000 + uid % 5000,
        friendsCount=180,
        statusesCount=950,
        favouritesCount=120,
        listedCount=75,
        mediaCount=210,
        location="France",
        protected=False,
        link=tw.TextLink(
            text="interieur.gouv.fr",
            url="http://www.interieur.gouv.fr",
            tcourl="https://t.co/AbCdEf0123",
            indices=(0, 23),
        ),
        profileImageUrl="https://pbs.twimg.com/profile_images/000000000000000001/AAAAAAAA_normal.jpg",
        profileBannerUrl=f"https://pbs.twimg.com/profile_banners/{uid}/1380000000",
    )


def _chunk(args: tuple[int, int, int]) -> bytes:
    """Lines ``first .. first+count`` of the file, as bytes."""
    import snscrape.modules.twitter as tw

    first, count, seed = args
    rng = random.Random(seed * 1_000_003 + first)
    users = [_user(tw, h, 1234567001 + i) for i, h in enumerate(HANDLES)]
    out = []
    for i in range(first, first + count):
        user = users[i % len(users)]
        when = START + dt.timedelta(seconds=rng.randrange(SPAN_S))
        ms = int(when.timestamp() * 1000)
        tid = ((ms - 1288834974657) << 22) | (i & 0x3FFFFF)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18)))
        text = f"#Prévention {words} http://t.co/Xy12{i % 10000:04d}"
        kind = rng.random()
        retweeted = reply_to = None
        if kind < 0.08:
            orig_user = users[(i + 3) % len(users)]
            retweeted = tw.Tweet(
                url=f"https://twitter.com/{orig_user.username}/status/{tid - 1}",
                date=when - dt.timedelta(hours=1),
                rawContent=text,
                renderedContent=text,
                id=tid - 1,
                user=orig_user,
                replyCount=rng.randint(0, 5),
                retweetCount=rng.randint(0, 40),
                likeCount=rng.randint(0, 60),
                quoteCount=0,
                conversationId=tid - 1,
                lang="fr",
                hashtags=["Prévention"],
            )
            text = f"RT @{orig_user.username}: {text}"[:140]
        elif kind < 0.18:
            reply_to = tid - 7
        photo = None
        if rng.random() < 0.25:
            photo = [
                tw.Photo(
                    previewUrl="https://pbs.twimg.com/media/BcDeFgHiJkL.jpg?format=jpg&name=small",
                    fullUrl="https://pbs.twimg.com/media/BcDeFgHiJkL.jpg?format=jpg&name=orig",
                    altText=None,
                )
            ]
        tweet = tw.Tweet(
            url=f"https://twitter.com/{user.username}/status/{tid}",
            date=when,
            rawContent=text,
            renderedContent=text,
            id=tid,
            user=user,
            replyCount=int(rng.paretovariate(1.5)) - 1,
            retweetCount=int(rng.paretovariate(1.3)) - 1,
            likeCount=int(rng.paretovariate(1.2)) - 1,
            quoteCount=0,
            conversationId=reply_to or tid,
            lang="fr",
            source='<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>',
            sourceUrl="http://twitter.com",
            sourceLabel="Twitter Web Client",
            links=[
                tw.TextLink(
                    text="interieur.gouv.fr/Actualites",
                    url="http://www.interieur.gouv.fr/Actualites",
                    tcourl=f"http://t.co/Xy12{i % 10000:04d}",
                    indices=(len(text) - 22, len(text)),
                )
            ],
            media=photo,
            retweetedTweet=retweeted,
            inReplyToTweetId=reply_to,
            inReplyToUser=None,
            mentionedUsers=None,
            hashtags=["Prévention"],
        )
        out.append(tweet.json())
    return ("\n".join(out) + "\n").encode()


def snscrape_file(n: int, seed: int = 2014) -> Path:
    """Path of a cached file of ``n`` tweet lines (generated on first use)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / (f"snscrape_{n}.jsonl" if seed == 2014 else f"snscrape_{n}_seed{seed}.jsonl")
    if path.exists():
        return path
    tmp = path.with_suffix(".part")
    step = 5000
    jobs = [(first, min(step, n - first), seed) for first in range(0, n, step)]
    with open(tmp, "wb") as fh, ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for block in pool.map(_chunk, jobs):
            fh.write(block)
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    import sys

    for arg in sys.argv[1:] or ["1000"]:
        p = snscrape_file(int(arg))
        print(p, p.stat().st_size)
