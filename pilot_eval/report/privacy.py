"""What the exported pages may show: escaped text and pseudonymised private persons.

Any ``@handle`` that is not in the account registry belongs to a private person (or at
least to someone the report is not about). In exported pages it is replaced by a stable
pseudonym ``@utilisateur_3f9a`` computed with a keyed hash (HMAC-SHA256): the same
handle always gets the same pseudonym for a given key, and without the key nobody can
recompute the mapping from a list of candidate handles. The key is read from the
environment variable :data:`KEY_ENV` or else from a file ``pseudonym.key`` in the data
directory, created at random on first use (so pseudonyms are stable across runs on the
same data).

All text that came from the data (tweets, handles) is HTML-escaped before it is shown:
a tweet containing ``<script>`` is displayed as text.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pilot_eval.config import data_paths
from pilot_eval.registry import Registry

#: Environment variable that holds the pseudonym key (wins over the key file).
KEY_ENV = "PILOT_EVAL_PSEUDONYM_KEY"
#: Prefix of pseudonyms.
PREFIX = "utilisateur_"
#: Hex digits of the digest kept in a pseudonym (16 bits per 4 digits).
DIGITS = 6

#: The institution's own namespace: ``pnationaleNN`` for every department (01-95, 2A,
#: 2B, 971-976). Such handles name a police account or a handle to reserve, never a
#: private person, so they are shown as written (the audit of impostors needs them).
INSTITUTIONAL_RE = re.compile(r"^pnationale(\d{2}|\d{3}|2a|2b)?$", re.IGNORECASE)

#: A Twitter handle in text: ``@`` + 1-15 word characters, not preceded by a word
#: character (so e-mail addresses are left alone).
HANDLE_RE = re.compile(r"(?<![\w@])@(\w{1,15})(?!\w)")


def load_key(data_dir: str | Path | None = None) -> bytes:
    """The pseudonym key: :data:`KEY_ENV`, else ``data_dir/pseudonym.key`` (created).

    Without a data directory and without the variable, a key derived from nothing
    secret is used (for tests and previews only).
    """
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    if data_dir is None:
        return b"pilot_eval-preview-key"
    path = data_paths(data_dir).pseudonym_key
    if path.exists():
        return path.read_text(encoding="ascii").strip().encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(key + "\n", encoding="ascii")
    os.replace(tmp, path)
    return key.encode("ascii")


class Pseudonymiser:
    """Replace handles that are not in ``registry`` by keyed, stable pseudonyms.

    Parameters
    ----------
    registry
        The account registry; its handles (any role, case-insensitive) are public and
        kept as the registry writes them.
    key
        Secret of the keyed hash (see :func:`load_key`).
    """

    def __init__(self, registry: Registry, key: bytes) -> None:
        self.registry = registry
        self.key = key

    def is_public(self, handle: str) -> bool:
        """True when ``handle`` (with or without ``@``) is in the registry or is an
        institutional ``pnationaleNN`` handle (:data:`INSTITUTIONAL_RE`)."""
        name = handle.lstrip("@")
        return self.registry.get(name) is not None or bool(INSTITUTIONAL_RE.match(name))

    def pseudonym(self, handle: str) -> str:
        """The pseudonym of ``handle`` without ``@``: ``utilisateur_3f9a1c``.

        Case-insensitive (Twitter handles are), stable for a given key.
        """
        name = handle.lstrip("@").casefold().encode("utf-8")
        digest = hmac.new(self.key, name, hashlib.sha256).hexdigest()
        return PREFIX + digest[:DIGITS]

    def handle(self, handle: object) -> object:
        """A handle as it may be shown: the registry's spelling or a pseudonym.

        None/NA stays as is. The ``@`` is kept if present.
        """
        if handle is None or (not isinstance(handle, str) and pd.isna(handle)):
            return handle
        text = str(handle)
        at = "@" if text.startswith("@") else ""
        account = self.registry.get(text.lstrip("@"))
        if account is not None:
            return at + account.handle
        if INSTITUTIONAL_RE.match(text.lstrip("@")):
            return text
        return at + self.pseudonym(text)

    def text(self, text: object) -> object:
        """``text`` with every ``@handle`` not in the registry replaced by its pseudonym."""
        if text is None or (not isinstance(text, str) and pd.isna(text)):
            return text
        return HANDLE_RE.sub(lambda m: "@" + str(self.handle(m.group(1))), str(text))

    def handles(self, handles: Iterable[str] | None) -> list[str] | None:
        """A list of handles, each passed through :meth:`handle`."""
        if handles is None:
            return None
        return [str(self.handle(h)) for h in handles]

    def frame(
        self,
        frame: pd.DataFrame,
        *,
        text_columns: Iterable[str] = ("text",),
        handle_columns: Iterable[str] = ("handle", "reply_to", "retweet_of", "quote_of"),
        list_columns: Iterable[str] = ("mentions",),
    ) -> pd.DataFrame:
        """A copy of ``frame`` with private handles pseudonymised in the named columns.

        Columns absent from ``frame`` are ignored; the input is not modified.
        """
        out = frame.copy()
        for col in text_columns:
            if col in out.columns:
                out[col] = out[col].map(self.text)
        for col in handle_columns:
            if col in out.columns:
                out[col] = out[col].map(self.handle)
        for col in list_columns:
            if col in out.columns:
                out[col] = out[col].map(
                    lambda v: v if v is None or not hasattr(v, "__iter__") else self.handles(v)
                )
        return out


def escape(text: object) -> str:
    """HTML-escape ``text`` (quotes included); None/NA gives an empty string."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=True)


def escape_markdown(text: object) -> str:
    """Escape ``text`` for Markdown: HTML-escaped, and Markdown markup made literal."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", escape(text))
