#!/usr/bin/env python3
"""Times binaries against each other in alternation (docs/benchmarks.md, "Performance machinery,
piece by piece"): each round runs every (variant, command) pair once, in a shuffled order, so that
a busy machine slows all variants alike. Prints a Markdown table per pair: wall median, mean and
min, and the mean user and system CPU time (from wait4).

  tools/bench/alternate.py ROUNDS WARMUP NAME=BINARY... -- 'ARGS'...
  e.g. tools/bench/alternate.py 80 3 old=/tmp/old/schemac new=build-release/schemac -- \\
         'check --quiet s1000.schema' 'types --schema s1000.schema'
"""
import os
import random
import statistics
import sys
import time


def run(binary, args, devnull):
    argv = [binary] + args.split()
    start = time.perf_counter()
    pid = os.posix_spawn(binary, argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return wall * 1000, usage.ru_utime * 1000, usage.ru_stime * 1000, os.waitstatus_to_exitcode(status)


def main():
    argv = sys.argv[1:]
    if '--' not in argv or len(argv) < 5:
        sys.exit(__doc__)
    rounds, warmup = int(argv[0]), int(argv[1])
    split = argv.index('--')
    variants = [a.split('=', 1) for a in argv[2:split]]
    commands = argv[split + 1:]
    devnull = os.open(os.devnull, os.O_WRONLY)
    results = {}
    for r in range(warmup + rounds):
        jobs = [(name, binary, args) for name, binary in variants for args in commands]
        random.shuffle(jobs)
        for name, binary, args in jobs:
            sample = run(binary, args, devnull)
            if r >= warmup:
                results.setdefault((args, name), []).append(sample)
    print("| command | variant | runs | wall median | wall mean | wall min | user | sys | exit |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for args in commands:
        for name, _ in variants:
            samples = results[(args, name)]
            walls = [s[0] for s in samples]
            print(f"| `{args}` | {name} | {len(samples)} | {statistics.median(walls):.1f} ms | "
                  f"{statistics.mean(walls):.1f} ms | {min(walls):.1f} ms | "
                  f"{statistics.mean(s[1] for s in samples):.1f} ms | "
                  f"{statistics.mean(s[2] for s in samples):.1f} ms | "
                  f"{sorted(set(s[3] for s in samples))} |")


if __name__ == '__main__':
    main()
