/**
 * Experiment `hnn` (issue 6): Hamiltonian neural networks against a baseline MLP, after
 * Greydanus, Dzamba & Yosinski (2019).
 *
 * Data as theirs: random initial states, trajectories observed at 30 evenly spaced times in
 * [0, 3], Gaussian noise σ on the observed states, the exact time derivatives as targets. An
 * HNN learns a scalar H_θ(q, p) whose symplectic gradient is the vector field; the baseline, an
 * MLP with the same hidden layers, outputs the field directly. Both are trained by Adam on the
 * same loss, minibatches and steps, then rolled out with RK4 from held-out initial states for a
 * long time. Everything is measured with the TRUE physics: the vector-field MSE on held-out
 * states, the energy MSE mean (H(x̂_t) − H(x₀))² along the rollouts, the final energy drift and
 * the state error against the exact trajectories.
 *
 * Reference (Greydanus et al., repository README): energy MSE of baseline vs HNN on the
 * mass-spring 1.7077e−1 vs 3.8416e−4, on the ideal pendulum 4.1519e−2 vs 2.4852e−2. Their code
 * uses H = q² + p² for the spring and H = 3(1 − cos q) + p² for the pendulum; we use the paper's
 * H = (q² + p²)/2 and 6(1 − cos q) + p²/2 (see `models/hnn/systems.ts`): their spring's energy is
 * twice ours and their pendulum's half ours, so at the same relative error our energy MSE is 4×
 * smaller than theirs on the spring and 4× larger on the pendulum. The ratio HNN/baseline does
 * not depend on that scale; it is what is checked.
 *
 * Departures from their training, for run time: minibatches of 150 pairs instead of the full
 * batch of 750 (one full-batch step of the 200×200 HNN costs ~0.2 s here), and no weight decay.
 * The check that the rollout integrator is not what is measured: the same RK4 on the exact
 * field must have an energy MSE below 1% of the HNN's.
 *
 * Measured with the defaults (seed 0, t ∈ [0, 100], RK4 h = 0.1), HNN vs baseline:
 * - mass-spring: energy MSE 3.0e−5 vs 4.7e−2 (ratio 6.4e−4; Greydanus 2.2e−3), field MSE 9.2e−3
 *   vs 9.4e−3, final drift 3.8e−3 vs 0.23; the HNN's state MSE is the larger (0.42 vs 0.13): it
 *   keeps the energy but accumulates a phase error;
 * - pendulum: energy MSE 2.9e−3 vs 19 (ratio 1.5e−4; Greydanus 0.60: our baseline does far worse);
 * - two-body: energy MSE 9.5e−3 vs 0.75 (ratio 1.3e−2).
 * About 2 minutes of CPU for the spring.
 */
import { z } from 'zod';
import { type Key, split } from '../core/random/index.js';
import {
  energyAlongRollout,
  energyDrift,
  energyMse,
  type HamiltonianSystem,
  hamiltonianDataset,
  hamiltonianNeuralNetwork,
  idealPendulum,
  massSpring,
  modelVectorField,
  type Rollout,
  referenceRollout,
  rollout,
  stateMse,
  systemVectorField,
  trainVectorFieldModel,
  twoBody,
  type VectorFieldModel,
  vectorFieldBaseline,
  vectorFieldMse,
} from '../models/hnn/index.js';
import { adam } from '../optim/index.js';
import { decodeFloat64, encodeFloat64 } from './framework/checkpoint-codec.js';
import { type Check, defineExperiment, type MetricValue, type ReferenceValue } from './framework/define.js';
import { atMostCheck, hnnPlots } from './hnn-report.js';

/** The systems of Greydanus et al. (2019) that physml generates. */
export const HNN_SYSTEMS = ['mass-spring', 'pendulum', 'two-body'] as const;
export type HnnSystemName = (typeof HNN_SYSTEMS)[number];

const systemFactories: Record<HnnSystemName, () => HamiltonianSystem> = {
  'mass-spring': massSpring,
  pendulum: idealPendulum,
  'two-body': twoBody,
};

/**
 * The largest energy-MSE ratio HNN/baseline that passes, per system. Greydanus et al. report
 * 2.2e−3 on the spring (a gap of 450×) and 0.60 on the pendulum (the HNN merely better);
 * the limits ask for a gap of the same order: ≥ 100× on the spring, HNN better elsewhere.
 */
