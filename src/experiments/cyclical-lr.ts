/**
 * Experiment `cyclical-lr` (seed essay 000): a cyclical learning rate escapes plateaus and shallow
 * traps that a decaying one gets stuck in.
 *
 * The landscape (1-D, designed so that every feature is known; see {@link plateauTrapLandscape}):
 *   U(x) = −D/(1 + (x/w)²)  +  s·softplus(−x − a)  −  Σᵢ d·exp(−(x − cᵢ)²/(2σ²))
 * - a deep, wide Lorentzian basin at x ≈ 0 (depth D = 2, curvature 2D/w² = 1: gradient descent is
 *   stable in it for η < 2);
 * - left of x ≈ −8.5, a long plateau of small constant slope s = 0.04, where a step moves by η·s;
 * - five shallow, narrow Gaussian traps at cᵢ = −4 … −8 (depth 0.15, width 0.15, curvature ≈ 7:
 *   gradient descent can only settle in one while η < 2/λ ≈ 0.3).
 * Gradient descent with a learning-rate schedule starts from many points drawn uniformly on the
 * plateau and among the traps. Crossing the plateau takes Σ η_k·s; escaping a trap takes η above its
 * stability bound. A decaying rate has both only early on; a cyclical one comes back to η_max every
 * cycle, so it ejects from the traps and keeps moving across the plateau until it reaches the wide
 * basin, which is stable at every rate of the schedule and keeps it.
 *
 * What matters is the time spent at large η, not the cycling itself: a step decay that holds η_max
 * for half the run does as well as the triangular cycle here, and the report says so.
 */
import { z } from 'zod';
import { uniform } from '../core/random/index.js';
import type { Energy } from '../energies/index.js';
import { gradientDescent, minimize } from '../optim/index.js';
import {
  cosineWarmRestarts,
  exponentialDecay,
  expRange,
  type Schedule,
  stepDecay,
  triangular,
  triangular2,
} from '../schedules/index.js';
import { defineExperiment, type MetricDefinition, type MetricValue } from './framework/define.js';
import { ParameterError } from './framework/errors.js';

/** The landscape's constants (see the file comment). */
const basinDepth = 2;
const basinWidth = 2;
const plateauSlope = 0.04;
const plateauEdge = 8.5;
const trapCenters = [-4, -5, -6, -7, -8];
const trapDepth = 0.15;
const trapWidth = 0.15;

/** A critical point of the landscape. */
export interface CriticalPoint {
  x: number;
  energy: number;
  /** U''(x). */
  curvature: number;
}

/** The designed landscape, with its critical points found by bisection on U′. */
export interface PlateauTrapLandscape extends Energy {
  /** Local minima, left to right; the last is the global minimum. */
  readonly minima: readonly CriticalPoint[];
  /** Local maxima (the barriers between the basins), left to right. */
  readonly maxima: readonly CriticalPoint[];
  /**
   * Where a final point is: 'global' (right of the last barrier), 'trap' (in the basin of a shallow
   * minimum, within 0.5 of it or nearer the basin), or 'plateau' (still crawling down the plateau,
   * more than 0.5 left of the leftmost trap, whose basin the plateau drains into).
   */
  basinOf(x: number): 'plateau' | 'trap' | 'global';
  /** U''(x). */
  curvature(x: number): number;
}

function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function softplus(z: number): number {
  return z > 30 ? z : Math.log1p(Math.exp(z));
}

function value(x: number): number {
  const r = x / basinWidth;
  let u = -basinDepth / (1 + r * r) + plateauSlope * softplus(-x - plateauEdge);
  for (const c of trapCenters) u -= trapDepth * Math.exp(-0.5 * ((x - c) / trapWidth) ** 2);
  return u;
}

function derivative(x: number): number {
  const r = x / basinWidth;
  const q = 1 + r * r;
  let g = (2 * basinDepth * r) / (basinWidth * q * q) - plateauSlope * logistic(-x - plateauEdge);
  for (const c of trapCenters) {
    const z = (x - c) / trapWidth;
    g += ((trapDepth * z) / trapWidth) * Math.exp(-0.5 * z * z);
  }
  return g;
}

