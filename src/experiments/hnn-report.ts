/**
 * The plots and helpers of the `hnn` experiment: phase portraits of the true, HNN and baseline
 * trajectories, the true energy along the rollouts, the energy error against time, the
 * training losses, and the one-sided check used by the physics-network experiments.
 */
import type { Check } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';

/** A batch of saved trajectories: frames [frameCount, trajectoryCount, stateLength]. */
export interface SavedRollout {
  readonly stateLength: number;
  readonly trajectoryCount: number;
  readonly times: Float64Array;
  readonly states: Float64Array;
}

/** The rollouts compared in the report, by model. */
export interface HnnRollouts {
  truth: SavedRollout;
  hnn: SavedRollout;
  baseline: SavedRollout;
}

/**
 * A check that a NON-NEGATIVE metric is at most `limit`: |metric − 0| ≤ limit. (For a metric
 * that can be negative this would also bound it from below; every user passes a ratio, an error
 * or a drift.)
 */
export function atMostCheck(metric: string, limit: number): Check {
  if (!(limit >= 0) || !Number.isFinite(limit))
    throw new Error(`atMostCheck: limit must be finite and ≥ 0, got ${limit}`);
  return { metric, reference: 0, tolerance: limit, kind: 'absolute' };
}

/** Coordinate `coordinate` of trajectory `trajectory` at every saved frame. */
export function coordinateSeries(path: SavedRollout, trajectory: number, coordinate: number): number[] {
  const frames = path.times.length;
  const out = new Array<number>(frames);
  for (let f = 0; f < frames; f++) {
    out[f] = path.states[(f * path.trajectoryCount + trajectory) * path.stateLength + coordinate];
  }
  return out;
}

/**
 * |H(x̂_t) − H(x₀)| averaged over trajectories at every frame, from energies laid out
 * [frameCount, trajectoryCount] as `energyAlongRollout` returns them.
 */
export function meanEnergyError(energies: Float64Array, trajectoryCount: number): number[] {
  const frames = energies.length / trajectoryCount;
  const out = new Array<number>(frames);
  for (let f = 0; f < frames; f++) {
    let total = 0;
    for (let b = 0; b < trajectoryCount; b++) {
      total += Math.abs(energies[f * trajectoryCount + b] - energies[b]);
    }
    out[f] = total / trajectoryCount;
  }
  return out;
}

/** The energies of trajectory `trajectory` from energies [frameCount, trajectoryCount]. */
function trajectoryEnergies(energies: Float64Array, trajectoryCount: number, trajectory: number): number[] {
  const frames = energies.length / trajectoryCount;
  return Array.from({ length: frames }, (_, f) => energies[f * trajectoryCount + trajectory]);
}

/** Everything the report draws. */
export interface HnnPlotInput {
  systemName: string;
  degreesOfFreedom: number;
  rollouts: HnnRollouts;
  /** True energies along each rollout, [frameCount, trajectoryCount]. */
  energies: { truth: Float64Array; hnn: Float64Array; baseline: Float64Array };
  /** Training losses of both models. */
  losses: { hnn: Float64Array; baseline: Float64Array };
  /** How many test trajectories the phase portrait shows (1 or 2). */
  portraitTrajectories: number;
}

/**
 * The test trajectories the report shows: the one of median initial energy, then the one of
 * highest (the lowest-energy ones are dominated by the input noise σ).
 */
export function shownTrajectories(energies: Float64Array, trajectoryCount: number): number[] {
  const order = Array.from({ length: trajectoryCount }, (_, b) => b).sort(
    (a, b) => energies[a] - energies[b],
  );
  const median = order[Math.floor((trajectoryCount - 1) / 2)];
  const highest = order[trajectoryCount - 1];
  return median === highest ? [median] : [median, highest];
}

const modelNames = { truth: 'true dynamics', hnn: 'HNN', baseline: 'baseline MLP' } as const;

