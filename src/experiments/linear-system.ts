/**
 * Experiment `linear-system` (seed essay 000): solving A x = b is finding the minimum of the
 * energy E(x) = ½ xᵀA x − bᵀx, whose gradient is the residual A x − b.
 *
 * A random symmetric positive-definite A with a chosen condition number κ is solved three
 * ways, all started from x = 0: gradient descent with the optimal fixed step 2/(μ+L), the
 * heavy ball with Polyak's optimal momentum, and conjugate gradients. Each is compared with
 * a direct Cholesky solve and with its textbook convergence bound; the report plots the
 * energy gap E(x_k) − E* along the way (gradient descent's straight line of slope
 * log((κ−1)/(κ+1)), the heavy ball's √κ speed-up, CG's finite termination).
 */
import { z } from 'zod';
import { grad } from '../core/autodiff/index.js';
import {
  cholesky,
  choleskySolve,
  conjugateGradient,
  diagonalMatrix,
  type Matrix,
  matrix,
  matVec,
  multiply,
  qr,
  transpose,
} from '../core/linalg/index.js';
import { normal, split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import { defineExperiment } from './framework/define.js';

type MethodName = 'gradientDescent' | 'heavyBall' | 'conjugateGradient';

interface MethodRun {
  iterations: number;
  converged: boolean;
  error: number;
  /** Iterations k at which the energy gap was recorded (every `recordEvery`-th, ≤ ~2000 points). */
  recordedAt: number[];
  /** Energy gap E(x_k) − E* at those iterations. */
  energyGap: number[];
}

interface LinearSystemState {
  runs: Partial<Record<MethodName, MethodRun>>;
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** A = Q diag(λ) Qᵀ with eigenvalues log-spaced in [1, κ] and a Haar-random rotation Q. */
export function randomSpdMatrix(
  n: number,
  kappa: number,
  key: Uint32Array,
): { a: Matrix; eigenvalues: Float64Array } {
  const eigenvalues = new Float64Array(n);
  for (let i = 0; i < n; i++) eigenvalues[i] = n === 1 ? 1 : kappa ** (i / (n - 1));
  const { q } = qr(matrix(n, n, normal(key, n * n)), { mode: 'complete' });
  const a = multiply(multiply(q, diagonalMatrix(eigenvalues)), transpose(q));
  // Symmetrise exactly: rounding in the two products leaves A asymmetric by a few ulps.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  return { a, eigenvalues };
}

/** E(x) − E* = ½ (x − x*)ᵀ A (x − x*), computed without the cancellation of E(x) − E*. */
function energyGap(a: Matrix, x: Float64Array, exact: Float64Array, scratch: Float64Array): number {
  const e = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) e[i] = x[i] - exact[i];
  matVec(a, e, scratch);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += e[i] * scratch[i];
  return 0.5 * s;
}

function relativeError(x: Float64Array, exact: Float64Array): number {
  const d = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) d[i] = x[i] - exact[i];
  return norm(d) / norm(exact);
}

/**
 * Heavy ball x_{k+1} = x_k − η ∇E(x_k) + β (x_k − x_{k−1}); β = 0 is gradient descent.
 * Stops when ‖A x − b‖ ≤ tolerance·‖b‖.
 */
function descend(
  a: Matrix,
  b: Float64Array,
  exact: Float64Array,
  stepSize: number,
  momentum: number,
  tolerance: number,
  maxIterations: number,
  recordEvery: number,
): MethodRun {
  const n = b.length;
  const x = new Float64Array(n);
  const previous = new Float64Array(n);
  const gradient = new Float64Array(n);
  const scratch = new Float64Array(n);
  const target = tolerance * norm(b);
  const gaps = [energyGap(a, x, exact, scratch)];
  const recordedAt = [0];
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    matVec(a, x, gradient);
    for (let i = 0; i < n; i++) gradient[i] -= b[i];
    if (norm(gradient) <= target) {
      converged = true;
      break;
    }
    for (let i = 0; i < n; i++) {
      const next = x[i] - stepSize * gradient[i] + momentum * (x[i] - previous[i]);
      previous[i] = x[i];
      x[i] = next;
    }
    iterations++;
    if (iterations % recordEvery === 0) {
      gaps.push(energyGap(a, x, exact, scratch));
      recordedAt.push(iterations);
    }
  }
  return { iterations, converged, error: relativeError(x, exact), recordedAt, energyGap: gaps };
}

