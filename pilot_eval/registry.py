"""The account registry (SPEC section 3): which accounts exist and what they are.

The registry is a TOML file with one ``[[account]]`` table per account. Handles are
matched case-insensitively and reported as the registry writes them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    import pandas as pd

from pilot_eval.config import DEFAULT_REGISTRY, TIMEZONE
from pilot_eval.errors import UserError

ROLES = ("pilot", "national", "comparator", "impostor")
#: Roles whose accounts are measured (impostors are only audited).
MEASURED_ROLES = ("pilot", "national", "comparator")


@dataclass(frozen=True)
class Account:
    """One registry entry. ``opened``: the local day the account had 0 followers."""

    handle: str
    name: str
    role: str
    department: str | None = None
    opened: date | None = None
    lang: str = "fr"
    timezone: str = TIMEZONE

    @property
    def measured(self) -> bool:
        """True for pilot, national and comparator accounts."""
        return self.role in MEASURED_ROLES


@dataclass(frozen=True)
class Registry:
    """The accounts of a registry file, in file order."""

    accounts: tuple[Account, ...]
    path: Path | None = None

    def __iter__(self):
        return iter(self.accounts)

    def __len__(self) -> int:
        return len(self.accounts)

    def get(self, handle: str) -> Account | None:
        """The account whose handle matches ``handle`` case-insensitively, or None."""
        key = handle.lstrip("@").casefold()
        for account in self.accounts:
            if account.handle.casefold() == key:
                return account
        return None

    def require(self, handle: str) -> Account:
        """Like :meth:`get`, but an unknown handle is a :class:`UserError`."""
        account = self.get(handle)
        if account is None:
            known = ", ".join(a.handle for a in self.measured())
            raise UserError(f"unknown handle '{handle}': not in the account registry ({known})")
        return account

    def canonical(self, handle: str | None) -> str | None:
        """The handle as the registry writes it, or the input unchanged if unknown."""
        if handle is None:
            return None
        account = self.get(handle)
        return account.handle if account else handle

    def require_measured(self) -> list[Account]:
        """:meth:`measured`, but a registry without any is a :class:`UserError`."""
        accounts = self.measured()
        if not accounts:
            where = f" {self.path}" if self.path else ""
            raise UserError(
                f"the account registry{where} has no pilot, national or comparator account to measure"
            )
        return accounts

    def measured(self) -> list[Account]:
        """Pilot, national and comparator accounts, in registry order."""
        return [a for a in self.accounts if a.measured]

    def by_role(self, role: str) -> list[Account]:
        """Accounts with ``role``."""
        return [a for a in self.accounts if a.role == role]

    def to_frame(self) -> pd.DataFrame:
        """One row per account: handle, name, role, department, opened, lang, timezone."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "handle": a.handle,
                    "name": a.name,
                    "role": a.role,
                    "department": a.department,
                    "opened": a.opened,
                    "lang": a.lang,
                    "timezone": a.timezone,
                }
                for a in self.accounts
            ],
            columns=["handle", "name", "role", "department", "opened", "lang", "timezone"],
        )


def _account(entry: dict, where: str) -> Account:
    missing = [k for k in ("handle", "name", "role") if not entry.get(k)]
    if missing:
        raise UserError(f"{where}: missing {', '.join(missing)}")
    role = str(entry["role"])
    if role not in ROLES:
        raise UserError(f"{where}: role '{role}' is not one of {', '.join(ROLES)}")
    opened = entry.get("opened")
    if isinstance(opened, datetime):
        raise UserError(
            f"{where}: opened '{opened}' must be a date YYYY-MM-DD, not a date and time"
        )
    if opened is not None and not isinstance(opened, date):
        try:
            opened = date.fromisoformat(str(opened))
        except ValueError:
            raise UserError(f"{where}: opened '{opened}' is not a date YYYY-MM-DD") from None
    timezone = str(entry.get("timezone", TIMEZONE))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"{where}: timezone '{timezone}' is not an IANA time zone such as Europe/Paris"
        ) from None
    department = entry.get("department")
    return Account(
        handle=str(entry["handle"]).lstrip("@"),
        name=str(entry["name"]),
        role=role,
        department=None if department is None else str(department),
        opened=opened,
        lang=str(entry.get("lang", "fr")),
        timezone=timezone,
    )


def load_registry(path: str | Path | None = None) -> Registry:
    """Read a registry TOML file; ``None`` reads the registry shipped in the package.

    Raises :class:`UserError` for a missing or malformed file, an unknown role, a bad
    date, or a handle listed twice.
    """
    file = Path(path) if path is not None else DEFAULT_REGISTRY
    try:
        raw = file.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise UserError(f"account registry not found: {file}") from None
    except UnicodeDecodeError as exc:  # TOML is UTF-8; a spreadsheet may save Latin-1
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"registry file {file} is not UTF-8 text "
            f"(byte 0x{raw[exc.start]:02X} on line {line}): save it as UTF-8"
        ) from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"cannot read account registry {file}: {exc}") from None
    entries = data.get("account")
    if not isinstance(entries, list) or not entries:
        raise UserError(f"{file}: no [[account]] tables")
    accounts = tuple(_account(e, f"{file.name}, account {i + 1}") for i, e in enumerate(entries))
    seen: set[str] = set()
    for a in accounts:
        if a.handle.casefold() in seen:
            raise UserError(f"{file.name}: handle '{a.handle}' is listed twice")
        seen.add(a.handle.casefold())
    return Registry(accounts=accounts, path=file)
