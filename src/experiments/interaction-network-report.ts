/**
 * Measurements and plots of the `interaction-network` experiment: the relative drift of total
 * momentum along a rollout, the position error of a learned rollout against the true one, and
 * the figures (momentum drift, rollout error, learned vs true pair force, trajectories).
 */
import type { ParticleRollout } from '../models/interaction/index.js';
import type { PlotSpec } from './framework/plot-spec.js';

/**
 * max_t |P(t) − P(0)| / max_t Σ_i m_i|v_i(t)|: the change of total momentum P = Σ_i m_i v_i
 * relative to the momentum scale it is rounded against. Round-off (~1e-16 per step, growing at
 * most like the number of steps) for forces that obey Newton's third law; O(1) otherwise.
 */
export function relativeMomentumDrift(
  path: ParticleRollout,
  masses: ArrayLike<number>,
  spatialDimension: number,
): number {
  const d = spatialDimension;
  const width = masses.length * d;
  const frames = path.times.length;
  if (path.velocities.length !== frames * width || path.momentum.length !== frames * d) {
    throw new Error(`the rollout must hold ${masses.length} particles in ${d} dimensions`);
  }
  let scale = 0;
  for (let f = 0; f < frames; f++) {
    let frameScale = 0;
    for (let i = 0; i < width; i++)
      frameScale += masses[Math.floor(i / d)] * Math.abs(path.velocities[f * width + i]);
    scale = Math.max(scale, frameScale);
  }
  if (!(scale > 0)) throw new Error('every particle is at rest along the rollout: the drift is undefined');
  let worst = 0;
  for (let f = 1; f < frames; f++) {
    for (let a = 0; a < d; a++)
      worst = Math.max(worst, Math.abs(path.momentum[f * d + a] - path.momentum[a]));
  }
  return worst / scale;
}

/** The root-mean-square distance between the particles of two rollouts, frame by frame. */
export function positionRmseSeries(
  path: ParticleRollout,
  reference: ParticleRollout,
  particleCount: number,
): number[] {
  const frames = path.times.length;
  if (reference.times.length !== frames || reference.positions.length !== path.positions.length) {
    throw new Error('the rollouts must have the same frames and particles');
  }
  const width = path.positions.length / frames;
  return Array.from({ length: frames }, (_, f) => {
    let total = 0;
    for (let i = 0; i < width; i++)
      total += (path.positions[f * width + i] - reference.positions[f * width + i]) ** 2;
    return Math.sqrt(total / particleCount);
  });
}

/** |P(t) − P(0)| at every frame. */
function momentumChange(path: ParticleRollout, spatialDimension: number): number[] {
  const d = spatialDimension;
  return Array.from(path.times, (_, f) => {
    let squared = 0;
    for (let a = 0; a < d; a++) squared += (path.momentum[f * d + a] - path.momentum[a]) ** 2;
    return Math.sqrt(squared);
  });
}

/** What the report draws. */
export interface InteractionPlotInput {
  spatialDimension: number;
  particleCount: number;
  /** Rollouts from the same initial state under the learned and the true forces, same frames. */
  learned: ParticleRollout;
  truth: ParticleRollout;
  /** The trajectory plot (planar systems) shows t ∈ [0, trajectoryTime]. */
  trajectoryTime: number;
  /** The pair-force curves: distances, learned φ_θ(r), true −k(r − L). */
  distances: number[];
  learnedPairForce: number[];
  truePairForce: number[];
  /** The 1% and 99% quantiles of the training distances. */
  distanceRange: [number, number];
  losses: Float64Array;
}

/** Momentum drift, rollout error, pair force, trajectories (planar systems) and training loss. */
export function interactionPlots(input: InteractionPlotInput): PlotSpec[] {
  const d = input.spatialDimension;
  const times = Array.from(input.learned.times);
  const plots: PlotSpec[] = [
    {
      kind: 'line',
      title: 'Change of total momentum |P(t) − P(0)| along the long rollouts',
      caption:
        'Velocity Verlet under the learned forces and under the true spring forces. Both obey Newton’s third ' +
        'law, so each kick adds only the rounding of Σ_i F_i: the change stays at float64 round-off.',
      x: { title: 'time t' },
      y: { title: '|P(t) − P(0)|', scale: 'log' },
      series: [
        { name: 'learned interaction network', x: times, y: momentumChange(input.learned, d) },
        { name: 'true springs', x: times, y: momentumChange(input.truth, d) },
      ],
    },
    {
      kind: 'line',
      title: 'Rollout error: RMS particle distance between the learned and the true simulation',
      caption: 'Same initial state and integrator; the error grows as the small force error is integrated.',
      x: { title: 'time t' },
      y: { title: 'RMS position error', scale: 'log' },
      series: [
        {
          name: 'learned vs true',
          x: times,
          y: positionRmseSeries(input.learned, input.truth, input.particleCount),
        },
      ],
    },
    {
      kind: 'line',
      title: 'Pair force along x_ij/‖x_ij‖: learned φ_θ(r) vs the true spring −k(r − L)',
      caption: `Positive is repulsive. 98% of the training distances lie in [${input.distanceRange[0].toFixed(2)}, ${input.distanceRange[1].toFixed(2)}]; outside it φ_θ is an extrapolation.`,
      x: { title: 'distance r' },
      y: { title: 'pair force' },
      series: [
        { name: 'learned φ_θ(r)', x: input.distances, y: input.learnedPairForce },
        { name: 'true −k(r − L)', x: input.distances, y: input.truePairForce },
      ],
    },
  ];
  if (d === 2) {
    // Points of every particle at every saved frame: one colour per simulation, so the learned
    // and the true paths can be told apart where they separate.
    const width = input.particleCount * d;
    const frames = times.filter((t) => t <= input.trajectoryTime).length;
    const pathPoints = (path: ParticleRollout) => {
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < input.particleCount; i++) {
        for (let f = 0; f < frames; f++) {
          x.push(path.positions[f * width + i * d]);
          y.push(path.positions[f * width + i * d + 1]);
        }
      }
      return { x, y };
    };
    plots.push({
      kind: 'scatter',
      title: 'Particle paths in the plane, learned vs true simulation',
      caption: `Every particle at every saved frame of the first ${input.trajectoryTime} time units, from the same initial state.`,
      x: { title: 'x' },
      y: { title: 'y' },
      series: [
        { name: 'true springs', ...pathPoints(input.truth) },
        { name: 'learned interaction network', ...pathPoints(input.learned) },
      ],
    });
  }
  plots.push({
    kind: 'line',
    title: 'Training loss: mean squared force error on the minibatches',
    x: { title: 'Adam step' },
    y: { title: 'loss', scale: 'log' },
    series: [{ name: 'loss', x: Array.from(input.losses, (_, i) => i + 1), y: input.losses }],
  });
  return plots;
}
