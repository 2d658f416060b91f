"""Benchmarks behind ``dialoogkaart bench``: they print figures as JSON, they assert nothing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kit.i18n import t


def run(args: argparse.Namespace) -> int:
    """Run the benchmark named by ``args.bench`` and print its figures; return the exit code."""
    if args.bench == "grouping":
        from kit.grouping.bench import grouping_benchmark

        print(json.dumps(grouping_benchmark(cold=True), indent=2, ensure_ascii=False))
        return 0
    if args.bench == "opinions":
        from kit.bench.opinions import ROOMS, SMALL_ROOMS, opinions_benchmark

        rooms = SMALL_ROOMS if args.small else ROOMS
        print(json.dumps(opinions_benchmark(args.first_seed, args.seeds, args.runs, rooms), indent=2))
        return 0
    if args.bench == "report":
        from kit.bench.report import report_benchmark

        print(json.dumps(report_benchmark(args.runs), indent=2))
        return 0
    if args.bench == "projector":
        from kit.bench.projector import projector_benchmark

        print(json.dumps(projector_benchmark(args.contributions, args.runs), indent=2))
        return 0
    if args.bench == "abuse":
        from kit.bench.abuse import abuse_benchmark

        print(json.dumps(abuse_benchmark(), indent=2))
        return 0
    if getattr(args, "via_caddy", False):
        return _load_via_caddy(args)
    if args.instances > 1:
        return _load_on_instances(args)
    from kit.bench.load import load_benchmark

    figures = load_benchmark(
        phones=args.phones, contributions=args.contributions, connected=args.connected, window=args.window,
        database=args.database, redis=args.redis,
    )
    print(json.dumps(figures, indent=2))
    return 0 if _complete(figures) else 1


def _complete(figures: dict[str, Any]) -> bool:
    return bool(figures["lost"] == 0 and figures["joined"] == figures["connected_at_once"])


def _load_on_instances(args: argparse.Namespace) -> int:
    """The load on one kit, then on ``args.instances`` kits; exit code 1 when a run lost or refused phones."""
    from kit.bench.instances import load_on_one_and_many

    if not args.redis:
        print(t("cli.bench_needs_redis", "nl"), file=sys.stderr)
        return 2
    figures = load_on_one_and_many(args.instances, args.phones, args.contributions, args.connected, args.window,
                                   args.database, args.redis)
    print(json.dumps(figures, indent=2))
    return 0 if all(_complete(figures[run]) for run in ("one_instance", "instances")) else 1


def _load_via_caddy(args: argparse.Namespace) -> int:
    """The load benchmark straight and through Caddy; exit code 1 when a run lost or refused phones."""
    from kit.bench.caddy import caddy_command
    from kit.bench.load_via_caddy import load_direct_and_via_caddy
    from kit.bench.login_time import login_times

    if caddy_command() is None:
        print(t("cli.bench_no_caddy", "nl"), file=sys.stderr)
        return 1
    figures = load_direct_and_via_caddy(args.phones, args.contributions, args.connected, args.window)
    figures["login"] = login_times()
    print(json.dumps(figures, indent=2))
    runs = (figures["direct"], figures["via_caddy"])
    return 0 if all(run["lost"] == 0 and run["joined"] == run["connected_at_once"] for run in runs) else 1
