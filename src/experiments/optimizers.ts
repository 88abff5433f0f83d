/**
 * Experiment `optimizers`: every optimizer of physml on the two classic test landscapes, the 2-D
 * Rosenbrock valley from (−1.2, 1) and an ill-conditioned quadratic, each run until it is within
 * `tolerance` of the known minimizer. What it costs them: iterations, gradient evaluations
 * (line-search trials included), Hessian-vector products and dense Hessians.
 *
 * The hyperparameters are the usual hand-tuned ones, fixed here so that every method converges
 * with the default budget; they are listed in the report. RMSProp gets an exponentially decaying
 * learning rate: with a fixed rate its sign-like steps of size ≈ η leave it circling the minimum
 * at a distance ≈ η. Adam → L-BFGS runs Adam for a fixed number of steps to explore, then switches
 * to L-BFGS from the point reached to converge tightly.
 */
import { z } from 'zod';
import { normal, split } from '../core/random/index.js';
import { type Energy, illConditionedQuadratic, rosenbrockEnergy } from '../energies/index.js';
import {
  adam,
  gradientDescent,
  heavyBall,
  lbfgs,
  minimize,
  nesterov,
  newton,
  type Optimizer,
  type OptimizerPhase,
  polyakParameters,
  rmsprop,
} from '../optim/index.js';
import { exponentialDecay } from '../schedules/index.js';
import { defineExperiment, type MetricDefinition } from './framework/define.js';

/** The optimizers compared, in display order. */
export const optimizerNames = [
  'gradientDescent',
  'heavyBall',
  'nesterov',
  'rmsprop',
  'adam',
  'lbfgs',
  'newton',
  'newtonHessianFree',
  'adamThenLbfgs',
] as const;
type OptimizerName = (typeof optimizerNames)[number];
const problemNames = ['rosenbrock', 'quadratic'] as const;
type ProblemName = (typeof problemNames)[number];

const labels: Record<OptimizerName, string> = {
  gradientDescent: 'gradient descent',
  heavyBall: 'heavy ball',
  nesterov: 'Nesterov',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  lbfgs: 'L-BFGS',
  newton: 'Newton (exact Hessian)',
  newtonHessianFree: 'Newton (Hessian-free, CG)',
  adamThenLbfgs: 'Adam → L-BFGS',
};
const problemLabels: Record<ProblemName, string> = {
  rosenbrock: 'Rosenbrock',
  quadratic: 'quadratic',
};
/** Adam steps before the switch to L-BFGS. */
const adamSteps = 100;
/** Most points kept per recorded curve. */
const maxRecordedPoints = 2000;

/** One run to the tolerance. */
interface OptimizerRun {
  reached: boolean;
  iterations: number;
  gradientEvaluations: number;
  hessianVectorProducts: number;
  hessianEvaluations: number;
  /** ‖x − x*‖ at the end. */
  error: number;
  /** U(x) − U* at the end. */
  loss: number;
  recordedSteps: number[];
  /** Gradient evaluations + Hessian-vector products + n·(dense Hessians) up to each recorded step. */
  recordedCost: number[];
  recordedLoss: number[];
}

type OptimizersState = Partial<Record<ProblemName, Partial<Record<OptimizerName, OptimizerRun>>>>;

function capitalized(name: string): string {
  return name[0].toUpperCase() + name.slice(1);
}

/** The metric name for a problem, an optimizer and a quantity, e.g. `rosenbrockLbfgsIterations`. */
function metricName(problem: ProblemName, optimizer: OptimizerName, quantity: string): string {
  return `${problem}${capitalized(optimizer)}${quantity}`;
}

const metricDefinitions: Record<string, MetricDefinition> = {};
for (const problem of problemNames) {
  for (const optimizer of optimizerNames) {
    const where = `${labels[optimizer]} on the ${problemLabels[problem]}`;
    metricDefinitions[metricName(problem, optimizer, 'Error')] = {
      description: `${where}: final distance ‖x − x*‖ to the known minimizer`,
    };
    metricDefinitions[metricName(problem, optimizer, 'Iterations')] = {
      description: `${where}: iterations to reach the tolerance (the budget when it did not)`,
    };
    metricDefinitions[metricName(problem, optimizer, 'GradientEvaluations')] = {
      description: `${where}: evaluations of U and ∇U to reach the tolerance (line-search trials included)`,
    };
  }
}

