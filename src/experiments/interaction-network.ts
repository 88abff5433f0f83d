/**
 * Experiment `interaction-network` (issue 6): an interaction network with Newton's third law
 * built in learns spring forces, and conserves total momentum to round-off for ever.
 *
 * N particles with unequal masses, every pair joined by a spring (k = 1, L = 1), are simulated
 * with velocity Verlet; the network's relation model is a learned central pair force
 * φ_θ(‖x_ij‖)·x_ij/‖x_ij‖, added to i and subtracted from j, so Σ_i F_i = 0 for any weights. It is
 * fitted by Adam to the forces of the training frames, then rolled out with velocity Verlet for
 * a long time from a held-out state with non-zero total momentum, next to the true simulation
 * from the same state. Measured: the held-out force error, the learned φ_θ against the true
 * −k(r − L), the position error of the learned rollout against the true one, and the relative
 * momentum drift max_t |P(t) − P(0)| / max_t Σ m|v| of both rollouts, which must stay at
 * float64 round-off (checked: ≤ 1e−12 over 10⁴ steps). Also checked: held-out force MSE below
 * 1% of the mean squared force, and φ_θ within 0.1 RMS of −k(r − L) between the 10% and 90%
 * quantiles of the training distances.
 *
 * Measured with the defaults (seed 0): momentum drift 3.7e−15 (learned) and 6.7e−15 (true
 * springs) over 10⁴ steps; held-out force MSE 4.6e−4 of the mean squared force; φ_θ within 0.012
 * RMS of −k(r − L); rollout position error 0.015 at t = 2, growing to 1.5 at t = 100 (the
 * many-spring dynamics amplify the small force error). About 8 s of CPU.
 */
import { z } from 'zod';
import { fold, type Key, normal, split, uniform } from '../core/random/index.js';
import {
  forceMse,
  interactionNetwork,
  type ParticleSnapshots,
  particlePairs,
  simulateSprings,
  springSystem,
  trainForceModel,
  velocityVerletRollout,
} from '../models/interaction/index.js';
import { adam } from '../optim/index.js';
import { decodeFloat64, encodeFloat64 } from './framework/checkpoint-codec.js';
import { type Check, defineExperiment, type MetricValue } from './framework/define.js';
import { atMostCheck } from './hnn-report.js';
import { interactionPlots, positionRmseSeries, relativeMomentumDrift } from './interaction-network-report.js';

/** Relative momentum drift allowed: round-off, with room for 10⁴–10⁶ accumulated roundings. */
export const MOMENTUM_DRIFT_LIMIT = 1e-12;

/** The learned forces must be this close: held-out MSE relative to the mean squared force. */
const FORCE_ERROR_LIMIT = 1e-2;
/** RMS error of φ_θ against −k(r − L) on the well-sampled distances (k·L = 1 sets the scale). */
const PAIR_FORCE_LIMIT = 0.1;

/** The most frames a rollout keeps. */
const maxSavedFrames = 1000;

const params = z.object({
  particleCount: z
    .number()
    .int()
    .min(2)
    .max(12)
    .default(5)
    .describe('particles N, all pairs joined by springs'),
  spatialDimension: z.number().int().min(1).max(3).default(2).describe('spatial dimension D'),
  trainSimulations: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(20)
    .describe('training simulations (each gives framesPerSimulation + 1 configurations)'),
  testSimulations: z.number().int().min(1).max(1000).default(5).describe('held-out simulations'),
  framesPerSimulation: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('frames saved per simulation, 0.1 time units apart'),
  hiddenSizes: z
    .array(z.number().int().min(1).max(512))
    .min(1)
    .max(6)
    .default([32, 32])
    .describe('hidden widths of the pair-force MLP φ_θ(r) (tanh)'),
  steps: z.number().int().min(1).max(100000).default(2000).describe('Adam steps'),
  learningRate: z.number().min(1e-6).max(1).default(1e-2).describe('Adam learning rate'),
  batchSize: z
    .number()
    .int()
    .min(1)
    .max(100000)
    .default(32)
    .describe('configurations per Adam step (capped at the training set)'),
  rolloutSteps: z
    .number()
    .int()
    .min(10)
    .max(1000000)
    .default(10000)
    .describe('velocity-Verlet steps of the long rollouts'),
  stepSize: z.number().min(1e-4).max(0.1).default(0.01).describe('velocity-Verlet step h'),
  errorTime: z
    .number()
    .min(0.01)
    .max(1000)
    .default(2)
    .describe('time at which the rollout position error is reported (≤ rolloutSteps·stepSize)'),
});

