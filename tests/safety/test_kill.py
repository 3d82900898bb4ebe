"""A writer killed with SIGKILL at random moments loses nothing it reported and leaves nothing half done."""

from __future__ import annotations

import random
import os
import signal
import time

from tests.safety.conftest import audit, writer

KILLS = 110


def test_sigkill_at_random_moments_never_loses_or_half_writes(seeded_db):
    rng = random.Random(20261123)
    proc = writer("forker", seeded_db)
    reported = {"A": set(), "B": set()}
    rounds_with_writes = 0
    try:
        for round_no in range(KILLS):
            proc.stdin.write(f"go {round_no}\n")
            proc.stdin.flush()
            started = proc.stdout.readline().split()
            assert started[0] == "started", started
            wrote = 0
            if round_no % 2 == 0:  # every other round: certainly in the middle of writing
                kind, value = proc.stdout.readline().split()
                reported[kind].add(value)
                wrote += 1
            # otherwise anywhere from opening the file onwards
            time.sleep(rng.uniform(0.0, 0.1) if round_no % 2 == 0 else rng.uniform(0.02, 0.15))
            os.kill(int(started[1]), signal.SIGKILL)
            for line in iter(proc.stdout.readline, ""):
                kind, value = line.split()
                if kind == "reaped":
                    break
                reported[kind].add(value)
                wrote += 1
            rounds_with_writes += wrote > 0

            state = audit(seeded_db)
            assert state["integrity"] == ["ok"], f"round {round_no}"
            assert state["fk"] == [], f"round {round_no}"
            assert reported["A"] <= state["A"], f"round {round_no}: reported customers missing"
            assert reported["B"] <= state["B"], f"round {round_no}: reported concerns missing"
            assert state["partial"] == set(), f"round {round_no}: half-written operations"
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
    assert rounds_with_writes >= KILLS // 2
    print(f"{KILLS} kills, {len(reported['A'])} customer and {len(reported['B'])} concern operations reported")
