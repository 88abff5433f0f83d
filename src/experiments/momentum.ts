/**
 * Experiment `momentum` (seed essay 000): gradient descent, Polyak's heavy ball and Nesterov's
 * method on an ill-conditioned quadratic, and the heavy ball read as a physical particle.
 *
 * With curvatures in [μ, L] (κ = L/μ) and their optimal parameters the error contracts per step by
 * - gradient descent, η = 2/(μ + L): (κ − 1)/(κ + 1);
 * - heavy ball, η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²: (√κ − 1)/(√κ + 1);
 * - Nesterov, η = 1/L, β = (√κ − 1)/(√κ + 1): 1 − 1/√κ.
 * The rates are measured by a least-squares fit of log‖x_k − x*‖ over the second half of each run.
 * At these momentum parameters the slowest mode has a double root, so the error there decays as
 * k·r^k rather than r^k; the fit for the two momentum methods removes that known factor (it would
 * otherwise bias the exponent by about 1/k).
 *
 * The physical picture: the heavy ball is `m θ'' + γ θ' + ∇L = 0`. Without friction its mechanical
 * energy ½m|θ'|² + L is conserved by the flow; the velocity-Verlet discretization (heavyBallDynamics
 * at γ = 0) conserves the modified energy exactly, so the true energy oscillates with relative
 * amplitude h²λ/4 per mode and never drifts: halving h divides the oscillation by 4.
 */
import { z } from 'zod';
import { eigh } from '../core/linalg/index.js';
import { portableAcos, portableExp, portableLog, portablePow, portableSin } from '../core/math/index.js';
import { normal, split } from '../core/random/index.js';
import { illConditionedQuadratic } from '../energies/index.js';
import {
  gradientDescent,
  type HeavyBallDynamicsState,
  heavyBall,
  heavyBallDynamics,
  minimize,
  nesterov,
  type Optimizer,
  optimalGradientDescent,
  polyakParameters,
} from '../optim/index.js';
import { defineExperiment } from './framework/define.js';

type MethodName = 'gradientDescent' | 'heavyBall' | 'nesterov';
const methodNames: readonly MethodName[] = ['gradientDescent', 'heavyBall', 'nesterov'];
const labels: Record<MethodName, string> = {
  gradientDescent: 'gradient descent',
  heavyBall: 'heavy ball (Polyak)',
  nesterov: 'Nesterov',
};
/** Most points kept for a recorded curve. */
const maxRecordedPoints = 2000;

/** One optimizer run to the tolerance. */
interface MethodRun {
  iterations: number;
  reached: boolean;
  measuredRate: number;
  recordedSteps: number[];
  relativeError: number[];
}

/** One frictionless heavy-ball-dynamics run. */
interface DynamicsRun {
  stepSize: number;
  steps: number;
  /** (max E − min E)/E(0) over the run, E the mechanical energy above U*. */
  relativeOscillation: number;
  times: number[];
  kinetic: number[];
  potential: number[];
}

interface MomentumState {
  methods: Partial<Record<MethodName, MethodRun>>;
  dynamics: DynamicsRun[];
}

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Least-squares slope of y against x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - meanX) * (y[i] - meanY);
    sxx += (x[i] - meanX) * (x[i] - meanX);
  }
  return sxy / sxx;
}

/**
 * The per-step contraction factor fitted to errors e_k, k = 0…K, over k ∈ [K/2, K]: the slope of
 * log e_k (or of log(e_k/k) when `jordan`, for a double root) against k, exponentiated.
 */
export function fittedRate(errors: readonly number[], jordan: boolean): number {
  const last = errors.length - 1;
  const ks: number[] = [];
  const logs: number[] = [];
  for (let k = Math.max(1, Math.floor(last / 2)); k <= last; k++) {
    ks.push(k);
    logs.push(portableLog(errors[k]) - (jordan ? portableLog(k) : 0));
  }
  return ks.length < 2 ? Number.NaN : portableExp(slope(ks, logs));
}

