"""The ``dialoogkaart`` command: serve the kit, check a card, group texts, run benchmarks."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from kit import __version__
from kit.cli_language import speak
from kit.facilitator_cli import add_facilitator_parser, facilitator_command
from kit.i18n import t
from kit.settings import LOG_FORMATS, SettingError, Settings, from_command_line


def _lang() -> str:
    return "nl"


def _add_serve_options(parser: argparse.ArgumentParser, defaults: bool = True) -> None:
    """Add the serving options; without ``defaults`` an option left out keeps the top level's value."""
    lang = _lang()

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--host", default=default("0.0.0.0"), help=t("cli.help.host", lang))
    parser.add_argument("--port", type=_port, default=default(8080), help=t("cli.help.port", lang))
    parser.add_argument("--data-dir", type=Path, default=default(None), help=t("cli.help.data_dir", lang))
    parser.add_argument("--database", default=default(None), metavar="URL", help=t("cli.help.database", lang))
    parser.add_argument("--public-url", default=default(None), help=t("cli.help.public_url", lang))
    parser.add_argument("--no-browser", action="store_true", default=default(False),
                        help=t("cli.help.no_browser", lang))
    parser.add_argument("--forwarded-allow-ips", default=default(""), metavar="IPS",
                        help=t("cli.help.forwarded_allow_ips", lang))
    parser.add_argument("--max-phones", type=_at_least_one, default=default(1000), help=t("cli.help.max_phones", lang))
    parser.add_argument("--joins-per-address", type=int, default=default(0), metavar="N",
                        help=t("cli.help.joins_per_address", lang))
    parser.add_argument("--keep-days", type=_positive, default=default(30), help=t("cli.help.keep_days", lang))
    parser.add_argument("--idle-hours", type=float, default=default(12.0), help=t("cli.help.idle_hours", lang))
    parser.add_argument("--no-jobs", action="store_true", default=default(False), help=t("cli.help.no_jobs", lang))
    parser.add_argument("--hosted", action="store_true", default=default(False), help=t("cli.help.hosted", lang))
    parser.add_argument("--log-format", choices=LOG_FORMATS, default=default("text"),
                        help=t("cli.help.log_format", lang))
    parser.add_argument("--joins-per-session", type=int, default=default(0), metavar="N",
                        help=t("cli.help.joins_per_session", lang))
    parser.add_argument("--oidc-issuer", default=default(None), metavar="URL", help=t("cli.help.oidc_issuer", lang))
    parser.add_argument("--oidc-client-id", default=default(None), metavar="ID",
                        help=t("cli.help.oidc_client_id", lang))
    parser.add_argument("--oidc-client-secret", default=default(None), metavar="SECRET",
                        help=t("cli.help.oidc_client_secret", lang))
    parser.add_argument("--redis", default=default(None), metavar="URL", help=t("cli.help.redis", lang))


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.keep_days_positive", _lang()))
    return value


