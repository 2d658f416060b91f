"""``dialoogkaart facilitator ...``: manage a hosted kit's facilitator accounts from the server's shell."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kit.i18n import t, tn
from kit.settings import env_name

if TYPE_CHECKING:
    from kit.store.sqlite import SqliteStore

_WITH_LINK = ("add", "reset")


def add_facilitator_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    """Add ``facilitator add|list|disable|enable|reset|remove`` to the command's subcommands."""
    parser = commands.add_parser("facilitator", help=t("cli.help.facilitator", lang))
    which = parser.add_subparsers(dest="facilitator", metavar="ACTION", required=True)
    for name in ("add", "list", "disable", "enable", "reset", "remove"):
        action = which.add_parser(name, help=t(f"cli.help.facilitator_{name}", lang))
        if name != "list":
            action.add_argument("email", metavar="EMAIL", help=t("cli.help.facilitator_email", lang))
        if name == "add":
            action.add_argument("--admin", action="store_true", help=t("cli.help.facilitator_admin", lang))
        if name in _WITH_LINK:
            action.add_argument("--public-url", default=None, help=t("cli.help.public_url", lang))
        action.add_argument("--data-dir", type=Path, default=None, help=t("cli.help.data_dir", lang))


def facilitator_command(
    args: argparse.Namespace, environ: Mapping[str, str], lang: str,
    stdout: TextIO | None = None, stderr: TextIO | None = None,
) -> int:
    """Run one ``facilitator`` action on the database in the data folder; return the exit code.

    ``add`` and ``reset`` print the one-time invite link as their last line. A refusal (no such
    address, an address taken, no public address to build the link on) is one message on stderr, exit 1.
    """
    from kit.core.accounts import AccountRefused
    from kit.web.account_texts import refusal_message

    out, err = stdout or sys.stdout, stderr or sys.stderr
    public_url = ""
    if args.facilitator in _WITH_LINK:
        public_url = args.public_url or environ.get(env_name("public_url"), "")
        if problem := _public_url_problem(public_url, lang):
            print(problem, file=err)
            return 1
    data_dir = args.data_dir or _data_dir(environ)
    try:
        for line in _ACTIONS[args.facilitator](args, data_dir, public_url, lang):
            print(line, file=out)
    except AccountRefused as refused:
        print(refusal_message(refused, lang), file=err)
        return 1
    return 0


def _public_url_problem(url: str, lang: str) -> str | None:
    if not url.strip():
        return t("cli.facilitator.no_public_url", lang)
    if not url.startswith(("https://", "http://")) or len(url.split("://", 1)[1].strip("/")) == 0:
        return t("cli.facilitator.bad_public_url", lang, url=url)
    return None


def _data_dir(environ: Mapping[str, str]) -> Path:
    if folder := environ.get(env_name("data_dir"), "").strip():
        return Path(folder)
    from kit.app import default_data_dir

    return default_data_dir()


def _add(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.core.accounts import add_facilitator

    invitation = add_facilitator(_store(data_dir), args.email, admin=args.admin)
    role = t(f"account.role.{'admin' if args.admin else 'facilitator'}", lang)
    return [t("cli.facilitator.added", lang, email=invitation.facilitator.email, role=role),
            *_link_lines(public_url, invitation.token, lang)]


def _reset(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.core.accounts import reset_facilitator

    invitation = reset_facilitator(_store(data_dir), args.email)
    return [t("cli.facilitator.reset", lang, email=invitation.facilitator.email),
            *_link_lines(public_url, invitation.token, lang)]


def _link_lines(public_url: str, token: str, lang: str) -> list[str]:
    from kit.core.accounts import INVITE_DAYS
    from kit.web.account_texts import invite_link

    return [t("cli.facilitator.invite", lang, days=INVITE_DAYS), invite_link(public_url, token)]


def _list(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.core.accounts import list_facilitators
    from kit.web.account_texts import account_role, account_state, last_login

    accounts = list_facilitators(_store(data_dir))
    if not accounts:
        return [t("cli.facilitator.none", lang)]
    return [t("cli.facilitator.row", lang, email=account.email, role=account_role(account.admin, lang),
              state=account_state(account.disabled, account.password_hash is not None, lang),
              login=last_login(account.last_login, lang)) for account in accounts]


def _disable(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.core.accounts import disable_facilitator

    return [t("cli.facilitator.disabled", lang, email=disable_facilitator(_store(data_dir), args.email).email)]


def _enable(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.core.accounts import enable_facilitator

    return [t("cli.facilitator.enabled", lang, email=enable_facilitator(_store(data_dir), args.email).email)]


def _remove(args: argparse.Namespace, data_dir: Path, public_url: str, lang: str) -> list[str]:
    from kit.app import load_cards
    from kit.core.accounts import clean_email, remove_facilitator
    from kit.core.engine import Engine

    count = remove_facilitator(Engine(_store(data_dir), load_cards()), args.email)
    return [tn("cli.facilitator.removed", count, lang, email=clean_email(args.email))]


def _store(data_dir: Path) -> SqliteStore:
    from kit.store.sqlite import SqliteStore

    return SqliteStore.in_folder(data_dir)


_ACTIONS: dict[str, Callable[[argparse.Namespace, Path, str, str], list[str]]] = {
    "add": _add, "list": _list, "disable": _disable, "enable": _enable, "reset": _reset,
    "remove": _remove,
}