/** The optimizers with their settings for one problem. */
function optimizerPlan(
  problem: ProblemName,
  smallest: number,
  largest: number,
): Record<OptimizerName, { optimizer: Optimizer | { phases: OptimizerPhase[] }; settings: string }> {
  const decaying = exponentialDecay({ initialValue: 1e-2, decayRate: 0.999 });
  const common = {
    rmsprop: { optimizer: rmsprop({ learningRate: decaying }), settings: 'η_k = 0.01·0.999^k, ρ = 0.9' },
    adam: { optimizer: adam({ learningRate: 1e-2 }), settings: 'η = 0.01, β₁ = 0.9, β₂ = 0.999' },
    lbfgs: { optimizer: lbfgs(), settings: 'm = 10, strong Wolfe (c₁ = 1e-4, c₂ = 0.9)' },
    newton: { optimizer: newton(), settings: 'Cholesky, Levenberg damping where H is not PD, line search' },
    newtonHessianFree: {
      optimizer: newton({ hessian: 'hessian-free' }),
      settings: 'CG on H·p = −∇U with H·v products, line search',
    },
    adamThenLbfgs: {
      optimizer: {
        phases: [{ optimizer: adam({ learningRate: 1e-2 }), steps: adamSteps }, { optimizer: lbfgs() }],
      },
      settings: `Adam (η = 0.01) for ${adamSteps} steps, then L-BFGS`,
    },
  };
  if (problem === 'rosenbrock') {
    // λmax of the Hessian along the valley reaches ~1000 (1001.6 at the minimum): η = 1e-3 is stable.
    return {
      gradientDescent: { optimizer: gradientDescent({ learningRate: 1e-3 }), settings: 'η = 0.001' },
      heavyBall: {
        optimizer: heavyBall({ learningRate: 1e-3, momentum: 0.9 }),
        settings: 'η = 0.001, β = 0.9',
      },
      nesterov: {
        optimizer: nesterov({ learningRate: 1e-3, momentum: 0.9 }),
        settings: 'η = 0.001, β = 0.9',
      },
      ...common,
    };
  }
  const polyak = polyakParameters(smallest, largest);
  const sqrtKappa = Math.sqrt(largest / smallest);
  const momentum = (sqrtKappa - 1) / (sqrtKappa + 1);
  return {
    gradientDescent: { optimizer: gradientDescent({ learningRate: 1 / largest }), settings: 'η = 1/L' },
    heavyBall: {
      optimizer: heavyBall({ learningRate: polyak.learningRate, momentum: polyak.momentum }),
      settings: 'Polyak: η = 4/(√L+√μ)², β = ((√κ−1)/(√κ+1))²',
    },
    nesterov: {
      optimizer: nesterov({ learningRate: 1 / largest, momentum }),
      settings: 'η = 1/L, β = (√κ−1)/(√κ+1)',
    },
    ...common,
  };
}