def _port(text: str) -> int:
    value = _whole(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(t("cli.port_range", _lang(), value=text))
    return value


def _at_least_one(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.at_least_one", _lang(), value=text))
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.not_a_number", _lang(), value=text)) from None


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    lang = _lang()
    speak(lang)
    parser = argparse.ArgumentParser(prog="dialoogkaart", description=t("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"dialoogkaart {__version__}",
                        help=t("cli.help.version", lang))
    _add_serve_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help=t("cli.help.serve", lang))
    _add_serve_options(serve, defaults=False)

    check = commands.add_parser("check-card", help=t("cli.help.check_card", lang))
    check.add_argument("file", help=t("cli.help.card_file", lang))

    group = commands.add_parser("group", help=t("cli.help.group", lang))
    group.add_argument("file", help=t("cli.help.group_file", lang))
    group.add_argument("--card", default=None, help=t("cli.help.group_card", lang))
    group.add_argument("--format", choices=["json", "text"], default="text", help=t("cli.help.group_format", lang))
    group.add_argument("--board", default=None, help=t("cli.help.group_board", lang))

    bench = commands.add_parser("bench", help=t("cli.help.bench", lang))
    which = bench.add_subparsers(dest="bench", metavar="BENCHMARK", required=True)
    load = which.add_parser("load", help=t("cli.help.bench_load", lang))
    load.add_argument("--phones", type=_at_least_one, default=500, help=t("cli.help.bench_phones", lang))
    load.add_argument("--contributions", type=_at_least_one, default=3, help=t("cli.help.bench_contributions", lang))
    load.add_argument("--connected", type=int, default=0, help=t("cli.help.bench_connected", lang))
    load.add_argument("--window", type=float, default=60.0, help=t("cli.help.bench_window", lang))
    load.add_argument("--database", default=None, metavar="URL", help=t("cli.help.bench_database", lang))
    load.add_argument("--via-caddy", action="store_true", help=t("cli.help.bench_via_caddy", lang))
    load.add_argument("--instances", type=_at_least_one, default=1, metavar="N",
                      help=t("cli.help.bench_instances", lang))
    load.add_argument("--redis", default=None, metavar="URL", help=t("cli.help.bench_redis", lang))
    which.add_parser("grouping", help=t("cli.help.bench_grouping", lang))
    opinions = which.add_parser("opinions", help=t("cli.help.bench_opinions", lang))
    opinions.add_argument("--first-seed", type=int, default=1000, help=t("cli.help.bench_first_seed", lang))
    opinions.add_argument("--seeds", type=_at_least_one, default=10, help=t("cli.help.bench_seeds", lang))
    opinions.add_argument("--runs", type=_at_least_one, default=3, help=t("cli.help.bench_runs", lang))
    opinions.add_argument("--small", action="store_true", help=t("cli.help.bench_small", lang))
    report = which.add_parser("report", help=t("cli.help.bench_report", lang))
    report.add_argument("--runs", type=_at_least_one, default=5, help=t("cli.help.bench_runs", lang))
    which.add_parser("abuse", help=t("cli.help.bench_abuse", lang))
    projector = which.add_parser("projector", help=t("cli.help.bench_projector", lang))
    projector.add_argument("--contributions", type=_at_least_one, default=300, help=t("cli.help.bench_room", lang))
    projector.add_argument("--runs", type=_at_least_one, default=5, help=t("cli.help.bench_runs", lang))

    export = commands.add_parser("export", help=t("export.cli.help", lang))
    export.add_argument("code", metavar="SESSION_CODE", help=t("export.cli.help_code", lang))
    export.add_argument("--format", choices=["docx", "html", "md", "csv", "json"], default="md",
                        help=t("export.cli.help_format", lang))
    export.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=t("cli.help.data_dir", lang))
    export.add_argument("--database", default=None, metavar="URL", help=t("cli.help.database", lang))
    export.add_argument("--out", default=None, help=t("export.cli.help_out", lang))
    export.add_argument("--lang", choices=["nl", "en"], default=None, help=t("export.cli.help_lang", lang))
    add_facilitator_parser(commands, lang)
    return parser


def port_in_use(host: str, port: int) -> bool:
    """True when nothing can listen on ``host``:``port`` because something already does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def serve_command(settings: Settings) -> int:
    """Start the kit's server as ``settings`` say (blocks until stopped); return the exit code."""
    lang = _lang()
    host, port = settings.host, settings.port
    from kit.app import default_data_dir
    from kit.cli_checks import folder_problem, host_problem, oidc_problem, store_problem

    if settings.hosted and not (settings.public_url or "").strip():
        print(t("cli.hosted_needs_public_url", lang), file=sys.stderr)
        return 1
    folder = settings.data_dir or default_data_dir()
    problem = (oidc_problem(settings, lang) or folder_problem(folder, lang)
               or store_problem(settings.database, folder, lang) or host_problem(host, port, lang))
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    if port_in_use(host, port):
        print(t("cli.port_in_use", lang, port=port, next=port + 1), file=sys.stderr)
        return 1
    from kit.server import run  # imports NiceGUI, which is slow: only when serving

    run(settings)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``dialoogkaart`` command with ``argv``; return its exit code.

    Whatever goes wrong ends in a message on stderr and exit code 1, never in a traceback: the
    subcommands say what they know; anything else is named in one line (Ctrl+C ends with 130, a
    closed pipe such as ``| head`` quietly).
    """
    args = build_parser().parse_args(argv)
    try:
        return _run(args, argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as error:  # a bug of ours must still not end in a traceback for the facilitator
        print(t("cli.unexpected", _lang(), error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's exit does not complain about the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (captured): nothing to flush there
        pass


def _run(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    if args.command == "check-card":
        from kit.core.card_cli import check_card_command

        return int(check_card_command(args.file, _lang()))
    if args.command == "group":
        from kit.grouping.cli import group_command

        return int(group_command(args.file, args.card, args.format, _lang(), board=args.board))
    if args.command == "export":
        from kit.app import default_data_dir
        from kit.export.cli import export_command

        return export_command(args.code, args.format, args.data_dir or default_data_dir(), args.out, _lang(), args.lang,
                              database=args.database or os.environ.get("DIALOOGKAART_DATABASE") or None)
    if args.command == "facilitator":
        return facilitator_command(args, os.environ, _lang())
    if args.command == "bench":
        from kit import bench

        return int(bench.run(args))
    try:
        settings = from_command_line(build_parser(), argv, os.environ)
    except SettingError as error:
        print(t("cli.bad_setting", _lang(), variable=error.variable, value=error.value), file=sys.stderr)
        return 2
    return serve_command(settings)


if __name__ == "__main__":
    sys.exit(main())
