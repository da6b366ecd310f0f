"""The invented member's effort over time, shared by both generators: busy and quiet weeks that show up across
several files at once, so the SSI pillars computed from the activity carry a signal an analysis can recover."""

from __future__ import annotations

import math
import random

# The four kinds of effort; each file family follows one (posting drives Shares, engaging drives Reactions, ...).
EFFORTS = ("post", "engage", "search", "network")


def weekly_efforts(rng: random.Random, weeks: int, persistence: float, noise: float) -> dict[str, list[float]]:
    """Return, per kind of effort, `weeks` positive levels around 1: an AR(1) process in log space
    (x = persistence * x + N(0, noise), starting from N(0, 0.5)), drawn from `rng` kind by kind."""
    out = {}
    for kind in EFFORTS:
        x, levels = rng.gauss(0, 0.5), []
        for _ in range(weeks):
            x = persistence * x + rng.gauss(0, noise)
            levels.append(math.exp(x))
        out[kind] = levels
    return out
