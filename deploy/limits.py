"""Limits per student: memory, processes and a CPU share, so one runaway kernel cannot stop the class.

Where the hub may write cgroups (v2, or v1's memory, pids and cpu controllers), every student's
server and kernels go into a cgroup of their own under ``filmkit-hub/<hub>/<name>``: a memory limit
(the kernel that allocates past it is killed, not its classmates), at most so many processes, an
equal CPU share with every other student and at most one core. Elsewhere the same numbers become
rlimits of each process (data size, processes per account): weaker (per process, not per student) but
enough to stop a loop that allocates memory.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
PARENT = "filmkit-hub"


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024  # per student: server + kernels (deploy/capacity.json, capacity.z2jh.memory_limit)
    processes: int = 512   # tasks (threads count) per student
    cpu_cores: float = 1.0  # at most this many cores per student; shares are equal between students

    def as_dict(self) -> dict:
        return {"memory_mb": self.memory_mb, "processes": self.processes, "cpu_cores": self.cpu_cores}


def mode() -> str:
    """``"v2"``, ``"v1"`` or ``"rlimit"``: how limits are applied on this machine."""
    if os.geteuid() != 0:
        return "rlimit"
    if (CGROUP / "cgroup.controllers").exists() and os.access(CGROUP, os.W_OK):
        return "v2"
    if all(os.access(CGROUP / c, os.W_OK) for c in ("memory", "pids", "cpu")):
        return "v1"
    return "rlimit"


def _write(path: Path, value) -> None:
    path.write_text(f"{value}\n")


def prepare(hub_id: str, name: str, limits: Limits) -> list[Path]:
    """Make (or reset) the student's cgroups with the limits; return the folders a process joins."""
    how = mode()
    memory = limits.memory_mb * 1024 * 1024
    period = 100_000
    if how == "v2":
        parent = CGROUP / PARENT
        parent.mkdir(exist_ok=True)
        _write(CGROUP / "cgroup.subtree_control", "+memory +pids +cpu")
        _write(parent / "cgroup.subtree_control", "+memory +pids +cpu")
        hub = parent / hub_id
        hub.mkdir(exist_ok=True)
        _write(hub / "cgroup.subtree_control", "+memory +pids +cpu")
        group = hub / name
        group.mkdir(exist_ok=True)
        _write(group / "memory.max", memory)
        _write(group / "pids.max", limits.processes)
        _write(group / "cpu.weight", 100)
        _write(group / "cpu.max", f"{int(limits.cpu_cores * period)} {period}")
        return [group]
    if how == "v1":
        groups = []
        for controller in ("memory", "pids", "cpu"):
            group = CGROUP / controller / PARENT / hub_id / name
            group.mkdir(parents=True, exist_ok=True)
            groups.append(group)
        mem, pids, cpu = groups
        _write(mem / "memory.limit_in_bytes", memory)
        _write(pids / "pids.max", limits.processes)
        _write(cpu / "cpu.shares", 1024)
        _write(cpu / "cpu.cfs_period_us", period)
        _write(cpu / "cpu.cfs_quota_us", int(limits.cpu_cores * period))
        return groups
    return []


def weigh_class(hub_id: str, students: int) -> None:
    """Give the class, as a whole, the CPU weight its students' processes would have without cgroups.

    A cgroup competes with the machine's other processes as one: left at the default weight, a class
    of 30 would share the CPU like a single process, and the hub's own work (or anything else on the
    machine) would crowd it out. Within the class every student still gets an equal share.
    """
    how = mode()
    if how == "v2":
        weight = min(10_000, 100 * max(1, students))
        for group in (CGROUP / PARENT, CGROUP / PARENT / hub_id):
            group.mkdir(exist_ok=True)
            _write(CGROUP / "cgroup.subtree_control", "+memory +pids +cpu")
            _write(group / "cgroup.subtree_control", "+memory +pids +cpu")
            _write(group / "cpu.weight", max(weight, int((group / "cpu.weight").read_text())))
    elif how == "v1":
        shares = min(262_144, 1024 * max(1, students))
        for group in (CGROUP / "cpu" / PARENT, CGROUP / "cpu" / PARENT / hub_id):
            group.mkdir(exist_ok=True)
            _write(group / "cpu.shares", max(shares, int((group / "cpu.shares").read_text())))


def hub_group(hub_id: str, students: int) -> list[Path]:
    """A cgroup for the hub and its proxy, as heavy on the CPU as the whole class: every click and every
    widget message goes through them, so they must not wait behind thirty kernels running a notebook."""
    return weighted_group(Path(PARENT) / hub_id / "hub", students)


def weighted_group(path: Path, processes: int) -> list[Path]:
    """A CPU cgroup at ``path`` (under the cgroup root) weighing as much as ``processes`` ordinary processes."""
    how = mode()
    if how == "rlimit":
        return []
    group = CGROUP / path if how == "v2" else CGROUP / "cpu" / path
    group.mkdir(parents=True, exist_ok=True)
    if how == "v2":
        _write(group / "cpu.weight", min(10_000, 100 * max(1, processes)))
    else:
        _write(group / "cpu.shares", min(262_144, 1024 * max(1, processes)))
    return [group]


def join(groups: list[Path]) -> None:
    """Move the calling process into the groups (its children follow)."""
    for group in groups:
        _write(group / "cgroup.procs", os.getpid())


def enter(groups: list[Path], limits: Limits) -> None:
    """In the student's server process, before it drops root: join the cgroups, or set rlimits."""
    join(groups)
    if not groups:
        data = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (data, data))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))


def usage(hub_id: str, name: str) -> dict:
    """The student's current memory (MB) and the times the memory limit was hit, where cgroups are used."""
    how = mode()
    try:
        if how == "v2":
            group = CGROUP / PARENT / hub_id / name
            events = dict(line.split() for line in (group / "memory.events").read_text().splitlines())
            return {"memory_mb": int((group / "memory.current").read_text()) / 2 ** 20,
                    "oom_kills": int(events.get("oom_kill", 0))}
        if how == "v1":
            group = CGROUP / "memory" / PARENT / hub_id / name
            control = dict(line.split() for line in (group / "memory.oom_control").read_text().splitlines())
            return {"memory_mb": int((group / "memory.usage_in_bytes").read_text()) / 2 ** 20,
                    "oom_kills": int(control.get("oom_kill", 0))}
    except (OSError, ValueError):
        pass
    return {}


def remove(hub_id: str) -> None:
    """Remove the hub's cgroups (once its processes have exited); what is still in use stays."""
    tops = [CGROUP / PARENT / hub_id] if mode() == "v2" else [CGROUP / c / PARENT / hub_id
                                                              for c in ("memory", "pids", "cpu")]
    for top in tops:
        if not top.is_dir():
            continue
        for group in sorted(top.iterdir(), reverse=True):
            if group.is_dir():
                try:
                    group.rmdir()
                except OSError:
                    pass
        try:
            top.rmdir()
        except OSError:
            pass
