#!/usr/bin/env python3
"""PyTorch peer of bench/pinn-step.ts: one PINN training step for the 1D heat equation
u_t = k u_xx, written the standard PyTorch way (autograd.grad with create_graph=True).

Usage: python3 bench/peers/pinn_step_torch.py SPEC.json --dtype float64|float32 --threads N
                                             [--warmup 3] [--repeats 20]
                                             [--accuracy --adam-steps 2000 --learning-rate 1e-3
                                              --history-size 50 --check-every 10 --target 1e-3
                                              --cap-seconds 3600]

SPEC.json is written by the TypeScript side: the layer widths, the conductivity k, the
collocation points (interior [N, 2] as (x, t), boundary and initial points with their
targets), the initial parameters in physml's flat layout (layer by layer: W as a row-major
[in, out] block, then b), and a test grid with the exact solution on it. The network is
nn.Sequential(Linear, Tanh, ..., Linear) with Linear.weight = W^T, so both sides start from the
same weights, rounded to float32 the same way for --dtype float32.

The loss, as physml's pinnLoss for heat1d:
  mean((u_t - k u_xx)^2) + mean((u(boundary) - 0)^2) + mean((u(initial) - sin pi x)^2).
One step = loss + gradient with respect to every parameter (the optimizer update is not
timed). With --accuracy it then trains from the same weights: Adam for --adam-steps steps,
then torch.optim.LBFGS (strong Wolfe line search) until the relative L2 error on the test grid
is below --target, checking every --check-every steps, or until --cap-seconds of training.
Training time excludes the error checks.

Threads: torch.set_num_threads(--threads); the caller also sets OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS (Debian's torch calls OpenBLAS for matmuls, whose threads
torch.set_num_threads does not limit). What was in effect is reported.

Prints one JSON line.
"""

import argparse
import json
import math
import os
import sys
import time


