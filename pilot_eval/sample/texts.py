"""A small phrase grammar that composes the simulated tweets' texts.

Each language module (:mod:`~pilot_eval.sample.texts_fr`, :mod:`~pilot_eval.sample.texts_es`)
gives, per category, several *frames* (sentence structures with ``{slot}`` markers) and
independent phrase banks (openers, facts, places, times, calls to action, hashtags,
links). :func:`compose` picks a frame, fills every slot recursively from the banks and
from the account's context (its towns, its mascot...), appends hashtags and a link,
and keeps the text within 140 characters (a link counts 22, as on Twitter in 2014).
The same wording cannot come out twice: :class:`Composer` remembers what it wrote.

Texts are returned *as displayed* (``&``, ``<`` unescaped); :func:`twitter_escape`
gives the raw form that Twitter's API and snscrape keep (``&amp;``, ``&lt;``, ``&gt;``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType

import numpy as np

SLOT = re.compile(r"\{([a-z_0-9]+)\}")
TCO_LENGTH = 22
MAX_LENGTH = 140


def twitter_escape(text: str) -> str:
    """The raw form of a displayed text: ``&``, ``<`` and ``>`` as HTML entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Link:
    """A link of a tweet: the expanded URL and its display form."""

    url: str
    display: str

    @classmethod
    def of(cls, url: str) -> Link:
        """Build the display form as Twitter did: no scheme, no ``www.``, 26 chars + …"""
        shown = re.sub(r"^https?://(www\.)?", "", url)
        if len(shown) > 26:
            shown = shown[:26] + "\u2026"
        return cls(url=url, display=shown)


@dataclass(frozen=True)
class Draft:
    """A composed text (as displayed), its category and its optional link."""

    text: str
    category: str
    link: Link | None = None


@dataclass
class Context:
    """What an account brings to its texts (its towns, its mascot, its name)."""

    places: Sequence[str]
    handle: str
    extra: Mapping[str, Sequence[str]] = field(default_factory=dict)


class Composer:
    """Composes unique texts for one language from its module's banks.

    The module must define ``BANKS`` (slot -> list of phrases), ``FRAMES`` (category
    -> list of frames), ``HASHTAGS`` (category -> list), ``LINKS`` (category -> list of
    URLs), ``REPLY_FRAMES`` (category -> list of frames) and ``NUMBERS`` (slot -> callable
    taking the generator and returning a string).
    """

    def __init__(self, module: ModuleType) -> None:
        self.banks: Mapping[str, Sequence[str]] = module.BANKS
        self.frames: Mapping[str, Sequence[str]] = module.FRAMES
        self.reply_frames: Mapping[str, Sequence[str]] = module.REPLY_FRAMES
        self.hashtags: Mapping[str, Sequence[str]] = module.HASHTAGS
        self.links: Mapping[str, Sequence[str]] = module.LINKS
        self.numbers: Mapping[str, Callable[[np.random.Generator], str]] = module.NUMBERS
        self.seen: set[str] = set()

    def compose(
        self,
        category: str,
        rng: np.random.Generator,
        ctx: Context,
        *,
        reply_to: str | None = None,
        link_share: float = 0.3,
        media: bool = False,
    ) -> Draft:
        """A new text of ``category``; ``reply_to`` starts it with ``@handle``.

        ``media``: the tweet carries a photo, whose t.co link Twitter appended to the
        text (it is added by the caller, but counts in the 140 characters here).
        """
        frames = self.reply_frames[category] if reply_to else self.frames[category]
        for attempt in range(40):
            frame = frames[int(rng.integers(len(frames)))]
            body = self._fill(frame, rng, ctx)
            body = body[0].upper() + body[1:] if body and not reply_to else body
            link = None
            if not reply_to and self.links.get(category) and rng.random() < link_share:
                links = self.links[category]
                link = Link.of(links[int(rng.integers(len(links)))])
            tags = self._hashtags(category, rng, ctx, reply=bool(reply_to))
            tags = [t for t in dict.fromkeys(tags) if t.casefold() not in body.casefold()]
            text = _join(reply_to, body, tags)
            budget = MAX_LENGTH - (TCO_LENGTH + 1) * ((link is not None) + media)
            while len(text) > budget and tags:
                tags = tags[:-1]
                text = _join(reply_to, body, tags)
            if len(text) > budget and link is not None:
                link = None
                budget += TCO_LENGTH + 1
            if len(text) > budget:
                continue
            if text in self.seen:
                if attempt < 30:
                    continue
                # last resort: a community manager's signature (^AB) makes it new
                text = _join(reply_to, body, [*tags, self._fill("{sign}", rng, ctx)])
                if text in self.seen or len(text) > budget:
                    continue
            self.seen.add(text)
            return Draft(text=text, category=category, link=link)
        raise RuntimeError(f"cannot compose a new {category} text for {ctx.handle}")

    def _hashtags(
        self, category: str, rng: np.random.Generator, ctx: Context, *, reply: bool
    ) -> list[str]:
        pool = list(self.hashtags.get(category, ()))
        if reply or not pool:
            return []
        n = int(rng.choice([0, 1, 1, 2]))
        picks = [pool[i] for i in rng.permutation(len(pool))[:n]]
        if rng.random() < 0.15 and ctx.places:
            picks.append("#" + re.sub(r"[^\w]", "", ctx.places[0]))
        return [self._fill(p, rng, ctx) for p in picks]

    def _fill(self, frame: str, rng: np.random.Generator, ctx: Context, depth: int = 0) -> str:
        if depth > 6:
            raise RecursionError(f"slots nested too deep in {frame!r}")

        def pick(match: re.Match) -> str:
            slot = match.group(1)
            if slot == "place":
                return ctx.places[int(rng.integers(len(ctx.places)))]
            if slot == "city":
                return ctx.places[0]
            if slot in self.numbers:
                return self.numbers[slot](rng)
            bank = ctx.extra.get(slot) or self.banks.get(slot)
            if not bank:
                raise KeyError(f"no phrase bank for slot {{{slot}}}")
            return self._fill(bank[int(rng.integers(len(bank)))], rng, ctx, depth + 1)

        return SLOT.sub(pick, frame)


def _join(reply_to: str | None, body: str, tags: Sequence[str]) -> str:
    parts = [f"@{reply_to}"] if reply_to else []
    parts.append(body)
    parts.extend(tags)
    text = " ".join(p for p in parts if p)
    text = re.sub(r"\s+", " ", text).replace(" ,", ",").replace(" .", ".").strip()
    # a sentence starts with a capital, even when a slot began it in lower case
    # (not after an initial: "M. Marcel G. a été retrouvé")
    return re.sub(
        r"(?<!\b[A-Z])([.!?] )([a-zàâéèêîôûç])", lambda m: m.group(1) + m.group(2).upper(), text
    )