/** Runs one optimizer until ‖x − x*‖ ≤ tolerance, counting every evaluation along the way. */
function runToTolerance(
  energy: Energy,
  minimizer: Float64Array,
  minimum: number,
  x0: Float64Array,
  optimizer: Optimizer | { phases: OptimizerPhase[] },
  tolerance: number,
  maxSteps: number,
): OptimizerRun {
  const n = energy.dimension;
  let cost = 0;
  // A dense Hessian costs about n Hessian-vector products, and one of those about one gradient.
  const counted: Energy = {
    name: energy.name,
    dimension: n,
    energy: (x) => energy.energy(x),
    energyAndGradient: (x, gradient) => {
      cost += 1;
      return energy.energyAndGradient(x, gradient);
    },
  };
  const { hessianVector, hessian } = energy;
  if (hessianVector) {
    counted.hessianVector = (x, v, out) => {
      cost += 1;
      hessianVector.call(energy, x, v, out);
    };
  }
  if (hessian) {
    counted.hessian = (x) => {
      cost += n;
      return hessian.call(energy, x);
    };
  }
  const distance = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i] - minimizer[i]) ** 2;
    return Math.sqrt(s);
  };
  const steps: number[] = [];
  const costs: number[] = [];
  const losses: number[] = [];
  let stride = 1;
  const record = (step: number, loss: number) => {
    if (step % stride !== 0) return;
    steps.push(step);
    costs.push(cost);
    losses.push(loss);
    if (steps.length > maxRecordedPoints) {
      stride *= 2;
      const keep = steps.map((s, i) => (s % stride === 0 ? i : -1)).filter((i) => i >= 0);
      for (const array of [steps, costs, losses]) {
        const kept = keep.map((i) => array[i]);
        array.splice(0, array.length, ...kept);
      }
    }
  };
  let last = { step: 0, loss: 0, cost: 0 };
  const result = minimize(counted, x0, optimizer, {
    maxSteps,
    gradientTolerance: 0,
    onStep: ({ step, position, energy: value }) => {
      last = { step, loss: value - minimum, cost };
      record(step, value - minimum);
      return distance(position) > tolerance;
    },
  });
  if (steps.length === 0 || steps[steps.length - 1] !== last.step) {
    steps.push(last.step);
    costs.push(last.cost);
    losses.push(last.loss);
  }
  return {
    reached: distance(result.x) <= tolerance,
    iterations: result.steps,
    gradientEvaluations: result.gradientEvaluations,
    hessianVectorProducts: result.hessianVectorProducts,
    hessianEvaluations: result.hessianEvaluations,
    error: distance(result.x),
    loss: result.energy - minimum,
    recordedSteps: [0, ...steps],
    recordedCost: [1, ...costs],
    recordedLoss: [energy.energy(x0) - minimum, ...losses],
  };
}

