"""A class on one machine: N students on a local JupyterHub, all running module 2 and moving the explorer.

    sudo python benchmarks/class_load.py                 # 30 students + 1 runaway, 10 moves each, ~6 min on 2 cores
    sudo python benchmarks/class_load.py --students 5 --moves 3 --no-runaway
    sudo python benchmarks/class_load.py --report deploy/capacity.json   # the figures deploy/z2jh/config.yaml uses

The hub is a class hub as `filmkit hub start` runs it: one Unix account per student (named
``fk-bench-...``, removed at the end), each server in the student's own cgroups (memory, processes,
CPU share). First one student works alone (the baseline), then N students arrive over --ramp seconds.
Each logs in with their own password, starts a server, pulls the student release with nbgitpuller,
runs module 2 top to bottom and moves explorer sliders --moves times, with think time between moves.
With them arrives one more student whose kernel allocates memory in a loop (again after each time it
is stopped) until the class is done. Printed: time to ready and notebook run time (p50/p95), widget
update latency under load against the student alone, memory per student, failures, what the runaway
got, and a capacity estimate with its assumptions.

Needs root, the hub installed (the [hub] extra, npm ci --prefix deploy) and the students' environment
(`filmkit hub setup`). Loopback only, free ports, a temporary folder; stops by itself after --max-minutes
and removes everything it started, accounts included.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy import accounts, classroom, limits, hub as hubmod  # noqa: E402

MODULE_2 = "kit/notebooks/02_cost_and_time.ipynb"
# Sliders a student moves, with the values they choose between (inside each slider's range).
MOVES = [
    ("Shots in the sequence", list(range(1, 51))),
    ("Review rounds", list(range(1, 11))),
    ("Team, AI-assisted (people)", list(range(1, 21))),
    ("Regional rate factor (x US rates)", [round(0.1 + 0.05 * i, 2) for i in range(29)]),
    ("Generation price (USD per generated second)", [round(0.05 * i, 2) for i in range(1, 40)]),
]
MIB = 1024 * 1024
#: what the runaway student's kernel runs: 50 MB more every step, for ever
RUNAWAY = "hoard = []\nwhile True:\n    hoard.append(b'x' * 50_000_000)"


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def student_processes():
    """Each student's processes (server and kernels), found by the JUPYTERHUB_USER their server carries."""
    import psutil
    found = {}
    for proc in psutil.process_iter():
        try:
            user = proc.environ().get("JUPYTERHUB_USER")
        except (psutil.Error, OSError):
            continue
        if user:
            found.setdefault(user, []).append(proc)
    return found


def measure_memory_and_cpu(names):
    import psutil
    per = {}
    for user, procs in student_processes().items():
        if user not in names:
            continue
        uss = rss = cpu = 0.0
        for proc in procs:
            try:
                info = proc.memory_full_info()
                uss += info.uss
                rss += info.rss
                t = proc.cpu_times()
                cpu += t.user + t.system
            except psutil.Error:
                pass
        per[user] = {"uss_mb": uss / MIB, "rss_mb": rss / MIB, "cpu_s": cpu, "processes": len(procs)}
    return per