export const HNN_ENERGY_RATIO_LIMITS: Record<HnnSystemName, number> = {
  'mass-spring': 1e-2,
  pendulum: 1,
  'two-body': 1,
};

/** The published energy MSEs (baseline, HNN), where there are some. */
const publishedEnergyMse: Partial<Record<HnnSystemName, { baseline: number; hnn: number }>> = {
  'mass-spring': { baseline: 1.7077e-1, hnn: 3.8416e-4 },
  pendulum: { baseline: 4.1519e-2, hnn: 2.4852e-2 },
};

/** The integrator's energy MSE (RK4 on the exact field) must be below this share of the HNN's. */
const integratorShareLimit = 1e-2;

/** The most frames a rollout keeps (the metrics are means over the saved frames). */
const maxSavedFrames = 1000;

const params = z.object({
  system: z.enum(HNN_SYSTEMS).default('mass-spring').describe('the Hamiltonian system the data come from'),
  noiseStd: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe('std σ of the Gaussian noise on the observed states (Greydanus: 0.1)'),
  trainTrajectories: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(25)
    .describe('training trajectories (Greydanus: 25)'),
  testTrajectories: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(25)
    .describe('held-out trajectories: test states and rollout initial states'),
  pointsPerTrajectory: z
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(30)
    .describe('observations per trajectory, evenly spaced in t ∈ [0, 3] (Greydanus: 30)'),
  hiddenSizes: z
    .array(z.number().int().min(1).max(1024))
    .min(1)
    .max(6)
    .default([200, 200])
    .describe('hidden layer widths of both MLPs (Greydanus: 200, 200; tanh)'),
  steps: z.number().int().min(1).max(100000).default(2000).describe('Adam steps per model (Greydanus: 2000)'),
  learningRate: z.number().min(1e-6).max(1).default(1e-3).describe('Adam learning rate (Greydanus: 1e-3)'),
  batchSize: z
    .number()
    .int()
    .min(1)
    .max(1000000)
    .default(150)
    .describe('pairs per Adam step, drawn with replacement; at least the training set gives full batches'),
  rolloutTime: z
    .number()
    .min(0.1)
    .max(10000)
    .default(100)
    .describe('length T of the test rollouts (the spring’s period is 2π)'),
  rolloutStepSize: z.number().min(1e-4).max(1).default(0.1).describe('RK4 step of the rollouts'),
});

type HnnParams = z.output<typeof params>;

/** What is checkpointed after each model is trained. */
interface HnnState {
  trained: Partial<Record<'hnn' | 'baseline', { parameters: string; losses: string }>>;
}

/** The true energies along a rollout; throws if the rollout left the finite numbers. */
function finiteEnergies(system: HamiltonianSystem, path: Rollout, label: string, stepSize: number) {
  const energies = energyAlongRollout(system, path);
  const bad = energies.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    const time = path.times[Math.floor(bad / path.trajectoryCount)];
    throw new Error(
      `the ${label} rollout left the finite numbers at t = ${time}; lower rolloutStepSize (now ${stepSize}) or rolloutTime`,
    );
  }
  return energies;
}

function trainModel(
  model: VectorFieldModel,
  p: HnnParams,
  train: ReturnType<typeof hamiltonianDataset>,
  keys: { init: Key; batch: Key },
  onStep: (step: number) => void,
) {
  return trainVectorFieldModel(model, train, {
    parameters: model.initialize(keys.init),
    numSteps: p.steps,
    batchSize: Math.min(p.batchSize, train.count),
    key: keys.batch,
    optimizer: adam({ learningRate: p.learningRate }),
    onStep,
  });
}

