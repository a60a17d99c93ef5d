#!/usr/bin/env python3
"""How much CPU other programs took while the benchmark measured something.

  cpu.py snapshot ROOT_PID   -> prints "WALL BUSY OURS": seconds since the epoch, busy CPU
                                seconds of the whole machine, and CPU seconds of ROOT_PID and
                                every process below it (live ones, plus reaped ones through
                                their parents' cumulative times)
  cpu.py other BEFORE AFTER  -> prints the share of all cores other programs used between two
                                snapshots, in percent

On a shared machine a figure measured while something else was compiling is not a figure
of Gatefold; bench/run reports this share next to every figure.
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal ...
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / TICK


def processes():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()
        ppid = int(fields[1])
        ticks = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        out[int(pid)] = (ppid, ticks)
    return out


def ours(root):
    procs = processes()
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            total += procs[pid][1]
        todo.extend(children.get(pid, []))
    return total / TICK


def main(argv):
    if len(argv) == 3 and argv[1] == "snapshot":
        print(f"{time.time():.3f} {machine_busy():.2f} {ours(int(argv[2])):.2f}")
    elif len(argv) == 4 and argv[1] == "other":
        w0, b0, o0 = map(float, argv[2].split())
        w1, b1, o1 = map(float, argv[3].split())
        capacity = (w1 - w0) * os.cpu_count()
        other = max(0.0, (b1 - b0) - (o1 - o0))
        print(f"{100 * other / capacity:.0f}" if capacity > 0 else "0")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