class Run:
    def __init__(self, args, hub, deadline):
        self.args, self.hub, self.deadline = args, hub, deadline
        self.results, self.lock = {}, threading.Lock()
        self.unfinished = 0  # students of the class who have not yet run module 2 to the end

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise classroom.StudentError("the benchmark's time limit was reached")
        return left

    def _ran(self, name):
        if not name.endswith("-solo"):
            with self.lock:
                self.unfinished -= 1

    def runaway(self, name, start_at, report):
        """Log in with the class, then allocate memory in a loop in the kernel, again each time it is stopped."""
        try:
            time.sleep(max(0.0, start_at - time.monotonic()))
            s = classroom.Student(self.hub.url, name, self.hub.new_passwords[name])
            s.login()
            s.start_server(timeout=min(300, self.remaining()))
            s.pull(self.hub.repo_url, hubmod.BRANCH, timeout=min(300, self.remaining()))
            while self.unfinished > 0 and time.monotonic() < self.deadline:
                kernel = s.open_kernel(MODULE_2)
                report["runs"] += 1
                try:
                    reply = kernel.execute(RUNAWAY, timeout=min(120, self.remaining()))
                    report["errors"].append("; ".join(reply.errors)[:200] or "finished")
                except Exception as exc:  # noqa: BLE001 - the kernel was stopped under it: that is the point
                    report["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
                kernel.close()
                usage = limits.usage(self.hub.hub_id, name)
                report["oom_kills"] = usage.get("oom_kills")
                report["memory_mb"] = usage.get("memory_mb")
        except Exception as exc:  # noqa: BLE001
            report["errors"].append(f"{type(exc).__name__}: {exc}"[:200])

    def student(self, name, start_at, rng):
        result = {"name": name, "latencies": [], "busy": [], "steady": [], "error": None}
        counted = False
        try:
            delay = start_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            t0 = time.monotonic()
            s = classroom.Student(self.hub.url, name, self.hub.new_passwords[name])
            s.login()
            result["login_s"] = time.monotonic() - t0
            s.start_server(timeout=min(300, self.remaining()))
            result["ready_s"] = time.monotonic() - t0
            self.remaining()
            s.pull(self.hub.repo_url, hubmod.BRANCH, timeout=min(300, self.remaining()))
            result["pulled_s"] = time.monotonic() - t0
            t1 = time.monotonic()
            kernel, _cells = s.run_notebook(MODULE_2)
            result["run_s"] = time.monotonic() - t1
            self._ran(name)
            counted = True
            explorer = classroom.Explorer(kernel)
            for _ in range(self.args.moves):
                time.sleep(rng.uniform(0.5, 1.5) * self.args.think)
                self.remaining()
                label, values = rng.choice(MOVES)
                current = kernel.widgets[explorer.slider(label)]["value"]
                value = rng.choice([v for v in values if v != current])
                reply, before, after = explorer.move(label, value)
                if after == before:
                    raise classroom.StudentError(f"moving {label!r} to {value} changed no number")
                result["latencies"].append(reply.seconds)
                with self.lock:  # were classmates still starting and running module 2?
                    busy = self.unfinished > 0
                result["busy" if busy else "steady"].append(reply.seconds)
            result["done_s"] = time.monotonic() - t0
            result["student"] = s
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            result["error"] = f"{type(exc).__name__}: {exc}"
            if not counted:
                self._ran(name)
            result["trace"] = traceback.format_exc(limit=3)
        with self.lock:
            self.results[name] = result
            done = len(self.results)
        status = "FAILED " + result["error"] if result["error"] else (
            f"ready {result['ready_s']:.1f} s, notebook {result['run_s']:.1f} s, "
            f"moves p50 {1000 * statistics.median(result['latencies'] or [0]):.0f} ms")
        print(f"  [{done:>3}] {name}: {status}", flush=True)
        return result


def summarise(values, scale=1.0, digits=2):
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(percentile(values, 50) * scale, digits),
            "p95": round(percentile(values, 95) * scale, digits), "max": round(max(values) * scale, digits)}


def round_up(x, step):
    return math.ceil(x / step - 1e-9) * step


