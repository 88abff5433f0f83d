/**
 * Experiment `gradient-flow` (seed essay 000): gradient descent x_{k+1} = x_k − η∇U(x_k) is the
 * forward-Euler discretization of the gradient flow ẋ = −∇U(x), with the learning rate η as
 * the time step.
 *
 * On a quadratic U(x) = ½(x − x*)ᵀA(x − x*) the flow is known exactly,
 * x(t) = x* + V e^{−Λt} Vᵀ(x0 − x*) with A = VΛVᵀ (from `eigh`). Running gradient descent to the
 * same final time t with K = t/η steps, the global error ‖x_K − x(t)‖ shrinks linearly with η
 * (first order), with the constant predicted by expanding (1 − ηλ)^{t/η} = e^{−λt}(1 − ηλ²t/2 + …):
 * ‖x_K − x(t)‖ ≈ η·(t/2)·‖Λ² e^{−Λt} Vᵀ(x0 − x*)‖.
 *
 * Then stability: the largest curvature λmax is measured by Lanczos, and gradient descent is run
 * just below and just above 2/λmax. Below, every mode contracts and the run converges; above,
 * the stiffest mode is multiplied by |1 − ηλmax| > 1 at every step, the iterate zigzags out
 * and the optimizer's DivergenceError stops the run at the step the linear theory predicts,
 * with a message that names the bound.
 */
import { z } from 'zod';
import { eigh } from '../core/linalg/index.js';
import { normal, split } from '../core/random/index.js';
import { illConditionedQuadratic } from '../energies/index.js';
import { DivergenceError, gradientDescent, largestCurvature, minimize } from '../optim/index.js';
import { defineExperiment } from './framework/define.js';
import { ParameterError } from './framework/errors.js';

/** ‖x‖ beyond which a run counts as diverged (passed to `minimize`, and used by the prediction). */
const divergenceNorm = 1e12;
/** Most points kept for a recorded curve; longer curves are thinned by keeping every other point. */
const maxRecordedPoints = 2000;

/** One gradient-descent run of the step-size sweep. */
interface SweepEntry {
  /** The step size actually used: finalTime / steps. */
  stepSize: number;
  steps: number;
  /** ‖x_K − x(t)‖. */
  globalError: number;
}

/** A run just below or just above the stability bound. */
interface StabilityRun {
  stepSize: number;
  /** Steps taken (to the tolerance below; to the divergence above). */
  steps: number;
  /** Reached the tolerance. */
  converged: boolean;
  /** Stopped by a DivergenceError. */
  diverged: boolean;
  /** The DivergenceError's message, or a sentence saying how the run ended. */
  message: string;
  /** The bound the DivergenceError reports (Lanczos at the lowest-energy iterate), when it diverged. */
  reportedBound?: number;
  recordedSteps: number[];
  /** ½(x − x*)ᵀA(x − x*) at the recorded steps. */
  energyGap: number[];
  /** ⟨v_max, x_k − x*⟩ for the first steps: the stiffest mode's coordinate. */
  stiffCoordinate: number[];
}

interface GradientFlowState {
  sweep: SweepEntry[];
  /** Energy gaps of the largest-η run at its recorded times, for the flow-vs-descent plot. */
  coarseTimes?: number[];
  coarseGaps?: number[];
  below?: StabilityRun;
  above?: StabilityRun;
}

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Least-squares slope of y against x. */
export function fittedSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - meanX) * (y[i] - meanY);
    sxx += (x[i] - meanX) ** 2;
  }
  return sxy / sxx;
}

/** Keeps (step, value) pairs, thinning to every other point whenever the curve grows too long. */
class CurveRecorder {
  readonly steps: number[] = [];
  readonly values: number[] = [];
  private stride = 1;
  record(step: number, value: number): void {
    if (step % this.stride !== 0) return;
    this.steps.push(step);
    this.values.push(value);
    if (this.steps.length > maxRecordedPoints) {
      this.stride *= 2;
      const keep = this.steps.map((s, i) => (s % this.stride === 0 ? i : -1)).filter((i) => i >= 0);
      const steps = keep.map((i) => this.steps[i]);
      const values = keep.map((i) => this.values[i]);
      this.steps.splice(0, this.steps.length, ...steps);
      this.values.splice(0, this.values.length, ...values);
    }
  }
}

