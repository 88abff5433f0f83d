/**
 * The HNN page's seeded run: the library's `hnn` experiment (a Hamiltonian neural network and
 * a plain MLP trained on the same noisy trajectories, then rolled out with RK4) in a worker,
 * with the page's system, width, learning rate, trajectories, noise and rollout (copied by a
 * button), a few hundred Adam steps, and the `physml run` command with the same parameters and
 * seed, whose numbers it gives bit for bit (the library's sin, cos and tanh are the portable
 * functions of src/core/math, not the engine's Math.sin/cos/tanh).
 */
import { HNN_SYSTEMS } from '../../../../src/experiments/hnn.js';
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';

/** Observations per training trajectory, as on the page. */
const POINTS_PER_TRAJECTORY = 30;

/** The page's systems by the experiment's names. */
const SYSTEM_OF_PAGE: Record<string, string> = { pendulum: 'pendulum', spring: 'mass-spring' };

/** The panel's parameters in the permalink (the defaults are the page's, with 300 steps). */
export const seededSpecs = {
  runSystem: { kind: 'enum', default: 'pendulum', values: HNN_SYSTEMS },
  runWidth: { kind: 'number', default: 32, min: 1, max: 1024, integer: true },
  runEta: { kind: 'number', default: 0.01, min: 1e-6, max: 1 },
  runTraj: { kind: 'number', default: 15, min: 1, max: 1000, integer: true },
  runNoise: { kind: 'number', default: 0.1, min: 0, max: 1 },
  runHorizon: { kind: 'number', default: 20, min: 0.1, max: 10_000 },
  runStepSize: { kind: 'number', default: 0.1, min: 1e-4, max: 1 },
  runSteps: { kind: 'number', default: 300, min: 1, max: 100_000, integer: true },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  system: string;
  width: number;
  eta: number;
  traj: number;
  noise: number;
  horizon: number;
  h: number;
  seed: number;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function hnnSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'hnn',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the hnn experiment of physml in a worker: an HNN and a baseline MLP (two tanh layers of the given width) trained full-batch with Adam on the same noisy trajectories (30 observations each), tested on 10 held-out trajectories, and rolled out with RK4 over the horizon: the energy errors of both and their ratio. The code, parameters and seed are those of the command below, and so are the metrics, to the last bit.',
      zh: '在工作线程中运行 physml 的 hnn 实验：HNN 与基线 MLP（两层给定宽度的 tanh）在相同的含噪轨迹（每条 30 个观测）上以 Adam 全批量训练，在 10 条留出轨迹上测试，并用 RK4 推演到给定时长：两者的能量误差及其比值。代码、参数与种子都与下方命令相同，指标也逐位相同。',
    },
    fields: [
      {
        name: 'runSystem',
        parameter: 'system',
        label: { en: 'system', zh: '系统' },
        kind: 'enum',
        values: HNN_SYSTEMS,
      },
      // Feeds `hiddenSizes` (two layers of this width, as on the page).
      { name: 'runWidth', label: { en: 'width', zh: '宽度' }, kind: 'integer', min: 1, max: 1024 },
      {
        name: 'runEta',
        parameter: 'learningRate',
        label: { en: 'η', zh: 'η' },
        kind: 'number',
        min: 1e-6,
        max: 1,
      },
      {
        name: 'runTraj',
        parameter: 'trainTrajectories',
        label: { en: 'trajectories', zh: '轨迹数' },
        kind: 'integer',
        min: 1,
        max: 1000,
      },
      {
        name: 'runNoise',
        parameter: 'noiseStd',
        label: { en: 'noise σ', zh: '噪声 σ' },
        kind: 'number',
        min: 0,
        max: 1,
      },
      {
        name: 'runHorizon',
        parameter: 'rolloutTime',
        label: { en: 'horizon', zh: '推演时长' },
        kind: 'number',
        min: 0.1,
        max: 10_000,
      },
      {
        name: 'runStepSize',
        parameter: 'rolloutStepSize',
        label: { en: 'RK4 step h', zh: 'RK4 步长 h' },
        kind: 'number',
        min: 1e-4,
        max: 1,
      },
      {
        name: 'runSteps',
        parameter: 'steps',
        label: { en: 'Adam steps', zh: 'Adam 步数' },
        kind: 'integer',
        min: 1,
        max: 100_000,
      },
      {
        name: 'runSeed',
        parameter: 'seed',
        label: { en: 'seed', zh: '种子' },
        kind: 'integer',
        min: 0,
        max: 2 ** 31 - 1,
      },
    ],
    derived: (current) => ({
      hiddenSizes: [Number(current.runWidth), Number(current.runWidth)],
      // The whole training set in every step: full-batch Adam, as on the page.
      batchSize: Number(current.runTraj) * POINTS_PER_TRAJECTORY,
    }),
    // The page's observations per trajectory and held-out trajectories.
    fixed: { pointsPerTrajectory: POINTS_PER_TRAJECTORY, testTrajectories: 10 },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => ({
      runSystem: SYSTEM_OF_PAGE[values.system] ?? values.system,
      runWidth: values.width,
      runEta: values.eta,
      runTraj: values.traj,
      runNoise: values.noise,
      runHorizon: values.horizon,
      runStepSize: values.h,
      runSeed: values.seed,
    }),
    highlight: [
      'hnnEnergyMse',
      'baselineEnergyMse',
      'energyMseRatio',
      'hnnVectorFieldMse',
      'baselineVectorFieldMse',
    ],
  });
}