function secondDerivative(x: number): number {
  const r = x / basinWidth;
  const q = 1 + r * r;
  const p = logistic(-x - plateauEdge);
  let h = ((2 * basinDepth) / basinWidth ** 2) * ((1 - 3 * r * r) / q ** 3) + plateauSlope * p * (1 - p);
  for (const c of trapCenters) {
    const z = (x - c) / trapWidth;
    h += (trapDepth / trapWidth ** 2) * (1 - z * z) * Math.exp(-0.5 * z * z);
  }
  return h;
}

/** Zeros of U′ on [from, to], by a grid of step 1e-3 and bisection to machine precision. */
function criticalPoints(from: number, to: number): { minima: CriticalPoint[]; maxima: CriticalPoint[] } {
  const minima: CriticalPoint[] = [];
  const maxima: CriticalPoint[] = [];
  const spacing = 1e-3;
  let left = from;
  let gradientLeft = derivative(left);
  for (let i = 1; left < to; i++) {
    const right = from + i * spacing;
    const gradientRight = derivative(right);
    if (Math.sign(gradientLeft) !== Math.sign(gradientRight) && gradientRight !== 0) {
      let [low, high] = [left, right];
      for (let k = 0; k < 100 && high - low > 1e-15 * Math.max(1, Math.abs(low)); k++) {
        const middle = 0.5 * (low + high);
        if (Math.sign(derivative(middle)) === Math.sign(gradientLeft)) low = middle;
        else high = middle;
      }
      const x = 0.5 * (low + high);
      const point = { x, energy: value(x), curvature: secondDerivative(x) };
      (gradientLeft < 0 ? minima : maxima).push(point);
    }
    left = right;
    gradientLeft = gradientRight;
  }
  return { minima, maxima };
}

/**
 * The 1-D landscape of this experiment: a plateau of slope 0.04 left of x ≈ −8.5, five shallow
 * narrow traps at x ≈ −4 … −8, and a deep wide basin at x ≈ 0 (U* = −1.999992: the plateau term adds 8e-6).
 */
export function plateauTrapLandscape(): PlateauTrapLandscape {
  const { minima, maxima } = criticalPoints(-60, 20);
  const barrier = maxima[maxima.length - 1].x;
  const plateauEnd = minima[0].x - 0.5;
  return {
    name: 'plateau-trap landscape',
    dimension: 1,
    minima,
    maxima,
    energy: (x) => value(x[0]),
    energyAndGradient(x, gradient) {
      gradient[0] = derivative(x[0]);
      return value(x[0]);
    },
    hessianVector(x, v, out) {
      out[0] = secondDerivative(x[0]) * v[0];
    },
    hessian: (x) => Float64Array.of(secondDerivative(x[0])),
    curvature: secondDerivative,
    basinOf: (x) => (x > barrier ? 'global' : x > plateauEnd ? 'trap' : 'plateau'),
  };
}

/** The schedules compared: four cyclical, two decaying. */
const scheduleNames = [
  'triangular',
  'triangular2',
  'expRange',
  'warmRestarts',
  'exponentialDecay',
  'stepDecay',
] as const;
type ScheduleName = (typeof scheduleNames)[number];
const cyclical: readonly ScheduleName[] = ['triangular', 'triangular2', 'expRange', 'warmRestarts'];
const labels: Record<ScheduleName, string> = {
  triangular: 'triangular (CLR)',
  triangular2: 'triangular2 (CLR)',
  expRange: 'exp_range (CLR)',
  warmRestarts: 'cosine warm restarts',
  exponentialDecay: 'exponential decay',
  stepDecay: 'step decay',
};

/** Final positions and losses of every start, per schedule. */
type CyclicalState = Partial<Record<ScheduleName, { finalX: number[]; finalLoss: number[] }>>;

