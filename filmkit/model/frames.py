"""A toy of the Eternaut shot made the traditional way: a simulation of a building collapsing.

Each shot is a few dozen small grayscale frames (``SIZE`` x ``SIZE`` pixels, 0 = sky, 1 = building
material). Blocks are released from where the collapse starts, fall under gravity, break into
fragments when they hit hard, and pile up; no two pieces ever overlap, so the number of material
pixels is the same in every frame of a shot (a check a generated frame can fail).

Every frame carries its provenance: the artist who set up the simulation, the shot's parameters,
its seed and the CPU seconds the frame cost. The four artists are fictional; each has a style.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from filmkit.i18n import N_, _
from filmkit.model.arguments import check_seed

SIZE = 32            #: frames are SIZE x SIZE pixels
FRAMES_PER_SHOT = 12
SUBSTEPS = 6         #: physics steps per frame: more steps, more CPU time, smoother falls


@dataclass(frozen=True)
class Artist:
    """A (fictional) simulation artist: a style, and whether they agreed to training on their frames."""

    key: str
    name: str
    style: str           # English, marked N_ (translated where shown)
    consented: bool
    columns: tuple[int, int]     # building width in blocks (low, high)
    rows: tuple[int, int]        # building height in blocks
    block: int                   # block size in pixels
    origin: str                  # where the collapse starts: "base", "left" or "right"
    spread: float                # sideways speed of pieces (pixels per frame)
    break_chance: float          # chance a block breaks into fragments when it lands hard


ARTISTS = (
    Artist("ana", "Ana", N_("tall towers that drop straight down"), True, (3, 4), (7, 9), 3, "base", 0.3, 0.2),
    Artist("bruno", "Bruno", N_("wide blocks that shatter into debris"), True, (5, 7), (3, 4), 3, "base", 1.2, 0.8),
    Artist("chen", "Chen", N_("buildings that fall to the right"), True, (4, 5), (5, 7), 2, "right", 1.5, 0.3),
    Artist("dolores", "Dolores", N_("buildings that fall to the left"), False, (4, 5), (5, 7), 2, "left", 1.5, 0.3),
)
ARTIST_KEYS = tuple(a.key for a in ARTISTS)


def artist(key: str) -> Artist:
    for a in ARTISTS:
        if a.key == key:
            return a
    raise ValueError(_("artist: {value} is not one of {choices}").format(value=repr(key), choices=", ".join(ARTIST_KEYS)))


@dataclass(frozen=True)
class Provenance:
    """Who made one frame, and how."""

    frame_id: str
    artist: str
    shot: int
    t: int                       # frame number within the shot
    seed: int
    parameters: dict = field(default_factory=dict, compare=False)
    cpu_seconds: float = 0.0     # the frame's share of its shot's simulation time


@dataclass
class Footage:
    """Frames (n x SIZE x SIZE, values 0-1) with one provenance record each."""

    frames: np.ndarray
    records: list[Provenance]
    cpu_seconds: float           # CPU time the simulation took, all frames

    def __len__(self) -> int:
        return len(self.records)

    def artists(self) -> np.ndarray:
        return np.array([r.artist for r in self.records])

    def select(self, keep: np.ndarray) -> "Footage":
        keep = np.asarray(keep, dtype=bool)
        share = float(keep.mean()) if len(keep) else 0.0
        return Footage(self.frames[keep], [r for r, k in zip(self.records, keep) if k], self.cpu_seconds * share)


class _Piece:
    __slots__ = ("x", "y", "w", "vx", "vy", "release", "fragment")

    def __init__(self, x, y, w, release, fragment=False):
        self.x, self.y, self.w = float(x), float(y), w
        self.vx = self.vy = 0.0
        self.release, self.fragment = release, fragment


def _free(grid: np.ndarray, x: int, y: int, w: int) -> bool:
    if x < 0 or y < 0 or x + w > SIZE or y + w > SIZE:
        return False
    return not grid[y:y + w, x:x + w].any()


def _mark(grid: np.ndarray, p: _Piece, value: bool) -> None:
    x, y = int(round(p.x)), int(round(p.y))
    grid[y:y + p.w, x:x + p.w] = value


def _step(grid: np.ndarray, p: _Piece, x: int, y: int, dx: int, dy: int, target: int) -> tuple[int, int, bool]:
    """Move one pixel at a time along x (dx) or y (dy) towards ``target``; stop before a collision."""
    while (x if dx else y) != target:
        if not _free(grid, x + dx, y + dy, p.w):
            return x, y, True
        x, y = x + dx, y + dy
    return x, y, False


def _move(grid: np.ndarray, p: _Piece, dt: float, gravity: float) -> bool:
    """Move one piece through the others; True if it hit something while falling."""
    _mark(grid, p, False)
    x, y = int(round(p.x)), int(round(p.y))
    p.vy += gravity * dt
    ny, nx = p.y + p.vy * dt, p.x + p.vx * dt
    target = int(round(ny))
    x, y, hit = _step(grid, p, x, y, 0, 1 if target > y else -1, target)
    p.y = float(y) if hit else ny
    if hit:
        p.vy, p.vx = 0.0, p.vx * 0.5
        nx = p.x
    target = int(round(nx))
    x, y, blocked = _step(grid, p, x, y, 1 if target > x else -1, 0, target)
    p.x = float(x) if blocked else nx
    if blocked:
        p.vx = 0.0
    _mark(grid, p, True)
    return hit


def simulate_shot(who: Artist, shot: int, seed: int) -> tuple[np.ndarray, dict, float]:
    """One collapse: (frames, the shot's parameters, CPU seconds)."""
    start = time.process_time()
    rng = np.random.default_rng(seed)
    columns = int(rng.integers(who.columns[0], who.columns[1] + 1))
    rows = int(rng.integers(who.rows[0], who.rows[1] + 1))
    b = who.block
    width = columns * b
    x_left = int(rng.integers(2, SIZE - width - 1))
    gravity = float(rng.uniform(0.25, 0.4))
    params = {"columns": columns, "rows": rows, "block_px": b, "x_left": x_left, "origin": who.origin,
              "spread": who.spread, "break_chance": who.break_chance, "gravity": round(gravity, 3)}
    grid = np.zeros((SIZE, SIZE), dtype=bool)
    pieces = []
    for r in range(rows):
        for c in range(columns):
            y = SIZE - (r + 1) * b
            x = x_left + c * b
            if who.origin == "base":       # the outer base gives way first, then the middle: it drops in place
                d = r + 0.5 * ((columns - 1) / 2 - abs(c - (columns - 1) / 2))
            elif who.origin == "right":    # the right-hand base gives way first: it falls to the right
                d = (columns - 1 - c) + 0.4 * r
            else:
                d = c + 0.4 * r
            p = _Piece(x, y, b, release=1 + 0.6 * d + rng.uniform(0, 0.8))
            pieces.append(p)
            _mark(grid, p, True)
    push = {"base": 0.0, "left": -1.0, "right": 1.0}[who.origin]
    base_floors = max(1, rows // 3)
    frames = np.zeros((FRAMES_PER_SHOT, SIZE, SIZE))
    dt = 1.0 / SUBSTEPS
    for t in range(FRAMES_PER_SHOT):
        for s in range(SUBSTEPS):
            now = t + s * dt
            born = []
            for p in sorted((q for q in pieces if q.w), key=lambda q: -q.y):     # lowest first: they make room for those above
                if now < p.release:
                    continue
                if not p.fragment and p.w and now - p.release < dt:    # released now
                    p.vx = who.spread * (push + rng.uniform(-1, 1)) * 0.5
                    if p.y >= SIZE - base_floors * p.w:    # the lowest floors give way: the collapse starts
                        born += _eject(grid, p, x_left, width, push, rng)
                        continue
                speed = p.vy
                if _move(grid, p, dt, gravity) and speed > 1.2 and not p.fragment and rng.random() < who.break_chance:
                    born += _shatter(grid, p, who.spread, push, rng)
            if born:
                pieces = [p for p in pieces if p.w > 0] + born
        frames[t] = grid
    return frames, params, time.process_time() - start


def _shatter(grid: np.ndarray, p: _Piece, spread: float, push: float, rng) -> list[_Piece]:
    """Break a landed block into one-pixel fragments in the same place (the material is kept)."""
    _mark(grid, p, False)
    x, y = int(round(p.x)), int(round(p.y))
    out = []
    for dy in range(p.w):
        for dx in range(p.w):
            f = _Piece(x + dx, y + dy, 1, release=0.0, fragment=True)
            side = (x + dx) - (x + (p.w - 1) / 2) + rng.uniform(-1, 1)   # outwards from the block's centre
            f.vx, f.vy = spread * (push + side) * 1.5, -rng.uniform(0.2, 1.0)
            out.append(f)
            _mark(grid, f, True)
    p.w = 0
    return out


def _eject(grid: np.ndarray, p: _Piece, x_left: int, width: int, push: float, rng) -> list[_Piece]:
    """A base block gives way: its material is thrown out beside the building as one-pixel debris (the same
    amount), on the side the building falls to (both sides when it drops in place), and falls from there."""
    _mark(grid, p, False)
    y0 = int(round(p.y))
    out = []
    for _ in range(p.w * p.w):
        right = push > 0 or (push == 0 and rng.random() < 0.5)
        for _attempt in range(80):
            reach = int(rng.integers(1, 13))
            x = x_left + width - 1 + reach if right else x_left - reach
            y = y0 + p.w - 1 - int(rng.integers(0, 4))
            if 0 <= x < SIZE and 0 <= y < SIZE and not grid[y, x]:
                break
            right = not right if push == 0 else right
        else:
            x, y = int(np.argmin(grid.sum(axis=0))), 0     # nowhere beside it: the emptiest column, from the top
            while grid[y, x]:
                y += 1
        f = _Piece(x, y, 1, release=0.0, fragment=True)
        f.vx = push * rng.uniform(0, 1)
        out.append(f)
        _mark(grid, f, True)
    p.w = 0
    return out


def simulate(shots_per_artist: int = 5, seed: int = 2025, artists: tuple[str, ...] = ARTIST_KEYS) -> Footage:
    """Every artist's shots, frames in order, with their provenance: the training data of the toy."""
    if isinstance(shots_per_artist, bool) or not isinstance(shots_per_artist, (int, np.integer)) or shots_per_artist < 1:
        raise ValueError(_("shots_per_artist: {value} is not a whole number of shots of at least 1").format(
            value=repr(shots_per_artist)))
    check_seed(seed)
    frames, records, total = [], [], 0.0
    for a_index, key in enumerate(artists):
        who = artist(key)
        for shot in range(shots_per_artist):
            shot_seed = seed * 1000 + a_index * 100 + shot
            shot_frames, params, cpu = simulate_shot(who, shot, shot_seed)
            total += cpu
            frames.append(shot_frames)
            for t in range(FRAMES_PER_SHOT):
                records.append(Provenance(f"{key}-{shot + 1}-{t + 1:02d}", key, shot + 1, t + 1, shot_seed, params,
                                          cpu / FRAMES_PER_SHOT))
    return Footage(np.concatenate(frames), records, total)
