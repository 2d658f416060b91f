"""``dialoogkaart bench opinions``: how well the opinion groups recover planted camps, and how fast.

Per room (camps, people, statements, share of reactions given, 10 % noise) over ``seeds`` seeds:
the adjusted Rand index of the groups against the camps (people placed only; 0 when no groups were
found), the precision of "what we share" (a shared statement must be recognised by every camp),
the precision of "where we differ" (the group's camp takes that side and another camp the other),
the share of the planted shared statements called shared (recall),
and the median time of one computation (wall clock and processor time: on a busy machine the first
grows with other people's work, the second does not). A room of one camp checks that no groups are invented.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from typing import Any

from sklearn.metrics import adjusted_rand_score

from kit.bench.planted_room import PlantedRoom, planted_room
from kit.opinions import OpinionGroups, Stance, find_opinion_groups

# (camps, people, statements, share of reactions given)
ROOMS: tuple[tuple[int, int, int, float], ...] = (
    (2, 30, 40, 0.5),
    (3, 30, 40, 0.5),
    (2, 30, 40, 0.3),
    (1, 30, 40, 0.5),
    (2, 120, 120, 0.3),
    (3, 120, 120, 0.5),
    (4, 120, 120, 0.7),
    (1, 120, 120, 0.5),
    (2, 300, 300, 0.7),
    (3, 300, 300, 0.5),
    (4, 300, 300, 0.3),
)
SMALL_ROOMS = ((2, 30, 40, 0.5), (1, 30, 40, 0.5))
TUNING_SEEDS = range(0, 20)  # the thresholds were chosen on these; report on others


def opinions_benchmark(
    first_seed: int = 1000, seeds: int = 10, runs: int = 3, rooms: tuple[tuple[int, int, int, float], ...] = ROOMS
) -> dict[str, Any]:
    """Return the figures per room over seeds ``first_seed`` .. ``first_seed + seeds - 1``."""
    return {
        "seeds": [first_seed, first_seed + seeds - 1],
        "noise": 0.1,
        "rooms": [_room_figures(room, range(first_seed, first_seed + seeds), runs) for room in rooms],
    }


def _room_figures(room: tuple[int, int, int, float], seeds: range, runs: int) -> dict[str, Any]:
    camps, people, statements, given = room
    aris, found, shared_ok, shared_all, apart_ok, apart_all, one_camp_shared, times = [], 0, 0, 0, 0, 0, 0, []
    planted_shared, cpu_times = 0, []
    for seed in seeds:
        plant = planted_room(camps, people, statements, given, seed=seed)
        result, seconds, cpu_seconds = _timed(plant, runs)
        times.append(seconds)
        cpu_times.append(cpu_seconds)
        found += result.found
        planted_shared += sum(plant.shared(cid) for cid in {c for _, c, _ in plant.marks})
        aris.append(_ari(plant, result))
        for cid in result.consensus:
            shared_all += 1
            shared_ok += plant.shared(cid)
            one_camp_shared += sum(s == 1 for s in plant.stances[cid]) == 1 and camps > 1
        for camp, group in zip(_camps_of(plant, result), result.groups, strict=True):
            for rep in group.representative:
                apart_all += 1
                apart_ok += plant.sets_apart(rep.contribution_id, camp, 1 if rep.stance is Stance.RECOGNISE else -1)
    return {
        "camps": camps, "people": people, "statements": statements, "given": given,
        "ari_mean": round(statistics.fmean(aris), 3), "ari_min": round(min(aris), 3),
        "rooms_with_groups": f"{found}/{len(seeds)}",
        "shared_precision": _share(shared_ok, shared_all), "shared_called": shared_all,
        "shared_recall": _share(shared_ok, planted_shared),
        "one_camp_called_shared": one_camp_shared,
        "differ_precision": _share(apart_ok, apart_all), "differ_called": apart_all,
        "median_ms": round(1000 * statistics.median(times), 1),
        "median_cpu_ms": round(1000 * statistics.median(cpu_times), 1),
    }


def _timed(plant: PlantedRoom, runs: int) -> tuple[OpinionGroups, float, float]:
    """Return the result and the median wall-clock and processor seconds of ``runs`` computations."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = find_opinion_groups(plant.marks)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return result, statistics.median(times), statistics.median(cpu)


def _ari(plant: PlantedRoom, result: OpinionGroups) -> float:
    """ARI over the placed people; a room without groups puts everyone in one (ARI 0 unless one camp)."""
    placed = [p.participant_id for p in result.positions]
    if not placed:
        return 0.0
    truth = [plant.camp_of[p] for p in placed]
    found = [result.group_of(p) or "" for p in placed]
    return float(adjusted_rand_score(truth, found)) if len(set(truth)) > 1 else float(len(set(found)) == 1)


def _camps_of(plant: PlantedRoom, result: OpinionGroups) -> list[int]:
    """Return, per group, the planted camp most of its people come from."""
    return [Counter(plant.camp_of[p] for p in g.participants).most_common(1)[0][0] for g in result.groups]


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None
