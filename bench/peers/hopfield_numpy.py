#!/usr/bin/env python3
"""numpy peer of bench/hopfield.ts: synchronous Hopfield recall with float32 Hebbian weights.

Usage: python3 bench/peers/hopfield_numpy.py SPEC.json

SPEC.json holds {"size", "count", "batch", "patterns", "probes", "states", "max_steps",
"warmup", "repeats"}: `patterns` (count×size) and `probes` (batch×size) are raw int8 files of
±1 written by the TypeScript side. The weights are built here as the TypeScript side builds
them: W = Ξᵀ Ξ / N in float32 with a zero diagonal (identical for N a power of 2). Timed:

- raw steps: `np.sign(W @ S)` for one probe (a matrix-vector product) and for the batch
  (a matrix product), the same operation as one dense synchronous step of physml;
- recall of the batch and of probe 0 alone until every probe reaches a fixed point, dense
  (W @ S for the probes still moving) and incremental (H += 2 W[flipped].T @ s[flipped]).
  A neuron with zero field keeps its state, as in physml.

The final states of the dense batch recall are written to `states` (int8, batch×size) and the
steps per probe returned, so the caller can check that both sides ran the same dynamics.
Prints one JSON line: the BLAS description (as bench/peers/numpy_matmul.py) and the timings.
"""

import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_matmul import blas_description  # noqa: E402


def next_states(fields, states):
    """sign(h), keeping the state where h = 0."""
    return np.where(fields > 0, 1, np.where(fields < 0, -1, states)).astype(np.float32)


def recall_dense(weights, probes, max_steps):
    """Synchronous recall of the columns of `probes`; settled probes drop out of the products."""
    states = probes.copy()
    fields = weights @ states
    steps = np.zeros(states.shape[1], dtype=np.int64)
    active = np.arange(states.shape[1])
    for step in range(1, max_steps + 1):
        if active.size == 0:
            break
        new = next_states(fields[:, active], states[:, active])
        moved = (new != states[:, active]).any(axis=0)
        steps[active] = step
        moving = active[moved]
        states[:, moving] = new[:, moved]
        if moving.size:
            fields[:, moving] = weights @ states[:, moving]
        active = moving
    return states, steps


def recall_incremental(weights, probes, max_steps):
    """As recall_dense, but fields follow the flips: h += 2 Σ_j W[j, :] s_j over flipped j."""
    states = probes.copy()
    fields = weights @ states
    steps = np.zeros(states.shape[1], dtype=np.int64)
    active = list(range(states.shape[1]))
    for step in range(1, max_steps + 1):
        if not active:
            break
        still = []
        for b in active:
            new = next_states(fields[:, b], states[:, b])
            flipped = np.nonzero(new != states[:, b])[0]
            steps[b] = step
            if flipped.size == 0:
                continue
            states[flipped, b] = new[flipped]
            # W is symmetric: the flipped columns are the flipped rows, contiguous.
            fields[:, b] += 2.0 * (weights[flipped].T @ new[flipped])
            still.append(b)
        active = still
    return states, steps


def timed(fn, warmup, repeats):
    result = None
    for _ in range(warmup):
        result = fn()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: hopfield_numpy.py SPEC.json")
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    size, count, batch = spec["size"], spec["count"], spec["batch"]
    warmup, repeats, max_steps = spec["warmup"], spec["repeats"], spec["max_steps"]
    patterns = np.fromfile(spec["patterns"], dtype=np.int8).reshape(count, size).astype(np.float32)
    probes = np.fromfile(spec["probes"], dtype=np.int8).reshape(batch, size).astype(np.float32).T.copy()

    def build():
        weights = patterns.T @ patterns
        weights /= np.float32(size)
        np.fill_diagonal(weights, 0)
        return weights

    build_seconds, weights = timed(build, 0, 1)
    single = probes[:, :1].copy()
    output = blas_description()
    output["build_seconds"] = build_seconds
    output["raw_single"], _ = timed(lambda: np.sign(weights @ single[:, 0]), warmup, repeats)
    output["raw_batch"], _ = timed(lambda: np.sign(weights @ probes), warmup, repeats)
    output["recall_single"], (_, steps_single) = timed(lambda: recall_dense(weights, single, max_steps), warmup, repeats)
    output["recall_batch"], (states, steps_batch) = timed(
        lambda: recall_dense(weights, probes, max_steps), warmup, repeats
    )
    output["recall_batch_incremental"], (states_incremental, steps_incremental) = timed(
        lambda: recall_incremental(weights, probes, max_steps), warmup, repeats
    )
    output["steps_single"] = int(steps_single[0])
    output["steps_batch"] = steps_batch.tolist()
    output["incremental_matches_dense"] = bool(
        np.array_equal(states, states_incremental) and np.array_equal(steps_batch, steps_incremental)
    )
    states.T.astype(np.int8).tofile(spec["states"])
    print(json.dumps(output))


if __name__ == "__main__":
    main()