/** Every `stride`-th index of `length` items, the last one included, at most about `maxRecordedPoints`. */
function thinnedIndices(length: number): number[] {
  const stride = Math.max(1, Math.ceil(length / maxRecordedPoints));
  const indices: number[] = [];
  for (let i = 0; i < length; i += stride) indices.push(i);
  if (indices[indices.length - 1] !== length - 1) indices.push(length - 1);
  return indices;
}

export const momentum = defineExperiment({
  name: 'momentum',
  title: 'Momentum: gradient descent, heavy ball and Nesterov, and the heavy ball as a particle',
  description:
    'On a quadratic with eigenvalues log-spaced in [1, κ] (random eigenbasis), gradient descent (η = 2/(μ+L)), ' +
    'the heavy ball with Polyak’s optimal parameters and Nesterov’s method (η = 1/L, β = (√κ−1)/(√κ+1)) run to a ' +
    'relative error ‖x − x*‖/‖x0 − x*‖ ≤ tolerance. Their measured asymptotic rates (fit of the log error) are ' +
    'checked against (κ−1)/(κ+1), (√κ−1)/(√κ+1) and 1 − 1/√κ. Then the heavy ball as a particle without ' +
    'friction (velocity Verlet, m = 1): the mechanical energy ½|θ′|² + L oscillates with relative amplitude ' +
    '≈ Σ h²λᵢEᵢ/(4E) (predicted exactly from the Verlet recurrence) and no drift, so halving h divides it by 4.',
  params: z.object({
    dimension: z.number().int().min(2).max(400).default(100).describe('dimension n of the quadratic'),
    conditionNumber: z
      .number()
      .min(4)
      .max(1e5)
      .default(1000)
      .describe('condition number κ: eigenvalues log-spaced in [1, κ]'),
    tolerance: z
      .number()
      .min(1e-12)
      .max(1e-3)
      .default(1e-8)
      .describe('target relative error ‖x − x*‖/‖x0 − x*‖'),
    maxSteps: z
      .number()
      .int()
      .min(10)
      .max(10_000_000)
      .default(2_000_000)
      .describe('step budget of each optimizer'),
    timeStepFraction: z
      .number()
      .min(0.001)
      .max(0.5)
      .default(0.1)
      .describe('time step h of the frictionless dynamics as a fraction of its stability limit 2/√λmax'),
    periods: z
      .number()
      .min(0.25)
      .max(20)
      .default(2)
      .describe('duration of the frictionless dynamics in periods 2π/√λmin of the slowest mode'),
  }),
  metrics: {
    gradientDescentIterations: { description: 'gradient-descent steps to reach the tolerance' },
    heavyBallIterations: { description: 'heavy-ball steps to reach the tolerance' },
    nesterovIterations: { description: 'Nesterov steps to reach the tolerance' },
    gradientDescentRate: { description: 'measured per-step contraction of the error, gradient descent' },
    heavyBallRate: { description: 'measured per-step contraction of the error, heavy ball (k·r^k fit)' },
    nesterovRate: { description: 'measured per-step contraction of the error, Nesterov (k·r^k fit)' },
    methodsReachingTolerance: { description: 'how many of the three methods reached the tolerance' },
    energyOscillation: {
      description: 'relative oscillation (max − min)/E(0) of the mechanical energy at γ = 0, time step h',
    },
    energyOscillationHalfStep: { description: 'the same at time step h/2' },
    oscillationRatio: { description: 'energyOscillation / energyOscillationHalfStep (second order: 4)' },
  },
  tour: { dimension: 50, conditionNumber: 100 },
  async run(params, context) {
    const { dimension: n, conditionNumber, tolerance, maxSteps, timeStepFraction, periods } = params;
    const [matrixKey, minimizerKey, startKey] = split(context.key, 3);
    const minimizer = normal(minimizerKey, n);
    const energy = illConditionedQuadratic({ dimension: n, conditionNumber, key: matrixKey, minimizer });
    const mu = energy.eigenvalues[0];
    const lipschitz = energy.eigenvalues[n - 1];
    const sqrtKappa = Math.sqrt(lipschitz / mu);
    const x0 = normal(startKey, n);
    const initialDistance = Math.sqrt(dot(x0, x0) - 2 * dot(x0, minimizer) + dot(minimizer, minimizer));

    const gd = optimalGradientDescent(mu, lipschitz);
    const polyak = polyakParameters(mu, lipschitz);
    const nesterovMomentum = (sqrtKappa - 1) / (sqrtKappa + 1);
    const plan: Record<MethodName, { optimizer: Optimizer; rate: number; settings: string }> = {
      gradientDescent: {
        optimizer: gradientDescent({ learningRate: gd.learningRate }),
        rate: gd.rate,
        settings: `η = 2/(μ+L) = ${gd.learningRate.toPrecision(4)}`,
      },
      heavyBall: {
        optimizer: heavyBall({ learningRate: polyak.learningRate, momentum: polyak.momentum }),
        rate: polyak.rate,
        settings: `η = ${polyak.learningRate.toPrecision(4)}, β = ${polyak.momentum.toPrecision(4)}`,
      },
      nesterov: {
        optimizer: nesterov({ learningRate: 1 / lipschitz, momentum: nesterovMomentum }),
        rate: 1 - 1 / sqrtKappa,
        settings: `η = 1/L = ${(1 / lipschitz).toPrecision(4)}, β = ${nesterovMomentum.toPrecision(4)}`,
      },
    };

    const state = context.checkpoint.load<MomentumState>() ?? { methods: {}, dynamics: [] };
    const totalStages = methodNames.length + 2;
    methodNames.forEach((name, index) => {
      if (state.methods[name] === undefined) {
        const errors = [1];
        const result = minimize(energy, x0, plan[name].optimizer, {
          maxSteps,
          gradientTolerance: 0,
          onStep: ({ position }) => {
            let squared = 0;
            for (let i = 0; i < n; i++)
              squared += (position[i] - minimizer[i]) * (position[i] - minimizer[i]);
            const relative = Math.sqrt(squared) / initialDistance;
            errors.push(relative);
            return relative > tolerance;
          },
        });
        const reached = result.reason === 'stopped by callback';
        if (!reached) context.log(`${labels[name]} did not reach the tolerance in ${maxSteps} steps`);
        const kept = thinnedIndices(errors.length);
        state.methods[name] = {
          iterations: result.steps,
          reached,
          measuredRate: fittedRate(errors, name !== 'gradientDescent'),
          recordedSteps: kept,
          relativeError: kept.map((k) => errors[k]),
        };
        context.checkpoint.save(state);
      }
      context.progress(index + 1, totalStages, labels[name]);
    });
    const runs = state.methods as Record<MethodName, MethodRun>;

    // The frictionless particle, released at rest from x* + v_min + v_max/(3√κ): nine tenths of the
    // energy in the slowest mode, one tenth in the stiffest, so the plot shows a slow exchange with a
    // fast ripple on it, and the O(h²) error (set by the stiffest mode) is still well measurable.
    const { values: lambda, vectors } = eigh(energy.matrix);
    const stiffAmplitude = 1 / (3 * Math.sqrt(lambda[n - 1] / lambda[0]));
    const start = Float64Array.from(
      minimizer,
      (v, i) => v + vectors.data[i * n] + stiffAmplitude * vectors.data[i * n + n - 1],
    );
    const modeEnergies = [0.5 * lambda[0], 0.5 * lambda[n - 1] * stiffAmplitude * stiffAmplitude];
    const initialEnergy = modeEnergies[0] + modeEnergies[1];
    const baseStep = (timeStepFraction * 2) / Math.sqrt(lambda[n - 1]);
    const duration = (periods * 2 * Math.PI) / Math.sqrt(lambda[0]);
    // Velocity Verlet on a mode of curvature λ, released at rest from amplitude A, gives exactly
    // q_k = A·cos(kθ) with cos θ = 1 − h²λ/2, and conserves H̃ = v²/2 + (λq²/2)(1 − h²λ/4); so the true
    // energy is E_k = E_0 − Σᵢ (h²λᵢ/4)·Eᵢ·(1 − cos²(kθᵢ)). Its oscillation is predicted step by step.
    const predictedOscillation = (h: number) => {
      const steps = Math.max(1, Math.round(duration / h));
      const modes = [lambda[0], lambda[n - 1]].map((l, i) => ({
        weight: ((h * h * l) / 4) * modeEnergies[i],
        angle: portableAcos(1 - (h * h * l) / 2),
      }));
      let highest = 0;
      let lowest = 0;
      for (let k = 1; k <= steps; k++) {
        let deficit = 0;
        for (const { weight, angle } of modes)
          deficit -= weight * portableSin(k * angle) * portableSin(k * angle);
        highest = Math.max(highest, deficit);
        lowest = Math.min(lowest, deficit);
      }
      return (highest - lowest) / initialEnergy;
    };
    [baseStep, baseStep / 2].forEach((stepSize, index) => {
      if (state.dynamics[index] === undefined) {
        const steps = Math.max(1, Math.round(duration / stepSize));
        const stride = Math.max(1, Math.ceil(steps / maxRecordedPoints));
        const run: DynamicsRun = {
          stepSize,
          steps,
          relativeOscillation: 0,
          times: [0],
          kinetic: [0],
          potential: [],
        };
        run.potential.push(initialEnergy);
        let highest = initialEnergy;
        let lowest = initialEnergy;
        minimize(energy, start, heavyBallDynamics({ friction: 0, stepSize }), {
          maxSteps: steps,
          gradientTolerance: 0,
          onStep: ({ step, state: dynamics }) => {
            const { mechanicalEnergy, kineticEnergy, time } = dynamics as HeavyBallDynamicsState;
            const total = mechanicalEnergy - energy.minimum;
            highest = Math.max(highest, total);
            lowest = Math.min(lowest, total);
            if (step % stride === 0 || step === steps) {
              run.times.push(time);
              run.kinetic.push(kineticEnergy);
              run.potential.push(total - kineticEnergy);
            }
          },
        });
        run.relativeOscillation = (highest - lowest) / initialEnergy;
        state.dynamics[index] = run;
        context.checkpoint.save(state);
      }
      context.progress(methodNames.length + index + 1, totalStages, `frictionless dynamics, h = ${stepSize}`);
    });
    const [coarse, fine] = state.dynamics;

    const predictedIterations = (rate: number) => Math.ceil(portableLog(tolerance) / portableLog(rate));
    // Tolerances on the rate, as fractions of the theoretical 1 − r (the per-step decay exponent): a fit
    // over a finite window sees the neighbouring modes too. Measured over 8 seeds and n ∈ [30, 200],
    // κ ∈ [1e2, 1e4]: at most 4.7% (gradient descent), 1.3% (heavy ball), 13% (Nesterov, whose double
    // root at λ = μ sits in a cluster of modes with nearly the same modulus).
    const rateTolerance: Record<MethodName, number> = {
      gradientDescent: 0.1,
      heavyBall: 0.05,
      nesterov: 0.2,
    };
    const rateChecks = methodNames.map((name) => ({
      metric: `${name}Rate`,
      reference: plan[name].rate,
      tolerance: rateTolerance[name] * (1 - plan[name].rate),
      kind: 'absolute' as const,
    }));
    return {
      metrics: {
        gradientDescentIterations: runs.gradientDescent.iterations,
        heavyBallIterations: runs.heavyBall.iterations,
        nesterovIterations: runs.nesterov.iterations,
        gradientDescentRate: runs.gradientDescent.measuredRate,
        heavyBallRate: runs.heavyBall.measuredRate,
        nesterovRate: runs.nesterov.measuredRate,
        methodsReachingTolerance: methodNames.filter((name) => runs[name].reached).length,
        energyOscillation: coarse.relativeOscillation,
        energyOscillationHalfStep: fine.relativeOscillation,
        oscillationRatio: coarse.relativeOscillation / fine.relativeOscillation,
      },
      reference: {
        gradientDescentIterations: predictedIterations(plan.gradientDescent.rate),
        heavyBallIterations: predictedIterations(plan.heavyBall.rate),
        nesterovIterations: predictedIterations(plan.nesterov.rate),
        gradientDescentRate: plan.gradientDescent.rate,
        heavyBallRate: plan.heavyBall.rate,
        nesterovRate: plan.nesterov.rate,
        methodsReachingTolerance: 3,
        energyOscillation: predictedOscillation(coarse.stepSize),
        energyOscillationHalfStep: predictedOscillation(fine.stepSize),
        oscillationRatio: 4,
        iterations: 'ln(tolerance)/ln(rate): a guide; the k·r^k prefactor of the momentum methods adds steps',
      },
      checks: [
        { metric: 'methodsReachingTolerance', reference: 3, tolerance: 0, kind: 'absolute' },
        ...rateChecks,
        // The prediction is exact for Verlet; what is left is rounding in U − U* (|U*| ≫ E).
        {
          metric: 'energyOscillation',
          reference: predictedOscillation(coarse.stepSize),
          tolerance: 1e-4,
          kind: 'relative',
        },
        { metric: 'oscillationRatio', reference: 4, tolerance: 0.1, kind: 'absolute' },
      ],
      plots: [
        {
          kind: 'line',
          title: 'Relative error against iteration',
          caption:
            'Gradient descent falls as ((κ−1)/(κ+1))^k; the heavy ball and Nesterov are about √κ times faster. ' +
            'Dashed references: the theoretical rates r^k.',
          x: { title: 'iteration k' },
          y: { title: '‖x_k − x*‖ / ‖x0 − x*‖', scale: 'log' },
          series: [
            ...methodNames.map((name) => ({
              name: labels[name],
              x: runs[name].recordedSteps,
              y: runs[name].relativeError,
            })),
            ...methodNames.map((name) => {
              const ks = [0, runs[name].iterations];
              return {
                name: `${labels[name]}: r^k`,
                x: ks,
                y: ks.map((k) => portablePow(plan[name].rate, k)),
              };
            }),
          ],
        },
        {
          kind: 'line',
          title: 'The heavy ball without friction: kinetic and potential energy exchange',
          caption:
            'Released at rest with 90% of the energy in the slowest mode and 10% in the stiffest: the slow mode trades ' +
            'potential for kinetic energy over its period 2π/√λmin while the stiff mode ripples on top; their sum ' +
            'stays constant.',
          x: { title: 'time t' },
          y: { title: 'energy (above U*)' },
          series: [
            { name: 'kinetic ½|θ′|²', x: coarse.times, y: coarse.kinetic },
            { name: 'potential L(θ) − L*', x: coarse.times, y: coarse.potential },
            {
              name: 'mechanical energy',
              x: coarse.times,
              y: coarse.times.map((_, i) => coarse.kinetic[i] + coarse.potential[i]),
            },
          ],
        },
        {
          kind: 'line',
          title: 'Mechanical energy error: bounded, and four times smaller at h/2',
          caption:
            'Velocity Verlet is symplectic: the energy error oscillates (with the fast mode) but does not drift, ' +
            'and its amplitude scales as h².',
          x: { title: 'time t' },
          y: { title: '(E(t) − E(0)) / E(0)' },
          series: [coarse, fine].map((run) => ({
            name: `h = ${run.stepSize.toPrecision(3)}`,
            x: run.times,
            y: run.times.map((_, i) => (run.kinetic[i] + run.potential[i] - initialEnergy) / initialEnergy),
          })),
        },
      ],
      tables: [
        {
          title: `Optimizers on the quadratic (κ = ${conditionNumber}, n = ${n})`,
          columns: [
            'method',
            'parameters',
            'iterations',
            'ln(tol)/ln(r)',
            'measured rate',
            'theoretical rate',
          ],
          rows: methodNames.map((name) => [
            labels[name],
            plan[name].settings,
            runs[name].reached ? runs[name].iterations : `> ${maxSteps}`,
            predictedIterations(plan[name].rate),
            runs[name].measuredRate,
            plan[name].rate,
          ]),
        },
        {
          title: 'Frictionless heavy-ball dynamics (velocity Verlet, m = 1)',
          columns: ['time step h', 'steps', 'relative energy oscillation', 'predicted (Verlet, exact)'],
          rows: [coarse, fine].map((run) => [
            run.stepSize,
            run.steps,
            run.relativeOscillation,
            predictedOscillation(run.stepSize),
          ]),
        },
      ],
    };
  },
});
