"""A small generative model of the toy collapse frames, and what it costs next to simulating them.

The model has two parts a non-coder can picture:

1. **Ingredients** (principal components, from numpy's linear algebra): a few "basic images"; every frame is
   the average frame plus a recipe, an amount of each ingredient. Few ingredients keep only the
   broad shapes (blurry frames); all of them keep every detail.
2. **Where the recipes sit** (a kernel density): the training frames' recipes are points; a new
   frame takes one training recipe of the same moment of the shot and moves it a random step of
   size ``bandwidth`` (in units of the recipes' spread). Bandwidth 0 with every ingredient kept
   gives back a training frame exactly: the model has memorised its data.

Everything is seeded: the same seed gives the same frames, on any machine.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from filmkit.i18n import _
from filmkit.model.frames import FRAMES_PER_SHOT, SIZE, Footage

#: RMS pixel distance (0-1 scale) under which a generated frame counts as a copy of a training frame
COPY_DISTANCE = 0.02
#: a pixel is "half there" (neither sky nor material) between these values: a real block is one or the other
GHOST = (0.25, 0.75)
#: frames with more half-there pixels than this share read as mush (blurred training frames)
MUSH = 0.12

#: The dial setting (an index of DIAL) the provenance view and the game use: new frames that still look
#: like the training frames
MIDDLE = 2

#: The memorisation dial, from "copies its training frames" to "blurs into mush": (ingredients, bandwidth).
#: ``None`` ingredients: all of them.
DIAL = [(None, 0.0), (None, 0.1), (64, 0.25), (32, 0.5), (16, 0.8), (8, 1.2), (3, 1.5)]


class ModelError(ValueError):
    """A model cannot be trained or used with these arguments (the message says which and why)."""


def _count(name: str, value, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low or (high and value > high):
        if high:
            raise ModelError(_("{name}: {value} is not a whole number from {low} to {high}").format(
                name=name, value=repr(value), low=low, high=high))
        raise ModelError(_("{name}: {value} is not a whole number of at least {low}").format(
            name=name, value=repr(value), low=low))
    return int(value)


def _amount(name: str, value, low: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) \
            or not math.isfinite(value) or value < low:
        raise ModelError(_("{name}: {value} is not a number of at least {low}").format(
            name=name, value=repr(value), low=low))
    return float(value)


@dataclass
class Model:
    """A trained model: the average frame, the ingredients and every training frame's recipe."""

    footage: Footage              # the training frames and their provenance
    mean: np.ndarray              # (pixels,)
    basis: np.ndarray             # (k_max, pixels): the ingredients, most important first
    recipes: np.ndarray           # (n, k_max): each training frame's amount of each ingredient
    spread: np.ndarray            # (k_max,): the recipes' spread, per ingredient
    times: np.ndarray             # (n,): the moment of the shot of each training frame (1..FRAMES_PER_SHOT)
    cpu_seconds: float            # training time
    _pixels_by_frame: np.ndarray | None = field(default=None, repr=False)   # training pixels, one column a frame
    _squares: np.ndarray | None = field(default=None, repr=False)

    @property
    def ingredients(self) -> int:
        return len(self.basis)

    def generate(self, count: int, ingredients: int | None = None, bandwidth: float = 0.5, seed: int = 0,
                 times=None) -> tuple[np.ndarray, np.ndarray]:
        """``count`` new frames (count x SIZE x SIZE, clipped to 0-1), and the training frame each started from.

        Frame i is made for the moment ``times[i]`` of a shot (default: 1, 2, ... in turn), from a training
        frame of that moment chosen at random.
        """
        count = _count("count", count, 1)
        k = self.ingredients if ingredients is None else _count("ingredients", ingredients, 1)
        k = min(k, self.ingredients)
        bandwidth = _amount("bandwidth", bandwidth)
        rng = np.random.default_rng(_count("seed", seed, 0))
        times = np.arange(count) % FRAMES_PER_SHOT + 1 if times is None else np.asarray(times)
        starts = np.empty(count, dtype=int)
        for i, t in enumerate(times):
            pool = np.flatnonzero(self.times == t)
            starts[i] = rng.choice(pool if len(pool) else np.arange(len(self.times)))
        noise = rng.standard_normal((count, self.ingredients))[:, :k]
        recipes = self.recipes[starts, :k] + bandwidth * noise * self.spread[:k]
        pixels = self.mean + np.einsum("ij,jk->ik", recipes, self.basis[:k])   # as in nearest()
        return np.clip(pixels, 0.0, 1.0).reshape(count, SIZE, SIZE), starts

    def nearest(self, frames: np.ndarray, n: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """For each frame, the ``n`` closest training frames: (indexes, RMS pixel distances), closest first."""
        flat = np.asarray(frames, dtype=float).reshape(len(frames), -1)
        if self._pixels_by_frame is None:   # kept: the training pixels, one column a frame, contiguous
            train = self.footage.frames.reshape(len(self.footage), -1).astype(float)
            self._pixels_by_frame, self._squares = np.ascontiguousarray(train.T), (train ** 2).sum(axis=1)
        # einsum, not @: for these small products numpy's own loop beats waking the BLAS threads on a busy machine
        squared = (flat ** 2).sum(1)[:, None] + self._squares[None, :] \
            - 2 * np.einsum("ij,jk->ik", flat, self._pixels_by_frame)
        distance = np.sqrt(np.maximum(squared, 0.0) / flat.shape[1])
        n = min(_count("n", n, 1), len(self._squares))
        order = np.argsort(distance, axis=1, kind="stable")[:, :n]
        return order, np.take_along_axis(distance, order, axis=1)

    def without(self, artist: str) -> "Model":
        """The same model trained again without one artist's frames."""
        keep = self.footage.artists() != artist
        if keep.all():
            known = ", ".join(sorted(set(self.footage.artists())))
            raise ModelError(_("artist: {value} made none of the training frames (they are by {known})").format(
                value=repr(artist), known=known))
        return train(self.footage.select(keep))


def train(footage: Footage) -> Model:
    """Fit the ingredients (SVD of the centred frames) and keep every training frame's recipe."""
    if not isinstance(footage, Footage) or len(footage) < 2:
        raise ModelError(_("footage: training needs simulated frames (at least 2), e.g. simulate()"))
    start = time.process_time()
    flat = footage.frames.reshape(len(footage), -1).astype(float)
    if not np.isfinite(flat).all():
        raise ModelError(_("footage: some frames hold values that are not numbers; simulate them again"))
    mean = flat.mean(axis=0)
    centred = flat - mean
    # The SVD through the small frames x frames matrix (n x n instead of n x pixels): the same ingredients,
    # a fraction of the work while there are fewer frames than pixels.
    if len(flat) < flat.shape[1]:
        eigen, u = np.linalg.eigh(centred @ centred.T)
        order = np.argsort(eigen)[::-1]
        eigen, u = np.maximum(eigen[order], 0.0), u[:, order]
        s = np.sqrt(eigen)
        keep = s > s[0] * 1e-6 if s[0] > 0 else np.zeros_like(s, dtype=bool)
        vt = (u[:, keep].T @ centred) / s[keep, None]
    else:
        _u, s, vt = np.linalg.svd(centred, full_matrices=False)
        keep = s > s[0] * 1e-9 if s[0] > 0 else np.zeros_like(s, dtype=bool)
        vt = vt[keep]
    # A fixed sign for each ingredient (its largest pixel positive), so every machine draws the same frames.
    signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    vt = vt * signs[:, None]
    recipes = centred @ vt.T
    spread = recipes.std(axis=0)
    times = np.array([r.t for r in footage.records])
    return Model(footage, mean, vt, recipes, spread, times, time.process_time() - start)


# ---- what a generated frame looks like next to the training frames -------------------------------------

def mass(frames: np.ndarray) -> np.ndarray:
    """Material in each frame, in pixels (a simulated shot keeps the same mass in every frame)."""
    return np.asarray(frames).reshape(len(frames), -1).sum(axis=1)


def ghost_share(frames: np.ndarray) -> np.ndarray:
    """Share of each frame's pixels that are half there: 0 for a simulated frame, high for a blurry one."""
    flat = np.asarray(frames).reshape(len(frames), -1)
    return ((flat > GHOST[0]) & (flat < GHOST[1])).mean(axis=1)


def height_of_mass(frames: np.ndarray) -> np.ndarray:
    """How high the material sits, in pixels above the ground (it should fall during a collapse)."""
    f = np.asarray(frames).reshape(len(frames), SIZE, SIZE)
    heights = SIZE - 0.5 - np.arange(SIZE)            # row 0 is the top of the frame
    total = f.sum(axis=(1, 2))
    return np.where(total > 0, (f.sum(axis=2) * heights).sum(axis=1) / np.maximum(total, 1e-12), 0.0)


def memorisation_curve(model: Model, count: int = 24, seed: int = 6) -> list[dict]:
    """Each setting of the dial: how close the generated frames sit to the training frames, and how blurry."""
    rows = []
    for position, (k, bandwidth) in enumerate(DIAL):
        frames, _starts = model.generate(count, k, bandwidth, seed)
        _index, distance = model.nearest(frames)
        rows.append({"position": position + 1, "ingredients": min(k or model.ingredients, model.ingredients),
                     "bandwidth": bandwidth, "median_distance": float(np.median(distance[:, 0])),
                     "copies": int((distance[:, 0] < COPY_DISTANCE).sum()), "frames": count,
                     "ghost_share": float(ghost_share(frames).mean())})
    return rows


def nearest_makers(model: Model, left_out: str = "", count: int = 24, seed: int = 11) -> dict[str, int]:
    """Whose training frame is nearest to each of ``count`` frames generated at the middle of the dial, by
    artist key; ``left_out``: the model is first trained again without that artist's frames."""
    trained = model.without(left_out) if left_out else model
    k, bandwidth = DIAL[MIDDLE]
    made, _starts = trained.generate(count, k, bandwidth, seed)
    makers = trained.footage.artists()[trained.nearest(made)[0][:, 0]]
    return {key: int((makers == key).sum()) for key in dict.fromkeys(model.footage.artists())}


# ---- simulate or generate: time, break-even, energy ----------------------------------------------------

def generation_seconds(model: Model, count: int = 240, ingredients: int | None = 32, bandwidth: float = 0.5,
                       repeats: int = 5) -> float:
    """CPU seconds per generated frame (best of ``repeats``: the least disturbed by other work)."""
    best = math.inf
    for r in range(_count("repeats", repeats, 1)):
        start = time.process_time()
        model.generate(count, ingredients, bandwidth, seed=r)
        best = min(best, time.process_time() - start)
    return max(best, 1e-9) / count


def break_even(simulate_per_frame: float, generate_per_frame: float, training: float, training_frames: int) -> float:
    """Frames from which generating costs less than simulating, counting the simulated training frames
    and the training: N with N x simulate = training_frames x simulate + training + N x generate.
    Infinite if generating a frame costs as much as simulating one."""
    simulate_per_frame = _amount("simulate_per_frame", simulate_per_frame)
    generate_per_frame = _amount("generate_per_frame", generate_per_frame)
    training = _amount("training", training)
    training_frames = _count("training_frames", training_frames, 0)
    saving = simulate_per_frame - generate_per_frame
    if saving <= 0:
        return math.inf
    return (training_frames * simulate_per_frame + training) / saving


def pipeline_seconds(frames: int, simulate_per_frame: float, generate_per_frame: float, training: float,
                     training_frames: int) -> dict:
    """CPU seconds to make ``frames`` frames each way; "generate" counts only the generation,
    "generate, everything" also the training and the simulated training data."""
    frames = _count("frames", frames, 1)
    simulate = frames * _amount("simulate_per_frame", simulate_per_frame)
    generate = frames * _amount("generate_per_frame", generate_per_frame)
    everything = generate + _amount("training", training) + _count("training_frames", training_frames, 0) \
        * simulate_per_frame
    return {"simulate": simulate, "generate": generate, "generate_everything": everything,
            "speedup_generation_only": simulate / generate if generate else math.inf,
            "speedup_everything": simulate / everything if everything else math.inf}


def energy_wh(cpu_seconds: float, watts_per_core: float, overhead: float = 1.0) -> float:
    """Energy in watt-hours: CPU seconds x power of one busy core x the rest of the computer (overhead)."""
    return _amount("cpu_seconds", cpu_seconds) * _amount("watts_per_core", watts_per_core) \
        * _amount("overhead", overhead, 1.0) / 3600.0
