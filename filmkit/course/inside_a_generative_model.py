"""Module 6, inside a generative model: simulate the collapse, or generate it."""

from __future__ import annotations

from functools import lru_cache

from filmkit.i18n import money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.arguments import check_seed
from filmkit.model.data import load
from filmkit.model.frames import ARTISTS, FRAMES_PER_SHOT, SIZE, Footage, simulate
from filmkit.model.generative import (
    COPY_DISTANCE,
    DIAL,
    MIDDLE,
    Model,
    break_even,
    generation_seconds,
    pipeline_seconds,
    train,
)
from filmkit.views.generative_tables import (
    artists_table,
    assumptions,
    curve_table,
    energy_table,
    makers_table,
    plausibility_table,
    provenance_table,
    shot_gallery,
    variation_kept,
)
from filmkit.views.generative_widgets import (
    ProvenanceView,
    memorisation_dial,
    provenance_view,
    round_gallery,
    spot_the_frame,
)
from filmkit.views.tables import show_table


def studio(seed: int = 2025) -> tuple[Footage, Model]:
    """The training footage (every artist's simulated shots) and the model trained on it, made once per seed."""
    check_seed(seed)  # before the cache, which cannot hold a list
    return _studio(int(seed))


@lru_cache(maxsize=2)
def _studio(seed: int) -> tuple[Footage, Model]:
    footage = simulate(seed=seed)
    return footage, train(footage)


def timings(footage: Footage, model: Model) -> dict:
    """CPU seconds measured on this computer: per simulated frame, per generated frame, training; and the
    break-even number of frames (counting the simulated training frames and the training)."""
    measured = {"simulate_per_frame": footage.cpu_seconds / len(footage),
                "generate_per_frame": generation_seconds(model), "training": model.cpu_seconds,
                "training_frames": len(footage)}
    measured["break_even"] = break_even(measured["simulate_per_frame"], measured["generate_per_frame"],
                                        measured["training"], measured["training_frames"])
    return measured


__all__ = [
    "ARTISTS",
    "COPY_DISTANCE",
    "DIAL",
    "FRAMES_PER_SHOT",
    "MIDDLE",
    "ProvenanceView",
    "SIZE",
    "artists_table",
    "assumptions",
    "break_even",
    "curve_table",
    "energy_table",
    "load",
    "makers_table",
    "memorisation_dial",
    "money",
    "ngettext",
    "number",
    "percent",
    "pipeline_seconds",
    "plausibility_table",
    "provenance_table",
    "provenance_view",
    "ratio",
    "set_language",
    "shot_gallery",
    "show_table",
    "round_gallery",
    "spot_the_frame",
    "studio",
    "timings",
    "tr",
    "variation_kept",
]
