#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/report.py: BENCHMARKS.md from the raw results of one bench/run."""

import argparse
import datetime
import json
import os
import platform
import subprocess


def load(results, name):
    path = os.path.join(results, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return {"error": str(e)}


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def debian_version():
    try:
        with open("/etc/debian_version", encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return "?"


def buildtype(builddir):
    try:
        out = subprocess.run(["meson", "introspect", "--buildoptions", builddir],
                             capture_output=True, text=True, check=True).stdout
        for option in json.loads(out):
            if option["name"] == "buildtype":
                return option["value"]
    except (OSError, ValueError, subprocess.CalledProcessError):
        pass
    return "?"


def loadavg():
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def met(ok):
    return "**yes**" if ok else "**NO**"


def ms(value, digits=1):
    return f"{value:.{digits}f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--builddir", required=True)
    parser.add_argument("--containers", type=int, required=True)
    parser.add_argument("--per-container", type=int, required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--quick", default="0")
    args = parser.parse_args()

    scanner = load(args.results, "scanner.json")
    gui = load(args.results, "gui.json")
    oneshot = load(args.results, "oneshot.json")
    scale = dict(load(args.results, "scale-a.json"))
    scale.update(load(args.results, "scale-b.json"))
    if "b_reconcile_ms" in scale and "a_churn_reconcile_ms" in scale:
        scale["b_model_update_ms"] = scale["b_reconcile_ms"] - scale["a_churn_reconcile_ms"]
    latency = load(args.results, "latency.json")

    out = []
    w = out.append

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    w("# Porthole benchmarks")
    w("")
    w("Written by `build-aux/dev bench` (`bench/run BUILDDIR`); every figure below comes from "
      "that one run, each baseline measured in the same run. Re-run it to refresh this file.")
    w("")
    w(f"- Date: {now}; the whole run took {args.seconds // 60} min {args.seconds % 60} s"
      + (" (**quick mode: shortened phases, not for figures**)" if args.quick == "1" else ""))
    w(f"- Machine: {os.cpu_count()} CPUs (`nproc`), {cpu_model()}, kernel {platform.release()}, "
      f"Debian {debian_version()}; load average at the end {loadavg()} "
      "(a shared, noisy machine: other builds and tests ran alongside)")
    w(f"- Build: `{args.builddir}`, buildtype **{buildtype(args.builddir)}**")
    w(f"- Workload: a private dockerd (build-aux/docker-harness) with {args.containers} containers "
      f"of {args.per_container} processes (sh and {args.per_container - 1} sleeps), "
      f"{scanner.get('processes', '?')} container processes in all")
    w("")

    # The summary
    floor_ms = scanner.get("floor_us", 0) / 1000.0
    # The app scans once a second, with caches gone cold in between: its
    # floor per second is the floor loop run once a second.
    gui_floor_ms = scanner.get("floor_paced_us", scanner.get("floor_us", 0)) / 1000.0
    gui_floor_what = "floor at 1 Hz" if "floor_paced_us" in scanner else "floor"
    rows = []
    if "ratio" in scanner:
        rows.append(("a. scanner: steady scan cycle, CPU per cycle",
                     ms(scanner["scan_us"] / 1000), f"floor {ms(floor_ms)}",
                     f"{scanner['ratio']:.2f}", "≤ 1.2", met(scanner["ratio"] <= 1.2)))
    if "visible" in gui and gui_floor_ms:
        v = gui["visible"]["cpu_ms_per_s"]
        rows.append(("b. GUI shown (1 s refresh), CPU per second",
                     f"{v:.1f} ms/s", f"{gui_floor_what} {gui_floor_ms:.1f} ms/s",
                     f"{v / gui_floor_ms:.2f}", "≤ 1.3", met(v / gui_floor_ms <= 1.3)))
        h = gui["hidden"]["cpu_ms_per_s"]
        rows.append(("b. GUI hidden (window unmapped), CPU per second",
                     f"{h:.2f} ms/s", f"{gui_floor_what} {gui_floor_ms:.1f} ms/s",
                     f"{h / gui_floor_ms:.2f}", "≤ 0.2", met(h / gui_floor_ms <= 0.2)))
    results = {r["command"]: r for r in oneshot.get("results", [])}
    if "porthole" in results and "docker ps + ps" in results:
        p = results["porthole"]["median"] * 1000
        b = results["docker ps + ps"]["median"] * 1000
        rows.append(("c. one-shot `porthole --print --json`, wall, median",
                     ms(p), f"`docker ps` + `ps -e` {ms(b)}",
                     f"{p / b:.2f}", "≤ 0.5", met(p / b <= 0.5)))
    if "b_longest_ms" in scale:
        rows.append(("d. scale 10k: longest main-loop stall, window shown, steady",
                     ms(scale["b_longest_ms"]), "—", "—", "< 50 ms", met(scale["b_longest_ms"] < 50)))
        rows.append(("d. scale 10k: longest stall while first loading, window shown",
                     ms(scale["b_load_longest_ms"]), "—", "—", "< 50 ms", met(scale["b_load_longest_ms"] < 50)))
        rows.append(("d. scale 10k: longest iteration of a cycle, no window, with churn (median)",
                     ms(scale["a_churn_reconcile_ms"]), "—", "—", "< 50 ms",
                     met(scale["a_churn_reconcile_max_ms"] < 50)))
        rows.append(("d. scale 10k: peak RSS, window shown",
                     f"{scale['b_peak_rss_mb']:.0f} MB", "—", "—", "< 150 MB", met(scale["b_peak_rss_mb"] < 150)))
    for kind, what in (("run", "`docker run -d`"), ("exec", "`docker exec -d`")):
        if kind in latency:
            l = latency[kind]
            rows.append((f"e. latency {what} → models (median; max)",
                         f"{ms(l['median_ms'], 0)}; {ms(l['max_ms'], 0)}", "—", "—", "median < 250 ms",
                         met(l["median_ms"] < 250 and l["not_shown_within_90_s"] == 0)))

    w("## Summary")
    w("")
    w("| benchmark | Porthole | baseline | ratio | goal | met |")
    w("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        w("| " + " | ".join(r) + " |")
    w("")

    # a
    w("## a. Scanner: steady-state scan vs the floor")
    w("")
    w("`bench/porthole-bench-scanner`: CPU time (user + system, `CLOCK_THREAD_CPUTIME_ID`) of one "
      "cycle, median of interleaved rounds. The floor is a plain C loop: open/read/close each "
      "container's `cgroup.procs`, then each listed `/proc/PID/stat`. Porthole is "
      "`porthole_proc_scanner_scan()` on a warm scanner told about the same containers (what the "
      "monitor does each cycle).")
    w("")
    if "ratio" in scanner:
        w(f"- Containers {scanner['containers']}, processes {scanner['processes']} "
          f"(the floor read {scanner['floor_processes']} stat files; same pids: {scanner['same_pids']}); "
          f"{scanner['rounds']} rounds")
        w(f"- Floor: {ms(floor_ms, 2)} per cycle (fastest {ms(scanner['floor_us_min'] / 1000, 2)})")
        w(f"- Porthole steady scan: {ms(scanner['scan_us'] / 1000, 2)} per cycle "
          f"(fastest {ms(scanner['scan_us_min'] / 1000, 2)}), ratio **{scanner['ratio']:.2f}** "
          f"(of the fastest rounds: {scanner.get('ratio_of_fastest', float('nan')):.2f}); "
          f"{'full' if scanner['scan_full_pass'] else 'enumeration'} pass: "
          f"{scanner['scan_stat_reads']} stat, {scanner['scan_other_reads']} other /proc, "
          f"{scanner['scan_procs_reads']} cgroup.procs reads per cycle")
        w(f"- For comparison, a scanner told nothing reads all of /proc each cycle (every scan did "
          f"before this change): {ms(scanner['full_us'] / 1000, 2)}, ratio {scanner['ratio_full']:.2f} "
          f"({scanner['full_stat_reads']} stat reads)")
        if "floor_paced_us" in scanner:
            w(f"- Once a second, as the app scans ({scanner['paced_rounds']} rounds, floor and scan half a "
              f"second apart): floor {ms(scanner['floor_paced_us'] / 1000, 2)}, Porthole "
              f"{ms(scanner['scan_paced_us'] / 1000, 2)} per cycle, ratio "
              f"{scanner['scan_paced_us'] / scanner['floor_paced_us']:.2f}: with cold caches each cycle "
              "costs more than back to back, Porthole's (more memory: its cache of every process, "
              "hash tables, GIO objects) more than the floor's")
        w(f"- A new scanner's first scan, as `porthole --print` makes it (stat, status and cmdline of "
          f"every process): {ms(scanner['cold_us'] / 1000, 2)}, "
          f"{'full' if scanner['cold_full_pass'] else 'enumeration'} pass")
    else:
        w(f"- failed: {scanner}")
    w("")

    # b
    w("## b. GUI: CPU per second of the running app")
    w("")
    w("`porthole` under Xvfb with its own D-Bus session, `DOCKER_HOST` at the private daemon, "
      "`GSETTINGS_SCHEMA_DIR=BUILDDIR/data`, `GSETTINGS_BACKEND=memory` (so the default 1 s refresh), "
      "`NO_AT_BRIDGE=1`. CPU = utime + stime of the whole process (all threads, live and gone) "
      "from `/proc/PID/stat` over the window; the floor per second is the floor loop run once a "
      "second (a. above), as the app scans; the ratio against the back-to-back floor is given too. "
      "The main figures use `GSK_RENDERER=cairo`: without a GPU, GTK's default GL "
      "renderer runs on Mesa's llvmpipe, which bills the GPU's work to the CPU (its figure is "
      "below, for comparison).")
    w("")
    if "visible" in gui:
        for key, what in (("visible", "shown"), ("hidden", "hidden"), ("shown_again", "shown again after hiding"),
                          ("visible_gl", "shown, default GL renderer (llvmpipe)")):
            if key in gui:
                g = gui[key]
                ratio = (f", ratio {g['cpu_ms_per_s'] / gui_floor_ms:.2f} ({gui_floor_what}; "
                         f"{g['cpu_ms_per_s'] / floor_ms:.2f} against the back-to-back floor)") if floor_ms else ""
                w(f"- {what}: {g['cpu_ms_per_s']:.2f} ms/s over {g['seconds']} s{ratio} "
                  f"(main thread {g['main_thread_ms_per_s']:.2f} ms/s, the rest mostly the scan worker; "
                  f"RSS {g.get('rss_mb', 0):.0f} MB)")
        w(f"- Hiding: `xdotool windowminimize` {'worked' if gui['minimize_works'] else 'did nothing'} "
          "under the bare X server"
          + ("" if gui["minimize_works"] else
             " (minimising is a request to a window manager, and there is none), so the bench unmaps "
             "the window with `xdotool windowunmap`; GDK reports a toplevel unmapped by someone else "
             "as minimized, and the app's check (mapped, not minimized) sees it either way"))
    else:
        w(f"- failed: {gui}")
    w("")

    # c
    w("## c. One-shot: `porthole --print --json` vs `docker ps` + `ps -e`")
    w("")
    w("hyperfine (wall time, shell start-up subtracted), median of the runs after 3 warm-ups. "
      "The baseline is `docker ps --format '…'` then `ps -Ho etime,pid,ppid,user,cmd -e` in one shell.")
    w("")
    if results:
        w("| command | median | mean ± σ | runs |")
        w("| --- | --- | --- | --- |")
        for name, r in results.items():
            w(f"| `{name}` | {ms(r['median'] * 1000)} | {ms(r['mean'] * 1000)} ± {ms(r['stddev'] * 1000)} "
              f"| {len(r.get('times', []))} |")
    else:
        w(f"- failed: {oneshot}")
    w("")

    # d
    w("## d. Scale: 10,000 processes in 500 containers")
    w("")
    w("`bench/porthole-bench-scale`: a fixture /proc tree (stat, status, cmdline, cgroup per "
      "process; cgroup directories with cgroup.procs; a mountinfo) written to a temporary "
      "directory, the fake daemon of tests/ serving 500 containers from its own thread. A stall "
      "is the time between two polls of the main context (a custom poll function), i.e. one "
      "main-loop iteration; the gap of a 1 ms timeout is measured too. Wall time: on this shared "
      "2-core machine other processes' CPU use lengthens them.")
    w("")
    if "a_first_reconcile_ms" in scale:
        w(f"- Fixture: {scale['processes']} processes in {scale['containers']} containers, "
          f"written in {scale['generate_s']:.1f} s")
        w("- A. Monitor alone (no window), cycles driven one by one:")
        w(f"  - first cycle (everything new): {ms(scale['a_first_cycle_ms'], 0)} wall, "
          f"longest main-loop iteration {ms(scale['a_first_reconcile_ms'])}")
        w(f"  - cycles with churn (50 exits, 50 new, 100 state changes): longest iteration of a cycle, median "
          f"{ms(scale['a_churn_reconcile_ms'])}, max {ms(scale['a_churn_reconcile_max_ms'])}; "
          f"whole cycle {ms(scale['a_churn_cycle_ms'], 0)} wall "
          f"({'full' if scale['a_full_pass'] else 'enumeration'} scan pass)")
        w(f"  - unchanged cycles: longest iteration {ms(scale['a_quiet_reconcile_ms'])}")
        w(f"  - peak RSS {scale['a_peak_rss_mb']:.0f} MB (this phase runs in a process of its own, "
          "fixture writing and fake daemon included)")
    else:
        w(f"- A failed: {load(args.results, 'scale-a.json')}")
    if "b_longest_ms" in scale:
        w("- B. The real `PortholeWindow` shown, the monitor running as in the app (1 s poll, "
          "status timers, 3 s new/ghost marks), a thread churning the tree every second:")
        w(f"  - first load: longest main-loop iteration {ms(scale['b_load_longest_ms'], 0)} "
          f"({ms(scale.get('b_load_longest_cpu_ms', float('nan')), 0)} of it CPU time of the main thread)")
        w(f"  - {scale['b_seconds']} s steady with churn, {scale['b_cycles']} cycles: longest "
          f"iteration per cycle (now with the GTK models attached) median {ms(scale['b_reconcile_ms'])}, "
          f"max {ms(scale['b_reconcile_max_ms'])}; what the window adds ≈ the difference with A: "
          f"{ms(scale.get('b_model_update_ms', float('nan')))}")
        w(f"  - longest main-loop iteration {ms(scale['b_longest_ms'])} "
          f"({ms(scale.get('b_longest_cpu_ms', float('nan')))} of it CPU time of the main thread; the rest "
          "is waiting: X server round trips, or other processes on the CPU); longest gap of a 1 ms "
          f"timeout {ms(scale['b_timer_gap_ms'])}")
        w(f"  - peak RSS {scale['b_peak_rss_mb']:.0f} MB (VmHWM of this phase's process, which also "
          "wrote the fixture and runs the fake daemon), of which GTK and libadwaita initialised "
          f"{scale.get('b_gtk_init_rss_mb', float('nan')):.0f} MB before anything else. Run with "
          "`GDK_DEBUG=gl-disable` (cairo renders anyway): under Xvfb GDK's GL probe loads Mesa's "
          "llvmpipe, about 60 MB more at `gtk_init()` (85 against 24 MB when measured alone)")
    else:
        w(f"- B failed: {load(args.results, 'scale-b.json')}")
    w("")

    # e
    w("## e. Latency: `docker run -d` / `docker exec -d` → in the monitor's models")
    w("")
    w("`bench/porthole-bench-latency`: the monitor (real client and scanner) with its poll at 60 s, "
      "so only Docker's events can explain a faster update; the docker CLI started with g_spawn; "
      "wall time from the CLI's exit to the end of the cycle after which the container and its "
      "process (for exec: a process with the exec'd command line) are in the models.")
    w("")
    for kind in ("run", "exec"):
        if kind in latency:
            l = latency[kind]
            w(f"- `docker {kind} -d`: median {ms(l['median_ms'])}, max {ms(l['max_ms'])}, "
              f"min {ms(l['min_ms'])} over {l['runs']} runs ({l['shown_before_cli_returned']} "
              f"shown before the CLI returned, {l['not_shown_within_90_s']} not within 90 s)")
    if "run" not in latency:
        w(f"- failed: {latency}")
    w("")

    w("## Notes (by hand, from profiling this code; not measured by this run)")
    w("")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md"), encoding="utf-8") as f:
        w(f.read().rstrip())
    w("")

    print("\n".join(out))


if __name__ == "__main__":
    main()