/** A fraction k/N with the Agresti–Coull standard error (finite even at 0/N and N/N). */
export function fractionWithError(successes: number, trials: number): { mean: number; stderr: number } {
  const adjusted = (successes + 2) / (trials + 4);
  return { mean: successes / trials, stderr: Math.sqrt((adjusted * (1 - adjusted)) / (trials + 4)) };
}

function meanWithError(values: readonly number[]): { mean: number; stderr: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1);
  return { mean, stderr: Math.sqrt(variance / n) };
}

const metricDefinitions: Record<string, MetricDefinition> = {
  successDifference: {
    description: 'success fraction of the triangular CLR minus that of the exponential decay (± stderr)',
  },
  advantageZScore: { description: 'successDifference divided by its standard error' },
  advantageSignificant: { description: '1 when successDifference ≥ 2 standard errors, else 0' },
  globalBasinLoss: {
    description: 'mean final loss of the runs (all schedules) that ended in the global basin',
  },
};
for (const name of scheduleNames) {
  metricDefinitions[`${name}SuccessFraction`] = {
    description: `${labels[name]}: fraction of starts ending in the global basin (Agresti–Coull stderr)`,
  };
  metricDefinitions[`${name}FinalLoss`] = { description: `${labels[name]}: final loss, mean ± stderr` };
}