/** Checkpointed once the network is trained. */
interface InteractionState {
  parameters: string;
  losses: string;
}

/** Every pair distance of every configuration, sorted. */
function sortedPairDistances(data: ParticleSnapshots): Float64Array {
  const { particleCount: n, spatialDimension: d } = data;
  const pairs = particlePairs(n);
  const out = new Float64Array(data.count * pairs.count);
  for (let c = 0; c < data.count; c++) {
    const base = c * n * d;
    for (let p = 0; p < pairs.count; p++) {
      let squared = 0;
      for (let a = 0; a < d; a++) {
        squared +=
          (data.positions[base + pairs.first[p] * d + a] - data.positions[base + pairs.second[p] * d + a]) **
          2;
      }
      out[c * pairs.count + p] = Math.sqrt(squared);
    }
  }
  return out.sort();
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function meanSquare(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value * value;
  return total / values.length;
}

/** A held-out initial state with non-zero total momentum, so its relative drift means something. */
function initialState(key: Key, width: number) {
  const [positionKey, velocityKey] = split(key);
  return {
    positions: normal(positionKey, width),
    velocities: normal(velocityKey, width, { mean: 0.3, std: 0.5 }),
  };
}

/** A pair-force interaction network learns springs and conserves momentum to round-off. */
export const interactionNetworkExperiment = defineExperiment({
  name: 'interaction-network',
  title: 'An interaction network with f_ij = −f_ji learns springs and conserves momentum to round-off',
  description:
    'Fits a central pair force φ_θ(r) to the forces of simulated springs (all pairs joined, unequal masses); ' +
    'the network adds each pair force to one particle and subtracts it from the other, so the forces sum ' +
    'to zero for any weights. Rolled out with velocity Verlet for 10⁴ steps next to the true simulation, ' +
    'its total momentum stays at float64 round-off (checked ≤ 1e−12 relative, like the true springs). ' +
    'Also checked: the held-out force error (below 1% of the mean squared force) and the learned φ_θ ' +
    'against −k(r − L) (RMS ≤ 0.1); reported: the rollout error against the true simulation.',
  params,
  metrics: {
    heldOutForceMse: { description: 'mean squared force error on the held-out configurations' },
    relativeForceError: { description: 'heldOutForceMse / mean squared held-out force' },
    pairForceRmse: {
      description:
        'RMS of φ_θ(r) − (−k(r − L)) over r between the 10% and 90% quantiles of training distances',
    },
    momentumDrift: { description: 'learned rollout: max_t |P(t) − P(0)| / max_t Σ_i m_i|v_i(t)|' },
    trueMomentumDrift: { description: 'true springs rollout: the same relative momentum drift' },
    positionErrorAtErrorTime: {
      description: 'RMS particle distance between learned and true rollouts at t = errorTime',
    },
    finalPositionError: { description: 'RMS particle distance between learned and true rollouts at the end' },
  },
  tour: { steps: 300, rolloutSteps: 10000, trainSimulations: 10 },
  async run(p, context) {
    const n = p.particleCount;
    const d = p.spatialDimension;
    const width = n * d;
    const horizon = p.rolloutSteps * p.stepSize;
    if (p.errorTime > horizon) {
      throw new Error(`errorTime must be at most rolloutSteps·stepSize = ${horizon}, got ${p.errorTime}`);
    }
    const [massKey, trainKey, testKey, initKey, batchKey, stateKey] = split(context.key, 6);
    // Unequal masses in [0.5, 2]: conservation of Σ m_i v_i must not rely on equal masses.
    const masses = uniform(massKey, n, { low: 0.5, high: 2 });
    const system = springSystem({ particleCount: n, spatialDimension: d, masses });
    const dataOptions = { framesPerSimulation: p.framesPerSimulation, stepsPerFrame: 10, stepSize: 0.01 };
    const train = simulateSprings(system, {
      ...dataOptions,
      simulationCount: p.trainSimulations,
      key: trainKey,
    });
    const test = simulateSprings(system, {
      ...dataOptions,
      simulationCount: p.testSimulations,
      key: testKey,
    });
    const model = interactionNetwork({ particleCount: n, spatialDimension: d, hiddenSizes: p.hiddenSizes });

    let state = context.checkpoint.load<InteractionState>();
    if (state === undefined) {
      context.progress(0, 2, 'training');
      const result = trainForceModel(model, train, {
        parameters: model.initialize(initKey),
        numSteps: p.steps,
        batchSize: Math.min(p.batchSize, train.count),
        key: batchKey,
        optimizer: adam({ learningRate: p.learningRate }),
      });
      state = { parameters: encodeFloat64(result.parameters), losses: encodeFloat64(result.losses) };
      context.checkpoint.save<InteractionState>(state);
    }
    const parameters = decodeFloat64(state.parameters);
    const losses = decodeFloat64(state.losses);

    context.progress(1, 2, 'rolling out');
    const start = initialState(fold(stateKey, 0), width);
    const rolloutOptions = {
      masses,
      spatialDimension: d,
      ...start,
      stepSize: p.stepSize,
      numSteps: p.rolloutSteps,
      saveEvery: Math.max(1, Math.ceil(p.rolloutSteps / maxSavedFrames)),
    };
    const learned = velocityVerletRollout((x, out) => {
      model.evaluateForces(parameters, x, out);
    }, rolloutOptions);
    const truth = velocityVerletRollout((x, out) => {
      system.forces(x, out);
    }, rolloutOptions);
    const positionError = positionRmseSeries(learned, truth, n);
    const errorFrame = learned.times.findIndex((t) => t >= p.errorTime - 1e-9 * horizon);

    // The learned pair law against the true one, on the range the training data cover.
    const distances = sortedPairDistances(train);
    const [low, high] = [quantile(distances, 0.1), quantile(distances, 0.9)];
    const grid = Float64Array.from({ length: 200 }, (_, i) => low + ((high - low) * i) / 199);
    const learnedOnGrid = model.pairForceMagnitude(parameters, grid);
    let pairSquared = 0;
    for (let i = 0; i < grid.length; i++)
      pairSquared += (learnedOnGrid[i] - system.pairForceMagnitude(grid[i])) ** 2;
    const [plotLow, plotHigh] = [quantile(distances, 0.01), quantile(distances, 0.99)];
    const plotDistances = Array.from({ length: 200 }, (_, i) => (plotHigh * 1.25 * i) / 199);
    context.progress(2, 2, 'measuring');

    const heldOutForceMse = forceMse(model, parameters, test);
    const metrics: Record<string, MetricValue> = {
      heldOutForceMse,
      relativeForceError: heldOutForceMse / meanSquare(test.forces),
      pairForceRmse: Math.sqrt(pairSquared / grid.length),
      momentumDrift: relativeMomentumDrift(learned, masses, d),
      trueMomentumDrift: relativeMomentumDrift(truth, masses, d),
      positionErrorAtErrorTime: positionError[errorFrame],
      finalPositionError: positionError[positionError.length - 1],
    };
    const checks: Check[] = [
      atMostCheck('momentumDrift', MOMENTUM_DRIFT_LIMIT),
      atMostCheck('trueMomentumDrift', MOMENTUM_DRIFT_LIMIT),
      atMostCheck('relativeForceError', FORCE_ERROR_LIMIT),
      atMostCheck('pairForceRmse', PAIR_FORCE_LIMIT),
    ];
    return {
      metrics,
      reference: {
        momentumDrift: `0 up to round-off (≤ ${MOMENTUM_DRIFT_LIMIT}): Σ_i F_i = 0 by construction`,
        trueMomentumDrift: `0 up to round-off (≤ ${MOMENTUM_DRIFT_LIMIT})`,
        relativeForceError: `at most ${FORCE_ERROR_LIMIT}`,
        pairForceRmse: `0; at most ${PAIR_FORCE_LIMIT} (the pair force is −k(r − L), k = L = 1)`,
      },
      checks,
      plots: interactionPlots({
        spatialDimension: d,
        particleCount: n,
        learned,
        truth,
        trajectoryTime: Math.min(horizon, Math.max(p.errorTime, 5)),
        distances: plotDistances,
        learnedPairForce: Array.from(model.pairForceMagnitude(parameters, Float64Array.from(plotDistances))),
        truePairForce: plotDistances.map((r) => system.pairForceMagnitude(r)),
        distanceRange: [plotLow, plotHigh],
        losses,
      }),
      tables: [
        {
          title: 'Particle masses of the simulation',
          columns: ['particle', 'mass'],
          rows: Array.from(masses, (m, i) => [i + 1, m]),
        },
      ],
    };
  },
});
