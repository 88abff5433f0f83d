#!/usr/bin/env python3
"""PyTorch peer of bench/hnn-step.ts: one training step of a Hamiltonian neural network
(Greydanus, Dzamba & Yosinski 2019), written as their reference code writes it: H = MLP(x),
dH = autograd.grad(H.sum(), x, create_graph=True), field = [dH/dp, -dH/dq], loss = mean
squared error against the target time derivatives, then loss.backward().

Usage: python3 bench/peers/hnn_step_torch.py SPEC.json --threads N [--warmup 3] [--repeats 30]

SPEC.json is written by the TypeScript side: the layer widths, the degrees of freedom d, the
states [count, 2d] and target derivatives [count, 2d], and the initial parameters in physml's
flat layout (layer by layer: W as a row-major [in, out] block, then b); Linear.weight = W^T.
Float64 throughout (physml's HNN computes in float64).

Timed, each as the median of --repeats after --warmup: (1) loss + gradient with respect to
every parameter on the whole training set; (2) the same plus an Adam update (learning rate
1e-3), a full training step as Greydanus's train.py takes it. Threads: torch.set_num_threads(N);
the caller also sets OPENBLAS_NUM_THREADS and OMP_NUM_THREADS. Prints one JSON line.
"""

import argparse
import json
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


def build_network(torch, sizes, parameters):
    """nn.Sequential of Linear/Tanh (float64) with the weights of physml's flat layout."""
    layers = []
    linears = []
    offset = 0
    flat = torch.tensor(parameters, dtype=torch.float64)
    for index in range(len(sizes) - 1):
        fan_in, fan_out = sizes[index], sizes[index + 1]
        linear = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
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
    """The gradient in physml's layout; None (the output bias, which H's gradient ignores) is 0."""
    out = []
    for linear in linears:
        for parameter, grad in ((linear.weight, linear.weight.grad), (linear.bias, linear.bias.grad)):
            grad = torch_zeros_like(parameter) if grad is None else grad
            out.extend((grad.T if grad.dim() == 2 else grad).reshape(-1).tolist())
    return out


def torch_zeros_like(tensor):
    import torch

    return torch.zeros_like(tensor)


def timed(function, warmup, repeats):
    for _ in range(warmup):
        function()
    wall, cpu = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        function()
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    with open(args.spec) as handle:
        spec = json.load(handle)
    d = spec["degreesOfFreedom"]
    net, linears = build_network(torch, spec["sizes"], spec["parameters"])
    x = torch.tensor(spec["states"], dtype=torch.float64).reshape(-1, 2 * d).requires_grad_(True)
    targets = torch.tensor(spec["derivatives"], dtype=torch.float64).reshape(-1, 2 * d)

    def loss_fn():
        energy = net(x)
        (dh,) = torch.autograd.grad(energy.sum(), x, create_graph=True)
        field = torch.cat([dh[:, d:], -dh[:, :d]], 1)
        return (field - targets).square().mean()

    def step():
        net.zero_grad(set_to_none=True)
        loss = loss_fn()
        loss.backward()
        return loss

    loss0 = step()
    result = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": thread_report(torch),
        "parameterCount": sum(p.numel() for p in net.parameters()),
        "count": x.shape[0],
        "initialLoss": float(loss0.item()),
        "initialGradient": flat_gradient(linears),
    }
    result["stepWallMs"], result["stepCpuMs"] = timed(step, args.warmup, args.repeats)

    adam = torch.optim.Adam(net.parameters(), lr=1e-3)

    def adam_step():
        step()
        adam.step()

    result["adamStepWallMs"], result["adamStepCpuMs"] = timed(adam_step, args.warmup, args.repeats)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