/** Log-spaced values from `low` to `high` (inclusive). */
function logSpaced(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => low * (high / low) ** (i / (count - 1)));
}

export const gradientFlow = defineExperiment({
  name: 'gradient-flow',
  title: 'Gradient descent is forward Euler on the gradient flow',
  description:
    'On a quadratic with eigenvalues log-spaced in [1, κ] (random eigenbasis), gradient descent with step η is ' +
    'compared with the exact gradient flow x(t) = x* + V e^{−Λt} Vᵀ(x0 − x*): the global error at a fixed time t ' +
    'shrinks as η¹ (fitted log-log slope, checked within ±0.15) with the constant (t/2)‖Λ²e^{−Λt}Vᵀ(x0 − x*)‖ of the ' +
    'first-order expansion. The largest curvature is then measured by Lanczos and gradient descent is run just below ' +
    'and just above 2/λmax: the first converges, the second diverges, stopped by a DivergenceError at the step ' +
    'predicted by the linear theory and reporting the bound η < 2/λmax.',
  params: z.object({
    dimension: z.number().int().min(2).max(400).default(20).describe('dimension n of the quadratic'),
    conditionNumber: z
      .number()
      .min(1)
      .max(1e5)
      .default(100)
      .describe('condition number κ: the eigenvalues are log-spaced in [1, κ], so λmax = κ'),
    finalTime: z
      .number()
      .min(0.01)
      .max(100)
      .default(1)
      .describe('time t at which gradient descent and the exact flow are compared'),
    smallestStepSize: z.number().min(1e-7).max(1).default(1e-4).describe('smallest step size η of the sweep'),
    largestStepSize: z
      .number()
      .min(1e-6)
      .max(2)
      .default(1e-2)
      .describe('largest step size η of the sweep (must stay below 2/λmax = 2/κ)'),
    stepSizeCount: z.number().int().min(2).max(30).default(7).describe('number of log-spaced step sizes'),
    stabilityMargin: z
      .number()
      .min(1e-3)
      .max(0.5)
      .default(0.02)
      .describe('the stability runs use η = (1 ∓ margin)·2/λmax'),
    tolerance: z
      .number()
      .min(1e-14)
      .max(0.1)
      .default(1e-8)
      .describe('the run below the bound has converged when ‖x − x*‖ ≤ tolerance·‖x0 − x*‖'),
    maxSteps: z
      .number()
      .int()
      .min(10)
      .max(10_000_000)
      .default(1_000_000)
      .describe('step budget of each stability run'),
  }),
  metrics: {
    fittedOrder: { description: 'least-squares slope of log(global error at t) against log η' },
    errorConstant: {
      description: 'global error divided by η at the smallest step size (the first-order error constant)',
    },
    stabilityBound: { description: '2/λmax with λmax measured by Lanczos on Hessian-vector products' },
    convergedBelow: {
      description: '1 when gradient descent at η = (1 − margin)·2/λmax reached the tolerance',
    },
    stepsBelow: { description: 'steps the run below the bound needed to reach the tolerance' },
    divergedAbove: {
      description: '1 when gradient descent at η = (1 + margin)·2/λmax was stopped by a DivergenceError',
    },
    divergenceStep: { description: 'the step at which the DivergenceError stopped the run above the bound' },
    reportedBound: {
      description: 'the bound η < 2/λmax stated by the DivergenceError (its own Lanczos estimate)',
    },
  },
  tour: { dimension: 12, smallestStepSize: 5e-4, stepSizeCount: 5 },
  async run(params, context) {
    const { dimension: n, conditionNumber, finalTime, smallestStepSize, largestStepSize } = params;
    const { stepSizeCount, stabilityMargin, tolerance, maxSteps } = params;
    if (!(largestStepSize > smallestStepSize)) {
      throw new ParameterError(
        `largestStepSize (${largestStepSize}) must be greater than smallestStepSize (${smallestStepSize})`,
      );
    }
    if (largestStepSize >= 2 / conditionNumber) {
      throw new ParameterError(
        `largestStepSize must be below the stability bound 2/λmax = 2/κ = ${2 / conditionNumber} ` +
          `for conditionNumber = ${conditionNumber}, got ${largestStepSize}`,
      );
    }
    if (finalTime / smallestStepSize > 1e7) {
      throw new ParameterError(
        `finalTime/smallestStepSize must be at most 1e7 steps, got ${finalTime}/${smallestStepSize} = ` +
          `${finalTime / smallestStepSize}; raise smallestStepSize or lower finalTime`,
      );
    }
    const [matrixKey, minimizerKey, startKey, lanczosKey] = split(context.key, 4);
    const minimizer = normal(minimizerKey, n);
    const energy = illConditionedQuadratic({
      dimension: n,
      conditionNumber,
      key: matrixKey,
      minimizer,
    });
    const x0 = normal(startKey, n);
    const { values: lambda, vectors } = eigh(energy.matrix);
    const column = (j: number) => Float64Array.from({ length: n }, (_, i) => vectors.data[i * n + j]);
    const offset = Float64Array.from(x0, (v, i) => v - minimizer[i]);
    // Modal coordinates c = Vᵀ(x0 − x*): the flow multiplies c_j by e^{−λ_j t}, descent by (1 − ηλ_j)^k.
    const modes = Float64Array.from({ length: n }, (_, j) => dot(column(j), offset));
    const stiffest = column(n - 1);
    const exactFlow = (time: number): Float64Array => {
      const x = Float64Array.from(minimizer);
      for (let j = 0; j < n; j++) {
        const c = modes[j] * Math.exp(-lambda[j] * time);
        for (let i = 0; i < n; i++) x[i] += vectors.data[i * n + j] * c;
      }
      return x;
    };
    const scratch = new Float64Array(n);
    const energyGap = (x: Float64Array): number => {
      const e = Float64Array.from(x, (v, i) => v - minimizer[i]);
      energy.hessianVector(x, e, scratch);
      return 0.5 * dot(e, scratch);
    };
    const flowAtFinal = exactFlow(finalTime);
    let constant = 0;
    for (let j = 0; j < n; j++)
      constant += (lambda[j] ** 2 * Math.exp(-lambda[j] * finalTime) * modes[j]) ** 2;
    constant = 0.5 * finalTime * Math.sqrt(constant);

    const state = context.checkpoint.load<GradientFlowState>() ?? { sweep: [] };
    const stepSizes = logSpaced(smallestStepSize, largestStepSize, stepSizeCount);
    const totalStages = stepSizeCount + 2;
    for (let index = state.sweep.length; index < stepSizeCount; index++) {
      const steps = Math.max(1, Math.round(finalTime / stepSizes[index]));
      const stepSize = finalTime / steps;
      const recorder = new CurveRecorder();
      const largest = index === stepSizeCount - 1;
      const result = minimize(energy, x0, gradientDescent({ learningRate: stepSize }), {
        maxSteps: steps,
        gradientTolerance: 0,
        onStep: largest ? ({ step, position }) => recorder.record(step, energyGap(position)) : undefined,
      });
      let error = 0;
      for (let i = 0; i < n; i++) error += (result.x[i] - flowAtFinal[i]) ** 2;
      state.sweep.push({ stepSize, steps, globalError: Math.sqrt(error) });
      if (largest) {
        state.coarseTimes = [0, ...recorder.steps.map((k) => k * stepSize)];
        state.coarseGaps = [energyGap(x0), ...recorder.values];
      }
      context.checkpoint.save(state);
      context.progress(index + 1, totalStages, `η = ${stepSize.toPrecision(3)}`);
    }

    // Stability: λmax by Lanczos (a few Hessian-vector products), then runs on both sides of 2/λmax.
    const curvature = largestCurvature(energy, x0, { key: lanczosKey });
    const stabilityBound = 2 / curvature.value;
    const initialDistance = Math.sqrt(dot(offset, offset));
    const stabilityRun = (stepSize: number): StabilityRun => {
      const recorder = new CurveRecorder();
      const stiffCoordinate = [dot(stiffest, offset)];
      const onStep = ({ step, position }: { step: number; position: Float64Array }) => {
        const e = Float64Array.from(position, (v, i) => v - minimizer[i]);
        if (stiffCoordinate.length <= 80) stiffCoordinate.push(dot(stiffest, e));
        recorder.record(step, energyGap(position));
        return Math.sqrt(dot(e, e)) > tolerance * initialDistance;
      };
      recorder.record(0, energyGap(x0));
      const base = { stepSize, recordedSteps: recorder.steps, energyGap: recorder.values, stiffCoordinate };
      try {
        const result = minimize(energy, x0, gradientDescent({ learningRate: stepSize }), {
          maxSteps,
          gradientTolerance: 0,
          onStep,
          divergence: { maxNorm: divergenceNorm },
        });
        const reached = result.reason === 'stopped by callback';
        return {
          ...base,
          steps: result.steps,
          converged: reached,
          diverged: false,
          message: reached
            ? `converged: ‖x − x*‖ ≤ ${tolerance}·‖x0 − x*‖ after ${result.steps} steps`
            : `did not reach the tolerance in ${result.steps} steps`,
        };
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        return {
          ...base,
          steps: error.step,
          converged: false,
          diverged: true,
          message: error.message,
          reportedBound: error.stepSizeBound,
        };
      }
    };
    if (state.below === undefined) {
      state.below = stabilityRun((1 - stabilityMargin) * stabilityBound);
      context.checkpoint.save(state);
    }
    context.progress(stepSizeCount + 1, totalStages, 'just below 2/λmax');
    if (state.above === undefined) {
      state.above = stabilityRun((1 + stabilityMargin) * stabilityBound);
      context.checkpoint.save(state);
    }
    context.progress(totalStages, totalStages, 'just above 2/λmax');
    const { below, above, sweep } = state;
    const diverged = above.diverged;
    context.log(`above the bound: ${above.message}`);

    // The linear theory's divergence step: the first k with ‖x* + V(1 − ηΛ)^k c‖ > divergenceNorm.
    // In modal coordinates ‖x‖² = ‖x*‖² + 2·(Vᵀx*)·p + ‖p‖² with p_j = (1 − ηλ_j)^k c_j: O(n) per step.
    let predictedDivergenceStep = -1;
    const growth = Float64Array.from(lambda, (l) => 1 - above.stepSize * l);
    const minimizerModes = Float64Array.from({ length: n }, (_, j) => dot(column(j), minimizer));
    const powers = Float64Array.from(modes);
    // Looking past the measured step is pointless (the check allows one step of difference).
    const horizon = diverged ? above.steps + 2 : 0;
    for (let k = 1; k <= horizon; k++) {
      for (let j = 0; j < n; j++) powers[j] *= growth[j];
      const squaredNorm = dot(minimizer, minimizer) + 2 * dot(minimizerModes, powers) + dot(powers, powers);
      if (Math.sqrt(squaredNorm) > divergenceNorm) {
        predictedDivergenceStep = k;
        break;
      }
    }
    const exactBound = 2 / energy.eigenvalues[n - 1];
    const fittedOrder = fittedSlope(
      sweep.map((entry) => Math.log(entry.stepSize)),
      sweep.map((entry) => Math.log(entry.globalError)),
    );
    const errorConstant = sweep[0].globalError / sweep[0].stepSize;
    const flowTimes = Array.from({ length: 201 }, (_, i) => (i / 200) * finalTime);

    return {
      metrics: {
        fittedOrder,
        errorConstant,
        stabilityBound,
        convergedBelow: below.converged ? 1 : 0,
        stepsBelow: below.steps,
        divergedAbove: diverged ? 1 : 0,
        divergenceStep: diverged ? above.steps : -1,
        reportedBound: above.reportedBound ?? -1,
      },
      reference: {
        fittedOrder: 1,
        errorConstant: constant,
        stabilityBound: exactBound,
        convergedBelow: 1,
        divergedAbove: 1,
        divergenceStep: predictedDivergenceStep,
        reportedBound: exactBound,
        flow: 'exact: x(t) = x* + V e^{−Λt} Vᵀ(x0 − x*) from eigh',
      },
      checks: [
        { metric: 'fittedOrder', reference: 1, tolerance: 0.15, kind: 'absolute' },
        // The next term of the expansion is relatively O(η·λ) for the modes that carry the error.
        { metric: 'errorConstant', reference: constant, tolerance: 0.02, kind: 'relative' },
        { metric: 'stabilityBound', reference: exactBound, tolerance: 1e-8, kind: 'relative' },
        { metric: 'convergedBelow', reference: 1, tolerance: 0, kind: 'absolute' },
        { metric: 'divergedAbove', reference: 1, tolerance: 0, kind: 'absolute' },
        { metric: 'divergenceStep', reference: predictedDivergenceStep, tolerance: 1, kind: 'absolute' },
        { metric: 'reportedBound', reference: exactBound, tolerance: 1e-6, kind: 'relative' },
      ],
      plots: [
        {
          kind: 'line',
          title: `Global error at t = ${finalTime} against the step size`,
          caption:
            'Forward Euler is first order: the measured errors lie on a line of slope 1, on top of the ' +
            'first-order prediction η·(t/2)‖Λ²e^{−Λt}Vᵀ(x0 − x*)‖.',
          x: { title: 'step size η', scale: 'log' },
          y: { title: '‖x_K − x(t)‖', scale: 'log' },
          points: true,
          series: [
            {
              name: 'gradient descent',
              x: sweep.map((e) => e.stepSize),
              y: sweep.map((e) => e.globalError),
            },
            {
              name: 'slope 1: η·(t/2)‖Λ²e^{−Λt}c‖',
              x: sweep.map((e) => e.stepSize),
              y: sweep.map((e) => e.stepSize * constant),
            },
          ],
        },
        {
          kind: 'line',
          title: 'Energy gap along the exact flow and along gradient descent',
          caption:
            'Gradient descent with step η samples the flow at times kη; the coarser the step, the further it ' +
            'strays (the stiff modes first).',
          x: { title: 'time t = kη' },
          y: { title: 'U(x) − U*', scale: 'log' },
          series: [
            {
              name: 'exact gradient flow',
              x: flowTimes,
              y: flowTimes.map((t) => energyGap(exactFlow(t))),
            },
            {
              name: `gradient descent, η = ${sweep[sweep.length - 1].stepSize.toPrecision(3)}`,
              x: state.coarseTimes ?? [],
              y: state.coarseGaps ?? [],
            },
          ],
        },
        {
          kind: 'line',
          title: 'Just below and just above the stability bound 2/λmax',
          caption:
            `η = (1 ∓ ${stabilityMargin})·2/λmax: below, every mode contracts; above, the stiffest mode grows by ` +
            `|1 − ηλmax| = ${(1 + 2 * stabilityMargin).toFixed(3)} per step until the divergence check stops the run.`,
          x: { title: 'step k' },
          y: { title: 'U(x_k) − U*', scale: 'log' },
          series: [
            { name: 'η just below 2/λmax', x: below.recordedSteps, y: below.energyGap },
            { name: 'η just above 2/λmax', x: above.recordedSteps, y: above.energyGap },
          ],
        },
        {
          kind: 'line',
          title: 'The stiffest mode zigzags: coordinate along the top eigenvector',
          caption:
            'Along the eigenvector of λmax each step multiplies the coordinate by 1 − ηλmax ≈ −1: a sign flip ' +
            'every step, with a slowly shrinking (below) or growing (above) envelope.',
          x: { title: 'step k' },
          y: { title: '⟨v_max, x_k − x*⟩' },
          points: true,
          series: [
            {
              name: 'η just below 2/λmax',
              x: below.stiffCoordinate.map((_, k) => k),
              y: below.stiffCoordinate,
            },
            {
              name: 'η just above 2/λmax',
              x: above.stiffCoordinate.map((_, k) => k),
              y: above.stiffCoordinate,
            },
          ],
        },
      ],
      tables: [
        {
          title: 'Step-size sweep: global error at the final time',
          columns: ['η', 'steps K', '‖x_K − x(t)‖', 'error / η', 'predicted error / η'],
          rows: sweep.map((e) => [e.stepSize, e.steps, e.globalError, e.globalError / e.stepSize, constant]),
        },
        {
          title: `Stability runs (λmax measured by Lanczos: ${curvature.value.toPrecision(10)}, exact ${energy.eigenvalues[n - 1]})`,
          columns: ['run', 'η', 'η·λmax/2', 'steps', 'outcome'],
          rows: [
            ['below', below.stepSize, below.stepSize / stabilityBound, below.steps, below.message],
            ['above', above.stepSize, above.stepSize / stabilityBound, above.steps, above.message],
          ],
        },
      ],
    };
  },
});
