#!/usr/bin/env python3
"""CPU seconds per process during each usage scenario of bench/run.sh (BENCHMARKS.md, issue 15's method).

Runs the given command (bench/run.sh with its environment), passes its output through, and at the lines that bound
bench/usage_bench.py's scenarios ("warm-up:", "spread:", "one hot workspace:") reads from /proc the CPU time so far of
the API, the worker, the PostgreSQL backends of the bench's database, RabbitMQ, the Python client and everything else
on the box. Prints, per scenario, each one's CPU seconds. Usage: bench/cpu_by_scenario.py bash bench/run.sh 300
"""
import os
import subprocess
import sys

TICK = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    except (OSError, IndexError):
        return 0.0


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def group(line, database):
    if "io.atrium.server.Atrium api" in line:
        return "api"
    if "io.atrium.server.Atrium worker" in line:
        return "worker"
    if line.startswith("postgres: ") and f" {database} " in line:
        return "postgres"
    if "beam.smp" in line and "rabbit" in line:
        return "rabbitmq"
    if "usage_bench.py" in line or "webhook_receiver.py" in line:
        return "client"
    return None


def snapshot(database):
    """CPU seconds so far by group; "total" from /proc/stat (all processes, dead ones included)."""
    groups = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            name = group(cmdline(entry), database)
            if name:
                groups[name] = groups.get(name, 0.0) + cpu(entry)
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    groups["total"] = (sum(int(x) for x in fields[:8]) - int(fields[3]) - int(fields[4])) / TICK  # less idle, iowait
    return groups


def main():
    database = os.environ.get("BENCH_DATABASE", "atrium_bench")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    marks = []
    with subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as run:
        for line in run.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            for label in ("warm-up:", "spread:", "one hot workspace:"):
                if line.startswith(label):
                    marks.append((label.rstrip(":"), snapshot(database), open("/proc/loadavg").read().split()[0]))
    names = ["api", "worker", "postgres", "rabbitmq", "client"]
    for (_, before, _), (label, after, load) in zip(marks, marks[1:]):
        d = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in names + ["total"]}
        atrium = sum(d[k] for k in names)
        print(f"CPU s during {label}: " + " / ".join(f"{k} {d[k]:.1f}" for k in names)
              + f" = Atrium {atrium:.1f}; others {d['total'] - atrium:.1f}; load {load}")
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