/**
 * Phase portraits in (q, p) for one degree of freedom; for two bodies (d = 4) the orbit of
 * body 1 in the plane, (x₁, y₁), since an 8-dimensional phase space has no single portrait.
 */
function phasePortrait(input: HnnPlotInput): PlotSpec {
  const planar = input.degreesOfFreedom === 1;
  // (q, p) are coordinates 0 and 1 of a one-degree-of-freedom state; (x₁, y₁) of a two-body one.
  const shown = shownTrajectories(input.energies.truth, input.rollouts.truth.trajectoryCount).slice(
    0,
    input.portraitTrajectories,
  );
  const series = [];
  for (const model of ['truth', 'hnn', 'baseline'] as const) {
    for (const b of shown) {
      const path = input.rollouts[model];
      series.push({
        name: shown.length > 1 ? `${modelNames[model]}, test trajectory ${b + 1}` : modelNames[model],
        x: coordinateSeries(path, b, 0),
        y: coordinateSeries(path, b, 1),
      });
    }
  }
  const horizon = input.rollouts.truth.times[input.rollouts.truth.times.length - 1];
  return {
    kind: 'line',
    title: planar
      ? `Phase portrait of the ${input.systemName}: true vs HNN vs baseline`
      : 'Orbit of body 1 (x₁, y₁): true vs HNN vs baseline',
    caption: planar
      ? `Test trajectories rolled out for t ∈ [0, ${horizon}]. The true flow and the HNN's stay on closed ` +
        'level sets of their energies; the baseline spirals in or out because its flow conserves nothing.'
      : `Test trajectories rolled out for t ∈ [0, ${horizon}]; the baseline's orbit decays or escapes.`,
    x: { title: planar ? 'q' : 'x₁' },
    y: { title: planar ? 'p' : 'y₁' },
    series,
  };
}

/** Phase portraits, energy along one rollout, mean energy error against time, loss curves. */
export function hnnPlots(input: HnnPlotInput): PlotSpec[] {
  const { rollouts, energies, losses } = input;
  const times = Array.from(rollouts.truth.times);
  const n = rollouts.truth.trajectoryCount;
  const steps = (values: Float64Array) => Array.from(values, (_, i) => i + 1);
  const median = shownTrajectories(energies.truth, n)[0];
  return [
    phasePortrait(input),
    {
      kind: 'line',
      title: `True energy H along test rollout ${median + 1} (median initial energy)`,
      caption:
        'H of the rolled-out states, measured with the true Hamiltonian. The HNN conserves its own learned ' +
        'H_θ exactly, so the true H only oscillates within a band; the baseline drifts.',
      x: { title: 'time t' },
      y: { title: 'energy H' },
      series: (['truth', 'hnn', 'baseline'] as const).map((model) => ({
        name: modelNames[model],
        x: times,
        y: trajectoryEnergies(energies[model], n, median),
      })),
    },
    {
      kind: 'line',
      title: 'Energy error |H(x̂_t) − H(x₀)| averaged over the test trajectories',
      caption:
        'The true-dynamics curve is the rollout integrator’s own error (RK4 on the exact field): it must ' +
        'lie far below both models for the comparison to measure the models.',
      x: { title: 'time t' },
      y: { title: 'mean |ΔH|', scale: 'log' },
      series: (['truth', 'hnn', 'baseline'] as const).map((model) => ({
        name: modelNames[model],
        x: times,
        y: meanEnergyError(energies[model], n),
      })),
    },
    {
      kind: 'line',
      title: 'Training loss: mean squared vector-field error on the (mini)batches',
      caption: 'Both models reach the floor set by the input noise; the fit alone does not separate them.',
      x: { title: 'Adam step' },
      y: { title: 'loss', scale: 'log' },
      series: [
        { name: 'HNN', x: steps(losses.hnn), y: losses.hnn },
        { name: 'baseline MLP', x: steps(losses.baseline), y: losses.baseline },
      ],
    },
  ];
}
