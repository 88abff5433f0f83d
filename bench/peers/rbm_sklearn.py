#!/usr/bin/env python3
"""scikit-learn peer of bench/rbm.ts: the `BernoulliRBM` digits configuration of scikit-learn's
example (plot_rbm_logistic_classification, without the nudged copies): the 1797 8x8 digits,
`minmax_scale`d to [0, 1], 100 hidden units, minibatches of 10, learning rate 0.06, PCD with
one Gibbs step (scikit-learn's only algorithm: no momentum, no weight decay).

Usage: python3 bench/peers/rbm_sklearn.py [--epochs 20] [--seed 0] [--dtype float64|float32]
                                          [--evaluations 10]

The thread count is whatever the environment sets (OPENBLAS_NUM_THREADS and friends); the
caller runs this once pinned to one thread and once free, and this script reports what the
BLAS actually used (threadpoolctl).

Prints one JSON line: versions, BLAS, thread settings, fit wall and CPU seconds (the training
loop only; data loading and imports excluded), and the trained model's pseudo-likelihood:
`score_samples(X).mean()` averaged over `evaluations` corruption seeds (scikit-learn's
estimator flips one random unit per sample, so one call is noisy), the same quantity averaged
over all 64 possible flips (its exact expectation, no noise), and the parameters so that the
caller can evaluate them with its own code.
"""

import argparse
import json
import os
import sys
import time

import numpy as np


def blas_info():
    try:
        import threadpoolctl

        return [
            {key: entry.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
            for entry in threadpoolctl.threadpool_info()
        ]
    except Exception as error:  # threadpoolctl ships with scikit-learn; report its absence anyway
        return [{"error": str(error)}]


def exact_pseudo_likelihood(rbm, X):
    """Mean over samples of V * E_i[log sigmoid(F(v with unit i flipped) - F(v))], i uniform:
    the exact expectation of score_samples (V * that mean over i is sum_i log p(v_i | v_-i))."""
    n, v = X.shape
    fe = rbm._free_energy(X)
    total = np.zeros(n)
    for i in range(v):
        flipped = X.copy()
        flipped[:, i] = 1 - flipped[:, i]
        gap = rbm._free_energy(flipped) - fe
        total += -np.logaddexp(0, -gap)  # log sigmoid(gap)
    return float(total.mean())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--evaluations", type=int, default=10)
    args = parser.parse_args()

    import sklearn
    from sklearn.datasets import load_digits
    from sklearn.neural_network import BernoulliRBM
    from sklearn.preprocessing import minmax_scale

    X = minmax_scale(load_digits().data.astype(np.float64), feature_range=(0, 1)).astype(args.dtype)
    rbm = BernoulliRBM(
        n_components=100, learning_rate=0.06, batch_size=10, n_iter=args.epochs, random_state=args.seed
    )
    cpu = time.process_time()
    wall = time.perf_counter()
    rbm.fit(X)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu

    scores = []
    for evaluation in range(args.evaluations):
        rbm.random_state = 1000 + evaluation  # score_samples draws its flips from random_state
        scores.append(float(rbm.score_samples(X).mean()))
    print(
        json.dumps(
            {
                "sklearn": sklearn.__version__,
                "numpy": np.__version__,
                "python": sys.version.split()[0],
                "blas": blas_info(),
                "environment": {
                    name: os.environ.get(name)
                    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
                },
                "dtype": args.dtype,
                "epochs": args.epochs,
                "fitSeconds": wall,
                "fitCpuSeconds": cpu,
                "pseudoLikelihoodSamples": scores,
                "pseudoLikelihoodExact": exact_pseudo_likelihood(rbm, X.astype(np.float64)),
                "components": rbm.components_.astype(np.float64).ravel().tolist(),
                "interceptVisible": rbm.intercept_visible_.astype(np.float64).tolist(),
                "interceptHidden": rbm.intercept_hidden_.astype(np.float64).tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