export const linearSystem = defineExperiment({
  name: 'linear-system',
  title: 'Solving Ax = b by minimising the energy ½xᵀAx − bᵀx',
  description:
    'A random symmetric positive-definite A (eigenvalues log-spaced in [1, κ]) is solved by gradient descent ' +
    'with the optimal step 2/(μ+L), by the heavy ball with Polyak’s optimal momentum and by conjugate gradients, ' +
    'each from x = 0 to a relative residual ‖Ax − b‖/‖b‖ ≤ tolerance. Errors are measured against a direct ' +
    'Cholesky solve; iteration counts against the textbook bounds ln(tol)/ln((κ−1)/(κ+1)) for gradient descent ' +
    'and ln(tol/(2√κ))/ln((√κ−1)/(√κ+1)) for CG. The gradient used is checked against autodiff of the energy.',
  params: z.object({
    n: z.number().int().min(2).max(2000).default(100).describe('dimension of the system'),
    kappa: z.number().min(1).max(1e8).default(1000).describe('condition number κ = λmax/λmin of A'),
    tolerance: z
      .number()
      .min(1e-14)
      .max(0.1)
      .default(1e-10)
      .describe('target relative residual ‖Ax − b‖/‖b‖'),
    maxIterations: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .default(1_000_000)
      .describe('iteration budget per method'),
  }),
  metrics: {
    gradientDescentIterations: { description: 'gradient-descent steps to reach the tolerance' },
    heavyBallIterations: { description: 'heavy-ball steps to reach the tolerance' },
    conjugateGradientIterations: { description: 'conjugate-gradient steps to reach the tolerance' },
    gradientDescentError: {
      description: 'relative error ‖x − x*‖/‖x*‖ of gradient descent against the direct solve',
    },
    heavyBallError: { description: 'relative error of the heavy ball against the direct solve' },
    conjugateGradientError: { description: 'relative error of CG against the direct solve' },
    gradientDescentBoundRatio: {
      description: 'gradient-descent steps divided by the bound ln(tol)/ln((κ−1)/(κ+1))',
    },
    conjugateGradientBoundRatio: {
      description: 'CG steps divided by the bound ln(tol/(2√κ))/ln((√κ−1)/(√κ+1))',
    },
    autodiffGradientError: {
      description: 'max |∇E(x) − (Ax − b)| with ∇E from reverse-mode autodiff, at a random x',
    },
  },
  tour: { n: 60, kappa: 100, tolerance: 1e-10 },
  async run(params, context) {
    const { n, kappa, tolerance, maxIterations } = params;
    const [matrixKey, vectorKey, probeKey] = split(context.key, 3);
    const { a, eigenvalues } = randomSpdMatrix(n, kappa, matrixKey);
    const b = normal(vectorKey, n);
    const exact = choleskySolve(cholesky(a), b);
    const mu = eigenvalues[0];
    const lipschitz = eigenvalues[n - 1];
    const state = context.checkpoint.load<LinearSystemState>() ?? { runs: {} };

    // The energy through the tensor core: autodiff must reproduce the residual exactly.
    const aTensor = T.tensor(a.data, { shape: [n, n] });
    const bTensor = T.tensor(b);
    const energy = (x: T.Tensor) => T.sub(T.mul(0.5, T.dot(x, T.matmul(aTensor, x))), T.dot(bTensor, x));
    const probe = normal(probeKey, n);
    const autodiff = grad(energy)(T.tensor(probe));
    const residual = new Float64Array(n);
    matVec(a, probe, residual);
    let autodiffGradientError = 0;
    for (let i = 0; i < n; i++) {
      autodiffGradientError = Math.max(
        autodiffGradientError,
        Math.abs(autodiff.data[i] - (residual[i] - b[i])),
      );
    }

    const rateGd = (kappa - 1) / (kappa + 1);
    const sqrtKappa = Math.sqrt(kappa);
    const rateAccelerated = (sqrtKappa - 1) / (sqrtKappa + 1);
    const boundGd = kappa === 1 ? 1 : Math.ceil(Math.log(tolerance) / Math.log(rateGd));
    // The √κ bound holds in floating point too; the "at most n steps" of exact arithmetic does
    // not (rounding destroys the A-orthogonality of the directions), so it is not used.
    const boundCg =
      kappa === 1 ? 1 : Math.ceil(Math.log(tolerance / (2 * sqrtKappa)) / Math.log(rateAccelerated));

    const plan: Array<[MethodName, () => MethodRun]> = [
      [
        'gradientDescent',
        () =>
          descend(
            a,
            b,
            exact,
            2 / (mu + lipschitz),
            0,
            tolerance,
            maxIterations,
            Math.max(1, Math.floor(boundGd / 1000)),
          ),
      ],
      [
        'heavyBall',
        () =>
          descend(
            a,
            b,
            exact,
            4 / (Math.sqrt(lipschitz) + Math.sqrt(mu)) ** 2,
            rateAccelerated ** 2,
            tolerance,
            maxIterations,
            Math.max(1, Math.floor(Math.sqrt(boundGd) / 100)),
          ),
      ],
      [
        'conjugateGradient',
        () => {
          const scratch = new Float64Array(n);
          const gaps = [energyGap(a, new Float64Array(n), exact, scratch)];
          const result = conjugateGradient(a, b, {
            tolerance,
            maxIterations,
            onIteration: ({ x }) => gaps.push(energyGap(a, x, exact, scratch)),
          });
          return {
            iterations: result.iterations,
            converged: result.converged,
            error: relativeError(result.x, exact),
            recordedAt: gaps.map((_, k) => k),
            energyGap: gaps,
          };
        },
      ],
    ];
    plan.forEach(([name, solve], index) => {
      if (state.runs[name] === undefined) {
        state.runs[name] = solve();
        context.checkpoint.save(state);
      }
      context.progress(index + 1, plan.length, name);
    });
    const runs = state.runs as Record<MethodName, MethodRun>;
    for (const [name, run] of Object.entries(runs)) {
      if (!run.converged) context.log(`${name} did not reach the tolerance in ${maxIterations} iterations`);
    }
    // x* is accurate to about κ·ε; a solution with residual ≤ tol has error ≤ κ·tol.
    const errorTolerance = kappa * tolerance + kappa * 1e-15;
    return {
      metrics: {
        gradientDescentIterations: runs.gradientDescent.iterations,
        heavyBallIterations: runs.heavyBall.iterations,
        conjugateGradientIterations: runs.conjugateGradient.iterations,
        gradientDescentError: runs.gradientDescent.error,
        heavyBallError: runs.heavyBall.error,
        conjugateGradientError: runs.conjugateGradient.error,
        gradientDescentBoundRatio: runs.gradientDescent.iterations / boundGd,
        conjugateGradientBoundRatio: runs.conjugateGradient.iterations / boundCg,
        autodiffGradientError,
      },
      reference: {
        gradientDescentError: 0,
        heavyBallError: 0,
        conjugateGradientError: 0,
        gradientDescentIterationBound: boundGd,
        conjugateGradientIterationBound: boundCg,
        autodiffGradientError: 0,
        solution: 'direct Cholesky solve',
      },
      checks: [
        { metric: 'gradientDescentError', reference: 0, tolerance: errorTolerance, kind: 'absolute' },
        { metric: 'heavyBallError', reference: 0, tolerance: errorTolerance, kind: 'absolute' },
        { metric: 'conjugateGradientError', reference: 0, tolerance: errorTolerance, kind: 'absolute' },
        // Ratios in (0, 1]: no method may take more steps than its bound.
        { metric: 'gradientDescentBoundRatio', reference: 0.5, tolerance: 0.5, kind: 'absolute' },
        { metric: 'conjugateGradientBoundRatio', reference: 0.5, tolerance: 0.5, kind: 'absolute' },
        { metric: 'autodiffGradientError', reference: 0, tolerance: 1e-12 * lipschitz * n, kind: 'absolute' },
      ],
      plots: [
        {
          kind: 'line',
          title: 'Energy gap along the way: E(x_k) − E*',
          caption:
            'Gradient descent falls on a straight line of slope 2·log((κ−1)/(κ+1)); the heavy ball is √κ times faster; ' +
            'CG converges fastest (in exact arithmetic it would terminate within n steps).',
          x: { title: 'iteration k' },
          y: { title: 'E(x_k) − E*', scale: 'log' },
          series: (['gradientDescent', 'heavyBall', 'conjugateGradient'] as const).map((name) => ({
            name: {
              gradientDescent: 'gradient descent',
              heavyBall: 'heavy ball',
              conjugateGradient: 'conjugate gradients',
            }[name],
            x: runs[name].recordedAt,
            y: runs[name].energyGap,
          })),
        },
      ],
      tables: [
        {
          title: 'Methods',
          columns: ['method', 'iterations', 'bound', 'relative error'],
          rows: [
            [
              'gradient descent (η = 2/(μ+L))',
              runs.gradientDescent.iterations,
              boundGd,
              runs.gradientDescent.error,
            ],
            ['heavy ball (Polyak)', runs.heavyBall.iterations, '≈ √κ faster', runs.heavyBall.error],
            ['conjugate gradients', runs.conjugateGradient.iterations, boundCg, runs.conjugateGradient.error],
          ],
        },
      ],
    };
  },
});