def thread_report(torch):
    report = {
        "torchThreads": torch.get_num_threads(),
        "interopThreads": torch.get_num_interop_threads(),
        "environment": {
            name: os.environ.get(name)
            for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "GLIBC_TUNABLES")
        },
    }
    try:
        import threadpoolctl

        report["blas"] = [
            {key: entry.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
            for entry in threadpoolctl.threadpool_info()
        ]
    except Exception as error:  # optional: python3-threadpoolctl
        report["blas"] = [{"error": str(error)}]
    return report


def build_network(torch, sizes, parameters, dtype):
    """nn.Sequential of Linear/Tanh with the weights of physml's flat layout."""
    layers = []
    linears = []
    offset = 0
    flat = torch.tensor(parameters, dtype=torch.float64)
    for index in range(len(sizes) - 1):
        fan_in, fan_out = sizes[index], sizes[index + 1]
        linear = torch.nn.Linear(fan_in, fan_out, dtype=dtype)
        weight = flat[offset : offset + fan_in * fan_out].reshape(fan_in, fan_out)
        offset += fan_in * fan_out
        bias = flat[offset : offset + fan_out]
        offset += fan_out
        with torch.no_grad():
            linear.weight.copy_(weight.T)
            linear.bias.copy_(bias)
        layers.append(linear)
        linears.append(linear)
        if index + 2 < len(sizes):
            layers.append(torch.nn.Tanh())
    if offset != len(parameters):
        raise ValueError(f"expected {offset} parameters, got {len(parameters)}")
    return torch.nn.Sequential(*layers), linears


def flat_gradient(linears):
    """The gradient in physml's layout (W as [in, out] row-major, then b), as float64 numbers."""
    out = []
    for linear in linears:
        out.extend(linear.weight.grad.T.reshape(-1).double().tolist())
        out.extend(linear.bias.grad.double().tolist())
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--adam-steps", type=int, default=2000)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--history-size", type=int, default=50)
    parser.add_argument("--check-every", type=int, default=10)
    parser.add_argument("--target", type=float, default=1e-3)
    parser.add_argument("--cap-seconds", type=float, default=3600)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    with open(args.spec) as handle:
        spec = json.load(handle)
    k = spec["conductivity"]
    net, linears = build_network(torch, spec["sizes"], spec["parameters"], dtype)

    def points(name):
        return torch.tensor(spec[name], dtype=torch.float64).reshape(-1, 2).to(dtype)

    def column(name):
        return torch.tensor(spec[name], dtype=torch.float64).reshape(-1, 1).to(dtype)

    interior = points("interior")
    xi = interior[:, 0:1].clone().requires_grad_(True)
    ti = interior[:, 1:2].clone().requires_grad_(True)
    boundary, boundary_targets = points("boundary"), column("boundaryTargets")
    initial, initial_targets = points("initial"), column("initialTargets")
    grid = points("grid")
    exact = torch.tensor(spec["exactOnGrid"], dtype=torch.float64)

    def loss_fn():
        u = net(torch.cat([xi, ti], 1))
        ones = torch.ones_like(u)
        u_x, u_t = torch.autograd.grad(u, (xi, ti), ones, create_graph=True)
        (u_xx,) = torch.autograd.grad(u_x, xi, ones, create_graph=True)
        residual = u_t - k * u_xx
        return (
            residual.square().mean()
            + (net(boundary) - boundary_targets).square().mean()
            + (net(initial) - initial_targets).square().mean()
        )

    def step():
        net.zero_grad(set_to_none=True)
        loss = loss_fn()
        loss.backward()
        return loss

    loss0 = step()
    result = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "dtype": args.dtype,
        "threads": thread_report(torch),
        "parameterCount": sum(p.numel() for p in net.parameters()),
        "interiorCount": interior.shape[0],
        "initialLoss": float(loss0.item()),
        "initialGradient": flat_gradient(linears),
    }

    for _ in range(args.warmup):
        step()
    wall, cpu = [], []
    for _ in range(args.repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        step()
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
    result["stepWallMs"] = wall
    result["stepCpuMs"] = cpu

    if args.accuracy:
        result["accuracy"] = time_to_accuracy(torch, net, step, loss_fn, grid, exact, args)
    print(json.dumps(result))


def time_to_accuracy(torch, net, step, loss_fn, grid, exact, args):
    """Adam then L-BFGS from the current weights until the relative L2 error is below target."""
    norm = exact.norm().item()

    def relative_l2():
        with torch.no_grad():
            u = net(grid).double().reshape(-1)
        return (u - exact).norm().item() / norm

    trace = []  # (training seconds, step, optimizer, loss, relative L2)
    training = 0.0
    steps = 0
    evaluations = 0
    error = relative_l2()
    trace.append([0.0, 0, "start", None, error])
    reached = error < args.target

    adam = torch.optim.Adam(net.parameters(), lr=args.learning_rate)
    while not reached and steps < args.adam_steps and training < args.cap_seconds:
        chunk = min(args.check_every, args.adam_steps - steps)
        began = time.perf_counter()
        for _ in range(chunk):
            loss = step()
            adam.step()
        training += time.perf_counter() - began
        steps += chunk
        evaluations += chunk
        error = relative_l2()
        trace.append([training, steps, "adam", float(loss.item()), error])
        reached = error < args.target or not math.isfinite(error)
    adam_steps = steps

    lbfgs = torch.optim.LBFGS(
        net.parameters(),
        lr=1,
        max_iter=args.check_every,
        max_eval=25 * args.check_every,
        history_size=args.history_size,
        tolerance_grad=0,
        tolerance_change=0,
        line_search_fn="strong_wolfe",
    )
    count = [0]

    def closure():
        count[0] += 1
        return step()

    def flat_parameters():
        return torch.cat([p.detach().reshape(-1) for p in net.parameters()]).clone()

    stalled = False
    while not reached and training < args.cap_seconds:
        before = lbfgs.state[lbfgs._params[0]].get("n_iter", 0)
        start = flat_parameters()
        began = time.perf_counter()
        loss = lbfgs.step(closure)
        training += time.perf_counter() - began
        done = lbfgs.state[lbfgs._params[0]].get("n_iter", 0) - before
        steps += done
        error = relative_l2()
        trace.append([training, steps, "lbfgs", float(loss.item()), error])
        reached = error < args.target
        # A chunk that leaves the weights unchanged: the line search finds no decrease any more
        # (torch's LBFGS still counts its iterations), so further chunks would change nothing.
        if done == 0 or not math.isfinite(error) or torch.equal(start, flat_parameters()):
            stalled = True
            break
    return {
        "reached": bool(reached),
        "stalled": stalled,
        "trainingSeconds": training,
        "steps": steps,
        "adamSteps": adam_steps,
        "lbfgsSteps": steps - adam_steps,
        "lossEvaluations": evaluations + count[0],
        "relativeL2": error,
        "bestRelativeL2": min(entry[4] for entry in trace),
        "trace": trace,
    }


if __name__ == "__main__":
    main()
