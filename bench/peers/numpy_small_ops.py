#!/usr/bin/env python3
"""numpy peer of the elementwise table of bench/small-ops.ts: times 16-entry ops such as `a + b`.

Usage: python3 bench/peers/numpy_small_ops.py SPEC.json

SPEC.json holds {"calls", "warmup", "repeats", "a", "b"}: a and b are lists of 16 numbers (the
same values the TypeScript side used). Each op is timed as `repeats` loops of `calls` calls
(after `warmup` untimed loops); a result is the median and the fastest loop, in nanoseconds per
call. Each call allocates its result, as the TypeScript ops do.

Prints one JSON line: {"numpy", "results": {name: [median_ns, fastest_ns]}}.
"""

import json
import statistics
import sys
import time

import numpy as np


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    calls, warmup, repeats = spec["calls"], spec["warmup"], spec["repeats"]
    a = np.array(spec["a"], dtype=np.float64)
    b = np.array(spec["b"], dtype=np.float64)
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    # The same operations as the TypeScript table, in its order and with its names.
    cases = {
        "add": lambda: a + b,
        "sub": lambda: a - b,
        "mul": lambda: a * b,
        "mul by a number": lambda: a * 2.5,
        "number minus": lambda: 1.0 - a,
        "tanh": lambda: np.tanh(a),
        "add float32": lambda: a32 + b32,
    }
    results = {}
    for name, fn in cases.items():
        samples = []
        for run in range(warmup + repeats):
            start = time.perf_counter_ns()
            for _ in range(calls):
                fn()
            elapsed = (time.perf_counter_ns() - start) / calls
            if run >= warmup:
                samples.append(elapsed)
        results[name] = [statistics.median(samples), min(samples)]
    print(json.dumps({"numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