export const optimizers = defineExperiment({
  name: 'optimizers',
  title: 'Every optimizer on Rosenbrock and on an ill-conditioned quadratic',
  description:
    'Gradient descent, heavy ball, Nesterov, RMSProp, Adam, L-BFGS, Newton (exact and Hessian-free) and Adam → ' +
    'L-BFGS run on the 2-D Rosenbrock valley from (−1.2, 1) (minimum U = 0 at (1, 1)) and on a quadratic with ' +
    'eigenvalues log-spaced in [1, κ] in a random eigenbasis (minimum U = 0 at the origin), each until it is ' +
    'within `tolerance` of the known minimizer. Reported: iterations, gradient evaluations (line-search trials ' +
    'included), Hessian-vector products and Hessians; the loss against iterations and against cost. Checked: ' +
    'every method reaches the known minimizer within the tolerance.',
  params: z.object({
    dimension: z.number().int().min(2).max(400).default(50).describe('dimension n of the quadratic'),
    conditionNumber: z
      .number()
      .min(1)
      .max(1e5)
      .default(1000)
      .describe('condition number κ of the quadratic (eigenvalues log-spaced in [1, κ])'),
    tolerance: z
      .number()
      .min(1e-10)
      .max(1e-2)
      .default(1e-6)
      .describe('a run has converged when its distance ‖x − x*‖ to the known minimizer is at most this'),
    maxSteps: z.number().int().min(10).max(10_000_000).default(200_000).describe('step budget of each run'),
  }),
  metrics: metricDefinitions,
  tour: { dimension: 20, conditionNumber: 100, tolerance: 1e-5 },
  async run(params, context) {
    const { dimension, conditionNumber, tolerance, maxSteps } = params;
    const [matrixKey, startKey] = split(context.key, 2);
    const quadratic = illConditionedQuadratic({ dimension, conditionNumber, key: matrixKey });
    const rosenbrock = rosenbrockEnergy();
    type Problem = { energy: Energy; minimizer: Float64Array; minimum: number; x0: Float64Array };
    const problems: Record<ProblemName, Problem> = {
      rosenbrock: {
        energy: rosenbrock,
        minimizer: rosenbrock.minimizer as Float64Array,
        minimum: rosenbrock.minimum as number,
        x0: Float64Array.of(-1.2, 1),
      },
      // The minimizer at the origin: U* = 0, so U − U* has no cancellation near the end.
      quadratic: {
        energy: quadratic,
        minimizer: quadratic.minimizer,
        minimum: quadratic.minimum,
        x0: normal(startKey, dimension),
      },
    };
    const state = context.checkpoint.load<OptimizersState>() ?? {};
    const total = problemNames.length * optimizerNames.length;
    let done = 0;
    for (const problem of problemNames) {
      const plan = optimizerPlan(problem, quadratic.eigenvalues[0], quadratic.eigenvalues[dimension - 1]);
      const { energy, minimizer, minimum, x0 } = problems[problem];
      const runs = state[problem] ?? {};
      state[problem] = runs;
      for (const name of optimizerNames) {
        if (runs[name] === undefined) {
          runs[name] = runToTolerance(
            energy,
            minimizer,
            minimum,
            x0,
            plan[name].optimizer,
            tolerance,
            maxSteps,
          );
          if (!runs[name].reached) {
            context.log(`${labels[name]} on the ${problemLabels[problem]} did not reach the tolerance`);
          }
          context.checkpoint.save(state);
        }
        done += 1;
        context.progress(done, total, `${problemLabels[problem]}: ${labels[name]}`);
      }
    }
    const all = state as Record<ProblemName, Record<OptimizerName, OptimizerRun>>;

    const metrics: Record<string, number> = {};
    for (const problem of problemNames) {
      for (const name of optimizerNames) {
        const run = all[problem][name];
        metrics[metricName(problem, name, 'Error')] = run.error;
        metrics[metricName(problem, name, 'Iterations')] = run.iterations;
        metrics[metricName(problem, name, 'GradientEvaluations')] = run.gradientEvaluations;
      }
    }
    const lossPlots = problemNames.flatMap((problem) => [
      {
        kind: 'line' as const,
        title: `${problemLabels[problem]}: loss against iterations`,
        caption:
          problem === 'rosenbrock'
            ? 'First-order methods crawl along the curved valley; curvature-aware methods follow it in tens of ' +
              'steps. (Iteration 0 cannot be shown on the log axis.)'
            : 'Gradient descent needs O(κ) steps, momentum O(√κ); Newton solves a quadratic in one step. ' +
              '(Iteration 0 cannot be shown on the log axis.)',
        x: { title: 'iteration', scale: 'log' as const },
        y: { title: 'U(x) − U*', scale: 'log' as const },
        series: optimizerNames.map((name) => ({
          name: labels[name],
          x: all[problem][name].recordedSteps,
          y: all[problem][name].recordedLoss,
        })),
      },
      {
        kind: 'line' as const,
        title: `${problemLabels[problem]}: loss against cost`,
        caption:
          'Cost = evaluations of ∇U (line-search trials included) + Hessian-vector products + n per dense Hessian.',
        x: { title: 'gradient-equivalent evaluations', scale: 'log' as const },
        y: { title: 'U(x) − U*', scale: 'log' as const },
        series: optimizerNames.map((name) => ({
          name: labels[name],
          x: all[problem][name].recordedCost,
          y: all[problem][name].recordedLoss,
        })),
      },
    ]);
    return {
      metrics,
      reference: {
        rosenbrockMinimizer: '(1, 1), U* = 0',
        quadraticMinimizer: 'the origin, U* = 0',
        ...Object.fromEntries(
          problemNames.flatMap((problem) =>
            optimizerNames.map((name) => [metricName(problem, name, 'Error'), 0]),
          ),
        ),
      },
      checks: problemNames.flatMap((problem) =>
        optimizerNames.map((name) => ({
          metric: metricName(problem, name, 'Error'),
          reference: 0,
          tolerance,
          kind: 'absolute' as const,
        })),
      ),
      plots: lossPlots,
      tables: problemNames.map((problem) => {
        const plan = optimizerPlan(problem, quadratic.eigenvalues[0], quadratic.eigenvalues[dimension - 1]);
        return {
          title:
            problem === 'rosenbrock'
              ? 'Rosenbrock (2-D) from (−1.2, 1)'
              : `Quadratic, n = ${dimension}, κ = ${conditionNumber}, x0 ~ N(0, I)`,
          columns: [
            'method',
            'settings',
            'reached tolerance',
            'iterations',
            'gradient evaluations',
            'H·v products',
            'Hessians',
            '‖x − x*‖',
            'U − U*',
          ],
          rows: optimizerNames.map((name) => {
            const run = all[problem][name];
            return [
              labels[name],
              plan[name].settings,
              run.reached ? 'yes' : 'no',
              run.iterations,
              run.gradientEvaluations,
              run.hessianVectorProducts,
              run.hessianEvaluations,
              run.error,
              run.loss,
            ];
          }),
        };
      }),
    };
  },
});
