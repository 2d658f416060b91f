"""One typed settings object for a kit process, read from the command line or the environment.

Every field of :class:`Settings` is the ``dialoogkaart serve`` option of the same name (``max_phones``:
``--max-phones``) and the environment variable ``DIALOOGKAART_<FIELD>`` (``DIALOOGKAART_MAX_PHONES``).
An option given on the command line wins over the environment; the defaults are defined here once.
"""

from __future__ import annotations

import argparse
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from kit.core.retention import Retention
from kit.realtime.limits import HOSTED_NEW_PHONE_LIMIT, HOSTED_SESSION_JOIN_LIMIT, NEW_PHONE_LIMIT

ENV_PREFIX = "DIALOOGKAART_"
DEFAULT_MAX_PHONES = 1000
LOG_FORMATS = ("text", "json")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


class SettingError(ValueError):
    """A setting's value in the environment cannot be used; the message names the variable."""

    def __init__(self, variable: str, value: str) -> None:
        super().__init__(f"{variable}={value!r}")
        self.variable = variable
        self.value = value


@dataclass(frozen=True)
class Limits:
    """How the kit guards itself: trusted proxies, the phones it must hold, new participants per minute.

    ``joins_per_address`` and ``joins_per_session`` count new participants per client address and per
    session in one minute; ``joins_per_session`` 0 sets no limit per session.
    """

    forwarded_allow_ips: str = ""
    max_phones: int = DEFAULT_MAX_PHONES
    joins_per_address: int = NEW_PHONE_LIMIT
    joins_per_session: int = 0


@dataclass(frozen=True)
class Settings:
    """How one kit process runs: where it listens and keeps its data, its limits and its retention.

    ``no_jobs`` leaves the app-wide jobs (placing late contributions, erasing expired sessions) to another
    instance on the same database. ``hosted`` serves a partnership: facilitator accounts behind HTTPS at
    ``public_url``; the ``oidc_*`` fields add "sign in with the school's account". ``log_format`` is
    ``text`` or ``json`` (one line per request and per phone event); ``joins_per_address`` and
    ``joins_per_session`` cap new participants per client address and per session per minute (0: the
    mode's default, see :attr:`limits`). ``database`` is the URL of the store's database
    (``postgresql://…`` for several instances); None: the SQLite file in ``data_dir``.
    ``redis`` (``redis://host:6379/0``) joins the instances that share it: events, pushes to phones and
    the limits on new participants go through that Redis server; none keeps them in this process.
    """

    host: str = "0.0.0.0"
    port: int = 8080
    data_dir: Path | None = None
    database: str | None = None
    public_url: str | None = None
    no_browser: bool = False
    forwarded_allow_ips: str = Limits.forwarded_allow_ips
    max_phones: int = Limits.max_phones
    joins_per_address: int = 0
    keep_days: int = Retention.keep_days
    idle_hours: float = Retention.idle_hours
    no_jobs: bool = False
    hosted: bool = False
    log_format: str = "text"
    joins_per_session: int = 0
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    redis: str | None = None

    def __post_init__(self) -> None:
        if self.keep_days < 1:
            raise SettingError(env_name("keep_days"), str(self.keep_days))
        if self.log_format not in LOG_FORMATS:
            raise SettingError(env_name("log_format"), self.log_format)

    @property
    def limits(self) -> Limits:
        """Return the limits part: trusted proxies, phones to hold, new participants per address and session.

        A joins limit left at 0 takes the mode's default: on a laptop 60 per address and none per
        session; hosted (one NAT address for a whole school) 1,000 per address and 150 per session.
        """
        per_address = self.joins_per_address or (HOSTED_NEW_PHONE_LIMIT if self.hosted else NEW_PHONE_LIMIT)
        per_session = self.joins_per_session or (HOSTED_SESSION_JOIN_LIMIT if self.hosted else 0)
        return Limits(self.forwarded_allow_ips, self.max_phones, per_address, per_session)

    @property
    def retention(self) -> Retention:
        """Return how long sessions are kept and when a quiet one counts as ended."""
        return Retention(self.keep_days, self.idle_hours)


def env_name(field: str) -> str:
    """Return the environment variable of settings field ``field``."""
    return ENV_PREFIX + field.upper()


def setting_names() -> list[str]:
    """Return the names of every field of :class:`Settings`, in order."""
    return [field.name for field in fields(Settings)]


def from_environment(environ: Mapping[str, str], base: Settings | None = None) -> Settings:
    """Return ``base`` (the defaults) with every field whose ``DIALOOGKAART_<FIELD>`` is set replaced.

    Raises :class:`SettingError` for a value that does not fit the field's type.
    """
    types_of = get_type_hints(Settings)
    changes: dict[str, Any] = {}
    for name in setting_names():
        variable = env_name(name)
        if variable in environ:
            changes[name] = _parse(types_of[name], variable, environ[variable])
    return replace(base or Settings(), **changes)


def from_command_line(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None, environ: Mapping[str, str]
) -> Settings:
    """Return the settings for ``argv``: the options given there, else the environment, else the defaults.

    ``parser`` is the ``dialoogkaart`` parser; an option counts as given only when it is in ``argv``
    (an option given with its default value still wins over the environment).
    """
    unset = object()
    given = parser.parse_args(argv, namespace=argparse.Namespace(**dict.fromkeys(setting_names(), unset)))
    settings = from_environment(environ)
    flags = {name: getattr(given, name) for name in setting_names() if getattr(given, name, unset) is not unset}
    return replace(settings, **flags)


def _parse(kind: Any, variable: str, text: str) -> Any:
    """Turn the environment's ``text`` into a value of the field type ``kind`` (``X | None``: empty is None)."""
    if get_origin(kind) in (Union, types.UnionType):
        if not text.strip():
            return None
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    try:
        if kind is bool:
            lowered = text.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError(text)
            return lowered in _TRUE
        if kind in (int, float):
            return kind(text.strip())
        if kind is Path:
            return Path(text)
        return text
    except ValueError:
        raise SettingError(variable, text) from None