def capacity(args, cores, total_gb, solo, load, memory, base_used_mb, loaded_used_mb, ok):
    """Students per core and per GB from the measured figures, and the Kubernetes requests they imply."""
    uss = [m["uss_mb"] for m in memory.values()]
    per_student_mb = percentile(uss, 95) if uss else None
    machine_mb = (loaded_used_mb - base_used_mb) / max(1, len(memory))
    start_cpu = [m["cpu_s"] for m in memory.values()]
    cpu_per_student = percentile(start_cpu, 50) if start_cpu else None
    # Burst: everyone clicks the link at once; each student's start (server, pull, kernel, Run All,
    # the moves) costs cpu_per_student core-seconds; allow a 2-minute window at 70 % of a core.
    window_s, util = 120, 0.7
    per_core_burst = window_s * util / cpu_per_student if cpu_per_student else None
    # Steady use: one update every `think_real` seconds costs the update's time alone on a core.
    think_real = 15.0
    update_s = solo["latency_ms"]["p50"] / 1000 if solo.get("latency_ms", {}).get("n") else None
    per_core_steady = util * think_real / update_s if update_s else None
    # Memory: the measured 95th percentile of a student's server and kernel (unique memory), plus 25 %
    # headroom for a second notebook or a heavier module, and 1.5 GB kept for the system and the hub.
    mem_each_gb = per_student_mb * 1.25 / 1024 if per_student_mb else None
    per_gb = 1 / mem_each_gb if mem_each_gb else None
    by_cores = math.floor(cores * min(per_core_burst or 0, per_core_steady or 0))
    by_memory = math.floor(max(0.0, total_gb - 1.5) * per_gb) if per_gb else 0
    guarantee_mb = round_up(per_student_mb * 1.25, 64) if per_student_mb else None
    limit_mb = max(1024, round_up(max(uss) * 2, 256)) if uss else None
    return {
        "students_per_core": round(min(per_core_burst or 0, per_core_steady or 0), 1),
        "students_per_core_burst": round(per_core_burst, 1) if per_core_burst else None,
        "students_per_core_steady": round(per_core_steady, 1) if per_core_steady else None,
        "students_per_gb": round(per_gb, 2) if per_gb else None,
        "this_machine": {"cores": cores, "memory_gb": round(total_gb, 1), "by_cores": by_cores,
                         "by_memory": by_memory, "students": min(by_cores, by_memory)},
        "memory_per_student_mb_p95": round(per_student_mb, 1) if per_student_mb else None,
        "machine_memory_per_student_mb": round(machine_mb, 1),
        "cpu_seconds_per_student_p50": round(cpu_per_student, 2) if cpu_per_student else None,
        "assumptions": [
            f"burst: every student clicks the link within {window_s} s; a student's start and the module 2 run "
            f"cost the measured median CPU seconds; cores busy at most {int(util * 100)} %",
            f"steady: a student moves a control every {think_real:.0f} s on average; an update costs its solo "
            f"latency in CPU time on one core; cores busy at most {int(util * 100)} %",
            "students per core is the smaller of burst and steady",
            "memory: 95th percentile of a student's server plus kernel (unique set size) after module 2 and "
            "the moves, +25 % for a second notebook or heavier module; 1.5 GB kept for the system and the hub",
            f"measured with {len(memory)} students on this machine ({ok} finished without failure)",
        ],
        "z2jh": {
            "cpu_guarantee": round(round_up(cores / max(1, ok), 0.05), 2),
            "cpu_limit": 1.0,
            "memory_guarantee": f"{int(guarantee_mb)}M" if guarantee_mb else None,
            "memory_limit": f"{int(limit_mb)}M" if limit_mb else None,
            "rules": ["cpu_guarantee: this machine's cores divided by the students it served (rounded up to 0.05)",
                      "cpu_limit: one core (a notebook's cells run on one core)",
                      "memory_guarantee: memory per student p95 +25 %, rounded up to 64 MiB",
                      "memory_limit: twice the largest student, rounded up to 256 MiB, at least 1 GiB "
                      "(modules 3-5 and a second open notebook were not measured)"],
        },
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="students in the class (default 30, at most 200)")
    parser.add_argument("--moves", type=int, default=10, help="explorer moves per student (default 10)")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time between moves, s (default 2)")
    parser.add_argument("--ramp", type=float, default=30.0, help="students arrive over this many seconds (default 30)")
    parser.add_argument("--max-minutes", type=float, default=20.0, help="stop after this long (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-runaway", action="store_true", help="without the student who allocates memory")
    parser.add_argument("--memory-mb", type=int, default=limits.Limits.memory_mb, help="memory limit per student")
    parser.add_argument("--report", type=Path, help="write the figures as JSON here (e.g. deploy/capacity.json)")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200 or not 0 <= args.moves <= 100:
        parser.error("--students must be 1-200 and --moves 0-100")
    reasons = hubmod.missing()
    if not hubmod.is_root():
        reasons.insert(0, "root (the hub makes one Unix account per student)")
    if reasons:
        print("cannot run: missing " + "; ".join(reasons), file=sys.stderr)
        return 2

    import psutil
    started = time.monotonic()
    deadline = started + args.max_minutes * 60
    work = Path(tempfile.mkdtemp(prefix="filmkit-class-load-"))
    tag = f"fk-bench{secrets.token_hex(2)}"
    names = [f"{tag}-s{i:03d}" for i in range(1, args.students + 1)]
    solo_name, runaway_name = f"{tag}-solo", f"{tag}-runaway"
    hub = hubmod.LocalHub(work / "hub", students=[solo_name, *names, runaway_name], start_timeout=300,
                          limits_per_student=limits.Limits(memory_mb=args.memory_mb))
    rng = random.Random(args.seed)
    runaway = {"name": runaway_name, "runs": 0, "errors": [], "oom_kills": None, "memory_mb": None}
    failed = True  # until the class has run: keep the hub's log for a look
    # This process stands for 31 browsers on 31 other computers: it weighs on the CPU as they would,
    # not as one process among the hub's and the class's cgroups.
    driver = limits.weighted_group(Path(f"filmkit-bench-{tag}"), args.students + 1)
    limits.join(driver)
    try:
        work.chmod(0o755)
        base_used_mb = (psutil.virtual_memory().total - psutil.virtual_memory().available) / MIB
        hub.start()
        print(f"hub up at {hub.url} in {time.monotonic() - started:.1f} s; students pull {hub.repo_url}", flush=True)
        run = Run(args, hub, deadline)

        print("one student alone (baseline):", flush=True)
        solo = run.student(solo_name, time.monotonic(), random.Random(args.seed + 1))
        if solo.get("error"):
            print(solo.get("trace", ""), file=sys.stderr)
            print(hub.log_tail(), file=sys.stderr)
            return 1
        solo["student"].stop_server()

        print(f"{args.students} students arriving over {args.ramp:.0f} s, {args.moves} moves each, "
              f"think time ~{args.think:.1f} s:", flush=True)
        t_class = time.monotonic()
        run.unfinished = len(names)
        starts = sorted(t_class + rng.uniform(0, args.ramp) for _ in names)
        threads = [threading.Thread(target=run.student, args=(n, at, random.Random(rng.random())), daemon=True)
                   for n, at in zip(names, starts)]
        if not args.no_runaway:
            print(f"  with {runaway_name}, whose kernel allocates memory in a loop", flush=True)
            hog = threading.Thread(target=run.runaway, args=(runaway_name, t_class, runaway), daemon=True)
            hog.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if not args.no_runaway:
            hog.join(max(0.0, min(150.0, deadline - time.monotonic())))
        class_s = time.monotonic() - t_class
        memory = measure_memory_and_cpu(set(names))
        loaded_used_mb = (psutil.virtual_memory().total - psutil.virtual_memory().available) / MIB

        results = [run.results.get(n, {"name": n, "error": "did not finish before the time limit", "latencies": []})
                   for n in names]
        failures = [r for r in results if r.get("error")]
        failed = bool(failures)
        ok = len(results) - len(failures)
        lat_load = [x for r in results for x in r["latencies"]]
        cores = psutil.cpu_count(logical=True)
        total_gb = psutil.virtual_memory().total / 1024 ** 3
        solo_fig = {"ready_s": round(solo["ready_s"], 2), "notebook_run_s": round(solo["run_s"], 2),
                    "latency_ms": summarise(solo["latencies"], 1000, 0)}
        load_fig = {
            "students": args.students, "finished": ok, "failures": len(failures),
            "failure_messages": sorted({r["error"] for r in failures})[:10],
            "wall_s": round(class_s, 1),
            "ready_s": summarise([r["ready_s"] for r in results if "ready_s" in r]),
            "pulled_s": summarise([r["pulled_s"] for r in results if "pulled_s" in r]),
            "notebook_run_s": summarise([r["run_s"] for r in results if "run_s" in r]),
            "latency_ms": summarise(lat_load, 1000, 0),
            "latency_ms_while_classmates_start": summarise([x for r in results for x in r["busy"]], 1000, 0),
            "latency_ms_after_all_started": summarise([x for r in results for x in r["steady"]], 1000, 0),
            "memory_per_student_mb": {"uss": summarise([m["uss_mb"] for m in memory.values()], 1, 0),
                                      "rss": summarise([m["rss_mb"] for m in memory.values()], 1, 0)},
            "cpu_seconds_per_student": summarise([m["cpu_s"] for m in memory.values()]),
        }
        report = {
            "benchmark": "benchmarks/class_load.py",
            "settings": {"students": args.students, "moves": args.moves, "think_s": args.think,
                         "ramp_s": args.ramp, "seed": args.seed, "notebook": "notebooks/02_cost_and_time.ipynb"},
            "machine": {"cores": cores, "memory_gb": round(total_gb, 1), "python": platform.python_version(),
                        "jupyterhub": __import__("jupyterhub").__version__},
            "alone": solo_fig, "class": load_fig,
            "runaway": None if args.no_runaway else {
                "runs": runaway["runs"], "stopped_by_limit": runaway["oom_kills"], "outcomes": runaway["errors"][:5],
                "memory_limit_mb": args.memory_mb},
            "limits": {"mode": limits.mode(), **hub.settings["limits"]},
            "capacity": capacity(args, cores, total_gb, solo_fig, load_fig, memory, base_used_mb, loaded_used_mb, ok),
        }
        print_report(report)
        if args.report:
            args.report.write_text(json.dumps(report, indent=2) + "\n")
            print(f"report written to {args.report}")
        for r in failures[:3]:
            print(f"\n{r['name']}: {r.get('trace', r['error'])}", file=sys.stderr)
        return 0 if not failures else 1
    finally:
        hub.stop(remove=False)
        if failed:
            kept = Path(tempfile.gettempdir()) / f"{tag}-jupyterhub.log"
            shutil.copy2(hub.log_path, kept)
            print(f"the hub's log is kept in {kept}", flush=True)
        hub.stop(remove=True)
        for name in [solo_name, *names, runaway_name]:
            accounts.remove_account(name)
        shutil.rmtree(work, ignore_errors=True)
        if driver:
            limits.join([driver[0].parent])  # back to where it came from, then remove the driver's group
            driver[0].rmdir()
        print(f"stopped and cleaned up after {time.monotonic() - started:.0f} s", flush=True)


