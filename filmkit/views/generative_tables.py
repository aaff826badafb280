"""Module 6's tables and galleries: the artists, one shot, the timings, the memorisation curve, energy.

Column names are English keys (shown translated by :func:`filmkit.views.tables.header`);
what a cell says in words is translated here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from filmkit.i18n import N_, _
from filmkit.model.data import load
from filmkit.model.frames import ARTISTS, FRAMES_PER_SHOT, Footage, artist
from filmkit.model.generative import (
    DIAL,
    MIDDLE,
    MUSH,
    Model,
    energy_wh,
    ghost_share,
    height_of_mass,
    mass,
    memorisation_curve,
    nearest_makers,
    pipeline_seconds,
)
from filmkit.views.generative_frames import Gallery
from filmkit.views.generative_widgets import consent_words


def artists_table(footage: Footage) -> pd.DataFrame:
    """Who made the training frames: style, whether they agreed to training on them, and how many."""
    rows = []
    for a in ARTISTS:
        mine = [r for r in footage.records if r.artist == a.key]
        rows.append({"artist": a.name, "style": _(a.style), "training_use": consent_words(a.key),
                     "frames": len(mine)})
    return pd.DataFrame(rows)


def provenance_table(footage: Footage, ids: list[str]) -> pd.DataFrame:
    """The provenance records of some frames, one row each."""
    by_id = {r.frame_id: r for r in footage.records}
    rows = []
    for frame_id in ids:
        r = by_id[frame_id]
        p = r.parameters
        rows.append({"frame_id": r.frame_id, "artist": artist(r.artist).name, "shot": r.shot, "frame": r.t,
                     "building_blocks": f"{p['columns']} \u00d7 {p['rows']}", "block_px": p["block_px"],
                     "origin": p["origin"], "seed": r.seed})
    return pd.DataFrame(rows)


def makers_table(model: Model, count: int = 24, seed: int = 11) -> pd.DataFrame:
    """Whose training frame is nearest to each of ``count`` generated frames: the model trained on everyone's frames,
    then trained again without each artist in turn (the middle of the memorisation dial)."""
    rows = []
    for left_out in [""] + [a.key for a in ARTISTS]:
        counts = nearest_makers(model, left_out, count, seed)
        rows.append({"trained_without": artist(left_out).name if left_out else _("nobody"),
                     **{artist(key).name: n for key, n in counts.items()}})
    return pd.DataFrame(rows)


def variation_kept(model: Model, counts=(3, 8, 16, 32, 64)) -> list[tuple[int, float]]:
    """(ingredients, share of the training frames' variation they carry), for a few numbers of ingredients."""
    variance = model.spread ** 2
    share = np.cumsum(variance) / variance.sum()
    return [(k, float(share[min(k, len(share)) - 1])) for k in counts]


def shot_gallery(footage: Footage, who: str, shot: int, moments=(1, 4, 7, 10, 12)) -> Gallery:
    """Some frames of one simulated shot, with who made them."""
    name = artist(who).name
    items = []
    for t in moments:
        i = next(k for k, r in enumerate(footage.records) if (r.artist, r.shot, r.t) == (who, shot, t))
        alt = _("Simulated frame {frame} of {total} of {artist}'s shot {shot}.").format(
            frame=t, total=FRAMES_PER_SHOT, artist=name, shot=shot)
        items.append((footage.frames[i], alt, _("frame {frame}").format(frame=t)))
    return Gallery(items, _("{artist}'s shot {shot}, simulated").format(artist=name, shot=shot))


def curve_table(model: Model, count: int = 24) -> pd.DataFrame:
    """The memorisation curve: each setting of the dial, from copies to mush."""
    rows = memorisation_curve(model, count)
    return pd.DataFrame([{"setting": r["position"], "ingredients": r["ingredients"], "bandwidth": r["bandwidth"],
                          "copies": r["copies"], "median_distance": round(r["median_distance"], 3),
                          "half_there_pixels": round(r["ghost_share"], 3), "what_it_makes": _(reading(r))}
                         for r in rows])


def reading(row: dict) -> str:
    """What a setting of the dial makes, in a word (English, marked N_; translate where shown)."""
    if row["copies"] == row["frames"]:
        return N_("copies")
    if row["copies"]:
        return N_("some copies")
    return N_("mush") if row["ghost_share"] > MUSH else N_("new frames")


def plausibility_table(model: Model, shots: int = 4, seed: int = 6) -> pd.DataFrame:
    """Checks a reader can follow, on whole shots: simulated ones against sequences generated at the middle
    of the dial (frame 1, 2, ... 12, each drawn on its own). Mass: material pixels; height: of the material."""
    k, bandwidth = DIAL[MIDDLE]
    made, _starts = model.generate(shots * FRAMES_PER_SHOT, k, bandwidth, seed)
    rows = []
    for label, frames in ((_("simulated"), model.footage.frames), (_("generated"), made)):
        m = mass(frames).reshape(-1, FRAMES_PER_SHOT)
        h = height_of_mass(frames).reshape(-1, FRAMES_PER_SHOT)
        rows.append({"frames": label, "shots": len(m),
                     "mass_change_in_a_shot": round(float((m.max(axis=1) - m.min(axis=1)).mean()), 1),
                     "half_there_pixels": round(float(ghost_share(frames).mean()), 3),
                     "height_at_start": round(float(h[:, 0].mean()), 2),
                     "height_at_end": round(float(h[:, -1].mean()), 2)})
    return pd.DataFrame(rows)


def assumptions() -> pd.DataFrame:
    """The energy assumptions, with their ranges and bases (``data/generative_assumptions.csv``)."""
    return load("generative_assumptions")


def energy_table(frames: int, timings: dict) -> pd.DataFrame:
    """Making ``frames`` frames each way: CPU seconds and watt-hours (low, base, high assumptions)."""
    table = assumptions().set_index("key")
    watts, overhead = table.loc["watts_per_busy_core"], table.loc["overhead"]
    seconds = pipeline_seconds(frames, timings["simulate_per_frame"], timings["generate_per_frame"],
                               timings["training"], timings["training_frames"])
    rows = []
    for key, label in (("simulate", _("simulate every frame")), ("generate", _("generate, generation only")),
                       ("generate_everything", _("generate, counting training data and training"))):
        cpu = seconds[key]
        rows.append({"way": label, "cpu_seconds": round(cpu, 3),
                     **{f"energy_wh_{level}": round(energy_wh(cpu, watts[level], overhead[level]), 5)
                        for level in ("low", "base", "high")}})
    return pd.DataFrame(rows)
