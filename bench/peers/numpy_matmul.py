#!/usr/bin/env python3
"""numpy peer of bench/matmul.ts: times `A @ B` on the exact inputs the TypeScript side used.

Usage: python3 bench/peers/numpy_matmul.py SPEC.json

SPEC.json holds {"cases": [{"name", "m", "n", "k", "dtype", "a", "b", "c", "warmup",
"repeats"}]}: A (m×k) and B (k×n) are raw little-endian row-major files of `dtype`
("float64" or "float32"); numpy's product is written to the file `c` in the same format so the
caller can compare it with its own. The thread count is whatever the environment sets
(OPENBLAS_NUM_THREADS and friends); the caller runs this script once pinned to one thread and
once free.

Prints one JSON line: {"numpy", "blas", "threads", "results": [{"name", "seconds": [...]}]}.
"""

import json
import os
import sys
import time

import numpy as np


def openblas_runtime():
    """Best effort, Linux: the loaded OpenBLAS's runtime configuration (the core type it picked
    among its DYNAMIC_ARCH kernels) and thread count, through ctypes. None when not found."""
    try:
        import ctypes

        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
        for path in paths:
            library = ctypes.CDLL(path)
            for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
                get_config = getattr(library, f"{prefix}_get_config{suffix}", None)
                get_threads = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
                if get_config is not None and get_threads is not None:
                    get_config.restype = ctypes.c_char_p
                    get_threads.restype = ctypes.c_int
                    return get_config().decode().strip(), get_threads()
    except Exception:
        pass
    return None


def blas_description():
    """Which BLAS numpy calls, and with how many threads (threadpoolctl when installed)."""
    description = {"numpy": np.__version__, "blas": "unknown", "threads": None}
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        description["blas"] = f"{blas.get('name')} {blas.get('version')}".strip()
        if blas.get("openblas configuration"):
            description["build"] = " ".join(blas["openblas configuration"].split())
    except Exception as error:  # older numpy: show_config has no mode argument
        description["blas"] = f"unknown ({error})"
    try:
        from threadpoolctl import threadpool_info

        pools = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
        if pools:
            description["threads"] = pools[0].get("num_threads")
            description["blas"] += f" [threadpoolctl: {pools[0].get('internal_api')} {pools[0].get('version')}]"
    except ImportError:
        pass
    runtime = openblas_runtime()
    if runtime is not None:
        description["blas"] += f", run-time configuration: {' '.join(runtime[0].split())}"
        if description["threads"] is None:
            description["threads"] = runtime[1]
    elif "build" in description:
        description["blas"] += f", build configuration: {description['build']}"
    description.pop("build", None)
    if description["threads"] is None:
        pinned = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
        description["threads"] = int(pinned) if pinned else f"default (cpu_count = {os.cpu_count()})"
    return description


def run_case(case):
    dtype = np.dtype(case["dtype"]).newbyteorder("<")
    m, n, k = case["m"], case["n"], case["k"]
    a = np.fromfile(case["a"], dtype=dtype).reshape(m, k).astype(case["dtype"])
    b = np.fromfile(case["b"], dtype=dtype).reshape(k, n).astype(case["dtype"])
    c = None
    for _ in range(case["warmup"]):
        c = a @ b
    seconds = []
    for _ in range(case["repeats"]):
        start = time.perf_counter()
        c = a @ b
        seconds.append(time.perf_counter() - start)
    if c is None:
        c = a @ b
    c.astype(dtype).tofile(case["c"])
    return {"name": case["name"], "seconds": seconds}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: numpy_matmul.py SPEC.json")
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    output = blas_description()
    output["results"] = [run_case(case) for case in spec["cases"]]
    print(json.dumps(output))


if __name__ == "__main__":
    main()