def print_report(r):
    a, c, cap = r["alone"], r["class"], r["capacity"]
    print("\n=== class load:", r["settings"]["students"], "students on", r["machine"]["cores"], "cores,",
          r["machine"]["memory_gb"], "GB ===")
    print(f"failures: {c['failures']} of {c['students']} (whole class done in {c['wall_s']} s); limits per student "
          f"{r['limits']}")
    if r.get("runaway"):
        print(f"runaway student: {r['runaway']['runs']} kernels allocating in a loop, stopped by the memory limit "
              f"{r['runaway']['stopped_by_limit']} times; outcomes {r['runaway']['outcomes'][:2]}")
    for key, label in (("ready_s", "time to ready (login to server up), s"), ("pulled_s", "time to kit pulled, s"),
                       ("notebook_run_s", "module 2 run, top to bottom, s")):
        solo = a.get(key)
        print(f"{label:42} p50 {c[key].get('p50')}  p95 {c[key].get('p95')}  max {c[key].get('max')}"
              + (f"   (alone {solo})" if solo is not None else ""))
    print(f"{'widget update latency, ms':42} p50 {c['latency_ms'].get('p50')}  p95 {c['latency_ms'].get('p95')}  "
          f"(alone p50 {a['latency_ms'].get('p50')}  p95 {a['latency_ms'].get('p95')})")
    for key, label in (("latency_ms_while_classmates_start", "  while classmates start and run module 2"),
                       ("latency_ms_after_all_started", "  once every notebook has run")):
        print(f"{label:42} p50 {c[key].get('p50')}  p95 {c[key].get('p95')}  (n {c[key].get('n')})")
    m = c["memory_per_student_mb"]
    print(f"{'memory per student (server + kernel), MB':42} USS p50 {m['uss'].get('p50')} p95 {m['uss'].get('p95')}; "
          f"RSS p50 {m['rss'].get('p50')}; machine {cap['machine_memory_per_student_mb']}")
    print(f"capacity: {cap['students_per_core']} students per core (burst {cap['students_per_core_burst']}, "
          f"steady {cap['students_per_core_steady']}), {cap['students_per_gb']} students per GB; "
          f"this machine: {cap['this_machine']['students']}")
    for line in cap["assumptions"]:
        print("  -", line)
    print("Kubernetes (deploy/z2jh/config.yaml):", {k: v for k, v in cap["z2jh"].items() if k != "rules"})


if __name__ == "__main__":
    sys.exit(main())