/** Hamiltonian neural network vs baseline MLP: energy conservation along long rollouts. */
export const hnn = defineExperiment({
  name: 'hnn',
  title: 'Hamiltonian neural networks conserve energy; a plain MLP does not',
  description:
    'Learns the dynamics of a mass-spring, a pendulum or two-body gravity from noisy observations, as in ' +
    'Greydanus et al. (2019): a Hamiltonian neural network (an MLP H_θ(q, p) whose symplectic gradient is ' +
    'the vector field) against a baseline MLP that predicts the vector field directly, same layers, same ' +
    'training. Both are rolled out with RK4 from held-out states and judged with the true energy: the ' +
    'HNN’s energy error stays bounded, the baseline’s grows. Checked: energy MSE ratio HNN/baseline ≤ 1e−2 ' +
    'on the spring (Greydanus: 2.2e−3), HNN better on the other systems, and the integrator’s own energy ' +
    'error below 1% of the HNN’s.',
  params,
  metrics: {
    hnnVectorFieldMse: { description: 'HNN: mean squared vector-field error on the (noisy) held-out states' },
    baselineVectorFieldMse: {
      description: 'baseline: mean squared vector-field error on the held-out states',
    },
    hnnEnergyMse: { description: 'HNN: mean over rollout frames and trajectories of (H(x̂_t) − H(x₀))²' },
    baselineEnergyMse: { description: 'baseline: mean of (H(x̂_t) − H(x₀))² along its rollouts' },
    energyMseRatio: { description: 'hnnEnergyMse / baselineEnergyMse (Greydanus, spring: 2.2e−3)' },
    hnnEnergyDrift: { description: 'HNN: mean |H(x̂_T) − H(x₀)| at the end of the rollout' },
    baselineEnergyDrift: { description: 'baseline: mean |H(x̂_T) − H(x₀)| at the end of the rollout' },
    hnnStateMse: { description: 'HNN: mean squared state error against the exact trajectories' },
    baselineStateMse: { description: 'baseline: mean squared state error against the exact trajectories' },
    integratorEnergyMse: { description: 'energy MSE of the same RK4 rollout of the exact vector field' },
    integratorShare: {
      description: 'integratorEnergyMse / hnnEnergyMse: how much of the HNN’s error is RK4’s',
    },
  },
  tour: {
    hiddenSizes: [16, 16],
    steps: 300,
    learningRate: 1e-2,
    trainTrajectories: 20,
    testTrajectories: 10,
    rolloutStepSize: 0.2,
    // A longer rollout than the default's: the baseline's energy error grows with time and the
    // HNN's does not, so the gap clears the spring's 100× limit for every seed tried (0–12).
    rolloutTime: 300,
  },
  async run(p, context) {
    const system = systemFactories[p.system]();
    const d = system.degreesOfFreedom;
    const [trainKey, testKey, initKey, batchKey] = split(context.key, 4);
    const dataOptions = { pointsPerTrajectory: p.pointsPerTrajectory, noiseStd: p.noiseStd };
    const train = hamiltonianDataset(system, {
      ...dataOptions,
      trajectoryCount: p.trainTrajectories,
      key: trainKey,
    });
    const test = hamiltonianDataset(system, {
      ...dataOptions,
      trajectoryCount: p.testTrajectories,
      key: testKey,
    });
    const modelOptions = { degreesOfFreedom: d, hiddenSizes: p.hiddenSizes };
    const models = {
      hnn: hamiltonianNeuralNetwork(modelOptions),
      baseline: vectorFieldBaseline(modelOptions),
    };

    // Train both models (the same initial key and minibatch draws), checkpointing after each.
    const state: HnnState = context.checkpoint.load<HnnState>() ?? { trained: {} };
    const numSteps = Math.round(p.rolloutTime / p.rolloutStepSize);
    const totalWork = 2 * p.steps + 3;
    const trained = {} as Record<'hnn' | 'baseline', { parameters: Float64Array; losses: Float64Array }>;
    for (const [index, name] of (['hnn', 'baseline'] as const).entries()) {
      const saved = state.trained[name];
      if (saved !== undefined) {
        trained[name] = { parameters: decodeFloat64(saved.parameters), losses: decodeFloat64(saved.losses) };
        continue;
      }
      const result = trainModel(models[name], p, train, { init: initKey, batch: batchKey }, (step) => {
        if ((step + 1) % 50 === 0) {
          context.progress(index * p.steps + step + 1, totalWork, `training the ${name} (step ${step + 1})`);
        }
      });
      trained[name] = result;
      state.trained[name] = {
        parameters: encodeFloat64(result.parameters),
        losses: encodeFloat64(result.losses),
      };
      context.checkpoint.save<HnnState>(state);
    }

    // Long RK4 rollouts from the held-out initial states: both models and the exact field.
    const rolloutOptions = {
      stepSize: p.rolloutStepSize,
      numSteps,
      saveEvery: Math.max(1, Math.ceil(numSteps / maxSavedFrames)),
    };
    const width = 2 * d;
    context.progress(2 * p.steps, totalWork, 'rolling out');
    const paths = {
      truth: rollout(systemVectorField(system), test.initialStates, width, rolloutOptions),
      hnn: rollout(
        modelVectorField(models.hnn, trained.hnn.parameters),
        test.initialStates,
        width,
        rolloutOptions,
      ),
      baseline: rollout(
        modelVectorField(models.baseline, trained.baseline.parameters),
        test.initialStates,
        width,
        rolloutOptions,
      ),
    };
    const energies = {
      truth: finiteEnergies(system, paths.truth, 'exact-field', p.rolloutStepSize),
      hnn: finiteEnergies(system, paths.hnn, 'HNN', p.rolloutStepSize),
      baseline: finiteEnergies(system, paths.baseline, 'baseline', p.rolloutStepSize),
    };
    const exact = referenceRollout(system, paths.truth);
    context.progress(totalWork, totalWork, 'measuring');

    const hnnEnergyMse = energyMse(system, paths.hnn);
    const baselineEnergyMse = energyMse(system, paths.baseline);
    const integratorEnergyMse = energyMse(system, paths.truth);
    const metrics: Record<string, MetricValue> = {
      hnnVectorFieldMse: vectorFieldMse(models.hnn, trained.hnn.parameters, test),
      baselineVectorFieldMse: vectorFieldMse(models.baseline, trained.baseline.parameters, test),
      hnnEnergyMse,
      baselineEnergyMse,
      energyMseRatio: hnnEnergyMse / baselineEnergyMse,
      hnnEnergyDrift: energyDrift(system, paths.hnn),
      baselineEnergyDrift: energyDrift(system, paths.baseline),
      hnnStateMse: stateMse(paths.hnn, exact),
      baselineStateMse: stateMse(paths.baseline, exact),
      integratorEnergyMse,
      integratorShare: integratorEnergyMse / hnnEnergyMse,
    };
    const limit = HNN_ENERGY_RATIO_LIMITS[p.system];
    const checks: Check[] = [
      atMostCheck('energyMseRatio', limit),
      atMostCheck('integratorShare', integratorShareLimit),
    ];
    const published = publishedEnergyMse[p.system];
    const reference: Record<string, ReferenceValue> = {
      energyMseRatio:
        published !== undefined
          ? published.hnn / published.baseline
          : `no published value for ${p.system}; checked: HNN better (ratio ≤ ${limit})`,
      integratorShare: `at most ${integratorShareLimit}: RK4's own energy error is negligible`,
    };
    if (published !== undefined) {
      const scale =
        p.system === 'mass-spring'
          ? '; their H = q² + p² makes their MSE 4× ours at equal relative error'
          : '; their H is half ours, making their MSE ¼ of ours at equal relative error';
      reference.hnnEnergyMse = `${published.hnn} (Greydanus et al. 2019${scale})`;
      reference.baselineEnergyMse = `${published.baseline} (Greydanus et al. 2019${scale})`;
    }
    return {
      metrics,
      reference,
      checks,
      plots: hnnPlots({
        systemName: p.system,
        degreesOfFreedom: d,
        rollouts: paths,
        energies,
        losses: { hnn: trained.hnn.losses, baseline: trained.baseline.losses },
        portraitTrajectories: d === 1 ? 2 : 1,
      }),
      tables: [
        {
          title: 'HNN against the baseline (true energy along RK4 rollouts of the held-out initial states)',
          columns: ['model', 'vector-field MSE', 'energy MSE', 'final energy drift', 'state MSE'],
          rows: (['hnn', 'baseline'] as const).map((name) => [
            name === 'hnn' ? 'HNN' : 'baseline MLP',
            metrics[`${name}VectorFieldMse`] as number,
            metrics[`${name}EnergyMse`] as number,
            metrics[`${name}EnergyDrift`] as number,
            metrics[`${name}StateMse`] as number,
          ]),
        },
      ],
    };
  },
});