export const cyclicalLr = defineExperiment({
  name: 'cyclical-lr',
  title: 'Cyclical learning rates escape plateaus and shallow traps',
  description:
    'Gradient descent on a designed 1-D landscape (a plateau of slope 0.04, five shallow narrow traps, a deep ' +
    'wide basin) from many starting points drawn uniformly from a key, with four cyclical schedules (triangular, ' +
    'triangular2, exp_range, cosine warm restarts) and two decaying ones (exponential, step), all between the ' +
    'same η_max and η_min over the same number of steps. Reported per schedule: the distribution of the final ' +
    'loss and the fraction reaching the global basin, with standard errors. Checked: the triangular CLR reaches ' +
    'the global basin more often than the exponential decay by at least two standard errors, and runs in the ' +
    'global basin end at its minimum.',
  params: z.object({
    starts: z.number().int().min(10).max(100_000).default(300).describe('number of random starting points'),
    steps: z.number().int().min(10).max(1_000_000).default(1000).describe('gradient-descent steps per run'),
    maxLearningRate: z
      .number()
      .min(0.01)
      .max(1.9)
      .default(1.5)
      .describe('η_max of every schedule (the global basin is stable for η < 2)'),
    minLearningRate: z.number().min(1e-5).max(1).default(0.01).describe('η_min of every schedule'),
    stepsPerHalfCycle: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(50)
      .describe('steps from η_min to η_max (half a cycle; warm restarts use a period of a full cycle)'),
    startFrom: z
      .number()
      .min(-60)
      .max(0)
      .default(-30)
      .describe('left end of the interval of starting points'),
    startTo: z.number().min(-60).max(0).default(-3).describe('right end of the interval of starting points'),
  }),
  metrics: metricDefinitions,
  tour: { starts: 40 },
  async run(params, context) {
    const { starts, steps, maxLearningRate, minLearningRate, stepsPerHalfCycle, startFrom, startTo } = params;
    if (!(minLearningRate < maxLearningRate)) {
      throw new ParameterError(
        `minLearningRate (${minLearningRate}) must be below maxLearningRate (${maxLearningRate})`,
      );
    }
    if (!(startFrom < startTo)) {
      throw new ParameterError(`startFrom (${startFrom}) must be below startTo (${startTo})`);
    }
    const landscape = plateauTrapLandscape();
    const globalMinimum = landscape.minima[landscape.minima.length - 1];
    // Above this rate no trap is a stable fixed point of gradient descent: 2/λ of the flattest trap.
    const trapBound = Math.max(...landscape.minima.slice(0, -1).map((m) => 2 / m.curvature));
    const cycle = { minValue: minLearningRate, maxValue: maxLearningRate, stepsPerHalfCycle };
    const schedules: Record<ScheduleName, Schedule> = {
      triangular: triangular(cycle),
      triangular2: triangular2(cycle),
      // The envelope falls from η_max to η_min over the run, like the exponential decay.
      expRange: expRange({ ...cycle, gamma: (minLearningRate / maxLearningRate) ** (1 / steps) }),
      warmRestarts: cosineWarmRestarts({
        maxValue: maxLearningRate,
        minValue: minLearningRate,
        period: 2 * stepsPerHalfCycle,
      }),
      exponentialDecay: exponentialDecay({
        initialValue: maxLearningRate,
        decayRate: minLearningRate / maxLearningRate,
        decaySteps: steps,
      }),
      stepDecay: stepDecay({
        initialValue: maxLearningRate,
        decayFactor: 0.1,
        decaySteps: Math.ceil(steps / 2),
      }),
    };
    const startPoints = uniform(context.key, starts, { low: startFrom, high: startTo });
    const descend = (schedule: Schedule, x0: number, onStep?: (x: number) => void) =>
      minimize(landscape, [x0], gradientDescent({ learningRate: schedule }), {
        maxSteps: steps,
        gradientTolerance: 0,
        onStep: onStep && (({ position }) => onStep(position[0])),
      }).x[0];

    const state = context.checkpoint.load<CyclicalState>() ?? {};
    scheduleNames.forEach((name, index) => {
      if (state[name] === undefined) {
        const finalX: number[] = [];
        for (let i = 0; i < starts; i++) {
          finalX.push(descend(schedules[name], startPoints[i]));
          if ((i + 1) % 50 === 0)
            context.progress(index * starts + i + 1, scheduleNames.length * starts, labels[name]);
        }
        state[name] = { finalX, finalLoss: finalX.map((x) => value(x)) };
        context.checkpoint.save(state);
      }
      context.progress((index + 1) * starts, scheduleNames.length * starts, labels[name]);
    });
    const results = state as Record<ScheduleName, { finalX: number[]; finalLoss: number[] }>;

    const counts = (name: ScheduleName) => {
      const tally = { global: 0, trap: 0, plateau: 0 };
      for (const x of results[name].finalX) tally[landscape.basinOf(x)] += 1;
      return tally;
    };
    const metrics: Record<string, MetricValue> = {};
    for (const name of scheduleNames) {
      metrics[`${name}SuccessFraction`] = fractionWithError(counts(name).global, starts);
      metrics[`${name}FinalLoss`] = meanWithError(results[name].finalLoss);
    }
    const clr = fractionWithError(counts('triangular').global, starts);
    const decay = fractionWithError(counts('exponentialDecay').global, starts);
    // The same starts serve every schedule; successes are positively correlated, so adding the two
    // variances (as if independent) overstates the error of the difference: a conservative test.
    const difference = { mean: clr.mean - decay.mean, stderr: Math.hypot(clr.stderr, decay.stderr) };
    const zScore = difference.mean / difference.stderr;
    metrics.successDifference = difference;
    metrics.advantageZScore = zScore;
    metrics.advantageSignificant = zScore >= 2 ? 1 : 0;
    const globalLosses = scheduleNames.flatMap((name) =>
      results[name].finalX.filter((x) => landscape.basinOf(x) === 'global').map(value),
    );
    metrics.globalBasinLoss = globalLosses.length > 0 ? meanWithError(globalLosses).mean : 0;

    // One illustrative start in the middle of the interval, for the trajectories.
    const illustrativeStart = 0.5 * (startFrom + startTo);
    const trajectories = scheduleNames.map((name) => {
      const xs = [illustrativeStart];
      descend(schedules[name], illustrativeStart, (x) => xs.push(x));
      return { name: labels[name], x: xs.map((_, k) => k), y: xs };
    });
    const grid = Array.from({ length: 1201 }, (_, i) => startFrom - 2 + (i / 1200) * (8 - startFrom));
    const stepAxis = Array.from({ length: steps }, (_, k) => k);
    const lossRange: [number, number] = [
      globalMinimum.energy - 0.05,
      scheduleNames.reduce((top, name) => results[name].finalLoss.reduce((a, b) => Math.max(a, b), top), -2) +
        0.05,
    ];
    return {
      metrics,
      reference: {
        globalMinimum: globalMinimum.energy,
        globalBasinLoss: globalMinimum.energy,
        advantageSignificant: 1,
        claim:
          'the triangular CLR reaches the global basin more often than the exponential decay (≥ 2 stderr)',
      },
      checks: [
        { metric: 'advantageSignificant', reference: 1, tolerance: 0, kind: 'absolute' },
        { metric: 'globalBasinLoss', reference: globalMinimum.energy, tolerance: 1e-6, kind: 'absolute' },
      ],
      plots: [
        {
          kind: 'line',
          title: 'The landscape: a plateau, five shallow traps, a deep wide basin',
          caption:
            `Traps: curvature ≈ 7, so gradient descent settles in one only while η < ${trapBound.toFixed(3)}. ` +
            'The basin at 0: curvature 1, stable for η < 2. Left of the traps the plateau slopes down by 0.04 ' +
            'per unit. The critical points are listed in the table below.',
          x: { title: 'x' },
          y: { title: 'U(x)' },
          series: [{ name: 'U(x)', x: grid, y: grid.map(value) }],
        },
        {
          kind: 'line',
          title: 'The learning-rate schedules',
          caption: `All between η_min = ${minLearningRate} and η_max = ${maxLearningRate} over ${steps} steps.`,
          x: { title: 'step k' },
          y: { title: 'learning rate η_k' },
          series: scheduleNames.map((name) => ({
            name: labels[name],
            x: stepAxis,
            y: stepAxis.map((k) => schedules[name](k)),
          })),
        },
        {
          kind: 'histogram',
          title: 'Final loss over the starting points',
          caption: `The spike at U* = ${globalMinimum.energy.toFixed(4)} is the global basin; the traps sit between −0.6 and −0.2, the plateau above.`,
          x: { title: 'final loss U(x_K)' },
          samples: scheduleNames.map((name) => ({ name: labels[name], values: results[name].finalLoss })),
          bins: 60,
          range: lossRange,
          density: false,
        },
        {
          kind: 'line',
          title: `One trajectory per schedule, from x0 = ${illustrativeStart}`,
          caption: 'Large rates carry the iterate across the plateau and throw it out of the traps.',
          x: { title: 'step k' },
          y: { title: 'x_k' },
          series: trajectories,
        },
      ],
      tables: [
        {
          title: `Outcomes over ${starts} starts in [${startFrom}, ${startTo}]`,
          columns: [
            'schedule',
            'kind',
            'global basin',
            'in a trap',
            'on the plateau',
            'final loss (mean ± stderr)',
            `steps with η > ${trapBound.toFixed(3)} (traps unstable)`,
          ],
          rows: scheduleNames.map((name) => {
            const tally = counts(name);
            const loss = meanWithError(results[name].finalLoss);
            const fast = stepAxis.filter((k) => schedules[name](k) > trapBound).length;
            return [
              labels[name],
              cyclical.includes(name) ? 'cyclical' : 'decaying',
              tally.global / starts,
              tally.trap / starts,
              tally.plateau / starts,
              `${loss.mean.toFixed(4)} ± ${loss.stderr.toFixed(4)}`,
              fast,
            ];
          }),
        },
        {
          title: 'Critical points of the landscape',
          columns: ['kind', 'x', 'U(x)', "U''(x)", 'gradient descent stable there for η <'],
          rows: [
            ...landscape.minima.map((m) => ['minimum', m.x, m.energy, m.curvature, 2 / m.curvature]),
            ...landscape.maxima.map((m) => ['barrier (maximum)', m.x, m.energy, m.curvature, '—']),
          ],
        },
      ],
    };
  },
});
